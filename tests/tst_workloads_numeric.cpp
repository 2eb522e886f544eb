#include "base/sharedmemory.h"
#include "content/workload.h"
#include "engine/context.h"
#include "engine/executor.h"
#include "mp/kernel.h"
#include "testutil.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

#include <cmath>

using namespace proclab;

Q_DECLARE_METATYPE(proclab::ExecutorKind)
Q_DECLARE_METATYPE(proclab::StartMethod)

class TestWorkloadsNumeric : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesSerialReference_data();
    void matchesSerialReference();
    void kdeWindows_data();
    void kdeWindows();
    void params_data();
    void params();
    void primesCostsAreUneven();
    void sharedMemoryGoneAfterFailedRun();
};

namespace {

QStringList smallSettings(const QString& workload)
{
    if (workload == QLatin1String("kde"))
        return { QStringLiteral("n=500"), QStringLiteral("queries=200"), QStringLiteral("d=3"),
            QStringLiteral("tasks=7") };
    if (workload == QLatin1String("matmul"))
        return { QStringLiteral("n=96"), QStringLiteral("tasks=7") };
    if (workload == QLatin1String("primes"))
        return { QStringLiteral("limit=50000"), QStringLiteral("tasks=9") };
    if (workload == QLatin1String("randstring"))
        return { QStringLiteral("strings=9"), QStringLiteral("length=1000") };
    if (workload == QLatin1String("sqrt"))
        return { QStringLiteral("n=10001"), QStringLiteral("tasks=4"), QStringLiteral("passes=2") };
    return {};
}

} // namespace

void TestWorkloadsNumeric::matchesSerialReference_data()
{
    QTest::addColumn<QString>("workload");
    QTest::addColumn<ExecutorKind>("executor");
    QTest::addColumn<StartMethod>("method");
    for (const Workload* w : numericWorkloads()) {
        const QByteArray name = w->name().toLatin1();
        QTest::addRow("%s/spawn", name.constData()) << w->name() << ExecutorKind::Process << StartMethod::Spawn;
        QTest::addRow("%s/forkserver", name.constData())
            << w->name() << ExecutorKind::Process << StartMethod::ForkServer;
        QTest::addRow("%s/thread", name.constData()) << w->name() << ExecutorKind::Thread << StartMethod::Spawn;
    }
}

// 2 workers; the engine's verify() compares with the serial computation (matmul within 1e-9 relative, kde within
// 1e-12, the others exactly), and the serial executor's reduction must agree with the parallel one.
void TestWorkloadsNumeric::matchesSerialReference()
{
    QFETCH(QString, workload);
    QFETCH(ExecutorKind, executor);
    QFETCH(StartMethod, method);
    const Workload* w = findWorkload(workload);
    QVERIFY(w);
    Params p;
    QString error;
    QVERIFY2(parseParams(*w, smallSettings(workload), &p, &error), qPrintable(error));
    Context context(method);
    QCborValue reduced[2];
    for (int k = 0; k < 2; ++k) {
        const ExecOptions o { k == 0 ? executor : ExecutorKind::Serial, 2, 1, Scheduling::Dynamic, 0, {}, {} };
        const QCborArray inputs = w->inputs(p);
        const ExecResult r = execute(&context, w->function(p), inputs, o);
        QVERIFY2(
            r.failures.empty(), qPrintable(r.failures.empty() ? QString() : r.failures.begin()->second.toString()));
        QCOMPARE(r.results.size(), inputs.size());
        reduced[k] = w->reduce(p, r.results);
        const Verification v = w->verify(p, r.results, reduced[k]);
        QVERIFY2(v.ok, qPrintable(v.detail));
        QVERIFY(!w->summary(p, reduced[k]).isEmpty());
        QVERIFY2(test::ourSharedMemory().isEmpty(), qPrintable(test::ourSharedMemory().join(QLatin1Char(' '))));
    }
    if (workload == QLatin1String("matmul")) {
        const double a = reduced[0].toMap().value(QStringLiteral("checksum")).toDouble();
        const double b = reduced[1].toMap().value(QStringLiteral("checksum")).toDouble();
        QVERIFY2(std::abs(a - b) <= 1e-9 * std::abs(b), qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
    } else if (workload == QLatin1String("kde")) {
        const QCborArray a = reduced[0].toMap().value(QStringLiteral("densities")).toArray();
        const QCborArray b = reduced[1].toMap().value(QStringLiteral("densities")).toArray();
        QCOMPARE(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i)
            QVERIFY(std::abs(a.at(i).toDouble() - b.at(i).toDouble()) <= 1e-12 * std::abs(b.at(i).toDouble()));
    } else {
        QCOMPARE(reduced[0], reduced[1]);
    }
}

void TestWorkloadsNumeric::kdeWindows_data()
{
    QTest::addColumn<QString>("window");
    QTest::addColumn<int>("d");
    QTest::newRow("gaussian-1d") << "gaussian" << 1;
    QTest::newRow("hypercube-1d") << "hypercube" << 1;
    QTest::newRow("hypercube-2d") << "hypercube" << 2;
}

// Both windows verify, and in one dimension each estimate integrates to about 1 over the query box.
void TestWorkloadsNumeric::kdeWindows()
{
    QFETCH(QString, window);
    QFETCH(int, d);
    const Workload* w = findWorkload(QStringLiteral("kde"));
    Params p;
    QString error;
    QVERIFY2(parseParams(*w,
                 { QStringLiteral("window=") + window, QStringLiteral("d=%1").arg(d), QStringLiteral("n=400"),
                     QStringLiteral("queries=300"), QStringLiteral("h=0.4") },
                 &p, &error),
        qPrintable(error));
    Context context;
    const ExecResult r = execute(
        &context, w->function(p), w->inputs(p), { ExecutorKind::Process, 2, 0, Scheduling::Dynamic, 0, {}, {} });
    QVERIFY(r.failures.empty());
    const QCborValue reduced = w->reduce(p, r.results);
    const Verification v = w->verify(p, r.results, reduced);
    QVERIFY2(v.ok, qPrintable(v.detail));
    QVERIFY2(v.detail.contains(QStringLiteral("max relative difference")), qPrintable(v.detail));
    if (d == 1) {
        // Queries are uniform on [-4, 4): the mean density times 8 estimates the integral (the data mostly lie inside).
        const double integral = 8 * reduced.toMap().value(QStringLiteral("mean")).toDouble();
        QVERIFY2(integral > 0.8 && integral < 1.1, qPrintable(QString::number(integral)));
    }
}

void TestWorkloadsNumeric::params_data()
{
    QTest::addColumn<QString>("workload");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<QString>("error"); // empty: accepted
    for (const Workload* w : numericWorkloads())
        QTest::addRow("%s-defaults", qPrintable(w->name())) << w->name() << QStringList() << QString();
    QTest::newRow("kde-hypercube") << "kde" << QStringList { QStringLiteral("window=hypercube") } << QString();
    QTest::newRow("kde-bad-window") << "kde" << QStringList { QStringLiteral("window=epanechnikov") }
                                    << QStringLiteral("expected gaussian or hypercube");
    QTest::newRow("kde-zero-h") << "kde" << QStringList { QStringLiteral("h=0") }
                                << QStringLiteral("h=0: expected a number");
    QTest::newRow("kde-d-zero") << "kde" << QStringList { QStringLiteral("d=0") }
                                << QStringLiteral("d=0: expected an integer from 1");
    QTest::newRow("matmul-n-1") << "matmul" << QStringList { QStringLiteral("n=1") }
                                << QStringLiteral("n=1: expected an integer from 2");
    QTest::newRow("matmul-n-huge") << "matmul" << QStringList { QStringLiteral("n=100000") }
                                   << QStringLiteral("expected an integer");
    QTest::newRow("primes-skew-neg") << "primes" << QStringList { QStringLiteral("skew=-1") }
                                     << QStringLiteral("skew=-1: expected an integer from 0");
    QTest::newRow("primes-limit-1") << "primes" << QStringList { QStringLiteral("limit=1") }
                                    << QStringLiteral("limit=1: expected an integer from 2");
    QTest::newRow("randstring-length-neg")
        << "randstring" << QStringList { QStringLiteral("length=-3") } << QStringLiteral("expected an integer from 0");
    QTest::newRow("sqrt-tasks-0") << "sqrt" << QStringList { QStringLiteral("tasks=0") }
                                  << QStringLiteral("expected an integer from 1");
    QTest::newRow("sqrt-unknown") << "sqrt" << QStringList { QStringLiteral("nprocs=4") }
                                  << QStringLiteral("unknown parameter 'nprocs'");
}

void TestWorkloadsNumeric::params()
{
    QFETCH(QString, workload);
    QFETCH(QStringList, settings);
    QFETCH(QString, error);
    const Workload* w = findWorkload(workload);
    QVERIFY(w);
    Params p;
    QString message;
    const bool ok = parseParams(*w, settings, &p, &message);
    QCOMPARE(ok, error.isEmpty());
    if (!ok)
        QVERIFY2(message.contains(error), qPrintable(message));
}

// Widening ranges of dearer numbers: the last range needs many more trial divisions than the first.
void TestWorkloadsNumeric::primesCostsAreUneven()
{
    const Workload* w = findWorkload(QStringLiteral("primes"));
    Params p;
    QString error;
    QVERIFY(parseParams(*w, { QStringLiteral("limit=400000"), QStringLiteral("tasks=8") }, &p, &error));
    const QCborArray in = w->inputs(p);
    QCOMPARE(in.size(), 8);
    QCOMPARE(in.at(0).toArray().at(0).toInteger(), 0);
    QCOMPARE(in.at(7).toArray().at(1).toInteger(), 400000);
    // Work done per range, counted as divisions: computed here rather than timed (timing claims go in benchmarks).
    auto divisions = [](qint64 a, qint64 b) {
        qint64 count = 0;
        for (qint64 x = std::max<qint64>(a, 3); x < b; ++x) {
            if (x % 2 == 0)
                continue;
            for (qint64 d = 3; d * d <= x; d += 2) {
                ++count;
                if (x % d == 0)
                    break;
            }
        }
        return count;
    };
    const qint64 first = divisions(in.at(0).toArray().at(0).toInteger(), in.at(0).toArray().at(1).toInteger());
    const qint64 last = divisions(in.at(7).toArray().at(0).toInteger(), in.at(7).toArray().at(1).toInteger());
    QVERIFY2(last > 5 * first, qPrintable(QStringLiteral("%1 vs %2").arg(last).arg(first)));
}

// A run whose tasks fail never reaches verify(); the next inputs() releases its objects, and the objects never
// outlive a run that completes.
void TestWorkloadsNumeric::sharedMemoryGoneAfterFailedRun()
{
    const Workload* w = findWorkload(QStringLiteral("sqrt"));
    Params p;
    QString error;
    QVERIFY(parseParams(*w, smallSettings(QStringLiteral("sqrt")), &p, &error));
    Context context;
    QCborArray inputs = w->inputs(p);
    QCOMPARE(test::ourSharedMemory().size(), 2);
    // A task whose slice reaches past the array fails in its worker.
    QCborArray bad = inputs.at(0).toArray();
    bad[3] = 1'000'000;
    inputs[0] = bad;
    const ExecResult failed
        = execute(&context, w->function(p), inputs, { ExecutorKind::Process, 2, 1, Scheduling::Dynamic, 0, {}, {} });
    QCOMPARE(failed.failures.size(), size_t(1));
    const QCborArray again = w->inputs(p);
    QCOMPARE(test::ourSharedMemory().size(), 2); // the failed run's pair went, the new run's pair is here
    const ExecResult r
        = execute(&context, w->function(p), again, { ExecutorKind::Process, 2, 1, Scheduling::Dynamic, 0, {}, {} });
    QVERIFY(r.failures.empty());
    QVERIFY(w->verify(p, r.results, w->reduce(p, r.results)).ok);
    QVERIFY2(test::ourSharedMemory().isEmpty(), qPrintable(test::ourSharedMemory().join(QLatin1Char(' '))));
    // Workers report a clear error when they are handed the objects of a finished run.
    const ExecResult late
        = execute(&context, w->function(p), again, { ExecutorKind::Process, 2, 1, Scheduling::Dynamic, 0, {}, {} });
    QVERIFY(!late.failures.empty());
    QVERIFY2(late.failures.begin()->second.toString().contains(QStringLiteral("single-use")),
        qPrintable(late.failures.begin()->second.toString()));
}

QTEST_GUILESS_MAIN(TestWorkloadsNumeric)
#include "tst_workloads_numeric.moc"
