#include "base/sharedmemory.h"

#include "base/platform.h"

#include <QDir>
#include <QLoggingCategory>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcShm, "proclab.shm")

namespace proclab {

namespace {
std::atomic<int> g_counter { 0 };
const QString Prefix = QStringLiteral("proclab-");

} // namespace

std::unique_ptr<SharedMemory> SharedMemory::create(const QString& tag, qsizetype size, QString* error)
{
    const QString name
        = QStringLiteral("/%1%2-%3-%4").arg(Prefix).arg(platform::currentPid()).arg(++g_counter).arg(tag);
    const QByteArray n = name.toLocal8Bit();
    const int fd = ::shm_open(n.constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
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

int removeStaleSharedMemory()
{
    int removed = 0;
    for (const QString& entry : proclabSharedMemoryObjects()) {
        bool ok = false;
        const qint64 pid = entry.mid(Prefix.size()).section(QLatin1Char('-'), 0, 0).toLongLong(&ok);
        if (!ok || pid == platform::currentPid() || platform::isAlive(pid_t(pid)))
            continue;
        if (::shm_unlink((QLatin1Char('/') + entry).toLocal8Bit().constData()) == 0) {
            ++removed;
            qCInfo(lcShm) << "removed" << entry << "left by engine" << pid << "(no longer running)";
        }
    }
    return removed;
}

} // namespace proclab
