#include "base/platform.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <langinfo.h>
#include <linux/futex.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <mutex>
#include <unordered_set>
#include <vector>

extern char** environ;

namespace proclab::platform {

pid_t spawn(const SpawnSpec& spec, QString* error)
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);

    // Two passes so that a mapping never overwrites a source that a later mapping still needs:
    // first park every source above the highest target, then dup2 into place.
    int highest = 2;
    for (const auto& m : spec.fds)
        highest = std::max({ highest, m.childFd, m.parentFd });
    int park = highest + 1;
    std::vector<std::pair<int, int>> parked;
    for (const auto& m : spec.fds) {
        posix_spawn_file_actions_adddup2(&actions, m.parentFd, park);
        parked.emplace_back(park++, m.childFd);
    }
    for (const auto& [from, to] : parked) {
        posix_spawn_file_actions_adddup2(&actions, from, to);
        posix_spawn_file_actions_addclose(&actions, from);
    }

    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGCHLD);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    if (spec.processGroup >= 0) {
        flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(&attr, spec.processGroup);
    }
    posix_spawnattr_setflags(&attr, flags);

    const QByteArray program = QFile::encodeName(spec.program);
    std::vector<QByteArray> argStorage;
    argStorage.push_back(program);
    for (const auto& a : spec.arguments)
        argStorage.push_back(a.toLocal8Bit());
    std::vector<char*> argv;
    for (auto& a : argStorage)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<QByteArray> envStorage;
    for (const auto& e : spec.extraEnvironment)
        envStorage.push_back(e.toLocal8Bit());
    std::vector<char*> envp;
    for (char** e = environ; e && *e; ++e) {
        bool overridden = false;
        for (const auto& extra : envStorage) {
            const int eq = extra.indexOf('=');
            if (eq > 0 && std::strncmp(*e, extra.constData(), size_t(eq + 1)) == 0)
                overridden = true;
        }
        if (!overridden)
            envp.push_back(*e);
    }
    for (auto& e : envStorage)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = -1;
    const int rc = posix_spawn(&pid, program.constData(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        if (error)
            *error = QStringLiteral("cannot start %1: %2").arg(spec.program, errnoText(rc));
        return -1;
    }
    noteStartedProcess(pid);
    return pid;
}

namespace {
std::mutex g_startedMutex;
std::deque<qint64> g_startedOrder; // guarded by g_startedMutex, as g_started
std::unordered_multiset<qint64> g_started;
} // namespace

void noteStartedProcess(qint64 pid)
{
    constexpr size_t MaxRemembered = 65'536;
    std::lock_guard lock(g_startedMutex);
    g_startedOrder.push_back(pid);
    g_started.insert(pid);
    if (g_startedOrder.size() > MaxRemembered) {
        g_started.erase(g_started.find(g_startedOrder.front()));
        g_startedOrder.pop_front();
    }
}

bool startedProcess(qint64 pid)
{
    std::lock_guard lock(g_startedMutex);
    return g_started.count(pid) > 0;
}

int openPidFd(pid_t pid)
{
#ifdef SYS_pidfd_open
    const long fd = syscall(SYS_pidfd_open, pid, 0);
    if (fd >= 0) {
        setCloseOnExec(int(fd));
        return int(fd);
    }
#else
    Q_UNUSED(pid);
#endif
    return -1;
}

ProcessUsage usageFrom(const rusage& ru)
{
    return { qint64(ru.ru_utime.tv_sec) * 1'000'000 + ru.ru_utime.tv_usec,
        qint64(ru.ru_stime.tv_sec) * 1'000'000 + ru.ru_stime.tv_usec, qint64(ru.ru_nvcsw), qint64(ru.ru_nivcsw),
        qint64(ru.ru_maxrss) }; // Linux: ru_maxrss is in KiB
}

bool reap(pid_t pid, int* status, bool block, ProcessUsage* usage)
{
    for (;;) {
        rusage ru {};
        const pid_t r = wait4(pid, status, block ? 0 : WNOHANG, &ru);
        if (r == pid) {
            if (usage)
                *usage = usageFrom(ru);
            return true;
        }
        if (r < 0 && errno == EINTR)
            continue;
        return false;
    }
}

int exitCodeFromStatus(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return -WTERMSIG(status);
    return 0;
}

QString signalName(int signal)
{
    const char* abbrev = sigabbrev_np(signal);
    if (abbrev)
        return QStringLiteral("SIG") + QString::fromLatin1(abbrev);
    return QStringLiteral("signal %1").arg(signal);
}

QString describeStatus(int status)
{
    if (WIFSIGNALED(status))
        return QStringLiteral("killed by %1").arg(signalName(WTERMSIG(status)));
    return QStringLiteral("exit code %1").arg(WEXITSTATUS(status));
}

QString describeDeath(int status)
{
    if (WIFEXITED(status))
        return QStringLiteral("exited with code %1").arg(WEXITSTATUS(status));
    if (!WIFSIGNALED(status))
        return QStringLiteral("ended (wait status %1)").arg(status);
    const int sig = WTERMSIG(status);
    switch (sig) {
    case SIGSEGV:
        return QStringLiteral("segmentation fault (SIGSEGV)");
    case SIGABRT:
        return QStringLiteral("aborted (SIGABRT)");
    case SIGBUS:
        return QStringLiteral("bus error (SIGBUS)");
    case SIGFPE:
        return QStringLiteral("arithmetic error (SIGFPE)");
    case SIGILL:
        return QStringLiteral("illegal instruction (SIGILL)");
    case SIGTERM:
        return QStringLiteral("terminated (SIGTERM)");
    default:
        return QStringLiteral("killed by %1").arg(signalName(sig));
    }
}

int signalOf(int status)
{
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

bool isAlive(pid_t pid)
{
    if (pid <= 0)
        return false;
    if (kill(pid, 0) != 0 && errno == ESRCH)
        return false;
    // A zombie still answers kill(); look at its state.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const int close = line.lastIndexOf(')');
    return close > 0 && close + 2 < line.size() && line.at(close + 2) != 'Z' && line.at(close + 2) != 'X';
}

quint64 processStartTime(pid_t pid)
{
    if (pid <= 0)
        return 0;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    const int close = line.lastIndexOf(')');
    if (close < 0)
        return 0;
    // Fields after the name start with field 3 (state); the start time is field 22.
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    return fields.size() > 19 ? fields.at(19).toULongLong() : 0;
}

bool isSameProcessAlive(pid_t pid, quint64 startTime)
{
    return isAlive(pid) && processStartTime(pid) == startTime;
}

bool readProcess(pid_t pid, ProcessReading* reading)
{
    if (pid <= 0)
        return false;
    // Plain open/read: this runs ten times a second per process on the engine's I/O thread, so no QFile.
    char path[40];
    std::snprintf(path, sizeof path, "/proc/%d/stat", int(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buf[1024];
    ssize_t n;
    do
        n = ::read(fd, buf, sizeof buf - 1);
    while (n < 0 && errno == EINTR);
    ::close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    // The name (field 2) may hold spaces and parentheses: fields are counted from its last ')'.
    const char* close = std::strrchr(buf, ')');
    if (!close || close[1] != ' ')
        return false;
    // Fields 3 (state) to 24 (rss): state, then ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
    // cmajflt utime(14) stime(15) cutime cstime priority nice num_threads(20) itrealvalue starttime(22) vsize rss(24).
    char state = '?';
    unsigned long long utime = 0, stime = 0, starttime = 0;
    long long threads = 0, rssPages = 0;
    const int got = std::sscanf(close + 2,
        "%c %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %llu %llu %*s %*s %*s %*s %lld %*s %llu %*s %lld", &state, &utime,
        &stime, &threads, &starttime, &rssPages);
    if (got != 6)
        return false;
    static const long pageKib = std::max(1L, ::sysconf(_SC_PAGESIZE) / 1024);
    reading->state = state;
    reading->cpuTicks = qint64(utime + stime);
    reading->rssKib = qint64(rssPages) * pageKib;
    reading->threads = int(std::max(1LL, threads));
    reading->startTime = starttime;
    return true;
}

qint64 clockTicksPerSecond()
{
    static const qint64 hz = std::max(1L, ::sysconf(_SC_CLK_TCK));
    return hz;
}

int onlineCpus()
{
    return int(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
}

pid_t parentPid()
{
    return getppid();
}
namespace {

// getpid() and gettid() are system calls (glibc caches neither), and a system call costs microseconds on a
// virtualised machine under load: a Lock's acquire+release asked for nine. Both are cached, and forgotten in the
// child of a fork() (pthread_atfork), where they change.
std::atomic<pid_t> g_pid { 0 };
thread_local pid_t t_tid = 0;

void forgetIdsAfterFork()
{
    g_pid.store(0, std::memory_order_relaxed);
    t_tid = 0;
}

} // namespace

pid_t currentPid()
{
    pid_t pid = g_pid.load(std::memory_order_relaxed);
    if (pid == 0) {
        static const bool watching = pthread_atfork(nullptr, nullptr, forgetIdsAfterFork) == 0;
        pid = ::getpid();
        if (watching)
            g_pid.store(pid, std::memory_order_relaxed);
    }
    return pid;
}

pid_t currentTid()
{
    if (t_tid == 0) {
        currentPid(); // registers the fork handler that resets t_tid too
        t_tid = ::gettid();
    }
    return t_tid;
}

QString processExecutableDir()
{
    const QFileInfo self(QStringLiteral("/proc/self/exe"));
    return QFileInfo(self.symLinkTarget()).absolutePath();
}

bool setNonBlocking(int fd, bool on)
{
    const int flags = fcntl(fd, F_GETFL);
    if (flags < 0)
        return false;
    return fcntl(fd, F_SETFL, on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK)) == 0;
}

bool setCloseOnExec(int fd, bool on)
{
    const int flags = fcntl(fd, F_GETFD);
    if (flags < 0)
        return false;
    return fcntl(fd, F_SETFD, on ? (flags | FD_CLOEXEC) : (flags & ~FD_CLOEXEC)) == 0;
}

bool makeSocketPair(int type, int fds[2])
{
    return socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds) == 0;
}

bool makePipe(int fds[2])
{
    return pipe2(fds, O_CLOEXEC) == 0;
}

int makeAnonymousShared(qsizetype size)
{
    const int fd = memfd_create("proclab-status", MFD_CLOEXEC);
    if (fd >= 0 && ftruncate(fd, off_t(size)) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void closeFd(int& fd)
{
    if (fd >= 0)
        ::close(fd); // Linux: the descriptor is released even on EINTR, so never retry
    fd = -1;
}

bool writeAll(int fd, const char* data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = send(fd, data, size_t(size), MSG_NOSIGNAL);
        if (n < 0 && errno == ENOTSOCK) {
            const ssize_t w = ::write(fd, data, size_t(size));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return false;
            data += w;
            size -= w;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

bool dieWithParent(pid_t expectedParent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    return getppid() == expectedParent;
}

void useUtf8Locale()
{
    ::setlocale(LC_ALL, "");
    const char* codeset = ::nl_langinfo(CODESET);
    if (codeset && std::strcmp(codeset, "UTF-8") == 0)
        return;
    // LC_ALL would override LC_CTYPE: keep what it said for everything else (messages, numbers) in LANG.
    if (const char* all = ::getenv("LC_ALL"); all && *all) {
        ::setenv("LANG", all, 1);
        ::unsetenv("LC_ALL");
    }
    ::setenv("LC_CTYPE", "C.UTF-8", 1);
    ::setlocale(LC_ALL, "");
}

void ignoreSigPipe()
{
    ::signal(SIGPIPE, SIG_IGN);
}

static_assert(sizeof(std::atomic<quint32>) == sizeof(quint32) && std::atomic<quint32>::is_always_lock_free);

void sharedWordWait(std::atomic<quint32>* word, quint32 expected, qint64 deadlineNs)
{
    timespec ts {};
    timespec* until = nullptr;
    if (deadlineNs >= 0) {
        ts = { time_t(deadlineNs / 1'000'000'000), long(deadlineNs % 1'000'000'000) };
        until = &ts;
    }
    // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline. EAGAIN (the word changed), EINTR and
    // ETIMEDOUT all mean the same to the callers: look at the state again.
    ::syscall(SYS_futex, reinterpret_cast<quint32*>(word), FUTEX_WAIT_BITSET, expected, until, nullptr,
        FUTEX_BITSET_MATCH_ANY);
}

void sharedWordWake(std::atomic<quint32>* word, int count)
{
    ::syscall(SYS_futex, reinterpret_cast<quint32*>(word), FUTEX_WAKE, count, nullptr, nullptr, 0);
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

} // namespace proclab::platform
