#pragma once

// A connection to a manager's server process, and the methods a proxy can call on it (ManagerMethod). Used by the
// proxies (mp/managerproxy.h) and by the engine's Manager (engine/manager.h), which shares its own connection with
// the proxies it makes.

#include "base/clock.h"
#include "base/eventsink.h"
#include "base/managerprotocol.h"
#include "base/messages.h"
#include "base/platform.h"
#include "base/wire.h"
#include "mp/kernel.h"

#include <QByteArray>
#include <QCborArray>
#include <QObject>
#include <QString>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace proclab {

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

// One connection to one manager, shared by the proxies that were made together (all of a Manager's, or one
// attached proxy's). Blocking calls with a deadline; thread-safe (one call at a time).
class ManagerClient {
public:
    struct Peer {
        QString address;
        QByteArray authkey;
        qint64 pid = 0;
        QString name;
        int timeoutMs = managerproto::DefaultTimeoutMs;
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
        wire::appendFrame(frame, managerproto::Call { request, object, int(method), args }.encode());
        sendLocked(frame, until, method);
        const Reply reply = receiveLocked(request, until, method);
        if (reply.error) {
            if (reply.error->request == 0)
                platform::closeFd(m_fd); // about the connection: the server has dropped it
            throw TaskException(reply.error->type, reply.error->message);
        }
        return reply.value;
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
        m_reader = wire::FrameReader(managerproto::MaxFrame);
        throw TaskException(QStringLiteral("TimeoutError"),
            QStringLiteral("%1 did not answer %2 within %3 ms")
                .arg(who(), managerMethodDisplay(method))
                .arg(m_peer.timeoutMs));
    }

    [[noreturn]] void protocolErrorLocked(const QString& why)
    {
        platform::closeFd(m_fd);
        m_reader = wire::FrameReader(managerproto::MaxFrame);
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
        if (!managerproto::fillAddress(m_peer.address, &sa, &len))
            throw TaskException(
                QStringLiteral("ValueError"), QStringLiteral("bad manager address '%1'").arg(m_peer.address));
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            throw TaskException(QStringLiteral("OSError"), QStringLiteral("socket: ") + platform::errnoText(errno));
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
            goneLocked(QStringLiteral("cannot connect (%1)").arg(platform::errnoText(err)));
        }
        platform::setNonBlocking(m_fd);
        m_reader = wire::FrameReader(managerproto::MaxFrame);
        QByteArray hello = wire::preamble();
        wire::appendFrame(
            hello, managerproto::Hello { managerproto::ProtocolVersion, m_peer.authkey, qint64(getpid()) }.encode());
        sendLocked(hello, until, method);
        const Reply welcome = receiveLocked(0, until, method);
        if (welcome.error) {
            platform::closeFd(m_fd);
            throw TaskException(welcome.error->type, welcome.error->message);
        }
    }

    // A Result's value, or an Error.
    struct Reply {
        QCborValue value;
        std::optional<managerproto::Error> error;
    };

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
            goneLocked(
                QStringLiteral("cannot send %1 (%2)").arg(managerMethodDisplay(method), platform::errnoText(errno)));
        }
    }

    // The reply to `request` (0: the greeting's answer, a Welcome), or an Error about the whole connection.
    // A message that does not decode, or one of a type not expected here, is the server's protocol error.
    Reply receiveLocked(qint64 request, qint64 until, ManagerMethod method)
    {
        char buf[65536];
        for (;;) {
            QCborArray msg;
            while (m_reader.next(&msg)) {
                QString why;
                const int type = wire::messageType(msg);
                if (type == int(managerproto::Msg::Error)) {
                    auto error = managerproto::Error::decode(msg, &why);
                    if (!error)
                        protocolErrorLocked(why);
                    if (request == 0 || error->request == request || error->request == 0)
                        return { {}, std::move(error) };
                } else if (request == 0) {
                    if (!managerproto::Welcome::decode(msg, &why))
                        protocolErrorLocked(QStringLiteral("expected a welcome: ") + why);
                    return {};
                } else {
                    auto result = managerproto::Result::decode(msg, &why);
                    if (!result)
                        protocolErrorLocked(why);
                    if (result->request == request)
                        return { result->value, std::nullopt };
                }
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
                goneLocked(
                    QStringLiteral("%1 during %2").arg(platform::errnoText(errno), managerMethodDisplay(method)));
            pollfd p { m_fd, POLLIN, 0 };
            const int r = ::poll(&p, 1, msLeft(until));
            if (r == 0)
                timeoutLocked(method);
        }
    }

    mutable std::mutex m_mutex;
    Peer m_peer; // guarded by m_mutex (timeoutMs changes)
    int m_fd = -1; // guarded by m_mutex
    wire::FrameReader m_reader { managerproto::MaxFrame }; // guarded by m_mutex
    qint64 m_nextRequest = 1; // guarded by m_mutex
    QString m_gone; // guarded by m_mutex: why the manager is known to be gone
};

} // namespace proclab
