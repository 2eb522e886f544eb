#include "content/workload.h"
#include "engine/context.h"
#include "engine/executor.h"
#include "testutil.h"

#include <QTest>

using namespace proclab;

Q_DECLARE_METATYPE(proclab::ExecutorKind)

class TestWorkloads : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void verifiesOnEveryExecutor_data();
    void verifiesOnEveryExecutor();
    void sameResultWhateverTheExecutor();
    void streamGivesWhatRunGives_data();
    void streamGivesWhatRunGives();
    void mistakeWorkloadsCheckSharedMemory_data();
    void mistakeWorkloadsCheckSharedMemory();
    void foldNoticesAWrongValue();
    void params_data();
    void params();
    void cancelInterruptsTheRun_data();
    void cancelInterruptsTheRun();
};

namespace {
// Small enough to keep the suite quick; big enough that every worker gets tasks.
QStringList smallSettings(const QString& workload)
{
    if (workload == QLatin1String("pi"))
        return { QStringLiteral("samples=2000000"), QStringLiteral("tasks=8") };
    if (workload == QLatin1String("spin"))
        return { QStringLiteral("tasks=6"), QStringLiteral("ms=5") };
    if (workload == QLatin1String("sleep"))
        return { QStringLiteral("tasks=6"), QStringLiteral("ms=5") };
    if (workload == QLatin1String("letters"))
        return { QStringLiteral("corpus_mb=4") };
    // The defaults are sized for timing (64 strings of 2 M characters; 128 passes over 4 M cells): one thread took
    // over the 300 s a test function may run under AddressSanitizer on a busy machine.
    if (workload == QLatin1String("randstring"))
        return { QStringLiteral("strings=8"), QStringLiteral("length=100000") };
    if (workload == QLatin1String("sqrt"))
        return { QStringLiteral("n=400000"), QStringLiteral("passes=4") };
    if (workload == QLatin1String("kde"))
        return { QStringLiteral("n=2000"), QStringLiteral("queries=64") };
    if (workload == QLatin1String("matmul"))
        return { QStringLiteral("n=64") };
    if (workload == QLatin1String("convoy"))
        return { QStringLiteral("tasks=6"), QStringLiteral("ms=4"), QStringLiteral("steps=4") };
    if (workload == QLatin1String("falseshare"))
        return { QStringLiteral("tasks=4"), QStringLiteral("increments=200000") };
    if (workload == QLatin1String("expr"))
        return { QStringLiteral("expr=x**3-x"), QStringLiteral("n=5000") };
    return {};
}
} // namespace

void TestWorkloads::verifiesOnEveryExecutor_data()
{
    QTest::addColumn<QString>("workload");
    QTest::addColumn<ExecutorKind>("executor");
    for (const Workload* w : workloads())
        for (ExecutorKind e :
            { ExecutorKind::Process, ExecutorKind::Thread, ExecutorKind::GilThread, ExecutorKind::Serial })
            QTest::addRow("%s/%s", qPrintable(w->name()), qPrintable(toString(e))) << w->name() << e;
}

void TestWorkloads::verifiesOnEveryExecutor()
{
    QFETCH(QString, workload);
    QFETCH(ExecutorKind, executor);
    const Workload* w = findWorkload(workload);
    QVERIFY(w);
    Params p;
    QString error;
    QVERIFY2(parseParams(*w, smallSettings(workload), &p, &error), qPrintable(error));
    Context context;
    const ExecResult r
        = execute(&context, w->function(p), w->inputs(p), { executor, 2, 0, Scheduling::Dynamic, 0, {}, {} });
    QVERIFY(r.failures.empty());
    const QCborValue reduced = w->reduce(p, r.results);
    const Verification v = w->verify(p, r.results, reduced);
    QVERIFY2(v.ok, qPrintable(v.detail));
    qint64 tasks = 0;
    for (const auto& ws : r.workers)
        tasks += ws.tasks;
    QCOMPARE(tasks, qint64(w->inputs(p).size()));
    QVERIFY(!w->summary(p, reduced).isEmpty());
}

// Per-task seeds: the Monte Carlo count is the same whether 1 process, 3 processes or threads ran it.
void TestWorkloads::sameResultWhateverTheExecutor()
{
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    Params p;
    QString error;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=3000000"), QStringLiteral("tasks=12") }, &p, &error));
    Context context;
    QCborValue first;
    for (int workers : { 1, 3 }) {
        for (ExecutorKind e : { ExecutorKind::Process, ExecutorKind::Thread, ExecutorKind::Serial }) {
            const ExecResult r
                = execute(&context, pi->function(p), pi->inputs(p), { e, workers, 0, Scheduling::Static, 0, {}, {} });
            const QCborValue reduced = pi->reduce(p, r.results);
            if (first.isUndefined())
                first = reduced;
            QCOMPARE(reduced, first);
        }
    }
}

void TestWorkloads::streamGivesWhatRunGives_data()
{
    QTest::addColumn<QString>("workload");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<ExecutorKind>("executor");
    QTest::addColumn<int>("chunksize");
    const QList<QPair<QString, QStringList>> runs {
        { QStringLiteral("expr"), smallSettings(QStringLiteral("expr")) },
        { QStringLiteral("expr"), { QStringLiteral("expr=sqrt(x)/3"), QStringLiteral("n=40000") } }, // doubles
        { QStringLiteral("pi"), smallSettings(QStringLiteral("pi")) },
        { QStringLiteral("spin"), smallSettings(QStringLiteral("spin")) },
        { QStringLiteral("sleep"), smallSettings(QStringLiteral("sleep")) },
    };
    for (const auto& [name, settings] : runs)
        for (ExecutorKind e :
            { ExecutorKind::Process, ExecutorKind::Thread, ExecutorKind::GilThread, ExecutorKind::Serial })
            for (int chunksize : { 0, 3 })
                QTest::addRow(
                    "%s/%s/%s/c%d", qPrintable(name), qPrintable(settings.first()), qPrintable(toString(e)), chunksize)
                    << name << settings << e << chunksize;
}

// A run as a stream folds to what reduce() gives over the whole result list, and verifies with the same words.
void TestWorkloads::streamGivesWhatRunGives()
{
    QFETCH(QString, workload);
    QFETCH(QStringList, settings);
    QFETCH(ExecutorKind, executor);
    QFETCH(int, chunksize);
    const Workload* w = findWorkload(workload);
    Params p;
    QString error;
    QVERIFY2(parseParams(*w, settings, &p, &error), qPrintable(error));
    QCOMPARE(w->taskCount(p), w->inputs(p).size());
    QCOMPARE(w->inputRange(p, 1, 2).size(), qsizetype(std::min<qsizetype>(2, w->taskCount(p) - 1)));
    Context context;
    context.events().setRecording(false); // as proclab-cli run without --trace/--save
    const ExecOptions options { executor, 2, chunksize, Scheduling::Dynamic, 0, {}, {} };
    const ExecResult whole = execute(&context, w->function(p), w->inputs(p), options);
    QVERIFY(whole.failures.empty());
    const QCborValue reduced = w->reduce(p, whole.results);
    const Verification verified = w->verify(p, whole.results, reduced);
    QVERIFY2(verified.ok, qPrintable(verified.detail));

    const std::unique_ptr<Fold> fold = w->fold(p);
    QVERIFY(fold);
    const ExecResult streamed = w->runStream(&context, p, fold.get(), options);
    QVERIFY(streamed.failures.empty());
    QVERIFY(streamed.results.isEmpty()); // nothing kept
    QCOMPARE(streamed.tasks, w->taskCount(p));
    QCOMPARE(fold->reduced(), reduced);
    const Verification v = fold->verification();
    QVERIFY2(v.ok, qPrintable(v.detail));
    QCOMPARE(v.detail, verified.detail);
    qint64 tasks = 0;
    for (const auto& ws : streamed.workers)
        tasks += ws.tasks;
    QCOMPARE(tasks, qint64(w->taskCount(p)));
    QCOMPARE(context.events().size(), qsizetype(0)); // nobody read them: none kept
}

// The gallery's shared-state workloads check what is in shared memory, not only what the tasks returned: the mistake
// and the fix (locked=1 and 0, stride=1 and 8) both verify, and a task that claims a wrong value is caught.
void TestWorkloads::mistakeWorkloadsCheckSharedMemory_data()
{
    QTest::addColumn<QString>("workload");
    QTest::addColumn<QStringList>("settings");
    QTest::newRow("convoy-locked") << "convoy"
                                   << (smallSettings(QStringLiteral("convoy")) << QStringLiteral("locked=1"));
    QTest::newRow("convoy-unlocked") << "convoy"
                                     << (smallSettings(QStringLiteral("convoy")) << QStringLiteral("locked=0"));
    QTest::newRow("falseshare-adjacent") << "falseshare"
                                         << (smallSettings(QStringLiteral("falseshare")) << QStringLiteral("stride=1"));
    QTest::newRow("falseshare-padded") << "falseshare"
                                       << (smallSettings(QStringLiteral("falseshare")) << QStringLiteral("stride=8"));
}

void TestWorkloads::mistakeWorkloadsCheckSharedMemory()
{
    QFETCH(QString, workload);
    QFETCH(QStringList, settings);
    const Workload* w = findWorkload(workload);
    QVERIFY(w);
    Params p;
    QString error;
    QVERIFY2(parseParams(*w, settings, &p, &error), qPrintable(error));
    Context context;
    for (bool tamper : { false, true }) {
        const ExecResult r = execute(
            &context, w->function(p), w->inputs(p), { ExecutorKind::Process, 2, 1, Scheduling::Dynamic, 0, {}, {} });
        QVERIFY(r.failures.empty());
        QCborArray results = r.results;
        if (tamper)
            results[1] = results.at(1).toInteger() + 1;
        const Verification v = w->verify(p, results, w->reduce(p, results));
        QVERIFY2(v.ok != tamper, qPrintable(v.detail));
    }
    // verify() let the shared objects go: verifying again says so instead of reading freed memory.
    QVERIFY(!w->verify(p, {}, {}).ok);
}

// The stream's check keeps no values, only their digest, and still catches one wrong value, or a missing one.
void TestWorkloads::foldNoticesAWrongValue()
{
    const Workload* w = findWorkload(QStringLiteral("expr"));
    Params p;
    QString error;
    QVERIFY(parseParams(*w, { QStringLiteral("expr=x*x"), QStringLiteral("n=1000") }, &p, &error));
    QCborArray squares;
    for (qint64 i = 0; i < 1000; ++i)
        squares.append(i * i);
    {
        const std::unique_ptr<Fold> f = w->fold(p);
        f->add(0, squares);
        QVERIFY2(f->verification().ok, qPrintable(f->verification().detail));
    }
    QCborArray wrong = squares;
    wrong[500] = 500 * 500 + 1;
    const std::unique_ptr<Fold> f = w->fold(p);
    f->add(0, wrong);
    QVERIFY(!f->verification().ok);
    QVERIFY2(f->verification().detail.contains(QStringLiteral("differ")), qPrintable(f->verification().detail));
    QCborArray swapped = squares; // the same values in another order are wrong too
    swapped[1] = squares.at(2);
    swapped[2] = squares.at(1);
    const std::unique_ptr<Fold> g = w->fold(p);
    g->add(0, swapped);
    QVERIFY(!g->verification().ok);
    const std::unique_ptr<Fold> h = w->fold(p);
    h->add(0, squares);
    h->add(1000, QCborArray { 1 });
    QVERIFY(!h->verification().ok); // 1001 results for 1000 inputs
}

void TestWorkloads::params_data()
{
    QTest::addColumn<QString>("workload");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::newRow("defaults") << "pi" << QStringList() << QString();
    QTest::newRow("underscores") << "pi" << QStringList { QStringLiteral("samples=400_000_000") } << QString();
    QTest::newRow("exponent") << "pi" << QStringList { QStringLiteral("samples=4e8") } << QString();
    QTest::newRow("unknown-key") << "pi" << QStringList { QStringLiteral("sample=3") }
                                 << QStringLiteral("unknown parameter 'sample'");
    QTest::newRow("not-int") << "spin" << QStringList { QStringLiteral("tasks=two") }
                             << QStringLiteral("expected an integer");
    QTest::newRow("zero-tasks") << "spin" << QStringList { QStringLiteral("tasks=0") }
                                << QStringLiteral("expected an integer from 1");
    QTest::newRow("negative-ms") << "sleep" << QStringList { QStringLiteral("ms=-1") }
                                 << QStringLiteral("expected a number");
    QTest::newRow("no-equals") << "spin" << QStringList { QStringLiteral("tasks") }
                               << QStringLiteral("expected key=value");
    QTest::newRow("bad-expr") << "expr" << QStringList { QStringLiteral("expr=x*+") } << QStringLiteral("syntax error");
    QTest::newRow("two-vars") << "expr" << QStringList { QStringLiteral("expr=x+y") }
                              << QStringLiteral("function of x only");
}

void TestWorkloads::params()
{
    QFETCH(QString, workload);
    QFETCH(QStringList, settings);
    QFETCH(QString, error);
    Params p;
    QString message;
    const bool ok = parseParams(*findWorkload(workload), settings, &p, &message);
    QCOMPARE(ok, error.isEmpty());
    if (!ok)
        QVERIFY2(message.contains(error), qPrintable(message));
}

void TestWorkloads::cancelInterruptsTheRun_data()
{
    QTest::addColumn<ExecutorKind>("executor");
    for (ExecutorKind e : { ExecutorKind::Process, ExecutorKind::Thread, ExecutorKind::GilThread })
        QTest::addRow("%s", qPrintable(toString(e))) << e;
}

// Tasks of a minute each: only cancellation can end this test within ctest's timeout.
void TestWorkloads::cancelInterruptsTheRun()
{
    QFETCH(ExecutorKind, executor);
    const QSet<qint64> before = test::liveWorkerPids();
    int polls = 0;
    {
        Context context; // its forkserver (the default start method) lives as long as it does
        ExecOptions o { executor, 2, 1, Scheduling::Dynamic, 0, [&] { return ++polls > 3; }, {} };
        const QCborArray inputs { 60000.0, 60000.0, 60000.0, 60000.0 };
        QVERIFY_THROWS_EXCEPTION(
            CancelledError, execute(&context, Function::named(QStringLiteral("sleep")), inputs, o));
    }
    QVERIFY(polls > 3);
    QVERIFY(test::liveWorkerPids().subtract(before).isEmpty());
}

QTEST_GUILESS_MAIN(TestWorkloads)
#include "tst_workloads.moc"
