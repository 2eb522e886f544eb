#include "worker/workermain.h"

#include "base/platform.h"
#include "worker/forkserverserver.h"
#include "worker/managerserver.h"
#include "worker/workerruntime.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace proclab {

namespace {

int intArg(int argc, char** argv, const char* name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::atoi(argv[i + 1]);
    return fallback;
}

bool hasArg(int argc, char** argv, const char* name)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return true;
    return false;
}

} // namespace

int workerMain(int argc, char** argv)
{
    const int parent = intArg(argc, argv, "--parent", 0);
    const int lifeline = intArg(argc, argv, "--lifeline", -1);
    if (hasArg(argc, argv, "--forkserver"))
        return runForkServer(intArg(argc, argv, "--control", -1), lifeline, parent);
    if (hasArg(argc, argv, "--manager"))
        return runManagerServer(argc, argv);
    if (hasArg(argc, argv, "--echo")) {
        // Benchmark peer: echoes bytes back until EOF (the raw round-trip floor).
        const int fd = intArg(argc, argv, "--echo", -1);
        char buf[4096];
        for (;;) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0 || !platform::writeAll(fd, buf, n))
                return 0;
        }
    }
    const int channel = intArg(argc, argv, "--channel", -1);
    if (channel < 0) {
        std::fprintf(stderr,
            "proclab-worker: a worker process started by the ProcLab engine, not meant to be run by hand.\n"
            "usage: proclab-worker --channel FD --lifeline FD --parent PID [--resume FD [--ready-sent]]\n"
            "       proclab-worker --forkserver --control FD --lifeline FD --parent PID\n");
        return 2;
    }
    // --resume: proclab-lean-worker hands this channel over (workerruntime.h).
    runWorker(
        { channel, lifeline, pid_t(parent), intArg(argc, argv, "--resume", -1), hasArg(argc, argv, "--ready-sent") });
}

} // namespace proclab
