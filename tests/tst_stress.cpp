// Many workers on few cores, many tasks, and the crash scenarios over and over: every result counted, never
// a hang, nothing left behind.
#include "base/platform.h"
#include "engine/context.h"
#include "engine/fault.h"
#include "engine/pool.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QTest>
#include <QRandomGenerator>
#include <QThread>

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
    void externalKillsAtRandom();

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

// PROCLAB_SOAK_KILLS / PROCLAB_SOAK_SEED: how many SIGKILLs the random soak sends, and its seed.
int soakKills()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("PROCLAB_SOAK_KILLS", &ok);
    return ok && n > 0 ? n : 120;
}

quint32 soakSeed()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("PROCLAB_SOAK_SEED").toUInt(&ok);
    return ok ? seed : 20261203u;
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
    PROCLAB_VERIFY_NOTHING_LEFT();
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
        // A deadline catches the hang; generous, so that a busy machine does not make a healthy task miss it.
        o.taskDeadlineMs = fault.kind == K::Hang ? test::scaledTimeout(1000) : 0;
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

// Real SIGKILLs from outside, at random times, into pool workers busy with paced tasks: not a fault the worker
// injects at a chosen point, but the kernel ending it wherever it is (decoding, running, encoding a result,
// writing its events). Every task must come back exactly once, with its right value or as WorkerLostError; no
// wait may hang; the pool refills its slots and goes away clean. Seeded and reproducible in what it asks
// (which slot, after how long): PROCLAB_SOAK_SEED, PROCLAB_SOAK_KILLS (the default 120; thousands for a long soak).
void TestStress::externalKillsAtRandom()
{
    const quint32 seed = soakSeed();
    const int kills = soakKills();
    QRandomGenerator random(seed);
    int sent = 0;
    qint64 tasksSeen = 0;
    qint64 lost = 0;
    int rounds = 0;
    for (const StartMethod method : { StartMethod::ForkServer, StartMethod::Spawn }) {
        Context context(method);
        const int target = method == StartMethod::ForkServer ? kills - kills / 3 : kills;
        while (sent < target) {
            ++rounds;
            PoolOptions o { 3 };
            o.paceNs = 1'000'000; // 1 ms per task, so that the kills land in every phase of a task's life
            Pool pool(&context, o);
            QVERIFY(pool.waitReady(test::scaledTimeout(60000)));
            constexpr qint64 Tasks = 120;
            const int chunksize = 1 + int(random.bounded(4));
            AsyncResult r = pool.mapAsync(Function::expr(QStringLiteral("x*x+1")), range(Tasks), chunksize);
            const int killsThisRound = 1 + int(random.bounded(3));
            for (int k = 0; k < killsThisRound && sent < target; ++k) {
                QThread::usleep(random.bounded(40'000u));
                QList<qint64> alive;
                for (const PoolWorkerInfo& w : pool.workers())
                    if (w.alive && w.pid > 0)
                        alive << w.pid;
                if (alive.isEmpty())
                    continue;
                if (::kill(pid_t(alive.at(int(random.bounded(quint32(alive.size()))))), SIGKILL) == 0)
                    ++sent;
            }
            QVERIFY2(r.wait(test::scaledTimeout(120000)),
                qPrintable(QStringLiteral("round %1 (seed %2) hung").arg(rounds).arg(seed)));
            const auto failures = r.failures();
            const QCborArray values = r.values();
            QCOMPARE(values.size(), Tasks);
            for (qint64 i = 0; i < Tasks; ++i) {
                const auto f = failures.find(qsizetype(i));
                if (f != failures.end()) {
                    QVERIFY2(f->second.type == QLatin1String("WorkerLostError"),
                        qPrintable(QStringLiteral("round %1 (seed %2), task %3: %4")
                                       .arg(rounds)
                                       .arg(seed)
                                       .arg(i)
                                       .arg(f->second.type)));
                    ++lost;
                } else {
                    QCOMPARE(values.at(i).toInteger(), i * i + 1);
                }
            }
            tasksSeen += Tasks;
            pool.close();
            pool.join();
            // Completed tasks were counted once each, by the worker that ran them (a lost one by nobody).
            qint64 counted = 0;
            for (const PoolWorkerInfo& w : pool.workers())
                counted += w.tasks;
            QVERIFY2(counted <= Tasks - qint64(failures.size()),
                qPrintable(QStringLiteral("workers counted %1 completed tasks, more than %2 - %3 failed")
                               .arg(counted)
                               .arg(Tasks)
                               .arg(qulonglong(failures.size()))));
        }
    }
    qInfo("soak (seed %u): %d SIGKILLs in %d rounds; %lld tasks, %lld lost and reported, none hung",
        seed, sent, rounds, tasksSeen, lost);
}

QTEST_GUILESS_MAIN(TestStress)
#include "tst_stress.moc"
