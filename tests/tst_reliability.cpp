// No hang, no leak, no lost task: every way a worker can fail, each test under a watchdog, and after each
// no process and no shared memory object of ours left behind.
#include "base/event.h"
#include "base/platform.h"
#include "engine/context.h"
#include "engine/fault.h"
#include "engine/pool.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace proclab;

Q_DECLARE_METATYPE(proclab::StartMethod)
Q_DECLARE_METATYPE(proclab::Fault)

class TestReliability : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void deathFailsOnlyItsTask_data();
    void deathFailsOnlyItsTask();
    void killedFromOutside();
    void workerThatNeverStartsIsKilled();
    void deadlineKillsAndReplaces();
    void waitTimeoutIsNotADeadline();
    void crashLoopBreaksThePool_data();
    void crashLoopBreaksThePool();
    void terminateEndsATermIgnoringWorker();
    void destructionResolvesEveryFuture();
    void cliInjectKill5();
    void cliInject_data();
    void cliInject();

private:
    std::unique_ptr<test::Watchdog> m_watchdog;
};

namespace {
using test::range;

Function square()
{
    return Function::expr(QStringLiteral("x*x"));
}
Function sleepMs()
{
    return Function::named(QStringLiteral("sleep"));
}

PoolOptions withFaults(int processes, const QList<Fault>& faults)
{
    PoolOptions o { processes };
    o.faults = faults;
    return o;
}

QSet<qint64> pidsOf(const Pool& pool)
{
    QSet<qint64> pids;
    for (const auto& w : pool.workers())
        pids.insert(w.pid);
    return pids;
}

using CliResult = test::ProgramRun;

CliResult cli(const QStringList& args)
{
    return test::runProgram(qEnvironmentVariable("PROCLAB_CLI"), args);
}
} // namespace

void TestReliability::init()
{
    m_watchdog = std::make_unique<test::Watchdog>(QString::fromLatin1(QTest::currentTestFunction()), 120);
}

void TestReliability::cleanup()
{
    PROCLAB_VERIFY_NOTHING_LEFT();
    m_watchdog.reset();
}

void TestReliability::deathFailsOnlyItsTask_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("chunksize");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<int>("signal");
    QTest::addColumn<int>("exitCode");
    using K = Fault::Kind;
    const QString lost = QStringLiteral("WorkerLostError");
    QTest::newRow("crash") << StartMethod::Spawn << Fault { K::Crash, 13 } << 1 << lost
                           << QStringLiteral("segmentation fault (SIGSEGV)") << SIGSEGV << -1;
    QTest::newRow("abort-chunks") << StartMethod::Spawn << Fault { K::Abort, 13 } << 4 << lost
                                  << QStringLiteral("aborted (SIGABRT)") << SIGABRT << -1;
    QTest::newRow("exit") << StartMethod::Spawn << Fault { K::Exit, 13 } << 1 << lost
                          << QStringLiteral("exited with code 3") << 0 << 3;
    QTest::newRow("sigkill-forkserver-chunks") << StartMethod::ForkServer << Fault { K::Kill, 13 } << 4 << lost
                                               << QStringLiteral("killed by SIGKILL") << SIGKILL << -1;
    QTest::newRow("crash-decoding") << StartMethod::ForkServer << Fault { K::Crash, 13, TaskPhase::Decoding } << 1
                                    << lost << QStringLiteral("segmentation fault (SIGSEGV)") << SIGSEGV << -1;
    QTest::newRow("exit-encoding-chunks") << StartMethod::Spawn << Fault { K::Exit, 13, TaskPhase::Encoding } << 8
                                          << lost << QStringLiteral("exited with code 3") << 0 << 3;
    QTest::newRow("throw-chunks") << StartMethod::Spawn << Fault { K::Throw, 13 } << 4 << QStringLiteral("RuntimeError")
                                  << QString() << 0 << -1;
}

// A task that crashes, aborts, exits or is killed fails alone, with the cause, the pid, the phase and the
// worker's last words; the tasks around it (in its chunk too) complete, and a fresh worker takes the slot.
void TestReliability::deathFailsOnlyItsTask()
{
    QFETCH(StartMethod, method);
    QFETCH(Fault, fault);
    QFETCH(int, chunksize);
    QFETCH(QString, type);
    QFETCH(QString, cause);
    QFETCH(int, signal);
    QFETCH(int, exitCode);
    Context context(method);
    Pool pool(&context, withFaults(2, { fault }));
    QSignalSpy failed(&pool, &Pool::workerFailed);
    AsyncResult r = pool.mapAsync(square(), range(40), chunksize);
    QVERIFY(r.wait(60000));
    const auto failures = r.failures();
    QCOMPARE(failures.size(), size_t(1));
    const TaskFailure f = failures.begin()->second;
    QCOMPARE(f.task, 13);
    QCOMPARE(f.type, type);
    QCOMPARE(f.phase, phaseName(fault.phase));
    QCOMPARE(f.cause, cause);
    QCOMPARE(f.signal, signal);
    QCOMPARE(f.exitCode, exitCode);
    QVERIFY2(pidsOf(pool).contains(f.pid), qPrintable(f.toString()));
    const QCborArray values = r.values();
    for (qint64 i = 0; i < 40; ++i)
        if (i != 13)
            QCOMPARE(values.at(i).toInteger(), i * i);
    if (fault.killsTheWorker()) {
        QVERIFY2(
            f.stderrTail.join(QLatin1Char('\n')).contains(QLatin1String("injected fault")), qPrintable(f.toString()));
        QVERIFY(f.toString().contains(cause));
        QVERIFY(!platform::isAlive(pid_t(f.pid)));
        QCOMPARE(failed.size(), 1);
        QTRY_COMPARE(pool.workers().size(), 3); // replaced
    } else {
        QVERIFY(f.message.contains(QLatin1String("injected failure")));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(pool.workers().size(), 2);
    }
    QCOMPARE(pool.map(square(), range(5)), (QCborArray { 0, 1, 4, 9, 16 })); // and it carries on
    pool.close();
    pool.join();
}

// SIGKILL from outside, to a worker in a task with more queued behind it: that task is lost, the queued ones
// run on the replacement. Killing an idle worker loses nothing.
void TestReliability::killedFromOutside()
{
    Context context;
    Pool pool(&context, { 1 });
    QVERIFY(pool.waitReady(30000));
    const qint64 victim = pool.workers().first().pid;
    AsyncResult r = pool.mapAsync(sleepMs(), QCborArray { 30000.0, 1.0, 2.0, 3.0 }, 1);
    QTRY_VERIFY_WITH_TIMEOUT(r.running(), 30000);
    ::kill(pid_t(victim), SIGKILL);
    QVERIFY(r.wait(60000));
    QCOMPARE(r.failures().size(), size_t(1));
    const TaskFailure f = r.failures().at(0);
    QCOMPARE(f.type, QStringLiteral("WorkerLostError"));
    QCOMPARE(f.pid, victim);
    QCOMPARE(f.signal, SIGKILL);
    QCOMPARE(f.signalName(), QStringLiteral("SIGKILL"));
    QCOMPARE(f.phase, QStringLiteral("running"));
    QCOMPARE(r.values().at(3).toDouble(), 3.0);

    QTRY_COMPARE(pool.workers().size(), 2);
    QVERIFY(pool.waitReady(30000));
    const qint64 idle = pool.workers().last().pid;
    QTRY_VERIFY_WITH_TIMEOUT(pool.workers().last().alive, 30000);
    ::kill(pid_t(idle), SIGKILL);
    QTRY_COMPARE_WITH_TIMEOUT(pool.workers().size(), 3, 30000);
    AsyncResult after = pool.mapAsync(square(), range(6), 1);
    QVERIFY(after.wait(60000));
    QVERIFY2(after.successful(), qPrintable(after.failure() ? after.failure()->toString() : QString()));
}

// A task past its deadline: the engine kills its worker, the task fails with DeadlineExceeded, a fresh worker
// takes over and the others complete.
void TestReliability::deadlineKillsAndReplaces()
{
    Context context(StartMethod::ForkServer);
    PoolOptions o { 2 };
    o.taskDeadlineMs = test::scaledTimeout(3000); // the healthy tasks take milliseconds: room for a busy machine
    Pool pool(&context, o);
    QSignalSpy failed(&pool, &Pool::workerFailed);
    AsyncResult r = pool.mapAsync(sleepMs(), QCborArray { 1.0, 60000.0, 2.0, 3.0, 4.0, 5.0 }, 1);
    QVERIFY(r.wait(60000));
    QCOMPARE(r.failures().size(), size_t(1));
    const TaskFailure f = r.failures().at(1);
    QCOMPARE(f.type, QStringLiteral("DeadlineExceeded"));
    QVERIFY2(f.message.contains(QStringLiteral("deadline of %1 ms").arg(o.taskDeadlineMs)), qPrintable(f.message));
    QCOMPARE(f.signal, SIGKILL);
    QCOMPARE(f.phase, QStringLiteral("running"));
    for (int i : { 0, 2, 3, 4, 5 })
        QCOMPARE(r.values().at(i).toDouble(), i == 0 ? 1.0 : double(i));
    QCOMPARE(failed.size(), 1);
    QTRY_COMPARE(pool.workers().size(), 3);
}

// get(timeout) only stops waiting: the task runs on and its result still comes; nobody is killed.
void TestReliability::waitTimeoutIsNotADeadline()
{
    Context context;
    Pool pool(&context, { 2 });
    QSignalSpy failed(&pool, &Pool::workerFailed);
    AsyncResult r = pool.applyAsync(sleepMs(), 400.0);
    QVERIFY_THROWS_EXCEPTION(TimeoutError, r.get(20));
    QVERIFY(!r.done());
    QCOMPARE(r.get(60000).toDouble(), 400.0);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(pool.workers().size(), 2);
}

void TestReliability::crashLoopBreaksThePool_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<QString>("cause");
    QTest::newRow("exit-spawn") << StartMethod::Spawn << Fault { Fault::Kind::Exit, Fault::StartUp }
                                << QStringLiteral("exited with code 3");
    QTest::newRow("crash-forkserver") << StartMethod::ForkServer << Fault { Fault::Kind::Crash, Fault::StartUp }
                                      << QStringLiteral("segmentation fault (SIGSEGV)");
}

// Workers that die while starting: after K failed starts within T seconds the pool breaks, with the cause,
// and every pending task fails with it. No endless respawn.
void TestReliability::crashLoopBreaksThePool()
{
    QFETCH(StartMethod, method);
    QFETCH(Fault, fault);
    QFETCH(QString, cause);
    Context context(method);
    PoolOptions o = withFaults(2, { fault });
    o.crashLoopStarts = 4;
    Pool pool(&context, o);
    AsyncResult r = pool.mapAsync(square(), range(10), 1);
    QVERIFY(!pool.waitReady(60000));
    QVERIFY(r.wait(60000));
    const QString broken = pool.brokenReason();
    QVERIFY2(broken.contains(QLatin1String("keep dying at start-up")) && broken.contains(cause), qPrintable(broken));
    QCOMPARE(r.failures().size(), size_t(10));
    for (const auto& [task, f] : r.failures()) {
        QCOMPARE(f.type, QStringLiteral("PoolError"));
        QCOMPARE(f.message, broken);
    }
    // Each death started one replacement until the fourth broke the pool: 2 + 3 processes, no more.
    QCOMPARE(pool.workers().size(), 5);
    QVERIFY_THROWS_EXCEPTION(TaskError, pool.map(square(), range(3)));
}

// terminate(): SIGTERM, a grace period, then SIGKILL to each worker's process group. A worker deaf to
// SIGTERM ends all the same, and every future resolves.
void TestReliability::terminateEndsATermIgnoringWorker()
{
    Context context;
    PoolOptions o = withFaults(2, { Fault { Fault::Kind::Hang, 0 } });
    o.terminateGraceMs = test::scaledTimeout(3000); // the healthy worker ends on SIGTERM within it, even when busy
    std::atomic<bool> hanging { false };
    connect(
        &context, &Context::consoleOutput, this,
        [&](const ConsoleChunk& chunk) {
            if (chunk.text.contains("deaf to SIGTERM"))
                hanging = true;
        },
        Qt::DirectConnection);
    QElapsedTimer timer;
    {
        Pool pool(&context, o);
        QVERIFY(pool.waitReady(30000));
        const QSet<qint64> pids = pidsOf(pool);
        AsyncResult r = pool.mapAsync(sleepMs(), QCborArray { 1.0, 60000.0, 60000.0, 60000.0 }, 1);
        QTRY_VERIFY_WITH_TIMEOUT(hanging.load(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(r.running(), 30000);
        timer.start();
        pool.terminate();
        qInfo("terminate() with a worker ignoring SIGTERM returned after %lld ms (grace %d ms)", timer.elapsed(),
            o.terminateGraceMs);
        QVERIFY(r.done());
        QCOMPARE(r.failures().size(), size_t(4));
        for (const auto& [task, f] : r.failures())
            QCOMPARE(f.type, QStringLiteral("PoolError"));
        QVERIFY(!test::anyAlive(pids));
        pool.join(); // returns at once: terminated
    }
    // The hanging worker needed the SIGKILL, the other went on SIGTERM.
    QList<qint64> codes;
    for (const Event& e : context.events().snapshot())
        if (e.kind == EventKind::ProcessExit)
            codes << e.value;
    std::sort(codes.begin(), codes.end());
    QCOMPARE(codes, (QList<qint64> { -SIGTERM, -SIGKILL }));
}

// Leaving the pool's scope mid-run (as `with Pool() as p:` does): every future, iterator and callback resolves.
void TestReliability::destructionResolvesEveryFuture()
{
    Context context;
    AsyncResult mapped;
    AsyncResult applied;
    ResultIterator it;
    std::atomic<int> callbacks { 0 };
    {
        Pool pool(&context, { 2 });
        mapped = pool.mapAsync(sleepMs(), QCborArray { 60000.0, 60000.0, 60000.0 }, 1);
        applied = pool.applyAsync(sleepMs(), 60000.0);
        it = pool.imap(sleepMs(), QCborArray { 60000.0, 60000.0 });
        applied.addDoneCallback([&](const AsyncResult&) { ++callbacks; });
        QTRY_VERIFY_WITH_TIMEOUT(mapped.running(), 30000);
    }
    QVERIFY(mapped.done() && applied.done());
    QVERIFY_THROWS_EXCEPTION(TaskError, mapped.get(0));
    QVERIFY_THROWS_EXCEPTION(TaskError, applied.get(0));
    QVERIFY_THROWS_EXCEPTION(TaskError, it.next(0));
    QCOMPARE(callbacks.load(), 1);
}

// The issue's own words: `proclab-cli run spin -p 2 --inject kill:5` completes every other task, reports task 5
// lost to SIGKILL with the worker's pid, and exits with 3 (some tasks failed).
void TestReliability::cliInjectKill5()
{
    const CliResult r = cli({ QStringLiteral("run"), QStringLiteral("spin"), QStringLiteral("-p"), QStringLiteral("2"),
        QStringLiteral("--inject"), QStringLiteral("kill:5"), QStringLiteral("--json") });
    QVERIFY2(r.code == 3, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonArray failures = o.value(QStringLiteral("failures")).toArray();
    QCOMPARE(failures.size(), 1);
    const QJsonObject f = failures.at(0).toObject();
    QCOMPARE(f.value(QStringLiteral("task")).toInt(), 5);
    QCOMPARE(f.value(QStringLiteral("type")).toString(), QStringLiteral("WorkerLostError"));
    QCOMPARE(f.value(QStringLiteral("signal_name")).toString(), QStringLiteral("SIGKILL"));
    QCOMPARE(f.value(QStringLiteral("cause")).toString(), QStringLiteral("killed by SIGKILL"));
    QCOMPARE(f.value(QStringLiteral("phase")).toString(), QStringLiteral("running"));
    const qint64 pid = f.value(QStringLiteral("pid")).toInteger();
    QSet<qint64> workerPids;
    qint64 done = 0;
    for (const auto& w : o.value(QStringLiteral("workers")).toArray()) {
        workerPids.insert(w.toObject().value(QStringLiteral("pid")).toInteger());
        done += w.toObject().value(QStringLiteral("tasks")).toInteger();
    }
    QVERIFY2(workerPids.contains(pid), r.out.constData());
    const qint64 tasks = o.value(QStringLiteral("tasks")).toInteger();
    QCOMPARE(o.value(QStringLiteral("completed")).toInteger(), tasks - 1); // every other task
    QCOMPARE(done, tasks - 1);
}

void TestReliability::cliInject_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("expected");
    const QStringList run { QStringLiteral("run"), QStringLiteral("spin"), QStringLiteral("--set"),
        QStringLiteral("tasks=8"), QStringLiteral("--set"), QStringLiteral("ms=2"), QStringLiteral("-p"),
        QStringLiteral("2") };
    const QStringList map { QStringLiteral("map"), QStringLiteral("x*x"), QStringLiteral("--inputs"),
        QStringLiteral("0..9"), QStringLiteral("-p"), QStringLiteral("2") };
    const auto inject = [](const char* what) {
        return QStringList { QStringLiteral("--inject"), QLatin1String(what) };
    };
    QTest::newRow("crash") << (run + inject("crash")) << 3
                           << QStringLiteral("task 0: WorkerLostError: the worker ForkServerPoolWorker-");
    QTest::newRow("abort") << (run + inject("abort:7")) << 3 << QStringLiteral("aborted (SIGABRT) (task 7");
    QTest::newRow("exit-forkserver") << (run + inject("exit:2")
        + QStringList { QStringLiteral("--start-method"), QStringLiteral("forkserver") })
                                     << 3 << QStringLiteral("exited with code 3 (task 2");
    QTest::newRow("throw") << (run + inject("throw:1")) << 3
                           << QStringLiteral("task 1: RuntimeError: injected failure");
    const int deadline = test::scaledTimeout(3000); // room for the healthy tasks on a busy machine
    QTest::newRow("hang-deadline")
        << (run + inject("hang:3") + QStringList { QStringLiteral("--deadline"), QString::number(deadline) }) << 3
        << QStringLiteral("task 3: DeadlineExceeded: it ran past its deadline of %1 ms").arg(deadline);
    QTest::newRow("two") << (run + inject("crash:1") + inject("exit:6:encode")) << 3
                         << QStringLiteral("while encoding the result");
    QTest::newRow("map-imap") << (map + inject("kill:4")
        + QStringList { QStringLiteral("--mode"), QStringLiteral("imap") })
                              << 3 << QStringLiteral("[0, 1, 4, 9, None, 25, 36, 49, 64, 81]");
    QTest::newRow("map-thread-throw") << (map + inject("throw:4")
        + QStringList { QStringLiteral("--executor"), QStringLiteral("thread") })
                                      << 3 << QStringLiteral("[0, 1, 4, 9, None, 25, 36, 49, 64, 81]");
    QTest::newRow("thread-crash") << (map + inject("crash:4")
        + QStringList { QStringLiteral("--executor"), QStringLiteral("thread") })
                                  << 2 << QStringLiteral("needs --executor process");
    QTest::newRow("start-crash-loop") << (run + inject("exit:start")) << 1 << QStringLiteral("keep dying at start-up");
    QTest::newRow("task-out-of-range") << (run + inject("kill:8")) << 2 << QStringLiteral("only 8 task(s)");
    QTest::newRow("bad-kind") << (run + inject("explode")) << 2 << QStringLiteral("unknown kind 'explode'");
    QTest::newRow("bad-phase") << (run + inject("crash:1:later")) << 2 << QStringLiteral("unknown phase 'later'");
}

// Every --inject kind from the command line: the run completes, names the lost task and its cause, exits 3.
void TestReliability::cliInject()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, expected);
    const CliResult r = cli(args);
    const QString all = QString::fromUtf8(r.out + r.err);
    QVERIFY2(r.code == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(all)));
    QVERIFY2(all.contains(expected), qPrintable(all));
}

// A worker that hangs before it is ready (here: a program that never speaks) is killed after the start-up
// timeout, and the pool says why instead of waiting forever.
void TestReliability::workerThatNeverStartsIsKilled()
{
    QTemporaryDir dir;
    const QString mute = dir.filePath(QStringLiteral("mute-worker"));
    {
        QFile f(mute);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\nexec sleep 600\n");
    }
    QVERIFY(QFile::setPermissions(mute, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const QByteArray worker = qgetenv("PROCLAB_WORKER");
    qputenv("PROCLAB_WORKER", QFile::encodeName(mute));
    qputenv("PROCLAB_WORKER_START_TIMEOUT_MS", "1500");
    const auto restore = qScopeGuard([worker] {
        qputenv("PROCLAB_WORKER", worker);
        qunsetenv("PROCLAB_WORKER_START_TIMEOUT_MS");
    });
    Context context(StartMethod::Spawn); // the mute program is the worker itself, not a forkserver
    Pool pool(&context, PoolOptions { 1 });
    QSignalSpy failed(&pool, &Pool::workerFailed);
    QVERIFY(!pool.waitReady(test::scaledTimeout(60000))); // it gives up after repeated failed starts
    QVERIFY(!pool.brokenReason().isEmpty());
    QVERIFY(!failed.isEmpty());
    const QString why = failed.first().at(2).toString();
    QVERIFY2(why.contains(QLatin1String("did not start within 1.5 s")), qPrintable(why));
}

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
