#pragma once

// The scaling plot: wall time (or speedup, or efficiency) against the number of processes, with the ideal
// curve, an Amdahl fit, min-max error bars and a marker at the machine's core count. It is redrawn from the
// sweep's points whenever one lands (a sweep has a few dozen points at most).

#include "experimentrunner.h"

#include <QFont>
#include <QList>
#include <QString>
#include <QWidget>

class QCustomPlot;
class QCPErrorBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;

namespace proclab {

class ScalingPlot : public QWidget {
    Q_OBJECT
public:
    enum class View { WallTime, Speedup, Efficiency };
    Q_ENUM(View)

    explicit ScalingPlot(QWidget* parent = nullptr);
    ~ScalingPlot() override;

    QCustomPlot* plot() const { return m_plot; }
    QCPGraph* measuredGraph() const { return m_measured; }
    QCPGraph* idealGraph() const { return m_ideal; }
    QCPGraph* amdahlGraph() const { return m_amdahl; }
    QCPErrorBars* errorBars() const { return m_errorBars; }

    View view() const { return m_view; }
    void setView(View view);

    void setTitle(const QString& title, const QString& subtitle);
    // Empties the plot for a sweep of p = 1..maxProcesses.
    void reset(int maxProcesses);
    void setPoints(const QList<SweepPoint>& points);
    void setPresenterMode(bool on);

    // The serial fraction s of Amdahl's law T(p) = T(1) (s + (1 - s) / p), least squares over the points with
    // p <= cores (beyond the cores, speedup stops for want of CPUs, not because of serial work). -1 if unknown.
    double serialFraction() const { return m_serialFraction; }

    // Draws now rather than at the next event loop pass (before grabbing the window).
    void replotNow();
    // PNG, JPG or PDF, chosen by the suffix.
    bool exportTo(const QString& fileName, QString* error);

    static QString viewName(View view);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void applyFonts();
    void updateLegendLayout();

    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPTextElement* m_subtitle = nullptr;
    QCPGraph* m_measured = nullptr;
    QCPGraph* m_ideal = nullptr;
    QCPGraph* m_amdahl = nullptr;
    QCPErrorBars* m_errorBars = nullptr;
    QCPItemStraightLine* m_coresLine = nullptr;
    QCPItemText* m_coresLabel = nullptr;
    QCPItemText* m_hint = nullptr;
    QList<QCPItemText*> m_valueLabels;
    QFont m_valueLabelFont;

    View m_view = View::WallTime;
    QList<SweepPoint> m_points;
    int m_maxProcesses = 2;
    double m_serialFraction = -1;
    bool m_presenter = false;
};

} // namespace proclab
