#include "kernel.h"


namespace proclab {

KernelTable syncKernels() { return {}; }

} // namespace proclab
