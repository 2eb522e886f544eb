#pragma once

// The engine's I/O thread: one poll() loop over the descriptors of the workers it talks to.
// Everything registered here runs on that thread; other threads hand work over with post().

#include <QtGlobal>

#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace proclab {

class IoLoop {
public:
    using FdHandler = std::function<void(short revents)>;
    using Task = std::function<void()>;

    IoLoop();
    ~IoLoop(); // stops and joins the thread
    IoLoop(const IoLoop&) = delete;
    IoLoop& operator=(const IoLoop&) = delete;

    // Thread-safe.
    void post(Task task);
    void postAndWait(Task task); // runs inline when called on the loop thread
    bool inLoopThread() const { return std::this_thread::get_id() == m_threadId; }
    void stop();

    // Loop thread only.
    void watch(int fd, short events, FdHandler handler);
    void setEvents(int fd, short events);
    void unwatch(int fd);
    void callAt(qint64 monotonicNs, Task task); // one-shot timer
    // Called on every pass of the loop and at least every `periodNs`.
    void addTicker(qint64 periodNs, Task task);

private:
    void run();
    void wake();

    struct Watch {
        int fd;
        short events;
        FdHandler handler;
        bool removed = false;
    };
    struct Timer {
        qint64 at;
        Task task;
    };
    struct Ticker {
        qint64 period;
        qint64 next;
        Task task;
    };

    int m_wakeFd = -1;
    std::thread m_thread;
    std::thread::id m_threadId;

    std::mutex m_postMutex;
    std::vector<Task> m_posted; // guarded by m_postMutex
    bool m_stopping = false; // guarded by m_postMutex

    // Loop thread only.
    std::vector<Watch> m_watches;
    std::vector<Timer> m_timers;
    std::vector<Ticker> m_tickers;
};

} // namespace proclab
