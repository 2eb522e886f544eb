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
    // Open MPI's start-up through a remote shell (its daemons, one per host) can fail on a busy machine before any
    // rank exists: a daemon that was not heard in time, once a daemon that crashed in its hwloc set-up (seen with
    // simulated hosts while two test suites and two busy loops shared two cores). Nothing has run then, so the
    // launch is tried once more; a failure after a rank connected is the job's own and is reported as it is.
    for (int attempt = 1;; ++attempt) {
        MpiJob job(context, o);
        bool anyRank = false;
        QObject::connect(&job, &MpiJob::rankConnected, &job, [&anyRank] { anyRank = true; }, Qt::DirectConnection);
        try {
            MpiRunResult r = job.run(f, inputs);
            t_last = r;
            return r.exec;
        } catch (const MpiError& e) {
            if (attempt == 1 && !anyRank && !o.hostfile.isEmpty() && !(o.cancelled && o.cancelled()))
                continue;
            throw PoolError(QString::fromLocal8Bit(e.what()));
        }
    }
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
