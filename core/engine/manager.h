#pragma once

// The engine's handle on a manager server process (Python's SyncManager): starts `proclab-worker --manager` on a
// Context and hands out the proxies of mp/managerproxy.h. The server is worker/managerserver.h.

#include "base/managerprotocol.h"
#include "mp/managerproxy.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/types.h>
#include <utility>

namespace proclab {

class Context;
class ManagerClient;

// The engine's handle on the manager server process: Python's SyncManager. Thread-safe; signals are emitted
// on the thread that caused them (start() on the caller's, exits on the Context's I/O thread).
// Must be destroyed before its Context.
class Manager : public QObject {
    Q_OBJECT
public:
    enum class StartPolicy { Now, Later }; // Later: connect the signals, then call start()
    Q_ENUM(StartPolicy)

    // With StartPolicy::Now (Python's multiprocessing.Manager()), starts the server before returning and throws
    // TaskException (OSError) if it cannot. The server is named SyncManager-N, N from the Process counter.
    explicit Manager(Context* context, StartPolicy policy = StartPolicy::Now, QObject* parent = nullptr);
    ~Manager() override; // shutdown()

    void start(); // blocks until the server listens (at most 5 s); throws TaskException on failure
    // Stops the server and reaps it: asks it to exit, kills it if it has not within a second. Proxies fail
    // with ManagerDeadError afterwards. Calling it again, or after the server died, does nothing.
    void shutdown();

    DictProxy dict(const QList<std::pair<QCborValue, QCborValue>>& initial = {});
    ListProxy list(const QCborArray& initial = {});

    QString name() const { return m_name; }
    QString address() const { return m_address; } // abstract AF_UNIX name, without the leading NUL
    qint64 pid() const;
    qint32 objectId() const { return m_objectId; }
    bool isRunning() const;
    std::optional<int> exitCode() const; // once the server exited: 0, or minus the signal that killed it
    QString failure() const; // why it ended unasked, if it did

    static constexpr int DefaultTimeoutMs = managerproto::DefaultTimeoutMs;
    static constexpr int StartTimeoutMs = managerproto::StartTimeoutMs;

Q_SIGNALS:
    void serverFinished(int exitCode); // it exited after shutdown()
    void serverFailed(const QString& reason); // it died unasked (killed, crashed)

private:
    void onExited(int waitStatus); // I/O thread
    void releaseDescriptors(); // I/O thread

    Context* m_context;
    QString m_name;
    QString m_address;
    QByteArray m_authkey;
    qint32 m_objectId = -1;
    std::shared_ptr<ManagerClient> m_client; // the engine's own connection (creates, parent proxies)

    int m_control = -1; // I/O thread once started: closing it asks the server to exit
    int m_pidFd = -1; // I/O thread

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    pid_t m_pid = -1; // guarded by m_mutex
    bool m_running = false; // guarded by m_mutex
    bool m_exited = false; // guarded by m_mutex
    bool m_stopping = false; // guarded by m_mutex: an exit from now on is finished, not failed
    int m_exitCode = 0; // guarded by m_mutex
    QString m_failure; // guarded by m_mutex
};

} // namespace proclab
