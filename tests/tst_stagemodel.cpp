#include "session/stagemodel.h"

#include "recordedevents.h"

#include "mp/connection.h"
#include "mp/queue.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"
#include "mpi/mpiprotocol.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <optional>
#include <thread>

using namespace proclab;
using namespace proclab::test;

class TestStageModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deadlockIsACycleOfWaits();
    void arrayCellsCarryValues();
    void poolRunStatesAndCounts();
    void chunksGroupCards();
    void cardsTravelBetweenEventTimes();
    void queueDepthAndBlockedProcesses();
    void lockHolderAndLineOfWaiters();
    void sharedCellsPipesSyncsManager();
    void batchingDoesNotChangeThePicture();
    void memoryStaysBounded();
    void realPoolMap();
    void objectsAppearWhenCreated();
    void deliveryOrderOfMapImapUnordered();
    void waitsThatEndWithoutAnItemEnd();
    void samplesShowCpuAndMemoryOnTheirBox();
    void mpiRanksHostsMessagesAndWaits();
    void mpiBlockingSendsWaitAndCountBytes();
    void rankNamesParse();
};

namespace {
StageModel* fed(StageModel* m, const EventBatch& events)
{
    m->setEnginePid(EnginePid);
    m->apply(events);
    return m;
}

// What the stage shows, as text: equal text, equal picture.
QString picture(const StageModel& m)
{
    QStringList out;
    for (const StageProcess& p : m.processes()) {
        out << QStringLiteral("%1 %2 %3 %4 %5").arg(p.pid).arg(p.name, p.stateText()).arg(p.tasksDone).arg(p.sinceNs);
        for (const ChunkCard& c : m.chunksAt(p.pid))
            out << QStringLiteral(" chunk %1 %2x%3 %4/%5")
                       .arg(c.chunk)
                       .arg(c.firstTask)
                       .arg(c.count)
                       .arg(c.started)
                       .arg(c.done);
    }
    out << QStringLiteral("queued %1 results %2").arg(m.queuedCount()).arg(m.resultsReceived());
    for (const Flight& f : m.flights())
        out << QStringLiteral("flight %1 %2->%3 %4 %5 %6")
                   .arg(int(f.kind))
                   .arg(f.fromPid)
                   .arg(f.toPid)
                   .arg(f.object)
                   .arg(f.count)
                   .arg(f.progress);
    for (const StageLock& l : m.locks())
        out << QStringLiteral("lock %1 %2 %3").arg(l.id).arg(l.holders.size()).arg(l.waiters.size());
    for (const StageQueue& q : m.queues())
        out << QStringLiteral("queue %1 %2 %3 %4")
                   .arg(q.id)
                   .arg(q.size)
                   .arg(q.blockedGetters.size())
                   .arg(q.blockedPutters.size());
    return out.join(QLatin1Char('\n'));
}
} // namespace

void TestStageModel::poolRunStatesAndCounts()
{
    StageModel m;
    m.setEnginePid(EnginePid);
    const EventBatch all = poolRun();
    // Up to t=45: W1 runs task 0, W2 task 2; tasks 4 and 5 still wait in the queue.
    EventBatch upTo45;
    for (const Event& e : all)
        if (e.tNs <= 45)
            upTo45.push_back(e);
    m.apply(upTo45);
    QCOMPARE(m.processes().size(), 3);
    QCOMPARE(m.processes().first().pid, EnginePid);
    QVERIFY(m.processes().first().isParent);
    QCOMPARE(m.workers().size(), 2);
    QCOMPARE(m.workers().at(0).pid, W1);
    QCOMPARE(m.workers().at(1).pid, W2);
    QCOMPARE(m.process(W1)->activity(), Activity::Running);
    QCOMPARE(m.process(W1)->stateText(), QStringLiteral("running task 0"));
    QCOMPARE(m.process(W2)->state.task, 2);
    QCOMPARE(m.tasksSubmitted(), 6);
    QCOMPARE(m.queuedCount(), 2);
    QCOMPARE(m.queuedTasks(10), (QList<qint64> { 4, 5 }));

    EventBatch rest(all.begin() + qsizetype(upTo45.size()), all.end());
    m.apply(rest);
    QCOMPARE(m.process(W1)->tasksDone, 2);
    QCOMPARE(m.process(W2)->tasksDone, 2);
    QCOMPARE(m.resultsReceived(), 4);
    QCOMPARE(m.queuedCount(), 0);
    const QList<ResultCard> results = m.recentResults();
    QCOMPARE(results.size(), 4);
    QCOMPARE(results.at(0).task, 0);
    QCOMPARE(results.at(0).workerPid, W1);
    QCOMPARE(results.at(3).task, 3);
    QCOMPARE(results.at(3).workerPid, W2);
    QCOMPARE(m.process(W1)->activity(), Activity::Exited);
    QCOMPARE(m.process(W1)->stateText(), QStringLiteral("exited"));
    QCOMPARE(m.process(W2)->activity(), Activity::Crashed);
    QCOMPARE(m.process(W2)->stateText(), QStringLiteral("crashed (SIGKILL)"));
    QCOMPARE(m.process(W2)->sinceNs, 1000);
    QVERIFY2(m.chunksAt(W1).isEmpty(), "an exited worker holds no cards");
}

void TestStageModel::chunksGroupCards()
{
    StageModel m;
    EventBatch all = poolRun();
    EventBatch upTo30;
    for (const Event& e : all)
        if (e.tNs <= 30)
            upTo30.push_back(e);
    fed(&m, upTo30);
    // Tasks dispatched with the same chunk id form one card.
    QCOMPARE(m.chunksAt(W1).size(), 1);
    const ChunkCard c = m.chunksAt(W1).first();
    QCOMPARE(c.chunk, 0);
    QCOMPARE(c.firstTask, 0);
    QCOMPARE(c.count, 2);
    QCOMPARE(c.started, 0);
    QCOMPARE(m.chunksAt(W2).first().firstTask, 2);

    // Half way through task 0 the card shows one started, none done; after task 0 ends, one done.
    m.apply({ ev(40, W1, 0, EventKind::TaskStart, 0, 0) });
    QCOMPARE(m.chunksAt(W1).first().started, 1);
    m.apply({ ev(50, W1, 0, EventKind::TaskEnd, 0, 0) });
    QCOMPARE(m.chunksAt(W1).first().done, 1);
    m.apply({ ev(50, W1, 0, EventKind::TaskStart, 0, 1), ev(60, W1, 0, EventKind::TaskEnd, 0, 1) });
    QVERIFY2(m.chunksAt(W1).isEmpty(), "a chunk whose tasks all ended leaves the worker");
}

void TestStageModel::cardsTravelBetweenEventTimes()
{
    StageModel m;
    m.setMinTravelNs(100);
    EventBatch upTo30;
    for (const Event& e : poolRun())
        if (e.tNs <= 30)
            upTo30.push_back(e);
    fed(&m, upTo30);
    m.setTimeNs(30);
    QList<Flight> f = m.flights();
    QCOMPARE(f.size(), 2); // one card per chunk, not one per task
    QCOMPARE(f.at(0).kind, Flight::Kind::Task);
    QCOMPARE(f.at(0).count, 2);
    QCOMPARE(f.at(0).toPid, W1);
    QCOMPARE(f.at(0).progress, 0.0);
    m.setTimeNs(80);
    f = m.flights();
    QCOMPARE(f.size(), 2);
    QCOMPARE(f.at(0).progress, 0.5);
    // Its start came at t=40, within the minimum travel time: it lands at 130.
    m.apply({ ev(40, W1, 0, EventKind::TaskStart, 0, 0) });
    QCOMPARE(m.flights().first().progress, 0.5);
    m.setTimeNs(129);
    QCOMPARE(m.flights().size(), 2);
    m.setTimeNs(130);
    QVERIFY2(m.flights().isEmpty(), "cards that crossed the stage are no longer in flight");

    // A result travels back from TaskEnd until the parent receives it, for at least the minimum time.
    m.apply({ ev(150, W1, 0, EventKind::TaskEnd, 0, 0) });
    m.setTimeNs(200);
    f = m.flights();
    QCOMPARE(f.size(), 1);
    QCOMPARE(f.at(0).kind, Flight::Kind::Result);
    QCOMPARE(f.at(0).fromPid, W1);
    m.apply({ ev(400, 0, -1, EventKind::TaskResult, 0, 0, 0) });
    m.setTimeNs(275); // arrival known: 125 of 250
    QCOMPARE(m.flights().first().progress, 0.5);
}

void TestStageModel::queueDepthAndBlockedProcesses()
{
    StageModel m;
    const EventBatch all = queueRun();
    fed(&m, { all.at(0) });
    QCOMPARE(m.queues().size(), 1);
    QCOMPARE(m.queues().first().blockedGetters, QList<qint64> { W1 });
    QCOMPARE(m.process(W1)->activity(), Activity::QueueWait);
    QCOMPARE(m.process(W1)->stateText(), QStringLiteral("blocked on queue 5"));

    m.apply({ all.at(1), all.at(2) });
    QVERIFY(m.queues().first().blockedGetters.isEmpty());
    QCOMPARE(m.queues().first().size, 0);
    QCOMPARE(m.process(W1)->activity(), Activity::Idle);

    m.apply({ all.begin() + 3, all.end() });
    const StageQueue q = m.queues().first();
    QCOMPARE(q.size, 2);
    QCOMPARE(q.puts, 3);
    QCOMPARE(q.gets, 1);
    QCOMPARE(q.blockedPutters, QList<qint64> { W2 });
    QCOMPARE(m.process(W2)->activity(), Activity::QueueWait);
}

void TestStageModel::lockHolderAndLineOfWaiters()
{
    StageModel m;
    const EventBatch all = lockRun();
    fed(&m, EventBatch(all.begin(), all.begin() + 3));
    StageLock l = m.locks().first();
    QCOMPARE(l.id, 7);
    QCOMPARE(l.holders, QList<qint64> { W1 });
    QCOMPARE(l.waiters, (QList<qint64> { W2, W3 })); // in the order they arrived
    QCOMPARE(m.process(W3)->stateText(), QStringLiteral("waiting for lock 7"));

    m.apply({ all.at(3), all.at(4) });
    l = m.locks().first();
    QCOMPARE(l.holders, QList<qint64> { W2 });
    QCOMPARE(l.waiters, QList<qint64> { W3 });
    QCOMPARE(m.process(W2)->activity(), Activity::Idle);

    m.apply({ all.at(5) });
    QVERIFY2(m.locks().first().waiters.isEmpty(), "a timed-out waiter leaves the line");
    QCOMPARE(m.process(W3)->activity(), Activity::Idle);
    QCOMPARE(m.locks().first().acquisitions, 2);

    // The holder dies: the lock stays held by the dead process until another takes it over.
    m.apply({ ev(30, W2, -1, EventKind::ProcessExit, -1, -1, -9) });
    QCOMPARE(m.locks().first().holders, QList<qint64> { W2 });
    m.apply({ ev(31, W3, -1, EventKind::Error, 7, -1, W2), ev(31, W3, -1, EventKind::LockAcquire, 7, -1, W3) });
    QCOMPARE(m.locks().first().holders, QList<qint64> { W3 });
}

void TestStageModel::sharedCellsPipesSyncsManager()
{
    using K = EventKind;
    StageModel m;
    m.setMinTravelNs(100);
    fed(&m,
        {
            ev(10, W1, -1, K::SharedWrite, 9, -1, 42),
            ev(11, W2, -1, K::SharedRead, 9, -1, 42),
            ev(12, W1, -1, K::PipeSend, 3, -1, 5),
            ev(13, W1, -1, K::PipeSend, 3, -1, 7),
            ev(14, W2, -1, K::PipeRecv, 3, -1, 5),
            ev(15, W1, -1, K::BarrierArrive, 11, -1, 0),
            ev(16, W3, -1, K::EventWait, 12, -1, 0),
            ev(17, W2, -1, K::EventSet, 12, -1, 0),
            ev(18, W3, -1, K::EventWait, 12, -1, 1),
            ev(19, W2, -1, K::ManagerCall, 13, -1, 30),
        });
    const StageCell c = m.cells().first();
    QCOMPARE(c.value, 42);
    QCOMPARE(c.writes, 1);
    QCOMPARE(c.reads, 1);
    QCOMPARE(c.lastPid, W2);

    const StagePipe p = m.pipes().first();
    QCOMPARE(p.endA, W1);
    QCOMPARE(p.endB, W2);
    QCOMPARE(p.inFlightAtoB, 1);
    QCOMPARE(p.bytes, 12);
    m.setTimeNs(14);
    const QList<Flight> f = m.flights();
    QCOMPARE(f.size(), 2);
    QCOMPARE(f.at(0).toPid, W2); // received
    QCOMPARE(f.at(1).toPid, 0); // still in the pipe

    const QList<StageSync> syncs = m.syncs();
    QCOMPARE(syncs.size(), 2);
    QCOMPARE(syncs.at(0).kind, StageSync::Kind::Barrier);
    QCOMPARE(syncs.at(0).waiters, QList<qint64> { W1 });
    QCOMPARE(syncs.at(1).kind, StageSync::Kind::Event);
    QVERIFY(syncs.at(1).isSet);
    QVERIFY(syncs.at(1).waiters.isEmpty());
    QCOMPARE(m.process(W1)->activity(), Activity::SyncWait); // still at the barrier

    QVERIFY(m.hasManager());
    QCOMPARE(m.manager().calls, 1);
    QCOMPARE(m.manager().recentCalls.first().callerPid, W2);
}

// The window replays a recording in slices of any size: the picture at a time depends only on the events up
// to it and the time.
void TestStageModel::batchingDoesNotChangeThePicture()
{
    EventBatch all = poolRun();
    for (const Event& e : queueRun())
        all.push_back(e);
    for (const Event& e : lockRun())
        all.push_back(e);
    std::stable_sort(all.begin(), all.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; });

    StageModel whole;
    whole.setMinTravelNs(50);
    fed(&whole, all);
    whole.setTimeNs(1000);

    StageModel stepped;
    stepped.setMinTravelNs(50);
    stepped.setEnginePid(EnginePid);
    QSignalSpy changes(&stepped, &StageModel::changed);
    for (const Event& e : all) {
        stepped.apply({ e });
        stepped.setTimeNs(e.tNs);
    }
    stepped.setTimeNs(1000);
    QCOMPARE(picture(stepped), picture(whole));
    QCOMPARE(changes.size(), 2 * int(all.size()) + 1); // once per call, never once per event
}

void TestStageModel::memoryStaysBounded()
{
    StageModel m;
    m.setEnginePid(EnginePid);
    const qint64 n = 100'000;
    EventBatch b;
    for (qint64 t = 0; t < n; ++t)
        b.push_back(ev(t, 0, -1, EventKind::TaskSubmit, -1, t));
    m.apply(b);
    QCOMPARE(m.queuedCount(), n);
    QCOMPARE(m.queuedTasks(3), (QList<qint64> { 0, 1, 2 }));
    b.clear();
    for (qint64 t = 0; t < n; ++t)
        b.push_back(ev(n + t, W1, 0, EventKind::TaskDispatch, qint32(t), t));
    m.apply(b);
    QCOMPARE(m.queuedCount(), 0);
    QCOMPARE(m.chunksAt(W1).size(), StageModel::MaxChunksPerWorker);
    int hidden = 0;
    m.setTimeNs(2 * n);
    QCOMPARE(m.flights(10, &hidden).size(), 10);
    QCOMPARE(10 + hidden, StageModel::MaxFlights);
    QCOMPARE(m.flightsDropped(), n - StageModel::MaxFlights);

    b.clear();
    for (qint64 pid = 1000; pid < 1000 + 2 * StageModel::MaxProcesses; ++pid)
        b.push_back(ev(3 * n, pid, -1, EventKind::ProcessSpawn));
    for (qint32 id = 0; id < 2 * StageModel::MaxObjects; ++id)
        b.push_back(ev(3 * n, W1, -1, EventKind::QueuePut, id, -1, 1));
    m.apply(b);
    QCOMPARE(m.processes().size(), StageModel::MaxProcesses);
    QVERIFY(m.processesNotShown() > 0);
    QCOMPARE(m.queues().size(), StageModel::MaxObjects);
}

void TestStageModel::realPoolMap()
{
    const RealRun run = test::realPoolMap(20, 5);
    QSet<qint64> spawned;
    for (const Event& e : run.events)
        if (e.kind == EventKind::ProcessSpawn)
            spawned.insert(e.pid);
    QCOMPARE(spawned.size(), 2);

    StageModel m;
    m.setEnginePid(run.enginePid);
    for (const auto& [pid, name] : run.names)
        m.setProcessName(pid, name);
    // Up to the first task start: every chunk card holds chunksize tasks.
    const auto firstStart = std::find_if(
        run.events.begin(), run.events.end(), [](const Event& e) { return e.kind == EventKind::TaskStart; });
    QVERIFY(firstStart != run.events.end());
    m.apply(EventBatch(run.events.begin(), firstStart));
    qint64 cards = 0;
    for (const StageProcess& w : m.workers()) {
        for (const ChunkCard& c : m.chunksAt(w.pid)) {
            QCOMPARE(c.count, 5);
            QCOMPARE(c.firstTask % 5, 0);
            ++cards;
        }
    }
    QVERIFY2(cards >= 1, "the first chunk went out before the first task started");

    m.apply(EventBatch(firstStart, run.events.end()));
    const QList<StageProcess> workers = m.workers();
    QCOMPARE(workers.size(), 2);
    qint64 done = 0;
    for (const StageProcess& w : workers) {
        QVERIFY2(spawned.contains(w.pid), "boxes show the real pids");
        QVERIFY2(!w.name.isEmpty() && w.name != QStringLiteral("Process"), qPrintable(w.name));
        QCOMPARE(w.activity(), Activity::Exited);
        done += w.tasksDone;
    }
    QCOMPARE(done, 20);
    QCOMPARE(m.tasksSubmitted(), 20);
    QCOMPARE(m.resultsReceived(), 20);
    QCOMPARE(m.queuedCount(), 0);
    QCOMPARE(m.processes().first().pid, run.enginePid);
}

// ObjectCreate: the engine says what object N is, with its capacity or size, before anyone uses it.
void TestStageModel::objectsAppearWhenCreated()
{
    Context context;
    Queue queue(&context, 3);
    Lock lock(&context);
    RLock rlock(&context);
    BoundedSemaphore sem(&context, 2);
    SyncEvent event(&context);
    Barrier barrier(&context, 4);
    Value value(&context, 'i', 7, false);
    Array array(&context, 'd', 10, false);
    auto pipe = Pipe(&context, false);
    context.publishEvents(true);
    const EventBatch events = context.events().snapshot();
    std::map<qint32, std::pair<ObjectType, qint64>> created;
    for (const Event& e : events)
        if (e.kind == EventKind::ObjectCreate)
            created[e.object] = { ObjectType(e.value), e.task };
    QCOMPARE(created.size(), size_t(9));
    QCOMPARE(created.at(queue.id()).first, ObjectType::Queue);
    QCOMPARE(created.at(queue.id()).second, 3);
    QCOMPARE(created.at(lock.id()).first, ObjectType::Lock);
    QCOMPARE(created.at(rlock.id()).first, ObjectType::RLock);
    QCOMPARE(created.at(sem.id()).first, ObjectType::BoundedSemaphore);
    QCOMPARE(created.at(sem.id()).second, 2);
    QCOMPARE(created.at(barrier.id()).second, 4);
    QCOMPARE(created.at(array.id()).first, ObjectType::Array);
    QCOMPARE(created.at(array.id()).second, 10);
    QCOMPARE(created.at(pipe.first.id()).first, ObjectType::Pipe);
    QCOMPARE(created.at(pipe.first.id()).second, 1); // one-way

    StageModel m;
    m.setEnginePid(platform::currentPid());
    m.apply(events);
    QCOMPARE(m.queues().size(), 1);
    QCOMPARE(m.queues().first().capacity, 3);
    QCOMPARE(m.queues().first().size, 0);
    QCOMPARE(m.locks().size(), 3);
    QCOMPARE(m.locks().at(1).type, ObjectType::RLock);
    QVERIFY(m.locks().at(2).semaphore);
    QCOMPARE(m.locks().at(2).semaphoreValue, 2);
    QCOMPARE(m.syncs().size(), 2);
    QCOMPARE(m.syncs().at(0).kind, StageSync::Kind::Event);
    QCOMPARE(m.syncs().at(1).parties, 4);
    QCOMPARE(m.cells().size(), 2);
    QVERIFY(!m.cells().at(0).isArray);
    QVERIFY(m.cells().at(1).isArray);
    QCOMPARE(m.cells().at(1).size, 10);
    QVERIFY(!m.pipes().first().duplex);

    // Then their use: the Value's number, a put.
    value.setValue(41);
    queue.put(QCborValue(1));
    context.publishEvents(true);
    const EventBatch after = context.events().snapshot();
    m.apply(EventBatch(after.begin() + qsizetype(events.size()), after.end()));
    QCOMPARE(m.cells().at(0).value, 41);
    QCOMPARE(m.queues().first().size, 1);
}

// TaskDeliver: map hands every result over at the end in input order, imap in input order as they come,
// imap_unordered in the order they finished.
void TestStageModel::deliveryOrderOfMapImapUnordered()
{
    Context context;
    std::vector<qint64> mapTasks, imapTasks, unorderedTasks;
    {
        Pool pool(&context, { 2 });
        const Function f = Function::expr(QStringLiteral("x+1"));
        QCborArray inputs;
        for (int i = 0; i < 12; ++i)
            inputs.append(i);
        pool.map(f, inputs, 1);
        ResultIterator it = pool.imap(f, inputs, 1);
        while (it.next()) { }
        ResultIterator un = pool.imapUnordered(f, inputs, 1);
        while (un.next()) { }
    }
    context.publishEvents(true);
    const EventBatch events = context.events().snapshot();
    std::vector<qint64> results, deliveries;
    std::map<qint64, qint64> resultAt, deliveredAt, position;
    for (const Event& e : events) {
        if (e.kind == EventKind::TaskResult) {
            results.push_back(e.task);
            resultAt[e.task] = e.tNs;
        } else if (e.kind == EventKind::TaskDeliver) {
            deliveries.push_back(e.task);
            deliveredAt[e.task] = e.tNs;
            position[e.task] = e.value;
        }
    }
    QCOMPARE(deliveries.size(), size_t(36));
    for (const auto& [task, t] : deliveredAt)
        QVERIFY2(resultAt.count(task) && resultAt.at(task) <= t, "a result is handed over after it arrived");
    // map (tasks 0..11): all after its last result, in input order.
    qint64 lastMapResult = 0;
    for (qint64 t = 0; t < 12; ++t)
        lastMapResult = std::max(lastMapResult, resultAt.at(t));
    for (qint64 t = 0; t < 12; ++t) {
        QVERIFY(deliveredAt.at(t) >= lastMapResult);
        QCOMPARE(deliveries[size_t(t)], t);
        QCOMPARE(position.at(t), t);
    }
    // imap (12..23): input order.
    for (qint64 i = 0; i < 12; ++i)
        QCOMPARE(deliveries[size_t(12 + i)], 12 + i);
    // imap_unordered (24..35): the order the results arrived in.
    std::vector<qint64> arrived;
    for (qint64 t : results)
        if (t >= 24)
            arrived.push_back(t);
    QCOMPARE(std::vector<qint64>(deliveries.begin() + 24, deliveries.end()), arrived);

    StageModel m;
    m.setEnginePid(platform::currentPid());
    m.apply(events);
    QCOMPARE(m.resultsDelivered(), 36);
    QCOMPARE(m.recentDeliveries().last().task, deliveries.back());
}

// A get that times out and a recv that meets EOF end their waits: the picture never shows them waiting on.
void TestStageModel::waitsThatEndWithoutAnItemEnd()
{
    Context context;
    const qint64 me = platform::currentPid();
    Queue queue(&context, 1);
    QVERIFY_THROWS_EXCEPTION(QueueEmpty, queue.get(true, 50));
    auto [reader, writer] = Pipe(&context, false);
    // A recv in another thread waits until the writer sends, then until the writer closes (EOF).
    QString outcome;
    std::thread receiver([&, r = &reader] {
        r->recv();
        try {
            r->recv();
        } catch (const TaskException& e) {
            outcome = e.type();
        }
    });
    // The first recv may or may not find the message already there; the second, after it, must wait.
    auto secondRecvWaits = [&] {
        bool received = false;
        for (const Event& e : context.events().snapshot()) {
            received = received || e.kind == EventKind::PipeRecv;
            if (received && e.kind == EventKind::PipeRecvWait && e.value == 0)
                return true;
        }
        return false;
    };
    writer.send(1);
    QTRY_VERIFY_WITH_TIMEOUT(secondRecvWaits(), 10000);
    writer.close();
    receiver.join();
    QCOMPARE(outcome, QStringLiteral("EOFError"));

    const EventBatch events = context.events().snapshot();
    std::vector<std::pair<EventKind, qint64>> queueEvents, pipeWaits;
    for (const Event& e : events) {
        if (e.object == queue.id() && e.kind != EventKind::ObjectCreate)
            queueEvents.emplace_back(e.kind, e.value);
        if (e.kind == EventKind::PipeRecvWait)
            pipeWaits.emplace_back(e.kind, e.value);
    }
    QVERIFY(queueEvents
        == (std::vector<std::pair<EventKind, qint64>> {
            { EventKind::QueueGetWait, 0 }, { EventKind::QueueGetWait, -1 } }));
    QCOMPARE(pipeWaits.back().second, -1);

    StageModel m;
    m.setEnginePid(me);
    m.apply(events);
    QVERIFY(m.queues().first().blockedGetters.isEmpty());
    QCOMPARE(m.queues().first().size, 0);
    QVERIFY(m.pipes().first().waitingReceivers.isEmpty());
    QCOMPARE(m.process(me)->activity(), Activity::Idle);
    // Up to the last wait's start, the process is shown waiting on the pipe.
    m.reset();
    m.apply(EventBatch(events.begin(), events.end() - 1));
    QCOMPARE(m.process(me)->activity(), Activity::PipeWait);
    QCOMPARE(m.pipes().first().waitingReceivers, QList<qint64> { me });
}

// Two processes, two locks, opposite orders: the wait-for graph closes into a cycle, named edge by edge; a wait that
// times out, or a semaphore, makes no deadlock.
void TestStageModel::deadlockIsACycleOfWaits()
{
    using K = EventKind;
    StageModel m;
    m.setEnginePid(EnginePid);
    m.apply({ ev(1, 0, -1, K::ObjectCreate, 1, -1, qint64(ObjectType::Lock)),
        ev(1, 0, -1, K::ObjectCreate, 2, -1, qint64(ObjectType::Lock)),
        ev(1, 0, -1, K::ObjectCreate, 3, 1, qint64(ObjectType::Semaphore)), ev(10, W1, -1, K::LockAcquire, 1),
        ev(11, W2, -1, K::LockAcquire, 2), ev(20, W1, -1, K::LockWait, 2) });
    QVERIFY(m.deadlock().isEmpty()); // W1 waits for W2, who goes on
    m.apply({ ev(21, W2, -1, K::LockWait, 1) });
    const QList<WaitForGraph::Edge> cycle = m.deadlock();
    QCOMPARE(cycle.size(), 2);
    for (const WaitForGraph::Edge& e : cycle) {
        QVERIFY((e.waiter == W1 && e.lock == 2 && e.holder == W2) || (e.waiter == W2 && e.lock == 1 && e.holder == W1));
    }
    const QStringList lines = WaitForGraph::describe(
        cycle, [](qint64 pid) { return pid == W1 ? QStringLiteral("Process-1") : QStringLiteral("Process-2"); });
    QVERIFY2(lines.contains(QStringLiteral("Process-1 (pid 201) holds Lock #1 and waits for Lock #2, held by "
                                           "Process-2 (pid 202)")),
        qPrintable(lines.join(QLatin1Char('\n'))));
    // W2 gives up waiting (a timeout): no cycle any more.
    m.apply({ ev(30, W2, -1, K::LockWait, 1, -1, -1) });
    QVERIFY(m.deadlock().isEmpty());
    // Waiting on a semaphore someone holds is no deadlock: any release would free it.
    m.apply({ ev(40, W2, -1, K::LockAcquire, 3), ev(41, W1, -1, K::LockRelease, 1), ev(42, W2, -1, K::LockWait, 3) });
    QVERIFY(m.deadlock().isEmpty());
    m.reset();
    QVERIFY(m.deadlock().isEmpty());
}

// An Array's events name the cell (task) and carry the number in it (value): the stage shows the numbers.
void TestStageModel::arrayCellsCarryValues()
{
    using K = EventKind;
    StageModel m;
    m.apply(
        { ev(1, 0, -1, K::ObjectCreate, 20, 3, qint64(ObjectType::Array)), ev(10, W1, -1, K::SharedWrite, 20, 1, -8),
            ev(11, W1, -1, K::SharedWrite, 20, 2, 9), ev(12, W2, -1, K::SharedRead, 20, 1, -8) });
    const StageCell c = m.cells().first();
    QVERIFY(c.isArray);
    QCOMPARE(c.value, 1); // the cell touched last
    QCOMPARE(c.cellValues.size(), size_t(2));
    QCOMPARE(c.cellValues.at(1), -8);
    QCOMPARE(c.cellValues.at(2), 9);
    QCOMPARE(c.writes, 2);
    QCOMPARE(c.reads, 1);
}

void TestStageModel::samplesShowCpuAndMemoryOnTheirBox()
{
    using K = EventKind;
    StageModel m;
    m.setEnginePid(EnginePid);
    EventBatch run = poolRun();
    QVERIFY2(!m.process(W1), "no box before its events");
    // W1 spins (98.4 % of a CPU, 12.6 MiB), W2 sleeps; a sample of a process without a box (the forkserver) makes
    // none; the parent (pid 0 is the engine) is read too.
    const EventBatch samples { ev(48, W1, -1, K::ProcessSample, 'R', 12'900, 984),
        ev(48, W2, -1, K::ProcessSample, 'S', 10'240, 0), ev(48, 0, -1, K::ProcessSample, 'S', 204'800, 1'350),
        ev(48, 999, -1, K::ProcessSample, 'S', 4'096, 10) };
    run.insert(std::upper_bound(run.begin(), run.end(), 47, [](qint64 t, const Event& e) { return t < e.tNs; }),
        samples.begin(), samples.end());
    EventBatch upTo48;
    for (const Event& e : run)
        if (e.tNs <= 48)
            upTo48.push_back(e);
    m.apply(upTo48);
    QCOMPARE(m.processes().size(), 3);
    QVERIFY2(!m.process(999), "a sample never makes a box");
    const StageProcess* w1 = m.process(W1);
    QCOMPARE(w1->cpuPermille, 984);
    QCOMPARE(w1->rssKib, 12'900);
    QCOMPARE(w1->schedState, 'R');
    QCOMPARE(w1->usageText(), QStringLiteral("CPU 98 % · 12.6 MiB"));
    QCOMPARE(w1->usageText(true), QStringLiteral("98% · 13 MiB"));
    QCOMPARE(w1->activity(), Activity::Running); // a reading changes no state...
    QCOMPARE(w1->sinceNs, 40); // ...nor when it began
    QCOMPARE(m.process(W2)->usageText(), QStringLiteral("CPU 0 % · 10.0 MiB"));
    QCOMPARE(m.process(EnginePid)->usageText(), QStringLiteral("CPU 135 % · 200 MiB")); // threads: above 100 %
    QVERIFY(!StageProcess {}.hasUsage());
    QVERIFY(StageProcess {}.usageText().isEmpty());

    // The newest reading wins; an ended process keeps its last one (the view greys it).
    EventBatch rest(run.begin() + qsizetype(upTo48.size()), run.end());
    rest.insert(rest.begin() + 2, ev(52, W1, -1, K::ProcessSample, 'R', 2 * 1024 * 1024, 1000));
    m.apply(rest);
    QCOMPARE(m.process(W1)->activity(), Activity::Exited);
    QCOMPARE(m.process(W1)->usageText(), QStringLiteral("CPU 100 % · 2.00 GiB"));
    QCOMPARE(m.process(W1)->sampleNs, 52);

    // A replay from reset shows the same.
    m.reset();
    QVERIFY(!m.process(EnginePid)->hasUsage());
}

// A blocking send (MpiSendWait, then MpiSend when it returns): the rank spins in MPI_Send meanwhile, and the link
// counts the message's bytes; two ranks stuck sending to each other both stay in MPI_Send.
void TestStageModel::mpiBlockingSendsWaitAndCountBytes()
{
    using K = EventKind;
    constexpr qint64 R0 = 401, R1 = 402;
    StageModel m;
    m.setEnginePid(EnginePid);
    m.setProcessName(R0, QStringLiteral("rank 0 on nodeA"));
    m.setProcessName(R1, QStringLiteral("rank 1 on nodeA"));
    m.apply({ ev(0, R0, 0, K::ProcessReady), ev(0, R1, 1, K::ProcessReady),
        ev(10, R0, 0, K::MpiSendWait, mpi::TagExchange, 1024, 1), ev(11, R1, 1, K::MpiSendWait, mpi::TagExchange, 1024, 0) });
    m.setTimeNs(12);
    QCOMPARE(m.process(R0)->activity(), Activity::MpiWait);
    QCOMPARE(m.process(R0)->stateText(), QStringLiteral("spinning in MPI_Send to rank 1"));
    QCOMPARE(m.process(R1)->stateText(), QStringLiteral("spinning in MPI_Send to rank 0"));
    QCOMPARE(m.mpiMessages(), 0); // not returned yet: no message counted, no arrow
    QCOMPARE(m.mpiBytes(), 2048);
    // Both return (the message was buffered), then each receives the other's.
    m.apply({ ev(12, R0, 0, K::MpiSend, mpi::TagExchange, -1, 1), ev(13, R1, 1, K::MpiSend, mpi::TagExchange, -1, 0),
        ev(14, R0, 0, K::MpiRecvWait, -1, -1, 1), ev(15, R0, 0, K::MpiRecv, mpi::TagExchange, -1, 1),
        ev(16, R1, 1, K::MpiSendWait, mpi::TagExchange, 3000, 0) });
    m.setTimeNs(17);
    QCOMPARE(m.process(R0)->activity(), Activity::Idle);
    QCOMPARE(m.process(R1)->activity(), Activity::MpiWait);
    QCOMPARE(m.mpiMessages(), 2);
    const QList<MpiLink> links = m.mpiLinks();
    QCOMPARE(links.size(), 2);
    QCOMPARE(links[0].fromRank, 0);
    QCOMPARE(links[0].bytes, 1024);
    QCOMPARE(links[0].messages, 1);
    QCOMPARE(links[1].fromRank, 1);
    QCOMPARE(links[1].bytes, 4024);
    QCOMPARE(links[1].messages, 1);
    QCOMPARE(m.mpiBytes(), 5048);
    QVERIFY(m.mpiDeadlock().empty()); // rank 1 sends to rank 0, which is not receiving, but waits for nobody

    // Rank 0 sends 1 MiB to rank 1 too: both in MPI_Send to each other. A deadlock once it has lasted a second.
    const qint64 t = 100;
    m.apply({ ev(t, R0, 0, K::MpiSendWait, mpi::TagExchange, 1 << 20, 1) });
    m.setTimeNs(t + StageModel::MpiDeadlockShownAfterNs / 2);
    QVERIFY(m.mpiDeadlock().empty());
    m.setTimeNs(t + StageModel::MpiDeadlockShownAfterNs);
    const auto cycle = m.mpiDeadlock();
    QCOMPARE(cycle.size(), size_t(2));
    QVERIFY(cycle[0].send && cycle[1].send);
    // Stopped: the ranks leave, and so does the cycle.
    m.apply({ ev(t + StageModel::MpiDeadlockShownAfterNs, R0, 0, K::ProcessExit, -1, -1, -15) }); // SIGTERM
    QVERIFY(m.mpiDeadlock().empty());
}

// Three MPI ranks on two hosts, as an mpi-farm run sends them: hosts from the ranks' names, messages as flights
// matched send to receive by MPI's non-overtaking rule, receives and collectives as spinning waits.
void TestStageModel::mpiRanksHostsMessagesAndWaits()
{
    using K = EventKind;
    constexpr qint64 R0 = 301, R1 = 302, R2 = 303;
    StageModel m;
    m.setEnginePid(EnginePid);
    m.setMinTravelNs(1'000); // cards in flight until well after the last event
    // Named before their first event, as the run session does.
    m.setProcessName(R0, QStringLiteral("rank 0 on nodeA"));
    m.setProcessName(R1, QStringLiteral("rank 1 on nodeA"));
    m.setProcessName(R2, QStringLiteral("rank 2 on nodeB"));
    QVERIFY(m.hasRanks());
    QCOMPARE(m.pidOfRank(2), R2);
    m.apply({ ev(0, R0, 0, K::ProcessReady), ev(0, R1, 1, K::ProcessReady), ev(0, R2, 2, K::ProcessReady),
        ev(10, R1, 1, K::MpiSend, mpi::TagReady, -1, 0), ev(12, R0, 0, K::MpiRecvWait, -1, -1, -1),
        ev(14, R2, 2, K::MpiSend, mpi::TagReady, -1, 0) });
    m.setTimeNs(15);
    QCOMPARE(m.hosts(), QStringList({ QStringLiteral("nodeA"), QStringLiteral("nodeB") }));
    QCOMPARE(m.process(R2)->host, QStringLiteral("nodeB"));
    QCOMPARE(m.process(R2)->rank, 2);
    QCOMPARE(m.process(R0)->activity(), Activity::MpiWait);
    QCOMPARE(m.process(R0)->stateText(), QStringLiteral("spinning in MPI_Recv from any rank"));
    QVERIFY(isBlocked(Activity::MpiWait));
    QList<Flight> flights = m.flights();
    QCOMPARE(flights.size(), 2);
    QCOMPARE(int(flights[0].kind), int(Flight::Kind::MpiMessage));
    QCOMPARE(flights[0].fromPid, R1);
    QCOMPARE(flights[0].toPid, R0);
    QCOMPARE(flights[1].fromRank, 2);
    QCOMPARE(flights[1].toRank, 0);

    // Rank 0 takes rank 1's message and deals it chunk 5; rank 1 waits for it, then sends two results in a row.
    m.apply({ ev(20, R0, 0, K::MpiRecv, mpi::TagReady, -1, 1), ev(22, R0, 0, K::MpiSend, mpi::TagWork, 5, 1),
        ev(24, R1, 1, K::MpiRecvWait, -1, -1, 0), ev(30, R1, 1, K::MpiRecv, mpi::TagWork, 5, 0),
        ev(50, R1, 1, K::MpiSend, mpi::TagResult, 5, 0), ev(51, R1, 1, K::MpiSend, mpi::TagResult, 6, 0),
        ev(60, R0, 0, K::MpiRecv, mpi::TagResult, 5, 1) });
    m.setTimeNs(61);
    QCOMPARE(m.process(R0)->activity(), Activity::Idle); // the receive ended its wait
    QCOMPARE(m.process(R1)->activity(), Activity::Idle);
    std::map<std::tuple<int, int, qint64>, Flight> byMessage;
    for (const Flight& f : m.flights())
        byMessage[{ f.fromRank, f.toRank, f.task }] = f;
    QCOMPARE(byMessage.at({ 1, 0, -1 }).endNs, 20); // rank 1's "ready" arrived with rank 0's receive
    QCOMPARE(byMessage.at({ 2, 0, -1 }).endNs, -1); // rank 2's not yet
    QCOMPARE(byMessage.at({ 0, 1, 5 }).endNs, 30);
    QCOMPARE(byMessage.at({ 1, 0, 5 }).endNs, 60); // the first result is the first received...
    QCOMPARE(byMessage.at({ 1, 0, 6 }).endNs, -1); // ...the second is still on its way
    QCOMPARE(m.mpiMessages(), 5);
    QCOMPARE(m.process(R0)->activity(), Activity::Idle);
    const QList<MpiLink> links = m.mpiLinks();
    QCOMPARE(links.size(), 3);
    QCOMPARE(links[0].fromRank, 0);
    QCOMPARE(links[0].toRank, 1);
    QCOMPARE(links[0].messages, 1);
    QCOMPARE(links[1].fromRank, 1);
    QCOMPARE(links[1].messages, 3);
    QCOMPARE(links[2].fromRank, 2);
    QCOMPARE(links[2].messages, 1);

    // Clocks aligned within a round trip can put a receive just before its send (a quick message between hosts):
    // the message then arrives as it is sent, never before.
    m.apply({ ev(63, R0, 0, K::MpiRecv, mpi::TagReady, -1, 2), // rank 2's first "ready" (sent at 14)
        ev(64, R0, 0, K::MpiRecv, mpi::TagReady, -1, 2), ev(65, R2, 2, K::MpiSend, mpi::TagReady, -1, 0) });
    m.setTimeNs(66);
    std::optional<Flight> second;
    for (const Flight& f : m.flights())
        if (f.fromRank == 2 && f.seq == 1)
            second = f;
    QVERIFY(second);
    QCOMPARE(second->startNs, 65);
    QCOMPARE(second->endNs, 65);
    QCOMPARE(byMessage.at({ 2, 0, -1 }).endNs, -1); // (the copy taken before: the first arrived at 63)

    // A collective: rank 2 in MPI_Reduce to rank 0 spins there until it returns.
    m.apply({ ev(70, R2, 2, K::CollectiveBegin, qint32(mpi::Collective::Reduce), 8, 0) });
    QCOMPARE(m.process(R2)->activity(), Activity::MpiWait);
    QCOMPARE(m.process(R2)->collectiveRoot, 0);
    QCOMPARE(m.process(R2)->stateText(), QStringLiteral("spinning in MPI_Reduce"));
    QCOMPARE(m.process(R2)->shortStateText(), QStringLiteral("MPI_Reduce"));
    m.apply({ ev(80, R2, 2, K::CollectiveEnd, qint32(mpi::Collective::Reduce), 8, 0) });
    QCOMPARE(m.process(R2)->activity(), Activity::Idle);
    QCOMPARE(m.process(R2)->collectiveRoot, -2);
    QCOMPARE(m.mpiCollectives(), 1);

    // A replay starts from nothing but keeps the names, and with them the ranks and hosts.
    m.reset();
    QCOMPARE(m.mpiMessages(), 0);
    QCOMPARE(m.pidOfRank(1), R1);
    m.apply({ ev(0, R2, 2, K::ProcessReady) });
    QCOMPARE(m.hosts(), QStringList({ QStringLiteral("nodeB") }));
}

void TestStageModel::rankNamesParse()
{
    QCOMPARE(mpi::rankProcessName(3, QStringLiteral("nodeB")), QStringLiteral("rank 3 on nodeB"));
    const auto r = mpi::parseRankProcessName(QStringLiteral("rank 12 on node-b.example.org"));
    QVERIFY(r);
    QCOMPARE(r->rank, 12);
    QCOMPARE(r->host, QStringLiteral("node-b.example.org"));
    QVERIFY(!mpi::parseRankProcessName(QStringLiteral("PoolWorker-1")));
    QVERIFY(!mpi::parseRankProcessName(QStringLiteral("rank x on nodeA")));
    QVERIFY(!mpi::parseRankProcessName(QStringLiteral("rank -1 on nodeA")));
    QVERIFY(!mpi::parseRankProcessName(QStringLiteral("rank 3 on ")));
    QVERIFY(!mpi::parseRankProcessName(QStringLiteral("rank 3")));
}

QTEST_GUILESS_MAIN(TestStageModel)
#include "tst_stagemodel.moc"
