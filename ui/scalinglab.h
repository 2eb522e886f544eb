#pragma once

// The scaling lab: the scaling plot with its own toolbar (view, which series to show, keep a run as an overlay,
// predict first, export), the table of predicted speedups, and the sweep's progress. It is fed the live stream
// of a sweep (beginSweep, addRun, addPoint, endSweep) and keeps the SweepResult so far, recomputed by the core
// after every point, so what it draws and exports is what `proclab-cli sweep` would report. GUI thread only.

#include "lab/experiment.h"
#include "scalingplot.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QString>
#include <QWidget>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QTableWidget;
class QToolBar;
class QToolButton;

namespace proclab {

class ScalingLab : public QWidget {
    Q_OBJECT
public:
    static constexpr int maxOverlays = 6; // kept in the settings; the oldest goes first
    static QString overlaysKey() { return QStringLiteral("lab/overlays"); }

    explicit ScalingLab(QWidget* parent = nullptr);
    ~ScalingLab() override;

    ScalingPlot* plot() const { return m_plot; }
    QProgressBar* progressBar() const { return m_progress; }
    QTableWidget* predictionTable() const { return m_predictionTable; }
    // Wall time, speedup, efficiency (Ctrl+1..3), for the window's menu too.
    QList<QAction*> viewActions() const;
    QMenu* exportMenu() const { return m_exportMenu; }

    // The range of p the next sweep covers: the rows of the prediction table, and the plot's axis unless a
    // measured sweep is on show.
    void prepare(int maxProcesses);
    // False (and why) in predict-first mode while a speedup for some p is missing.
    bool readyToRun(QString* why = nullptr) const;

    // The live stream of one sweep. `label` names what is measured ("spin (tasks=8, ms=40)") for overlays.
    void beginSweep(const SweepSpec& spec, const QString& label);
    void addRun(const RunReport& report);
    void addPoint(const SweepPoint& point);
    void endSweep(SweepResult::Outcome outcome);
    const SweepResult& result() const { return m_result; }
    int runsTotal() const { return m_runsTotal; }
    bool hasPoints() const;

    // Earlier runs drawn for comparison, kept across sessions (QSettings, as JSON).
    bool keepAsOverlay(); // false when nothing is measured yet
    // A sweep measured elsewhere (proclab-cli sweep --json, the lab's own JSON export) drawn as an overlay.
    // False, with a one-line reason, if the file is not such a sweep or has no point.
    bool addOverlayFile(const QString& fileName, QString* error);
    const QList<SweepOverlay>& overlays() const { return m_overlays; }
    void removeOverlay(int index);
    void clearOverlays();

    // Predict first: the student types the speedup they expect at each p before the run.
    void setPredictMode(bool on);
    bool predictMode() const;
    void setPrediction(int processes, double speedup); // <= 0: none
    QMap<int, double> predictions() const { return m_predictions; }
    // "you expected 3.5×, measured 1.9×: less than you thought"; empty until the point (first series) lands.
    QString verdict(int processes) const;

    void setView(ScalingPlot::View view);
    void setPresenterMode(bool on);

    // .png, .jpg, .pdf, .svg: the plot; .csv, .json: the data (SweepResult's formats).
    bool exportTo(const QString& fileName, QString* error);

Q_SIGNALS:
    void viewChanged(proclab::ScalingPlot::View view);
    // News for the window's status bar.
    void message(const QString& text);

private:
    void createToolBar();
    void rebuildSeriesMenu();
    void rebuildOverlayMenu();
    void rebuildPredictionTable();
    void updateVerdicts();
    void updateProgress();
    void loadOverlays();
    void saveOverlays() const;
    void exportWithDialog(const QString& suffix);

    ScalingPlot* m_plot = nullptr;
    QToolBar* m_toolBar = nullptr;
    QActionGroup* m_viewGroup = nullptr;
    QToolButton* m_seriesButton = nullptr;
    QMenu* m_seriesMenu = nullptr;
    QAction* m_keepAction = nullptr;
    QToolButton* m_overlayButton = nullptr;
    QMenu* m_overlayMenu = nullptr;
    QAction* m_predictAction = nullptr;
    QMenu* m_exportMenu = nullptr;
    QWidget* m_predictionPanel = nullptr;
    QTableWidget* m_predictionTable = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_eta = nullptr;

    SweepResult m_result;
    QString m_label;
    QList<SweepOverlay> m_overlays;
    QMap<int, double> m_predictions;
    int m_maxProcesses = 2;
    int m_runsDone = 0;
    int m_runsTotal = 0;
    QElapsedTimer m_clock;
    bool m_filling = false; // the table is being filled by code, not typed in
};

} // namespace proclab
