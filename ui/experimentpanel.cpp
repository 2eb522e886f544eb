#include "experimentpanel.h"

#include "chunksizeedit.h"
#include "lab/experiment.h"
#include "lab/options.h"

#include "content/demo.h"
#include "mpi/mpiexecutor.h"
#include "parameterform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QFileInfo>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStyle>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace proclab {

namespace {

QString executorLabel(ExecutorKind e)
{
    switch (e) {
    case ExecutorKind::Process:
        return ExperimentPanel::tr("process pool");
    case ExecutorKind::Thread:
        return ExperimentPanel::tr("threads");
    case ExecutorKind::GilThread:
        return ExperimentPanel::tr("threads sharing a GIL");
    case ExecutorKind::Serial:
        return ExperimentPanel::tr("serial loop");
    case ExecutorKind::MpiSpmd:
        return ExperimentPanel::tr("MPI ranks, static blocks (mpi-spmd)");
    case ExecutorKind::MpiFarm:
        return ExperimentPanel::tr("MPI ranks, rank 0 deals (mpi-farm)");
    }
    return {};
}

void selectData(QComboBox* combo, int value)
{
    const int index = combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

} // namespace

QStringList PythonScriptSettings::argumentList() const
{
    return QProcess::splitCommand(arguments);
}

ExperimentPanel::ExperimentPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("experimentPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* runBox = new QGroupBox(tr("Run"), this);
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
    m_modeCombo->addItem(tr("my Python script, animated"), int(RunMode::Python));
    m_modeCombo->setItemData(3,
        tr("Your own multiprocessing program under real CPython: its processes, tasks, queues and locks, live"),
        Qt::ToolTipRole);
    m_modeCombo->addItem(tr("a scaling sweep of my Python script"), int(RunMode::PythonSweep));
    m_modeCombo->setItemData(4,
        tr("Your script at p = 1 … max processes: os.cpu_count() and Pool() without an argument see p"),
        Qt::ToolTipRole);
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

    // A student's own script: what `python3 SCRIPT ARGS` would run, with ProcLab's probe in every process.
    auto* pythonBox = new QGroupBox(tr("Python script"), this);
    pythonBox->setObjectName(QStringLiteral("pythonBox"));
    m_pythonBox = pythonBox;
    m_pythonForm = new QFormLayout(pythonBox);
    m_pythonForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_scriptEdit = new QLineEdit(pythonBox);
    m_scriptEdit->setObjectName(QStringLiteral("scriptEdit"));
    m_scriptEdit->setPlaceholderText(tr("a .py file (File → Open Python Script…)"));
    auto* openScript = new QPushButton(tr("Open…"), pythonBox);
    openScript->setObjectName(QStringLiteral("openScriptButton"));
    openScript->setToolTip(tr("Choose a Python script (it opens in the Code panel, where you can edit and save it)"));
    auto* scriptRow = new QHBoxLayout;
    scriptRow->setContentsMargins(0, 0, 0, 0);
    scriptRow->addWidget(m_scriptEdit, 1);
    scriptRow->addWidget(openScript);
    auto* scriptLabel = new QLabel(tr("&Script:"), pythonBox);
    scriptLabel->setBuddy(m_scriptEdit);
    m_pythonForm->addRow(scriptLabel, scriptRow);
    m_argumentsEdit = new QLineEdit(pythonBox);
    m_argumentsEdit->setObjectName(QStringLiteral("argumentsEdit"));
    m_argumentsEdit->setPlaceholderText(tr("none"));
    m_argumentsEdit->setToolTip(tr("sys.argv[1:], split as a shell splits them (quotes keep words together)"));
    m_pythonForm->addRow(tr("&Arguments:"), m_argumentsEdit);
    m_interpreterEdit = new QLineEdit(pythonBox);
    m_interpreterEdit->setObjectName(QStringLiteral("interpreterEdit"));
    m_interpreterEdit->setPlaceholderText(QStringLiteral("python3"));
    m_interpreterEdit->setToolTip(
        tr("python3 on PATH, another name on PATH, or a path: a virtual environment's bin/python"));
    m_pythonForm->addRow(tr("&Interpreter:"), m_interpreterEdit);
    m_interpreterVersion = new QLabel(pythonBox);
    m_interpreterVersion->setObjectName(QStringLiteral("interpreterVersion"));
    m_interpreterVersion->setForegroundRole(QPalette::PlaceholderText);
    m_interpreterVersion->setWordWrap(true);
    m_pythonForm->addRow(QString(), m_interpreterVersion);
    m_pythonMethodCombo = new QComboBox(pythonBox);
    m_pythonMethodCombo->setObjectName(QStringLiteral("pythonMethodCombo"));
    m_pythonMethodCombo->addItem(tr("the script's choice"), QString());
    m_pythonMethodCombo->setItemData(0,
        tr("Whatever the script asks for (set_start_method, get_context), else Python's default"), Qt::ToolTipRole);
    for (const char* method : { "fork", "spawn", "forkserver" })
        m_pythonMethodCombo->addItem(QString::fromLatin1(method), QString::fromLatin1(method));
    m_pythonForm->addRow(tr("Start &method:"), m_pythonMethodCombo);
    layout->addWidget(pythonBox);
    m_versionProbe = new QProcess(this);
    connect(m_versionProbe, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        const QString text = QString::fromLocal8Bit(m_versionProbe->readAllStandardOutput()
                                                    + m_versionProbe->readAllStandardError())
                                 .trimmed();
        m_interpreterVersion->setText(status == QProcess::NormalExit && code == 0 && text.startsWith(QLatin1String("Python"))
                ? text
                : tr("not a Python interpreter"));
    });
    connect(m_versionProbe, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            m_interpreterVersion->setText(tr("not found: install python3, or give a path"));
    });
    connect(openScript, &QPushButton::clicked, this, &ExperimentPanel::openScriptRequested);
    connect(m_scriptEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_scriptEdit->text() != m_lastScript) {
            m_lastScript = m_scriptEdit->text();
            Q_EMIT scriptChanged(m_lastScript);
            Q_EMIT settingsChanged();
        }
    });
    connect(m_argumentsEdit, &QLineEdit::editingFinished, this, &ExperimentPanel::settingsChanged);
    connect(m_interpreterEdit, &QLineEdit::editingFinished, this, &ExperimentPanel::updateInterpreterVersion);
    connect(m_pythonMethodCombo, &QComboBox::currentIndexChanged, this, &ExperimentPanel::settingsChanged);

    auto* workloadBox = new QGroupBox(tr("Workload"), this);
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

    auto* execBox = new QGroupBox(tr("Execution"), this);
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
        { ExecutorKind::MpiSpmd,
            tr("MPI ranks under Open MPI's mpirun: each rank computes a block of the tasks, then MPI_Reduce and "
               "MPI_Gatherv bring the results to rank 0 (--hosts FILE spreads them over machines)") },
        { ExecutorKind::MpiFarm,
            tr("MPI ranks under Open MPI's mpirun: rank 0 deals chunks over MPI_Send/MPI_Recv to whichever rank "
               "asks, as the Pool schedules dynamically (--hosts FILE spreads them over machines)") },
    };
    // MPI needs mpirun and proclab-mpi-worker (built when Open MPI was found): without them, say why on the item.
    const QString mpiMissing = MpiJob::unavailableReason(mpiDefaults());
    for (const auto& [kind, tip] : executors) {
        const bool isMpi = kind == ExecutorKind::MpiSpmd || kind == ExecutorKind::MpiFarm;
        auto* item = new QListWidgetItem(executorLabel(kind), m_executorList);
        item->setData(Qt::UserRole, int(kind));
        item->setToolTip(isMpi && !mpiMissing.isEmpty() ? mpiMissing : tip);
        item->setFlags(isMpi && !mpiMissing.isEmpty() ? Qt::ItemIsUserCheckable
                                                      : Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
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
    selectData(m_startMethodCombo, int(DefaultStartMethod));
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

    m_chunksizeEdit = new ChunksizeEdit(execBox);
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

    // Strong scaling keeps the problem; weak scaling grows it with p, one choice per parameter that sizes the work.
    m_scalingCombo = new QComboBox(execBox);
    m_scalingCombo->setObjectName(QStringLiteral("scalingCombo"));
    m_scalingCombo->setToolTip(tr("Strong scaling: the same problem at every p, the ideal is T(1) / p. Weak "
                                  "scaling: the problem grows with p so each process keeps the work it had at p = 1, "
                                  "the ideal is the same wall time at every p (Gustafson)"));
    auto* scalingLabel = new QLabel(tr("Scali&ng:"), execBox);
    scalingLabel->setBuddy(m_scalingCombo);
    form->addRow(scalingLabel, m_scalingCombo);

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
    m_runButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run sweep"), this);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Measure p = 1 … max processes (Ctrl+R)"));
    m_stopButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    m_stopButton->setToolTip(tr("Stop after the measurement under way (Esc)"));
    buttons->addWidget(m_runButton, 2);
    buttons->addWidget(m_stopButton, 1);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_runButton, &QPushButton::clicked, this, &ExperimentPanel::runClicked);
    connect(m_stopButton, &QPushButton::clicked, this, &ExperimentPanel::stopClicked);
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onModeChanged);
    connect(m_demoCombo, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onDemoSelected);
    connect(m_workloadCombo, &QComboBox::currentIndexChanged, this, &ExperimentPanel::onWorkloadSelected);
    connect(m_executorList, &QListWidget::itemChanged, this, &ExperimentPanel::updateRows);
    connect(m_executorList, &QListWidget::itemChanged, this, &ExperimentPanel::settingsChanged);
    connect(m_chunksizeEdit, &QLineEdit::textChanged, this, &ExperimentPanel::settingsChanged);
    connect(m_sizeParamCombo, &QComboBox::currentIndexChanged, m_sizeValuesEdit,
        [this](int index) { m_sizeValuesEdit->setEnabled(index > 0); });
    connect(m_sizeValuesEdit, &QLineEdit::textChanged, this, &ExperimentPanel::settingsChanged);
    connect(m_scalingCombo, &QComboBox::currentIndexChanged, this, &ExperimentPanel::settingsChanged);
    connect(m_startMethodCombo, &QComboBox::currentIndexChanged, this, &ExperimentPanel::settingsChanged);
    connect(m_schedulingCombo, &QComboBox::currentIndexChanged, this, &ExperimentPanel::settingsChanged);
    connect(m_repeatsSpin, &QSpinBox::valueChanged, this, &ExperimentPanel::settingsChanged);
    connect(m_params, &ParameterForm::paramsChanged, this, &ExperimentPanel::settingsChanged);
    connect(m_processesSpin, &QSpinBox::valueChanged, this, &ExperimentPanel::maxProcessesChanged);

    const int initial = std::max(0, m_workloadCombo->findData(QStringLiteral("spin")));
    m_workloadCombo->setCurrentIndex(initial);
    onWorkloadSelected(initial); // no signal when the index is already 0
    const int initialDemo = std::max(0, m_demoCombo->findData(QStringLiteral("pool-map")));
    m_demoCombo->setCurrentIndex(initialDemo);
    onDemoSelected(initialDemo);
    // The rows for the mode are chosen once the window is built (setBusy(), setSettings()): until then all of them
    // count for the width the panel asks for.
}

ExperimentPanel::~ExperimentPanel()
{
    // A QProcess destroyed while running reports its end at once: nobody here must hear it.
    m_versionProbe->disconnect(this);
    if (m_versionProbe->state() != QProcess::NotRunning) {
        m_versionProbe->kill();
        m_versionProbe->waitForFinished(2000);
    }
}

int ExperimentPanel::maximumProcesses()
{
    return std::max(8, 2 * QThread::idealThreadCount());
}

int ExperimentPanel::defaultProcesses()
{
    return std::max(1, QThread::idealThreadCount());
}

ExperimentSettings ExperimentPanel::settings() const
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
    s.chunksizes = m_chunksizeEdit->chunksizes();
    s.sizeParam = m_sizeParamCombo->currentData().toString();
    if (!s.sizeParam.isEmpty()) {
        for (const QString& v : m_sizeValuesEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            s.sizeValues << v.trimmed();
    }
    if (s.sizeValues.isEmpty())
        s.sizeParam.clear();
    s.weakParam = m_scalingCombo->currentData().toString();
    s.startMethod = StartMethod(m_startMethodCombo->currentData().toInt());
    s.scheduling = Scheduling(m_schedulingCombo->currentData().toInt());
    s.repeats = m_repeatsSpin->value();
    s.warmUp = m_warmUpCheck->isChecked();
    s.python.script = m_scriptEdit->text().trimmed();
    s.python.arguments = m_argumentsEdit->text();
    s.python.interpreter = m_interpreterEdit->text().trimmed();
    s.python.startMethod = m_pythonMethodCombo->currentData().toString();
    s.sweepPython = mode() == RunMode::PythonSweep;
    return s;
}

void ExperimentPanel::setSettings(const ExperimentSettings& s)
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
    m_chunksizeEdit->setChunksizes(s.chunksizes);
    const int sizeIndex = m_sizeParamCombo->findData(s.sizeParam);
    m_sizeParamCombo->setCurrentIndex(std::max(0, sizeIndex));
    m_sizeValuesEdit->setText(sizeIndex > 0 ? s.sizeValues.join(QStringLiteral(", ")) : QString());
    m_scalingCombo->setCurrentIndex(std::max(0, m_scalingCombo->findData(s.weakParam)));
    m_repeatsSpin->setValue(s.repeats);
    m_warmUpCheck->setChecked(s.warmUp);
    m_scriptEdit->setText(s.python.script);
    m_lastScript = s.python.script;
    m_argumentsEdit->setText(s.python.arguments);
    if (m_interpreterEdit->text() != s.python.interpreter) {
        m_interpreterEdit->setText(s.python.interpreter);
        updateInterpreterVersion();
    }
    const int method = m_pythonMethodCombo->findData(s.python.startMethod);
    m_pythonMethodCombo->setCurrentIndex(std::max(0, method));
    updateRows();
}

QString ExperimentPanel::scriptPath() const
{
    return m_scriptEdit->text().trimmed();
}

void ExperimentPanel::setScript(const QString& path)
{
    m_scriptEdit->setText(path);
    m_lastScript = path;
    if (!isPython(mode()))
        setMode(RunMode::Python);
    Q_EMIT scriptChanged(path);
    Q_EMIT settingsChanged();
}

void ExperimentPanel::setScriptArguments(const QStringList& arguments)
{
    QStringList quoted;
    for (const QString& a : arguments) {
        QString q = a;
        if (q.isEmpty() || q.contains(QLatin1Char(' ')) || q.contains(QLatin1Char('"')))
            q = QLatin1Char('"') + q.replace(QLatin1Char('"'), QStringLiteral("\"\"\"")) + QLatin1Char('"');
        quoted << q;
    }
    m_argumentsEdit->setText(quoted.join(QLatin1Char(' ')));
}

void ExperimentPanel::updateInterpreterVersion()
{
    if (m_versionProbe->state() != QProcess::NotRunning) {
        m_versionProbe->kill();
        m_versionProbe->waitForFinished(1000);
    }
    const QString interpreter = m_interpreterEdit->text().trimmed();
    m_interpreterVersion->setText(tr("asking %1…").arg(interpreter.isEmpty() ? QStringLiteral("python3") : interpreter));
    m_versionProbe->start(interpreter.isEmpty() ? QStringLiteral("python3") : interpreter, { QStringLiteral("--version") });
    Q_EMIT settingsChanged();
}

ExperimentPanel::RunMode ExperimentPanel::mode() const
{
    return RunMode(m_modeCombo->currentData().toInt());
}

void ExperimentPanel::setMode(RunMode mode)
{
    selectData(m_modeCombo, int(mode));
}

QString ExperimentPanel::demoName() const
{
    return m_demoCombo->currentData().toString();
}

bool ExperimentPanel::setDemoName(const QString& name)
{
    const int index = m_demoCombo->findData(name);
    if (index < 0)
        return false;
    m_demoCombo->setCurrentIndex(index);
    return true;
}

RunRequest ExperimentPanel::runRequest(int paceMs) const
{
    const ExperimentSettings s = settings();
    RunRequest r;
    if (isPython(mode())) {
        r.kind = RunRequest::Kind::Python;
        r.script = s.python.script;
        r.name = QFileInfo(r.script).fileName();
        r.arguments = s.python.argumentList();
        r.interpreter = s.python.interpreter;
        r.pythonStartMethod = s.python.startMethod;
        r.processes = s.maxProcesses;
        return r;
    }
    r.kind = mode() == RunMode::Demo ? RunRequest::Kind::Demo : RunRequest::Kind::Workload;
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
    r.paceNs = qint64(paceMs) * 1'000'000;
    return r;
}

void ExperimentPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateRows();
}

void ExperimentPanel::resetParameters()
{
    m_params->resetToDefaults();
}

void ExperimentPanel::focusWorkload()
{
    m_workloadCombo->setFocus();
}

void ExperimentPanel::onWorkloadSelected(int index)
{
    const Workload* w = findWorkload(m_workloadCombo->itemData(index).toString());
    m_params->setWorkload(w); // back to the defaults: values of one workload mean nothing to another
    m_workloadDescription->setText(w ? w->description() : QString());
    updateSizeChoices();
    Q_EMIT settingsChanged();
}

void ExperimentPanel::onDemoSelected(int index)
{
    const Demo* d = findDemo(m_demoCombo->itemData(index).toString());
    m_demoDescription->setText(d ? d->description() : QString());
}

void ExperimentPanel::onModeChanged()
{
    const RunMode mode = this->mode();
    m_processesSpin->setToolTip(isSweep(mode)
            ? tr("The sweep measures p = 1, 2, … up to this many processes.\nCPU cores on this machine: %1.")
                  .arg(QThread::idealThreadCount())
            : mode == RunMode::Python
            ? tr("What os.cpu_count() answers in the script: Pool() and ProcessPoolExecutor() without an argument "
                 "start this many workers.\nCPU cores on this machine: %1.")
                  .arg(QThread::idealThreadCount())
            : tr("Worker processes in the pool (for a demo: where it has a choice).\nCPU cores on this machine: %1.")
                  .arg(QThread::idealThreadCount()));
    updateRows();
    Q_EMIT modeChanged(mode);
}

// The numeric parameters of the workload can be swept as the problem size.
void ExperimentPanel::updateSizeChoices()
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
    m_scalingCombo->clear();
    m_scalingCombo->addItem(tr("strong: the same problem at every p"), QString());
    if (w) {
        for (const ParamSpec& spec : w->params()) {
            if (const QString law = weakLaw(*w, spec.name); !law.isEmpty())
                m_scalingCombo->addItem(tr("weak: %1").arg(law), spec.name);
        }
    }
    m_scalingCombo->setEnabled(m_scalingCombo->count() > 1);
}

void ExperimentPanel::updateRows()
{
    const RunMode mode = this->mode();
    const bool demo = mode == RunMode::Demo;
    const bool python = isPython(mode);
    const bool sweep = isSweep(mode);
    const bool workload = !demo && !python;
    const QList<ExecutorKind> executors = settings().executors;
    const bool pooled
        = std::any_of(executors.cbegin(), executors.cend(), [](ExecutorKind e) { return e != ExecutorKind::Serial; });
    for (QWidget* w : findChildren<QGroupBox*>())
        w->setEnabled(!m_busy);
    // Only what applies to the mode is shown: a demo has its own program, one run has no repeats and one series.
    m_workloadBox->setVisible(workload);
    m_pythonBox->setVisible(python);
    if (python && m_interpreterVersion->text().isEmpty())
        updateInterpreterVersion(); // the first time the script's rows show
    m_runForm->setRowVisible(m_demoCombo, demo);
    m_runForm->setRowVisible(m_demoDescription, demo);
    m_execForm->setRowVisible(m_executorList, workload);
    m_execForm->setRowVisible(m_schedulingCombo, workload);
    m_execForm->setRowVisible(m_chunksizeEdit, workload);
    m_execForm->setRowVisible(m_startMethodCombo, !python); // the script's own row says it
    m_execForm->setRowVisible(m_sizeRow, sweep && workload);
    m_execForm->setRowVisible(m_scalingCombo, sweep && workload);
    m_execForm->setRowVisible(m_repeatsSpin, sweep);
    m_execForm->setRowVisible(m_warmUpCheck, sweep);
    m_startMethodCombo->setEnabled(demo || executors.contains(ExecutorKind::Process));
    m_schedulingCombo->setEnabled(pooled);
    m_chunksizeEdit->setEnabled(pooled);
    m_processesLabel->setText(sweep ? tr("Max &processes:") : python ? tr("cpu_count() &=") : tr("&Processes:"));
    m_runButton->setEnabled(!m_busy);
    m_runButton->setText(sweep ? tr("Run sweep") : tr("Run"));
    m_stopButton->setEnabled(m_busy);
}

QString ExperimentPanel::describe(const ExperimentSettings& s)
{
    if (s.sweepPython) {
        QStringList parts { tr("python %1").arg(QFileInfo(s.python.script).fileName()) };
        if (!s.python.arguments.trimmed().isEmpty())
            parts << s.python.arguments.trimmed();
        parts << (s.python.startMethod.isEmpty() ? tr("the script's start method") : s.python.startMethod);
        parts << (s.repeats > 1 ? tr("median of %1 runs").arg(s.repeats) : tr("1 run per point"));
        return parts.join(QStringLiteral(" · "));
    }
    QStringList executors;
    for (ExecutorKind e : s.executors)
        executors << executorLabel(e);
    QStringList parts { executors.join(tr(" vs ")) };
    if (s.executors.contains(ExecutorKind::Process))
        parts << toString(s.startMethod);
    if (s.executors != QList<ExecutorKind> { ExecutorKind::Serial }) {
        parts << tr("%1 scheduling").arg(toString(s.scheduling));
        parts << (s.chunksizes.size() > 1 ? tr("chunksizes %1") : tr("chunksize %1"))
                     .arg(options::chunksizesText(s.chunksizes));
    }
    if (!s.sizeValues.isEmpty())
        parts << tr("%1 = %2").arg(s.sizeParam, s.sizeValues.join(QStringLiteral(", ")));
    if (!s.weakParam.isEmpty()) {
        const Workload* w = findWorkload(s.workload);
        parts << tr("weak scaling: %1").arg(w ? weakLaw(*w, s.weakParam) : s.weakParam);
    }
    parts << (s.repeats > 1 ? tr("median of %1 runs").arg(s.repeats) : tr("1 run per point"));
    return parts.join(QStringLiteral(" · "));
}

QScrollArea* ExperimentPanel::createScrollArea()
{
    auto* scroll = new QScrollArea(parentWidget());
    scroll->setWidget(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded); // only past 480 px (see fitWidth())
    return scroll;
}

void ExperimentPanel::fitWidth()
{
    // Every executor visible without scrolling, at any font size.
    m_executorList->setFixedHeight(
        m_executorList->sizeHintForRow(0) * m_executorList->count() + 2 * m_executorList->frameWidth());
    layout()->activate();
    for (QWidget* w = parentWidget(); w; w = w->parentWidget()) {
        if (auto* scroll = qobject_cast<QScrollArea*>(w)) {
            // At most 480 px (large type in French or Russian asks for more): beside the stage on a 1024 px
            // projector; past that the panel scrolls sideways too.
            scroll->setMinimumWidth(
                std::min(480, sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width()));
            return;
        }
    }
}

void ExperimentPanel::loadSettings(QSettings& settings)
{
    settings.beginGroup(QStringLiteral("experiment"));
    ExperimentSettings s = this->settings();
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
        = options::chunksizes(settings.value(QStringLiteral("chunksizes")).toString()).value.value_or(s.chunksizes);
    s.sizeParam = settings.value(QStringLiteral("sizeParam")).toString();
    s.sizeValues = settings.value(QStringLiteral("sizeValues")).toStringList();
    s.weakParam = settings.value(QStringLiteral("weakParam")).toString();
    s.repeats = settings.value(QStringLiteral("repeats"), s.repeats).toInt();
    s.warmUp = settings.value(QStringLiteral("warmUp"), s.warmUp).toBool();
    settings.endGroup();
    settings.beginGroup(QStringLiteral("python"));
    s.python.script = settings.value(QStringLiteral("script")).toString();
    s.python.arguments = settings.value(QStringLiteral("arguments")).toString();
    s.python.interpreter = settings.value(QStringLiteral("interpreter")).toString();
    s.python.startMethod = settings.value(QStringLiteral("startMethod")).toString();
    settings.endGroup();
    setSettings(s);

    settings.beginGroup(QStringLiteral("run"));
    const int mode = m_modeCombo->findData(settings.value(QStringLiteral("mode"), int(RunMode::Workload)).toInt());
    if (mode >= 0)
        m_modeCombo->setCurrentIndex(mode);
    setDemoName(settings.value(QStringLiteral("demo")).toString());
    settings.endGroup();
}

void ExperimentPanel::saveSettings(QSettings& settings) const
{
    const ExperimentSettings s = this->settings();
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
    settings.setValue(QStringLiteral("chunksizes"), options::chunksizesText(s.chunksizes));
    settings.setValue(QStringLiteral("sizeParam"), s.sizeParam);
    settings.setValue(QStringLiteral("sizeValues"), s.sizeValues);
    settings.setValue(QStringLiteral("weakParam"), s.weakParam);
    settings.setValue(QStringLiteral("repeats"), s.repeats);
    settings.setValue(QStringLiteral("warmUp"), s.warmUp);
    settings.endGroup();
    settings.beginGroup(QStringLiteral("python"));
    settings.setValue(QStringLiteral("script"), s.python.script);
    settings.setValue(QStringLiteral("arguments"), s.python.arguments);
    settings.setValue(QStringLiteral("interpreter"), s.python.interpreter);
    settings.setValue(QStringLiteral("startMethod"), s.python.startMethod);
    settings.endGroup();
    settings.beginGroup(QStringLiteral("run"));
    settings.setValue(QStringLiteral("mode"), int(mode()));
    settings.setValue(QStringLiteral("demo"), demoName());
    settings.endGroup();
}

} // namespace proclab
