#pragma once

// Shared by the test suites: finding our processes in /proc, running a program to its end.
//
// Every test program that includes this becomes a child subreaper (PR_SET_CHILD_SUBREAPER) before main(): a
// process that a program we started left behind is re-parented to the test, not to init, so "nothing left" checks
// (which walk /proc from the test's pid down) see it. They count only our own descendants, never the machine's
// processes, so the suites can run in parallel and beside a ProcLab someone is using.

#include "base/platform.h"
#include "base/sharedmemory.h"
#include "mpi/mpijob.h"

#include <sys/prctl.h>
#include <unistd.h>

#include <QCborArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTest>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace proclab::test {

namespace detail {
inline const bool subreaper = [] { return ::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0; }();
}

// How much slower this build runs than a release build: sanitizers instrument every access. Deadlines in tests
// are generous to begin with (they detect hangs, they do not measure); this scales them further.
constexpr int sanitizerSlowdown()
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return 5;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
    return 5;
#else
    return 1;
#endif
#else
    return 1;
#endif
}

// For a test that starts MPI jobs (mpirun, proclab-mpi-worker), until the returned guard goes: mpirun accepts root
// (containers, CI), and under a sanitizer the children run without leak detection (Open MPI's components are
// dlopen()ed by MPI_Init and closed by MPI_Finalize, leaving allocations LeakSanitizer cannot name, so no suppression
// can single them out; this program still checks its own).
[[nodiscard]] inline auto mpiEnvironment()
{
    const QByteArray asan = qgetenv("ASAN_OPTIONS");
    const bool hadAsan = qEnvironmentVariableIsSet("ASAN_OPTIONS");
    if (::geteuid() == 0) {
        qputenv("OMPI_ALLOW_RUN_AS_ROOT", "1");
        qputenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
    }
    if (sanitizerSlowdown() > 1)
        qputenv("ASAN_OPTIONS", asan + (asan.isEmpty() ? "" : ":") + "detect_leaks=0");
    return qScopeGuard([asan, hadAsan] {
        if (hadAsan)
            qputenv("ASAN_OPTIONS", asan);
        else
            qunsetenv("ASAN_OPTIONS");
    });
}

// A remote shell for mpirun (its --rsh-agent) that runs the command here, as the host it was asked to reach: the
// processes it starts see that name in $PROCLAB_FAKE_HOST, which the ranks report. A lab simulated on one machine.
// `cases` are the branches of a shell `case "$host" in ... esac` run first (a host whose ssh fails, a host's clock
// skew). False when the file cannot be written.
inline bool writeFakeRemoteShell(const QString& path, const QByteArray& cases = {})
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write("#!/bin/sh\n"
            "# ssh [options] HOST COMMAND...: drop the options, run the command here as HOST\n"
            "while [ $# -gt 0 ]; do case \"$1\" in -*) shift ;; *) break ;; esac; done\n"
            "host=$1; shift\n"
            "export PROCLAB_FAKE_HOST=\"$host\"\n"
            "case \"$host\" in\n"
        + cases
        + "esac\n"
          "exec /bin/sh -c \"$*\"\n");
    f.close();
    return f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

// Open MPI and proclab-mpi-worker, or the test is skipped; under CI, which installs Open MPI, it fails.
#define PROCLAB_REQUIRE_MPI()                                                                                          \
    do {                                                                                                               \
        const QString why_ = proclab::MpiJob::unavailableReason();                                                     \
        if (!why_.isEmpty()) {                                                                                         \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                                                   \
                QFAIL(qPrintable(why_ + QStringLiteral(", and CI=true: CI installs it (scripts/dev.sh)")));            \
            QSKIP(qPrintable(why_));                                                                                   \
        }                                                                                                              \
    } while (false)

// [0, 1, ..., n-1]: the inputs most tests map over.
inline QCborArray range(qint64 n)
{
    QCborArray a;
    for (qint64 i = 0; i < n; ++i)
        a.append(i);
    return a;
}

// `ms` scaled for this build and by $PROCLAB_TIMEOUT_SCALE (a busy CI machine can ask for more patience).
inline int scaledTimeout(int ms)
{
    bool ok = false;
    const int extra = qEnvironmentVariableIntValue("PROCLAB_TIMEOUT_SCALE", &ok);
    return ms * sanitizerSlowdown() * (ok && extra > 0 ? extra : 1);
}

namespace detail {
inline std::mutex childrenMutex;
inline QSet<qint64> children; // guarded by childrenMutex: every program the test started (runProgram)
inline std::atomic<int> sweptBaseline { 0 };
} // namespace detail

// Remembers a program the test started, so that what it creates in /dev/shm counts as ours.
inline void rememberChild(qint64 pid)
{
    std::lock_guard lock(detail::childrenMutex);
    detail::children.insert(pid);
}

struct ProgramRun {
    int code = -1; // -1: it crashed, was killed, or did not finish in time
    QByteArray out;
    QByteArray err;
};

// Runs `program` to its end; one that has not finished after `timeoutMs` is killed (and says so in err).
inline ProgramRun runProgram(const QString& program, const QStringList& args, const QString& workDir = {},
    int timeoutMs = 120000, const QProcessEnvironment& environment = {})
{
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    if (!environment.isEmpty())
        p.setProcessEnvironment(environment);
    p.start(program, args);
    if (p.processId() > 0)
        rememberChild(p.processId());
    const bool finished = p.waitForFinished(timeoutMs);
    if (!finished) {
        p.kill();
        p.waitForFinished();
    }
    ProgramRun r { finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
    if (!finished)
        r.err += "\n(timed out after " + QByteArray::number(timeoutMs) + " ms)";
    return r;
}

inline qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : -1;
}

// The live descendants of `root` (children, grandchildren...).
inline QSet<qint64> descendantsOf(qint64 root)
{
    QSet<qint64> found;
    bool grew = true;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    while (grew) {
        grew = false;
        for (const QString& e : entries) {
            bool ok = false;
            const qint64 pid = e.toLongLong(&ok);
            if (!ok || found.contains(pid))
                continue;
            const qint64 parent = parentOf(pid);
            if ((parent == root || found.contains(parent)) && platform::isAlive(pid_t(pid))) {
                found.insert(pid);
                grew = true;
            }
        }
    }
    return found;
}

// The short name of a process (/proc/PID/comm), "?" once it is gone.
inline QString processName(qint64 pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLocal8Bit(comm.readAll().trimmed());
}

// "4711 proclab-worker, 4712 proclab-cli": for the message of a failed "nothing left" check.
inline QString describeProcesses(const QSet<qint64>& pids)
{
    QStringList parts;
    for (qint64 pid : pids)
        parts << QStringLiteral("%1 %2").arg(pid).arg(processName(pid));
    parts.sort();
    return parts.join(QStringLiteral(", "));
}

// Our live descendants (orphans included: we are their subreaper) whose executable is the worker under test
// ($PROCLAB_WORKER) or the lean worker beside it (a spawned pool worker before its hand-over). Never another user's
// or another test's workers.
inline QSet<qint64> liveWorkerPids()
{
    QSet<qint64> pids;
    const QFileInfo worker(qEnvironmentVariable("PROCLAB_WORKER"));
    const QString full = worker.canonicalFilePath();
    const QString lean = QFileInfo(worker.dir().filePath(QStringLiteral("proclab-lean-worker"))).canonicalFilePath();
    for (qint64 pid : descendantsOf(platform::currentPid())) {
        const QString exe = QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).canonicalFilePath();
        if (exe == full || (!lean.isEmpty() && exe == lean))
            pids.insert(pid);
    }
    return pids;
}

// Our live descendants that are ProcLab programs (worker, CLI, window, test helper), by name.
inline QSet<qint64> leftoverProclabProcesses()
{
    QSet<qint64> pids;
    for (qint64 pid : descendantsOf(platform::currentPid()))
        if (processName(pid).startsWith(QLatin1String("proclab")))
            pids.insert(pid);
    return pids;
}

// Our objects in /dev/shm (names without the leading '/'): owned by our uid, and created by this process, a
// program it started (runProgram) or a live descendant. Empty after a test that cleaned up.
inline QStringList ourSharedMemory()
{
    QSet<qint64> creators = descendantsOf(platform::currentPid());
    creators.insert(platform::currentPid());
    {
        std::lock_guard lock(detail::childrenMutex);
        creators.unite(detail::children);
    }
    QStringList ours;
    for (const QString& name : proclabSharedMemoryObjects()) {
        qint64 pid = 0;
        quint64 start = 0;
        if (!sharedMemoryCreator(name, &pid, &start) || !creators.contains(pid))
            continue;
        if (QFileInfo(QStringLiteral("/dev/shm/") + name).ownerId() == ::getuid())
            ours << name;
    }
    return ours;
}

// A test that kills a creator of shared memory on purpose expects the next sweep to repair it: it says so here,
// so that leftBehind() does not count that repair as a leak.
inline void expectSweeps()
{
    detail::sweptBaseline = staleSharedMemoryRemoved();
}

// What the test left behind, in words; empty when nothing: ProcLab processes among our descendants (orphans
// included), our objects in /dev/shm, and objects a Context's sweep had to remove since the last check (the
// sweep hides a leak from the /dev/shm check, so a sweep that removed something is a leak too).
inline QString leftBehind()
{
    QStringList problems;
    const QSet<qint64> processes = leftoverProclabProcesses();
    if (!processes.isEmpty())
        problems << QStringLiteral("processes still running: ") + describeProcesses(processes);
    const QStringList shm = ourSharedMemory();
    if (!shm.isEmpty())
        problems << QStringLiteral("in /dev/shm: ") + shm.join(QLatin1Char(' '));
    // Only objects of processes of ours: a Context here may also sweep what a suite running beside this one left
    // (one that kills its workers on purpose and expects a sweep), which is that suite's business.
    int swept = 0;
    for (int i = detail::sweptBaseline.load(), end = staleSharedMemoryRemoved(); i < end; ++i) {
        const qint64 creator = staleSharedMemoryCreator(i);
        bool ours = creator == platform::currentPid() || platform::startedProcess(creator);
        if (!ours) {
            std::lock_guard lock(detail::childrenMutex);
            ours = detail::children.contains(creator);
        }
        swept += ours ? 1 : 0;
    }
    if (swept != 0)
        problems << QStringLiteral("%1 object(s) of a dead process removed by a sweep (a leak)").arg(swept);
    return problems.join(QStringLiteral("; "));
}

} // namespace proclab::test

// The CPython comparisons need python3: a developer without it skips them, CI (CI=true) must not.
#define PROCLAB_REQUIRE_PYTHON(python)                                                                                 \
    do {                                                                                                               \
        if ((python).isEmpty()) {                                                                                      \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                                                   \
                QFAIL("python3 is not installed, and CI=true: the CPython comparisons must run in CI");                \
            QSKIP("python3 is not installed");                                                                         \
        }                                                                                                              \
    } while (false)

namespace proclab::test {

// An interpreter that can import `module`: `python` if it can, else Debian's /usr/bin/python3, where the setup's
// packages (python3-joblib) put their modules when `python3` on PATH is another CPython (pyenv's, a venv's).
// `python` itself when neither can.
inline QString pythonWithModule(const QString& python, const QString& module)
{
    for (const QString& candidate : { python, QStringLiteral("/usr/bin/python3") }) {
        if (!candidate.isEmpty() && QFileInfo(candidate).isExecutable()
            && runProgram(candidate, { QStringLiteral("-c"), QStringLiteral("import ") + module }).code == 0)
            return candidate;
    }
    return python;
}

} // namespace proclab::test

// A Python program that needs a module beyond the standard library (joblib): `python` (a QString variable) becomes
// an interpreter that has it (see pythonWithModule); skipped where none has, except in CI (CI=true), whose setup
// installs it (scripts/dev.sh PACKAGES).
#define PROCLAB_REQUIRE_PYTHON_MODULE(python, module)                                                                  \
    do {                                                                                                               \
        PROCLAB_REQUIRE_PYTHON(python);                                                                                \
        const QString module_ = QString::fromLatin1(module);                                                           \
        python = proclab::test::pythonWithModule(python, module_);                                                     \
        const auto probe_ = proclab::test::runProgram(                                                                 \
            python, QStringList { QStringLiteral("-c"), QStringLiteral("import ") + module_ });                        \
        if (probe_.code != 0) {                                                                                        \
            const QString why_ = QStringLiteral("%1 cannot import %2").arg(python, module_);                           \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                                                   \
                QFAIL(qPrintable(why_ + QStringLiteral(", and CI=true: CI installs it (scripts/dev.sh)")));            \
            QSKIP(qPrintable(why_));                                                                                   \
        }                                                                                                              \
    } while (false)

// In a test's cleanup: nothing of the test is left (see leftBehind()), waiting a generous while for exits that
// are under way. The sweep count starts again from here either way, so one leak fails one test.
#define PROCLAB_VERIFY_NOTHING_LEFT()                                                                                  \
    do {                                                                                                               \
        const auto resetSweeps_ = qScopeGuard([] { proclab::test::expectSweeps(); });                                  \
        QString left_;                                                                                                 \
        QTRY_VERIFY2_WITH_TIMEOUT((left_ = proclab::test::leftBehind()).isEmpty(),                                     \
            qPrintable(QStringLiteral("left behind: ") + left_), proclab::test::scaledTimeout(10000));                 \
    } while (false)

namespace proclab::test {

// An in-test watchdog: a hang fails with a message naming what hung, before ctest's TIMEOUT kills the
// suite without one. Our workers die with us (lifeline pipe, PR_SET_PDEATHSIG).
class Watchdog {
public:
    Watchdog(const QString& what, int seconds)
        : m_what(what.toLocal8Bit())
        , m_thread([this, seconds] {
            std::unique_lock lock(m_mutex);
            if (!m_cv.wait_for(lock, std::chrono::seconds(seconds), [this] { return m_disarmed; })) {
                std::fprintf(stderr, "WATCHDOG: '%s' still not done after %d s: a hang\n", m_what.constData(), seconds);
                std::fflush(stderr);
                std::abort();
            }
        })
    {
    }
    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_disarmed = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }
    Watchdog(const Watchdog&) = delete;
    Watchdog& operator=(const Watchdog&) = delete;

private:
    QByteArray m_what;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_disarmed = false; // guarded by m_mutex
    std::thread m_thread; // last: starts once the rest is built
};

inline bool anyAlive(const QSet<qint64>& pids)
{
    for (qint64 pid : pids)
        if (platform::isAlive(pid_t(pid)))
            return true;
    return false;
}

} // namespace proclab::test
