#pragma once

// Python's multiprocessing.Manager: a server process holding a dict and a list, used by other processes
// through proxies. (Being written: see the IPC issue.)

namespace proclab {

// `proclab-worker --manager ...`: the server's main. Returns its exit code.
int runManagerServer(int argc, char** argv);

} // namespace proclab
