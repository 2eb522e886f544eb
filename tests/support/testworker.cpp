// proclab-worker-test: proclab-worker with the tests' own kernels besides ProcLab's (tests/support/).
#include "support/testkernels.h"
#include "worker/workermain.h"

int main(int argc, char** argv)
{
    proclab::test::registerTestKernels();
    return proclab::workerMain(argc, argv);
}
