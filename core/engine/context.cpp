#include "engine/context.h"

#include "base/clock.h"
#include "base/ioloop.h"
#include "base/platform.h"
#include "base/sharedmemory.h"
#include "engine/forkserver.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <QMetaMethod>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <new>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

namespace proclab {

Context::Context(StartMethod method, QObject* parent)
    : QObject(parent)
    , m_method(method)
    , m_workerPath(defaultWorkerPath())
    , m_loop(std::make_unique<IoLoop>())
{
    qRegisterMetaType<proclab::EventBatch>();
    qRegisterMetaType<proclab::ConsoleChunk>();
    qRegisterMetaType<proclab::ProcessError>();
    platform::ignoreSigPipe();
    const QString lean = QFileInfo(m_workerPath).dir().filePath(QStringLiteral("proclab-lean-worker"));
    if (qEnvironmentVariable("PROCLAB_LEAN_WORKER") != QLatin1String("0") && QFileInfo(lean).isExecutable())
        m_leanWorkerPath = lean;
    // What a SIGKILLed engine could not clean up, the next one does.
    removeStaleSharedMemory();

    // The shared console: a datagram socket, so that the kernel tells us who wrote each piece.
    int console[2];
    if (platform::makeSocketPair(SOCK_DGRAM, console)) {
        m_consoleRead = console[0];
        m_consoleWrite = console[1];
        const int on = 1;
        setsockopt(m_consoleRead, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
        // Room for bursts of output; writers block (like on a pipe) when the reader lags further.
        const int size = 1 << 20;
        setsockopt(m_consoleRead, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
        platform::setNonBlocking(m_consoleRead);
    }
    int lifeline[2];
    if (platform::makePipe(lifeline)) {
        m_lifelineRead = lifeline[0];
        m_lifelineWrite = lifeline[1];
    }
    m_devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    m_eventsPageFd = platform::makeAnonymousShared(qsizetype(sizeof(std::atomic<qint32>)));
    void* page = m_eventsPageFd >= 0
        ? ::mmap(nullptr, sizeof(std::atomic<qint32>), PROT_READ | PROT_WRITE, MAP_SHARED, m_eventsPageFd, 0)
        : MAP_FAILED;
    if (page != MAP_FAILED) {
        m_eventsPage = new (page) std::atomic<qint32>(1);
        m_events.setWantedMirror(m_eventsPage);
    } else {
        platform::closeFd(m_eventsPageFd); // workers then send every event, as they did before the page
    }
    bool periodSet = false;
    const int sampleMs = qEnvironmentVariableIntValue("PROCLAB_SAMPLE_MS", &periodSet);
    if (periodSet)
        m_samplePeriodNs = std::max(0, sampleMs) * qint64(1'000'000);

    m_loop->postAndWait([this] {
        if (m_consoleRead >= 0)
            m_loop->watch(m_consoleRead, POLLIN, [this](short) { onConsoleReadable(); });
        m_loop->addTicker(16'000'000, [this] { publishEvents(); });
        m_loop->addTicker(20'000'000, [this] { sampleProcesses(); });
    });
}

Context::~Context()
{
    m_loop->postAndWait([this] {
        onConsoleReadable(); // whatever was printed last
        m_forkServer.reset();
        publishEvents(true);
    });
    // Stopping the loop ends the thread that spawned the workers: PR_SET_PDEATHSIG fires for any left.
    m_loop.reset();
    platform::closeFd(m_lifelineWrite);
    platform::closeFd(m_lifelineRead);
    platform::closeFd(m_consoleRead);
    platform::closeFd(m_consoleWrite);
    platform::closeFd(m_devNull);
    m_events.setWantedMirror(nullptr);
    if (m_eventsPage)
        ::munmap(m_eventsPage, sizeof(std::atomic<qint32>));
    platform::closeFd(m_eventsPageFd);
    // Objects made by workers that were killed before they could unlink them (their pid is in the name).
    removeStaleSharedMemory();
}

QString Context::defaultWorkerPath()
{
    const QString fromEnv = qEnvironmentVariable("PROCLAB_WORKER");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QDir bin(platform::processExecutableDir());
    const QString beside = bin.filePath(QStringLiteral("proclab-worker")); // a build tree
    if (QFileInfo(beside).isExecutable())
        return beside;
    // An installed copy under any prefix: <prefix>/bin/proclab runs <prefix>/libexec/proclab/proclab-worker.
    const QString installed
        = QDir::cleanPath(bin.filePath(QStringLiteral(PROCLAB_WORKER_DIR_FROM_BIN "/proclab-worker")));
    if (QFileInfo(installed).isExecutable())
        return installed;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("proclab-worker"));
    return onPath.isEmpty() ? beside : onPath;
}

QString Context::installedDataDir()
{
    const QString dir
        = QDir::cleanPath(QDir(platform::processExecutableDir()).filePath(QStringLiteral(PROCLAB_DATA_DIR_FROM_BIN)));
    return QFileInfo(dir).isDir() ? dir : QString();
}

std::vector<ConsoleChunk> Context::console() const
{
    std::lock_guard lock(m_mutex);
    return { m_console.begin(), m_console.end() };
}

qint64 Context::consoleDropped() const
{
    std::lock_guard lock(m_mutex);
    return m_consoleDropped;
}

QByteArray Context::consoleText() const
{
    std::lock_guard lock(m_mutex);
    QByteArray all;
    for (const auto& c : m_console)
        if (c.stream == 1)
            all += c.text;
    return all;
}

void Context::emitEvent(EventKind kind, qint32 object, qint64 task, qint64 value)
{
    if (!m_events.wanted())
        return;
    recordEvent({ monotonicNs(), qint32(platform::currentPid()), -1, kind, object, task, value });
}

qint32 Context::nextObjectId()
{
    return ++m_objectCounter;
}

int Context::nextProcessNumber()
{
    std::lock_guard lock(m_mutex);
    return ++m_processCounter;
}

int Context::nextPoolWorkerNumber()
{
    std::lock_guard lock(m_mutex);
    return ++m_poolWorkerCounter;
}

ForkServer* Context::forkServer(QString* error)
{
    Q_ASSERT(m_loop->inLoopThread());
    if (m_forkServer && m_forkServer->isRunning())
        return m_forkServer.get();
    m_forkServer = std::make_unique<ForkServer>(
        m_loop.get(), ForkServer::Setup { m_workerPath, m_consoleWrite, m_devNull, m_lifelineRead });
    if (!m_forkServer->start(error)) {
        m_forkServer.reset();
        return nullptr;
    }
    registerProcess(m_forkServer->pid(), QStringLiteral("ForkServer"));
    return m_forkServer.get();
}

qint64 Context::forkServerStartupNs() const
{
    qint64 ns = 0;
    m_loop->postAndWait([&] { ns = m_forkServer ? m_forkServer->startupNs() : 0; });
    return ns;
}

void Context::requestStop(const QString& why)
{
    std::lock_guard lock(m_stopMutex);
    if (m_stopReason.isEmpty())
        m_stopReason = why.isEmpty() ? QStringLiteral("stopped") : why;
}

QString Context::stopRequested() const
{
    std::lock_guard lock(m_stopMutex);
    return m_stopReason;
}

void Context::registerProcess(pid_t pid, const QString& name)
{
    std::lock_guard lock(m_mutex);
    m_names[pid] = name;
}

QString Context::processName(pid_t pid) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_names.find(pid);
    return it == m_names.end() ? QString() : it->second;
}

void Context::recordProcessUsage(pid_t pid, const platform::ProcessUsage& usage)
{
    std::lock_guard lock(m_mutex);
    m_usage[pid] = usage;
}

std::optional<platform::ProcessUsage> Context::processUsage(pid_t pid) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_usage.find(pid);
    if (it == m_usage.end())
        return std::nullopt;
    return it->second;
}

void Context::sampleProcess(pid_t pid)
{
    if (pid <= 0 || samplingPeriodNs() <= 0)
        return;
    m_loop->post([this, pid] {
        const qint64 now = monotonicNs();
        m_sampler.watch(pid, now);
        m_sampleDueNs = m_sampler.nextDueNs();
    });
}

void Context::setSamplingPeriodNs(qint64 ns)
{
    m_samplePeriodNs = std::max<qint64>(0, ns);
}

void Context::sampleProcesses()
{
    const qint64 period = samplingPeriodNs();
    const qint64 now = monotonicNs();
    // Read nothing while nobody will read the samples (a streamed run, a run that is over), or when it is off.
    if (period <= 0 || now < m_sampleDueNs || !m_events.wanted() || m_sampler.watching() == 0)
        return;
    m_sampler.setPeriodNs(period);
    EventBatch samples;
    m_sampler.sample(now, &samples);
    m_sampleDueNs = m_sampler.nextDueNs();
    if (!samples.empty())
        m_events.append(samples);
}

void Context::reportProcessError(qint64 pid, const ProcessError& error)
{
    {
        std::lock_guard lock(m_mutex);
        m_errors[pid] = error;
    }
    Q_EMIT processRaised(pid, error);
}

std::map<qint64, ProcessError> Context::processErrors() const
{
    std::lock_guard lock(m_mutex);
    return m_errors;
}

void Context::publishConsole(ConsoleChunk chunk)
{
    {
        // A ring: a run that prints all lesson long keeps the newest MaxConsoleBytes, not everything.
        std::lock_guard lock(m_mutex);
        m_consoleBytes += chunk.text.size();
        m_console.push_back(chunk);
        while (m_consoleBytes > MaxConsoleBytes && m_console.size() > 1) {
            m_consoleBytes -= m_console.front().text.size();
            m_console.pop_front();
            ++m_consoleDropped;
        }
    }
    recordEvent({ chunk.tNs, qint32(chunk.pid), -1, EventKind::ConsoleLine, chunk.stream, -1, chunk.text.size() });
    Q_EMIT consoleOutput(chunk);
}

void Context::onConsoleReadable()
{
    if (m_consoleRead < 0)
        return;
    char buf[65536];
    for (;;) {
        iovec iov { buf, sizeof buf };
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
        msghdr mh {};
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        mh.msg_control = control;
        mh.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(m_consoleRead, &mh, MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        ConsoleChunk chunk;
        chunk.tNs = monotonicNs();
        for (cmsghdr* c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
                ucred cred;
                std::memcpy(&cred, CMSG_DATA(c), sizeof cred);
                chunk.pid = cred.pid;
            }
        }
        chunk.text = QByteArray(buf, n);
        publishConsole(std::move(chunk));
    }
}

void Context::connectNotify(const QMetaMethod& signal)
{
    if (signal == QMetaMethod::fromSignal(&Context::eventsAvailable))
        m_events.setPublishing(true);
}

void Context::disconnectNotify(const QMetaMethod&)
{
    // Nothing here: Qt calls this with its connection lock held, and isSignalConnected() takes that lock (a
    // disconnect from a DirectConnection owner deadlocked with the I/O thread's flush). The next flush, at frame
    // rate, sees whether anybody still listens and stops keeping events if nobody does.
}

Forwarding::Forwarding(QMetaObject::Connection events, QMetaObject::Connection console)
    : m_events(std::move(events))
    , m_console(std::move(console))
{
}

Forwarding::~Forwarding()
{
    QObject::disconnect(m_events);
    QObject::disconnect(m_console);
}

Forwarding Context::forwardFrom(Context* source, std::function<void(const EventBatch&)> inspect)
{
    return Forwarding(connect(
                          source, &Context::eventsAvailable, this,
                          [this, inspect = std::move(inspect)](const EventBatch& batch) {
                              if (inspect)
                                  inspect(batch);
                              forwardEvents(batch);
                          },
                          Qt::DirectConnection),
        connect(
            source, &Context::consoleOutput, this, [this](const ConsoleChunk& chunk) { forwardConsole(chunk); },
            Qt::DirectConnection));
}

void Context::publishEvents(bool drain)
{
    // Hold back the last 20 ms so that a stream read a little later can still slot its events in order.
    const qint64 until = drain ? std::numeric_limits<qint64>::max() : monotonicNs() - 20'000'000;
    const bool listened = isSignalConnected(QMetaMethod::fromSignal(&Context::eventsAvailable));
    m_events.setPublishing(listened);
    if (!listened) {
        m_events.skipPending(until);
        return;
    }
    EventBatch batch = m_events.takePending(until);
    if (!batch.empty())
        Q_EMIT eventsAvailable(batch);
}

} // namespace proclab
