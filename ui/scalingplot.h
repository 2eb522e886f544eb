#pragma once

// The scaling plot: wall time (or speedup, or efficiency) against the number of processes for every series of a
// sweep (executors × chunksizes × problem sizes), each in its own colour with min–max error bars, its Amdahl fit
// (serial fraction in the legend) and its ideal curve; earlier sweeps kept as faded dashed overlays; the student's
// predicted speedups; a marker at the machine's core count. It is redrawn from the data whenever a point lands
// (a sweep has a few dozen points at most).
//
// Under it, the breakdown: for every p of the first visible series, stacked bars of where p × (start-up + wall)
// went (useful work, pool start-up, serial part, dispatch and results, waiting, imbalance; lab/breakdown.h), in
// process-seconds, so that perfect scaling is bars of equal height; hovering a bar explains it. The Breakdown view
// gives those bars the whole plot (a short plot has no room for them under the curves).

#include "lab/experiment.h"

#include <QDateTime>
#include <QFont>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QWidget>

#include <optional>
#include <utility>

class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPLegend;
class QCPErrorBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;

namespace proclab {

// An earlier sweep kept on the plot for comparison.
struct SweepOverlay {
    QString label; // what was measured: "spin (tasks=8, ms=40)"
    QDateTime taken;
    SweepResult result;
};
QString takenText(const QDateTime& taken); // "19:49" today, "21 Nov 19:49" before

class ScalingPlot : public QWidget {
    Q_OBJECT
public:
    enum class View { WallTime, Speedup, Efficiency, Breakdown };
    Q_ENUM(View)

    explicit ScalingPlot(QWidget* parent = nullptr);
    ~ScalingPlot() override;

    QCustomPlot* plot() const { return m_plot; }
    // The graphs of series `series` of the current result (null when there is no such series). In the speedup
    // and efficiency views all series share one ideal curve.
    QCPGraph* measuredGraph(int series = 0) const;
    QCPGraph* amdahlGraph(int series = 0) const;
    QCPGraph* idealGraph(int series = 0) const;
    QCPErrorBars* errorBars(int series = 0) const;
    QCPGraph* predictionGraph() const { return m_prediction; }
    // The breakdown under the plot (or the whole plot, in the Breakdown view): its axis rect, and one bar set per
    // part (Breakdown::Part order) and series on show (barSeries() order), empty before any point with a breakdown.
    QCPAxisRect* breakdownRect() const { return m_breakdownRect; }
    const QList<QCPBars*>& breakdownBars() const { return m_breakdownBars; }
    int breakdownSeries() const { return m_breakdownSeries; } // the first visible series that has one, -1 none
    // The series whose bars are drawn, left to right at each p: the first one under the curves, every visible one
    // that has a breakdown in the Breakdown view.
    const QList<int>& barSeries() const { return m_barSeries; }
    int barSeriesAt(double key) const; // whose bar is at this p-axis coordinate, -1 none
    QString breakdownToolTip(int processes, int series = -1) const; // series -1: breakdownSeries()
    static QString breakdownPartName(Breakdown::Part part); // translated
    static QColor breakdownColor(Breakdown::Part part);
    // A hidden series keeps a greyed legend entry; clicking a series' entry hides or shows it.
    // One graph per series of every overlay, in order.
    const QList<QCPGraph*>& overlayGraphs() const { return m_overlayGraphs; }

    View view() const { return m_view; }
    void setView(View view);

    void setTitle(const QString& title, const QString& subtitle);
    QString title() const { return m_fullTitle; } // as set (the plot may show it elided)
    // Empties the plot for a sweep of p = 1..maxProcesses, every series visible.
    void reset(int maxProcesses);
    // The sweep so far: its planned series, with the points measured until now.
    void setResult(const SweepResult& result);
    const SweepResult& result() const { return m_result; }
    void setOverlays(const QList<SweepOverlay>& overlays);
    // Expected speedup by p (drawn against the first series); empty: none.
    void setPredictions(const QMap<int, double>& speedups);
    void setSeriesVisible(int series, bool visible);
    bool isSeriesVisible(int series) const { return !m_hidden.contains(series); }
    void setPresenterMode(bool on);

    // The Amdahl serial fraction of a series (the core's fit, as the CLI prints it); -1 if unknown.
    double serialFraction(int series = 0) const;
    // The plotted value of a point in the current view (seconds, ×, %).
    double valueOf(const SweepSeries& series, double wallSeconds, int processes) const;

    // (series, p) of the visible measured point nearest to a position in plot pixels, within `radius` pixels.
    std::optional<std::pair<int, int>> pointAt(const QPointF& pos, double radius = 12) const;
    QString pointToolTip(int series, int processes) const;
    // What a short plot gave up (updateCompactness): the breakdown under the axes, the subtitle.
    bool isBreakdownShown() const;
    bool isSubtitleShown() const;
    static constexpr int MinimumLines = 11; // its minimum height, in lines of its text

    // Draws now rather than at the next event loop pass (before grabbing the window).
    void replotNow();
    // PNG, JPG, PDF or SVG, chosen by the suffix.
    bool exportTo(const QString& fileName, QString* error);

    static QString viewName(View view);
    static QColor seriesColor(int series);

Q_SIGNALS:
    void seriesVisibilityChanged(int series, bool visible); // by setSeriesVisible, e.g. a click on its legend entry

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void addSeriesGraphs(const SweepSeries& s, double& top);
    void addCurves(const SweepSeries& s, int index, double& top);
    void addOverlayGraphs(double& top);
    void addPrediction(double& top);
    void addBreakdownBars();
    void updateCompactness();
    void updateAxisLabel();
    void addValueLabels(const QCPGraph* graph, const QCPErrorBars* bars, const QColor& color);
    void applyFonts();
    void updateLegendLayout();
    void updateBreakdownRange();
    bool wantsCompactLegend() const;
    void updateTitles(); // elided to the width: a long title ends in "…" rather than being cut
    void showToolTip(const QPointF& pos);
    bool exportSvg(const QString& fileName);
    double scale() const { return m_presenter ? 1.6 : 1.0; }
    // The view the curves are drawn for: the Breakdown view keeps wall time's, out of sight.
    View curveView() const { return m_view == View::Breakdown ? View::WallTime : m_view; }
    void attachItems(QCPAxisRect* rect); // the cores line, its label and the hint go with the rect on show

    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPTextElement* m_subtitle = nullptr;
    QString m_fullTitle;
    QString m_fullSubtitle;
    QCPItemStraightLine* m_coresLine = nullptr;
    QCPItemText* m_coresLabel = nullptr;
    QCPItemText* m_hint = nullptr;
    QList<QCPItemText*> m_valueLabels;
    QFont m_valueLabelFont;

    // Rebuilt with the data, indexed by series (null for a series not drawn).
    QList<QCPGraph*> m_measured;
    QList<QCPGraph*> m_amdahl;
    QList<QCPGraph*> m_ideal;
    QList<QCPErrorBars*> m_errorBars;
    QList<QCPGraph*> m_overlayGraphs;
    QCPGraph* m_prediction = nullptr;
    QMap<QCPGraph*, int> m_hiddenStubs; // legend entries of hidden series (no data): a click shows them again
    QCPAxisRect* m_breakdownRect = nullptr;
    QCPLegend* m_breakdownLegend = nullptr;
    QList<QCPBars*> m_breakdownBars;
    int m_breakdownSeries = -1;
    QList<int> m_barSeries;
    QString m_barsLabel; // over the bars in the Breakdown view: whose they are
    QStringList m_fullLegendNames; // the series' and fits' legend entries when the legend has the room
    bool m_compactLegend = false; // one entry per series, its fit in it (updateCompactness)
    double m_breakdownTop = 0; // the tallest bar, in process-seconds
    static constexpr double BarGroupWidth = 0.8; // of the unit between two p, for the bars of several series

    View m_view = View::WallTime;
    SweepResult m_result;
    QList<SweepOverlay> m_overlays;
    QMap<int, double> m_predictions;
    QSet<int> m_hidden;
    int m_maxProcesses = 2;
    bool m_presenter = false;
};

} // namespace proclab
