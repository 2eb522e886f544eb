#pragma once

// ProcLab's main window. It arranges: the experiment panel on the left (with the Code panel a tab away), the Stage
// and the scaling lab in the centre, the Timeline, the Console, the results table and the log below, the Lessons
// panel on the right, the menus, the toolbar and the status bar; it keeps the layout and the choices between
// sessions. The controllers decide: RunController (the animated run or demo), SweepController (the scaling sweep),
// LessonController (a lesson's experiment), RunFile (saving and opening runs), PlaybackControls (pause, step,
// replay, speed). The views follow the EventPlayer themselves. The public API below is what the command line
// (app/gui/main.cpp), the tests and the benchmarks drive the window with.

#include "centralarea.h"
#include "experimentpanel.h"
#include "lessoncontroller.h"
#include "playbackcontrols.h"
#include "runcontroller.h"
#include "runfile.h"
#include "scalinglab.h"
#include "scriptcontroller.h"
#include "stageview.h"
#include "sweepcontroller.h"
#include "timelineview.h"

#include <QFont>
#include <QMainWindow>

class QAction;
class QCustomPlot;
class QDockWidget;
class QDragEnterEvent;
class QDropEvent;
class QLabel;
class QMenu;
class QSpinBox;

namespace proclab {

class CodeView;
class ConsoleView;
class EventPlayer;
class LessonView;
class HostsPanel;
class LogView;
class ScreenFit;
class SweepResultsModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    using SweepState = SweepController::State;
    using RunMode = ExperimentPanel::RunMode;

    // `restoreSettings`: read the last session's window layout and experiment from QSettings.
    explicit MainWindow(QWidget* parent = nullptr, bool restoreSettings = true);
    ~MainWindow() override; // stops the run and the sweep, and joins their threads

    ExperimentSettings experimentSettings() const { return m_panel->settings(); }
    // Unknown workloads are ignored; values are clamped to the controls' ranges.
    void setExperimentSettings(const ExperimentSettings& settings);

    static int maximumProcesses() { return ExperimentPanel::maximumProcesses(); }
    static int defaultProcesses() { return ExperimentPanel::defaultProcesses(); }

    bool isRunning() const { return m_sweep->isRunning(); } // a sweep
    SweepState lastState() const { return m_sweep->state(); }

    RunMode runMode() const { return m_panel->mode(); }
    void setRunMode(RunMode mode) { m_panel->setMode(mode); }
    QString demoName() const { return m_panel->demoName(); }
    bool setDemoName(const QString& name) { return m_panel->setDemoName(name); } // false for an unknown demo
    int paceMs() const { return m_run->paceMs(); }
    void setPaceMs(int ms); // a real delay before each pool task, for runs and demos
    double replaySpeed() const { return m_playback->speed(); }
    void setReplaySpeed(double speed) { m_playback->setSpeed(speed); } // 1, 1/2, 1/5, 1/10, 1/100 or 1/1000
    // The animated run (workload once, or a demo): under way, and how the last one ended.
    bool isRunActive() const { return m_run->isActive(); }
    RunOutcome lastOutcome() const { return m_run->lastOutcome(); }
    RunSession* session() const { return m_run->session(); }
    RunRequest runRequest() const { return m_panel->runRequest(paceMs()); } // what startRun() would run now

    StageModel* stageModel() const { return m_stageView->model(); }
    StageView* stageView() const { return m_stageView; }
    TimelineView* timelineView() const { return m_timelineView; }
    ConsoleView* consoleView() const { return m_console; }
    EventPlayer* player() const { return m_player; }

    // The last run to a file (events, process names, console, settings), and back (see RunFile). openRun() shows the
    // run's final picture; Replay plays it again. Errors come back as one line (the menu shows them in a dialog).
    bool saveRun(const QString& fileName, QString* error) const { return m_runFile->save(fileName, error); }
    bool openRun(const QString& fileName, QString* error) { return m_runFile->open(fileName, error); }

    QCustomPlot* plot() const { return m_lab->plot()->plot(); }
    ScalingPlot* scalingPlot() const { return m_lab->plot(); }
    ScalingLab* lab() const { return m_lab; }
    SweepResultsModel* resultsModel() const { return m_sweep->resultsModel(); }
    SweepController* sweepController() const { return m_sweep; }

    void setPlotView(int view); // a ScalingPlot::View
    // Large fonts, thick lines and high contrast for a projector; switching it on tucks the side panels away (F8,
    // F9 bring them back) and splits the centre into the stage and the plot.
    void setPresenterMode(bool on);
    bool presenterMode() const;

    // The stage and the scaling plot side by side (or stacked) instead of as tabs (F7). A sweep turns it on where
    // there is room, unless the user has turned it off.
    CentralArea* centralArea() const { return m_central; }
    bool splitView() const { return m_central->isSplit(); }
    void setSplitView(bool on) { m_central->setSplit(on); }
    // The window's fit to its screen (the size, the side panels as drawers, the layout per screen size).
    ScreenFit* screenFit() const { return m_fit; }
    // Fits the window to this area of the screen (the default arrangement for that size), as when it opens there.
    void fitToScreen(const QRect& available);

    // Renders the window as it is now (after a synchronous replot) into an image file.
    bool saveScreenshot(const QString& fileName);

    LessonView* lessonView() const { return m_lessonView; }
    CodeView* codeView() const { return m_codeView; }
    // Selects the lesson and brings the Lessons and Code panels forward; false for an unknown name.
    bool showLesson(const QString& name);
    // Sets up and starts the lesson's experiment (see LessonController); lessonFinished() follows.
    void runLesson(const proclab::Lesson& lesson) { m_lessons->run(lesson); }
    // A student's own Python script: open in the Code panel and the experiment panel (see ScriptController).
    bool openScript(const QString& path, const QStringList& arguments, QString* error)
    {
        return m_scripts->open(path, arguments, error);
    }
    ScriptController* scripts() const { return m_scripts; }

public Q_SLOTS:
    void run(); // what the mode says: startRun() or startSweep()
    void stop(); // whichever is under way
    void startSweep() { m_sweep->start(m_panel->settings()); }
    // Takes effect between measurements: the one under way finishes in the background and is discarded.
    void stopSweep() { m_sweep->stop(); }
    void startRun();
    void stopRun() { m_run->stop(); } // the run ends "stopped" once its thread has returned (runFinished)
    // SIGKILL a live process of the current run; false (and a status line) if not.
    bool killWorker(qint64 pid) { return m_run->killWorker(pid); }

Q_SIGNALS:
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
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override; // a .py file: opened as the script
    void dropEvent(QDropEvent* event) override;

private:
    void createViews();
    void createDocks();
    void createActions();
    void createLessonDocks();
    void connectControllers();
    void loadSettings();
    void saveSettings() const;
    void updateControls();
    void updatePlotTitle();
    void setStatus(const QString& text);
    void onRunModeChanged();
    void killSelectedWorker(); // the one selected on the stage

    // The views and panels
    ExperimentPanel* m_panel = nullptr;
    CentralArea* m_central = nullptr;
    ScreenFit* m_fit = nullptr;
    ScalingLab* m_lab = nullptr;
    StageView* m_stageView = nullptr;
    TimelineView* m_timelineView = nullptr;
    ConsoleView* m_console = nullptr;
    LogView* m_log = nullptr;
    HostsPanel* m_hosts = nullptr;
    LessonView* m_lessonView = nullptr;
    CodeView* m_codeView = nullptr;
    QLabel* m_statusLabel = nullptr;
    QFont m_baseFont;

    QDockWidget* m_experimentDock = nullptr;
    QDockWidget* m_timelineDock = nullptr;
    QDockWidget* m_consoleDock = nullptr;
    QDockWidget* m_resultsDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    QDockWidget* m_hostsDock = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    QDockWidget* m_codeDock = nullptr;

    // The controllers
    EventPlayer* m_player = nullptr;
    RunController* m_run = nullptr;
    SweepController* m_sweep = nullptr;
    LessonController* m_lessons = nullptr;
    RunFile* m_runFile = nullptr;
    ScriptController* m_scripts = nullptr;
    QMenu* m_fileMenu = nullptr;
    PlaybackControls* m_playback = nullptr;

    // The run controls the state enables
    QAction* m_runAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_killAction = nullptr;
    QAction* m_presenterAction = nullptr;
    QSpinBox* m_paceSpin = nullptr;
};

} // namespace proclab
