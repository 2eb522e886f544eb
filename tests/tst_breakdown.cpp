// The breakdown of p × span (lab/breakdown.h): on synthetic events, every part is attributed where it belongs and
// the parts sum to p × span; on a real sweep (spin with a serial part, real processes) the parts sum to p × span
// within 5 % and the serial part is there. No timing is asserted: only sums and attributions.
#include "lab/breakdown.h"

#include "engine/context.h"
#include "lab/experiment.h"
#include "testutil.h"

#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace proclab;

namespace {

constexpr qint64 Engine = 100;
constexpr qint64 W1 = 201; // slot 0
constexpr qint64 W2 = 202; // slot 1

Event ev(qint64 t, qint64 pid, int worker, EventKind kind, qint32 object = -1, qint64 task = -1, qint64 value = 0)
{
    return { t, qint32(pid), worker, kind, object, task, value };
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

} // namespace

class TestBreakdown : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void partsAreAttributedAndSum();
    void noPoolEventsNoBreakdown();
    void jsonRoundTrip();
    void realSweepSums();
};

// Pool created at 0, ready at 100 (start-up), the main process alone until 300 (serial), last result at 1300.
// W1 runs a task 400..700 blocked on a lock 500..600 inside it, then another 800..1200; W2 one task 350..900, then
// nothing (idle while W1 finishes: imbalance).
void TestBreakdown::partsAreAttributedAndSum()
{
    using K = EventKind;
    EventBatch events {
        ev(10, W1, 0, K::ProcessSpawn), ev(12, W2, 1, K::ProcessSpawn), ev(90, W1, 0, K::ProcessReady),
        ev(95, W2, 1, K::ProcessReady), ev(300, Engine, -1, K::TaskSubmit, -1, 0),
        ev(300, Engine, -1, K::TaskSubmit, -1, 1), ev(300, Engine, -1, K::TaskSubmit, -1, 2),
        ev(320, W2, 1, K::TaskDispatch, 1, 1), // the engine's: not the worker's time
        ev(350, W2, 1, K::TaskStart, 1, 1), ev(380, W1, 0, K::TaskDispatch, 0, 0), ev(400, W1, 0, K::TaskStart, 0, 0),
        ev(500, W1, 0, K::LockWait, 7), ev(600, W1, 0, K::LockAcquire, 7), ev(650, W1, 0, K::LockRelease, 7),
        ev(700, W1, 0, K::TaskEnd, 0, 0), ev(710, Engine, -1, K::TaskResult, 0, 0), ev(800, W1, 0, K::TaskStart, 2, 2),
        ev(900, W2, 1, K::TaskEnd, 1, 1), ev(1200, W1, 0, K::TaskEnd, 2, 2), ev(1300, Engine, -1, K::TaskResult, 2, 2),
        ev(1400, W1, 0, K::ProcessExit), // after the span: ignored
    };
    std::reverse(events.begin(), events.end()); // any order
    const Breakdown b = computeBreakdown(events, { 2, 1'000'000, 1'000'100, 1'001'300 });
    QVERIFY(!b.valid()); // the span is not where the events are: no task in it
    for (Event& e : events)
        e.tNs += 1'000'000;
    const Breakdown r = computeBreakdown(events, { 2, 1'000'000, 1'000'100, 1'001'300 });
    QVERIFY(r.valid());
    QCOMPARE(r.processes, 2);
    QVERIFY(near(r.spanSeconds, 1300e-9));
    QVERIFY2(near(r.startup, 2 * 100e-9), qPrintable(QString::number(r.startup * 1e9)));
    QVERIFY2(near(r.serial, 2 * 200e-9), qPrintable(QString::number(r.serial * 1e9)));
    QVERIFY2(near(r.useful, (300 - 100 + 400 + 550) * 1e-9), qPrintable(QString::number(r.useful * 1e9)));
    QVERIFY2(near(r.waiting, 100e-9), qPrintable(QString::number(r.waiting * 1e9)));
    QVERIFY2(near(r.imbalance, 300e-9), qPrintable(QString::number(r.imbalance * 1e9))); // W2 idle 900..1200
    // Dispatch and results: W1 waits 300..400 and 700..800 for tasks, both wait 1200..1300 for the last result,
    // W2 waits 300..350.
    QVERIFY2(near(r.overhead, (100 + 100 + 100 + 50 + 100) * 1e-9), qPrintable(QString::number(r.overhead * 1e9)));
    QVERIFY(near(r.total(), r.capacity()));
    QVERIFY(r.largestLoss() == Breakdown::Part::Overhead);
}

void TestBreakdown::noPoolEventsNoBreakdown()
{
    QVERIFY(!computeBreakdown({}, { 2, 1000, 2000, 3000 }).valid());
    QVERIFY(!computeBreakdown({ ev(1500, W1, 0, EventKind::TaskStart, 0, 0) }, { 0, 1000, 2000, 3000 }).valid());
    QVERIFY(!Breakdown::fromJson({}).valid());
}

void TestBreakdown::jsonRoundTrip()
{
    Breakdown b;
    b.processes = 3;
    b.spanSeconds = 1.5;
    b.useful = 3;
    b.startup = 0.25;
    b.serial = 0.5;
    b.overhead = 0.3;
    b.waiting = 0.15;
    b.imbalance = 0.3;
    const QJsonObject o = b.toJson();
    QCOMPARE(o.value(QStringLiteral("serial_s")).toDouble(), 0.5);
    const Breakdown back = Breakdown::fromJson(o);
    for (int i = 0; i < Breakdown::PartCount; ++i)
        QCOMPARE(back.part(Breakdown::Part(i)), b.part(Breakdown::Part(i)));
    QCOMPARE(back.capacity(), 4.5);
    QVERIFY(back.largestLoss() == Breakdown::Part::Serial);
}

// Real processes: spin with a serial part in the main process. Every point has a breakdown that sums to p × span
// within 5 %, with a serial part and useful work in it.
void TestBreakdown::realSweepSums()
{
    SweepSpec spec;
    spec.workload = QStringLiteral("spin");
    spec.params
        = { { QStringLiteral("tasks"), 4 }, { QStringLiteral("ms"), 10.0 }, { QStringLiteral("serial_ms"), 20.0 } };
    spec.processes = { 1, 2 };
    Experiment experiment;
    const SweepResult result = experiment.run(spec);
    QVERIFY2(result.outcome == SweepResult::Outcome::Completed, qPrintable(result.error));
    for (const SweepPoint& p : result.series.first().points) {
        const Breakdown& b = p.breakdown;
        QVERIFY2(b.valid(), "a process pool run has a breakdown");
        QCOMPARE(b.processes, p.processes);
        QVERIFY2(std::abs(b.total() - b.capacity()) <= 0.05 * b.capacity(),
            qPrintable(QStringLiteral("parts %1 s, p x span %2 s").arg(b.total()).arg(b.capacity())));
        QVERIFY2(b.serial > 0, "the main process's serial part is attributed");
        QVERIFY2(b.useful > 0, "the tasks' own time is useful work");
        QVERIFY(b.startup > 0);
        // The span is the run's start-up plus its measured wall time (one repeat: the point's run), give or take
        // the microseconds between the pool being ready and the timed region starting.
        QVERIFY(std::abs(b.spanSeconds - (p.wallSeconds.first() + p.startupRuns.first())) < 1e-3);
    }
}

QTEST_GUILESS_MAIN(TestBreakdown)
#include "tst_breakdown.moc"
