#pragma once

// The scaling sweep: an ExperimentRunner on its own thread, driven by queued calls and answering with queued
// signals; the GUI thread never waits for a measurement. Each sweep is a job: results of any job but the current
// one are stale and dropped, so Stop takes effect at once and a new sweep can start while the stopped one's
// measurement drains. Fills the results model and the scaling lab point by point, and says what happens in the
// status bar and the log (worker output coalesced, at most every 50 ms). With a RunController (setAnimation) the
// sweep is animated as it runs: every measurement's processes, cards and output on the stage, timeline and console,
// each measurement marked ("p = 3, repeat 2/3"). GUI thread only.

#include "experimentpanel.h"
#include "session/experimentrunner.h"

#include <QColor>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThread>

class QTimer;

namespace proclab {

class RunController;
class ScalingLab;
class SweepResultsModel;

class SweepController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Completed, Stopped, Failed };
    Q_ENUM(State)

    explicit SweepController(ScalingLab* lab, QObject* parent = nullptr);
    ~SweepController() override; // stops the sweep and joins the runner thread

    bool isRunning() const { return m_state == State::Running; }
    State state() const { return m_state; }
    const ExperimentSettings& settings() const { return m_settings; } // of the current or last sweep
    SweepResultsModel* resultsModel() const { return m_model; }
    // The player, stage, timeline and console (the run controller's) follow the sweeps from now on; null: none.
    void setAnimation(RunController* run) { m_animation = run; }
    RunController* animation() const { return m_animation; }

public Q_SLOTS:
    // Unless one is under way. Settings that do not validate fail at once (finished() follows); a prediction
    // still to make is asked for and nothing starts.
    void start(const proclab::ExperimentSettings& settings);
    // Takes effect between measurements: the one under way finishes in the background and is discarded.
    void stop();
    // The window is closing: the measurement under way is the last (the destructor waits for it, no more).
    void abandon();

Q_SIGNALS:
    void started();
    void measurementStarted(int processes, int repeat);
    void pointMeasured(int processes, double wallSeconds);
    void finished(); // completed, stopped or failed: see state()
    void failed(); // the runner failed: the log says why
    void stateChanged();
    void statusMessage(const QString& text);
    void logLine(const QString& text, const QColor& color = {});

private:
    void setState(State state);
    void onMeasurementStarted(quint64 job, int series, int processes, int repeat, int repeats, qint64 tNs);
    void onRunFinished(const proclab::RunReport& report);
    void onPointMeasured(const proclab::SweepPoint& point);
    void onConsoleOutput(quint64 job, const proclab::ConsoleChunk& chunk);
    void onSweepFinished(quint64 job, proclab::ExperimentRunner::Outcome outcome, const QString& message);
    void flushConsole();

    ScalingLab* m_lab;
    RunController* m_animation = nullptr;
    QStringList m_seriesLabels; // of the current sweep, for the measurements' marks
    QSet<int> m_jobsNoted; // the current sweep's MPI series whose job start-up the log has explained
    SweepResultsModel* m_model;
    QThread m_runnerThread;
    ExperimentRunner* m_runner; // lives on m_runnerThread, deleted when it finishes
    quint64 m_lastJob = 0;
    quint64 m_currentJob = 0; // 0: none; results of any other job are stale and dropped
    quint64 m_drainingJob = 0; // stopped, but its measurement under way has not ended yet
    State m_state = State::Idle;
    ExperimentSettings m_settings; // what the current (or last) sweep runs
    QElapsedTimer m_clock;
    QString m_lastSummary; // the workload's own one-line result of the last run

    // Worker output, coalesced: appended to the log at most every 50 ms.
    QStringList m_pendingConsole;
    QTimer* m_consoleTimer;
};

} // namespace proclab
