#include "worker/managerserver.h"

#include "base/clock.h"
#include "base/managerprotocol.h"
#include "base/messages.h"
#include "base/platform.h"
#include "base/pyformat.h"
#include "base/wire.h"
#include "mp/managerproxy.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QHash>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace proclab {

using namespace managerproto;

namespace {

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
            sendControl(managerproto::Fatal { error }.encode());
            std::fprintf(stderr, "proclab-worker --manager: %s\n", qPrintable(error));
            return 3;
        }
        if (!sendControl(managerproto::Ready { qint64(getpid()), monotonicNs() }.encode()))
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
        const qint64 deadline = monotonicNs() + qint64(managerproto::StartTimeoutMs) * 1'000'000;
        char buf[4096];
        for (;;) {
            QCborArray msg;
            if (m_controlReader.next(&msg)) {
                QString why;
                const auto config = managerproto::Config::decode(msg, &why);
                if (!config) {
                    *error = QStringLiteral("expected the configuration: ") + why;
                    return false;
                }
                if (config->protocolVersion != ProtocolVersion) {
                    *error = QStringLiteral("manager protocol version %1, this server speaks %2")
                                 .arg(config->protocolVersion)
                                 .arg(ProtocolVersion);
                    return false;
                }
                m_address = config->address;
                m_authkey = config->authkey;
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
            *error = QStringLiteral("cannot listen on @%1: %2").arg(m_address, platform::errnoText(errno));
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
                return false; // (nothing else comes on the control socket after the configuration)
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
                wire::appendFrame(c.out, managerproto::Error { 0, QStringLiteral("RuntimeError"), why }.encode());
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
            wire::appendFrame(c.out, managerproto::Error { 0, type, why }.encode());
            return false;
        };
        if (!c.greeted) {
            if (Msg(wire::messageType(msg)) != Msg::Hello)
                return refuse(QStringLiteral("AuthenticationError"), QStringLiteral("expected a greeting"));
            QString why;
            const auto hello = managerproto::Hello::decode(msg, &why);
            if (!hello)
                return refuse(QStringLiteral("RuntimeError"), QStringLiteral("malformed request: ") + why);
            if (hello->protocolVersion != ProtocolVersion)
                return refuse(QStringLiteral("RuntimeError"),
                    QStringLiteral("manager protocol version %1, this manager speaks %2")
                        .arg(hello->protocolVersion)
                        .arg(ProtocolVersion));
            if (hello->authkey != m_authkey)
                return refuse(QStringLiteral("AuthenticationError"), QStringLiteral("digest received was wrong"));
            c.greeted = true;
            wire::appendFrame(c.out, managerproto::Welcome { ProtocolVersion, qint64(getpid()) }.encode());
            return true;
        }
        QString why;
        const auto call = managerproto::Call::decode(msg, &why);
        if (!call)
            return refuse(QStringLiteral("RuntimeError"), QStringLiteral("malformed request: ") + why);
        try {
            const QCborValue result = dispatch(call->object, ManagerMethod(call->method), call->args);
            wire::appendFrame(c.out, managerproto::Result { call->request, result }.encode());
        } catch (const TaskException& e) {
            wire::appendFrame(c.out, managerproto::Error { call->request, e.type(), e.message() }.encode());
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
