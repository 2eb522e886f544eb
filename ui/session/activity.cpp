#include "activity.h"

#include "mpi/mpiprotocol.h"

#include <QCoreApplication>

#include <csignal>

namespace proclab {

QString activityName(Activity a)
{
    switch (a) {
    case Activity::Starting:
        return QCoreApplication::translate("proclab::Activity", "starting");
    case Activity::Idle:
        return QCoreApplication::translate("proclab::Activity", "idle");
    case Activity::Running:
        return QCoreApplication::translate("proclab::Activity", "running");
    case Activity::LockWait:
        return QCoreApplication::translate("proclab::Activity", "waiting for a lock");
    case Activity::QueueWait:
        return QCoreApplication::translate("proclab::Activity", "blocked on a queue");
    case Activity::PipeWait:
        return QCoreApplication::translate("proclab::Activity", "blocked on a pipe");
    case Activity::SyncWait:
        return QCoreApplication::translate("proclab::Activity", "waiting (barrier, event, condition)");
    case Activity::MpiWait:
        return QCoreApplication::translate("proclab::Activity", "spinning in MPI");
    case Activity::Exited:
        return QCoreApplication::translate("proclab::Activity", "exited");
    case Activity::Crashed:
        return QCoreApplication::translate("proclab::Activity", "crashed");
    }
    return {};
}

bool isBlocked(Activity a)
{
    return a == Activity::LockWait || a == Activity::QueueWait || a == Activity::PipeWait || a == Activity::SyncWait
        || a == Activity::MpiWait;
}

QString mpiWaitText(qint32 waitObject)
{
    if (waitObject >= 0)
        return mpi::collectiveName(waitObject);
    if (isMpiSendObject(waitObject))
        return QCoreApplication::translate("proclab::Activity", "MPI_Send to rank %1")
            .arg(qint64(MpiSendObjectBase) - qint64(waitObject));
    const qint64 peer = -1000 - qint64(waitObject);
    return peer < 0 ? QCoreApplication::translate("proclab::Activity", "MPI_Recv from any rank")
                    : QCoreApplication::translate("proclab::Activity", "MPI_Recv from rank %1").arg(peer);
}

Activity ActivityState::current() const
{
    // SIGTERM without a failure is a pool shutting its workers down (Pool.terminate(), a `with Pool()` block's end,
    // Stop): an ending, not a crash. Any other signal, or a death the engine did not expect, is a crash.
    if (ended)
        return failed || (exitCode < 0 && exitCode != -SIGTERM) ? Activity::Crashed : Activity::Exited;
    return waiting ? wait : base;
}

bool ActivityState::apply(const Event& e)
{
    const Activity before = current();
    const qint64 taskBefore = task;
    auto block = [&](Activity a) {
        waiting = true;
        wait = a;
        waitObject = e.object;
    };
    auto unblock = [&](Activity a) {
        if (waiting && wait == a)
            waiting = false;
    };
    switch (e.kind) {
    case EventKind::ProcessSpawn:
        base = Activity::Starting;
        break;
    case EventKind::ProcessReady:
        if (base == Activity::Starting)
            base = Activity::Idle;
        break;
    case EventKind::ProcessExit:
        ended = true;
        exitCode = e.value;
        break;
    case EventKind::ProcessFailed:
        ended = true;
        failed = true;
        break;
    case EventKind::TaskStart:
        base = Activity::Running;
        task = e.task;
        chunk = e.object;
        break;
    case EventKind::TaskEnd:
        base = Activity::Idle;
        task = -1;
        chunk = -1;
        waiting = false; // a task that raised while waiting does not wait any more
        break;
    case EventKind::QueuePutWait:
    case EventKind::QueueGetWait:
        if (e.value == -1) // timed out
            unblock(Activity::QueueWait);
        else
            block(Activity::QueueWait);
        break;
    case EventKind::PipeRecvWait:
        if (e.value == -1) // ended without a message
            unblock(Activity::PipeWait);
        else
            block(Activity::PipeWait);
        break;
    case EventKind::PipeRecv:
        unblock(Activity::PipeWait);
        break;
    case EventKind::QueuePut:
    case EventKind::QueueGet:
        unblock(Activity::QueueWait);
        break;
    case EventKind::LockWait:
        if (e.value == -1) // timed out
            unblock(Activity::LockWait);
        else
            block(Activity::LockWait);
        break;
    case EventKind::LockAcquire:
        // Also ends a Condition's wait: the waiter takes the condition's lock back.
        unblock(Activity::LockWait);
        unblock(Activity::SyncWait);
        break;
    case EventKind::BarrierArrive:
    case EventKind::ConditionWait:
        block(Activity::SyncWait);
        break;
    case EventKind::EventWait:
        if (e.value == 0)
            block(Activity::SyncWait);
        else
            unblock(Activity::SyncWait);
        break;
    case EventKind::BarrierPass:
        unblock(Activity::SyncWait);
        break;
    // An MPI rank's waits: Open MPI polls, so the rank burns its CPU all the while (unlike a blocked pool worker).
    case EventKind::MpiRecvWait:
        waiting = true;
        wait = Activity::MpiWait;
        waitObject = mpiRecvObject(e.value);
        break;
    case EventKind::MpiSendWait:
        waiting = true;
        wait = Activity::MpiWait;
        waitObject = mpiSendObject(e.value);
        break;
    case EventKind::MpiSend: // a blocking send returned
    case EventKind::MpiRecv:
        if (waiting && wait == Activity::MpiWait && waitObject < 0)
            waiting = false;
        break;
    case EventKind::CollectiveBegin:
        waiting = true;
        wait = Activity::MpiWait;
        waitObject = e.object;
        break;
    case EventKind::CollectiveEnd:
        unblock(Activity::MpiWait);
        break;
    default:
        break;
    }
    return current() != before || task != taskBefore;
}

} // namespace proclab
