#include "testutil.h"

#include "base/sharedmemory.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace proclab;

// Every tutorial demo, run as a user runs it: `proclab-cli demo NAME`. Where the tutorial's output is
// deterministic it must be the tutorial's text; and where python3 is installed, the shipped Python program
// must print the same.
class TestDemos : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyDemoRunsAndShipsItsPython_data();
    void everyDemoRunsAndShipsItsPython();
    void output_data();
    void output();
    void samePrintoutAsPython_data();
    void samePrintoutAsPython();
    void deadlockIsCaughtEveryTime();
    void mpiDemosPrintWhatMpi4pyPrints_data();
    void mpiDemosPrintWhatMpi4pyPrints();
    void mpiDeadlockIsCaughtAndStopped();
    void demoSavesItsRun();
    void cleanupTestCase();

private:
    QStringList m_names;
    QHash<QString, int> m_expectedCodes; // a demo whose point is a failure exits with its own code
};

namespace {
using Run = test::ProgramRun;

Run run(const QString& program, const QStringList& args, const QString& workDir = {},
    const QProcessEnvironment& environment = {})
{
    return test::runProgram(program, args, workDir, 120000, environment);
}

Run demo(const QStringList& args)
{
    return run(qEnvironmentVariable("PROCLAB_CLI"), QStringList { QStringLiteral("demo") } + args);
}

QStringList sortedLines(const QByteArray& text)
{
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}
} // namespace

void TestDemos::initTestCase()
{
    const Run list = demo({ QStringLiteral("--list"), QStringLiteral("--json") });
    QCOMPARE(list.code, 0);
    for (const auto& d : QJsonDocument::fromJson(list.out).object().value(QStringLiteral("demos")).toArray()) {
        m_names << d.toObject().value(QStringLiteral("name")).toString();
        m_expectedCodes.insert(m_names.last(), d.toObject().value(QStringLiteral("expected_exit_code")).toInt());
        QVERIFY(!d.toObject().value(QStringLiteral("description")).toString().isEmpty());
    }
    // The ones the curriculum needs, at least.
    for (const char* required : { "pool-map", "pool-starmap", "apply-async", "imap", "process-hello", "process-info",
             "process-names", "queue", "queue-order", "pipe", "lock", "no-lock", "value-array", "manager",
             "shared-counter", "ping-pong", "producer-consumer", "barrier", "semaphore", "start-methods",
             "task-distribution", "joblib-parallel", "sharedmem-mapreduce" })
        QVERIFY2(m_names.contains(QLatin1String(required)), required);
}

void TestDemos::everyDemoRunsAndShipsItsPython_data()
{
    QTest::addColumn<QString>("name");
    for (const QString& n : std::as_const(m_names))
        QTest::newRow(qPrintable(n)) << n;
}

void TestDemos::everyDemoRunsAndShipsItsPython()
{
    QFETCH(QString, name);
    std::optional<decltype(test::mpiEnvironment())> mpi;
    if (name.startsWith(QLatin1String("mpi-"))) {
        PROCLAB_REQUIRE_MPI();
        mpi.emplace(test::mpiEnvironment());
    }
    const QSet<qint64> before = test::liveWorkerPids();
    const Run r = demo({ name, QStringLiteral("-p"), QStringLiteral("3") });
    QVERIFY2(r.code == m_expectedCodes.value(name),
        qPrintable(
            QStringLiteral("exit %1\n%2%3").arg(r.code).arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err))));
    QVERIFY(!r.out.isEmpty());
    const Run python = demo({ name, QStringLiteral("--python") });
    QCOMPARE(python.code, 0);
    QVERIFY2(python.out.contains("multiprocessing") || python.out.contains("concurrent.futures")
            || python.out.contains("from mpi4py import MPI"),
        python.out.constData());
    QVERIFY(python.out.contains("__main__"));
    QVERIFY(test::liveWorkerPids().subtract(before).isEmpty());
    QVERIFY2(test::descendantsOf(platform::currentPid()).isEmpty(), "the demo left a process behind");
}

void TestDemos::output_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("pattern"); // a regular expression for the whole output
    QTest::addColumn<bool>("sortLines"); // lines from several processes come in any order
    QTest::newRow("pool-map") << "pool-map"
                              << R"(\[1, 2, 5, 10, 17, 26, 37, 50\]\n)" << false;
    QTest::newRow("pool-starmap") << "pool-starmap"
                                  << R"(\[0, 2, 4, 6, 8, 10, 12, 14\]\n)" << false;
    QTest::newRow("pool-apply") << "pool-apply"
                                << R"(\[1, 8, 27, 64, 125, 216\]\n)" << false;
    QTest::newRow("apply-async")
        << "apply-async"
        << R"(\[0\.0, 1\.0, 1\.4142135623730951, 1\.7320508075688772, 2\.0, 2\.23606797749979, 2\.449489742783178, 2\.6457513110645907, 2\.8284271247461903, 3\.0\]\n)"
        << false;
    QTest::newRow("imap") << "imap"
                          << R"(<proclab::ResultIterator of 3 results>\n1\n4\n9\n(?:[149]\n){3})" << false;
    QTest::newRow("process-hello") << "process-hello"
                                   << R"(hello bob\n)" << false;
    // The child's parent is the main process with spawn, the fork server with forkserver (the default, as in
    // CPython 3.14, where os.getppid() in the child names the server too).
    QTest::newRow("process-info")
        << "process-info"
        << R"(main line\nmodule name: __main__\nparent process: \d+\nprocess id: (\d+)\nfunction f\nmodule name: __main__\nparent process: \d+\nprocess id: \d+\nhello bob\n)"
        << false;
    QTest::newRow("process-names")
        << "process-names"
        << "10 doubled to 20 by: Process-3\n15 doubled to 30 by: Process-4\n2 doubled to 4 by: Test\n"
           "20 doubled to 40 by: Process-5\n25 doubled to 50 by: Process-6\n5 doubled to 10 by: Process-2\n"
        << true;
    QTest::newRow("task-distribution")
        << "task-distribution"
        << R"(\{\d+: \d+(, \d+: \d+)*\}\n(.*ran \d+ tasks\n)+100 tasks on \d processes\n)" << false;
    QTest::newRow("futures")
        << "futures"
        << R"(a running: (True|False)\na done: (True|False)\na result 1\nb result 2\nc result 100\n((Process done!|Process 4 cancelled|0\.\d+|\d\.\d+e-\d+)\n)+)"
        << false;
    QTest::newRow("queue") << "queue"
                           << R"(\[42, None, 'hello'\]\n)" << false;
    QTest::newRow("pipe") << "pipe"
                          << R"(\[42, None, 'hello'\]\n)" << false;
    QTest::newRow("value-array") << "value-array"
                                 << R"(3\.1415927\n\[0, -1, -2, -3, -4, -5, -6, -7, -8, -9\]\n)" << false;
    QTest::newRow("manager") << "manager"
                             << R"(\{1: '1', '2': 2, 0\.25: None\}\n\[9, 8, 7, 6, 5, 4, 3, 2, 1, 0\]\n)" << false;
    QTest::newRow("lock")
        << "lock"
        << R"(hello world 0\nhello world 1\nhello world 2\nhello world 3\nhello world 4\nhello world 5\nhello world 6\nhello world 7\nhello world 8\nhello world 9\n)"
        << true;
    QTest::newRow("queue-order") << "queue-order"
                                 << R"(\[(\(\d, '\w{5}'\)(, )?){4}\]\n\[('\w{5}'(, )?){4}\]\n)" << false;
    QTest::newRow("shared-counter")
        << "shared-counter"
        << R"(4 processes x (\d+) increments: expected (\d+)\nwithout the lock: \d+ \(\d+ updates lost\)\nwith get_lock\(\):  \2\n)"
        << false;
    QTest::newRow("barrier")
        << "barrier"
        << R"((Process-\d waits at the barrier\n){4}(Process-\d passed the barrier \(arrival \d\)\n){4})" << false;
    QTest::newRow("semaphore")
        << "semaphore"
        << R"(((Process-\d (enters|leaves))\n){8}at most 2 of 4 processes were inside at once \(Semaphore\(2\)\)\n)"
        << false;
    QTest::newRow("ping-pong")
        << "ping-pong"
        << R"(100 round trips in [\d.]+ ms: [\d.]+ us per round trip\n10000 round trips in [\d.]+ ms: [\d.]+ us per round trip\n)"
        << false;
    QTest::newRow("producer-consumer")
        << "producer-consumer"
        << R"((Process-\d \(pid \d+\) counted the letters of \d+ of the 12 texts\n){4}\{'a': 950000, .*'y': 340000\}\n)"
        << false;
    QTest::newRow("joblib-parallel") << "joblib-parallel"
                                     << R"((\[0, 1, 4, 9, 16, 25, 36, 49, 64, 81\]\n){2})" << false;
    // The reduce lines come as the chunks finish: sorted, they are every chunk once.
    QTest::newRow("sharedmem-mapreduce")
        << "sharedmem-mapreduce"
        << R"(8386560\.0\n\[45\.0\]\nchunk 0 done\nchunk 1024 done\nchunk 1536 done\nchunk 2048 done\nchunk 2560 done\n)"
           R"(chunk 3072 done\nchunk 3584 done\nchunk 512 done\n)"
        << true;
    QTest::newRow("start-methods")
        << "start-methods"
        << R"(spawn     : 4 processes ready in [\d.]+ ms .*\nforkserver: 4 processes ready in [\d.]+ ms .*\n.*\n)"
        << false;
}

void TestDemos::output()
{
    QFETCH(QString, name);
    QFETCH(QString, pattern);
    QFETCH(bool, sortLines);
    if (!m_names.contains(name))
        QSKIP("demo not built");
    const Run r = demo({ name });
    QCOMPARE(r.code, 0);
    QString text = QString::fromUtf8(r.out);
    if (sortLines)
        text = sortedLines(r.out).join(QLatin1Char('\n')) + QLatin1Char('\n');
    const QRegularExpression re(
        QRegularExpression::anchoredPattern(pattern), QRegularExpression::DotMatchesEverythingOption);
    QVERIFY2(re.match(text).hasMatch(), qPrintable(QStringLiteral("output of %1:\n%2").arg(name, text)));
    if (name == QLatin1String("semaphore")) {
        // Never more than two inside: replay the enters and leaves.
        int inside = 0;
        int most = 0;
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            inside += line.endsWith(QLatin1String(" enters")) - line.endsWith(QLatin1String(" leaves"));
            most = std::max(most, inside);
        }
        QCOMPARE(most, 2);
    }
    if (name == QLatin1String("futures")) {
        QCOMPARE(text.count(QStringLiteral("Process done!")), 12); // even jobs, the cancelled one included
        QVERIFY(text.contains(QStringLiteral("Process 4 cancelled")));
    }
}

void TestDemos::samePrintoutAsPython_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("sortLines");
    for (const char* n : { "pool-map", "pool-starmap", "pool-apply", "apply-async", "process-hello", "queue", "pipe",
             "value-array", "manager" })
        QTest::newRow(n) << QString::fromLatin1(n) << false;
    for (const char* n : { "process-names", "lock", "sharedmem-mapreduce" })
        QTest::newRow(n) << QString::fromLatin1(n) << true;
    QTest::newRow("joblib-parallel") << QStringLiteral("joblib-parallel") << false;
}

// The shipped Python program really is the equivalent: CPython prints the same.
void TestDemos::samePrintoutAsPython()
{
    QFETCH(QString, name);
    QFETCH(bool, sortLines);
    QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (name == QLatin1String("joblib-parallel"))
        PROCLAB_REQUIRE_PYTHON_MODULE(python, "joblib");
    else
        PROCLAB_REQUIRE_PYTHON(python);
    QTemporaryDir dir;
    // Not NAME.py: a script called queue.py would hide Python's own queue module from multiprocessing.
    QFile script(dir.filePath(
        QStringLiteral("demo_") + QString(name).replace(QLatin1Char('-'), QLatin1Char('_')) + QStringLiteral(".py")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(demo({ name, QStringLiteral("--python") }).out);
    script.close();
    // Python as a student runs it from a terminal: stdout buffered. Under PYTHONUNBUFFERED (set in many CI and
    // container images) print() writes the text and its newline in two calls, and two children printing at once
    // interleave them: "...Process-4...Process-5\n\n", five lines for six, about one run in two.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("PYTHONUNBUFFERED"));
    const Run py = run(python, { script.fileName() }, dir.path(), environment);
    QVERIFY2(py.code == 0, py.err.constData());
    const Run ours = demo({ name });
    QCOMPARE(ours.code, 0);
    if (sortLines) {
        // CPython's children share the terminal without a lock: lines come in any order. Compare the lines
        // said, each whole (sorting characters would let any anagram pass).
        QCOMPARE(sortedLines(ours.out), sortedLines(py.out));
    } else {
        QCOMPARE(QString::fromUtf8(ours.out), QString::fromUtf8(py.out));
    }
}

// Two processes, two locks, opposite orders: 20 runs, 20 deadlocks caught from the lock events, the cycle printed,
// the documented exit code, and nothing of ours left (no worker, no shared memory object named after the run).
void TestDemos::deadlockIsCaughtEveryTime()
{
    const QString cli = qEnvironmentVariable("PROCLAB_CLI");
    if (cli.isEmpty())
        QSKIP("PROCLAB_CLI is not set (run through ctest)");
    const QSet<qint64> before = test::liveWorkerPids();
    for (int i = 0; i < 20; ++i) {
        QProcess p;
        p.start(cli, { QStringLiteral("demo"), QStringLiteral("deadlock") });
        QVERIFY(p.waitForStarted());
        const qint64 pid = p.processId();
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 5,
            qPrintable(QStringLiteral("run %1: exit %2\n%3%4")
                           .arg(i)
                           .arg(p.exitCode())
                           .arg(out, QString::fromUtf8(p.readAllStandardError()))));
        QVERIFY2(out.contains(QStringLiteral("DEADLOCK")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("worker 1: waiting for lock B"))
                && out.contains(QStringLiteral("worker 2: waiting for lock A")),
            qPrintable(out));
        QCOMPARE(out.count(QStringLiteral(" holds Lock #")), 2); // the cycle: both processes, both locks
        QVERIFY(!out.contains(QStringLiteral("done")));
        const QString prefix = QStringLiteral("proclab-%1-").arg(pid);
        for (const QString& name : proclabSharedMemoryObjects())
            QVERIFY2(!name.startsWith(prefix), qPrintable(QStringLiteral("left in /dev/shm: ") + name));
        QTRY_VERIFY2_WITH_TIMEOUT(
            test::liveWorkerPids().subtract(before).isEmpty(), "a worker outlived the demo", 10000);
    }
}

void TestDemos::mpiDemosPrintWhatMpi4pyPrints_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("ranks");
    QTest::newRow("mpi-exchange") << QStringLiteral("mpi-exchange") << 2;
    QTest::newRow("mpi-deadlock-fixed") << QStringLiteral("mpi-deadlock-fixed") << 3;
}

// The MPI demos' shipped programs really are the equivalent: under `mpirun -n N python3 NAME.py` (mpi4py), CPython
// ranks print what the demo prints.
void TestDemos::mpiDemosPrintWhatMpi4pyPrints()
{
    QFETCH(QString, name);
    QFETCH(int, ranks);
    PROCLAB_REQUIRE_MPI();
    const auto mpi = test::mpiEnvironment();
    QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    PROCLAB_REQUIRE_PYTHON_MODULE(python, "mpi4py");
    QTemporaryDir dir;
    QFile script(dir.filePath(QString(name).replace(QLatin1Char('-'), QLatin1Char('_')) + QStringLiteral(".py")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(demo({ name, QStringLiteral("--python") }).out);
    script.close();
    const Run py = run(QStandardPaths::findExecutable(QStringLiteral("mpirun")),
        { QStringLiteral("-n"), QString::number(ranks), QStringLiteral("--oversubscribe"), python, script.fileName() },
        dir.path());
    QVERIFY2(py.code == 0, QByteArray(py.out + py.err).constData());
    const Run ours = demo({ name, QStringLiteral("-p"), QString::number(ranks) });
    QVERIFY2(ours.code == 0, QByteArray(ours.out + ours.err).constData());
    QCOMPARE(QString::fromUtf8(ours.out), QString::fromUtf8(py.out));
}

// proclab-cli demo mpi-deadlock: both ranks stuck in MPI_Send are named, the job is stopped with the documented
// exit code, and nothing of it is left (mpirun, the ranks).
void TestDemos::mpiDeadlockIsCaughtAndStopped()
{
    PROCLAB_REQUIRE_MPI();
    const auto mpi = test::mpiEnvironment();
    const Run r = demo({ QStringLiteral("mpi-deadlock"), QStringLiteral("-p"), QStringLiteral("2") });
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(r.code == 5, qPrintable(QStringLiteral("exit %1\n%2%3").arg(r.code).arg(out, QString::fromUtf8(r.err))));
    QVERIFY2(out.startsWith(QStringLiteral("each rank sends 1048576 bytes to its partner first, then receives\nDEADLOCK")),
        qPrintable(out));
    QCOMPARE(out.count(QStringLiteral(" is in MPI_Send to rank ")), 2);
    QVERIFY(out.contains(QStringLiteral("MPI_Send to rank 1 (1048576 bytes)")));
    QVERIFY(out.contains(QStringLiteral("MPI_Send to rank 0 (1048576 bytes)")));
    QVERIFY(!out.contains(QStringLiteral("received")));
    QTRY_VERIFY2_WITH_TIMEOUT(test::descendantsOf(platform::currentPid()).isEmpty(), "mpirun or a rank outlived the demo",
        test::scaledTimeout(10000));
}

// demo NAME --trace FILE --save FILE, as run: a Chrome trace and a recorded run that `trace` reads back as a demo.
void TestDemos::demoSavesItsRun()
{
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("queue.proclab"));
    const QString chrome = dir.filePath(QStringLiteral("queue.json"));
    const Run r = demo({ QStringLiteral("queue"), QStringLiteral("--save"), saved, QStringLiteral("--trace"), chrome });
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("[42, None, 'hello']\n"));
    QFile chromeFile(chrome);
    QVERIFY(chromeFile.open(QIODevice::ReadOnly));
    QVERIFY(QJsonDocument::fromJson(chromeFile.readAll()).object().contains(QStringLiteral("traceEvents")));
    const Run summary
        = run(qEnvironmentVariable("PROCLAB_CLI"), { QStringLiteral("trace"), saved, QStringLiteral("--json") });
    QVERIFY2(summary.code == 0, summary.err.constData());
    QVERIFY2(summary.out.contains("\"demo\""), summary.out.constData());
    const Run bad = demo({ QStringLiteral("queue"), QStringLiteral("--save") });
    QCOMPARE(bad.code, 2);
}

void TestDemos::cleanupTestCase()
{
    PROCLAB_VERIFY_NOTHING_LEFT();
}

QTEST_GUILESS_MAIN(TestDemos)
#include "tst_demos.moc"
