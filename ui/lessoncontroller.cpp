#include "lessoncontroller.h"

#include "experimentpanel.h"
#include "format.h"
#include "lab/lesson.h"
#include "lessonview.h"
#include "mpi/hostcheck.h"
#include "mpi/simulatedhosts.h"
#include "runcontroller.h"
#include "sweepcontroller.h"
#include "sweepresultsmodel.h"

#include <QTimer>

namespace proclab {

LessonController::LessonController(
    LessonView* view, ExperimentPanel* panel, RunController* run, SweepController* sweep, QObject* parent)
    : QObject(parent)
    , m_view(view)
    , m_panel(panel)
    , m_run(run)
    , m_sweep(sweep)
{
    connect(m_view, &LessonView::runRequested, this, &LessonController::run);
    connect(m_sweep, &SweepController::finished, this, &LessonController::onSweepFinished);
    connect(m_run, &RunController::drawn, this, &LessonController::onDemoDrawn);
}

LessonController::~LessonController() = default;

void LessonController::run(const Lesson& lesson)
{
    if (m_running || m_sweep->isRunning() || m_run->isActive())
        return;
    if (const QString problem = validateAction(lesson.action); !problem.isEmpty()) {
        Q_EMIT logLine(tr("Cannot run lesson %1: %2").arg(lesson.name, problem), Qt::red);
        Q_EMIT lessonFinished(false);
        return;
    }
    if (!lesson.action.simulatedHosts.isEmpty()) {
        QString error;
        m_simulatedHosts = std::make_unique<mpi::SimulatedHosts>(
            *mpi::parseHostfile(lesson.action.simulatedHosts, QStringLiteral("simulated hosts"), &error));
        if (!m_simulatedHosts->error().isEmpty()) {
            Q_EMIT logLine(tr("Cannot run lesson %1: %2").arg(lesson.name, m_simulatedHosts->error()), Qt::red);
            m_simulatedHosts.reset();
            Q_EMIT lessonFinished(false);
            return;
        }
    }
    m_running = true;
    m_view->setRunning(true);
    Q_EMIT logLine(tr("▶ Lesson %1: %2").arg(lesson.title(), lesson.actionSummary()), tone::info());
    if (lesson.action.kind == LessonAction::Kind::Demo) {
        runDemos(lesson);
        return;
    }
    // One sweep: the scaling lab draws one series per executor × chunksize, side by side.
    const Workload* w = findWorkload(lesson.action.workload);
    ExperimentSettings s = m_panel->settings();
    s.workload = w->name();
    QString unused;
    parseParams(*w, lesson.action.settings, &s.params, &unused); // validateAction() checked them
    s.maxProcesses = lesson.action.processes;
    s.startMethod = lesson.action.startMethod;
    s.scheduling = Scheduling::Dynamic;
    s.repeats = lesson.action.repeats;
    s.warmUp = false;
    s.executors = lesson.action.executors;
    s.chunksizes = lesson.action.chunksizes;
    s.sizeParam = lesson.action.sizeParam; // a mistake and its fix, side by side
    s.sizeValues = lesson.action.sizeValues;
    s.weakParam = lesson.action.weakParam;
    m_panel->setMode(ExperimentPanel::RunMode::Sweep); // the Scaling tab
    Q_EMIT sweepStarting();
    m_panel->setSettings(s);
    m_sweep->start(m_panel->settings());
}

void LessonController::onSweepFinished()
{
    if (!m_running)
        return;
    bool ok = m_sweep->state() == SweepController::State::Completed;
    for (const SweepPoint& p : m_sweep->resultsModel()->points()) {
        ok = ok && p.verified;
        // What the plot does not show: how often the kernel took the CPU from the workers (oversubscription).
        if (const qint64 switches = involuntarySwitches(p); switches >= 0)
            Q_EMIT logLine(tr("p = %1: %2 involuntary context switches in the workers").arg(p.processes).arg(switches),
                tone::info());
    }
    finish(ok);
}

// The lesson's demos one after the other, each animated on the stage like any demo run (Stop works too).
void LessonController::runDemos(const Lesson& lesson)
{
    m_demos = lesson.action.demos;
    ExperimentSettings s = m_panel->settings();
    s.maxProcesses = lesson.action.processes;
    s.startMethod = lesson.action.startMethod;
    m_panel->setSettings(s);
    m_panel->setMode(ExperimentPanel::RunMode::Demo);
    startNextDemo();
}

void LessonController::startNextDemo()
{
    m_panel->setDemoName(m_demos.takeFirst());
    if (!m_sweep->isRunning())
        m_run->start(m_panel->runRequest(m_run->paceMs()));
    if (!m_run->isActive()) // it could not start (another run under way)
        finish(false);
}

// A demo of the lesson has ended and its last event is drawn: the next one, or the lesson is done.
void LessonController::onDemoDrawn()
{
    if (!m_running || m_run->request().kind != RunRequest::Kind::Demo)
        return;
    const bool ok = m_run->lastOutcome().status == RunOutcome::Status::Ok; // the lesson stops at the first failure
    if (!ok || m_demos.isEmpty()) {
        m_demos.clear();
        finish(ok);
        return;
    }
    QTimer::singleShot(0, this, [this] { startNextDemo(); });
}

void LessonController::finish(bool ok)
{
    m_running = false;
    m_simulatedHosts.reset(); // MPI runs go back to the hosts the window chose
    m_view->setRunning(false);
    Q_EMIT logLine(ok ? tr("✔ The lesson's experiment is done. See what to notice, then answer the question.")
                      : tr("✘ The lesson's experiment did not complete: see the log above."),
        ok ? tone::good() : tone::bad());
    Q_EMIT lessonFinished(ok);
}

} // namespace proclab
