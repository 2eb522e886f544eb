#include "event.h"

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
    std::lock_guard lock(m_mutex);
    m_pending.push_back(e);
    if (m_recording)
        m_all.push_back(e);
}

void EventLog::append(const EventBatch& events)
{
    std::lock_guard lock(m_mutex);
    m_pending.insert(m_pending.end(), events.begin(), events.end());
    if (m_recording)
        m_all.insert(m_all.end(), events.begin(), events.end());
}

EventBatch EventLog::takePending(qint64 holdBackAfterNs)
{
    std::lock_guard lock(m_mutex);
    sortByTime(m_pending);
    const auto split = std::upper_bound(m_pending.begin(), m_pending.end(), holdBackAfterNs,
        [](qint64 t, const Event& e) { return t < e.tNs; });
    EventBatch out(m_pending.begin(), split);
    m_pending.erase(m_pending.begin(), split);
    return out;
}

EventBatch EventLog::snapshot() const
{
    std::lock_guard lock(m_mutex);
    EventBatch copy = m_all;
    sortByTime(copy);
    return copy;
}

qsizetype EventLog::size() const
{
    std::lock_guard lock(m_mutex);
    return qsizetype(m_all.size());
}

void EventLog::setRecording(bool on)
{
    std::lock_guard lock(m_mutex);
    m_recording = on;
}

void EventLog::clear()
{
    std::lock_guard lock(m_mutex);
    m_all.clear();
    m_pending.clear();
}

} // namespace proclab
