#pragma once

// ProcLab's content (kernels, demos, workloads) made known to the layers below, which never name it: a
// program calls registerContent() once in main(), before it runs anything.

namespace proclab {

void registerContent();

} // namespace proclab
