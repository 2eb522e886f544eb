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

LockResult lockShared(SharedMutex* m, qint64 deadlineNs)
{
    int rc;
    if (deadlineNs < 0) {
        rc = pthread_mutex_lock(&m->mutex);
    } else {
#if defined(__SANITIZE_THREAD__)
        // GCC 12's ThreadSanitizer does not intercept pthread_mutex_clocklock: give it the call it knows,
        // with the deadline moved to CLOCK_REALTIME (a clock step could stretch the wait; only in TSan builds).
        const timespec ts = toTimespec(deadlineNs - monotonicNs() + realtimeNs());
        rc = pthread_mutex_timedlock(&m->mutex, &ts);
#else
        const timespec ts = toTimespec(deadlineNs);
        rc = pthread_mutex_clocklock(&m->mutex, CLOCK_MONOTONIC, &ts);
#endif
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
