#pragma once

// PythonRun: a student's own CPython program, run for real under ProcLab's Python probe and shown live.
//
// start() runs `INTERPRETER -m proclab_probe.run SCRIPT ARGS` in a process group of its own, with the probe first
// on PYTHONPATH (resources/python-probe: its sitecustomize loads the probe into every Python process of the
// program, whatever the start method). Each Python process connects to a unix socket owned by this run (an
// abstract name, random; a peer of another uid, or alive outside the run's process group, is refused, and the
// peer's pid from SO_PEERCRED is the one its records are filed under) and streams its records; the console of the whole
// process tree is two stream sockets with SO_PASSCRED, so each write is attributed to its pid and a 1 MB print
// works. Everything lands in this run's Context (events, console, process names), so players, Save Run and the
// Chrome export work as for ProcLab's own runs. The run is always drained: a slow window never stalls the program.
//
// Threads: the public functions are thread-safe; the sockets live on the Context's I/O thread.

#include "base/event.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <sys/types.h>

namespace proclab {

class Context;
class ProbeReader;
class ProbeTranslator;
struct Trace;

struct PythonRunOptions {
    QString script;
    QStringList arguments;
    QString interpreter; // a path, or a name looked up on PATH; empty: python3
    QString startMethod; // fork, spawn, forkserver; empty: the script's own choice
    int processes = 0; // > 0: os.cpu_count(), Pool() and ProcessPoolExecutor() without an argument use it
    QString probeDir; // empty: probeDirectory()
};

class PythonRun : public QObject {
    Q_OBJECT
public:
    explicit PythonRun(QObject* parent = nullptr);
    ~PythonRun() override; // a run still going is killed (its whole process group) and reaped

    Context& context() { return *m_context; }

    // Where the probe is: $PROCLAB_PROBE_DIR, else an install's share/proclab/python-probe, else a build tree's
    // byte-compiled copy, else the source tree's resources/python-probe. Empty when none holds proclab_probe/.
    static QString probeDirectory();
    // The interpreter's full path (a name is looked up on PATH), or empty.
    static QString resolveInterpreter(const QString& interpreter);
    // "3.11.7" from `INTERPRETER --version`, or empty (not a Python, or it did not answer within 5 s).
    static QString interpreterVersion(const QString& interpreter);

    bool start(const PythonRunOptions& options, QString* error);
    // SIGTERM to the program's process group, SIGKILL after `graceMs` to what is left.
    void stop(int graceMs = 1000);
    // SIGKILL to one process of the run (Kill Worker); false when it is not one of the run's live processes.
    bool killProcess(qint64 pid);

    bool isFinished() const;
    // Blocks until the run has finished (the main process exited and every process of it is gone or was killed).
    bool waitForFinished(int msecs);
    int exitCode() const; // the main process's: its exit status, or -signal
    qint64 mainPid() const;
    qint64 startNs() const;
    qint64 endNs() const;
    QString pythonVersion() const;
    // What the probe could not see (missing private names of that Python, records dropped): for the user.
    QStringList notes() const;
    // Every process of the run that reported, pid → name (MainProcess, SpawnPoolWorker-1, ...).
    std::map<qint64, QString> processNames() const;

    // The run so far as a Trace (the main Python process is its "engine").
    Trace trace(const QJsonObject& settings = {}) const;

Q_SIGNALS:
    // Queued to this object's thread once the run has finished.
    void finished(int exitCode);

private:
    struct Connection;
    void onAccept(); // loop thread
    void onConnectionReadable(int fd); // loop thread
    void readConnection(Connection& c); // loop thread
    void onConsoleReadable(int stream); // loop thread
    void onMainExited(); // loop thread
    void checkFinished(); // loop thread
    void finishRun(); // loop thread
    void record(const EventBatch& events); // loop thread
    void closeAll(); // loop thread

    std::unique_ptr<Context> m_context;
    std::unique_ptr<ProbeTranslator> m_translator; // loop thread only
    std::map<int, std::unique_ptr<Connection>> m_connections; // loop thread only, by fd
    std::map<qint64, int> m_connectionOfPid; // loop thread only
    int m_listen = -1;
    int m_console[2] = { -1, -1 }; // read ends: stdout, stderr
    bool m_consoleOpen[2] = { false, false };
    int m_pidFd = -1;
    bool m_mainExited = false; // loop thread
    bool m_graceArmed = false; // loop thread
    qint64 m_dropped = 0; // loop thread

    mutable std::mutex m_mutex;
    std::condition_variable m_done;
    bool m_started = false; // guarded by m_mutex
    bool m_finished = false; // guarded by m_mutex
    pid_t m_pid = -1; // guarded by m_mutex (also the process group)
    int m_exitCode = 0; // guarded by m_mutex
    qint64 m_startNs = 0; // guarded by m_mutex
    qint64 m_endNs = 0; // guarded by m_mutex
    QString m_pythonVersion; // guarded by m_mutex
    QStringList m_notes; // guarded by m_mutex
    std::map<qint64, QString> m_names; // guarded by m_mutex
};

} // namespace proclab
