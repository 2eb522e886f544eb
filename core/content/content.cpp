#include "content/content.h"

#include "content/kernels.h"

namespace proclab {

void registerContent()
{
    for (KernelTable (*family)() :
        { builtinKernels, poolDemoKernels, processDemoKernels, ipcDemoKernels, syncDemoKernels, managerDemoKernels,
            libraryDemoKernels, numericWorkloadKernels, textWorkloadKernels, mistakeWorkloadKernels, benchKernels })
        registerKernels(family());
}

} // namespace proclab
