#include "python/pythonrun.h"

#include "base/clock.h"
#include "base/ioloop.h"
#include "base/platform.h"
#include "engine/context.h"
#include "engine/startmethod.h"
#include "lab/trace.h"
#include "python/probereader.h"
#include "python/probetranslator.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab {

struct PythonRun::Connection {
    int fd = -1;
    qint64 pid = 0;
    ProbeReader reader;
};

namespace {

constexpr qint64 AfterMainGraceNs = 2'000'000'000; // processes left once the main one exited: then SIGKILLed
constexpr qsizetype ReadChunk = 64 * 1024;
constexpr qsizetype ReadBudget = 4 << 20; // per readiness, so that one chatty process does not starve the rest
constexpr qsizetype MaxExceptionChars = 500; // an exception's last line, as shown on a process's box
constexpr qsizetype MaxTracebackChars = 16 * 1024; // its traceback: the newest part, where the error is

bool hasProbe(const QString& dir)
{
    return !dir.isEmpty() && QFileInfo::exists(QDir(dir).filePath(QStringLiteral("proclab_probe/__init__.py")));
}

} // namespace

PythonRun::PythonRun(QObject* parent)
    : QObject(parent)
    , m_context(std::make_unique<Context>(StartMethod::Spawn))
    , m_translator(std::make_unique<ProbeTranslator>())
{
}

PythonRun::~PythonRun()
{
    bool running = false;
    pid_t group = -1;
    {
        std::lock_guard lock(m_mutex);
        running = m_started && !m_finished;
        group = m_pid;
    }
    if (running && group > 0) {
        ::kill(-group, SIGKILL);
        waitForFinished(10'000);
    }
    m_context->loop()->postAndWait([this] { closeAll(); });
}

QString PythonRun::probeDirectory()
{
    const QString fromEnv = qEnvironmentVariable("PROCLAB_PROBE_DIR");
    if (hasProbe(fromEnv))
        return fromEnv;
    const QString data = Context::installedDataDir();
    if (!data.isEmpty() && hasProbe(QDir(data).filePath(QStringLiteral("python-probe"))))
        return QDir(data).filePath(QStringLiteral("python-probe"));
    const QString built = QStringLiteral(PROCLAB_BUILD_PROBE_DIR);
    if (hasProbe(built))
        return built;
    const QString source = QStringLiteral(PROCLAB_SOURCE_PROBE_DIR);
    return hasProbe(source) ? source : QString();
}

QString PythonRun::resolveInterpreter(const QString& interpreter)
{
    const QString name = interpreter.isEmpty() ? QStringLiteral("python3") : interpreter;
    if (name.contains(QLatin1Char('/'))) {
        const QFileInfo fi(name);
        return fi.isFile() && fi.isExecutable() ? fi.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(name);
}

QString PythonRun::interpreterVersion(const QString& interpreter)
{
    const QString path = resolveInterpreter(interpreter);
    if (path.isEmpty())
        return {};
    QProcess p;
    p.start(path, { QStringLiteral("-c"), QStringLiteral("import sys; print(sys.version.split()[0])") });
    if (!p.waitForFinished(5000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return p.exitCode() == 0 ? QString::fromUtf8(p.readAllStandardOutput()).trimmed().left(32) : QString();
}

bool PythonRun::start(const PythonRunOptions& options, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    {
        std::lock_guard lock(m_mutex);
        if (m_started)
            return fail(QStringLiteral("this run has already started"));
    }
    const QFileInfo script(options.script);
    if (!script.isFile())
        return fail(QStringLiteral("no such script: %1").arg(options.script));
    const QString interpreter = resolveInterpreter(options.interpreter);
    if (interpreter.isEmpty())
        return fail(QStringLiteral("no Python interpreter '%1' (install python3, or choose one)")
                        .arg(options.interpreter.isEmpty() ? QStringLiteral("python3") : options.interpreter));
    const QString probe = options.probeDir.isEmpty() ? probeDirectory() : options.probeDir;
    if (!hasProbe(probe))
        return fail(QStringLiteral("ProcLab's Python probe is not installed (proclab_probe in %1)")
                        .arg(probe.isEmpty() ? QStringLiteral("share/proclab/python-probe") : probe));
    const QString method = options.startMethod;
    if (!method.isEmpty() && method != QLatin1String("fork") && method != QLatin1String("spawn")
        && method != QLatin1String("forkserver"))
        return fail(QStringLiteral("unknown start method '%1' (fork, spawn, forkserver)").arg(method));

    bool ok = false;
    QString why;
    m_context->loop()->postAndWait([&] {
        // The socket every Python process of the program reports to: abstract, with a name nobody can guess.
        const QByteArray name = QStringLiteral("proclab-%1-%2")
                                    .arg(platform::currentPid())
                                    .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'))
                                    .toLatin1();
        m_listen = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr {};
        addr.sun_family = AF_UNIX;
        std::memcpy(addr.sun_path + 1, name.constData(), size_t(name.size()));
        const socklen_t len = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(name.size()));
        if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), len) != 0
            || ::listen(m_listen, 128) != 0) {
            why = QStringLiteral("cannot listen for the probe: %1").arg(platform::errnoText(errno));
            return;
        }
        // The console: stdout and stderr of the whole process tree, each write with its writer's pid.
        int ends[2][2] = { { -1, -1 }, { -1, -1 } };
        for (int s = 0; s < 2; ++s) {
            if (!platform::makeSocketPair(SOCK_STREAM, ends[s])) {
                why = QStringLiteral("cannot make the console: %1").arg(platform::errnoText(errno));
                return;
            }
            const int on = 1;
            ::setsockopt(ends[s][0], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
            const int size = 1 << 20;
            ::setsockopt(ends[s][0], SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
            ::shutdown(ends[s][0], SHUT_WR);
            ::shutdown(ends[s][1], SHUT_RD);
            platform::setNonBlocking(ends[s][0]);
            m_console[s] = ends[s][0];
            m_consoleOpen[s] = true;
        }

        platform::SpawnSpec spec;
        spec.program = interpreter;
        spec.arguments << QStringLiteral("-m") << QStringLiteral("proclab_probe.run") << script.absoluteFilePath()
                       << options.arguments;
        spec.fds = { { m_context->devNullFd(), 0 }, { ends[0][1], 1 }, { ends[1][1], 2 } };
        const QString pythonPath = qEnvironmentVariable("PYTHONPATH");
        spec.extraEnvironment
            << QStringLiteral("PYTHONPATH=%1").arg(pythonPath.isEmpty() ? probe : probe + QLatin1Char(':') + pythonPath)
            << QStringLiteral("PROCLAB_PROBE_SOCK=@%1").arg(QString::fromLatin1(name));
        if (!method.isEmpty())
            spec.extraEnvironment << QStringLiteral("PROCLAB_PROBE_START_METHOD=%1").arg(method);
        if (options.processes > 0)
            spec.extraEnvironment << QStringLiteral("PROCLAB_PROCESSES=%1").arg(options.processes);
        spec.processGroup = 0; // its own group: Stop signals the whole program
        const qint64 t0 = monotonicNs();
        const pid_t pid = platform::spawn(spec, &why);
        platform::closeFd(ends[0][1]);
        platform::closeFd(ends[1][1]);
        if (pid <= 0)
            return;
        {
            std::lock_guard lock(m_mutex);
            m_started = true;
            m_pid = pid;
            m_startNs = t0;
            m_names[pid] = QStringLiteral("MainProcess");
        }
        m_context->registerProcess(pid, QStringLiteral("MainProcess"));
        m_context->sampleProcess(pid);
        m_translator->setMain(pid, t0);
        const int m = method == QLatin1String("spawn") ? int(StartMethod::Spawn)
            : method == QLatin1String("forkserver")    ? int(StartMethod::ForkServer)
                                                       : int(StartMethod::Fork);
        m_context->recordEvent({ t0, qint32(pid), -1, EventKind::ProcessSpawn, -1, -1, m });

        auto* loop = m_context->loop();
        loop->watch(m_listen, POLLIN, [this](short) { onAccept(); });
        for (int s = 0; s < 2; ++s)
            loop->watch(m_console[s], POLLIN, [this, s](short) { onConsoleReadable(s); });
        m_pidFd = platform::openPidFd(pid);
        if (m_pidFd >= 0) {
            loop->watch(m_pidFd, POLLIN, [this](short) { onMainExited(); });
        } else {
            loop->addTicker(20'000'000, [this] { onMainExited(); });
        }
        ok = true;
    });
    if (!ok) {
        m_context->loop()->postAndWait([this] { closeAll(); });
        return fail(why);
    }
    return true;
}

void PythonRun::stop(int graceMs)
{
    pid_t group = -1;
    {
        std::lock_guard lock(m_mutex);
        if (!m_started || m_finished)
            return;
        group = m_pid;
    }
    ::kill(-group, SIGTERM);
    m_context->loop()->post([this, group, graceMs] {
        m_context->loop()->callAt(monotonicNs() + qint64(std::max(0, graceMs)) * 1'000'000, [this, group] {
            if (!isFinished())
                ::kill(-group, SIGKILL);
        });
    });
}

bool PythonRun::killProcess(qint64 pid)
{
    bool ok = false;
    m_context->loop()->postAndWait([&] {
        const auto& procs = m_translator->processes();
        const auto it = procs.find(pid);
        if (it == procs.end() || it->second.exited || pid <= 0)
            return;
        ok = ::kill(pid_t(pid), SIGKILL) == 0;
    });
    return ok;
}

bool PythonRun::isFinished() const
{
    std::lock_guard lock(m_mutex);
    return m_finished;
}

bool PythonRun::waitForFinished(int msecs)
{
    std::unique_lock lock(m_mutex);
    if (!m_started)
        return true;
    return m_done.wait_for(lock, std::chrono::milliseconds(msecs), [this] { return m_finished; });
}

int PythonRun::exitCode() const
{
    std::lock_guard lock(m_mutex);
    return m_exitCode;
}

qint64 PythonRun::mainPid() const
{
    std::lock_guard lock(m_mutex);
    return m_pid;
}

qint64 PythonRun::startNs() const
{
    std::lock_guard lock(m_mutex);
    return m_startNs;
}

qint64 PythonRun::endNs() const
{
    std::lock_guard lock(m_mutex);
    return m_endNs;
}

QString PythonRun::pythonVersion() const
{
    std::lock_guard lock(m_mutex);
    return m_pythonVersion;
}

QStringList PythonRun::notes() const
{
    std::lock_guard lock(m_mutex);
    return m_notes;
}

std::map<qint64, QString> PythonRun::processNames() const
{
    std::lock_guard lock(m_mutex);
    return m_names;
}

Trace PythonRun::trace(const QJsonObject& settings) const
{
    Trace t = Trace::capture(*m_context, settings);
    t.enginePid = mainPid();
    for (const auto& [pid, name] : processNames())
        t.processNames[pid] = name;
    return t;
}

void PythonRun::onAccept()
{
    for (;;) {
        const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0)
            return;
        ucred cred {};
        socklen_t len = sizeof cred;
        pid_t group = -1;
        {
            std::lock_guard lock(m_mutex);
            group = m_pid;
        }
        // Only this user's processes of this run: the kernel's word on who connected, not the hello's. A peer that
        // has already exited (a pool worker that did its tiny tasks, sent them and left while a busy engine had not
        // yet accepted it; its parent reaped it) has no group left to check: its uid, fixed at connect(), and the
        // run's random socket name, known only through the run's environment, admit it; refusing it lost all its
        // records (1 run in 10 of start-methods.py under load).
        const bool credOk
            = ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 && cred.uid == ::getuid() && cred.pid > 0;
        const pid_t peerGroup = credOk ? ::getpgid(cred.pid) : -1;
        const bool peerGone = credOk && peerGroup < 0 && errno == ESRCH;
        if (!credOk || (!peerGone && peerGroup != group)) {
            ::close(fd);
            continue;
        }
        auto c = std::make_unique<Connection>();
        c->fd = fd;
        c->pid = cred.pid;
        m_connectionOfPid[cred.pid] = fd;
        m_connections[fd] = std::move(c);
        m_context->loop()->watch(fd, POLLIN, [this, fd](short) { onConnectionReadable(fd); });
    }
}

void PythonRun::onConnectionReadable(int fd)
{
    const auto it = m_connections.find(fd);
    if (it != m_connections.end())
        readConnection(*it->second);
    checkFinished();
}

void PythonRun::readConnection(Connection& c)
{
    if (c.fd < 0)
        return;
    QByteArray buf(ReadChunk, Qt::Uninitialized);
    qsizetype budget = ReadBudget;
    bool closed = false;
    while (budget > 0) {
        const ssize_t n = ::recv(c.fd, buf.data(), size_t(buf.size()), MSG_DONTWAIT);
        if (n > 0) {
            budget -= n;
            if (!c.reader.feed(QByteArray(buf.constData(), n))) {
                closed = true; // a broken stream: what it said so far stands, the rest is ignored
                break;
            }
            continue;
        }
        if (n < 0 && (errno == EINTR))
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        closed = true; // EOF or an error: the process is gone (or closed its end)
        break;
    }
    if (c.reader.helloSeen()) {
        std::lock_guard lock(m_mutex);
        if (m_pythonVersion.isEmpty())
            m_pythonVersion = c.reader.pythonVersion();
    }
    EventBatch events;
    ProbeRecord r;
    while (c.reader.next(&r)) {
        if (r.kind == QLatin1String("ProcessExit")) {
            // The child's last records were sent before it died: read them before its exit.
            const auto child = m_connectionOfPid.find(r.task);
            if (child != m_connectionOfPid.end() && child->second != c.fd) {
                const auto cc = m_connections.find(child->second);
                if (cc != m_connections.end()) {
                    record(events);
                    events.clear();
                    readConnection(*cc->second);
                }
            }
        }
        if (r.kind == QLatin1String("ProcessRaised")) {
            // The exception ending this connection's process (the probe sends it as Python prints it): for its box.
            const QJsonObject extra = r.extra.toObject();
            ProcessError error { extra.value(QLatin1String("exception")).toString().left(MaxExceptionChars),
                extra.value(QLatin1String("traceback")).toString().right(MaxTracebackChars) };
            if (error.exception.isEmpty())
                ++m_dropped;
            else
                m_context->reportProcessError(c.pid, error);
            continue;
        }
        m_translator->apply(c.pid, r, &events);
        if (r.kind == QLatin1String("ProcessSpawn") || r.kind == QLatin1String("ProcessReady")) {
            const qint64 pid = r.kind == QLatin1String("ProcessSpawn") ? r.task : c.pid;
            m_context->sampleProcess(pid_t(pid)); // the program's processes are all local: /proc has them
            const QString name = m_translator->nameOf(pid);
            if (!name.isEmpty()) {
                m_context->registerProcess(pid_t(pid), name);
                std::lock_guard lock(m_mutex);
                m_names[pid] = name;
            }
        }
    }
    record(events);
    if (closed) {
        m_dropped += c.reader.rejectedRecords();
        const int fd = c.fd;
        m_context->loop()->unwatch(fd);
        ::close(fd);
        c.fd = -1;
        const auto byPid = m_connectionOfPid.find(c.pid);
        if (byPid != m_connectionOfPid.end() && byPid->second == fd)
            m_connectionOfPid.erase(byPid);
        m_connections.erase(fd); // c is gone after this
    }
}

void PythonRun::record(const EventBatch& events)
{
    for (const Event& e : events)
        m_context->recordEvent(e);
}

void PythonRun::onConsoleReadable(int stream)
{
    const int fd = m_console[stream];
    if (fd < 0)
        return;
    QByteArray buf(ReadChunk, Qt::Uninitialized);
    qsizetype budget = ReadBudget;
    while (budget > 0) {
        iovec iov { buf.data(), size_t(buf.size()) };
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
        msghdr mh {};
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        mh.msg_control = control;
        mh.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(fd, &mh, MSG_DONTWAIT);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            m_context->loop()->unwatch(fd);
            m_consoleOpen[stream] = false;
            break;
        }
        budget -= n;
        ConsoleChunk chunk;
        chunk.tNs = monotonicNs();
        chunk.stream = stream + 1;
        for (cmsghdr* cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
            if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_CREDENTIALS) {
                ucred cred;
                std::memcpy(&cred, CMSG_DATA(cm), sizeof cred);
                chunk.pid = cred.pid;
            }
        }
        chunk.text = QByteArray(buf.constData(), n);
        m_context->publishConsole(std::move(chunk));
    }
    checkFinished();
}

void PythonRun::onMainExited()
{
    if (m_mainExited)
        return;
    pid_t pid = -1;
    {
        std::lock_guard lock(m_mutex);
        pid = m_pid;
    }
    int status = 0;
    if (!platform::reap(pid, &status, false))
        return;
    const int code = platform::exitCodeFromStatus(status);
    const qint64 now = monotonicNs();
    m_mainExited = true;
    if (m_pidFd >= 0) {
        m_context->loop()->unwatch(m_pidFd);
        platform::closeFd(m_pidFd);
    }
    {
        std::lock_guard lock(m_mutex);
        m_exitCode = code;
        m_endNs = now;
    }
    // Its last records first (its connection may hold them still).
    const auto c = m_connectionOfPid.find(pid);
    if (c != m_connectionOfPid.end()) {
        const auto cc = m_connections.find(c->second);
        if (cc != m_connections.end())
            readConnection(*cc->second);
    }
    EventBatch events;
    m_translator->mainExited(now, code, &events);
    record(events);
    // Whatever outlives the main process (a child it orphaned) has a little while, then goes with the group.
    m_context->loop()->callAt(now + AfterMainGraceNs, [this, pid] {
        if (isFinished())
            return;
        ::kill(-pid, SIGKILL);
        m_graceArmed = true;
        m_context->loop()->callAt(monotonicNs() + 1'000'000'000, [this] {
            if (!isFinished())
                finishRun(); // the console of a process that cannot die (uninterruptible) is given up on
        });
    });
    checkFinished();
}

void PythonRun::checkFinished()
{
    if (!m_mainExited || isFinished())
        return;
    if (m_consoleOpen[0] || m_consoleOpen[1] || !m_connections.empty())
        return;
    finishRun();
}

void PythonRun::finishRun()
{
    if (isFinished())
        return;
    // Everything still readable goes in first.
    for (int s = 0; s < 2; ++s)
        if (m_consoleOpen[s])
            onConsoleReadable(s);
    std::vector<int> fds;
    for (const auto& [fd, c] : m_connections)
        fds.push_back(fd);
    for (int fd : fds) {
        const auto it = m_connections.find(fd);
        if (it != m_connections.end())
            readConnection(*it->second);
    }
    EventBatch events;
    m_translator->finish(monotonicNs(), &events);
    record(events);
    m_context->publishEvents(true);
    int code = 0;
    {
        std::lock_guard lock(m_mutex);
        m_notes = m_translator->notes();
        const qint64 dropped = m_dropped + m_translator->dropped();
        if (dropped > 0)
            m_notes << QStringLiteral("%1 probe records did not fit the run and were left out").arg(dropped);
        m_finished = true;
        code = m_exitCode;
    }
    closeAll();
    m_done.notify_all();
    QMetaObject::invokeMethod(
        this, [this, code] { Q_EMIT finished(code); }, Qt::QueuedConnection);
}

void PythonRun::closeAll()
{
    auto* loop = m_context->loop();
    for (auto& [fd, c] : m_connections) {
        loop->unwatch(fd);
        ::close(fd);
    }
    m_connections.clear();
    m_connectionOfPid.clear();
    for (int s = 0; s < 2; ++s) {
        if (m_console[s] >= 0)
            loop->unwatch(m_console[s]);
        platform::closeFd(m_console[s]);
        m_consoleOpen[s] = false;
    }
    if (m_listen >= 0)
        loop->unwatch(m_listen);
    platform::closeFd(m_listen);
    if (m_pidFd >= 0)
        loop->unwatch(m_pidFd);
    platform::closeFd(m_pidFd);
}

} // namespace proclab
