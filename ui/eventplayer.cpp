#include "eventplayer.h"

#include "clock.h"

#include <QTimer>

#include <algorithm>
#include <cmath>

namespace proclab {

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
    return m_maxTimeNs;
}

void EventPlayer::startLive()
{
    m_events.clear();
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
    const qsizetype room = std::max<qsizetype>(0, maxEvents - qsizetype(m_events.size()));
    const qsizetype kept = std::min<qsizetype>(room, qsizetype(batch.size()));
    m_events.insert(m_events.end(), batch.cbegin(), batch.cbegin() + kept);
    for (qsizetype i = 0; i < kept; ++i)
        m_maxTimeNs = std::max(m_maxTimeNs, batch[size_t(i)].tNs);
    if (kept < qsizetype(batch.size())) {
        // Past the bound the run is still drawn as it happens, at once rather than at the playhead.
        const bool first = m_dropped == 0;
        m_dropped += qsizetype(batch.size()) - kept;
        if (first)
            Q_EMIT overflowed();
        Q_EMIT eventsReached(EventBatch(batch.cbegin() + kept, batch.cend()));
    }
}

void EventPlayer::finishLive()
{
    if (!m_live)
        return;
    m_live = false;
    // A saved run is read back in time order; events that reached the engine late were drawn a frame later
    // live. Redraw in time order so that the live picture, a replay and an opened file all end identical.
    const auto byTime = [](const Event& a, const Event& b) { return a.tNs < b.tNs; };
    if (!std::is_sorted(m_events.cbegin(), m_events.cend(), byTime)) {
        std::stable_sort(m_events.begin(), m_events.end(), byTime);
        const qint64 playhead = m_playhead;
        rewind();
        moveTo(playhead);
    }
    if (m_mode == Mode::Following) {
        // The clock ran past the last event: stop at it, where a replay or an opened file stops too.
        moveTo(endNs());
        if (m_playhead != endNs()) {
            m_playhead = endNs();
            Q_EMIT playheadMoved(m_playhead);
        }
        setMode(Mode::Paused);
        Q_EMIT caughtUp();
    }
    updateTimer();
}

void EventPlayer::load(EventBatch events)
{
    m_live = false;
    if (qsizetype(events.size()) > maxEvents) {
        m_dropped = qsizetype(events.size()) - maxEvents;
        events.resize(size_t(maxEvents));
    } else {
        m_dropped = 0;
    }
    m_events = std::move(events);
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
    if (target >= endNs()) {
        moveTo(endNs());
        pause();
        return;
    }
    moveTo(target);
}

void EventPlayer::setMode(Mode mode)
{
    const bool changed = mode != m_mode;
    m_mode = mode;
    updateTimer();
    if (changed)
        Q_EMIT modeChanged(mode);
}

void EventPlayer::moveTo(qint64 tNs)
{
    const qsizetype from = m_applied;
    while (m_applied < qsizetype(m_events.size()) && m_events[size_t(m_applied)].tNs <= tNs)
        ++m_applied;
    if (m_applied > from)
        Q_EMIT eventsReached(EventBatch(m_events.cbegin() + from, m_events.cbegin() + m_applied));
    if (tNs > m_playhead) {
        m_playhead = tNs;
        Q_EMIT playheadMoved(m_playhead);
    }
}

void EventPlayer::rewind()
{
    m_applied = 0;
    Q_EMIT resetRequested();
}

void EventPlayer::onFrame()
{
    if (m_mode == Mode::Following) {
        moveTo(monotonicNs() - liveDelayNs); // live events carry this machine's CLOCK_MONOTONIC
    } else if (m_mode == Mode::Playing) {
        advance(m_frameClock.nsecsElapsed());
        m_frameClock.start();
    }
}

void EventPlayer::updateTimer()
{
    const bool needed = (m_mode == Mode::Following && m_live) || m_mode == Mode::Playing;
    if (needed && !m_frameTimer->isActive())
        m_frameTimer->start();
    else if (!needed)
        m_frameTimer->stop();
}

} // namespace proclab
