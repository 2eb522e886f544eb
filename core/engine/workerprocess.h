#pragma once

// The engine's handle on one worker process: starts it (spawn or forkserver), owns its private channel
// and its stderr pipe, and reports its life as events. Lives on the Context's I/O thread; all calls and
// callbacks happen there.
//
// It reports through std::function callbacks, not signals, like the other I/O-thread classes (IoLoop's
// handlers, ForkServer's fork and exit callbacks): each has exactly one listener, the Pool or Process that owns
// this object (and outlives it), on the same thread, so a signal's queued delivery and connection bookkeeping
// buy nothing, and the per-message ones are the hot path. Signals are for what crosses threads: Process
// and Manager re-emit what the application needs to see.

#include "base/messages.h"
#include "base/platform.h"
#include "base/wire.h"
#include "engine/fault.h"
#include "engine/startmethod.h"

#include <QByteArray>
#include <QCborArray>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>
#include <sys/types.h>

namespace proclab {

class Context;
class ForkServer;

class WorkerProcess : public QObject {
    Q_OBJECT
public:
    enum class State { NotStarted, Starting, Ready, Exited };
    Q_ENUM(State)

    WorkerProcess(Context* context, int index, const QString& name, qint64 paceNs = 0, QObject* parent = nullptr);

    // How long a started worker has to say it is ready before it is killed and reported (workerFailed):
    // $PROCLAB_WORKER_START_TIMEOUT_MS, else DefaultStartupTimeoutMs.
    static constexpr int DefaultStartupTimeoutMs = 60'000;
    static int startupTimeoutMs();
    ~WorkerProcess() override; // kills the process if it still runs, and reaps it

    // Descriptors the child gets besides its standard ones (pipe ends passed in a Process's args).
    // Child numbers must be >= 10. Call before start(); the caller keeps its own copies.
    void setInheritedFds(const QList<platform::FdMapping>& fds) { m_inherited = fds; }
    // Faults it will inject on purpose (see Fault). Call before start().
    void setFaults(const QList<Fault>& faults) { m_faults = faults; }

    // Starts the process. Returns false (with a message) only when it could not even be started;
    // later trouble is reported by onFailed.
    bool start(QString* error);

    void send(const QCborArray& message); // queued; call flush() after a batch
    void flush();
    // Asks it to quit after what it was sent (a deliberate stop: reported as onFinished).
    void quit();
    void expectExit() { m_exitExpected = true; } // it was given a Run: exiting is how it finishes
    void terminate(); // SIGTERM to its process group, deliberate
    void kill(); // SIGKILL to its process group, deliberate
    // SIGKILL to its process group, not deliberate: reported by onFailed with `why` (a task deadline).
    void abort(const QString& why);

    int index() const { return m_index; }
    QString name() const { return m_name; }
    pid_t pid() const { return m_pid; }
    State state() const { return m_state; }
    qint64 spawnNs() const { return m_spawnNs; }
    qint64 readyNs() const { return m_readyNs; }
    bool exitExpected() const { return m_exitExpected; }
    int exitCode() const { return m_exitCode; }
    int waitStatus() const { return m_waitStatus; } // raw, once Exited
    QStringList stderrTail() const { return m_stderrTail; } // the last lines it wrote to stderr (bounded)
    // What it said it was doing last (a pool worker keeps this current per task); readable after its death.
    WorkerStatus::Snapshot status() const { return m_status ? m_status->read() : WorkerStatus::Snapshot(); }
    bool hasStatus() const { return m_status != nullptr; }

    // Set before start(); each may be empty. Called on the I/O thread; a callback must not delete this object.
    std::function<void(int index, qint64 pid)> onReady; // it said Ready
    // Each Started and Done message the worker sends, decoded.
    std::function<void(const wire::Started&)> onChunkStarted;
    std::function<void(const wire::Done&)> onChunksDone;
    // Once all messages of one read have been handled: the place to act on a batch (dispatch, flush).
    std::function<void()> onBatchEnd;
    // It exited when asked to, or ran its course.
    std::function<void(int index, qint64 pid, int exitCode)> onFinished;
    // It died or misbehaved unasked (reported once).
    std::function<void(int index, qint64 pid, const QString& reason)> onFailed;

private:
    void onChannel(short revents);
    void onStderr();
    bool handleMessage(const QCborArray& msg); // false when the worker is failed for it
    void recordWorkerEvents(const QCborArray& flat);
    void onExited(int waitStatus, const std::optional<platform::ProcessUsage>& usage);
    void watchExit();
    void protocolError(const QString& why);
    void signalGroup(int signal);
    void sendSignal(int signal); // to the worker's group, safely against pid reuse (see the definition)

    Context* m_context;
    int m_index;
    QString m_name;
    qint64 m_paceNs;
    pid_t m_pid = -1;
    State m_state = State::NotStarted;
    int m_channel = -1;
    int m_stderr = -1;
    int m_pidFd = -1;
    bool m_exitExpected = false;
    bool m_channelClosed = false;
    bool m_failedReported = false;
    int m_exitCode = 0;
    int m_waitStatus = 0;
    QString m_abortReason;
    int m_pendingSignal = 0; // sent once the forkserver tells us the pid
    QPointer<ForkServer> m_forkServer; // the server that forked this worker (forkserver start method)
    QList<Fault> m_faults;
    WorkerStatus* m_status = nullptr; // shared with the process; ours to unmap
    qint64 m_spawnNs = 0;
    qint64 m_readyNs = 0;
    wire::FrameReader m_reader;
    QByteArray m_out; // the preamble goes first
    qsizetype m_outPos = 0;
    QByteArray m_stderrPartial;
    QList<platform::FdMapping> m_inherited;
    QStringList m_stderrTail;
};

} // namespace proclab
