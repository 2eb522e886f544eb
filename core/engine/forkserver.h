#pragma once

// The forkserver start method: one clean, single-threaded server process, started once per Context, that
// forks workers on request. Forking from it is cheap (no exec, no dynamic loading) and safe (the engine is
// multi-threaded, the server is not). The engine cannot wait for the server's children, so the server
// reports their exit statuses.

#include "base/platform.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <sys/types.h>

namespace proclab {

class IoLoop;

// Engine side (the server is worker/forkserverserver.h). Loop thread only. It reports through the callbacks
// given to fork() (std::function, as WorkerProcess and IoLoop do: one listener each, on the same thread); when
// the server dies every pending callback hears it.
class ForkServer : public QObject {
    Q_OBJECT
public:
    struct Setup {
        QString workerPath;
        int consoleFd = -1;
        int devNullFd = -1;
        int lifelineFd = -1;
    };
    ForkServer(IoLoop* loop, const Setup& setup, QObject* parent = nullptr);
    ~ForkServer() override; // the server kills its children and exits when its control socket closes

    bool start(QString* error); // blocks until the server says hello (or 5 s)
    bool isRunning() const { return m_pid > 0 && m_control >= 0; }
    pid_t pid() const { return m_pid; }
    qint64 startupNs() const { return m_startupNs; }

    using ForkCallback = std::function<void(pid_t pid, const QString& error)>;
    // `usage`: what the server's wait4 counted for the child; none when it died with the server.
    using ExitCallback = std::function<void(int waitStatus, const std::optional<platform::ProcessUsage>& usage)>;
    // Asks for a worker that gets `channelFd`, `stderrFd` and the `inherited` descriptors at their child
    // numbers (all stay owned by the caller).
    void fork(int channelFd, int stderrFd, const QList<platform::FdMapping>& inherited, ForkCallback forked,
        ExitCallback exited);
    // Signals the group of child `pid` through the server, which does it only if it has not reaped that child
    // yet: the engine cannot know (the exit it hears may still be on its way), and a pid the server reaped may
    // name another process already. False when the server is not running.
    bool signal(pid_t pid, int signal);

private:
    void onReadable();
    void answerFork(qint64 request, pid_t pid, const QString& error);
    void fail(const QString& reason);

    IoLoop* m_loop;
    Setup m_setup;
    int m_control = -1;
    pid_t m_pid = -1;
    qint64 m_startupNs = 0;
    qint64 m_nextRequest = 1;
    std::map<qint64, ForkCallback> m_pendingForks;
    std::map<pid_t, ExitCallback> m_exitHandlers;
};

} // namespace proclab
