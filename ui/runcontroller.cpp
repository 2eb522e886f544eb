#include "runcontroller.h"

#include <QFileInfo>

#include "base/platform.h"
#include "consoleview.h"
#include "format.h"
#include "session/eventplayer.h"
#include "session/stagemodel.h"
#include "session/timelinemodel.h"

#include <cmath>

namespace proclab {

RunController::RunController(
    EventPlayer* player, StageModel* stage, TimelineModel* timeline, ConsoleView* console, QObject* parent)
    : QObject(parent)
    , m_player(player)
    , m_stage(stage)
    , m_timeline(timeline)
    , m_console(console)
{
    connect(m_player, &EventPlayer::caughtUp, this, &RunController::onDrawn);
    // Before the first run the stage and timeline already show MainProcess with its real pid: this process.
    m_enginePid = platform::currentPid();
    m_stage->setEnginePid(m_enginePid);
    m_timeline->setEnginePid(m_enginePid);
    m_console->setEnginePid(m_enginePid);
}

RunController::~RunController()
{
    m_session.reset(); // stops the run under way and joins its thread
}

bool RunController::isActive() const
{
    return m_session && m_session->isRunning();
}

void RunController::setPaceMs(int ms)
{
    m_paceMs = ms;
}

void RunController::start(const RunRequest& r)
{
    if (isActive())
        return;
    if (r.kind == RunRequest::Kind::Workload) {
        const Workload* w = findWorkload(r.name);
        const QString problem = w ? w->validate(r.params) : tr("unknown workload '%1'").arg(r.name);
        if (!problem.isEmpty()) {
            m_lastOutcome = {};
            m_lastOutcome.status = RunOutcome::Status::Failed;
            m_lastOutcome.message = problem;
            Q_EMIT statusMessage(tr("Cannot run: %1").arg(problem));
            m_console->appendNote(tr("Cannot run %1: %2").arg(r.name, problem), tone::bad());
            Q_EMIT finished();
            Q_EMIT drawn();
            return;
        }
    }

    m_session.reset(); // the last run's thread has ended already
    m_session = std::make_unique<RunSession>(r);
    m_request = r;
    m_names.clear();
    m_errors.clear();
    m_stage->clearProcessErrors();
    m_consoleLog.clear();
    connect(m_session.get(), &RunSession::eventsAvailable, m_player, &EventPlayer::append);
    connect(m_session.get(), &RunSession::processNamed, this, &RunController::onProcessNamed);
    connect(m_session.get(), &RunSession::processRaised, this, [this](qint64 pid, const ProcessError& error) {
        m_errors[pid] = error;
        m_stage->setProcessError(pid, error);
    });
    connect(m_session.get(), &RunSession::consoleOutput, this, [this](const ConsoleChunk& chunk) {
        // Kept, and shown when the playhead gets there with the events of the same moment (ConsoleView::attach).
        if (!m_consoleLog.append(chunk))
            m_console->appendChunk(chunk); // at once, as events past the player's bound are
    });
    connect(m_session.get(), &RunSession::finished, this, &RunController::onSessionFinished);

    // A script's main process is started by start(): its pid is the run's main process from then on. What the
    // session reports comes queued, so the views know who is who before the first event.
    m_session->start();
    m_enginePid = m_session->enginePid();
    m_names[m_enginePid] = QStringLiteral("MainProcess");
    setIdentity();
    m_player->startLive(); // the views start from nothing
    updateTravelTime();
    Q_EMIT stateChanged();
    Q_EMIT statusMessage(tr("Running %1…").arg(r.describe()));
    Q_EMIT started();
}

void RunController::stop()
{
    if (!isActive())
        return;
    m_session->stop();
    Q_EMIT statusMessage(tr("Stopping: the run's workers are being terminated…"));
}

void RunController::beginFollowing(const RunRequest& request, const QString& title)
{
    if (isActive())
        return;
    m_session.reset();
    m_request = request;
    m_enginePid = platform::currentPid();
    m_names.clear();
    m_errors.clear();
    m_stage->clearProcessErrors();
    m_consoleLog.clear();
    m_lastOutcome = {};
    m_outcomeNote.clear();
    setIdentity();
    m_console->setRunTitle(title);
    m_player->startLive();
    updateTravelTime();
    Q_EMIT stateChanged();
}

void RunController::followEvents(const EventBatch& batch)
{
    m_player->append(batch);
}

void RunController::followConsole(const ConsoleChunk& chunk)
{
    if (!m_consoleLog.append(chunk))
        m_console->appendChunk(chunk);
}

void RunController::followMark(qint64 tNs, const QString& label)
{
    m_player->addMark(tNs, label);
}

void RunController::nameProcess(qint64 pid, const QString& name)
{
    onProcessNamed(pid, name);
}

void RunController::endFollowing(const QString& note, const QColor& color)
{
    m_outcomeNote = note;
    m_outcomeColor = color;
    m_player->finishLive();
    updateTravelTime();
    if (m_player->mode() == EventPlayer::Mode::Paused && !m_player->isAtEnd())
        onDrawn();
    Q_EMIT stateChanged();
}

void RunController::setIdentity()
{
    m_stage->setEnginePid(m_enginePid);
    m_timeline->setEnginePid(m_enginePid);
    m_console->setEnginePid(m_enginePid);
    for (const auto& [pid, name] : m_names) {
        m_stage->setProcessName(pid, name);
        m_timeline->setProcessName(pid, name);
        m_console->setProcessName(pid, name);
    }
    m_console->setRunTitle(tr("▶ %1").arg(m_request.describe()));
}

void RunController::onProcessNamed(qint64 pid, const QString& name)
{
    m_names[pid] = name;
    m_stage->setProcessName(pid, name);
    m_timeline->setProcessName(pid, name);
    m_console->setProcessName(pid, name);
}

// Cards take about 150 ms of wall time to cross the stage: as much event time live, less in a slowed replay, so
// that a hop of a microsecond is still seen at 1/1000x.
void RunController::updateTravelTime()
{
    setTravelTime(m_player->isLive() ? 1.0 : m_player->speed());
}

void RunController::setTravelTime(double speed)
{
    m_stage->setMinTravelNs(std::llround(150e6 * speed));
    m_player->setSettleNs(m_stage->minTravelNs()); // the last cards land before the picture stops
}

void RunController::onSessionFinished(const RunOutcome& outcome)
{
    m_lastOutcome = outcome;
    const QString wall = formatSeconds(double(outcome.wallNs) / 1e9);
    // The note goes under the run's last console line: once the player has drawn it (onDrawn).
    m_outcomeNote.clear();
    switch (outcome.status) {
    case RunOutcome::Status::Ok: {
        if (m_request.kind == RunRequest::Kind::Python) {
            const QString text
                = tr("Done: %1 in %2 (%3).").arg(QFileInfo(m_request.script).fileName(), wall, outcome.summary);
            Q_EMIT statusMessage(text);
            m_outcomeNote = tr("✔ %1").arg(text);
            if (!outcome.verifyDetail.isEmpty())
                m_outcomeNote += QLatin1Char('\n') + tr("The probe: %1").arg(outcome.verifyDetail);
            m_outcomeColor = tone::good();
            break;
        }
        QString text = m_request.kind == RunRequest::Kind::Demo
            ? tr("Done: demo %1 in %2.").arg(m_request.name, wall)
            : tr("Done in %1: %2 · %3")
                  .arg(wall, outcome.summary,
                      outcome.verified ? tr("verified (%1)").arg(outcome.verifyDetail)
                                       : tr("NOT VERIFIED (%1)").arg(outcome.verifyDetail));
        Q_EMIT statusMessage(text);
        m_outcomeNote = tr("✔ %1").arg(text);
        for (const QString& note : outcome.notes)
            m_outcomeNote += QLatin1Char('\n') + note;
        m_outcomeColor = outcome.verified || outcome.summary.isEmpty() ? tone::good() : tone::bad();
        break;
    }
    case RunOutcome::Status::Stopped:
        Q_EMIT statusMessage(tr("Stopped after %1; every process of the run has ended.").arg(wall));
        m_outcomeNote = tr("■ Stopped by the user after %1.").arg(wall);
        m_outcomeColor = tone::warning();
        break;
    case RunOutcome::Status::Failed:
        Q_EMIT statusMessage(tr("The run failed: %1").arg(outcome.message));
        m_outcomeNote = tr("✘ The run failed: %1").arg(outcome.message);
        m_outcomeColor = tone::bad();
        Q_EMIT failed();
        break;
    }
    if (m_consoleLog.dropped() > 0)
        m_outcomeNote += QLatin1Char('\n')
            + tr("(%L1 console writes beyond %L2 were shown but not kept for saving)")
                  .arg(m_consoleLog.dropped())
                  .arg(ConsoleLog::maxRecords);
    Q_EMIT stateChanged();
    Q_EMIT finished();
    m_player->finishLive(); // the views catch up with the run's last event, then onDrawn()
    updateTravelTime();
    if (m_player->mode() == EventPlayer::Mode::Paused && !m_player->isAtEnd())
        onDrawn(); // the user paused: the news cannot wait for the picture
    Q_EMIT stateChanged();
}

void RunController::onDrawn()
{
    m_console->flush();
    if (!m_outcomeNote.isEmpty())
        m_console->appendNote(std::exchange(m_outcomeNote, {}), m_outcomeColor);
    Q_EMIT drawn();
}

bool RunController::killWorker(qint64 pid)
{
    QString error;
    if (!isActive()) {
        Q_EMIT statusMessage(tr("Nothing to kill: no run is under way."));
        return false;
    }
    if (pid <= 0) {
        Q_EMIT statusMessage(tr("Select a worker on the stage first (click its box), then press Del."));
        return false;
    }
    if (!m_session->killWorker(pid, &error)) {
        Q_EMIT statusMessage(tr("Not killed: %1").arg(error));
        return false;
    }
    const auto name = m_names.find(pid);
    const QString who
        = name == m_names.end() ? QString::number(pid) : QStringLiteral("%1 (%2)").arg(pid).arg(name->second);
    m_console->appendNote(tr("✖ SIGKILL sent to %1").arg(who), tone::bad());
    Q_EMIT statusMessage(tr("SIGKILL sent to %1: watch what the run does without it.").arg(who));
    return true;
}

Trace RunController::trace() const
{
    Trace t;
    t.events = m_player->events();
    t.processNames = m_names;
    t.enginePid = m_enginePid;
    t.settings = m_request.toJson();
    t.console = m_consoleLog.records();
    t.processErrors = m_errors;
    return t;
}

void RunController::load(Trace trace, const QString& note)
{
    m_session.reset();
    m_request = RunRequest::fromJson(trace.settings);
    m_enginePid = trace.enginePid;
    m_names = trace.processNames;
    m_errors = trace.processErrors;
    m_stage->clearProcessErrors();
    for (const auto& [pid, error] : m_errors)
        m_stage->setProcessError(pid, error);
    m_consoleLog.assign(std::move(trace.console));
    m_lastOutcome = {};

    setIdentity();
    m_player->load(std::move(trace.events)); // the views (console included) start from nothing
    // The run's final picture, as it ended live (its last cards landed 150 ms later); Replay plays it from the start
    // at the chosen speed.
    setTravelTime(1.0);
    m_player->seek(m_player->endNs());
    updateTravelTime();
    m_console->appendNote(note, tone::info());
    Q_EMIT stateChanged();
}

} // namespace proclab
