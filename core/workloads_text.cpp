#include "kernel.h"
#include "workload.h"

namespace proclab {

QList<const Workload*> textWorkloads() { return {}; }
KernelTable textWorkloadKernels() { return {}; }

} // namespace proclab
