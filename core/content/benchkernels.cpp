// The child side of `proclab-cli bench`: each kernel is the body of a Process that exercises one primitive in
// a tight loop, as the CPython script beside it (resources/bench/primitives.py) does with multiprocessing.
//
// Every timed kernel takes (..., start, times, slot): it attaches, waits at the Barrier `start` with the engine and
// the other processes of the measurement (so that no process start-up is inside it), then writes CLOCK_MONOTONIC at its
// first and after its last operation to times[2*slot] and times[2*slot+1] (an Array('q') without a lock). The engine
// takes the span from the earliest start to the latest end over all the processes of one measurement.
#include "content/kernels.h"

#include "base/clock.h"
#include "base/eventsink.h"
#include "mp/connection.h"
#include "mp/kernel.h"
#include "mp/queue.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"

#include <QCborArray>

#include <memory>
#include <sched.h>

namespace proclab {

namespace {

// Where a timed kernel reports its span.
class Span {
public:
    Span(const QCborValue& start, const QCborValue& times, qint64 slot)
        : m_start(Barrier::attach(start))
        , m_times(Array::attach(times))
        , m_slot(slot)
    {
        m_start.wait();
        m_t0 = monotonicNs();
    }
    void finish()
    {
        const qint64 t1 = monotonicNs();
        m_times.set(2 * m_slot, m_t0);
        m_times.set(2 * m_slot + 1, t1);
    }

    // Meets the engine at the barrier once more (it reads this process's counters meanwhile).
    void meetAgain() { m_start.wait(); }

private:
    Barrier m_start;
    Array m_times;
    qint64 m_slot;
    qint64 m_t0 = 0;
};

// Pins the calling process to one CPU (cpu < 0: leaves it where it is).
void pinTo(qint64 cpu)
{
    if (cpu < 0)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(int(cpu), &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0)
        throw TaskException(QStringLiteral("OSError"), QStringLiteral("sched_setaffinity failed"));
}

// put(q, n, start, times, slot): q.put(i) for i in range(n).
class QueuePutKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = args.toArray();
        Queue q = Queue::attach(a.at(0));
        const qint64 n = a.at(1).toInteger();
        Span span(a.at(2), a.at(3), a.at(4).toInteger());
        for (qint64 i = 0; i < n; ++i)
            q.put(i);
        span.finish();
        return {};
    }
};

// get(q, n, start, times, slot): q.get() n times.
class QueueGetKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = args.toArray();
        Queue q = Queue::attach(a.at(0));
        const qint64 n = a.at(1).toInteger();
        Span span(a.at(2), a.at(3), a.at(4).toInteger());
        for (qint64 i = 0; i < n; ++i)
            q.get();
        span.finish();
        return {};
    }
};

// echo(conn, n, cpu): n times conn.send(conn.recv()), pinned to `cpu` when it is >= 0.
class PipeEchoKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = args.toArray();
        Connection c = Connection::attach(a.at(0));
        const qint64 n = a.at(1).toInteger();
        pinTo(a.at(2).toInteger(-1));
        for (qint64 i = 0; i < n; ++i)
            c.send(c.recv());
        return {};
    }
};

// lock(l, n, start, times, slot): n times l.acquire(); l.release().
class LockLoopKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = args.toArray();
        Lock l = Lock::attach(a.at(0));
        const qint64 n = a.at(1).toInteger();
        Span span(a.at(2), a.at(3), a.at(4).toInteger());
        for (qint64 i = 0; i < n; ++i) {
            l.acquire();
            l.release();
        }
        span.finish();
        return {};
    }
};

// increment(v, n, start, times, slot): n times `with v.get_lock(): v.value += 1`.
class ValueIncrementKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = args.toArray();
        Value v = Value::attach(a.at(0));
        const qint64 n = a.at(1).toInteger();
        Span span(a.at(2), a.at(3), a.at(4).toInteger());
        for (qint64 i = 0; i < n; ++i) {
            LockGuard with(v.getLock());
            v.setValue(v.value().toInteger() + 1);
        }
        span.finish();
        return {};
    }
};

// events(n, start, times, slot): n events into this worker's channel, as fast as the sink takes them; then meets
// the engine again, so that it can read what this process wrote (/proc/PID/io) before it exits.
class EventsKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = args.toArray();
        const qint64 n = a.at(0).toInteger();
        EventSink* sink = workerEventSink();
        if (!sink)
            throw TaskException(QStringLiteral("RuntimeError"), QStringLiteral("not in a worker"));
        Span span(a.at(1), a.at(2), a.at(3).toInteger());
        for (qint64 i = 0; i < n; ++i)
            sink->emitEvent(EventKind::SharedWrite, -1, -1, i);
        sink->flushEvents();
        span.finish();
        span.meetAgain();
        return {};
    }
};

template <typename K> KernelFactory make()
{
    return [](const QCborMap&, QString*) { return std::make_unique<K>(); };
}

} // namespace

KernelTable benchKernels()
{
    return {
        { QStringLiteral("bench.queue.put"), make<QueuePutKernel>() },
        { QStringLiteral("bench.queue.get"), make<QueueGetKernel>() },
        { QStringLiteral("bench.pipe.echo"), make<PipeEchoKernel>() },
        { QStringLiteral("bench.lock.loop"), make<LockLoopKernel>() },
        { QStringLiteral("bench.value.increment"), make<ValueIncrementKernel>() },
        { QStringLiteral("bench.events"), make<EventsKernel>() },
    };
}

} // namespace proclab
