#pragma once

// Python's multiprocessing synchronisation primitives between real processes: Lock, RLock, Semaphore,
// BoundedSemaphore, Event, Condition and Barrier. Each lives in one POSIX shared memory object that the engine
// creates (and unlinks when its handle goes); a child gets it through handle() in its args and attach()es it.
//
// How they are built:
// - Lock and RLock ARE a robust, process-shared, error-checking pthread mutex (robustmutex.h), held from
//   acquire() to release(). The kernel itself hands a mutex over when its holder dies, so death is never
//   missed and never guessed.
// - The others keep their state under a short-lived robust mutex and sleep on a futex word of the block
//   ("the wake-up word"), never on a pthread condition variable: with glibc < 2.41 a waiter SIGKILLed inside
//   pthread_cond_wait() leaves a reference behind and a later pthread_cond_broadcast() blocks forever (a
//   killed Barrier party would hang the others). A killed futex waiter leaves nothing.
//
// Timeouts are in milliseconds (Python's are seconds); a negative timeout waits forever.
//
// When a process dies holding a Lock/RLock: the next acquire() (in any process) gets the lock AND raises
// OwnerDiedError naming the dead pid. The caller holds the lock when it catches the error: the data the lock
// protected may be half-updated, the caller decides, then release()s as usual; the lock keeps working.
// LockGuard (Python's `with lock:`) releases it again before the error propagates.
//
// Every operation reports what it does on the process's event sink (eventsink.h), flushed right before any
// blocking wait so the picture shows the wait while it lasts:
//   LockWait      value: pid of the holder when the wait began (0 for a Semaphore), -1 when the wait ended
//                 without the lock (timeout)
//   LockAcquire   value: own pid            LockRelease  value: own pid
//   Error         value: the dead holder's pid (owner died), or the dead party's pid (barrier broken)
//   SemaphoreValue value: the counter after the change
//   EventSet/EventClear value: 0;  EventWait value: 0 wait begins, 1 woke with the flag set, -1 timed out
//   ConditionWait value: the condition's lock id;  ConditionNotify value: waiters woken (-1: notify_all)
//   BarrierArrive value: arrival index;  BarrierPass value: the index, or -1 when leaving a broken barrier

#include "base/eventsink.h"
#include "mp/kernel.h"

#include <QCborMap>
#include <QCborValue>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace proclab {

class ObjectHost;
class SharedMemory;

// The lock's previous holder died while holding it. Thrown by acquire() with the lock held by the caller.
class OwnerDiedError : public TaskException {
public:
    OwnerDiedError(qint64 deadPid, const QString& message)
        : TaskException(QStringLiteral("OwnerDiedError"), message)
        , m_deadPid(deadPid)
    {
    }
    qint64 deadPid() const { return m_deadPid; } // 0 when it died before it could write its pid

private:
    qint64 m_deadPid = 0;
};

// Python's threading.BrokenBarrierError, with why the barrier broke in the message.
class BrokenBarrierError : public TaskException {
public:
    explicit BrokenBarrierError(const QString& message)
        : TaskException(QStringLiteral("BrokenBarrierError"), message)
    {
    }
};

// What every primitive shares: its shared memory block, object id and event sink. Movable, not copyable.
class SharedObject {
public:
    SharedObject(SharedObject&&) noexcept;
    SharedObject& operator=(SharedObject&&) noexcept;
    SharedObject(const SharedObject&) = delete;
    SharedObject& operator=(const SharedObject&) = delete;
    virtual ~SharedObject();

    qint32 id() const { return m_id; } // the object of its events
    QString shmName() const;
    // The value to put into a Process's args; the child calls T::attach() on it.
    QCborValue handle() const;

protected:
    SharedObject();
    // Engine side: a new zero-filled block with `size` bytes of payload (data()), after a header naming its kind
    // and id. Throws OSError when shared memory cannot be had. Reports an ObjectCreate event (task: `detail`).
    void create(ObjectHost* host, const QString& kind, qsizetype size, qint64 detail = -1);
    // Child side: the block named in `handle`; TypeError for a handle of another kind, FileNotFoundError when the
    // object is gone (its engine-side handle was destroyed).
    void attachTo(const QCborValue& handle, const QStringList& kinds, qsizetype minSize, EventSink* engine);
    void emitEvent(EventKind kind, qint64 value) const;
    void flushEvents() const;
    void* data() const { return m_data; }
    // Extra fields of the handle (a Condition's lock, a Value's typecode...).
    virtual QCborMap handleExtras() const { return {}; }
    // Unlinks the name (if owned) but never unmaps: a Lock still held by this process must stay mapped, as its
    // mutex is on the holder thread's robust list, which the kernel walks (and writes to) when the thread exits.
    void keepMappedAfterDestruction();

    QString m_kind;

private:
    std::unique_ptr<SharedMemory> m_shm;
    void* m_data = nullptr;
    qint32 m_id = -1;
    EventSink* m_sink = nullptr;
};

// Python's multiprocessing.Lock, owner-checked: only the thread that acquired it may release it.
class Lock : public SharedObject {
public:
    explicit Lock(ObjectHost* host);
    // In the process that received `handle`: events go to its channel, or to `engine`. Accepts an RLock's handle
    // too (the block knows it is recursive).
    static Lock attach(const QCborValue& handle, EventSink* engine = nullptr);
    Lock(Lock&&) noexcept = default;
    Lock& operator=(Lock&& other); // as ~Lock() for the lock it held before
    ~Lock() override;

    // acquire(block=True, timeout=None): true once held, false if not blocking / timed out while it is taken.
    // Throws OwnerDiedError (holding it) when its holder died; RuntimeError when a Lock would wait for itself.
    bool acquire(bool block = true, double timeoutMs = -1);
    // ValueError when nobody holds it, AssertionError when another process or thread does.
    void release();

    bool isRecursive() const;
    qint64 holder() const; // pid of the holding process, 0 when free (a snapshot)
    bool isHeldByCurrentThread() const;
    int recursionDepth() const; // how many times the holder acquired it (RLock), 0 when free

protected:
    Lock() = default;
    Lock(ObjectHost* host, bool recursive);

private:
    friend class Condition;
    friend class SharedCells;
    // Condition.wait(): gives the lock up completely, returns the recursion depth to restore.
    int releaseAll();
    void restore(int depth); // may throw OwnerDiedError, holding the lock with `depth` restored
    bool acquireImpl(bool block, double timeoutMs, bool quiet);
    void releaseImpl(bool quiet);
};

// Python's multiprocessing.RLock: the holding thread may acquire it again; it is free after as many releases.
class RLock : public Lock {
public:
    explicit RLock(ObjectHost* host);
    static RLock attach(const QCborValue& handle, EventSink* engine = nullptr);
    // release() by a thread that does not hold it: AssertionError.

private:
    RLock() = default;
};

// Python's `with lock:` for Lock, RLock, Semaphore and Condition. If the acquire raises OwnerDiedError, the guard
// releases the lock again before the error propagates (the body did not run; the lock stays usable).
template <class Lockable> class LockGuard {
public:
    explicit LockGuard(Lockable& lock)
        : m_lock(lock)
    {
        try {
            m_lock.acquire();
        } catch (const OwnerDiedError&) {
            m_lock.release();
            throw;
        }
    }
    ~LockGuard() { m_lock.release(); }
    LockGuard(const LockGuard&) = delete;
    LockGuard& operator=(const LockGuard&) = delete;

private:
    Lockable& m_lock;
};

// Python's multiprocessing.Semaphore(value): a counter that acquire() decrements, blocking at zero.
// A process that dies holding a unit does not give it back (as in Python): the counter cannot know.
class Semaphore : public SharedObject {
public:
    explicit Semaphore(ObjectHost* host, int value = 1);
    static Semaphore attach(const QCborValue& handle, EventSink* engine = nullptr);

    bool acquire(bool block = true, double timeoutMs = -1);
    void release(); // BoundedSemaphore: ValueError beyond the initial value
    int value() const; // get_value()

protected:
    Semaphore() = default;
    Semaphore(ObjectHost* host, int value, bool bounded);
};

// Python's multiprocessing.BoundedSemaphore(value).
class BoundedSemaphore : public Semaphore {
public:
    explicit BoundedSemaphore(ObjectHost* host, int value = 1);
    static BoundedSemaphore attach(const QCborValue& handle, EventSink* engine = nullptr);

private:
    BoundedSemaphore() = default;
};

// Python's multiprocessing.Event (named SyncEvent: proclab::Event is a traced event): a flag that wait() blocks on
// until someone set()s it.
class SyncEvent : public SharedObject {
public:
    explicit SyncEvent(ObjectHost* host);
    static SyncEvent attach(const QCborValue& handle, EventSink* engine = nullptr);

    bool isSet() const;
    void set(); // wakes every waiter, in every process
    void clear();
    bool wait(double timeoutMs = -1); // the flag when it returns (false: timed out)

private:
    SyncEvent() = default;
};

// Python's multiprocessing.Condition(lock=None): waiters sleep until notified, with `lock` released meanwhile.
// notify(n) wakes the n longest-waiting live waiters (a waiter that died is skipped and forgotten).
class Condition : public SharedObject {
public:
    // With lock == nullptr it makes its own RLock, as Python does. `lock` must outlive the Condition.
    explicit Condition(ObjectHost* host, Lock* lock = nullptr);
    static Condition attach(const QCborValue& handle, EventSink* engine = nullptr);
    Condition(Condition&&) noexcept;
    Condition& operator=(Condition&&) noexcept;
    ~Condition() override;

    bool acquire(bool block = true, double timeoutMs = -1) { return m_lock->acquire(block, timeoutMs); }
    void release() { m_lock->release(); }
    Lock& lock() const { return *m_lock; }

    // Caller holds the lock (else AssertionError). True when notified, false when it timed out. The lock is held
    // again on return, at the same recursion depth.
    bool wait(double timeoutMs = -1);
    // wait_for(predicate, timeout): waits until predicate() holds (checked with the lock held); its last value.
    bool waitFor(const std::function<bool()>& predicate, double timeoutMs = -1);
    void notify(int n = 1); // caller holds the lock (else AssertionError)
    void notifyAll();

    static constexpr int MaxWaiters = 64;

private:
    Condition() = default;
    QCborMap handleExtras() const override;
    int wake(int n); // returns how many it woke

    std::unique_ptr<Lock> m_ownedLock;
    Lock* m_lock = nullptr;
};

// Python's multiprocessing.Barrier(parties, action=None, timeout=None), without the action.
//
// A party that dies breaks it for everyone at once: every waiting party registers its pid in the block and,
// while it waits, wakes every 20 ms to check that the registered pids are alive. The first to see a dead one
// unregisters it, breaks the barrier and wakes everyone: they all raise BrokenBarrierError naming the pid.
// (A process that dies before it arrives cannot be told from a slow one: the others wait for their timeout.)
class Barrier : public SharedObject {
public:
    Barrier(ObjectHost* host, int parties, double timeoutMs = -1);
    static Barrier attach(const QCborValue& handle, EventSink* engine = nullptr);

    // Returns the arrival index (0 .. parties-1). BrokenBarrierError when broken, reset or aborted while waiting,
    // or when the timeout (default: the barrier's) passes, which breaks it for the others too.
    int wait(std::optional<double> timeoutMs = std::nullopt);
    void reset(); // back to empty; parties waiting now raise BrokenBarrierError
    void abort(); // broken until reset()
    int parties() const;
    int nWaiting() const; // n_waiting
    bool broken() const;

    static constexpr int MaxParties = 64;
    static constexpr qint64 DeathCheckNs = 20'000'000;

private:
    Barrier() = default;
};

} // namespace proclab
