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
#include <optional>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace proclab {

namespace {

// A run's tasks as the executors see them: an array held whole (execute) or a stream (executeStream).
struct Tasks {
    const QCborArray* array = nullptr;
    const TaskStream* stream = nullptr;

    qsizetype count() const { return array ? array->size() : stream->count; }
    int autoChunksize(int workers) const
    {
        return array ? Pool::defaultChunksize(count(), workers) : TaskStream::autoChunksize(count(), workers);
    }
};

ExecResult runProcesses(Context* context, const Function& f, const Tasks& tasks, const ExecOptions& o)
{
    ExecResult r;
    r.tasks = tasks.count();
    const qint64 t0 = monotonicNs();
    PoolOptions po { o.workers, o.scheduling, 0, o.paceNs };
    po.taskDeadlineMs = o.taskDeadlineMs;
    po.faults = o.faults;
    Pool pool(context, po);
    if (!pool.waitReady())
        throw PoolError(pool.brokenReason());
    r.startupNs = monotonicNs() - t0;
    r.chunksize = o.chunksize > 0 ? o.chunksize : tasks.autoChunksize(o.workers);
    const qint64 t1 = monotonicNs();
    r.poolStartNs = t0;
    r.timedStartNs = t1;
    if (o.serialPart)
        o.serialPart();
    AsyncResult result
        = tasks.array ? pool.mapAsync(f, *tasks.array, r.chunksize) : pool.mapStream(f, *tasks.stream, r.chunksize);
    while (!result.wait(o.cancelled ? 20 : -1)) {
        if (o.cancelled()) {
            pool.terminate();
            throw CancelledError();
        }
    }
    r.wallNs = monotonicNs() - t1;
    r.failures = result.failures();
    // As a Python program's map() returns: every result handed over at once, in input order (TaskDeliver events,
    // so the stage's "Handed to your code" fills as for a demo). After the timed region. A stream's went to its
    // consumer as they came.
    if (tasks.array)
        r.results = r.failures.empty() ? result.get().toArray() : result.values();
    pool.close();
    pool.join();
    for (const auto& w : pool.workers())
        r.workers.append({ w.pid, 0, w.name, w.tasks, w.startupNs, context->processUsage(pid_t(w.pid)) });
    return r;
}

// Threads pull chunks (dynamic) or take every n-th chunk (static); with a GIL they hold it while they compute.
// A stream's chunk runs in pieces of at most TaskStream::MaxAutoChunksize tasks, each handed over in input order
// once done; a thread waits (without the GIL) before a piece too far ahead of the oldest one still missing.
ExecResult runThreads(const Function& f, const Tasks& tasks, const ExecOptions& o, Gil* gil)
{
    ExecResult r;
    const int n = std::max(1, o.workers);
    const qsizetype count = tasks.count();
    r.tasks = count;
    r.chunksize = o.chunksize > 0 ? o.chunksize : tasks.autoChunksize(n);
    const qsizetype chunks = (count + r.chunksize - 1) / r.chunksize;
    const qsizetype piece = tasks.stream ? TaskStream::MaxAutoChunksize : std::max<qsizetype>(1, r.chunksize);
    std::vector<QCborValue> results(tasks.array ? size_t(count) : 0);
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
    // A stream's results in input order. Guarded by orderMutex; orderCv wakes the threads waiting for room.
    std::mutex orderMutex;
    std::condition_variable orderCv;
    std::optional<detail::ResultOrder> order;
    if (tasks.stream)
        order.emplace(tasks.stream->results);
    const qsizetype ahead = TaskStream::aheadTasks(n, r.chunksize);
    bool abandoned = false; // guarded by orderMutex: stopped, or a thread could not start (its chunks never run)
    const auto abandon = [&] {
        std::lock_guard lock(orderMutex);
        abandoned = true;
        orderCv.notify_all();
    };
    // False when the run is abandoned. Caller holds the GIL (if any), which it lends out while it waits.
    const auto waitForRoom = [&](qsizetype first) {
        std::unique_lock lock(orderMutex);
        const auto room = [&] { return abandoned || first - order->delivered() < ahead; };
        if (!room()) {
            lock.unlock();
            if (gil)
                gil->release();
            lock.lock();
            orderCv.wait(lock, room);
            lock.unlock();
            if (gil)
                gil->acquire();
            lock.lock();
        }
        return !abandoned;
    };

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
            if (!kernel) {
                abandon();
                return;
            }
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
                const qsizetype chunkEnd = std::min<qsizetype>(count, (c + 1) * r.chunksize);
                for (qsizetype first = c * r.chunksize; first < chunkEnd; first += piece) {
                    const qsizetype last = std::min(chunkEnd, first + piece);
                    QCborArray args;
                    QCborArray values;
                    if (tasks.stream) {
                        if (!waitForRoom(first))
                            return;
                        args = tasks.stream->inputs(first, last - first);
                    }
                    for (qsizetype i = first; i < last; ++i) {
                        ctx.task = i;
                        QCborValue value;
                        try {
                            if (o.paceNs > 0)
                                ctx.sleepNs(o.paceNs);
                            for (const Fault& fault : o.faults)
                                if (fault.task == i)
                                    triggerFault(fault); // only Throw gets here (execute() checked)
                            value = kernel->call(tasks.array ? tasks.array->at(i) : args.at(i - first), ctx);
                        } catch (const TaskCancelled&) {
                            return;
                        } catch (const std::exception& e) {
                            const auto* te = dynamic_cast<const TaskException*>(&e);
                            failures[size_t(w)][i]
                                = { i, exceptionTypeName(e), te ? te->message() : QString::fromUtf8(e.what()), st.pid,
                                      w, QStringLiteral("running") };
                        }
                        if (tasks.array)
                            results[size_t(i)] = std::move(value);
                        else
                            values.append(value);
                        ++st.tasks;
                    }
                    if (tasks.stream) {
                        std::lock_guard lock(orderMutex);
                        order->put(first, std::move(values));
                        orderCv.notify_all();
                    }
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
                abandon();
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

ExecResult runSerial(const Function& f, const Tasks& tasks, const ExecOptions& o)
{
    ExecOptions one = o;
    one.workers = 1;
    one.chunksize = std::max<int>(1, int(tasks.count()));
    ExecResult r = runThreads(f, tasks, one, nullptr);
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

namespace {
ExecResult run(Context* context, const Function& f, const Tasks& tasks, const ExecOptions& options)
{
    if (options.executor != ExecutorKind::Process) {
        for (const Fault& fault : options.faults)
            // MPI ranks take kill:TASK: the engine tells the rank that starts it to SIGKILL itself (mpi/mpijob.h).
            if (fault.killsTheWorker() && !(isMpi(options.executor) && fault.kind == Fault::Kind::Kill))
                throw PoolError(
                    QStringLiteral("ValueError: --inject %1 needs worker processes: in a %2 run it would take "
                                   "the whole program down (only throw works with threads)")
                        .arg(fault.toString(), toString(options.executor)));
    }
    switch (options.executor) {
    case ExecutorKind::Process:
        return runProcesses(context, f, tasks, options);
    case ExecutorKind::Thread:
        return runThreads(f, tasks, options, nullptr);
    case ExecutorKind::GilThread: {
        Gil gil;
        return runThreads(f, tasks, options, &gil);
    }
    case ExecutorKind::Serial:
        return runSerial(f, tasks, options);
    case ExecutorKind::MpiSpmd:
    case ExecutorKind::MpiFarm: {
        ExecutorFunction registeredRun;
        {
            std::lock_guard lock(registeredMutex());
            const auto it = registered().find(options.executor);
            if (it != registered().end())
                registeredRun = it->second;
        }
        if (!registeredRun)
            throw PoolError(
                QStringLiteral("the %1 executor is not available in this program").arg(toString(options.executor)));
        if (tasks.array) {
            ExecResult r = registeredRun(context, f, *tasks.array, options);
            r.tasks = tasks.array->size();
            return r;
        }
        // The ranks take their inputs whole: the stream in one piece.
        ExecResult r = registeredRun(context, f, tasks.stream->inputs(0, tasks.stream->count), options);
        r.tasks = tasks.stream->count;
        if (!r.results.isEmpty())
            tasks.stream->results(0, r.results);
        r.results = QCborArray();
        return r;
    }
    }
    return {};
}
} // namespace

ExecResult execute(Context* context, const Function& f, const QCborArray& inputs, const ExecOptions& options)
{
    return run(context, f, { &inputs, nullptr }, options);
}

ExecResult executeStream(Context* context, const Function& f, const TaskStream& tasks, const ExecOptions& options)
{
    return run(context, f, { nullptr, &tasks }, options);
}

void registerExecutor(ExecutorKind kind, ExecutorFunction run)
{
    std::lock_guard lock(registeredMutex());
    registered()[kind] = std::move(run);
}

namespace {
std::map<ExecutorKind, ExecutorSeriesFunction>& registeredSeries() // guarded by registeredMutex()
{
    static std::map<ExecutorKind, ExecutorSeriesFunction> table;
    return table;
}
} // namespace

void registerExecutorSeries(ExecutorKind kind, ExecutorSeriesFunction begin)
{
    std::lock_guard lock(registeredMutex());
    registeredSeries()[kind] = std::move(begin);
}

ExecutorSeries::ExecutorSeries(ExecutorKind kind, Context* context, int maxWorkers)
{
    ExecutorSeriesFunction begin;
    {
        std::lock_guard lock(registeredMutex());
        const auto it = registeredSeries().find(kind);
        if (it != registeredSeries().end())
            begin = it->second;
    }
    if (begin)
        m_held = begin(context, maxWorkers);
}

ExecutorSeries::~ExecutorSeries() = default;

} // namespace proclab
