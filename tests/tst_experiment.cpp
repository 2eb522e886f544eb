// The experiment runner: the Amdahl fit on known data, the derived metrics, streaming order, saving, cancel.
#include "lab/experiment.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>

using namespace proclab;

namespace {

// T(p) = T1 (f + (1 - f) / p): Amdahl's law, exactly.
QList<std::pair<int, double>> amdahlTimes(double t1, double f, int maxP)
{
    QList<std::pair<int, double>> times;
    for (int p = 1; p <= maxP; ++p)
        times.append({ p, t1 * (f + (1 - f) / p) });
    return times;
}

// A finished result built by hand: one series of Amdahl points with a small spread around each median.
SweepResult syntheticResult(double t1, double f, int maxP)
{
    SweepResult r;
    r.spec.workload = QStringLiteral("spin");
    r.spec.params = { { QStringLiteral("tasks"), 8 }, { QStringLiteral("ms"), 5.0 } };
    r.spec.processes = SweepSpec::range(1, maxP);
    r.spec.repeats = 3;
    SweepSeries s;
    for (const auto& [p, t] : amdahlTimes(t1, f, maxP)) {
        SweepPoint pt;
        pt.processes = p;
        pt.chunksize = 1;
        pt.wallSeconds = { t * 1.01, t, t * 0.98 };
        pt.startupRuns = { 0.01, 0.011, 0.012 };
        pt.median = median(pt.wallSeconds);
        pt.min = t * 0.98;
        pt.max = t * 1.01;
        pt.startupSeconds = 0.011;
        pt.verified = true;
        pt.workers = { { 4711, 0, QStringLiteral("SpawnPoolWorker-1"), 8, 0 } };
        s.points.append(pt);
    }
    r.series.append(s);
    r.recompute();
    return r;
}

bool sameNumber(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a));
}

void compareResults(const SweepResult& a, const SweepResult& b)
{
    QCOMPARE(b.series.size(), a.series.size());
    for (qsizetype i = 0; i < a.series.size(); ++i) {
        const SweepSeries& x = a.series.at(i);
        const SweepSeries& y = b.series.at(i);
        QCOMPARE(y.executor, x.executor);
        QCOMPARE(y.points.size(), x.points.size());
        QVERIFY(sameNumber(y.amdahl.serialFraction, x.amdahl.serialFraction));
        for (qsizetype k = 0; k < x.points.size(); ++k) {
            const SweepPoint& p = x.points.at(k);
            const SweepPoint& q = y.points.at(k);
            QCOMPARE(q.processes, p.processes);
            QVERIFY(sameNumber(q.median, p.median));
            QVERIFY(sameNumber(q.min, p.min));
            QVERIFY(sameNumber(q.max, p.max));
            QVERIFY(sameNumber(q.startupSeconds, p.startupSeconds));
            QVERIFY2(
                sameNumber(q.speedup, p.speedup), qPrintable(QStringLiteral("%1 vs %2").arg(q.speedup).arg(p.speedup)));
            QVERIFY(sameNumber(q.efficiency, p.efficiency));
            QVERIFY(sameNumber(q.karpFlatt, p.karpFlatt));
            QCOMPARE(q.verified, p.verified);
            QCOMPARE(q.wallSeconds.size(), p.wallSeconds.size());
            for (qsizetype j = 0; j < p.wallSeconds.size(); ++j)
                QVERIFY(sameNumber(q.wallSeconds.at(j), p.wallSeconds.at(j)));
        }
    }
}

} // namespace

class TestExperiment : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fitRecoversKnownFraction_data();
    void fitRecoversKnownFraction();
    void fitUsesOnlyPointsUpToMax();
    void fitClampsAndNeedsBaseline();
    void farmFitCountsComputingRanks();
    void metricsOfAmdahlData();
    void realSweepStreamsInOrder();
    void csvRoundTrip();
    void jsonRoundTrip();
    void validateRefusesBadSpecs();
    void sizeIsASweepDimension();
    void gustafsonFitRecoversKnownFraction();
    void weakScalingGrowsTheProblem();
    void cancelBetweenRuns();
    void cancelDuringRun();
    void cliSweep();
    void cliSweepBadInput_data();
    void cliSweepBadInput();
};

void TestExperiment::fitRecoversKnownFraction_data()
{
    QTest::addColumn<double>("f");
    QTest::addColumn<int>("maxP");
    QTest::newRow("f0") << 0.0 << 4;
    QTest::newRow("f0.05") << 0.05 << 8;
    QTest::newRow("f0.2") << 0.2 << 3;
    QTest::newRow("f0.5") << 0.5 << 16;
    QTest::newRow("f1") << 1.0 << 2;
}

void TestExperiment::fitRecoversKnownFraction()
{
    QFETCH(double, f);
    QFETCH(int, maxP);
    const AmdahlFit fit = fitAmdahl(amdahlTimes(1.7, f, maxP));
    QVERIFY(fit.valid());
    QVERIFY2(std::abs(fit.serialFraction - f) < 1e-12,
        qPrintable(QStringLiteral("fitted %1, known %2").arg(fit.serialFraction).arg(f)));
    QCOMPARE(fit.points, maxP - 1);
    QVERIFY(fit.rmsResidual < 1e-12);
    QVERIFY(std::abs(fit.predict(maxP) - 1.7 * (f + (1 - f) / maxP)) < 1e-12);
}

void TestExperiment::fitUsesOnlyPointsUpToMax()
{
    // f = 0.1 up to 4 cores, then flat: no more CPUs. Fitting p <= 4 recovers f; fitting all does not.
    auto times = amdahlTimes(2.0, 0.1, 4);
    const double flat = times.last().second;
    for (int p = 5; p <= 8; ++p)
        times.append({ p, flat });
    const AmdahlFit limited = fitAmdahl(times, 4);
    QVERIFY(std::abs(limited.serialFraction - 0.1) < 1e-12);
    QCOMPARE(limited.points, 3);
    const AmdahlFit all = fitAmdahl(times);
    QVERIFY2(all.serialFraction > 0.15, qPrintable(QString::number(all.serialFraction)));
    QCOMPARE(all.points, 7);
}

// An MPI farm's rank 0 deals and computes nothing once p > 1: its times follow Amdahl's law in p − 1 computing ranks
// (synthetic times here, f = 0.15). The series' fit knows it, says so in JSON, and reads it back.
void TestExperiment::farmFitCountsComputingRanks()
{
    const double t1 = 1.2;
    const double f = 0.15;
    QList<std::pair<int, double>> times { { 1, t1 } };
    for (int p = 2; p <= 6; ++p)
        times.append({ p, t1 * (f + (1 - f) / std::max(1, p - 1)) });
    const AmdahlFit farm = fitAmdahl(times, 0, 1);
    QVERIFY2(std::abs(farm.serialFraction - f) < 1e-12, qPrintable(QString::number(farm.serialFraction)));
    QCOMPARE(farm.points, 4); // p = 2 has one computing rank: nothing to learn about f from it
    QVERIFY(std::abs(farm.predict(2) - t1) < 1e-12);
    QVERIFY(std::abs(farm.predict(5) - times.at(4).second) < 1e-12);
    QVERIFY(farm.rmsResidual < 1e-12);
    const AmdahlFit naive = fitAmdahl(times); // as if every rank computed
    QVERIFY2(naive.serialFraction > f + 0.1, qPrintable(QString::number(naive.serialFraction)));
    QVERIFY(!fitAmdahl({ { 1, t1 }, { 2, t1 } }, 0, 1).valid()); // p = 1 and 2 only: no computing pair

    SweepResult r;
    r.spec.workload = QStringLiteral("pi");
    for (const ExecutorKind kind : { ExecutorKind::MpiFarm, ExecutorKind::MpiSpmd }) {
        SweepSeries series;
        series.index = int(r.series.size());
        series.executor = kind;
        for (const auto& [p, t] : times) {
            SweepPoint point;
            point.series = series.index;
            point.processes = p;
            point.executor = kind;
            point.wallSeconds = { t };
            point.median = point.min = point.max = t;
            series.points.append(point);
        }
        r.series.append(series);
    }
    r.recompute();
    QCOMPARE(r.series.at(0).amdahl.dealers, 1);
    QVERIFY(std::abs(r.series.at(0).amdahl.serialFraction - f) < 1e-12);
    QCOMPARE(r.series.at(1).amdahl.dealers, 0); // mpi-spmd: every rank computes
    QVERIFY(r.series.at(1).amdahl.serialFraction > f + 0.1);
    const QJsonObject json = r.toJson();
    QString error;
    const auto back = SweepResult::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->series.at(0).amdahl.dealers, 1);
    QVERIFY(std::abs(back->series.at(0).amdahl.predict(2) - t1) < 1e-12);
}

void TestExperiment::fitClampsAndNeedsBaseline()
{
    // Superlinear (cache effects) would give f < 0; slower with more processes f > 1.
    QCOMPARE(fitAmdahl({ { 1, 1.0 }, { 2, 0.4 }, { 4, 0.2 } }).serialFraction, 0.0);
    QCOMPARE(fitAmdahl({ { 1, 1.0 }, { 2, 1.5 }, { 4, 2.0 } }).serialFraction, 1.0);
    QVERIFY(!fitAmdahl({ { 2, 1.0 }, { 4, 0.6 } }).valid()); // no T1
    QVERIFY(!fitAmdahl({ { 1, 1.0 } }).valid()); // nothing beyond p = 1
    QVERIFY(!fitAmdahl({ { 1, 1.0 }, { 2, 0.5 }, { 3, 0.4 } }, 1).valid());
}

void TestExperiment::metricsOfAmdahlData()
{
    const double f = 0.2;
    const SweepResult r = syntheticResult(3.0, f, 6);
    const SweepSeries& s = r.series.first();
    QVERIFY(std::abs(s.amdahl.serialFraction - f) < 1e-12);
    for (const SweepPoint& p : s.points) {
        const double expected = 1 / (f + (1 - f) / p.processes);
        QVERIFY(std::abs(p.speedup - expected) < 1e-12);
        QVERIFY(std::abs(p.efficiency - expected / p.processes) < 1e-12);
        if (p.processes == 1) {
            QVERIFY(std::isnan(p.karpFlatt));
            QCOMPARE(p.speedup, 1.0);
        } else {
            // The Karp–Flatt metric of data that follows Amdahl's law is its serial fraction, at every p.
            QVERIFY2(std::abs(p.karpFlatt - f) < 1e-12,
                qPrintable(QStringLiteral("p = %1: e = %2").arg(p.processes).arg(p.karpFlatt)));
        }
    }
    QVERIFY(std::isnan(karpFlatt(2.0, 1)));
    QVERIFY(std::abs(karpFlatt(2.0, 2)) < 1e-15); // perfect speedup: no serial part
}

void TestExperiment::realSweepStreamsInOrder()
{
    SweepSpec spec;
    spec.workload = QStringLiteral("spin");
    spec.params = { { QStringLiteral("tasks"), 4 }, { QStringLiteral("ms"), 3.0 } };
    spec.processes = { 1, 2 };
    spec.executors = { ExecutorKind::Process, ExecutorKind::Thread };
    spec.repeats = 2;
    spec.warmup = 1;
    Experiment experiment;
    QList<std::pair<int, int>> order; // (series, p)
    QList<int> repeats;
    int seriesDone = 0;
    connect(&experiment, &Experiment::runFinished, this, [&](const RunReport& r) { repeats << r.repeat; });
    connect(&experiment, &Experiment::pointMeasured, this, [&](const SweepPoint& p) {
        QCOMPARE(p.wallSeconds.size(), 2);
        order.append({ p.series, p.processes });
    });
    connect(&experiment, &Experiment::seriesFinished, this, [&](const SweepSeries& s) {
        QCOMPARE(s.index, seriesDone);
        QCOMPARE(s.points.size(), 2);
        ++seriesDone;
    });
    QSignalSpy finished(&experiment, &Experiment::finished);
    const SweepResult r = experiment.run(spec);
    QVERIFY2(r.outcome == SweepResult::Outcome::Completed, qPrintable(r.error));
    QCOMPARE(finished.count(), 1);
    const QList<std::pair<int, int>> expectedOrder { { 0, 1 }, { 0, 2 }, { 1, 1 }, { 1, 2 } };
    QCOMPARE(order, expectedOrder);
    QCOMPARE(seriesDone, 2);
    QCOMPARE(repeats, (QList<int> { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2 })); // a warm-up before every point

    QCOMPARE(r.series.size(), 2);
    QCOMPARE(r.series.at(0).executor, ExecutorKind::Process);
    QCOMPARE(r.series.at(1).executor, ExecutorKind::Thread);
    for (const SweepSeries& s : r.series) {
        const double t1 = s.points.at(0).median;
        QVERIFY(t1 > 0.004); // 4 tasks of 3 ms on one worker
        for (const SweepPoint& p : s.points) {
            QVERIFY2(p.verified, "every run is checked against the serial computation");
            QCOMPARE(p.failedTasks, 0);
            QVERIFY(p.min <= p.median && p.median <= p.max);
            QCOMPARE(p.median, median(p.wallSeconds));
            QCOMPARE(p.startupSeconds, median(p.startupRuns));
            QVERIFY(p.startupSeconds >= 0);
            QCOMPARE(p.workers.size(), p.processes);
            // The metrics follow from the measured medians, as documented.
            QVERIFY(std::abs(p.speedup - t1 / p.median) < 1e-12);
            QVERIFY(std::abs(p.efficiency - p.speedup / p.processes) < 1e-12);
            if (p.processes > 1)
                QVERIFY(std::abs(p.karpFlatt - (1 / p.speedup - 0.5) / 0.5) < 1e-12);
            else
                QVERIFY(std::isnan(p.karpFlatt));
        }
        QVERIFY(s.amdahl.valid());
        QVERIFY(s.amdahl.serialFraction >= 0 && s.amdahl.serialFraction <= 1);
        // With two points the fit goes through both: f is the Karp–Flatt value at p = 2, clamped.
        QVERIFY(std::abs(s.amdahl.serialFraction - std::clamp(s.points.at(1).karpFlatt, 0.0, 1.0)) < 1e-9);
    }
    // forkserver by default, as in CPython 3.14, whose pool workers carry its name.
    QCOMPARE(r.series.at(0).points.at(1).workers.first().name.left(20), QStringLiteral("ForkServerPoolWorker"));
}

void TestExperiment::csvRoundTrip()
{
    SweepResult r = syntheticResult(0.5, 0.3, 4);
    SweepResult other = syntheticResult(0.8, 0.05, 3);
    other.series.first().index = 1;
    other.series.first().executor = ExecutorKind::Thread;
    other.series.first().chunksize = 4;
    r.series.append(other.series.first());
    r.recompute();
    const QString csv = r.toCsv();
    QString error;
    const auto back = SweepResult::fromCsv(csv, &error);
    QVERIFY2(back, qPrintable(error));
    compareResults(r, *back);
    QCOMPARE(back->series.at(1).chunksize, 4);
    QCOMPARE(back->toCsv(), csv);

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("sweep.csv"));
    QVERIFY2(r.save(file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), csv);

    QVERIFY(!SweepResult::fromCsv(QStringLiteral("a,b\n1,2\n"), &error));
    QVERIFY(!error.isEmpty());
}

void TestExperiment::jsonRoundTrip()
{
    const SweepResult r = syntheticResult(1.25, 0.15, 5);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("sweep.json"));
    QString error;
    QVERIFY2(r.save(file, &error), qPrintable(error));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    QVERIFY(doc.isObject());
    // NaN (Karp–Flatt at p = 1) is written as null, never as an invalid number.
    QVERIFY(
        doc.object()[QStringLiteral("series")][0][QStringLiteral("points")][0][QStringLiteral("karp_flatt")].isNull());
    const auto back = SweepResult::fromJson(doc.object(), &error);
    QVERIFY2(back, qPrintable(error));
    compareResults(r, *back);
    QCOMPARE(back->spec.workload, r.spec.workload);
    QCOMPARE(back->spec.processes, r.spec.processes);
    QCOMPARE(back->spec.repeats, 3);
    QCOMPARE(back->series.first().points.first().workers.first().pid, qint64(4711));
    QCOMPARE(back->toJson(), r.toJson());
    QVERIFY(!SweepResult::fromJson(QJsonObject { { QStringLiteral("format"), QStringLiteral("other") } }, &error));
}

void TestExperiment::validateRefusesBadSpecs()
{
    SweepSpec spec;
    spec.workload = QStringLiteral("spin");
    QVERIFY(Experiment::validate(spec).isEmpty());
    spec.processes = { 2, 1 };
    QVERIFY(!Experiment::validate(spec).isEmpty());
    spec.processes = {};
    QVERIFY(!Experiment::validate(spec).isEmpty());
    spec.processes = { 1 };
    spec.repeats = 0;
    QVERIFY(!Experiment::validate(spec).isEmpty());
    spec.repeats = 1;
    spec.workload = QStringLiteral("nosuch");
    QVERIFY(!Experiment::validate(spec).isEmpty());
    Experiment experiment;
    const SweepResult r = experiment.run(spec); // refused before any process starts
    QVERIFY2(r.outcome == SweepResult::Outcome::Failed, qPrintable(toString(r.outcome)));
    QVERIFY(r.error.contains(QLatin1String("nosuch")));
}

void TestExperiment::cancelBetweenRuns()
{
    SweepSpec spec;
    spec.workload = QStringLiteral("spin");
    spec.params = { { QStringLiteral("tasks"), 2 }, { QStringLiteral("ms"), 2.0 } };
    spec.processes = { 1, 2, 3 };
    spec.repeats = 3;
    Experiment experiment;
    int runs = 0;
    connect(&experiment, &Experiment::runFinished, this, [&] {
        if (++runs == 2)
            experiment.cancel();
    });
    QSignalSpy points(&experiment, &Experiment::pointMeasured);
    const SweepResult r = experiment.run(spec);
    QVERIFY2(r.outcome == SweepResult::Outcome::Cancelled, qPrintable(toString(r.outcome)));
    QCOMPARE(runs, 2);
    QCOMPARE(points.count(), 0);
}

void TestExperiment::cancelDuringRun()
{
    // One process, 40 tasks of 50 ms: 2 s if nobody stops it.
    SweepSpec spec;
    spec.workload = QStringLiteral("spin");
    spec.params = { { QStringLiteral("tasks"), 40 }, { QStringLiteral("ms"), 50.0 } };
    spec.processes = { 1, 2 };
    Experiment experiment;
    // Cancelled as soon as the first measurement runs: the sweep stops inside it (no point lands) rather than
    // after it. Waits for the event, not for the clock (a busy machine may take any time to get there).
    bool started = false;
    connect(&experiment, &Experiment::measurementStarted, this, [&] { started = true; });
    experiment.setCancelCheck([&] { return started; });
    QSignalSpy points(&experiment, &Experiment::pointMeasured);
    const SweepResult r = experiment.run(spec);
    QVERIFY2(r.outcome == SweepResult::Outcome::Cancelled, qPrintable(toString(r.outcome)));
    QCOMPARE(points.count(), 0);
    QVERIFY(r.series.isEmpty() || r.series.first().points.isEmpty());
}

void TestExperiment::cliSweep()
{
    const QString cli = qEnvironmentVariable("PROCLAB_CLI");
    if (cli.isEmpty())
        QSKIP("PROCLAB_CLI is not set (run through ctest)");
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("s.csv"));
    QProcess p;
    p.start(cli,
        { QStringLiteral("sweep"), QStringLiteral("spin"), QStringLiteral("--set"), QStringLiteral("tasks=2"),
            QStringLiteral("--set"), QStringLiteral("ms=2"), QStringLiteral("-p"), QStringLiteral("1..2"),
            QStringLiteral("--repeats"), QStringLiteral("1"), QStringLiteral("--warmup"), QStringLiteral("0"),
            QStringLiteral("--executor"), QStringLiteral("thread,serial"), QStringLiteral("--csv"), csv,
            QStringLiteral("--json") });
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QString error;
    const auto r = SweepResult::fromJson(o, &error);
    QVERIFY2(r, qPrintable(error));
    QCOMPARE(r->series.size(), 2);
    QCOMPARE(r->series.at(1).executor, ExecutorKind::Serial);
    QCOMPARE(r->series.at(0).points.size(), 2);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto fromCsv = SweepResult::fromCsv(QString::fromUtf8(f.readAll()), &error);
    QVERIFY2(fromCsv, qPrintable(error));
    compareResults(*r, *fromCsv);

    // --size: a series per problem size, after the executors.
    p.start(cli,
        { QStringLiteral("sweep"), QStringLiteral("spin"), QStringLiteral("--set"), QStringLiteral("ms=1"),
            QStringLiteral("-p"), QStringLiteral("1"), QStringLiteral("--repeats"), QStringLiteral("1"),
            QStringLiteral("--warmup"), QStringLiteral("0"), QStringLiteral("--executor"), QStringLiteral("thread"),
            QStringLiteral("--size"), QStringLiteral("tasks=2,3"), QStringLiteral("--json") });
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const auto sized = SweepResult::fromJson(QJsonDocument::fromJson(p.readAllStandardOutput()).object(), &error);
    QVERIFY2(sized, qPrintable(error));
    QCOMPARE(sized->series.size(), 2);
    QCOMPARE(sized->series.at(1).label(), QStringLiteral("thread, tasks=3"));
    QCOMPARE(sized->series.at(1).points.first().workers.first().tasks, 3);
}

void TestExperiment::cliSweepBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no-workload") << QStringList {};
    QTest::newRow("unknown-workload") << QStringList { QStringLiteral("nosuch") };
    QTest::newRow("processes") << QStringList { QStringLiteral("spin"), QStringLiteral("-p"), QStringLiteral("3..1") };
    QTest::newRow("executor") << QStringList { QStringLiteral("spin"), QStringLiteral("--executor"),
        QStringLiteral("process,gpu") };
    QTest::newRow("chunksize") << QStringList { QStringLiteral("spin"), QStringLiteral("--chunksize"),
        QStringLiteral("1,x") };
    QTest::newRow("size") << QStringList { QStringLiteral("spin"), QStringLiteral("--size"),
        QStringLiteral("tasks=4,0") };
    QTest::newRow("size-values") << QStringList { QStringLiteral("spin"), QStringLiteral("--size"),
        QStringLiteral("tasks") };
    QTest::newRow("repeats") << QStringList { QStringLiteral("spin"), QStringLiteral("--repeats"),
        QStringLiteral("0") };
    QTest::newRow("param") << QStringList { QStringLiteral("spin"), QStringLiteral("--set"), QStringLiteral("nope=1") };
    QTest::newRow("weak-not-a-size") << QStringList { QStringLiteral("pi"), QStringLiteral("--weak"),
        QStringLiteral("seed") };
    QTest::newRow("weak-unknown") << QStringList { QStringLiteral("pi"), QStringLiteral("--weak"),
        QStringLiteral("nope") };
    QTest::newRow("weak-too-big") << QStringList { QStringLiteral("matmul"), QStringLiteral("--set"),
        QStringLiteral("n=8000"), QStringLiteral("--weak"), QStringLiteral("n"), QStringLiteral("-p"),
        QStringLiteral("1..2") };
}

void TestExperiment::cliSweepBadInput()
{
    QFETCH(QStringList, args);
    const QString cli = qEnvironmentVariable("PROCLAB_CLI");
    if (cli.isEmpty())
        QSKIP("PROCLAB_CLI is not set (run through ctest)");
    QProcess p;
    p.start(cli, QStringList { QStringLiteral("sweep") } + args);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(err.count('\n'), 1);
    QVERIFY(p.readAllStandardOutput().isEmpty());
}

void TestExperiment::sizeIsASweepDimension()
{
    SweepSpec spec;
    spec.workload = QStringLiteral("spin");
    spec.params = { { QStringLiteral("tasks"), 4 }, { QStringLiteral("ms"), 2.0 } };
    spec.processes = { 1, 2 };
    spec.executors = { ExecutorKind::Thread };
    spec.chunksizes = { 0, 2 };
    spec.sizeParam = QStringLiteral("tasks");
    spec.sizeValues = { QStringLiteral("2"), QStringLiteral("6") };
    const QList<SweepSeries> planned = plannedSeries(spec);
    QStringList labels;
    for (const SweepSeries& s : planned)
        labels << s.label();
    QCOMPARE(labels,
        (QStringList { QStringLiteral("thread, tasks=2"), QStringLiteral("thread, tasks=6"),
            QStringLiteral("thread, chunksize 2, tasks=2"), QStringLiteral("thread, chunksize 2, tasks=6") }));

    // Every series really runs its own size: the workers' task counts add up to it.
    Experiment experiment;
    const SweepResult r = experiment.run(spec);
    QVERIFY2(r.outcome == SweepResult::Outcome::Completed, qPrintable(r.error));
    QCOMPARE(r.series.size(), 4);
    for (const SweepSeries& s : r.series) {
        QCOMPARE(s.size, planned.at(s.index).size);
        const qint64 tasks = s.size.section(QLatin1Char('='), 1).toLongLong();
        for (const SweepPoint& p : s.points) {
            QVERIFY(p.verified);
            qint64 ran = 0;
            for (const WorkerStat& w : p.workers)
                ran += w.tasks;
            QCOMPARE(ran, tasks);
        }
    }

    // Both formats keep the size; CSV written before the size column still reads.
    QString error;
    const auto fromJson = SweepResult::fromJson(r.toJson(), &error);
    QVERIFY2(fromJson, qPrintable(error));
    QCOMPARE(fromJson->spec.sizeParam, spec.sizeParam);
    QCOMPARE(fromJson->spec.sizeValues, spec.sizeValues);
    const auto fromCsv = SweepResult::fromCsv(r.toCsv(), &error);
    QVERIFY2(fromCsv, qPrintable(error));
    for (const auto* back : { &*fromJson, &*fromCsv }) {
        compareResults(r, *back);
        for (qsizetype i = 0; i < r.series.size(); ++i)
            QCOMPARE(back->series.at(i).label(), r.series.at(i).label());
    }
    QString old = syntheticResult(0.5, 0.2, 2).toCsv();
    old.replace(QLatin1String("startup_runs_s,size\n"), QLatin1String("startup_runs_s\n"));
    old.replace(QLatin1String("\",\n"), QLatin1String("\"\n")); // the empty size field of every row
    const auto fromOld = SweepResult::fromCsv(old, &error);
    QVERIFY2(fromOld, qPrintable(error));
    QCOMPARE(fromOld->series.first().size, QString());

    spec.sizeValues = { QStringLiteral("0") };
    QVERIFY(Experiment::validate(spec).startsWith(QLatin1String("problem size: tasks=0")));
    spec.sizeParam = QStringLiteral("nope");
    spec.sizeValues = { QStringLiteral("3") };
    QVERIFY(Experiment::validate(spec).contains(QLatin1String("unknown parameter 'nope'")));
}

void TestExperiment::gustafsonFitRecoversKnownFraction()
{
    // Wall times that follow Gustafson's law exactly: T(p) = T1 p / (p - s (p - 1)).
    for (const double known : { 0.0, 0.1, 0.5, 1.0 }) {
        QList<std::pair<int, double>> times;
        for (int p = 1; p <= 6; ++p)
            times.append({ p, 2.0 * p / (p - known * (p - 1)) });
        const AmdahlFit fit = fitGustafson(times);
        QCOMPARE(fit.law, AmdahlFit::Law::Gustafson);
        QVERIFY(fit.valid());
        QVERIFY2(std::abs(fit.serialFraction - known) < 1e-12, qPrintable(QString::number(fit.serialFraction)));
        QCOMPARE(fit.points, 5);
        QVERIFY(fit.rmsResidual < 1e-12);
        QVERIFY(std::abs(fit.predict(6) - times.last().second) < 1e-12);
    }
    QVERIFY(!fitGustafson({ { 2, 1.0 }, { 4, 1.1 } }).valid()); // no T1
    QCOMPARE(fitGustafson({ { 1, 1.0 }, { 2, 0.9 } }).serialFraction, 0.0); // better than flat: clamped
}

void TestExperiment::weakScalingGrowsTheProblem()
{
    // How each law grows a parameter: linear work is multiplied by p, matmul's n³ by the cube root of p.
    const Workload* matmul = findWorkload(QStringLiteral("matmul"));
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    QVERIFY(matmul && pi);
    QString error;
    const auto grown = weakParams(*matmul, { { QStringLiteral("n"), 512 } }, QStringLiteral("n"), 4, &error);
    QVERIFY2(grown, qPrintable(error));
    QCOMPARE(grown->value(QStringLiteral("n")).toLongLong(), 813); // 512 · 4^(1/3) = 812.75
    QCOMPARE(weakLaw(*matmul, QStringLiteral("n")), QStringLiteral("n × p^(1/3)"));
    QCOMPARE(weakLaw(*pi, QStringLiteral("samples")), QStringLiteral("samples × p"));
    QVERIFY(weakLaw(*pi, QStringLiteral("seed")).isEmpty());
    QVERIFY(!weakParams(*pi, pi->defaults(), QStringLiteral("seed"), 2, &error));
    QVERIFY2(error.contains(QLatin1String("samples")), qPrintable(error)); // says what can grow

    // A real weak sweep: every point runs its own grown problem, the workers' task counts add up to it.
    SweepSpec spec;
    spec.workload = QStringLiteral("spin");
    spec.params = { { QStringLiteral("tasks"), 2 }, { QStringLiteral("ms"), 1.0 } };
    spec.processes = { 1, 2, 3 };
    spec.executors = { ExecutorKind::Thread };
    spec.weakParam = QStringLiteral("tasks");
    QCOMPARE(plannedSeries(spec).first().label(), QStringLiteral("thread, weak: tasks × p"));
    Experiment experiment;
    const SweepResult r = experiment.run(spec);
    QVERIFY2(r.outcome == SweepResult::Outcome::Completed, qPrintable(r.error));
    const SweepSeries& series = r.series.first();
    QCOMPARE(series.weak, QStringLiteral("tasks × p"));
    QCOMPARE(series.amdahl.law, AmdahlFit::Law::Gustafson);
    QCOMPARE(series.points.size(), 3);
    const double t1 = series.points.first().median;
    for (const SweepPoint& p : series.points) {
        QVERIFY(p.verified);
        QCOMPARE(p.size, QStringLiteral("tasks=%1").arg(2 * p.processes));
        qint64 ran = 0;
        for (const WorkerStat& w : p.workers)
            ran += w.tasks;
        QCOMPARE(ran, 2 * p.processes);
        // Weak metrics, from whatever was measured: efficiency T1 / T(p), scaled speedup p times that.
        QVERIFY(sameNumber(p.efficiency, t1 / p.median));
        QVERIFY(sameNumber(p.speedup, p.processes * t1 / p.median));
        QVERIFY(std::isnan(p.karpFlatt));
    }

    // Both formats keep the weak series, each point's size and the law of the fit.
    const QJsonObject json = r.toJson();
    QCOMPARE(json[QStringLiteral("spec")][QStringLiteral("scaling")].toString(), QStringLiteral("weak"));
    QVERIFY(json[QStringLiteral("series")][0][QStringLiteral("gustafson")].isObject());
    QVERIFY(json[QStringLiteral("series")][0][QStringLiteral("amdahl")].isUndefined());
    const auto fromJson = SweepResult::fromJson(json, &error);
    QVERIFY2(fromJson, qPrintable(error));
    const auto fromCsv = SweepResult::fromCsv(r.toCsv(), &error);
    QVERIFY2(fromCsv, qPrintable(error));
    for (const auto* back : { &*fromJson, &*fromCsv }) {
        compareResults(r, *back);
        QCOMPARE(back->spec.weakParam, spec.weakParam);
        QCOMPARE(back->series.first().label(), series.label());
        QCOMPARE(back->series.first().amdahl.law, AmdahlFit::Law::Gustafson);
        for (qsizetype i = 0; i < series.points.size(); ++i)
            QCOMPARE(back->series.first().points.at(i).size, series.points.at(i).size);
    }

    // Refused: a parameter that is no size, a program's sweep, a problem too big at the largest p.
    spec.weakParam = QStringLiteral("seed");
    QVERIFY(!Experiment::validate(spec).isEmpty());
    spec.weakParam = QStringLiteral("tasks");
    spec.params.insert(QStringLiteral("tasks"), 5'000'000);
    QVERIFY(Experiment::validate(spec).contains(QLatin1String("p = 3")));

    // The command line: --weak, and the JSON says so.
    const QString cli = qEnvironmentVariable("PROCLAB_CLI");
    if (cli.isEmpty())
        QSKIP("PROCLAB_CLI is not set (run through ctest)");
    QProcess p;
    p.start(cli,
        { QStringLiteral("sweep"), QStringLiteral("pi"), QStringLiteral("--set"), QStringLiteral("samples=20000"),
            QStringLiteral("--set"), QStringLiteral("tasks=4"), QStringLiteral("-p"), QStringLiteral("1..2"),
            QStringLiteral("--repeats"), QStringLiteral("1"), QStringLiteral("--warmup"), QStringLiteral("0"),
            QStringLiteral("--weak"), QStringLiteral("samples"), QStringLiteral("--json") });
    QVERIFY(p.waitForFinished(60000));
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitCode() == 0, err.constData());
    QVERIFY2(err.contains("weak scaling: samples × p"), err.constData());
    QVERIFY2(err.contains("Gustafson serial fraction"), err.constData());
    const auto cliResult = SweepResult::fromJson(QJsonDocument::fromJson(p.readAllStandardOutput()).object(), &error);
    QVERIFY2(cliResult, qPrintable(error));
    QCOMPARE(cliResult->series.first().points.at(1).size, QStringLiteral("samples=40000"));
}

QTEST_GUILESS_MAIN(TestExperiment)
#include "tst_experiment.moc"
