#include "base/platform.h"
#include "base/sharedmemory.h"
#include "engine/context.h"
#include "engine/process.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"
#include "testutil.h"

#include <QCborArray>
#include <QCborMap>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTest>

#include <csignal>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

using namespace proclab;
using namespace Qt::Literals::StringLiterals;

namespace {

// The test's child processes: each Process kills and reaps its process when it goes, whatever happened.
class Children {
public:
    explicit Children(Context* context)
        : m_context(context)
    {
    }
    Process& start(const char* kernel, const QCborMap& args)
    {
        m_procs.push_back(std::make_unique<Process>(m_context, Function::named(QLatin1String(kernel)), args));
        m_procs.back()->start();
        return *m_procs.back();
    }
    Process& operator[](size_t i) { return *m_procs.at(i); }
    size_t size() const { return m_procs.size(); }
    bool joinAll(int timeoutMs = 20000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (auto& p : m_procs)
            if (!p->join(int(std::max<qint64>(0, deadline.remainingTime()))))
                return false;
        return true;
    }

private:
    Context* m_context;
    std::vector<std::unique_ptr<Process>> m_procs;
};

// Events of `kind` on `object` (optionally with `value`) that process `pid` (0: any child) reported.
int countEvents(Context& context, EventKind kind, qint32 object, std::optional<qint64> value = {}, qint64 pid = 0)
{
    int n = 0;
    const qint64 engine = platform::currentPid();
    for (const Event& e : context.events().snapshot()) {
        if (e.kind != kind || e.object != object || (value && e.value != *value))
            continue;
        if (pid ? e.pid == pid : e.pid != engine)
            ++n;
    }
    return n;
}

// What process `pid` wrote to its stderr (a Process target that raised prints its traceback there).
QByteArray stderrOf(Context& context, qint64 pid)
{
    QByteArray text;
    for (const ConsoleChunk& c : context.console())
        if (c.stream == 2 && c.pid == pid)
            text += c.text;
    return text;
}

QString typeOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const TaskException& e) {
        return e.type() + u": "_s + e.message();
    }
    return u"no exception"_s;
}

} // namespace

class TestSync : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup();

    void lockBlocksOtherProcesses_data();
    void lockBlocksOtherProcesses();
    void lockTimeoutsInAChild();
    void releaseIsOwnerChecked_data();
    void releaseIsOwnerChecked();
    void engineSideLockErrors();
    void rlockRecursion();
    void semaphoreLimitsConcurrency_data();
    void semaphoreLimitsConcurrency();
    void semaphoreBlocksTimesOutAndIsBounded();
    void eventWakesWaitersInOtherProcesses();
    void eventWaitTimesOut();
    void conditionNotify_data();
    void conditionNotify();
    void conditionNeedsItsLockAndTimesOut();
    void barrierPassesParties_data();
    void barrierPassesParties();
    void barrierTimeoutBreaksIt();
    void barrierAbortAndReset();
    void barrierPartyKilledBreaksItForAll_data();
    void barrierPartyKilledBreaksItForAll();
    void barrierEnginePartyLearnsOfADeath();
    void ownerDied_data();
    void ownerDied();
    void ownerDiedWakesABlockedWaiter();
    void handlesOfOtherKindsAreRejected();
};

void TestSync::cleanup()
{
    // Every object of the test went with its handle, even when a worker was killed using it.
    QVERIFY2(test::ourSharedMemory().isEmpty(), qPrintable(test::ourSharedMemory().join(u", "_s)));
    QTRY_VERIFY2(test::descendantsOf(platform::currentPid()).isEmpty(), "every started process is reaped");
}

void TestSync::lockBlocksOtherProcesses_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestSync::lockBlocksOtherProcesses()
{
    QFETCH(StartMethod, method);
    Context context(method);
    Lock lock(&context);
    SyncEvent ready(&context);
    SyncEvent go(&context);
    Children children(&context);
    Process& holder = children.start(
        "sync.hold", { { "lock"_L1, lock.handle() }, { "ready"_L1, ready.handle() }, { "go"_L1, go.handle() } });
    QVERIFY(ready.wait(10000));
    QCOMPARE(lock.holder(), holder.pid());
    QVERIFY(!lock.isHeldByCurrentThread());

    QVERIFY(!lock.acquire(false));
    QVERIFY(!lock.acquire(true, 50));
    go.set();
    QVERIFY(lock.acquire(true, 10000));
    QCOMPARE(lock.holder(), qint64(platform::currentPid()));
    lock.release();
    QCOMPARE(lock.holder(), 0);
    QVERIFY(children.joinAll());
    QCOMPARE(holder.exitCode().value_or(-999), 0);

    // The child's acquire and release reached the engine as its own events; the engine's wait named the holder.
    QTRY_COMPARE(countEvents(context, EventKind::LockAcquire, lock.id(), holder.pid(), holder.pid()), 1);
    QTRY_COMPARE(countEvents(context, EventKind::LockRelease, lock.id(), holder.pid(), holder.pid()), 1);
    QVERIFY(countEvents(context, EventKind::LockWait, lock.id(), holder.pid(), platform::currentPid()) >= 1);
    QVERIFY(countEvents(context, EventKind::LockWait, lock.id(), -1, platform::currentPid()) >= 1); // the timeout
}

void TestSync::lockTimeoutsInAChild()
{
    Context context;
    Lock lock(&context);
    Array out(&context, 'q', 3, false);
    Children children(&context);
    QVERIFY(lock.acquire());
    const QCborMap base { { "lock"_L1, lock.handle() }, { "out"_L1, out.handle() } };

    QCborMap timed = base;
    timed.insert("slot"_L1, 0);
    timed.insert("timeoutMs"_L1, 100);
    QCborMap nonBlocking = base;
    nonBlocking.insert("slot"_L1, 1);
    nonBlocking.insert("block"_L1, false);
    QCborMap unbounded = base;
    unbounded.insert("slot"_L1, 2);
    out.assign({ 9, 9, 9 });

    Process& a = children.start("sync.try-acquire", timed);
    Process& b = children.start("sync.try-acquire", nonBlocking);
    QVERIFY(a.join(10000));
    QVERIFY(b.join(10000));
    QCOMPARE(out.at(0).toInteger(), 0);
    QCOMPARE(out.at(1).toInteger(), 0);

    Process& c = children.start("sync.try-acquire", unbounded);
    // It shows as waiting for us (the event names the holder) before we let go.
    QTRY_COMPARE_WITH_TIMEOUT(
        countEvents(context, EventKind::LockWait, lock.id(), platform::currentPid(), c.pid()), 1, 10000);
    QVERIFY(c.isAlive());
    lock.release();
    QVERIFY(c.join(10000));
    QCOMPARE(out.at(2).toInteger(), 1);
    QCOMPARE(c.exitCode().value_or(-999), 0);
}

void TestSync::releaseIsOwnerChecked_data()
{
    QTest::addColumn<bool>("recursive");
    QTest::addColumn<bool>("engineHolds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lock-free") << false << false << u"ValueError: semaphore or lock released too many times"_s;
    QTest::newRow("lock-held") << false << true << u"AssertionError: attempt to release lock %1 held by process %2"_s;
    QTest::newRow("rlock-free") << true << false
                                << u"AssertionError: attempt to release recursive lock not owned by thread"_s;
    QTest::newRow("rlock-held") << true << true
                                << u"AssertionError: attempt to release recursive lock not owned by thread"_s;
}

void TestSync::releaseIsOwnerChecked()
{
    QFETCH(bool, recursive);
    QFETCH(bool, engineHolds);
    QFETCH(QString, expected);
    Context context;
    std::unique_ptr<Lock> lock = recursive ? std::make_unique<RLock>(&context) : std::make_unique<Lock>(&context);
    if (expected.contains(u"%1"_s))
        expected = expected.arg(lock->id()).arg(platform::currentPid());
    if (engineHolds)
        QVERIFY(lock->acquire());
    Children children(&context);
    Process& p = children.start("sync.release", { { "lock"_L1, lock->handle() } });
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 1);
    QTRY_VERIFY2(stderrOf(context, p.pid()).contains(expected.toUtf8()), stderrOf(context, p.pid()).constData());
    // A refused release changes nothing.
    QCOMPARE(lock->holder(), engineHolds ? qint64(platform::currentPid()) : 0);
    if (engineHolds)
        lock->release();
}

void TestSync::engineSideLockErrors()
{
    Context context;
    Lock lock(&context);
    QCOMPARE(typeOf([&] { lock.release(); }), u"ValueError: semaphore or lock released too many times"_s);

    // Held by this thread: a Lock would wait for itself.
    QVERIFY(lock.acquire());
    QVERIFY(!lock.acquire(false));
    QVERIFY(!lock.acquire(true, 20));
    QVERIFY(typeOf([&] { lock.acquire(); }).startsWith(u"RuntimeError: deadlock"_s));

    // Another thread of this process does not hold it.
    QString fromThread;
    std::thread([&] { fromThread = typeOf([&] { lock.release(); }); }).join();
    QCOMPARE(fromThread, u"AssertionError: attempt to release lock %1 held by another thread"_s.arg(lock.id()));
    lock.release();
    QCOMPARE(lock.holder(), 0);
}

void TestSync::rlockRecursion()
{
    Context context;
    RLock rlock(&context);
    Array out(&context, 'q', 1, false);
    Children children(&context);
    const QCborMap tryArgs { { "lock"_L1, rlock.handle() }, { "block"_L1, false }, { "out"_L1, out.handle() },
        { "slot"_L1, 0 } };
    const auto childGetsIt = [&] {
        out.set(0, 9);
        Process& p = children.start("sync.try-acquire", tryArgs);
        return p.join(10000) ? out.at(0).toInteger() : -999;
    };

    for (int i = 0; i < 3; ++i)
        QVERIFY(rlock.acquire());
    QCOMPARE(rlock.recursionDepth(), 3);
    QCOMPARE(childGetsIt(), 0);
    rlock.release();
    rlock.release();
    QCOMPARE(rlock.recursionDepth(), 1);
    QCOMPARE(childGetsIt(), 0); // still held once
    rlock.release();
    QCOMPARE(rlock.holder(), 0);
    QCOMPARE(childGetsIt(), 1);

    // A child's recursion: three acquires, three releases, then the lock is free for us.
    SyncEvent ready(&context);
    SyncEvent go(&context);
    Process& holder = children.start("sync.hold",
        { { "lock"_L1, rlock.handle() }, { "depth"_L1, 3 }, { "ready"_L1, ready.handle() }, { "go"_L1, go.handle() } });
    QVERIFY(ready.wait(10000));
    QCOMPARE(rlock.recursionDepth(), 3);
    QCOMPARE(
        typeOf([&] { rlock.release(); }), u"AssertionError: attempt to release recursive lock not owned by thread"_s);
    go.set();
    QVERIFY(rlock.acquire(true, 10000));
    QCOMPARE(rlock.recursionDepth(), 1);
    rlock.release();
    QVERIFY(holder.join(10000));
    QCOMPARE(holder.exitCode().value_or(-999), 0);
    // Recursion does not show: one acquire and one release for the child's three.
    QTRY_COMPARE(countEvents(context, EventKind::LockRelease, rlock.id(), {}, holder.pid()), 1);
    QCOMPARE(countEvents(context, EventKind::LockAcquire, rlock.id(), {}, holder.pid()), 1);
}

void TestSync::semaphoreLimitsConcurrency_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<bool>("bounded");
    QTest::newRow("1") << 1 << false;
    QTest::newRow("2-bounded") << 2 << true;
    QTest::newRow("3") << 3 << false;
}

void TestSync::semaphoreLimitsConcurrency()
{
    QFETCH(int, limit);
    QFETCH(bool, bounded);
    constexpr int Processes = 5;
    Context context;
    std::unique_ptr<Semaphore> sem
        = bounded ? std::make_unique<BoundedSemaphore>(&context, limit) : std::make_unique<Semaphore>(&context, limit);
    Value inside(&context, 'i', 0);
    Value peak(&context, 'i', 0);
    Children children(&context);
    for (int i = 0; i < Processes; ++i)
        children.start("sync.semaphore-worker",
            { { "sem"_L1, sem->handle() }, { "inside"_L1, inside.handle() }, { "peak"_L1, peak.handle() },
                { "holdMs"_L1, 20 }, { "rounds"_L1, 3 } });
    QVERIFY(children.joinAll(60000));
    for (size_t i = 0; i < children.size(); ++i)
        QCOMPARE(children[i].exitCode().value_or(-999), 0);
    const qint64 seen = peak.value().toInteger();
    qInfo("Semaphore(%d), %d processes: at most %lld inside at once", limit, Processes, seen);
    QVERIFY2(seen >= 1 && seen <= limit, "never more holders than the semaphore's value");
    QCOMPARE(inside.value().toInteger(), 0);
    QCOMPARE(sem->value(), limit);
}

void TestSync::semaphoreBlocksTimesOutAndIsBounded()
{
    Context context;
    Semaphore sem(&context, 0);
    QVERIFY(!sem.acquire(false));
    QVERIFY(!sem.acquire(true, 30));
    sem.release();
    QCOMPARE(sem.value(), 1);
    QVERIFY(sem.acquire(false));
    QCOMPARE(sem.value(), 0);

    // A child blocks at zero until the engine releases a unit.
    Value inside(&context, 'i', 0);
    Value peak(&context, 'i', 0);
    Children children(&context);
    Process& p = children.start("sync.semaphore-worker",
        { { "sem"_L1, sem.handle() }, { "inside"_L1, inside.handle() }, { "peak"_L1, peak.handle() },
            { "holdMs"_L1, 0 } });
    QTRY_COMPARE_WITH_TIMEOUT(countEvents(context, EventKind::LockWait, sem.id(), 0, p.pid()), 1, 10000);
    QVERIFY(p.isAlive());
    QCOMPARE(peak.value().toInteger(), 0);
    sem.release();
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    QCOMPARE(peak.value().toInteger(), 1);
    QCOMPARE(sem.value(), 1); // it gave the unit back
    QTRY_VERIFY(countEvents(context, EventKind::SemaphoreValue, sem.id(), 0, p.pid()) == 1);

    BoundedSemaphore bounded(&context, 1);
    QCOMPARE(typeOf([&] { bounded.release(); }), u"ValueError: semaphore or lock released too many times"_s);
    QVERIFY(bounded.acquire());
    bounded.release();
    QCOMPARE(bounded.value(), 1);
    QCOMPARE(typeOf([&] { Semaphore(&context, -1); }), u"ValueError: semaphore initial value must be >= 0"_s);
}

void TestSync::eventWakesWaitersInOtherProcesses()
{
    constexpr int Waiters = 3;
    Context context;
    SyncEvent event(&context);
    Array out(&context, 'q', Waiters, false);
    out.assign({ 9, 9, 9 });
    Children children(&context);
    for (int i = 0; i < Waiters; ++i)
        children.start(
            "sync.event-wait", { { "event"_L1, event.handle() }, { "out"_L1, out.handle() }, { "slot"_L1, i } });
    // All three are blocked in wait() (each flushed its EventWait before sleeping).
    QTRY_COMPARE_WITH_TIMEOUT(countEvents(context, EventKind::EventWait, event.id(), 0), Waiters, 10000);
    for (size_t i = 0; i < children.size(); ++i)
        QVERIFY(children[i].isAlive());
    QVERIFY(!event.isSet());
    event.set();
    QVERIFY(event.isSet());
    QVERIFY(children.joinAll());
    QCOMPARE(out.toList(), QCborArray({ 1, 1, 1 }));
    QTRY_COMPARE(countEvents(context, EventKind::EventWait, event.id(), 1), Waiters);

    // And the other way round: a child sets, the engine wakes.
    event.clear();
    QVERIFY(!event.isSet());
    Process& setter = children.start("sync.event-set", { { "event"_L1, event.handle() } });
    QVERIFY(event.wait(10000));
    QVERIFY(setter.join(10000));
}

void TestSync::eventWaitTimesOut()
{
    Context context;
    SyncEvent event(&context);
    Array out(&context, 'q', 1, false);
    out.set(0, 9);
    QVERIFY(!event.wait(20));
    Children children(&context);
    Process& p = children.start("sync.event-wait",
        { { "event"_L1, event.handle() }, { "timeoutMs"_L1, 100 }, { "out"_L1, out.handle() }, { "slot"_L1, 0 } });
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    QCOMPARE(out.at(0).toInteger(), 0);
    QTRY_COMPARE(countEvents(context, EventKind::EventWait, event.id(), -1, p.pid()), 1);
}

void TestSync::conditionNotify_data()
{
    QTest::addColumn<bool>("ownLock");
    QTest::newRow("own-rlock") << true;
    QTest::newRow("lock") << false;
}

void TestSync::conditionNotify()
{
    QFETCH(bool, ownLock);
    constexpr int Waiters = 3;
    Context context;
    Lock plain(&context);
    Condition cond(&context, ownLock ? nullptr : &plain);
    QCOMPARE(cond.lock().isRecursive(), ownLock);
    Value woken(&context, 'i', 0);
    Array out(&context, 'q', Waiters, false);
    Children children(&context);
    for (int i = 0; i < Waiters; ++i)
        children.start("sync.condition-wait",
            { { "cond"_L1, cond.handle() }, { "woken"_L1, woken.handle() }, { "out"_L1, out.handle() },
                { "slot"_L1, i } });
    QTRY_COMPARE_WITH_TIMEOUT(
        countEvents(context, EventKind::ConditionWait, cond.id(), cond.lock().id()), Waiters, 10000);
    {
        LockGuard with(cond);
        cond.notify(1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(woken.value().toInteger(), 1, 10000);
    QCOMPARE(countEvents(context, EventKind::ConditionNotify, cond.id(), 1, platform::currentPid()), 1);
    {
        LockGuard with(cond);
        cond.notifyAll();
    }
    QVERIFY(children.joinAll());
    QCOMPARE(woken.value().toInteger(), Waiters);
    QCOMPARE(out.toList(), QCborArray({ 1, 1, 1 }));
    QCOMPARE(countEvents(context, EventKind::ConditionNotify, cond.id(), -1, platform::currentPid()), 1);
}

void TestSync::conditionNeedsItsLockAndTimesOut()
{
    Context context;
    Condition cond(&context);
    QCOMPARE(typeOf([&] { cond.wait(10); }), u"AssertionError: must acquire() condition before using wait()"_s);
    QCOMPARE(typeOf([&] { cond.notify(); }), u"AssertionError: lock is not owned"_s);
    QCOMPARE(typeOf([&] { cond.notifyAll(); }), u"AssertionError: lock is not owned"_s);
    {
        LockGuard with(cond);
        QVERIFY(cond.acquire()); // its RLock: depth 2, restored after the wait
        QVERIFY(!cond.wait(20));
        QVERIFY(cond.lock().isHeldByCurrentThread());
        QCOMPARE(cond.lock().recursionDepth(), 2);
        cond.release();
        bool flag = false;
        QVERIFY(!cond.waitFor([&] { return flag; }, 20));
        flag = true;
        QVERIFY(cond.waitFor([&] { return flag; }, 20));
    }
    QCOMPARE(cond.lock().holder(), 0);

    Value woken(&context, 'i', 0);
    Array out(&context, 'q', 1, false);
    out.set(0, 9);
    Children children(&context);
    Process& p = children.start("sync.condition-wait",
        { { "cond"_L1, cond.handle() }, { "woken"_L1, woken.handle() }, { "timeoutMs"_L1, 100 },
            { "out"_L1, out.handle() }, { "slot"_L1, 0 } });
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    QCOMPARE(out.at(0).toInteger(), 0); // timed out, and still took the lock back (woken counted under it)
    QCOMPARE(woken.value().toInteger(), 1);
}

void TestSync::barrierPassesParties_data()
{
    QTest::addColumn<int>("parties");
    QTest::addColumn<bool>("engineIsAParty");
    QTest::newRow("2") << 2 << false;
    QTest::newRow("3+engine") << 3 << true;
    QTest::newRow("5") << 5 << false;
}

void TestSync::barrierPassesParties()
{
    QFETCH(int, parties);
    QFETCH(bool, engineIsAParty);
    constexpr int Rounds = 3;
    Context context;
    Barrier barrier(&context, parties);
    QCOMPARE(barrier.parties(), parties);
    Array out(&context, 'q', parties, false);
    Children children(&context);
    const int childParties = engineIsAParty ? parties - 1 : parties;
    for (int i = 0; i < childParties; ++i)
        children.start("sync.barrier-wait",
            { { "barrier"_L1, barrier.handle() }, { "rounds"_L1, Rounds }, { "out"_L1, out.handle() },
                { "slot"_L1, i } });
    if (engineIsAParty) {
        int index = -1;
        for (int r = 0; r < Rounds; ++r)
            index = barrier.wait(20000);
        out.set(parties - 1, index);
    }
    QVERIFY(children.joinAll());
    for (size_t i = 0; i < children.size(); ++i)
        QCOMPARE(children[i].exitCode().value_or(-999), 0);
    // Each round hands out the arrival indexes 0 .. parties-1 once each.
    QList<qint64> indexes;
    for (const QCborValue& v : out.toList())
        indexes << v.toInteger();
    std::sort(indexes.begin(), indexes.end());
    QList<qint64> expected;
    for (int i = 0; i < parties; ++i)
        expected << i;
    QCOMPARE(indexes, expected);
    QCOMPARE(barrier.nWaiting(), 0);
    QVERIFY(!barrier.broken());
    QTRY_COMPARE(countEvents(context, EventKind::BarrierPass, barrier.id()), childParties * Rounds);
    QVERIFY(countEvents(context, EventKind::BarrierPass, barrier.id(), -1) == 0);
}

void TestSync::barrierTimeoutBreaksIt()
{
    Context context;
    Barrier barrier(&context, 3);
    Array out(&context, 'q', 2, false);
    Children children(&context);
    Process& impatient = children.start("sync.barrier-wait",
        { { "barrier"_L1, barrier.handle() }, { "timeoutMs"_L1, 200 }, { "out"_L1, out.handle() }, { "slot"_L1, 0 } });
    Process& patient = children.start(
        "sync.barrier-wait", { { "barrier"_L1, barrier.handle() }, { "out"_L1, out.handle() }, { "slot"_L1, 1 } });
    QVERIFY(children.joinAll());
    // A timeout breaks the barrier for everyone, as in Python.
    QCOMPARE(impatient.exitCode().value_or(-999), 1);
    QCOMPARE(patient.exitCode().value_or(-999), 1);
    QCOMPARE(out.toList(), QCborArray({ -1, -1 }));
    QVERIFY(barrier.broken());
    QCOMPARE(barrier.nWaiting(), 0);
    QTRY_VERIFY(stderrOf(context, impatient.pid()).contains("BrokenBarrierError"));
    QVERIFY(stderrOf(context, impatient.pid())
                .contains(u"the wait of process %1 timed out"_s.arg(impatient.pid()).toUtf8()));
    QCOMPARE(typeOf([&] { barrier.wait(10); }).section(QLatin1Char(':'), 0, 0), u"BrokenBarrierError"_s);

    // reset() makes it whole again.
    barrier.reset();
    QVERIFY(!barrier.broken());
    for (int i = 0; i < 2; ++i)
        children.start(
            "sync.barrier-wait", { { "barrier"_L1, barrier.handle() }, { "out"_L1, out.handle() }, { "slot"_L1, i } });
    const int mine = barrier.wait(20000);
    QVERIFY(children.joinAll());
    QCOMPARE(children[2].exitCode().value_or(-999), 0);
    QCOMPARE(children[3].exitCode().value_or(-999), 0);
    QCOMPARE(out.at(0).toInteger() + out.at(1).toInteger() + mine, 0 + 1 + 2);
}

void TestSync::barrierAbortAndReset()
{
    Context context;
    Barrier barrier(&context, 3);
    Array out(&context, 'q', 2, false);
    Children children(&context);
    const auto startWaiters = [&] {
        for (int i = 0; i < 2; ++i)
            children.start("sync.barrier-wait",
                { { "barrier"_L1, barrier.handle() }, { "out"_L1, out.handle() }, { "slot"_L1, i } });
    };

    // abort(): the waiting parties raise at once, and it stays broken until reset().
    startWaiters();
    QTRY_COMPARE_WITH_TIMEOUT(barrier.nWaiting(), 2, 10000);
    barrier.abort();
    QVERIFY(children.joinAll(10000));
    QCOMPARE(children[0].exitCode().value_or(-999), 1);
    QCOMPARE(children[1].exitCode().value_or(-999), 1);
    QVERIFY(barrier.broken());
    QCOMPARE(barrier.nWaiting(), 0);
    QTRY_VERIFY(stderrOf(context, children[0].pid()).contains("was aborted"));
    barrier.reset();
    QVERIFY(!barrier.broken());

    // reset() while parties wait: they raise, and the barrier is usable again right after.
    startWaiters();
    QTRY_COMPARE_WITH_TIMEOUT(barrier.nWaiting(), 2, 10000);
    barrier.reset();
    QVERIFY(children.joinAll(10000));
    QCOMPARE(children[2].exitCode().value_or(-999), 1);
    QCOMPARE(children[3].exitCode().value_or(-999), 1);
    QTRY_VERIFY(stderrOf(context, children[2].pid()).contains("was reset"));
    QVERIFY(!barrier.broken());

    startWaiters();
    QVERIFY(barrier.wait(20000) >= 0);
    QVERIFY(children.joinAll());
    QCOMPARE(children[4].exitCode().value_or(-999), 0);
    QCOMPARE(children[5].exitCode().value_or(-999), 0);
}

void TestSync::barrierPartyKilledBreaksItForAll_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestSync::barrierPartyKilledBreaksItForAll()
{
    QFETCH(StartMethod, method);
    constexpr int Waiting = 3;
    Context context(method);
    Barrier barrier(&context, Waiting + 1);
    Array out(&context, 'q', Waiting, false);
    out.assign({ 9, 9, 9 });
    Children children(&context);
    for (int i = 0; i < Waiting; ++i)
        children.start(
            "sync.barrier-wait", { { "barrier"_L1, barrier.handle() }, { "out"_L1, out.handle() }, { "slot"_L1, i } });
    QTRY_COMPARE_WITH_TIMEOUT(barrier.nWaiting(), Waiting, 10000);

    const qint64 victim = children[0].pid();
    QElapsedTimer clock;
    clock.start();
    children[0].kill();
    for (int i = 1; i < Waiting; ++i)
        QVERIFY2(children[size_t(i)].join(5000), "a surviving party is released promptly");
    const qint64 ms = clock.elapsed();
    qInfo(
        "party %lld SIGKILLed: the other %d parties raised BrokenBarrierError after %lld ms", victim, Waiting - 1, ms);
    QVERIFY(children[0].join(5000));
    QCOMPARE(children[0].exitCode().value_or(0), -SIGKILL);
    for (int i = 1; i < Waiting; ++i) {
        QCOMPARE(children[size_t(i)].exitCode().value_or(-999), 1);
        QCOMPARE(out.at(i).toInteger(), -1);
        QTRY_VERIFY(stderrOf(context, children[size_t(i)].pid())
                        .contains(u"BrokenBarrierError: barrier %1 broke: party process %2 died while waiting"_s
                                      .arg(barrier.id())
                                      .arg(victim)
                                      .toUtf8()));
    }
    QVERIFY(barrier.broken());
    QCOMPARE(barrier.nWaiting(), 0);
    QVERIFY(countEvents(context, EventKind::Error, barrier.id(), victim) >= 1);

    // The dead party's place was given back: after reset() a full round passes.
    barrier.reset();
    for (int i = 0; i < Waiting; ++i)
        children.start(
            "sync.barrier-wait", { { "barrier"_L1, barrier.handle() }, { "out"_L1, out.handle() }, { "slot"_L1, i } });
    QVERIFY(barrier.wait(20000) >= 0);
    QVERIFY(children.joinAll());
    for (size_t i = Waiting; i < children.size(); ++i)
        QCOMPARE(children[i].exitCode().value_or(-999), 0);
}

void TestSync::barrierEnginePartyLearnsOfADeath()
{
    Context context;
    Barrier barrier(&context, 3);
    Array out(&context, 'q', 1, false);
    Children children(&context);
    Process& victim = children.start(
        "sync.barrier-wait", { { "barrier"_L1, barrier.handle() }, { "out"_L1, out.handle() }, { "slot"_L1, 0 } });
    QTRY_COMPARE_WITH_TIMEOUT(barrier.nWaiting(), 1, 10000);
    // Another engine thread kills the child once this thread waits too (the same wait as QTRY's, off this thread).
    std::thread killer([&] {
        QDeadlineTimer deadline(10000);
        while (barrier.nWaiting() < 2 && !deadline.hasExpired())
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        victim.kill();
    });
    QElapsedTimer clock;
    clock.start();
    const QString error = typeOf([&] { barrier.wait(30000); });
    killer.join();
    qInfo("engine party: %s after %lld ms", qPrintable(error), clock.elapsed());
    QVERIFY(error.startsWith(
        u"BrokenBarrierError: barrier %1 broke: party process %2 died"_s.arg(barrier.id()).arg(victim.pid())));
    QVERIFY2(clock.elapsed() < 10000, "the engine learnt of the death long before its own timeout");
    QVERIFY(victim.join(5000));
}

void TestSync::ownerDied_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::addColumn<bool>("recursive");
    QTest::addColumn<bool>("childAcquires");
    QTest::newRow("spawn-lock-engine") << StartMethod::Spawn << false << false;
    QTest::newRow("spawn-lock-child") << StartMethod::Spawn << false << true;
    QTest::newRow("spawn-rlock-engine") << StartMethod::Spawn << true << false;
    QTest::newRow("forkserver-lock-engine") << StartMethod::ForkServer << false << false;
    QTest::newRow("forkserver-rlock-child") << StartMethod::ForkServer << true << true;
}

void TestSync::ownerDied()
{
    QFETCH(StartMethod, method);
    QFETCH(bool, recursive);
    QFETCH(bool, childAcquires);
    Context context(method);
    std::unique_ptr<Lock> lock = recursive ? std::make_unique<RLock>(&context) : std::make_unique<Lock>(&context);
    SyncEvent ready(&context);
    Array out(&context, 'q', 2, false);
    Children children(&context);
    Process& holder = children.start("sync.hold", { { "lock"_L1, lock->handle() }, { "ready"_L1, ready.handle() } });
    QVERIFY(ready.wait(10000));
    const qint64 dead = holder.pid();
    QCOMPARE(lock->holder(), dead);
    holder.kill();
    QVERIFY(holder.join(10000));
    QCOMPARE(holder.exitCode().value_or(0), -SIGKILL);
    const QCborMap tryArgs { { "lock"_L1, lock->handle() }, { "out"_L1, out.handle() }, { "timeoutMs"_L1, 10000 } };

    if (childAcquires) {
        QCborMap first = tryArgs;
        first.insert("slot"_L1, 0);
        Process& next = children.start("sync.try-acquire", first);
        QVERIFY(next.join(10000));
        QCOMPARE(next.exitCode().value_or(-999), 0);
        QCOMPARE(out.at(0).toInteger(), -dead); // it got the lock, and the dead holder's pid with it
        QTRY_VERIFY(
            stderrOf(context, next.pid()).contains(u"OwnerDiedError: process %1 died holding"_s.arg(dead).toUtf8()));
        QTRY_COMPARE(countEvents(context, EventKind::Error, lock->id(), dead, next.pid()), 1);
    } else {
        bool raised = false;
        try {
            lock->acquire();
        } catch (const OwnerDiedError& e) {
            raised = true;
            QCOMPARE(e.deadPid(), dead);
            QCOMPARE(e.type(), u"OwnerDiedError"_s);
            QVERIFY2(e.message().contains(u"process %1 died holding"_s.arg(dead)), qPrintable(e.message()));
        }
        QVERIFY2(raised, "the next acquirer is told that the holder died");
        QVERIFY(lock->isHeldByCurrentThread()); // ... and holds the lock
        QCOMPARE(lock->recursionDepth(), 1);
        lock->release();
        QCOMPARE(countEvents(context, EventKind::Error, lock->id(), dead, platform::currentPid()), 1);
    }

    // The lock keeps working, for the engine and for a child, with no further error.
    QVERIFY(lock->acquire(true, 10000));
    lock->release();
    QCborMap second = tryArgs;
    second.insert("slot"_L1, 1);
    Process& later = children.start("sync.try-acquire", second);
    QVERIFY(later.join(10000));
    QCOMPARE(out.at(1).toInteger(), 1);
    QCOMPARE(lock->holder(), 0);
}

void TestSync::ownerDiedWakesABlockedWaiter()
{
    Context context;
    Lock lock(&context);
    SyncEvent ready(&context);
    Array out(&context, 'q', 1, false);
    out.set(0, 9);
    Children children(&context);
    Process& holder = children.start("sync.hold", { { "lock"_L1, lock.handle() }, { "ready"_L1, ready.handle() } });
    QVERIFY(ready.wait(10000));
    Process& waiter = children.start(
        "sync.try-acquire", { { "lock"_L1, lock.handle() }, { "out"_L1, out.handle() }, { "slot"_L1, 0 } });
    QTRY_COMPARE_WITH_TIMEOUT(
        countEvents(context, EventKind::LockWait, lock.id(), holder.pid(), waiter.pid()), 1, 10000);
    holder.kill();
    QVERIFY2(waiter.join(5000), "the blocked waiter is handed the lock when its holder dies");
    QCOMPARE(out.at(0).toInteger(), -holder.pid());
    QCOMPARE(lock.holder(), 0);
}

void TestSync::handlesOfOtherKindsAreRejected()
{
    Context context;
    Lock lock(&context);
    SyncEvent event(&context);
    QCOMPARE(typeOf([&] { SyncEvent::attach(lock.handle()); }), u"TypeError: wrong handle: lock (expected: event)"_s);
    QCOMPARE(typeOf([&] { RLock::attach(lock.handle()); }), u"TypeError: wrong handle: lock (expected: rlock)"_s);
    QVERIFY(typeOf([&] { Lock::attach(QCborValue(42)); }).startsWith(u"TypeError"_s));
    // A handle outliving its object: the child is told the object is gone.
    QCborValue stale;
    {
        Lock gone(&context);
        stale = gone.handle();
    }
    QVERIFY(typeOf([&] { Lock::attach(stale); }).startsWith(u"FileNotFoundError"_s));
    // In this process, attach() sees the same lock.
    Lock same = Lock::attach(lock.handle(), &context);
    QVERIFY(same.acquire());
    QVERIFY(lock.isHeldByCurrentThread());
    QCOMPARE(same.id(), lock.id());
    lock.release();
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
