#pragma once

// Kernels only the tests run in child processes (locks held until killed, queues left half-written, pipes
// drained...): linked into proclab-worker-test and the test programs, never into ProcLab itself.

#include "mp/kernel.h"

namespace proclab::test {

KernelTable syncKernels(); // kernels_sync.cpp: Lock, RLock, Semaphore, Event, Condition, Barrier
KernelTable sharedValueKernels(); // kernels_sharedvalue.cpp: Value, Array
KernelTable queueKernels(); // kernels_queue.cpp
KernelTable connectionKernels(); // kernels_connection.cpp: Pipe
KernelTable managerKernels(); // kernels_manager.cpp
KernelTable soakKernels(); // kernels_soak.cpp: the random-kill soak's worker (Queue, Lock, Value together)

// ProcLab's content and the test kernels, registered once (any thread).
void registerTestKernels();

} // namespace proclab::test
