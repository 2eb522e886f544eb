#pragma once

// Python's multiprocessing.Manager: a server process holding shared dicts and lists, used by other processes
// through proxies. Every proxy call is one request/response over a real socket to that one process, so all
// changes are serialised by the server, and a proxy can be handed to a child Process in its args.
//
// Engine side: Manager starts `proclab-worker --manager` (a single-threaded poll loop, like the forkserver),
// which listens on an abstract-namespace AF_UNIX address made of the engine's pid and a random token, and
// admits a connection only once it proves the manager's authkey. The stream on every connection is the
// wire.h framing (versioned preamble, length-prefixed CBOR arrays, parsed incrementally). See manager.cpp for
// the messages.
//
// When the server dies, a proxy call fails at once (EOF, refused connection) with ManagerDeadError; a server
// that stops answering fails calls after the proxy's timeout. Nothing waits forever.

#include "eventsink.h"
#include "kernel.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
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

namespace ManagerNs {
Q_NAMESPACE
// What a proxy asked the server for: the `value` of a ManagerCall event. Numbers are part of the protocol.
enum class Method : int {
    CreateDict = 1, // manager.dict()
    CreateList = 2, // manager.list()
    DictSet = 10, // d[k] = v
    DictGet = 11, // d.get(k, default)
    DictAt = 12, // d[k]
    DictContains = 13, // k in d
    DictRemove = 14, // del d[k]
    DictKeys = 15, // d.keys()
    DictItems = 16, // d.items()
    DictSize = 17, // len(d)
    DictCopy = 18, // d.copy()
    ListAppend = 30, // l.append(v)
    ListAt = 31, // l[i]
    ListSet = 32, // l[i] = v
    ListSize = 33, // len(l)
    ListReverse = 34, // l.reverse()
    ListCopy = 35, // l[:]
    ListExtend = 36, // l.extend(items)
};
Q_ENUM_NS(Method)
} // namespace ManagerNs
using ManagerMethod = ManagerNs::Method;

// How the method reads in Python ("d[k] = v", "l.append(v)"), for the stage and the timeline.
QString managerMethodDisplay(ManagerMethod method);

// Raised by a proxy whose manager process is gone: Python's EOFError, with the manager's name and pid.
class ManagerDeadError : public TaskException {
public:
    explicit ManagerDeadError(const QString& message)
        : TaskException(QStringLiteral("EOFError"), message)
    {
    }
};

// What every proxy shares: the connection to one manager and the identity of one object on it.
class BaseProxy {
public:
    BaseProxy() = default;

    bool isValid() const { return bool(m_client); }
    // The value to put into a Process's args; the child calls attach() on it.
    QCborValue handle() const;
    qint32 objectId() const { return m_eventObject; } // the ManagerCall events' object
    qint64 serverObject() const { return m_serverObject; }
    qint64 managerPid() const;
    // How long a call waits for the server's reply before raising TimeoutError (ms). It applies to the connection
    // (all proxies a Manager made share one) and travels in handle() to the proxies attached from it.
    void setTimeout(int ms);

protected:
    BaseProxy(
        std::shared_ptr<ManagerClient> client, QString type, qint64 serverObject, qint32 eventObject, EventSink* sink);
    // Connects to the manager named in `handle` (a new connection, as Python's unpickled proxy makes).
    // Throws TypeError for a handle of another kind, ManagerDeadError when the manager is gone.
    BaseProxy(const QCborValue& handle, const QString& type, EventSink* engine);

    QCborValue call(ManagerMethod method, const QCborArray& args = {}) const;

    std::shared_ptr<ManagerClient> m_client;
    QString m_type;
    qint64 m_serverObject = -1;
    qint32 m_eventObject = -1;
    EventSink* m_sink = nullptr; // where ManagerCall events go (a worker's channel or the engine)
};

// Python's DictProxy. Keys compare as in Python (1 == 1.0 == True); a list or dict as a key raises TypeError.
class DictProxy : public BaseProxy {
public:
    DictProxy() = default;
    // In the process that received `handle` (a child's target): events go to its channel, or to `engine`.
    static DictProxy attach(const QCborValue& handle, EventSink* engine = nullptr);

    void set(const QCborValue& key, const QCborValue& value); // d[key] = value
    QCborValue get(const QCborValue& key, const QCborValue& fallback = QCborValue(QCborValue::Null)) const;
    QCborValue at(const QCborValue& key) const; // d[key]: KeyError when missing
    bool contains(const QCborValue& key) const;
    void remove(const QCborValue& key); // del d[key]: KeyError when missing
    QCborArray keys() const;
    QCborArray items() const; // (key, value) tuples, in insertion order
    qint64 size() const;
    QCborMap toMap() const; // d.copy(), in insertion order: pyRepr() prints what print(d) prints

private:
    friend class Manager;
    DictProxy(std::shared_ptr<ManagerClient> client, qint64 serverObject, qint32 eventObject, EventSink* sink)
        : BaseProxy(std::move(client), QStringLiteral("dict"), serverObject, eventObject, sink)
    {
    }
    DictProxy(const QCborValue& handle, EventSink* engine)
        : BaseProxy(handle, QStringLiteral("dict"), engine)
    {
    }
};

// Python's ListProxy. Indexes may be negative, as in Python; out of range raises IndexError.
class ListProxy : public BaseProxy {
public:
    ListProxy() = default;
    static ListProxy attach(const QCborValue& handle, EventSink* engine = nullptr);

    void append(const QCborValue& value);
    void extend(const QCborArray& values);
    QCborValue at(qint64 index) const;
    void set(qint64 index, const QCborValue& value);
    qint64 size() const;
    void reverse();
    QCborArray toList() const; // l[:]

private:
    friend class Manager;
    ListProxy(std::shared_ptr<ManagerClient> client, qint64 serverObject, qint32 eventObject, EventSink* sink)
        : BaseProxy(std::move(client), QStringLiteral("list"), serverObject, eventObject, sink)
    {
    }
    ListProxy(const QCborValue& handle, EventSink* engine)
        : BaseProxy(handle, QStringLiteral("list"), engine)
    {
    }
};

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

    static constexpr int DefaultTimeoutMs = 30'000;
    static constexpr int StartTimeoutMs = 5'000;

Q_SIGNALS:
    void serverStarted(qint64 pid);
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

// `proclab-worker --manager --control FD --lifeline FD --parent PID`: the server's main. Returns its exit code.
int runManagerServer(int argc, char** argv);

} // namespace proclab
