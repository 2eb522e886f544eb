#include "base/robustmutex.h"

#include "base/clock.h"
#include "base/platform.h"

#include <algorithm>
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

// A holder keeps these mutexes for a memcpy or a counter update: tens of nanoseconds. Going to sleep costs two
// system calls (the waiter's futex wait, the holder's wake on unlock), several microseconds on a virtual machine,
// and takes the holder's CPU time too. So a locker that finds the mutex taken first watches it this long while
// the holder runs on another CPU (never on a machine with one CPU, where the holder cannot run while we spin).
constexpr qint64 SpinNs = 10'000;

bool spinningHelps()
{
    static const bool many = platform::onlineCpus() > 1;
    return many;
}

// Tries again until the mutex is taken, the spin time is over or the deadline (>= 0) has passed: EBUSY if still
// held. Reads our own owner word between tries, so spinning does not bounce the mutex's cache line with writes.
int spinTryLock(SharedMutex* m, qint64 deadlineNs)
{
    if (!spinningHelps())
        return EBUSY;
    qint64 until = -1;
    for (int i = 1;; ++i) {
        if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == 0) {
            const int rc = pthread_mutex_trylock(&m->mutex);
            if (rc != EBUSY)
                return rc;
        }
        platform::cpuRelax();
        if ((i & 63) == 0) {
            const qint64 now = monotonicNs();
            if (until < 0)
                until = deadlineNs > 0 ? std::min(now + SpinNs, deadlineNs) : now + SpinNs;
            if (now >= until)
                return EBUSY;
        }
    }
}

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

// What a pthread_mutex_*lock result means for us, the mutex made consistent and its owner set when we have it.
LockResult taken(SharedMutex* m, int rc)
{
    if (rc == 0) {
        __atomic_store_n(&m->owner, platform::currentPid(), __ATOMIC_RELAXED);
        return LockResult::Acquired;
    }
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(&m->mutex);
        __atomic_store_n(&m->owner, platform::currentPid(), __ATOMIC_RELAXED);
        return LockResult::OwnerDied;
    }
    return rc == ETIMEDOUT ? LockResult::TimedOut : LockResult::Error;
}
} // namespace

LockResult lockShared(SharedMutex* m, qint64 deadlineNs)
{
    int rc = pthread_mutex_trylock(&m->mutex); // uncontended: no clock read, no system call
    if (rc == EBUSY)
        rc = spinTryLock(m, deadlineNs);
    if (rc == EBUSY) {
        for (;;) {
            const qint64 slice = monotonicNs() + WaitSliceNs;
            const bool last = deadlineNs >= 0 && deadlineNs <= slice;
            rc = lockUntil(&m->mutex, last ? deadlineNs : slice);
            if (rc != ETIMEDOUT || last)
                break;
        }
    }
    return taken(m, rc);
}

LockResult tryLockShared(SharedMutex* m)
{
    const int rc = pthread_mutex_trylock(&m->mutex);
    return rc == EBUSY ? LockResult::TimedOut : taken(m, rc);
}

void unlockShared(SharedMutex* m)
{
    __atomic_store_n(&m->owner, 0, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&m->mutex);
}

qint64 deadlineAfterMs(double timeoutMs)
{
    return timeoutMs < 0 ? -1 : monotonicNs() + qint64(timeoutMs * 1e6);
}

} // namespace proclab
