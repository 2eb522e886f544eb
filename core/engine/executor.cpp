#include "engine/executor.h"

#include "base/clock.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "mp/gil.h"
#include "mp/kernel.h"

#include <QScopeGuard>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace proclab {

namespace {

ExecResult runProcesses(Context* context, const Function& f, const QCborArray& inputs, const ExecOptions& o)
{
    ExecResult r;
    const qint64 t0 = monotonicNs();
    PoolOptions po { o.workers, o.scheduling, 0, o.paceNs };
    po.taskDeadlineMs = o.taskDeadlineMs;
    po.faults = o.faults;
    Pool pool(context, po);
    if (!pool.waitReady())
        throw PoolError(pool.brokenReason());
    r.startupNs = monotonicNs() - t0;
    r.chunksize = o.chunksize > 0 ? o.chunksize : Pool::defaultChunksize(inputs.size(), o.workers);
    const qint64 t1 = monotonicNs();
    r.poolStartNs = t0;
    r.timedStartNs = t1;
    if (o.serialPart)
        o.serialPart();
    AsyncResult result = pool.mapAsync(f, inputs, r.chunksize);
    while (!result.wait(o.cancelled ? 20 : -1)) {
        if (o.cancelled()) {
            pool.terminate();
            throw CancelledError();
        }
    }
    r.wallNs = monotonicNs() - t1;
    r.failures = result.failures();
    // As a Python program's map() returns: every result handed over at once, in input order (TaskDeliver events,
    // so the stage's "Handed to your code" fills as for a demo). After the timed region.
    r.results = r.failures.empty() ? result.get().toArray() : result.values();
    pool.close();
    pool.join();
    for (const auto& w : pool.workers())
        r.workers.append({ w.pid, 0, w.name, w.tasks, w.startupNs });
    return r;
}

// Threads pull chunks (dynamic) or take every n-th chunk (static); with a GIL they hold it while they compute.
ExecResult runThreads(const Function& f, const QCborArray& inputs, const ExecOptions& o, Gil* gil)
{
    ExecResult r;
    const int n = std::max(1, o.workers);
    r.chunksize = o.chunksize > 0 ? o.chunksize : Pool::defaultChunksize(inputs.size(), n);
    const qsizetype chunks = (inputs.size() + r.chunksize - 1) / r.chunksize;
    std::vector<QCborValue> results(size_t(inputs.size()));
    auto failures = std::vector<std::map<qsizetype, TaskFailure>>(size_t(n));
    auto stats = std::vector<WorkerStat>(size_t(n));
    std::atomic<qsizetype> nextChunk { 0 };
    std::atomic<int> ready { 0 };
    std::atomic<bool> go { false };
    std::atomic<bool> stop { false };
    std::mutex doneMutex;
    std::condition_variable doneCv;
    int done = 0; // guarded by doneMutex
    QString setupError;
    std::mutex setupMutex;

    const qint64 t0 = monotonicNs();
    std::vector<std::thread> threads;
    for (int w = 0; w < n; ++w) {
        threads.emplace_back([&, w] {
            const auto finished = qScopeGuard([&] {
                std::lock_guard lock(doneMutex);
                ++done;
                doneCv.notify_one();
            });
            WorkerStat& st = stats[size_t(w)];
            st.pid = getpid();
            st.tid = qint64(syscall(SYS_gettid));
            st.name = QStringLiteral("Thread-%1").arg(w + 1);
            QString error;
            auto kernel = createKernel(f, &error);
            if (!kernel) {
                std::lock_guard lock(setupMutex);
                setupError = error;
            }
            st.startupNs = monotonicNs() - t0;
            ++ready;
            while (!go.load(std::memory_order_acquire))
                std::this_thread::yield();
            if (!kernel)
                return;
            GilGuard holding(gil); // a Python thread holds the GIL whenever it runs Python code
            TaskContext ctx;
            ctx.worker = w;
            ctx.gil = gil;
            ctx.processName = st.name;
            ctx.stop = o.cancelled ? &stop : nullptr;
            for (qsizetype round = 0;; ++round) {
                if (o.cancelled && stop.load(std::memory_order_relaxed))
                    break;
                const qsizetype c = o.scheduling == Scheduling::Static ? round * n + w : nextChunk++;
                if (c >= chunks)
                    break;
                const qsizetype first = c * r.chunksize;
                const qsizetype last = std::min<qsizetype>(inputs.size(), first + r.chunksize);
                for (qsizetype i = first; i < last; ++i) {
                    ctx.task = i;
                    try {
                        if (o.paceNs > 0)
                            ctx.sleepNs(o.paceNs);
                        for (const Fault& fault : o.faults)
                            if (fault.task == i)
                                triggerFault(fault); // only Throw gets here (execute() checked)
                        results[size_t(i)] = kernel->call(inputs.at(i), ctx);
                    } catch (const TaskCancelled&) {
                        return;
                    } catch (const std::exception& e) {
                        const auto* te = dynamic_cast<const TaskException*>(&e);
                        failures[size_t(w)][i] = { i, exceptionTypeName(e),
                            te ? te->message() : QString::fromUtf8(e.what()), st.pid, w, QStringLiteral("running") };
                    }
                    ++st.tasks;
                }
            }
        });
    }
    while (ready.load() < n)
        std::this_thread::yield();
    r.startupNs = monotonicNs() - t0;
    const qint64 t1 = monotonicNs();
    if (o.serialPart)
        o.serialPart(); // the workers wait for `go`, as tasks wait for the main process in Python
    go.store(true, std::memory_order_release);
    if (o.cancelled) {
        // The caller's predicate runs here, on the calling thread; the workers read `stop` between chunks.
        std::unique_lock lock(doneMutex);
        while (!doneCv.wait_for(lock, std::chrono::milliseconds(20), [&] { return done == n; })) {
            if (o.cancelled()) {
                stop.store(true);
                break;
            }
        }
    }
    for (auto& t : threads)
        t.join();
    r.wallNs = monotonicNs() - t1;
    if (stop.load())
        throw CancelledError();
    if (!setupError.isEmpty())
        throw PoolError(setupError);
    for (const auto& v : results)
        r.results.append(v);
    for (const auto& m : failures)
        r.failures.insert(m.begin(), m.end());
    for (const auto& s : stats)
        r.workers.append(s);
    return r;
}

ExecResult runSerial(const Function& f, const QCborArray& inputs, const ExecOptions& o)
{
    ExecOptions one = o;
    one.workers = 1;
    one.chunksize = std::max<int>(1, int(inputs.size()));
    ExecResult r = runThreads(f, inputs, one, nullptr);
    r.startupNs = 0;
    r.workers.first().name = QStringLiteral("Serial");
    return r;
}

} // namespace

namespace {
std::mutex& registeredMutex()
{
    static std::mutex m;
    return m;
}
std::map<ExecutorKind, ExecutorFunction>& registered() // guarded by registeredMutex()
{
    static std::map<ExecutorKind, ExecutorFunction> table;
    return table;
}
} // namespace

ExecResult execute(Context* context, const Function& f, const QCborArray& inputs, const ExecOptions& options)
{
    if (options.executor != ExecutorKind::Process) {
        for (const Fault& fault : options.faults)
            if (fault.killsTheWorker())
                throw PoolError(
                    QStringLiteral("ValueError: --inject %1 needs worker processes: in a %2 run it would take "
                                   "the whole program down (only throw works with threads)")
                        .arg(fault.toString(), toString(options.executor)));
    }
    switch (options.executor) {
    case ExecutorKind::Process:
        return runProcesses(context, f, inputs, options);
    case ExecutorKind::Thread:
        return runThreads(f, inputs, options, nullptr);
    case ExecutorKind::GilThread: {
        Gil gil;
        return runThreads(f, inputs, options, &gil);
    }
    case ExecutorKind::Serial:
        return runSerial(f, inputs, options);
    case ExecutorKind::MpiSpmd:
    case ExecutorKind::MpiFarm: {
        ExecutorFunction run;
        {
            std::lock_guard lock(registeredMutex());
            const auto it = registered().find(options.executor);
            if (it != registered().end())
                run = it->second;
        }
        if (!run)
            throw PoolError(
                QStringLiteral("the %1 executor is not available in this program").arg(toString(options.executor)));
        return run(context, f, inputs, options);
    }
    }
    return {};
}

void registerExecutor(ExecutorKind kind, ExecutorFunction run)
{
    std::lock_guard lock(registeredMutex());
    registered()[kind] = std::move(run);
}

} // namespace proclab
