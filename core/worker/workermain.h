#pragma once

// `proclab-worker`'s command line: which role this process plays (a pool or Process worker on its channel, the
// forkserver, a Manager server, or the benchmarks' echo peer). Kernels must be registered before (see
// content/content.h): the worker binary's main() registers them, then calls workerMain().

namespace proclab {

int workerMain(int argc, char** argv);

} // namespace proclab
