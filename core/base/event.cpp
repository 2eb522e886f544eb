#include "base/event.h"

#include <QMetaEnum>

#include <algorithm>

namespace proclab {

QString eventKindName(EventKind kind)
{
    return QString::fromLatin1(QMetaEnum::fromType<EventKind>().valueToKey(int(kind)));
}

namespace {
void sortByTime(EventBatch& events)
{
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; });
}
} // namespace

void EventLog::append(const Event& e)
{
    if (!wanted())
        return;
    std::lock_guard lock(m_mutex);
    m_events.push_back(e);
}

void EventLog::append(const EventBatch& events)
{
    if (!wanted())
        return;
    std::lock_guard lock(m_mutex);
    m_events.insert(m_events.end(), events.begin(), events.end());
}

size_t EventLog::sortPendingLocked(qint64 holdBackAfterNs)
{
    const auto first = m_events.begin() + qsizetype(m_published);
    // Usually already in order (one stream at a time): check before paying for a sort.
    if (!std::is_sorted(first, m_events.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; }))
        std::stable_sort(first, m_events.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; });
    const auto split
        = std::upper_bound(first, m_events.end(), holdBackAfterNs, [](qint64 t, const Event& e) { return t < e.tNs; });
    return size_t(split - m_events.begin());
}

void EventLog::dropPublishedLocked()
{
    if (!m_recording) {
        m_events.erase(m_events.begin(), m_events.begin() + qsizetype(m_published));
        m_published = 0;
    }
}

EventBatch EventLog::takePending(qint64 holdBackAfterNs)
{
    std::lock_guard lock(m_mutex);
    const size_t end = sortPendingLocked(holdBackAfterNs);
    EventBatch out(m_events.begin() + qsizetype(m_published), m_events.begin() + qsizetype(end));
    m_published = end;
    dropPublishedLocked();
    return out;
}

void EventLog::skipPending(qint64 holdBackAfterNs)
{
    std::lock_guard lock(m_mutex);
    m_published = sortPendingLocked(holdBackAfterNs);
    dropPublishedLocked();
}

EventBatch EventLog::snapshot() const
{
    std::lock_guard lock(m_mutex);
    EventBatch copy = m_events;
    sortByTime(copy);
    return copy;
}

qsizetype EventLog::size() const
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_events.size());
}

void EventLog::setRecording(bool on)
{
    std::lock_guard lock(m_mutex);
    m_recording = on;
    updateWantedLocked();
}

void EventLog::setPublishing(bool on)
{
    std::lock_guard lock(m_mutex);
    m_publishing = on;
    updateWantedLocked();
}

void EventLog::setWantedMirror(std::atomic<qint32>* word)
{
    std::lock_guard lock(m_mutex);
    m_wantedMirror = word;
    updateWantedLocked();
}

void EventLog::updateWantedLocked()
{
    m_wanted = m_recording || m_publishing;
    if (m_wantedMirror)
        m_wantedMirror->store(m_wanted ? 1 : 0, std::memory_order_relaxed);
}

void EventLog::clear()
{
    std::lock_guard lock(m_mutex);
    m_events.clear();
    m_published = 0;
}

} // namespace proclab
