#include "support/testkernels.h"

#include "content/content.h"
#include "mpi/mpiexecutor.h"

#include <mutex>

namespace proclab::test {

void registerTestKernels()
{
    static std::once_flag once;
    std::call_once(once, [] {
        registerContent();
        registerMpi(); // the MPI executors and demos
        for (KernelTable (*family)() :
            { syncKernels, sharedValueKernels, queueKernels, connectionKernels, managerKernels, soakKernels })
            registerKernels(family());
    });
}

namespace {
// Every test program links this library: its kernels are known before main() runs, as proclab-worker's are.
const bool registered = (registerTestKernels(), true);
} // namespace

} // namespace proclab::test
