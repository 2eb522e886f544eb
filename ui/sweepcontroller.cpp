#include "sweepcontroller.h"

#include "python/pythonsweep.h"

#include <QFileInfo>

#include "format.h"
#include "runcontroller.h"
#include "scalinglab.h"
#include "sweepresultsmodel.h"
#include "uilogging.h"

#include <QTableWidget>
#include <QTimer>

#include <algorithm>

namespace proclab {

namespace {

constexpr int maxConsoleLinesPending = 2000;

} // namespace

SweepController::SweepController(ScalingLab* lab, QObject* parent)
    : QObject(parent)
    , m_lab(lab)
    , m_model(new SweepResultsModel(this))
    , m_runner(new ExperimentRunner)
    , m_consoleTimer(new QTimer(this))
{
    // The runner: its own thread, driven by queued calls, answering with queued signals.
    m_runnerThread.setObjectName(QStringLiteral("proclab-experiment"));
    m_runner->moveToThread(&m_runnerThread);
    connect(&m_runnerThread, &QThread::finished, m_runner, &QObject::deleteLater);
    connect(m_runner, &ExperimentRunner::measurementStarted, this, &SweepController::onMeasurementStarted);
    connect(m_runner, &ExperimentRunner::runFinished, this, &SweepController::onRunFinished);
    connect(m_runner, &ExperimentRunner::pointMeasured, this, &SweepController::onPointMeasured);
    connect(m_runner, &ExperimentRunner::consoleOutput, this, &SweepController::onConsoleOutput);
    connect(m_runner, &ExperimentRunner::sweepFinished, this, &SweepController::onSweepFinished);
    connect(m_runner, &ExperimentRunner::eventsAvailable, this, [this](quint64 job, const EventBatch& batch) {
        if (job == m_currentJob && m_animation)
            m_animation->followEvents(batch);
    });
    connect(m_runner, &ExperimentRunner::processNamed, this, [this](quint64 job, qint64 pid, const QString& name) {
        if (job == m_currentJob && m_animation)
            m_animation->nameProcess(pid, name);
    });
    m_runnerThread.start();

    m_consoleTimer->setSingleShot(true);
    m_consoleTimer->setInterval(50);
    connect(m_consoleTimer, &QTimer::timeout, this, &SweepController::flushConsole);
}

SweepController::~SweepController()
{
    // A measurement under way cannot be interrupted (execute() blocks), so this waits for it at most; the
    // runner sees the cancellation before the next one, its Context and pools are gone when the thread ends.
    m_runner->cancel();
    m_runnerThread.quit();
    m_runnerThread.wait();
}

void SweepController::setState(State state)
{
    m_state = state;
    Q_EMIT stateChanged();
}

void SweepController::start(const ExperimentSettings& s)
{
    if (isRunning())
        return;
    const Workload* w = findWorkload(s.workload);
    SweepSpec spec;
    spec.workload = s.workload;
    spec.params = s.params;
    spec.processes = SweepSpec::range(1, s.maxProcesses);
    spec.executors = s.executors;
    spec.chunksizes = s.chunksizes;
    spec.sizeParam = s.sizeParam;
    spec.sizeValues = s.sizeValues;
    spec.weakParam = s.weakParam;
    spec.startMethod = s.startMethod;
    spec.scheduling = s.scheduling;
    spec.repeats = s.repeats;
    spec.warmup = s.warmUp ? 1 : 0; // one unrecorded run before each series' p = 1
    spec.warmupFirstPointOnly = true;
    spec.fitMaxProcesses = QThread::idealThreadCount(); // beyond the cores speedup stops for want of CPUs
    QString what = QStringLiteral("%1 (%2)").arg(s.workload, formatParams(w, s.params));
    if (s.sweepPython) { // the student's script, as it is on disk
        PythonRunOptions python;
        python.script = s.python.script;
        python.arguments = s.python.argumentList();
        python.interpreter = s.python.interpreter;
        python.startMethod = s.python.startMethod;
        spec.program = std::make_shared<PythonSweepProgram>(python);
        what = spec.program->label();
        if (!python.arguments.isEmpty())
            what += QLatin1Char(' ') + python.arguments.join(QLatin1Char(' '));
    }
    QString problem = Experiment::validate(spec);
    if (problem.isEmpty() && !m_lab->readyToRun(&problem)) {
        Q_EMIT statusMessage(problem); // not a failure: the student has a guess to make first
        m_lab->predictionTable()->setFocus();
        return;
    }
    if (!problem.isEmpty()) {
        setState(State::Failed);
        Q_EMIT statusMessage(tr("Cannot run: %1").arg(problem));
        Q_EMIT logLine(tr("Cannot run %1: %2").arg(s.sweepPython ? what : s.workload, problem), Qt::red);
        Q_EMIT finished();
        return;
    }

    m_settings = s;
    m_currentJob = ++m_lastJob;
    spec.id = m_currentJob;
    m_lastSummary.clear();
    QStringList labels;
    for (const SweepSeries& series : plannedSeries(spec))
        labels << series.label();
    m_model->clear(labels);
    m_seriesLabels = labels;
    m_jobsNoted.clear();
    if (m_animation) {
        RunRequest request;
        if (s.sweepPython) {
            request.kind = RunRequest::Kind::Python;
            request.script = s.python.script;
            request.arguments = s.python.argumentList();
            request.interpreter = s.python.interpreter;
            request.pythonStartMethod = s.python.startMethod;
        }
        request.name = s.sweepPython ? QFileInfo(s.python.script).fileName() : s.workload;
        request.params = s.params;
        request.processes = s.maxProcesses;
        request.executor = s.executors.value(0, ExecutorKind::Process);
        request.startMethod = s.startMethod;
        request.scheduling = s.scheduling;
        request.chunksize = s.chunksizes.value(0);
        m_animation->beginFollowing(request,
            tr("▶ Sweep: %1, p = 1 … %2 · %3").arg(what).arg(s.maxProcesses).arg(ExperimentPanel::describe(s)));
    }
    m_lab->beginSweep(spec, what);
    m_clock.start();
    setState(State::Running);

    Q_EMIT logLine(tr("▶ Sweep %1: %2, p = 1 … %3 · %4")
                       .arg(m_currentJob)
                       .arg(what)
                       .arg(s.maxProcesses)
                       .arg(ExperimentPanel::describe(s)),
        tone::info());
    Q_EMIT statusMessage(m_drainingJob ? tr("Waiting for the measurement under way (from the stopped sweep) to end…")
                                       : tr("Starting the sweep…"));
    qCDebug(lcUi) << "sweep" << spec.id << "queued";
    m_runner->setWantedJob(spec.id);
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, spec] { runner->run(spec); }, Qt::QueuedConnection);
    Q_EMIT started();
}

void SweepController::stop()
{
    if (!isRunning())
        return;
    m_runner->cancel();
    m_drainingJob = m_currentJob;
    m_currentJob = 0; // whatever the runner still sends for it is dropped
    flushConsole();
    m_lab->endSweep(SweepResult::Outcome::Cancelled);
    if (m_animation)
        m_animation->endFollowing(tr("■ Sweep stopped by the user."), tone::warning());
    setState(State::Stopped);
    Q_EMIT statusMessage(tr("Stopped (points measured: %1). The measurement under way was interrupted and its "
                            "workers terminated.")
                             .arg(m_model->rowCount()));
    Q_EMIT logLine(tr("■ Stopped by the user (points measured: %1).").arg(m_model->rowCount()), tone::warning());
    Q_EMIT finished();
}

void SweepController::abandon()
{
    if (!isRunning())
        return;
    m_runner->cancel();
    Q_EMIT statusMessage(tr("Closing after the measurement under way…"));
}

void SweepController::onMeasurementStarted(quint64 job, int series, int processes, int repeat, int repeats, qint64 tNs)
{
    if (job != m_currentJob)
        return;
    if (m_animation) {
        QString label = repeat == 0 ? tr("p = %1, warm-up").arg(processes)
                                    : tr("p = %1, repeat %2/%3").arg(processes).arg(repeat).arg(repeats);
        if (m_seriesLabels.size() > 1)
            label = m_seriesLabels.value(series) + QStringLiteral(" · ") + label;
        m_animation->followMark(tNs, label);
    }
    if (repeat == 0)
        Q_EMIT statusMessage(tr("Warm-up run at p = 1 (not recorded)…"));
    else
        Q_EMIT statusMessage(tr("Measuring p = %1 of %2 (repeat %3/%4)…")
                                 .arg(processes)
                                 .arg(m_settings.maxProcesses)
                                 .arg(repeat)
                                 .arg(repeats));
    Q_EMIT measurementStarted(processes, repeat);
}

void SweepController::onRunFinished(const RunReport& report)
{
    if (report.job != m_currentJob)
        return;
    flushConsole(); // worker output before the line that sums up its run
    m_lab->addRun(report);
    SweepPoint asPoint;
    asPoint.executor = report.executor;
    asPoint.workers = report.workers;
    const QString run = report.repeat == 0 ? tr("warm-up") : tr("run %1/%2").arg(report.repeat).arg(report.repeats);
    if (isMpi(report.executor) && !m_jobsNoted.contains(report.series)) {
        // The sweep keeps one MPI job per series (ExecutorSeries): this first run paid its start-up.
        m_jobsNoted.insert(report.series);
        Q_EMIT logLine(tr("%1: one MPI job serves the whole series (mpirun once, as many ranks as the largest p, "
                          "each point on as many of them as it asks for). This first run paid its start-up, "
                          "%2 ms; a later point's start-up is only the hand-out of its work.")
                           .arg(m_seriesLabels.value(report.series))
                           .arg(report.startupSeconds * 1e3, 0, 'f', 1),
            tone::info());
    }
    Q_EMIT logLine(tr("p = %1, %2: wall %3, start-up %4 ms, chunksize %5, workers %6 · %7: %8")
                       .arg(report.processes)
                       .arg(run, formatSeconds(report.wallSeconds))
                       .arg(report.startupSeconds * 1e3, 0, 'f', 1)
                       .arg(report.chunksize)
                       .arg(SweepResultsModel::workersText(asPoint))
                       .arg(report.verified ? tr("verified") : tr("NOT VERIFIED"), report.verifyDetail),
        report.verified ? QColor() : tone::bad());
    const qsizetype shown = std::min<qsizetype>(report.failures.size(), 5);
    for (qsizetype i = 0; i < shown; ++i)
        Q_EMIT logLine(QStringLiteral("    ") + report.failures.at(i), tone::bad());
    if (report.failures.size() > shown)
        Q_EMIT logLine(tr("    … (%1 more not shown)").arg(report.failures.size() - shown), tone::bad());
    if (!report.summary.isEmpty())
        m_lastSummary = report.summary;
}

void SweepController::onPointMeasured(const SweepPoint& point)
{
    if (point.job != m_currentJob)
        return;
    m_model->addPoint(point);
    m_lab->addPoint(point);
    Q_EMIT pointMeasured(point.processes, point.median);
}

void SweepController::onConsoleOutput(quint64 job, const ConsoleChunk& chunk)
{
    if (job != m_currentJob)
        return;
    if (m_animation)
        m_animation->followConsole(chunk);
    const QString name = QStringLiteral("[pid %1] ").arg(chunk.pid);
    const QStringList lines = QString::fromUtf8(chunk.text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        if (m_pendingConsole.size() < maxConsoleLinesPending)
            m_pendingConsole << name + line;
    }
    if (!m_consoleTimer->isActive())
        m_consoleTimer->start();
}

void SweepController::flushConsole()
{
    m_consoleTimer->stop();
    if (m_pendingConsole.isEmpty())
        return;
    if (m_pendingConsole.size() >= maxConsoleLinesPending)
        m_pendingConsole << tr("(worker output shortened: too many lines at once)");
    Q_EMIT logLine(m_pendingConsole.join(QLatin1Char('\n')), tone::output());
    m_pendingConsole.clear();
}

void SweepController::onSweepFinished(quint64 job, ExperimentRunner::Outcome outcome, const QString& message)
{
    if (job == m_drainingJob)
        m_drainingJob = 0;
    if (job != m_currentJob)
        return;
    m_currentJob = 0;
    flushConsole();
    const double seconds = double(m_clock.elapsed()) / 1e3;
    switch (outcome) {
    case ExperimentRunner::Outcome::Completed: {
        m_lab->endSweep(SweepResult::Outcome::Completed);
        setState(State::Completed);
        // The best point is the teaching point: how far from p did the speedup get?
        const QList<SweepPoint>& points = m_model->points();
        const auto best = std::max_element(points.cbegin(), points.cend(),
            [this](const SweepPoint& a, const SweepPoint& b) { return m_model->speedup(a) < m_model->speedup(b); });
        QString text = tr("Done: %1 points measured in %2 s.").arg(points.size()).arg(seconds, 0, 'f', 1);
        if (best != points.cend() && best->processes == 1) {
            text += QLatin1Char(' ') + tr("No speedup: one process was the fastest.");
        } else if (best != points.cend() && m_model->speedup(*best) > 0) {
            const double s = m_model->speedup(*best);
            text += QLatin1Char(' ')
                + tr("Best speedup %1× at p = %2 (efficiency %3 %).")
                      .arg(s, 0, 'f', 2)
                      .arg(best->processes)
                      .arg(100 * s / best->processes, 0, 'f', 0);
        }
        bool allVerified = true;
        for (const SweepPoint& p : points)
            allVerified = allVerified && p.verified;
        if (!allVerified)
            text += QLatin1Char(' ') + tr("Some runs were NOT verified: see the log.");
        Q_EMIT statusMessage(text);
        if (!m_lastSummary.isEmpty())
            Q_EMIT logLine(tr("Result: %1").arg(m_lastSummary));
        Q_EMIT logLine(tr("✔ %1").arg(text), tone::good());
        if (m_animation)
            m_animation->endFollowing(tr("✔ %1").arg(text), tone::good());
        break;
    }
    case ExperimentRunner::Outcome::Stopped:
        m_lab->endSweep(SweepResult::Outcome::Cancelled);
        if (m_animation)
            m_animation->endFollowing(tr("■ Sweep stopped."), tone::warning());
        setState(State::Stopped);
        Q_EMIT statusMessage(tr("Stopped."));
        break;
    case ExperimentRunner::Outcome::Failed:
        m_lab->endSweep(SweepResult::Outcome::Failed);
        setState(State::Failed);
        Q_EMIT statusMessage(tr("The sweep failed: %1").arg(message));
        Q_EMIT logLine(tr("✘ The sweep failed: %1").arg(message), tone::bad());
        if (m_animation)
            m_animation->endFollowing(tr("✘ The sweep failed: %1").arg(message), tone::bad());
        Q_EMIT failed();
        break;
    }
    Q_EMIT finished();
}

} // namespace proclab
