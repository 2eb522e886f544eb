// proclab-windowbench: the whole window under a firehose. One animated run of expr over N inputs with
// chunksize 1 (five events per task) from MainWindow, as a user starts it; meanwhile a 5 ms timer on the GUI
// thread measures how long the event loop is ever kept busy. Prints the run's event count, how long after the run's
// end (runFinished) its last event was drawn (runDrawn), the frames the stage and the timeline painted, the GUI
// thread's longest and 99th-percentile stall and the peak RSS.
//
//   proclab-windowbench [N=200000] [processes=2]     (QT_QPA_PLATFORM=offscreen works)

#include "mainwindow.h"
#include "session/eventplayer.h"
#include "session/stagemodel.h"
#include "session/timelinemodel.h"
#include "stageview.h"
#include "timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <sys/resource.h>
#include <vector>

using namespace proclab;

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("PROCLAB_WORKER"))
        qputenv("PROCLAB_WORKER", PROCLAB_WORKER_PATH);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ProcLab-bench")); // not the user's settings
    const QStringList args = QCoreApplication::arguments();
    const qint64 n = args.size() > 1 ? args.at(1).toLongLong() : 200000;
    const int processes = args.size() > 2 ? args.at(2).toInt() : 2;

    MainWindow window(nullptr, false);
    ExperimentSettings s = window.experimentSettings();
    s.workload = QStringLiteral("expr");
    s.params = { { QStringLiteral("expr"), QStringLiteral("x*x+1") }, { QStringLiteral("n"), n } };
    s.maxProcesses = processes;
    s.executors = { ExecutorKind::Process };
    s.chunksizes = { 1 };
    window.setExperimentSettings(s);
    window.setRunMode(MainWindow::RunMode::Workload);
    window.setPaceMs(0);
    window.show();

    // The GUI thread's responsiveness: gaps between ticks of a 5 ms timer, beyond the 5 ms.
    std::vector<qint64> stallsUs;
    std::vector<std::pair<qint64, qint64>> stallEndsMs; // (stall in us, when it ended: ms since Run)
    QElapsedTimer sinceTick;
    QElapsedTimer wall;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &window, [&] {
        stallsUs.push_back(std::max<qint64>(0, sinceTick.nsecsElapsed() / 1000 - 5000));
        stallEndsMs.emplace_back(stallsUs.back(), wall.elapsed());
        sinceTick.start();
    });

    QEventLoop untilFinished;
    QElapsedTimer sinceRunEnd;
    qint64 runEndMs = -1;
    QObject::connect(&window, &MainWindow::runFinished, &untilFinished, [&] {
        sinceRunEnd.start();
        runEndMs = wall.elapsed();
    });
    qint64 drawnAfterEndMs = -1;
    bool finished = false;
    QObject::connect(&window, &MainWindow::runDrawn, &untilFinished, [&] {
        finished = true;
        drawnAfterEndMs = sinceRunEnd.isValid() ? sinceRunEnd.elapsed() : -1;
        untilFinished.quit();
    });
    QTimer::singleShot(600000, &untilFinished, &QEventLoop::quit);
    wall.start();
    sinceTick.start();
    probe.start();
    window.startRun();
    untilFinished.exec();
    if (!finished) {
        QTextStream(stderr) << "windowbench: the run did not finish in 10 minutes" << Qt::endl;
        return 1;
    }
    const qint64 wallMs = wall.elapsed();
    probe.stop();

    std::sort(stallsUs.begin(), stallsUs.end());
    const auto percentile
        = [&stallsUs](double p) { return stallsUs.empty() ? 0 : stallsUs[size_t(p * double(stallsUs.size() - 1))]; };
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const EventPlayer* player = window.player();
    QTextStream out(stdout);
    out << "expr n=" << n << " chunksize 1, " << processes
        << " processes: " << (window.lastOutcome().status == RunOutcome::Status::Ok ? "ok" : "NOT OK") << Qt::endl
        << "  wall " << wallMs << " ms, events kept " << player->events().size() << ", not kept "
        << player->droppedEvents() << " (bound " << EventPlayer::MaxKeptEvents << ")" << Qt::endl
        << "  last event drawn " << drawnAfterEndMs << " ms after the run's end" << Qt::endl
        << "  frames painted: stage " << window.stageView()->framesPainted() << ", timeline "
        << window.timelineView()->framesPainted() << " ("
        << double(window.stageView()->framesPainted()) * 1000 / double(std::max<qint64>(1, wallMs)) << " per second)"
        << Qt::endl
        << "  GUI thread stalls beyond a 5 ms tick: p50 " << percentile(0.5) / 1000.0 << " ms, p99 "
        << percentile(0.99) / 1000.0 << " ms, max " << percentile(1.0) / 1000.0 << " ms over " << stallsUs.size()
        << " ticks" << Qt::endl
        << "  longest stalls (ms, ending at ms after Run; the run ended at " << runEndMs << "):";
    std::sort(stallEndsMs.begin(), stallEndsMs.end(), std::greater<>());
    for (size_t i = 0; i < std::min<size_t>(5, stallEndsMs.size()); ++i)
        out << " " << stallEndsMs[i].first / 1000 << " @" << stallEndsMs[i].second;
    out << Qt::endl
        << "  peak RSS " << usage.ru_maxrss / 1024 << " MB" << Qt::endl;
    return window.lastOutcome().status == RunOutcome::Status::Ok ? 0 : 1;
}
