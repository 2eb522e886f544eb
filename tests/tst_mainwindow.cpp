// qcp.h has to come first (it needs Qt's foreach before any other Qt header hides it): see ui/qcp.h.
#include "qcp.h"

#include "mainwindow.h"
#include "parameterform.h"
#include "scalinglab.h"
#include "scalingplot.h"
#include "sweepresultsmodel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
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

// proclab-worker processes whose parent is this test (spawned workers are our children), zombies included.
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
        if (rest.size() > 1 && rest.at(1).toLongLong() == qint64(getpid()) && comm.startsWith("proclab-worker"))
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

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
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

    QSignalSpy rebuilt(form, &ParameterForm::workloadChanged);
    combo->setCurrentIndex(combo->findData(QStringLiteral("expr")));
    QCOMPARE(rebuilt.count(), 1);
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
        QCOMPARE(window.scalingPlot()->measuredGraph(series.index)->name(), series.label());
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
    window.setExperimentSettings(spinSettings(4, 40, 4));
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
