#include "mainwindow.h"

#include "consoleview.h"
#include "demo.h"
#include "session/eventplayer.h"
#include "parameterform.h"
#include "scalinglab.h"
#include "scalingplot.h"
#include "session/stagemodel.h"
#include "stageview.h"
#include "sweepresultsmodel.h"
#include "session/timelinemodel.h"
#include "timelineview.h"
#include "uilogging.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>

namespace proclab {

namespace {

constexpr int maxConsoleLinesPending = 2000;
constexpr int windowStateVersion = 2; // bump when docks or toolbars change, so an old layout is not restored
// What a saved run keeps of the console: the view shows the last ConsoleView::maxLines lines in any case.
constexpr qsizetype maxConsoleRecords = 100'000;

const QColor noteBlue(0x1f, 0x4f, 0x8f);
const QColor noteGreen(0x1b, 0x7f, 0x3b);
const QColor noteAmber(0x8a, 0x5a, 0x00);
const QColor noteRed(0xc6, 0x28, 0x28);

// The replay speeds offered: 1x down to 1/1000x.
constexpr std::pair<double, const char*> replaySpeeds[]
    = { { 1.0, "1×" }, { 0.5, "1/2×" }, { 0.2, "1/5×" }, { 0.1, "1/10×" }, { 0.01, "1/100×" }, { 0.001, "1/1000×" } };

QString formatPlayhead(qint64 ns)
{
    return MainWindow::tr("%1 s").arg(double(ns) / 1e9, 0, 'f', 3);
}

QString executorLabel(ExecutorKind e)
{
    switch (e) {
    case ExecutorKind::Process:
        return MainWindow::tr("process pool");
    case ExecutorKind::Thread:
        return MainWindow::tr("threads");
    case ExecutorKind::GilThread:
        return MainWindow::tr("threads sharing a GIL");
    case ExecutorKind::Serial:
        return MainWindow::tr("serial loop");
    }
    return {};
}

QString paramsText(const Workload* w, const Params& params)
{
    QStringList parts;
    if (w) {
        for (const ParamSpec& spec : w->params())
            parts << spec.name + QLatin1Char('=') + params.value(spec.name).toString();
    }
    return parts.join(QStringLiteral(", "));
}

QString formatSeconds(double s)
{
    if (s < 1.0)
        return MainWindow::tr("%1 ms").arg(s * 1e3, 0, 'f', s < 0.01 ? 2 : 1);
    return MainWindow::tr("%1 s").arg(s, 0, 'f', 3);
}

void selectData(QComboBox* combo, int value)
{
    const int index = combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

// "1, 10, 100" (or "auto" for Python's default) as chunksizes; unreadable entries are dropped.
QList<int> parseChunksizes(const QString& text)
{
    QList<int> out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        const int value = ok && n >= 0 ? n : part.trimmed() == QLatin1String("auto") ? 0 : -1;
        if (value >= 0 && !out.contains(value))
            out << value;
    }
    return out.isEmpty() ? QList<int> { 0 } : out;
}

QString chunksizesText(const QList<int>& chunksizes)
{
    QStringList parts;
    for (int c : chunksizes)
        parts << (c > 0 ? QString::number(c) : QStringLiteral("auto"));
    return parts.join(QStringLiteral(", "));
}

} // namespace

MainWindow::MainWindow(QWidget* parent, bool restoreSettings)
    : QMainWindow(parent)
    , m_lab(new ScalingLab(this))
    , m_model(new SweepResultsModel(this))
    , m_runner(new ExperimentRunner)
    , m_consoleTimer(new QTimer(this))
    , m_player(new EventPlayer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("ProcLab"));
    // Readable from the back of a classroom even where the desktop default is small.
    m_baseFont = font();
    if (m_baseFont.pointSizeF() > 0 && m_baseFont.pointSizeF() < 11)
        m_baseFont.setPointSizeF(11);
    setFont(m_baseFont);

    createRunViews();
    createExperimentPanel();
    createDocks();
    createActions();
    createLessonDocks(); // mainwindowlessons.cpp
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_statusLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long news must not widen the window
    m_playerLabel = new QLabel(this);
    m_playerLabel->setObjectName(QStringLiteral("playerLabel"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_playerLabel);
    connect(m_lab, &ScalingLab::message, this, &MainWindow::setStatus);
    connect(m_lab, &ScalingLab::viewChanged, this, &MainWindow::updatePlotTitle);

    // The runner: its own thread, driven by queued calls, answering with queued signals.
    m_runnerThread.setObjectName(QStringLiteral("proclab-experiment"));
    m_runner->moveToThread(&m_runnerThread);
    connect(&m_runnerThread, &QThread::finished, m_runner, &QObject::deleteLater);
    connect(m_runner, &ExperimentRunner::measurementStarted, this, &MainWindow::onMeasurementStarted);
    connect(m_runner, &ExperimentRunner::runFinished, this, &MainWindow::onRunFinished);
    connect(m_runner, &ExperimentRunner::pointMeasured, this, &MainWindow::onPointMeasured);
    connect(m_runner, &ExperimentRunner::consoleOutput, this, &MainWindow::onConsoleOutput);
    connect(m_runner, &ExperimentRunner::sweepFinished, this, &MainWindow::onSweepFinished);
    m_runnerThread.start();

    m_consoleTimer->setSingleShot(true);
    m_consoleTimer->setInterval(50);
    connect(m_consoleTimer, &QTimer::timeout, this, &MainWindow::flushConsole);

    // At least 1280 × 800, more of a larger screen (up to 1600 × 1000): the stage wants the room.
    const QSize room = screen() ? screen()->availableSize() * 0.9 : QSize(1280, 800);
    resize(room.expandedTo(QSize(1280, 800)).boundedTo(QSize(1600, 1000)));
    resizeDocks({ m_timelineDock }, { 300 }, Qt::Vertical);
    resizeDocks({ m_timelineDock, m_consoleDock }, { 480, 380 }, Qt::Horizontal);
    if (restoreSettings)
        loadSettings(); // presenter mode or not, as last time
    else
        setPresenterMode(false); // the views' fonts follow the window's either way
    onRunModeChanged();
    m_lab->prepare(m_processesSpin->value());
    updatePlotTitle();
    updatePlayerStatus();
    setStatus(tr("Ready. Choose a workload or a demo and press Run (F5). CPU cores on this machine: %1.")
                  .arg(QThread::idealThreadCount()));
}

MainWindow::~MainWindow()
{
    m_session.reset(); // stops the run under way and joins its thread: no process outlives the window
    // A measurement under way cannot be interrupted (execute() blocks), so this waits for it at most; the
    // runner sees the cancellation before the next one, its Context and pools are gone when the thread ends.
    m_runner->cancel();
    m_runnerThread.quit();
    m_runnerThread.wait();
}

int MainWindow::maximumProcesses()
{
    return std::max(8, 2 * QThread::idealThreadCount());
}

int MainWindow::defaultProcesses()
{
    return std::max(1, QThread::idealThreadCount());
}

QCustomPlot* MainWindow::plot() const
{
    return m_lab->plot()->plot();
}

ScalingPlot* MainWindow::scalingPlot() const
{
    return m_lab->plot();
}

void MainWindow::createExperimentPanel()
{
    m_panel = new QWidget(this);
    m_panel->setObjectName(QStringLiteral("experimentPanel"));
    auto* layout = new QVBoxLayout(m_panel);

    auto* runBox = new QGroupBox(tr("Run"), m_panel);
    auto* runLayout = new QFormLayout(runBox);
    runLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_runForm = runLayout;
    m_modeCombo = new QComboBox(runBox);
    m_modeCombo->setObjectName(QStringLiteral("modeCombo"));
    m_modeCombo->addItem(tr("the workload once, animated"), int(RunMode::Workload));
    m_modeCombo->setItemData(
        0, tr("One run on the Stage and the Timeline: watch the workers take tasks"), Qt::ToolTipRole);
    m_modeCombo->addItem(tr("a tutorial demo, animated"), int(RunMode::Demo));
    m_modeCombo->setItemData(1, tr("One of the tutorials' examples on real processes"), Qt::ToolTipRole);
    m_modeCombo->addItem(tr("a scaling sweep of the workload"), int(RunMode::Sweep));
    m_modeCombo->setItemData(2, tr("Wall time for p = 1 … max processes, plotted as it is measured"), Qt::ToolTipRole);
    runLayout->addRow(tr("R&un:"), m_modeCombo);
    m_demoCombo = new QComboBox(runBox);
    m_demoCombo->setObjectName(QStringLiteral("demoCombo"));
    for (const Demo* d : demos()) {
        m_demoCombo->addItem(QStringLiteral("%1 (%2)").arg(d->name(), d->topic()), d->name());
        m_demoCombo->setItemData(m_demoCombo->count() - 1, d->description(), Qt::ToolTipRole);
    }
    runLayout->addRow(tr("&Demo:"), m_demoCombo);
    m_demoDescription = new QLabel(runBox);
    m_demoDescription->setObjectName(QStringLiteral("demoDescription"));
    m_demoDescription->setWordWrap(true);
    m_demoDescription->setForegroundRole(QPalette::PlaceholderText);
    runLayout->addRow(m_demoDescription);
    layout->addWidget(runBox);

    auto* workloadBox = new QGroupBox(tr("Workload"), m_panel);
    m_workloadBox = workloadBox;
    auto* workloadLayout = new QVBoxLayout(workloadBox);
    m_workloadCombo = new QComboBox(workloadBox);
    m_workloadCombo->setObjectName(QStringLiteral("workloadCombo"));
    for (const Workload* w : workloads()) {
        m_workloadCombo->addItem(w->name(), w->name());
        m_workloadCombo->setItemData(m_workloadCombo->count() - 1, w->description(), Qt::ToolTipRole);
    }
    auto* workloadLabel = new QLabel(tr("&Workload:"), workloadBox);
    workloadLabel->setBuddy(m_workloadCombo);
    auto* workloadRow = new QHBoxLayout;
    workloadRow->addWidget(workloadLabel);
    workloadRow->addWidget(m_workloadCombo, 1);
    workloadLayout->addLayout(workloadRow);
    m_workloadDescription = new QLabel(workloadBox);
    m_workloadDescription->setObjectName(QStringLiteral("workloadDescription"));
    m_workloadDescription->setWordWrap(true);
    m_workloadDescription->setForegroundRole(QPalette::PlaceholderText);
    workloadLayout->addWidget(m_workloadDescription);
    m_params = new ParameterForm(workloadBox);
    m_params->setObjectName(QStringLiteral("parameterForm"));
    workloadLayout->addWidget(m_params);
    layout->addWidget(workloadBox);

    auto* execBox = new QGroupBox(tr("Execution"), m_panel);
    auto* form = new QFormLayout(execBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_execForm = form;

    m_processesSpin = new QSpinBox(execBox);
    m_processesSpin->setObjectName(QStringLiteral("processesSpin"));
    m_processesSpin->setRange(1, maximumProcesses());
    m_processesSpin->setValue(defaultProcesses());
    m_processesSpin->setToolTip(tr("The sweep measures p = 1, 2, … up to this many processes.\n"
                                   "CPU cores on this machine: %1.")
                                    .arg(QThread::idealThreadCount()));
    m_processesLabel = new QLabel(tr("Max &processes:"), execBox);
    m_processesLabel->setBuddy(m_processesSpin);
    form->addRow(m_processesLabel, m_processesSpin);

    // Several series at once: every checked executor, every chunksize, every problem size.
    m_executorList = new QListWidget(execBox);
    m_executorList->setObjectName(QStringLiteral("executorList"));
    const std::pair<ExecutorKind, QString> executors[] = {
        { ExecutorKind::Process, tr("A pool of worker processes, as multiprocessing.Pool") },
        { ExecutorKind::Thread, tr("Threads without a GIL, as in C++ (or free-threaded Python)") },
        { ExecutorKind::GilThread, tr("Threads that must hold one global interpreter lock to compute, as CPython's") },
        { ExecutorKind::Serial, tr("One plain loop: the baseline") },
    };
    for (const auto& [kind, tip] : executors) {
        auto* item = new QListWidgetItem(executorLabel(kind), m_executorList);
        item->setData(Qt::UserRole, int(kind));
        item->setToolTip(tip);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(kind == ExecutorKind::Process ? Qt::Checked : Qt::Unchecked);
    }
    m_executorList->setToolTip(tr("One series per checked executor"));
    form->addRow(tr("E&xecutors:"), m_executorList);

    m_startMethodCombo = new QComboBox(execBox);
    m_startMethodCombo->setObjectName(QStringLiteral("startMethodCombo"));
    m_startMethodCombo->addItem(toString(StartMethod::Spawn), int(StartMethod::Spawn));
    m_startMethodCombo->setItemData(0, tr("Each worker is a freshly exec'd program"), Qt::ToolTipRole);
    m_startMethodCombo->addItem(toString(StartMethod::ForkServer), int(StartMethod::ForkServer));
    m_startMethodCombo->setItemData(1, tr("A clean server process forks each worker"), Qt::ToolTipRole);
    m_startMethodCombo->setToolTip(tr("How worker processes start (process executor only)"));
    form->addRow(tr("Start &method:"), m_startMethodCombo);

    m_schedulingCombo = new QComboBox(execBox);
    m_schedulingCombo->setObjectName(QStringLiteral("schedulingCombo"));
    m_schedulingCombo->addItem(tr("dynamic (workers pull)"), int(Scheduling::Dynamic));
    m_schedulingCombo->setItemData(
        0, tr("Each worker takes the next chunk when it is free, as Python does"), Qt::ToolTipRole);
    m_schedulingCombo->addItem(tr("static (round robin)"), int(Scheduling::Static));
    m_schedulingCombo->setItemData(1, tr("Chunks are dealt out in turn before the run starts"), Qt::ToolTipRole);
    form->addRow(tr("Sc&heduling:"), m_schedulingCombo);

    m_chunksizeEdit = new QLineEdit(QStringLiteral("auto"), execBox);
    m_chunksizeEdit->setObjectName(QStringLiteral("chunksizeEdit"));
    m_chunksizeEdit->setToolTip(tr("Tasks sent to a worker at a time; a list such as \"1, 10, 100\" gives one "
                                   "series each. Auto: ceil(tasks / (4 × workers)), as Pool.map does"));
    form->addRow(tr("Chunksi&zes:"), m_chunksizeEdit);

    m_sizeRow = new QWidget(execBox);
    auto* sizeRow = new QHBoxLayout(m_sizeRow);
    sizeRow->setContentsMargins(0, 0, 0, 0);
    m_sizeParamCombo = new QComboBox(execBox);
    m_sizeParamCombo->setObjectName(QStringLiteral("sizeParamCombo"));
    m_sizeParamCombo->setToolTip(tr("A parameter to sweep as the problem size: one series per value"));
    m_sizeValuesEdit = new QLineEdit(execBox);
    m_sizeValuesEdit->setObjectName(QStringLiteral("sizeValuesEdit"));
    m_sizeValuesEdit->setPlaceholderText(tr("e.g. 128, 256, 512"));
    sizeRow->addWidget(m_sizeParamCombo);
    sizeRow->addWidget(new QLabel(QStringLiteral("="), execBox));
    sizeRow->addWidget(m_sizeValuesEdit, 1);
    auto* sizeLabel = new QLabel(tr("Prob&lem size:"), execBox);
    sizeLabel->setBuddy(m_sizeParamCombo);
    form->addRow(sizeLabel, m_sizeRow);

    m_repeatsSpin = new QSpinBox(execBox);
    m_repeatsSpin->setObjectName(QStringLiteral("repeatsSpin"));
    m_repeatsSpin->setRange(1, 10);
    m_repeatsSpin->setValue(3);
    m_repeatsSpin->setToolTip(tr("Runs per point: the plot shows their median and their spread"));
    form->addRow(tr("Repea&ts per point:"), m_repeatsSpin);

    m_warmUpCheck = new QCheckBox(tr("Warm-&up run first (not recorded)"), execBox);
    m_warmUpCheck->setObjectName(QStringLiteral("warmUpCheck"));
    m_warmUpCheck->setToolTip(tr("One run at p = 1 before measuring, so caches are warm for the first point"));
    form->addRow(m_warmUpCheck);
    layout->addWidget(execBox);

    auto* buttons = new QHBoxLayout;
    m_runButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run sweep"), m_panel);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Measure p = 1 … max processes (Ctrl+R)"));
    m_stopButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), m_panel);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setToolTip(tr("Stop after the measurement under way (Esc)"));
    buttons->addWidget(m_runButton, 2);
    buttons->addWidget(m_stopButton, 1);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_runButton, &QPushButton::clicked, this, &MainWindow::run);
    connect(m_stopButton, &QPushButton::clicked, this, &MainWindow::stop);
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, &MainWindow::onRunModeChanged);
    connect(m_demoCombo, &QComboBox::currentIndexChanged, this, &MainWindow::onDemoSelected);
    connect(m_workloadCombo, &QComboBox::currentIndexChanged, this, &MainWindow::onWorkloadSelected);
    connect(m_executorList, &QListWidget::itemChanged, this, &MainWindow::updateControls);
    connect(m_executorList, &QListWidget::itemChanged, this, &MainWindow::updatePlotTitle);
    connect(m_chunksizeEdit, &QLineEdit::textChanged, this, &MainWindow::updatePlotTitle);
    connect(m_sizeParamCombo, &QComboBox::currentIndexChanged, m_sizeValuesEdit,
        [this](int index) { m_sizeValuesEdit->setEnabled(index > 0); });
    connect(m_sizeValuesEdit, &QLineEdit::textChanged, this, &MainWindow::updatePlotTitle);
    connect(m_startMethodCombo, &QComboBox::currentIndexChanged, this, &MainWindow::updatePlotTitle);
    connect(m_schedulingCombo, &QComboBox::currentIndexChanged, this, &MainWindow::updatePlotTitle);
    connect(m_repeatsSpin, &QSpinBox::valueChanged, this, &MainWindow::updatePlotTitle);
    connect(m_params, &ParameterForm::paramsChanged, this, &MainWindow::updatePlotTitle);
    connect(m_processesSpin, &QSpinBox::valueChanged, this, [this](int p) {
        if (!isRunning())
            m_lab->prepare(p);
    });

    const int initial = std::max(0, m_workloadCombo->findData(QStringLiteral("spin")));
    m_workloadCombo->setCurrentIndex(initial);
    onWorkloadSelected(initial); // no signal when the index is already 0
    const int initialDemo = std::max(0, m_demoCombo->findData(QStringLiteral("pool-map")));
    m_demoCombo->setCurrentIndex(initialDemo);
    onDemoSelected(initialDemo);
}

void MainWindow::createDocks()
{
    m_panelScroll = new QScrollArea(this);
    m_panelScroll->setWidget(m_panel);
    m_panelScroll->setWidgetResizable(true);
    m_panelScroll->setFrameShape(QFrame::NoFrame);
    m_panelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_experimentDock = new QDockWidget(tr("Experiment"), this);
    m_experimentDock->setObjectName(QStringLiteral("experimentDock"));
    m_experimentDock->setWidget(m_panelScroll);
    m_experimentDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    fitPanelWidth();
    addDockWidget(Qt::LeftDockWidgetArea, m_experimentDock);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("resultsTable"));
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->resizeColumnsToContents();
    m_resultsDock = new QDockWidget(tr("Results"), this);
    m_resultsDock->setObjectName(QStringLiteral("resultsDock"));
    m_resultsDock->setWidget(m_table);
    addDockWidget(Qt::BottomDockWidgetArea, m_resultsDock);

    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("logView"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("A line per run: time, workers, verification. Worker output appears here too."));
    m_logDock = new QDockWidget(tr("Log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    m_timelineDock = new QDockWidget(tr("Timeline"), this);
    m_timelineDock->setObjectName(QStringLiteral("timelineDock"));
    m_timelineDock->setWidget(m_timelineView);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);

    m_consoleDock = new QDockWidget(tr("Console"), this);
    m_consoleDock->setObjectName(QStringLiteral("consoleDock"));
    m_consoleDock->setWidget(m_console);
    // Beside the timeline, under the stage: both read left to right in time, the stage keeps the full width.
    splitDockWidget(m_timelineDock, m_consoleDock, Qt::Horizontal);

    // The timeline goes with the stage; the sweep's table and log are one tab (Ctrl+T, Ctrl+L) away.
    tabifyDockWidget(m_timelineDock, m_resultsDock);
    tabifyDockWidget(m_resultsDock, m_logDock);
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

    m_pauseAction = new QAction(style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction->setShortcut(QKeySequence(Qt::Key_Space));
    m_pauseAction->setStatusTip(tr("Pause or resume the animation; the processes go on (Space)"));
    connect(m_pauseAction, &QAction::triggered, m_player, &EventPlayer::togglePause);

    m_stepAction = new QAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("S&tep"), this);
    m_stepAction->setObjectName(QStringLiteral("stepAction"));
    m_stepAction->setShortcuts({ QKeySequence(Qt::Key_Period), QKeySequence(Qt::Key_F10) });
    m_stepAction->setStatusTip(tr("Pause, and show the next event (. or F10)"));
    connect(m_stepAction, &QAction::triggered, m_player, &EventPlayer::step);

    m_replayAction = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Re&play"), this);
    m_replayAction->setObjectName(QStringLiteral("replayAction"));
    m_replayAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_replayAction->setStatusTip(tr("Play the last run again from its start, at the chosen speed (Ctrl+Shift+R)"));
    connect(m_replayAction, &QAction::triggered, m_player, &EventPlayer::replay);

    m_killAction = new QAction(style()->standardIcon(QStyle::SP_DialogCancelButton), tr("&Kill Worker"), this);
    m_killAction->setObjectName(QStringLiteral("killAction"));
    m_killAction->setShortcut(QKeySequence(Qt::Key_Delete));
    m_killAction->setStatusTip(tr("SIGKILL the worker selected on the stage, to see what happens (Del)"));
    connect(m_killAction, &QAction::triggered, this, &MainWindow::killSelectedWorker);

    m_speedCombo = new QComboBox(this);
    m_speedCombo->setObjectName(QStringLiteral("speedCombo"));
    m_speedCombo->setToolTip(tr("Replay speed: real time down to a thousand times slower"));
    for (const auto& [speed, label] : replaySpeeds)
        m_speedCombo->addItem(QString::fromUtf8(label), speed);
    connect(m_speedCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_player->setSpeed(replaySpeed());
        updateTravelTime();
        updatePlayerStatus();
    });

    m_paceSpin = new QSpinBox(this);
    m_paceSpin->setObjectName(QStringLiteral("paceSpin"));
    m_paceSpin->setRange(0, 10000);
    m_paceSpin->setSingleStep(50);
    m_paceSpin->setSuffix(tr(" ms per task"));
    m_paceSpin->setSpecialValueText(tr("no pace"));
    m_paceSpin->setToolTip(tr("Pace: every worker really waits this long before each pool task, so that a run "
                              "moves at a speed people can follow"));

    auto* saveRunAction = new QAction(tr("Save &Run…"), this);
    saveRunAction->setObjectName(QStringLiteral("saveRunAction"));
    saveRunAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    saveRunAction->setStatusTip(tr("Save the last run (events, processes, console, settings) to replay later"));
    connect(saveRunAction, &QAction::triggered, this, &MainWindow::saveRunDialog);
    auto* openRunAction = new QAction(tr("&Open Run…"), this);
    openRunAction->setObjectName(QStringLiteral("openRunAction"));
    openRunAction->setShortcut(QKeySequence::Open);
    connect(openRunAction, &QAction::triggered, this, &MainWindow::openRunDialog);
    auto* chromeAction = new QAction(tr("Export &Chrome Trace…"), this);
    chromeAction->setStatusTip(tr("The last run as Chrome Trace Event JSON, for Perfetto or chrome://tracing"));
    connect(chromeAction, &QAction::triggered, this, &MainWindow::exportChromeTraceDialog);

    auto* resetAction = new QAction(tr("Reset &Parameters to Defaults"), this);
    resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(resetAction, &QAction::triggered, m_params, &ParameterForm::resetToDefaults);

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

    auto* showResults = new QAction(tr("Go to &Results"), this);
    showResults->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(showResults, &QAction::triggered, this, [this] {
        m_resultsDock->show();
        m_resultsDock->raise();
        m_table->setFocus();
    });
    auto* showLog = new QAction(tr("Go to &Log"), this);
    showLog->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(showLog, &QAction::triggered, this, [this] {
        m_logDock->show();
        m_logDock->raise();
        m_log->setFocus();
    });
    auto* showExperiment = new QAction(tr("Go to &Experiment"), this);
    showExperiment->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(showExperiment, &QAction::triggered, this, [this] {
        m_experimentDock->show();
        m_workloadCombo->setFocus();
    });

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
    file->addAction(openRunAction);
    file->addAction(saveRunAction);
    file->addAction(chromeAction);
    file->addSeparator();
    file->addMenu(m_lab->exportMenu()); // plot as PNG, PDF, SVG; data as CSV, JSON
    file->addSeparator();
    file->addAction(quitAction);

    QMenu* experiment = menuBar()->addMenu(tr("E&xperiment"));
    experiment->addAction(m_runAction);
    experiment->addAction(m_stopAction);
    experiment->addAction(m_killAction);
    experiment->addSeparator();
    experiment->addAction(m_pauseAction);
    experiment->addAction(m_stepAction);
    experiment->addAction(m_replayAction);
    experiment->addSeparator();
    experiment->addAction(resetAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_lab->viewActions());
    view->addSeparator();
    view->addAction(m_presenterAction);
    view->addSeparator();
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
    toolBar->addAction(m_pauseAction);
    toolBar->addAction(m_stepAction);
    toolBar->addAction(m_replayAction);
    toolBar->addWidget(new QLabel(tr("  Speed: "), toolBar));
    toolBar->addWidget(m_speedCombo);
    toolBar->addSeparator();
    toolBar->addAction(m_presenterAction);

    panels->addAction(m_experimentDock->toggleViewAction());
    panels->addAction(m_timelineDock->toggleViewAction());
    panels->addAction(m_consoleDock->toggleViewAction());
    panels->addAction(m_resultsDock->toggleViewAction());
    panels->addAction(m_logDock->toggleViewAction());
    panels->addAction(toolBar->toggleViewAction());
}

ExperimentSettings MainWindow::experimentSettings() const
{
    ExperimentSettings s;
    s.workload = m_workloadCombo->currentData().toString();
    s.params = m_params->params();
    s.maxProcesses = m_processesSpin->value();
    s.executors.clear();
    for (int i = 0; i < m_executorList->count(); ++i) {
        if (m_executorList->item(i)->checkState() == Qt::Checked)
            s.executors << ExecutorKind(m_executorList->item(i)->data(Qt::UserRole).toInt());
    }
    s.chunksizes = parseChunksizes(m_chunksizeEdit->text());
    s.sizeParam = m_sizeParamCombo->currentData().toString();
    if (!s.sizeParam.isEmpty()) {
        for (const QString& v : m_sizeValuesEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            s.sizeValues << v.trimmed();
    }
    if (s.sizeValues.isEmpty())
        s.sizeParam.clear();
    s.startMethod = StartMethod(m_startMethodCombo->currentData().toInt());
    s.scheduling = Scheduling(m_schedulingCombo->currentData().toInt());
    s.repeats = m_repeatsSpin->value();
    s.warmUp = m_warmUpCheck->isChecked();
    return s;
}

void MainWindow::setExperimentSettings(const ExperimentSettings& s)
{
    const int index = m_workloadCombo->findData(s.workload);
    if (index >= 0) {
        m_workloadCombo->setCurrentIndex(index);
        m_params->setParams(s.params);
    }
    m_processesSpin->setValue(s.maxProcesses);
    for (int i = 0; i < m_executorList->count(); ++i) {
        QListWidgetItem* item = m_executorList->item(i);
        item->setCheckState(
            s.executors.contains(ExecutorKind(item->data(Qt::UserRole).toInt())) ? Qt::Checked : Qt::Unchecked);
    }
    selectData(m_startMethodCombo, int(s.startMethod));
    selectData(m_schedulingCombo, int(s.scheduling));
    m_chunksizeEdit->setText(chunksizesText(s.chunksizes));
    const int sizeIndex = m_sizeParamCombo->findData(s.sizeParam);
    m_sizeParamCombo->setCurrentIndex(std::max(0, sizeIndex));
    m_sizeValuesEdit->setText(sizeIndex > 0 ? s.sizeValues.join(QStringLiteral(", ")) : QString());
    m_repeatsSpin->setValue(s.repeats);
    m_warmUpCheck->setChecked(s.warmUp);
    if (!isRunning())
        m_lab->prepare(s.maxProcesses);
    updateControls();
    updatePlotTitle();
}

void MainWindow::onWorkloadSelected(int index)
{
    const Workload* w = findWorkload(m_workloadCombo->itemData(index).toString());
    m_params->setWorkload(w); // back to the defaults: values of one workload mean nothing to another
    m_workloadDescription->setText(w ? w->description() : QString());
    updateSizeChoices();
    updatePlotTitle();
}

// The numeric parameters of the workload can be swept as the problem size.
void MainWindow::updateSizeChoices()
{
    const Workload* w = findWorkload(m_workloadCombo->currentData().toString());
    m_sizeParamCombo->clear();
    m_sizeParamCombo->addItem(tr("none"), QString());
    if (w) {
        for (const ParamSpec& spec : w->params()) {
            if (spec.type != ParamSpec::Type::String)
                m_sizeParamCombo->addItem(spec.name, spec.name);
        }
    }
    m_sizeValuesEdit->clear();
}

QString MainWindow::describe(const ExperimentSettings& s) const
{
    QStringList executors;
    for (ExecutorKind e : s.executors)
        executors << executorLabel(e);
    QStringList parts { executors.join(tr(" vs ")) };
    if (s.executors.contains(ExecutorKind::Process))
        parts << toString(s.startMethod);
    if (s.executors != QList<ExecutorKind> { ExecutorKind::Serial }) {
        parts << tr("%1 scheduling").arg(toString(s.scheduling));
        parts << (s.chunksizes.size() > 1 ? tr("chunksizes %1") : tr("chunksize %1")).arg(chunksizesText(s.chunksizes));
    }
    if (!s.sizeValues.isEmpty())
        parts << tr("%1 = %2").arg(s.sizeParam, s.sizeValues.join(QStringLiteral(", ")));
    parts << (s.repeats > 1 ? tr("median of %1 runs").arg(s.repeats) : tr("1 run per point"));
    return parts.join(QStringLiteral(" · "));
}

void MainWindow::updatePlotTitle()
{
    // The title describes the data on the plot: the current sweep's settings once one has started.
    const bool showingSweep = isRunning() || m_model->rowCount() > 0;
    const ExperimentSettings s = showingSweep ? m_sweepSettings : experimentSettings();
    const Workload* w = findWorkload(s.workload);
    const QString what = w ? QStringLiteral("%1 (%2)").arg(w->name(), paramsText(w, s.params)) : s.workload;
    m_lab->plot()->setTitle(
        tr("%1: %2 against processes").arg(what, ScalingPlot::viewName(m_lab->plot()->view()).toLower()), describe(s));
}

// Wide enough for the panel's widest row (for the current font): the panel scrolls vertically only.
void MainWindow::fitPanelWidth()
{
    // Every executor visible without scrolling, at any font size.
    m_executorList->setFixedHeight(
        m_executorList->sizeHintForRow(0) * m_executorList->count() + 2 * m_executorList->frameWidth());
    m_panel->layout()->activate();
    m_panelScroll->setMinimumWidth(
        m_panel->sizeHint().width() + m_panelScroll->verticalScrollBar()->sizeHint().width());
}

void MainWindow::updateControls()
{
    if (!m_runAction)
        return; // still being built
    const bool running = isRunning() || isRunActive();
    const RunMode mode = runMode();
    const bool demo = mode == RunMode::Demo;
    const bool sweep = mode == RunMode::Sweep;
    const QList<ExecutorKind> executors = experimentSettings().executors;
    const bool pooled
        = std::any_of(executors.cbegin(), executors.cend(), [](ExecutorKind e) { return e != ExecutorKind::Serial; });
    for (QWidget* w : m_panel->findChildren<QGroupBox*>())
        w->setEnabled(!running);
    // Only what applies to the mode is shown: a demo has its own program, one run has no repeats and one series.
    m_workloadBox->setVisible(!demo);
    m_runForm->setRowVisible(m_demoCombo, demo);
    m_runForm->setRowVisible(m_demoDescription, demo);
    m_execForm->setRowVisible(m_executorList, !demo);
    m_execForm->setRowVisible(m_schedulingCombo, !demo);
    m_execForm->setRowVisible(m_chunksizeEdit, !demo);
    m_execForm->setRowVisible(m_sizeRow, sweep);
    m_execForm->setRowVisible(m_repeatsSpin, sweep);
    m_execForm->setRowVisible(m_warmUpCheck, sweep);
    m_startMethodCombo->setEnabled(demo || executors.contains(ExecutorKind::Process));
    m_schedulingCombo->setEnabled(pooled);
    m_chunksizeEdit->setEnabled(pooled);
    m_processesLabel->setText(sweep ? tr("Max &processes:") : tr("&Processes:"));
    m_paceSpin->setEnabled(!running && !sweep); // a paced sweep would measure the pace
    m_runAction->setEnabled(!running);
    m_runButton->setEnabled(!running);
    m_runButton->setText(mode == RunMode::Sweep ? tr("Run sweep") : tr("Run"));
    m_stopAction->setEnabled(running);
    m_stopButton->setEnabled(running);
    const bool haveRun = m_player->isLive() || !m_player->events().empty();
    m_pauseAction->setEnabled(haveRun);
    m_stepAction->setEnabled(haveRun);
    m_replayAction->setEnabled(!m_player->isLive() && !m_player->events().empty());
    m_killAction->setEnabled(isRunActive());
}

void MainWindow::setState(SweepState state)
{
    m_state = state;
    updateControls();
}

void MainWindow::setStatus(const QString& text)
{
    m_statusLabel->setText(text);
    m_statusLabel->setToolTip(text);
}

void MainWindow::appendLog(const QString& text, const QColor& color)
{
    // One paragraph per call; pre-wrap keeps the indentation and the line breaks of worker output.
    const QString style = color.isValid() ? QStringLiteral("white-space:pre-wrap; color:%1").arg(color.name())
                                          : QStringLiteral("white-space:pre-wrap");
    m_log->appendHtml(QStringLiteral("<span style=\"%1\">%2</span>")
                          .arg(style, text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
}

void MainWindow::startSweep()
{
    if (isRunning())
        return;
    const ExperimentSettings s = experimentSettings();
    const Workload* w = findWorkload(s.workload);
    SweepSpec spec;
    spec.workload = s.workload;
    spec.params = s.params;
    spec.processes = SweepSpec::range(1, s.maxProcesses);
    spec.executors = s.executors;
    spec.chunksizes = s.chunksizes;
    spec.sizeParam = s.sizeParam;
    spec.sizeValues = s.sizeValues;
    spec.startMethod = s.startMethod;
    spec.scheduling = s.scheduling;
    spec.repeats = s.repeats;
    spec.warmup = s.warmUp ? 1 : 0; // one unrecorded run before each series' p = 1
    spec.warmupFirstPointOnly = true;
    spec.fitMaxProcesses = QThread::idealThreadCount(); // beyond the cores speedup stops for want of CPUs
    QString problem = Experiment::validate(spec);
    if (problem.isEmpty() && !m_lab->readyToRun(&problem)) {
        setStatus(problem); // not a failure: the student has a guess to make first
        m_lab->predictionTable()->setFocus();
        return;
    }
    if (!problem.isEmpty()) {
        setState(SweepState::Failed);
        setStatus(tr("Cannot run: %1").arg(problem));
        appendLog(tr("Cannot run %1: %2").arg(s.workload, problem), Qt::red);
        Q_EMIT sweepFinished();
        return;
    }

    m_sweepSettings = s;
    m_currentJob = ++m_lastJob;
    spec.id = m_currentJob;
    m_lastSummary.clear();
    QStringList labels;
    for (const SweepSeries& series : plannedSeries(spec))
        labels << series.label();
    m_model->clear(labels);
    m_lab->beginSweep(spec, QStringLiteral("%1 (%2)").arg(s.workload, paramsText(w, s.params)));
    m_sweepClock.start();
    setState(SweepState::Running);
    updatePlotTitle();
    saveSettings();

    appendLog(tr("▶ Sweep %1: %2 (%3), p = 1 … %4 · %5")
                  .arg(m_currentJob)
                  .arg(s.workload, paramsText(w, s.params))
                  .arg(s.maxProcesses)
                  .arg(describe(s)),
        QColor(0x1f, 0x4f, 0x8f));
    setStatus(m_drainingJob ? tr("Waiting for the measurement under way (from the stopped sweep) to end…")
                            : tr("Starting the sweep…"));
    qCDebug(lcUi) << "sweep" << spec.id << "queued";
    m_runner->setWantedJob(spec.id);
    QMetaObject::invokeMethod(
        m_runner, [runner = m_runner, spec] { runner->run(spec); }, Qt::QueuedConnection);
    Q_EMIT sweepStarted();
}

void MainWindow::stopSweep()
{
    if (!isRunning())
        return;
    m_runner->cancel();
    m_drainingJob = m_currentJob;
    m_currentJob = 0; // whatever the runner still sends for it is dropped
    flushConsole();
    m_lab->endSweep(SweepResult::Outcome::Cancelled);
    setState(SweepState::Stopped);
    setStatus(tr("Stopped (points measured: %1). The measurement under way was interrupted and its workers "
                 "terminated.")
                  .arg(m_model->rowCount()));
    appendLog(tr("■ Stopped by the user (points measured: %1).").arg(m_model->rowCount()), QColor(0x8a, 0x5a, 0x00));
    Q_EMIT sweepFinished();
}

void MainWindow::onMeasurementStarted(quint64 job, int processes, int repeat, int repeats)
{
    if (job != m_currentJob)
        return;
    if (repeat == 0)
        setStatus(tr("Warm-up run at p = 1 (not recorded)…"));
    else
        setStatus(tr("Measuring p = %1 of %2 (repeat %3/%4)…")
                      .arg(processes)
                      .arg(m_sweepSettings.maxProcesses)
                      .arg(repeat)
                      .arg(repeats));
    Q_EMIT measurementStarted(processes, repeat);
}

void MainWindow::onRunFinished(const RunReport& report)
{
    if (report.job != m_currentJob)
        return;
    flushConsole(); // worker output before the line that sums up its run
    m_lab->addRun(report);
    SweepPoint asPoint;
    asPoint.executor = report.executor;
    asPoint.workers = report.workers;
    const QString run = report.repeat == 0 ? tr("warm-up") : tr("run %1/%2").arg(report.repeat).arg(report.repeats);
    appendLog(tr("p = %1, %2: wall %3, start-up %4 ms, chunksize %5, workers %6 · %7: %8")
                  .arg(report.processes)
                  .arg(run, formatSeconds(report.wallSeconds))
                  .arg(report.startupSeconds * 1e3, 0, 'f', 1)
                  .arg(report.chunksize)
                  .arg(SweepResultsModel::workersText(asPoint))
                  .arg(report.verified ? tr("verified") : tr("NOT VERIFIED"), report.verifyDetail),
        report.verified ? QColor() : QColor(0xc6, 0x28, 0x28));
    const qsizetype shown = std::min<qsizetype>(report.failures.size(), 5);
    for (qsizetype i = 0; i < shown; ++i)
        appendLog(QStringLiteral("    ") + report.failures.at(i), QColor(0xc6, 0x28, 0x28));
    if (report.failures.size() > shown)
        appendLog(tr("    … (%1 more not shown)").arg(report.failures.size() - shown), QColor(0xc6, 0x28, 0x28));
    if (!report.summary.isEmpty())
        m_lastSummary = report.summary;
}

void MainWindow::onPointMeasured(const SweepPoint& point)
{
    if (point.job != m_currentJob)
        return;
    m_model->addPoint(point);
    m_lab->addPoint(point);
    m_table->resizeColumnsToContents();
    m_table->scrollToBottom();
    Q_EMIT pointMeasured(point.processes, point.median);
}

void MainWindow::onConsoleOutput(quint64 job, const ConsoleChunk& chunk)
{
    if (job != m_currentJob)
        return;
    const QString name = QStringLiteral("[pid %1] ").arg(chunk.pid);
    const QStringList lines = QString::fromUtf8(chunk.text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        if (m_pendingConsole.size() < maxConsoleLinesPending)
            m_pendingConsole << name + line;
    }
    if (!m_consoleTimer->isActive())
        m_consoleTimer->start();
}

void MainWindow::flushConsole()
{
    m_consoleTimer->stop();
    if (m_pendingConsole.isEmpty())
        return;
    if (m_pendingConsole.size() >= maxConsoleLinesPending)
        m_pendingConsole << tr("(worker output shortened: too many lines at once)");
    appendLog(m_pendingConsole.join(QLatin1Char('\n')), QColor(0x60, 0x60, 0x60));
    m_pendingConsole.clear();
}

void MainWindow::onSweepFinished(quint64 job, ExperimentRunner::Outcome outcome, const QString& message)
{
    if (job == m_drainingJob)
        m_drainingJob = 0;
    if (job != m_currentJob)
        return;
    m_currentJob = 0;
    flushConsole();
    const double seconds = double(m_sweepClock.elapsed()) / 1e3;
    switch (outcome) {
    case ExperimentRunner::Outcome::Completed: {
        m_lab->endSweep(SweepResult::Outcome::Completed);
        setState(SweepState::Completed);
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
        setStatus(text);
        if (!m_lastSummary.isEmpty())
            appendLog(tr("Result: %1").arg(m_lastSummary));
        appendLog(tr("✔ %1").arg(text), QColor(0x1b, 0x7f, 0x3b));
        break;
    }
    case ExperimentRunner::Outcome::Stopped:
        m_lab->endSweep(SweepResult::Outcome::Cancelled);
        setState(SweepState::Stopped);
        setStatus(tr("Stopped."));
        break;
    case ExperimentRunner::Outcome::Failed:
        m_lab->endSweep(SweepResult::Outcome::Failed);
        setState(SweepState::Failed);
        setStatus(tr("The sweep failed: %1").arg(message));
        appendLog(tr("✘ The sweep failed: %1").arg(message), QColor(0xc6, 0x28, 0x28));
        m_logDock->raise();
        break;
    }
    Q_EMIT sweepFinished();
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
    fitPanelWidth();
    if (m_presenterAction->isChecked() != on)
        m_presenterAction->setChecked(on);
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
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), windowStateVersion);

    settings.beginGroup(QStringLiteral("experiment"));
    ExperimentSettings s = experimentSettings();
    s.workload = settings.value(QStringLiteral("workload"), s.workload).toString();
    s.params = settings.value(QStringLiteral("params")).toMap();
    s.maxProcesses = settings.value(QStringLiteral("maxProcesses"), s.maxProcesses).toInt();
    const QStringList executors = settings.value(QStringLiteral("executors")).toStringList();
    if (!executors.isEmpty()) {
        s.executors.clear();
        for (const QString& name : executors) {
            if (const auto e = parseExecutor(name))
                s.executors << *e;
        }
    }
    s.startMethod = parseStartMethod(settings.value(QStringLiteral("startMethod")).toString()).value_or(s.startMethod);
    s.scheduling = parseScheduling(settings.value(QStringLiteral("scheduling")).toString()).value_or(s.scheduling);
    s.chunksizes
        = parseChunksizes(settings.value(QStringLiteral("chunksizes"), chunksizesText(s.chunksizes)).toString());
    s.sizeParam = settings.value(QStringLiteral("sizeParam")).toString();
    s.sizeValues = settings.value(QStringLiteral("sizeValues")).toStringList();
    s.repeats = settings.value(QStringLiteral("repeats"), s.repeats).toInt();
    s.warmUp = settings.value(QStringLiteral("warmUp"), s.warmUp).toBool();
    settings.endGroup();
    setExperimentSettings(s);

    settings.beginGroup(QStringLiteral("run"));
    const int mode = m_modeCombo->findData(settings.value(QStringLiteral("mode"), int(RunMode::Workload)).toInt());
    if (mode >= 0)
        m_modeCombo->setCurrentIndex(mode);
    setDemoName(settings.value(QStringLiteral("demo")).toString());
    setPaceMs(settings.value(QStringLiteral("paceMs"), 0).toInt());
    setReplaySpeed(settings.value(QStringLiteral("replaySpeed"), 1.0).toDouble());
    settings.endGroup();

    setPlotView(settings.value(QStringLiteral("view/plot"), int(ScalingPlot::View::WallTime)).toInt());
    setPresenterMode(settings.value(QStringLiteral("view/presenter"), false).toBool());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(windowStateVersion));
    const ExperimentSettings s = experimentSettings();
    settings.beginGroup(QStringLiteral("experiment"));
    settings.setValue(QStringLiteral("workload"), s.workload);
    settings.setValue(QStringLiteral("params"), s.params);
    settings.setValue(QStringLiteral("maxProcesses"), s.maxProcesses);
    QStringList executors;
    for (ExecutorKind e : s.executors)
        executors << toString(e);
    settings.setValue(QStringLiteral("executors"), executors);
    settings.setValue(QStringLiteral("startMethod"), toString(s.startMethod));
    settings.setValue(QStringLiteral("scheduling"), toString(s.scheduling));
    settings.setValue(QStringLiteral("chunksizes"), chunksizesText(s.chunksizes));
    settings.setValue(QStringLiteral("sizeParam"), s.sizeParam);
    settings.setValue(QStringLiteral("sizeValues"), s.sizeValues);
    settings.setValue(QStringLiteral("repeats"), s.repeats);
    settings.setValue(QStringLiteral("warmUp"), s.warmUp);
    settings.endGroup();
    settings.beginGroup(QStringLiteral("run"));
    settings.setValue(QStringLiteral("mode"), int(runMode()));
    settings.setValue(QStringLiteral("demo"), demoName());
    settings.setValue(QStringLiteral("paceMs"), paceMs());
    settings.setValue(QStringLiteral("replaySpeed"), replaySpeed());
    settings.endGroup();
    settings.setValue(QStringLiteral("view/plot"), int(m_lab->plot()->view()));
    settings.setValue(QStringLiteral("view/presenter"), m_presenterAction->isChecked());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    if (isRunning()) {
        // The window goes at once; the destructor then waits for the measurement under way, no more.
        m_runner->cancel();
        setStatus(tr("Closing after the measurement under way…"));
    }
    if (isRunActive())
        m_session->stop(); // the destructor joins it
    event->accept();
}

// ---- the animated run ----------------------------------------------------------------------------------

void MainWindow::createRunViews()
{
    m_stageModel = new StageModel(this);
    m_stageView = new StageView(this);
    m_stageView->setObjectName(QStringLiteral("stageView"));
    m_stageView->setModel(m_stageModel);
    m_timelineModel = new TimelineModel(this);
    m_timelineView = new TimelineView(this);
    m_timelineView->setObjectName(QStringLiteral("timelineView"));
    m_timelineView->setModel(m_timelineModel);
    m_console = new ConsoleView(this);
    m_console->setPlaceholderText(tr("What the processes of a run print, with their pids."));

    m_centralTabs = new QTabWidget(this);
    m_centralTabs->setObjectName(QStringLiteral("centralTabs"));
    m_centralTabs->setDocumentMode(true);
    m_centralTabs->addTab(m_stageView, tr("Stage"));
    m_centralTabs->addTab(m_lab, tr("Scaling"));
    setCentralWidget(m_centralTabs);

    // The views only ever see what the player hands them: the picture is the engine's events at the playhead.
    connect(m_player, &EventPlayer::resetRequested, this, &MainWindow::resetViews);
    connect(m_player, &EventPlayer::eventsReached, this, [this](const EventBatch& events) {
        m_stageModel->apply(events);
        m_timelineModel->apply(events);
    });
    connect(m_player, &EventPlayer::playheadMoved, this, [this](qint64 tNs) {
        m_stageModel->setTimeNs(tNs);
        m_timelineModel->setTimeNs(tNs);
        showConsoleUpTo(tNs);
        updatePlayerStatus();
    });
    connect(m_player, &EventPlayer::modeChanged, this, [this](EventPlayer::Mode mode) {
        m_timelineView->setFollow(mode != EventPlayer::Mode::Paused);
        updatePlayerStatus();
        updateControls();
    });
    connect(m_player, &EventPlayer::overflowed, this, [this] {
        m_console->appendNote(tr("More than %L1 events: the rest of this run is drawn live but not kept for replay "
                                 "or saving.")
                                  .arg(EventPlayer::maxKeptEvents),
            noteAmber);
    });
    connect(m_timelineView, &TimelineView::timeClicked, m_player, &EventPlayer::seek);
    connect(m_player, &EventPlayer::caughtUp, this, &MainWindow::onRunDrawn);
    connect(m_stageView, &StageView::killRequested, this, &MainWindow::killWorker);
}

MainWindow::RunMode MainWindow::runMode() const
{
    return RunMode(m_modeCombo->currentData().toInt());
}

void MainWindow::setRunMode(RunMode mode)
{
    selectData(m_modeCombo, int(mode));
}

QString MainWindow::demoName() const
{
    return m_demoCombo->currentData().toString();
}

bool MainWindow::setDemoName(const QString& name)
{
    const int index = m_demoCombo->findData(name);
    if (index < 0)
        return false;
    m_demoCombo->setCurrentIndex(index);
    return true;
}

int MainWindow::paceMs() const
{
    return m_paceSpin->value();
}

void MainWindow::setPaceMs(int ms)
{
    m_paceSpin->setValue(ms);
}

double MainWindow::replaySpeed() const
{
    return m_speedCombo->currentData().toDouble();
}

void MainWindow::setReplaySpeed(double speed)
{
    // The offered speed nearest to the one asked for.
    int best = 0;
    for (int i = 1; i < m_speedCombo->count(); ++i) {
        if (std::abs(std::log(m_speedCombo->itemData(i).toDouble() / speed))
            < std::abs(std::log(m_speedCombo->itemData(best).toDouble() / speed)))
            best = i;
    }
    if (speed > 0)
        m_speedCombo->setCurrentIndex(best);
}

bool MainWindow::isRunActive() const
{
    return m_session && m_session->isRunning();
}

void MainWindow::onRunModeChanged()
{
    const RunMode mode = runMode();
    m_centralTabs->setCurrentWidget(mode == RunMode::Sweep ? static_cast<QWidget*>(m_lab) : m_stageView);
    m_processesSpin->setToolTip(mode == RunMode::Sweep
            ? tr("The sweep measures p = 1, 2, … up to this many processes.\nCPU cores on this machine: %1.")
                  .arg(QThread::idealThreadCount())
            : tr("Worker processes in the pool (for a demo: where it has a choice).\nCPU cores on this machine: %1.")
                  .arg(QThread::idealThreadCount()));
    updateControls();
}

void MainWindow::onDemoSelected(int index)
{
    const Demo* d = findDemo(m_demoCombo->itemData(index).toString());
    m_demoDescription->setText(d ? d->description() : QString());
}

void MainWindow::run()
{
    if (runMode() == RunMode::Sweep)
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

RunRequest MainWindow::runRequest() const
{
    const ExperimentSettings s = experimentSettings();
    RunRequest r;
    r.kind = runMode() == RunMode::Demo ? RunRequest::Kind::Demo : RunRequest::Kind::Workload;
    r.name = r.kind == RunRequest::Kind::Demo ? demoName() : s.workload;
    if (r.kind == RunRequest::Kind::Workload) {
        r.params = s.params;
        // One run, one series: the first executor and chunksize checked in the panel.
        r.executor = s.executors.value(0, ExecutorKind::Process);
        r.scheduling = s.scheduling;
        r.chunksize = s.chunksizes.value(0, 0);
    }
    r.processes = s.maxProcesses;
    r.startMethod = s.startMethod;
    r.paceNs = qint64(paceMs()) * 1'000'000;
    return r;
}

void MainWindow::startRun()
{
    if (isRunning() || isRunActive())
        return;
    const RunRequest r = runRequest();
    if (r.kind == RunRequest::Kind::Workload) {
        const Workload* w = findWorkload(r.name);
        const QString problem = w ? w->validate(r.params) : tr("unknown workload '%1'").arg(r.name);
        if (!problem.isEmpty()) {
            m_lastOutcome = {};
            m_lastOutcome.status = RunOutcome::Status::Failed;
            m_lastOutcome.message = problem;
            setStatus(tr("Cannot run: %1").arg(problem));
            m_console->appendNote(tr("Cannot run %1: %2").arg(r.name, problem), noteRed);
            Q_EMIT runFinished();
            Q_EMIT runDrawn();
            return;
        }
    }

    m_session.reset(); // the last run's thread has ended already
    m_session = std::make_unique<RunSession>(r);
    m_runRequest = r;
    m_runEnginePid = m_session->enginePid();
    m_runNames.clear();
    m_runConsole.clear();
    m_consoleDropped = 0;
    connect(m_session.get(), &RunSession::eventsAvailable, m_player, &EventPlayer::append);
    connect(m_session.get(), &RunSession::processNamed, this, &MainWindow::onProcessNamed);
    connect(m_session.get(), &RunSession::consoleOutput, this, [this](const ConsoleChunk& chunk) {
        // Shown when the playhead gets there, with the events of the same moment (showConsoleUpTo).
        if (qsizetype(m_runConsole.size()) < maxConsoleRecords) {
            m_runConsole.push_back({ chunk.tNs, chunk.pid, chunk.stream, QString::fromUtf8(chunk.text) });
        } else {
            ++m_consoleDropped;
            m_console->appendChunk(chunk); // at once, as events past the player's bound are
        }
    });
    connect(m_session.get(), &RunSession::finished, this, &MainWindow::onSessionFinished);

    m_player->setSpeed(replaySpeed());
    m_player->startLive(); // the views start from nothing
    updateTravelTime();
    m_centralTabs->setCurrentWidget(m_stageView);
    m_timelineDock->raise();
    saveSettings();
    m_session->start();
    updateControls();
    setStatus(tr("Running %1…").arg(r.describe()));
    Q_EMIT runStarted();
}

void MainWindow::stopRun()
{
    if (!isRunActive())
        return;
    m_session->stop();
    setStatus(tr("Stopping: the run's workers are being terminated…"));
}

void MainWindow::onProcessNamed(qint64 pid, const QString& name)
{
    m_runNames[pid] = name;
    m_stageModel->setProcessName(pid, name);
    m_timelineModel->setProcessName(pid, name);
    m_console->setProcessName(pid, name);
}

void MainWindow::resetViews()
{
    m_console->clearConsole();
    m_console->setEnginePid(m_runEnginePid);
    m_consoleShown = 0;
    for (const auto& [pid, name] : m_runNames)
        m_console->setProcessName(pid, name);
    m_console->appendNote(tr("▶ %1").arg(m_runRequest.describe()), noteBlue);
    m_stageModel->reset();
    m_timelineModel->reset();
    m_stageModel->setEnginePid(m_runEnginePid);
    m_timelineModel->setEnginePid(m_runEnginePid);
    for (const auto& [pid, name] : m_runNames) {
        m_stageModel->setProcessName(pid, name);
        m_timelineModel->setProcessName(pid, name);
    }
}

// Cards take about 150 ms of wall time to cross the stage: as much event time live, less in a slowed replay, so
// that a hop of a microsecond is still seen at 1/1000x.
void MainWindow::updateTravelTime()
{
    setTravelTime(m_player->isLive() ? 1.0 : replaySpeed());
}

void MainWindow::setTravelTime(double speed)
{
    m_stageModel->setMinTravelNs(std::llround(150e6 * speed));
    m_player->setSettleNs(m_stageModel->minTravelNs()); // the last cards land before the picture stops
}

void MainWindow::showConsoleUpTo(qint64 tNs)
{
    while (m_consoleShown < m_runConsole.size() && m_runConsole[m_consoleShown].tNs <= tNs) {
        const ConsoleRecord& c = m_runConsole[m_consoleShown++];
        m_console->appendChunk({ c.tNs, c.pid, c.stream, c.text.toUtf8() });
    }
}

void MainWindow::onSessionFinished(const RunOutcome& outcome)
{
    m_lastOutcome = outcome;
    const QString wall = formatSeconds(double(outcome.wallNs) / 1e9);
    // The note goes under the run's last console line: once the player has drawn it (onRunDrawn).
    m_outcomeNote.clear();
    switch (outcome.status) {
    case RunOutcome::Status::Ok: {
        QString text = m_runRequest.kind == RunRequest::Kind::Demo
            ? tr("Done: demo %1 in %2.").arg(m_runRequest.name, wall)
            : tr("Done in %1: %2 · %3")
                  .arg(wall, outcome.summary,
                      outcome.verified ? tr("verified (%1)").arg(outcome.verifyDetail)
                                       : tr("NOT VERIFIED (%1)").arg(outcome.verifyDetail));
        setStatus(text);
        m_outcomeNote = tr("✔ %1").arg(text);
        m_outcomeColor = outcome.verified || outcome.summary.isEmpty() ? noteGreen : noteRed;
        break;
    }
    case RunOutcome::Status::Stopped:
        setStatus(tr("Stopped after %1; every process of the run has ended.").arg(wall));
        m_outcomeNote = tr("■ Stopped by the user after %1.").arg(wall);
        m_outcomeColor = noteAmber;
        break;
    case RunOutcome::Status::Failed:
        setStatus(tr("The run failed: %1").arg(outcome.message));
        m_outcomeNote = tr("✘ The run failed: %1").arg(outcome.message);
        m_outcomeColor = noteRed;
        m_consoleDock->show();
        m_consoleDock->raise();
        break;
    }
    if (m_consoleDropped > 0)
        m_outcomeNote += QLatin1Char('\n')
            + tr("(%L1 console writes beyond %L2 were shown but not kept for saving)")
                  .arg(m_consoleDropped)
                  .arg(maxConsoleRecords);
    updateControls();
    Q_EMIT runFinished();
    m_player->finishLive(); // the views catch up with the run's last event, then onRunDrawn()
    updateTravelTime();
    if (m_player->mode() == EventPlayer::Mode::Paused && !m_player->isAtEnd())
        onRunDrawn(); // the user paused: the news cannot wait for the picture
    updateControls();
}

void MainWindow::onRunDrawn()
{
    m_console->flush();
    if (!m_outcomeNote.isEmpty())
        m_console->appendNote(std::exchange(m_outcomeNote, {}), m_outcomeColor);
    Q_EMIT runDrawn();
}

bool MainWindow::killWorker(qint64 pid)
{
    QString error;
    if (!isRunActive()) {
        setStatus(tr("Nothing to kill: no run is under way."));
        return false;
    }
    if (pid <= 0) {
        setStatus(tr("Select a worker on the stage first (click its box), then press Del."));
        return false;
    }
    if (!m_session->killWorker(pid, &error)) {
        setStatus(tr("Not killed: %1").arg(error));
        return false;
    }
    const auto name = m_runNames.find(pid);
    const QString who
        = name == m_runNames.end() ? QString::number(pid) : QStringLiteral("%1 (%2)").arg(pid).arg(name->second);
    m_console->appendNote(tr("✖ SIGKILL sent to %1").arg(who), noteRed);
    setStatus(tr("SIGKILL sent to %1: watch what the run does without it.").arg(who));
    return true;
}

void MainWindow::killSelectedWorker()
{
    killWorker(m_stageView->selectedPid());
}

void MainWindow::updatePlayerStatus()
{
    if (!m_playerLabel)
        return;
    const qint64 t = std::max<qint64>(0, m_player->playheadNs() - m_player->startNs());
    QString text;
    if (m_player->events().empty() && !m_player->isLive()) {
        text = tr("no run yet");
    } else if (m_player->mode() == EventPlayer::Mode::Following) {
        text = tr("live  %1").arg(formatPlayhead(t));
    } else if (m_player->mode() == EventPlayer::Mode::Playing) {
        text = tr("replay at %1  %2 of %3")
                   .arg(m_speedCombo->currentText(), formatPlayhead(t),
                       formatPlayhead(m_player->endNs() - m_player->startNs()));
    } else {
        text = tr("paused  %1 of %2 · event %L3 of %L4")
                   .arg(formatPlayhead(t), formatPlayhead(m_player->endNs() - m_player->startNs()))
                   .arg(m_player->appliedEvents())
                   .arg(m_player->events().size());
    }
    if (m_player->droppedEvents() > 0)
        text += tr(" · %L1 events not kept").arg(m_player->droppedEvents());
    m_playerLabel->setText(text);

    // Space resumes a paused run, and plays a finished one again.
    const bool paused = m_player->mode() == EventPlayer::Mode::Paused;
    const bool atEnd = m_player->isAtEnd() && !m_player->isLive();
    m_pauseAction->setText(!paused ? tr("&Pause") : atEnd ? tr("&Play") : tr("&Resume"));
    m_pauseAction->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
}

Trace MainWindow::currentTrace() const
{
    Trace t;
    t.events = m_player->events();
    t.processNames = m_runNames;
    t.enginePid = m_runEnginePid;
    t.settings = m_runRequest.toJson();
    t.console = m_runConsole;
    return t;
}

bool MainWindow::saveRun(const QString& fileName, QString* error) const
{
    if (m_player->events().empty()) {
        *error = tr("There is no run to save yet: run a workload or a demo first.");
        return false;
    }
    return currentTrace().save(fileName, error);
}

bool MainWindow::openRun(const QString& fileName, QString* error)
{
    if (isRunActive() || isRunning()) {
        *error = tr("Stop the run under way first.");
        return false;
    }
    std::optional<Trace> trace = Trace::load(fileName, error);
    if (!trace)
        return false;
    m_session.reset();
    m_runRequest = RunRequest::fromJson(trace->settings);
    m_runEnginePid = trace->enginePid;
    m_runNames = trace->processNames;
    m_runConsole = std::move(trace->console);
    m_consoleDropped = 0;
    m_lastOutcome = {};

    m_player->load(std::move(trace->events)); // the views (console included) start from nothing
    // The run's final picture, as it ended live (its last cards landed 150 ms later); Replay plays it from the start
    // at the chosen speed.
    setTravelTime(1.0);
    m_player->seek(m_player->endNs());
    updateTravelTime();
    m_console->appendNote(tr("Opened %1").arg(QFileInfo(fileName).fileName()), noteBlue);
    m_centralTabs->setCurrentWidget(m_stageView);
    updateControls();
    setStatus(tr("Opened a recorded run (%L1 events). Replay (Ctrl+Shift+R) plays it again; Step (.) goes event by "
                 "event.")
                  .arg(m_player->events().size()));
    return true;
}

void MainWindow::saveRunDialog()
{
    const QString suggested
        = (m_runRequest.name.isEmpty() ? QStringLiteral("run") : m_runRequest.name) + QStringLiteral(".proclab.json");
    const QString file
        = QFileDialog::getSaveFileName(this, tr("Save Run"), suggested, tr("ProcLab run (*.proclab.json *.json)"));
    if (file.isEmpty())
        return;
    QString error;
    if (saveRun(file, &error))
        setStatus(tr("Run saved to %1").arg(file));
    else
        QMessageBox::warning(this, tr("Save Run"), error);
}

void MainWindow::openRunDialog()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open Run"), {}, tr("ProcLab run (*.proclab.json *.json);;All files (*)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!openRun(file, &error))
        QMessageBox::warning(this, tr("Open Run"), tr("Could not open %1:\n%2").arg(file, error));
}

void MainWindow::exportChromeTraceDialog()
{
    if (m_player->events().empty()) {
        setStatus(tr("There is no run to export yet."));
        return;
    }
    const QString suggested
        = (m_runRequest.name.isEmpty() ? QStringLiteral("run") : m_runRequest.name) + QStringLiteral(".trace.json");
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export Chrome Trace"), suggested, tr("Chrome Trace Event JSON (*.json)"));
    if (file.isEmpty())
        return;
    QString error;
    if (currentTrace().saveChromeTrace(file, &error))
        setStatus(tr("Trace saved to %1: open it in https://ui.perfetto.dev or chrome://tracing").arg(file));
    else
        QMessageBox::warning(this, tr("Export Chrome Trace"), error);
}

} // namespace proclab
