#include "engine/forkserver.h"

#include "base/clock.h"
#include "base/forkserverprotocol.h"
#include "base/ioloop.h"
#include "base/messages.h"
#include "base/platform.h"
#include "engine/workerprocess.h"

#include <QCborArray>
#include <QCborValue>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace proclab {

using namespace forkserver;

ForkServer::ForkServer(IoLoop* loop, const Setup& setup, QObject* parent)
    : QObject(parent)
    , m_loop(loop)
    , m_setup(setup)
{
}

ForkServer::~ForkServer()
{
    if (m_control >= 0) {
        m_loop->unwatch(m_control);
        platform::closeFd(m_control); // the server kills its children and exits
    }
    if (m_pid > 0) {
        // Bounded: it exits on EOF; if it does not within a second, kill it.
        int status = 0;
        const qint64 deadline = monotonicNs() + 1'000'000'000;
        while (!platform::reap(m_pid, &status, false)) {
            if (monotonicNs() > deadline) {
                ::kill(m_pid, SIGKILL);
                platform::reap(m_pid, &status, true);
                break;
            }
            ::usleep(1000);
        }
    }
    for (auto& [pid, exited] : m_exitHandlers)
        exited(SIGKILL, std::nullopt); // died with the server (PR_SET_PDEATHSIG)
}

bool ForkServer::start(QString* error)
{
    const qint64 t0 = monotonicNs();
    int sv[2];
    if (!platform::makeSocketPair(SOCK_SEQPACKET, sv)) {
        *error = QStringLiteral("socketpair: %1").arg(platform::errnoText(errno));
        return false;
    }
    platform::SpawnSpec spec;
    spec.program = m_setup.workerPath;
    spec.arguments = { QStringLiteral("--forkserver"), QStringLiteral("--control"), QStringLiteral("3"),
        QStringLiteral("--lifeline"), QStringLiteral("4"), QStringLiteral("--parent"),
        QString::number(platform::currentPid()) };
    spec.fds
        = { { m_setup.devNullFd, 0 }, { m_setup.consoleFd, 1 }, { 2, 2 }, { sv[1], 3 }, { m_setup.lifelineFd, 4 } };
    spec.processGroup = 0;
    m_pid = platform::spawn(spec, error);
    ::close(sv[1]);
    if (m_pid < 0) {
        ::close(sv[0]);
        return false;
    }
    m_control = sv[0];
    // As long as a worker may take to be ready (WorkerProcess::startupTimeoutMs(), a minute unless
    // $PROCLAB_WORKER_START_TIMEOUT_MS says otherwise): the server is a worker binary loading the same libraries,
    // and on a busy machine (or under a sanitizer) that takes seconds, not milliseconds.
    const int timeoutMs = WorkerProcess::startupTimeoutMs();
    const qint64 deadline = t0 + qint64(timeoutMs) * 1'000'000;
    pollfd p { m_control, POLLIN, 0 };
    int ready = 0;
    do
        ready = ::poll(&p, 1, int(std::max<qint64>(0, (deadline - monotonicNs()) / 1'000'000)));
    while (ready < 0 && errno == EINTR);
    QCborArray hello;
    if (ready <= 0 || recvPacket(m_control, &hello, nullptr, true) != 1 || !forkserver::Hello::decode(hello)) {
        *error = ready == 0 ? QStringLiteral("the forkserver did not start within %1 s").arg(timeoutMs / 1000.0)
                            : QStringLiteral("the forkserver did not start");
        ::kill(m_pid, SIGKILL);
        platform::reap(m_pid, nullptr, true);
        m_pid = -1;
        platform::closeFd(m_control);
        return false;
    }
    m_startupNs = monotonicNs() - t0;
    m_loop->watch(m_control, POLLIN, [this](short) { onReadable(); });
    return true;
}

void ForkServer::fork(
    int channelFd, int stderrFd, const QList<platform::FdMapping>& inherited, ForkCallback forked, ExitCallback exited)
{
    if (!isRunning()) {
        forked(-1, QStringLiteral("the forkserver is not running"));
        return;
    }
    if (inherited.size() > MaxFds - 2) {
        forked(-1, QStringLiteral("too many descriptors for one process (%1)").arg(inherited.size()));
        return;
    }
    const qint64 id = m_nextRequest++;
    std::vector<int> fds { channelFd, stderrFd };
    QCborArray targets;
    for (const auto& m : inherited) {
        fds.push_back(m.parentFd);
        targets.append(m.childFd);
    }
    if (!sendPacket(m_control, forkserver::Fork { id, targets }.encode(), fds.data(), int(fds.size()))) {
        forked(-1, QStringLiteral("cannot reach the forkserver"));
        return;
    }
    m_pendingForks[id] = [forked = std::move(forked), exited = std::move(exited), this](pid_t pid, const QString& e) {
        if (pid > 0)
            m_exitHandlers[pid] = exited;
        forked(pid, e);
    };
}

bool ForkServer::signal(pid_t pid, int signal)
{
    return isRunning() && sendPacket(m_control, forkserver::Signal { qint64(pid), qint64(signal) }.encode());
}

void ForkServer::answerFork(qint64 request, pid_t pid, const QString& error)
{
    const auto it = m_pendingForks.find(request);
    if (it == m_pendingForks.end())
        return;
    auto cb = std::move(it->second);
    m_pendingForks.erase(it);
    cb(pid, error);
}

void ForkServer::onReadable()
{
    for (;;) {
        QCborArray msg;
        const int r = recvPacket(m_control, &msg, nullptr, false);
        if (r == 0) {
            fail(QStringLiteral("the forkserver exited"));
            return;
        }
        if (r < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            fail(QStringLiteral("the forkserver sent a malformed message"));
            return;
        }
        // A message that does not decode is the forkserver's protocol error: it is failed, as for bad bytes.
        QString why;
        switch (Fs(wire::messageType(msg))) {
        case Fs::Forked:
            if (const auto m = forkserver::Forked::decode(msg, &why)) {
                answerFork(m->request, pid_t(m->pid), {});
                continue;
            }
            break;
        case Fs::ForkFailed:
            if (const auto m = forkserver::ForkFailed::decode(msg, &why)) {
                answerFork(m->request, -1, m->message);
                continue;
            }
            break;
        case Fs::Exited:
            if (const auto m = forkserver::Exited::decode(msg, &why)) {
                const auto it = m_exitHandlers.find(pid_t(m->pid));
                if (it != m_exitHandlers.end()) {
                    auto cb = std::move(it->second);
                    m_exitHandlers.erase(it);
                    cb(int(m->waitStatus), m->usage);
                }
                continue;
            }
            break;
        default:
            why = QStringLiteral("unexpected message type %1").arg(wire::messageType(msg));
            break;
        }
        fail(QStringLiteral("the forkserver sent a malformed message: ") + why);
        return;
    }
}

void ForkServer::fail(const QString& reason)
{
    m_loop->unwatch(m_control);
    platform::closeFd(m_control);
    if (m_pid > 0)
        platform::reap(m_pid, nullptr, true);
    m_pid = -1;
    auto pending = std::move(m_pendingForks);
    m_pendingForks.clear();
    for (auto& [id, cb] : pending)
        cb(-1, reason);
    auto handlers = std::move(m_exitHandlers);
    m_exitHandlers.clear();
    for (auto& [pid, cb] : handlers)
        cb(SIGKILL, std::nullopt); // the server's death took its children (PR_SET_PDEATHSIG)
}

} // namespace proclab
