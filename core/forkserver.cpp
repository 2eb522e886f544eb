#include "forkserver.h"

#include "clock.h"
#include "ioloop.h"
#include "platform.h"
#include "wire.h"
#include "workerruntime.h"

#include <QCborArray>
#include <QCborValue>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <vector>
#include <poll.h>
#include <set>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab {

namespace {

enum class Fs : int { Hello = 1, Fork = 2, Forked = 3, Exited = 4, ForkFailed = 5 };
constexpr int MaxFds = 64; // channel, stderr and up to 62 inherited descriptors per fork

// One SEQPACKET packet: CBOR message, optionally with descriptors attached.
bool sendPacket(int fd, const QCborArray& msg, const int* fds = nullptr, int nfds = 0)
{
    const QByteArray body = wire::preamble() + msg.toCborValue().toCbor();
    iovec iov { const_cast<char*>(body.constData()), size_t(body.size()) };
    msghdr mh {};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * MaxFds)] = {};
    if (nfds > 0) {
        mh.msg_control = control;
        mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
        cmsghdr* c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
        std::memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
    }
    for (;;) {
        const ssize_t n = ::sendmsg(fd, &mh, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        return n == ssize_t(body.size());
    }
}

// Returns 1 with a message, 0 on EOF, -1 on error or EAGAIN. Received descriptors go to fds (CLOEXEC).
int recvPacket(int fd, QCborArray* msg, std::vector<int>* fds, bool block)
{
    char buf[4096];
    iovec iov { buf, sizeof buf };
    msghdr mh {};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * MaxFds)];
    mh.msg_control = control;
    mh.msg_controllen = sizeof control;
    ssize_t n;
    do {
        n = ::recvmsg(fd, &mh, MSG_CMSG_CLOEXEC | (block ? 0 : MSG_DONTWAIT));
    } while (n < 0 && errno == EINTR);
    if (n == 0)
        return 0;
    if (n < 0)
        return -1;
    for (cmsghdr* c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            const int count = int((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < count; ++i) {
                int received;
                std::memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
                if (fds)
                    fds->push_back(received);
                else
                    ::close(received);
            }
        }
    }
    const QByteArray pre = wire::preamble();
    if (n < pre.size() || std::memcmp(buf, pre.constData(), size_t(pre.size())) != 0)
        return -1;
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(buf + pre.size(), n - pre.size(), &err);
    if (err.error != QCborError::NoError || !v.isArray())
        return -1;
    *msg = v.toArray();
    return 1;
}

} // namespace

int runForkServer(int controlFd, int lifelineFd, pid_t expectedParent)
{
    if (controlFd < 0)
        return 2;
    if (expectedParent > 0 && !platform::dieWithParent(expectedParent))
        return 70;
    platform::ignoreSigPipe();
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, nullptr);
    const int sigFd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);

    std::set<pid_t> children;
    const auto shutdown = [&](int code) {
        for (pid_t c : children)
            ::kill(c, SIGKILL);
        for (pid_t c : children)
            platform::reap(c, nullptr, true);
        return code;
    };

    if (!sendPacket(controlFd, { int(Fs::Hello), qint64(getpid()), monotonicNs() }))
        return 3;
    for (;;) {
        pollfd fds[3] = { { controlFd, POLLIN, 0 }, { sigFd, POLLIN, 0 }, { lifelineFd, POLLIN, 0 } };
        if (::poll(fds, lifelineFd >= 0 ? 3 : 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return shutdown(3);
        }
        if (fds[2].revents)
            return shutdown(0); // the engine is gone
        if (fds[1].revents) {
            signalfd_siginfo info;
            while (::read(sigFd, &info, sizeof info) > 0) { }
            int status = 0;
            pid_t pid;
            while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
                children.erase(pid);
                sendPacket(controlFd, { int(Fs::Exited), qint64(pid), status });
            }
        }
        if (fds[0].revents) {
            QCborArray msg;
            std::vector<int> received;
            const int r = recvPacket(controlFd, &msg, &received, false);
            if (r == 0)
                return shutdown(0);
            if (r < 0) {
                if (errno == EAGAIN)
                    continue;
                return shutdown(3);
            }
            const qint64 request = msg.at(1).toInteger();
            const QCborArray targets = msg.at(2).toArray(); // child numbers of the inherited descriptors
            if (Fs(msg.at(0).toInteger()) != Fs::Fork || received.size() != size_t(2 + targets.size())) {
                for (int fd : received)
                    ::close(fd);
                sendPacket(controlFd, { int(Fs::ForkFailed), request, QStringLiteral("bad fork request") });
                continue;
            }
            const pid_t self = getpid();
            const pid_t child = ::fork();
            if (child == 0) {
                ::close(controlFd);
                ::close(sigFd);
                sigprocmask(SIG_UNBLOCK, &chld, nullptr);
                ::setpgid(0, 0);
                ::dup2(received[1], 2);
                ::close(received[1]);
                // Inherited descriptors to their numbers: park them (and the channel) high and close the
                // originals first, so that no dup2 clobbers a source and no close hits one already placed.
                std::vector<int> parked;
                for (qsizetype k = 0; k < targets.size(); ++k)
                    parked.push_back(::fcntl(received[size_t(2 + k)], F_DUPFD_CLOEXEC, 512));
                const int channel = ::fcntl(received[0], F_DUPFD_CLOEXEC, 512);
                ::close(received[0]);
                for (qsizetype k = 0; k < targets.size(); ++k)
                    ::close(received[size_t(2 + k)]);
                for (qsizetype k = 0; k < targets.size(); ++k) {
                    ::dup2(parked[size_t(k)], int(targets.at(k).toInteger())); // dup2 clears CLOEXEC
                    ::close(parked[size_t(k)]);
                }
                runWorker({ channel, lifelineFd, self });
            }
            // The child makes itself a group leader too; doing it here as well means the group exists before
            // the engine hears the pid, so a signal to the group cannot miss it.
            if (child > 0)
                ::setpgid(child, child);
            for (int fd : received)
                ::close(fd);
            if (child < 0) {
                sendPacket(controlFd, { int(Fs::ForkFailed), request, QString::fromLocal8Bit(strerror(errno)) });
                continue;
            }
            children.insert(child);
            sendPacket(controlFd, { int(Fs::Forked), request, qint64(child) });
        }
    }
}

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
        exited(SIGKILL); // died with the server (PR_SET_PDEATHSIG)
}

bool ForkServer::start(QString* error)
{
    const qint64 t0 = monotonicNs();
    int sv[2];
    if (!platform::makeSocketPair(SOCK_SEQPACKET, sv)) {
        *error = QStringLiteral("socketpair: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    platform::SpawnSpec spec;
    spec.program = m_setup.workerPath;
    spec.arguments = { QStringLiteral("--forkserver"), QStringLiteral("--control"), QStringLiteral("3"),
        QStringLiteral("--lifeline"), QStringLiteral("4"), QStringLiteral("--parent"),
        QString::number(platform::currentPid()) };
    spec.fds = { { m_setup.devNullFd, 0 }, { m_setup.consoleFd, 1 }, { 2, 2 }, { sv[1], 3 },
        { m_setup.lifelineFd, 4 } };
    spec.processGroup = 0;
    m_pid = platform::spawn(spec, error);
    ::close(sv[1]);
    if (m_pid < 0) {
        ::close(sv[0]);
        return false;
    }
    m_control = sv[0];
    pollfd p { m_control, POLLIN, 0 };
    QCborArray hello;
    if (::poll(&p, 1, 5000) <= 0 || recvPacket(m_control, &hello, nullptr, true) != 1
        || Fs(hello.at(0).toInteger()) != Fs::Hello) {
        *error = QStringLiteral("the forkserver did not start");
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

void ForkServer::fork(int channelFd, int stderrFd, const QList<platform::FdMapping>& inherited, ForkCallback forked,
    ExitCallback exited)
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
    if (!sendPacket(m_control, { int(Fs::Fork), id, targets }, fds.data(), int(fds.size()))) {
        forked(-1, QStringLiteral("cannot reach the forkserver"));
        return;
    }
    m_pendingForks[id] = [forked = std::move(forked), exited = std::move(exited), this](pid_t pid, const QString& e) {
        if (pid > 0)
            m_exitHandlers[pid] = exited;
        forked(pid, e);
    };
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
        switch (Fs(msg.at(0).toInteger())) {
        case Fs::Forked:
        case Fs::ForkFailed: {
            const auto it = m_pendingForks.find(msg.at(1).toInteger());
            if (it == m_pendingForks.end())
                break;
            auto cb = std::move(it->second);
            m_pendingForks.erase(it);
            if (Fs(msg.at(0).toInteger()) == Fs::Forked)
                cb(pid_t(msg.at(2).toInteger()), {});
            else
                cb(-1, msg.at(2).toString());
            break;
        }
        case Fs::Exited: {
            const auto it = m_exitHandlers.find(pid_t(msg.at(1).toInteger()));
            if (it == m_exitHandlers.end())
                break;
            auto cb = std::move(it->second);
            m_exitHandlers.erase(it);
            cb(int(msg.at(2).toInteger()));
            break;
        }
        default:
            break;
        }
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
        cb(SIGKILL); // the server's death took its children (PR_SET_PDEATHSIG)
    Q_EMIT serverFailed(reason);
}

} // namespace proclab
