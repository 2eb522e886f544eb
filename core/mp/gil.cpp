#include "mp/gil.h"

#include <chrono>

namespace proclab {

Gil::Gil(qint64 switchIntervalNs)
    : m_intervalNs(switchIntervalNs)
{
}

void Gil::acquire()
{
    std::unique_lock lock(m_mutex);
    while (m_locked) {
        const qint64 seen = m_switchNumber;
        const bool timedOut = m_cond.wait_for(lock, std::chrono::nanoseconds(m_intervalNs)) == std::cv_status::timeout;
        // Waited a whole interval without anyone switching: ask the holder to let go.
        if (timedOut && m_locked && m_switchNumber == seen)
            m_dropRequest.store(true, std::memory_order_relaxed);
    }
    m_locked = true;
    ++m_switchNumber;
    m_dropRequest.store(false, std::memory_order_relaxed);
    m_switched.notify_all();
}

void Gil::release()
{
    {
        std::lock_guard lock(m_mutex);
        m_locked = false;
    }
    m_cond.notify_one();
}

void Gil::yieldToWaiter()
{
    {
        std::unique_lock lock(m_mutex);
        if (!m_dropRequest.load(std::memory_order_relaxed))
            return;
        const qint64 seen = m_switchNumber;
        m_locked = false;
        m_cond.notify_one();
        // Forced switching: wait until another thread really took the lock before competing again.
        m_switched.wait(lock, [&] { return m_switchNumber != seen; });
    }
    acquire();
}

qint64 Gil::switches() const
{
    std::lock_guard lock(m_mutex);
    return m_switchNumber;
}

} // namespace proclab
