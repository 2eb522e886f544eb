#pragma once

// Python's multiprocessing.Process: one real worker process running one target.

#include "mp/function.h"

#include <QCborValue>
#include <QObject>

#include <condition_variable>
#include <mutex>
#include <optional>

namespace proclab {

class Context;
class WorkerProcess;

class Process : public QObject {
    Q_OBJECT
public:
    // An empty name gives Python's default, Process-N (N counts every Process made on the context).
    Process(Context* context, const Function& target, const QCborValue& args = {}, const QString& name = {},
        QObject* parent = nullptr);
    ~Process() override; // a process still running is killed and reaped: nothing outlives its handle

    QString name() const { return m_name; }
    // Starts the process and returns once it is up (its pid known). Throws PoolError if it cannot start.
    void start();
    // Waits for it to exit (ms; -1 forever). True if it has exited.
    bool join(int timeoutMs = -1);
    void terminate(); // SIGTERM
    void kill(); // SIGKILL
    bool isAlive() const;
    qint64 pid() const;
    // Exit code once it has exited: 0, the code it exited with (1 when the target raised), or minus the
    // number of the signal that killed it, as in Python.
    std::optional<int> exitCode() const;
    QString failure() const; // why it ended unasked (crash, kill), if it did

Q_SIGNALS:
    void started(qint64 pid); // on the I/O thread
    void finished(int exitCode); // on the I/O thread

private:
    Context* m_context;
    Function m_target;
    QCborValue m_args;
    QString m_name;
    WorkerProcess* m_proc = nullptr; // owned; created and destroyed on the loop thread

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_started = false; // guarded
    bool m_exited = false; // guarded
    qint64 m_pid = 0; // guarded
    int m_exitCode = 0; // guarded
    QString m_failure; // guarded
};

} // namespace proclab
