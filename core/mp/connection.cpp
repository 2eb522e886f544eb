#include "mp/connection.h"
#include "mp/objecthost.h"

#include "base/eventsink.h"
#include "base/handle.h"
#include "base/platform.h"

#include <QCborArray>
#include <QCborMap>
#include <QtEndian>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <optional>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace proclab {

namespace {

constexpr qint64 MaxMessage = 0x7fffffff; // the 4-byte length header; Python switches to 8 bytes beyond

QString typeName(const char* name)
{
    return QString::fromLatin1(name);
}

// The exception Python raises for an errno from a send or recv.
[[noreturn]] void throwErrno(int error)
{
    const QString text = QStringLiteral("[Errno %1] %2").arg(error).arg(platform::errnoText(error));
    switch (error) {
    case EPIPE:
        throw TaskException(typeName("BrokenPipeError"), text);
    case ECONNRESET:
        throw TaskException(typeName("ConnectionResetError"), text);
    case EBADF:
        throw TaskException(typeName("OSError"), QStringLiteral("handle is closed"));
    default:
        throw TaskException(typeName("OSError"), text);
    }
}

bool isSocket(int fd)
{
    struct stat st { };
    return ::fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

// write() on a pipe whose reader is gone raises SIGPIPE, which kills unless ignored (workers and the
// engine ignore it, a program embedding the core may not). Keep it blocked in this thread for the write and
// swallow the one our write raised, so the caller gets EPIPE as BrokenPipeError instead.
class SigPipeGuard {
public:
    SigPipeGuard()
    {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        m_wasPending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    }
    ~SigPipeGuard()
    {
        if (m_raised && !m_wasPending) {
            const timespec zero { 0, 0 };
            while (sigtimedwait(&m_set, nullptr, &zero) < 0 && errno == EINTR) { }
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    void raised() { m_raised = true; }

private:
    sigset_t m_set;
    sigset_t m_old;
    bool m_wasPending = false;
    bool m_raised = false;
};

} // namespace

Connection::Connection(int fd, bool readable, bool writable, qint32 id, EventSink* sink)
    : m_fd(fd)
    , m_readable(readable)
    , m_writable(writable)
    , m_socket(isSocket(fd))
    , m_id(id)
    , m_sink(sink)
{
}

Connection::~Connection()
{
    close();
}

Connection::Connection(Connection&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_readable(other.m_readable)
    , m_writable(other.m_writable)
    , m_socket(other.m_socket)
    , m_id(other.m_id)
    , m_sink(other.m_sink)
{
}

Connection& Connection::operator=(Connection&& other) noexcept
{
    if (this != &other) {
        close();
        m_fd = std::exchange(other.m_fd, -1);
        m_readable = other.m_readable;
        m_writable = other.m_writable;
        m_socket = other.m_socket;
        m_id = other.m_id;
        m_sink = other.m_sink;
    }
    return *this;
}

std::pair<Connection, Connection> Pipe(ObjectHost* host, bool duplex)
{
    int fds[2];
    const bool made = duplex ? platform::makeSocketPair(SOCK_STREAM, fds) : platform::makePipe(fds);
    if (!made)
        throwErrno(errno);
    const qint32 id = host ? host->nextObjectId() : -1;
    EventSink* sink = eventSinkFor(host);
    if (sink)
        sink->emitEvent(EventKind::ObjectCreate, id, duplex ? 2 : 1, int(ObjectType::Pipe));
    // pipe(): fds[0] is the read end, as Python's Pipe(duplex=False) returns (reader, writer).
    return { Connection(fds[0], true, duplex, id, sink), Connection(fds[1], duplex, true, id, sink) };
}

Connection Connection::attach(const QCborValue& handle)
{
    const QCborMap fields = handleFields(handle);
    if (fields.value(QStringLiteral("kind")).toString() != QLatin1String("conn"))
        throw TaskException(typeName("TypeError"), QStringLiteral("not a Connection handle"));
    const int fd = int(fields.value(QStringLiteral("fd")).toInteger(-1));
    if (fd < 0 || ::fcntl(fd, F_GETFD) < 0)
        throw TaskException(typeName("OSError"), QStringLiteral("handle is closed"));
    platform::setCloseOnExec(fd); // passed to us without it; nothing we start should inherit it
    return Connection(fd, fields.value(QStringLiteral("readable")).toBool(),
        fields.value(QStringLiteral("writable")).toBool(), qint32(fields.value(QStringLiteral("id")).toInteger(-1)),
        eventSinkFor(nullptr));
}

QCborValue Connection::handle() const
{
    checkOpen();
    return makeHandle({ { QStringLiteral("kind"), QStringLiteral("conn") }, { QStringLiteral("fd"), m_fd },
        { QStringLiteral("readable"), m_readable }, { QStringLiteral("writable"), m_writable },
        { QStringLiteral("id"), m_id } });
}

void Connection::checkOpen() const
{
    if (m_fd < 0)
        throw TaskException(typeName("OSError"), QStringLiteral("handle is closed"));
}

int Connection::fileno() const
{
    checkOpen();
    return m_fd;
}

void Connection::close()
{
    platform::closeFd(m_fd);
}

void Connection::send(const QCborValue& value)
{
    sendBytes(value.toCbor());
}

QCborValue Connection::recv()
{
    const QByteArray payload = recvBytes();
    QCborParserError error;
    QCborValue value = QCborValue::fromCbor(payload, &error);
    if (error.error != QCborError::NoError)
        throw TaskException(typeName("OSError"), QStringLiteral("bad message: ") + error.errorString());
    return value;
}

void Connection::sendBytes(const QByteArray& bytes)
{
    checkOpen();
    if (!m_writable)
        throw TaskException(typeName("OSError"), QStringLiteral("connection is read-only"));
    if (bytes.size() > MaxMessage)
        throw TaskException(
            typeName("ValueError"), QStringLiteral("message of %1 bytes is too large").arg(bytes.size()));
    writeFrame(bytes);
    if (m_sink)
        m_sink->emitEvent(EventKind::PipeSend, m_id, -1, bytes.size());
}

QByteArray Connection::recvBytes()
{
    checkOpen();
    if (!m_readable)
        throw TaskException(typeName("OSError"), QStringLiteral("connection is write-only"));
    // About to wait: say so and let the engine see it now (the wait shows on the stage while it lasts). Nobody to
    // see it: no look (a system call) first.
    const bool waits = m_sink && m_sink->wantsEvents() && !poll(0);
    if (waits) {
        m_sink->emitEvent(EventKind::PipeRecvWait, m_id, -1, 0);
        m_sink->flushEvents();
    }
    QByteArray payload;
    try {
        payload = readFrame();
    } catch (...) {
        if (waits) // EOF or an error ended the wait: the picture must not show it waiting forever
            m_sink->emitEvent(EventKind::PipeRecvWait, m_id, -1, -1);
        throw;
    }
    if (m_sink)
        m_sink->emitEvent(EventKind::PipeRecv, m_id, -1, payload.size());
    return payload;
}

void Connection::writeFrame(const QByteArray& payload)
{
    // One write for header and message: a frame never interleaves with another process's on the same end.
    QByteArray frame(4, Qt::Uninitialized);
    qToBigEndian(quint32(payload.size()), frame.data());
    frame += payload;
    const char* data = frame.constData();
    qsizetype left = frame.size();
    std::optional<SigPipeGuard> guard;
    if (!m_socket)
        guard.emplace();
    while (left > 0) {
        const ssize_t n = m_socket ? ::send(m_fd, data, size_t(left), MSG_NOSIGNAL) : ::write(m_fd, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            if (error == EPIPE && guard)
                guard->raised();
            guard.reset();
            throwErrno(error);
        }
        data += n;
        left -= n;
    }
}

QByteArray Connection::readFrame()
{
    // Reads exactly `size` bytes; false on end-of-file before the first byte.
    const auto readExact = [this](char* into, qsizetype size, bool messageStart) {
        qsizetype got = 0;
        while (got < size) {
            const ssize_t n = ::read(m_fd, into + got, size_t(size - got));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throwErrno(errno);
            if (n == 0) {
                if (got == 0 && messageStart)
                    return false;
                throw TaskException(typeName("OSError"), QStringLiteral("got end of file during message"));
            }
            got += n;
        }
        return true;
    };
    char header[4];
    if (!readExact(header, 4, true))
        throw TaskException(typeName("EOFError"), QStringLiteral("the other end closed"));
    const quint32 size = qFromBigEndian<quint32>(header);
    if (size > MaxMessage)
        throw TaskException(typeName("OSError"), QStringLiteral("bad message length %1").arg(size));
    QByteArray payload(qsizetype(size), Qt::Uninitialized);
    readExact(payload.data(), payload.size(), false);
    return payload;
}

bool Connection::poll(int timeoutMs) const
{
    checkOpen();
    if (!m_readable)
        throw TaskException(typeName("OSError"), QStringLiteral("connection is write-only"));
    pollfd p { m_fd, POLLIN, 0 };
    for (;;) {
        const int n = ::poll(&p, 1, timeoutMs < 0 ? -1 : timeoutMs);
        if (n < 0 && errno == EINTR)
            continue; // a signal: poll again with the whole timeout, good enough for a teaching tool
        if (n < 0)
            throwErrno(errno);
        return n > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
    }
}

} // namespace proclab
