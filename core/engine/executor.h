#pragma once

// The same tasks run four ways: a pool of processes, plain threads, threads that share one GIL (as
// CPython's do), or a serial loop. This is what lets ProcLab put processes and threads side by side.

#include "base/platform.h"
#include "engine/asyncresult.h"
#include "engine/fault.h"
#include "engine/startmethod.h"
#include "engine/taskstream.h"
#include "mp/function.h"

#include <QCborArray>
#include <QList>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace proclab {

class Context;

struct ExecOptions {
    ExecutorKind executor = ExecutorKind::Process;
    int workers = 2;
    int chunksize = 0; // 0: Python's default for map
    Scheduling scheduling = Scheduling::Dynamic;
    qint64 paceNs = 0;
    // Polled while the run goes on (process executor: every 20 ms; threads: between tasks). When it says
    // true the run stops (the pool is terminated) and execute() throws CancelledError.
    std::function<bool()> cancelled;
    // The main process's own work, done inside the timed region before any task goes out: the part that no
    // number of workers speeds up (Amdahl's serial fraction). Runs on the calling thread.
    std::function<void()> serialPart;
    qint64 taskDeadlineMs = 0; // process executor: see PoolOptions::taskDeadlineMs
    // Failures on purpose. Process executor: any kind; thread executors: Throw only (anything else would
    // take the whole program down), others make execute() throw PoolError.
    QList<Fault> faults = {};
};

struct WorkerStat {
    qint64 pid = 0;
    qint64 tid = 0; // thread executors: the thread's id
    QString name;
    qint64 tasks = 0;
    qint64 startupNs = 0;
    // Process executor: what the worker used, as the kernel counted it when it was reaped (Context::processUsage);
    // none for threads, for a process not reaped by this run, or for one lost with the forkserver.
    std::optional<platform::ProcessUsage> usage {};
};

struct ExecResult {
    QCborArray results; // null where a task failed; empty for a TaskStream (its consumer had them)
    qsizetype tasks = 0; // how many tasks ran
    std::map<qsizetype, TaskFailure> failures;
    QList<WorkerStat> workers;
    qint64 wallNs = 0; // first submission to last result, start-up excluded
    qint64 startupNs = 0; // creating the workers until all are ready
    // Process executor: when the pool was created and when the timed region began (CLOCK_MONOTONIC, the events'
    // clock; 0 elsewhere), so that the run's events can be laid against its timing (lab/breakdown.h).
    qint64 poolStartNs = 0;
    qint64 timedStartNs = 0;
    int chunksize = 1;
};

// An executor implemented above the engine (the MPI ranks: mpi/mpiexecutor.h), registered by the programs that link
// it, as content is: the engine never names it. execute() throws PoolError for a kind nobody registered.
using ExecutorFunction
    = std::function<ExecResult(Context* context, const Function& f, const QCborArray& inputs, const ExecOptions&)>;
void registerExecutor(ExecutorKind kind, ExecutorFunction run);

// Runs of one executor that follow each other on this thread (a sweep's series: a point, its repeats, the next
// point): an executor that can keep its workers between runs does so while an ExecutorSeries lives. The MPI
// executors keep one mpirun job of maxWorkers ranks and run each point on as many of them as it asks for, so that
// MPI's start-up is paid once per series rather than once per point. The others do nothing. The workers end with
// the series (their exits land in the context's event log then).
class ExecutorSeries {
public:
    ExecutorSeries(ExecutorKind kind, Context* context, int maxWorkers);
    ~ExecutorSeries();
    ExecutorSeries(const ExecutorSeries&) = delete;
    ExecutorSeries& operator=(const ExecutorSeries&) = delete;

    bool keepsWorkers() const { return m_held != nullptr; }

private:
    std::shared_ptr<void> m_held; // the executor's, ended when the last reference goes
};
// What an executor does when a series begins: what it returns is held for the series (nullptr: nothing kept).
using ExecutorSeriesFunction = std::function<std::shared_ptr<void>(Context* context, int maxWorkers)>;
void registerExecutorSeries(ExecutorKind kind, ExecutorSeriesFunction begin);

// Runs f over inputs. The process executor starts (and stops) a pool on `context`. Throws PoolError when the
// workers cannot start, CancelledError when options.cancelled() said so.
ExecResult execute(Context* context, const Function& f, const QCborArray& inputs, const ExecOptions& options);
// The same over a TaskStream: inputs made as they are needed, results handed to tasks.results in input order,
// nothing kept (ExecResult::results stays empty), so memory does not grow with tasks.count. Chunksize auto is
// TaskStream::autoChunksize (the serial executor: all tasks, run in pieces of at most that many). The MPI
// executors take the whole input at once: with them the stream is made, run and handed over in one piece.
ExecResult executeStream(Context* context, const Function& f, const TaskStream& tasks, const ExecOptions& options);

} // namespace proclab
