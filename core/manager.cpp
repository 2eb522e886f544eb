#include "manager.h"

#include "clock.h"
#include "context.h"
#include "handle.h"
#include "ioloop.h"
#include "platform.h"
#include "pyformat.h"
#include "wire.h"

#include <QHash>
#include <QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <map>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

// The manager protocol. Every stream starts with wire.h's preamble and carries wire.h frames (a CBOR array
// whose first element is the message type).
//
// Control socket (engine <-> server, a socketpair given as fd 3):
//   engine: [Config, protocolVersion, address, authkey]   once, right after the spawn
//           [Shutdown]                                     exit now (EOF on the socket means the same)
//   server: [Ready, pid, tReadyNs]                         listening: proxies may connect
//           [Fatal, message]                               could not start (then exits 3)
// Proxy connections (abstract AF_UNIX stream socket, one per proxy connection, served one message at a time):
//   proxy:  [Hello, protocolVersion, authkey, pid]         first; a wrong key is refused (AuthenticationError)
//           [Call, requestId, object, method, [args...]]   object 0 is the manager itself (CreateDict/List)
//   server: [Welcome, protocolVersion, pid]
//           [Result, requestId, value]
//           [Error, requestId, type, message]              requestId 0: about the connection, which then closes

namespace proclab {

namespace {

constexpr int ProtocolVersion = 1;
constexpr qsizetype MaxFrame = 64 * 1024 * 1024;
constexpr qsizetype MaxPendingReplies = 64 * 1024 * 1024; // a proxy that never reads is dropped

enum class Msg : int {
    Hello = 1,
    Call = 3,
    Welcome = 20,
    Result = 21,
    Error = 22,
    Config = 40,
    Shutdown = 41,
    Ready = 50,
    Fatal = 51,
};

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

bool fillAddress(const QString& name, sockaddr_un* sa, socklen_t* len)
{
    const QByteArray bytes = name.toUtf8();
    if (bytes.isEmpty() || size_t(bytes.size()) + 1 > sizeof sa->sun_path)
        return false;
    std::memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    sa->sun_path[0] = '\0'; // abstract namespace: no file to clean up, gone with the last descriptor
    std::memcpy(sa->sun_path + 1, bytes.constData(), size_t(bytes.size()));
    *len = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(bytes.size()));
    return true;
}

QByteArray frameWithPreamble(const QCborArray& msg)
{
    QByteArray out = wire::preamble();
    wire::appendFrame(out, msg);
    return out;
}

// ---- The shared objects, as the server holds them ----

// Python compares dict keys by value across numeric types (1 == 1.0 == True) and refuses mutable keys.
// The normalised key's CBOR encoding is the lookup key; the key as first inserted is what is shown.
QCborValue normalisedKey(const QCborValue& key)
{
    if (key.isBool())
        return qint64(key.toBool() ? 1 : 0);
    if (key.isDouble()) {
        const double d = key.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
            return qint64(d); // also folds -0.0 into 0
        return key;
    }
    if (key.isArray())
        throw TaskException(QStringLiteral("TypeError"), QStringLiteral("unhashable type: 'list'"));
    if (key.isMap())
        throw TaskException(QStringLiteral("TypeError"), QStringLiteral("unhashable type: 'dict'"));
    if (key.isTag() && key.tag() == QCborTag(PyTupleTag) && key.taggedValue().isArray()) {
        QCborArray items;
        for (const auto& item : key.taggedValue().toArray())
            items.append(normalisedKey(item));
        return pyTuple(items);
    }
    return key;
}

QByteArray keyBytes(const QCborValue& key)
{
    return normalisedKey(key).toCbor();
}

// Insertion-ordered, as Python's dict: entries by insertion sequence, an index from key to sequence.
class SharedDict {
public:
    void set(const QCborValue& key, const QCborValue& value)
    {
        const QByteArray k = keyBytes(key);
        const auto it = m_index.constFind(k);
        if (it != m_index.cend()) {
            m_entries[*it].second = value; // an existing key keeps its place and its first spelling
            return;
        }
        m_index.insert(k, m_nextSeq);
        m_entries.emplace(m_nextSeq++, std::make_pair(key, value));
    }
    const QCborValue* find(const QCborValue& key) const
    {
        const auto it = m_index.constFind(keyBytes(key));
        return it == m_index.cend() ? nullptr : &m_entries.at(*it).second;
    }
    bool remove(const QCborValue& key)
    {
        const auto it = m_index.find(keyBytes(key));
        if (it == m_index.end())
            return false;
        m_entries.erase(*it);
        m_index.erase(it);
        return true;
    }
    qint64 size() const { return qint64(m_entries.size()); }
    QCborArray keys() const
    {
        QCborArray out;
        for (const auto& [seq, kv] : m_entries)
            out.append(kv.first);
        return out;
    }
    QCborArray items() const
    {
        QCborArray out;
        for (const auto& [seq, kv] : m_entries)
            out.append(pyTuple({ kv.first, kv.second }));
        return out;
    }
    QCborMap copy() const
    {
        QCborMap out; // QCborMap keeps insertion order; keys are distinct as CBOR values too
        for (const auto& [seq, kv] : m_entries)
            out.insert(kv.first, kv.second);
        return out;
    }

private:
    std::map<qint64, std::pair<QCborValue, QCborValue>> m_entries;
    QHash<QByteArray, qint64> m_index;
    qint64 m_nextSeq = 0;
};

struct SharedObject {
    enum class Type { Dict, List } type = Type::Dict;
    SharedDict dict;
    std::vector<QCborValue> list;
};

// Python's index rules: negative counts from the end; out of range raises IndexError with its message.
size_t listIndex(const std::vector<QCborValue>& list, const QCborValue& index, const char* outOfRange)
{
    if (!index.isInteger())
        throw TaskException(QStringLiteral("TypeError"), QStringLiteral("list indices must be integers or slices"));
    qint64 i = index.toInteger();
    const qint64 n = qint64(list.size());
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        throw TaskException(QStringLiteral("IndexError"), QString::fromLatin1(outOfRange));
    return size_t(i);
}

// ---- The server process ----

class ManagerServer {
public:
    ManagerServer(int control, int lifeline)
        : m_control(control)
        , m_lifeline(lifeline)
    {
    }

    int run()
    {
        QString error;
        if (!readConfig(&error) || !listen(&error)) {
            sendControl({ int(Msg::Fatal), error });
            std::fprintf(stderr, "proclab-worker --manager: %s\n", qPrintable(error));
            return 3;
        }
        if (!sendControl({ int(Msg::Ready), qint64(getpid()), monotonicNs() }))
            return 0; // the engine is already gone
        platform::setNonBlocking(m_control);
        for (;;) {
            std::vector<pollfd> fds;
            fds.push_back({ m_control, POLLIN, 0 });
            fds.push_back({ m_lifeline, short(m_lifeline >= 0 ? POLLIN : 0), 0 });
            fds.push_back({ m_listen, POLLIN, 0 });
            for (const auto& c : m_clients)
                fds.push_back({ c->fd, short(POLLIN | (c->out.size() > c->outPos ? POLLOUT : 0)), 0 });
            if (::poll(fds.data(), nfds_t(fds.size()), -1) < 0) {
                if (errno == EINTR)
                    continue;
                return stop(3);
            }
            if (fds[1].revents)
                return stop(0); // the engine died: so do we
            if (fds[0].revents && !onControl())
                return stop(0); // shutdown(), or the engine closed its end
            if (fds[2].revents)
                acceptClients();
            // Clients by descriptor: acceptClients() may have appended, onClient() may erase.
            for (size_t i = 3; i < fds.size(); ++i) {
                if (!fds[i].revents)
                    continue;
                const auto it = std::find_if(
                    m_clients.begin(), m_clients.end(), [&](const auto& c) { return c->fd == fds[i].fd; });
                if (it != m_clients.end() && !onClient(**it, fds[i].revents)) {
                    ::close((*it)->fd);
                    m_clients.erase(it);
                }
            }
        }
    }

private:
    struct Client {
        int fd = -1;
        qint64 pid = 0; // from SO_PEERCRED, for messages
        bool greeted = false;
        wire::FrameReader reader { MaxFrame };
        QByteArray out;
        qsizetype outPos = 0;
    };

    int stop(int code)
    {
        for (const auto& c : m_clients)
            ::close(c->fd); // proxies waiting for a reply see EOF at once
        m_clients.clear();
        platform::closeFd(m_listen);
        return code;
    }

    bool sendControl(const QCborArray& msg)
    {
        QByteArray out;
        if (!m_sentPreamble)
            out = wire::preamble();
        m_sentPreamble = true;
        wire::appendFrame(out, msg);
        return platform::writeAll(m_control, out.constData(), out.size());
    }

    bool readConfig(QString* error)
    {
        const qint64 deadline = monotonicNs() + qint64(Manager::StartTimeoutMs) * 1'000'000;
        char buf[4096];
        for (;;) {
            QCborArray msg;
            if (m_controlReader.next(&msg)) {
                if (Msg(wire::messageType(msg)) != Msg::Config) {
                    *error
                        = QStringLiteral("expected the configuration, got message type %1").arg(wire::messageType(msg));
                    return false;
                }
                if (msg.at(1).toInteger() != ProtocolVersion) {
                    *error = QStringLiteral("manager protocol version %1, this server speaks %2")
                                 .arg(msg.at(1).toInteger())
                                 .arg(ProtocolVersion);
                    return false;
                }
                m_address = msg.at(2).toString();
                m_authkey = msg.at(3).toByteArray();
                return true;
            }
            if (m_controlReader.hasError()) {
                *error = QStringLiteral("control: ") + m_controlReader.errorString();
                return false;
            }
            const qint64 left = deadline - monotonicNs();
            pollfd p { m_control, POLLIN, 0 };
            const int r = left > 0 ? ::poll(&p, 1, int(left / 1'000'000) + 1) : 0;
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                *error = QStringLiteral("no configuration from the engine");
                return false;
            }
            const ssize_t n = ::read(m_control, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                *error = QStringLiteral("the engine closed the control socket");
                return false;
            }
            m_controlReader.append(buf, n);
        }
    }

    bool listen(QString* error)
    {
        sockaddr_un sa;
        socklen_t len = 0;
        if (!fillAddress(m_address, &sa, &len)) {
            *error = QStringLiteral("bad address '%1'").arg(m_address);
            return false;
        }
        m_listen = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr*>(&sa), len) != 0
            || ::listen(m_listen, SOMAXCONN) != 0) {
            *error = QStringLiteral("cannot listen on @%1: %2").arg(m_address, errnoText(errno));
            return false;
        }
        return true;
    }

    // False when the server should exit.
    bool onControl()
    {
        char buf[4096];
        for (;;) {
            const ssize_t n = ::read(m_control, buf, sizeof buf);
            if (n > 0) {
                m_controlReader.append(buf, n);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            return false; // EOF or error: the engine let go of us
        }
        QCborArray msg;
        while (m_controlReader.next(&msg)) {
            if (Msg(wire::messageType(msg)) == Msg::Shutdown)
                return false;
        }
        return !m_controlReader.hasError();
    }

    void acceptClients()
    {
        for (;;) {
            const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED)
                    continue;
                return; // EAGAIN, or out of descriptors: the rest wait in the backlog
            }
            auto c = std::make_unique<Client>();
            c->fd = fd;
            ucred cred {};
            socklen_t len = sizeof cred;
            if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0)
                c->pid = cred.pid;
            c->out = wire::preamble();
            m_clients.push_back(std::move(c));
        }
    }

    // False when the connection should be closed.
    bool onClient(Client& c, short revents)
    {
        bool open = true;
        if (revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[65536];
            for (;;) {
                const ssize_t n = ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
                if (n > 0) {
                    c.reader.append(buf, n);
                    if (n < qsizetype(sizeof buf))
                        break;
                    continue;
                }
                if (n < 0 && errno == EINTR)
                    continue;
                if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                    break;
                open = false; // EOF (the proxy's process is done with it) or reset
                break;
            }
            QCborArray msg;
            while (c.reader.next(&msg)) {
                if (!handle(c, msg)) {
                    flush(c);
                    return false;
                }
            }
            if (c.reader.hasError()) {
                const QString why = QStringLiteral("malformed request: ") + c.reader.errorString();
                std::fprintf(stderr, "proclab-worker --manager: dropped the connection of pid %lld: %s\n",
                    static_cast<long long>(c.pid), qPrintable(why));
                wire::appendFrame(c.out, { int(Msg::Error), 0, QStringLiteral("RuntimeError"), why });
                flush(c);
                return false;
            }
        }
        return flush(c) && open && c.out.size() - c.outPos <= MaxPendingReplies;
    }

    bool flush(Client& c)
    {
        while (c.outPos < c.out.size()) {
            const ssize_t n = ::send(
                c.fd, c.out.constData() + c.outPos, size_t(c.out.size() - c.outPos), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                c.outPos += n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return true; // POLLOUT will bring us back
            return false;
        }
        c.out.clear();
        c.outPos = 0;
        return true;
    }

    // False when the connection should be closed after what was queued.
    bool handle(Client& c, const QCborArray& msg)
    {
        const auto refuse = [&](const QString& type, const QString& why) {
            wire::appendFrame(c.out, { int(Msg::Error), 0, type, why });
            return false;
        };
        if (!c.greeted) {
            if (Msg(wire::messageType(msg)) != Msg::Hello)
                return refuse(QStringLiteral("AuthenticationError"), QStringLiteral("expected a greeting"));
            if (msg.at(1).toInteger() != ProtocolVersion)
                return refuse(QStringLiteral("RuntimeError"),
                    QStringLiteral("manager protocol version %1, this manager speaks %2")
                        .arg(msg.at(1).toInteger())
                        .arg(ProtocolVersion));
            if (msg.at(2).toByteArray() != m_authkey)
                return refuse(QStringLiteral("AuthenticationError"), QStringLiteral("digest received was wrong"));
            c.greeted = true;
            wire::appendFrame(c.out, { int(Msg::Welcome), ProtocolVersion, qint64(getpid()) });
            return true;
        }
        if (Msg(wire::messageType(msg)) != Msg::Call)
            return refuse(QStringLiteral("RuntimeError"),
                QStringLiteral("unexpected message type %1").arg(wire::messageType(msg)));
        const qint64 request = msg.at(1).toInteger();
        try {
            const QCborValue result
                = dispatch(msg.at(2).toInteger(), ManagerMethod(msg.at(3).toInteger()), msg.at(4).toArray());
            wire::appendFrame(c.out, { int(Msg::Result), request, result });
        } catch (const TaskException& e) {
            wire::appendFrame(c.out, { int(Msg::Error), request, e.type(), e.message() });
        }
        return true;
    }

    QCborValue dispatch(qint64 object, ManagerMethod method, const QCborArray& args)
    {
        const QCborValue none(QCborValue::Null);
        if (object == 0) {
            SharedObject created;
            if (method == ManagerMethod::CreateDict) {
                created.type = SharedObject::Type::Dict;
                for (const auto& pair : args.at(0).toArray())
                    created.dict.set(pair.toArray().at(0), pair.toArray().at(1));
            } else if (method == ManagerMethod::CreateList) {
                created.type = SharedObject::Type::List;
                for (const auto& item : args.at(0).toArray())
                    created.list.push_back(item);
            } else {
                throw TaskException(QStringLiteral("AttributeError"),
                    QStringLiteral("the manager has no method number %1").arg(int(method)));
            }
            const qint64 id = m_nextObject++;
            m_objects.emplace(id, std::move(created));
            return id;
        }
        const auto it = m_objects.find(object);
        if (it == m_objects.end())
            throw TaskException(QStringLiteral("RemoteError"), QStringLiteral("no shared object %1").arg(object));
        SharedObject& o = it->second;
        const int number = int(method);
        if (o.type == SharedObject::Type::Dict && number >= 10 && number < 30) {
            SharedDict& d = o.dict;
            switch (method) {
            case ManagerMethod::DictSet:
                d.set(args.at(0), args.at(1));
                return none;
            case ManagerMethod::DictGet: {
                const QCborValue* v = d.find(args.at(0));
                return v ? *v : args.at(1);
            }
            case ManagerMethod::DictAt: {
                const QCborValue* v = d.find(args.at(0));
                if (!v)
                    throw TaskException(QStringLiteral("KeyError"), pyRepr(args.at(0)));
                return *v;
            }
            case ManagerMethod::DictContains:
                return d.find(args.at(0)) != nullptr;
            case ManagerMethod::DictRemove:
                if (!d.remove(args.at(0)))
                    throw TaskException(QStringLiteral("KeyError"), pyRepr(args.at(0)));
                return none;
            case ManagerMethod::DictKeys:
                return d.keys();
            case ManagerMethod::DictItems:
                return d.items();
            case ManagerMethod::DictSize:
                return d.size();
            case ManagerMethod::DictCopy:
                return d.copy();
            default:
                break;
            }
        } else if (o.type == SharedObject::Type::List && number >= 30) {
            std::vector<QCborValue>& l = o.list;
            switch (method) {
            case ManagerMethod::ListAppend:
                l.push_back(args.at(0));
                return none;
            case ManagerMethod::ListAt:
                return l[listIndex(l, args.at(0), "list index out of range")];
            case ManagerMethod::ListSet:
                l[listIndex(l, args.at(0), "list assignment index out of range")] = args.at(1);
                return none;
            case ManagerMethod::ListSize:
                return qint64(l.size());
            case ManagerMethod::ListReverse:
                std::reverse(l.begin(), l.end());
                return none;
            case ManagerMethod::ListCopy: {
                QCborArray out;
                for (const auto& v : l)
                    out.append(v);
                return out;
            }
            case ManagerMethod::ListExtend:
                for (const auto& v : args.at(0).toArray())
                    l.push_back(v);
                return none;
            default:
                break;
            }
        }
        throw TaskException(QStringLiteral("AttributeError"),
            QStringLiteral("'%1' object has no method number %2")
                .arg(o.type == SharedObject::Type::Dict ? QStringLiteral("dict") : QStringLiteral("list"))
                .arg(number));
    }

    int m_control;
    int m_lifeline;
    int m_listen = -1;
    bool m_sentPreamble = false;
    wire::FrameReader m_controlReader;
    QString m_address;
    QByteArray m_authkey;
    std::vector<std::unique_ptr<Client>> m_clients;
    std::map<qint64, SharedObject> m_objects;
    qint64 m_nextObject = 1;
};

int intArg(int argc, char** argv, const char* name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::atoi(argv[i + 1]);
    return fallback;
}

} // namespace

// ---- The proxies' side of a connection ----

// One connection to one manager, shared by the proxies that were made together (all of a Manager's, or one
// attached proxy's). Blocking calls with a deadline; thread-safe (one call at a time).
class ManagerClient {
public:
    struct Peer {
        QString address;
        QByteArray authkey;
        qint64 pid = 0;
        QString name;
        int timeoutMs = Manager::DefaultTimeoutMs;
    };

    explicit ManagerClient(Peer peer)
        : m_peer(std::move(peer))
    {
    }
    ~ManagerClient() { platform::closeFd(m_fd); }
    ManagerClient(const ManagerClient&) = delete;
    ManagerClient& operator=(const ManagerClient&) = delete;

    Peer peer() const
    {
        std::lock_guard lock(m_mutex);
        return m_peer;
    }
    void setTimeout(int ms)
    {
        std::lock_guard lock(m_mutex);
        m_peer.timeoutMs = ms;
    }

    void connect()
    {
        std::lock_guard lock(m_mutex);
        if (m_fd < 0)
            connectLocked(deadline(), ManagerMethod::CreateDict);
    }

    QCborValue call(qint64 object, ManagerMethod method, const QCborArray& args, qint32 eventObject, EventSink* sink)
    {
        if (sink)
            sink->emitEvent(EventKind::ManagerCall, eventObject, -1, int(method));
        std::lock_guard lock(m_mutex);
        const qint64 until = deadline();
        if (m_fd < 0)
            connectLocked(until, method);
        const qint64 request = m_nextRequest++;
        QByteArray frame;
        wire::appendFrame(frame, { int(Msg::Call), request, object, int(method), args });
        sendLocked(frame, until, method);
        const QCborArray reply = receiveLocked(request, until, method);
        if (Msg(wire::messageType(reply)) == Msg::Error) {
            if (reply.at(1).toInteger() == 0)
                platform::closeFd(m_fd); // about the connection: the server has dropped it
            throw TaskException(reply.at(2).toString(), reply.at(3).toString());
        }
        return reply.at(2);
    }

private:
    qint64 deadline() const { return monotonicNs() + qint64(m_peer.timeoutMs) * 1'000'000; }

    QString who() const { return QStringLiteral("manager %1 (pid %2)").arg(m_peer.name).arg(m_peer.pid); }

    // The manager is gone: this and every later call raise ManagerDeadError, without touching the socket.
    [[noreturn]] void goneLocked(const QString& why)
    {
        platform::closeFd(m_fd);
        if (m_gone.isEmpty())
            m_gone = QStringLiteral("%1 is gone: %2").arg(who(), why);
        throw ManagerDeadError(m_gone);
    }

    [[noreturn]] void timeoutLocked(ManagerMethod method)
    {
        // A reply may still come; the connection cannot be trusted to pair the next one, so drop it.
        platform::closeFd(m_fd);
        m_reader = wire::FrameReader(MaxFrame);
        throw TaskException(QStringLiteral("TimeoutError"),
            QStringLiteral("%1 did not answer %2 within %3 ms")
                .arg(who(), managerMethodDisplay(method))
                .arg(m_peer.timeoutMs));
    }

    [[noreturn]] void protocolErrorLocked(const QString& why)
    {
        platform::closeFd(m_fd);
        m_reader = wire::FrameReader(MaxFrame);
        throw TaskException(QStringLiteral("RuntimeError"), QStringLiteral("%1: protocol error: %2").arg(who(), why));
    }

    static int msLeft(qint64 until)
    {
        return int(std::clamp<qint64>((until - monotonicNs()) / 1'000'000 + 1, 0, 1 << 30));
    }

    void connectLocked(qint64 until, ManagerMethod method)
    {
        if (!m_gone.isEmpty())
            throw ManagerDeadError(m_gone);
        sockaddr_un sa;
        socklen_t len = 0;
        if (!fillAddress(m_peer.address, &sa, &len))
            throw TaskException(
                QStringLiteral("ValueError"), QStringLiteral("bad manager address '%1'").arg(m_peer.address));
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            throw TaskException(QStringLiteral("OSError"), QStringLiteral("socket: ") + errnoText(errno));
        // A blocking AF_UNIX connect waits only while the backlog is full, and no longer than SO_SNDTIMEO.
        const int ms = msLeft(until);
        timeval tv { ms / 1000, (ms % 1000) * 1000 };
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        int rc;
        do {
            rc = ::connect(m_fd, reinterpret_cast<sockaddr*>(&sa), len);
        } while (rc != 0 && errno == EINTR);
        if (rc != 0) {
            const int err = errno;
            if (err == EAGAIN || err == ETIMEDOUT) {
                platform::closeFd(m_fd);
                throw TaskException(QStringLiteral("TimeoutError"),
                    QStringLiteral("%1 did not accept a connection within %2 ms").arg(who()).arg(m_peer.timeoutMs));
            }
            // ECONNREFUSED: nobody listens there any more (the address dies with the server).
            goneLocked(QStringLiteral("cannot connect (%1)").arg(errnoText(err)));
        }
        platform::setNonBlocking(m_fd);
        m_reader = wire::FrameReader(MaxFrame);
        QByteArray hello = wire::preamble();
        wire::appendFrame(hello, { int(Msg::Hello), ProtocolVersion, m_peer.authkey, qint64(getpid()) });
        sendLocked(hello, until, method);
        const QCborArray welcome = receiveLocked(0, until, method);
        if (Msg(wire::messageType(welcome)) == Msg::Error) {
            platform::closeFd(m_fd);
            throw TaskException(welcome.at(2).toString(), welcome.at(3).toString());
        }
        if (Msg(wire::messageType(welcome)) != Msg::Welcome)
            protocolErrorLocked(
                QStringLiteral("expected a welcome, got message type %1").arg(wire::messageType(welcome)));
    }

    void sendLocked(const QByteArray& bytes, qint64 until, ManagerMethod method)
    {
        qsizetype pos = 0;
        while (pos < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + pos, size_t(bytes.size() - pos), MSG_NOSIGNAL);
            if (n > 0) {
                pos += n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                pollfd p { m_fd, POLLOUT, 0 };
                const int r = ::poll(&p, 1, msLeft(until));
                if (r == 0)
                    timeoutLocked(method);
                continue;
            }
            goneLocked(QStringLiteral("cannot send %1 (%2)").arg(managerMethodDisplay(method), errnoText(errno)));
        }
    }

    // The reply to `request` (0: the greeting's answer), or an Error about the whole connection.
    QCborArray receiveLocked(qint64 request, qint64 until, ManagerMethod method)
    {
        char buf[65536];
        for (;;) {
            QCborArray msg;
            while (m_reader.next(&msg)) {
                const Msg type = Msg(wire::messageType(msg));
                if (request == 0 || msg.at(1).toInteger() == request
                    || (type == Msg::Error && msg.at(1).toInteger() == 0))
                    return msg;
            }
            if (m_reader.hasError())
                protocolErrorLocked(m_reader.errorString());
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                m_reader.append(buf, n);
                continue;
            }
            if (n == 0)
                goneLocked(QStringLiteral("the connection closed during %1").arg(managerMethodDisplay(method)));
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                goneLocked(QStringLiteral("%1 during %2").arg(errnoText(errno), managerMethodDisplay(method)));
            pollfd p { m_fd, POLLIN, 0 };
            const int r = ::poll(&p, 1, msLeft(until));
            if (r == 0)
                timeoutLocked(method);
        }
    }

    mutable std::mutex m_mutex;
    Peer m_peer; // guarded by m_mutex (timeoutMs changes)
    int m_fd = -1; // guarded by m_mutex
    wire::FrameReader m_reader { MaxFrame }; // guarded by m_mutex
    qint64 m_nextRequest = 1; // guarded by m_mutex
    QString m_gone; // guarded by m_mutex: why the manager is known to be gone
};

QString managerMethodDisplay(ManagerMethod method)
{
    switch (method) {
    case ManagerMethod::CreateDict:
        return QStringLiteral("manager.dict()");
    case ManagerMethod::CreateList:
        return QStringLiteral("manager.list()");
    case ManagerMethod::DictSet:
        return QStringLiteral("d[k] = v");
    case ManagerMethod::DictGet:
        return QStringLiteral("d.get(k)");
    case ManagerMethod::DictAt:
        return QStringLiteral("d[k]");
    case ManagerMethod::DictContains:
        return QStringLiteral("k in d");
    case ManagerMethod::DictRemove:
        return QStringLiteral("del d[k]");
    case ManagerMethod::DictKeys:
        return QStringLiteral("d.keys()");
    case ManagerMethod::DictItems:
        return QStringLiteral("d.items()");
    case ManagerMethod::DictSize:
        return QStringLiteral("len(d)");
    case ManagerMethod::DictCopy:
        return QStringLiteral("d.copy()");
    case ManagerMethod::ListAppend:
        return QStringLiteral("l.append(v)");
    case ManagerMethod::ListAt:
        return QStringLiteral("l[i]");
    case ManagerMethod::ListSet:
        return QStringLiteral("l[i] = v");
    case ManagerMethod::ListSize:
        return QStringLiteral("len(l)");
    case ManagerMethod::ListReverse:
        return QStringLiteral("l.reverse()");
    case ManagerMethod::ListCopy:
        return QStringLiteral("l[:]");
    case ManagerMethod::ListExtend:
        return QStringLiteral("l.extend(items)");
    }
    return QStringLiteral("method %1").arg(int(method));
}

// ---- Proxies ----

BaseProxy::BaseProxy(
    std::shared_ptr<ManagerClient> client, QString type, qint64 serverObject, qint32 eventObject, EventSink* sink)
    : m_client(std::move(client))
    , m_type(std::move(type))
    , m_serverObject(serverObject)
    , m_eventObject(eventObject)
    , m_sink(sink)
{
}

BaseProxy::BaseProxy(const QCborValue& handle, const QString& type, EventSink* engine)
    : m_type(type)
    , m_sink(eventSinkFor(engine))
{
    const QCborMap f = handleFields(handle);
    if (f.value(QStringLiteral("kind")).toString() != QLatin1String("manager-proxy")
        || f.value(QStringLiteral("type")).toString() != type)
        throw TaskException(QStringLiteral("TypeError"), QStringLiteral("not a %1 proxy").arg(type));
    ManagerClient::Peer peer;
    peer.address = f.value(QStringLiteral("address")).toString();
    peer.authkey = f.value(QStringLiteral("authkey")).toByteArray();
    peer.pid = f.value(QStringLiteral("pid")).toInteger();
    peer.name = f.value(QStringLiteral("name")).toString();
    peer.timeoutMs = int(f.value(QStringLiteral("timeout")).toInteger(Manager::DefaultTimeoutMs));
    m_serverObject = f.value(QStringLiteral("object")).toInteger();
    m_eventObject = qint32(f.value(QStringLiteral("id")).toInteger());
    m_client = std::make_shared<ManagerClient>(std::move(peer));
    m_client->connect(); // as Python's proxy does on unpickling: a dead manager shows up here
}

QCborValue BaseProxy::handle() const
{
    if (!m_client)
        return {};
    const ManagerClient::Peer peer = m_client->peer();
    return makeHandle({ { QStringLiteral("kind"), QStringLiteral("manager-proxy") }, { QStringLiteral("type"), m_type },
        { QStringLiteral("address"), peer.address }, { QStringLiteral("authkey"), peer.authkey },
        { QStringLiteral("pid"), peer.pid }, { QStringLiteral("name"), peer.name },
        { QStringLiteral("timeout"), peer.timeoutMs }, { QStringLiteral("object"), m_serverObject },
        { QStringLiteral("id"), m_eventObject } });
}

qint64 BaseProxy::managerPid() const
{
    return m_client ? m_client->peer().pid : 0;
}

void BaseProxy::setTimeout(int ms)
{
    if (m_client)
        m_client->setTimeout(ms);
}

QCborValue BaseProxy::call(ManagerMethod method, const QCborArray& args) const
{
    if (!m_client)
        throw TaskException(QStringLiteral("ValueError"), QStringLiteral("a proxy that refers to no object"));
    return m_client->call(m_serverObject, method, args, m_eventObject, m_sink);
}

DictProxy DictProxy::attach(const QCborValue& handle, EventSink* engine)
{
    return DictProxy(handle, engine);
}

void DictProxy::set(const QCborValue& key, const QCborValue& value)
{
    call(ManagerMethod::DictSet, { key, value });
}

QCborValue DictProxy::get(const QCborValue& key, const QCborValue& fallback) const
{
    return call(ManagerMethod::DictGet, { key, fallback });
}

QCborValue DictProxy::at(const QCborValue& key) const
{
    return call(ManagerMethod::DictAt, { key });
}

bool DictProxy::contains(const QCborValue& key) const
{
    return call(ManagerMethod::DictContains, { key }).toBool();
}

void DictProxy::remove(const QCborValue& key)
{
    call(ManagerMethod::DictRemove, { key });
}

QCborArray DictProxy::keys() const
{
    return call(ManagerMethod::DictKeys).toArray();
}

QCborArray DictProxy::items() const
{
    return call(ManagerMethod::DictItems).toArray();
}

qint64 DictProxy::size() const
{
    return call(ManagerMethod::DictSize).toInteger();
}

QCborMap DictProxy::toMap() const
{
    return call(ManagerMethod::DictCopy).toMap();
}

ListProxy ListProxy::attach(const QCborValue& handle, EventSink* engine)
{
    return ListProxy(handle, engine);
}

void ListProxy::append(const QCborValue& value)
{
    call(ManagerMethod::ListAppend, { value });
}

void ListProxy::extend(const QCborArray& values)
{
    call(ManagerMethod::ListExtend, { QCborValue(values) }); // not { values }: that would copy the array
}

QCborValue ListProxy::at(qint64 index) const
{
    return call(ManagerMethod::ListAt, { index });
}

void ListProxy::set(qint64 index, const QCborValue& value)
{
    call(ManagerMethod::ListSet, { index, value });
}

qint64 ListProxy::size() const
{
    return call(ManagerMethod::ListSize).toInteger();
}

void ListProxy::reverse()
{
    call(ManagerMethod::ListReverse);
}

QCborArray ListProxy::toList() const
{
    return call(ManagerMethod::ListCopy).toArray();
}

// ---- The engine's handle on the server ----

Manager::Manager(Context* context, StartPolicy policy, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_objectId(context->nextObjectId())
{
    // Python names it after the class and the process counter it shares with Process: SyncManager-1.
    m_name = QStringLiteral("SyncManager-%1").arg(context->nextProcessNumber());
    // A random token makes the address unguessable; the authkey is what admits a connection.
    auto* rng = QRandomGenerator::system();
    m_address = QStringLiteral("proclab-manager-%1-%2")
                    .arg(platform::currentPid())
                    .arg(QString::number(rng->generate64(), 16).rightJustified(16, QLatin1Char('0')));
    quint32 key[8]; // 32 bytes, as Python's os.urandom(32) authkey
    rng->fillRange(key);
    m_authkey = QByteArray(reinterpret_cast<const char*>(key), sizeof key);
    if (policy == StartPolicy::Now)
        start();
}

Manager::~Manager()
{
    shutdown();
    m_client.reset();
    m_context->loop()->postAndWait([this] { releaseDescriptors(); });
}

void Manager::start()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_pid > 0)
            throw TaskException(QStringLiteral("ProcessError"), QStringLiteral("%1 was already started").arg(m_name));
    }
    int sv[2];
    if (!platform::makeSocketPair(SOCK_STREAM, sv))
        throw TaskException(QStringLiteral("OSError"), QStringLiteral("socketpair: ") + errnoText(errno));
    int control = sv[0];
    const qint64 spawnNs = monotonicNs();
    pid_t pid = -1;
    QString error;
    // From the I/O thread: PR_SET_PDEATHSIG follows the spawning thread, and that one lives as long as the Context.
    m_context->loop()->postAndWait([&] {
        platform::SpawnSpec spec;
        spec.program = m_context->workerPath();
        spec.arguments = { QStringLiteral("--manager"), QStringLiteral("--control"), QStringLiteral("3"),
            QStringLiteral("--lifeline"), QStringLiteral("4"), QStringLiteral("--parent"),
            QString::number(platform::currentPid()) };
        spec.fds = { { m_context->devNullFd(), 0 }, { m_context->consoleWriteFd(), 1 }, { 2, 2 }, { sv[1], 3 },
            { m_context->lifelineReadFd(), 4 } };
        spec.processGroup = 0;
        pid = platform::spawn(spec, &error);
        if (pid > 0) {
            m_context->registerProcess(pid, m_name);
            m_context->recordEvent(
                { spawnNs, qint32(pid), -1, EventKind::ProcessSpawn, m_objectId, -1, int(StartMethod::Spawn) });
            m_pidFd = platform::openPidFd(pid);
        }
    });
    ::close(sv[1]);
    if (pid <= 0) {
        ::close(control);
        throw TaskException(QStringLiteral("OSError"), error);
    }
    {
        std::lock_guard lock(m_mutex);
        m_pid = pid;
    }

    // The handshake, on the caller's thread: the I/O thread never waits for a process to start.
    const auto fail = [&](const QString& why) {
        ::kill(pid, SIGKILL);
        int status = 0;
        platform::reap(pid, &status, true);
        ::close(control);
        m_context->loop()->postAndWait([this] { platform::closeFd(m_pidFd); });
        {
            std::lock_guard lock(m_mutex);
            m_exited = true;
            m_exitCode = platform::exitCodeFromStatus(status);
            m_failure = why;
        }
        m_context->recordEvent({ monotonicNs(), qint32(pid), -1, EventKind::ProcessFailed, m_objectId, -1, 0 });
        throw TaskException(QStringLiteral("OSError"), QStringLiteral("cannot start %1: %2").arg(m_name, why));
    };
    const QByteArray config = frameWithPreamble({ int(Msg::Config), ProtocolVersion, m_address, m_authkey });
    if (!platform::writeAll(control, config.constData(), config.size()))
        fail(QStringLiteral("it exited at once"));
    wire::FrameReader reader;
    QCborArray hello;
    const qint64 deadline = monotonicNs() + qint64(StartTimeoutMs) * 1'000'000;
    while (!reader.next(&hello)) {
        if (reader.hasError())
            fail(reader.errorString());
        pollfd p { control, POLLIN, 0 };
        const qint64 left = deadline - monotonicNs();
        const int r = left > 0 ? ::poll(&p, 1, int(left / 1'000'000) + 1) : 0;
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            fail(QStringLiteral("no answer within %1 ms").arg(StartTimeoutMs));
        char buf[4096];
        const ssize_t n = ::read(control, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail(QStringLiteral("it exited during startup"));
        reader.append(buf, n);
    }
    if (Msg(wire::messageType(hello)) == Msg::Fatal)
        fail(hello.at(1).toString());
    if (Msg(wire::messageType(hello)) != Msg::Ready)
        fail(QStringLiteral("unexpected message type %1").arg(wire::messageType(hello)));
    const qint64 readyNs = hello.at(2).toInteger();
    m_context->recordEvent({ readyNs, qint32(pid), -1, EventKind::ProcessReady, m_objectId, -1, readyNs - spawnNs });

    platform::setNonBlocking(control);
    {
        std::lock_guard lock(m_mutex);
        m_running = true;
    }
    m_context->loop()->postAndWait([this, control, pid] {
        m_control = control;
        IoLoop* loop = m_context->loop();
        if (m_pidFd >= 0) {
            loop->watch(m_pidFd, POLLIN, [this, pid](short) {
                int status = 0;
                if (platform::reap(pid, &status, false))
                    onExited(status);
            });
        }
        // The server says nothing more on its control socket; EOF there means it is exiting.
        loop->watch(m_control, POLLIN, [this, pid](short) {
            char buf[256];
            ssize_t n;
            while ((n = ::read(m_control, buf, sizeof buf)) > 0) { }
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                return;
            m_context->loop()->unwatch(m_control);
            if (m_pidFd < 0) { // no pidfd: this is our exit signal
                int status = 0;
                platform::reap(pid, &status, true);
                onExited(status);
            }
        });
    });

    m_client
        = std::make_shared<ManagerClient>(ManagerClient::Peer { m_address, m_authkey, pid, m_name, DefaultTimeoutMs });
    try {
        m_client->connect();
    } catch (...) {
        shutdown();
        throw;
    }
    Q_EMIT serverStarted(pid);
}

void Manager::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_pid <= 0 || m_exited)
            return;
        m_stopping = true;
    }
    Q_ASSERT(!m_context->loop()->inLoopThread()); // waits for the I/O thread to see the exit
    // Python's shutdown(): ask, wait a second, then force.
    m_context->loop()->postAndWait([this] {
        if (m_control >= 0) {
            QByteArray bye;
            wire::appendFrame(bye, { int(Msg::Shutdown) });
            ::send(m_control, bye.constData(), size_t(bye.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        }
    });
    std::unique_lock lock(m_mutex);
    if (!m_cv.wait_for(lock, std::chrono::seconds(1), [&] { return m_exited; })) {
        lock.unlock();
        m_context->loop()->postAndWait([this] {
            std::lock_guard guard(m_mutex);
            if (!m_exited) // m_exited is set on this thread, so the pid cannot have been reaped and reused
                ::kill(m_pid, SIGKILL);
        });
        lock.lock();
        m_cv.wait(lock, [&] { return m_exited; });
    }
}

DictProxy Manager::dict(const QList<std::pair<QCborValue, QCborValue>>& initial)
{
    if (!m_client)
        throw TaskException(QStringLiteral("ProcessError"), QStringLiteral("%1 has not been started").arg(m_name));
    QCborArray pairs;
    for (const auto& [k, v] : initial)
        pairs.append(QCborArray { k, v });
    const qint32 id = m_context->nextObjectId();
    const qint64 object
        = m_client->call(0, ManagerMethod::CreateDict, { QCborValue(pairs) }, id, eventSinkFor(m_context)).toInteger();
    return DictProxy(m_client, object, id, eventSinkFor(m_context));
}

ListProxy Manager::list(const QCborArray& initial)
{
    if (!m_client)
        throw TaskException(QStringLiteral("ProcessError"), QStringLiteral("%1 has not been started").arg(m_name));
    const qint32 id = m_context->nextObjectId();
    const qint64 object
        = m_client->call(0, ManagerMethod::CreateList, { QCborValue(initial) }, id, eventSinkFor(m_context))
              .toInteger();
    return ListProxy(m_client, object, id, eventSinkFor(m_context));
}

qint64 Manager::pid() const
{
    std::lock_guard lock(m_mutex);
    return m_pid;
}

bool Manager::isRunning() const
{
    std::lock_guard lock(m_mutex);
    return m_running && !m_exited;
}

std::optional<int> Manager::exitCode() const
{
    std::lock_guard lock(m_mutex);
    if (!m_exited)
        return std::nullopt;
    return m_exitCode;
}

QString Manager::failure() const
{
    std::lock_guard lock(m_mutex);
    return m_failure;
}

void Manager::releaseDescriptors()
{
    IoLoop* loop = m_context->loop();
    if (m_pidFd >= 0)
        loop->unwatch(m_pidFd);
    if (m_control >= 0)
        loop->unwatch(m_control);
    platform::closeFd(m_pidFd);
    platform::closeFd(m_control);
}

void Manager::onExited(int waitStatus)
{
    releaseDescriptors();
    const int code = platform::exitCodeFromStatus(waitStatus);
    bool stopping = false;
    pid_t pid = -1;
    QString reason;
    {
        std::lock_guard lock(m_mutex);
        pid = m_pid;
        stopping = m_stopping;
        if (!stopping)
            m_failure = reason
                = QStringLiteral("%1 (pid %2) %3").arg(m_name).arg(pid).arg(platform::describeStatus(waitStatus));
        m_exited = true;
        m_running = false;
        m_exitCode = code;
    }
    m_cv.notify_all();
    m_context->recordEvent({ monotonicNs(), qint32(pid), -1, EventKind::ProcessExit, m_objectId, -1, code });
    if (stopping) {
        Q_EMIT serverFinished(code);
    } else {
        m_context->recordEvent({ monotonicNs(), qint32(pid), -1, EventKind::ProcessFailed, m_objectId, -1, code });
        Q_EMIT serverFailed(reason);
    }
}

// ---- Kernels that use proxies inside worker processes ----

namespace {

// args [list, [items...]]: appends the items one call at a time (so several processes really interleave).
class ManagerAppendKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        ListProxy list = ListProxy::attach(args.toArray().at(0));
        const QCborArray items = args.toArray().at(1).toArray();
        for (const auto& item : items)
            list.append(item);
        return items.size();
    }
};

// args [list, count]: appends 0, 1, ... count-1: a process busy with its proxy for as long as it takes.
class ManagerAppendLoopKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        ListProxy list = ListProxy::attach(args.toArray().at(0));
        const qint64 count = args.toArray().at(1).toInteger();
        for (qint64 i = 0; i < count; ++i) {
            list.append(i);
            ctx.checkpoint();
        }
        return count;
    }
};

} // namespace

KernelTable managerKernels()
{
    return {
        { QStringLiteral("manager.append"),
            [](const QCborMap&, QString*) { return std::make_unique<ManagerAppendKernel>(); } },
        { QStringLiteral("manager.append-loop"),
            [](const QCborMap&, QString*) { return std::make_unique<ManagerAppendLoopKernel>(); } },
    };
}

int runManagerServer(int argc, char** argv)
{
    const int control = intArg(argc, argv, "--control", -1);
    const int lifeline = intArg(argc, argv, "--lifeline", -1);
    const int parent = intArg(argc, argv, "--parent", 0);
    if (control < 0) {
        std::fprintf(stderr, "usage: proclab-worker --manager --control FD --lifeline FD --parent PID\n");
        return 2;
    }
    if (parent > 0 && !platform::dieWithParent(pid_t(parent)))
        return 70; // the engine died before we got here
    platform::ignoreSigPipe();
    return ManagerServer(control, lifeline).run();
}

} // namespace proclab
