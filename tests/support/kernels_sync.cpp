#include "support/testkernels.h"

#include "base/handle.h"
#include "mp/kernel.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"

#include <QCborArray>
#include <QCborMap>

#include <unistd.h>

namespace proclab::test {

// --- Kernels -----------------------------------------------------------------------------------------------------
// What the tests run in child processes. Args are maps of handles and numbers; outcomes go into a shared
// Array('q') `out` at index `slot`, since a Process returns nothing but its exit code.

namespace {

QCborValue arg(const QCborValue& args, const char* key)
{
    return args.toMap().value(QLatin1String(key));
}

double numberArg(const QCborValue& args, const char* key, double fallback)
{
    const QCborValue v = arg(args, key);
    return v.isInteger() ? double(v.toInteger()) : v.toDouble(fallback);
}

double timeoutArg(const QCborValue& args)
{
    return numberArg(args, "timeoutMs", -1);
}

void record(const QCborValue& args, qint64 outcome)
{
    Array out = Array::attach(arg(args, "out"));
    out.set(arg(args, "slot").toInteger(), outcome);
}

void sleepForever(TaskContext& ctx)
{
    for (;;)
        ctx.sleepNs(3'600'000'000'000);
}

// {lock, depth=1, ready: SyncEvent, go: SyncEvent|null}: acquires `depth` times, sets `ready`, then waits for `go` and
// releases as often, or, without `go`, holds the lock until killed.
class HoldKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        Lock lock = Lock::attach(arg(args, "lock"));
        const qint64 depth = arg(args, "depth").toInteger(1);
        for (qint64 i = 0; i < depth; ++i)
            lock.acquire();
        SyncEvent::attach(arg(args, "ready")).set();
        if (!isHandle(arg(args, "go")))
            sleepForever(ctx);
        SyncEvent::attach(arg(args, "go")).wait();
        for (qint64 i = 0; i < depth; ++i)
            lock.release();
        return QCborValue(QCborValue::Null);
    }
};

// {lock, block=true, timeoutMs, out, slot}: out[slot] = 1 acquired, 0 not, -pid when the holder `pid` had died
// (the exception's own pid). Releases what it got.
class TryAcquireKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Lock lock = Lock::attach(arg(args, "lock"));
        const bool block = arg(args, "block").toBool(true);
        qint64 outcome = 0;
        try {
            outcome = lock.acquire(block, timeoutArg(args)) ? 1 : 0;
        } catch (const OwnerDiedError& e) {
            outcome = -std::max<qint64>(1, e.deadPid());
            std::fprintf(stderr, "%s\n", e.what()); // the message, for the test to read
            std::fflush(stderr);
        }
        record(args, outcome);
        if (outcome != 0)
            lock.release();
        return outcome;
    }
};

// {lock}: release() without acquiring: raises.
class ReleaseKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Lock::attach(arg(args, "lock")).release();
        return QCborValue(QCborValue::Null);
    }
};

// {sem, inside: Value, peak: Value, holdMs, rounds=1}: inside the semaphore, counts the processes inside and
// keeps the largest count seen.
class SemaphoreWorkerKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        Semaphore sem = Semaphore::attach(arg(args, "sem"));
        Value inside = Value::attach(arg(args, "inside"));
        Value peak = Value::attach(arg(args, "peak"));
        const qint64 rounds = arg(args, "rounds").toInteger(1);
        for (qint64 r = 0; r < rounds; ++r) {
            LockGuard with(sem);
            {
                LockGuard count(inside.getLock());
                const qint64 now = inside.value().toInteger() + 1;
                inside.setValue(now);
                if (now > peak.value().toInteger())
                    peak.setValue(now);
            }
            ctx.sleepNs(qint64(numberArg(args, "holdMs", 0) * 1e6));
            LockGuard count(inside.getLock());
            inside.setValue(inside.value().toInteger() - 1);
        }
        return QCborValue(QCborValue::Null);
    }
};

// {event, timeoutMs, out, slot}: out[slot] = event.wait(timeout) ? 1 : 0.
class EventWaitKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        SyncEvent event = SyncEvent::attach(arg(args, "event"));
        const bool set = event.wait(timeoutArg(args));
        record(args, set ? 1 : 0);
        return set;
    }
};

// {event}: event.set() from a child.
class EventSetKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        SyncEvent::attach(arg(args, "event")).set();
        return QCborValue(QCborValue::Null);
    }
};

// {cond, timeoutMs, woken: Value, out, slot}: `with cond: r = cond.wait(timeout)`; out[slot] = r ? 1 : 0, and
// woken += 1 once it holds the lock again.
class ConditionWaitKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Condition cond = Condition::attach(arg(args, "cond"));
        Value woken = Value::attach(arg(args, "woken"));
        bool notified = false;
        {
            LockGuard with(cond);
            notified = cond.wait(timeoutArg(args));
            LockGuard count(woken.getLock());
            woken.setValue(woken.value().toInteger() + 1);
        }
        record(args, notified ? 1 : 0);
        return notified;
    }
};

// {barrier, timeoutMs?, rounds=1, out, slot}: out[slot] = the last wait()'s index, or -1 when the barrier broke
// (then the BrokenBarrierError propagates: exit code 1, its message on stderr).
class BarrierWaitKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Barrier barrier = Barrier::attach(arg(args, "barrier"));
        const QCborValue t = arg(args, "timeoutMs");
        const std::optional<double> timeout
            = t.isUndefined() || t.isNull() ? std::nullopt : std::optional<double>(timeoutArg(args));
        const qint64 rounds = arg(args, "rounds").toInteger(1);
        qint64 index = -1;
        try {
            for (qint64 r = 0; r < rounds; ++r)
                index = barrier.wait(timeout);
        } catch (const BrokenBarrierError&) {
            record(args, -1);
            throw;
        }
        record(args, index);
        return index;
    }
};

template <class K> KernelFactory factory()
{
    return [](const QCborMap&, QString*) { return std::make_unique<K>(); };
}

} // namespace

KernelTable syncKernels()
{
    return {
        { QStringLiteral("sync.hold"), factory<HoldKernel>() },
        { QStringLiteral("sync.try-acquire"), factory<TryAcquireKernel>() },
        { QStringLiteral("sync.release"), factory<ReleaseKernel>() },
        { QStringLiteral("sync.semaphore-worker"), factory<SemaphoreWorkerKernel>() },
        { QStringLiteral("sync.event-wait"), factory<EventWaitKernel>() },
        { QStringLiteral("sync.event-set"), factory<EventSetKernel>() },
        { QStringLiteral("sync.condition-wait"), factory<ConditionWaitKernel>() },
        { QStringLiteral("sync.barrier-wait"), factory<BarrierWaitKernel>() },
    };
}

} // namespace proclab::test
