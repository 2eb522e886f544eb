#pragma once

// What a process is doing, as the stage and the timeline both show it: the states, their names, and the small
// state machine that follows a process's events. The colours that go with them are the views' (stagepalette.h).

#include "base/event.h"

#include <QString>

namespace proclab {

enum class Activity : quint8 {
    Starting, // spawned, not yet reported ready
    Idle,
    Running, // inside a task
    LockWait, // waiting for a Lock, RLock or Semaphore
    QueueWait, // a put on a full queue or a get on an empty one
    PipeWait, // a recv on a pipe with nothing to read
    SyncWait, // at a Barrier, an Event or a Condition
    MpiWait, // an MPI rank in a blocking receive or a collective: waiting, but spinning on its CPU (Open MPI polls)
    Exited,
    Crashed, // killed by a signal, or died unexpectedly
};
constexpr int ActivityCount = int(Activity::Crashed) + 1;

QString activityName(Activity a); // "running", "waiting for a lock", ...
bool isBlocked(Activity a);

// MpiWait's wait object: the collective's code (mpi/mpiprotocol.h Collective, 0 and up) inside a collective,
// mpiRecvObject(peer) in a blocking receive from rank `peer` (-1: from any rank), mpiSendObject(peer) in a blocking
// send to it.
constexpr qint32 mpiRecvObject(qint64 peer)
{
    return qint32(-1000 - peer);
}
constexpr qint32 MpiSendObjectBase = -(1 << 30);
constexpr qint32 mpiSendObject(qint64 peer)
{
    return qint32(MpiSendObjectBase - peer);
}
constexpr bool isMpiSendObject(qint32 waitObject)
{
    return waitObject <= MpiSendObjectBase;
}
// "MPI_Reduce", "MPI_Recv from rank 0", "MPI_Recv from any rank", "MPI_Send to rank 1".
QString mpiWaitText(qint32 waitObject);

// A process's activity, driven by its own events (and the pool's events about it). Plain data: copied freely.
struct ActivityState {
    Activity base = Activity::Idle; // Starting, Idle or Running
    Activity wait = Activity::Idle; // LockWait, QueueWait, PipeWait, SyncWait or MpiWait while `waiting`
    bool waiting = false;
    bool ended = false;
    bool failed = false; // ProcessFailed: died unexpectedly
    qint32 waitObject = -1;
    qint64 task = -1; // the task running, or -1
    qint32 chunk = -1;
    qint64 exitCode = 0;

    Activity current() const;
    // Applies one event of (or about) this process; returns whether current() or the task changed.
    bool apply(const Event& e);
};

} // namespace proclab
