// qcp.h has to come first (it needs Qt's foreach before any other Qt header hides it): see ui/qcp.h.
#include "qcp.h"

#include "consoleview.h"
#include "content/demo.h"
#include "hostspanel.h"
#include "mainwindow.h"
#include "mpi/mpiexecutor.h"
#include "parameterform.h"
#include "scalinglab.h"
#include "scalingplot.h"
#include "session/eventplayer.h"
#include "session/stagemodel.h"
#include "session/timelinemodel.h"
#include "stageview.h"
#include "sweepresultsmodel.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace proclab;

namespace {

// Gone for good: no such process, not even a zombie waiting to be reaped.
bool processGone(qint64 pid)
{
    errno = 0;
    return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH && !QFile::exists(QStringLiteral("/proc/%1").arg(pid));
}

// proclab-worker (and proclab-lean-worker) processes whose parent is this test (spawned workers are our children),
// zombies included.
QList<qint64> workerChildren()
{
    QList<qint64> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        const QByteArray comm = line.mid(open + 1, close - open - 1);
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        // comm is cut to 15 bytes: proclab-lean-worker is "proclab-lean-wo"
        if (rest.size() > 1 && rest.at(1).toLongLong() == qint64(getpid())
            && (comm.startsWith("proclab-worker") || comm == "proclab-lean-wo"))
            pids << pid;
    }
    return pids;
}

ExperimentSettings spinSettings(int tasks, double ms, int maxProcesses, int repeats = 1)
{
    ExperimentSettings s;
    s.workload = QStringLiteral("spin");
    s.params = { { QStringLiteral("tasks"), tasks }, { QStringLiteral("ms"), ms } };
    s.maxProcesses = maxProcesses;
    s.executors = { ExecutorKind::Process };
    s.startMethod = StartMethod::Spawn;
    s.repeats = repeats;
    return s;
}

struct WorkerCell {
    qint64 pid = 0;
    qint64 tasks = 0;
};

// Parses the table's "4711:2, 4712:2" as a user reads it.
QList<WorkerCell> parseWorkers(const QString& text)
{
    QList<WorkerCell> cells;
    static const QRegularExpression cell(QStringLiteral("^(\\d+):(\\d+)$"));
    for (const QString& part : text.split(QStringLiteral(", "))) {
        const QRegularExpressionMatch m = cell.match(part);
        if (!m.hasMatch())
            return {};
        cells.append({ m.captured(1).toLongLong(), m.captured(2).toLongLong() });
    }
    return cells;
}

// A window set up to animate one run of spin (or a demo), with the settings of the previous session ignored.
std::unique_ptr<MainWindow> runWindow(int tasks, double ms, int processes, int paceMs)
{
    auto window = std::make_unique<MainWindow>(nullptr, false);
    window->setExperimentSettings(spinSettings(tasks, ms, processes));
    window->setRunMode(MainWindow::RunMode::Workload);
    window->setPaceMs(paceMs);
    return window;
}

std::unique_ptr<MainWindow> demoWindow(const QString& demo, int processes, int paceMs)
{
    auto window = std::make_unique<MainWindow>(nullptr, false);
    ExperimentSettings s = window->experimentSettings();
    s.maxProcesses = processes;
    window->setExperimentSettings(s);
    window->setRunMode(MainWindow::RunMode::Demo);
    window->setDemoName(demo);
    window->setPaceMs(paceMs);
    return window;
}

QSet<qint64> spawnedPids(const EventBatch& events)
{
    QSet<qint64> pids;
    for (const Event& e : events)
        if (e.kind == EventKind::ProcessSpawn)
            pids.insert(e.pid);
    return pids;
}

QSet<qint64> shownPids(const MainWindow& w)
{
    const QList<qint64> pids = w.stageView()->workerPidsShown();
    return { pids.cbegin(), pids.cend() };
}

// What the stage and the timeline show, as text: equal texts, equal pictures.
QString modelState(const MainWindow& w)
{
    QStringList lines;
    const StageModel* m = w.stageModel();
    lines << QStringLiteral("t=%1 applied=%2 submitted=%3 results=%4 queued=%5 lost=%6")
                 .arg(m->timeNs())
                 .arg(m->eventsApplied())
                 .arg(m->tasksSubmitted())
                 .arg(m->resultsReceived())
                 .arg(m->queuedCount())
                 .arg(m->tasksLost());
    for (const StageProcess& p : m->processes())
        lines << QStringLiteral("%1 %2 %3 done=%4").arg(p.pid).arg(p.name, p.stateText()).arg(p.tasksDone);
    for (const StageQueue& q : m->queues())
        lines << QStringLiteral("queue %1 size=%2 puts=%3 gets=%4").arg(q.id).arg(q.size).arg(q.puts).arg(q.gets);
    for (const StageLock& l : m->locks())
        lines << QStringLiteral("lock %1 acquisitions=%2").arg(l.id).arg(l.acquisitions);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mpiHostsPanelChecksEveryHost();
    void killedRankInASurvivingFarm();
    void parameterFormMatchesWorkload_data();
    void parameterFormMatchesWorkload();
    void parameterFormResetsOnWorkloadChange();
    void startMethodOnlyForProcesses();
    void sweepMeasuresRealProcesses();
    void repeatsGiveErrorBars();
    void panelSeriesChoices();
    void restartAfterStopDropsStaleResults();
    void invalidParametersFailCleanly();
    void closingDuringSweepDoesNotHang();
    void sweepIsAnimated();
    void deadlockDrawnOnStage();
    void poolRunShowsRealWorkerPids();
    void demoRunsToCompletion_data();
    void demoRunsToCompletion();
    void stopEndsRunCleanly_data();
    void stopEndsRunCleanly();
    void killWorkerOnlyKillsOurs();
    void savedRunReopensToSamePicture();
    void badRunFileIsRefused();
    void choicesPersist();
    void presenterModeCoversTheViews();
    void keyboardShortcuts_data();
    void keyboardShortcuts();
    void commandLineRunsDemo();
    void commandLineAnswersWithoutDisplay_data();
    void commandLineAnswersWithoutDisplay();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location, not the user's
    QSettings().clear();
    const QString worker = qEnvironmentVariable("PROCLAB_WORKER");
    QVERIFY2(
        QFile::exists(worker), qPrintable(QStringLiteral("PROCLAB_WORKER (%1) must name proclab-worker").arg(worker)));
}

void TestMainWindow::parameterFormMatchesWorkload_data()
{
    QTest::addColumn<QString>("workload");
    for (const Workload* w : workloads())
        QTest::newRow(qPrintable(w->name())) << w->name();
}

void TestMainWindow::parameterFormMatchesWorkload()
{
    QFETCH(QString, workload);
    MainWindow window(nullptr, false);
    auto* combo = window.findChild<QComboBox*>(QStringLiteral("workloadCombo"));
    auto* form = window.findChild<ParameterForm*>(QStringLiteral("parameterForm"));
    QVERIFY(combo && form);
    combo->setCurrentIndex(combo->findData(workload));
    QCOMPARE(window.experimentSettings().workload, workload);

    const Workload* w = findWorkload(workload);
    QStringList expected;
    for (const ParamSpec& spec : w->params())
        expected << QStringLiteral("param_") + spec.name;
    QStringList editors;
    for (const QWidget* child : form->findChildren<QWidget*>()) {
        if (child->objectName().startsWith(QLatin1String("param_")))
            editors << child->objectName();
    }
    expected.sort();
    editors.sort();
    QCOMPARE(editors, expected);
    for (const ParamSpec& spec : w->params()) {
        QWidget* editor = form->editor(spec.name);
        QVERIFY2(
            editor->toolTip().contains(spec.help), qPrintable(spec.name + QStringLiteral(": help not in tooltip")));
    }
    QCOMPARE(form->params(), w->defaults());
}

void TestMainWindow::parameterFormResetsOnWorkloadChange()
{
    MainWindow window(nullptr, false);
    auto* combo = window.findChild<QComboBox*>(QStringLiteral("workloadCombo"));
    auto* form = window.findChild<ParameterForm*>(QStringLiteral("parameterForm"));
    combo->setCurrentIndex(combo->findData(QStringLiteral("spin")));
    auto* tasks = form->findChild<QSpinBox*>(QStringLiteral("param_tasks"));
    QVERIFY(tasks);
    tasks->setValue(3);
    QCOMPARE(form->params().value(QStringLiteral("tasks")).toInt(), 3);

    combo->setCurrentIndex(combo->findData(QStringLiteral("expr")));
    QVERIFY(!form->findChild<QWidget*>(QStringLiteral("param_ms"))); // spin's editors are gone
    auto* expr = form->findChild<QLineEdit*>(QStringLiteral("param_expr"));
    QVERIFY(expr);
    QCOMPARE(expr->text(), findWorkload(QStringLiteral("expr"))->defaults().value(QStringLiteral("expr")).toString());

    combo->setCurrentIndex(combo->findData(QStringLiteral("spin")));
    QCOMPARE(form->params(), findWorkload(QStringLiteral("spin"))->defaults()); // 3 is forgotten
}

void TestMainWindow::startMethodOnlyForProcesses()
{
    MainWindow window(nullptr, false);
    auto* executors = window.findChild<QListWidget*>(QStringLiteral("executorList"));
    auto* startMethod = window.findChild<QComboBox*>(QStringLiteral("startMethodCombo"));
    auto* processes = window.findChild<QSpinBox*>(QStringLiteral("processesSpin"));
    QVERIFY(executors && startMethod && processes);
    QCOMPARE(processes->value(), MainWindow::defaultProcesses());
    QCOMPARE(processes->maximum(), std::max(8, 2 * QThread::idealThreadCount()));
    const auto check = [&](ExecutorKind kind, bool on) {
        for (int i = 0; i < executors->count(); ++i) {
            if (executors->item(i)->data(Qt::UserRole).toInt() == int(kind))
                executors->item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
    };
    QCOMPARE(window.experimentSettings().executors, QList<ExecutorKind> { ExecutorKind::Process });
    QVERIFY(startMethod->isEnabled());
    check(ExecutorKind::Thread, true);
    QVERIFY(startMethod->isEnabled()); // one of the two series is a process pool
    check(ExecutorKind::Process, false);
    QCOMPARE(window.experimentSettings().executors, QList<ExecutorKind> { ExecutorKind::Thread });
    QVERIFY(!startMethod->isEnabled());
    check(ExecutorKind::Process, true);
    QVERIFY(startMethod->isEnabled());
}

void TestMainWindow::sweepMeasuresRealProcesses()
{
    MainWindow window(nullptr, false);
    window.setExperimentSettings(spinSettings(4, 5, 2));
    QAbstractItemModelTester tester(window.resultsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&window, &MainWindow::sweepFinished);
    QSignalSpy points(&window, &MainWindow::pointMeasured);
    window.show();

    window.startSweep();
    QVERIFY(window.isRunning());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(window.lastState(), MainWindow::SweepState::Completed);

    // The plot: exactly the two measured points, live-signalled as they landed.
    QCOMPARE(points.count(), 2);
    QCOMPARE(points.at(0).at(0).toInt(), 1);
    QCOMPARE(points.at(1).at(0).toInt(), 2);
    QCPGraph* measured = window.scalingPlot()->measuredGraph();
    QCOMPARE(measured->parentPlot(), window.plot());
    QCOMPARE(measured->dataCount(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(measured->data()->at(i)->key, double(i + 1));
        QVERIFY2(measured->data()->at(i)->value > 0, "wall time must be positive");
        QCOMPARE(measured->data()->at(i)->value, points.at(i).at(1).toDouble());
    }
    QVERIFY(window.scalingPlot()->idealGraph()->visible()); // T(1) is known
    QCOMPARE(window.scalingPlot()->idealGraph()->data()->constBegin()->value, measured->data()->at(0)->value);
    QVERIFY(!window.scalingPlot()->errorBars()->visible()); // one run per point: no spread to show

    // The table: one row per point, with the real pids of the workers and the tasks each ran.
    auto* table = window.findChild<QTableView*>(QStringLiteral("resultsTable"));
    QVERIFY(table);
    QAbstractItemModel* model = table->model();
    QCOMPARE(model->rowCount(), 2);
    QSet<qint64> allPids;
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(model->index(row, SweepResultsModel::Processes).data().toInt(), row + 1);
        QCOMPARE(model->index(row, SweepResultsModel::Verified).data().toString(), QStringLiteral("yes"));
        const QString text = model->index(row, SweepResultsModel::Workers).data().toString();
        const QList<WorkerCell> cells = parseWorkers(text);
        QVERIFY2(!cells.isEmpty(), qPrintable(QStringLiteral("not pid:tasks pairs: '%1'").arg(text)));
        QSet<qint64> pids;
        qint64 tasks = 0;
        for (const WorkerCell& c : cells) {
            QVERIFY2(
                c.pid > 1 && c.pid != qint64(getpid()), qPrintable(QStringLiteral("not a worker pid: %1").arg(c.pid)));
            pids.insert(c.pid);
            tasks += c.tasks;
        }
        QCOMPARE(pids.size(), row + 1); // p = 2: two distinct processes
        QCOMPARE(tasks, qint64(4)); // every task accounted for
        allPids.unite(pids);
    }
    QCOMPARE(allPids.size(), 3); // each run has a pool of its own

    // A line per run in the log.
    const QString log = window.findChild<QPlainTextEdit*>(QStringLiteral("logView"))->toPlainText();
    QVERIFY2(log.contains(QLatin1String("p = 1, run 1/1")) && log.contains(QLatin1String("p = 2, run 1/1")),
        qPrintable(log));

    // Nothing left behind: every worker exited and was reaped.
    for (qint64 pid : std::as_const(allPids))
        QTRY_VERIFY2_WITH_TIMEOUT(
            processGone(pid), qPrintable(QStringLiteral("worker %1 still exists").arg(pid)), 10000);
}

void TestMainWindow::repeatsGiveErrorBars()
{
    MainWindow window(nullptr, false);
    ExperimentSettings s = spinSettings(4, 2, 2, 3);
    s.executors = { ExecutorKind::Thread };
    window.setExperimentSettings(s);
    QSignalSpy finished(&window, &MainWindow::sweepFinished);
    window.startSweep();
    QVERIFY(finished.wait(60000));
    QCOMPARE(window.lastState(), MainWindow::SweepState::Completed);

    const QList<SweepPoint>& points = window.resultsModel()->points();
    QCOMPARE(points.size(), 2);
    for (const SweepPoint& p : points) {
        QCOMPARE(p.wallSeconds.size(), 3);
        QVERIFY(p.min <= p.median && p.median <= p.max);
        QCOMPARE(p.workers.size(), p.processes); // threads: one per p, in this process
        for (const WorkerStat& w : p.workers)
            QCOMPARE(w.pid, qint64(getpid()));
    }
    QVERIFY(window.scalingPlot()->errorBars()->visible());
    QCOMPARE(window.scalingPlot()->errorBars()->dataCount(), 2);
    QVERIFY(window.resultsModel()
                ->index(1, SweepResultsModel::Workers)
                .data()
                .toString()
                .startsWith(QLatin1String("tid ")));
}

// Executors, chunksizes and problem sizes typed in the panel become the series of one sweep, on the plot and in
// the table.
void TestMainWindow::panelSeriesChoices()
{
    MainWindow window(nullptr, false);
    window.setExperimentSettings(spinSettings(2, 1, 2));
    auto* executors = window.findChild<QListWidget*>(QStringLiteral("executorList"));
    // Every executor is offered; MPI's can be checked only where Open MPI and proclab-mpi-worker are, else they say
    // what is missing.
    QCOMPARE(executors->count(), 6);
    const QString mpiMissing = MpiJob::unavailableReason(mpiDefaults());
    for (int i = 0; i < executors->count(); ++i) {
        const auto kind = ExecutorKind(executors->item(i)->data(Qt::UserRole).toInt());
        if (kind != ExecutorKind::MpiSpmd && kind != ExecutorKind::MpiFarm)
            continue;
        QCOMPARE(bool(executors->item(i)->flags() & Qt::ItemIsEnabled), mpiMissing.isEmpty());
        if (!mpiMissing.isEmpty())
            QCOMPARE(executors->item(i)->toolTip(), mpiMissing);
    }
    for (int i = 0; i < executors->count(); ++i) {
        const auto kind = ExecutorKind(executors->item(i)->data(Qt::UserRole).toInt());
        executors->item(i)->setCheckState(
            kind == ExecutorKind::Thread || kind == ExecutorKind::Serial ? Qt::Checked : Qt::Unchecked);
    }
    window.findChild<QLineEdit*>(QStringLiteral("chunksizeEdit"))->setText(QStringLiteral("1, 2"));
    auto* sizeParam = window.findChild<QComboBox*>(QStringLiteral("sizeParamCombo"));
    sizeParam->setCurrentIndex(sizeParam->findData(QStringLiteral("tasks")));
    window.findChild<QLineEdit*>(QStringLiteral("sizeValuesEdit"))->setText(QStringLiteral("2, 4"));
    const ExperimentSettings s = window.experimentSettings();
    QCOMPARE(s.executors, (QList<ExecutorKind> { ExecutorKind::Thread, ExecutorKind::Serial }));
    QCOMPARE(s.chunksizes, (QList<int> { 1, 2 }));
    QCOMPARE(s.sizeParam, QStringLiteral("tasks"));
    QCOMPARE(s.sizeValues, (QStringList { QStringLiteral("2"), QStringLiteral("4") }));

    QSignalSpy finished(&window, &MainWindow::sweepFinished);
    window.startSweep();
    QVERIFY(finished.wait(60000));
    QCOMPARE(window.lastState(), MainWindow::SweepState::Completed);
    const SweepResult& r = window.lab()->result();
    QStringList labels;
    for (const SweepSeries& series : r.series) {
        labels << series.label();
        QCOMPARE(series.points.size(), 2);
        QCOMPARE(window.scalingPlot()->measuredGraph(series.index)->dataCount(), 2);
        // Its legend entry: the series, or (a legend short of room) the series with its fit.
        const QString name = window.scalingPlot()->measuredGraph(series.index)->name();
        QVERIFY2(name == series.label() || name.startsWith(series.label() + QStringLiteral(": ")), qPrintable(name));
    }
    QCOMPARE(labels.size(), 8);
    QCOMPARE(labels.first(), QStringLiteral("thread, chunksize 1, tasks=2"));
    QCOMPARE(labels.last(), QStringLiteral("serial, chunksize 2, tasks=4"));
    QCOMPARE(window.resultsModel()->rowCount(), 16);
    QCOMPARE(window.resultsModel()->index(15, SweepResultsModel::Series).data().toString(), labels.last());
    QCOMPARE(window.lab()->progressBar()->value(), window.lab()->progressBar()->maximum());
}

void TestMainWindow::restartAfterStopDropsStaleResults()
{
    MainWindow window(nullptr, false);
    // p = 2..4 still take 2.25 s of computing after the first point: the window hears that point long before
    // the sweep could end, even on a busy machine (4 tasks of 40 ms once finished first and read as Completed).
    window.setExperimentSettings(spinSettings(8, 250, 4));
    QSignalSpy finished(&window, &MainWindow::sweepFinished);
    QSignalSpy points(&window, &MainWindow::pointMeasured);
    window.startSweep();
    QVERIFY(points.wait(60000));
    window.stopSweep(); // p = 2 is (or is about to be) under way
    QCOMPARE(finished.count(), 1);
    QCOMPARE(window.lastState(), MainWindow::SweepState::Stopped);
    QVERIFY(!window.isRunning());
    const int pointsBeforeStop = points.count();

    // A new sweep queues behind the measurement under way; nothing of the stopped one may show up.
    window.setExperimentSettings(spinSettings(2, 1, 1));
    window.startSweep();
    QVERIFY(finished.wait(60000));
    QCOMPARE(window.lastState(), MainWindow::SweepState::Completed);
    QCOMPARE(points.count(), pointsBeforeStop + 1);
    QCOMPARE(window.resultsModel()->rowCount(), 1);
    QCOMPARE(window.scalingPlot()->measuredGraph()->dataCount(), 1);
    QCOMPARE(window.resultsModel()->points().first().processes, 1);
}

void TestMainWindow::invalidParametersFailCleanly()
{
    MainWindow window(nullptr, false);
    ExperimentSettings s;
    s.workload = QStringLiteral("expr");
    s.params = { { QStringLiteral("expr"), QStringLiteral("x*(") }, { QStringLiteral("n"), 10 } };
    s.maxProcesses = 1;
    window.setExperimentSettings(s);
    QSignalSpy finished(&window, &MainWindow::sweepFinished);
    window.startSweep();
    QCOMPARE(finished.count(), 1); // refused before any process starts
    QCOMPARE(window.lastState(), MainWindow::SweepState::Failed);
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("statusLabel"))->text().startsWith(QLatin1String("Cannot run")));
}

// The sweep on the stage, timeline and console: every measurement's real workers, marked "p = 2, repeat 1/2".
void TestMainWindow::sweepIsAnimated()
{
    MainWindow window(nullptr, false);
    window.setExperimentSettings(spinSettings(6, 50, 2, 2)); // p = 1 computes for 0.3 s
    window.show();
    // Before anything ran, MainProcess has its real pid on the stage and the timeline.
    QCOMPARE(window.stageModel()->processes().first().pid, qint64(getpid()));
    QCOMPARE(window.timelineView()->model()->lane(0).pid, qint64(getpid()));
    QSignalSpy finished(&window, &MainWindow::sweepFinished);
    window.startSweep();
    // While it measures, the stage shows the measurement's live worker processes.
    QTRY_VERIFY2_WITH_TIMEOUT(shownPids(window).intersects(test::liveWorkerPids()),
        "the stage must show the workers of the measurement under way", 30000);
    QVERIFY(finished.wait(60000));
    QCOMPARE(window.lastState(), MainWindow::SweepState::Completed);
    QTRY_COMPARE_WITH_TIMEOUT(window.player()->mode(), EventPlayer::Mode::Paused, 30000); // caught up

    // Every measurement is marked, in order, and its workers' events are in the player.
    QStringList labels;
    for (const EventPlayer::Mark& m : window.player()->marks())
        labels << m.label;
    const QStringList expected { QStringLiteral("p = 1, repeat 1/2"), QStringLiteral("p = 1, repeat 2/2"),
        QStringLiteral("p = 2, repeat 1/2"), QStringLiteral("p = 2, repeat 2/2") };
    QCOMPARE(labels, expected);
    const QSet<qint64> spawned = spawnedPids(window.player()->events());
    QCOMPARE(spawned.size(), 1 + 1 + 2 + 2); // a new pool per measurement
    for (const SweepPoint& point : window.resultsModel()->points())
        for (const WorkerStat& w : point.workers)
            QVERIFY2(spawned.contains(w.pid), "the measured workers are the ones animated");

    // The timeline: one band per measurement, one lane per slot (not per pid).
    TimelineModel* timeline = window.timelineView()->model();
    QCOMPARE(int(timeline->bands().size()), 4);
    QCOMPARE(timeline->bands().back().label, expected.last());
    QCOMPARE(timeline->laneCount(), 3);
    // The stage shows the last measurement; the console has a heading per measurement.
    QCOMPARE(window.stageView()->caption(), expected.last());
    QCOMPARE(window.stageModel()->workers().size(), 2);
    const QString console = window.consoleView()->text();
    for (const QString& label : expected)
        QVERIFY2(console.contains(label), qPrintable(console));
    // Under the plot, the breakdown of every point: six stacked parts, explained on hover.
    ScalingPlot* plot = window.scalingPlot();
    QCOMPARE(plot->breakdownSeries(), 0);
    QCOMPARE(plot->breakdownBars().size(), Breakdown::PartCount);
    for (QCPBars* bars : plot->breakdownBars())
        QCOMPARE(bars->dataCount(), 2);
    QVERIFY(plot->breakdownToolTip(2).contains(QStringLiteral("imbalance")));
    QTRY_VERIFY_WITH_TIMEOUT(test::liveWorkerPids().isEmpty(), 10000);
}

void TestMainWindow::closingDuringSweepDoesNotHang()
{
    auto* window = new MainWindow(nullptr, false);
    window->setExperimentSettings(spinSettings(6, 100, 2)); // p = 1 alone takes 0.6 s
    window->show();
    QSignalSpy started(window, &MainWindow::measurementStarted);
    window->startSweep();
    QVERIFY(started.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!workerChildren().isEmpty(), 30000); // real workers are busy right now

    QElapsedTimer timer;
    timer.start();
    window->close();
    delete window; // cancels, then joins the runner thread
    QVERIFY2(timer.elapsed() < 30000, qPrintable(QStringLiteral("closing took %1 ms").arg(timer.elapsed())));
    QTRY_VERIFY2_WITH_TIMEOUT(workerChildren().isEmpty(), "workers outlived the window", 10000);
}

void TestMainWindow::poolRunShowsRealWorkerPids()
{
    // 8 tasks of 20 ms, each paced by 100 ms: about half a second with both workers on the stage.
    auto window = runWindow(8, 20, 2, 100);
    window->show();
    QSignalSpy drawn(window.get(), &MainWindow::runDrawn);
    window->startRun();
    QVERIFY(window->isRunActive());

    // While it runs: the worker boxes show exactly the live worker processes, by their real pids.
    QTRY_COMPARE_WITH_TIMEOUT(test::liveWorkerPids().size(), 2, 30000);
    const QSet<qint64> live = test::liveWorkerPids();
    QTRY_VERIFY2_WITH_TIMEOUT(shownPids(*window) == live, "the stage must show the live workers' pids", 30000);
    for (qint64 pid : live)
        QVERIFY(pid != qint64(getpid()));

    QVERIFY(drawn.wait(60000));
    QCOMPARE(int(window->lastOutcome().status), int(RunOutcome::Status::Ok));
    QVERIFY2(window->lastOutcome().verified, qPrintable(window->lastOutcome().verifyDetail));
    // The player drew the whole run, and the pids on the stage are the ones the engine spawned.
    QCOMPARE(window->stageModel()->eventsApplied(), qint64(window->player()->events().size()));
    QCOMPARE(spawnedPids(window->player()->events()), live);
    QCOMPARE(shownPids(*window), live);
    QCOMPARE(window->stageModel()->resultsReceived(), qint64(8));
    QCOMPARE(window->stageModel()->resultsDelivered(), qint64(8)); // map() handed them all to the caller
    QTRY_VERIFY_WITH_TIMEOUT(!test::anyAlive(live), 10000);
}

void TestMainWindow::demoRunsToCompletion_data()
{
    QTest::addColumn<QString>("demo");
    QTest::addColumn<QString>("printed");
    QTest::newRow("queue") << QStringLiteral("queue") << QStringLiteral("[42, None, 'hello']");
    QTest::newRow("pool-map") << QStringLiteral("pool-map") << QStringLiteral("[1, 2, 5, 10, 17, 26, 37, 50]");
}

void TestMainWindow::demoRunsToCompletion()
{
    QFETCH(QString, demo);
    QFETCH(QString, printed);
    auto window = demoWindow(demo, 2, 0);
    QSignalSpy drawn(window.get(), &MainWindow::runDrawn); // finished, and drawn to the end
    window->startRun();
    QVERIFY(drawn.wait(60000));
    QCOMPARE(int(window->lastOutcome().status), int(RunOutcome::Status::Ok));
    // The main process's print, in the console with its pid in the gutter.
    const QString console = window->consoleView()->text();
    const QString line = console.split(QLatin1Char('\n')).filter(printed).value(0);
    QVERIFY2(!line.isEmpty(), qPrintable(console));
    QVERIFY2(line.contains(QString::number(getpid())), qPrintable(line));
    const QSet<qint64> spawned = spawnedPids(window->player()->events());
    QVERIFY(!spawned.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!test::anyAlive(spawned), 10000);
    QVERIFY(test::ourSharedMemory().isEmpty());
}

// The deadlock demo: the stage finds the cycle in the lock events while the two processes are stuck, names both
// processes and both locks, and the run ends as the demo means it to (exit code 5 is its success), leaving nothing.
void TestMainWindow::deadlockDrawnOnStage()
{
    auto window = demoWindow(QStringLiteral("deadlock"), 2, 0);
    window->show();
    QSignalSpy drawn(window.get(), &MainWindow::runDrawn);
    window->startRun();
    QTRY_COMPARE_WITH_TIMEOUT(window->stageModel()->deadlock().size(), 2, 30000);
    QSet<qint64> waiters;
    QSet<qint32> locks;
    for (const WaitForGraph::Edge& e : window->stageModel()->deadlock()) {
        waiters << e.waiter;
        locks << e.lock;
    }
    QCOMPARE(waiters.size(), 2);
    QCOMPARE(locks.size(), 2);
    for (qint64 pid : std::as_const(waiters)) // their targets run (blocked inside them), not idle
        QCOMPARE(window->stageModel()->process(pid)->state.base, Activity::Running);
    QVERIFY(!waiters.contains(qint64(getpid())));
    QVERIFY(drawn.wait(60000));
    QCOMPARE(int(window->lastOutcome().status), int(RunOutcome::Status::Ok));
    QCOMPARE(window->lastOutcome().exitCode, 5);
    QVERIFY(window->consoleView()->text().contains(QStringLiteral("DEADLOCK")));
    QTRY_VERIFY_WITH_TIMEOUT(!test::anyAlive(waiters), 10000);
    QVERIFY(test::ourSharedMemory().isEmpty());
}

void TestMainWindow::stopEndsRunCleanly_data()
{
    QTest::addColumn<bool>("demo");
    QTest::newRow("workload") << false;
    QTest::newRow("demo") << true;
}

void TestMainWindow::stopEndsRunCleanly()
{
    QFETCH(bool, demo);
    // Either would take most of a minute: 40 tasks of 100 ms (paced 500 ms) on two workers.
    auto window = demo ? demoWindow(QStringLiteral("pool-map"), 2, 5000) : runWindow(40, 100, 2, 500);
    QSignalSpy finished(window.get(), &MainWindow::runFinished);
    // Two pool workers, and under forkserver (the demo's start method: the default) the server they were forked from.
    const bool forkServer = window->experimentSettings().startMethod == StartMethod::ForkServer;
    window->startRun();
    QTRY_COMPARE_WITH_TIMEOUT(test::liveWorkerPids().size(), forkServer ? 3 : 2, 30000);
    const QSet<qint64> workers = test::liveWorkerPids();
    QVERIFY(finished.isEmpty());

    window->stopRun();
    QVERIFY(finished.wait(30000));
    QCOMPARE(int(window->lastOutcome().status), int(RunOutcome::Status::Stopped));
    QVERIFY(!window->isRunActive());
    QVERIFY(!test::anyAlive(workers)); // the session's thread ended after its Context reaped them
    QVERIFY(test::descendantsOf(getpid()).isEmpty());
    PROCLAB_VERIFY_NOTHING_LEFT();
}

void TestMainWindow::killWorkerOnlyKillsOurs()
{
    auto window = runWindow(12, 50, 2, 300);
    QSignalSpy finished(window.get(), &MainWindow::runFinished);
    QVERIFY(!window->killWorker(qint64(getpid()))); // nothing runs yet
    window->startRun();
    QTRY_COMPARE_WITH_TIMEOUT(window->session()->processes().size(), 2, 30000);
    QVERIFY(!window->killWorker(qint64(getpid()))); // the window's own process is not a worker
    QVERIFY(!window->killWorker(1));
    const qint64 victim = *window->session()->processes().cbegin();
    QVERIFY(window->killWorker(victim));
    QTRY_VERIFY_WITH_TIMEOUT(!platform::isAlive(pid_t(victim)), 10000);

    // The stage shows the worker as killed, from the engine's own events.
    QTRY_VERIFY_WITH_TIMEOUT(
        window->stageModel()->process(victim) && window->stageModel()->process(victim)->activity() == Activity::Crashed,
        30000);
    window->stopRun(); // unless the pool has already given up on its own
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QVERIFY(test::descendantsOf(getpid()).isEmpty());
}

void TestMainWindow::savedRunReopensToSamePicture()
{
    auto window = demoWindow(QStringLiteral("queue"), 2, 0);
    QSignalSpy drawn(window.get(), &MainWindow::runDrawn); // finished, and drawn to the end
    window->startRun();
    QVERIFY(drawn.wait(60000));
    QCOMPARE(int(window->lastOutcome().status), int(RunOutcome::Status::Ok));
    QVERIFY(window->player()->isAtEnd());
    const QString live = modelState(*window);
    const QString console = window->consoleView()->text();

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("queue.proclab.json"));
    QString error;
    QVERIFY2(window->saveRun(file, &error), qPrintable(error));

    auto other = std::make_unique<MainWindow>(nullptr, false);
    QVERIFY2(other->openRun(file, &error), qPrintable(error));
    QCOMPARE(modelState(*other), live);
    QCOMPARE(other->player()->events().size(), window->player()->events().size());
    // The console comes back line for line, after the note that names the file.
    const QStringList before = console.split(QLatin1Char('\n'));
    const QStringList after = other->consoleView()->text().split(QLatin1Char('\n'));
    QVERIFY(before.size() >= 2);
    QCOMPARE(after.mid(1, before.size() - 2), before.mid(1, before.size() - 2)); // minus the start and end notes

    // A replay from the start ends on the same picture too; at 1/100x cards cross in 1/100 of the event time.
    QCOMPARE(other->stageModel()->minTravelNs(), qint64(150'000'000));
    other->setReplaySpeed(0.01);
    QCOMPARE(other->stageModel()->minTravelNs(), qint64(1'500'000));
    other->player()->replay();
    other->player()->advance(qint64(3600) * 1'000'000'000);
    // The same picture; the playhead stops sooner after the last event (its cards land 100 times sooner).
    const auto withoutTime = [](const QString& state) { return state.section(QLatin1Char(' '), 1); };
    QCOMPARE(withoutTime(modelState(*other)), withoutTime(live));
    QVERIFY(other->stageModel()->flights().empty());
}

void TestMainWindow::badRunFileIsRefused()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bad.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format": "proclab-trace", "version": 1, "events": [[1, 2]]})");
    f.close();
    MainWindow window(nullptr, false);
    QString error;
    QVERIFY(!window.openRun(file, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!window.openRun(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(!window.saveRun(dir.filePath(QStringLiteral("empty.json")), &error)); // nothing ran yet
    QVERIFY(window.player()->events().empty());
}

void TestMainWindow::choicesPersist()
{
    {
        MainWindow window; // with the (test-mode) settings
        window.setRunMode(MainWindow::RunMode::Demo);
        QVERIFY(window.setDemoName(QStringLiteral("lock")));
        QVERIFY(!window.setDemoName(QStringLiteral("no-such-demo")));
        window.setPaceMs(300);
        window.setReplaySpeed(0.01);
        window.show();
        window.close(); // saves
    }
    MainWindow again;
    QCOMPARE(again.runMode(), MainWindow::RunMode::Demo);
    QCOMPARE(again.demoName(), QStringLiteral("lock"));
    QCOMPARE(again.paceMs(), 300);
    QCOMPARE(again.replaySpeed(), 0.01);
    QCOMPARE(again.runRequest().kind, RunRequest::Kind::Demo);
    QCOMPARE(again.runRequest().paceNs, qint64(300'000'000));
    QSettings().clear();
}

void TestMainWindow::presenterModeCoversTheViews()
{
    MainWindow window(nullptr, false);
    const qreal consoleBefore = window.consoleView()->font().pointSizeF();
    auto* presenter = window.findChild<QAction*>(QStringLiteral("presenterAction"));
    QVERIFY(presenter);
    QVERIFY(presenter->shortcuts().contains(QKeySequence(Qt::Key_F11)));
    presenter->trigger();
    QVERIFY(window.presenterMode());
    QVERIFY(window.stageView()->presenterMode());
    QVERIFY(window.consoleView()->font().pointSizeF() > consoleBefore);
    presenter->trigger();
    QVERIFY(!window.stageView()->presenterMode());
    QCOMPARE(window.consoleView()->font().pointSizeF(), consoleBefore);
}

void TestMainWindow::keyboardShortcuts_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QKeySequence>("key");
    QTest::newRow("run F5") << QStringLiteral("runAction") << QKeySequence(Qt::Key_F5);
    QTest::newRow("stop Esc") << QStringLiteral("stopAction") << QKeySequence(Qt::Key_Escape);
    QTest::newRow("stop Shift+F5") << QStringLiteral("stopAction") << QKeySequence(Qt::SHIFT | Qt::Key_F5);
    QTest::newRow("pause Space") << QStringLiteral("pauseAction") << QKeySequence(Qt::Key_Space);
    QTest::newRow("step .") << QStringLiteral("stepAction") << QKeySequence(Qt::Key_Period);
    QTest::newRow("step F10") << QStringLiteral("stepAction") << QKeySequence(Qt::Key_F10);
    QTest::newRow("kill Del") << QStringLiteral("killAction") << QKeySequence(Qt::Key_Delete);
}

void TestMainWindow::keyboardShortcuts()
{
    QFETCH(QString, action);
    QFETCH(QKeySequence, key);
    MainWindow window(nullptr, false);
    auto* a = window.findChild<QAction*>(action);
    QVERIFY(a);
    QVERIFY2(a->shortcuts().contains(key), qPrintable(key.toString()));
}

namespace {

struct Launched {
    int exitCode = -1;
    QString out;
    QString err;
};

// proclab as a user starts it, with a settings directory of its own.
Launched launchGui(const QStringList& args, const QString& platform, const QString& configDir)
{
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configDir);
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(PROCLAB_GUI_PATH), args);
    const auto reap = qScopeGuard([&gui] {
        gui.kill();
        gui.waitForFinished();
    });
    if (!gui.waitForFinished(120000))
        return {};
    return { gui.exitStatus() == QProcess::NormalExit ? gui.exitCode() : -1,
        QString::fromUtf8(gui.readAllStandardOutput()), QString::fromUtf8(gui.readAllStandardError()) };
}

} // namespace

void TestMainWindow::commandLineRunsDemo()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("queue.png"));
    const Launched r = launchGui({ QStringLiteral("--demo"), QStringLiteral("queue"),
                                     QStringLiteral("--exit-after-run"), QStringLiteral("--screenshot"), png },
        QStringLiteral("offscreen"), dir.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QImage shot(png);
    QVERIFY2(!shot.isNull(), "no screenshot written");
    // The window fits the width of the offscreen platform's 800×600 screen (ScreenFit); below 1024×768 its minimum
    // height can be taller than such a screen.
    QVERIFY2(shot.width() >= 480 && shot.width() <= 800 && shot.height() >= 400,
        qPrintable(QStringLiteral("%1x%2").arg(shot.width()).arg(shot.height())));
}

void TestMainWindow::commandLineAnswersWithoutDisplay_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says"); // on stdout for 0, on stderr otherwise
    QTest::newRow("help") << QStringList { QStringLiteral("--help") } << 0 << QStringLiteral("--demo <name>");
    QTest::newRow("list") << QStringList { QStringLiteral("--list-demos") } << 0 << QStringLiteral("producer-consumer");
    QTest::newRow("bad demo") << QStringList { QStringLiteral("--demo"), QStringLiteral("nope") } << 2
                              << QStringLiteral("unknown demo 'nope'");
    QTest::newRow("bad pace") << QStringList { QStringLiteral("--pace"), QStringLiteral("-5") } << 2
                              << QStringLiteral("--pace must be");
    QTest::newRow("two runs") << QStringList { QStringLiteral("--demo"), QStringLiteral("queue"),
        QStringLiteral("--run") }
                              << 2 << QStringLiteral("choose one");
    QTest::newRow("at without run") << QStringList { QStringLiteral("--screenshot-at"), QStringLiteral("100") } << 2
                                    << QStringLiteral("needs --single, --demo, --python or --screenshot-after-points");
    QTest::newRow("python missing") << QStringList { QStringLiteral("--python"), QStringLiteral("/nonexistent/x.py") }
                                    << 2 << QStringLiteral("no such file");
    QTest::newRow("python and demo") << QStringList { QStringLiteral("--python"),
        QStringLiteral(PROCLAB_SOURCE_DIR "/resources/python/pool-map.py"), QStringLiteral("--demo"),
        QStringLiteral("queue") } << 2
                                     << QStringLiteral("not with --demo");
    QTest::newRow("unreadable hostfile") << QStringList { QStringLiteral("--hosts"),
        QStringLiteral("/nonexistent/hosts") }
                                         << 2 << QStringLiteral("--hosts: cannot read");
    QTest::newRow("arguments without python")
        << QStringList { QStringLiteral("--"), QStringLiteral("x") } << 2 << QStringLiteral("unexpected argument 'x'");
}

void TestMainWindow::commandLineAnswersWithoutDisplay()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    QTemporaryDir dir;
    // xcb without a DISPLAY: any attempt to open a window would fail.
    const Launched r = launchGui(args, QStringLiteral("xcb"), dir.path());
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2((exitCode == 0 ? r.out : r.err).contains(says), qPrintable(r.out + r.err));
    if (args.contains(QStringLiteral("--list-demos")))
        QCOMPARE(r.out.count(QLatin1Char('\n')), int(demos().size()));
}

// The farm that runs on when a rank dies (the Hosts panel's survive box), a computing rank killed from the window
// as a teacher would (Kill Worker): drawn as killed, its chunk dealt again, the run verified, nothing left behind.
void TestMainWindow::killedRankInASurvivingFarm()
{
    PROCLAB_REQUIRE_MPI();
    const auto mpi = test::mpiEnvironment();
    const MpiOptions before = mpiDefaults();
    const auto restore = qScopeGuard([before] { setMpiDefaults(before); });
    MpiOptions survive = before;
    survive.survive = true;
    setMpiDefaults(survive);
    auto window = std::make_unique<MainWindow>(nullptr, false);
    ExperimentSettings s = spinSettings(12, 150, 3);
    s.executors = { ExecutorKind::MpiFarm };
    s.chunksizes = { 1 };
    window->setExperimentSettings(s);
    window->setRunMode(MainWindow::RunMode::Workload);
    window->setPaceMs(0);
    QSignalSpy finished(window.get(), &MainWindow::runFinished);
    window->startRun();
    // Rank 1 or 2 while it computes: they take the chunks, rank 0 deals.
    const double slow = test::sanitizerSlowdown();
    qint64 victim = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const int rank : { 1, 2 }) {
                const qint64 pid = window->stageModel()->pidOfRank(rank);
                const StageProcess* p = pid > 0 ? window->stageModel()->process(pid) : nullptr;
                if (p && p->activity() == Activity::Running) {
                    victim = pid;
                    return true;
                }
            }
            return false;
        }(),
        int(60'000 * slow));
    QVERIFY(window->session()->processes().contains(victim));
    QVERIFY(window->killWorker(victim));
    QTRY_VERIFY_WITH_TIMEOUT(!platform::isAlive(pid_t(victim)), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(window->stageModel()->process(victim)->activity() == Activity::Crashed, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, int(120'000 * slow));
    const RunOutcome outcome = window->lastOutcome();
    QVERIFY2(outcome.status == RunOutcome::Status::Ok, qPrintable(outcome.message));
    QVERIFY2(outcome.verified, qPrintable(outcome.verifyDetail));
    // Which rank died in which task, said under the result (the engine knew it from the rank's socket).
    QCOMPARE(outcome.notes.size(), 1);
    QVERIFY2(outcome.notes.first().contains(QStringLiteral("(pid %1) died in task").arg(victim)),
        qPrintable(outcome.notes.first()));
    QTRY_VERIFY_WITH_TIMEOUT(window->consoleView()->text().contains(outcome.notes.first()), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(), 20'000);
}

QTEST_MAIN(TestMainWindow)
// The MPI Hosts panel: a hostfile set there is what MPI runs use, and Experiment > Check MPI Hosts asks each host
// (three simulated through a fake remote shell: two answer, one refuses ssh) and says so row by row.
void TestMainWindow::mpiHostsPanelChecksEveryHost()
{
    PROCLAB_REQUIRE_MPI();
    const auto mpi = test::mpiEnvironment();
    qputenv("OMPI_MCA_oob_tcp_if_include", "lo");
    const MpiOptions before = mpiDefaults();
    const auto restore = qScopeGuard([before] {
        qunsetenv("OMPI_MCA_oob_tcp_if_include");
        setMpiDefaults(before);
    });
    QTemporaryDir dir;
    const QString agent = dir.filePath(QStringLiteral("fake-ssh"));
    QVERIFY(test::writeFakeRemoteShell(
        agent, "  pc09) echo \"ssh: connect to host pc09 port 22: No route to host\" >&2; exit 255 ;;\n"));
    const QString hosts = dir.filePath(QStringLiteral("lab-hosts"));
    {
        QFile f(hosts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# room 2\npc07 slots=2\npc08 slots=2\npc09 slots=4\n");
    }
    MainWindow window(nullptr, false);
    window.resize(1400, 900);
    window.show();
    auto* panel = window.findChild<HostsPanel*>();
    QVERIFY(panel);
    auto* file = panel->findChild<QLineEdit*>(QStringLiteral("hostfileEdit"));
    auto* shell = panel->findChild<QLineEdit*>(QStringLiteral("rshAgentEdit"));
    auto* table = panel->findChild<QTableWidget*>(QStringLiteral("hostsTable"));
    QVERIFY(file && shell && table);
    shell->setText(agent);
    Q_EMIT shell->editingFinished();
    file->setText(hosts);
    Q_EMIT file->editingFinished();
    QCOMPARE(mpiDefaults().hostfile, hosts); // every MPI run of the window now goes there
    QCOMPARE(mpiDefaults().rshAgent, agent);
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(2, 0)->text(), QStringLiteral("pc09"));
    QCOMPARE(table->item(2, 1)->text(), QStringLiteral("4"));

    QSignalSpy finished(panel, &HostsPanel::checkFinished);
    auto* check = window.findChild<QAction*>(QStringLiteral("checkHostsAction"));
    QVERIFY(check);
    check->trigger();
    QVERIFY(panel->checking());
    QVERIFY(finished.wait(120'000 * test::sanitizerSlowdown()));
    QString rows; // what each host said, for a failure's message
    for (int row = 0; row < table->rowCount(); ++row)
        rows += QStringLiteral("\n%1: %2 - %3")
                    .arg(table->item(row, 0)->text(), table->item(row, 2)->text(), table->item(row, 3)->text());
    QVERIFY2(finished.first().at(0).toInt() == 2, qPrintable(rows));
    QCOMPARE(finished.first().at(1).toInt(), 3);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("ready"));
    QCOMPARE(table->item(1, 2)->text(), QStringLiteral("ready"));
    QVERIFY(table->item(0, 3)->text().contains(QLatin1String("runs as pc07")));
    QCOMPARE(table->item(2, 2)->text(), QStringLiteral("unreachable"));
    QVERIFY2(
        table->item(2, 3)->text().contains(QLatin1String("No route to host")), qPrintable(table->item(2, 3)->text()));
    if (const QString shots = qEnvironmentVariable("PROCLAB_TEST_SCREENSHOTS"); !shots.isEmpty())
        window.grab().save(QDir(shots).filePath(QStringLiteral("hosts-panel.png")));

    // A file that is not a hostfile: said where, and MPI runs keep the hosts they had.
    const QString bad = dir.filePath(QStringLiteral("bad"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("pc07 cores=2\n");
    }
    file->setText(bad);
    Q_EMIT file->editingFinished();
    QCOMPARE(mpiDefaults().hostfile, hosts);

    // Survive mode for the farm: the check box sets it for every MPI run of the window, and back.
    auto* survive = panel->findChild<QCheckBox*>(QStringLiteral("surviveCheck"));
    QVERIFY(survive && !survive->isChecked() && !mpiDefaults().survive);
    survive->click();
    QVERIFY(mpiDefaults().survive);
    QCOMPARE(mpiDefaults().hostfile, hosts); // the rest as it was
    survive->click();
    QVERIFY(!mpiDefaults().survive);
    QTRY_VERIFY(test::descendantsOf(platform::currentPid()).isEmpty());
}

#include "tst_mainwindow.moc"
