// qcp.h has to come first (it needs Qt's foreach before any other Qt header hides it): see there.

#include "qcp.h"

#include "scalingplot.h"

#include "format.h"
#include "uilogging.h"

#include <QEvent>
#include <QFileInfo>
#include <QSvgGenerator>
#include <QThread>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace proclab {

namespace {

const QColor idealColor(0x70, 0x70, 0x70);
const QColor coresColor(0x9a, 0x9a, 0x9a);
const QColor predictionColor(0xc2, 0x18, 0x5b);

// Earlier runs: muted colours of their own, so an overlay is never mistaken for a series of this run.
QColor overlayColor(int i)
{
    static const QColor colors[]
        = { QColor(0x7f, 0x7f, 0x7f), QColor(0x9c, 0x8b, 0x3a), QColor(0x8e, 0x6c, 0x9e), QColor(0x5f, 0x8f, 0x86) };
    return colors[i % 4];
}

} // namespace

// "19:49" today, "21 Nov 19:49" before.
QString takenText(const QDateTime& taken)
{
    const bool today = taken.date() == QDate::currentDate();
    return QLocale().toString(taken, today ? QStringLiteral("HH:mm") : QStringLiteral("d MMM HH:mm"));
}

namespace {

const SweepPoint* findPoint(const SweepSeries& s, int processes)
{
    for (const SweepPoint& p : s.points) {
        if (p.processes == processes)
            return &p;
    }
    return nullptr;
}

} // namespace

ScalingPlot::ScalingPlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setObjectName(QStringLiteral("scalingPlot"));
    m_plot->setAccessibleName(tr("Scaling plot"));
    m_plot->setFocusPolicy(Qt::StrongFocus);
    // Its minimum is what the axes and a few points need (applyFonts: in lines of text, as the title, the legend and
    // the tick labels take lines): QCustomPlot would ask for its title's whole width, and a long title must not push
    // the window past a projector's edge.

    m_plot->plotLayout()->insertRow(0);
    m_fullTitle = tr("Wall time against the number of processes");
    m_title = new QCPTextElement(m_plot, m_fullTitle);
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_plot->plotLayout()->insertRow(1);
    m_subtitle = new QCPTextElement(m_plot, QString());
    m_subtitle->setTextColor(QColor(0x55, 0x55, 0x55));
    m_plot->plotLayout()->addElement(1, 0, m_subtitle);

    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setLabel(tr("number of processes p"));
    m_plot->xAxis->setSubTicks(false);
    m_plot->xAxis->grid()->setPen(QPen(QColor(0xe4, 0xe4, 0xe4), 1));
    m_plot->yAxis->grid()->setPen(QPen(QColor(0xe4, 0xe4, 0xe4), 1));
    m_plot->yAxis->grid()->setSubGridVisible(false);
    m_plot->axisRect()->setupFullAxesBox(true);
    m_plot->xAxis2->setTicks(false);
    m_plot->yAxis2->setTicks(false);

    m_coresLine = new QCPItemStraightLine(m_plot);
    m_coresLine->setPen(QPen(coresColor, 1.5, Qt::DashDotLine));
    m_coresLabel = new QCPItemText(m_plot);
    m_coresLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_coresLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_coresLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_coresLabel->setColor(QColor(0x70, 0x70, 0x70));
    m_coresLabel->setPadding(QMargins(6, 4, 4, 4));
    m_coresLabel->setClipToAxisRect(true);

    m_hint = new QCPItemText(m_plot);
    m_hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_hint->position->setCoords(0.5, 0.5);
    m_hint->setColor(QColor(0x80, 0x80, 0x80));

    // The legend is a row of its own under the titles, where no curve can hide behind it.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->plotLayout()->insertRow(2);
    m_plot->plotLayout()->addElement(2, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
    m_plot->plotLayout()->setRowSpacing(0);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setMargins(QMargins(8, 2, 8, 2));
    m_plot->legend->setColumnSpacing(24);

    // The breakdown: its own axis rect under the plot, on the same p axis (margins aligned), its key inside it.
    m_breakdownRect = new QCPAxisRect(m_plot);
    m_breakdownRect->setupFullAxesBox(true);
    m_breakdownRect->axis(QCPAxis::atTop)->setTicks(false);
    m_breakdownRect->axis(QCPAxis::atRight)->setTicks(false);
    m_breakdownRect->axis(QCPAxis::atBottom)->setTicker(ticker);
    m_breakdownRect->axis(QCPAxis::atBottom)->setSubTicks(false);
    m_breakdownRect->axis(QCPAxis::atLeft)->grid()->setPen(QPen(QColor(0xe4, 0xe4, 0xe4), 1));
    m_breakdownRect->axis(QCPAxis::atBottom)->grid()->setVisible(false);
    m_plot->plotLayout()->addElement(4, 0, m_breakdownRect);
    m_plot->plotLayout()->setRowStretchFactor(3, 1.0);
    m_plot->plotLayout()->setRowStretchFactor(4, 0.45);
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_breakdownRect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), m_breakdownRect,
        [this](const QCPRange& range) { m_breakdownRect->axis(QCPAxis::atBottom)->setRange(range); });
    m_breakdownLegend = new QCPLegend;
    m_breakdownRect->insetLayout()->addElement(m_breakdownLegend, Qt::AlignTop | Qt::AlignHCenter);
    m_breakdownLegend->setLayer(QStringLiteral("legend"));
    m_breakdownLegend->setFillOrder(QCPLegend::foColumnsFirst);
    m_breakdownLegend->setWrap(Breakdown::PartCount);
    m_breakdownLegend->setBorderPen(Qt::NoPen);
    m_breakdownLegend->setBrush(QColor(255, 255, 255, 200));
    m_breakdownLegend->setColumnSpacing(10);
    m_breakdownLegend->setIconSize(12, 10);

    // A click on a series' legend entry hides it, on a hidden one's shows it again.
    connect(m_plot, &QCustomPlot::legendClick, this, [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
        auto* entry = qobject_cast<QCPPlottableLegendItem*>(item);
        if (!entry)
            return;
        auto* graph = qobject_cast<QCPGraph*>(entry->plottable());
        if (const auto stub = m_hiddenStubs.constFind(graph); stub != m_hiddenStubs.cend()) {
            const int series = stub.value();
            QTimer::singleShot(0, this, [this, series] { setSeriesVisible(series, true); }); // not under its own click
            return;
        }
        const int series = int(m_measured.indexOf(graph));
        if (series >= 0)
            QTimer::singleShot(0, this, [this, series] { setSeriesVisible(series, false); });
    });

    // Hover tooltips with the numbers behind a point.
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) { showToolTip(event->pos()); });

    applyFonts();
    reset(m_maxProcesses);
}

ScalingPlot::~ScalingPlot() = default;

QString ScalingPlot::viewName(View view)
{
    switch (view) {
    case View::WallTime:
        return tr("Wall time");
    case View::Speedup:
        return tr("Speedup");
    case View::Efficiency:
        return tr("Efficiency");
    case View::Breakdown:
        return tr("Breakdown");
    }
    return {};
}

QColor ScalingPlot::seriesColor(int series)
{
    static const QColor colors[] = { QColor(0x1f, 0x6f, 0xb4), QColor(0xe0, 0x6b, 0x10), QColor(0x2c, 0x9c, 0x3c),
        QColor(0xc6, 0x28, 0x28), QColor(0x6a, 0x3d, 0x9a), QColor(0x11, 0x9e, 0xb0) };
    return colors[series % 6];
}

QCPGraph* ScalingPlot::measuredGraph(int series) const
{
    return m_measured.value(series);
}
QCPGraph* ScalingPlot::amdahlGraph(int series) const
{
    return m_amdahl.value(series);
}
QCPErrorBars* ScalingPlot::errorBars(int series) const
{
    return m_errorBars.value(series);
}

QCPGraph* ScalingPlot::idealGraph(int series) const
{
    return m_ideal.value(curveView() == View::WallTime ? series : 0);
}

double ScalingPlot::serialFraction(int series) const
{
    return series < m_result.series.size() ? m_result.series.at(series).amdahl.serialFraction : -1;
}

void ScalingPlot::setView(View view)
{
    if (view == m_view)
        return;
    m_view = view;
    updateCompactness(); // which axes are on show
    rebuild();
}

void ScalingPlot::setTitle(const QString& title, const QString& subtitle)
{
    m_fullTitle = title;
    m_fullSubtitle = subtitle;
    updateTitles();
    updateCompactness();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScalingPlot::updateTitles()
{
    const int width = std::max(40, m_plot->width() - 24);
    m_title->setText(QFontMetrics(m_title->font()).elidedText(m_fullTitle, Qt::ElideRight, width));
    m_subtitle->setText(QFontMetrics(m_subtitle->font()).elidedText(m_fullSubtitle, Qt::ElideRight, width));
}

void ScalingPlot::reset(int maxProcesses)
{
    m_maxProcesses = std::max(1, maxProcesses);
    m_result = {};
    m_hidden.clear(); // the next sweep's series are others
    rebuild();
}

void ScalingPlot::setResult(const SweepResult& result)
{
    m_result = result;
    for (int p : result.spec.processes)
        m_maxProcesses = std::max(m_maxProcesses, p);
    rebuild();
}

void ScalingPlot::setOverlays(const QList<SweepOverlay>& overlays)
{
    m_overlays = overlays;
    rebuild();
}

void ScalingPlot::setPredictions(const QMap<int, double>& speedups)
{
    m_predictions = speedups;
    rebuild();
}

void ScalingPlot::setSeriesVisible(int series, bool visible)
{
    if (visible == isSeriesVisible(series))
        return;
    if (visible)
        m_hidden.remove(series);
    else
        m_hidden.insert(series);
    rebuild();
    Q_EMIT seriesVisibilityChanged(series, visible);
}

void ScalingPlot::setPresenterMode(bool on)
{
    m_presenter = on;
    applyFonts();
    rebuild(); // pens are made with the scale
}

void ScalingPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateTitles();
    updateLegendLayout();
    updateCompactness();
}

// Short of height (the sweep under the stage on a 900-line screen, a projector's 720 lines) the plot keeps what is
// read first, the title, the legend and the wall-time axes, and lets the rest go: first the breakdown (its figures
// then come with each point's tooltip), then the subtitle. Both come back when there is room again.
void ScalingPlot::updateCompactness()
{
    const int line = QFontMetrics(m_subtitle->font()).height();
    const int height = m_plot->height();
    bool changed = false;
    // QCustomPlot's layout gives a hidden element its room all the same (an empty text too): an element given up
    // leaves the grid, kept for when there is room again, and its row stretches to nothing.
    const auto place = [&](QCPLayoutElement* element, int row, bool shown, double stretch) {
        if (shown == element->visible())
            return;
        QCPLayoutGrid* layout = m_plot->plotLayout();
        if (shown)
            layout->addElement(row, 0, element);
        else
            layout->take(element);
        layout->setRowStretchFactor(row, shown ? stretch : 0.001);
        element->setVisible(shown);
        changed = true;
    };
    // The Breakdown view gives the bars the room of the curves and of their legend, whatever the height.
    const bool bars = m_view == View::Breakdown;
    // (not m_plot->axisRect(): QCustomPlot finds that one in its layout, which the curves may have left)
    place(m_plot->xAxis->axisRect(), 3, !bars, 1.0);
    place(m_plot->legend, 2, !bars, 0.001);
    place(m_breakdownRect, 4, bars || height >= 24 * line, bars ? 1.0 : 0.45);
    place(m_subtitle, 1, !m_fullSubtitle.isEmpty() && height >= 15 * line, 1.0);
    if (wantsCompactLegend() != m_compactLegend)
        rebuild();
    attachItems(bars ? m_breakdownRect : m_plot->xAxis->axisRect());
    updateAxisLabel();
    // Fewer ticks on a short value axis, so that their labels do not overlap.
    const int ticks = height >= 20 * line ? 5 : 2;
    if (m_plot->yAxis->ticker()->tickCount() != ticks) {
        m_plot->yAxis->ticker()->setTickCount(ticks);
        changed = true;
    }
    if (changed)
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// Where the breakdown went when the plot gave it up: the points' tooltips carry it, and the Breakdown view.
void ScalingPlot::updateAxisLabel()
{
    const QString plain = tr("number of processes p");
    const QString where = tr("number of processes p (breakdown: point at a point, or Ctrl+4)");
    const int width = m_plot->xAxis->axisRect()->width() > 0 ? m_plot->xAxis->axisRect()->width() : m_plot->width();
    const bool fits = QFontMetrics(m_plot->xAxis->labelFont()).horizontalAdvance(where) <= width;
    m_plot->xAxis->setLabel(!isBreakdownShown() && m_breakdownSeries >= 0 && fits ? where : plain);
    // Under the curves the bars share their p axis and its label; alone they need their own.
    m_breakdownRect->axis(QCPAxis::atBottom)
        ->setLabel(m_view == View::Breakdown ? tr("number of processes p") : QString());
}

void ScalingPlot::attachItems(QCPAxisRect* rect)
{
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    m_coresLine->point1->setAxes(x, y);
    m_coresLine->point2->setAxes(x, y);
    m_coresLine->setClipAxisRect(rect);
    m_coresLabel->position->setAxes(x, y);
    m_coresLabel->position->setAxisRect(rect);
    m_coresLabel->setClipAxisRect(rect);
    m_hint->position->setAxisRect(rect);
    m_hint->setClipAxisRect(rect);
}

bool ScalingPlot::isBreakdownShown() const
{
    return m_breakdownRect->visible();
}

bool ScalingPlot::isSubtitleShown() const
{
    return m_subtitle->visible();
}

namespace {
// How many columns of entries with these names fit in `available` pixels (QCustomPlot has no automatic wrapping),
// each as wide as its widest entry.
int legendColumns(const QCPLegend* legend, const QStringList& names, int available)
{
    const QFontMetrics fm(legend->font());
    QList<int> widths;
    for (const QString& name : names) // an entry's margins are QCustomPlot's default, 7 px a side
        widths << 14 + legend->iconSize().width() + legend->iconTextPadding() + fm.horizontalAdvance(name);
    available -= legend->margins().left() + legend->margins().right();
    int columns = int(widths.size());
    for (; columns > 1; --columns) {
        QList<int> widest(columns, 0);
        for (qsizetype i = 0; i < widths.size(); ++i)
            widest[i % columns] = std::max(widest.at(i % columns), widths.at(i));
        if (std::accumulate(widest.cbegin(), widest.cend(), 0) + (columns - 1) * legend->columnSpacing() <= available)
            break;
    }
    return std::max(1, columns);
}

// As many columns as fit in `available` pixels (0: all in one row), filled column by column. True if it changed.
bool fitLegendColumns(QCPLegend* legend, int available)
{
    QStringList names;
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
            names << item->plottable()->name();
    }
    const int columns = legendColumns(legend, names, available);
    const int wrap = columns >= names.size() ? 0 : columns;
    if (legend->wrap() == wrap)
        return false;
    legend->setWrap(wrap);
    legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    return true;
}
} // namespace

void ScalingPlot::updateLegendLayout()
{
    // The breakdown's key sits inside its axis rect, over the bars: it has the rect's width, less its axes'.
    const QMargins axes = m_breakdownRect->margins();
    const int barsWidth = m_plot->width() - (axes.left() > 0 ? axes.left() + axes.right() : 90);
    const bool main = fitLegendColumns(m_plot->legend, m_plot->width());
    if (fitLegendColumns(m_breakdownLegend, barsWidth) || main)
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    updateBreakdownRange();
}

// The bars' value axis leaves room above the tallest bar for the key's rows, and the label over the bars is elided
// to their width.
void ScalingPlot::updateBreakdownRange()
{
    const int columns = m_breakdownLegend->wrap() > 0 ? m_breakdownLegend->wrap() : Breakdown::PartCount;
    const int rows = (Breakdown::PartCount + columns - 1) / columns;
    const QCPRange range(0, m_breakdownTop > 0 ? m_breakdownTop * (1.3 + 0.15 * rows) : 1.0);
    QCPAxis* y = m_breakdownRect->axis(QCPAxis::atLeft);
    QCPAxis* above = m_breakdownRect->axis(QCPAxis::atTop);
    const int width = m_breakdownRect->width() > 0 ? m_breakdownRect->width() : m_plot->width() - 90;
    const QString label = QFontMetrics(above->labelFont()).elidedText(m_barsLabel, Qt::ElideRight, std::max(40, width));
    if (y->range() != range || above->label() != label) {
        y->setRange(range);
        above->setLabel(label);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

// A legend of many series (two entries each: the points, the fit) would take the axes' room: past a fifth of the
// plot's height, each series gets one entry that carries its fit.
bool ScalingPlot::wantsCompactLegend() const
{
    if (m_view == View::Breakdown || std::none_of(m_amdahl.cbegin(), m_amdahl.cend(), [](QCPGraph* g) { return g; }))
        return false;
    const int columns = legendColumns(m_plot->legend, m_fullLegendNames, m_plot->width());
    const auto rows = (m_fullLegendNames.size() + columns - 1) / columns;
    const int rowHeight = QFontMetrics(m_plot->legend->font()).height() + 4; // an entry's margins
    return int(rows) * rowHeight + 4 > m_plot->height() / 5;
}

void ScalingPlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyFonts();
}

void ScalingPlot::applyFonts()
{
    const QFont base = font();
    const auto scaled = [&](double factor, bool bold = false) {
        QFont f = base;
        f.setPointSizeF(base.pointSizeF() * factor);
        f.setBold(bold);
        return f;
    };
    m_title->setFont(scaled(1.35, true));
    m_subtitle->setFont(scaled(1.0));
    // Title, legend and the x axis's ticks and label take about seven lines; four more keep the wall-time axis
    // readable when everything else has given way (updateCompactness).
    m_plot->setMinimumSize(240, MinimumLines * QFontMetrics(m_subtitle->font()).height());
    updateTitles();
    for (QCPAxis* axis : { m_plot->xAxis, m_plot->yAxis }) {
        axis->setTickLabelFont(scaled(1.0));
        axis->setLabelFont(scaled(1.1));
    }
    m_plot->legend->setFont(scaled(1.0));
    for (QCPAxis* axis : { m_breakdownRect->axis(QCPAxis::atBottom), m_breakdownRect->axis(QCPAxis::atLeft),
             m_breakdownRect->axis(QCPAxis::atTop) }) {
        axis->setTickLabelFont(scaled(0.9));
        axis->setLabelFont(scaled(1.0));
    }
    m_breakdownLegend->setFont(scaled(0.85));
    updateLegendLayout();
    m_coresLabel->setFont(scaled(0.95));
    m_hint->setFont(scaled(1.3));
    m_valueLabelFont = scaled(0.95, true);
    for (QCPItemText* label : std::as_const(m_valueLabels))
        label->setFont(m_valueLabelFont);
    updateCompactness(); // its thresholds are in lines of this text
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double ScalingPlot::valueOf(const SweepSeries& s, double wall, int processes) const
{
    const double t1 = s.amdahl.t1;
    // Weak scaling: p times the work in T(p), so the speedup is Gustafson's scaled one, p T(1) / T(p).
    const double work = s.weak.isEmpty() ? 1.0 : processes;
    switch (curveView()) {
    case View::Breakdown: // not a curve view: drawn as wall time, out of sight
    case View::WallTime:
        return wall;
    case View::Speedup:
        return t1 > 0 && wall > 0 ? work * t1 / wall : 0.0;
    case View::Efficiency:
        return t1 > 0 && wall > 0 ? 100.0 * work * t1 / wall / processes : 0.0;
    }
    return wall;
}

void ScalingPlot::rebuild()
{
    m_breakdownLegend->clearItems(); // before its bars go
    m_breakdownBars.clear();
    m_hiddenStubs.clear();
    m_plot->clearPlottables();
    m_measured.clear();
    m_amdahl.clear();
    m_ideal.clear();
    m_errorBars.clear();
    m_overlayGraphs.clear();
    m_prediction = nullptr;
    for (QCPItemText* label : std::as_const(m_valueLabels))
        m_plot->removeItem(label);
    m_valueLabels.clear();

    double top = 0;
    // Overlays first: the current run is drawn on top of them.
    addOverlayGraphs(top);
    for (const SweepSeries& s : std::as_const(m_result.series))
        addSeriesGraphs(s, top);
    addPrediction(top);

    // Value labels above the points, readable from the back of the room, while one series is on show.
    int shown = 0;
    int only = -1;
    for (qsizetype i = 0; i < m_measured.size(); ++i) {
        if (m_measured.at(i) && m_measured.at(i)->dataCount() > 0) {
            ++shown;
            only = int(i);
        }
    }
    if (shown == 1 && m_view != View::Breakdown) // they would float over the bars
        addValueLabels(m_measured.at(only), m_errorBars.at(only), seriesColor(only).darker(120));

    addBreakdownBars();
    // The legend: every series and its fit, one ideal entry, the prediction, the overlays; when that would take the
    // axes' room, a series' fit goes into its entry.
    m_plot->legend->clearItems();
    for (qsizetype i = 0; i < m_measured.size(); ++i) {
        if (!m_measured.at(i) && i < m_result.series.size() && m_result.series.size() > 1) {
            auto* stub = m_plot->addGraph(); // no data: only its legend entry, greyed
            stub->setName(tr("%1 (hidden)").arg(m_result.series.at(i).label()));
            stub->setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 2 * scale(), Qt::DotLine));
            stub->addToLegend();
            m_hiddenStubs.insert(stub, int(i));
        }
        if (m_measured.at(i))
            m_measured.at(i)->addToLegend();
        if (m_amdahl.at(i))
            m_amdahl.at(i)->addToLegend();
        if (shown == 1 && m_errorBars.at(i) && m_errorBars.at(i)->visible())
            m_errorBars.at(i)->addToLegend();
    }
    for (QCPGraph* ideal : std::as_const(m_ideal)) {
        if (ideal) {
            ideal->addToLegend();
            break;
        }
    }
    if (m_prediction)
        m_prediction->addToLegend();
    for (QCPGraph* g : std::as_const(m_overlayGraphs))
        g->addToLegend();
    // Short of room, a series' entry carries its fit ("process: Amdahl s = 0.10") and the dotted curve of its colour
    // goes unlabelled: one entry per series instead of two.
    m_fullLegendNames.clear();
    for (int i = 0; i < m_plot->legend->itemCount(); ++i) {
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(m_plot->legend->item(i)))
            m_fullLegendNames << item->plottable()->name();
    }
    m_compactLegend = wantsCompactLegend();
    if (m_compactLegend) {
        for (qsizetype i = 0; i < m_measured.size(); ++i) {
            if (m_measured.at(i) && m_amdahl.at(i)) {
                m_measured.at(i)->setName(m_amdahl.at(i)->name());
                m_amdahl.at(i)->removeFromLegend();
            }
        }
    }
    updateLegendLayout();

    // Axes.
    m_plot->xAxis->setRange(0.5, m_maxProcesses + 0.5);
    switch (curveView()) {
    case View::Breakdown: // not a curve view: drawn as wall time, out of sight
    case View::WallTime:
        m_plot->yAxis->setLabel(tr("wall time (s)"));
        break;
    case View::Speedup:
        m_plot->yAxis->setLabel(!m_result.series.isEmpty()
                    && std::all_of(m_result.series.cbegin(), m_result.series.cend(),
                        [](const SweepSeries& s) { return !s.weak.isEmpty(); })
                ? tr("scaled speedup p · T(1) / T(p)")
                : tr("speedup T(1) / T(p)"));
        break;
    case View::Efficiency:
        m_plot->yAxis->setLabel(tr("efficiency (%)"));
        top = std::max(top, 100.0);
        break;
    }
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.22 : 1.0);

    // Where the CPUs run out.
    const int cores = QThread::idealThreadCount();
    const bool coresVisible = cores >= 1 && cores < m_maxProcesses;
    m_coresLine->setVisible(coresVisible);
    m_coresLabel->setVisible(coresVisible);
    m_coresLine->point1->setCoords(cores, 0);
    m_coresLine->point2->setCoords(cores, 1);
    m_coresLabel->position->setCoords(cores, 0.0);
    m_coresLabel->setText(cores == 1 ? tr("1 core on this machine") : tr("%1 cores on this machine").arg(cores));

    bool anyPoint = false;
    for (const SweepSeries& s : std::as_const(m_result.series))
        anyPoint = anyPoint || !s.points.isEmpty();
    if (m_view == View::Breakdown && anyPoint && m_breakdownSeries < 0) {
        m_hint->setVisible(true);
        m_hint->setText(tr("No breakdown: it is made from a process pool's events, and no series on show ran one\n"
                           "(threads, MPI ranks and workloads that start their own processes have none)"));
    } else {
        m_hint->setVisible(!anyPoint && (m_overlayGraphs.isEmpty() || m_view == View::Breakdown));
        m_hint->setText(tr("Press Run (Ctrl+R) to measure p = 1 … %1").arg(m_maxProcesses));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScalingPlot::addSeriesGraphs(const SweepSeries& s, double& top)
{
    const int index = int(m_measured.size());
    m_measured.append(nullptr);
    m_amdahl.append(nullptr);
    m_ideal.append(nullptr);
    m_errorBars.append(nullptr);
    if (!isSeriesVisible(index))
        return;
    const QColor color = seriesColor(index);
    const double k = scale();
    const double t1 = s.amdahl.t1;
    const bool needsBaseline = curveView() != View::WallTime;

    // Measured points and their spread; in the speedup and efficiency views the fastest run is the highest.
    QVector<double> xs;
    QVector<double> ys;
    QVector<double> minus;
    QVector<double> plus;
    bool spread = false;
    for (const SweepPoint& p : s.points) {
        if (needsBaseline && !(t1 > 0))
            break;
        const double y = valueOf(s, p.median, p.processes);
        const double lo = needsBaseline ? valueOf(s, p.max, p.processes) : p.min;
        const double hi = needsBaseline ? valueOf(s, p.min, p.processes) : p.max;
        xs << p.processes;
        ys << y;
        minus << y - lo;
        plus << hi - y;
        spread = spread || p.wallSeconds.size() > 1;
        top = std::max(top, hi);
    }
    if (t1 > 0)
        addCurves(s, index, top);

    // The measured line last, on top of its curves.
    QCPGraph* measured = m_plot->addGraph();
    measured->setName(s.label());
    measured->setPen(QPen(color, 2.5 * k));
    measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 2 * k), Qt::white, 10 * k));
    measured->setData(xs, ys, true);
    m_measured[index] = measured;
    auto* bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
    bars->setName(tr("min–max of repeats"));
    bars->setDataPlottable(measured);
    bars->setPen(QPen(color.darker(130), 1.5 * k));
    bars->setWhiskerWidth(12 * k);
    bars->setSymbolGap(12 * k);
    bars->setData(minus, plus);
    bars->setVisible(spread && !xs.isEmpty());
    bars->removeFromLegend();
    m_errorBars[index] = bars;
}

void ScalingPlot::addCurves(const SweepSeries& s, int index, double& top)
{
    const QColor color = seriesColor(index);
    const double k = scale();
    const double t1 = s.amdahl.t1;
    // Ideal and Amdahl curves, sampled finely so the hyperbolas look smooth. The ideal speedup (p) and
    // efficiency (100 %) are the same for every series: drawn once, for the first series on show. A weak series
    // has Gustafson's law instead, and a flat ideal wall time: p times the work in the time of p = 1.
    const double f = s.amdahl.serialFraction;
    const bool weak = !s.weak.isEmpty();
    QVector<double> cx;
    QVector<double> ideal;
    QVector<double> amdahl;
    for (double p = 1; p <= m_maxProcesses + 1e-9; p += 0.05) {
        cx << p;
        // T(p) / T(1) under the fitted law, then as a speedup (the scaled one for a weak series): S = work / that.
        const double fraction = f < 0 ? 0 : weak ? p / (p - f * (p - 1)) : f + (1 - f) / s.amdahl.computing(p);
        const double work = weak ? p : 1;
        switch (curveView()) {
        case View::Breakdown: // not a curve view: drawn as wall time, out of sight
        case View::WallTime:
            ideal << (weak ? t1 : t1 / p);
            amdahl << t1 * fraction;
            break;
        case View::Speedup:
            ideal << p;
            amdahl << (fraction > 0 ? work / fraction : 0);
            break;
        case View::Efficiency:
            ideal << 100;
            amdahl << (fraction > 0 ? 100 * work / (fraction * p) : 0);
            break;
        }
    }
    const bool sharedIdeal = curveView() != View::WallTime;
    const bool drawIdeal
        = !sharedIdeal || std::none_of(m_ideal.cbegin(), m_ideal.cend(), [](QCPGraph* g) { return g; });
    if (drawIdeal) {
        QCPGraph* g = m_plot->addGraph();
        // With several series each has its own T(1): its ideal curve is a light dashed line of its colour.
        QColor c = sharedIdeal || m_result.series.size() == 1 ? idealColor : color.lighter(130);
        g->setPen(QPen(c, 2 * k, Qt::DashLine));
        switch (curveView()) {
        case View::Breakdown: // not a curve view: drawn as wall time, out of sight
        case View::WallTime:
            if (weak)
                g->setName(m_result.series.size() == 1 ? tr("ideal: T(1) at every p (weak scaling)")
                                                       : tr("ideal: T(1) at every p (dashed, each weak series)"));
            else
                g->setName(
                    m_result.series.size() == 1 ? tr("ideal T(1) / p") : tr("ideal T(1) / p (dashed, each series)"));
            break;
        case View::Speedup:
            g->setName(tr("ideal speedup = p"));
            break;
        case View::Efficiency:
            g->setName(tr("ideal efficiency = 100 %"));
            break;
        }
        g->setData(cx, ideal, true);
        m_ideal[index] = g;
        top = std::max(top, curveView() == View::WallTime ? t1 : *std::max_element(ideal.cbegin(), ideal.cend()));
    }
    if (f >= 0) {
        QCPGraph* g = m_plot->addGraph();
        g->setPen(QPen(color, 2 * k, Qt::DotLine));
        g->setName(weak ? tr("%1: Gustafson s = %2").arg(s.label()).arg(f, 0, 'f', f < 0.1 ? 3 : 2)
                        : tr("%1: Amdahl s = %2").arg(s.label()).arg(f, 0, 'f', f < 0.1 ? 3 : 2));
        g->setData(cx, amdahl, true);
        m_amdahl[index] = g;
    }
}

void ScalingPlot::addOverlayGraphs(double& top)
{
    const double k = scale();
    for (qsizetype o = 0; o < m_overlays.size(); ++o) {
        const SweepOverlay& overlay = m_overlays.at(o);
        for (const SweepSeries& s : overlay.result.series) {
            QColor color = overlayColor(int(m_overlayGraphs.size()));
            color.setAlpha(170);
            QVector<double> xs;
            QVector<double> ys;
            for (const SweepPoint& p : s.points) {
                if (curveView() != View::WallTime && !(s.amdahl.t1 > 0))
                    break;
                xs << p.processes;
                ys << valueOf(s, p.median, p.processes);
                top = std::max(top, ys.last());
            }
            QCPGraph* g = m_plot->addGraph();
            g->setPen(QPen(color, 2 * k, Qt::DashLine));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(color, 1.5 * k), Qt::white, 7 * k));
            g->setName(tr("%1 · %2 (%3)").arg(overlay.label, s.label(), takenText(overlay.taken)));
            g->setData(xs, ys, true);
            m_overlayGraphs << g;
        }
    }
}

void ScalingPlot::addPrediction(double& top)
{
    if (m_predictions.isEmpty())
        return;
    // Against the first series: in the wall time view a predicted speedup S is the time T(1) / S.
    const SweepSeries* first = m_result.series.isEmpty() ? nullptr : &m_result.series.first();
    const double t1 = first ? first->amdahl.t1 : 0;
    if (curveView() == View::WallTime && !(t1 > 0))
        return;
    QVector<double> xs;
    QVector<double> ys;
    for (auto it = m_predictions.cbegin(); it != m_predictions.cend(); ++it) {
        if (!(it.value() > 0))
            continue;
        xs << it.key();
        switch (curveView()) {
        case View::Breakdown: // not a curve view: drawn as wall time, out of sight
        case View::WallTime:
            ys << t1 / it.value();
            break;
        case View::Speedup:
            ys << it.value();
            break;
        case View::Efficiency:
            ys << 100 * it.value() / it.key();
            break;
        }
        top = std::max(top, ys.last());
    }
    const double k = scale();
    m_prediction = m_plot->addGraph();
    m_prediction->setName(tr("your prediction"));
    m_prediction->setPen(QPen(predictionColor, 1.5 * k, Qt::DashDotLine));
    m_prediction->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(predictionColor, 2 * k), QColor(0xf8, 0xbb, 0xd0), 11 * k));
    m_prediction->setData(xs, ys, true);
}

void ScalingPlot::addValueLabels(const QCPGraph* graph, const QCPErrorBars* bars, const QColor& color)
{
    for (int i = 0; i < graph->dataCount(); ++i) {
        const double x = graph->data()->at(i)->key;
        const double y = graph->data()->at(i)->value;
        const double above = bars && bars->visible() && i < bars->dataCount() ? bars->data()->at(i).errorPlus : 0;
        auto* label = new QCPItemText(m_plot);
        label->position->setCoords(x, y + above);
        label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
        label->setPadding(QMargins(2, 2, 2, 6));
        label->setColor(color);
        label->setClipToAxisRect(false);
        label->setFont(m_valueLabelFont);
        switch (curveView()) {
        case View::Breakdown: // not a curve view: drawn as wall time, out of sight
        case View::WallTime:
            label->setText(y < 1 ? tr("%1 ms").arg(y * 1e3, 0, 'f', y < 0.01 ? 2 : 0) : tr("%1 s").arg(y, 0, 'f', 2));
            break;
        case View::Speedup:
            label->setText(tr("%1×").arg(y, 0, 'f', 2));
            break;
        case View::Efficiency:
            label->setText(tr("%1 %").arg(y, 0, 'f', 0));
            break;
        }
        m_valueLabels << label;
    }
}

std::optional<std::pair<int, int>> ScalingPlot::pointAt(const QPointF& pos, double radius) const
{
    std::optional<std::pair<int, int>> best;
    if (m_view == View::Breakdown)
        return best; // the curves are out of sight
    double bestDistance = radius;
    for (qsizetype i = 0; i < m_measured.size(); ++i) {
        const QCPGraph* g = m_measured.at(i);
        if (!g)
            continue;
        for (int k = 0; k < g->dataCount(); ++k) {
            const QPointF pixel = g->coordsToPixels(g->data()->at(k)->key, g->data()->at(k)->value);
            const double d = std::hypot(pixel.x() - pos.x(), pixel.y() - pos.y());
            if (d <= bestDistance) {
                bestDistance = d;
                best = std::make_pair(int(i), int(g->data()->at(k)->key));
            }
        }
    }
    return best;
}

QString ScalingPlot::pointToolTip(int series, int processes) const
{
    if (series < 0 || series >= m_result.series.size())
        return {};
    const SweepSeries& s = m_result.series.at(series);
    const SweepPoint* p = findPoint(s, processes);
    if (!p)
        return {};
    QStringList lines;
    lines << tr("%1 · p = %2").arg(s.label()).arg(p->processes);
    const QString runs = p->wallSeconds.size() == 1 ? tr("1 run") : tr("%1 runs").arg(p->wallSeconds.size());
    lines << tr("median %1 (min %2, max %3; %4)")
                 .arg(formatSeconds(p->median), formatSeconds(p->min), formatSeconds(p->max), runs);
    if (std::isfinite(p->speedup))
        lines << tr("speedup %1× · efficiency %2 %").arg(p->speedup, 0, 'f', 2).arg(100 * p->efficiency, 0, 'f', 0);
    if (std::isfinite(p->karpFlatt))
        lines << tr("Karp–Flatt %1").arg(p->karpFlatt, 0, 'f', 3);
    lines << tr("pool start-up %1").arg(formatSeconds(p->startupSeconds));
    if (!p->verified)
        lines << tr("NOT VERIFIED against the serial result");
    if (series == 0 && m_predictions.contains(processes) && std::isfinite(p->speedup))
        lines << tr("you expected %1×, measured %2×")
                     .arg(m_predictions.value(processes), 0, 'f', 1)
                     .arg(p->speedup, 0, 'f', 1);
    return lines.join(QLatin1Char('\n'));
}

QString ScalingPlot::breakdownPartName(Breakdown::Part part)
{
    switch (part) {
    case Breakdown::Part::Useful:
        return tr("useful work");
    case Breakdown::Part::Startup:
        return tr("pool start-up");
    case Breakdown::Part::Serial:
        return tr("serial part");
    case Breakdown::Part::Overhead:
        return tr("dispatch and results");
    case Breakdown::Part::Waiting:
        return tr("waiting");
    case Breakdown::Part::Imbalance:
        return tr("imbalance");
    }
    return {};
}

QColor ScalingPlot::breakdownColor(Breakdown::Part part)
{
    switch (part) {
    case Breakdown::Part::Useful:
        return QColor(0x4c, 0xaf, 0x50);
    case Breakdown::Part::Startup:
        return QColor(0x9e, 0x9e, 0x9e);
    case Breakdown::Part::Serial:
        return QColor(0x8e, 0x44, 0xad);
    case Breakdown::Part::Overhead:
        return QColor(0xf3, 0x9c, 0x12);
    case Breakdown::Part::Waiting:
        return QColor(0xe7, 0x4c, 0x3c);
    case Breakdown::Part::Imbalance:
        return QColor(0x34, 0x98, 0xdb);
    }
    return Qt::gray;
}

// Stacked bars, useful work at the bottom: under the curves, of the first visible series that has a breakdown; in
// the Breakdown view, of every visible series that has one, side by side at each p, so that a mistake and its fix
// (chunksize 1 and the default) can be compared bar by bar.
void ScalingPlot::addBreakdownBars()
{
    m_breakdownSeries = -1;
    m_barSeries.clear();
    QList<const SweepSeries*> shown;
    for (const SweepSeries& s : std::as_const(m_result.series)) {
        if (m_hidden.contains(s.index))
            continue;
        if (std::any_of(s.points.cbegin(), s.points.cend(), [](const SweepPoint& p) { return p.breakdown.valid(); }))
            shown << &s;
    }
    if (!shown.isEmpty())
        m_breakdownSeries = shown.first()->index;
    if (m_view != View::Breakdown && shown.size() > 1)
        shown.resize(1);
    QCPAxis* x = m_breakdownRect->axis(QCPAxis::atBottom);
    QCPAxis* y = m_breakdownRect->axis(QCPAxis::atLeft);
    x->setRange(0.5, m_maxProcesses + 0.5);
    const int n = int(shown.size());
    const double slot = n > 1 ? BarGroupWidth / n : 0.6;
    double top = 0;
    QStringList order;
    for (int j = 0; j < n; ++j) {
        const SweepSeries& series = *shown.at(j);
        m_barSeries << series.index;
        order << series.label();
        const double offset = n > 1 ? (j - (n - 1) / 2.0) * slot : 0.0;
        QCPBars* below = nullptr;
        for (int i = 0; i < Breakdown::PartCount; ++i) {
            const auto part = Breakdown::Part(i);
            auto* bars = new QCPBars(x, y);
            bars->setName(breakdownPartName(part));
            bars->setWidth(n > 1 ? slot * 0.9 : slot);
            // Side by side, each series' bars are outlined in its colour.
            bars->setPen(
                n > 1 ? QPen(seriesColor(series.index), 1.5 * scale()) : QPen(breakdownColor(part).darker(130), 0.5));
            bars->setBrush(breakdownColor(part));
            bars->setStackingGap(0);
            for (const SweepPoint& p : series.points) {
                if (p.breakdown.valid())
                    bars->addData(p.processes + offset, p.breakdown.part(part));
            }
            if (below)
                bars->moveAbove(below);
            below = bars;
            bars->removeFromLegend();
            if (j == 0)
                bars->addToLegend(m_breakdownLegend);
            m_breakdownBars << bars;
        }
        for (const SweepPoint& p : series.points)
            top = std::max(top, p.breakdown.valid() ? p.breakdown.total() : 0.0);
    }
    m_breakdownLegend->setVisible(n > 0);
    updateAxisLabel();
    y->setLabel(n > 0 ? tr("p × time (s)") : tr("breakdown"));
    // Which bars are whose: a lone series' name, the order of several. updateBreakdownRange() draws it and sets the
    // value range, once rebuild() has fitted the key (updateLegendLayout).
    m_barsLabel = m_view != View::Breakdown || n == 0 ? QString()
        : n == 1                                      ? shown.first()->label()
        : n == 2 ? tr("left: %1 · right: %2 (outlined in the series' colour)").arg(order.at(0), order.at(1))
                 : tr("left to right: %1 (outlined in the series' colour)").arg(order.join(QStringLiteral(" · ")));
    m_breakdownTop = top;
}

int ScalingPlot::barSeriesAt(double key) const
{
    const int n = int(m_barSeries.size());
    if (n == 0)
        return -1;
    if (n == 1)
        return m_barSeries.first();
    const double offset = key - std::round(key); // -0.5 .. 0.5 around p
    const int j = int(std::floor((offset + BarGroupWidth / 2) / (BarGroupWidth / n)));
    return m_barSeries.at(std::clamp(j, 0, n - 1));
}

QString ScalingPlot::breakdownToolTip(int processes, int series) const
{
    if (series < 0)
        series = m_breakdownSeries;
    const SweepPoint* p = nullptr;
    QString label;
    for (const SweepSeries& s : std::as_const(m_result.series)) {
        if (s.index == series) {
            p = findPoint(s, processes);
            label = s.label();
        }
    }
    if (!p || !p->breakdown.valid())
        return {};
    const Breakdown& b = p->breakdown;
    const double all = b.capacity();
    QStringList lines;
    lines << tr("%1 · p = %2: where p × time went").arg(label).arg(processes);
    lines << tr("%1 processes × %2 (start-up + wall) = %3 of process time")
                 .arg(b.processes)
                 .arg(formatSeconds(b.spanSeconds), formatSeconds(all));
    const QString explanations[] = {
        tr("the tasks' own time"),
        tr("every process waits until the pool is ready"),
        tr("the main process works alone, the workers wait"),
        tr("workers wait for a task to arrive, and for the last results to reach the main process"),
        tr("tasks blocked on a lock, queue, pipe or barrier"),
        tr("workers idle after their last task while another still computes"),
    };
    for (int i = 0; i < Breakdown::PartCount; ++i) {
        const auto part = Breakdown::Part(i);
        lines << tr("%1: %2 (%3 %) · %4")
                     .arg(breakdownPartName(part), formatSeconds(b.part(part)))
                     .arg(all > 0 ? 100 * b.part(part) / all : 0, 0, 'f', 0)
                     .arg(explanations[i]);
    }
    lines << tr("Largest loss: %1. Perfect scaling keeps the bars as tall as at p = 1.")
                 .arg(breakdownPartName(b.largestLoss()));
    return lines.join(QLatin1Char('\n'));
}

void ScalingPlot::showToolTip(const QPointF& pos)
{
    if (isBreakdownShown() && m_breakdownRect->rect().contains(pos.toPoint())) {
        const double key = m_breakdownRect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
        const QString text = breakdownToolTip(int(std::lround(key)), barSeriesAt(key));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(m_plot->mapToGlobal(pos.toPoint()), text, m_plot);
        return;
    }
    const auto hit = pointAt(pos);
    if (!hit) {
        QToolTip::hideText();
        return;
    }
    QString text = pointToolTip(hit->first, hit->second);
    if (!isBreakdownShown()) {
        if (const QString breakdown = breakdownToolTip(hit->second, hit->first); !breakdown.isEmpty())
            text += QStringLiteral("\n\n") + breakdown;
    }
    QToolTip::showText(m_plot->mapToGlobal(pos.toPoint()), text, m_plot);
}

void ScalingPlot::replotNow()
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

bool ScalingPlot::exportSvg(const QString& fileName)
{
    // QCustomPlot writes no SVG itself; it paints into Qt's SVG generator as into any vector device.
    const int w = m_plot->width();
    const int h = m_plot->height();
    QSvgGenerator generator;
    generator.setFileName(fileName);
    generator.setSize(QSize(w, h));
    generator.setViewBox(QRect(0, 0, w, h));
    generator.setTitle(m_fullTitle);
    generator.setDescription(m_fullSubtitle);
    QCPPainter painter;
    if (!painter.begin(&generator))
        return false;
    m_plot->toPainter(&painter, w, h);
    return painter.end();
}

bool ScalingPlot::exportTo(const QString& fileName, QString* error)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("pdf"))
        ok = m_plot->savePdf(fileName);
    else if (suffix == QLatin1String("svg"))
        ok = exportSvg(fileName);
    else if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        ok = m_plot->saveJpg(fileName, 0, 0, 2.0, 92);
    else if (suffix == QLatin1String("png"))
        ok = m_plot->savePng(fileName, 0, 0, 2.0);
    else {
        if (error)
            *error = tr("unsupported file type '%1' (use .png, .jpg, .pdf or .svg)").arg(suffix);
        return false;
    }
    if (!ok && error)
        *error = tr("could not write %1").arg(fileName);
    qCDebug(lcUi) << "exported the plot to" << fileName << ok;
    return ok;
}

} // namespace proclab
