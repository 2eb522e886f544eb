#include "kernel.h"


namespace proclab {

KernelTable queueKernels() { return {}; }

} // namespace proclab
