#pragma once

// The animated run: one run of a workload or a tutorial demo (a RunSession on its own thread), or a recorded run
// opened from a file. Owns what the run produced besides its events (the player keeps those): the processes'
// names, the console log, the outcome. Tells the views who the run's processes are (the views follow the player
// themselves), says how the run ended on the console once its last event is drawn, and kills a worker on request.
// GUI thread only.

#include "lab/trace.h"
#include "session/consolelog.h"
#include "session/runsession.h"

#include <QColor>
#include <QObject>

#include <map>
#include <memory>

namespace proclab {

class ConsoleView;
class EventPlayer;
class StageModel;
class TimelineModel;

class RunController : public QObject {
    Q_OBJECT
public:
    RunController(EventPlayer* player, StageModel* stage, TimelineModel* timeline, ConsoleView* console,
        QObject* parent = nullptr);
    ~RunController() override; // stops the run under way and joins its thread: no process outlives it

    bool isActive() const; // a run is under way
    const RunOutcome& lastOutcome() const { return m_lastOutcome; }
    const RunRequest& request() const { return m_request; } // the current, last or opened run's
    RunSession* session() const { return m_session.get(); }
    EventPlayer* player() const { return m_player; }
    const ConsoleLog& consoleLog() const { return m_consoleLog; } // what the run printed, kept for the console
    int paceMs() const { return m_paceMs; }

    // The run as a Trace (events, process names, console, settings), and an opened one: its final picture is
    // shown, Replay plays it from the start; `note` goes under its console.
    Trace trace() const;
    void load(Trace trace, const QString& note);

public Q_SLOTS:
    // Starts unless a run is under way. A workload whose parameters do not validate fails at once: finished()
    // and drawn() follow, with the reason in lastOutcome().
    void start(const proclab::RunRequest& request);
    void stop(); // the run ends "stopped" once its thread has returned (finished)
    bool killWorker(qint64 pid); // SIGKILL a live process of the run; false (and a status message) if not
    void setPaceMs(int ms); // a real delay before each pool task, for the runs started from now on
    void updateTravelTime(); // for the player's mode and speed

    // A sweep, animated: the player follows its measurements live as one run, fed by the sweep controller (events,
    // console, names; a mark where each measurement begins). `request` is what a saved copy records. Not while a
    // run is under way.
    void beginFollowing(const proclab::RunRequest& request, const QString& title);
    void followEvents(const proclab::EventBatch& batch);
    void followConsole(const proclab::ConsoleChunk& chunk);
    void followMark(qint64 tNs, const QString& label);
    void nameProcess(qint64 pid, const QString& name);
    // The sweep ended: the views catch up with its last event, then `note` goes on the console.
    void endFollowing(const QString& note, const QColor& color);

Q_SIGNALS:
    void started();
    void finished(); // see lastOutcome()
    // After finished: the views show the run's last event (at once, or a few frames later if a firehose left
    // them behind), and the console the outcome. Not emitted while the user keeps the player paused.
    void drawn();
    void failed(); // the run failed: its console says why
    void stateChanged(); // started, stopping, finished or opened: the controls follow
    void statusMessage(const QString& text);

private:
    void setIdentity(); // the engine's pid, the processes' names and the run's title, to the views
    void onProcessNamed(qint64 pid, const QString& name);
    void onSessionFinished(const proclab::RunOutcome& outcome);
    void onDrawn();
    void setTravelTime(double speed); // cards cross in 150 ms of wall time at this replay speed

    EventPlayer* m_player;
    StageModel* m_stage;
    TimelineModel* m_timeline;
    ConsoleView* m_console;
    std::unique_ptr<RunSession> m_session; // the current or last run; its thread has ended once it finished
    RunRequest m_request;
    RunOutcome m_lastOutcome;
    QString m_outcomeNote; // for the console once the run is drawn
    QColor m_outcomeColor;
    qint64 m_enginePid = 0;
    std::map<qint64, QString> m_names; // pid → name, for saving
    std::map<qint64, ProcessError> m_errors; // pid → the exception that ended it, for saving
    ConsoleLog m_consoleLog;
    int m_paceMs = 0;
};

} // namespace proclab
