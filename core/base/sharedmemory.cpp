#include "base/sharedmemory.h"

#include "base/platform.h"

#include <QDir>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcShm, "proclab.shm")

namespace proclab {

namespace {
std::atomic<int> g_counter { 0 };
std::atomic<int> g_removed { 0 };
std::mutex g_creatorsMutex;
std::array<qint64, 4096> g_creators {}; // the i-th removed object's creator at i % size, guarded by g_creatorsMutex
const QString Prefix = QStringLiteral("proclab-");

// "<pid>.<start time>": who we are, for good (computed once: neither changes while we run, a fork recomputes).
QString creatorId()
{
    static std::mutex mutex;
    static pid_t cachedPid = 0; // guarded by mutex
    static QString cached; // guarded by mutex
    std::lock_guard lock(mutex);
    const pid_t pid = platform::currentPid();
    if (pid != cachedPid) {
        cached = QStringLiteral("%1.%2").arg(pid).arg(platform::processStartTime(pid));
        cachedPid = pid;
    }
    return cached;
}

} // namespace

std::unique_ptr<SharedMemory> SharedMemory::create(const QString& tag, qsizetype size, QString* error)
{
    // A name another user cannot guess; if one is taken all the same (O_EXCL), draw again.
    QString name;
    QByteArray n;
    int fd = -1;
    for (int attempt = 0; attempt < 32 && fd < 0; ++attempt) {
        name = QStringLiteral("/%1%2-%3-%4-%5")
                   .arg(Prefix, creatorId())
                   .arg(++g_counter)
                   .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'))
                   .arg(tag);
        n = name.toLocal8Bit();
        fd = ::shm_open(n.constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            break;
        if (fd < 0)
            qCWarning(lcShm) << name << "already exists (someone else made it): drawing another name";
    }
    if (fd < 0) {
        *error = QStringLiteral("shm_open %1: %2").arg(name, platform::errnoText(errno));
        return nullptr;
    }
    if (::ftruncate(fd, off_t(size)) != 0) {
        *error = QStringLiteral("ftruncate %1: %2").arg(name, platform::errnoText(errno));
        ::close(fd);
        ::shm_unlink(n.constData());
        return nullptr;
    }
    void* data = ::mmap(nullptr, size_t(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) {
        *error = QStringLiteral("mmap %1: %2").arg(name, platform::errnoText(errno));
        ::shm_unlink(n.constData());
        return nullptr;
    }
    std::unique_ptr<SharedMemory> shm(new SharedMemory);
    shm->m_data = data;
    shm->m_size = size;
    shm->m_name = name;
    shm->m_owner = true;
    return shm;
}

std::unique_ptr<SharedMemory> SharedMemory::attach(const QString& name, QString* error)
{
    const QByteArray n = name.toLocal8Bit();
    const int fd = ::shm_open(n.constData(), O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot attach %1: %2").arg(name, platform::errnoText(errno));
        return nullptr;
    }
    struct stat st { };
    ::fstat(fd, &st);
    void* data = ::mmap(nullptr, size_t(st.st_size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) {
        *error = QStringLiteral("mmap %1: %2").arg(name, platform::errnoText(errno));
        return nullptr;
    }
    std::unique_ptr<SharedMemory> shm(new SharedMemory);
    shm->m_data = data;
    shm->m_size = qsizetype(st.st_size);
    shm->m_name = name;
    return shm;
}

SharedMemory::~SharedMemory()
{
    if (m_data)
        ::munmap(m_data, size_t(m_size));
    if (m_owner)
        unlink();
}

void SharedMemory::unlink()
{
    if (m_name.isEmpty())
        return;
    ::shm_unlink(m_name.toLocal8Bit().constData());
    m_owner = false;
}

QStringList proclabSharedMemoryObjects()
{
    return QDir(QStringLiteral("/dev/shm")).entryList({ Prefix + QLatin1Char('*') }, QDir::Files | QDir::System);
}

bool sharedMemoryCreator(const QString& name, qint64* pid, quint64* startTime)
{
    const QString entry = name.startsWith(QLatin1Char('/')) ? name.mid(1) : name;
    if (!entry.startsWith(Prefix))
        return false;
    const QString id = entry.mid(Prefix.size()).section(QLatin1Char('-'), 0, 0);
    bool ok = false;
    *pid = id.section(QLatin1Char('.'), 0, 0).toLongLong(&ok);
    if (!ok || *pid <= 0)
        return false;
    *startTime = 0;
    if (id.contains(QLatin1Char('.'))) {
        *startTime = id.section(QLatin1Char('.'), 1, 1).toULongLong(&ok);
        if (!ok)
            return false;
    }
    return true;
}

int removeStaleSharedMemory()
{
    int removed = 0;
    for (const QString& entry : proclabSharedMemoryObjects()) {
        qint64 pid = 0;
        quint64 start = 0;
        if (!sharedMemoryCreator(entry, &pid, &start) || pid == platform::currentPid())
            continue;
        const bool alive = start ? platform::isSameProcessAlive(pid_t(pid), start) : platform::isAlive(pid_t(pid));
        if (alive)
            continue;
        // Another user's objects are not ours to remove (the sticky /dev/shm refuses anyway).
        struct stat st { };
        if (::stat(QStringLiteral("/dev/shm/%1").arg(entry).toLocal8Bit().constData(), &st) != 0
            || st.st_uid != ::getuid())
            continue;
        if (::shm_unlink((QLatin1Char('/') + entry).toLocal8Bit().constData()) == 0) {
            ++removed;
            {
                std::lock_guard lock(g_creatorsMutex);
                g_creators[size_t(g_removed.load()) % g_creators.size()] = pid;
                ++g_removed; // after its creator is in place: an index below g_removed has one
            }
            qCInfo(lcShm) << "removed" << entry << "left by process" << pid << "(no longer running)";
        }
    }
    return removed;
}

int staleSharedMemoryRemoved()
{
    return g_removed.load();
}

qint64 staleSharedMemoryCreator(int index)
{
    std::lock_guard lock(g_creatorsMutex);
    if (index < 0 || index >= g_removed.load() || g_removed.load() - index > int(g_creators.size()))
        return 0;
    return g_creators[size_t(index) % g_creators.size()];
}

} // namespace proclab
