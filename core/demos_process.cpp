#include "demo.h"
#include "kernel.h"

namespace proclab {

QList<const Demo*> processDemos() { return {}; }
KernelTable processDemoKernels() { return {}; }

} // namespace proclab
