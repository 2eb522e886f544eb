// proclab-lean-worker (app/leanworker): the spawn start method's pool worker that starts without Qt. It must give
// exactly what proclab-worker gives (results, errors, the lost task after a crash), never load Qt for its own
// kernels, and become proclab-worker in place (same pid, same channel) when a task needs more.
#include "base/platform.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "testutil.h"

#include <QCborMap>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <limits>

using namespace proclab;

class TestLeanWorker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void startsWithoutQtAndBecomesTheFullWorkerInPlace();
    void identityKeepsEveryKindOfValue();
    void kernelsGiveWhatTheFullWorkerGives_data();
    void kernelsGiveWhatTheFullWorkerGives();
    void errorsAreTheFullWorkersErrors();
    void injectedFaultHandsOverBeforeReady();
    void killedLeanWorkerLosesOnlyItsTask();
    void offWhenAskedOrForAProcess();
    void cleanupTestCase();
};

namespace {

using test::range;

QString exeOf(qint64 pid)
{
    return QFileInfo(QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).symLinkTarget()).fileName();
}

bool mapsQtCore(qint64 pid)
{
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pid));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libQt6Core");
}

// Each task's outcome: its result, or "Type: message" when it raised.
QStringList outcomes(Pool& pool, const Function& f, const QCborArray& inputs)
{
    QList<AsyncResult> results;
    for (const QCborValue& v : inputs)
        results << pool.applyAsync(f, v);
    QStringList out;
    for (AsyncResult& r : results) {
        try {
            out << r.get().toDiagnosticNotation();
        } catch (const TaskError& e) {
            out << e.failure().type + QStringLiteral(": ") + e.failure().message + QStringLiteral(" (")
                    + e.failure().phase + QLatin1Char(')');
        }
    }
    return out;
}

} // namespace

void TestLeanWorker::initTestCase()
{
    Context context(StartMethod::Spawn);
    if (context.leanWorkerPath().isEmpty())
        QFAIL("proclab-lean-worker is not beside $PROCLAB_WORKER: the build should put it there");
}

void TestLeanWorker::startsWithoutQtAndBecomesTheFullWorkerInPlace()
{
    Context context(StartMethod::Spawn);
    Pool pool(&context, { 2 });
    QVERIFY(pool.waitReady(test::scaledTimeout(10000)));
    QCOMPARE(
        pool.map(Function::named(QStringLiteral("sqrt")), QCborArray { 4, 9.0, 16 }), (QCborArray { 2.0, 3.0, 4.0 }));
    const QList<PoolWorkerInfo> workers = pool.workers();
    QCOMPARE(workers.size(), 2);
    for (const PoolWorkerInfo& w : workers) {
        QCOMPARE(exeOf(w.pid), QStringLiteral("proclab-lean-worker"));
        QVERIFY2(!mapsQtCore(w.pid), "a lean worker running its own kernels has no Qt in it");
    }

    // expr needs muparser and Qt: every worker that gets a task hands over to proclab-worker, same pid.
    QCborArray expected;
    for (qint64 x = 0; x < 200; ++x)
        expected.append(x * x + 1);
    QCOMPARE(pool.map(Function::expr(QStringLiteral("x*x+1")), range(200), 1), expected);
    QCOMPARE(pool.workers().size(), 2); // nobody was replaced
    int handedOver = 0;
    for (const PoolWorkerInfo& w : workers)
        if (exeOf(w.pid) == QLatin1String("proclab-worker")) {
            QVERIFY(mapsQtCore(w.pid));
            ++handedOver;
        }
    QVERIFY(handedOver >= 1);
    // And the full worker still knows the functions the lean one was given before.
    QCOMPARE(pool.map(Function::named(QStringLiteral("sqrt")), QCborArray { 25 }, 1), (QCborArray { 5.0 }));
    pool.close();
    pool.join();
}

void TestLeanWorker::identityKeepsEveryKindOfValue()
{
    QCborMap map;
    map.insert(1, QStringLiteral("one"));
    map.insert(QStringLiteral("two"), QCborArray { 2, 2.5 });
    map.insert(-3, QCborValue(QCborValue::Null));
    const QCborArray values { 0, 23, 24, 255, 256, 65535, 65536, qint64(1) << 40, -1, -24, -25, -256, -257,
        std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min(), 0.5, -1e300, 1e-300, 3.0, QString(),
        QStringLiteral("h\u00e9llo \u043c\u0438\u0440"), QString(1000, QLatin1Char('x')), QByteArray("\0\1\2", 3),
        QByteArray(), true, false, QCborValue(QCborValue::Null), QCborValue(QCborValue::Undefined),
        QCborArray { 1, QCborArray { 2, QCborArray { 3 } } }, map, QCborValue(QCborTag(42), QStringLiteral("tagged")) };
    Context context(StartMethod::Spawn);
    Pool pool(&context, { 1 });
    QCOMPARE(pool.map(Function::named(QStringLiteral("identity")), values, 3), values);
    const qint64 pid = pool.workers().first().pid;
    QCOMPARE(exeOf(pid), QStringLiteral("proclab-lean-worker"));

    // libcbor 0.8 cannot read a two-byte simple value (simple(32) and up): the chunk is handed over, and
    // proclab-worker answers it.
    const QCborArray simple { 1, QCborValue(QCborSimpleType(99)) };
    QCOMPARE(pool.map(Function::named(QStringLiteral("identity")), simple, 2), simple);
    QCOMPARE(pool.workers().size(), 1);
    QCOMPARE(exeOf(pid), QStringLiteral("proclab-worker"));
    pool.close();
    pool.join();
}

void TestLeanWorker::kernelsGiveWhatTheFullWorkerGives_data()
{
    QTest::addColumn<QString>("kernel");
    QTest::addColumn<QCborMap>("config");
    QTest::addColumn<QCborArray>("inputs");
    QTest::newRow("noop") << QStringLiteral("noop") << QCborMap() << range(5);
    QTest::newRow("pid-count") << QStringLiteral("noop") << QCborMap() << QCborArray {};
    QTest::newRow("pi") << QStringLiteral("pi") << QCborMap()
                        << QCborArray { QCborArray { 100000, 2024 }, QCborArray { 70000, 7 }, QCborArray { 0, 1 },
                               QCborArray { 5000.0, 3 }, QCborArray { 10 }, QStringLiteral("not an array") };
    QTest::newRow("spin") << QStringLiteral("spin") << QCborMap { { QStringLiteral("itersPerMs"), 1000 } }
                          << QCborArray { 1, 2.5, 0, 7, QStringLiteral("x") };
    QTest::newRow("spin-float-config") << QStringLiteral("spin") << QCborMap { { QStringLiteral("itersPerMs"), 999.9 } }
                                       << QCborArray { 1, 3 };
    QTest::newRow("sleep") << QStringLiteral("sleep") << QCborMap() << QCborArray { 1, 0.5, 0 };
    QTest::newRow("sqrt") << QStringLiteral("sqrt") << QCborMap() << QCborArray { 0, 2, 1e10, 0.25 };
}

// The same tasks on spawn (lean) and on forkserver (proclab-worker's kernels) give the same results.
void TestLeanWorker::kernelsGiveWhatTheFullWorkerGives()
{
    QFETCH(QString, kernel);
    QFETCH(QCborMap, config);
    QFETCH(QCborArray, inputs);
    const Function f = Function::named(kernel, config);
    QStringList lean, full;
    {
        Context context(StartMethod::Spawn);
        Pool pool(&context, { 2 });
        lean = outcomes(pool, f, inputs);
        for (const PoolWorkerInfo& w : pool.workers())
            QCOMPARE(exeOf(w.pid), QStringLiteral("proclab-lean-worker"));
    }
    {
        Context context(StartMethod::ForkServer);
        Pool pool(&context, { 2 });
        full = outcomes(pool, f, inputs);
    }
    QCOMPARE(lean, full);
}

// A task that raises gives the same type, message and phase; the worker goes on.
void TestLeanWorker::errorsAreTheFullWorkersErrors()
{
    const QCborArray inputs { 4, -1, QStringLiteral("x"), QCborArray { 1 }, 9 };
    QStringList lean, full;
    {
        Context context(StartMethod::Spawn);
        Pool pool(&context, { 1 });
        lean = outcomes(pool, Function::named(QStringLiteral("sqrt")), inputs);
        lean += outcomes(pool, Function::named(QStringLiteral("nosuchkernel")), { 1 }); // handed over: NameError
    }
    {
        Context context(StartMethod::ForkServer);
        Pool pool(&context, { 1 });
        full = outcomes(pool, Function::named(QStringLiteral("sqrt")), inputs);
        full += outcomes(pool, Function::named(QStringLiteral("nosuchkernel")), { 1 });
    }
    QCOMPARE(lean, full);
    QCOMPARE(lean.at(1), QStringLiteral("ValueError: math domain error (running)"));
    QCOMPARE(lean.at(2), QStringLiteral("TypeError: expected a number (running)"));
    QVERIFY2(lean.at(5).startsWith(QLatin1String("NameError")), qPrintable(lean.at(5)));
}

// A worker started with an injected fault hands over before it answers Ready, so the fault strikes as it does in
// proclab-worker (here: an exception in the task's running phase).
void TestLeanWorker::injectedFaultHandsOverBeforeReady()
{
    Context context(StartMethod::Spawn);
    QString error;
    const auto fault = Fault::parse(QStringLiteral("throw:1"), &error);
    QVERIFY2(fault, qPrintable(error));
    PoolOptions options { 1 };
    options.faults = { *fault };
    Pool pool(&context, options);
    const QStringList got = outcomes(pool, Function::named(QStringLiteral("identity")), range(3));
    QCOMPARE(got.at(0), QStringLiteral("0"));
    QVERIFY2(got.at(1).contains(QLatin1String("Error")), qPrintable(got.join(QLatin1Char('|'))));
    QCOMPARE(got.at(2), QStringLiteral("2"));
    QCOMPARE(exeOf(pool.workers().first().pid), QStringLiteral("proclab-worker"));
}

// The engine names the task a SIGKILLed lean worker was running (its status page), and only that one is lost.
void TestLeanWorker::killedLeanWorkerLosesOnlyItsTask()
{
    Context context(StartMethod::Spawn);
    Pool pool(&context, { 2 });
    QVERIFY(pool.waitReady(test::scaledTimeout(10000)));
    const qint64 victim = pool.workers().first().pid;
    QCOMPARE(exeOf(victim), QStringLiteral("proclab-lean-worker"));
    QList<AsyncResult> r;
    for (int i = 0; i < 6; ++i)
        r << pool.applyAsync(Function::named(QStringLiteral("sleep")), 300.0);
    QTRY_VERIFY(r[0].running());
    ::kill(pid_t(victim), SIGKILL);
    int lost = 0;
    for (AsyncResult& x : r) {
        try {
            QCOMPARE(x.get().toDouble(), 300.0);
        } catch (const TaskError& e) {
            ++lost;
            QCOMPARE(e.failure().type, QStringLiteral("WorkerLostError"));
            QCOMPARE(e.failure().pid, victim);
            QCOMPARE(e.failure().phase, QStringLiteral("running"));
        }
    }
    QCOMPARE(lost, 1);
    QCOMPARE(pool.workers().size(), 3); // replaced
}

// PROCLAB_LEAN_WORKER=0 (the Context's switch) starts proclab-worker; a Process always starts as proclab-worker.
void TestLeanWorker::offWhenAskedOrForAProcess()
{
    Context context(StartMethod::Spawn);
    context.setLeanWorker(false);
    QVERIFY(context.leanWorkerPath().isEmpty());
    Pool pool(&context, { 1 });
    QCOMPARE(pool.map(Function::named(QStringLiteral("pid")), range(1)).size(), 1);
    QCOMPARE(exeOf(pool.workers().first().pid), QStringLiteral("proclab-worker"));
}

void TestLeanWorker::cleanupTestCase()
{
    PROCLAB_VERIFY_NOTHING_LEFT();
}

QTEST_GUILESS_MAIN(TestLeanWorker)
#include "tst_leanworker.moc"
