#include "engine/workerprocess.h"

#include "base/clock.h"
#include "base/ioloop.h"
#include "base/messages.h"
#include "base/platform.h"
#include "engine/context.h"
#include "engine/forkserver.h"

#include <QPointer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <new>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

namespace proclab {

namespace {
constexpr int StderrTailLines = 20;
constexpr qsizetype StderrLineMax = 500; // a worker that writes without newlines must not grow our memory
} // namespace

WorkerProcess::WorkerProcess(Context* context, int index, const QString& name, qint64 paceNs, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_index(index)
    , m_name(name)
    , m_paceNs(paceNs)
    , m_out(wire::preamble())
{
}

WorkerProcess::~WorkerProcess()
{
    IoLoop* loop = m_context->loop();
    if (m_channel >= 0)
        loop->unwatch(m_channel);
    if (m_stderr >= 0)
        loop->unwatch(m_stderr);
    if (m_pidFd >= 0)
        loop->unwatch(m_pidFd);
    platform::closeFd(m_channel);
    platform::closeFd(m_stderr);
    platform::closeFd(m_pidFd);
    if (m_status)
        ::munmap(m_status, sizeof(WorkerStatus));
    if (m_pid > 0 && m_state != State::Exited) {
        sendSignal(SIGKILL);
        if (m_context->startMethod() == StartMethod::Spawn)
            platform::reap(m_pid, nullptr, true);
        // forkserver children are reaped by the server
    }
}

bool WorkerProcess::start(QString* error)
{
    Q_ASSERT(m_context->loop()->inLoopThread());
    int channel[2];
    int err[2];
    if (!platform::makeSocketPair(SOCK_STREAM, channel)) {
        *error = QStringLiteral("socketpair: %1").arg(platform::errnoText(errno));
        return false;
    }
    if (!platform::makePipe(err)) {
        ::close(channel[0]);
        ::close(channel[1]);
        *error = QStringLiteral("pipe: %1").arg(platform::errnoText(errno));
        return false;
    }
    // The status page: mapped here and in the worker, so it outlives the worker's death for us to read.
    int statusFd = platform::makeAnonymousShared(qsizetype(sizeof(WorkerStatus)));
    void* page = statusFd >= 0 ? ::mmap(nullptr, sizeof(WorkerStatus), PROT_READ | PROT_WRITE, MAP_SHARED, statusFd, 0)
                               : MAP_FAILED;
    if (page != MAP_FAILED) {
        m_status = new (page) WorkerStatus;
    } else {
        platform::closeFd(statusFd); // no page: it runs without one (no deadlines, a coarser loss report)
    }
    QList<platform::FdMapping> inherited = m_inherited;
    if (statusFd >= 0)
        inherited.append({ statusFd, WorkerStatusFd });
    if (m_context->eventsPageFd() >= 0)
        inherited.append({ m_context->eventsPageFd(), EventsWantedFd });
    m_channel = channel[0];
    m_stderr = err[0];
    platform::setNonBlocking(m_channel);
    platform::setNonBlocking(m_stderr);
    const int bufSize = 1 << 20;
    setsockopt(m_channel, SOL_SOCKET, SO_SNDBUF, &bufSize, sizeof bufSize);
    setsockopt(m_channel, SOL_SOCKET, SO_RCVBUF, &bufSize, sizeof bufSize);

    m_spawnNs = monotonicNs();
    m_state = State::Starting;
    const StartMethod method = m_context->startMethod();
    bool ok = true;
    if (method == StartMethod::Spawn) {
        platform::SpawnSpec spec;
        spec.program = m_context->workerPath();
        spec.arguments = { QStringLiteral("--channel"), QStringLiteral("3"), QStringLiteral("--lifeline"),
            QStringLiteral("4"), QStringLiteral("--parent"), QString::number(platform::currentPid()) };
        // A pool's worker starts lean (no Qt) and becomes proclab-worker when a task needs it; a Process's target
        // always needs it, so a Process starts as proclab-worker.
        if (const QString lean = m_context->leanWorkerPath(); m_index >= 0 && !lean.isEmpty()) {
            spec.arguments.prepend(std::exchange(spec.program, lean));
            spec.arguments.prepend(QStringLiteral("--full"));
        }
        spec.fds = { { m_context->devNullFd(), 0 }, { m_context->consoleWriteFd(), 1 }, { err[1], 2 },
            { channel[1], 3 }, { m_context->lifelineReadFd(), 4 } };
        spec.fds += inherited;
        spec.processGroup = 0; // its own group: terminate() reaches whatever it starts too
        m_pid = platform::spawn(spec, error);
        ok = m_pid > 0;
        if (ok) {
            m_pidFd = platform::openPidFd(m_pid);
            watchExit();
        }
    } else {
        ForkServer* server = m_context->forkServer(error);
        ok = server != nullptr;
        if (ok) {
            m_forkServer = server;
            QPointer<WorkerProcess> self(this);
            server->fork(
                channel[1], err[1], inherited,
                [self](pid_t pid, const QString& e) {
                    if (!self)
                        return;
                    if (pid <= 0) {
                        self->m_state = State::Exited;
                        if (self->onFailed)
                            self->onFailed(self->m_index, -1, QStringLiteral("cannot start: ") + e);
                        return;
                    }
                    self->m_pid = pid;
                    platform::noteStartedProcess(pid); // the forkserver's child, started for us
                    self->m_context->registerProcess(pid, self->m_name);
                    self->m_context->sampleProcess(pid);
                    self->m_context->sampleProcess(platform::currentPid()); // the parent on the stage
                    // Stamped when the fork was asked for, recorded now that its pid is known (a saved run must
                    // name a process by a real pid: forkserver became the default start method).
                    self->m_context->recordEvent({ self->m_spawnNs, qint32(pid), self->m_index, EventKind::ProcessSpawn,
                        -1, -1, int(StartMethod::ForkServer) });
                    if (self->m_pendingSignal)
                        self->sendSignal(self->m_pendingSignal); // stopped while its fork was on the way
                },
                [self](int status, const std::optional<platform::ProcessUsage>& usage) {
                    if (self)
                        self->onExited(status, usage);
                });
        }
    }
    ::close(channel[1]);
    ::close(err[1]);
    platform::closeFd(statusFd);
    if (!ok) {
        m_state = State::Exited;
        platform::closeFd(m_channel);
        platform::closeFd(m_stderr);
        return false;
    }
    if (m_pid > 0) { // spawn; a forkserver's child is recorded when its pid comes back
        m_context->registerProcess(m_pid, m_name);
        m_context->sampleProcess(m_pid);
        m_context->sampleProcess(platform::currentPid()); // the parent on the stage
        m_context->recordEvent({ m_spawnNs, qint32(m_pid), m_index, EventKind::ProcessSpawn, -1, -1, int(method) });
    }

    IoLoop* loop = m_context->loop();
    loop->watch(m_channel, POLLIN, [this](short revents) { onChannel(revents); });
    loop->watch(m_stderr, POLLIN, [this](short) { onStderr(); });
    QCborArray faults;
    for (const Fault& f : std::as_const(m_faults))
        faults.append(f.toCbor());
    const qint64 flags = m_context->eventsPageFd() >= 0 ? qint64(wire::Init::EventsPage) : 0;
    send(wire::Init { m_index, m_name, flags, m_paceNs, faults, m_status ? WorkerStatusFd : -1 }.encode());
    flush();
    // A worker that never says it is ready (hung in its start-up, stopped) would be waited for forever.
    const int timeoutMs = startupTimeoutMs();
    QPointer<WorkerProcess> self(this);
    loop->callAt(m_spawnNs + qint64(timeoutMs) * 1'000'000, [self, timeoutMs] {
        if (self && self->m_state == State::Starting)
            self->abort(QStringLiteral("%1 (pid %2) did not start within %3 s (it never said it was ready): killed")
                            .arg(self->m_name)
                            .arg(self->m_pid)
                            .arg(timeoutMs / 1000.0));
    });
    return true;
}

int WorkerProcess::startupTimeoutMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("PROCLAB_WORKER_START_TIMEOUT_MS", &ok);
    return ok && ms > 0 ? ms : DefaultStartupTimeoutMs;
}

void WorkerProcess::watchExit()
{
    if (m_pidFd >= 0) {
        m_context->loop()->watch(m_pidFd, POLLIN, [this](short) {
            int status = 0;
            platform::ProcessUsage usage;
            if (platform::reap(m_pid, &status, false, &usage))
                onExited(status, usage);
        });
    }
}

void WorkerProcess::send(const QCborArray& message)
{
    wire::appendFrame(m_out, message);
}

void WorkerProcess::flush()
{
    while (m_channel >= 0 && m_outPos < m_out.size()) {
        const ssize_t n = ::send(
            m_channel, m_out.constData() + m_outPos, size_t(m_out.size() - m_outPos), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            m_outPos += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_context->loop()->setEvents(m_channel, POLLIN | POLLOUT);
            return;
        }
        // The worker is gone; its exit will be reported by the exit watch.
        m_out.clear();
        m_outPos = 0;
        return;
    }
    m_out.clear();
    m_outPos = 0;
    if (m_channel >= 0)
        m_context->loop()->setEvents(m_channel, POLLIN);
}

void WorkerProcess::quit()
{
    m_exitExpected = true;
    send(wire::Quit {}.encode());
    flush();
}

// Signals go to the worker's process group (it leads its own): whatever it started goes with it.
void WorkerProcess::terminate()
{
    m_exitExpected = true;
    signalGroup(SIGTERM);
}

void WorkerProcess::kill()
{
    m_exitExpected = true;
    signalGroup(SIGKILL);
}

void WorkerProcess::signalGroup(int signal)
{
    if (m_state == State::Exited)
        return;
    if (m_pid > 0) {
        sendSignal(signal);
    } else if (m_pendingSignal != SIGKILL) {
        m_pendingSignal = signal; // a forkserver child not forked yet: signalled as soon as its pid is known
    }
}

void WorkerProcess::abort(const QString& why)
{
    if (m_pid <= 0 || m_state == State::Exited || !m_abortReason.isEmpty())
        return;
    m_abortReason = why;
    m_exitExpected = false;
    sendSignal(SIGKILL);
}

// A spawned worker is our child: until we reap it (after its exit is seen), its pid and group cannot name
// anybody else, so we signal it ourselves. A forkserver child is the server's, which reaps it the moment it
// dies, possibly before we hear of it: the server signals it, if it has not reaped it.
void WorkerProcess::sendSignal(int signal)
{
    if (m_pid <= 0)
        return;
    if (m_context->startMethod() == StartMethod::ForkServer && m_forkServer) {
        // False when the server is gone, and its children with it (each has PR_SET_PDEATHSIG to SIGKILL on it).
        m_forkServer->signal(m_pid, signal);
        return;
    }
    if (::killpg(m_pid, signal) != 0)
        ::kill(m_pid, signal); // not (yet) leading its group
}

void WorkerProcess::onChannel(short revents)
{
    if (revents & POLLOUT)
        flush();
    if (!(revents & (POLLIN | POLLHUP | POLLERR)))
        return;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::recv(m_channel, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) {
            m_reader.append(buf, n);
            QCborArray msg;
            while (m_state != State::Exited && m_reader.next(&msg)) {
                if (!handleMessage(msg))
                    return;
            }
            if (m_reader.hasError()) {
                protocolError(QStringLiteral("protocol error: ") + m_reader.errorString());
                return;
            }
            if (n < qsizetype(sizeof buf)) {
                if (onBatchEnd)
                    onBatchEnd();
                return;
            }
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (onBatchEnd)
                onBatchEnd();
            return;
        }
        // EOF or error: the worker closed its end (it is exiting). Stop watching; the exit watch reports.
        m_context->loop()->unwatch(m_channel);
        platform::closeFd(m_channel);
        m_channelClosed = true;
        if (m_pidFd < 0 && m_context->startMethod() == StartMethod::Spawn) {
            int status = 0;
            platform::ProcessUsage usage;
            // No pidfd: the channel closing is our exit signal.
            const bool reaped = platform::reap(m_pid, &status, true, &usage);
            onExited(status, reaped ? std::optional(usage) : std::nullopt);
        }
        return;
    }
}

// Every message from the worker goes through its decoder: one that does not decode is the worker's protocol
// error (it is killed and reported as failed), never read as default values.
bool WorkerProcess::handleMessage(const QCborArray& msg)
{
    QString why;
    switch (wire::Msg(wire::messageType(msg))) {
    case wire::Msg::Ready:
        if (const auto m = wire::Ready::decode(msg, &why)) {
            m_state = State::Ready;
            m_readyNs = m->tReadyNs;
            if (m_pid <= 0)
                m_pid = pid_t(m->pid);
            m_context->recordEvent(
                { m_readyNs, qint32(m_pid), m_index, EventKind::ProcessReady, -1, -1, m_readyNs - m_spawnNs });
            if (onReady)
                onReady(m_index, m_pid);
            return true;
        }
        break;
    case wire::Msg::Events:
        if (const auto m = wire::Events::decode(msg, &why)) {
            recordWorkerEvents(m->flat);
            return true;
        }
        break;
    case wire::Msg::Fatal:
        if (const auto m = wire::Fatal::decode(msg, &why)) {
            protocolError(m->message);
            return false;
        }
        break;
    case wire::Msg::Started:
        if (const auto m = wire::Started::decode(msg, &why)) {
            if (onChunkStarted)
                onChunkStarted(*m);
            return true;
        }
        break;
    case wire::Msg::Done:
        if (const auto m = wire::Done::decode(msg, &why)) {
            if (onChunksDone)
                onChunksDone(*m);
            return true;
        }
        break;
    case wire::Msg::RunDone:
        // The Process target's outcome; its exit status says the same, and is what Process reports.
        if (wire::RunDone::decode(msg, &why))
            return true;
        break;
    default:
        why = QStringLiteral("unexpected message type %1").arg(wire::messageType(msg));
        break;
    }
    protocolError(QStringLiteral("protocol error from worker %1 (pid %2): %3").arg(m_index).arg(m_pid).arg(why));
    return false;
}

void WorkerProcess::recordWorkerEvents(const QCborArray& flat)
{
    EventBatch batch;
    batch.reserve(size_t(flat.size() / 5));
    for (qsizetype i = 0; i + 4 < flat.size(); i += 5) {
        const int kind = int(flat.at(i + 1).toInteger());
        if (kind < 0 || kind > int(EventKind::Error))
            continue; // from a newer worker: skip what we cannot name
        batch.push_back({ flat.at(i).toInteger(), qint32(m_pid), m_index, EventKind(kind),
            qint32(flat.at(i + 2).toInteger()), flat.at(i + 3).toInteger(), flat.at(i + 4).toInteger() });
    }
    m_context->events().append(batch);
}

void WorkerProcess::onStderr()
{
    char buf[16384];
    for (;;) {
        const ssize_t n = ::read(m_stderr, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0) {
                m_context->loop()->unwatch(m_stderr);
                platform::closeFd(m_stderr);
            }
            return;
        }
        const QByteArray text(buf, n);
        m_context->publishConsole({ monotonicNs(), m_pid, 2, text });
        m_stderrPartial += text;
        qsizetype nl;
        while ((nl = m_stderrPartial.indexOf('\n')) >= 0) {
            m_stderrTail << QString::fromUtf8(m_stderrPartial.left(std::min(nl, StderrLineMax)));
            m_stderrPartial.remove(0, nl + 1);
        }
        if (m_stderrPartial.size() > StderrLineMax) {
            m_stderrTail << QString::fromUtf8(m_stderrPartial.left(StderrLineMax));
            m_stderrPartial.clear();
        }
        while (m_stderrTail.size() > StderrTailLines)
            m_stderrTail.removeFirst();
    }
}

void WorkerProcess::protocolError(const QString& why)
{
    if (m_failedReported)
        return;
    m_failedReported = true;
    m_exitExpected = false;
    sendSignal(SIGKILL);
    m_context->recordEvent({ monotonicNs(), qint32(m_pid), m_index, EventKind::ProcessFailed, -1, -1, 0 });
    if (onFailed)
        onFailed(m_index, m_pid, why);
}

void WorkerProcess::onExited(int waitStatus, const std::optional<platform::ProcessUsage>& usage)
{
    if (m_state == State::Exited)
        return;
    if (usage)
        m_context->recordProcessUsage(m_pid, *usage);
    // Drain what it said last (results, stderr) before reporting the exit.
    if (m_channel >= 0)
        onChannel(POLLIN);
    if (m_stderr >= 0)
        onStderr();
    if (!m_stderrPartial.isEmpty())
        m_stderrTail << QString::fromUtf8(m_stderrPartial);
    m_state = State::Exited;
    m_waitStatus = waitStatus;
    m_exitCode = platform::exitCodeFromStatus(waitStatus);
    IoLoop* loop = m_context->loop();
    if (m_pidFd >= 0) {
        loop->unwatch(m_pidFd);
        platform::closeFd(m_pidFd);
    }
    if (m_channel >= 0) {
        loop->unwatch(m_channel);
        platform::closeFd(m_channel);
    }
    if (m_stderr >= 0) {
        loop->unwatch(m_stderr);
        platform::closeFd(m_stderr);
    }
    m_context->recordEvent({ monotonicNs(), qint32(m_pid), m_index, EventKind::ProcessExit, -1, -1, m_exitCode });
    if (m_failedReported)
        return;
    if (m_exitExpected) {
        if (onFinished)
            onFinished(m_index, m_pid, m_exitCode);
    } else {
        QString reason = !m_abortReason.isEmpty()
            ? m_abortReason
            : QStringLiteral("%1 (pid %2) %3").arg(m_name).arg(m_pid).arg(platform::describeDeath(waitStatus));
        if (!m_stderrTail.isEmpty())
            reason += QStringLiteral("; last stderr: ") + m_stderrTail.last();
        m_context->recordEvent({ monotonicNs(), qint32(m_pid), m_index, EventKind::ProcessFailed, -1, -1, m_exitCode });
        if (onFailed)
            onFailed(m_index, m_pid, reason);
    }
}

} // namespace proclab
