#include "engine/manager.h"

#include "base/clock.h"
#include "base/event.h"
#include "base/ioloop.h"
#include "base/managerprotocol.h"
#include "base/messages.h"
#include "base/platform.h"
#include "base/wire.h"
#include "engine/context.h"
#include "engine/startmethod.h"
#include "mp/managerclient.h"

#include <QRandomGenerator>

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace proclab {

using namespace managerproto;

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
        throw TaskException(QStringLiteral("OSError"), QStringLiteral("socketpair: ") + platform::errnoText(errno));
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
            m_context->sampleProcess(pid);
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
    const QByteArray config
        = frameWithPreamble(managerproto::Config { ProtocolVersion, m_address, m_authkey }.encode());
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
    QString why;
    if (Msg(wire::messageType(hello)) == Msg::Fatal) {
        const auto fatal = managerproto::Fatal::decode(hello, &why);
        fail(fatal ? fatal->message : QStringLiteral("protocol error: ") + why);
    }
    const auto ready = managerproto::Ready::decode(hello, &why);
    if (!ready)
        fail(QStringLiteral("protocol error: ") + why);
    const qint64 readyNs = ready->tReadyNs;
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
            wire::appendFrame(bye, managerproto::Shutdown {}.encode());
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

} // namespace proclab
