#include "timelineview.h"

#include "stageframepacer.h"

#include "base/platform.h"
#include "format.h"
#include "session/eventplayer.h"
#include "session/timelinemodel.h"
#include "stagepalette.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace proclab {

namespace {

// Which of several slices sharing a pixel column to show: waits and work before idleness.
int priority(Activity a)
{
    switch (a) {
    case Activity::Idle:
        return 0;
    case Activity::Starting:
        return 1;
    case Activity::Running:
        return 2;
    default:
        return 3;
    }
}

QString sliceText(const TimelineSlice& s)
{
    switch (s.activity) {
    case Activity::Running:
        return s.task >= 0 ? TimelineView::tr("task %1").arg(s.task) : TimelineView::tr("running");
    case Activity::LockWait:
        return TimelineView::tr("lock %1").arg(s.object);
    case Activity::QueueWait:
        return TimelineView::tr("queue %1").arg(s.object);
    case Activity::PipeWait:
        return TimelineView::tr("pipe %1").arg(s.object);
    case Activity::SyncWait:
        return TimelineView::tr("wait #%1").arg(s.object);
    case Activity::MpiWait:
        return mpiWaitText(s.object);
    default:
        return {};
    }
}
} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
    , m_pacer(new StageFramePacer(this))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QSize TimelineView::sizeHint() const
{
    return { 800, axisHeight() + 9 * laneHeight() };
}

void TimelineView::setModel(TimelineModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_userMoved = false;
    if (m_model)
        connect(m_model, &TimelineModel::changed, this, &TimelineView::onModelChanged);
    onModelChanged();
}

void TimelineView::attach(EventPlayer* player)
{
    connect(player, &EventPlayer::resetRequested, this, [this] {
        if (m_model)
            m_model->reset();
    });
    connect(player, &EventPlayer::eventsReached, this, [this](const EventBatch& events) {
        if (m_model)
            m_model->apply(events);
    });
    connect(player, &EventPlayer::playheadMoved, this, [this](qint64 tNs) {
        if (m_model)
            m_model->setTimeNs(tNs);
    });
    connect(player, &EventPlayer::markReached, this, [this](qint64 tNs, const QString& label) {
        if (m_model)
            m_model->beginBand(tNs, label);
    });
    connect(player, &EventPlayer::modeChanged, this,
        [this](EventPlayer::Mode mode) { setFollow(mode != EventPlayer::Mode::Paused); });
    connect(this, &TimelineView::timeClicked, player, &EventPlayer::seek);
}

void TimelineView::setPresenterMode(bool on)
{
    m_presenter = on;
    setFont(stageFont(this, on));
    updateLabelWidth();
    updateGeometry();
    update();
}

void TimelineView::setFollow(bool on)
{
    m_follow = on;
    onModelChanged();
}

int TimelineView::laneHeight() const
{
    return fontMetrics().height() * 2 + (m_presenter ? 14 : 8);
}

void TimelineView::updateLabelWidth()
{
    // As wide as the longest name or pid line (plus the dot), within reason. Measured when lanes, names or the
    // font change, not per use: every time <-> x conversion needs it.
    const QFontMetrics fm = fontMetrics();
    int widest = fm.horizontalAdvance(QStringLiteral("pid 0000000 · SIGKILL"));
    if (m_model)
        for (int l = 0; l < m_model->laneCount(); ++l)
            widest = std::max(widest, fm.horizontalAdvance(m_model->lane(l).name));
    const int m = fm.horizontalAdvance(QLatin1Char('M'));
    m_labelWidth = std::clamp(widest + fm.height() + 18, 8 * m, 20 * m);
    m_labelRevision = m_model ? m_model->lanesRevision() : 0;
}

int TimelineView::axisHeight() const
{
    return fontMetrics().height() * (m_presenter ? 2 : 1) + 10;
}

QRect TimelineView::lanesRect() const
{
    return QRect(labelWidth(), axisHeight(), std::max(1, width() - labelWidth()), height() - axisHeight());
}

qint64 TimelineView::timeAtX(qreal x) const
{
    const QRect r = lanesRect();
    return m_startNs + qint64(std::llround((x - r.left()) * double(m_spanNs) / r.width()));
}

qreal TimelineView::xOfTime(qint64 tNs) const
{
    const QRect r = lanesRect();
    return r.left() + double(tNs - m_startNs) * r.width() / double(m_spanNs);
}

void TimelineView::setVisibleRange(qint64 startNs, qint64 spanNs)
{
    m_spanNs = std::clamp(spanNs, MinSpanNs, MaxSpanNs);
    m_startNs = startNs;
    update();
}

void TimelineView::zoomAt(double factor, qint64 aroundNs)
{
    if (factor <= 0)
        return;
    const qint64 span = std::clamp(qint64(std::llround(double(m_spanNs) / factor)), MinSpanNs, MaxSpanNs);
    // Keep `aroundNs` at the same fraction of the width.
    const double frac = m_spanNs > 0 ? double(aroundNs - m_startNs) / double(m_spanNs) : 0.5;
    m_userMoved = true;
    setVisibleRange(aroundNs - qint64(std::llround(frac * double(span))), span);
}

void TimelineView::fitAll()
{
    if (!m_model || m_model->startNs() < 0)
        return;
    const qint64 span = std::max<qint64>(m_model->endNs() - m_model->startNs(), MinSpanNs);
    setVisibleRange(m_model->startNs() - span / 50, span + span / 25);
}

void TimelineView::onModelChanged()
{
    if (!m_model || m_model->lanesRevision() != m_labelRevision)
        updateLabelWidth();
    if (m_model && m_model->startNs() >= 0) {
        if (m_follow) {
            // The playhead stays at 95% of the width; before the run fills the view, the run starts at the left.
            const qint64 head = m_model->timeNs() > 0 ? m_model->timeNs() : m_model->endNs();
            if (!m_userMoved && head - m_model->startNs() < m_spanNs * 95 / 100)
                m_startNs = m_model->startNs();
            else
                m_startNs = head - m_spanNs * 95 / 100;
        } else if (!m_userMoved) {
            fitAll();
        }
    }
    m_pacer->request();
}

void TimelineView::paintEvent(QPaintEvent*)
{
    ++m_frames;
    m_pacer->painted();
    const StagePalette pal = StagePalette::get(m_presenter);
    QPainter p(this);
    p.fillRect(rect(), pal.background);
    const QRect lanes = lanesRect();
    const int lh = laneHeight();
    const qint64 t0 = m_startNs;
    const qint64 t1 = m_startNs + m_spanNs;
    const qint64 origin = m_model && m_model->startNs() >= 0 ? m_model->startNs() : 0;

    // Time axis: ticks at 1, 2 or 5 x 10^k ns, about every 100 px, labelled relative to the run's start.
    {
        const double pxPerNs = lanes.width() / double(m_spanNs);
        const double raw = 100.0 / pxPerNs;
        const double mag = std::pow(10.0, std::floor(std::log10(raw)));
        const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
        p.setPen(pal.mutedText);
        const double first = std::ceil(double(t0 - origin) / step) * step;
        for (double t = first; t <= double(t1 - origin); t += step) {
            const qreal x = xOfTime(origin + qint64(t));
            p.drawLine(QPointF(x, lanes.top() - 5), QPointF(x, height()));
            p.setPen(pal.text);
            p.drawText(QPointF(x + 3, lanes.top() - 6), formatDuration(t));
            p.setPen(QColor(pal.mutedText.red(), pal.mutedText.green(), pal.mutedText.blue(), 60));
        }
        p.setPen(pal.panelBorder);
        p.drawLine(lanes.left(), lanes.top() - 1, lanes.right(), lanes.top() - 1);
    }
    if (!m_model) {
        p.setPen(pal.mutedText);
        p.drawText(lanes, Qt::AlignCenter, tr("No run yet"));
        return;
    }

    p.setClipRect(lanes);
    // What the memory cap dropped: hatched, with a note.
    if (m_model->droppedBeforeNs() >= 0 && m_model->droppedBeforeNs() > t0) {
        const qreal x = std::min<qreal>(xOfTime(m_model->droppedBeforeNs()), lanes.right());
        const QRectF gone(lanes.left(), lanes.top(), x - lanes.left(), lanes.height());
        p.fillRect(gone, QBrush(pal.panelBorder, Qt::BDiagPattern));
        p.setPen(pal.mutedText);
        p.drawText(gone.adjusted(4, 4, -4, -4), Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap,
            tr("%n older slice(s) dropped (memory cap)", nullptr,
                int(std::min<qint64>(m_model->slicesDropped(), INT_MAX))));
    }
    // Rectangles are gathered per colour and drawn in one call each: a zoomed-out lane is a pixel column per slice.
    std::array<QVector<QRectF>, ActivityCount> rects;
    QVector<QLineF> starts; // a thin gap where a slice of work or waiting begins
    struct Label {
        QRectF rect;
        QString text;
        bool dark;
    };
    QVector<Label> labels;
    QVector<QLineF> separators;
    QVector<QRectF> holdRects;
    QVector<QPolygonF> cpuLines;
    for (int l = 0; l < m_model->laneCount(); ++l) {
        const int y = lanes.top() + l * lh;
        if (y > height())
            break;
        const QRectF bar(lanes.left(), y + 3, lanes.width(), lh - 6);
        const int n = m_model->sliceCount(l);
        int i = m_model->firstSliceAfter(l, t0);
        qreal nextX = bar.left(); // columns left of it are painted
        while (i < n) {
            const TimelineSlice s = m_model->slice(l, i);
            if (s.startNs > t1)
                break;
            const qreal x0 = std::max<qreal>(nextX, xOfTime(s.startNs));
            const qreal x1 = std::min<qreal>(bar.right() + 1, xOfTime(s.endNs));
            if (x1 - x0 >= 1.0) {
                const QRectF r(x0, bar.top(), x1 - x0, bar.height());
                rects[size_t(s.activity)].append(r);
                if (s.activity != Activity::Idle && r.width() > 6)
                    starts.append(QLineF(r.topLeft(), r.bottomLeft()));
                if (r.width() > 40) {
                    const QString text = sliceText(s);
                    if (!text.isEmpty() && r.width() > fontMetrics().horizontalAdvance(text) + 6)
                        labels.append({ r.adjusted(3, 0, -2, 0), text,
                            s.activity == Activity::SyncWait || s.activity == Activity::Idle });
                }
                nextX = x1;
                ++i;
                continue;
            }
            // Narrower than a pixel: one column for everything starting in it, showing the most telling slice;
            // then on with the slice that covers the next column (it may have begun in this one).
            const qreal col = std::floor(x0);
            const qint64 colEnd = timeAtX(col + 1);
            TimelineSlice best = s;
            for (int j = i + 1, scanned = 0; j < n && scanned < 16; ++j, ++scanned) {
                const TimelineSlice o = m_model->slice(l, j);
                if (o.startNs >= colEnd)
                    break;
                if (priority(o.activity) > priority(best.activity))
                    best = o;
            }
            rects[size_t(best.activity)].append(QRectF(col, bar.top(), 1, bar.height()));
            nextX = col + 1;
            i = std::max(i + 1, m_model->firstSliceAfter(l, colEnd));
        }
        // Locks held: a bar along the lane's foot. Holds follow each other by start; a few before the range may
        // still be open in it. Per pixel column at most 16 holds are looked at, and the bar reaches the furthest end.
        qreal holdX = bar.left() - 1;
        const int holds = m_model->holdCount(l);
        int h = std::max(0, m_model->firstHoldFrom(l, t0) - 8);
        while (h < holds) {
            const TimelineHold hold = m_model->hold(l, h);
            if (hold.startNs > t1)
                break;
            const qreal x0 = std::max<qreal>(bar.left(), xOfTime(hold.startNs));
            const qint64 colEnd = timeAtX(std::floor(x0) + 1);
            qint64 end = hold.endNs;
            int j = h + 1;
            for (int scanned = 0; j < holds && scanned < 16; ++j, ++scanned) {
                const TimelineHold o = m_model->hold(l, j);
                if (o.startNs >= colEnd)
                    break;
                end = std::max(end, o.endNs);
            }
            if (end >= t0) {
                const qreal x1 = std::max(x0 + 1, std::min<qreal>(bar.right() + 1, xOfTime(end)));
                if (x1 > holdX) {
                    holdRects.append(QRectF(std::max(x0, holdX), bar.bottom() - 1, x1 - std::max(x0, holdX), 4));
                    holdX = x1;
                }
            }
            h = std::max(j, m_model->firstHoldFrom(l, colEnd));
        }
        // CPU use: a thin line from the lane's foot (0 %) to its top (one CPU), a point per sample (the highest of
        // those in one pixel column), broken where samples stop (the process ended, or a sweep's next one took the
        // lane over).
        {
            const int count = m_model->sampleCount(l);
            int k = std::max(0, m_model->firstSampleFrom(l, t0) - 1);
            QPolygonF line;
            qint64 prevT = -1, prevDt = 0;
            qreal column = 0, columnY = 0; // the pixel column of the line's last point, when it has one
            const auto yOf = [&](qint32 permille) {
                return bar.bottom() - std::clamp(permille / 1000.0, 0.0, 1.0) * (bar.height() - 1);
            };
            for (; k < count; ++k) {
                const TimelineSample smp = m_model->sample(l, k);
                const qreal x = xOfTime(smp.tNs);
                const qint64 dt = prevT < 0 ? 0 : smp.tNs - prevT;
                if (prevT >= 0 && dt > std::max<qint64>(CpuGapNs, 3 * prevDt)) {
                    if (line.size() > 1)
                        cpuLines.append(line);
                    line.clear();
                    column = -1;
                }
                prevDt = prevT < 0 ? 0 : dt;
                prevT = smp.tNs;
                const qreal y = yOf(smp.cpuPermille);
                if (!line.isEmpty() && std::floor(x) == column) {
                    columnY = std::min(columnY, y); // the highest CPU in the column
                    line.back().setY(columnY);
                } else {
                    column = std::floor(x);
                    columnY = y;
                    line.append(QPointF(x, y));
                }
                if (smp.tNs > t1)
                    break;
            }
            if (line.size() > 1)
                cpuLines.append(line);
        }
        separators.append(QLineF(lanes.left(), y + lh - 1, lanes.right(), y + lh - 1));
    }
    p.setPen(Qt::NoPen);
    for (int a = 0; a < ActivityCount; ++a) {
        if (rects[size_t(a)].isEmpty())
            continue;
        p.setBrush(activityColor(Activity(a), m_presenter));
        p.drawRects(rects[size_t(a)]);
    }
    p.setBrush(activityColor(Activity::Running, m_presenter).darker(150));
    p.drawRects(holdRects);
    p.setPen(pal.panel);
    p.drawLines(starts);
    for (const Label& label : labels) {
        p.setPen(label.dark ? Qt::black : Qt::white);
        p.drawText(label.rect, Qt::AlignVCenter | Qt::AlignLeft, label.text);
    }
    p.setPen(QColor(pal.panelBorder.red(), pal.panelBorder.green(), pal.panelBorder.blue(), 90));
    p.drawLines(separators);
    // Over the slices, with a light edge, so that it reads on every state's colour.
    if (!cpuLines.isEmpty()) {
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setBrush(Qt::NoBrush);
        const QColor halo(pal.background.red(), pal.background.green(), pal.background.blue(), 170);
        p.setPen(QPen(halo, m_presenter ? 4.5 : 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        for (const QPolygonF& line : cpuLines)
            p.drawPolyline(line);
        p.setPen(QPen(pal.text, m_presenter ? 2.5 : 1.3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        for (const QPolygonF& line : cpuLines)
            p.drawPolyline(line);
        p.setRenderHint(QPainter::Antialiasing, false);
    }
    // A sweep's measurements: a line where each begins, its label at the top (as far as the next one leaves room).
    {
        const auto& bands = m_model->bands();
        const auto first
            = std::partition_point(bands.begin(), bands.end(), [&](const TimelineBand& b) { return b.startNs < t0; });
        auto it = first == bands.begin() ? first : first - 1; // the band the range starts in
        const QFontMetrics bfm = fontMetrics();
        for (; it != bands.end() && it->startNs <= t1; ++it) {
            const qreal x = std::max<qreal>(lanes.left(), xOfTime(it->startNs));
            const auto next = it + 1;
            const qreal right
                = next == bands.end() ? lanes.right() : std::min<qreal>(lanes.right(), xOfTime(next->startNs));
            p.setPen(QPen(pal.accent, 1, Qt::DashLine));
            if (it->startNs >= t0)
                p.drawLine(QPointF(x, lanes.top()), QPointF(x, lanes.bottom()));
            const qreal room = right - x - 6;
            if (room > 12) {
                const QString text = bfm.elidedText(it->label, Qt::ElideRight, int(room));
                const QRectF box(x + 3, lanes.top() + 1, bfm.horizontalAdvance(text) + 6, bfm.height());
                p.fillRect(box, pal.background);
                p.setPen(pal.accent);
                p.drawText(box, Qt::AlignCenter, text);
            }
        }
    }
    // The playhead.
    const qint64 head = m_model->timeNs();
    if (head >= t0 && head <= t1) {
        const qreal x = xOfTime(head);
        p.setPen(QPen(pal.accent, m_presenter ? 3 : 2));
        p.drawLine(QPointF(x, lanes.top()), QPointF(x, lanes.bottom()));
    }
    p.setClipping(false);

    // Lane labels: name, pid, and a dot in the colour of what the process is doing (or how it ended).
    const QFontMetrics fm = fontMetrics();
    for (int l = 0; l < m_model->laneCount(); ++l) {
        const TimelineLane lane = m_model->lane(l);
        const int y = lanes.top() + l * lh;
        const QRect label(0, y, labelWidth() - 6, lh);
        p.fillRect(label, l % 2 ? pal.background : pal.panel);
        const int n = m_model->sliceCount(l);
        const Activity now = lane.ended ? lane.endActivity : n > 0 ? m_model->slice(l, n - 1).activity : Activity::Idle;
        const int d = fm.height() / 2 + 2;
        p.setPen(Qt::NoPen);
        p.setBrush(activityColor(now, m_presenter));
        p.drawEllipse(QRect(6, y + (lh - d) / 2, d, d));
        p.setPen(pal.text);
        QString pidText = QStringLiteral("pid %1").arg(lane.pid);
        if (lane.ended)
            pidText += lane.endActivity == Activity::Crashed && lane.exitCode < 0
                ? QStringLiteral(" · %1").arg(platform::signalName(int(-lane.exitCode)))
                : QStringLiteral(" · ") + tr("exited");
        // Name over pid, the pair centred on the lane.
        const QRect textRect = label.adjusted(12 + d, 0, 0, 0);
        const int mid = y + lh / 2;
        p.drawText(QRect(textRect.left(), mid - fm.height(), textRect.width(), fm.height()),
            Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(lane.name, Qt::ElideRight, textRect.width()));
        p.setPen(pal.mutedText);
        p.drawText(QRect(textRect.left(), mid, textRect.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(pidText, Qt::ElideRight, textRect.width()));
    }
    if (m_model->lanesNotShown() > 0) {
        p.setPen(pal.mutedText);
        p.drawText(QRect(0, lanes.top() + m_model->laneCount() * lh, labelWidth(), lh), Qt::AlignCenter,
            tr("+%1 more processes").arg(m_model->lanesNotShown()));
    }
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    zoomAt(std::pow(1.25, steps), timeAtX(event->position().x()));
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_dragMoved = false;
    m_dragOrigin = event->position().toPoint();
    m_dragStartNs = m_startNs;
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging)
        return;
    const int dx = event->position().toPoint().x() - m_dragOrigin.x();
    if (!m_dragMoved && std::abs(dx) < 4)
        return;
    m_dragMoved = true;
    m_userMoved = true;
    m_follow = false; // panning means looking at the past: stop chasing the playhead
    setVisibleRange(m_dragStartNs - qint64(std::llround(dx * double(m_spanNs) / lanesRect().width())), m_spanNs);
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_dragging || event->button() != Qt::LeftButton)
        return;
    m_dragging = false;
    if (!m_dragMoved && event->position().x() >= lanesRect().left())
        Q_EMIT timeClicked(timeAtX(event->position().x()));
}

bool TimelineView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

QString TimelineView::tooltipAt(const QPoint& pos) const
{
    if (!m_model)
        return {};
    const QRect lanes = lanesRect();
    if (pos.y() < lanes.top())
        return {};
    const int l = (pos.y() - lanes.top()) / laneHeight();
    if (l < 0 || l >= m_model->laneCount())
        return {};
    const TimelineLane lane = m_model->lane(l);
    QString text = QStringLiteral("<b>%1</b> (pid %2)").arg(lane.name.toHtmlEscaped()).arg(lane.pid);
    if (pos.x() < lanes.left())
        return text;
    // Within two pixels: a sub-pixel slice is still found.
    const qint64 t = timeAtX(pos.x());
    QString usage;
    if (const int k = m_model->sampleAt(l, t, CpuGapNs); k >= 0) {
        const TimelineSample smp = m_model->sample(l, k);
        usage = tr("<br>CPU %1 %, resident memory %2 MiB (read from /proc)")
                    .arg(double(smp.cpuPermille) / 10, 0, 'f', 1)
                    .arg(double(smp.rssKib) / 1024, 0, 'f', 1);
    }
    int i = m_model->sliceAt(l, t);
    if (i < 0)
        i = m_model->sliceAt(l, timeAtX(pos.x() + 2));
    if (i < 0)
        return text + usage;
    const TimelineSlice s = m_model->slice(l, i);
    const qint64 origin = m_model->startNs();
    text += QStringLiteral("<br>%1").arg(activityName(s.activity));
    if (s.activity == Activity::Running && s.task >= 0)
        text += tr(": task %1 (chunk %2)").arg(s.task).arg(s.object);
    else if (s.activity == Activity::MpiWait)
        text += QStringLiteral(": %1").arg(mpiWaitText(s.object))
            + (s.task >= 0 ? tr(" in task %1").arg(s.task) : QString());
    else if (isBlocked(s.activity))
        text += QStringLiteral(" #%1").arg(s.object) + (s.task >= 0 ? tr(" in task %1").arg(s.task) : QString());
    text += tr("<br>start %1, duration %2")
                .arg(formatDuration(double(s.startNs - origin)), formatDuration(double(s.endNs - s.startNs)));
    text += usage;
    for (int h = 0, holds = m_model->holdCount(l); h < holds; ++h) {
        const TimelineHold hold = m_model->hold(l, h);
        if (hold.startNs <= t && t <= hold.endNs)
            text += tr("<br>holds lock %1 (from %2, for %3)")
                        .arg(hold.lock)
                        .arg(formatDuration(double(hold.startNs - origin)),
                            formatDuration(double(hold.endNs - hold.startNs)));
    }
    return text;
}

} // namespace proclab
