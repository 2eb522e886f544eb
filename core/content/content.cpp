#include "content/content.h"

#include "content/kernels.h"

namespace proclab {

void registerContent()
{
    for (KernelTable (*family)() : { builtinKernels, poolDemoKernels, processDemoKernels, ipcDemoKernels,
             syncDemoKernels, managerDemoKernels, numericWorkloadKernels, textWorkloadKernels, benchKernels })
        registerKernels(family());
}

} // namespace proclab
