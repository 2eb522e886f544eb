#include "demo.h"
#include "kernel.h"

namespace proclab {

QList<const Demo*> managerDemos() { return {}; }
KernelTable managerDemoKernels() { return {}; }

} // namespace proclab
