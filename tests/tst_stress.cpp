// Many workers on few cores, many tasks, and the crash scenarios over and over: every result counted, never
// a hang, nothing left behind.
#include "base/platform.h"
#include "engine/context.h"
#include "engine/fault.h"
#include "engine/pool.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QTest>

#include <csignal>
#include <memory>

using namespace proclab;

class TestStress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void manyWorkersManyTasks();
    void crashesOverAndOver();

private:
    std::unique_ptr<test::Watchdog> m_watchdog;
};

namespace {
QCborArray range(qint64 n)
{
    QCborArray a;
    for (qint64 i = 0; i < n; ++i)
        a.append(i);
    return a;
}

// PROCLAB_CRASH_REPEATS (a longer soak), or the 200.
int crashRepeats()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("PROCLAB_CRASH_REPEATS", &ok);
    return ok && n > 0 ? n : 200;
}
} // namespace

void TestStress::init()
{
    m_watchdog = std::make_unique<test::Watchdog>(QString::fromLatin1(QTest::currentTestFunction()), 600);
}

void TestStress::cleanup()
{
    QTRY_VERIFY2_WITH_TIMEOUT(
        test::descendantsOf(platform::currentPid()).isEmpty(), "a process of ours outlived its test", 10000);
    QVERIFY2(test::ourSharedMemory().isEmpty(), qPrintable(test::ourSharedMemory().join(QLatin1Char(' '))));
    m_watchdog.reset();
}

// 64 workers on 2 cores running 100,000 tasks: every result arrives, in its place, exactly once.
void TestStress::manyWorkersManyTasks()
{
    constexpr int Workers = 64;
    constexpr qint64 Tasks = 100'000;
    Context context;
    QElapsedTimer timer;
    timer.start();
    Pool pool(&context, { Workers });
    QVERIFY(pool.waitReady(300000));
    const qint64 startupMs = timer.elapsed();
    timer.restart();
    const QCborArray results = pool.map(Function::expr(QStringLiteral("x+1")), range(Tasks), 50);
    const qint64 mapMs = timer.elapsed();
    QCOMPARE(results.size(), Tasks);
    for (qint64 i = 0; i < Tasks; ++i)
        QCOMPARE(results.at(i).toInteger(), i + 1);
    pool.close();
    pool.join();
    qint64 counted = 0;
    for (const auto& w : pool.workers())
        counted += w.tasks;
    QCOMPARE(counted, Tasks); // no task ran twice, none went missing
    qInfo("%d workers ready in %lld ms; %lld tasks in %lld ms", Workers, startupMs, Tasks, mapMs);
}

// Every kind of worker death, one per pool, round after round: exactly the injected task fails, with the
// right cause, the rest is right, and the pool goes away clean. PROCLAB_CRASH_REPEATS sets the rounds.
void TestStress::crashesOverAndOver()
{
    using K = Fault::Kind;
    const K kinds[] = { K::Crash, K::Abort, K::Kill, K::Exit, K::Throw, K::Hang };
    const TaskPhase phases[] = { TaskPhase::Decoding, TaskPhase::Running, TaskPhase::Encoding };
    const int repeats = crashRepeats();
    Context context(StartMethod::ForkServer);
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < repeats; ++round) {
        const Fault fault { kinds[round % 6], qint64(round % 16), phases[(round / 6) % 3] };
        PoolOptions o { 2 };
        o.faults = { fault };
        o.taskDeadlineMs = fault.kind == K::Hang ? 50 : 0;
        Pool pool(&context, o);
        AsyncResult r = pool.mapAsync(Function::expr(QStringLiteral("x*x")), range(16), 1 + round % 4);
        QVERIFY2(r.wait(60000), qPrintable(fault.toString()));
        const auto failures = r.failures();
        QVERIFY2(failures.size() == 1,
            qPrintable(
                QStringLiteral("round %1, %2: %3 failures").arg(round).arg(fault.toString()).arg(failures.size())));
        const TaskFailure& f = failures.begin()->second;
        QCOMPARE(f.task, fault.task);
        QCOMPARE(f.phase, phaseName(fault.phase));
        QCOMPARE(f.type,
            fault.kind == K::Throw      ? QStringLiteral("RuntimeError")
                : fault.kind == K::Hang ? QStringLiteral("DeadlineExceeded")
                                        : QStringLiteral("WorkerLostError"));
        const QCborArray values = r.values();
        for (qint64 i = 0; i < 16; ++i)
            if (i != fault.task)
                QCOMPARE(values.at(i).toInteger(), i * i);
    }
    qInfo("%d crash rounds in %lld ms", repeats, timer.elapsed());
}

QTEST_GUILESS_MAIN(TestStress)
#include "tst_stress.moc"
