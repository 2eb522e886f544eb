#pragma once

// The mpi-spmd and mpi-farm executors: execute() with ExecutorKind::MpiSpmd or MpiFarm runs an MpiJob, so that a
// sweep, an experiment or a workload's run() uses MPI ranks as it uses a process pool (workers = ranks). What the
// executor options do not say (hostfile, remote shell, running as root) comes from the process-wide defaults that
// the program sets from its command line.

#include "mpi/mpijob.h"

namespace proclab {

// Registers both executors with the engine (registerExecutor) and the MPI demos (mpi/mpidemos.h) with the others.
// Programs call it once in main(), after registerContent().
void registerMpi();

// Thread-safe. The base options of every MPI run made through execute() (shape, ranks, chunksize, pace and
// cancellation come from the run's ExecOptions).
void setMpiDefaults(const MpiOptions& options);
MpiOptions mpiDefaults();

// Thread-safe: the last MPI run made through execute() on this thread (ranks, hosts, clock offsets), if any.
std::optional<MpiRunResult> lastMpiRun();

} // namespace proclab
