#include "commandline.h"

#include "content/demo.h"
#include "content/workload.h"
#include "lab/experiment.h"
#include "lab/lesson.h"
#include "lessonview.h"
#include "mainwindow.h"
#include "mpi/mpiexecutor.h"
#include "scalinglab.h"
#include "sweepresultsmodel.h"
#include "translation.h"

#include <QApplication>
#include <QFileInfo>
#include <QScreen>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace proclab {

namespace {

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

void listLessons()
{
    QTextStream out(stdout);
    for (const Lesson& l : lessons())
        out << l.name << '\t' << l.title() << '\n';
}

} // namespace

CommandLine::CommandLine()
    : m_helpOption(m_parser.addHelpOption())
    , m_versionOption(m_parser.addVersionOption())
{
    m_parser.setApplicationDescription(QStringLiteral(
        "ProcLab: real worker processes, animated from their own events, and how they scale, measured live.\n"
        "Examples:\n"
        "  proclab --demo queue --pace 200 --screenshot q.png --exit-after-run\n"
        "  proclab --workload spin --set tasks=16 --set ms=50 -p 4 --single --pace 100\n"
        "  proclab --workload spin --set tasks=8 --set ms=20 -p 4 --run --exit-after-run --screenshot s.png"));
    m_parser.addOptions({
        { QStringLiteral("workload"), QStringLiteral("Workload to select: %1.").arg(workloadNames()),
            QStringLiteral("name") },
        { QStringLiteral("set"),
            QStringLiteral("Set a workload parameter (repeatable); the others take their defaults."),
            QStringLiteral("key=value") },
        { QStringLiteral("demo"), QStringLiteral("Open on a tutorial demo and run it (see --list-demos)."),
            QStringLiteral("name") },
        { QStringLiteral("list-demos"), QStringLiteral("List the demos and quit.") },
        { QStringLiteral("overlay"),
            QStringLiteral(
                "Draw a sweep measured elsewhere (proclab-cli sweep --json, or the plot's JSON export) as an "
                "overlay on the scaling plot, e.g. ProcLab's C++ beside your Python (repeatable)."),
            QStringLiteral("file") },
        { QStringLiteral("python"),
            QStringLiteral("Open your own Python script and run it under real CPython, animated (with --run: sweep it "
                           "over p = 1 .. N). Its arguments follow --: proclab --python FILE -- ARGS."),
            QStringLiteral("file") },
        { { QStringLiteral("p"), QStringLiteral("processes") },
            QStringLiteral("Processes: the pool (or the demo's choice); a sweep runs p = 1 .. N (at most %1).")
                .arg(MainWindow::maximumProcesses()),
            QStringLiteral("N") },
        { QStringLiteral("executor"),
            QStringLiteral("process, thread, gil-thread, serial, mpi-spmd or mpi-farm; a list (process,mpi-spmd) gives "
                           "a series each."),
            QStringLiteral("kinds") },
        { QStringLiteral("start-method"), QStringLiteral("spawn or forkserver (the default)."),
            QStringLiteral("method") },
        { QStringLiteral("hosts"),
            QStringLiteral("An Open MPI hostfile (nodeA slots=2) for the MPI executors: ranks spread over those "
                           "machines, grouped by host on the stage."),
            QStringLiteral("file") },
        { QStringLiteral("rsh-agent"), QStringLiteral("What mpirun runs instead of ssh to reach the hosts."),
            QStringLiteral("program") },
        { QStringLiteral("scheduling"), QStringLiteral("dynamic or static."), QStringLiteral("policy") },
        { QStringLiteral("chunksize"),
            QStringLiteral("Tasks per chunk; 0 for Python's default; a list gives a series each."),
            QStringLiteral("n") },
        { QStringLiteral("repeats"), QStringLiteral("Runs per point, 1 to 10; the plot shows their median."),
            QStringLiteral("n") },
        { QStringLiteral("view"), QStringLiteral("Plot wall, speedup, efficiency or breakdown."),
            QStringLiteral("view") },
        { QStringLiteral("presenter"), QStringLiteral("Presenter mode: large fonts and thick lines.") },
        { QStringLiteral("run"), QStringLiteral("Start the scaling sweep right away.") },
        { QStringLiteral("single"), QStringLiteral("Run the workload once, animated on the stage, right away.") },
        { QStringLiteral("pace"),
            QStringLiteral("A real delay before each pool task, so that a run moves at human speed (0 to 10000)."),
            QStringLiteral("ms") },
        { QStringLiteral("exit-after-run"),
            QStringLiteral("Run (the sweep unless --single or --demo), then quit: exit code 0 if it completed (and "
                           "verified), else 1.") },
        { QStringLiteral("size"), QStringLiteral("A parameter swept as the problem size: a series per value."),
            QStringLiteral("key=v1,v2") },
        { QStringLiteral("weak"),
            QStringLiteral("Weak scaling: the parameter grows with p so each process keeps the work it had at p = 1."),
            QStringLiteral("key") },
        { QStringLiteral("predict"), QStringLiteral("Predict first: the speedups expected at p = 2, 3, ..."),
            QStringLiteral("s2,s3,...") },
        { QStringLiteral("screenshot-after-points"),
            QStringLiteral("With --run and --screenshot: take the picture when this many points have landed."),
            QStringLiteral("n") },
        { QStringLiteral("screenshot"),
            QStringLiteral("Save a picture of the window when the run ends, once its last event is drawn; with "
                           "nothing to run, as soon as the window shows, then quit."),
            QStringLiteral("file.png") },
        { QStringLiteral("lesson"),
            QStringLiteral(
                "Open this lesson (see --list-lessons); with --run or --exit-after-run, run its experiment."),
            QStringLiteral("name") },
        { QStringLiteral("list-lessons"), QStringLiteral("Print the lessons, one a line: name, a tab, title.") },
        { QStringLiteral("lang"),
            QStringLiteral("Interface language: en, fr or ru (default: the last choice, else the system's)."),
            QStringLiteral("code") },
        { QStringLiteral("screenshot-at"),
            QStringLiteral("With --single or --demo: take the screenshot this long after the run starts (mid-run) "
                           "rather than at its end; with --screenshot-after-points, this long after that point."),
            QStringLiteral("ms") },
    });
}

bool CommandLine::fail(const QString& message)
{
    m_error = message;
    return false;
}

bool CommandLine::parse(const QStringList& arguments)
{
    WindowCommand& c = m_command;
    if (!m_parser.parse(arguments))
        return fail(m_parser.errorText());
    c.python = m_parser.value(QStringLiteral("python"));
    if (!m_parser.isSet(QStringLiteral("python")) && !m_parser.positionalArguments().isEmpty())
        return fail(
            QStringLiteral("unexpected argument '%1' (see --help)").arg(m_parser.positionalArguments().first()));
    c.pythonArguments = m_parser.positionalArguments();
    c.overlays = m_parser.values(QStringLiteral("overlay"));
    for (const QString& overlay : std::as_const(c.overlays)) {
        if (!QFileInfo(overlay).isFile())
            return fail(QStringLiteral("--overlay %1: no such file").arg(overlay));
    }
    if (m_parser.isSet(QStringLiteral("python")) && !QFileInfo(c.python).isFile())
        return fail(QStringLiteral("--python %1: no such file").arg(c.python));
    // A picture we could not save is known now, not after a whole sweep.
    c.screenshot = m_parser.value(QStringLiteral("screenshot"));
    if (!c.screenshot.isEmpty()) {
        const QFileInfo info(c.screenshot);
        const QFileInfo folder(info.absolutePath());
        if (info.isDir() || (info.exists() ? !info.isWritable() : !folder.isDir() || !folder.isWritable()))
            return fail(QStringLiteral("--screenshot %1: cannot write there").arg(c.screenshot));
    }
    if (m_parser.isSet(m_helpOption) || m_parser.isSet(m_versionOption)) {
        c.action = m_parser.isSet(m_helpOption) ? WindowCommand::Action::Help : WindowCommand::Action::Version;
        return true;
    }
    // Lessons are answered without a display, like --help.
    if (m_parser.isSet(QStringLiteral("lang"))) {
        c.language = m_parser.value(QStringLiteral("lang"));
        if (!i18n::availableLanguages().contains(c.language))
            return fail(QStringLiteral("unknown language '%1' (%2)")
                            .arg(c.language, i18n::availableLanguages().join(QStringLiteral(", "))));
    }
    c.lesson = m_parser.value(QStringLiteral("lesson"));
    if (m_parser.isSet(QStringLiteral("list-lessons"))) {
        c.action = WindowCommand::Action::ListLessons;
        return true;
    }
    if (m_parser.isSet(QStringLiteral("lesson")) && !findLesson(c.lesson)) {
        c.action = WindowCommand::Action::UnknownLesson;
        return true;
    }
    if (m_parser.isSet(QStringLiteral("list-demos"))) {
        c.action = WindowCommand::Action::ListDemos;
        return true;
    }
    // Mistakes that need no window are reported before one opens.
    c.demo = m_parser.value(QStringLiteral("demo"));
    if (m_parser.isSet(QStringLiteral("demo")) && !findDemo(c.demo))
        return fail(QStringLiteral("unknown demo '%1' (%2)").arg(c.demo, demoNames()));
    c.single = m_parser.isSet(QStringLiteral("single"));
    c.sweep = m_parser.isSet(QStringLiteral("run"));
    c.exitAfterRun = m_parser.isSet(QStringLiteral("exit-after-run"));
    if (int(c.single) + int(c.sweep) + int(m_parser.isSet(QStringLiteral("demo"))) > 1)
        return fail(QStringLiteral("--demo, --single and --run each start something: choose one"));
    if (!c.python.isEmpty() && (c.single || !c.demo.isEmpty() || !c.lesson.isEmpty()))
        return fail(QStringLiteral("--python runs the script (with --run: sweeps it); not with --demo, --single or "
                                   "--lesson"));
    if (m_parser.isSet(QStringLiteral("pace"))) {
        const auto pace = options::integer(QStringLiteral("--pace"), m_parser.value(QStringLiteral("pace")), 0, 10000);
        if (!pace)
            return fail(pace.error);
        c.paceMs = *pace;
    }
    if (m_parser.isSet(QStringLiteral("screenshot-at"))) {
        const auto at = options::integer(
            QStringLiteral("--screenshot-at"), m_parser.value(QStringLiteral("screenshot-at")), 0, 3'600'000);
        if (!at)
            return fail(at.error);
        const bool midSweep = c.sweep && m_parser.isSet(QStringLiteral("screenshot-after-points"));
        if (!c.single && !m_parser.isSet(QStringLiteral("demo")) && (c.python.isEmpty() || c.sweep) && !midSweep)
            return fail(
                QStringLiteral("--screenshot-at needs --single, --demo, --python or --screenshot-after-points"));
        if (!m_parser.isSet(QStringLiteral("screenshot")))
            return fail(QStringLiteral("--screenshot-at needs --screenshot FILE.png"));
        c.screenshotAtMs = *at;
    }
    return readExperiment();
}

// The experiment panel's options, by the rules proclab-cli follows.
bool CommandLine::readExperiment()
{
    WindowCommand& c = m_command;
    const auto given = [this](const char* name) { return m_parser.isSet(QLatin1String(name)); };
    const auto value = [this](const char* name) { return m_parser.value(QLatin1String(name)); };
    if (given("workload")) {
        c.workload = value("workload");
        if (!findWorkload(*c.workload))
            return fail(QStringLiteral("unknown workload '%1' (%2)").arg(*c.workload, workloadNames()));
    }
    c.params = m_parser.values(QStringLiteral("set"));
    if (given("processes")) {
        const auto p = options::processes(value("processes"), MainWindow::maximumProcesses());
        if (!p)
            return fail(p.error);
        c.maxProcesses = *p;
    }
    if (given("executor")) {
        const auto e = options::executors(value("executor"));
        if (!e)
            return fail(e.error);
        c.executors = *e;
    }
    if (given("start-method")) {
        const auto m = options::startMethod(value("start-method"));
        if (!m)
            return fail(m.error);
        c.startMethod = *m;
    }
    if (given("scheduling")) {
        const auto s = options::scheduling(value("scheduling"));
        if (!s)
            return fail(s.error);
        c.scheduling = *s;
    }
    if (given("chunksize")) {
        const auto k = options::chunksizes(value("chunksize"));
        if (!k)
            return fail(k.error);
        c.chunksizes = *k;
    }
    if (given("size")) {
        const auto size = options::problemSize(value("size"));
        if (!size)
            return fail(size.error);
        c.size = *size;
    }
    if (given("weak"))
        c.weakParam = value("weak");
    if (given("repeats")) {
        const auto r = options::repeats(value("repeats"), 10);
        if (!r)
            return fail(r.error);
        c.repeats = *r;
    }
    if (given("view")) {
        const QStringList views { QStringLiteral("wall"), QStringLiteral("speedup"), QStringLiteral("efficiency"),
            QStringLiteral("breakdown") };
        const auto view = views.indexOf(value("view"));
        if (view < 0)
            return fail(QStringLiteral("unknown view '%1' (wall, speedup, efficiency, breakdown)").arg(value("view")));
        c.plotView = int(view);
    }
    c.presenter = given("presenter");
    if (given("hosts")) {
        const QFileInfo hostfile(value("hosts"));
        if (!hostfile.isReadable())
            return fail(QStringLiteral("--hosts: cannot read '%1'").arg(value("hosts")));
        c.hostfile = hostfile.absoluteFilePath();
    }
    if (given("rsh-agent"))
        c.rshAgent = value("rsh-agent");
    if (given("predict")) {
        for (const QString& v : value("predict").split(QLatin1Char(','))) {
            bool ok = false;
            const double speedup = v.trimmed().toDouble(&ok);
            if (!ok || speedup <= 0)
                return fail(QStringLiteral("--predict takes positive speedups for p = 2, 3, ..., e.g. 1.9,2.7"));
            c.predictions << speedup;
        }
    }
    if (given("screenshot-after-points")) {
        const auto n = options::integer(
            QStringLiteral("--screenshot-after-points"), value("screenshot-after-points"), 1, 100000);
        if (!n)
            return fail(n.error);
        c.screenshotAfterPoints = *n;
    }
    return true;
}

int CommandLine::answerWithoutWindow()
{
    switch (m_command.action) {
    case WindowCommand::Action::Help:
        m_parser.showHelp(0); // quits
    case WindowCommand::Action::Version:
        m_parser.showVersion(); // quits
    case WindowCommand::Action::ListDemos: {
        QTextStream out(stdout);
        for (const Demo* d : demos())
            out << d->name().leftJustified(20) << ' ' << d->description() << Qt::endl;
        return 0;
    }
    case WindowCommand::Action::ListLessons:
    case WindowCommand::Action::UnknownLesson:
        if (!m_command.language.isEmpty())
            i18n::setLanguage(m_command.language, false);
        if (m_command.action == WindowCommand::Action::ListLessons) {
            listLessons();
            return 0;
        }
        QTextStream(stderr) << "proclab: unknown lesson '" << m_command.lesson << "'; the lessons are:" << Qt::endl;
        listLessons();
        return 2;
    case WindowCommand::Action::OpenWindow:
        break;
    }
    return 0;
}

bool CommandLine::apply(MainWindow* window)
{
    const WindowCommand& c = m_command;
    ExperimentSettings settings = window->experimentSettings();
    if (c.workload)
        settings.workload = *c.workload;
    const Workload* workload = findWorkload(settings.workload);
    if (!workload)
        return fail(QStringLiteral("unknown workload '%1' (%2)").arg(settings.workload, workloadNames()));
    if (c.workload || !c.params.isEmpty()) {
        QString error;
        if (!parseParams(*workload, c.params, &settings.params, &error))
            return fail(error);
        if (const QString problem = workload->validate(settings.params); !problem.isEmpty())
            return fail(QStringLiteral("%1: %2").arg(workload->name(), problem));
    }
    settings.maxProcesses = c.maxProcesses.value_or(settings.maxProcesses);
    settings.executors = c.executors.value_or(settings.executors);
    settings.startMethod = c.startMethod.value_or(settings.startMethod);
    settings.scheduling = c.scheduling.value_or(settings.scheduling);
    settings.chunksizes = c.chunksizes.value_or(settings.chunksizes);
    if (c.size) {
        settings.sizeParam = c.size->param;
        settings.sizeValues = c.size->values;
    }
    if (c.weakParam) {
        if (weakLaw(*workload, *c.weakParam).isEmpty()) {
            QString error;
            (void)weakParams(*workload, settings.params, *c.weakParam, 1, &error);
            return fail(QStringLiteral("--weak %1").arg(error));
        }
        settings.weakParam = *c.weakParam;
    }
    settings.repeats = c.repeats.value_or(settings.repeats);
    if (!c.hostfile.isEmpty() || !c.rshAgent.isEmpty()) { // for every MPI run of this session, sweeps included
        MpiOptions mpi = mpiDefaults();
        if (!c.hostfile.isEmpty())
            mpi.hostfile = c.hostfile;
        if (!c.rshAgent.isEmpty())
            mpi.rshAgent = c.rshAgent;
        setMpiDefaults(mpi);
    }
    if (c.plotView)
        window->setPlotView(*c.plotView);
    if (c.presenter)
        window->setPresenterMode(true);
    window->setExperimentSettings(settings);
    if (!c.predictions.isEmpty()) {
        window->lab()->setPredictMode(true);
        int p = 2;
        for (double speedup : c.predictions)
            window->lab()->setPrediction(p++, speedup);
        if (p != settings.maxProcesses + 1) // the sweep would wait for the missing guesses
            return fail(QStringLiteral("--predict needs one speedup for each p = 2 .. %1").arg(settings.maxProcesses));
    }
    if (c.paceMs)
        window->setPaceMs(*c.paceMs);
    for (const QString& overlay : c.overlays) {
        QString error;
        if (!window->lab()->addOverlayFile(overlay, &error))
            return fail(QStringLiteral("--overlay %1").arg(error));
    }
    if (!c.python.isEmpty()) {
        QString error;
        if (!window->openScript(c.python, c.pythonArguments, &error))
            return fail(error);
        window->setRunMode(c.sweep ? MainWindow::RunMode::PythonSweep : MainWindow::RunMode::Python);
    } else if (!c.demo.isEmpty()) {
        window->setDemoName(c.demo);
        window->setRunMode(MainWindow::RunMode::Demo);
    } else if (c.single) {
        window->setRunMode(MainWindow::RunMode::Workload);
    } else if (c.sweep || c.exitAfterRun) {
        window->setRunMode(MainWindow::RunMode::Sweep);
    }
    return true;
}

void CommandLine::start(MainWindow* window) const
{
    const WindowCommand& c = m_command;
    window->show();
    const bool exitAfterRun = c.exitAfterRun;
    const auto capture = [window, screenshot = c.screenshot] {
        if (screenshot.isEmpty() || window->saveScreenshot(screenshot))
            return true;
        QTextStream(stderr) << "proclab: could not write " << screenshot << Qt::endl;
        return false;
    };
    if (!c.lesson.isEmpty()) {
        // Open the lesson (its panel makes room for itself on a small screen); run it, capture the window at the
        // end, quit.
        window->showLesson(c.lesson);
        if (c.sweep || exitAfterRun) {
            QObject::connect(window, &MainWindow::lessonFinished, window, [capture, exitAfterRun](bool ok) {
                const bool captured = capture();
                if (exitAfterRun)
                    QApplication::exit(ok && captured ? 0 : 1);
            });
            QTimer::singleShot(0, window, [window] { window->runLesson(window->lessonView()->currentLesson()); });
        } else if (!c.screenshot.isEmpty()) {
            QTimer::singleShot(0, window, [capture] { QApplication::exit(capture() ? 0 : 1); });
        }
    } else if (c.single || !c.demo.isEmpty() || (!c.python.isEmpty() && !c.sweep)) {
        auto captured = std::make_shared<std::optional<bool>>(); // the one screenshot, once taken
        if (c.screenshotAtMs) {
            QObject::connect(
                window, &MainWindow::runStarted, window, [window, capture, captured, ms = *c.screenshotAtMs] {
                    QTimer::singleShot(ms, window, [capture, captured] {
                        if (!*captured)
                            *captured = capture();
                    });
                });
        }
        QObject::connect(window, &MainWindow::runDrawn, window, [window, capture, captured, exitAfterRun] {
            // Queued: the stage and the timeline repaint on their next frame.
            QTimer::singleShot(0, window, [window, capture, captured, exitAfterRun] {
                if (!*captured)
                    *captured = capture();
                if (!exitAfterRun)
                    return;
                const RunOutcome o = window->lastOutcome();
                const RunRequest::Kind kind = window->runRequest().kind;
                const bool ok = o.status == RunOutcome::Status::Ok
                    && (kind == RunRequest::Kind::Demo || kind == RunRequest::Kind::Python || o.verified);
                QApplication::exit(ok && **captured ? 0 : 1);
            });
        });
        QTimer::singleShot(0, window, &MainWindow::run); // the script is saved first if edited
    } else if (c.sweep || exitAfterRun) {
        auto capturedMidSweep = std::make_shared<bool>(false);
        if (c.screenshotAfterPoints > 0) {
            // A picture in the middle of a sweep; with --exit-after-run the sweep then stops and the app quits.
            auto landed = std::make_shared<int>(0);
            QObject::connect(window, &MainWindow::pointMeasured, window,
                [window, capture, exitAfterRun, capturedMidSweep, landed, points = c.screenshotAfterPoints,
                    delayMs = c.screenshotAtMs.value_or(0)] {
                    if (++*landed != points)
                        return;
                    *capturedMidSweep = true;
                    // With --screenshot-at, that long into the next measurement (its processes at work).
                    QTimer::singleShot(delayMs, window, [window, capture, exitAfterRun] {
                        const bool captured = capture();
                        if (exitAfterRun) {
                            QApplication::exit(captured ? 0 : 1);
                            window->stopSweep();
                        }
                    });
                });
        }
        QObject::connect(window, &MainWindow::sweepFinished, window, [window, capture, exitAfterRun, capturedMidSweep] {
            if (*capturedMidSweep)
                return; // the picture is taken (and the sweep stopped on purpose with --exit-after-run)
            const bool captured = capture();
            if (!exitAfterRun)
                return;
            bool verified = window->lastState() == MainWindow::SweepState::Completed;
            for (const SweepPoint& p : window->resultsModel()->points())
                verified = verified && p.verified;
            QApplication::exit(verified && captured ? 0 : 1);
        });
        QTimer::singleShot(0, window, &MainWindow::startSweep);
    } else if (!c.screenshot.isEmpty()) {
        QTimer::singleShot(0, window, [capture] { QApplication::exit(capture() ? 0 : 1); });
    }
}

} // namespace proclab
