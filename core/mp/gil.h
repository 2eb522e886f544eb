#pragma once

// A global interpreter lock modelled on CPython's (Python/ceval_gil.c): a thread that wants the lock waits
// up to the switch interval, then asks the holder to drop it; the holder honours the request at its next
// checkpoint and does not retake the lock until another thread got it (forced switching).

#include <QtGlobal>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace proclab {

class Gil {
public:
    explicit Gil(qint64 switchIntervalNs = 5'000'000);

    void acquire();
    void release();
    // Cheap when nobody waits: one relaxed atomic load.
    void checkpoint()
    {
        if (m_dropRequest.load(std::memory_order_relaxed))
            yieldToWaiter();
    }

    qint64 switches() const;
    qint64 switchIntervalNs() const { return m_intervalNs; }

private:
    void yieldToWaiter();

    const qint64 m_intervalNs;
    mutable std::mutex m_mutex;
    std::condition_variable m_cond; // signalled when the lock is dropped
    std::condition_variable m_switched; // signalled when a waiter took it
    bool m_locked = false; // guarded by m_mutex
    qint64 m_switchNumber = 0; // guarded by m_mutex
    std::atomic<bool> m_dropRequest { false };
};

class GilGuard {
public:
    explicit GilGuard(Gil* gil)
        : m_gil(gil)
    {
        if (m_gil)
            m_gil->acquire();
    }
    ~GilGuard()
    {
        if (m_gil)
            m_gil->release();
    }
    GilGuard(const GilGuard&) = delete;
    GilGuard& operator=(const GilGuard&) = delete;

private:
    Gil* m_gil;
};

} // namespace proclab
