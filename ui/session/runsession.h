#pragma once

// One run for the animation: a workload run once or a tutorial demo, on its own Context in its own thread, or a
// student's own Python script under real CPython (PythonRun: its processes, its probe's events, its console).
// Everything the engine reports (event batches, console output with the writer's pid, the names of the
// processes, the outcome) reaches the owner's thread by queued signals. Nothing outlives the session: the
// destructor stops the run and joins its thread, and the Context reaps every process it started.

#include "content/workload.h"
#include "engine/context.h"
#include "engine/startmethod.h"

#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>

class QThread;
class QTimer;

namespace proclab {

class PythonRun;

struct RunRequest {
    enum class Kind { Workload, Demo, Python };
    Kind kind = Kind::Workload;
    QString name; // the workload's or the demo's; a script's file name
    Params params; // workload only
    int processes = 2; // pool size (workload) or DemoOptions::processes
    ExecutorKind executor = ExecutorKind::Process; // workload only
    StartMethod startMethod = DefaultStartMethod;
    Scheduling scheduling = Scheduling::Dynamic; // workload only
    int chunksize = 0; // workload only; 0: Python's default
    qint64 paceNs = 0; // a real delay before each pool task
    // Python: the script, its arguments, the interpreter (empty: python3 on PATH) and the start method it gets as
    // its default (empty: the script's own choice). processes > 0 is what os.cpu_count() and Pool() see.
    QString script;
    QStringList arguments;
    QString interpreter;
    QString pythonStartMethod;

    QJsonObject toJson() const; // the settings recorded with a saved run
    static RunRequest fromJson(const QJsonObject& json); // what toJson wrote; missing keys keep defaults
    QString describe() const; // one line for people
};

struct RunOutcome {
    enum class Status { Ok, Failed, Stopped };
    Status status = Status::Ok;
    QString message; // why it failed
    QString summary; // a workload's one-line result
    bool verified = false; // a workload's result matched the serial computation
    QString verifyDetail;
    int exitCode = 0; // a demo's or a script's (-N: killed by signal N)
    QStringList notes; // what happened on the way to the result: an MPI farm's rank lost and its chunk dealt again
    qint64 wallNs = 0;
};

class RunSession : public QObject {
    Q_OBJECT
public:
    explicit RunSession(const RunRequest& request, QObject* parent = nullptr);
    ~RunSession() override; // stops the run and joins its thread

    const RunRequest& request() const { return m_request; }
    // The events' "main process": this process, or a script's main Python process once start() has returned.
    qint64 enginePid() const;

    // A script's process is started here, before start() returns (enginePid() is then known); a script that cannot
    // start finishes at once with the reason.
    void start();
    // A workload's execute() is cancelled; a demo's workers are killed (until the demo returns) so that its
    // blocking calls fail. The run then finishes with Status::Stopped.
    void stop();
    bool isRunning() const { return m_running; }
    bool stopRequested() const { return m_stop.load(); }

    // SIGKILLs a process this run's Context started and that has not exited. False, with a reason, otherwise.
    bool killWorker(qint64 pid, QString* error = nullptr);
    // The processes this run started so far (their names known), exited ones included.
    QSet<qint64> processes() const;

Q_SIGNALS:
    // All delivered queued on the session's thread (the GUI's), in the order the engine produced them.
    void eventsAvailable(const proclab::EventBatch& batch);
    void consoleOutput(const proclab::ConsoleChunk& chunk);
    void processNamed(qint64 pid, const QString& name); // before the first batch or chunk that mentions pid
    void processRaised(qint64 pid, const proclab::ProcessError& error); // the exception ending a process
    void finished(const proclab::RunOutcome& outcome);

private:
    void runInThread(); // the run's thread
    RunOutcome runWorkload(Context& context);
    RunOutcome runDemo(Context& context);
    RunOutcome runPython(); // the run's thread: waits for the script started by start()
    void startPython(); // owner's thread
    void hook(Context& context); // its events and console to this session's signals (named as they come)
    // I/O or run thread: names the processes of `pids` not named yet.
    void nameNewProcesses(Context& context, const QList<qint64>& pids);
    void killAllWorkers(); // while stopping a demo
    void onThreadFinished();

    RunRequest m_request;
    QThread* m_thread = nullptr;
    QTimer* m_stopTimer = nullptr;
    bool m_running = false; // owner's thread
    std::atomic<bool> m_stop { false };
    RunOutcome m_outcome; // written by the run thread before it ends, read after
    std::unique_ptr<PythonRun> m_python; // a script's run (made by start(), gone with the session)
    QString m_pythonError; // why the script could not start
    std::atomic<qint64> m_pythonPid { 0 }; // read on the I/O thread too

    mutable std::mutex m_mutex;
    Context* m_context = nullptr; // the run's, while it exists; guarded by m_mutex
    QSet<qint64> m_named; // guarded by m_mutex
    QSet<qint64> m_exited; // guarded by m_mutex
};

} // namespace proclab

Q_DECLARE_METATYPE(proclab::RunOutcome)
