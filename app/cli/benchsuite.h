#pragma once

// The three sides of `proclab-cli bench` (benchmarks.h runs them and prints the table): ProcLab's primitives
// (bench_proclab.cpp), the bare OS primitive each is built on, written directly in C++ (bench_bare.cpp), and
// CPython's multiprocessing (bench_python.cpp, which runs resources/bench/primitives.py).
//
// Every measurement runs `repeats` times and returns one value per repeat, in the unit its name ends with
// (ns, us, ms per operation: lower is faster), or an error. Timed processes meet at a Barrier first, so that
// their start-up is outside the measurement.

#include "engine/startmethod.h"

#include <QJsonObject>
#include <QString>

#include <exception>
#include <functional>
#include <vector>

namespace proclab::cli::bench {

struct Sizes {
    int repeats = 5;
    int queueItems = 200000; // items through the queue per measurement (1->1 and 4->4)
    int roundTrips = 20000; // pipe round trips
    int lockOps = 200000; // acquire+release pairs, per process
    int increments = 20000; // increments of the shared Value, per process (4 processes)
    int managerCalls = 5000; // d[k] = v; d[k] pairs
    int tasks = 10000; // pool tasks per map
    int events = 200000; // events per worker (2 workers)
};

// An error that is not a failure: the measurement does not apply here (no python3, a single CPU).
constexpr const char* SkippedPrefix = "skipped: ";

struct Series {
    std::vector<double> values;
    QString error; // set: no values

    static Series failed(const QString& why) { return { {}, why }; }
};

using Progress = std::function<void(const QString&)>;

// Runs `once` `repeats` times, one value each; a negative value (a benchmark process failed) or an exception
// makes the whole series an error.
template <typename F> Series repeat(int repeats, F once)
{
    Series s;
    try {
        for (int r = 0; r < repeats; ++r) {
            const double v = once();
            if (v < 0)
                return Series::failed(QStringLiteral("a benchmark process failed"));
            s.values.push_back(v);
        }
    } catch (const std::exception& e) {
        return Series::failed(QString::fromLocal8Bit(e.what()));
    }
    return s;
}

// The CPUs this process may run on, and pinning the calling thread to one of them (cpu < 0: leave it free).
std::vector<int> allowedCpus();
void pinTo(int cpu);

// How a pipe's two processes are placed: anywhere, both on the first CPU, or on the first and the second.
enum class Pin { Free, OneCore, TwoCores };

namespace bare {
// A lock-free single-producer single-consumer ring in shared memory (1 pair), or a ring under a process-shared
// pthread mutex (4 producers, 4 consumers): ns per item.
Series queue(int pairs, const Sizes& s);
// 8 bytes there and back over a socketpair: us per round trip.
Series pipeRoundTrip(Pin pin, const Sizes& s);
// A process-shared pthread mutex in shared memory: lock+unlock in one process, or in two at once (ns per pair).
Series lockUncontended(const Sizes& s);
Series lockTwoProcesses(const Sizes& s);
// 4 processes incrementing an integer under that mutex: ns per increment.
Series valueIncrement(const Sizes& s);
// 8-byte messages streamed to a child that answers each (a pool task's two messages, pipelined): us per message.
Series streamedMessages(const Sizes& s);
// posix_spawn of `workers` copies of a small C++ program (proclab-benchchild) until each wrote one byte: ms.
Series startup(int workers, const Sizes& s);
// 32-byte records written by 2 processes in 8 KiB writes to a reader: ns per record.
Series events(const Sizes& s);
QString startupProgram(); // what startup() runs
} // namespace bare

namespace ours {
Series queue(int pairs, const Sizes& s);
Series pipeRoundTrip(Pin pin, const Sizes& s);
Series lockUncontended(const Sizes& s);
Series lockTwoProcesses(const Sizes& s);
Series valueIncrement(const Sizes& s);
Series managerDict(const Sizes& s); // us per d[k] = v; d[k]
Series poolOverhead(StartMethod method, int chunksize, const Sizes& s); // us per task, 2 workers
// ms until every worker is ready; with spawn, `lean` starts proclab-lean-worker (the default) or proclab-worker
Series startup(StartMethod method, int workers, const Sizes& s, bool lean);
// Events from 2 workers into the engine's event log: ns per event; `wireBytesPerEvent` gets their size on the
// workers' channels (a batch of the events they sent, framed as a worker frames it).
Series events(const Sizes& s, double* wireBytesPerEvent);
} // namespace ours

// Wall time of a whole program run from the shell: proclab-cli map 'x*x+1' --inputs 1..N -p 2 --chunksize 1, or
// CPython's Pool(2).map of the same (ms).
Series shellMap(bool python, int inputs, int repeats);

// CPython's side, all at once: {"queue_1to1_ns": [...], ...}, or {"error": "..."}.
QJsonObject runPython(const Sizes& s, StartMethod poolMethod, const Progress& progress);

} // namespace proclab::cli::bench
