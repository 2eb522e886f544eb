#pragma once

// Process-shared, robust pthread mutexes living in shared memory: the building blocks of Lock, Semaphore,
// Event, Condition, Barrier, Queue and the synchronized Value/Array. When the holder of a mutex dies, the
// next locker gets OwnerDied, holding the mutex, already made consistent: it decides what the protected
// state means now and goes on. Waiting for a state change is done on wake-up words
// (platform::sharedWordWait), not on pthread condition variables: see platform.h for why.

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

// deadlineNs: CLOCK_MONOTONIC nanoseconds, or -1 to wait forever. A mutex found taken is watched for a few
// microseconds before the caller sleeps (holders keep these for nanoseconds; see robustmutex.cpp), even with a
// deadline already past.
LockResult lockShared(SharedMutex* m, qint64 deadlineNs = -1);
// One try, never waiting: Acquired, OwnerDied (as above) or TimedOut when someone holds it.
LockResult tryLockShared(SharedMutex* m);
void unlockShared(SharedMutex* m);

// A deadline `timeoutMs` from now (negative: none).
qint64 deadlineAfterMs(double timeoutMs);

} // namespace proclab
