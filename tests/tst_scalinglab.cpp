// qcp.h has to come first (it needs Qt's foreach before any other Qt header hides it): see ui/qcp.h.
#include "qcp.h"

#include "scalinglab.h"
#include "scalingplot.h"
#include "testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QSet>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>
#include <functional>

using namespace proclab;

namespace {

constexpr quint64 job = 7;
constexpr int maxP = 4;
constexpr int repeats = 3;

// Known numbers: two series whose medians follow Amdahl's law exactly, with serial fractions 0.1 (a process pool)
// and 0.9 (threads that share a GIL), and repeats 2 % below and 3 % above each median.
const double t1s[] = { 0.8, 0.6 };
const double fractions[] = { 0.1, 0.9 };

double amdahl(int series, int p)
{
    return t1s[series] * (fractions[series] + (1 - fractions[series]) / p);
}

// The sweep as `proclab-cli sweep --json` writes it, built by hand.
QJsonObject recordedJson()
{
    QJsonArray series;
    const char* executors[] = { "process", "gil-thread" };
    for (int s = 0; s < 2; ++s) {
        QJsonArray points;
        for (int p = 1; p <= maxP; ++p) {
            const double t = amdahl(s, p);
            points.append(QJsonObject { { QStringLiteral("processes"), p }, { QStringLiteral("chunksize"), 1 },
                { QStringLiteral("median_s"), t }, { QStringLiteral("min_s"), t * 0.98 },
                { QStringLiteral("max_s"), t * 1.03 }, { QStringLiteral("startup_s"), 0.012 },
                { QStringLiteral("verified"), true }, { QStringLiteral("failed_tasks"), 0 },
                { QStringLiteral("runs_s"), QJsonArray { t * 0.98, t, t * 1.03 } },
                { QStringLiteral("startup_runs_s"), QJsonArray { 0.011, 0.012, 0.013 } } });
        }
        series.append(QJsonObject { { QStringLiteral("index"), s },
            { QStringLiteral("executor"), QString::fromLatin1(executors[s]) }, { QStringLiteral("chunksize"), 0 },
            { QStringLiteral("points"), points } });
    }
    const QJsonObject spec { { QStringLiteral("workload"), QStringLiteral("spin") },
        { QStringLiteral("params"), QJsonObject { { QStringLiteral("tasks"), 8 }, { QStringLiteral("ms"), 40 } } },
        { QStringLiteral("processes"), QJsonArray { 1, 2, 3, 4 } },
        { QStringLiteral("executors"), QJsonArray { QStringLiteral("process"), QStringLiteral("gil-thread") } },
        { QStringLiteral("chunksizes"), QJsonArray { 0 } }, { QStringLiteral("repeats"), repeats } };
    return { { QStringLiteral("format"), QStringLiteral("proclab-sweep") }, { QStringLiteral("version"), 1 },
        { QStringLiteral("spec"), spec }, { QStringLiteral("series"), series } };
}

SweepResult recorded()
{
    QString error;
    auto r = SweepResult::fromJson(recordedJson(), &error);
    if (!r)
        qFatal("the recorded sweep does not parse: %s", qPrintable(error));
    r->spec.id = job;
    r->recompute(); // speedups and fits from the medians, as the experiment streams them
    return *r;
}

// Feeds a finished result as the window does during a sweep: every run, then its point, series after series.
// `until` points at most (-1: all of them); `landed` is called after each point with the number so far.
void feed(ScalingLab* lab, const SweepResult& r, int until = -1, bool begin = true,
    const std::function<void(int)>& landed = {})
{
    if (begin)
        lab->beginSweep(r.spec, QStringLiteral("spin (tasks=8, ms=40)"));
    int fed = 0;
    for (const SweepSeries& s : r.series) {
        for (SweepPoint p : s.points) {
            if (until >= 0 && fed >= until)
                return;
            for (int k = 1; k <= int(p.wallSeconds.size()); ++k) {
                RunReport run;
                run.job = r.spec.id;
                run.series = s.index;
                run.processes = p.processes;
                run.repeat = k;
                run.repeats = int(p.wallSeconds.size());
                run.wallSeconds = p.wallSeconds.at(k - 1);
                lab->addRun(run);
            }
            p.job = r.spec.id;
            p.series = s.index;
            lab->addPoint(p);
            ++fed;
            if (landed)
                landed(fed);
        }
    }
}

QList<std::pair<int, double>> medians(const SweepSeries& s)
{
    QList<std::pair<int, double>> out;
    for (const SweepPoint& p : s.points)
        out.append({ p.processes, p.median });
    return out;
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

} // namespace

class TestScalingLab : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void pointsLandOneByOne();
    void graphsInEveryView_data();
    void graphsInEveryView();
    void seriesCanBeHidden();
    void legendClickTogglesASeries();
    void overlaysSurviveARestart();
    void predictFirst();
    void toolTipOfAPoint();
    void shortPlotKeepsItsAxes();
    void breakdownViewShowsEverySeries();
    void exportWritesEveryFormat_data();
    void exportWritesEveryFormat();
    void progressReachesTheEnd();
    void realSweepPointByPoint();

private:
    QTemporaryDir m_settingsDir;
};

void TestScalingLab::initTestCase()
{
    // Settings (the overlays) in a directory of the test's own, never the user's.
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("ProcLabTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_scalinglab"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestScalingLab::init()
{
    QSettings().clear();
}

void TestScalingLab::pointsLandOneByOne()
{
    ScalingLab lab;
    const SweepResult r = recorded();
    lab.beginSweep(r.spec, QStringLiteral("spin"));
    // Both series are on the plot before any point: named, empty.
    QCOMPARE(lab.result().series.size(), 2);
    QVERIFY(lab.plot()->measuredGraph(0) && lab.plot()->measuredGraph(1));
    QCOMPARE(lab.plot()->measuredGraph(1)->name(), QStringLiteral("gil-thread"));
    QCOMPARE(lab.plot()->measuredGraph(0)->dataCount(), 0);
    int checked = 0;
    feed(&lab, r, -1, false, [&](int n) {
        const int s = (n - 1) / maxP;
        const int inSeries = (n - 1) % maxP + 1;
        QCOMPARE(lab.plot()->measuredGraph(s)->dataCount(), inSeries);
        QCOMPARE(lab.plot()->measuredGraph(s)->data()->at(inSeries - 1)->key, double(inSeries));
        // The fit follows every point, and it is the core's least-squares fit of the medians so far.
        const AmdahlFit fit = fitAmdahl(medians(lab.result().series.at(s)));
        QCOMPARE(lab.plot()->serialFraction(s), fit.serialFraction);
        if (inSeries >= 2) {
            QVERIFY(lab.plot()->amdahlGraph(s));
            QVERIFY2(near(fit.serialFraction, fractions[s]), qPrintable(QString::number(fit.serialFraction)));
        } else {
            QVERIFY(!lab.plot()->amdahlGraph(s)); // nothing to fit with p = 1 alone
        }
        ++checked;
    });
    QCOMPARE(checked, 2 * maxP);
}

void TestScalingLab::graphsInEveryView_data()
{
    QTest::addColumn<ScalingPlot::View>("view");
    QTest::newRow("wall") << ScalingPlot::View::WallTime;
    QTest::newRow("speedup") << ScalingPlot::View::Speedup;
    QTest::newRow("efficiency") << ScalingPlot::View::Efficiency;
}

void TestScalingLab::graphsInEveryView()
{
    QFETCH(ScalingPlot::View, view);
    ScalingLab lab;
    lab.setView(view);
    feed(&lab, recorded());
    ScalingPlot* plot = lab.plot();
    for (int s = 0; s < 2; ++s) {
        const double t1 = t1s[s];
        // y of a wall time in this view: seconds, T1 / t, or 100 T1 / (t p).
        const auto y = [&](double t, int p) {
            return view == ScalingPlot::View::WallTime ? t
                : view == ScalingPlot::View::Speedup   ? t1 / t
                                                       : 100 * t1 / t / p;
        };
        QCPGraph* measured = plot->measuredGraph(s);
        QCPErrorBars* bars = plot->errorBars(s);
        QCOMPARE(measured->dataCount(), maxP);
        QVERIFY(bars->visible());
        QCOMPARE(bars->dataCount(), maxP);
        for (int p = 1; p <= maxP; ++p) {
            const double t = amdahl(s, p);
            const double value = measured->data()->at(p - 1)->value;
            QCOMPARE(measured->data()->at(p - 1)->key, double(p));
            QVERIFY2(near(value, y(t, p)), qPrintable(QStringLiteral("series %1 p %2: %3").arg(s).arg(p).arg(value)));
            // Error bars span the fastest and slowest repeat; in the ratio views the fastest run is the highest.
            const double low = view == ScalingPlot::View::WallTime ? y(t * 0.98, p) : y(t * 1.03, p);
            const double high = view == ScalingPlot::View::WallTime ? y(t * 1.03, p) : y(t * 0.98, p);
            QVERIFY(near(bars->data()->at(p - 1).errorMinus, value - low));
            QVERIFY(near(bars->data()->at(p - 1).errorPlus, high - value));
        }
        // The Amdahl curve of the fit, and the ideal curve, at p = 3 (sampled every 0.05 from p = 1).
        QCPGraph* fit = plot->amdahlGraph(s);
        QVERIFY2(fit->name().contains(QStringLiteral("s = %1").arg(fractions[s])), qPrintable(fit->name()));
        QCOMPARE(fit->name().left(fit->name().indexOf(QLatin1Char(':'))), lab.result().series.at(s).label());
        const int at3 = 40;
        QVERIFY(near(fit->data()->at(at3)->key, 3));
        QVERIFY(near(fit->data()->at(at3)->value, y(amdahl(s, 3), 3)));
        QCPGraph* ideal = plot->idealGraph(s);
        QVERIFY(ideal);
        QVERIFY(near(ideal->data()->at(at3)->value,
            view == ScalingPlot::View::WallTime      ? t1 / 3
                : view == ScalingPlot::View::Speedup ? 3.0
                                                     : 100.0));
    }
    // Ideal speedup and efficiency are the same for every series: one curve, one legend entry.
    QCOMPARE(plot->idealGraph(0) == plot->idealGraph(1), view != ScalingPlot::View::WallTime);
    QVERIFY(plot->plot()->legend->hasItemWithPlottable(plot->idealGraph(0)));
    QVERIFY(!plot->plot()->legend->hasItemWithPlottable(plot->idealGraph(1)) || view != ScalingPlot::View::WallTime);
    // The fit is in the legend: an entry of its own, or (a legend short of room) in its series' entry.
    QVERIFY(plot->plot()->legend->hasItemWithPlottable(plot->amdahlGraph(1))
        || (plot->plot()->legend->hasItemWithPlottable(plot->measuredGraph(1))
            && plot->measuredGraph(1)->name() == plot->amdahlGraph(1)->name()));
}

void TestScalingLab::seriesCanBeHidden()
{
    ScalingLab lab;
    feed(&lab, recorded());
    lab.plot()->setSeriesVisible(1, false);
    QVERIFY(lab.plot()->measuredGraph(0));
    QVERIFY(!lab.plot()->measuredGraph(1));
    QVERIFY(!lab.plot()->amdahlGraph(1));
    QCOMPARE(lab.result().series.at(1).points.size(), maxP); // hidden, not forgotten
    lab.plot()->setSeriesVisible(1, true);
    QCOMPARE(lab.plot()->measuredGraph(1)->dataCount(), maxP);
    lab.plot()->setSeriesVisible(0, false);
    lab.beginSweep(recorded().spec, QStringLiteral("spin")); // a new sweep shows all its series
    QVERIFY(lab.plot()->isSeriesVisible(0));
    QVERIFY(lab.plot()->measuredGraph(0));
}

// A click on a series' legend entry hides it; its greyed entry stays, and a click on that shows it again.
void TestScalingLab::legendClickTogglesASeries()
{
    ScalingLab lab;
    lab.resize(1000, 700);
    lab.show();
    feed(&lab, recorded());
    lab.plot()->replotNow();
    QCustomPlot* plot = lab.plot()->plot();
    QCPPlottableLegendItem* entry = plot->legend->itemWithPlottable(lab.plot()->measuredGraph(1));
    QVERIFY(entry);
    QTest::mouseClick(plot, Qt::LeftButton, {}, entry->rect().center());
    QTRY_VERIFY(!lab.plot()->isSeriesVisible(1));
    QVERIFY(!lab.plot()->measuredGraph(1));
    lab.plot()->replotNow();
    QCPPlottableLegendItem* stub = nullptr;
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i));
        if (item && item->plottable()->name().endsWith(QStringLiteral("(hidden)")))
            stub = item;
    }
    QVERIFY2(stub, "a hidden series keeps a legend entry");
    QTest::mouseClick(plot, Qt::LeftButton, {}, stub->rect().center());
    QTRY_VERIFY(lab.plot()->isSeriesVisible(1));
    QCOMPARE(lab.plot()->measuredGraph(1)->dataCount(), maxP);

    // A title longer than the plot is wide ends in an ellipsis; the full text is kept.
    const QString longTitle = QStringLiteral("spin (tasks=8, ms=40, serial_ms=0) ").repeated(8);
    lab.plot()->setTitle(longTitle, QString());
    QCOMPARE(lab.plot()->title(), longTitle);
    auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
    QVERIFY(title);
    QVERIFY2(title->text().endsWith(QChar(0x2026)), qPrintable(title->text()));
    QVERIFY(QFontMetrics(title->font()).horizontalAdvance(title->text()) <= plot->width());
}

void TestScalingLab::overlaysSurviveARestart()
{
    const SweepResult r = recorded();
    {
        ScalingLab lab;
        QVERIFY(!lab.keepAsOverlay()); // nothing measured yet
        feed(&lab, r);
        QVERIFY(lab.keepAsOverlay());
        QCOMPARE(lab.overlays().size(), 1);
        // Drawn under the new run: one dashed graph per series of the overlay.
        lab.beginSweep(r.spec, QStringLiteral("spin again"));
        const QList<QCPGraph*>& graphs = lab.plot()->overlayGraphs();
        QCOMPARE(graphs.size(), 2);
        QCOMPARE(graphs.at(1)->pen().style(), Qt::DashLine);
        QVERIFY(graphs.at(1)->name().startsWith(QStringLiteral("spin (tasks=8, ms=40) · gil-thread (")));
        for (int p = 1; p <= maxP; ++p)
            QVERIFY(near(graphs.at(1)->data()->at(p - 1)->value, amdahl(1, p)));
    }
    // A restart: the overlay is read back from the settings with its data.
    ScalingLab again;
    QCOMPARE(again.overlays().size(), 1);
    const SweepOverlay& o = again.overlays().first();
    QCOMPARE(o.label, QStringLiteral("spin (tasks=8, ms=40)"));
    QVERIFY(o.taken.isValid());
    QCOMPARE(o.result.series.size(), 2);
    for (int s = 0; s < 2; ++s) {
        for (int p = 1; p <= maxP; ++p)
            QVERIFY(near(o.result.series.at(s).points.at(p - 1).median, amdahl(s, p)));
        QVERIFY(near(o.result.series.at(s).amdahl.serialFraction, fractions[s]));
    }
    QCOMPARE(again.plot()->overlayGraphs().size(), 2);

    // Bounded: the oldest goes. Removing and clearing are saved too.
    feed(&again, r);
    for (int i = 0; i < ScalingLab::maxOverlays + 2; ++i)
        QVERIFY(again.keepAsOverlay());
    QCOMPARE(again.overlays().size(), ScalingLab::maxOverlays);
    again.removeOverlay(0);
    QCOMPARE(ScalingLab().overlays().size(), ScalingLab::maxOverlays - 1);
    again.clearOverlays();
    QCOMPARE(ScalingLab().overlays().size(), 0);
    QCOMPARE(again.plot()->overlayGraphs().size(), 0);
}

void TestScalingLab::predictFirst()
{
    ScalingLab lab;
    lab.prepare(maxP);
    QVERIFY(lab.readyToRun()); // without predict-first nothing is asked
    lab.setPredictMode(true);
    QString why;
    QVERIFY(!lab.readyToRun(&why));
    QVERIFY2(why.contains(QLatin1String("p = 2, 3, 4")), qPrintable(why));

    // Typed in the table as a student would, and set from code.
    QTableWidget* table = lab.predictionTable();
    QCOMPARE(table->rowCount(), maxP);
    QVERIFY(!(table->item(0, 0)->flags() & Qt::ItemIsEditable)); // p = 1 is 1× by definition
    table->item(1, 0)->setText(QStringLiteral("1.8"));
    lab.setPrediction(3, 2.7);
    QVERIFY(!lab.readyToRun(&why));
    QVERIFY(why.contains(QLatin1String("p = 4")));
    table->item(3, 0)->setText(QStringLiteral("nonsense"));
    QVERIFY(!lab.readyToRun());
    table->item(3, 0)->setText(QStringLiteral("3.5"));
    QVERIFY(lab.readyToRun());
    const QMap<int, double> expected { { 2, 1.8 }, { 3, 2.7 }, { 4, 3.5 } };
    QCOMPARE(lab.predictions(), expected);

    feed(&lab, recorded());
    // Every series is compared with the guess. Measured speedups of the process pool: 1/(0.1 + 0.9/p) = 1.82,
    // 2.5, 3.08; of the threads behind a GIL: 1/(0.9 + 0.1/p) = 1.05, 1.07, 1.08.
    QCOMPARE(lab.verdict(2),
        QStringLiteral("you expected 1.8×, measured: process 1.8×, close!; gil-thread 1.1×, less than you thought"));
    QCOMPARE(lab.verdict(4),
        QStringLiteral("you expected 3.5×, measured: process 3.1×, less than you thought; gil-thread 1.1×, less "
                       "than you thought"));
    QCOMPARE(table->item(3, 2)->text(),
        QStringLiteral("process 3.1×, less than you thought\ngil-thread 1.1×, less than you thought"));
    QCOMPARE(table->item(3, 1)->text(), QStringLiteral("3.08× · 1.08×"));

    // Drawn against the measurement in every view.
    lab.setView(ScalingPlot::View::Speedup);
    QCPGraph* predicted = lab.plot()->predictionGraph();
    QVERIFY(predicted);
    QCOMPARE(predicted->dataCount(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(predicted->data()->at(i)->key, double(i + 2));
        QCOMPARE(predicted->data()->at(i)->value, expected.value(i + 2));
    }
    lab.setView(ScalingPlot::View::WallTime);
    QVERIFY(near(lab.plot()->predictionGraph()->data()->at(2)->value, t1s[0] / 3.5));
    lab.setView(ScalingPlot::View::Efficiency);
    QVERIFY(near(lab.plot()->predictionGraph()->data()->at(0)->value, 100 * 1.8 / 2));
    lab.setPredictMode(false);
    QVERIFY(!lab.plot()->predictionGraph());

    // A wider next sweep asks for the new p, and the measured one stays on show meanwhile.
    lab.setPredictMode(true);
    lab.prepare(6);
    QCOMPARE(table->rowCount(), 6);
    QVERIFY(!lab.readyToRun(&why));
    QVERIFY2(why.contains(QLatin1String("p = 5, 6")), qPrintable(why));
    QCOMPARE(table->item(3, 0)->text(), QStringLiteral("3.5"));
    QCOMPARE(lab.plot()->measuredGraph(0)->dataCount(), maxP);
}

void TestScalingLab::toolTipOfAPoint()
{
    ScalingLab lab;
    lab.setPrediction(2, 1.5);
    lab.setPredictMode(true);
    lab.resize(1000, 700);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    feed(&lab, recorded());
    lab.plot()->replotNow();

    const QString tip = lab.plot()->pointToolTip(0, 2);
    const double t = amdahl(0, 2);
    const double speedup = t1s[0] / t;
    QVERIFY2(tip.startsWith(QStringLiteral("process · p = 2\n")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("median %1 ms (min %2 ms, max %3 ms; 3 runs)")
                              .arg(t * 1e3, 0, 'f', 1)
                              .arg(t * 0.98e3, 0, 'f', 1)
                              .arg(t * 1.03e3, 0, 'f', 1)),
        qPrintable(tip));
    QVERIFY(tip.contains(
        QStringLiteral("speedup %1× · efficiency %2 %").arg(speedup, 0, 'f', 2).arg(50 * speedup, 0, 'f', 0)));
    QVERIFY(tip.contains(QStringLiteral("Karp–Flatt %1").arg(karpFlatt(speedup, 2), 0, 'f', 3)));
    QVERIFY(tip.contains(QLatin1String("pool start-up 12.0 ms")));
    QVERIFY(tip.contains(QStringLiteral("you expected 1.5×, measured 1.8×")));
    QVERIFY(lab.plot()->pointToolTip(0, 9).isEmpty());

    // The hover finds that point from its pixel position, and nothing far from every point.
    QCPGraph* g = lab.plot()->measuredGraph(0);
    const QPointF pixel = g->coordsToPixels(2, g->data()->at(1)->value);
    const auto hit = lab.plot()->pointAt(pixel + QPointF(3, -2));
    QVERIFY(hit);
    QCOMPARE(*hit, std::make_pair(0, 2));
    QVERIFY(!lab.plot()->pointAt(g->coordsToPixels(2.5, g->data()->at(1)->value * 3)));
}

// Under the stage on a 900-line screen the plot is short: it lets the breakdown go, then the subtitle, so that the
// wall-time axes stay readable; the breakdown's figures then come with a point's tooltip. Taller, both come back.
void TestScalingLab::shortPlotKeepsItsAxes()
{
    ScalingLab lab;
    lab.resize(1000, 800);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    SweepResult r = recorded();
    for (SweepPoint& p : r.series[0].points) { // the process series with its breakdown, as a real sweep has it
        p.breakdown.processes = p.processes;
        p.breakdown.spanSeconds = p.median;
        p.breakdown.useful = 0.8 * p.median * p.processes;
        p.breakdown.startup = 0.2 * p.median * p.processes;
    }
    feed(&lab, r);
    ScalingPlot* plot = lab.plot();
    plot->setTitle(QStringLiteral("pi: wall time"), QStringLiteral("process pool · forkserver"));
    QCOMPARE(plot->breakdownSeries(), 0);
    auto* qcp = plot->findChild<QCustomPlot*>(QStringLiteral("scalingPlot"));
    QVERIFY(qcp);
    const int line = plot->fontMetrics().height();
    const auto axesHeight = [&] {
        plot->replotNow();
        return qcp->xAxis->axisRect()->rect().height();
    };
    QTRY_VERIFY(plot->height() >= 24 * line);
    QVERIFY(plot->isBreakdownShown());
    QVERIFY(plot->isSubtitleShown());
    QVERIFY(axesHeight() > 0);
    QVERIFY(!plot->pointToolTip(0, 2).contains(QLatin1String("Largest loss")));
    // Tall, every series and every fit has its legend entry.
    QVERIFY(qcp->legend->hasItemWithPlottable(plot->amdahlGraph(0)));
    QCOMPARE(plot->measuredGraph(0)->name(), r.series[0].label());

    const int extra = lab.height() - plot->height(); // the view tabs and the progress bar around the plot
    for (const int plotHeight : { 20 * line, 13 * line, ScalingPlot::MinimumLines * line }) {
        lab.resize(1000, plotHeight + extra);
        QTRY_COMPARE(plot->height(), std::max(plotHeight, plot->minimumSizeHint().height()));
        QVERIFY2(!plot->isBreakdownShown(), qPrintable(QString::number(plot->height())));
        QVERIFY2(qcp->xAxis->label().contains(QLatin1String("breakdown")), qPrintable(qcp->xAxis->label()));
        QCOMPARE(plot->isSubtitleShown(), plot->height() >= 15 * line);
        // At the least height, a series' entry carries its fit, whose curve goes unlabelled: one legend entry per
        // series instead of two rows of them.
        if (plotHeight == ScalingPlot::MinimumLines * line) {
            QVERIFY(!qcp->legend->hasItemWithPlottable(plot->amdahlGraph(0)));
            QVERIFY(qcp->legend->hasItemWithPlottable(plot->measuredGraph(0)));
            QCOMPARE(plot->measuredGraph(0)->name(), plot->amdahlGraph(0)->name());
            QVERIFY(plot->measuredGraph(0)->name().startsWith(r.series[0].label() + QStringLiteral(": Amdahl s = ")));
        }
        // Title, legend and tick labels take their lines; the axes keep at least a third of what is left.
        QVERIFY2(axesHeight() >= plot->height() / 3,
            qPrintable(QStringLiteral("%1 px of axes in a %2 px plot; legend %3 px, %4 items, wrap %5; x label %6")
                           .arg(axesHeight())
                           .arg(plot->height())
                           .arg(qcp->legend->outerRect().height())
                           .arg(qcp->legend->itemCount())
                           .arg(qcp->legend->wrap())
                           .arg(qcp->xAxis->label())));
    }
    lab.resize(1000, 800);
    QTRY_VERIFY(plot->isBreakdownShown());
    QVERIFY(!qcp->xAxis->label().contains(QLatin1String("breakdown")));
    QVERIFY(qcp->legend->hasItemWithPlottable(plot->amdahlGraph(0)));
    QCOMPARE(plot->measuredGraph(0)->name(), r.series[0].label());
    QVERIFY(plot->isSubtitleShown());
    QVERIFY(axesHeight() > 0);
}

// The Breakdown view gives the bars the whole plot, at any height, with every visible series' bars side by side at
// each p (a mistake and its fix compared bar by bar), each bar's tooltip naming its own series. Back in a curve
// view, the curves return and the bars are the first series' again.
void TestScalingLab::breakdownViewShowsEverySeries()
{
    ScalingLab lab;
    lab.resize(1000, 800);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    SweepResult r = recorded();
    QCOMPARE(r.series.size(), 2);
    for (SweepSeries& s : r.series) {
        for (SweepPoint& p : s.points) {
            p.breakdown.processes = p.processes;
            p.breakdown.spanSeconds = p.median;
            const double share = s.index == 0 ? 0.8 : 0.4; // the second series loses more to dispatch
            p.breakdown.useful = share * p.median * p.processes;
            p.breakdown.overhead = (1 - share) * p.median * p.processes;
        }
    }
    feed(&lab, r);
    ScalingPlot* plot = lab.plot();
    auto* qcp = plot->findChild<QCustomPlot*>(QStringLiteral("scalingPlot"));
    QVERIFY(qcp);
    QCOMPARE(plot->barSeries(), QList<int>({ 0 })); // under the curves: the first series only
    QCOMPARE(plot->breakdownBars().size(), Breakdown::PartCount);

    lab.setView(ScalingPlot::View::Breakdown);
    QCOMPARE(plot->view(), ScalingPlot::View::Breakdown);
    plot->replotNow();
    QVERIFY(!qcp->xAxis->axisRect()->visible());
    QVERIFY(!qcp->legend->visible());
    QVERIFY(plot->isBreakdownShown());
    QCOMPARE(plot->barSeries(), QList<int>({ 0, 1 }));
    QCOMPARE(plot->breakdownBars().size(), 2 * Breakdown::PartCount);
    // Series 0 left of each p, series 1 right of it, with that series' values.
    const QCPBars* useful0 = plot->breakdownBars().at(int(Breakdown::Part::Useful));
    const QCPBars* overhead1 = plot->breakdownBars().at(Breakdown::PartCount + int(Breakdown::Part::Overhead));
    QCOMPARE(useful0->dataCount(), maxP);
    QCOMPARE(overhead1->dataCount(), maxP);
    for (int i = 0; i < maxP; ++i) {
        const SweepPoint& p0 = r.series[0].points.at(i);
        const SweepPoint& p1 = r.series[1].points.at(i);
        QVERIFY(useful0->data()->at(i)->key < p0.processes);
        QVERIFY(overhead1->data()->at(i)->key > p1.processes);
        QVERIFY(near(useful0->data()->at(i)->value, p0.breakdown.useful));
        QVERIFY(near(overhead1->data()->at(i)->value, p1.breakdown.overhead));
        QCOMPARE(plot->barSeriesAt(useful0->data()->at(i)->key), 0);
        QCOMPARE(plot->barSeriesAt(overhead1->data()->at(i)->key), 1);
    }
    QVERIFY(plot->breakdownToolTip(2, 1).startsWith(r.series[1].label()));
    QVERIFY(plot->breakdownToolTip(2, 0).startsWith(r.series[0].label()));
    const QString whose = plot->breakdownRect()->axis(QCPAxis::atTop)->label();
    QVERIFY2(whose.contains(r.series[0].label()), qPrintable(whose));
    QCOMPARE(plot->breakdownRect()->axis(QCPAxis::atBottom)->label(), QStringLiteral("number of processes p"));
    QVERIFY(!plot->pointAt(QPointF(qcp->width() / 2, qcp->height() / 2), 1e6)); // the curves are out of sight

    // Short, the bars stay: they are what this view shows.
    const int line = plot->fontMetrics().height();
    const int extra = lab.height() - plot->height();
    lab.resize(1000, ScalingPlot::MinimumLines * line + extra);
    QTRY_VERIFY(plot->height() < 15 * line);
    plot->replotNow();
    QVERIFY(plot->isBreakdownShown());
    QVERIFY(plot->breakdownRect()->rect().height() >= plot->height() / 3);
    lab.resize(1000, 800);

    // A hidden series takes its bars with it.
    plot->setSeriesVisible(0, false);
    QCOMPARE(plot->barSeries(), QList<int>({ 1 }));
    QCOMPARE(plot->breakdownRect()->axis(QCPAxis::atTop)->label(), r.series[1].label());
    plot->setSeriesVisible(0, true);

    lab.setView(ScalingPlot::View::Speedup);
    plot->replotNow();
    QVERIFY(qcp->xAxis->axisRect()->visible());
    QVERIFY(qcp->legend->visible());
    QCOMPARE(plot->barSeries(), QList<int>({ 0 }));
    QVERIFY(plot->breakdownRect()->axis(QCPAxis::atTop)->label().isEmpty());
    QVERIFY(plot->breakdownRect()->axis(QCPAxis::atBottom)->label().isEmpty());
    QVERIFY(plot->pointAt(plot->measuredGraph(0)->coordsToPixels(2, plot->measuredGraph(0)->data()->at(1)->value)));

    // Without a pool's events (threads, MPI) there is nothing to break down: the view says so.
    ScalingLab bare;
    bare.resize(1000, 800);
    bare.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bare));
    feed(&bare, recorded());
    bare.setView(ScalingPlot::View::Breakdown);
    bool said = false;
    auto* bareQcp = bare.plot()->findChild<QCustomPlot*>(QStringLiteral("scalingPlot"));
    for (int i = 0; i < bareQcp->itemCount(); ++i) {
        if (auto* text = qobject_cast<QCPItemText*>(bareQcp->item(i)))
            said = said || (text->visible() && text->text().startsWith(QLatin1String("No breakdown")));
    }
    QVERIFY(said);
    QVERIFY(bare.plot()->barSeries().isEmpty());
}

void TestScalingLab::exportWritesEveryFormat_data()
{
    QTest::addColumn<QString>("suffix");
    for (const char* s : { "png", "pdf", "svg", "csv", "json" })
        QTest::newRow(s) << QString::fromLatin1(s);
}

void TestScalingLab::exportWritesEveryFormat()
{
    QFETCH(QString, suffix);
    ScalingLab lab;
    lab.resize(900, 600);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    feed(&lab, recorded());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("lab.") + suffix);
    QString error;
    QVERIFY2(lab.exportTo(file, &error), qPrintable(error));
    QVERIFY(QFileInfo(file).size() > 100);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    if (suffix == QLatin1String("png")) {
        QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
        QVERIFY(!QImage(file).isNull());
    } else if (suffix == QLatin1String("pdf")) {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    } else if (suffix == QLatin1String("svg")) {
        QXmlStreamReader xml(bytes);
        int paths = 0;
        QString root;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement) {
                if (root.isEmpty())
                    root = xml.name().toString();
                paths += xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline");
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(root, QStringLiteral("svg"));
        QVERIFY2(paths > 10, "the curves are drawn as vector paths");
    } else {
        const auto back = suffix == QLatin1String("csv")
            ? SweepResult::fromCsv(QString::fromUtf8(bytes), &error)
            : SweepResult::fromJson(QJsonDocument::fromJson(bytes).object(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->series.size(), 2);
        for (int s = 0; s < 2; ++s) {
            QCOMPARE(back->series.at(s).points.size(), maxP);
            QVERIFY(near(back->series.at(s).amdahl.serialFraction, fractions[s]));
        }
    }
    QVERIFY(!lab.exportTo(dir.filePath(QStringLiteral("lab.bmpx")), &error));
    QVERIFY(error.contains(QLatin1String("unsupported")));
}

void TestScalingLab::progressReachesTheEnd()
{
    ScalingLab lab;
    const SweepResult r = recorded();
    feed(&lab, r, maxP); // the first series
    QCOMPARE(lab.runsTotal(), 2 * maxP * repeats);
    QCOMPARE(lab.progressBar()->maximum(), 2 * maxP * repeats);
    QCOMPARE(lab.progressBar()->value(), maxP * repeats);
    lab.beginSweep(r.spec, QStringLiteral("spin"));
    feed(&lab, r, -1, false);
    lab.endSweep(SweepResult::Outcome::Completed);
    QCOMPARE(lab.progressBar()->value(), lab.progressBar()->maximum());
    QCOMPARE(lab.progressBar()->text(), QStringLiteral("24 of 24 runs (100 %)"));

    // Warm-ups count: one before each series' first point here.
    SweepSpec spec = r.spec;
    spec.warmup = 1;
    spec.warmupFirstPointOnly = true;
    lab.beginSweep(spec, QStringLiteral("spin"));
    QCOMPARE(lab.runsTotal(), 2 * (maxP * repeats + 1));
}

void TestScalingLab::realSweepPointByPoint()
{
    // A real tiny sweep, recorded from the core's stream, then fed to the lab point by point.
    SweepSpec spec;
    spec.id = 11;
    spec.workload = QStringLiteral("spin");
    spec.params = { { QStringLiteral("tasks"), 4 }, { QStringLiteral("ms"), 5.0 } };
    spec.processes = { 1, 2 };
    spec.repeats = 2;
    QList<RunReport> runs;
    QList<SweepPoint> points;
    QSet<qint64> pids;
    Experiment experiment;
    connect(&experiment, &Experiment::runFinished, this, [&](const RunReport& r) { runs << r; });
    connect(&experiment, &Experiment::pointMeasured, this, [&](const SweepPoint& p) {
        points << p;
        for (const WorkerStat& w : p.workers)
            pids.insert(w.pid);
    });
    const SweepResult result = experiment.run(spec);
    QVERIFY2(result.outcome == SweepResult::Outcome::Completed, qPrintable(result.error));
    QCOMPARE(points.size(), 2);
    QTRY_VERIFY2_WITH_TIMEOUT(!test::anyAlive(pids), "the sweep's workers are gone", 10000);

    ScalingLab lab;
    lab.beginSweep(spec, QStringLiteral("spin (tasks=4, ms=5)"));
    qsizetype run = 0;
    for (const SweepPoint& p : std::as_const(points)) {
        for (int k = 0; k < spec.repeats; ++k)
            lab.addRun(runs.at(run++));
        lab.addPoint(p);
        QCPGraph* g = lab.plot()->measuredGraph(0);
        QCOMPARE(g->dataCount(), p.processes);
        QCOMPARE(g->data()->at(p.processes - 1)->value, p.median);
        QVERIFY(near(lab.plot()->errorBars(0)->data()->at(p.processes - 1).errorPlus, p.max - p.median));
    }
    lab.endSweep(result.outcome);
    QCOMPARE(lab.progressBar()->value(), 4);
    QCOMPARE(lab.progressBar()->maximum(), 4);
    QCOMPARE(lab.plot()->serialFraction(0), result.series.first().amdahl.serialFraction);
    QCOMPARE(lab.plot()->serialFraction(0), fitAmdahl(medians(result.series.first())).serialFraction);
    QVERIFY(lab.plot()->amdahlGraph(0)->name().startsWith(QLatin1String("process: Amdahl s = ")));
}

QTEST_MAIN(TestScalingLab)
#include "tst_scalinglab.moc"
