// proclab: the ProcLab window. The command line prepares slides: pick a workload (or a demo) and its settings,
// run it at once (animated, or as a scaling sweep), capture the window when it is done (or mid-run) and quit.

#include "content/content.h"
#include "lab/lesson.h"
#include "lessonview.h"
#include "content/demo.h"
#include "mainwindow.h"
#include "scalinglab.h"
#include "engine/startmethod.h"
#include "sweepresultsmodel.h"
#include "translation.h"
#include "content/workload.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QScreen>
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
    registerContent();
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
        { QStringLiteral("executor"),
            QStringLiteral("process, thread, gil-thread or serial; a list (process,gil-thread) gives a series each."),
            QStringLiteral("kinds") },
        { QStringLiteral("start-method"), QStringLiteral("spawn or forkserver."), QStringLiteral("method") },
        { QStringLiteral("scheduling"), QStringLiteral("dynamic or static."), QStringLiteral("policy") },
        { QStringLiteral("chunksize"),
            QStringLiteral("Tasks per chunk; 0 for Python's default; a list gives a series each."),
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
        // Scaling lab (issue 6)
        { QStringLiteral("size"), QStringLiteral("A parameter swept as the problem size: a series per value."),
            QStringLiteral("key=v1,v2") },
        { QStringLiteral("predict"), QStringLiteral("Predict first: the speedups expected at p = 2, 3, ..."),
            QStringLiteral("s2,s3,...") },
        { QStringLiteral("screenshot-after-points"),
            QStringLiteral("With --run and --screenshot: take the picture when this many points have landed."),
            QStringLiteral("n") },
        { QStringLiteral("screenshot"),
            QStringLiteral("Save a picture of the window when the run ends, once its last event is drawn; with "
                           "nothing to run, as soon as the window shows, then quit."),
            QStringLiteral("file.png") },
        // ---- Lessons ----
        { QStringLiteral("lesson"),
            QStringLiteral("Open this lesson (see --list-lessons); with --run or --exit-after-run, run its experiment."),
            QStringLiteral("name") },
        { QStringLiteral("list-lessons"), QStringLiteral("Print the lessons, one a line: name, a tab, title.") },
        { QStringLiteral("lang"), QStringLiteral("Interface language: en, fr or ru (default: the last choice, else "
                                                 "the system's)."),
            QStringLiteral("code") },
        // ---- end Lessons ----
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
    // A picture we could not save is known now, not after a whole sweep.
    const QString screenshot = parser.value(QStringLiteral("screenshot"));
    if (!screenshot.isEmpty()) {
        const QFileInfo info(screenshot);
        const QFileInfo folder(info.absolutePath());
        if (info.isDir() || (info.exists() ? !info.isWritable() : !folder.isDir() || !folder.isWritable()))
            return usageError(QStringLiteral("--screenshot %1: cannot write there").arg(screenshot));
    }
    if (parser.isSet(helpOption) || parser.isSet(versionOption)) {
        QCoreApplication textOnly(argc, argv);
        describeApplication();
        if (parser.isSet(helpOption))
            parser.showHelp(0);
        parser.showVersion();
    }
    // ---- Lessons: answered without a display, like --help ----
    const QString lang = parser.value(QStringLiteral("lang"));
    if (parser.isSet(QStringLiteral("lang")) && !i18n::availableLanguages().contains(lang))
        return usageError(QStringLiteral("unknown language '%1' (%2)")
                              .arg(lang, i18n::availableLanguages().join(QStringLiteral(", "))));
    const auto listLessons = [] {
        QTextStream out(stdout);
        for (const Lesson& l : lessons())
            out << l.name << '\t' << l.title() << '\n';
    };
    const QString lessonName = parser.value(QStringLiteral("lesson"));
    if (parser.isSet(QStringLiteral("list-lessons")) || (parser.isSet(QStringLiteral("lesson")) && !findLesson(lessonName))) {
        QCoreApplication textOnly(argc, argv);
        describeApplication();
        if (parser.isSet(QStringLiteral("lang")))
            i18n::setLanguage(lang, false);
        if (parser.isSet(QStringLiteral("list-lessons"))) {
            listLessons();
            return 0;
        }
        QTextStream(stderr) << "proclab: unknown lesson '" << lessonName << "'; the lessons are:" << Qt::endl;
        listLessons();
        return 2;
    }
    // ---- end Lessons ----
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
    // The installed desktop entry and icon (resources/desktop, resources/icons): the desktop's name for this window.
    const QString appId = QStringLiteral("io.github.proclab.ProcLab");
    QGuiApplication::setDesktopFileName(appId);
    QApplication::setWindowIcon(QIcon::fromTheme(appId, QIcon(QStringLiteral(":/icons/%1.svg").arg(appId))));
    // A language given on the command line is for this session; one chosen from the menu is remembered.
    i18n::setLanguage(parser.isSet(QStringLiteral("lang")) ? lang : i18n::startupLanguage(), false);

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
        settings.executors.clear();
        for (const QString& name : parser.value(QStringLiteral("executor")).split(QLatin1Char(','))) {
            const auto e = parseExecutor(name.trimmed());
            if (!e)
                return usageError(
                    QStringLiteral("unknown executor '%1' (process, thread, gil-thread, serial)").arg(name.trimmed()));
            settings.executors << *e;
        }
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
        settings.chunksizes.clear();
        for (const QString& k : parser.value(QStringLiteral("chunksize")).split(QLatin1Char(','))) {
            bool ok = false;
            const int c = k.trimmed().toInt(&ok);
            if (!ok || c < 0 || c > 1000000)
                return usageError(QStringLiteral("--chunksize must be whole numbers from 0 to 1000000"));
            settings.chunksizes << c;
        }
    }
    if (parser.isSet(QStringLiteral("size"))) {
        const QString size = parser.value(QStringLiteral("size"));
        settings.sizeParam = size.section(QLatin1Char('='), 0, 0).trimmed();
        settings.sizeValues.clear();
        for (const QString& v : size.section(QLatin1Char('='), 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
            settings.sizeValues << v.trimmed();
        if (settings.sizeParam.isEmpty() || settings.sizeValues.isEmpty())
            return usageError(QStringLiteral("--size needs a parameter and values, e.g. n=128,256,512"));
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
    if (parser.isSet(QStringLiteral("predict"))) {
        window.lab()->setPredictMode(true);
        int p = 2;
        for (const QString& v : parser.value(QStringLiteral("predict")).split(QLatin1Char(','))) {
            bool ok = false;
            const double speedup = v.trimmed().toDouble(&ok);
            if (!ok || speedup <= 0)
                return usageError(QStringLiteral("--predict takes positive speedups for p = 2, 3, ..., e.g. 1.9,2.7"));
            window.lab()->setPrediction(p++, speedup);
        }
        if (p != settings.maxProcesses + 1) // the sweep would wait for the missing guesses
            return usageError(
                QStringLiteral("--predict needs one speedup for each p = 2 .. %1").arg(settings.maxProcesses));
    }
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

    const bool exitAfterRun = parser.isSet(QStringLiteral("exit-after-run"));
    const auto capture = [&window, screenshot] {
        if (screenshot.isEmpty() || window.saveScreenshot(screenshot))
            return true;
        QTextStream(stderr) << "proclab: could not write " << screenshot << Qt::endl;
        return false;
    };
    int pointsForScreenshot = 0;
    if (parser.isSet(QStringLiteral("screenshot-after-points"))) {
        const auto n = intOption(parser, QStringLiteral("screenshot-after-points"), 1, 100000, &error);
        if (!n)
            return usageError(error);
        pointsForScreenshot = *n;
    }
    int landed = 0;
    bool capturedMidSweep = false;
    if (!lessonName.isEmpty()) {
        // ---- Lessons: open the lesson; run it, capture the window at the end, quit ----
        // Code, plot and lesson side by side want a wide window.
        window.resize(window.screen()->availableSize().boundedTo(QSize(1600, 1000)));
        window.showLesson(lessonName);
        if (parser.isSet(QStringLiteral("run")) || exitAfterRun) {
            QObject::connect(&window, &MainWindow::lessonFinished, &app, [capture, exitAfterRun](bool ok) {
                const bool captured = capture();
                if (exitAfterRun)
                    QApplication::exit(ok && captured ? 0 : 1);
            });
            QTimer::singleShot(0, &window, [&window] { window.runLesson(window.lessonView()->currentLesson()); });
        } else if (!screenshot.isEmpty()) {
            QTimer::singleShot(0, &window, [capture] { QApplication::exit(capture() ? 0 : 1); });
        }
        // ---- end Lessons ----
    } else if (animated) {
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
        if (pointsForScreenshot > 0) {
            // A picture in the middle of a sweep; with --exit-after-run the sweep then stops and the app quits.
            QObject::connect(&window, &MainWindow::pointMeasured, &app, [&] {
                if (++landed != pointsForScreenshot)
                    return;
                capturedMidSweep = true;
                const bool captured = capture();
                if (exitAfterRun) {
                    QApplication::exit(captured ? 0 : 1);
                    window.stopSweep();
                }
            });
        }
        QObject::connect(
            &window, &MainWindow::sweepFinished, &app, [&window, capture, exitAfterRun, &capturedMidSweep] {
                if (capturedMidSweep)
                    return; // the picture is taken (and the sweep stopped on purpose with --exit-after-run)
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
