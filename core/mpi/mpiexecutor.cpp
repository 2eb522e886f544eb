#include "mpi/mpiexecutor.h"

#include "content/demo.h"
#include "engine/asyncresult.h"
#include "engine/fault.h"
#include "mpi/mpidemos.h"

#include <mutex>

namespace proclab {

namespace {
std::mutex g_mutex;
MpiOptions g_defaults; // guarded by g_mutex
thread_local std::optional<MpiRunResult> t_last;

// An MPI series on this thread (ExecutorSeries): one job, started at its first run with as many ranks as the
// series' largest point, used by every run that fits in it.
struct MpiSeries {
    Context* context = nullptr;
    int ranks = 0;
    std::unique_ptr<MpiJob> job;
};
thread_local MpiSeries* t_series = nullptr;

// Starts a job (o.ranks ranks). Open MPI's start-up through a remote shell (its daemons, one per host) can fail on a
// busy machine before any rank exists: a daemon that was not heard in time, once a daemon that crashed in its hwloc
// set-up (seen with simulated hosts while two test suites and two busy loops shared two cores). Nothing has run
// then, so the launch is tried once more; a failure after a rank connected is the job's own and is reported as is.
std::unique_ptr<MpiJob> startJob(Context* context, const MpiOptions& o)
{
    for (int attempt = 1;; ++attempt) {
        auto job = std::make_unique<MpiJob>(context, o);
        bool anyRank = false;
        QObject::connect(
            job.get(), &MpiJob::rankConnected, job.get(), [&anyRank] { anyRank = true; }, Qt::DirectConnection);
        try {
            job->start();
            QObject::disconnect(job.get(), &MpiJob::rankConnected, nullptr, nullptr);
            return job;
        } catch (const MpiError& e) {
            if (attempt == 1 && !anyRank && !o.hostfile.isEmpty() && !(o.cancelled && o.cancelled()))
                continue;
            throw PoolError(QString::fromLocal8Bit(e.what()));
        }
    }
}

// The series' job can take this run: the same context, few enough ranks, and nothing that ends a job on purpose
// (a fault kills a rank; survive mode is mpirun's, for the whole job, and a death breaks MPI_COMM_WORLD).
bool seriesTakes(const MpiSeries* series, Context* context, const MpiOptions& o)
{
    return series && series->context == context && o.ranks <= series->ranks && !o.survive && o.killAtTask < 0
        && o.shape != mpi::Shape::Exchange;
}

ExecResult runMpi(
    mpi::Shape shape, Context* context, const Function& f, const QCborArray& inputs, const ExecOptions& options)
{
    MpiOptions o = mpiDefaults();
    o.shape = shape;
    o.ranks = options.workers;
    o.chunksize = options.chunksize;
    o.paceNs = options.paceNs;
    o.cancelled = options.cancelled;
    for (const Fault& fault : options.faults) { // kill:TASK: the rank that starts it SIGKILLs itself
        if (fault.kind == Fault::Kind::Kill && fault.task >= 0)
            o.killAtTask = fault.task;
    }
    if (MpiSeries* series = t_series; seriesTakes(series, context, o)) {
        // A job that failed or was stopped is over: the next run starts another.
        if (!series->job || !series->job->alive()) {
            series->job.reset();
            MpiOptions jobOptions = o;
            jobOptions.ranks = series->ranks;
            series->job = startJob(context, jobOptions);
        }
        try {
            MpiRunResult r = series->job->runNext(o, f, inputs);
            t_last = r;
            return r.exec;
        } catch (const MpiError& e) {
            series->job.reset(); // the job is over: its destructor waits for mpirun
            throw PoolError(QString::fromLocal8Bit(e.what()));
        } catch (...) {
            series->job.reset();
            throw;
        }
    }
    std::unique_ptr<MpiJob> job = startJob(context, o);
    try {
        MpiRunResult r = job->run(f, inputs);
        t_last = r;
        return r.exec;
    } catch (const MpiError& e) {
        throw PoolError(QString::fromLocal8Bit(e.what()));
    }
}

std::shared_ptr<void> beginMpiSeries(Context* context, int maxRanks)
{
    if (t_series || maxRanks < 1)
        return nullptr; // a series inside a series: the outer one's job serves
    auto* series = new MpiSeries;
    series->context = context;
    series->ranks = maxRanks;
    t_series = series;
    return std::shared_ptr<void>(series, [](void* p) {
        auto* s = static_cast<MpiSeries*>(p);
        if (t_series == s)
            t_series = nullptr;
        try {
            if (s->job)
                s->job->finish();
        } catch (...) {
        }
        delete s;
    });
}
} // namespace

void registerMpi()
{
    registerExecutor(
        ExecutorKind::MpiSpmd, [](Context* c, const Function& f, const QCborArray& in, const ExecOptions& o) {
            return runMpi(mpi::Shape::Spmd, c, f, in, o);
        });
    registerExecutor(
        ExecutorKind::MpiFarm, [](Context* c, const Function& f, const QCborArray& in, const ExecOptions& o) {
            return runMpi(mpi::Shape::Farm, c, f, in, o);
        });
    registerExecutorSeries(ExecutorKind::MpiSpmd, beginMpiSeries);
    registerExecutorSeries(ExecutorKind::MpiFarm, beginMpiSeries);
    addDemos(mpiDemos());
}

void setMpiDefaults(const MpiOptions& options)
{
    std::lock_guard lock(g_mutex);
    g_defaults = options;
}

MpiOptions mpiDefaults()
{
    std::lock_guard lock(g_mutex);
    return g_defaults;
}

std::optional<MpiRunResult> lastMpiRun()
{
    return t_last;
}

} // namespace proclab
