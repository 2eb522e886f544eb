#include "content/kernels.h"
#include "content/workload.h"
#include "mp/kernel.h"
#include "mp/sync.h"

#include "base/sharedmemory.h"

#include <QCborArray>
#include <QCborMap>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <unistd.h>

// The workloads of the gallery of classic mistakes whose cause is shared state: convoy (one lock around most of
// the work) and falseshare (counters in neighbouring cells of one cache line). Each has a parameter that turns the
// mistake on or off, so a sweep with that parameter as its size dimension measures before and after in one run.
//
// Shared objects of a run: as for matmul and sqrt (workloads_numeric.cpp), inputs() creates them and the task
// arguments carry their names; verify() reads them and lets them go, finish() lets them go when verify() never ran.
// They are kept in a file-local registry keyed by the parameters, since a Workload is a const singleton.

namespace proclab {

namespace {

// What one run of a workload here shares between its tasks.
struct RunObjects {
    std::unique_ptr<SharedMemory> cells;
    std::unique_ptr<Lock> lock; // convoy only
};

class RunRegistry {
public:
    static RunRegistry& instance()
    {
        static RunRegistry registry;
        return registry;
    }
    ~RunRegistry()
    {
        // A forked copy of the engine (the forkserver) must not unlink the engine's objects: leak its copies.
        if (getpid() != m_creator)
            for (auto& [key, objects] : m_runs) {
                (void)objects->cells.release();
                (void)objects->lock.release();
            }
    }
    // Replaces any earlier run of the same workload (one that failed never reached verify()).
    void put(const QString& workload, const QString& key, std::shared_ptr<RunObjects> objects)
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_runs.begin(); it != m_runs.end();)
            it = it->first.section(QLatin1Char(' '), 0, 0) == workload ? m_runs.erase(it) : std::next(it);
        m_runs[key] = std::move(objects);
    }
    std::shared_ptr<RunObjects> take(const QString& key)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_runs.find(key);
        if (it == m_runs.end())
            return nullptr;
        auto objects = it->second;
        m_runs.erase(it);
        return objects;
    }

private:
    std::mutex m_mutex;
    std::map<QString, std::shared_ptr<RunObjects>> m_runs; // guarded by m_mutex
    pid_t m_creator = getpid();
};

std::unique_ptr<SharedMemory> createCells(const QString& tag, qsizetype bytes)
{
    QString error;
    auto shm = SharedMemory::create(tag, bytes, &error);
    if (!shm)
        throw std::runtime_error(error.toStdString());
    return shm;
}

// ==== convoy: everyone serialised on one lock ====

// The shared record the lock protects: the digests of every step xor-ed together, and how many steps added theirs.
struct ConvoyTotals {
    quint64 digest;
    qint64 updates;
};

// What step s of task t computes: `iterations` spin steps, seeded so that no two steps are alike.
qint64 convoyStepDigest(qint64 task, qint64 step, qint64 steps, qint64 iterations)
{
    return spinDigest(task * steps + step, iterations);
}

// args [lock handle, totals name, task, steps, iterations outside the lock, iterations inside] -> the task's digest.
// Each step computes outside the lock, then takes it, computes the rest inside and adds its digest to the shared
// totals (a read, an xor and a write: it must be inside). No checkpoint while the lock is held: a gil-thread that
// gave the GIL away there would leave the next one waiting for our lock while it holds the GIL.
class ConvoyKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        Lock lock = Lock::attach(a.at(0));
        const auto shm = attachRunMemory(a.at(1), sizeof(ConvoyTotals));
        auto* totals = static_cast<ConvoyTotals*>(shm->data());
        const qint64 task = a.at(2).toInteger();
        const qint64 steps = a.at(3).toInteger();
        const qint64 outside = a.at(4).toInteger();
        const qint64 inside = a.at(5).toInteger();
        qint64 digest = 0;
        for (qint64 s = 0; s < steps; ++s) {
            ctx.checkpoint();
            qint64 d = outside > 0 ? convoyStepDigest(task, s, steps, outside) : 0;
            LockGuard with(lock);
            if (inside > 0)
                d ^= convoyStepDigest(task, s + steps * 1'000'000, steps, inside);
            totals->digest ^= quint64(d);
            totals->updates += 1;
            digest ^= d;
        }
        return digest;
    }
};

class ConvoyWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("convoy"); }
    QString description() const override
    {
        return QStringLiteral("tasks that add to one shared total under one Lock, doing a fraction `locked` of their "
                              "work while they hold it: a lock convoy when it is most of the work");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("tasks"), 16, QStringLiteral("number of tasks"), 1, 1e6), 1),
            floatParam(QStringLiteral("ms"), 20, QStringLiteral("CPU milliseconds per task"), 0, 1e6),
            intParam(QStringLiteral("steps"), 10, QStringLiteral("updates of the shared total per task"), 1, 1e6),
            floatParam(QStringLiteral("locked"), 1,
                QStringLiteral("fraction of each step's work done while holding the lock (1: all of it, the "
                               "mistake; 0: only the update)"),
                0, 1) };
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("convoy")); }
    QCborArray inputs(const Params& p) const override
    {
        auto objects = std::make_shared<RunObjects>();
        objects->cells = createCells(QStringLiteral("convoy"), sizeof(ConvoyTotals));
        objects->lock = std::make_unique<Lock>(nullptr);
        const auto [outside, inside] = iterations(p);
        const qint64 steps = intOf(p, "steps");
        QCborArray in;
        for (qint64 t = 0; t < intOf(p, "tasks"); ++t)
            in.append(QCborArray { objects->lock->handle(), objects->cells->name(), t, steps, outside, inside });
        RunRegistry::instance().put(name(), runKey(name(), p), std::move(objects));
        return in;
    }
    QCborValue reduce(const Params&, const QCborArray& results) const override
    {
        qint64 digest = 0;
        for (const auto& v : results)
            digest ^= v.toInteger();
        return QCborMap { { QStringLiteral("tasks"), results.size() }, { QStringLiteral("digest"), digest } };
    }
    void finish(const Params& p) const override { RunRegistry::instance().take(runKey(name(), p)); }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue& reduced) const override
    {
        const auto objects = RunRegistry::instance().take(runKey(name(), p));
        if (!objects)
            return { false, QStringLiteral("the shared total of this run is gone (inputs() was not called again?)") };
        const qint64 tasks = intOf(p, "tasks");
        const qint64 steps = intOf(p, "steps");
        if (results.size() != tasks)
            return { false, QStringLiteral("%1 results for %2 tasks").arg(results.size()).arg(tasks) };
        const auto* totals = static_cast<const ConvoyTotals*>(objects->cells->data());
        // Every update landed once: an update made outside the lock could be overwritten by another's.
        if (totals->updates != tasks * steps)
            return { false,
                QStringLiteral("the shared total counts %1 updates, %2 were made")
                    .arg(totals->updates)
                    .arg(tasks * steps) };
        const qint64 digest = reduced.toMap().value(QStringLiteral("digest")).toInteger();
        if (qint64(totals->digest) != digest)
            return { false, QStringLiteral("the shared total differs from the tasks' own digests") };
        // Tasks 0 and the last recomputed here.
        const auto [outside, inside] = iterations(p);
        for (qint64 t : { qint64(0), tasks - 1 }) {
            qint64 expected = 0;
            for (qint64 s = 0; s < steps; ++s) {
                qint64 d = outside > 0 ? convoyStepDigest(t, s, steps, outside) : 0;
                if (inside > 0)
                    d ^= convoyStepDigest(t, s + steps * 1'000'000, steps, inside);
                expected ^= d;
            }
            if (results.at(t).toInteger() != expected)
                return { false, QStringLiteral("task %1's digest differs from the serial computation").arg(t) };
        }
        return { true,
            QStringLiteral("all %1 updates reached the shared total under the lock; tasks 0 and %2 match the serial "
                           "computation")
                .arg(tasks * steps)
                .arg(tasks - 1) };
    }
    QString summary(const Params& p, const QCborValue&) const override
    {
        return QStringLiteral("%1 tasks x %2 ms of CPU, %3 % of it holding the one lock, %4 updates each")
            .arg(intOf(p, "tasks"))
            .arg(floatOf(p, "ms"))
            .arg(100 * floatOf(p, "locked"))
            .arg(intOf(p, "steps"));
    }

private:
    // Spin iterations per step: outside the lock, inside it.
    static std::pair<qint64, qint64> iterations(const Params& p)
    {
        const double perStep = floatOf(p, "ms") * double(calibrateSpinItersPerMs()) / double(intOf(p, "steps"));
        const qint64 inside = qint64(perStep * floatOf(p, "locked"));
        return { qint64(perStep) - inside, inside };
    }
};

// ==== falseshare: neighbouring cells of one cache line ====

// args [cells name, cell index, increments] -> the cell's value at the end. `cell += 1` as a load and a store each
// time (volatile: the compiler may neither keep the counter in a register nor fold the loop), as an interpreter
// does it. Only this task writes this cell, so no update can be lost: what slows it down is the cache line, which
// the cores pass back and forth when another task writes a neighbouring cell.
class FalseShareKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        const qint64 index = a.at(1).toInteger();
        const qint64 increments = a.at(2).toInteger();
        if (index < 0)
            throw TaskException(QStringLiteral("IndexError"), QStringLiteral("cell %1").arg(index));
        const auto shm = attachRunMemory(a.at(0), qsizetype((index + 1) * qint64(sizeof(quint64))));
        volatile quint64* cell = static_cast<quint64*>(shm->data()) + index;
        for (qint64 i = 0; i < increments; ++i) {
            *cell = *cell + 1;
            if ((i & 65535) == 65535)
                ctx.checkpoint();
        }
        return qint64(*cell);
    }
};

class FalseShareWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("falseshare"); }
    QString description() const override
    {
        return QStringLiteral("each task increments its own 8-byte counter in one shared array; counters `stride` "
                              "cells apart (1: neighbours in one cache line, false sharing; 8: 64 bytes apart)");
    }
    QList<ParamSpec> params() const override
    {
        return { intParam(QStringLiteral("tasks"), 8, QStringLiteral("counters, one task each"), 1, 4096),
            sizing(intParam(QStringLiteral("increments"), 20'000'000, QStringLiteral("increments per counter"), 1, 1e11), 1),
            intParam(QStringLiteral("stride"), 1,
                QStringLiteral("8-byte cells from one counter to the next (1: adjacent; 8: one 64-byte line each; "
                               "16: 128 bytes)"),
                1, 1024) };
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("falseshare")); }
    QCborArray inputs(const Params& p) const override
    {
        const qint64 tasks = intOf(p, "tasks");
        const qint64 stride = intOf(p, "stride");
        auto objects = std::make_shared<RunObjects>();
        // mmap gives page-aligned memory: counter 0 starts a cache line, and with stride 8 each has a line of its own.
        objects->cells = createCells(QStringLiteral("falseshare"), qsizetype(tasks * stride * 8));
        QCborArray in;
        for (qint64 t = 0; t < tasks; ++t)
            in.append(QCborArray { objects->cells->name(), t * stride, intOf(p, "increments") });
        RunRegistry::instance().put(name(), runKey(name(), p), std::move(objects));
        return in;
    }
    QCborValue reduce(const Params&, const QCborArray& results) const override
    {
        qint64 sum = 0;
        for (const auto& v : results)
            sum += v.toInteger();
        return QCborMap { { QStringLiteral("counters"), results.size() }, { QStringLiteral("sum"), sum } };
    }
    void finish(const Params& p) const override { RunRegistry::instance().take(runKey(name(), p)); }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue& reduced) const override
    {
        const auto objects = RunRegistry::instance().take(runKey(name(), p));
        if (!objects)
            return { false, QStringLiteral("the shared array of this run is gone (inputs() was not called again?)") };
        const qint64 tasks = intOf(p, "tasks");
        const qint64 stride = intOf(p, "stride");
        const qint64 increments = intOf(p, "increments");
        if (results.size() != tasks)
            return { false, QStringLiteral("%1 results for %2 counters").arg(results.size()).arg(tasks) };
        const auto* cells = static_cast<const quint64*>(objects->cells->data());
        for (qint64 i = 0; i < tasks * stride; ++i) {
            const bool counter = i % stride == 0;
            const quint64 expected = counter ? quint64(increments) : 0;
            if (cells[i] != expected)
                return { false,
                    QStringLiteral("cell %1 holds %2 in shared memory, expected %3%4")
                        .arg(i)
                        .arg(cells[i])
                        .arg(expected)
                        .arg(counter ? QString() : QStringLiteral(" (padding)")) };
            if (counter && results.at(i / stride).toInteger() != increments)
                return { false,
                    QStringLiteral("task %1 saw %2 in its cell, expected %3")
                        .arg(i / stride)
                        .arg(results.at(i / stride).toInteger())
                        .arg(increments) };
        }
        if (reduced.toMap().value(QStringLiteral("sum")).toInteger() != tasks * increments)
            return { false, QStringLiteral("the sum differs from %1").arg(tasks * increments) };
        return { true,
            QStringLiteral("all %1 counters hold %2 in shared memory, the padding between them is untouched")
                .arg(tasks)
                .arg(increments) };
    }
    QString summary(const Params& p, const QCborValue& reduced) const override
    {
        return QStringLiteral("%1 counters x %2 increments = %3, counters %4 bytes apart")
            .arg(intOf(p, "tasks"))
            .arg(intOf(p, "increments"))
            .arg(reduced.toMap().value(QStringLiteral("sum")).toInteger())
            .arg(8 * intOf(p, "stride"));
    }
};

} // namespace

QList<const Workload*> mistakeWorkloads()
{
    static const ConvoyWorkload convoy;
    static const FalseShareWorkload falseshare;
    return { &convoy, &falseshare };
}

KernelTable mistakeWorkloadKernels()
{
    return {
        { QStringLiteral("convoy"), kernelWithoutConfig<ConvoyKernel>() },
        { QStringLiteral("falseshare"), kernelWithoutConfig<FalseShareKernel>() },
    };
}

} // namespace proclab
