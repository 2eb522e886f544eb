#include "demo.h"
#include "kernel.h"

namespace proclab {

QList<const Demo*> poolDemos() { return {}; }
KernelTable poolDemoKernels() { return {}; }

} // namespace proclab
