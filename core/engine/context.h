#pragma once

// A Context is one engine: Python's multiprocessing context (get_context('spawn')) made concrete. It owns
// the I/O thread that talks to workers, the console that all its workers share, the lifeline that kills
// them when the engine dies, the forkserver (when that is the start method) and the run's events.
// Pools and Processes are created on a Context and must be destroyed before it.

#include "base/event.h"
#include "base/eventsink.h"
#include "base/platform.h"
#include "engine/processsampler.h"
#include "engine/startmethod.h"
#include "mp/objecthost.h"

#include <QByteArray>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/types.h>
#include <vector>

namespace proclab {

class ForkServer;
class IoLoop;

struct ConsoleChunk {
    qint64 tNs = 0;
    qint64 pid = 0;
    int stream = 1; // 1 stdout (the shared console), 2 stderr (the process's own)
    QByteArray text;
};

class Context;

// While it lives, another Context's events and console are handed on as one Context's own (Context::forwardFrom).
// Its end unhooks them: after it, nothing more arrives from the source.
class Forwarding {
public:
    Forwarding(QMetaObject::Connection events, QMetaObject::Connection console);
    ~Forwarding();
    Forwarding(const Forwarding&) = delete;
    Forwarding& operator=(const Forwarding&) = delete;

private:
    QMetaObject::Connection m_events;
    QMetaObject::Connection m_console;
};

class Context : public QObject, public ObjectHost {
    Q_OBJECT
public:
    explicit Context(StartMethod method = DefaultStartMethod, QObject* parent = nullptr);
    ~Context() override;

    StartMethod startMethod() const { return m_method; }

    // proclab-worker: $PROCLAB_WORKER, else next to the running executable (a build tree), else where an install
    // puts it relative to the executable (bin/../libexec/proclab, whatever the prefix), else on PATH.
    static QString defaultWorkerPath();
    // An installed copy's read-only data (bin/../share/proclab: the Python programs, the Python probe), found
    // relative to the running executable; empty when it is not there (a build tree).
    static QString installedDataDir();
    QString workerPath() const { return m_workerPath; }
    // proclab-lean-worker beside proclab-worker: what the spawn start method starts for a pool's workers (it is
    // ready without loading Qt and becomes proclab-worker at the first task that needs it; app/leanworker). Empty
    // when it is not there, or when $PROCLAB_LEAN_WORKER is 0 or setLeanWorker(false) said so (pool workers then
    // start as proclab-worker).
    QString leanWorkerPath() const { return m_leanWorker ? m_leanWorkerPath : QString(); }
    void setLeanWorker(bool on) { m_leanWorker = on; }

    IoLoop* loop() const { return m_loop.get(); }
    // The run's events, kept only while something will read them (see EventLog).
    EventLog& events() { return m_events; }
    void recordEvent(const Event& e) { m_events.append(e); }
    // EventSink: an event of the engine process itself (worker -1).
    void emitEvent(EventKind kind, qint32 object, qint64 task, qint64 value) override;
    bool wantsEvents() const override { return m_events.wanted(); }
    // ObjectHost: a new id for a queue, lock, pipe... shown in events and on the stage.
    qint32 nextObjectId() override;

    // The console kept: the newest MaxConsoleBytes of it (older chunks leave, counted by consoleDropped()).
    static constexpr qsizetype MaxConsoleBytes = 16 * 1024 * 1024;
    std::vector<ConsoleChunk> console() const;
    qint64 consoleDropped() const;
    QByteArray consoleText() const; // everything printed, in arrival order, as a shared terminal shows it

    // Python's counter behind the default names Process-1, Process-2, ...
    int nextProcessNumber();
    int nextPoolWorkerNumber();

    // Loop thread only: descriptors handed to each worker, and the forkserver (started on first use).
    int consoleWriteFd() const { return m_consoleWrite; }
    int devNullFd() const { return m_devNull; }
    // The events page every worker maps read-only (engine/fault.h, EventsWantedFd), or -1 if it could not be made.
    int eventsPageFd() const { return m_eventsPageFd; }
    int lifelineReadFd() const { return m_lifelineRead; }
    ForkServer* forkServer(QString* error);
    qint64 forkServerStartupNs() const;

    // Any thread: whoever runs on this context is being stopped (the window's Stop during a demo). From then on
    // a Pool whose worker dies gives up rather than starting a replacement: its pending tasks fail with `why`, so a
    // program blocked in map() returns once its workers are killed. Empty while no stop was asked for.
    void requestStop(const QString& why);
    QString stopRequested() const;

    // Thread-safe: called by workers' handles so console output can name the process.
    void registerProcess(pid_t pid, const QString& name);
    QString processName(pid_t pid) const;
    // Thread-safe: what a worker used, as the kernel counted it when the worker was reaped (by the engine, or by
    // the forkserver, which sends it along). None for a process not reaped yet, or one that died with the server.
    void recordProcessUsage(pid_t pid, const platform::ProcessUsage& usage);
    std::optional<platform::ProcessUsage> processUsage(pid_t pid) const;
    // Thread-safe: from now until it ends, local process `pid` is read every samplingPeriodNs() for its CPU use and
    // resident memory, recorded as ProcessSample events (engine/processsampler.h) while the events are wanted.
    // Callers add the processes a picture shows: ProcLab's workers and Manager server with the engine itself (the
    // parent on the stage), a student's Python processes; never a remote MPI rank.
    void sampleProcess(pid_t pid);
    // 0 turns sampling off. Default: $PROCLAB_SAMPLE_MS milliseconds if set (0: off), else 100 ms. Any thread.
    void setSamplingPeriodNs(qint64 ns);
    qint64 samplingPeriodNs() const { return m_samplePeriodNs.load(std::memory_order_relaxed); }
    void publishConsole(ConsoleChunk chunk);
    // Thread-safe: the exception that is ending process `pid`; kept, and emitted as processRaised.
    void reportProcessError(qint64 pid, const ProcessError& error);
    std::map<qint64, ProcessError> processErrors() const;

    // Publishes pending events (the I/O thread does it at frame rate); `drain` publishes even the newest.
    void publishEvents(bool drain = false);
    // Another engine's run handed on as this Context's own (a student's Python program in a sweep, core/python):
    // whoever follows this Context gets its events and console in the order they come; nothing is recorded here.
    void forwardEvents(const EventBatch& batch) { Q_EMIT eventsAvailable(batch); }
    void forwardConsole(const ConsoleChunk& chunk) { Q_EMIT consoleOutput(chunk); }
    // Every batch and console chunk `source` publishes, forwarded as above (on the source's I/O thread, each batch
    // shown to `inspect` first when given), for as long as the returned object lives.
    [[nodiscard]] Forwarding forwardFrom(Context* source, std::function<void(const EventBatch&)> inspect = {});

Q_SIGNALS:
    // Emitted on the I/O thread, at most at frame rate, in time order within and across batches
    // (events reaching the engine more than 20 ms late may slot in the next batch).
    void eventsAvailable(const proclab::EventBatch& batch);
    // Emitted on the I/O thread for every write a process made to the console or to its stderr.
    void consoleOutput(const proclab::ConsoleChunk& chunk);
    // Emitted on the reporting thread (the I/O thread for a Python run) when a process's exception is reported.
    void processRaised(qint64 pid, const proclab::ProcessError& error);

protected:
    // The log keeps pending events only while eventsAvailable has a receiver (or it records).
    void connectNotify(const QMetaMethod& signal) override;
    void disconnectNotify(const QMetaMethod& signal) override;

private:
    mutable std::mutex m_stopMutex;
    QString m_stopReason; // guarded by m_stopMutex
    void onConsoleReadable();
    void sampleProcesses(); // loop thread only

    StartMethod m_method;
    QString m_workerPath;
    QString m_leanWorkerPath;
    bool m_leanWorker = true;
    std::unique_ptr<IoLoop> m_loop;
    EventLog m_events;
    int m_consoleRead = -1;
    int m_consoleWrite = -1;
    int m_devNull = -1;
    int m_eventsPageFd = -1;
    std::atomic<qint32>* m_eventsPage = nullptr; // mapped shared; the log writes whether its events are wanted
    int m_lifelineRead = -1;
    int m_lifelineWrite = -1;
    std::unique_ptr<ForkServer> m_forkServer; // loop thread only
    ProcessSampler m_sampler; // loop thread only
    qint64 m_sampleDueNs = 0; // loop thread only: m_sampler.nextDueNs() after its last change
    std::atomic<qint64> m_samplePeriodNs { ProcessSampler::DefaultPeriodNs };

    mutable std::mutex m_mutex;
    std::deque<ConsoleChunk> m_console; // guarded by m_mutex
    qsizetype m_consoleBytes = 0; // guarded by m_mutex: the text in m_console
    qint64 m_consoleDropped = 0; // guarded by m_mutex: chunks that left the ring
    std::map<pid_t, QString> m_names; // guarded by m_mutex
    std::map<pid_t, platform::ProcessUsage> m_usage; // guarded by m_mutex
    std::map<qint64, ProcessError> m_errors; // guarded by m_mutex
    int m_processCounter = 0; // guarded by m_mutex
    int m_poolWorkerCounter = 0; // guarded by m_mutex
    std::atomic<qint32> m_objectCounter { 0 };
};

} // namespace proclab

Q_DECLARE_METATYPE(proclab::ConsoleChunk)
