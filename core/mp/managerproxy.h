#pragma once

// Python's multiprocessing.Manager: a server process holding shared dicts and lists, used by other processes
// through proxies. Every proxy call is one request/response over a real socket to that one process, so all
// changes are serialised by the server, and a proxy can be handed to a child Process in its args.
//
// Engine side: Manager starts `proclab-worker --manager` (a single-threaded poll loop, like the forkserver),
// which listens on an abstract-namespace AF_UNIX address made of the engine's pid and a random token, and
// admits a connection only once it proves the manager's authkey. The stream on every connection is the
// wire.h framing (versioned preamble, length-prefixed CBOR arrays, parsed incrementally). See
// base/managerprotocol.h for the messages.
//
// When the server dies, a proxy call fails at once (EOF, refused connection) with ManagerDeadError; a server
// that stops answering fails calls after the proxy's timeout. Nothing waits forever.

#include "base/eventsink.h"
#include "mp/kernel.h"
#include "mp/managerclient.h"

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

class ManagerClient;

// What every proxy shares: the connection to one manager and the identity of one object on it.
class BaseProxy {
public:
    BaseProxy() = default;

    bool isValid() const { return bool(m_client); }
    // The value to put into a Process's args; the child calls attach() on it.
    QCborValue handle() const;
    qint32 objectId() const { return m_eventObject; } // the ManagerCall events' object
    qint64 serverObject() const { return m_serverObject; }
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

} // namespace proclab
