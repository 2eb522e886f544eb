#include "kernel.h"


namespace proclab {

KernelTable sharedValueKernels() { return {}; }

} // namespace proclab
