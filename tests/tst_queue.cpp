#include "mp/queue.h"

#include "base/handle.h"
#include "base/platform.h"
#include "base/sharedmemory.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "engine/process.h"
#include "testutil.h"

#include <QCborArray>
#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <csignal>
#include <functional>
#include <memory>
#include <sys/stat.h>
#include <vector>

using namespace proclab;

namespace {

using Processes = std::vector<std::unique_ptr<Process>>;

Function kernel(const char* name)
{
    return Function::named(QString::fromLatin1(name));
}

// Our objects in /dev/shm: /proclab-<this test's pid>-*.
QString typeOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const TaskException& e) {
        return e.type();
    }
    return QStringLiteral("no exception");
}

bool sawEvent(Context& context, EventKind kind, qint64 pid)
{
    for (const Event& e : context.events().snapshot())
        if (e.kind == kind && e.pid == pid)
            return true;
    return false;
}

} // namespace

class TestQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup();

    void putGetInOneProcess();
    void timeoutsAndNonBlocking();
    void closedHandleRaisesValueError();
    void ringWrapsAndBytesBound();
    void drainedQueueReusesItsFirstPages();
    void emitsEventsWithQsize();
    void childToParent_data();
    void childToParent();
    void childMakesEventsFromWhenTheyAreWanted_data();
    void childMakesEventsFromWhenTheyAreWanted();
    void timeoutsInAChild_data();
    void timeoutsInAChild();
    void boundedPutBlocksUntilAGet();
    void manyProducersManyConsumers_data();
    void manyProducersManyConsumers();
    void putThatReturnedSurvivesTheExit();
    void poolWorkersShareAQueue();
    void producerKilledMidRun_data();
    void producerKilledMidRun();
    void killedHoldingTheLock_data();
    void killedHoldingTheLock();
    void sleepingGetterSurvivesAHolderKilledBeforeWaking();
    void objectOfAKilledCreatorIsRemovedByTheNextEngine();
};

void TestQueue::cleanup()
{
    PROCLAB_VERIFY_NOTHING_LEFT();
}

void TestQueue::putGetInOneProcess()
{
    Context context;
    Queue q(&context);
    QVERIFY(q.empty());
    QVERIFY(!q.full());
    QCOMPARE(q.maxsize(), 0);
    const QCborArray items { 42, QCborValue(QCborValue::Null), QStringLiteral("hello"), 2.5, QByteArray("\0bytes", 6),
        QCborArray { 1, QCborArray { 2, 3 } }, QCborMap { { QStringLiteral("k"), true } }, QString(10000, u'x') };
    for (const QCborValue& v : items)
        q.put(v);
    QCOMPARE(q.qsize(), items.size());
    for (const QCborValue& v : items)
        QCOMPARE(q.get(), v); // FIFO, values intact
    QVERIFY(q.empty());

    Queue bounded(&context, 2);
    QCOMPARE(bounded.maxsize(), 2);
    bounded.put(1);
    bounded.putNowait(2);
    QVERIFY(bounded.full());
    QCOMPARE(typeOf([&] { bounded.putNowait(3); }), QStringLiteral("queue.Full"));
    QCOMPARE(bounded.getNowait(), QCborValue(1));
    bounded.put(3);
    QCOMPARE(bounded.get(), QCborValue(2));
    QCOMPARE(bounded.get(), QCborValue(3));
    QCOMPARE(typeOf([&] { bounded.getNowait(); }), QStringLiteral("queue.Empty"));
}

void TestQueue::timeoutsAndNonBlocking()
{
    Context context;
    Queue q(&context, 1);
    QElapsedTimer t;
    t.start();
    QCOMPARE(typeOf([&] { q.get(true, 150); }), QStringLiteral("queue.Empty"));
    QVERIFY2(t.elapsed() >= 150, "get(timeout) waits the whole timeout before raising Empty");
    q.put(QStringLiteral("only"));
    t.restart();
    QCOMPARE(typeOf([&] { q.put(QStringLiteral("more"), true, 150); }), QStringLiteral("queue.Full"));
    QVERIFY2(t.elapsed() >= 150, "put(timeout) waits the whole timeout before raising Full");
    // Without block (and no timeout), it fails at once: waiting for room would never end here.
    QCOMPARE(typeOf([&] { q.put(QStringLiteral("more"), false); }), QStringLiteral("queue.Full"));
    QCOMPARE(q.get(true, 0), QCborValue(QStringLiteral("only"))); // a zero timeout still takes what is there
}

void TestQueue::closedHandleRaisesValueError()
{
    Context context;
    Queue q(&context);
    q.put(1);
    Queue other = Queue::attach(q.handle());
    q.close();
    QVERIFY(q.isClosed());
    QCOMPARE(typeOf([&] { q.put(2); }), QStringLiteral("ValueError"));
    QCOMPARE(typeOf([&] { q.get(); }), QStringLiteral("ValueError"));
    // close() is about this handle: the queue lives on for the others, as in Python.
    QCOMPARE(other.get(), QCborValue(1));
    other.put(3);
    QCOMPARE(other.get(), QCborValue(3));
}

void TestQueue::ringWrapsAndBytesBound()
{
    Context context;
    Queue q(&context, 0, 4096); // the smallest ring: items wrap around it many times
    QCOMPARE(q.capacityBytes(), qsizetype(4096));
    QCOMPARE(typeOf([&] { q.put(QByteArray(5000, 'x')); }), QStringLiteral("ValueError"));

    // Keep a varying number of variable-sized items in flight, over many laps.
    int nextPut = 0;
    int nextGet = 0;
    const auto item = [](int i) { return QCborArray { i, QByteArray(i * 37 % 700, char('a' + i % 26)) }; };
    for (int round = 0; round < 2000; ++round) {
        for (int k = 0; k < round % 4 + 1; ++k) {
            try {
                q.put(item(nextPut), false);
                ++nextPut;
            } catch (const QueueFull&) {
                break; // the bytes ran out: an unbounded queue is bounded by its capacity
            }
        }
        for (int k = 0; k < round % 3 + 1 && nextGet < nextPut; ++k)
            QCOMPARE(q.get(false), QCborValue(item(nextGet++)));
        QCOMPARE(q.qsize(), nextPut - nextGet);
    }
    while (nextGet < nextPut)
        QCOMPARE(q.get(false), QCborValue(item(nextGet++)));
    QVERIFY(nextPut > 2000);

    // Full by bytes: the 4096-byte ring takes only so many 1000-byte items.
    int fitted = 0;
    try {
        for (;; ++fitted)
            q.put(QByteArray(1000, 'y'), false);
    } catch (const QueueFull&) {
    }
    QVERIFY2(fitted >= 3 && fitted <= 4, qPrintable(QString::number(fitted)));
    QVERIFY(!q.full()); // full() speaks of maxsize, as in Python
}

void TestQueue::drainedQueueReusesItsFirstPages()
{
    // A 64 MiB queue that is drained now and then goes back to the start of its ring: of its sparse shared memory,
    // only the first pages ever get memory. 8 MiB go through it, one item at a time.
    Context context;
    Queue q(&context);
    const QByteArray chunk(1000, 'z');
    for (int i = 0; i < 8 * 1024; ++i) {
        q.put(chunk);
        QCOMPARE(q.get(false).toByteArray().size(), chunk.size());
    }
    const QString name = handleFields(q.handle()).value(QStringLiteral("name")).toString();
    struct stat st { };
    QCOMPARE(::stat(qPrintable(QStringLiteral("/dev/shm") + name), &st), 0);
    QCOMPARE(st.st_size, qint64(4096 + Queue::DefaultCapacityBytes));
    const qint64 touched = qint64(st.st_blocks) * 512;
    QVERIFY2(touched <= 1024 * 1024, qPrintable(QStringLiteral("%1 bytes have memory").arg(touched)));
}

void TestQueue::emitsEventsWithQsize()
{
    Context context;
    Queue q(&context);
    q.put(1);
    q.put(2);
    q.get();
    std::vector<std::pair<EventKind, qint64>> seen;
    for (const Event& e : context.events().snapshot())
        if (e.object == q.id())
            seen.emplace_back(e.kind, e.value);
    const std::vector<std::pair<EventKind, qint64>> expected { { EventKind::ObjectCreate, int(ObjectType::Queue) },
        { EventKind::QueuePut, 1 }, { EventKind::QueuePut, 2 }, { EventKind::QueueGet, 1 } };
    QVERIFY(seen == expected);
}

void TestQueue::childToParent_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestQueue::childToParent()
{
    QFETCH(StartMethod, method);
    Context context(method);
    Queue q(&context);
    const QCborValue item = QCborArray { 42, QCborValue(QCborValue::Null), QStringLiteral("hello") };
    Process p(&context, kernel("queue.put"), QCborArray { q.handle(), item, QStringLiteral("second") });
    p.start();
    QCOMPARE(q.get(true, 10000), item);
    QCOMPARE(q.get(true, 10000), QCborValue(QStringLiteral("second")));
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    // Events from the child: its puts, stamped with its pid.
    QTRY_VERIFY(sawEvent(context, EventKind::QueuePut, p.pid()));
}

void TestQueue::childMakesEventsFromWhenTheyAreWanted_data()
{
    childToParent_data();
}

// A worker started while nobody reads events makes none (the engine's events page says 0); once a recording starts,
// the page says 1 and the same running worker's events come.
void TestQueue::childMakesEventsFromWhenTheyAreWanted()
{
    QFETCH(StartMethod, method);
    Context context(method);
    context.events().setRecording(false);
    Queue in(&context);
    Queue out(&context);
    Process p(&context, kernel("queue.test.forward"), QCborArray { in.handle(), out.handle(), 2 });
    p.start();
    in.put(QStringLiteral("unseen"));
    QCOMPARE(out.get(true, 10000), QCborValue(QStringLiteral("unseen")));
    QVERIFY(!sawEvent(context, EventKind::QueuePut, p.pid()));
    context.events().setRecording(true);
    in.put(QStringLiteral("seen"));
    QCOMPARE(out.get(true, 10000), QCborValue(QStringLiteral("seen")));
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    // The second put's event, at least. The first one's too if the worker, having published "unseen", was
    // descheduled before it looked at the page, and looked after the recording had started: both are right.
    int puts = 0;
    for (const Event& e : context.events().snapshot())
        puts += e.kind == EventKind::QueuePut && e.pid == p.pid() && e.object == out.id();
    QVERIFY2(puts >= 1 && puts <= 2, qPrintable(QString::number(puts)));
}

void TestQueue::timeoutsInAChild_data()
{
    QTest::addColumn<QString>("op");
    QTest::addColumn<int>("maxsize");
    QTest::addColumn<bool>("block");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("outcome");
    QTest::newRow("get-timeout") << QStringLiteral("get") << 0 << true << 200 << QStringLiteral("queue.Empty");
    QTest::newRow("get-nowait") << QStringLiteral("get") << 0 << false << -1 << QStringLiteral("queue.Empty");
    QTest::newRow("put-timeout") << QStringLiteral("put") << 1 << true << 200 << QStringLiteral("queue.Full");
    QTest::newRow("put-nowait") << QStringLiteral("put") << 1 << false << -1 << QStringLiteral("queue.Full");
}

void TestQueue::timeoutsInAChild()
{
    QFETCH(QString, op);
    QFETCH(int, maxsize);
    QFETCH(bool, block);
    QFETCH(int, timeoutMs);
    QFETCH(QString, outcome);
    Context context;
    Queue q(&context, maxsize);
    Queue out(&context);
    if (maxsize > 0)
        q.put(QStringLiteral("filler")); // full
    Process p(&context, kernel("queue.test.timed"), QCborArray { q.handle(), out.handle(), op, block, timeoutMs });
    p.start();
    const QCborArray report = out.get(true, 10000).toArray();
    QCOMPARE(report.at(0).toString(), outcome);
    // Without block the child raised at once (with no timeout it would otherwise wait forever, and we would
    // not have the report).
    if (block)
        QVERIFY2(report.at(1).toDouble() >= timeoutMs, "raised only once the timeout had passed");
    QVERIFY(p.join(10000));
}

void TestQueue::boundedPutBlocksUntilAGet()
{
    Context context;
    Queue q(&context, 2);
    q.put(QStringLiteral("a"));
    q.put(QStringLiteral("b"));
    Process p(&context, kernel("queue.put"), QCborArray { q.handle(), QStringLiteral("c") });
    p.start();
    // The child announces that it waits for room (and is still there: its put cannot return).
    QTRY_VERIFY_WITH_TIMEOUT(sawEvent(context, EventKind::QueuePutWait, p.pid()), 10000);
    QVERIFY(p.isAlive());
    QCOMPARE(q.qsize(), 2);
    QCOMPARE(q.get(), QCborValue(QStringLiteral("a"))); // room for one: the child's put goes through
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    QCOMPARE(q.get(false), QCborValue(QStringLiteral("b")));
    QCOMPARE(q.get(false), QCborValue(QStringLiteral("c")));
}

void TestQueue::manyProducersManyConsumers_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::addColumn<int>("maxsize");
    QTest::newRow("unbounded") << StartMethod::Spawn << 0;
    QTest::newRow("bounded-8") << StartMethod::Spawn << 8;
    QTest::newRow("forkserver-bounded-64") << StartMethod::ForkServer << 64;
}

void TestQueue::manyProducersManyConsumers()
{
    QFETCH(StartMethod, method);
    QFETCH(int, maxsize);
    constexpr int Producers = 4;
    constexpr int PerProducer = 5000;
    constexpr int Consumers = 3;
    Context context(method);
    Queue q(&context, maxsize);
    Queue out(&context);
    Processes producers;
    Processes consumers;
    for (int i = 0; i < Consumers; ++i)
        consumers.push_back(std::make_unique<Process>(
            &context, kernel("queue.test.consumer"), QCborArray { q.handle(), out.handle() }));
    for (int i = 0; i < Producers; ++i)
        producers.push_back(std::make_unique<Process>(
            &context, kernel("queue.test.producer"), QCborArray { q.handle(), i, PerProducer }));
    for (const auto& p : consumers)
        p->start();
    for (const auto& p : producers)
        p->start();
    for (const auto& p : producers) {
        QVERIFY(p->join(60000));
        QCOMPARE(p->exitCode().value_or(-999), 0);
    }
    for (int i = 0; i < Consumers; ++i)
        q.put(QCborValue(QCborValue::Null)); // one sentinel each

    std::vector<int> received(Producers * PerProducer, 0);
    QSet<qint64> consumerPids;
    for (int c = 0; c < Consumers; ++c) {
        const QCborArray report = out.get(true, 60000).toArray();
        consumerPids.insert(report.at(0).toInteger());
        std::vector<qint64> lastOf(Producers, -1);
        for (const QCborValue& item : report.at(1).toArray()) {
            const qint64 producer = item.toArray().at(0).toInteger();
            const qint64 i = item.toArray().at(1).toInteger();
            QVERIFY(producer >= 0 && producer < Producers && i >= 0 && i < PerProducer);
            ++received[size_t(producer * PerProducer + i)];
            // FIFO: what one producer put, any one consumer sees in the same order.
            QVERIFY2(i > lastOf[size_t(producer)], "items of one producer arrive in order");
            lastOf[size_t(producer)] = i;
        }
    }
    for (const auto& p : consumers) {
        QVERIFY(p->join(60000));
        QCOMPARE(p->exitCode().value_or(-999), 0);
    }
    QCOMPARE(consumerPids.size(), Consumers);
    for (size_t k = 0; k < received.size(); ++k)
        QVERIFY2(received[k] == 1,
            qPrintable(QStringLiteral("item %1 of producer %2 received %3 times")
                           .arg(k % PerProducer)
                           .arg(k / PerProducer)
                           .arg(received[k])));
    QVERIFY(q.empty());
    QVERIFY(out.empty());
}

void TestQueue::putThatReturnedSurvivesTheExit()
{
    // A child puts and exits at once; the parent joins it first and only then reads. (In Python the feeder
    // thread makes this a classic deadlock for large items.)
    Context context;
    Queue q(&context);
    Process p(&context, kernel("queue.test.producer"), QCborArray { q.handle(), 7, 1000 });
    p.start();
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    QCOMPARE(q.qsize(), 1000);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(q.get(false), QCborValue(QCborArray { 7, i }));
}

void TestQueue::poolWorkersShareAQueue()
{
    // A handle names the queue, it does not carry a descriptor: Pool tasks can use it too (Python refuses).
    Context context;
    Queue q(&context);
    Pool pool(&context, { 2 });
    QCborArray inputs;
    for (int i = 0; i < 8; ++i)
        inputs.append(QCborArray { q.handle(), i });
    QCOMPARE(pool.map(kernel("queue.put"), inputs, 1), QCborArray({ 1, 1, 1, 1, 1, 1, 1, 1 }));
    QSet<qint64> got;
    for (int i = 0; i < 8; ++i)
        got.insert(q.get(false).toInteger());
    QCOMPARE(got, QSet<qint64>({ 0, 1, 2, 3, 4, 5, 6, 7 }));
}

void TestQueue::producerKilledMidRun_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestQueue::producerKilledMidRun()
{
    QFETCH(StartMethod, method);
    Context context(method);
    Queue q(&context);
    Process p(&context, kernel("queue.test.producer"), QCborArray { q.handle(), 0, -1 }); // puts forever
    p.start();
    qint64 expected = 0;
    for (; expected < 2000; ++expected) // it is in full flow
        QCOMPARE(q.get(true, 10000).toArray().at(1).toInteger(), expected);
    QTRY_VERIFY(q.qsize() > 0); // it is ahead of us: something it put is still unread
    p.kill(); // possibly in the middle of a put, holding the lock
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(0), -SIGKILL);
    // Everything it put is there, in order, nothing twice, nothing half.
    try {
        for (;; ++expected)
            QCOMPARE(q.get(false).toArray().at(1).toInteger(), expected);
    } catch (const QueueEmpty&) {
    }
    QVERIFY(expected > 2000);
    QCOMPARE(q.qsize(), 0);
    q.put(QStringLiteral("still works"));
    QCOMPARE(q.get(true, 1000), QCborValue(QStringLiteral("still works")));
}

void TestQueue::killedHoldingTheLock_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QCborArray>("expected"); // what the queue holds afterwards, before the 4 put after the kill
    const QCborArray three { 1, 2, 3 };
    // The putters' end.
    QTest::newRow("lock") << QStringLiteral("lock") << three;
    QTest::newRow("half-put") << QStringLiteral("half-put") << three;
    QTest::newRow("counted-put") << QStringLiteral("counted-put") << three; // the count is one ahead until repaired
    QTest::newRow("published-put") << QStringLiteral("published-put")
                                   << QCborArray { 1, 2, 3, QStringLiteral("from the dead") };
    // The getters' end: the dead getter never returned the item it was taking, so it is still there.
    QTest::newRow("get-lock") << QStringLiteral("get-lock") << three;
    QTest::newRow("counted-get") << QStringLiteral("counted-get") << three;
}

void TestQueue::killedHoldingTheLock()
{
    QFETCH(QString, mode);
    QFETCH(QCborArray, expected);
    Context context;
    Queue q(&context);
    q.put(1);
    q.put(2);
    q.put(3);
    Process holder(&context, kernel("queue.test.stall"), QCborArray { q.handle(), mode });
    holder.start();
    QTRY_COMPARE_WITH_TIMEOUT(q.lockHolder(), holder.pid(), 10000);
    holder.kill();
    QVERIFY(holder.join(10000));
    QCOMPARE(holder.exitCode().value_or(0), -SIGKILL);

    // The next putter and the next getter each get their end's lock (OwnerDied), repair, and go on: no deadlock,
    // a consistent queue.
    q.put(4);
    expected.append(4);
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(q.get(true, 5000), expected.at(i));
        QCOMPARE(q.qsize(), expected.size() - 1 - i);
    }
    QCOMPARE(q.qsize(), 0);
    QCOMPARE(typeOf([&] { q.get(false); }), QStringLiteral("queue.Empty"));
    QCOMPARE(q.lockHolder(), qint64(0));
    q.put(5);
    QCOMPARE(q.qsize(), 1);
    QCOMPARE(q.get(true, 1000), QCborValue(5));
}

void TestQueue::sleepingGetterSurvivesAHolderKilledBeforeWaking()
{
    // A getter sleeps on the empty queue; another process publishes an item and is killed before it can wake
    // anyone or unlock. Nobody else touches the queue: the getter must find the item by itself.
    Context context;
    Queue q(&context);
    Queue out(&context);
    Process getter(&context, kernel("queue.test.forward"), QCborArray { q.handle(), out.handle(), 1 });
    getter.start();
    QTRY_VERIFY_WITH_TIMEOUT(sawEvent(context, EventKind::QueueGetWait, getter.pid()), 10000);
    Process holder(&context, kernel("queue.test.stall"), QCborArray { q.handle(), QStringLiteral("published-put") });
    holder.start();
    QTRY_COMPARE_WITH_TIMEOUT(q.lockHolder(), holder.pid(), 10000);
    holder.kill();
    QVERIFY(holder.join(10000));
    // Generous: once, with two test suites and two busy loops on two cores, 10 s was not enough (QueueEmpty).
    QCOMPARE(out.get(true, test::scaledTimeout(60000)), QCborValue(QStringLiteral("from the dead")));
    QVERIFY(getter.join(test::scaledTimeout(60000)));
    QCOMPARE(getter.exitCode().value_or(-999), 0);
    QCOMPARE(q.qsize(), 0);
}

void TestQueue::objectOfAKilledCreatorIsRemovedByTheNextEngine()
{
    // A queue made inside a worker belongs to the worker (its pid is in the name). If the worker is killed,
    // the object stays until an engine notices that its creator is dead.
    Context context;
    Queue out(&context);
    Process creator(&context, kernel("queue.test.makeAndStall"), QCborArray { out.handle() });
    creator.start();
    const QString name = out.get(true, 10000).toString();
    qint64 creatorPid = 0;
    quint64 creatorStart = 0;
    QVERIFY(sharedMemoryCreator(name, &creatorPid, &creatorStart));
    QCOMPARE(creatorPid, qint64(creator.pid()));
    QVERIFY(proclabSharedMemoryObjects().contains(name.mid(1)));
    // Its queue works from here too.
    Queue theirs = Queue::attach(out.get(true, 10000));
    QCOMPARE(theirs.get(true, 1000), QCborValue(QStringLiteral("made in a worker")));
    creator.kill();
    QVERIFY(creator.join(10000));
    // Every engine on the machine sweeps what dead processes left, so an engine of a suite running beside this one
    // (CI runs two at a time) may remove the object before ours does: once, between this join and the next line.
    // Either way the object must be gone once our next engine is up, and our own mapping must stay valid.
    const int sweptBefore = staleSharedMemoryRemoved();
    {
        Context next; // cleans up after dead engines and workers
        QVERIFY2(!proclabSharedMemoryObjects().contains(name.mid(1)), "the dead creator's object is gone");
    }
    bool sweptByUs = false;
    for (int i = sweptBefore; i < staleSharedMemoryRemoved(); ++i)
        sweptByUs = sweptByUs || staleSharedMemoryCreator(i) == creatorPid;
    if (!sweptByUs)
        qInfo("another engine on this machine removed the dead creator's object before ours");
    test::expectSweeps(); // that repair was the point
    theirs.put(QStringLiteral("the mapping stays valid")); // unlinked, not unmapped
    QCOMPARE(theirs.get(), QCborValue(QStringLiteral("the mapping stays valid")));
}

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
