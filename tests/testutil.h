#pragma once

// Shared by the test suites: finding our processes in /proc, running a program to its end.

#include "base/platform.h"
#include "base/sharedmemory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QString>
#include <QStringList>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace proclab::test {

struct ProgramRun {
    int code = -1; // -1: it crashed, was killed, or did not finish in time
    QByteArray out;
    QByteArray err;
};

// Runs `program` to its end; one that has not finished after `timeoutMs` is killed (and says so in err).
inline ProgramRun runProgram(
    const QString& program, const QStringList& args, const QString& workDir = {}, int timeoutMs = 120000)
{
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
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

// Every live process whose executable is the worker under test ($PROCLAB_WORKER).
inline QSet<qint64> liveWorkerPids()
{
    QSet<qint64> pids;
    const QString worker = QFileInfo(qEnvironmentVariable("PROCLAB_WORKER")).canonicalFilePath();
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (!ok)
            continue;
        if (QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).canonicalFilePath() == worker
            && platform::isAlive(pid_t(pid)))
            pids.insert(pid);
    }
    return pids;
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

// This process's objects in /dev/shm (names without the leading '/'): empty after a test that cleaned up.
inline QStringList ourSharedMemory()
{
    const QString prefix = QStringLiteral("proclab-%1-").arg(platform::currentPid());
    QStringList ours;
    for (const QString& name : proclabSharedMemoryObjects())
        if (name.startsWith(prefix))
            ours << name;
    return ours;
}

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
