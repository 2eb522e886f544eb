#include "base/platform.h"
#include "base/sharedmemory.h"
#include "engine/context.h"

#include <QTest>

#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

using namespace proclab;

class TestShm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createAttachUnlink();
    void staleObjectsOfADeadEngineAreRemoved();
};

void TestShm::createAttachUnlink()
{
    QString error;
    QString name;
    {
        auto owner = SharedMemory::create(QStringLiteral("t"), 4096, &error);
        QVERIFY2(owner, qPrintable(error));
        name = owner->name();
        QVERIFY(name.startsWith(QStringLiteral("/proclab-%1-").arg(platform::currentPid())));
        QVERIFY(proclabSharedMemoryObjects().contains(name.mid(1)));
        std::memcpy(owner->data(), "hello", 6);
        auto other = SharedMemory::attach(name, &error);
        QVERIFY2(other, qPrintable(error));
        QCOMPARE(other->size(), qsizetype(4096));
        QCOMPARE(static_cast<const char*>(other->data()), "hello"); // the same memory
        QVERIFY(!other->isOwner());
    }
    QVERIFY2(!proclabSharedMemoryObjects().contains(name.mid(1)), "the owner unlinks its object");
    QVERIFY(!SharedMemory::attach(name, &error));
    QVERIFY(error.contains(QStringLiteral("cannot attach")));
}

// An engine killed with SIGKILL cannot unlink; the next Context removes what it left, and only that.
void TestShm::staleObjectsOfADeadEngineAreRemoved()
{
    // A pid that is certainly not running (above the usual pid_max of 4194304 there is none).
    qint64 stale = 4'194'000;
    while (platform::isAlive(pid_t(stale)))
        ++stale;
    const QByteArray staleName = QStringLiteral("/proclab-%1-1-leftover").arg(stale).toLocal8Bit();
    const int fd = shm_open(staleName.constData(), O_CREAT | O_RDWR, 0600);
    QVERIFY(fd >= 0);
    ::close(fd);
    QString error;
    auto mine = SharedMemory::create(QStringLiteral("alive"), 64, &error);
    QVERIFY(mine);
    QVERIFY(proclabSharedMemoryObjects().contains(QString::fromLocal8Bit(staleName.mid(1))));
    {
        Context context; // its constructor sweeps
    }
    QVERIFY(!proclabSharedMemoryObjects().contains(QString::fromLocal8Bit(staleName.mid(1))));
    QVERIFY2(proclabSharedMemoryObjects().contains(mine->name().mid(1)), "a live engine's objects stay");
}

QTEST_GUILESS_MAIN(TestShm)
#include "tst_shm.moc"
