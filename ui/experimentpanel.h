#pragma once

// The experiment panel: what Run does (one run of the workload, a tutorial demo, or a scaling sweep), the demo,
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
class QListWidget;
class QPushButton;
class QScrollArea;
class QSettings;
class QSpinBox;

namespace proclab {

class ChunksizeEdit;

class ParameterForm;

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
    StartMethod startMethod = DefaultStartMethod;
    Scheduling scheduling = Scheduling::Dynamic;
    int repeats = 3;
    bool warmUp = false;
};

class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    // What Run does: animate one run of the workload, animate a tutorial demo, or sweep p = 1..N.
    enum class RunMode { Workload, Demo, Sweep };
    Q_ENUM(RunMode)

    explicit ExperimentPanel(QWidget* parent = nullptr);

    static int maximumProcesses(); // max(8, 2 * cores)
    static int defaultProcesses(); // one per core

    ExperimentSettings settings() const;
    // Unknown workloads are ignored; values are clamped to the controls' ranges.
    void setSettings(const ExperimentSettings& settings);
    RunMode mode() const;
    void setMode(RunMode mode);
    QString demoName() const;
    bool setDemoName(const QString& name); // false for an unknown demo
    // One animated run of what the panel shows: the first executor and chunksize checked, at this pace.
    RunRequest runRequest(int paceMs) const;

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

private:
    void onWorkloadSelected(int index);
    void onDemoSelected(int index);
    void onModeChanged();
    void updateSizeChoices();
    void updateRows(); // only what applies to the mode is shown, only what applies to the executors enabled

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
    QSpinBox* m_repeatsSpin = nullptr;
    QCheckBox* m_warmUpCheck = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    bool m_busy = false;
};

} // namespace proclab
