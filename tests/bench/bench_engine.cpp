// Micro-benchmarks of the engine's hot paths (Google Benchmark). Not a test: timings are reported, never
// asserted. Run: build/release/tests/proclab-microbench [--benchmark_filter=...]
#include "base/event.h"
#include "base/messages.h"
#include "base/wire.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "mp/queue.h"

#include <benchmark/benchmark.h>

#include <QCborArray>

using namespace proclab;

namespace {

QCborArray chunkMessage(int tasks)
{
    QCborArray args;
    for (int i = 0; i < tasks; ++i)
        args.append(i);
    return wire::Chunk { 1, 1, 0, 1, args }.encode();
}

void BM_FrameEncode(benchmark::State& state)
{
    const QCborArray msg = chunkMessage(int(state.range(0)));
    QByteArray out;
    for (auto _ : state) {
        out.clear();
        wire::appendFrame(out, msg);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FrameEncode)->Arg(1)->Arg(100);

void BM_FrameDecode(benchmark::State& state)
{
    QByteArray bytes = wire::preamble();
    wire::appendFrame(bytes, chunkMessage(int(state.range(0))));
    for (auto _ : state) {
        wire::FrameReader reader;
        reader.append(bytes);
        QCborArray m;
        benchmark::DoNotOptimize(reader.next(&m));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FrameDecode)->Arg(1)->Arg(100);

void BM_EventLogAppend(benchmark::State& state)
{
    EventLog log;
    EventBatch batch(size_t(state.range(0)));
    for (auto _ : state) {
        log.append(batch);
        if (log.size() > 1'000'000) {
            state.PauseTiming();
            log.clear();
            state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EventLogAppend)->Arg(5)->Arg(500);

// One put and one get of a small integer in one process: the Queue's own cost per item (encoding, both locks, the
// ring, decoding), without a second CPU or a cache line moving between two. Events off, as in `bench`.
void BM_QueuePutGetInt(benchmark::State& state)
{
    Context context;
    context.events().setRecording(false);
    Queue q(&context);
    qint64 i = 0;
    for (auto _ : state) {
        q.put(++i);
        benchmark::DoNotOptimize(q.get());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QueuePutGetInt);

// The encoding and decoding alone, as QCborValue does them for an item.
void BM_CborRoundTripInt(benchmark::State& state)
{
    qint64 i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(QCborValue::fromCbor(QCborValue(++i).toCbor()));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CborRoundTripInt);

// Pool.map of empty tasks on 2 workers: items/s is tasks/s; its inverse is the per-task overhead.
void BM_PoolMapNoop(benchmark::State& state)
{
    Context context(state.range(1) ? StartMethod::ForkServer : StartMethod::Spawn);
    Pool pool(&context, { 2 });
    pool.waitReady();
    QCborArray inputs;
    for (int i = 0; i < 10000; ++i)
        inputs.append(i);
    const Function noop = Function::named(QStringLiteral("noop"));
    pool.map(noop, inputs, int(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(pool.map(noop, inputs, int(state.range(0))));
    state.SetItemsProcessed(state.iterations() * inputs.size());
    context.events().setRecording(false);
}
BENCHMARK(BM_PoolMapNoop)
    ->ArgsProduct({ { 1, 100 }, { 0, 1 } })
    ->ArgNames({ "chunksize", "forkserver" })
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    // The worker comes from CMake, as in the tests, unless the environment names one.
    if (qEnvironmentVariableIsEmpty("PROCLAB_WORKER"))
        qputenv("PROCLAB_WORKER", PROCLAB_WORKER_PATH);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
