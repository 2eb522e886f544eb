#include "robustmutex.h"

#include "clock.h"

#include <cerrno>
#include <ctime>
#include <unistd.h>

namespace proclab {

namespace {
timespec toTimespec(qint64 ns) { return { time_t(ns / 1'000'000'000), long(ns % 1'000'000'000) }; }
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

void initSharedCond(pthread_cond_t* c)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(c, &attr);
    pthread_condattr_destroy(&attr);
}

LockResult lockShared(SharedMutex* m, qint64 deadlineNs)
{
    int rc;
    if (deadlineNs < 0) {
        rc = pthread_mutex_lock(&m->mutex);
    } else {
        const timespec ts = toTimespec(deadlineNs);
        rc = pthread_mutex_clocklock(&m->mutex, CLOCK_MONOTONIC, &ts);
    }
    if (rc == 0) {
        m->owner = getpid();
        return LockResult::Acquired;
    }
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(&m->mutex);
        m->owner = getpid();
        return LockResult::OwnerDied;
    }
    return rc == ETIMEDOUT ? LockResult::TimedOut : LockResult::Error;
}

void unlockShared(SharedMutex* m)
{
    m->owner = 0;
    pthread_mutex_unlock(&m->mutex);
}

LockResult waitShared(pthread_cond_t* c, SharedMutex* m, qint64 deadlineNs)
{
    m->owner = 0;
    int rc;
    if (deadlineNs < 0) {
        rc = pthread_cond_wait(c, &m->mutex);
    } else {
        const timespec ts = toTimespec(deadlineNs);
        rc = pthread_cond_timedwait(c, &m->mutex, &ts);
    }
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(&m->mutex);
        m->owner = getpid();
        return LockResult::OwnerDied;
    }
    m->owner = getpid();
    if (rc == ETIMEDOUT)
        return LockResult::TimedOut;
    return rc == 0 ? LockResult::Acquired : LockResult::Error;
}

qint64 deadlineAfterMs(double timeoutMs)
{
    return timeoutMs < 0 ? -1 : monotonicNs() + qint64(timeoutMs * 1e6);
}

} // namespace proclab
