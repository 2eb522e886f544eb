// proclab-sweepbench: does animating a sweep distort what it measures? The window runs the same sweep (spin,
// p = 1..P, R repeats per point) alternately with the animation (stage, timeline and console following every
// measurement, on screen) and without it, `rounds` times each, and prints per p the median wall time of each mode,
// their difference, and the repeat-to-repeat noise (the median absolute deviation of the repeats around their
// point's median, pooled over all sweeps of both modes). A timing report, never an assertion.
//
//   proclab-sweepbench [rounds=3] [P=2] [repeats=5] [tasks=8] [ms=25]     (QT_QPA_PLATFORM=offscreen works)
//   proclab-sweepbench --screenshots DIR    the README's pictures: a sweep in progress (stage, timeline and plot
//                                           captured at one moment), the breakdown of pi and of uneven primes
//                                           (static scheduling), the deadlock cycle on the stage

#include "mainwindow.h"
#include "scalingplot.h"
#include "session/eventplayer.h"
#include "session/stagemodel.h"
#include "stageview.h"
#include "sweepcontroller.h"
#include "sweepresultsmodel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPainter>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

using namespace proclab;

namespace {

double medianOf(QList<double> v)
{
    if (v.isEmpty())
        return qQNaN();
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v.at(n / 2) : (v.at(n / 2 - 1) + v.at(n / 2)) / 2;
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        wait(20);
    }
    return true;
}

ExperimentSettings sweepOf(const QString& workload, const Params& params, int maxP, int repeats)
{
    ExperimentSettings s;
    s.workload = workload;
    s.params = params;
    s.maxProcesses = maxP;
    s.executors = { ExecutorKind::Process };
    s.chunksizes = { 0 };
    s.repeats = repeats;
    return s;
}

bool runSweep(MainWindow& window, const ExperimentSettings& s)
{
    window.setExperimentSettings(s);
    QEventLoop done;
    QObject::connect(&window, &MainWindow::sweepFinished, &done, &QEventLoop::quit);
    window.startSweep();
    done.exec();
    wait(500); // the animation catches up
    return window.lastState() == MainWindow::SweepState::Completed;
}

// The stage as the window shows it during a run, beside the window showing the plot and the timeline, grabbed in
// the same event loop pass (the same moment of the sweep).
QImage sideBySide(MainWindow& window)
{
    auto* tabs = window.findChild<QTabWidget*>();
    window.setRunMode(MainWindow::RunMode::Workload); // the stage in the centre
    window.scalingPlot()->replotNow();
    QApplication::processEvents();
    const QImage stage = window.grab().toImage();
    window.setRunMode(MainWindow::RunMode::Sweep); // the plot in the centre
    window.scalingPlot()->replotNow();
    QApplication::processEvents();
    const QImage lab = window.grab().toImage();
    Q_UNUSED(tabs);
    QImage out(stage.width() + lab.width() + 8, std::max(stage.height(), lab.height()), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter p(&out);
    p.drawImage(0, 0, stage);
    p.drawImage(stage.width() + 8, 0, lab);
    return out;
}

int screenshots(const QString& dirName)
{
    QDir dir(dirName);
    dir.mkpath(QStringLiteral("."));
    MainWindow window(nullptr, false);
    window.resize(1280, 800);
    window.show();
    window.setRunMode(MainWindow::RunMode::Sweep);

    // 1. A sweep of pi in progress: at p = 3, repeat 1, about a second in.
    window.setExperimentSettings(sweepOf(QStringLiteral("pi"), { { QStringLiteral("samples"), 200'000'000 } }, 4, 2));
    bool shot = false;
    QObject::connect(&window, &MainWindow::measurementStarted, &window, [&](int processes, int repeat) {
        if (processes == 3 && repeat == 1 && !shot) {
            shot = true;
            QTimer::singleShot(250, &window,
                [&] { sideBySide(window).save(dir.filePath(QStringLiteral("screenshot-sweep-animated.png"))); });
        }
    });
    {
        QEventLoop done;
        QObject::connect(&window, &MainWindow::sweepFinished, &done, &QEventLoop::quit);
        window.startSweep();
        done.exec();
    }
    wait(500);
    window.setRunMode(MainWindow::RunMode::Sweep);
    window.scalingPlot()->replotNow();
    window.saveScreenshot(dir.filePath(QStringLiteral("screenshot-breakdown-pi.png")));

    // 2. Uneven primes, static scheduling: imbalance is the largest loss.
    ExperimentSettings primes = sweepOf(QStringLiteral("primes"), { { QStringLiteral("limit"), 7'000'000 } }, 4, 1);
    primes.scheduling = Scheduling::Static;
    if (!runSweep(window, primes))
        return 1;
    window.setRunMode(MainWindow::RunMode::Sweep);
    window.scalingPlot()->replotNow();
    window.saveScreenshot(dir.filePath(QStringLiteral("screenshot-breakdown-primes.png")));

    // 3. The deadlock, caught: the cycle in red on the stage.
    window.setRunMode(MainWindow::RunMode::Demo);
    window.setDemoName(QStringLiteral("deadlock"));
    window.startRun();
    if (!waitFor([&] { return !window.stageModel()->deadlock().isEmpty(); }, 30000))
        return 1;
    wait(300);
    window.saveScreenshot(dir.filePath(QStringLiteral("screenshot-deadlock.png")));
    waitFor([&] { return !window.isRunActive(); }, 30000);
    QTextStream(stdout) << "screenshots written to " << dir.absolutePath() << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("PROCLAB_WORKER"))
        qputenv("PROCLAB_WORKER", PROCLAB_WORKER_PATH);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcLab-bench")); // not the user's settings
    const QStringList args = QCoreApplication::arguments();
    if (args.size() > 2 && args.at(1) == QLatin1String("--screenshots"))
        return screenshots(args.at(2));
    const auto arg = [&](int i, double fallback) { return args.size() > i ? args.at(i).toDouble() : fallback; };
    const int rounds = int(arg(1, 3));
    const int maxP = int(arg(2, 2));
    const int repeats = int(arg(3, 5));
    const int tasks = int(arg(4, 8));
    const double ms = arg(5, 25);

    MainWindow window(nullptr, false);
    ExperimentSettings s = window.experimentSettings();
    s.workload = QStringLiteral("spin");
    s.params = { { QStringLiteral("tasks"), tasks }, { QStringLiteral("ms"), ms } };
    s.maxProcesses = maxP;
    s.executors = { ExecutorKind::Process };
    s.chunksizes = { 0 };
    s.repeats = repeats;
    s.warmUp = true;
    window.setExperimentSettings(s);
    window.resize(1280, 800);
    window.show();
    RunController* animation = window.sweepController()->animation();

    // mode (0 without, 1 with) -> p -> every repeat's wall time; and every repeat's deviation from its point.
    std::map<int, std::map<int, QList<double>>> walls;
    QList<double> deviations;
    for (int round = 0; round < 2 * rounds; ++round) {
        const int mode = round % 2 == 0 ? 1 : 0;
        window.sweepController()->setAnimation(mode ? animation : nullptr);
        window.setRunMode(MainWindow::RunMode::Workload); // the stage in the centre, as a class watches it
        QEventLoop untilDone;
        QObject::connect(&window, &MainWindow::sweepFinished, &untilDone, &QEventLoop::quit);
        QTimer::singleShot(600000, &untilDone, &QEventLoop::quit);
        window.startSweep();
        untilDone.exec();
        if (window.lastState() != MainWindow::SweepState::Completed) {
            QTextStream(stderr) << "sweepbench: a sweep did not complete" << Qt::endl;
            return 1;
        }
        for (const SweepPoint& point : window.resultsModel()->points()) {
            walls[mode][point.processes] += point.wallSeconds;
            for (double w : point.wallSeconds)
                deviations << std::abs(w - point.median);
        }
        // The animation catches up before the next sweep starts, as a class would let it.
        QEventLoop settle;
        QTimer::singleShot(500, &settle, &QEventLoop::quit);
        settle.exec();
    }
    window.sweepController()->setAnimation(animation);

    QTextStream out(stdout);
    const double noise = medianOf(deviations);
    out << QStringLiteral("spin tasks=%1 ms=%2, p = 1..%3, %4 repeats, %5 sweeps with and %5 without the animation\n")
               .arg(tasks)
               .arg(ms)
               .arg(maxP)
               .arg(repeats)
               .arg(rounds);
    out << QStringLiteral("repeat-to-repeat noise (median |run - its point's median|): %1 ms\n")
               .arg(noise * 1e3, 0, 'f', 2);
    out << "p   median with (ms)   median without (ms)   difference (ms)   |difference| < noise\n";
    for (int p = 1; p <= maxP; ++p) {
        const double with = medianOf(walls[1][p]);
        const double without = medianOf(walls[0][p]);
        const double d = with - without;
        out << QStringLiteral("%1   %2   %3   %4   %5\n")
                   .arg(p)
                   .arg(with * 1e3, 16, 'f', 2)
                   .arg(without * 1e3, 19, 'f', 2)
                   .arg(d * 1e3, 15, 'f', 2)
                   .arg(std::abs(d) < noise ? QStringLiteral("yes") : QStringLiteral("no"));
    }
    return 0;
}
