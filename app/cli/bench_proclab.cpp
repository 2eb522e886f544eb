// ProcLab's side of `proclab-cli bench`: the engine's own primitives, used as a program uses them (the engine
// makes them, Process children attach them and run the kernels of content/benchkernels.cpp), events and all.

#include "benchsuite.h"

#include "base/clock.h"
#include "base/event.h"
#include "base/messages.h"
#include "base/wire.h"
#include "engine/context.h"
#include "engine/manager.h"
#include "engine/pool.h"
#include "engine/process.h"
#include "mp/connection.h"
#include "mp/queue.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"

#include <algorithm>
#include <memory>
#include <sched.h>
#include <thread>
#include <vector>

namespace proclab::cli::bench::ours {

namespace {

struct Target {
    QString kernel;
    QCborArray args; // the kernel's own; (start, times, slot) are appended
};

// Starts one Process per target, meets them at a Barrier, waits for them to end: the span from the earliest start
// to the latest end they wrote, in ns, or -1 when one failed. `between` runs after the start (the engine's own
// part of the measurement, if any).
qint64 timedProcesses(Context& ctx, const std::vector<Target>& targets, const std::function<void()>& between = {})
{
    const int k = int(targets.size());
    Barrier start(&ctx, k + 1);
    Array times(&ctx, 'q', 2 * k, false);
    std::vector<std::unique_ptr<Process>> procs;
    for (int i = 0; i < k; ++i) {
        QCborArray args = targets[size_t(i)].args;
        args << start.handle() << times.handle() << i;
        procs.push_back(std::make_unique<Process>(&ctx, Function::named(targets[size_t(i)].kernel), args));
        procs.back()->start();
    }
    start.wait();
    if (between)
        between();
    bool ok = true;
    for (const auto& p : procs)
        ok = p->join(600000) && p->exitCode().value_or(-1) == 0 && ok;
    if (!ok)
        return -1;
    const QCborArray t = times.toList();
    qint64 first = t.at(0).toInteger(), last = t.at(1).toInteger();
    for (int i = 1; i < k; ++i) {
        first = std::min(first, t.at(2 * i).toInteger());
        last = std::max(last, t.at(2 * i + 1).toInteger());
    }
    return last - first;
}

// Bytes per event on a worker's channel: the last (up to) 256 events the workers sent, framed as a worker frames
// one batch of them. (The channel is a socket, which /proc/PID/io does not count.)
double encodedEventBytes(const EventBatch& log)
{
    QCborArray flat;
    int n = 0;
    for (auto e = log.rbegin(); e != log.rend() && n < 256; ++e) {
        if (e->kind != EventKind::SharedWrite || e->object != -1)
            continue;
        for (qint64 field : { e->tNs, qint64(e->kind), qint64(e->object), e->task, e->value })
            flat.append(field);
        ++n;
    }
    if (n == 0)
        return 0;
    QByteArray frame;
    wire::appendFrame(frame, wire::Events { flat }.encode());
    return double(frame.size()) / n;
}

} // namespace

Series queue(int pairs, const Sizes& s)
{
    const int per = s.queueItems / pairs;
    Context ctx;
    ctx.events().setRecording(false); // measured, not traced: nothing reads the events
    return repeat(s.repeats, [&]() -> double {
        ctx.events().clear();
        Queue q(&ctx);
        std::vector<Target> targets;
        for (int i = 0; i < pairs; ++i)
            targets.push_back({ QStringLiteral("bench.queue.put"), { q.handle(), per } });
        for (int i = 0; i < pairs; ++i)
            targets.push_back({ QStringLiteral("bench.queue.get"), { q.handle(), per } });
        const qint64 ns = timedProcesses(ctx, targets);
        return ns < 0 ? -1 : double(ns) / (double(per) * pairs);
    });
}

Series pipeRoundTrip(Pin pin, const Sizes& s)
{
    const std::vector<int> cpus = allowedCpus();
    if (pin == Pin::TwoCores && cpus.size() < 2)
        return Series::failed(QLatin1String(SkippedPrefix) + QStringLiteral("one CPU only"));
    const int here = pin == Pin::Free ? -1 : cpus.front();
    const int there = pin == Pin::Free ? -1 : pin == Pin::OneCore ? cpus.front() : cpus.at(1);
    constexpr int WarmUp = 1000;
    Context ctx;
    ctx.events().setRecording(false); // measured, not traced: nothing reads the events
    return repeat(s.repeats, [&]() -> double {
        ctx.events().clear();
        auto [mine, theirs] = Pipe(&ctx);
        Process p(&ctx, Function::named(QStringLiteral("bench.pipe.echo")),
            QCborArray { theirs.handle(), s.roundTrips + WarmUp, there });
        p.start();
        theirs.close();
        cpu_set_t mask;
        sched_getaffinity(0, sizeof mask, &mask);
        pinTo(here);
        qint64 t0 = 0;
        for (int i = 0; i < s.roundTrips + WarmUp; ++i) {
            if (i == WarmUp)
                t0 = monotonicNs();
            mine.send(i);
            mine.recv();
        }
        const qint64 ns = monotonicNs() - t0;
        sched_setaffinity(0, sizeof mask, &mask);
        const bool ok = p.join(60000) && p.exitCode().value_or(-1) == 0;
        return ok ? double(ns) / s.roundTrips / 1e3 : -1;
    });
}

Series lockUncontended(const Sizes& s)
{
    Context ctx;
    ctx.events().setRecording(false); // measured, not traced: nothing reads the events
    return repeat(s.repeats, [&]() -> double {
        ctx.events().clear();
        Lock l(&ctx);
        const qint64 t0 = monotonicNs();
        for (int i = 0; i < s.lockOps; ++i) {
            l.acquire();
            l.release();
        }
        return double(monotonicNs() - t0) / s.lockOps;
    });
}

Series lockTwoProcesses(const Sizes& s)
{
    Context ctx;
    ctx.events().setRecording(false); // measured, not traced: nothing reads the events
    return repeat(s.repeats, [&]() -> double {
        ctx.events().clear();
        Lock l(&ctx);
        const Target t { QStringLiteral("bench.lock.loop"), { l.handle(), s.lockOps } };
        const qint64 ns = timedProcesses(ctx, { t, t });
        return ns < 0 ? -1 : double(ns) / (2.0 * s.lockOps);
    });
}

Series valueIncrement(const Sizes& s)
{
    Context ctx;
    ctx.events().setRecording(false); // measured, not traced: nothing reads the events
    return repeat(s.repeats, [&]() -> double {
        ctx.events().clear();
        Value v(&ctx, 'i', 0);
        const Target t { QStringLiteral("bench.value.increment"), { v.handle(), s.increments } };
        const qint64 ns = timedProcesses(ctx, { t, t, t, t });
        if (ns < 0 || v.value().toInteger() != 4LL * s.increments)
            return -1;
        return double(ns) / (4.0 * s.increments);
    });
}

Series managerDict(const Sizes& s)
{
    Context ctx;
    ctx.events().setRecording(false); // measured, not traced: nothing reads the events
    Manager m(&ctx);
    DictProxy d = m.dict();
    const QCborValue key(QStringLiteral("k"));
    return repeat(s.repeats, [&]() -> double {
        ctx.events().clear();
        const qint64 t0 = monotonicNs();
        for (int i = 0; i < s.managerCalls; ++i) {
            d.set(key, i);
            d.get(key);
        }
        return double(monotonicNs() - t0) / s.managerCalls / 1e3;
    });
}

Series poolOverhead(StartMethod method, int chunksize, const Sizes& s)
{
    Context ctx(method);
    ctx.events().setRecording(false); // measured, not traced: nothing reads the events
    Pool pool(&ctx, { 2 });
    if (!pool.waitReady(60000))
        return Series::failed(pool.brokenReason());
    QCborArray inputs;
    for (int i = 0; i < s.tasks; ++i)
        inputs.append(i);
    const Function noop = Function::named(QStringLiteral("noop"));
    pool.map(noop, inputs, chunksize); // warm-up: function definitions, adaptive windows
    Series series = repeat(s.repeats, [&]() -> double {
        ctx.events().clear();
        const qint64 t0 = monotonicNs();
        const QCborArray out = pool.map(noop, inputs, chunksize);
        const qint64 t = monotonicNs() - t0;
        return out.size() == s.tasks ? double(t) / 1e3 / s.tasks : -1;
    });
    pool.close();
    pool.join();
    return series;
}

Series startup(StartMethod method, int workers, const Sizes& s, bool lean)
{
    Context ctx(method);
    ctx.events().setRecording(false); // measured, not traced: nothing reads the events
    ctx.setLeanWorker(lean);
    // The first round warms the page cache and, with forkserver, starts the server (as Python's first Pool does).
    Series series = repeat(s.repeats + 1, [&]() -> double {
        const qint64 t0 = monotonicNs();
        Pool pool(&ctx, { workers });
        if (!pool.waitReady(60000))
            return -1;
        return double(monotonicNs() - t0) / 1e6;
    });
    if (!series.values.empty())
        series.values.erase(series.values.begin());
    return series;
}

Series events(const Sizes& s, double* wireBytesPerEvent)
{
    constexpr int Procs = 2;
    Context ctx;
    std::vector<double> bytes;
    Series series = repeat(s.repeats, [&]() -> double {
        ctx.events().clear();
        Barrier start(&ctx, Procs + 1);
        Array times(&ctx, 'q', 2 * Procs, false);
        std::vector<std::unique_ptr<Process>> procs;
        for (int i = 0; i < Procs; ++i) {
            procs.push_back(std::make_unique<Process>(&ctx, Function::named(QStringLiteral("bench.events")),
                QCborArray { s.events, start.handle(), times.handle(), i }));
            procs.back()->start();
        }
        const qsizetype base = ctx.events().size();
        start.wait();
        const qint64 t0 = monotonicNs();
        const qint64 want = qint64(Procs) * s.events;
        const qint64 deadline = t0 + 600'000'000'000;
        while (ctx.events().size() - base < want && monotonicNs() < deadline)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        const qint64 ns = monotonicNs() - t0;
        start.wait(); // lets them go
        bool ok = ctx.events().size() - base >= want;
        for (const auto& p : procs)
            ok = p->join(60000) && p->exitCode().value_or(-1) == 0 && ok;
        bytes.push_back(encodedEventBytes(ctx.events().snapshot()));
        return ok ? double(ns) / double(want) : -1;
    });
    std::sort(bytes.begin(), bytes.end());
    *wireBytesPerEvent = bytes.empty() ? 0 : bytes[bytes.size() / 2];
    return series;
}

} // namespace proclab::cli::bench::ours
