#pragma once

// ProcLab's main window: the experiment panel (workload, parameters, executors, chunksizes, problem sizes,
// processes...), the scaling lab (live plot, overlays, predictions, export), a results table with the workers'
// real pids, and a log. A sweep runs on an ExperimentRunner in its own thread; the GUI thread never waits for a
// worker.

#include "experimentrunner.h"
#include "startmethod.h"
#include "workload.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QThread>

class QAction;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDockWidget;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QScrollArea;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace proclab {

class CodeView;
struct Lesson;
class LessonView;
class ParameterForm;
class ScalingLab;
class ScalingPlot;
class SweepResultsModel;

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

    // `restoreSettings`: read the last session's window layout and experiment from QSettings.
    explicit MainWindow(QWidget* parent = nullptr, bool restoreSettings = true);
    ~MainWindow() override; // stops the sweep and joins the runner thread

    ExperimentSettings experimentSettings() const;
    // Unknown workloads are ignored; values are clamped to the controls' ranges.
    void setExperimentSettings(const ExperimentSettings& settings);

    static int maximumProcesses(); // max(8, 2 * cores)
    static int defaultProcesses(); // one per core

    bool isRunning() const { return m_state == SweepState::Running; }
    SweepState lastState() const { return m_state; }

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
    void startSweep();
    // Takes effect between measurements: the one under way finishes in the background and is discarded.
    void stopSweep();

Q_SIGNALS:
    void sweepStarted();
    void measurementStarted(int processes, int repeat);
    void pointMeasured(int processes, double wallSeconds);
    // The sweep completed, was stopped or failed (see lastState()).
    void sweepFinished();
    // A lesson's experiment ended; `ok`: every demo succeeded, or every sweep completed and verified.
    void lessonFinished(bool ok);

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

    // Experiment panel
    QWidget* m_panel = nullptr;
    QScrollArea* m_panelScroll = nullptr;
    QComboBox* m_workloadCombo = nullptr;
    QLabel* m_workloadDescription = nullptr;
    ParameterForm* m_params = nullptr;
    QSpinBox* m_processesSpin = nullptr;
    QListWidget* m_executorList = nullptr;
    QComboBox* m_startMethodCombo = nullptr;
    QComboBox* m_schedulingCombo = nullptr;
    QLineEdit* m_chunksizeEdit = nullptr;
    QComboBox* m_sizeParamCombo = nullptr;
    QLineEdit* m_sizeValuesEdit = nullptr;
    QSpinBox* m_repeatsSpin = nullptr;
    QCheckBox* m_warmUpCheck = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_stopButton = nullptr;

    // Views
    ScalingLab* m_lab = nullptr;
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
    void onLessonSweepFinished();
    void finishLesson(bool ok);
    LessonView* m_lessonView = nullptr;
    CodeView* m_codeView = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    QDockWidget* m_codeDock = nullptr;
    QList<ExperimentSettings> m_lessonSweeps; // still to run for the current lesson
    bool m_lessonRunning = false;
    bool m_lessonOk = true;
    // ---- end Lessons --------------------------------------------------------------------------------------
};

} // namespace proclab
