#pragma once

// Python's multiprocessing.Queue on a real OS object: a ring buffer of CBOR-encoded items in POSIX shared
// memory with one process-shared robust mutex for the putters' end and one for the getters' end, and "not empty"
// and "not full" wait words that blocked getters and putters sleep on (futexes, see queue.cpp for why not pthread
// condition variables).
//
// Differences from Python worth knowing (and teaching):
// - put() copies the item into shared memory before it returns. Python hands it to a feeder thread that
//   writes it to a pipe later, so an item put just before its process exits or is killed can be lost, and
//   joining a process that still has items in its feeder can deadlock. Here neither happens.
// - An unbounded queue (maxsize 0) is bounded by bytes: put() blocks only when `capacityBytes` (64 MiB by
//   default) of items are unread. The object is sparse: pages cost memory only once an item touched them.
// - A Queue can go to Process targets and to Pool workers alike (it travels by name, not by inheritance).
//   The Queue that created it owns the shared memory object and unlinks it when it goes: create it before,
//   and destroy it after, the processes that use it (attached handles keep working; new attaches fail).

#include "base/event.h"
#include "mp/kernel.h"

#include <QCborValue>
#include <QString>

#include <atomic>
#include <memory>

namespace proclab {

class ObjectHost;
class EventSink;
class SharedMemory;
struct QueueShared;

// queue.Empty and queue.Full, as Python raises them from get() and put().
class QueueEmpty : public TaskException {
public:
    QueueEmpty()
        : TaskException(QStringLiteral("queue.Empty"), QString())
    {
    }
};

class QueueFull : public TaskException {
public:
    QueueFull()
        : TaskException(QStringLiteral("queue.Full"), QString())
    {
    }
};

class Queue {
public:
    static constexpr qsizetype DefaultCapacityBytes = qsizetype(64) << 20;

    // A new queue in the engine (host may be nullptr in a worker: then no object id). maxsize <= 0:
    // unbounded (up to capacityBytes of unread items). Throws TaskException (OSError) if the shared memory
    // cannot be made, ValueError for a capacity below 4 KiB.
    explicit Queue(ObjectHost* host, int maxsize = 0, qsizetype capacityBytes = DefaultCapacityBytes);
    // The queue a handle names, in another process (or the same one). Throws TaskException.
    static Queue attach(const QCborValue& handle);
    ~Queue();
    Queue(Queue&& other) noexcept;
    Queue& operator=(Queue&& other) noexcept;
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;

    // What to put in a Process's (or task's) args so the target can attach().
    QCborValue handle() const;
    qint32 id() const { return m_id; }
    int maxsize() const;
    qsizetype capacityBytes() const;

    // timeoutMs < 0: wait as long as it takes. Without `block`, fails at once when full or empty (it still
    // waits up to 100 ms for the mutex, which others hold for microseconds). Throws QueueFull/QueueEmpty,
    // TaskException ValueError when this handle was closed or the item can never fit.
    void put(const QCborValue& value, bool block = true, int timeoutMs = -1);
    QCborValue get(bool block = true, int timeoutMs = -1);
    void putNowait(const QCborValue& value) { put(value, false); }
    QCborValue getNowait() { return get(false); }

    // Snapshots, read without the lock: by the time you act on them they may have changed (as in Python).
    int qsize() const;
    bool empty() const { return qsize() == 0; }
    bool full() const;
    // Who holds one of the queue's mutexes right now (the putters' end first; 0: nobody), for the tests.
    qint64 lockHolder() const;

    // Python's close(): this process will use this handle no more; put() and get() on it raise ValueError.
    // The queue itself lives on for the other handles. (No feeder thread, so no join_thread().)
    void close();
    bool isClosed() const { return m_closed.load(std::memory_order_relaxed); }

    // For the test kernels only: locks the putters' end (or the getters', Get...) and leaves the queue in one of
    // the states a process SIGKILLed in the middle of an operation leaves behind, then never returns.
    enum class Stall { Lock, HalfWrittenPut, CountedPutNotPublished, PublishedPutNotWoken, GetLock, CountedGetHeadNotMoved };
    [[noreturn]] void stallHoldingLock(Stall how);

private:
    Queue() = default;
    QueueShared* shared() const;
    void report(EventKind kind, qint64 value, bool flush = false) const;

    std::unique_ptr<SharedMemory> m_shm;
    EventSink* m_sink = nullptr;
    qint32 m_id = -1;
    std::atomic<bool> m_closed { false };
};

} // namespace proclab
