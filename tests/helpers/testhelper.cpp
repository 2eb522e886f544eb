// proclab-test-helper: small programs the tests start and then mistreat.
//   pool-owner spawn|forkserver idle|busy   starts a 2-worker pool, prints "PIDS <pid> <pid>", then waits forever
#include "engine/context.h"
#include "engine/pool.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace proclab;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 4 && std::strcmp(argv[1], "pool-owner") == 0) {
        const StartMethod method
            = std::strcmp(argv[2], "forkserver") == 0 ? StartMethod::ForkServer : StartMethod::Spawn;
        const bool busy = std::strcmp(argv[3], "busy") == 0;
        Context context(method);
        Pool pool(&context, { 2 });
        if (!pool.waitReady(10000))
            return 1;
        if (busy) {
            // Long CPU-bound tasks: the workers are computing when their owner dies.
            QCborArray inputs { 60000.0, 60000.0 };
            pool.mapAsync(
                Function::named(QStringLiteral("spin"), { { QStringLiteral("itersPerMs"), 100000 } }), inputs, 1);
        }
        std::printf("PIDS");
        for (const auto& w : pool.workers())
            std::printf(" %lld", static_cast<long long>(w.pid));
        std::printf("\n");
        std::fflush(stdout);
        for (;;)
            pause();
    }
    std::fprintf(stderr, "usage: proclab-test-helper pool-owner spawn|forkserver idle|busy\n");
    return 2;
}
