#include "eventplayer.h"

#include "base/clock.h"

#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sys/mman.h>

namespace proclab {

namespace {

bool byTime(const Event& a, const Event& b)
{
    return a.tNs < b.tNs;
}

// The event store is tens of megabytes written front to back: in 4 KiB pages that is thousands of page faults, each
// of which costs microseconds on a VM (a firehose's events: 48 MB, 12,000 faults). Transparent huge pages, where the
// kernel offers them on request (/sys/kernel/mm/transparent_hugepage/enabled: madvise), make it a few dozen.
void adviseHugePages(void* data, size_t bytes)
{
    constexpr uintptr_t Huge = 2 * 1024 * 1024;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + Huge - 1) & ~(Huge - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(Huge - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE); // advice: no harm if refused
}

} // namespace

EventPlayer::EventPlayer(QObject* parent)
    : QObject(parent)
    , m_frameTimer(new QTimer(this))
{
    m_frameTimer->setInterval(16);
    m_frameTimer->setTimerType(Qt::PreciseTimer);
    connect(m_frameTimer, &QTimer::timeout, this, &EventPlayer::onFrame);
}

qint64 EventPlayer::startNs() const
{
    return m_events.empty() ? 0 : m_events.front().tNs;
}

qint64 EventPlayer::endNs() const
{
    // A mark after the last event (a measurement that had no event yet) is part of the run too.
    const qint64 last = m_marks.isEmpty() ? m_maxTimeNs : std::max(m_maxTimeNs, m_marks.constLast().tNs);
    return m_events.empty() && m_marks.isEmpty() ? m_maxTimeNs : last + m_settleNs;
}

void EventPlayer::setSettleNs(qint64 ns)
{
    m_settleNs = std::max<qint64>(0, ns);
}

void EventPlayer::startLive()
{
    m_events.clear();
    m_marks.clear();
    m_dropped = 0;
    m_maxTimeNs = 0;
    m_live = true;
    rewind();
    m_playhead = monotonicNs() - liveDelayNs;
    Q_EMIT playheadMoved(m_playhead);
    setMode(Mode::Following);
}

void EventPlayer::append(const EventBatch& batch)
{
    if (batch.empty())
        return;
    const auto oldEnd = qsizetype(m_events.size());
    // A vector of a million events that grows copies all of them into fresh memory, which the kernel maps page by
    // page: one frame of 100 ms and more on a small VM. A run that gets past ReserveFrom events gets room for the
    // whole bound at once (address space: memory is used only as the events fill it).
    const size_t needed = m_events.size() + batch.size();
    if (needed > m_events.capacity() && needed > size_t(ReserveFrom)) {
        m_events.reserve(std::max(needed, size_t(MaxKeptEvents + maxBacklog + ReserveFrom)));
        adviseHugePages(m_events.data(), m_events.capacity() * sizeof(Event));
    }
    m_events.insert(m_events.end(), batch.cbegin(), batch.cend());
    // A batch may start with events that reached the engine late. Those the playhead has not passed yet are
    // merged into time order (stably: the earlier arrival first), so that the run is drawn in the order a
    // replay or a saved file uses; only an event later than the playhead's lag is drawn out of order.
    const auto tail = m_events.begin() + m_applied;
    const auto middle = m_events.begin() + oldEnd;
    if (middle != tail && byTime(*middle, *(middle - 1))) {
        // The events after the new ones' place move aside into a buffer kept from batch to batch (std::inplace_merge
        // would allocate one each time), then the two runs merge back in place.
        const auto from = std::max(tail, std::upper_bound(tail, middle, *middle, byTime));
        m_mergeBuffer.assign(std::make_move_iterator(from), std::make_move_iterator(middle));
        auto out = from;
        auto older = m_mergeBuffer.begin();
        for (auto newer = middle; older != m_mergeBuffer.end() && newer != m_events.end(); ++out)
            *out = byTime(*newer, *older) ? std::move(*newer++) : std::move(*older++);
        std::move(older, m_mergeBuffer.end(), out); // what is left of the new ones is in place already
    }
    for (const Event& e : batch)
        m_maxTimeNs = std::max(m_maxTimeNs, e.tNs);
    if (oldEnd <= MaxKeptEvents && qsizetype(m_events.size()) > MaxKeptEvents && m_dropped == 0)
        Q_EMIT overflowed();
    // The views are this far behind a firehose: they catch up now, whatever it costs, so that memory stays
    // bounded and the events are still drawn in order.
    if (qsizetype(m_events.size()) - m_applied > maxBacklog)
        moveTo(m_maxTimeNs);
}

void EventPlayer::addMark(qint64 tNs, const QString& label)
{
    // Marks come in order from one thread; one out of order goes where its time says.
    const auto at
        = std::upper_bound(m_marks.begin(), m_marks.end(), tNs, [](qint64 t, const Mark& m) { return t < m.tNs; });
    const qsizetype index = at - m_marks.begin();
    m_marks.insert(index, Mark { tNs, label });
    if (index < m_marksReached) // the playhead has passed it already: shown at once, out of place
        ++m_marksReached;
    else if (tNs <= m_playhead && m_applied == qsizetype(m_events.size())) {
        ++m_marksReached;
        Q_EMIT markReached(tNs, label);
    }
}

void EventPlayer::finishLive()
{
    if (!m_live)
        return;
    m_live = false;
    // A saved run is read back in time order. If an event came so late that the playhead had passed its time,
    // redraw in time order, so that the live picture, a replay and an opened file all end identical.
    // (Past the bound, the events drawn at once are not kept: no replay can be identical, none is tried.)
    if (m_dropped == 0 && !std::is_sorted(m_events.cbegin(), m_events.cend(), byTime)) {
        std::stable_sort(m_events.begin(), m_events.end(), byTime);
        const qint64 playhead = m_playhead;
        rewind();
        moveTo(playhead);
    }
    if (m_mode == Mode::Following) {
        moveTo(endNs(), true);
        finishIfCaughtUp(); // or at a later frame, if the views are behind
    }
    updateTimer();
}

void EventPlayer::finishIfCaughtUp()
{
    if (m_live || m_mode != Mode::Following || m_applied < qsizetype(m_events.size()))
        return;
    // The clock ran past the last event: stop at it, where a replay or an opened file stops too.
    if (m_playhead != endNs()) {
        m_playhead = endNs();
        Q_EMIT playheadMoved(m_playhead);
    }
    setMode(Mode::Paused);
    Q_EMIT caughtUp();
}

void EventPlayer::load(EventBatch events)
{
    m_live = false;
    if (qsizetype(events.size()) > MaxKeptEvents) {
        m_dropped = qsizetype(events.size()) - MaxKeptEvents;
        events.resize(size_t(MaxKeptEvents));
    } else {
        m_dropped = 0;
    }
    m_events = std::move(events);
    m_marks.clear();
    m_maxTimeNs = 0;
    for (const Event& e : m_events)
        m_maxTimeNs = std::max(m_maxTimeNs, e.tNs);
    rewind();
    m_playhead = startNs() - 1; // before the first event: an empty stage
    Q_EMIT playheadMoved(m_playhead);
    setMode(Mode::Paused);
}

void EventPlayer::setSpeed(double speed)
{
    m_speed = std::clamp(speed, minSpeed, 1.0);
}

void EventPlayer::play()
{
    if (m_live) {
        setMode(Mode::Following); // the next frame jumps to the present
        return;
    }
    if (m_events.empty())
        return;
    if (isAtEnd()) {
        replay();
        return;
    }
    m_frameClock.start();
    setMode(Mode::Playing);
}

void EventPlayer::pause()
{
    setMode(Mode::Paused);
}

void EventPlayer::togglePause()
{
    if (m_mode == Mode::Paused)
        play();
    else
        pause();
}

void EventPlayer::step()
{
    pause();
    if (m_applied >= qsizetype(m_events.size()))
        return;
    moveTo(std::max(m_playhead, m_events[size_t(m_applied)].tNs));
}

void EventPlayer::seek(qint64 tNs)
{
    pause();
    if (tNs < m_playhead) {
        rewind();
        m_playhead = tNs;
        Q_EMIT playheadMoved(m_playhead);
    }
    moveTo(tNs);
}

void EventPlayer::replay()
{
    if (m_live || m_events.empty())
        return;
    rewind();
    m_playhead = startNs() - 1;
    Q_EMIT playheadMoved(m_playhead);
    m_frameClock.start();
    setMode(Mode::Playing);
}

void EventPlayer::advance(qint64 wallNs)
{
    if (m_mode != Mode::Playing)
        return;
    const qint64 target = m_playhead + std::llround(double(wallNs) * m_speed);
    moveTo(std::min(target, endNs()), true);
    if (isAtEnd())
        pause();
}

void EventPlayer::setMode(Mode mode)
{
    const bool changed = mode != m_mode;
    m_mode = mode;
    updateTimer();
    if (changed)
        Q_EMIT modeChanged(mode);
}

void EventPlayer::moveTo(qint64 tNs, bool budgeted)
{
    QElapsedTimer spent;
    spent.start();
    const auto size = qsizetype(m_events.size());
    // The further behind, the longer a frame may apply events: the window slows down rather than the backlog
    // growing without end. Behind means events due by tNs, not those that came early (live, 80 ms of them).
    const qsizetype due = std::upper_bound(m_events.cbegin() + m_applied, m_events.cend(), tNs,
                              [](qint64 t, const Event& e) { return t < e.tNs; })
        - (m_events.cbegin() + m_applied);
    const qint64 budget = std::min(maxFrameBudgetNs, frameBudgetNs * (1 + due / 100'000));
    // A mark goes out after the events before it, before those at or after it.
    const auto nextMarkNs = [this] {
        return m_marksReached < m_marks.size() ? m_marks.at(m_marksReached).tNs : std::numeric_limits<qint64>::max();
    };
    const auto reachMarks = [&](qint64 beforeNs) {
        while (m_marksReached < m_marks.size() && m_marks.at(m_marksReached).tNs <= beforeNs) {
            const Mark& m = m_marks.at(m_marksReached++);
            Q_EMIT markReached(m.tNs, m.label);
        }
    };
    while (m_applied < size && m_events[size_t(m_applied)].tNs <= tNs) {
        reachMarks(m_events[size_t(m_applied)].tNs);
        // Slices, so that a frame's time budget can end a firehose's backlog early.
        const qsizetype from = m_applied;
        const qint64 markNs = nextMarkNs();
        while (m_applied < size && m_applied - from < sliceEvents && m_events[size_t(m_applied)].tNs <= tNs
            && m_events[size_t(m_applied)].tNs < markNs)
            ++m_applied;
        Q_EMIT eventsReached(EventBatch(m_events.cbegin() + from, m_events.cbegin() + m_applied));
        if (budgeted && spent.nsecsElapsed() > budget && m_applied < size && m_events[size_t(m_applied)].tNs <= tNs) {
            tNs = m_events[size_t(m_applied) - 1].tNs; // the rest next frame: the picture lags, the window does not
            break;
        }
    }
    if (m_applied == size || m_events[size_t(m_applied)].tNs > tNs)
        reachMarks(tNs);
    if (m_applied > MaxKeptEvents) { // drawn, but past the bound: not kept
        m_dropped += m_applied - MaxKeptEvents;
        m_events.erase(m_events.begin() + MaxKeptEvents, m_events.begin() + m_applied);
        m_applied = MaxKeptEvents;
    }
    if (tNs > m_playhead) {
        m_playhead = tNs;
        Q_EMIT playheadMoved(m_playhead);
    }
}

void EventPlayer::rewind()
{
    m_applied = 0;
    m_marksReached = 0;
    Q_EMIT resetRequested();
}

void EventPlayer::onFrame()
{
    if (m_mode == Mode::Following) {
        // Live events carry this machine's CLOCK_MONOTONIC; once the run is over, what is left of it.
        moveTo(m_live ? monotonicNs() - liveDelayNs : endNs(), true);
        finishIfCaughtUp();
    } else if (m_mode == Mode::Playing) {
        advance(m_frameClock.nsecsElapsed());
        m_frameClock.start();
    }
}

void EventPlayer::updateTimer()
{
    const bool needed = m_mode != Mode::Paused;
    if (needed && !m_frameTimer->isActive())
        m_frameTimer->start();
    else if (!needed)
        m_frameTimer->stop();
}

} // namespace proclab
