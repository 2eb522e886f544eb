#pragma once

// ProcLab's main window: the experiment panel (workload or demo, parameters, executors, chunksizes, problem
// sizes, processes...), the Stage and the scaling lab in the centre, the Timeline, the Console, a results table,
// a log, and the Lessons and Code panels. One animated run (a RunSession) or a scaling sweep (an
// ExperimentRunner) goes on at a time, each in its own thread; the GUI thread never waits for a worker. The
// views are fed by an EventPlayer at frame rate: live, paused, stepped or replayed in slow motion, always from
// the engine's events.

#include "session/experimentrunner.h"
#include "session/runsession.h"
#include "startmethod.h"
#include "trace.h"
#include "workload.h"

#include <map>
#include <memory>
#include <vector>

#include <QColor>
#include <QElapsedTimer>
#include <QMainWindow>
#include <QThread>

class QAction;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDockWidget;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QScrollArea;
class QPushButton;
class QSpinBox;
class QTableView;
class QTabWidget;
class QTimer;

namespace proclab {

class CodeView;
struct Lesson;
class LessonView;
class ConsoleView;
class EventPlayer;
class ParameterForm;
class ScalingLab;
class ScalingPlot;
class StageModel;
class StageView;
class SweepResultsModel;
class TimelineModel;
class TimelineView;

// Everything the experiment panel holds; what the command line and the settings fill in.
struct ExperimentSettings {
    QString workload;
    Params params; // of that workload
    int maxProcesses = 2;
    // One series per executor × chunksize × problem size.
    QList<ExecutorKind> executors { ExecutorKind::Process };
    QList<int> chunksizes { 0 }; // 0: Python's default
    QString sizeParam; // empty: the params as they are
    QStringList sizeValues;
    StartMethod startMethod = StartMethod::Spawn;
    Scheduling scheduling = Scheduling::Dynamic;
    int repeats = 3;
    bool warmUp = false;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class SweepState { Idle, Running, Completed, Stopped, Failed };
    Q_ENUM(SweepState)
    // What Run does: animate one run of the workload, animate a tutorial demo, or sweep p = 1..N.
    enum class RunMode { Workload, Demo, Sweep };
    Q_ENUM(RunMode)

    // `restoreSettings`: read the last session's window layout and experiment from QSettings.
    explicit MainWindow(QWidget* parent = nullptr, bool restoreSettings = true);
    ~MainWindow() override; // stops the sweep and joins the runner thread

    ExperimentSettings experimentSettings() const;
    // Unknown workloads are ignored; values are clamped to the controls' ranges.
    void setExperimentSettings(const ExperimentSettings& settings);

    static int maximumProcesses(); // max(8, 2 * cores)
    static int defaultProcesses(); // one per core

    bool isRunning() const { return m_state == SweepState::Running; } // a sweep
    SweepState lastState() const { return m_state; }

    RunMode runMode() const;
    void setRunMode(RunMode mode);
    QString demoName() const;
    bool setDemoName(const QString& name); // false for an unknown demo
    int paceMs() const;
    void setPaceMs(int ms); // a real delay before each pool task, for runs and demos
    double replaySpeed() const;
    void setReplaySpeed(double speed); // 1, 1/2, 1/5, 1/10, 1/100 or 1/1000
    // The animated run (workload once, or a demo): under way, and how the last one ended.
    bool isRunActive() const;
    RunOutcome lastOutcome() const { return m_lastOutcome; }
    RunSession* session() const { return m_session.get(); }
    RunRequest runRequest() const; // what startRun() would run now

    StageModel* stageModel() const { return m_stageModel; }
    StageView* stageView() const { return m_stageView; }
    TimelineModel* timelineModel() const { return m_timelineModel; }
    TimelineView* timelineView() const { return m_timelineView; }
    ConsoleView* consoleView() const { return m_console; }
    EventPlayer* player() const { return m_player; }

    // The last run as a Trace (events, process names, console, settings), and back. openRun() shows the run's
    // final picture; Replay plays it again. Errors come back as one line (the menu shows them in a dialog).
    Trace currentTrace() const;
    bool saveRun(const QString& fileName, QString* error) const;
    bool openRun(const QString& fileName, QString* error);

    QCustomPlot* plot() const;
    ScalingPlot* scalingPlot() const;
    ScalingLab* lab() const { return m_lab; }
    SweepResultsModel* resultsModel() const { return m_model; }

    void setPlotView(int view); // a ScalingPlot::View
    void setPresenterMode(bool on); // large fonts and thick lines for a projector
    bool presenterMode() const;

    // Renders the window as it is now (after a synchronous replot) into an image file.
    bool saveScreenshot(const QString& fileName);

    // ---- Lessons (mainwindowlessons.cpp) ----------------------------------------------------------------
    LessonView* lessonView() const { return m_lessonView; }
    CodeView* codeView() const { return m_codeView; }
    // Selects the lesson and brings the Lessons and Code panels forward; false for an unknown name.
    bool showLesson(const QString& name);
    // Sets up and starts the lesson's experiment: its sweeps one after the other in the experiment panel, or
    // its demos on a thread with their output in the log. lessonFinished() follows.
    void runLesson(const proclab::Lesson& lesson);
    bool isLessonRunning() const { return m_lessonRunning; }
    // ---- end Lessons --------------------------------------------------------------------------------------

public Q_SLOTS:
    void run(); // what the mode says: startRun() or startSweep()
    void stop(); // whichever is under way
    void startSweep();
    // Takes effect between measurements: the one under way finishes in the background and is discarded.
    void stopSweep();
    void startRun();
    void stopRun(); // the run ends "stopped" once its thread has returned (runFinished)
    bool killWorker(qint64 pid); // SIGKILL a live process of the current run; false (and a status line) if not
    void killSelectedWorker();

Q_SIGNALS:
    void sweepStarted();
    void measurementStarted(int processes, int repeat);
    void pointMeasured(int processes, double wallSeconds);
    // The sweep completed, was stopped or failed (see lastState()).
    void sweepFinished();
    // A lesson's experiment ended; `ok`: every demo succeeded, or every sweep completed and verified.
    void lessonFinished(bool ok);
    void runStarted();
    void runFinished(); // see lastOutcome()
    // After runFinished: the views show the run's last event (at once, or a few frames later if a firehose
    // left them behind), and the console the outcome. Not emitted while the user keeps the player paused.
    void runDrawn();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createExperimentPanel();
    void createDocks();
    void loadSettings();
    void saveSettings() const;
    void setState(SweepState state);
    void updateControls();
    void setStatus(const QString& text);
    void appendLog(const QString& text, const QColor& color = {});
    void updatePlotTitle();
    void fitPanelWidth();
    QString describe(const ExperimentSettings& s) const;
    void updateSizeChoices();

    void onWorkloadSelected(int index);
    void onMeasurementStarted(quint64 job, int processes, int repeat, int repeats);
    void onRunFinished(const proclab::RunReport& report);
    void onPointMeasured(const proclab::SweepPoint& point);
    void onConsoleOutput(quint64 job, const proclab::ConsoleChunk& chunk);
    void onSweepFinished(quint64 job, proclab::ExperimentRunner::Outcome outcome, const QString& message);
    void flushConsole();

    void createRunViews();
    void onDemoSelected(int index);
    void onRunModeChanged();
    void onSessionFinished(const proclab::RunOutcome& outcome);
    void onRunDrawn();
    void onProcessNamed(qint64 pid, const QString& name);
    void resetViews(); // the player rewinds: the models start again from nothing
    void showConsoleUpTo(qint64 tNs); // what the processes printed up to the playhead
    void updateTravelTime(); // for the player's mode and speed
    void setTravelTime(double speed); // cards cross in 150 ms of wall time at this replay speed
    void updatePlayerStatus();
    void saveRunDialog();
    void openRunDialog();
    void exportChromeTraceDialog();

    // Experiment panel
    QWidget* m_panel = nullptr;
    QComboBox* m_modeCombo = nullptr;
    QComboBox* m_demoCombo = nullptr;
    QLabel* m_demoDescription = nullptr;
    QWidget* m_demoBox = nullptr;
    QWidget* m_workloadBox = nullptr;
    QLabel* m_processesLabel = nullptr;
    QFormLayout* m_runForm = nullptr;
    QFormLayout* m_execForm = nullptr;
    QScrollArea* m_panelScroll = nullptr;
    QComboBox* m_workloadCombo = nullptr;
    QLabel* m_workloadDescription = nullptr;
    ParameterForm* m_params = nullptr;
    QSpinBox* m_processesSpin = nullptr;
    QListWidget* m_executorList = nullptr;
    QComboBox* m_startMethodCombo = nullptr;
    QComboBox* m_schedulingCombo = nullptr;
    QLineEdit* m_chunksizeEdit = nullptr;
    QWidget* m_sizeRow = nullptr; // the size parameter and its values
    QComboBox* m_sizeParamCombo = nullptr;
    QLineEdit* m_sizeValuesEdit = nullptr;
    QSpinBox* m_repeatsSpin = nullptr;
    QCheckBox* m_warmUpCheck = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_stopButton = nullptr;

    // Views
    ScalingLab* m_lab = nullptr;
    QTabWidget* m_centralTabs = nullptr;
    StageModel* m_stageModel = nullptr;
    StageView* m_stageView = nullptr;
    TimelineModel* m_timelineModel = nullptr;
    TimelineView* m_timelineView = nullptr;
    ConsoleView* m_console = nullptr;
    QDockWidget* m_timelineDock = nullptr;
    QDockWidget* m_consoleDock = nullptr;
    QLabel* m_playerLabel = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_replayAction = nullptr;
    QAction* m_killAction = nullptr;
    QComboBox* m_speedCombo = nullptr;
    QSpinBox* m_paceSpin = nullptr;
    SweepResultsModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QDockWidget* m_experimentDock = nullptr;
    QDockWidget* m_resultsDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    QLabel* m_statusLabel = nullptr;

    QAction* m_runAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_presenterAction = nullptr;

    // The sweep
    QThread m_runnerThread;
    ExperimentRunner* m_runner = nullptr; // lives on m_runnerThread, deleted when it finishes
    quint64 m_lastJob = 0;
    quint64 m_currentJob = 0; // 0: none; results of any other job are stale and dropped
    quint64 m_drainingJob = 0; // stopped, but its measurement under way has not ended yet
    SweepState m_state = SweepState::Idle;
    ExperimentSettings m_sweepSettings; // what the current (or last) sweep runs
    QElapsedTimer m_sweepClock;
    QString m_lastSummary; // the workload's own one-line result of the last run

    // Worker output, coalesced: appended to the log at most every 50 ms.
    QStringList m_pendingConsole;
    QTimer* m_consoleTimer = nullptr;
    QFont m_baseFont;

    // ---- Lessons (mainwindowlessons.cpp) ----------------------------------------------------------------
    void createLessonDocks();
    void runDemoLesson(const proclab::Lesson& lesson);
    void startNextLessonDemo();
    void onLessonDemoDrawn();
    void onLessonSweepFinished();
    void finishLesson(bool ok);
    LessonView* m_lessonView = nullptr;
    CodeView* m_codeView = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    QDockWidget* m_codeDock = nullptr;
    QStringList m_lessonDemos; // the current lesson's demos still to run
    bool m_lessonRunning = false;
    // ---- end Lessons --------------------------------------------------------------------------------------
    // The animated run
    EventPlayer* m_player = nullptr;
    std::unique_ptr<RunSession> m_session; // the current or last run; its thread has ended once it finished
    RunRequest m_runRequest; // what the current (or last, or opened) run ran
    RunOutcome m_lastOutcome;
    QString m_outcomeNote; // for the console once the run is drawn
    QColor m_outcomeColor;
    qint64 m_runEnginePid = 0;
    std::map<qint64, QString> m_runNames; // pid → name, for the views after every reset and for saving
    std::vector<ConsoleRecord> m_runConsole; // in arrival order; at most maxConsoleRecords
    size_t m_consoleShown = 0; // m_runConsole[0, m_consoleShown) is in the console view
    qint64 m_consoleDropped = 0;
};

} // namespace proclab
