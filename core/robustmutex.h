#pragma once

// Process-shared, robust pthread mutexes and condition variables living in shared memory: the building
// blocks of Lock, Semaphore, Event, Condition, Barrier, Queue and the synchronized Value/Array. When the
// holder of a mutex dies, the next locker gets OwnerDied, holding the mutex, already made consistent:
// it decides what the protected state means now and goes on.

#include <QtGlobal>

#include <pthread.h>
#include <sys/types.h>

namespace proclab {

struct SharedMutex {
    pthread_mutex_t mutex;
    pid_t owner; // who holds it now (0: nobody), for the picture and for owner checks
};

enum class LockResult { Acquired, OwnerDied, TimedOut, Error };

// Call once, in the creating process, on zeroed shared memory.
void initSharedMutex(SharedMutex* m);
void initSharedCond(pthread_cond_t* c); // process-shared, waits measured on CLOCK_MONOTONIC

// deadlineNs: CLOCK_MONOTONIC nanoseconds, or -1 to wait forever.
LockResult lockShared(SharedMutex* m, qint64 deadlineNs = -1);
void unlockShared(SharedMutex* m);
// Waits on `c` with `m` held (as pthread_cond_timedwait). Acquired, TimedOut, OwnerDied (m held again).
LockResult waitShared(pthread_cond_t* c, SharedMutex* m, qint64 deadlineNs = -1);

// A deadline `timeoutMs` from now (negative: none).
qint64 deadlineAfterMs(double timeoutMs);

} // namespace proclab
