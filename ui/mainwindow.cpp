#include "mainwindow.h"

#include "centralarea.h"
#include "codeview.h"
#include "consoleview.h"
#include "format.h"
#include "lab/lesson.h"
#include "lessonview.h"
#include "hostspanel.h"
#include "logview.h"
#include "scalingplot.h"
#include "screenfit.h"
#include "session/eventplayer.h"
#include "session/stagemodel.h"
#include "session/timelinemodel.h"
#include "sweepresultsmodel.h"
#include "translation.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QComboBox>
#include <QDockWidget>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QToolBar>

namespace proclab {

namespace {

constexpr int windowStateVersion = 4; // bump when docks or toolbars change, so an old layout is not restored

QDockWidget* makeDock(const QString& title, const QString& name, QWidget* widget, QMainWindow* window)
{
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(name);
    dock->setWidget(widget);
    return dock;
}

} // namespace

MainWindow::MainWindow(QWidget* parent, bool restoreSettings)
    : QMainWindow(parent)
    , m_lab(new ScalingLab(this))
    , m_player(new EventPlayer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("ProcLab"));
    // Readable from the back of a classroom even where the desktop default is small.
    m_baseFont = font();
    if (m_baseFont.pointSizeF() > 0 && m_baseFont.pointSizeF() < 11)
        m_baseFont.setPointSizeF(11);
    setFont(m_baseFont);

    // Widgets are made in this order, after the font is set (a combo box measures itself once), for the focus
    // chain: the views, the panel, the table and the log, the toolbar's, the lesson and the code.
    createViews();
    m_run = new RunController(m_player, m_stageView->model(), m_timelineView->model(), m_console, this);
    m_console->attach(m_player, &m_run->consoleLog());
    m_sweep = new SweepController(m_lab, this);
    m_sweep->setAnimation(m_run); // the stage, timeline and console show the sweep's measurements as they run
    m_runFile = new RunFile(m_run, m_sweep, this);
    updatePlotTitle(); // before the first layout: the plot asks for the width of its title from the start
    createDocks();
    createActions();
    createLessonDocks();
    m_lessons = new LessonController(m_lessonView, m_panel, m_run, m_sweep, this);
    m_scripts = new ScriptController(m_panel, m_codeView, m_codeDock, m_lessonView, m_run, this);
    m_fileMenu->insertAction(m_runFile->openAction(), m_scripts->openAction());
    setAcceptDrops(true);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    connectControllers();

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long news must not widen the window
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_playback->statusLabel());

    // The screen decides the size and which side panels are open (ScreenFit); the docks' default layout first.
    resize(1280, 800);
    resizeDocks({ m_timelineDock }, { 260 }, Qt::Vertical);
    resizeDocks({ m_timelineDock, m_consoleDock }, { 480, 380 }, Qt::Horizontal);
    m_fit->setSidePanels(m_experimentDock, m_lessonDock, m_codeDock);
    m_fit->setBottomPanel(m_timelineDock);
    m_fit->setDefaultState(saveState(windowStateVersion), windowStateVersion);
    if (restoreSettings) {
        loadSettings(); // presenter mode or not, and the layout for this screen size, as last time
    } else {
        setPresenterMode(false); // the views' fonts follow the window's either way
        m_fit->applyDefault(false);
    }
    onRunModeChanged();
    m_lab->prepare(m_panel->settings().maxProcesses);
    updatePlotTitle();
    m_playback->updateStatus();
    setStatus(tr("Ready. Choose a workload or a demo and press Run (F5). CPU cores on this machine: %1.")
                  .arg(QThread::idealThreadCount()));
}

MainWindow::~MainWindow()
{
    // The controllers go first, while the views they feed exist: the run's thread is joined (no process outlives
    // the window), then the sweep's, which waits for the measurement under way at most.
    delete m_lessons;
    m_sweep->setAnimation(nullptr);
    delete m_run;
    delete m_sweep;
}

// The centre and the experiment panel; the stage, the timeline and the console follow the player themselves.
void MainWindow::createViews()
{
    auto* stageModel = new StageModel(this);
    m_stageView = new StageView(this);
    m_stageView->setObjectName(QStringLiteral("stageView"));
    m_stageView->setModel(stageModel);
    m_stageView->attach(m_player);
    auto* timelineModel = new TimelineModel(this);
    m_timelineView = new TimelineView(this);
    m_timelineView->setObjectName(QStringLiteral("timelineView"));
    m_timelineView->setModel(timelineModel);
    m_timelineView->attach(m_player);
    m_console = new ConsoleView(this);
    m_console->setPlaceholderText(tr("What the processes of a run print, with their pids."));

    m_central = new CentralArea(m_stageView, m_lab, this);
    setCentralWidget(m_central);
    m_fit = new ScreenFit(this, m_central, this);

    m_panel = new ExperimentPanel(this);
}

void MainWindow::createDocks()
{
    // The scroll area is made after the panel: Tab goes through its choices first. Closable: F8 brings it back.
    m_experimentDock = makeDock(tr("Experiment"), QStringLiteral("experimentDock"), m_panel->createScrollArea(), this);
    m_panel->fitWidth();
    addDockWidget(Qt::LeftDockWidgetArea, m_experimentDock);

    auto* table = new QTableView(this);
    table->setObjectName(QStringLiteral("resultsTable"));
    table->setModel(m_sweep->resultsModel());
    table->setAlternatingRowColors(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    table->resizeColumnsToContents();
    connect(m_sweep, &SweepController::pointMeasured, table, [table] {
        table->resizeColumnsToContents();
        table->scrollToBottom();
    });
    m_resultsDock = makeDock(tr("Results"), QStringLiteral("resultsDock"), table, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_resultsDock);

    m_log = new LogView(this);
    m_logDock = makeDock(tr("Log"), QStringLiteral("logDock"), m_log, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    m_timelineDock = makeDock(tr("Timeline"), QStringLiteral("timelineDock"), m_timelineView, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);

    m_consoleDock = makeDock(tr("Console"), QStringLiteral("consoleDock"), m_console, this);
    // Beside the timeline, under the stage: both read left to right in time, the stage keeps the full width.
    splitDockWidget(m_timelineDock, m_consoleDock, Qt::Horizontal);

    // The timeline goes with the stage; the sweep's table and log are one tab (Ctrl+T, Ctrl+L) away.
    tabifyDockWidget(m_timelineDock, m_resultsDock);
    tabifyDockWidget(m_resultsDock, m_logDock);
    m_hosts = new HostsPanel(this);
    // In a scroll area: on a 1024x768 projector in Russian the panel's labels and buttons are wider than its share.
    auto* hostsScroll = new QScrollArea(this);
    hostsScroll->setWidget(m_hosts);
    hostsScroll->setWidgetResizable(true);
    hostsScroll->setFrameShape(QFrame::NoFrame);
    m_hostsDock = makeDock(tr("MPI Hosts"), QStringLiteral("hostsDock"), hostsScroll, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_hostsDock);
    tabifyDockWidget(m_logDock, m_hostsDock);
    connect(m_hosts, &HostsPanel::message, m_log, [this](const QString& line) { m_log->appendLine(line); });
    setTabPosition(Qt::BottomDockWidgetArea, QTabWidget::North);
    m_timelineDock->raise();
}

void MainWindow::createActions()
{
    m_runAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), this);
    m_runAction->setObjectName(QStringLiteral("runAction"));
    m_runAction->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R) });
    m_runAction->setStatusTip(tr("Run the workload or the demo, or the sweep, as the experiment panel says (F5)"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::run);

    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("&Stop"), this);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_stopAction->setShortcuts({ QKeySequence(Qt::Key_Escape), QKeySequence(Qt::SHIFT | Qt::Key_F5) });
    m_stopAction->setStatusTip(tr("Stop the run: its workers are terminated (Esc)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);

    m_playback = new PlaybackControls(m_player, this); // Pause, Step, Replay, the speed and the player's status

    m_killAction = new QAction(style()->standardIcon(QStyle::SP_DialogCancelButton), tr("&Kill Worker"), this);
    m_killAction->setObjectName(QStringLiteral("killAction"));
    m_killAction->setShortcut(QKeySequence(Qt::Key_Delete));
    m_killAction->setStatusTip(tr("SIGKILL the worker selected on the stage, to see what happens (Del)"));
    connect(m_killAction, &QAction::triggered, this, &MainWindow::killSelectedWorker);

    m_paceSpin = new QSpinBox(this);
    m_paceSpin->setObjectName(QStringLiteral("paceSpin"));
    m_paceSpin->setRange(0, 10000);
    m_paceSpin->setSingleStep(50);
    m_paceSpin->setSuffix(tr(" ms per task"));
    m_paceSpin->setSpecialValueText(tr("no pace"));
    m_paceSpin->setToolTip(tr("Pace: every worker really waits this long before each pool task, so that a run "
                              "moves at a speed people can follow"));
    connect(m_paceSpin, &QSpinBox::valueChanged, m_run, &RunController::setPaceMs);

    auto* resetAction = new QAction(tr("Reset &Parameters to Defaults"), this);
    resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(resetAction, &QAction::triggered, m_panel, &ExperimentPanel::resetParameters);

    auto* quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    m_presenterAction = new QAction(tr("&Presenter Mode"), this);
    m_presenterAction->setObjectName(QStringLiteral("presenterAction"));
    m_presenterAction->setCheckable(true);
    m_presenterAction->setShortcuts({ QKeySequence(Qt::Key_F11), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P) });
    m_presenterAction->setStatusTip(tr("Large fonts and thick lines for a projector"));
    connect(m_presenterAction, &QAction::toggled, this, &MainWindow::setPresenterMode);

    // Opens the dock (making room for it on a small screen), brings it forward and gives it the keyboard.
    const auto goTo = [this](const QString& text, QKeyCombination key, QDockWidget* dock, auto focus) {
        auto* action = new QAction(text, this);
        action->setShortcut(QKeySequence(key));
        connect(action, &QAction::triggered, this, [this, dock, focus] {
            m_fit->open(dock);
            dock->raise();
            focus();
        });
        return action;
    };
    QAction* showResults = goTo(
        tr("Go to &Results"), Qt::CTRL | Qt::Key_T, m_resultsDock, [this] { m_resultsDock->widget()->setFocus(); });
    QAction* showLog = goTo(tr("Go to &Log"), Qt::CTRL | Qt::Key_L, m_logDock, [this] { m_log->setFocus(); });
    QAction* showExperiment
        = goTo(tr("Go to &Experiment"), Qt::CTRL | Qt::Key_K, m_experimentDock, [this] { m_panel->focusWorkload(); });

    auto* aboutAction = new QAction(tr("&About ProcLab"), this);
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About ProcLab"),
            tr("<h3>ProcLab %1</h3><p>A laboratory for process-based parallelism.</p>"
               "<p>Every point on the plot is a real run: real worker processes (their pids are in the results "
               "table), timed by the engine and checked against a serial computation.</p>")
                .arg(QApplication::applicationVersion()));
    });

    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file; // Open Python Script… goes first (ScriptController)
    file->addAction(m_runFile->openAction());
    file->addAction(m_runFile->saveAction());
    file->addAction(m_runFile->exportChromeTraceAction());
    file->addSeparator();
    file->addMenu(m_lab->exportMenu()); // plot as PNG, PDF, SVG; data as CSV, JSON
    file->addSeparator();
    file->addAction(quitAction);

    QMenu* experiment = menuBar()->addMenu(tr("E&xperiment"));
    experiment->addAction(m_runAction);
    experiment->addAction(m_stopAction);
    experiment->addAction(m_killAction);
    experiment->addSeparator();
    experiment->addAction(m_playback->pauseAction());
    experiment->addAction(m_playback->stepAction());
    experiment->addAction(m_playback->replayAction());
    experiment->addSeparator();
    experiment->addAction(resetAction);
    experiment->addSeparator();
    auto* checkHosts = experiment->addAction(tr("Check MPI &Hosts"));
    checkHosts->setObjectName(QStringLiteral("checkHostsAction"));
    checkHosts->setStatusTip(tr("Choose the machines MPI ranks run on, and ask each whether it is ready"));
    connect(checkHosts, &QAction::triggered, this, [this] {
        m_hostsDock->show();
        m_hostsDock->raise();
        m_hosts->checkHosts();
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_lab->viewActions());
    view->addSeparator();
    view->addAction(m_presenterAction);
    view->addAction(m_fit->splitAction());
    view->addSeparator();
    view->addAction(m_fit->experimentAction());
    view->addAction(m_fit->lessonAction());
    view->addAction(showExperiment);
    view->addAction(showResults);
    view->addAction(showLog);
    QMenu* panels = view->addMenu(tr("Pa&nels"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(aboutAction);

    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);
    toolBar->addAction(m_runAction);
    toolBar->addAction(m_stopAction);
    toolBar->addWidget(new QLabel(tr("  Pace: "), toolBar));
    toolBar->addWidget(m_paceSpin);
    toolBar->addAction(m_killAction);
    toolBar->addSeparator();
    toolBar->addAction(m_playback->pauseAction());
    toolBar->addAction(m_playback->stepAction());
    toolBar->addAction(m_playback->replayAction());
    toolBar->addWidget(new QLabel(tr("  Speed: "), toolBar));
    toolBar->addWidget(m_playback->speedCombo());
    toolBar->addSeparator();
    toolBar->addAction(m_presenterAction);

    panels->addAction(m_experimentDock->toggleViewAction());
    panels->addAction(m_timelineDock->toggleViewAction());
    panels->addAction(m_consoleDock->toggleViewAction());
    panels->addAction(m_resultsDock->toggleViewAction());
    panels->addAction(m_logDock->toggleViewAction());
    panels->addAction(m_hostsDock->toggleViewAction());
    panels->addAction(toolBar->toggleViewAction());
}

// The Lessons and Code docks, and the Lessons and Language menus.
void MainWindow::createLessonDocks()
{
    m_lessonView = new LessonView(this);
    m_lessonDock = makeDock(m_lessonView->windowTitle(), QStringLiteral("lessonDock"), m_lessonView, this);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea); // the lesson keeps the full height

    // The lesson and its code are one side panel (F9), two tabs: a small screen has room for one of them beside the
    // stage. Closed until a lesson is opened (Lessons menu, --lesson): the stage wants the width.
    m_codeView = new CodeView(this);
    m_codeDock = makeDock(m_codeView->windowTitle(), QStringLiteral("codeDock"), m_codeView, this);
    addDockWidget(Qt::RightDockWidgetArea, m_codeDock);
    tabifyDockWidget(m_lessonDock, m_codeDock);
    m_lessonDock->raise();
    m_lessonDock->hide();
    m_codeDock->hide();

    // The panels name themselves (in the current language): the docks follow.
    connect(m_lessonView, &QWidget::windowTitleChanged, m_lessonDock, &QDockWidget::setWindowTitle);
    connect(m_codeView, &QWidget::windowTitleChanged, m_codeDock, &QDockWidget::setWindowTitle);

    const auto showCode = [this](const Lesson& lesson) {
        m_codeView->setCode(
            tr("Lesson %1: %2").arg(lessonIndex(lesson.name) + 1).arg(lesson.title()), lesson.python(), lesson.cpp);
    };
    connect(m_lessonView, &LessonView::currentLessonChanged, this, showCode);
    showCode(m_lessonView->currentLesson());

    QMenu* lessonsMenu = m_lessonView->createMenu(this);
    lessonsMenu->addSeparator();
    lessonsMenu->addAction(m_lessonDock->toggleViewAction());
    lessonsMenu->addAction(m_codeDock->toggleViewAction());
    // The lessons panel retitles itself on every language change: the code's title follows.
    connect(m_lessonView, &QWidget::windowTitleChanged, this, [=] { showCode(m_lessonView->currentLesson()); });

    // Before Help, the last menu.
    const QList<QAction*> menus = menuBar()->actions();
    QAction* before = menus.isEmpty() ? nullptr : menus.last();
    menuBar()->insertMenu(before, lessonsMenu);
    menuBar()->insertMenu(before, i18n::createLanguageMenu(this));
}

// What the controllers say goes to the status bar, the log and the console; what they do brings their dock
// forward and sets the controls. The window's own signals are theirs, forwarded after the controllers' own
// listeners (a lesson hears that its sweep finished before anyone else).
void MainWindow::connectControllers()
{
    connect(m_panel, &ExperimentPanel::runClicked, this, &MainWindow::run);
    connect(m_panel, &ExperimentPanel::stopClicked, this, &MainWindow::stop);
    connect(m_panel, &ExperimentPanel::modeChanged, this, &MainWindow::onRunModeChanged);
    connect(m_panel, &ExperimentPanel::settingsChanged, this, &MainWindow::updatePlotTitle);
    connect(m_panel, &ExperimentPanel::maxProcessesChanged, this, [this](int p) {
        if (!m_sweep->isRunning())
            m_lab->prepare(p);
    });
    connect(m_lab, &ScalingLab::message, this, &MainWindow::setStatus);
    connect(m_lab, &ScalingLab::viewChanged, this, &MainWindow::updatePlotTitle);
    connect(m_player, &EventPlayer::modeChanged, this, &MainWindow::updateControls);
    connect(m_stageView, &StageView::killRequested, this, &MainWindow::killWorker);
    connect(m_playback, &PlaybackControls::speedChanged, m_run, &RunController::updateTravelTime);

    connect(m_run, &RunController::statusMessage, this, &MainWindow::setStatus);
    connect(m_run, &RunController::stateChanged, this, &MainWindow::updateControls);
    connect(m_run, &RunController::started, this, [this] {
        m_central->showStage();
        m_timelineDock->raise();
        saveSettings();
    });
    connect(m_run, &RunController::failed, m_consoleDock, [this] {
        m_consoleDock->show();
        m_consoleDock->raise();
    });
    connect(m_runFile, &RunFile::statusMessage, this, &MainWindow::setStatus);
    connect(m_runFile, &RunFile::opened, this, [this] {
        m_central->showStage();
        updateControls();
    });

    connect(m_sweep, &SweepController::statusMessage, this, &MainWindow::setStatus);
    connect(m_sweep, &SweepController::logLine, m_log, &LogView::appendLine);
    connect(m_sweep, &SweepController::stateChanged, this, &MainWindow::updateControls);
    connect(m_sweep, &SweepController::started, this, [this] {
        m_fit->sweepStarted(); // the processes and their plot together, where there is room
        updatePlotTitle();
        saveSettings();
    });
    connect(m_sweep, &SweepController::failed, m_logDock, &QDockWidget::raise);

    connect(m_lessons, &LessonController::logLine, m_log, &LogView::appendLine);
    connect(m_lessons, &LessonController::sweepStarting, this, [this] {
        m_resultsDock->show();
        m_resultsDock->raise();
        resizeDocks({ m_resultsDock }, { height() / 5 }, Qt::Vertical);
    });

    connect(m_run, &RunController::started, this, &MainWindow::runStarted);
    connect(m_run, &RunController::finished, this, &MainWindow::runFinished);
    connect(m_run, &RunController::drawn, this, &MainWindow::runDrawn);
    connect(m_sweep, &SweepController::measurementStarted, this, &MainWindow::measurementStarted);
    connect(m_sweep, &SweepController::pointMeasured, this, &MainWindow::pointMeasured);
    connect(m_sweep, &SweepController::finished, this, &MainWindow::sweepFinished);
    connect(m_lessons, &LessonController::lessonFinished, this, &MainWindow::lessonFinished);

    connect(m_scripts, &ScriptController::statusMessage, this, &MainWindow::setStatus);
    connect(m_scripts, &ScriptController::runRequested, this, &MainWindow::run);
    connect(m_scripts, &ScriptController::runLessonRequested, this, [this](const RunRequest& request) {
        if (!isRunning() && !isRunActive())
            m_run->start(request);
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (ScriptController::isScript(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    if (!isRunning() && !isRunActive() && m_scripts->drop(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::setExperimentSettings(const ExperimentSettings& s)
{
    m_panel->setSettings(s);
    if (!isRunning())
        m_lab->prepare(s.maxProcesses);
    updateControls();
    updatePlotTitle();
}

void MainWindow::updatePlotTitle()
{
    // The title describes the data on the plot: the current sweep's settings once one has started.
    const bool showingSweep = isRunning() || m_sweep->resultsModel()->rowCount() > 0;
    const ExperimentSettings s = showingSweep ? m_sweep->settings() : m_panel->settings();
    const Workload* w = findWorkload(s.workload);
    const QString what = s.sweepPython ? QStringLiteral("python %1").arg(QFileInfo(s.python.script).fileName())
        : w                            ? QStringLiteral("%1 (%2)").arg(w->name(), formatParams(w, s.params))
                                       : s.workload;
    m_lab->plot()->setTitle(
        tr("%1: %2 against processes").arg(what, ScalingPlot::viewName(m_lab->plot()->view()).toLower()),
        ExperimentPanel::describe(s));
}

void MainWindow::updateControls()
{
    if (!m_runAction)
        return; // still being built
    const bool running = isRunning() || isRunActive();
    m_panel->setBusy(running);
    // A paced sweep would measure the pace; a script's tasks are its own.
    m_paceSpin->setEnabled(!running && runMode() != RunMode::Sweep && !ExperimentPanel::isPython(runMode()));
    m_runAction->setEnabled(!running);
    m_stopAction->setEnabled(running);
    m_killAction->setEnabled(isRunActive());
    m_playback->updateActions();
}

void MainWindow::onRunModeChanged()
{
    if (ExperimentPanel::isSweep(runMode()))
        m_central->showLab();
    else
        m_central->showStage();
    updateControls();
}

void MainWindow::setStatus(const QString& text)
{
    m_statusLabel->setText(text);
    m_statusLabel->setToolTip(text);
}

void MainWindow::setPresenterMode(bool on)
{
    QFont f = m_baseFont;
    if (on)
        f.setPointSizeF(m_baseFont.pointSizeF() * 1.35);
    setFont(f);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(f.pointSizeF() * 0.95);
    m_log->setFont(mono);
    m_lab->setPresenterMode(on);
    m_stageView->setPresenterMode(on);
    m_timelineView->setPresenterMode(on);
    m_console->setPresenterMode(on);
    m_codeView->setPresenterMode(on);
    m_panel->fitWidth();
    const bool changed = m_presenterAction->isChecked() != on;
    if (changed)
        m_presenterAction->setChecked(on);
    m_fit->presenterModeChanged(on, changed); // never past the screen's edge with the larger type
}

void MainWindow::fitToScreen(const QRect& available)
{
    m_fit->setAvailableGeometry(available);
    m_fit->applyDefault(presenterMode());
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    m_fit->windowShown();
}

bool MainWindow::presenterMode() const
{
    return m_presenterAction->isChecked();
}

void MainWindow::setPlotView(int view)
{
    m_lab->setView(ScalingPlot::View(view));
}

bool MainWindow::saveScreenshot(const QString& fileName)
{
    m_lab->plot()->replotNow();
    return grab().save(fileName);
}

void MainWindow::loadSettings()
{
    QSettings settings;
    m_panel->loadSettings(settings);
    setPaceMs(settings.value(QStringLiteral("run/paceMs"), 0).toInt());
    setReplaySpeed(settings.value(QStringLiteral("run/replaySpeed"), 1.0).toDouble());
    setPlotView(settings.value(QStringLiteral("view/plot"), int(ScalingPlot::View::WallTime)).toInt());
    const bool presenter = settings.value(QStringLiteral("view/presenter"), false).toBool();
    setPresenterMode(presenter);
    m_fit->restore(settings, presenter); // the layout saved for this screen size, if it still fits
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    m_fit->save(settings);
    m_panel->saveSettings(settings);
    settings.setValue(QStringLiteral("run/paceMs"), paceMs());
    settings.setValue(QStringLiteral("run/replaySpeed"), replaySpeed());
    settings.setValue(QStringLiteral("view/plot"), int(m_lab->plot()->view()));
    settings.setValue(QStringLiteral("view/presenter"), m_presenterAction->isChecked());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    m_sweep->abandon(); // the window goes at once; the destructor then waits for the measurement under way
    m_run->stop(); // the destructor joins it
    event->accept();
}

void MainWindow::run()
{
    if (ExperimentPanel::isPython(runMode()) && !m_scripts->saveBeforeRun())
        return; // the edits could not be saved: the status line says why
    if (ExperimentPanel::isSweep(runMode()))
        startSweep();
    else
        startRun();
}

void MainWindow::stop()
{
    if (isRunActive())
        stopRun();
    else
        stopSweep();
}

void MainWindow::startRun()
{
    if (!isRunning())
        m_run->start(runRequest());
}

void MainWindow::killSelectedWorker()
{
    killWorker(m_stageView->selectedPid());
}

bool MainWindow::showLesson(const QString& name)
{
    if (!m_lessonView->setCurrentLesson(name))
        return false;
    m_fit->open(m_lessonDock);
    // Once laid out (the window may not be shown yet): room for the lesson's text, a third of the window at most.
    QTimer::singleShot(
        0, this, [this] { resizeDocks({ m_lessonDock }, { std::clamp(width() / 4, 300, 480) }, Qt::Horizontal); });
    return true;
}

void MainWindow::setPaceMs(int ms)
{
    m_paceSpin->setValue(ms);
}

} // namespace proclab
