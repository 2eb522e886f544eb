#include "base/platform.h"
#include "base/sharedmemory.h"
#include "engine/context.h"

#include <QScopeGuard>
#include <QTest>

#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;

class TestShm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createAttachUnlink();
    void staleObjectsOfADeadEngineAreRemoved();
    void namesAreUnguessable();
    void anotherUserCannotSquatNames();
};

void TestShm::createAttachUnlink()
{
    QString error;
    QString name;
    {
        auto owner = SharedMemory::create(QStringLiteral("t"), 4096, &error);
        QVERIFY2(owner, qPrintable(error));
        name = owner->name();
        qint64 pid = 0;
        quint64 start = 0;
        QVERIFY(sharedMemoryCreator(name, &pid, &start));
        QCOMPARE(pid, qint64(platform::currentPid()));
        QCOMPARE(start, platform::processStartTime(platform::currentPid()));
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
    QString error;
    auto mine = SharedMemory::create(QStringLiteral("alive"), 64, &error);
    QVERIFY(mine);
    const QString staleEntry = QStringLiteral("proclab-%1-1-leftover").arg(stale);
    // Every engine on the machine sweeps, so one of a suite running beside this one (CI runs two at a time) can
    // remove the object before our Context does. That is the same repair, but not the one under test: try again
    // (losing that race five times in a row would mean our sweep does not do its work).
    bool named = false;
    for (int attempt = 0; attempt < 5 && !named; ++attempt) {
        const int fd = shm_open((QLatin1Char('/') + staleEntry).toLocal8Bit().constData(), O_CREAT | O_RDWR, 0600);
        QVERIFY(fd >= 0);
        ::close(fd);
        const int before = staleSharedMemoryRemoved();
        {
            Context context; // its constructor sweeps
        }
        QVERIFY(!proclabSharedMemoryObjects().contains(staleEntry));
        // The sweep says whose object it removed (another suite's sweeps may have removed more beside it), and
        // that creator is no process of ours: the tests' leak check leaves it to whoever started it.
        for (int i = before; i < staleSharedMemoryRemoved(); ++i)
            named = named || staleSharedMemoryCreator(i) == stale;
        if (!named)
            qInfo("attempt %d: another engine on this machine removed the object first", attempt + 1);
    }
    QVERIFY(named);
    QVERIFY(!platform::startedProcess(stale));
    QCOMPARE(staleSharedMemoryCreator(staleSharedMemoryRemoved()), 0); // none yet
    QVERIFY2(proclabSharedMemoryObjects().contains(mine->name().mid(1)), "a live engine's objects stay");
}

// Two objects with the same tag differ by more than a counter: a random part nobody can predict.
void TestShm::namesAreUnguessable()
{
    QString error;
    auto a = SharedMemory::create(QStringLiteral("t"), 64, &error);
    auto b = SharedMemory::create(QStringLiteral("t"), 64, &error);
    QVERIFY(a && b);
    const QStringList pa = a->name().split(QLatin1Char('-'));
    const QStringList pb = b->name().split(QLatin1Char('-'));
    QCOMPARE(pa.size(), 5); // /proclab, pid.start, n, random, tag
    QCOMPARE(pa.at(3).size(), 16);
    QVERIFY(pa.at(3) != pb.at(3));
}

// Another user squats every name the old scheme would have used next (pid-counter-tag), and the new scheme
// without its random part: creating objects still works. Needs root (a child as nobody): skipped otherwise.
void TestShm::anotherUserCannotSquatNames()
{
    if (::geteuid() != 0)
        QSKIP("needs root, to run a child as another user (nobody)");
    const qint64 pid = platform::currentPid();
    const quint64 start = platform::processStartTime(pid_t(pid));
    QList<QByteArray> names;
    for (int n = 0; n < 200; ++n) {
        names << QStringLiteral("/proclab-%1-%2-queue").arg(pid).arg(n).toLocal8Bit()
              << QStringLiteral("/proclab-%1.%2-%3-0000000000000000-queue").arg(pid).arg(start).arg(n).toLocal8Bit();
    }
    const auto unlinkAll = qScopeGuard([&] {
        for (const QByteArray& n : names)
            ::shm_unlink(n.constData());
    });
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(2);
        for (const QByteArray& n : names) {
            const int fd = ::shm_open(n.constData(), O_CREAT | O_EXCL | O_RDWR, 0600);
            if (fd < 0)
                ::_exit(3);
            ::close(fd);
        }
        ::_exit(0);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QCOMPARE(WEXITSTATUS(status), 0);
    QString error;
    std::vector<std::unique_ptr<SharedMemory>> made;
    for (int i = 0; i < 100; ++i) {
        made.push_back(SharedMemory::create(QStringLiteral("queue"), 64, &error));
        QVERIFY2(made.back(), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestShm)
#include "tst_shm.moc"
