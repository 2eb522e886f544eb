#include "base/ioloop.h"
#include "base/platform.h"
#include "content/expression.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "testutil.h"

#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace proclab;

Q_DECLARE_METATYPE(proclab::StartMethod)
Q_DECLARE_METATYPE(proclab::Scheduling)

class TestPool : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesSerial_data();
    void matchesSerial();
    void throwingTaskFailsOnlyItsOwnFuture();
    void pidsDistinctAliveThenGone_data();
    void pidsDistinctAliveThenGone();
    void futures();
    void cancelPending();
    void maxTasksPerChild();
    void staticSchedulingDealsRoundRobin();
    void terminateResolvesEverything();
    void killedWorkerLosesOnlyItsTask();
    void closedPoolRefusesWork();
    void eventsTellTheStory();
    void mapStreamHandsOverInOrder_data();
    void mapStreamHandsOverInOrder();
    void mapStreamFailedTaskIsNull();
    void unreadEventsAreNotKept();
    void cleanupTestCase();
};

namespace {
using test::range;

QCborArray serial(const QString& text, const QCborArray& inputs)
{
    Expression e;
    QString error;
    if (!e.compile(text, &error))
        qFatal("%s", qPrintable(error));
    QCborArray out;
    for (const auto& v : inputs)
        out.append(e.evaluate(v));
    return out;
}
} // namespace

void TestPool::matchesSerial_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::addColumn<Scheduling>("scheduling");
    QTest::addColumn<int>("chunksize");
    for (StartMethod m : { StartMethod::Spawn, StartMethod::ForkServer })
        for (Scheduling s : { Scheduling::Dynamic, Scheduling::Static })
            for (int c : { 1, 7, 100 })
                QTest::addRow("%s/%s/c%d", qPrintable(toString(m)), qPrintable(toString(s)), c) << m << s << c;
}

// map, imap, starmap and imap_unordered over 10,000 inputs give what a serial loop gives.
void TestPool::matchesSerial()
{
    QFETCH(StartMethod, method);
    QFETCH(Scheduling, scheduling);
    QFETCH(int, chunksize);
    Context context(method);
    Pool pool(&context, { 2, scheduling });
    const QCborArray inputs = range(10000);
    const QCborArray expected = serial(QStringLiteral("x*x-2*x"), inputs);
    const Function f = Function::expr(QStringLiteral("x*x-2*x"));

    QCOMPARE(pool.map(f, inputs, chunksize), expected);

    ResultIterator ordered = pool.imap(f, inputs, chunksize);
    QCborArray got;
    while (auto v = ordered.next())
        got.append(*v);
    QCOMPARE(got, expected);

    QCborArray pairs;
    for (qint64 i = 0; i < 10000; ++i)
        pairs.append(QCborArray { i, 10000 - i });
    const QCborArray sums = pool.starmap(Function::expr(QStringLiteral("x+y")), pairs, chunksize);
    QCOMPARE(sums.size(), qsizetype(10000));
    for (const auto& v : sums)
        QCOMPARE(v.toInteger(), qint64(10000));

    ResultIterator unordered = pool.imapUnordered(f, inputs, chunksize);
    QVector<int> seen(10000, 0);
    qsizetype count = 0;
    while (auto v = unordered.next()) {
        const qsizetype index = unordered.lastIndex();
        QVERIFY(index >= 0 && index < 10000);
        QCOMPARE(*v, expected.at(index));
        ++seen[index];
        ++count;
    }
    QCOMPARE(count, qsizetype(10000));
    QVERIFY2(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }), "every result exactly once");

    pool.close();
    pool.join();
}

void TestPool::throwingTaskFailsOnlyItsOwnFuture()
{
    Context context;
    Pool pool(&context, { 2 });
    // With forkserver (the default) a worker's pid arrives after the pool is made: wait for them.
    QVERIFY(pool.waitReady(60000));
    const Function f = Function::named(QStringLiteral("raise"),
        { { QStringLiteral("type"), QStringLiteral("ValueError") },
            { QStringLiteral("message"), QStringLiteral("three is bad") },
            { QStringLiteral("values"), QCborArray { 3 } } });
    QList<AsyncResult> results;
    for (int i = 0; i < 10; ++i)
        results << pool.applyAsync(f, i);
    QSet<qint64> pids;
    for (const auto& w : pool.workers())
        pids.insert(w.pid);
    for (int i = 0; i < 10; ++i) {
        if (i == 3) {
            try {
                results[i].get();
                QFAIL("task 3 should have raised");
            } catch (const TaskError& e) {
                QCOMPARE(e.failure().type, QStringLiteral("ValueError"));
                QCOMPARE(e.failure().message, QStringLiteral("three is bad"));
                QVERIFY2(pids.contains(e.failure().pid), "the failure names the worker it ran in");
            }
            QVERIFY(results[i].done());
            QVERIFY(!results[i].successful());
        } else {
            QCOMPARE(results[i].get().toInteger(), qint64(i));
            QVERIFY(results[i].successful());
        }
    }
    // map re-raises the first failure, and the pool keeps working afterwards.
    try {
        pool.map(f, range(8), 1);
        QFAIL("map should re-raise");
    } catch (const TaskError& e) {
        QCOMPARE(e.failure().task, qint64(3));
    }
    QCOMPARE(pool.map(Function::expr(QStringLiteral("x+1")), range(4)), (QCborArray { 1, 2, 3, 4 }));
}

void TestPool::pidsDistinctAliveThenGone_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestPool::pidsDistinctAliveThenGone()
{
    QFETCH(StartMethod, method);
    QSet<qint64> pids;
    {
        Context context(method);
        Pool pool(&context, { 3 });
        QVERIFY(pool.waitReady(10000));
        for (const auto& w : pool.workers())
            pids.insert(w.pid);
        QCOMPARE(pids.size(), 3);
        QVERIFY(!pids.contains(platform::currentPid()));
        for (qint64 pid : pids)
            QVERIFY2(platform::isAlive(pid_t(pid)), "a worker is a live OS process during the run");
        // The tasks really ran in those processes.
        const QCborArray ran = pool.map(Function::named(QStringLiteral("pid")), range(300), 1);
        for (const auto& v : ran)
            QVERIFY(pids.contains(v.toInteger()));
        pool.close();
        pool.join();
        for (qint64 pid : pids)
            QVERIFY2(!platform::isAlive(pid_t(pid)), "join() returns after the workers have exited");
    }
    QVERIFY(!test::anyAlive(pids));
}

void TestPool::futures()
{
    Context context;
    Pool pool(&context, { 2 });
    QVERIFY(pool.waitReady(10000));
    AsyncResult slow = pool.applyAsync(Function::named(QStringLiteral("sleep")), 300.0);
    QVERIFY(!slow.done());
    QVERIFY_THROWS_EXCEPTION(TimeoutError, slow.get(1));
    QTRY_VERIFY_WITH_TIMEOUT(slow.running() || slow.done(), 5000);
    std::atomic<int> called { 0 };
    slow.addDoneCallback([&](const AsyncResult& r) {
        if (r.done())
            ++called;
    });
    QCOMPARE(slow.get().toDouble(), 300.0);
    QVERIFY(slow.done());
    QVERIFY(!slow.running());
    QVERIFY(slow.successful());
    QTRY_COMPARE(called.load(), 1);
    // A callback added once done runs at once.
    slow.addDoneCallback([&](const AsyncResult&) { ++called; });
    QCOMPARE(called.load(), 2);
    // map_async gives the list.
    QCOMPARE(pool.mapAsync(Function::expr(QStringLiteral("x*x+1")), range(8)).get().toArray(),
        (QCborArray { 1, 2, 5, 10, 17, 26, 37, 50 }));
    QCOMPARE(pool.apply(Function::named(QStringLiteral("sqrt")), 16).toDouble(), 4.0);
}

void TestPool::cancelPending()
{
    Context context;
    Pool pool(&context, { 1 });
    QVERIFY(pool.waitReady(10000));
    const Function sleep = Function::named(QStringLiteral("sleep"));
    // One worker takes at most two chunks at first; the rest wait in the pool's queue.
    QList<AsyncResult> r;
    for (int i = 0; i < 4; ++i)
        r << pool.applyAsync(sleep, 100.0);
    QVERIFY2(r[3].cancel(), "a task still in the queue can be cancelled");
    QVERIFY(r[3].cancelled());
    QVERIFY(r[3].done());
    QVERIFY_THROWS_EXCEPTION(CancelledError, r[3].get());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(r[i].get().toDouble(), 100.0);
    QVERIFY2(!r[0].cancel(), "a finished task cannot be cancelled");
}

void TestPool::maxTasksPerChild()
{
    Context context;
    Pool pool(&context, { 1, Scheduling::Dynamic, 2 });
    const QCborArray ran = pool.map(Function::named(QStringLiteral("pid")), range(6), 1);
    QSet<qint64> pids;
    for (const auto& v : ran)
        pids.insert(v.toInteger());
    QCOMPARE(pids.size(), 3); // a fresh process every two tasks
    QTRY_COMPARE(pool.workers().size(), 4); // three served, a fourth waits for more
    for (const auto& w : pool.workers())
        QVERIFY(w.tasks <= 2);
}

void TestPool::staticSchedulingDealsRoundRobin()
{
    Context context;
    Pool pool(&context, { 2, Scheduling::Static });
    QVERIFY(pool.waitReady(10000));
    const QList<PoolWorkerInfo> ws = pool.workers();
    const QCborArray ran = pool.map(Function::named(QStringLiteral("pid")), range(10), 1);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(ran.at(i).toInteger(), ws.at(i % 2).pid); // chunk i went to worker i % 2
}

void TestPool::terminateResolvesEverything()
{
    Context context;
    Pool pool(&context, { 2 });
    QVERIFY(pool.waitReady(10000));
    QSet<qint64> pids;
    for (const auto& w : pool.workers())
        pids.insert(w.pid);
    AsyncResult r
        = pool.mapAsync(Function::named(QStringLiteral("sleep")), QCborArray { 60000.0, 60000.0, 60000.0 }, 1);
    QTRY_VERIFY(r.running());
    pool.terminate();
    QVERIFY(r.done());
    QVERIFY_THROWS_EXCEPTION(TaskError, r.get());
    QVERIFY(!test::anyAlive(pids));
    QVERIFY_THROWS_EXCEPTION(PoolError, pool.applyAsync(Function::named(QStringLiteral("noop")), 1));
}

void TestPool::killedWorkerLosesOnlyItsTask()
{
    Context context;
    Pool pool(&context, { 2 });
    QVERIFY(pool.waitReady(10000));
    QSignalSpy failed(&pool, &Pool::workerFailed);
    const qint64 victim = pool.workers().first().pid;
    QList<AsyncResult> r;
    for (int i = 0; i < 6; ++i)
        r << pool.applyAsync(Function::named(QStringLiteral("sleep")), 500.0);
    QTRY_VERIFY(r[0].running());
    ::kill(pid_t(victim), SIGKILL);
    int lost = 0;
    for (auto& x : r) {
        try {
            QCOMPARE(x.get().toDouble(), 500.0);
        } catch (const TaskError& e) {
            ++lost;
            QCOMPARE(e.failure().type, QStringLiteral("WorkerLostError"));
            QCOMPARE(e.failure().pid, victim);
            QVERIFY2(e.failure().message.contains(QStringLiteral("SIGKILL")), qPrintable(e.failure().message));
        }
    }
    QCOMPARE(lost, 1); // only the task it was running; what it had queued went to others
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(pool.workers().size(), 3); // replaced
    QCOMPARE(pool.map(Function::expr(QStringLiteral("x")), range(5)), range(5));
}

void TestPool::closedPoolRefusesWork()
{
    Context context;
    Pool pool(&context, { 1 });
    pool.close();
    QVERIFY_THROWS_EXCEPTION(PoolError, pool.map(Function::expr(QStringLiteral("x")), range(3)));
    pool.join();
    Pool running(&context, { 1 });
    QVERIFY_THROWS_EXCEPTION(PoolError, running.join()); // close() first, as in Python
}

void TestPool::eventsTellTheStory()
{
    Context context;
    {
        Pool pool(&context, { 2 });
        pool.map(Function::expr(QStringLiteral("x")), range(20), 1);
        pool.close();
        pool.join();
    }
    const EventBatch events = context.events().snapshot();
    QVERIFY(std::is_sorted(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; }));
    QMap<EventKind, int> count;
    for (const auto& e : events)
        ++count[e.kind];
    QCOMPARE(count.value(EventKind::ProcessSpawn), 2);
    QCOMPARE(count.value(EventKind::ProcessReady), 2);
    QCOMPARE(count.value(EventKind::ProcessExit), 2);
    for (EventKind k : { EventKind::TaskSubmit, EventKind::TaskDispatch, EventKind::TaskStart, EventKind::TaskEnd,
             EventKind::TaskResult })
        QCOMPARE(count.value(k), 20);
    // Each task started after it was dispatched and ended after it started, in the worker's own clock.
    QMap<qint64, qint64> dispatched, started;
    for (const auto& e : events) {
        if (e.kind == EventKind::TaskDispatch)
            dispatched[e.task] = e.tNs;
        if (e.kind == EventKind::TaskStart) {
            QVERIFY(e.tNs >= dispatched.value(e.task, LLONG_MAX));
            QVERIFY(e.pid > 0);
            started[e.task] = e.tNs;
        }
        if (e.kind == EventKind::TaskEnd)
            QVERIFY(e.tNs >= started.value(e.task, LLONG_MAX));
    }
}

void TestPool::mapStreamHandsOverInOrder_data()
{
    QTest::addColumn<Scheduling>("scheduling");
    QTest::addColumn<int>("chunksize");
    for (Scheduling s : { Scheduling::Dynamic, Scheduling::Static })
        for (int c : { 1, 7, 0 })
            QTest::addRow("%s/c%d", qPrintable(toString(s)), c) << s << c;
}

// A map over a TaskStream: every result once, in input order, equal to the serial loop's; the inputs are made no
// further ahead of the results handed over than TaskStream::aheadTasks allows (what bounds its memory).
void TestPool::mapStreamHandsOverInOrder()
{
    QFETCH(Scheduling, scheduling);
    QFETCH(int, chunksize);
    constexpr qsizetype Count = 20000;
    Context context;
    Pool pool(&context, { 2, scheduling });
    const QCborArray expected = serial(QStringLiteral("x*x-2*x"), range(Count));
    const int used = chunksize > 0 ? chunksize : TaskStream::autoChunksize(Count, 2);
    const qsizetype ahead = TaskStream::aheadTasks(2, used);
    // Both callbacks run on the engine's I/O thread, one at a time.
    qsizetype delivered = 0;
    qsizetype made = 0;
    qsizetype mostAhead = 0;
    QStringList wrong;
    TaskStream tasks;
    tasks.count = Count;
    tasks.inputs = [&](qsizetype first, qsizetype n) {
        made += n;
        mostAhead = std::max(mostAhead, first + n - delivered);
        QCborArray in;
        for (qsizetype i = first; i < first + n; ++i)
            in.append(i);
        return in;
    };
    tasks.results = [&](qsizetype first, const QCborArray& results) {
        if (first != delivered)
            wrong << QStringLiteral("piece at %1, expected %2").arg(first).arg(delivered);
        for (qsizetype k = 0; k < results.size(); ++k)
            if (!(results.at(k) == expected.at(first + k)))
                wrong << QStringLiteral("task %1").arg(first + k);
        delivered = first + results.size();
    };
    const AsyncResult r = pool.mapStream(Function::expr(QStringLiteral("x*x-2*x")), tasks, chunksize);
    QVERIFY(r.wait(120000));
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.mid(0, 5).join(QStringLiteral("; "))));
    QCOMPARE(delivered, Count);
    QCOMPARE(made, Count); // each input made once
    QVERIFY(r.failures().empty());
    QVERIFY(r.get().isNull()); // the results went to the consumer
    QVERIFY2(mostAhead <= ahead + used,
        qPrintable(QStringLiteral("inputs ran %1 tasks ahead of the results (bound %2)").arg(mostAhead).arg(ahead)));
    pool.close();
    pool.join();
    // Recorded (the default), the run reads as a map's: every task submitted, run, received and handed over.
    QMap<EventKind, int> count;
    for (const auto& e : context.events().snapshot())
        ++count[e.kind];
    for (EventKind k : { EventKind::TaskSubmit, EventKind::TaskDispatch, EventKind::TaskStart, EventKind::TaskEnd,
             EventKind::TaskResult, EventKind::TaskDeliver })
        QCOMPARE(count.value(k), int(Count));
}

void TestPool::mapStreamFailedTaskIsNull()
{
    Context context;
    Pool pool(&context, { 2 });
    const Function f = Function::named(QStringLiteral("raise"),
        { { QStringLiteral("type"), QStringLiteral("ValueError") },
            { QStringLiteral("message"), QStringLiteral("three is bad") },
            { QStringLiteral("values"), QCborArray { 3 } } });
    QCborArray got;
    TaskStream tasks;
    tasks.count = 10;
    tasks.inputs = [](qsizetype first, qsizetype n) {
        QCborArray in;
        for (qsizetype i = first; i < first + n; ++i)
            in.append(i);
        return in;
    };
    tasks.results = [&](qsizetype, const QCborArray& results) { // I/O thread, one call at a time
        for (const auto& v : results)
            got.append(v);
    };
    const AsyncResult r = pool.mapStream(f, tasks, 2);
    QVERIFY(r.wait(60000));
    QCOMPARE(got.size(), qsizetype(10));
    for (qint64 i = 0; i < 10; ++i)
        QCOMPARE(got.at(i), i == 3 ? QCborValue() : QCborValue(i));
    const auto failures = r.failures();
    QCOMPARE(failures.size(), size_t(1));
    QCOMPARE(failures.begin()->first, qsizetype(3));
    QCOMPARE(failures.begin()->second.type, QStringLiteral("ValueError"));
    QVERIFY_THROWS_EXCEPTION(TaskError, r.get());
}

// With recording off and nobody listening (proclab-cli run without --trace/--save), the pool makes no events and
// the log holds none, even before the I/O thread's next flush; a listener gets them again.
void TestPool::unreadEventsAreNotKept()
{
    Context context;
    context.events().setRecording(false);
    {
        Pool pool(&context, { 2 });
        pool.map(Function::expr(QStringLiteral("x")), range(2000), 1);
        QCOMPARE(context.events().size(), qsizetype(0));
        QVERIFY(!context.events().wanted());

        QObject listener;
        int heard = 0; // written on the I/O thread, read here after a drain on it
        connect(
            &context, &Context::eventsAvailable, &listener,
            [&heard](const EventBatch& batch) { heard += int(batch.size()); }, Qt::DirectConnection);
        QVERIFY(context.events().wanted());
        pool.map(Function::expr(QStringLiteral("x")), range(100), 1);
        context.loop()->postAndWait([&] { context.publishEvents(true); });
        QVERIFY2(heard >= 500, qPrintable(QStringLiteral("%1 events heard").arg(heard))); // 5 per task at least
        disconnect(&context, &Context::eventsAvailable, &listener, nullptr);
        // The next flush (at frame rate) sees that nobody listens any more (disconnectNotify cannot ask Qt).
        context.loop()->postAndWait([&] { context.publishEvents(); });
        QVERIFY(!context.events().wanted());
        pool.close();
        pool.join();
    }
    context.loop()->postAndWait([&] { context.publishEvents(true); });
    QCOMPARE(context.events().size(), qsizetype(0));
}

void TestPool::cleanupTestCase()
{
    PROCLAB_VERIFY_NOTHING_LEFT();
}

QTEST_GUILESS_MAIN(TestPool)
#include "tst_pool.moc"
