#include "stageview.h"

#include "stageframepacer.h"

#include "mp/managerproxy.h"
#include "mpi/mpiprotocol.h"
#include "session/eventplayer.h"
#include "session/stagemodel.h"
#include "stagepalette.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QtMath>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace proclab {

namespace {
constexpr int MaxFlightsDrawn = 200; // per frame; the rest are counted on screen

double easeInOut(double t)
{
    return t < 0.5 ? 2 * t * t : 1 - std::pow(-2 * t + 2, 2) / 2;
}

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

// A rounded card with centred text (task and result cards, items, messages).
void drawCard(QPainter& p, const QRectF& r, const QColor& fill, const QString& text, const QColor& textColor)
{
    p.setPen(QPen(fill.darker(130), 1));
    p.setBrush(fill);
    p.drawRoundedRect(r, 3, 3);
    if (!text.isEmpty()) {
        p.setPen(textColor);
        p.drawText(r, Qt::AlignCenter, text);
    }
}

// A pill with the state's colour and its text: the badge of a process box.
void drawBadge(QPainter& p, const QRectF& r, Activity a, bool presenter, const QString& text)
{
    const QColor c = activityColor(a, presenter);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    p.setPen(a == Activity::Idle || a == Activity::SyncWait ? Qt::black : Qt::white);
    p.drawText(r.adjusted(6, 0, -6, 0), Qt::AlignCenter,
        p.fontMetrics().elidedText(text, Qt::ElideRight, int(r.width() - 12)));
}

// The grid of n boxes (width:height about 1.8:1, at most maxW x maxH each) that makes them largest in `r`,
// centred in it; *scale says how large (a box's height when its width allows).
QList<QRectF> gridIn(const QRectF& r, int n, qreal gap, qreal maxW, qreal maxH, qreal* scale = nullptr)
{
    QList<QRectF> out;
    if (n <= 0)
        return out;
    int bestCols = 1;
    qreal bestScale = -1;
    for (int cols = 1; cols <= n; ++cols) {
        const int rows = (n + cols - 1) / cols;
        const qreal w = (r.width() - gap * (cols - 1)) / cols;
        const qreal h = (r.height() - gap * (rows - 1)) / rows;
        const qreal s = std::min(w / 1.8, h);
        if (s > bestScale) {
            bestScale = s;
            bestCols = cols;
        }
    }
    if (scale)
        *scale = bestScale;
    const int cols = bestCols;
    const int rows = (n + cols - 1) / cols;
    const qreal w = std::min((r.width() - gap * (cols - 1)) / cols, maxW);
    const qreal h = std::min((r.height() - gap * (rows - 1)) / rows, maxH);
    const qreal gridW = cols * w + (cols - 1) * gap;
    const qreal gridH = rows * h + (rows - 1) * gap;
    const QPointF origin(r.left() + (r.width() - gridW) / 2, r.top() + (r.height() - gridH) / 2);
    for (int i = 0; i < n; ++i)
        out << QRectF(origin.x() + (i % cols) * (w + gap), origin.y() + (i / cols) * (h + gap), w, h);
    return out;
}

// A straight line from `from` to `to` with a head at `to`, in the painter's pen.
void drawArrow(QPainter& p, QPointF from, QPointF to, qreal head)
{
    const QLineF line(from, to);
    if (line.length() < 1)
        return;
    p.drawLine(line);
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    const QPointF a = to - QPointF(std::cos(angle - 0.45) * head, std::sin(angle - 0.45) * head);
    const QPointF b = to - QPointF(std::cos(angle + 0.45) * head, std::sin(angle + 0.45) * head);
    p.save();
    p.setBrush(p.pen().color());
    p.drawPolygon(QPolygonF { to, a, b });
    p.restore();
}

QString itemCount(qint64 n)
{
    return n == 1 ? StageView::tr("1 item") : StageView::tr("%1 items").arg(n);
}

QString pidChipText(qint64 pid)
{
    return QString::number(pid);
}
} // namespace

StageView::StageView(QWidget* parent)
    : QWidget(parent)
    , m_pacer(new StageFramePacer(this))
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QSize StageView::sizeHint() const
{
    return { 1000, 620 };
}

QSize StageView::minimumSizeHint() const
{
    return { 480, 320 };
}

void StageView::setModel(StageModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (m_model)
        connect(m_model, &StageModel::changed, this, &StageView::scheduleRepaint);
    scheduleRepaint();
}

void StageView::attach(EventPlayer* player)
{
    connect(player, &EventPlayer::resetRequested, this, [this] {
        m_caption.clear();
        if (m_model)
            m_model->reset();
    });
    // A sweep's next measurement: its own pool on a clean stage (the timeline keeps the earlier ones).
    connect(player, &EventPlayer::markReached, this, [this](qint64, const QString& label) {
        m_caption = label;
        if (m_model)
            m_model->reset();
        update();
    });
    connect(player, &EventPlayer::eventsReached, this, [this](const EventBatch& events) {
        if (m_model)
            m_model->apply(events);
    });
    connect(player, &EventPlayer::playheadMoved, this, [this](qint64 tNs) {
        if (m_model)
            m_model->setTimeNs(tNs);
    });
}

void StageView::setPresenterMode(bool on)
{
    m_presenter = on;
    setFont(stageFont(this, on));
    update();
}

void StageView::setSelectedPid(qint64 pid)
{
    if (pid == m_selected)
        return;
    m_selected = pid;
    update();
}

void StageView::scheduleRepaint()
{
    m_pacer->request();
}

qreal StageView::unit() const
{
    return fontMetrics().height();
}

QList<qint64> StageView::workerPidsShown() const
{
    QList<qint64> out;
    if (!m_model)
        return out;
    for (const StageProcess& w : m_model->workers()) {
        if (out.size() >= MaxWorkerBoxes)
            break;
        out.append(w.pid);
    }
    return out;
}

void StageView::layoutBoxes()
{
    m_boxes.clear();
    m_objectTiles.clear();
    m_hostFrames.clear();
    if (!m_model)
        return;
    const qreal u = unit();
    const qreal margin = u * 0.8;
    QRectF area = QRectF(rect()).adjusted(margin, margin, -margin, -margin);

    m_legendRect = QRectF(area.left(), area.bottom() - u * 1.4, area.width(), u * 1.4);
    area.setBottom(m_legendRect.top() - u * 0.5);

    const bool hasObjects = !m_model->queues().isEmpty() || !m_model->pipes().isEmpty() || !m_model->locks().isEmpty()
        || !m_model->cells().isEmpty() || !m_model->syncs().isEmpty() || m_model->hasManager() || m_model->hasRanks();
    if (hasObjects) {
        const qreal h = std::min(u * 8.5, area.height() * 0.4);
        m_objectsRect = QRectF(area.left(), area.bottom() - h, area.width(), h);
        area.setBottom(m_objectsRect.top() - u * 0.6);
    } else {
        m_objectsRect = {};
    }

    // Left: the parent, the pool's task queue under it, the results it received, the results its caller got.
    // An MPI run has no pool column: the parent needs only its box, and the hosts get the room.
    const qreal leftW = m_model->hasRanks() && !poolInUse() ? std::clamp(area.width() * 0.2, u * 9, u * 14)
                                                           : std::clamp(area.width() * 0.27, u * 13, u * 22);
    // Name and pid, state, one line (submitted and results), and a row for CPU and memory.
    const QRectF parentBox(area.left(), area.top(), leftW, std::min(u * 6.4, area.height() * 0.35));
    m_boxes.insert(m_model->enginePid(), parentBox);
    if (poolInUse()) {
        const qreal rest = area.bottom() - parentBox.bottom() - u * 1.6;
        m_queueRect = QRectF(area.left(), parentBox.bottom() + u * 0.6, leftW, rest * 0.4);
        m_resultsRect = QRectF(area.left(), m_queueRect.bottom() + u * 0.5, leftW, rest * 0.3);
        m_deliveredRect = QRectF(
            area.left(), m_resultsRect.bottom() + u * 0.5, leftW, area.bottom() - m_resultsRect.bottom() - u * 0.5);
    } else {
        m_queueRect = {};
        m_resultsRect = {};
        m_deliveredRect = {};
    }

    // Right: the workers in the grid that makes their boxes largest (width:height about 1.8:1).
    m_workersRect
        = QRectF(parentBox.right() + u * 2.5, area.top(), area.right() - parentBox.right() - u * 2.5, area.height());
    const QList<qint64> pids = workerPidsShown();
    m_workerCount = int(pids.size());
    m_hiddenWorkers = int(m_model->workers().size()) - m_workerCount;
    if (pids.isEmpty())
        return;
    const qreal gap = u * 0.7;
    const qreal maxW = u * 26;
    const qreal maxH = u * 11;
    // An MPI run: the ranks grouped by host, each host a titled frame holding its ranks' boxes.
    const QStringList hosts = m_model->hosts();
    QList<QList<qint64>> groups(hosts.size());
    bool everyRankHosted = !hosts.isEmpty();
    for (qint64 pid : pids) {
        const StageProcess* proc = m_model->process(pid);
        const qsizetype h = proc ? hosts.indexOf(proc->host) : -1;
        if (h < 0) {
            everyRankHosted = false;
            break;
        }
        groups[h] << pid;
    }
    if (!everyRankHosted) {
        const QList<QRectF> cells = gridIn(m_workersRect, int(pids.size()), gap, maxW, maxH);
        for (int i = 0; i < pids.size(); ++i)
            m_boxes.insert(pids[i], cells[i]);
        return;
    }
    groups.removeIf([](const QList<qint64>& g) { return g.isEmpty(); });
    // The arrangement of frames that makes the rank boxes largest: each frame loses a title row and a margin.
    const qreal title = u * 1.6;
    const qreal pad = u * 0.5;
    auto framesFor = [&](int cols, qreal* scale) {
        const int count = int(groups.size());
        const int rows = (count + cols - 1) / cols;
        const qreal fw = (m_workersRect.width() - gap * (cols - 1)) / cols;
        const qreal fh = (m_workersRect.height() - gap * (rows - 1)) / rows;
        QList<QRectF> frames;
        *scale = std::numeric_limits<qreal>::max();
        for (int i = 0; i < count; ++i) {
            const QRectF f(m_workersRect.left() + (i % cols) * (fw + gap), m_workersRect.top() + (i / cols) * (fh + gap),
                fw, fh);
            qreal s = 0;
            gridIn(f.adjusted(pad, title, -pad, -pad), int(groups[i].size()), gap, maxW, maxH, &s);
            *scale = std::min(*scale, s);
            frames << f;
        }
        return frames;
    };
    int bestCols = 1;
    qreal bestScale = -1;
    for (int cols = 1; cols <= groups.size(); ++cols) {
        qreal scale = 0;
        framesFor(cols, &scale);
        if (scale > bestScale) {
            bestScale = scale;
            bestCols = cols;
        }
    }
    qreal scale = 0;
    const QList<QRectF> frames = framesFor(bestCols, &scale);
    for (int i = 0; i < groups.size(); ++i) {
        const QList<QRectF> cells
            = gridIn(frames[i].adjusted(pad, title, -pad, -pad), int(groups[i].size()), gap, maxW, maxH);
        QRectF used;
        for (int k = 0; k < groups[i].size(); ++k) {
            m_boxes.insert(groups[i][k], cells[k]);
            used |= cells[k];
        }
        // The frame hugs its boxes (a host with one rank beside a host with four is a small frame).
        const QRectF frame = used.adjusted(-pad, -title, pad, pad) & frames[i];
        const StageProcess* first = m_model->process(groups[i].constFirst());
        m_hostFrames << HostFrame { first ? first->host : QString(), frame, int(groups[i].size()) };
    }
}

void StageView::paintEvent(QPaintEvent*)
{
    ++m_frames;
    m_pacer->painted();
    const StagePalette pal = StagePalette::get(m_presenter);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), pal.background);
    if (!m_model) {
        p.setPen(pal.mutedText);
        p.drawText(rect(), Qt::AlignCenter, tr("No run yet"));
        return;
    }
    // Layout depends on the processes and objects present, which change with events: redo it every frame
    // (a few dozen rectangles).
    layoutBoxes();
    paintHosts(p, pal);
    paintPoolColumn(p, pal);
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        paintProcess(p, pal, it.key(), it.value());
    if (m_workerCount == 0) {
        p.setPen(pal.mutedText);
        p.drawText(m_workersRect, Qt::AlignCenter, tr("No worker processes yet"));
    } else if (m_hiddenWorkers > 0) {
        p.setPen(pal.mutedText);
        p.drawText(m_workersRect, Qt::AlignBottom | Qt::AlignRight, tr("+%1 more workers").arg(m_hiddenWorkers));
    }
    paintObjects(p, pal);
    paintCollectives(p, pal);
    paintFlights(p, pal);
    paintDeadlock(p, pal);
    paintMpiDeadlock(p);
    paintLegend(p, pal, m_legendRect);
    if (!m_caption.isEmpty()) {
        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        p.setPen(pal.accent);
        p.drawText(QRectF(rect()).adjusted(0, 1, -unit() * 0.8, 0), Qt::AlignRight | Qt::AlignTop, m_caption);
    }
}

// The red banner of a deadlock, centred, its text wrapped to the stage's width: at `top` when it fits under there,
// else at the top of the stage.
void StageView::paintDeadlockBanner(
    QPainter& p, const QStringList& lines, qreal top, const QStringList& shortLines) const
{
    const QColor red(0xd3, 0x2f, 0x2f);
    const qreal u = unit();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QFontMetrics fm(bold);
    // The banner's width and height for these lines, wrapped to the stage's width.
    const auto measure = [&](const QStringList& shown) {
        qreal w = 0;
        for (const QString& line : shown)
            w = std::max<qreal>(w, fm.horizontalAdvance(line));
        w = std::min(w + u * 2, rect().width() - u * 2);
        const QString t = shown.join(QLatin1Char('\n'));
        const qreal h
            = fm.boundingRect(QRect(0, 0, int(w - u * 2), 10000), Qt::AlignCenter | Qt::TextWordWrap, t).height() + u;
        return QSizeF(w, h);
    };
    // The whole text where it fits under `top`; else the short one there (a small stage, a projector); else at the
    // top of the stage.
    QString text = lines.join(QLatin1Char('\n'));
    QSizeF size = measure(lines);
    if (top + size.height() > rect().height() && !shortLines.isEmpty()) {
        text = shortLines.join(QLatin1Char('\n'));
        size = measure(shortLines);
    }
    if (top + size.height() > rect().height())
        top = u * 0.6;
    const qreal width = size.width();
    const qreal height = size.height();
    const QRectF banner(rect().center().x() - width / 2, top, width, height);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(red.red(), red.green(), red.blue(), 235));
    p.drawRoundedRect(banner, 8, 8);
    p.setPen(Qt::white);
    p.drawText(banner.adjusted(u, u / 2, -u, -u / 2), Qt::AlignCenter | Qt::TextWordWrap, text);
    p.setFont(font());
}

// A deadlock: each process's wait for a lock (solid arrow) and the lock's holder (dashed), in red, and a banner that
// names them and offers the way out.
void StageView::paintDeadlock(QPainter& p, const StagePalette& pal)
{
    const QList<WaitForGraph::Edge>& cycle = m_model->deadlock();
    if (cycle.isEmpty())
        return;
    const QColor red(0xd3, 0x2f, 0x2f);
    const qreal u = unit();
    const auto nameOf = [this](qint64 pid) {
        const StageProcess* proc = m_model->process(pid);
        return proc && !proc->name.isEmpty() ? tr("%1 (pid %2)").arg(proc->name).arg(pid) : tr("pid %1").arg(pid);
    };
    const auto arrow = [&](const QPointF& from, const QPointF& to, Qt::PenStyle style) {
        p.setPen(QPen(red, m_presenter ? 4 : 2.5, style, Qt::RoundCap));
        p.drawLine(from, to);
        const QLineF line(to, from);
        const qreal a = qDegreesToRadians(line.angle());
        const qreal s = u * 0.7;
        const QPointF left = to + QPointF(std::cos(a + 0.45) * s, -std::sin(a + 0.45) * s);
        const QPointF right = to + QPointF(std::cos(a - 0.45) * s, -std::sin(a - 0.45) * s);
        p.setBrush(red);
        p.setPen(Qt::NoPen);
        p.drawPolygon(QPolygonF { to, left, right });
    };
    QStringList lines;
    for (qsizetype i = 0; i < cycle.size(); ++i) {
        const WaitForGraph::Edge& e = cycle.at(i);
        const QRectF waiter = m_boxes.value(e.waiter);
        const QRectF holder = m_boxes.value(e.holder);
        const QRectF lock = m_objectTiles.value(e.lock);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(red, m_presenter ? 4 : 3));
        for (const QRectF& r : { waiter, holder, lock })
            if (!r.isEmpty())
                p.drawRoundedRect(r.adjusted(-2, -2, 2, 2), 8, 8);
        if (!waiter.isEmpty() && !lock.isEmpty()) {
            const QLineF toLock(waiter.center(), lock.center());
            arrow(waiter.center(), toLock.pointAt(0.85), Qt::SolidLine);
        }
        if (!lock.isEmpty() && !holder.isEmpty()) {
            p.setPen(QPen(red, m_presenter ? 3 : 2, Qt::DashLine));
            p.drawLine(lock.center(), holder.center());
        }
        const WaitForGraph::Edge& before = cycle.at((i + cycle.size() - 1) % cycle.size());
        lines << tr("%1 holds Lock #%2 and waits for Lock #%3, held by %4")
                     .arg(nameOf(e.waiter))
                     .arg(before.lock)
                     .arg(e.lock)
                     .arg(nameOf(e.holder));
    }
    lines.prepend(tr("DEADLOCK: each process waits for a lock the next one holds; none can ever go on."));
    lines << tr("Press Stop (Esc) to end it. The fix: take the locks in one order everywhere.");
    paintDeadlockBanner(p, lines, u * 0.6);
    Q_UNUSED(pal);
}

// MPI ranks blocked on each other for good: each rank's box ringed in red, an arrow to the rank it waits for (offset
// to one side, so the two arrows of a pair stay apart), and a banner naming the calls, as for a lock deadlock.
void StageView::paintMpiDeadlock(QPainter& p)
{
    const std::vector<mpi::WaitGraph::Wait> cycle = m_model->mpiDeadlock();
    if (cycle.empty())
        return;
    const QColor red(0xd3, 0x2f, 0x2f);
    const qreal u = unit();
    QStringList lines;
    for (const mpi::WaitGraph::Wait& w : cycle) {
        const QRectF from = m_boxes.value(m_model->pidOfRank(w.rank));
        const QRectF to = m_boxes.value(m_model->pidOfRank(w.peer));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(red, m_presenter ? 4 : 3));
        if (!from.isEmpty())
            p.drawRoundedRect(from.adjusted(-2, -2, 2, 2), 8, 8);
        if (!from.isEmpty() && !to.isEmpty()) {
            const QLineF line(from.center(), to.center());
            const QPointF side = QLineF(line.normalVector().unitVector()).p2() - line.p1();
            const QPointF shift = side * u * 0.8;
            p.setPen(QPen(red, m_presenter ? 4 : 2.5, Qt::SolidLine, Qt::RoundCap));
            drawArrow(p, line.pointAt(0.3) + shift, line.pointAt(0.7) + shift, u * 0.7);
        }
        lines << (w.send ? tr("rank %1 is in MPI_Send to rank %2 (%3): it returns once rank %2 receives")
                               .arg(w.rank)
                               .arg(w.peer)
                               .arg(QLocale().formattedDataSize(w.bytes, 1, QLocale::DataSizeIecFormat))
                         : tr("rank %1 is in MPI_Recv from rank %2: it returns once rank %2 sends")
                               .arg(w.rank)
                               .arg(w.peer));
    }
    const QString title = tr("DEADLOCK: each rank waits for the next, and none of their calls can return.");
    const QString fix
        = tr("ProcLab stops the job. The fix: MPI_Sendrecv, or even ranks send first while odd ranks receive.");
    lines.prepend(title);
    lines << fix;
    // Under the ranks when it fits there (their boxes and arrows stay in sight), else at the top.
    qreal below = 0;
    for (const mpi::WaitGraph::Wait& w : cycle)
        below = std::max(below, m_boxes.value(m_model->pidOfRank(w.rank)).bottom());
    paintDeadlockBanner(p, lines, below + u * 0.8, { title, fix }); // the calls are on the boxes and lanes too
}

void StageView::paintProcess(QPainter& p, const StagePalette& pal, qint64 pid, const QRectF& r) const
{
    const StageProcess* proc = m_model->process(pid);
    if (!proc)
        return;
    const qreal u = unit();
    const Activity a = proc->activity();
    const bool selected = pid == m_selected;
    const bool gone = a == Activity::Exited || a == Activity::Crashed;

    p.setPen(QPen(selected ? pal.accent : (m_presenter ? pal.panelBorder : pal.panelBorder),
        selected ? 3 : (m_presenter ? 2 : 1)));
    p.setBrush(gone ? pal.background : pal.panel);
    p.drawRoundedRect(r, 6, 6);
    // The state's colour as a band on the left: readable from the back of the room.
    QPainterPath band;
    band.addRoundedRect(QRectF(r.left(), r.top(), u * 0.45, r.height()), 4, 4);
    p.fillPath(band, activityColor(a, m_presenter));

    const QRectF inner = r.adjusted(u * 0.8, u * 0.3, -u * 0.4, -u * 0.3);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.text);
    const QFontMetricsF fm(bold);
    // The pid always shows in full ("pid" goes first when space is short); the name takes what is left. A rank in its
    // host's frame needs only its rank: the frame's title says the host.
    const QString name = proc->rank >= 0 && !m_hostFrames.isEmpty() ? tr("rank %1").arg(proc->rank) : proc->name;
    QString pidText = QStringLiteral("pid %1").arg(pid);
    if (p.fontMetrics().horizontalAdvance(pidText) > inner.width() * 0.45)
        pidText = QString::number(pid);
    const qreal pidW = p.fontMetrics().horizontalAdvance(pidText) + u * 0.5;
    p.drawText(QRectF(inner.left(), inner.top(), inner.width(), u * 1.2), Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(name, Qt::ElideMiddle, std::max<qreal>(0, inner.width() - pidW))); // whole in the tooltip
    p.setFont(font());
    p.setPen(pal.mutedText);
    p.drawText(QRectF(inner.left(), inner.top(), inner.width(), u * 1.2), Qt::AlignRight | Qt::AlignVCenter, pidText);

    const QRectF badge(inner.left(), inner.top() + u * 1.35, std::min(inner.width(), u * 12), u * 1.25);
    const QString state = proc->stateText();
    drawBadge(p, badge, a, m_presenter,
        p.fontMetrics().horizontalAdvance(state) + 12 > badge.width() ? proc->shortStateText() : state);

    // CPU and memory as the engine last read them: beside the badge when there is room, else on the box's last row
    // (a narrow box takes the short form, a box too small for it keeps it in the tooltip). Grey once it has ended.
    qreal contentBottom = inner.bottom();
    if (proc->hasUsage()) {
        const qreal barW = u * 2.2;
        const auto width = [&](const QString& t) { return barW + u * 0.4 + p.fontMetrics().horizontalAdvance(t); };
        const QString full = proc->usageText();
        const QString compact = proc->usageText(true);
        const qreal beside = inner.right() - badge.right() - u * 0.6;
        QRectF row;
        QString text;
        if (width(full) <= beside || width(compact) <= beside) {
            text = width(full) <= beside ? full : compact;
            row = QRectF(inner.right() - width(text), badge.top(), width(text), badge.height());
        } else if (inner.bottom() - badge.bottom() >= u * 2.6) {
            text = width(full) <= inner.width() ? full : compact;
            row = QRectF(inner.left(), inner.bottom() - u * 1.2, std::min(inner.width(), width(text)), u * 1.2);
            contentBottom = row.top();
        }
        if (!text.isEmpty()) {
            const QColor ink = gone ? pal.mutedText : pal.text;
            const QRectF bar(row.left(), row.center().y() - u * 0.28, barW, u * 0.56);
            p.setPen(QPen(gone ? pal.panelBorder : ink, 1));
            p.setBrush(pal.background);
            p.drawRoundedRect(bar, 2, 2);
            const double share = std::clamp(double(proc->cpuPermille) / 1000, 0.0, 1.0);
            if (share > 0) {
                p.setPen(Qt::NoPen);
                p.setBrush(gone ? pal.panelBorder : activityColor(Activity::Running, m_presenter));
                p.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * share, bar.height()), 2, 2);
            }
            p.setPen(ink);
            p.drawText(QRectF(bar.right() + u * 0.4, row.top(), row.right() - bar.right() - u * 0.4, row.height()),
                Qt::AlignLeft | Qt::AlignVCenter, text);
        }
    }

    QStringList lines;
    if (proc->isParent && poolInUse())
        lines << tr("submitted %1 · results %2").arg(m_model->tasksSubmitted()).arg(m_model->resultsReceived())
                + (m_model->tasksLost() > 0 ? tr(" · lost %1").arg(m_model->tasksLost()) : QString());
    else if (proc->isManager)
        lines << tr("server process · %1 calls").arg(m_model->manager().calls);
    else if (proc->slot >= 0 || proc->tasksDone > 0)
        lines << tr("tasks done: %1").arg(proc->tasksDone);
    // What it holds matters as much as what it waits for: the lock's holder is who the line waits on.
    QStringList held;
    for (const StageLock& l : m_model->locks())
        if (l.holders.contains(pid))
            held << QStringLiteral("#%1").arg(l.id);
    const QString holds = held.isEmpty()
        ? QString()
        : tr("holds %1 %2").arg(held.size() == 1 ? tr("lock") : tr("locks"), held.join(QStringLiteral(", ")));
    if (!holds.isEmpty())
        lines << holds;
    // The exception that ended it, first: why this box is red is the first thing to read (the traceback is in the
    // tooltip and the console).
    const ProcessError* error = gone ? m_model->processError(pid) : nullptr;
    const QString raised = error ? tr("raised %1").arg(error->exception) : QString();
    if (error)
        lines.prepend(raised);
    qreal ly = badge.bottom() + u * 0.2;
    for (const QString& line : lines) {
        if (ly + u * 1.2 > contentBottom + 1)
            break;
        p.setPen(line == raised ? activityColor(Activity::Crashed, m_presenter).darker(130)
                : line == holds ? activityColor(Activity::Running, m_presenter).darker(120)
                                : pal.text);
        p.drawText(QRectF(inner.left(), ly, inner.width(), u * 1.2), Qt::AlignLeft | Qt::AlignVCenter,
            p.fontMetrics().elidedText(line, Qt::ElideRight, int(inner.width())));
        ly += u * 1.2;
    }

    // The chunks this worker holds: one card per chunk, filled as its tasks end; dashed until it starts.
    if (proc->isParent || proc->isManager)
        return;
    const QList<ChunkCard> chunks = m_model->chunksAt(pid);
    qreal x = inner.left();
    const qreal cy = std::max(ly, badge.bottom() + u * 1.6) + u * 0.2;
    const qreal ch = std::min(u * 1.4, contentBottom - cy);
    if (ch < u * 0.8)
        return;
    for (const ChunkCard& c : chunks) {
        const QString text = c.count == 1 ? QStringLiteral("#%1").arg(c.firstTask)
                                          : QStringLiteral("#%1–%2").arg(c.firstTask).arg(c.firstTask + c.count - 1);
        const qreal cw = p.fontMetrics().horizontalAdvance(text) + u;
        if (x + cw > inner.right()) {
            p.setPen(pal.mutedText);
            p.drawText(QRectF(x, cy, inner.right() - x, ch), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("…"));
            break;
        }
        const QRectF card(x, cy, cw, ch);
        if (c.started == 0) {
            p.setPen(QPen(pal.taskCard, 1.5, Qt::DashLine));
            p.setBrush(withAlpha(pal.taskCard, 40));
            p.drawRoundedRect(card, 3, 3);
            p.setPen(pal.text);
            p.drawText(card, Qt::AlignCenter, text);
        } else {
            drawCard(p, card, pal.taskCard, QString(), Qt::white);
            const qreal frac = c.count > 0 ? double(c.done) / c.count : 0;
            p.fillRect(QRectF(card.left(), card.bottom() - 3, card.width() * frac, 3), pal.resultCard);
            p.setPen(Qt::white);
            p.drawText(card, Qt::AlignCenter, text);
        }
        x += cw + u * 0.3;
    }
}

bool StageView::poolInUse() const
{
    return m_model && m_model->tasksSubmitted() > 0;
}

void StageView::paintPoolColumn(QPainter& p, const StagePalette& pal) const
{
    if (!poolInUse())
        return;
    const qreal u = unit();
    const qreal cardW = p.fontMetrics().horizontalAdvance(QStringLiteral("#0000")) + u * 0.4;
    const qreal cardH = u * 1.3;
    auto section = [&](const QRectF& r, const QString& title) {
        p.setPen(QPen(pal.panelBorder, m_presenter ? 2 : 1, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(r, 6, 6);
        p.setPen(pal.text);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(r.adjusted(u * 0.5, u * 0.2, -u * 0.5, 0), Qt::AlignLeft | Qt::AlignTop, title);
        p.setFont(font());
        return r.adjusted(u * 0.5, u * 1.6, -u * 0.5, -u * 0.4);
    };
    // Cards laid out left to right, top to bottom; "+N" on the last place when they do not all fit.
    auto cards = [&](const QRectF& inner, const QStringList& texts, qint64 total, const QColor& color) {
        const int perRow = std::max(1, int((inner.width() + u * 0.3) / (cardW + u * 0.3)));
        const int rows = std::max(0, int((inner.height() + u * 0.3) / (cardH + u * 0.3)));
        const int capacity = perRow * rows;
        const qsizetype shown
            = total > capacity ? std::max(0, capacity - 1) : std::min<qsizetype>(texts.size(), capacity);
        for (qsizetype i = 0; i < shown && i < texts.size(); ++i) {
            const QRectF r(inner.left() + (i % perRow) * (cardW + u * 0.3),
                inner.top() + (i / perRow) * (cardH + u * 0.3), cardW, cardH);
            drawCard(p, r, color, texts[i], Qt::white);
        }
        if (total > shown && capacity > 0) {
            const qsizetype i = shown;
            const QRectF r(inner.left() + (i % perRow) * (cardW + u * 0.3),
                inner.top() + (i / perRow) * (cardH + u * 0.3), cardW, cardH);
            p.setPen(pal.mutedText);
            p.drawText(r, Qt::AlignCenter, QStringLiteral("+%1").arg(total - shown));
        }
    };

    const qint64 queued = m_model->queuedCount();
    const QRectF qInner = section(m_queueRect, tr("Task queue · %1 waiting").arg(queued));
    QStringList texts;
    for (qint64 t : m_model->queuedTasks(256))
        texts << QStringLiteral("#%1").arg(t);
    cards(qInner, texts, queued, pal.taskCard);

    // The newest results, oldest first: as many as fit.
    auto newest = [&](const QRectF& inner, const QList<ResultCard>& results, const QColor& color) {
        QStringList texts;
        for (const ResultCard& r : results)
            texts << QStringLiteral("#%1").arg(r.task);
        const int perRow = std::max(1, int((inner.width() + u * 0.3) / (cardW + u * 0.3)));
        const int rows = std::max(0, int((inner.height() + u * 0.3) / (cardH + u * 0.3)));
        while (texts.size() > perRow * rows)
            texts.removeFirst();
        cards(inner, texts, texts.size(), color);
    };
    newest(section(m_resultsRect, tr("Results received · %1 (as they finish)").arg(m_model->resultsReceived())),
        m_model->recentResults(), pal.resultCard);
    newest(section(m_deliveredRect, tr("Handed to your code · %1").arg(m_model->resultsDelivered())),
        m_model->recentDeliveries(), pal.resultCard.darker(140));
}

void StageView::paintObjects(QPainter& p, const StagePalette& pal)
{
    if (m_objectsRect.isEmpty())
        return;
    const qreal u = unit();
    const int tiles = int(m_model->queues().size() + m_model->pipes().size() + m_model->locks().size()
        + m_model->cells().size() + m_model->syncs().size() + (m_model->hasManager() ? 1 : 0));
    const qreal tileW = std::clamp(m_objectsRect.width() / std::max(1, tiles) - u * 0.5, u * 12, u * 24);
    const qreal tileH = m_objectsRect.height();
    qreal x = m_objectsRect.left();
    m_linksRect = {};
    if (m_model->hasRanks()) { // an MPI run: who sent how many messages to whom, first
        m_linksRect = QRectF(x, m_objectsRect.top(), std::min(m_objectsRect.width() * 0.5, u * 36), tileH);
        paintMpiLinks(p, pal, m_linksRect);
        x = m_linksRect.right() + u * 0.5;
    }
    int hidden = 0;
    auto nextTile = [&](QRectF* out) {
        if (x + tileW > m_objectsRect.right() + 1) {
            ++hidden;
            return false;
        }
        *out = QRectF(x, m_objectsRect.top(), tileW, tileH);
        x += tileW + u * 0.5;
        return true;
    };
    auto frame = [&](const QRectF& r, const QString& title) {
        paintTile(p, pal, r, title);
        return r.adjusted(u * 0.5, u * 1.5, -u * 0.5, -u * 0.3);
    };
    // Pid chips in a line that wraps under itself down to maxBottom; "+N" for those that do not fit.
    auto chips = [&](QPointF at, const QList<qint64>& pids, qreal maxRight, const QColor& color, qreal maxBottom) {
        const qreal left = at.x();
        for (qsizetype i = 0; i < pids.size(); ++i) {
            const QString t = pidChipText(pids[i]);
            const qreal w = p.fontMetrics().horizontalAdvance(t) + u * 0.6;
            const qreal plus = p.fontMetrics().horizontalAdvance(QStringLiteral("+99")) + u * 0.3;
            const bool last = i == pids.size() - 1;
            if (at.x() + w + (last ? 0 : plus) > maxRight) {
                if (at.x() > left && at.y() + u * 2.6 <= maxBottom) {
                    at = QPointF(left, at.y() + u * 1.35);
                } else {
                    p.setPen(pal.mutedText);
                    p.drawText(QPointF(at.x(), at.y() + u * 0.9), QStringLiteral("+%1").arg(pids.size() - i));
                    return;
                }
            }
            drawCard(p, QRectF(at.x(), at.y(), w, u * 1.2), color, t, Qt::white);
            at.rx() += w + u * 0.25;
        }
    };

    for (const StageQueue& q : m_model->queues()) {
        QRectF r;
        if (!nextTile(&r))
            continue;
        m_objectTiles.insert(q.id, r);
        const QRectF in = frame(r,
            q.capacity > 0 ? tr("Queue #%1 (maxsize %2) · %3").arg(q.id).arg(q.capacity).arg(itemCount(q.size))
                           : tr("Queue #%1 · %2").arg(q.id).arg(itemCount(q.size)));
        // The conveyor: a slot per place when the queue is bounded (up to 12 drawn), else up to the largest size.
        const int slotCount
            = int(std::clamp<qint64>(q.capacity > 0 ? q.capacity : std::max<qint64>(q.maxSize, 4), 1, 12));
        const qreal sw = in.width() / slotCount;
        const QRectF belt(in.left(), in.top() + u * 1.3, in.width(), u * 1.4);
        p.setPen(QPen(pal.panelBorder, 1));
        p.setBrush(pal.background);
        p.drawRect(belt);
        for (int i = 0; i < slotCount; ++i) {
            const QRectF s(belt.left() + i * sw + 2, belt.top() + 2, sw - 4, belt.height() - 4);
            if (i < q.size)
                drawCard(p, s, pal.message, QString(), Qt::white);
        }
        if (q.size > slotCount) {
            p.setPen(pal.text);
            p.drawText(belt, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("+%1 ").arg(q.size - slotCount));
        }
        p.setPen(pal.mutedText);
        p.drawText(QRectF(in.left(), in.top(), in.width(), u * 1.2), Qt::AlignLeft | Qt::AlignVCenter,
            tr("put %1 · got %2").arg(q.puts).arg(q.gets));
        const qreal y = belt.bottom() + u * 0.3;
        if (!q.blockedPutters.isEmpty()) {
            p.setPen(pal.text);
            p.drawText(QPointF(in.left(), y + u * 0.9), tr("waiting to put:"));
            chips(QPointF(in.left() + p.fontMetrics().horizontalAdvance(tr("waiting to put:")) + u * 0.3, y),
                q.blockedPutters, in.right(), activityColor(Activity::QueueWait, m_presenter), y + u * 1.3);
        }
        if (!q.blockedGetters.isEmpty()) {
            const qreal y2 = y + u * 1.5;
            p.setPen(pal.text);
            p.drawText(QPointF(in.left(), y2 + u * 0.9), tr("waiting to get:"));
            chips(QPointF(in.left() + p.fontMetrics().horizontalAdvance(tr("waiting to get:")) + u * 0.3, y2),
                q.blockedGetters, in.right(), activityColor(Activity::QueueWait, m_presenter), y2 + u * 1.3);
        }
    }
    for (const StagePipe& pp : m_model->pipes()) {
        QRectF r;
        if (!nextTile(&r))
            continue;
        m_objectTiles.insert(pp.id, r);
        const QRectF in = frame(r, tr("Pipe #%1 · %2 messages").arg(pp.id).arg(pp.messages));
        // A tube between its two ends; messages not yet received sit in it, on the side they head to.
        const QRectF tube(in.left() + u * 3.5, in.top() + u * 1.2, in.width() - u * 7, u * 1.6);
        p.setPen(QPen(pal.panelBorder, 2));
        p.setBrush(pal.background);
        p.drawRoundedRect(tube, tube.height() / 2, tube.height() / 2);
        p.setPen(pal.text);
        p.drawText(QRectF(in.left(), tube.top(), u * 3.3, tube.height()), Qt::AlignCenter,
            pp.endA ? pidChipText(pp.endA) : QStringLiteral("?"));
        p.drawText(QRectF(tube.right() + u * 0.2, tube.top(), u * 3.3, tube.height()), Qt::AlignCenter,
            pp.endB ? pidChipText(pp.endB) : QStringLiteral("?"));
        const qreal d = u * 0.55;
        for (qint64 i = 0; i < std::min<qint64>(pp.inFlightAtoB, 8); ++i)
            drawCard(p, QRectF(tube.right() - u * 0.6 - (i + 1) * (d + 3), tube.top() + 3, d, d), pal.message, {}, {});
        for (qint64 i = 0; i < std::min<qint64>(pp.inFlightBtoA, 8); ++i)
            drawCard(
                p, QRectF(tube.left() + u * 0.6 + i * (d + 3), tube.bottom() - d - 3, d, d), pal.resultCard, {}, {});
        p.setPen(pal.mutedText);
        p.drawText(QRectF(in.left(), tube.bottom() + u * 0.3, in.width(), u * 1.2), Qt::AlignCenter,
            tr("→ %1 in flight   ← %2 in flight").arg(pp.inFlightAtoB).arg(pp.inFlightBtoA));
        if (pp.waitingReceivers.isEmpty()) {
            p.drawText(QRectF(in.left(), tube.bottom() + u * 1.5, in.width(), u * 1.2), Qt::AlignCenter,
                tr("%1 bytes sent").arg(pp.bytes));
        } else {
            const QString label = tr("waiting to recv:");
            p.setPen(pal.text);
            p.drawText(QPointF(in.left(), tube.bottom() + u * 2.4), label);
            chips(QPointF(in.left() + p.fontMetrics().horizontalAdvance(label) + u * 0.3, tube.bottom() + u * 1.5),
                pp.waitingReceivers, in.right(), activityColor(Activity::PipeWait, m_presenter), in.bottom());
        }
    }
    for (const StageLock& l : m_model->locks()) {
        QRectF r;
        if (!nextTile(&r))
            continue;
        m_objectTiles.insert(l.id, r);
        const QString title = l.semaphore
            ? tr("%1 #%2 = %3")
                  .arg(l.type == ObjectType::BoundedSemaphore ? tr("BoundedSemaphore") : tr("Semaphore"))
                  .arg(l.id)
                  .arg(l.semaphoreValue)
            : tr("%1 #%2").arg(l.type == ObjectType::RLock ? tr("RLock") : tr("Lock")).arg(l.id);
        const QRectF in = frame(r, title);
        p.setPen(pal.text);
        const QString holderLabel = tr("held by:");
        p.drawText(QPointF(in.left(), in.top() + u * 0.9), holderLabel);
        const qreal lx = in.left() + p.fontMetrics().horizontalAdvance(tr("waiting:")) + u * 0.5;
        if (l.holders.isEmpty()) {
            p.setPen(pal.mutedText);
            p.drawText(QPointF(lx, in.top() + u * 0.9), tr("free"));
        } else {
            chips(QPointF(lx, in.top()), l.holders, in.right(), activityColor(Activity::Running, m_presenter),
                in.top() + u * 1.3);
        }
        p.setPen(pal.text);
        p.drawText(QPointF(in.left(), in.top() + u * 2.4), tr("waiting:"));
        if (l.waiters.isEmpty()) {
            p.setPen(pal.mutedText);
            p.drawText(QPointF(lx, in.top() + u * 2.4), tr("nobody"));
        } else {
            chips(QPointF(lx, in.top() + u * 1.5), l.waiters, in.right(),
                activityColor(Activity::LockWait, m_presenter), in.bottom() - u * 1.2);
        }
        p.setPen(pal.mutedText);
        p.drawText(QRectF(in.left(), in.bottom() - u * 1.2, in.width(), u * 1.2), Qt::AlignLeft | Qt::AlignVCenter,
            tr("acquired %1×").arg(l.acquisitions));
    }
    for (const StageCell& c : m_model->cells()) {
        QRectF r;
        if (!nextTile(&r))
            continue;
        m_objectTiles.insert(c.id, r);
        const QRectF in
            = frame(r, c.isArray ? tr("Array #%1 · %2 cells").arg(c.id).arg(c.size) : tr("Value #%1").arg(c.id));
        if (c.isArray) {
            // An Array's events name the cell touched and the number in it: that cell lights up, showing it.
            const int shown = int(std::clamp<qint64>(c.size, 1, 16));
            const qreal cw = in.width() / shown;
            for (int i = 0; i < shown; ++i) {
                const QRectF cell(in.left() + i * cw + 1, in.top() + u * 0.4, cw - 2, u * 1.8);
                const bool touched = c.value == -1 ? c.writes + c.reads > 0 : c.value == i;
                p.setPen(QPen(pal.panelBorder, 1));
                p.setBrush(touched ? (c.written ? pal.accent : pal.message) : pal.background);
                p.drawRect(cell);
                const auto known = c.cellValues.find(i);
                if (known != c.cellValues.end()) {
                    const QString text = QString::number(known->second);
                    if (fontMetrics().horizontalAdvance(text) < cell.width() - 2) {
                        p.setPen(touched ? Qt::white : pal.text);
                        p.drawText(cell, Qt::AlignCenter, text);
                    }
                }
            }
        } else {
            QFont big = font();
            big.setPointSizeF(big.pointSizeF() * 2);
            big.setBold(true);
            p.setFont(big);
            p.setPen(pal.text);
            p.drawText(QRectF(in.left(), in.top(), in.width(), u * 2.6), Qt::AlignCenter, QString::number(c.value));
            p.setFont(font());
        }
        p.setPen(pal.mutedText);
        p.drawText(QRectF(in.left(), in.top() + u * 2.7, in.width(), u * 1.2), Qt::AlignCenter,
            tr("%1 by pid %2").arg(c.written ? tr("last written") : tr("last read")).arg(c.lastPid));
        p.drawText(QRectF(in.left(), in.top() + u * 3.9, in.width(), u * 1.2), Qt::AlignCenter,
            tr("%1 writes · %2 reads").arg(c.writes).arg(c.reads));
    }
    for (const StageSync& s : m_model->syncs()) {
        QRectF r;
        if (!nextTile(&r))
            continue;
        m_objectTiles.insert(s.id, r);
        QString title;
        switch (s.kind) {
        case StageSync::Kind::Barrier:
            title = s.parties > 0 ? tr("Barrier #%1 (%2 parties) · passed %3×").arg(s.id).arg(s.parties).arg(s.passes)
                                  : tr("Barrier #%1 · passed %2×").arg(s.id).arg(s.passes);
            break;
        case StageSync::Kind::Event:
            title = tr("Event #%1 · %2").arg(s.id).arg(s.isSet ? tr("set") : tr("clear"));
            break;
        case StageSync::Kind::Condition:
            title = tr("Condition #%1 · %2 notifies").arg(s.id).arg(s.passes);
            break;
        }
        const QRectF in = frame(r, title);
        p.setPen(pal.text);
        p.drawText(QPointF(in.left(), in.top() + u * 0.9), tr("waiting:"));
        const qreal lx = in.left() + p.fontMetrics().horizontalAdvance(tr("waiting:")) + u * 0.5;
        if (s.waiters.isEmpty()) {
            p.setPen(pal.mutedText);
            p.drawText(QPointF(lx, in.top() + u * 0.9), tr("nobody"));
        } else {
            chips(QPointF(lx, in.top()), s.waiters, in.right(), activityColor(Activity::SyncWait, m_presenter),
                in.bottom());
        }
    }
    if (m_model->hasManager()) {
        QRectF r;
        if (nextTile(&r)) {
            const StageManager mgr = m_model->manager();
            if (mgr.pid)
                m_boxes.insert(mgr.pid, r);
            const QRectF in = frame(r, mgr.pid ? tr("Manager · pid %1").arg(mgr.pid) : tr("Manager"));
            p.setPen(pal.mutedText);
            p.drawText(QRectF(in.left(), in.top(), in.width(), u * 1.2), Qt::AlignLeft | Qt::AlignVCenter,
                tr("%1 proxy calls").arg(mgr.calls));
            qreal y = in.top() + u * 1.3;
            // The latest calls, newest first: who called what through which proxy.
            for (qsizetype i = mgr.recentCalls.size() - 1; i >= 0 && y + u * 1.2 <= in.bottom() + 1; --i) {
                const ManagerCallCard& c = mgr.recentCalls[i];
                p.setPen(pal.text);
                p.drawText(QRectF(in.left(), y, in.width(), u * 1.2), Qt::AlignLeft | Qt::AlignVCenter,
                    p.fontMetrics().elidedText(
                        QStringLiteral("%1 → %2").arg(c.callerPid).arg(managerMethodDisplay(ManagerMethod(c.method))),
                        Qt::ElideRight, int(in.width())));
                y += u * 1.2;
            }
        } else {
            ++hidden;
        }
    }
    if (hidden > 0) {
        p.setPen(pal.mutedText);
        p.drawText(m_objectsRect.adjusted(0, 0, 0, u * 1.2), Qt::AlignRight | Qt::AlignBottom,
            tr("+%1 more objects").arg(hidden));
    }
}

QPointF StageView::anchorOf(qint64 pid) const
{
    const auto it = m_boxes.find(pid);
    if (it == m_boxes.end())
        return m_workersRect.center();
    if (m_model && pid == m_model->enginePid())
        return it->center();
    // A worker's cards sit in its lower half: land there, clear of its name and badge.
    const qreal u = unit();
    return QPointF(it->left() + std::min(it->width() / 2, u * 4), std::min(it->bottom() - u, it->top() + u * 4.6));
}

void StageView::paintFlights(QPainter& p, const StagePalette& pal) const
{
    int hidden = 0;
    const QList<Flight> flights = m_model->flights(MaxFlightsDrawn, &hidden);
    const qreal u = unit();
    for (const Flight& f : flights) {
        QPointF from;
        QPointF to;
        QColor color = pal.taskCard;
        QString text;
        const auto tile = m_objectTiles.find(f.object);
        const QPointF tileCenter = tile != m_objectTiles.end() ? tile->center() : m_objectsRect.center();
        switch (f.kind) {
        case Flight::Kind::Task: // from the task queue, or the parent when there is none on show
            from = m_queueRect.isEmpty() ? anchorOf(m_model->enginePid()) : m_queueRect.center();
            to = anchorOf(f.toPid);
            text = f.count > 1 ? QStringLiteral("#%1+%2").arg(f.task).arg(f.count - 1)
                               : QStringLiteral("#%1").arg(f.task);
            break;
        case Flight::Kind::Result:
            from = anchorOf(f.fromPid);
            to = m_resultsRect.isEmpty() ? anchorOf(m_model->enginePid()) : m_resultsRect.center();
            color = pal.resultCard;
            text = f.count > 1 ? QStringLiteral("#%1+%2").arg(f.task).arg(f.count - 1)
                               : QStringLiteral("#%1").arg(f.task);
            break;
        case Flight::Kind::QueuePut:
            from = anchorOf(f.fromPid);
            to = tileCenter;
            color = pal.message;
            break;
        case Flight::Kind::QueueGet:
            from = tileCenter;
            to = anchorOf(f.toPid);
            color = pal.message;
            break;
        case Flight::Kind::Deliver:
            if (m_resultsRect.isEmpty() || m_deliveredRect.isEmpty())
                continue; // no trays on show (an MPI job: rank 0 hands the results over at the end)
            from = m_resultsRect.center();
            to = m_deliveredRect.center();
            color = pal.resultCard.darker(140);
            text = QStringLiteral("#%1").arg(f.task);
            break;
        case Flight::Kind::PipeMessage:
            from = anchorOf(f.fromPid);
            to = f.toPid ? anchorOf(f.toPid) : tileCenter;
            color = pal.message;
            break;
        case Flight::Kind::MpiMessage: {
            from = anchorOf(f.fromPid);
            to = anchorOf(f.toPid ? f.toPid : m_model->pidOfRank(f.toRank));
            color = betweenHosts(f.fromRank, f.toRank) ? pal.remoteMessage : pal.message;
            text = f.task >= 0 ? QStringLiteral("#%1").arg(f.task) : mpi::farmTagName(f.object);
            // The whole way as an arrow under the card: where the message goes is as plain as where it is.
            p.setPen(QPen(withAlpha(color, 150), m_presenter ? 2.5 : 1.5));
            drawArrow(p, from, to, u * 0.6);
            break;
        }
        }
        const double t = easeInOut(f.progress);
        const QPointF at = from + (to - from) * t;
        const qreal w = text.isEmpty() ? u * 0.9 : p.fontMetrics().horizontalAdvance(text) + u * 0.6;
        const qreal h = text.isEmpty() ? u * 0.9 : u * 1.3;
        drawCard(p, QRectF(at.x() - w / 2, at.y() - h / 2, w, h), color, text, Qt::white);
    }
    if (hidden > 0) {
        p.setPen(pal.mutedText);
        p.drawText(m_workersRect, Qt::AlignTop | Qt::AlignRight, tr("+%1 cards in flight").arg(hidden));
    }
}

// A tile of the objects band: its box, and its title in bold at the top left.
void StageView::paintTile(QPainter& p, const StagePalette& pal, const QRectF& r, const QString& title) const
{
    const qreal u = unit();
    p.setPen(QPen(pal.panelBorder, m_presenter ? 2 : 1));
    p.setBrush(pal.panel);
    p.drawRoundedRect(r, 6, 6);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.text);
    p.drawText(r.adjusted(u * 0.5, u * 0.2, -u * 0.5, 0), Qt::AlignLeft | Qt::AlignTop, title);
    p.setFont(font());
}

bool StageView::betweenHosts(int fromRank, int toRank) const
{
    const StageProcess* a = m_model->process(m_model->pidOfRank(fromRank));
    const StageProcess* b = m_model->process(m_model->pidOfRank(toRank));
    return a && b && a->host != b->host;
}

// Each host a frame around its ranks, titled with its name: what runs where is the first thing MPI teaches.
void StageView::paintHosts(QPainter& p, const StagePalette& pal) const
{
    const qreal u = unit();
    for (const HostFrame& h : m_hostFrames) {
        p.setPen(QPen(pal.panelBorder, m_presenter ? 2 : 1.2, Qt::DashLine));
        p.setBrush(withAlpha(pal.accent, 14));
        p.drawRoundedRect(h.rect, 8, 8);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(pal.text);
        const int room = int(h.rect.width() - u * 1.2);
        QString title = h.ranks == 1 ? tr("host %1 · 1 rank").arg(h.host) : tr("host %1 · %2 ranks").arg(h.host).arg(h.ranks);
        if (p.fontMetrics().horizontalAdvance(title) > room) // a narrow frame (a projector): the name says most
            title = h.host;
        p.drawText(h.rect.adjusted(u * 0.6, u * 0.2, -u * 0.6, 0), Qt::AlignLeft | Qt::AlignTop,
            p.fontMetrics().elidedText(title, Qt::ElideRight, room));
        p.setFont(font());
    }
}

// Ranks inside a collective: a dashed line to its root, arrow towards the root for a gather or reduce (fan-in),
// away from it for a broadcast or scatter (fan-out); to the middle of all ranks for a barrier (no root).
void StageView::paintCollectives(QPainter& p, const StagePalette& pal) const
{
    Q_UNUSED(pal)
    if (!m_model->hasRanks())
        return;
    const qreal u = unit();
    const QList<StageProcess> workers = m_model->workers();
    QPointF middle;
    int shown = 0;
    for (const StageProcess& w : workers)
        if (w.rank >= 0 && m_boxes.contains(w.pid)) {
            middle += m_boxes.value(w.pid).center();
            ++shown;
        }
    if (shown == 0)
        return;
    middle /= shown;
    const QColor color = activityColor(Activity::MpiWait, m_presenter);
    for (const StageProcess& w : workers) {
        if (w.collectiveRoot < -1 || w.activity() != Activity::MpiWait || !m_boxes.contains(w.pid))
            continue;
        const qint64 rootPid = w.collectiveRoot >= 0 ? m_model->pidOfRank(w.collectiveRoot) : 0;
        if (rootPid == w.pid)
            continue;
        const QPointF mine = m_boxes.value(w.pid).center();
        const QPointF root = rootPid && m_boxes.contains(rootPid) ? m_boxes.value(rootPid).center() : middle;
        const auto op = mpi::Collective(w.state.waitObject);
        const bool fanOut = op == mpi::Collective::Bcast || op == mpi::Collective::Scatterv;
        p.setPen(QPen(color, m_presenter ? 3 : 2, Qt::DashLine));
        if (rootPid == 0)
            p.drawLine(mine, root);
        else if (fanOut)
            drawArrow(p, root, mine, u * 0.7);
        else
            drawArrow(p, mine, root, u * 0.7);
    }
}

// The MPI messages so far as a matrix, sender by row and receiver by column, shaded by the bytes sent (by the count
// in runs saved before sends carried their size); cells between hosts in the between-hosts colour. Under it, the
// collectives completed.
void StageView::paintMpiLinks(QPainter& p, const StagePalette& pal, const QRectF& r) const
{
    const qreal u = unit();
    const QRectF in = r.adjusted(u * 0.5, u * 0.2, -u * 0.5, -u * 0.3);
    QFont bold = font();
    bold.setBold(true);
    const bool bytes = m_model->mpiBytes() > 0;
    const auto size = [](qint64 n) { return QLocale().formattedDataSize(n, 1, QLocale::DataSizeIecFormat); };
    // A cell's size in a few characters: 512, 4K, 1M, 3G (binary units).
    const auto compact = [](qint64 n) -> QString {
        const char* units = "KMGT";
        if (n < 1024)
            return QString::number(n);
        double v = double(n);
        int i = -1;
        while (v >= 1024 && i < 3) {
            v /= 1024;
            ++i;
        }
        return QString::number(v, 'f', v < 10 && v != std::floor(v) ? 1 : 0) + QLatin1Char(units[i]);
    };
    const QString title = bytes ? tr("MPI messages: %1, %2 (row sends to column)")
                                      .arg(m_model->mpiMessages())
                                      .arg(size(m_model->mpiBytes()))
                                : tr("MPI messages: %1 (row sends to column)").arg(m_model->mpiMessages());
    paintTile(p, pal, r, QFontMetricsF(bold).elidedText(title, Qt::ElideRight, in.width()));
    const QString footer = tr("collective calls done: %1").arg(m_model->mpiCollectives());
    p.setPen(pal.mutedText);
    p.drawText(in, Qt::AlignLeft | Qt::AlignBottom, footer);

    int ranks = 0;
    for (const StageProcess& w : m_model->workers())
        ranks = std::max(ranks, w.rank + 1);
    if (ranks == 0)
        return;
    std::map<std::pair<int, int>, MpiLink> byLink;
    qint64 most = 1;
    for (const MpiLink& l : m_model->mpiLinks()) {
        byLink[{ l.fromRank, l.toRank }] = l;
        most = std::max(most, bytes ? l.bytes : l.messages);
    }
    const QRectF grid = in.adjusted(0, u * 1.3, 0, -u * 1.2);
    const qreal cell = std::min(grid.width() / (ranks + 1), grid.height() / (ranks + 1));
    if (cell < 4)
        return;
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * std::min(1.0, cell / u)));
    p.setFont(small);
    const QPointF o(grid.left(), grid.top());
    for (int i = 0; i < ranks; ++i) { // headers: receivers across, senders down
        p.setPen(pal.mutedText);
        p.drawText(QRectF(o.x() + (i + 1) * cell, o.y(), cell, cell), Qt::AlignCenter, QString::number(i));
        p.drawText(QRectF(o.x(), o.y() + (i + 1) * cell, cell, cell), Qt::AlignCenter, QString::number(i));
    }
    for (int from = 0; from < ranks; ++from) {
        for (int to = 0; to < ranks; ++to) {
            const QRectF c(o.x() + (to + 1) * cell + 1, o.y() + (from + 1) * cell + 1, cell - 2, cell - 2);
            const auto it = byLink.find({ from, to });
            const qint64 n = it == byLink.end() ? 0 : (bytes ? it->second.bytes : it->second.messages);
            const QColor base = betweenHosts(from, to) ? pal.remoteMessage : pal.message;
            p.setPen(QPen(pal.panelBorder, 1));
            p.setBrush(n == 0 ? pal.background : withAlpha(base, int(60 + 195 * double(n) / double(most))));
            p.drawRect(c);
            const QString text = n == 0 ? QString() : bytes ? compact(n) : QString::number(n);
            if (!text.isEmpty() && p.fontMetrics().horizontalAdvance(text) < c.width()) {
                p.setPen(double(n) / double(most) > 0.5 ? Qt::white : pal.text);
                p.drawText(c, Qt::AlignCenter, text);
            }
        }
    }
    p.setFont(font());
}

void StageView::paintLegend(QPainter& p, const StagePalette& pal, const QRectF& r) const
{
    // An MPI run has no pool objects: its waits and messages take their places.
    const bool mpi = m_model && m_model->hasRanks();
    QList<Activity> shown = { Activity::Starting, Activity::Idle, Activity::Running };
    if (mpi)
        shown << Activity::MpiWait;
    else
        shown << Activity::LockWait << Activity::QueueWait << Activity::PipeWait << Activity::SyncWait;
    shown << Activity::Exited << Activity::Crashed;
    struct Card {
        QColor color;
        QString name;
    };
    // The ranks' work and results travel as MPI messages: no task or result cards in an MPI run.
    const QList<Card> cards = mpi
        ? QList<Card> { { pal.message, tr("message in a host") }, { pal.remoteMessage, tr("between hosts") } }
        : QList<Card> { { pal.taskCard, tr("task card") }, { pal.resultCard, tr("result") },
              { pal.message, tr("item / message") } };
    // One line: a narrow window gets a smaller legend rather than a cut one.
    qreal needed = 0;
    for (Activity a : shown)
        needed += unit() * 1.6 + p.fontMetrics().horizontalAdvance(activityName(a));
    for (const auto& c : cards)
        needed += unit() * 2 + p.fontMetrics().horizontalAdvance(c.name);
    const QFont before = p.font();
    if (needed > r.width()) {
        QFont f = before;
        f.setPointSizeF(std::max(6.0, f.pointSizeF() * r.width() / needed));
        p.setFont(f);
    }
    const qreal u = p.fontMetrics().height();
    qreal x = r.left();
    for (Activity a : shown) {
        const QString name = activityName(a);
        p.setPen(Qt::NoPen);
        p.setBrush(activityColor(a, m_presenter));
        p.drawRoundedRect(QRectF(x, r.center().y() - u * 0.4, u * 0.8, u * 0.8), 2, 2);
        p.setPen(pal.text);
        const qreal w = p.fontMetrics().horizontalAdvance(name);
        p.drawText(QRectF(x + u, r.top(), w + 2, r.height()), Qt::AlignLeft | Qt::AlignVCenter, name);
        x += u * 1.6 + w;
    }
    for (const auto& c : cards) {
        drawCard(p, QRectF(x, r.center().y() - u * 0.4, u * 1.1, u * 0.8), c.color, {}, {});
        p.setPen(pal.text);
        const qreal w = p.fontMetrics().horizontalAdvance(c.name);
        p.drawText(QRectF(x + u * 1.4, r.top(), w + 2, r.height()), Qt::AlignLeft | Qt::AlignVCenter, c.name);
        x += u * 2 + w;
    }
    p.setFont(before);
}

qint64 StageView::pidAt(const QPointF& pos) const
{
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        if (it.value().contains(pos))
            return it.key();
    return 0;
}

void StageView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        setSelectedPid(pidAt(event->position()));
    QWidget::mousePressEvent(event);
}

void StageView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Delete && m_selected != 0 && m_model && m_selected != m_model->enginePid()) {
        Q_EMIT killRequested(m_selected);
        return;
    }
    QWidget::keyPressEvent(event);
}

void StageView::contextMenuEvent(QContextMenuEvent* event)
{
    const qint64 pid = pidAt(event->pos());
    if (!m_model || pid == 0 || pid == m_model->enginePid())
        return;
    const StageProcess* proc = m_model->process(pid);
    if (!proc || proc->state.ended)
        return;
    setSelectedPid(pid);
    QMenu menu(this);
    const QAction* kill = menu.addAction(tr("Kill %1 (pid %2) with SIGKILL").arg(proc->name).arg(pid));
    if (menu.exec(event->globalPos()) == kill)
        Q_EMIT killRequested(pid);
}

bool StageView::event(QEvent* event)
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

QString StageView::tooltipAt(const QPointF& pos) const
{
    if (!m_model)
        return {};
    const qint64 pid = pidAt(pos);
    if (const StageProcess* proc = pid ? m_model->process(pid) : nullptr) {
        QString text = QStringLiteral("<b>%1</b> (pid %2)<br>%3")
                           .arg(proc->name.toHtmlEscaped())
                           .arg(pid)
                           .arg(proc->stateText());
        if (!proc->isParent && !proc->isManager)
            text += tr("<br>%1 tasks done").arg(proc->tasksDone);
        if (proc->activity() == Activity::MpiWait)
            text += tr("<br>An MPI wait polls: this rank keeps its CPU busy until the message or the collective "
                       "completes (a blocked pool worker sleeps instead)");
        if (proc->hasUsage())
            text += tr("<br>CPU %1 %, resident memory %2 MiB (state %3, read %4 ms ago from /proc)")
                        .arg(double(proc->cpuPermille) / 10, 0, 'f', 1)
                        .arg(double(proc->rssKib) / 1024, 0, 'f', 1)
                        .arg(QLatin1Char(proc->schedState))
                        .arg(std::max<qint64>(0, m_model->timeNs() - proc->sampleNs) / 1'000'000);
        const qint64 since = m_model->timeNs() - proc->sinceNs;
        if (since > 0)
            text += tr("<br>for %1 ms").arg(double(since) / 1e6, 0, 'f', 2);
        if (const ProcessError* error = proc->state.ended ? m_model->processError(pid) : nullptr) {
            // The traceback as Python printed it; its newest lines (the error is at the end) when it is long.
            QStringList lines = error->traceback.split(QLatin1Char('\n'));
            while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
                lines.removeLast();
            constexpr int MaxLines = 24;
            if (lines.size() > MaxLines)
                lines = QStringList { QStringLiteral("…") } + lines.mid(lines.size() - MaxLines);
            text += tr("<br><b>raised</b> %1<pre>%2</pre>")
                        .arg(error->exception.toHtmlEscaped(), lines.join(QLatin1Char('\n')).toHtmlEscaped());
        }
        if (!proc->isParent && !proc->state.ended)
            text += tr("<br><i>Right-click or Del: kill it (SIGKILL)</i>");
        return text;
    }
    if (m_queueRect.contains(pos))
        return tr("Tasks submitted to the pool and not yet sent to a worker: %1").arg(m_model->queuedCount());
    if (m_resultsRect.contains(pos))
        return tr("Results the parent received, in the order the workers finished them (%1 in all)")
            .arg(m_model->resultsReceived());
    if (m_deliveredRect.contains(pos))
        return tr("Results your code received: map gives them all at the end in input order, imap in input order as "
                  "they come, imap_unordered as they finish (%1 in all)")
            .arg(m_model->resultsDelivered());
    for (auto it = m_objectTiles.cbegin(); it != m_objectTiles.cend(); ++it)
        if (it.value().contains(pos))
            return objectTooltip(it.key());
    if (m_linksRect.contains(pos))
        return tr("Point-to-point MPI messages so far: rank in the row sent that many to the rank in the column "
                  "(between hosts in orange: they cross the network, over TCP; inside a host they go through "
                  "shared memory)");
    for (const HostFrame& h : m_hostFrames)
        if (h.rect.contains(pos))
            return tr("<b>%1</b>: %2 MPI ranks placed here by mpirun (Open MPI's hostfile says how many slots each "
                      "host has)")
                .arg(h.host.toHtmlEscaped())
                .arg(h.ranks);
    return {};
}

QString StageView::objectTooltip(qint32 id) const
{
    const auto pids = [](const QList<qint64>& list) {
        QStringList out;
        for (qint64 pid : list)
            out << QString::number(pid);
        return out.isEmpty() ? tr("nobody") : out.join(QStringLiteral(", "));
    };
    for (const StageQueue& q : m_model->queues())
        if (q.id == id)
            return tr("<b>Queue #%1</b>%2<br>%3 in it now (at most %4 so far)<br>%5 put, %6 got<br>waiting to put: "
                      "%7<br>waiting to get: %8")
                .arg(id)
                .arg(q.capacity > 0 ? tr(" (maxsize %1)").arg(q.capacity) : QString())
                .arg(itemCount(q.size))
                .arg(q.maxSize)
                .arg(q.puts)
                .arg(q.gets)
                .arg(pids(q.blockedPutters), pids(q.blockedGetters));
    for (const StagePipe& p : m_model->pipes())
        if (p.id == id)
            return tr("<b>Pipe #%1</b> (%2)<br>ends: pid %3 and pid %4<br>%5 messages, %6 bytes<br>in flight: %7 → , "
                      "%8 ←<br>waiting to recv: %9")
                .arg(id)
                .arg(p.duplex ? tr("duplex") : tr("one-way"))
                .arg(p.endA)
                .arg(p.endB)
                .arg(p.messages)
                .arg(p.bytes)
                .arg(p.inFlightAtoB)
                .arg(p.inFlightBtoA)
                .arg(pids(p.waitingReceivers));
    for (const StageLock& l : m_model->locks())
        if (l.id == id)
            return tr("<b>%1 #%2</b><br>held by: %3<br>waiting, in order: %4<br>acquired %5 times")
                .arg(l.semaphore                      ? tr("Semaphore")
                        : l.type == ObjectType::RLock ? tr("RLock")
                                                      : tr("Lock"))
                .arg(id)
                .arg(pids(l.holders), pids(l.waiters))
                .arg(l.acquisitions);
    for (const StageCell& c : m_model->cells())
        if (c.id == id)
            return tr("<b>%1 #%2</b><br>%3 writes, %4 reads, the last by pid %5")
                .arg(c.isArray ? tr("Array") : tr("Value"))
                .arg(id)
                .arg(c.writes)
                .arg(c.reads)
                .arg(c.lastPid);
    for (const StageSync& s : m_model->syncs())
        if (s.id == id)
            return tr("<b>%1 #%2</b><br>waiting: %3")
                .arg(s.kind == StageSync::Kind::Barrier    ? tr("Barrier")
                        : s.kind == StageSync::Kind::Event ? tr("Event")
                                                           : tr("Condition"))
                .arg(id)
                .arg(pids(s.waiters));
    return {};
}

} // namespace proclab
