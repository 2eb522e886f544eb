#include "testutil.h"

#include "lab/experiment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace proclab;

// proclab-cli as a user runs it: a real executable, real output, real exit codes.
class TestCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mapPrintsLikePython_data();
    void mapPrintsLikePython();
    void runJson_data();
    void runJson();
    void sweepJsonHasEachWorkersUsage();
    void streamedRunPrintsWhatARecordedRunPrints_data();
    void streamedRunPrintsWhatARecordedRunPrints();
    void listJson();
    void badInput_data();
    void badInput();
    void helpAndVersion();
};

namespace {
using Result = test::ProgramRun;

Result cli(const QStringList& args)
{
    return test::runProgram(qEnvironmentVariable("PROCLAB_CLI"), args);
}
} // namespace

void TestCli::mapPrintsLikePython_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("expected");
    const QStringList tutorial { QStringLiteral("map"), QStringLiteral("x*x+1"), QStringLiteral("--inputs"),
        QStringLiteral("0..7") };
    QTest::newRow("tutorial-map") << (tutorial + QStringList { QStringLiteral("-p"), QStringLiteral("4") })
                                  << QByteArray("[1, 2, 5, 10, 17, 26, 37, 50]\n");
    QTest::newRow("forkserver") << (tutorial
        + QStringList { QStringLiteral("--start-method"), QStringLiteral("forkserver") })
                                << QByteArray("[1, 2, 5, 10, 17, 26, 37, 50]\n");
    QTest::newRow("imap") << (tutorial
        + QStringList { QStringLiteral("--mode"), QStringLiteral("imap"), QStringLiteral("-p"), QStringLiteral("2") })
                          << QByteArray("[1, 2, 5, 10, 17, 26, 37, 50]\n");
    QTest::newRow("thread") << (tutorial + QStringList { QStringLiteral("--executor"), QStringLiteral("thread") })
                            << QByteArray("[1, 2, 5, 10, 17, 26, 37, 50]\n");
    QTest::newRow("gil-thread") << (tutorial
        + QStringList { QStringLiteral("--executor"), QStringLiteral("gil-thread") })
                                << QByteArray("[1, 2, 5, 10, 17, 26, 37, 50]\n");
    QTest::newRow("pool3") << QStringList { QStringLiteral("map"), QStringLiteral("x*x-2*x"),
        QStringLiteral("--inputs"), QStringLiteral("1,2,3,8,10"), QStringLiteral("-p"), QStringLiteral("3") }
                           << QByteArray("[-1, 0, 3, 48, 80]\n");
    QTest::newRow("starmap") << QStringList { QStringLiteral("map"), QStringLiteral("x+y"), QStringLiteral("--inputs"),
        QStringLiteral("(1,1),(2,2),(3,3)"), QStringLiteral("--mode"), QStringLiteral("starmap") }
                             << QByteArray("[2, 4, 6]\n");
    QTest::newRow("cubes") << QStringList { QStringLiteral("map"), QStringLiteral("x**3"), QStringLiteral("--inputs"),
        QStringLiteral("1..6") }
                           << QByteArray("[1, 8, 27, 64, 125, 216]\n");
    QTest::newRow("sqrt") << QStringList { QStringLiteral("map"), QStringLiteral("sqrt(x)"), QStringLiteral("--inputs"),
        QStringLiteral("0..3") }
                          << QByteArray("[0.0, 1.0, 1.4142135623730951, 1.7320508075688772]\n");
    // A range in order is printed as it comes (several chunks here, some out of order): the same list.
    QByteArray longList = "[";
    for (int i = -20000; i <= 20000; ++i)
        longList += (i > -20000 ? ", " : "") + QByteArray::number(2 * i);
    longList += "]\n";
    QTest::newRow("long-range") << QStringList { QStringLiteral("map"), QStringLiteral("2*x"),
        QStringLiteral("--inputs"), QStringLiteral("-20000..20000"), QStringLiteral("--chunksize"),
        QStringLiteral("999") } << longList;
}

void TestCli::mapPrintsLikePython()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, expected);
    const Result r = cli(args);
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.out, expected);
}

void TestCli::runJson_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("pi") << QStringList { QStringLiteral("run"), QStringLiteral("pi"), QStringLiteral("--set"),
        QStringLiteral("samples=1000000"), QStringLiteral("-p"), QStringLiteral("2") };
    QTest::newRow("spin-forkserver") << QStringList { QStringLiteral("run"), QStringLiteral("spin"),
        QStringLiteral("--set"), QStringLiteral("tasks=4"), QStringLiteral("--set"), QStringLiteral("ms=2"),
        QStringLiteral("-p"), QStringLiteral("2"), QStringLiteral("--start-method"), QStringLiteral("forkserver") };
    QTest::newRow("spin-spawn") << QStringList { QStringLiteral("run"), QStringLiteral("spin"), QStringLiteral("--set"),
        QStringLiteral("tasks=4"), QStringLiteral("--set"), QStringLiteral("ms=2"), QStringLiteral("-p"),
        QStringLiteral("2"), QStringLiteral("--start-method"), QStringLiteral("spawn") };
    QTest::newRow("sleep-static") << QStringList { QStringLiteral("run"), QStringLiteral("sleep"),
        QStringLiteral("--set"), QStringLiteral("tasks=4"), QStringLiteral("--set"), QStringLiteral("ms=1"),
        QStringLiteral("-p"), QStringLiteral("2"), QStringLiteral("--scheduling"), QStringLiteral("static"),
        QStringLiteral("--chunksize"), QStringLiteral("1") };
    QTest::newRow("chunksize-auto") << QStringList { QStringLiteral("run"), QStringLiteral("sleep"),
        QStringLiteral("--set"), QStringLiteral("tasks=4"), QStringLiteral("--set"), QStringLiteral("ms=1"),
        QStringLiteral("-p"), QStringLiteral("2"), QStringLiteral("--chunksize"), QStringLiteral("auto") };
}

void TestCli::runJson()
{
    QFETCH(QStringList, args);
    const QSet<qint64> before = test::liveWorkerPids();
    const Result r = cli(args + QStringList { QStringLiteral("--json") });
    QVERIFY2(r.code == 0, r.err.constData());
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    for (const char* key :
        { "workload", "processes", "executor", "start_method", "result", "verified", "wall_s", "startup_s", "workers" })
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(QStringLiteral("verified")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("processes")).toInt(), 2);
    const QJsonArray workers = o.value(QStringLiteral("workers")).toArray();
    QCOMPARE(workers.size(), 2);
    int tasks = 0;
    QSet<qint64> pids;
    for (const auto& w : workers) {
        const QJsonObject wo = w.toObject();
        pids.insert(wo.value(QStringLiteral("pid")).toInteger());
        tasks += wo.value(QStringLiteral("tasks")).toInt();
        QVERIFY(!wo.value(QStringLiteral("name")).toString().isEmpty());
        // What the kernel counted when it reaped the worker (the engine under spawn, the server under forkserver):
        // present and sane, never a speed.
        QCOMPARE(wo.value(QStringLiteral("source")).toString(), QStringLiteral("rusage"));
        for (const char* key : { "cpu_s", "voluntary_switches", "involuntary_switches", "peak_rss_kib" })
            QVERIFY2(wo.value(QLatin1String(key)).isDouble(), key);
        QVERIFY(wo.value(QStringLiteral("cpu_s")).toDouble() >= 0);
        QVERIFY(wo.value(QStringLiteral("voluntary_switches")).toInteger() >= 0);
        QVERIFY(wo.value(QStringLiteral("involuntary_switches")).toInteger() >= 0);
        QVERIFY(wo.value(QStringLiteral("peak_rss_kib")).toInteger() > 0);
    }
    QCOMPARE(pids.size(), 2);
    QCOMPARE(tasks, o.value(QStringLiteral("tasks")).toInt());
    QVERIFY(o.value(QStringLiteral("wall_s")).toDouble() > 0);
    QVERIFY(!test::anyAlive(pids));
    QVERIFY(test::liveWorkerPids().subtract(before).isEmpty());
}

void TestCli::sweepJsonHasEachWorkersUsage()
{
    // Per point, the workers of the run nearest the median, each with what the kernel counted when it was reaped;
    // the thread series has none to give (null), and says so with a null source.
    const QSet<qint64> before = test::liveWorkerPids();
    const Result r
        = cli({ QStringLiteral("sweep"), QStringLiteral("spin"), QStringLiteral("--set"), QStringLiteral("tasks=4"),
            QStringLiteral("--set"), QStringLiteral("ms=2"), QStringLiteral("-p"), QStringLiteral("1,2"),
            QStringLiteral("--repeats"), QStringLiteral("1"), QStringLiteral("--warmup"), QStringLiteral("0"),
            QStringLiteral("--executor"), QStringLiteral("process,thread"), QStringLiteral("--json") });
    QVERIFY2(r.code == 0, r.err.constData());
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray series = o.value(QStringLiteral("series")).toArray();
    QCOMPARE(series.size(), 2);
    QSet<qint64> pids;
    for (const auto& sv : series) {
        const bool process = sv.toObject().value(QStringLiteral("executor")).toString() == QLatin1String("process");
        const QJsonArray points = sv.toObject().value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 2);
        for (const auto& pv : points) {
            const QJsonArray workers = pv.toObject().value(QStringLiteral("workers")).toArray();
            QCOMPARE(workers.size(), pv.toObject().value(QStringLiteral("processes")).toInt());
            for (const auto& w : workers) {
                const QJsonObject wo = w.toObject();
                for (const char* key :
                    { "cpu_s", "voluntary_switches", "involuntary_switches", "peak_rss_kib", "source" })
                    QVERIFY2(wo.contains(QLatin1String(key)), key);
                if (!process) {
                    QVERIFY2(wo.value(QStringLiteral("source")).isNull(), "a thread has no rusage of its own");
                    QVERIFY(wo.value(QStringLiteral("cpu_s")).isNull());
                    continue;
                }
                pids.insert(wo.value(QStringLiteral("pid")).toInteger());
                QCOMPARE(wo.value(QStringLiteral("source")).toString(), QStringLiteral("rusage"));
                QVERIFY(wo.value(QStringLiteral("cpu_s")).toDouble() >= 0);
                QVERIFY(wo.value(QStringLiteral("voluntary_switches")).toInteger() >= 0);
                QVERIFY(wo.value(QStringLiteral("involuntary_switches")).toInteger() >= 0);
                QVERIFY(wo.value(QStringLiteral("peak_rss_kib")).toInteger() > 0);
            }
        }
    }
    QCOMPARE(pids.size(), 3); // 1 + 2 process workers
    // The saved sweep reads back with them.
    QString why;
    const auto back = SweepResult::fromJson(o, &why);
    QVERIFY2(back, qPrintable(why));
    const auto& w = back->series.first().points.last().workers;
    QVERIFY(w.first().usage.has_value());
    QVERIFY(w.first().usage->peakRssKib > 0);
    QVERIFY(!back->series.last().points.last().workers.first().usage.has_value());
    QVERIFY(!test::anyAlive(pids));
    QVERIFY(test::liveWorkerPids().subtract(before).isEmpty());
}

void TestCli::streamedRunPrintsWhatARecordedRunPrints_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("expr") << QStringList { QStringLiteral("expr"), QStringLiteral("--set"),
        QStringLiteral("expr=x**2/7"), QStringLiteral("--set"), QStringLiteral("n=30000"),
        QStringLiteral("--chunksize"), QStringLiteral("100") };
    QTest::newRow("expr-static") << QStringList { QStringLiteral("expr"), QStringLiteral("--set"),
        QStringLiteral("n=20000"), QStringLiteral("--scheduling"), QStringLiteral("static") };
    QTest::newRow("expr-thread") << QStringList { QStringLiteral("expr"), QStringLiteral("--set"),
        QStringLiteral("n=20000"), QStringLiteral("--executor"), QStringLiteral("thread") };
    QTest::newRow("pi") << QStringList { QStringLiteral("pi"), QStringLiteral("--set"),
        QStringLiteral("samples=1000000") };
    QTest::newRow("sleep") << QStringList { QStringLiteral("sleep"), QStringLiteral("--set"), QStringLiteral("tasks=5"),
        QStringLiteral("--set"), QStringLiteral("ms=1") };
}

// Without --save, these workloads run as a stream (nothing kept); with it, as a map whose every result is kept.
// Both say the same: the same result, the same check, the same counts.
void TestCli::streamedRunPrintsWhatARecordedRunPrints()
{
    QFETCH(QStringList, args);
    QTemporaryDir dir;
    const QStringList run = QStringList { QStringLiteral("run") } + args
        + QStringList { QStringLiteral("-p"), QStringLiteral("2"), QStringLiteral("--json") };
    const Result streamed = cli(run);
    const Result recorded
        = cli(run + QStringList { QStringLiteral("--save"), dir.filePath(QStringLiteral("run.plab")) });
    QVERIFY2(streamed.code == 0, streamed.err.constData());
    QVERIFY2(recorded.code == 0, recorded.err.constData());
    const QJsonObject a = QJsonDocument::fromJson(streamed.out).object();
    const QJsonObject b = QJsonDocument::fromJson(recorded.out).object();
    const auto text
        = [](const QJsonValue& v) { return QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact); };
    for (const char* key : { "result", "summary", "verified", "verify_detail", "tasks", "completed", "chunksize" }) {
        const QLatin1String k(key);
        QVERIFY2(a.value(k) == b.value(k),
            qPrintable(QStringLiteral("%1: %2 streamed, %3 recorded")
                           .arg(k, QString::fromUtf8(text(a.value(k))), QString::fromUtf8(text(b.value(k))))));
    }
    QCOMPARE(a.value(QStringLiteral("verified")).toBool(), true);
}

void TestCli::listJson()
{
    const Result r = cli({ QStringLiteral("list"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QStringList names;
    for (const auto& w : o.value(QStringLiteral("workloads")).toArray()) {
        names << w.toObject().value(QStringLiteral("name")).toString();
        QVERIFY(!w.toObject().value(QStringLiteral("params")).toArray().isEmpty());
    }
    for (const char* n : { "expr", "pi", "spin", "sleep" })
        QVERIFY(names.contains(QLatin1String(n)));
    QCOMPARE(o.value(QStringLiteral("start_methods")).toArray().size(), 2);
    QCOMPARE(o.value(QStringLiteral("executors")).toArray().size(), 4);
}

void TestCli::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("no-command") << QStringList {} << "usage";
    QTest::newRow("unknown-command") << QStringList { QStringLiteral("frobnicate") } << "unknown command";
    QTest::newRow("unknown-workload") << QStringList { QStringLiteral("run"), QStringLiteral("nope") }
                                      << "unknown workload 'nope'";
    QTest::newRow("unknown-key") << QStringList { QStringLiteral("run"), QStringLiteral("pi"), QStringLiteral("--set"),
        QStringLiteral("sample=9") }
                                 << "unknown parameter 'sample'";
    QTest::newRow("bad-value") << QStringList { QStringLiteral("run"), QStringLiteral("pi"), QStringLiteral("--set"),
        QStringLiteral("samples=lots") }
                               << "expected an integer";
    QTest::newRow("p0") << QStringList { QStringLiteral("run"), QStringLiteral("pi"), QStringLiteral("-p"),
        QStringLiteral("0") }
                        << "--processes";
    QTest::newRow("p-text") << QStringList { QStringLiteral("map"), QStringLiteral("x"), QStringLiteral("--inputs"),
        QStringLiteral("0..3"), QStringLiteral("-p"), QStringLiteral("two") }
                            << "--processes";
    QTest::newRow("bad-expr") << QStringList { QStringLiteral("map"), QStringLiteral("x*+"), QStringLiteral("--inputs"),
        QStringLiteral("0..3") }
                              << "bad expression";
    QTest::newRow("unknown-func") << QStringList { QStringLiteral("map"), QStringLiteral("foo(x)"),
        QStringLiteral("--inputs"), QStringLiteral("0..3") }
                                  << "foo";
    QTest::newRow("bad-range") << QStringList { QStringLiteral("map"), QStringLiteral("x"), QStringLiteral("--inputs"),
        QStringLiteral("5..2") }
                               << "range";
    QTest::newRow("bad-range2") << QStringList { QStringLiteral("map"), QStringLiteral("x"), QStringLiteral("--inputs"),
        QStringLiteral("1..x") } << "range";
    QTest::newRow("bad-number") << QStringList { QStringLiteral("map"), QStringLiteral("x"), QStringLiteral("--inputs"),
        QStringLiteral("1,two") }
                                << "not a number";
    QTest::newRow("no-inputs") << QStringList { QStringLiteral("map"), QStringLiteral("x") } << "--inputs";
    QTest::newRow("arity") << QStringList { QStringLiteral("map"), QStringLiteral("x+y"), QStringLiteral("--inputs"),
        QStringLiteral("0..3") }
                           << "starmap";
    QTest::newRow("tuple-size") << QStringList { QStringLiteral("map"), QStringLiteral("x+y"),
        QStringLiteral("--inputs"), QStringLiteral("(1,2,3)"), QStringLiteral("--mode"), QStringLiteral("starmap") }
                                << "argument";
    QTest::newRow("bad-mode") << QStringList { QStringLiteral("map"), QStringLiteral("x"), QStringLiteral("--inputs"),
        QStringLiteral("0..3"), QStringLiteral("--mode"), QStringLiteral("zip") }
                              << "--mode";
    QTest::newRow("bad-executor") << QStringList { QStringLiteral("run"), QStringLiteral("pi"),
        QStringLiteral("--executor"), QStringLiteral("gpu") }
                                  << "executor";
    QTest::newRow("bad-method") << QStringList { QStringLiteral("run"), QStringLiteral("pi"),
        QStringLiteral("--start-method"), QStringLiteral("fork") }
                                << "start method";
    QTest::newRow("bad-flag") << QStringList { QStringLiteral("run"), QStringLiteral("pi"),
        QStringLiteral("--frobnicate") }
                              << "frobnicate";
    // 0 and auto are Python's default (the window and the CLI share one rule); past 1,000,000 is bad input.
    QTest::newRow("chunksize-big") << QStringList { QStringLiteral("run"), QStringLiteral("pi"),
        QStringLiteral("--chunksize"), QStringLiteral("1000001") }
                                   << "--chunksize";
    QTest::newRow("chunksize-neg") << QStringList { QStringLiteral("run"), QStringLiteral("pi"),
        QStringLiteral("--chunksize"), QStringLiteral("-1") }
                                   << "--chunksize";
    // A typo in --only measured nothing and said so in an empty table, exit 0; it is bad input, with the ids.
    QTest::newRow("bench-only-unknown") << QStringList { QStringLiteral("bench"), QStringLiteral("--only"),
        QStringLiteral("nosuch") }
                                        << "queue_1to1_ns";
}

void TestCli::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const QSet<qint64> before = test::liveWorkerPids();
    const Result r = cli(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
    if (!args.isEmpty())
        QVERIFY2(r.err.trimmed().count('\n') == 0, "one line naming the problem");
    QVERIFY(test::liveWorkerPids().subtract(before).isEmpty());
}

void TestCli::helpAndVersion()
{
    const Result help = cli({ QStringLiteral("--help") });
    QCOMPARE(help.code, 0);
    for (const char* word : { "list", "map", "run", "bench", "--start-method", "--json", "Exit codes" })
        QVERIFY2(help.out.contains(word), word);
    QCOMPARE(cli({ QStringLiteral("--version") }).code, 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
