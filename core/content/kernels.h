#pragma once

// The kernels behind ProcLab's content: the built-in functions (noop, identity, sqrt, pid, pi, spin, sleep,
// raise, print, expr) and the families beside the demos and workloads that run them. content/content.h
// registers them all.

#include "content/workload.h"
#include "mp/kernel.h"

#include <memory>

class QCborValue;

namespace proclab {

KernelTable builtinKernels(); // kernels.cpp
KernelTable poolDemoKernels(); // demos_pool.cpp
KernelTable processDemoKernels(); // demos_process.cpp
KernelTable ipcDemoKernels(); // demos_ipc.cpp
KernelTable syncDemoKernels(); // demos_sync.cpp
KernelTable managerDemoKernels(); // demos_manager.cpp
KernelTable libraryDemoKernels(); // demos_libraries.cpp
KernelTable numericWorkloadKernels(); // workloads_numeric.cpp
KernelTable textWorkloadKernels(); // workloads_text.cpp
KernelTable mistakeWorkloadKernels(); // workloads_mistakes.cpp
KernelTable benchKernels(); // benchkernels.cpp: the child side of proclab-cli bench

// The spin kernel's work, for checking results and calibrating: `iterations` xorshift steps seeded by `task`.
qint64 spinDigest(qint64 task, qint64 iterations);
// Spin iterations per CPU millisecond on this machine (best of a few short trials).
qint64 calibrateSpinItersPerMs();

// The letters kernel's histogram: how many letter slots its counts hold (workloads_text.cpp).
int letterSlotCount();

// Workloads whose tasks share memory (matmul, sqrt, convoy, falseshare): inputs() creates it under a key of the
// workload and its parameters, verify() or finish() let it go (workloads_numeric.cpp).
QString runKey(const QString& workload, const Params& p);
class SharedMemory;
// Worker side: maps the engine's object `name` for one task; a TaskException (FileNotFoundError, ValueError) when
// it is gone or smaller than `minSize`.
std::unique_ptr<SharedMemory> attachRunMemory(const QCborValue& name, qsizetype minSize);

} // namespace proclab
