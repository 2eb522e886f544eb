#pragma once

// The experiment panel: what Run does (one run of the workload, a tutorial demo, a scaling sweep, or a student's
// own Python script, once or swept), the demo, the script (its arguments, interpreter and start method),
// the workload and its parameters, processes, executors, start method, scheduling, chunksizes, a problem size
// and repeats. Shows only the rows that apply to the mode; reads and writes itself in QSettings. Decides
// nothing: the window runs what it describes (settings(), runRequest()). The window shows it in a scroll area.

#include "content/workload.h"
#include "engine/startmethod.h"
#include "session/runsession.h"

#include <QList>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProcess;
class QListWidget;
class QPushButton;
class QScrollArea;
class QSettings;
class QSpinBox;

namespace proclab {

class ChunksizeEdit;

class ParameterForm;

// A student's own Python script, as the panel holds it.
struct PythonScriptSettings {
    QString script; // a path
    QString arguments; // as typed: split as a shell would (quotes group words)
    QString interpreter; // empty: python3 on PATH; or a venv's bin/python
    QString startMethod; // empty: the script's own choice; fork, spawn or forkserver as its default
    QStringList argumentList() const;
};

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
    QString weakParam; // weak scaling: the parameter that grows with p (SweepSpec::weakParam); empty: strong
    StartMethod startMethod = DefaultStartMethod;
    Scheduling scheduling = Scheduling::Dynamic;
    int repeats = 3;
    bool warmUp = false;
    PythonScriptSettings python;
    bool sweepPython = false; // a sweep measures the script, not the workload
};

class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    // What Run does: animate one run of the workload, animate a tutorial demo, or sweep p = 1..N.
    enum class RunMode { Workload, Demo, Sweep, Python, PythonSweep };
    Q_ENUM(RunMode)

    explicit ExperimentPanel(QWidget* parent = nullptr);
    ~ExperimentPanel() override; // the interpreter's version probe, if still asking, is stopped unheard

    static int maximumProcesses(); // max(8, 2 * cores)
    static int defaultProcesses(); // one per core

    ExperimentSettings settings() const;
    // Unknown workloads are ignored; values are clamped to the controls' ranges.
    void setSettings(const ExperimentSettings& settings);
    RunMode mode() const;
    void setMode(RunMode mode);
    QString demoName() const;
    bool setDemoName(const QString& name); // false for an unknown demo
    // One animated run of what the panel shows: the first executor and chunksize checked, at this pace; or the
    // script.
    RunRequest runRequest(int paceMs) const;
    static bool isSweep(RunMode mode) { return mode == RunMode::Sweep || mode == RunMode::PythonSweep; }
    static bool isPython(RunMode mode) { return mode == RunMode::Python || mode == RunMode::PythonSweep; }
    QString scriptPath() const;
    // The script to run (and the mode to one that runs it, unless it is one already).
    void setScript(const QString& path);
    void setScriptArguments(const QStringList& arguments);

    // A run or sweep is under way: the choices are locked, Run is off and Stop on.
    void setBusy(bool busy);
    void resetParameters(); // the workload's defaults
    void focusWorkload();
    // "process pool vs threads · spawn · dynamic scheduling · chunksize auto · median of 3 runs"
    static QString describe(const ExperimentSettings& settings);

    // The "experiment" group and the run mode and demo of the "run" group.
    void loadSettings(QSettings& settings);
    void saveSettings(QSettings& settings) const;

    // The scroll area the panel is shown in is made wide enough for the widest row at the current font: the panel
    // scrolls vertically only.
    void fitWidth();
    // The scroll area the window shows the panel in (vertical scrolling only), the panel inside.
    QScrollArea* createScrollArea();

Q_SIGNALS:
    void runClicked();
    void stopClicked();
    void modeChanged(proclab::ExperimentPanel::RunMode mode);
    void maxProcessesChanged(int processes);
    void settingsChanged(); // anything a description of the experiment shows
    void openScriptRequested(); // the script row's Open… button: the window asks which file
    void scriptChanged(const QString& path); // another script was chosen (typed, opened or set)

private:
    void onWorkloadSelected(int index);
    void onDemoSelected(int index);
    void onModeChanged();
    void updateSizeChoices();
    void updateRows(); // only what applies to the mode is shown, only what applies to the executors enabled
    void updateInterpreterVersion(); // asks the interpreter (in the background) and shows its version

    QComboBox* m_modeCombo = nullptr;
    QComboBox* m_demoCombo = nullptr;
    QLabel* m_demoDescription = nullptr;
    QWidget* m_workloadBox = nullptr;
    QLabel* m_processesLabel = nullptr;
    QFormLayout* m_runForm = nullptr;
    QFormLayout* m_execForm = nullptr;
    QComboBox* m_workloadCombo = nullptr;
    QLabel* m_workloadDescription = nullptr;
    ParameterForm* m_params = nullptr;
    QSpinBox* m_processesSpin = nullptr;
    QListWidget* m_executorList = nullptr;
    QComboBox* m_startMethodCombo = nullptr;
    QComboBox* m_schedulingCombo = nullptr;
    ChunksizeEdit* m_chunksizeEdit = nullptr;
    QWidget* m_sizeRow = nullptr; // the size parameter and its values
    QComboBox* m_sizeParamCombo = nullptr;
    QLineEdit* m_sizeValuesEdit = nullptr;
    QComboBox* m_scalingCombo = nullptr;
    QSpinBox* m_repeatsSpin = nullptr;
    QCheckBox* m_warmUpCheck = nullptr;
    QWidget* m_pythonBox = nullptr;
    QFormLayout* m_pythonForm = nullptr;
    QLineEdit* m_scriptEdit = nullptr;
    QLineEdit* m_argumentsEdit = nullptr;
    QLineEdit* m_interpreterEdit = nullptr;
    QLabel* m_interpreterVersion = nullptr;
    QComboBox* m_pythonMethodCombo = nullptr;
    QProcess* m_versionProbe = nullptr;
    QString m_lastScript;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    bool m_busy = false;
};

} // namespace proclab
