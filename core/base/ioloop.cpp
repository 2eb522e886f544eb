#include "base/ioloop.h"

#include "base/clock.h"
#include "base/platform.h"

#include <algorithm>
#include <condition_variable>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace proclab {

IoLoop::IoLoop()
{
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    std::mutex started;
    std::condition_variable cv;
    bool ready = false;
    m_thread = std::thread([&] {
        {
            // Notify under the lock: the constructor's cv must not die while notify_one() still runs.
            std::lock_guard lock(started);
            m_threadId = std::this_thread::get_id();
            ready = true;
            cv.notify_one();
        }
        run();
    });
    std::unique_lock lock(started);
    cv.wait(lock, [&] { return ready; });
}

IoLoop::~IoLoop()
{
    stop();
    if (m_thread.joinable())
        m_thread.join();
    platform::closeFd(m_wakeFd);
}

void IoLoop::stop()
{
    {
        std::lock_guard lock(m_postMutex);
        m_stopping = true;
    }
    wake();
}

void IoLoop::wake()
{
    const quint64 one = 1;
    [[maybe_unused]] const auto n = ::write(m_wakeFd, &one, sizeof one);
}

void IoLoop::post(Task task)
{
    {
        std::lock_guard lock(m_postMutex);
        m_posted.push_back(std::move(task));
    }
    wake();
}

void IoLoop::postAndWait(Task task)
{
    if (inLoopThread()) {
        task();
        return;
    }
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    post([&] {
        task();
        std::lock_guard lock(m);
        done = true;
        cv.notify_one();
    });
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return done; });
}

void IoLoop::watch(int fd, short events, FdHandler handler)
{
    m_watches.push_back({ fd, events, std::move(handler) });
}

void IoLoop::setEvents(int fd, short events)
{
    for (auto& w : m_watches)
        if (w.fd == fd && !w.removed)
            w.events = events;
}

void IoLoop::unwatch(int fd)
{
    // Marked now, erased after the current dispatch pass: a handler may unwatch itself.
    for (auto& w : m_watches)
        if (w.fd == fd)
            w.removed = true;
}

void IoLoop::callAt(qint64 monotonicNs, Task task)
{
    m_timers.push_back({ monotonicNs, std::move(task) });
}

void IoLoop::addTicker(qint64 periodNs, Task task)
{
    m_tickers.push_back({ periodNs, monotonicNs() + periodNs, std::move(task) });
}

void IoLoop::run()
{
    std::vector<pollfd> fds;
    std::vector<Task> posted;
    for (;;) {
        {
            std::lock_guard lock(m_postMutex);
            posted.swap(m_posted);
            if (m_stopping && posted.empty())
                return;
        }
        for (auto& t : posted)
            t();
        posted.clear();

        const qint64 now = monotonicNs();
        // Timers that are due (a timer may add timers: iterate over a swapped-out list).
        if (!m_timers.empty()) {
            std::vector<Timer> due;
            auto split = std::partition(m_timers.begin(), m_timers.end(), [&](const Timer& t) { return t.at > now; });
            std::move(split, m_timers.end(), std::back_inserter(due));
            m_timers.erase(split, m_timers.end());
            for (auto& t : due)
                t.task();
        }
        qint64 nextDeadline = now + 1'000'000'000;
        for (auto& t : m_tickers) {
            if (now >= t.next) {
                t.task();
                t.next = now + t.period;
            }
            nextDeadline = std::min(nextDeadline, t.next);
        }
        for (const auto& t : m_timers)
            nextDeadline = std::min(nextDeadline, t.at);

        m_watches.erase(std::remove_if(m_watches.begin(), m_watches.end(), [](const Watch& w) { return w.removed; }),
            m_watches.end());
        fds.clear();
        fds.push_back({ m_wakeFd, POLLIN, 0 });
        for (const auto& w : m_watches)
            fds.push_back({ w.fd, w.events, 0 });

        {
            std::lock_guard lock(m_postMutex);
            if (!m_posted.empty() || m_stopping)
                continue;
        }
        const qint64 waitNs = std::max<qint64>(0, nextDeadline - monotonicNs());
        const int timeoutMs = int((waitNs + 999'999) / 1'000'000);
        const int n = ::poll(fds.data(), fds.size(), timeoutMs);
        if (n <= 0)
            continue;
        if (fds[0].revents) {
            quint64 value;
            [[maybe_unused]] const auto r = ::read(m_wakeFd, &value, sizeof value);
        }
        // Handlers may add or remove watches: index by the snapshot taken before polling.
        const size_t count = fds.size() - 1;
        for (size_t i = 0; i < count; ++i) {
            const short revents = fds[i + 1].revents;
            if (!revents)
                continue;
            // m_watches may have grown; the first `count` entries are the polled ones.
            Watch& w = m_watches[i];
            if (!w.removed && w.fd == fds[i + 1].fd) {
                FdHandler handler = w.handler; // a handler may unwatch (and so invalidate) itself
                handler(revents);
            }
        }
    }
}

} // namespace proclab
