// Live CPU and memory: the engine reads its processes from /proc (engine/processsampler.h) and records what it read
// as ProcessSample events. Real workers here, one spinning and one sleeping; nothing is checked against a speed.

#include "base/platform.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "engine/processsampler.h"
#include "testutil.h"

#include <QCborArray>
#include <QTest>

#include <map>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;

class TestSampler : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cpuShareIsClampedToWhatTheProcessCanUse();
    void readsALiveProcessNotAGoneOne();
    void everyWorkerIsSampled_data();
    void everyWorkerIsSampled();
    void offMeansNoSamples();
    void readingCost(); // a benchmark (README: Live CPU and memory): prints, asserts nothing
};

void TestSampler::cpuShareIsClampedToWhatTheProcessCanUse()
{
    const qint64 hz = platform::clockTicksPerSecond();
    QCOMPARE(ProcessSampler::cpuPermille(hz, 1'000'000'000, 1), 1000); // a second of CPU in a second
    QCOMPARE(ProcessSampler::cpuPermille(hz / 2, 1'000'000'000, 1), 500);
    QCOMPARE(ProcessSampler::cpuPermille(0, 1'000'000'000, 1), 0);
    QCOMPARE(ProcessSampler::cpuPermille(hz, 0, 1), 0); // no interval: nothing to say
    // A tick too many for one thread is rounding, not a second CPU.
    QCOMPARE(ProcessSampler::cpuPermille(hz + 1, 1'000'000'000, 1), 1000);
    // Two threads may use two CPUs, if the machine has them.
    QCOMPARE(ProcessSampler::cpuPermille(2 * hz, 1'000'000'000, 2), platform::onlineCpus() >= 2 ? 2000 : 1000);
}

void TestSampler::readsALiveProcessNotAGoneOne()
{
    platform::ProcessReading me;
    QVERIFY(platform::readProcess(platform::currentPid(), &me));
    QCOMPARE(me.state, 'R'); // reading its own counters, it runs
    QVERIFY(me.rssKib > 0);
    QVERIFY(me.threads >= 1);
    QVERIFY(me.cpuTicks >= 0);
    QCOMPARE(me.startTime, platform::processStartTime(platform::currentPid()));

    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(0);
    QVERIFY(child > 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    platform::ProcessReading gone;
    QVERIFY2(!platform::readProcess(child, &gone), "a reaped child has no counters");
    // Watched after its end: dropped at once, never sampled.
    ProcessSampler sampler;
    sampler.watch(child, 0);
    QCOMPARE(sampler.watching(), 0);
}

void TestSampler::everyWorkerIsSampled_data()
{
    QTest::addColumn<QString>("kernel");
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spin-forkserver") << QStringLiteral("spin") << StartMethod::ForkServer;
    QTest::newRow("spin-spawn") << QStringLiteral("spin") << StartMethod::Spawn;
    QTest::newRow("sleep-forkserver") << QStringLiteral("sleep") << StartMethod::ForkServer;
}

void TestSampler::everyWorkerIsSampled()
{
    QFETCH(QString, kernel);
    QFETCH(StartMethod, method);
    Context context(method);
    context.setSamplingPeriodNs(50'000'000);
    QList<PoolWorkerInfo> workers;
    {
        Pool pool(&context, { 2 });
        // Each worker lives a good half second at least (the tasks' length, however busy the machine), so several
        // periods; spin's 150 "ms" are calibrated iterations, longer on a loaded machine, never shorter.
        QCborArray inputs;
        for (int i = 0; i < 8; ++i)
            inputs.append(150);
        const QCborArray results = pool.map(Function::named(kernel), inputs, 1);
        QCOMPARE(results.size(), inputs.size());
        pool.close();
        pool.join();
        workers = pool.workers();
    }
    context.publishEvents(true);
    const EventBatch events = context.events().snapshot();
    std::map<qint64, int> samples;
    std::map<qint64, qint64> cpu; // permille summed over the samples
    std::map<qint64, qint64> exitNs;
    for (const Event& e : events) {
        if (e.kind == EventKind::ProcessExit)
            exitNs[e.pid] = e.tNs;
        if (e.kind != EventKind::ProcessSample)
            continue;
        ++samples[e.pid];
        cpu[e.pid] += e.value;
        QVERIFY2(e.value >= 0 && e.task > 0, "a sample has a CPU share and a resident size");
        QVERIFY2(e.object > 0x20 && e.object < 0x7f, "its state is a letter");
    }
    QCOMPARE(workers.size(), 2);
    for (const PoolWorkerInfo& w : workers) {
        QVERIFY2(samples[w.pid] > 0, qPrintable(QStringLiteral("no sample of worker %1").arg(w.pid)));
        if (kernel == QLatin1String("spin"))
            QVERIFY2(cpu[w.pid] > 0, qPrintable(QStringLiteral("spinning worker %1 used no CPU").arg(w.pid)));
    }
    QVERIFY2(samples[platform::currentPid()] > 0, "the engine, the parent on the stage, is read too");
    // Nothing is read of a process after it ended.
    for (const Event& e : events)
        if (e.kind == EventKind::ProcessSample && exitNs.count(e.pid))
            QVERIFY2(e.tNs <= exitNs[e.pid] + 60'000'000, "a sample long after the process's exit");
}

void TestSampler::offMeansNoSamples()
{
    Context context(StartMethod::ForkServer);
    context.setSamplingPeriodNs(0);
    {
        Pool pool(&context, { 1 });
        QCborArray inputs { 150, 150 };
        QCOMPARE(pool.map(Function::named(QStringLiteral("sleep")), inputs, 1).size(), 2);
        pool.close();
        pool.join();
    }
    context.publishEvents(true);
    for (const Event& e : context.events().snapshot())
        QVERIFY(e.kind != EventKind::ProcessSample);
}

void TestSampler::readingCost()
{
    // What one reading costs the engine's I/O thread: tst_sampler readingCost -iterations 20000
    platform::ProcessReading r;
    QBENCHMARK {
        platform::readProcess(platform::currentPid(), &r);
    }
}

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
