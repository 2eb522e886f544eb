#include "worker/forkserverserver.h"

#include "base/clock.h"
#include "base/forkserverprotocol.h"
#include "base/messages.h"
#include "base/platform.h"
#include "worker/workerruntime.h"

#include <QCborArray>
#include <QCborValue>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <set>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace proclab {

using namespace forkserver;

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

    if (!sendPacket(controlFd, forkserver::Hello { qint64(getpid()), monotonicNs() }.encode()))
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
            rusage ru {};
            pid_t pid;
            while ((pid = wait4(-1, &status, WNOHANG, &ru)) > 0) {
                children.erase(pid);
                sendPacket(controlFd, forkserver::Exited { qint64(pid), status, platform::usageFrom(ru) }.encode());
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
            QString why;
            if (wire::messageType(msg) == int(Fs::Signal)) {
                if (const auto s = forkserver::Signal::decode(msg, &why)) {
                    // A child not reaped yet is ours, alive or a zombie: its pid (and group) cannot name anybody
                    // else. One reaped is gone: nothing to signal, and its pid may be a newcomer's already.
                    if (children.count(pid_t(s->pid)) && ::killpg(pid_t(s->pid), int(s->signal)) != 0)
                        ::kill(pid_t(s->pid), int(s->signal)); // not (yet) leading its group
                    continue;
                }
                for (int fd : received)
                    ::close(fd);
                std::fprintf(stderr, "proclab-worker --forkserver: %s\n", qPrintable(why));
                return shutdown(3);
            }
            const std::optional<forkserver::Fork> fork = forkserver::Fork::decode(msg, &why);
            if (!fork) {
                // The engine broke the protocol: no request to answer; it sees us exit.
                for (int fd : received)
                    ::close(fd);
                std::fprintf(stderr, "proclab-worker --forkserver: %s\n", qPrintable(why));
                return shutdown(3);
            }
            const qint64 request = fork->request;
            const QCborArray& targets = fork->targets; // child numbers of the inherited descriptors
            if (received.size() != size_t(2 + targets.size())) {
                for (int fd : received)
                    ::close(fd);
                sendPacket(controlFd, forkserver::ForkFailed { request, QStringLiteral("bad fork request") }.encode());
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
                sendPacket(controlFd, forkserver::ForkFailed { request, platform::errnoText(errno) }.encode());
                continue;
            }
            children.insert(child);
            sendPacket(controlFd, forkserver::Forked { request, qint64(child) }.encode());
        }
    }
}

} // namespace proclab
