#pragma once

// What runs inside a worker process: reads messages from its private channel, runs kernels, sends results
// and timestamps back. Used by proclab-worker after exec (spawn) and by forkserver children after fork.

#include <QString>

#include <sys/types.h>

namespace proclab {

struct WorkerArgs {
    int channelFd = -1;
    int lifelineFd = -1;
    pid_t expectedParent = 0;
    // Taking over from proclab-lean-worker (app/leanworker): what the engine sent that still matters (its preamble,
    // Init, the Defines, the unread rest) is in this file; our preamble is on the channel already, and so is Ready
    // when `readySent`.
    int resumeFd = -1;
    bool readySent = false;
};

// Never returns: exits the process with the worker's exit code.
[[noreturn]] void runWorker(const WorkerArgs& args);

// Inside a worker: Python's current_process().name, and the pids.
QString currentProcessName();

} // namespace proclab
