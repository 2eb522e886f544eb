// proclab-sweepbench: does animating a sweep distort what it measures? The window runs the same sweep (spin,
// p = 1..P, R repeats per point) alternately with the animation (stage, timeline and console following every
// measurement, on screen) and without it, `rounds` times each, and prints per p the median wall time of each mode,
// their difference, and the repeat-to-repeat noise (the median absolute deviation of the repeats around their
// point's median, pooled over all sweeps of both modes). A timing report, never an assertion.
//
//   proclab-sweepbench [rounds=3] [P=2] [repeats=5] [tasks=8] [ms=25]     (QT_QPA_PLATFORM=offscreen works)

#include "mainwindow.h"
#include "stageview.h"
#include "sweepcontroller.h"
#include "sweepresultsmodel.h"

#include <QApplication>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
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

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("PROCLAB_WORKER"))
        qputenv("PROCLAB_WORKER", PROCLAB_WORKER_PATH);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcLab-bench")); // not the user's settings
    const QStringList args = QCoreApplication::arguments();
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
