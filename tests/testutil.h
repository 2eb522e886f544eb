#pragma once

// Shared by the test suites: finding our processes in /proc.

#include "platform.h"
#include "sharedmemory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QString>
#include <QStringList>

namespace proclab::test {

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

inline bool anyAlive(const QSet<qint64>& pids)
{
    for (qint64 pid : pids)
        if (platform::isAlive(pid_t(pid)))
            return true;
    return false;
}

} // namespace proclab::test
