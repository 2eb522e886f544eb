#pragma once

// The forkserver's server side: `proclab-worker --forkserver`. A clean, single-threaded process that forks
// workers on the engine's request (see engine/forkserver.h for the engine's side) and reports their exits.

#include <sys/types.h>

namespace proclab {

// Serves fork requests on `controlFd` until the engine closes it (then kills its children); returns the exit code.
int runForkServer(int controlFd, int lifelineFd, pid_t expectedParent);

} // namespace proclab
