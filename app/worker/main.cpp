// proclab-worker: the process the engine spawns. Deliberately tiny: no QCoreApplication, so it starts fast.
#include "workerruntime.h"

int main(int argc, char** argv) { return proclab::workerMain(argc, argv); }
