// Many workers on few cores, many tasks, and the crash scenarios over and over: every result counted, never
// a hang, nothing left behind.
#include "base/platform.h"
#include "engine/context.h"
#include "engine/fault.h"
#include "engine/pool.h"
#include "engine/process.h"
#include "mp/queue.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QTest>
#include <QRandomGenerator>
#include <QThread>

#include <csignal>
#include <memory>
#include <set>
#include <vector>

using namespace proclab;

class TestStress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void manyWorkersManyTasks();
    void crashesOverAndOver();
    void externalKillsAtRandom();
    void primitivesUnderRandomKills();
    void barrierPartiesKilledAtRandom();

private:
    std::unique_ptr<test::Watchdog> m_watchdog;
};

namespace {
using test::range;

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

// The same soak for the primitives a Process target uses by hand: workers that take items from a Queue, count them
// in a raw Value under a Lock and in a synchronized Value, and put them on another Queue, SIGKILLed from outside at
// random times (soak.worker in tests/support/kernels_soak.cpp). A kill can land inside a get, inside a put, holding
// the Lock, holding the Value's lock, or asleep on an empty queue. Every item must come out at most once; an item
// that does not come out was in the hands of a process that was killed (at most one per kill); the counters agree
// with what came out to within the kills; no queue or lock is left stuck (every round ends, with nothing left).
void TestStress::primitivesUnderRandomKills()
{
    const quint32 seed = soakSeed() ^ 0x5eedu;
    const int kills = std::max(10, soakKills() / 3); // 40 by default
    QRandomGenerator random(seed);
    constexpr int Workers = 4;
    constexpr qint64 Items = 1500;
    int sent = 0;
    int rounds = 0;
    qint64 items = 0;
    qint64 delivered = 0;
    qint64 lostInHands = 0; // the killed process had taken it (hands[slot] said so)
    qint64 lostUnseen = 0; // taken, killed before it could say so
    for (const StartMethod method : { StartMethod::ForkServer, StartMethod::Spawn }) {
        Context context(method);
        const int target = method == StartMethod::ForkServer ? kills - kills / 3 : kills;
        while (sent < target) {
            ++rounds;
            const QString where = QStringLiteral("round %1 (seed %2)").arg(rounds).arg(seed);
            Queue in(&context);
            Queue out(&context);
            Lock lock(&context);
            Value counted(&context, 'q', 0, false);
            Value tally(&context, 'q', 0, true);
            Array hands(&context, 'q', Workers, false);
            hands.assign({ -1, -1, -1, -1 });
            for (qint64 i = 0; i < Items; ++i)
                in.put(i);
            const qint64 holdNs = qint64(random.bounded(40'000u));
            auto start = [&](int slot) {
                auto p = std::make_unique<Process>(&context, Function::named(QStringLiteral("soak.worker")),
                    QCborMap { { QStringLiteral("in"), in.handle() }, { QStringLiteral("out"), out.handle() },
                        { QStringLiteral("lock"), lock.handle() }, { QStringLiteral("counted"), counted.handle() },
                        { QStringLiteral("tally"), tally.handle() }, { QStringLiteral("hands"), hands.handle() },
                        { QStringLiteral("slot"), slot }, { QStringLiteral("holdNs"), holdNs } });
                p->start();
                return p;
            };
            std::vector<std::unique_ptr<Process>> workers;
            for (int slot = 0; slot < Workers; ++slot)
                workers.push_back(start(slot));
            std::set<qint64> held; // what killed processes had in their hands
            const int killsThisRound = 1 + int(random.bounded(4));
            int killedThisRound = 0;
            for (int k = 0; k < killsThisRound && sent < target; ++k) {
                QThread::usleep(random.bounded(8'000u));
                const int slot = int(random.bounded(quint32(Workers)));
                if (::kill(pid_t(workers[size_t(slot)]->pid()), SIGKILL) != 0)
                    continue;
                ++sent;
                ++killedThisRound;
                QVERIFY2(workers[size_t(slot)]->join(test::scaledTimeout(30000)), qPrintable(where));
                // It may have died of its own before the signal (it does not: it waits for None), or of it.
                QCOMPARE(workers[size_t(slot)]->exitCode().value_or(0), -SIGKILL);
                if (const qint64 h = hands.at(slot).toInteger(); h >= 0)
                    held.insert(h);
                hands.set(slot, -1);
                workers[size_t(slot)] = start(slot);
            }
            for (int i = 0; i < Workers; ++i)
                in.put(QCborValue(nullptr));
            for (auto& w : workers) {
                QVERIFY2(w->join(test::scaledTimeout(120000)), qPrintable(where + QStringLiteral(": a worker hung")));
                QVERIFY2(w->exitCode().value_or(-999) == 0,
                    qPrintable(where + QStringLiteral(": a worker exited with %1, %2")
                                           .arg(w->exitCode().value_or(-999))
                                           .arg(w->failure())));
            }
            QCOMPARE(in.qsize(), 0);
            std::set<qint64> came;
            while (out.qsize() > 0) {
                const qint64 item = out.get(true, 10000).toArray().at(0).toInteger(-1);
                QVERIFY2(item >= 0 && item < Items, qPrintable(where + QStringLiteral(": item %1").arg(item)));
                QVERIFY2(came.insert(item).second, qPrintable(where + QStringLiteral(": item %1 twice").arg(item)));
            }
            const qint64 missing = Items - qint64(came.size());
            QVERIFY2(missing <= killedThisRound,
                qPrintable(where + QStringLiteral(": %1 items lost to %2 kills").arg(missing).arg(killedThisRound)));
            for (qint64 i = 0; i < Items; ++i) {
                if (came.count(i))
                    continue;
                if (held.count(i))
                    ++lostInHands;
                else
                    ++lostUnseen;
            }
            // Each kill costs at most its one item's increments; nothing counted twice, no update torn.
            const qint64 c = counted.value().toInteger();
            const qint64 t = tally.value().toInteger();
            QVERIFY2(c >= qint64(came.size()) && c <= qint64(came.size()) + killedThisRound,
                qPrintable(where + QStringLiteral(": counted %1 for %2 items out").arg(c).arg(came.size())));
            QVERIFY2(t >= qint64(came.size()) && t <= qint64(came.size()) + killedThisRound,
                qPrintable(where + QStringLiteral(": tally %1 for %2 items out").arg(t).arg(came.size())));
            // The lock and the queues still work, in this process too.
            QVERIFY(lock.acquire(true, test::scaledTimeout(10000)));
            lock.release();
            out.put(1);
            QCOMPARE(out.get(true, 10000), QCborValue(1));
            items += Items;
            delivered += qint64(came.size());
        }
    }
    qInfo("primitives soak (seed %u): %d SIGKILLs in %d rounds; %lld items, %lld out exactly once, %lld lost with a "
          "killed process (%lld in its hands, %lld taken just before it died), none twice, none hung",
        seed, sent, rounds, items, delivered, lostInHands + lostUnseen, lostInHands, lostUnseen);
}

// Barrier parties SIGKILLed at random while they pass a Barrier round after round. A party killed while it waits
// breaks the barrier for the others (BrokenBarrierError, never a hang); one killed between two waits leaves the
// others waiting for a party that will never come, as in Python: the engine then aborts the barrier, as a program
// that saw its child die would. Whatever the moment, reset() must give a barrier a full round can pass again, with
// nobody counted as waiting: a party's arrival and departure are single stores (no count to leave half-updated).
void TestStress::barrierPartiesKilledAtRandom()
{
    const quint32 seed = soakSeed() ^ 0xba77u;
    const int kills = std::max(6, soakKills() / 10); // 12 by default
    QRandomGenerator random(seed);
    constexpr int Parties = 3;
    int rounds = 0;
    int broke = 0; // the barrier learnt of the death by itself
    int aborted = 0; // the victim was between waits: the engine aborted
    int passed = 0; // the victim had finished its waits
    for (const StartMethod method : { StartMethod::ForkServer, StartMethod::Spawn }) {
        Context context(method);
        Barrier barrier(&context, Parties);
        Array out(&context, 'q', Parties, false);
        const int target = method == StartMethod::ForkServer ? kills - kills / 3 : kills;
        for (; rounds < target; ++rounds) {
            const QString where = QStringLiteral("round %1 (seed %2)").arg(rounds).arg(seed);
            barrier.reset();
            out.assign({ 9, 9, 9 });
            std::vector<std::unique_ptr<Process>> parties;
            for (int slot = 0; slot < Parties; ++slot) {
                parties.push_back(std::make_unique<Process>(&context,
                    Function::named(QStringLiteral("sync.barrier-wait")),
                    QCborMap { { QStringLiteral("barrier"), barrier.handle() }, { QStringLiteral("out"), out.handle() },
                        { QStringLiteral("slot"), slot }, { QStringLiteral("rounds"), 200 } }));
                parties.back()->start();
            }
            // Once every party has passed the barrier (all three are up and cycling), at a random moment.
            QDeadlineTimer up(test::scaledTimeout(30000));
            for (;;) {
                std::set<qint64> cycling;
                for (const Event& e : context.events().snapshot())
                    if (e.kind == EventKind::BarrierPass && e.object == barrier.id() && e.value >= 0)
                        cycling.insert(e.pid);
                bool all = true;
                for (const auto& p : parties)
                    all = all && cycling.count(p->pid());
                if (all)
                    break;
                QVERIFY2(!up.hasExpired(), qPrintable(where + QStringLiteral(": the parties never passed")));
                QThread::usleep(500);
            }
            QThread::usleep(random.bounded(3'000u));
            const int victim = int(random.bounded(quint32(Parties)));
            QVERIFY(::kill(pid_t(parties[size_t(victim)]->pid()), SIGKILL) == 0);
            QVERIFY(parties[size_t(victim)]->join(test::scaledTimeout(30000)));
            // A short grace (the parties look for dead ones every 20 ms), then abort() whatever still waits: it
            // waits for the dead party, or has not looked yet. Which of the two, the survivors' messages tell.
            QDeadlineTimer grace(300);
            bool waiting = false;
            for (int i = 0; i < Parties; ++i)
                if (i != victim && !parties[size_t(i)]->join(int(std::max<qint64>(0, grace.remainingTime()))))
                    waiting = true;
            if (waiting)
                barrier.abort();
            QByteArray told;
            for (int i = 0; i < Parties; ++i) {
                if (i == victim)
                    continue;
                QVERIFY2(parties[size_t(i)]->join(test::scaledTimeout(30000)),
                    qPrintable(where + QStringLiteral(": a party hung after abort()")));
                const int code = parties[size_t(i)]->exitCode().value_or(-999);
                // 0: it passed all its rounds (the victim had too); 1: BrokenBarrierError.
                QVERIFY2(code == 0 || code == 1, qPrintable(where + QStringLiteral(": a party exited with %1").arg(code)));
                if (code == 1)
                    QCOMPARE(out.at(i).toInteger(), -1); // it recorded the broken barrier
                for (const ConsoleChunk& c : context.console())
                    if (c.stream == 2 && c.pid == parties[size_t(i)]->pid())
                        told += c.text;
            }
            if (told.contains("died while waiting"))
                ++broke;
            else if (waiting)
                ++aborted;
            else
                ++passed;
            // Every slot of the dead party given back: a full round passes after reset().
            barrier.reset();
            QCOMPARE(barrier.nWaiting(), 0);
            std::vector<std::unique_ptr<Process>> fresh;
            for (int slot = 0; slot < Parties - 1; ++slot) {
                fresh.push_back(std::make_unique<Process>(&context,
                    Function::named(QStringLiteral("sync.barrier-wait")),
                    QCborMap { { QStringLiteral("barrier"), barrier.handle() }, { QStringLiteral("out"), out.handle() },
                        { QStringLiteral("slot"), slot } }));
                fresh.back()->start();
            }
            QVERIFY2(barrier.wait(test::scaledTimeout(30000)) >= 0,
                qPrintable(where + QStringLiteral(": a full round did not pass after reset()")));
            for (auto& p : fresh) {
                QVERIFY(p->join(test::scaledTimeout(30000)));
                QCOMPARE(p->exitCode().value_or(-999), 0);
            }
        }
    }
    qInfo("barrier soak (seed %u): %d parties SIGKILLed; the barrier broke by itself %d times, the engine aborted "
          "%d times (the victim had passed one wait, not yet entered the next), %d victims had passed every wait; after "
          "each, a full round passed",
        seed, rounds, broke, aborted, passed);
}

QTEST_GUILESS_MAIN(TestStress)
#include "tst_stress.moc"
