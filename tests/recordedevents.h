#pragma once

// Recorded event sequences for the stage and timeline tests: small runs written out event by event (times in
// ns from 0), and a real 2-worker Pool.map's events captured from a Context.

#include "base/event.h"
#include "base/platform.h"
#include "engine/context.h"
#include "engine/pool.h"

#include <QCborArray>

namespace proclab::test {

constexpr qint64 EnginePid = 100;
constexpr qint64 W1 = 201; // pool worker slot 0
constexpr qint64 W2 = 202; // pool worker slot 1
constexpr qint64 W3 = 203; // a third process (Process, no slot)

inline Event ev(
    qint64 t, qint64 pid, int worker, EventKind kind, qint32 object = -1, qint64 task = -1, qint64 value = 0)
{
    return { t, qint32(pid), worker, kind, object, task, value };
}

// Two workers; six tasks submitted in chunks of two: W1 gets chunk 0 (tasks 0, 1), W2 chunk 1 (2, 3), then W1
// chunk 2 (4, 5), which stays unstarted. W1 exits cleanly, W2 is killed (SIGKILL) at t=1000.
inline EventBatch poolRun()
{
    using K = EventKind;
    EventBatch b {
        ev(0, W1, 0, K::ProcessSpawn),
        ev(1, W2, 1, K::ProcessSpawn),
        ev(10, W1, 0, K::ProcessReady),
        ev(11, W2, 1, K::ProcessReady),
    };
    for (qint64 t = 0; t < 6; ++t)
        b.push_back(ev(20, 0, -1, K::TaskSubmit, -1, t));
    b.push_back(ev(30, W1, 0, K::TaskDispatch, 0, 0));
    b.push_back(ev(30, W1, 0, K::TaskDispatch, 0, 1));
    b.push_back(ev(30, W2, 1, K::TaskDispatch, 1, 2));
    b.push_back(ev(30, W2, 1, K::TaskDispatch, 1, 3));
    b.push_back(ev(40, W1, 0, K::TaskStart, 0, 0));
    b.push_back(ev(45, W2, 1, K::TaskStart, 1, 2));
    b.push_back(ev(50, W1, 0, K::TaskEnd, 0, 0));
    b.push_back(ev(50, W1, 0, K::TaskStart, 0, 1));
    b.push_back(ev(55, W2, 1, K::TaskEnd, 1, 2));
    b.push_back(ev(55, W2, 1, K::TaskStart, 1, 3));
    b.push_back(ev(60, W1, 0, K::TaskEnd, 0, 1));
    b.push_back(ev(62, W2, 1, K::TaskEnd, 1, 3));
    b.push_back(ev(70, 0, -1, K::TaskResult, 0, 0, 0));
    b.push_back(ev(70, 0, -1, K::TaskResult, 0, 1, 0));
    b.push_back(ev(72, 0, -1, K::TaskResult, 1, 2, 1));
    b.push_back(ev(72, 0, -1, K::TaskResult, 1, 3, 1));
    b.push_back(ev(80, W1, 0, K::TaskDispatch, 2, 4));
    b.push_back(ev(80, W1, 0, K::TaskDispatch, 2, 5));
    b.push_back(ev(900, W1, 0, K::ProcessExit, -1, -1, 0));
    b.push_back(ev(1000, W2, 1, K::ProcessExit, -1, -1, -9));
    b.push_back(ev(1000, W2, 1, K::ProcessFailed, -1, -1, -9));
    return b;
}

// Queue 5: W1 waits to get from the empty queue, W2 puts (W1 gets it), then W2 fills it and waits to put.
inline EventBatch queueRun()
{
    using K = EventKind;
    return {
        ev(10, W1, -1, K::QueueGetWait, 5, -1, 0),
        ev(20, W2, -1, K::QueuePut, 5, -1, 1),
        ev(21, W1, -1, K::QueueGet, 5, -1, 0),
        ev(30, W2, -1, K::QueuePut, 5, -1, 1),
        ev(31, W2, -1, K::QueuePut, 5, -1, 2),
        ev(32, W2, -1, K::QueuePutWait, 5, -1, 2),
    };
}

// Lock 7: W1 holds it, W2 then W3 wait; W1 releases, W2 takes it, W3 gives up (timeout).
inline EventBatch lockRun()
{
    using K = EventKind;
    return {
        ev(10, W1, -1, K::LockAcquire, 7, -1, W1),
        ev(11, W2, -1, K::LockWait, 7, -1, W1),
        ev(12, W3, -1, K::LockWait, 7, -1, W1),
        ev(20, W1, -1, K::LockRelease, 7, -1, W1),
        ev(21, W2, -1, K::LockAcquire, 7, -1, W2),
        ev(25, W3, -1, K::LockWait, 7, -1, -1),
    };
}

// A real run: a 2-worker Pool.map of x*x over 20 inputs in chunks of 5, every event the engine recorded, and
// the workers' names. The pool is gone (its workers reaped) when this returns.
struct RealRun {
    EventBatch events;
    qint64 enginePid = 0;
    std::map<qint64, QString> names;
};

inline RealRun realPoolMap(int tasks = 20, int chunksize = 5)
{
    RealRun run;
    Context context;
    {
        Pool pool(&context, { 2 });
        QCborArray inputs;
        for (int i = 0; i < tasks; ++i)
            inputs.append(i);
        pool.map(Function::expr(QStringLiteral("x*x")), inputs, chunksize);
        pool.close();
        pool.join();
    }
    context.publishEvents(true);
    run.events = context.events().snapshot();
    run.enginePid = platform::currentPid();
    for (const Event& e : run.events)
        if (e.pid > 0 && !run.names.count(e.pid))
            run.names[e.pid] = context.processName(pid_t(e.pid));
    return run;
}

} // namespace proclab::test
