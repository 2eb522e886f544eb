// The tutorial's two libraries on top of multiprocessing: joblib's Parallel/delayed and sharedmem's MapReduce,
// each re-done with the engine's Pool (and, for sharedmem, its shared Array and Lock).
#include "content/demo.h"
#include "content/kernels.h"

#include "base/pyformat.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "mp/kernel.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"

namespace proclab {

namespace {

QCborArray range(qint64 from, qint64 to, qint64 step = 1)
{
    QCborArray a;
    for (qint64 i = from; i < to; i += step)
        a.append(i);
    return a;
}

// Parallel(n_jobs=2)(delayed(f)(x) for x in range(10)): joblib turns each delayed call into a task for a pool of
// worker processes and gives the results back in the order of the calls, as Pool.map does.
class JoblibDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("joblib-parallel"); }
    QString topic() const override { return QStringLiteral("Pool"); }
    QString description() const override
    {
        return QStringLiteral("joblib's Parallel(n_jobs=2)(delayed(f)(x) for x in range(10)), f(x) = x*x");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        const Function f = Function::expr(QStringLiteral("x*x"));
        // [f(x) for x in range(10)]: the serial list, computed here.
        QCborArray serial;
        auto kernel = createKernel(f, nullptr);
        TaskContext local;
        for (qint64 x = 0; x < 10; ++x)
            serial.append(kernel->call(x, local));
        out.print(pyRepr(serial));
        Pool pool(&ctx, { o.processes, Scheduling::Dynamic, 0, o.paceNs });
        const QCborArray parallel = pool.map(f, range(0, 10));
        out.print(pyRepr(parallel));
        return parallel == serial && serial == QCborArray { 0, 1, 4, 9, 16, 25, 36, 49, 64, 81 } ? 0 : 1;
    }
};

// work(i) in the tutorial's MapReduce: `with pool.critical: counter[:] += i`. args [counter, critical, i].
class CriticalAddKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = args.toArray();
        Array counter = Array::attach(a.at(0));
        Lock critical = Lock::attach(a.at(1));
        LockGuard with(critical);
        counter.set(0, counter.at(0).toDouble() + double(a.at(2).toInteger()));
        return {};
    }
};

// work(i) of the second example: output[i:i+chunksize] = input[i:i+chunksize]; returns (i, sum of the slice).
// args [input, output, i, chunksize].
class CopyChunkKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        const Array input = Array::attach(a.at(0));
        Array output = Array::attach(a.at(1));
        const qint64 i = a.at(2).toInteger();
        const qint64 end = std::min<qint64>(i + a.at(3).toInteger(), input.size());
        double sum = 0;
        for (qint64 k = i; k < end; ++k) {
            const QCborValue v = input.at(k);
            output.set(k, v);
            sum += v.toDouble();
            if ((k & 255) == 255)
                ctx.checkpoint();
        }
        return QCborArray { i, sum };
    }
};

// sharedmem.MapReduce: a pool whose workers see the shared arrays, a critical section (a Lock), and a reduce
// callback the main process calls on each result as it arrives. The sharedmem package is not in Debian; this is
// what it does, with multiprocessing's Array, Lock and Pool.imap_unordered (resources/python/sharedmem-mapreduce.py).
class SharedmemDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("sharedmem-mapreduce"); }
    QString topic() const override { return QStringLiteral("Shared memory"); }
    QString description() const override
    {
        return QStringLiteral("sharedmem's MapReduce: a critical section sums 0..9 into a shared counter (45), then "
                              "a reduce callback prints 'chunk i done' as each chunk of a shared array is copied");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        constexpr qint64 Items = 4096;
        constexpr qint64 Chunksize = 512;
        Array counter(&ctx, 'd', 1, false); // sharedmem.empty(1), zeroed
        Lock critical(&ctx); // pool.critical
        Pool pool(&ctx, { o.processes, Scheduling::Dynamic, 0, o.paceNs });
        QCborArray adds;
        for (qint64 i = 0; i < 10; ++i)
            adds.append(QCborArray { counter.handle(), critical.handle(), i });
        pool.map(Function::named(QStringLiteral("demo.sharedmem.add")), adds, 1);
        const QCborArray total = counter.toList();
        out.print(pyRepr(total));

        QCborArray values;
        for (qint64 k = 0; k < Items; ++k)
            values.append(double(k));
        const Array input(&ctx, 'd', values, false);
        const Array output(&ctx, 'd', Items, false);
        QCborArray chunks;
        for (qint64 i = 0; i < Items; i += Chunksize)
            chunks.append(QCborArray { input.handle(), output.handle(), i, Chunksize });
        // reduce(i, r) runs here, in the main process, on each result in the order the chunks finish.
        ResultIterator results = pool.imapUnordered(Function::named(QStringLiteral("demo.sharedmem.copy")), chunks);
        double sum = 0;
        qsizetype reduced = 0;
        while (const auto r = results.next()) {
            out.print(QStringLiteral("chunk %1 done").arg(r->toArray().at(0).toInteger()));
            sum += r->toArray().at(1).toDouble();
            ++reduced;
        }
        out.print(pyRepr(QCborValue(sum)));
        return total == QCborArray { 45.0 } && reduced == chunks.size() && output.toList() == values
                && sum == double(Items * (Items - 1) / 2)
            ? 0
            : 1;
    }
};

} // namespace

QList<const Demo*> libraryDemos()
{
    static const JoblibDemo joblib;
    static const SharedmemDemo sharedmem;
    return { &joblib, &sharedmem };
}

KernelTable libraryDemoKernels()
{
    return {
        { QStringLiteral("demo.sharedmem.add"), kernelWithoutConfig<CriticalAddKernel>() },
        { QStringLiteral("demo.sharedmem.copy"), kernelWithoutConfig<CopyChunkKernel>() },
    };
}

} // namespace proclab
