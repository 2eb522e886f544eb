#include "base/robustmutex.h"

#include "base/clock.h"
#include "base/platform.h"

#include <cerrno>
#include <ctime>
#include <unistd.h>

namespace proclab {

namespace {
timespec toTimespec(qint64 ns)
{
    return { time_t(ns / 1'000'000'000), long(ns % 1'000'000'000) };
}

[[maybe_unused]] qint64 realtimeNs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
} // namespace

void initSharedMutex(SharedMutex* m)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m->mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    m->owner = 0;
}

namespace {
// The kernel wakes one waiter when the holder unlocks or dies. If that waiter is killed before it takes the mutex,
// nobody wakes the others: they would sleep on a free mutex (or a dead owner's) forever. The random-kill soak
// (tst_stress) hit it: three workers asleep in a Lock's acquire, nobody holding it. So a wait is cut into slices:
// each retry finds the mutex free, or its owner dead (EOWNERDEAD), and takes it; a waiter wakes ten times a second.
constexpr qint64 WaitSliceNs = 100'000'000;

int lockUntil(pthread_mutex_t* mutex, qint64 untilNs)
{
#if defined(__SANITIZE_THREAD__)
    // GCC 12's ThreadSanitizer does not intercept pthread_mutex_clocklock: give it the call it knows, with the
    // deadline moved to CLOCK_REALTIME (a clock step could stretch a slice; only in TSan builds).
    const timespec ts = toTimespec(untilNs - monotonicNs() + realtimeNs());
    return pthread_mutex_timedlock(mutex, &ts);
#else
    const timespec ts = toTimespec(untilNs);
    return pthread_mutex_clocklock(mutex, CLOCK_MONOTONIC, &ts);
#endif
}
} // namespace

LockResult lockShared(SharedMutex* m, qint64 deadlineNs)
{
    int rc = pthread_mutex_trylock(&m->mutex); // uncontended: no clock read, no system call
    if (rc == EBUSY) {
        for (;;) {
            const qint64 slice = monotonicNs() + WaitSliceNs;
            const bool last = deadlineNs >= 0 && deadlineNs <= slice;
            rc = lockUntil(&m->mutex, last ? deadlineNs : slice);
            if (rc != ETIMEDOUT || last)
                break;
        }
    }
    if (rc == 0) {
        m->owner = platform::currentPid();
        return LockResult::Acquired;
    }
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(&m->mutex);
        m->owner = platform::currentPid();
        return LockResult::OwnerDied;
    }
    return rc == ETIMEDOUT ? LockResult::TimedOut : LockResult::Error;
}

void unlockShared(SharedMutex* m)
{
    m->owner = 0;
    pthread_mutex_unlock(&m->mutex);
}

qint64 deadlineAfterMs(double timeoutMs)
{
    return timeoutMs < 0 ? -1 : monotonicNs() + qint64(timeoutMs * 1e6);
}

} // namespace proclab
