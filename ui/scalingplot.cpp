// qcp.h has to come first (it needs Qt's foreach before any other Qt header hides it): see there.
#include "qcp.h"

#include "scalingplot.h"

#include "uilogging.h"

#include <QEvent>
#include <QFileInfo>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

const QColor measuredColor(0x1f, 0x6f, 0xb4);
const QColor idealColor(0x70, 0x70, 0x70);
const QColor amdahlColor(0xe0, 0x7b, 0x10);
const QColor coresColor(0x9a, 0x9a, 0x9a);

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

    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, tr("Wall time against the number of processes"));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_plot->plotLayout()->insertRow(1);
    m_subtitle = new QCPTextElement(m_plot, QString());
    m_subtitle->setTextColor(QColor(0x55, 0x55, 0x55));
    m_plot->plotLayout()->addElement(1, 0, m_subtitle);

    m_ideal = m_plot->addGraph();
    m_ideal->setPen(QPen(idealColor, 2, Qt::DashLine));
    m_amdahl = m_plot->addGraph();
    m_amdahl->setPen(QPen(amdahlColor, 2, Qt::DotLine));
    m_measured = m_plot->addGraph(); // last: drawn on top
    m_measured->setName(tr("measured (median)"));
    m_measured->setPen(QPen(measuredColor, 2.5));
    m_measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(measuredColor, 2), Qt::white, 10));
    m_errorBars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
    m_errorBars->setName(tr("min–max of repeats"));
    m_errorBars->setDataPlottable(m_measured);
    m_errorBars->setPen(QPen(measuredColor.darker(130), 1.5));
    m_errorBars->setWhiskerWidth(12);
    m_errorBars->setSymbolGap(12);

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
    }
    return {};
}

void ScalingPlot::setView(View view)
{
    if (view == m_view)
        return;
    m_view = view;
    rebuild();
}

void ScalingPlot::setTitle(const QString& title, const QString& subtitle)
{
    m_title->setText(title);
    m_subtitle->setText(subtitle);
    m_subtitle->setVisible(!subtitle.isEmpty());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScalingPlot::reset(int maxProcesses)
{
    m_maxProcesses = std::max(1, maxProcesses);
    m_points.clear();
    rebuild();
}

void ScalingPlot::setPoints(const QList<SweepPoint>& points)
{
    m_points = points;
    rebuild();
}

void ScalingPlot::setPresenterMode(bool on)
{
    m_presenter = on;
    const double scale = on ? 1.6 : 1.0;
    m_measured->setPen(QPen(measuredColor, 2.5 * scale));
    m_measured->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(measuredColor, 2 * scale), Qt::white, 10 * scale));
    m_ideal->setPen(QPen(idealColor, 2 * scale, Qt::DashLine));
    m_amdahl->setPen(QPen(amdahlColor, 2 * scale, Qt::DotLine));
    m_errorBars->setPen(QPen(measuredColor.darker(130), 1.5 * scale));
    applyFonts();
}

void ScalingPlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateLegendLayout();
}

// One row when the entries fit the width, else two columns (QCustomPlot has no automatic wrapping).
void ScalingPlot::updateLegendLayout()
{
    QCPLegend* legend = m_plot->legend;
    const QFontMetrics fm(legend->font());
    int needed = legend->margins().left() + legend->margins().right();
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i))) {
            needed += legend->iconSize().width() + legend->iconTextPadding()
                + fm.horizontalAdvance(item->plottable()->name()) + legend->columnSpacing() + 16;
        }
    }
    const int wrap = needed > m_plot->width() ? 2 : 0;
    if (legend->wrap() != wrap) {
        legend->setWrap(wrap);
        legend->setFillOrder(QCPLegend::foColumnsFirst, true);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
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
    for (QCPAxis* axis : { m_plot->xAxis, m_plot->yAxis }) {
        axis->setTickLabelFont(scaled(1.0));
        axis->setLabelFont(scaled(1.1));
    }
    m_plot->legend->setFont(scaled(1.0));
    updateLegendLayout();
    m_coresLabel->setFont(scaled(0.95));
    m_hint->setFont(scaled(1.3));
    m_valueLabelFont = scaled(0.95, true);
    for (QCPItemText* label : std::as_const(m_valueLabels))
        label->setFont(m_valueLabelFont);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScalingPlot::rebuild()
{
    // Baseline and Amdahl fit (the core's, as the CLI computes it), over p <= cores: beyond the cores speedup
    // stops for want of CPUs, not because of serial work.
    const int cores = QThread::idealThreadCount();
    QList<std::pair<int, double>> times;
    for (const SweepPoint& p : std::as_const(m_points))
        times.append({ p.processes, p.median });
    const AmdahlFit fit = fitAmdahl(times, cores);
    const double t1 = fit.t1;
    m_serialFraction = fit.serialFraction;

    const auto valueOf = [&](const SweepPoint& p, double wall) {
        switch (m_view) {
        case View::WallTime:
            return wall;
        case View::Speedup:
            return t1 > 0 ? t1 / wall : 0.0;
        case View::Efficiency:
            return t1 > 0 ? 100.0 * t1 / wall / p.processes : 0.0;
        }
        return wall;
    };
    const bool needsBaseline = m_view != View::WallTime;

    // Measured points and their spread.
    QVector<double> xs;
    QVector<double> ys;
    QVector<double> minus;
    QVector<double> plus;
    bool spread = false;
    double top = 0;
    for (const SweepPoint& p : std::as_const(m_points)) {
        if (needsBaseline && t1 <= 0)
            break;
        const double y = valueOf(p, p.median);
        // In the speedup and efficiency views the fastest run gives the highest value.
        const double lo = needsBaseline ? valueOf(p, p.max) : p.min;
        const double hi = needsBaseline ? valueOf(p, p.min) : p.max;
        xs << p.processes;
        ys << y;
        minus << y - lo;
        plus << hi - y;
        spread = spread || p.wallSeconds.size() > 1;
        top = std::max(top, hi);
    }
    m_measured->setData(xs, ys, true);
    m_errorBars->setData(minus, plus);
    m_errorBars->setVisible(spread && !xs.isEmpty());

    // Ideal and Amdahl curves, sampled finely so the hyperbolas look smooth.
    QVector<double> cx;
    QVector<double> ideal;
    QVector<double> amdahl;
    if (t1 > 0) {
        const double s = m_serialFraction;
        for (double p = 1; p <= m_maxProcesses + 1e-9; p += 0.05) {
            cx << p;
            const double fraction = s >= 0 ? s + (1 - s) / p : 0; // T(p) / T(1) under Amdahl
            switch (m_view) {
            case View::WallTime:
                ideal << t1 / p;
                amdahl << t1 * fraction;
                break;
            case View::Speedup:
                ideal << p;
                amdahl << (fraction > 0 ? 1 / fraction : 0);
                break;
            case View::Efficiency:
                ideal << 100;
                amdahl << (fraction > 0 ? 100 / (fraction * p) : 0);
                break;
            }
        }
        top = std::max(top, m_view == View::WallTime ? t1 : *std::max_element(ideal.cbegin(), ideal.cend()));
    }
    m_ideal->setData(cx, ideal, true);
    m_amdahl->setData(cx, amdahl, true);
    switch (m_view) {
    case View::WallTime:
        m_ideal->setName(tr("ideal T(1) / p"));
        break;
    case View::Speedup:
        m_ideal->setName(tr("ideal speedup = p"));
        break;
    case View::Efficiency:
        m_ideal->setName(tr("ideal efficiency = 100 %"));
        break;
    }
    m_amdahl->setName(tr("Amdahl fit (serial fraction %1 %)").arg(100 * std::max(0.0, m_serialFraction), 0, 'f', 1));
    m_ideal->setVisible(t1 > 0);
    m_amdahl->setVisible(t1 > 0 && m_serialFraction >= 0);
    m_plot->legend->clearItems();
    for (QCPAbstractPlottable* plottable :
        std::initializer_list<QCPAbstractPlottable*> { m_measured, m_errorBars, m_ideal, m_amdahl }) {
        if (plottable->visible())
            plottable->addToLegend();
    }
    updateLegendLayout();

    // Value labels above the points: readable from the back of the room.
    for (QCPItemText* label : std::as_const(m_valueLabels))
        m_plot->removeItem(label);
    m_valueLabels.clear();
    for (qsizetype i = 0; i < xs.size(); ++i) {
        auto* label = new QCPItemText(m_plot);
        label->position->setCoords(xs.at(i), ys.at(i) + plus.at(i));
        label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
        label->setPadding(QMargins(2, 2, 2, 6));
        label->setColor(measuredColor.darker(120));
        label->setClipToAxisRect(false);
        label->setFont(m_valueLabelFont);
        const double y = ys.at(i);
        switch (m_view) {
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

    // Axes.
    m_plot->xAxis->setRange(0.5, m_maxProcesses + 0.5);
    switch (m_view) {
    case View::WallTime:
        m_plot->yAxis->setLabel(tr("wall time (s)"));
        break;
    case View::Speedup:
        m_plot->yAxis->setLabel(tr("speedup T(1) / T(p)"));
        break;
    case View::Efficiency:
        m_plot->yAxis->setLabel(tr("efficiency (%)"));
        top = std::max(top, 100.0);
        break;
    }
    m_plot->yAxis->setRange(0, top > 0 ? top * 1.22 : 1.0);

    // Where the CPUs run out.
    const bool coresVisible = cores >= 1 && cores < m_maxProcesses;
    m_coresLine->setVisible(coresVisible);
    m_coresLabel->setVisible(coresVisible);
    m_coresLine->point1->setCoords(cores, 0);
    m_coresLine->point2->setCoords(cores, 1);
    m_coresLabel->position->setCoords(cores, 0.0);
    m_coresLabel->setText(cores == 1 ? tr("1 core on this machine") : tr("%1 cores on this machine").arg(cores));

    m_hint->setVisible(m_points.isEmpty());
    m_hint->setText(tr("Press Run (Ctrl+R) to measure p = 1 … %1").arg(m_maxProcesses));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ScalingPlot::replotNow()
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

bool ScalingPlot::exportTo(const QString& fileName, QString* error)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("pdf"))
        ok = m_plot->savePdf(fileName);
    else if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        ok = m_plot->saveJpg(fileName, 0, 0, 2.0, 92);
    else if (suffix == QLatin1String("png"))
        ok = m_plot->savePng(fileName, 0, 0, 2.0);
    else {
        if (error)
            *error = tr("unsupported file type '%1' (use .png, .jpg or .pdf)").arg(suffix);
        return false;
    }
    if (!ok && error)
        *error = tr("could not write %1").arg(fileName);
    qCDebug(lcUi) << "exported the plot to" << fileName << ok;
    return ok;
}

} // namespace proclab
