// proclab-worker: the process the engine spawns. Deliberately tiny: no QCoreApplication, so it starts fast.
#include "content/content.h"
#include "worker/workermain.h"

int main(int argc, char** argv)
{
    proclab::registerContent();
    return proclab::workerMain(argc, argv);
}
