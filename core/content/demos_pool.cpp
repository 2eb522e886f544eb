// The tutorials' Pool examples: map, starmap, apply, apply_async, imap / imap_unordered, futures.
#include "content/demo.h"
#include "content/kernels.h"

#include "base/pyformat.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "mp/kernel.h"

#include <QRandomGenerator>

namespace proclab {

namespace {

QCborArray range(qint64 from, qint64 to)
{
    QCborArray a;
    for (qint64 i = from; i < to; ++i)
        a.append(i);
    return a;
}

class PoolMapDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("pool-map"); }
    QString topic() const override { return QStringLiteral("Pool"); }
    QString description() const override { return QStringLiteral("Pool(4).map(f, range(8)) with f(x) = x*x+1"); }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        Pool pool(&ctx, { o.processes, Scheduling::Dynamic, 0, o.paceNs });
        const QCborArray result = pool.map(Function::expr(QStringLiteral("x*x+1")), range(0, 8));
        out.print(pyRepr(result));
        return result == QCborArray { 1, 2, 5, 10, 17, 26, 37, 50 } ? 0 : 1;
    }
};

class PoolStarmapDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("pool-starmap"); }
    QString topic() const override { return QStringLiteral("Pool"); }
    QString description() const override
    {
        return QStringLiteral("Pool.starmap(g, zip(range(8), range(8))) with g(x, y) = x+y");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        Pool pool(&ctx, { o.processes, Scheduling::Dynamic, 0, o.paceNs });
        QCborArray pairs;
        for (int x = 0; x < 8; ++x)
            pairs.append(QCborArray { x, x });
        const QCborArray result = pool.starmap(Function::expr(QStringLiteral("x+y")), pairs);
        out.print(pyRepr(result));
        return result == QCborArray { 0, 2, 4, 6, 8, 10, 12, 14 } ? 0 : 1;
    }
};

class PoolApplyDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("pool-apply"); }
    QString topic() const override { return QStringLiteral("Pool"); }
    QString description() const override
    {
        return QStringLiteral("[pool.apply(cube, (x,)) for x in range(1, 7)]: one blocking call at a time");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        Pool pool(&ctx, { o.processes, Scheduling::Dynamic, 0, o.paceNs });
        QCborArray results;
        for (int x = 1; x < 7; ++x)
            results.append(pool.apply(Function::expr(QStringLiteral("x**3")), x));
        out.print(pyRepr(results));
        return results == QCborArray { 1, 8, 27, 64, 125, 216 } ? 0 : 1;
    }
};

class ApplyAsyncDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("apply-async"); }
    QString topic() const override { return QStringLiteral("Pool"); }
    QString description() const override
    {
        return QStringLiteral("[pool.apply_async(sqrt, (x,)) for x in range(10)], then r.get() for each future");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        Pool pool(&ctx, { o.processes, Scheduling::Dynamic, 0, o.paceNs });
        QList<AsyncResult> futures; // each returns at once: the work goes on in the workers
        for (int x = 0; x < 10; ++x)
            futures << pool.applyAsync(Function::named(QStringLiteral("sqrt")), x);
        QCborArray roots;
        for (const AsyncResult& r : futures)
            roots.append(r.get());
        out.print(pyRepr(roots));
        return roots.size() == 10 && roots.at(9).toDouble() == 3.0 ? 0 : 1;
    }
};

class IMapDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("imap"); }
    QString topic() const override { return QStringLiteral("Pool"); }
    QString description() const override
    {
        return QStringLiteral("imap yields results in order as they come; imap_unordered in completion order");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        Pool pool(&ctx, { o.processes > 0 ? o.processes : 5, Scheduling::Dynamic, 0, o.paceNs });
        const Function square = Function::expr(QStringLiteral("x*x"));
        const QCborArray inputs { 1, 2, 3 };
        ResultIterator lazy = pool.imap(square, inputs);
        out.print(QStringLiteral("<proclab::ResultIterator of %1 results>").arg(lazy.size()));
        QCborArray ordered;
        while (auto v = lazy.next()) {
            out.print(pyRepr(*v));
            ordered.append(*v);
        }
        ResultIterator unordered = pool.imapUnordered(square, inputs);
        int count = 0;
        while (auto v = unordered.next()) {
            out.print(pyRepr(*v));
            ++count;
        }
        return ordered == QCborArray { 1, 4, 9 } && count == 3 ? 0 : 1;
    }
};

// The concurrent.futures part of the tutorials: status of futures, cancel, done callbacks.
class FuturesDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("futures"); }
    QString topic() const override { return QStringLiteral("Pool"); }
    QString description() const override
    {
        return QStringLiteral("futures: running()/done()/result(), cancel() of a queued task, done callbacks");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        Pool pool(&ctx, { o.processes, Scheduling::Dynamic, 0, o.paceNs });
        const Function f1 = Function::expr(QStringLiteral("x**2"));
        const Function f2 = Function::expr(QStringLiteral("x*y"));
        AsyncResult a = pool.applyAsync(f2, QCborArray { 1, 1 });
        AsyncResult b = pool.applyAsync(f2, QCborArray { 1, 2 });
        AsyncResult c = pool.applyAsync(f1, 10);
        const auto yesNo = [](bool v) { return v ? QStringLiteral("True") : QStringLiteral("False"); };
        // Right after submission a future may already be done: these tasks take microseconds.
        out.print(QStringLiteral("a running: %1").arg(yesNo(a.running())));
        out.print(QStringLiteral("a done: %1").arg(yesNo(a.done())));
        out.print(QStringLiteral("a result %1").arg(pyRepr(a.get())));
        out.print(QStringLiteral("b result %1").arg(pyRepr(b.get())));
        out.print(QStringLiteral("c result %1").arg(pyRepr(c.get())));

        // A fresh pool, as the Python program opens a second executor: 24 jobs behind a slow one per worker,
        // so that job 4 is still in the pool's queue when we cancel it (a worker prefetches at most 2 at first).
        pool.close();
        pool.join();
        Pool second(&ctx, { o.processes });
        for (int w = 0; w < second.processes(); ++w)
            second.applyAsync(Function::named(QStringLiteral("sleep")), 200.0);
        QList<AsyncResult> res;
        auto* rng = QRandomGenerator::global();
        for (int i = 0; i < 24; ++i) {
            res << second.applyAsync(f2, QCborArray { rng->generateDouble(), rng->generateDouble() });
            if (i % 2 == 0)
                res[i].addDoneCallback([&out](const AsyncResult&) { out.print(QStringLiteral("Process done!")); });
        }
        res[4].cancel();
        if (res[4].cancelled())
            out.print(QStringLiteral("Process 4 cancelled"));
        for (const AsyncResult& x : res)
            if (!x.cancelled())
                out.print(pyRepr(x.get()));
        return res[4].cancelled() ? 0 : 1;
    }
};

} // namespace

QList<const Demo*> poolDemos()
{
    static const PoolMapDemo map;
    static const PoolStarmapDemo starmap;
    static const PoolApplyDemo apply;
    static const ApplyAsyncDemo applyAsync;
    static const IMapDemo imap;
    static const FuturesDemo futures;
    return { &map, &starmap, &apply, &applyAsync, &imap, &futures };
}

KernelTable poolDemoKernels()
{
    return {};
} // the Pool demos use the built-in kernels

} // namespace proclab
