#include "session/timelinemodel.h"

#include "recordedevents.h"

#include <QSet>
#include <QTest>

using namespace proclab;
using namespace proclab::test;

class TestTimelineModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lanesInOrderWithNamesAndPids();
    void slicesFollowTheStates();
    void openSliceEndsAtThePlayhead();
    void waitsAreTheirOwnSlices();
    void locksHeldAreBars();
    void memoryCapDropsOldestSlices();
    void processesPastTheLanesAreCountedOnce();
    void realPoolMap();
    void bandsKeepOneLanePerSlot();
    void samplesAreTheLanesCpuLine();
};

namespace {
QList<Activity> kinds(const TimelineModel& m, int lane)
{
    QList<Activity> out;
    for (int i = 0; i < m.sliceCount(lane); ++i)
        out << m.slice(lane, i).activity;
    return out;
}
} // namespace

void TestTimelineModel::lanesInOrderWithNamesAndPids()
{
    TimelineModel m;
    m.setEnginePid(EnginePid);
    EventBatch b = poolRun();
    // A process without a pool slot appears after the pool's workers, whatever its pid.
    b.insert(b.begin(), ev(0, 150, -1, EventKind::ProcessSpawn));
    m.setProcessName(W2, QStringLiteral("SpawnPoolWorker-2"));
    m.apply(b);
    QCOMPARE(m.laneCount(), 4);
    QCOMPARE(m.lane(0).pid, EnginePid);
    QVERIFY(m.lane(0).isParent);
    QCOMPARE(m.lane(0).name, QStringLiteral("MainProcess"));
    QCOMPARE(m.lane(1).pid, W1);
    QCOMPARE(m.lane(2).pid, W2);
    QCOMPARE(m.lane(2).name, QStringLiteral("SpawnPoolWorker-2"));
    QCOMPARE(m.lane(3).pid, 150);
    QCOMPARE(m.laneOf(W2), 2);
    QCOMPARE(m.laneOf(999), -1);
    QVERIFY(m.lane(1).ended);
    QCOMPARE(m.lane(1).endActivity, Activity::Exited);
    QCOMPARE(m.lane(2).endActivity, Activity::Crashed);
    QCOMPARE(m.lane(2).exitCode, -9);
}

void TestTimelineModel::slicesFollowTheStates()
{
    TimelineModel m;
    m.setEnginePid(EnginePid);
    m.apply(poolRun());
    const int w1 = m.laneOf(W1);
    QCOMPARE(kinds(m, w1),
        (QList<Activity> { Activity::Starting, Activity::Idle, Activity::Running, Activity::Running, Activity::Idle }));
    QCOMPARE(m.slice(w1, 0).startNs, 0);
    QCOMPARE(m.slice(w1, 0).endNs, 10);
    QCOMPARE(m.slice(w1, 2).startNs, 40);
    QCOMPARE(m.slice(w1, 2).endNs, 50);
    QCOMPARE(m.slice(w1, 2).task, 0);
    QCOMPARE(m.slice(w1, 2).object, 0); // the chunk
    QCOMPARE(m.slice(w1, 3).task, 1);
    QCOMPARE(m.slice(w1, 4).endNs, 900); // closed by the exit
    // Lookups used by painting and hovering.
    QCOMPARE(m.sliceAt(w1, 45), 2);
    QCOMPARE(m.sliceAt(w1, 50), 3);
    QCOMPARE(m.firstSliceAfter(w1, 49), 2);
    QCOMPARE(m.firstSliceAfter(w1, 50), 3);
    QCOMPARE(m.sliceAt(w1, 950), -1);
    QCOMPARE(m.totalSlices(), qsizetype(m.sliceCount(0) + m.sliceCount(1) + m.sliceCount(2)));
}

void TestTimelineModel::openSliceEndsAtThePlayhead()
{
    TimelineModel m;
    m.setEnginePid(EnginePid);
    m.apply({ ev(0, W1, 0, EventKind::ProcessSpawn), ev(10, W1, 0, EventKind::ProcessReady),
        ev(20, W1, 0, EventKind::TaskStart, 0, 0) });
    const int w1 = m.laneOf(W1);
    m.setTimeNs(35);
    QCOMPARE(m.slice(w1, 2).activity, Activity::Running);
    QCOMPARE(m.slice(w1, 2).endNs, 35);
    m.setTimeNs(5); // a playhead before the slice: it is empty, not negative
    QCOMPARE(m.slice(w1, 2).endNs, 20);
    QCOMPARE(m.endNs(), 20);
}

void TestTimelineModel::waitsAreTheirOwnSlices()
{
    TimelineModel m;
    m.setEnginePid(EnginePid);
    EventBatch b = lockRun();
    for (const Event& e : queueRun())
        b.push_back(ev(e.tNs + 100, e.pid, e.worker, e.kind, e.object, e.task, e.value));
    m.apply(b);
    const int w2 = m.laneOf(W2);
    const int w3 = m.laneOf(W3);
    // W2 waited for lock 7 from 11 to 21.
    int i = m.sliceAt(w2, 15);
    QVERIFY(i >= 0);
    QCOMPARE(m.slice(w2, i).activity, Activity::LockWait);
    QCOMPARE(m.slice(w2, i).startNs, 11);
    QCOMPARE(m.slice(w2, i).endNs, 21);
    QCOMPARE(m.slice(w2, i).object, 7);
    // W3 gave up at 25.
    i = m.sliceAt(w3, 20);
    QCOMPARE(m.slice(w3, i).activity, Activity::LockWait);
    QCOMPARE(m.slice(w3, i).endNs, 25);
    // W1 was blocked on queue 5 from 110 to 121.
    const int w1 = m.laneOf(W1);
    i = m.sliceAt(w1, 115);
    QCOMPARE(m.slice(w1, i).activity, Activity::QueueWait);
    QCOMPARE(m.slice(w1, i).object, 5);
    QCOMPARE(m.slice(w1, i).endNs, 121);
}

void TestTimelineModel::locksHeldAreBars()
{
    TimelineModel m;
    m.setEnginePid(EnginePid);
    m.apply(lockRun());
    m.setTimeNs(40);
    const int w1 = m.laneOf(W1);
    const int w2 = m.laneOf(W2);
    QCOMPARE(m.holdCount(w1), 1);
    QCOMPARE(m.hold(w1, 0).lock, 7);
    QCOMPARE(m.hold(w1, 0).startNs, 10);
    QCOMPARE(m.hold(w1, 0).endNs, 20);
    QCOMPARE(m.holdCount(w2), 1);
    QCOMPARE(m.hold(w2, 0).startNs, 21);
    QCOMPARE(m.hold(w2, 0).endNs, 40); // still held: up to the playhead
    QCOMPARE(m.holdCount(m.laneOf(W3)), 0);
    // Dying while holding ends the bar at the death.
    m.apply({ ev(50, W2, -1, EventKind::ProcessExit, -1, -1, -9) });
    m.setTimeNs(90);
    QCOMPARE(m.hold(w2, 0).endNs, 50);

    // Bounded like the slices.
    EventBatch b;
    for (qint64 i = 0; i < TimelineModel::MaxHolds + 10'000; ++i) {
        b.push_back(ev(100 + 2 * i, W3, -1, EventKind::LockAcquire, 7, -1, W3));
        b.push_back(ev(101 + 2 * i, W3, -1, EventKind::LockRelease, 7, -1, W3));
    }
    m.apply(b);
    QVERIFY(m.holdCount(m.laneOf(W3)) <= TimelineModel::MaxHolds);
    QCOMPARE(m.hold(m.laneOf(W3), m.holdCount(m.laneOf(W3)) - 1).startNs, 100 + 2 * (TimelineModel::MaxHolds + 9'999));
    QVERIFY(m.droppedBeforeNs() > 100);
}

void TestTimelineModel::memoryCapDropsOldestSlices()
{
    TimelineModel m;
    m.setEnginePid(EnginePid);
    // Two workers run 150,000 tasks each: 600,000 slices without the cap.
    const qint64 tasks = 150'000;
    for (qint64 k = 0; k < tasks; k += 10'000) {
        EventBatch b;
        for (qint64 t = k; t < k + 10'000; ++t) {
            b.push_back(ev(10 * t, W1, 0, EventKind::TaskStart, 0, t));
            b.push_back(ev(10 * t + 2, W2, 1, EventKind::TaskStart, 1, t));
            b.push_back(ev(10 * t + 5, W1, 0, EventKind::TaskEnd, 0, t));
            b.push_back(ev(10 * t + 7, W2, 1, EventKind::TaskEnd, 1, t));
        }
        m.apply(b);
        QVERIFY2(m.totalSlices() <= TimelineModel::MaxSlices, "the cap holds at every batch");
    }
    QVERIFY(m.slicesDropped() > 0);
    QCOMPARE(m.totalSlices(), qsizetype(m.sliceCount(0) + m.sliceCount(1) + m.sliceCount(2)));
    QVERIFY(m.droppedBeforeNs() > 0);
    // The newest survive: the last task of each worker is the last running slice of its lane.
    const int w1 = m.laneOf(W1);
    QCOMPARE(m.slice(w1, m.sliceCount(w1) - 2).task, tasks - 1);
    // What is left starts after what was dropped.
    QVERIFY(m.slice(w1, 0).startNs >= m.droppedBeforeNs() - 10);
    QVERIFY2(m.sliceCount(w1) > TimelineModel::MaxSlices / 4, "the lanes share the budget");
}

// 70 workers (and the engine) each doing several things: 64 lanes, and "+N more" counts the 7 processes that
// have none, however many events they sent.
void TestTimelineModel::processesPastTheLanesAreCountedOnce()
{
    TimelineModel m;
    m.setEnginePid(EnginePid);
    EventBatch b;
    b.push_back(ev(0, EnginePid, -1, EventKind::TaskSubmit, 0, 0));
    constexpr int Workers = 70;
    for (int w = 0; w < Workers; ++w) {
        const qint64 pid = 1000 + w;
        const qint64 t = 10 + 10 * w;
        b.push_back(ev(t, pid, w, EventKind::ProcessSpawn));
        b.push_back(ev(t + 1, pid, w, EventKind::TaskStart, 0, w));
        b.push_back(ev(t + 2, pid, w, EventKind::TaskEnd, 0, w));
        b.push_back(ev(t + 3, pid, w, EventKind::TaskStart, 0, w + Workers));
        b.push_back(ev(t + 4, pid, w, EventKind::TaskEnd, 0, w + Workers));
    }
    m.apply(b);
    QCOMPARE(m.laneCount(), TimelineModel::MaxLanes);
    QCOMPARE(m.lanesNotShown(), qint64(Workers + 1 - TimelineModel::MaxLanes));
    m.apply({ ev(2000, 1000 + Workers - 1, Workers - 1, EventKind::ProcessExit) }); // more from one not shown
    QCOMPARE(m.lanesNotShown(), qint64(Workers + 1 - TimelineModel::MaxLanes));
}

void TestTimelineModel::realPoolMap()
{
    const RealRun run = test::realPoolMap(20, 5);
    TimelineModel m;
    m.setEnginePid(run.enginePid);
    m.apply(run.events);
    QCOMPARE(m.laneCount(), 3);
    QCOMPARE(m.lane(0).pid, run.enginePid);
    QSet<qint64> tasks;
    for (int l = 1; l < m.laneCount(); ++l) {
        QVERIFY(m.lane(l).slot >= 0);
        QVERIFY(m.lane(l).ended);
        QCOMPARE(m.lane(l).endActivity, Activity::Exited);
        QCOMPARE(m.slice(l, 0).activity, Activity::Starting);
        qint64 last = m.slice(l, 0).startNs;
        for (int i = 0; i < m.sliceCount(l); ++i) {
            const TimelineSlice s = m.slice(l, i);
            QVERIFY2(s.startNs >= last && s.endNs >= s.startNs, "slices follow each other");
            last = s.endNs;
            if (s.activity == Activity::Running)
                tasks.insert(s.task);
        }
    }
    QCOMPARE(tasks.size(), 20);
}

QTEST_GUILESS_MAIN(TestTimelineModel)
// A sweep: after a band begins, the next pool's workers continue the lanes of their slots (p = 1 then p = 2 is
// three lanes, not four), each band keeps its label and time, and the earlier slices stay.
void TestTimelineModel::bandsKeepOneLanePerSlot()
{
    using K = EventKind;
    TimelineModel m;
    m.setEnginePid(EnginePid);
    m.beginBand(0, QStringLiteral("p = 1, repeat 1/1"));
    m.apply({ ev(1, W1, 0, K::ProcessSpawn), ev(2, W1, 0, K::ProcessReady), ev(3, W1, 0, K::TaskStart, 0, 0),
        ev(9, W1, 0, K::TaskEnd, 0, 0), ev(10, W1, 0, K::ProcessExit) });
    QCOMPARE(m.laneCount(), 2);
    m.beginBand(20, QStringLiteral("p = 2, repeat 1/1"));
    m.setProcessName(301, QStringLiteral("SpawnPoolWorker-2"));
    m.apply({ ev(21, 301, 0, K::ProcessSpawn), ev(21, 302, 1, K::ProcessSpawn), ev(22, 301, 0, K::ProcessReady),
        ev(22, 302, 1, K::ProcessReady), ev(23, 301, 0, K::TaskStart, 0, 0), ev(23, 302, 1, K::TaskStart, 1, 1) });
    QCOMPARE(m.laneCount(), 3); // MainProcess, slot 0 (W1 then 301), slot 1 (302)
    QCOMPARE(m.lane(1).pid, qint64(301));
    QCOMPARE(m.lane(1).name, QStringLiteral("SpawnPoolWorker-2"));
    QVERIFY(!m.lane(1).ended);
    QCOMPARE(m.lane(2).pid, qint64(302));
    QCOMPARE(m.laneOf(301), 1);
    // The slot's lane holds both pools' slices: running in the first band, then again in the second.
    const QList<Activity> lane1 = kinds(m, 1);
    QVERIFY2(lane1.count(Activity::Running) == 2, "both bands' tasks on the slot's lane");
    QCOMPARE(m.slice(1, m.sliceAt(1, 5)).activity, Activity::Running);
    QCOMPARE(m.sliceAt(1, 15), -1); // between the pools: the first worker had exited
    QCOMPARE(m.bands().size(), size_t(2));
    QCOMPARE(m.bands().back().label, QStringLiteral("p = 2, repeat 1/1"));
    QCOMPARE(m.bands().back().startNs, qint64(20));
    m.reset();
    QVERIFY(m.bands().empty());
}

#include "tst_timelinemodel.moc"

void TestTimelineModel::samplesAreTheLanesCpuLine()
{
    using K = EventKind;
    TimelineModel m;
    m.setEnginePid(EnginePid);
    EventBatch run = poolRun();
    // Every 10 ns: W1 at 90 %, 95 %..., W2 idle; a pid without a lane gets none; W1 after its exit is not drawn.
    EventBatch samples;
    for (qint64 t = 20; t <= 950; t += 10) {
        samples.push_back(ev(t, W1, -1, K::ProcessSample, 'R', 8'000 + t, 900 + (t / 10) % 2 * 50));
        samples.push_back(ev(t, W2, -1, K::ProcessSample, 'S', 9'000, 0));
        samples.push_back(ev(t, 999, -1, K::ProcessSample, 'S', 1, 1));
    }
    EventBatch all = run;
    all.insert(all.end(), samples.begin(), samples.end());
    std::stable_sort(all.begin(), all.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; });
    m.apply(all);
    QCOMPARE(m.laneCount(), 3);
    QCOMPARE(m.laneOf(999), -1);
    const int l1 = m.laneOf(W1), l2 = m.laneOf(W2);
    QCOMPARE(m.sampleCount(l1), 88); // 20..890: it exited at 900
    QCOMPARE(m.sampleCount(l2), 94); // 20..950 (it was killed at 1000)
    QCOMPARE(m.sampleCount(m.laneOf(EnginePid)), 0);
    QCOMPARE(m.sample(l1, 0).tNs, 20);
    QCOMPARE(m.sample(l1, 0).cpuPermille, 900);
    QCOMPARE(m.sample(l1, 1).cpuPermille, 950);
    QCOMPARE(m.sample(l1, 1).rssKib, 8'030);
    QCOMPARE(m.sample(l1, 1).state, 'R');
    QCOMPARE(m.sample(l2, 5).cpuPermille, 0);
    // Hover: the sample whose interval covers the time.
    QCOMPARE(m.firstSampleFrom(l1, 25), 1);
    QCOMPARE(m.sampleAt(l1, 25, 15), 1);
    QCOMPARE(m.sampleAt(l1, 30, 15), 1);
    QCOMPARE(m.sampleAt(l1, 5, 15), 0);
    QCOMPARE(m.sampleAt(l1, 4, 15), -1); // before the first sample's interval
    QCOMPARE(m.sampleAt(l1, 895, 15), -1); // after the last
    // Bounded: the oldest go first.
    TimelineModel capped;
    capped.setEnginePid(EnginePid);
    capped.apply({ ev(0, W1, 0, K::ProcessSpawn) });
    EventBatch many;
    for (qint64 i = 1; i <= TimelineModel::MaxSamples + 10; ++i)
        many.push_back(ev(i, W1, -1, K::ProcessSample, 'R', 1, 500));
    capped.apply(many);
    QVERIFY(capped.sampleCount(capped.laneOf(W1)) <= TimelineModel::MaxSamples);
    QVERIFY(capped.sampleCount(capped.laneOf(W1)) > TimelineModel::MaxSamples / 2);
    QCOMPARE(capped.sample(capped.laneOf(W1), capped.sampleCount(capped.laneOf(W1)) - 1).tNs,
        TimelineModel::MaxSamples + 10);
}
