#pragma once

// The manager's server process: `proclab-worker --manager --control FD --lifeline FD --parent PID`, a
// single-threaded poll loop that holds the shared dicts and lists and serves the proxies' calls one at a time
// (the protocol is base/managerprotocol.h; the engine's side is engine/manager.h).

namespace proclab {

// The server's main. Returns its exit code.
int runManagerServer(int argc, char** argv);

} // namespace proclab
