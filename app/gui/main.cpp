// proclab: the ProcLab window. The command line prepares slides: pick a workload (or a demo) and its settings,
// run it at once (animated, or as a scaling sweep), capture the window when it is done (or mid-run) and quit.

#include "demo.h"
#include "mainwindow.h"
#include "startmethod.h"
#include "sweepresultsmodel.h"
#include "workload.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

#include <memory>
#include <optional>

using namespace proclab;

namespace {

int usageError(const QString& message)
{
    QTextStream(stderr) << "proclab: " << message << Qt::endl;
    return 2;
}

QString demoNames()
{
    QStringList names;
    for (const Demo* d : demos())
        names << d->name();
    return names.join(QStringLiteral(", "));
}

QString workloadNames()
{
    QStringList names;
    for (const Workload* w : workloads())
        names << w->name();
    return names.join(QStringLiteral(", "));
}

std::optional<int> intOption(const QCommandLineParser& parser, const QString& name, int min, int max, QString* error)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        *error = QStringLiteral("--%1 must be a whole number from %2 to %3").arg(name).arg(min).arg(max);
        return std::nullopt;
    }
    return value;
}

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("ProcLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("ProcLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROCLAB_VERSION));
}

} // namespace

int main(int argc, char* argv[])
{
    // The command line is read before any window system is touched, so that --help, --version and a
    // mistyped option answer on a machine without a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "ProcLab: real worker processes, animated from their own events, and how they scale, measured live.\n"
        "Examples:\n"
        "  proclab --demo queue --pace 200 --screenshot q.png --exit-after-run\n"
        "  proclab --workload spin --set tasks=16 --set ms=50 -p 4 --single --pace 100\n"
        "  proclab --workload spin --set tasks=8 --set ms=20 -p 4 --run --exit-after-run --screenshot s.png"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    parser.addOptions({
        { QStringLiteral("workload"), QStringLiteral("Workload to select: %1.").arg(workloadNames()),
            QStringLiteral("name") },
        { QStringLiteral("set"),
            QStringLiteral("Set a workload parameter (repeatable); the others take their defaults."),
            QStringLiteral("key=value") },
        { QStringLiteral("demo"), QStringLiteral("Open on a tutorial demo and run it (see --list-demos)."),
            QStringLiteral("name") },
        { QStringLiteral("list-demos"), QStringLiteral("List the demos and quit.") },
        { { QStringLiteral("p"), QStringLiteral("processes") },
            QStringLiteral("Processes: the pool (or the demo's choice); a sweep runs p = 1 .. N (at most %1).")
                .arg(MainWindow::maximumProcesses()),
            QStringLiteral("N") },
        { QStringLiteral("executor"), QStringLiteral("process, thread, gil-thread or serial."),
            QStringLiteral("kind") },
        { QStringLiteral("start-method"), QStringLiteral("spawn or forkserver."), QStringLiteral("method") },
        { QStringLiteral("scheduling"), QStringLiteral("dynamic or static."), QStringLiteral("policy") },
        { QStringLiteral("chunksize"), QStringLiteral("Tasks per chunk; 0 for Python's default."),
            QStringLiteral("n") },
        { QStringLiteral("repeats"), QStringLiteral("Runs per point, 1 to 10; the plot shows their median."),
            QStringLiteral("n") },
        { QStringLiteral("view"), QStringLiteral("Plot wall, speedup or efficiency."), QStringLiteral("view") },
        { QStringLiteral("presenter"), QStringLiteral("Presenter mode: large fonts and thick lines.") },
        { QStringLiteral("run"), QStringLiteral("Start the scaling sweep right away.") },
        { QStringLiteral("single"), QStringLiteral("Run the workload once, animated on the stage, right away.") },
        { QStringLiteral("pace"),
            QStringLiteral("A real delay before each pool task, so that a run moves at human speed (0 to 10000)."),
            QStringLiteral("ms") },
        { QStringLiteral("exit-after-run"),
            QStringLiteral("Run (the sweep unless --single or --demo), then quit: exit code 0 if it completed (and "
                           "verified), else 1.") },
        { QStringLiteral("screenshot"),
            QStringLiteral("Save a picture of the window when the run ends, once its last event is drawn; with "
                           "nothing to run, as soon as the window shows, then quit."),
            QStringLiteral("file.png") },
        { QStringLiteral("screenshot-at"),
            QStringLiteral("With --single or --demo: take the screenshot this long after the run starts (mid-run) "
                           "rather than at its end."),
            QStringLiteral("ms") },
    });
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first()));
    if (parser.isSet(helpOption) || parser.isSet(versionOption)) {
        QCoreApplication textOnly(argc, argv);
        describeApplication();
        if (parser.isSet(helpOption))
            parser.showHelp(0);
        parser.showVersion();
    }
    if (parser.isSet(QStringLiteral("list-demos"))) {
        QTextStream out(stdout);
        for (const Demo* d : demos())
            out << d->name().leftJustified(20) << ' ' << d->description() << Qt::endl;
        return 0;
    }
    // Mistakes that need no window are reported before one opens.
    const QString demoName = parser.value(QStringLiteral("demo"));
    if (parser.isSet(QStringLiteral("demo")) && !findDemo(demoName))
        return usageError(QStringLiteral("unknown demo '%1' (%2)").arg(demoName, demoNames()));
    const bool single = parser.isSet(QStringLiteral("single"));
    const bool sweep = parser.isSet(QStringLiteral("run"));
    if (int(single) + int(sweep) + int(parser.isSet(QStringLiteral("demo"))) > 1)
        return usageError(QStringLiteral("--demo, --single and --run each start something: choose one"));
    QString earlyError;
    std::optional<int> pace;
    if (parser.isSet(QStringLiteral("pace"))
        && !(pace = intOption(parser, QStringLiteral("pace"), 0, 10000, &earlyError)))
        return usageError(earlyError);
    std::optional<int> screenshotAt;
    if (parser.isSet(QStringLiteral("screenshot-at"))) {
        if (!(screenshotAt = intOption(parser, QStringLiteral("screenshot-at"), 0, 3'600'000, &earlyError)))
            return usageError(earlyError);
        if (!single && !parser.isSet(QStringLiteral("demo")))
            return usageError(QStringLiteral("--screenshot-at needs --single or --demo"));
        if (!parser.isSet(QStringLiteral("screenshot")))
            return usageError(QStringLiteral("--screenshot-at needs --screenshot FILE.png"));
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("ProcLab"));

    MainWindow window;
    ExperimentSettings settings = window.experimentSettings();
    QString error;
    if (parser.isSet(QStringLiteral("workload")))
        settings.workload = parser.value(QStringLiteral("workload"));
    const Workload* workload = findWorkload(settings.workload);
    if (!workload)
        return usageError(QStringLiteral("unknown workload '%1' (%2)").arg(settings.workload, workloadNames()));
    if (parser.isSet(QStringLiteral("workload")) || parser.isSet(QStringLiteral("set"))) {
        if (!parseParams(*workload, parser.values(QStringLiteral("set")), &settings.params, &error))
            return usageError(error);
        if (const QString problem = workload->validate(settings.params); !problem.isEmpty())
            return usageError(QStringLiteral("%1: %2").arg(workload->name(), problem));
    }
    if (parser.isSet(QStringLiteral("processes"))) {
        const auto p = intOption(parser, QStringLiteral("processes"), 1, MainWindow::maximumProcesses(), &error);
        if (!p)
            return usageError(error);
        settings.maxProcesses = *p;
    }
    if (parser.isSet(QStringLiteral("executor"))) {
        const auto e = parseExecutor(parser.value(QStringLiteral("executor")));
        if (!e)
            return usageError(QStringLiteral("unknown executor '%1' (process, thread, gil-thread, serial)")
                                  .arg(parser.value(QStringLiteral("executor"))));
        settings.executor = *e;
    }
    if (parser.isSet(QStringLiteral("start-method"))) {
        const auto m = parseStartMethod(parser.value(QStringLiteral("start-method")));
        if (!m)
            return usageError(QStringLiteral("unknown start method '%1' (spawn, forkserver)")
                                  .arg(parser.value(QStringLiteral("start-method"))));
        settings.startMethod = *m;
    }
    if (parser.isSet(QStringLiteral("scheduling"))) {
        const auto s = parseScheduling(parser.value(QStringLiteral("scheduling")));
        if (!s)
            return usageError(QStringLiteral("unknown scheduling '%1' (dynamic, static)")
                                  .arg(parser.value(QStringLiteral("scheduling"))));
        settings.scheduling = *s;
    }
    if (parser.isSet(QStringLiteral("chunksize"))) {
        const auto c = intOption(parser, QStringLiteral("chunksize"), 0, 1000000, &error);
        if (!c)
            return usageError(error);
        settings.chunksize = *c;
    }
    if (parser.isSet(QStringLiteral("repeats"))) {
        const auto r = intOption(parser, QStringLiteral("repeats"), 1, 10, &error);
        if (!r)
            return usageError(error);
        settings.repeats = *r;
    }
    if (parser.isSet(QStringLiteral("view"))) {
        const QStringList views { QStringLiteral("wall"), QStringLiteral("speedup"), QStringLiteral("efficiency") };
        const auto view = views.indexOf(parser.value(QStringLiteral("view")));
        if (view < 0)
            return usageError(QStringLiteral("unknown view '%1' (wall, speedup, efficiency)")
                                  .arg(parser.value(QStringLiteral("view"))));
        window.setPlotView(int(view));
    }
    if (parser.isSet(QStringLiteral("presenter")))
        window.setPresenterMode(true);
    window.setExperimentSettings(settings);
    if (pace)
        window.setPaceMs(*pace);
    const bool animated = single || parser.isSet(QStringLiteral("demo"));
    if (parser.isSet(QStringLiteral("demo"))) {
        window.setDemoName(demoName);
        window.setRunMode(MainWindow::RunMode::Demo);
    } else if (single) {
        window.setRunMode(MainWindow::RunMode::Workload);
    } else if (sweep || parser.isSet(QStringLiteral("exit-after-run"))) {
        window.setRunMode(MainWindow::RunMode::Sweep);
    }
    window.show();

    const QString screenshot = parser.value(QStringLiteral("screenshot"));
    const bool exitAfterRun = parser.isSet(QStringLiteral("exit-after-run"));
    const auto capture = [&window, screenshot] {
        if (screenshot.isEmpty() || window.saveScreenshot(screenshot))
            return true;
        QTextStream(stderr) << "proclab: could not write " << screenshot << Qt::endl;
        return false;
    };
    if (animated) {
        auto captured = std::make_shared<std::optional<bool>>(); // the one screenshot, once taken
        if (screenshotAt) {
            QObject::connect(
                &window, &MainWindow::runStarted, &window, [&window, capture, captured, ms = *screenshotAt] {
                    QTimer::singleShot(ms, &window, [capture, captured] {
                        if (!*captured)
                            *captured = capture();
                    });
                });
        }
        QObject::connect(&window, &MainWindow::runDrawn, &app, [&window, capture, captured, exitAfterRun] {
            // Queued: the stage and the timeline repaint on their next frame.
            QTimer::singleShot(0, &window, [&window, capture, captured, exitAfterRun] {
                if (!*captured)
                    *captured = capture();
                if (!exitAfterRun)
                    return;
                const RunOutcome o = window.lastOutcome();
                const bool ok = o.status == RunOutcome::Status::Ok
                    && (window.runRequest().kind == RunRequest::Kind::Demo || o.verified);
                QApplication::exit(ok && **captured ? 0 : 1);
            });
        });
        QTimer::singleShot(0, &window, &MainWindow::startRun);
    } else if (sweep || exitAfterRun) {
        QObject::connect(&window, &MainWindow::sweepFinished, &app, [&window, capture, exitAfterRun] {
            const bool captured = capture();
            if (!exitAfterRun)
                return;
            bool verified = window.lastState() == MainWindow::SweepState::Completed;
            for (const SweepPoint& p : window.resultsModel()->points())
                verified = verified && p.verified;
            QApplication::exit(verified && captured ? 0 : 1);
        });
        QTimer::singleShot(0, &window, &MainWindow::startSweep);
    } else if (!screenshot.isEmpty()) {
        QTimer::singleShot(0, &window, [capture] { QApplication::exit(capture() ? 0 : 1); });
    }
    return QApplication::exec();
}
