// Bad input anywhere on the command line, of proclab-cli and of the proclab window: one clear line, exit code
// 2, no crash, no absurd allocation, nothing started, nothing half-written.
#include "base/platform.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace proclab;

class TestBadInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cli_data();
    void cli();
    void gui_data();
    void gui();
    void cleanupTestCase();

private:
    void check(const QString& program, const QString& prefix, const QStringList& args, const QString& expected);
    QString out(const char* name) const { return m_dir.filePath(QLatin1String("out/") + QLatin1String(name)); }

    QTemporaryDir m_dir;
};

void TestBadInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("out")));
    QFile binary(m_dir.filePath(QStringLiteral("binary.bin")));
    QVERIFY(binary.open(QIODevice::WriteOnly));
    binary.write(QByteArray("\x7f"
                            "ELF\x02\x01\x01\0\0\0\0",
        12)
                     .repeated(100));
}

void TestBadInput::check(
    const QString& program, const QString& prefix, const QStringList& args, const QString& expected)
{
    QProcess p;
    p.start(program, args);
    QVERIFY2(p.waitForFinished(60000), "it did not answer within a minute");
    QCOMPARE(p.exitStatus(), QProcess::NormalExit); // no crash
    QStringList lines;
    for (const QString& line : QString::fromUtf8(p.readAllStandardError()).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.startsWith(QLatin1String("QStandardPaths:"))) // Qt's own note where XDG_RUNTIME_DIR is unset
            lines << line;
    QVERIFY2(p.exitCode() == 2,
        qPrintable(QStringLiteral("exit %1: %2").arg(p.exitCode()).arg(lines.join(QLatin1Char('\n')))));
    QVERIFY2(lines.size() == 1, qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY2(lines.first().startsWith(prefix) && lines.first().contains(expected), qPrintable(lines.first()));
    QCOMPARE(p.readAllStandardOutput(), QByteArray());
    QCOMPARE(
        QDir(m_dir.filePath(QStringLiteral("out"))).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestBadInput::cli_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* tag, const QStringList& args, const char* expected) {
        QTest::newRow(tag) << args << QString::fromUtf8(expected);
    };
    const QString run = QStringLiteral("run");
    const QString spin = QStringLiteral("spin");
    const QString set = QStringLiteral("--set");
    row("unknown-command", { QStringLiteral("explode") }, "unknown command 'explode'");
    row("unknown-option", { run, spin, QStringLiteral("--bogus") }, "Unknown option 'bogus'");
    row("no-workload", { run }, "needs one workload");
    row("unknown-workload", { run, QStringLiteral("nosuch") }, "unknown workload 'nosuch'");
    row("p-letters", { run, spin, QStringLiteral("-p"), QStringLiteral("abc") }, "-p/--processes must be an integer");
    row("p-negative", { run, spin, QStringLiteral("-p"), QStringLiteral("-3") }, "-p/--processes");
    row("p-huge", { run, spin, QStringLiteral("-p"), QStringLiteral("100000") }, "from 1 to 1024");
    row("chunksize-negative", { run, spin, QStringLiteral("--chunksize"), QStringLiteral("-1") }, "--chunksize");
    row("chunksize-overflow", { run, spin, QStringLiteral("--chunksize"), QStringLiteral("99999999999") },
        "--chunksize");
    row("executor", { run, spin, QStringLiteral("--executor"), QStringLiteral("quantum") }, "unknown executor");
    row("start-method", { run, spin, QStringLiteral("--start-method"), QStringLiteral("fork") },
        "unknown start method");
    row("scheduling", { run, spin, QStringLiteral("--scheduling"), QStringLiteral("random") }, "unknown scheduling");
    row("param-unknown", { run, spin, set, QStringLiteral("nosuch=1") }, "unknown parameter 'nosuch'");
    row("param-no-value", { run, spin, set, QStringLiteral("tasks") }, "expected key=value");
    row("param-letters", { run, spin, set, QStringLiteral("tasks=abc") }, "tasks=abc");
    row("param-huge", { run, spin, set, QStringLiteral("tasks=1e12") }, "tasks=1e12");
    row("param-nan", { run, spin, set, QStringLiteral("ms=nan") }, "ms=nan");
    row("param-inf", { run, spin, set, QStringLiteral("ms=inf") }, "ms=inf");
    row("expr-n-huge", { run, QStringLiteral("expr"), set, QStringLiteral("n=1e12") }, "n=1e12");
    row("expr-syntax", { run, QStringLiteral("expr"), set, QStringLiteral("expr=x*") }, "Unexpected end of expression");
    row("matmul-huge", { run, QStringLiteral("matmul"), set, QStringLiteral("n=100000") }, "n=100000");
    row("kde-huge", { run, QStringLiteral("kde"), set, QStringLiteral("n=100000000"), set, QStringLiteral("d=64") },
        "at most 100,000,000");
    row("randstring-huge",
        { run, QStringLiteral("randstring"), set, QStringLiteral("strings=1000"), set,
            QStringLiteral("length=100000000") },
        "at most 1,000,000,000");
    row("sqrt-huge", { run, QStringLiteral("sqrt"), set, QStringLiteral("n=1e9") }, "n=1e9");
    row("letters-no-path", { run, QStringLiteral("letters"), set, QStringLiteral("path=/no/such/file.txt") },
        "does not exist");
    row("letters-binary",
        { run, QStringLiteral("letters"), set, QStringLiteral("path=") + m_dir.filePath(QStringLiteral("binary.bin")) },
        "looks like a binary file");
    row("letters-encoding", { run, QStringLiteral("letters"), set, QStringLiteral("encoding=latin9") },
        "expected utf-8 or cp1251");
    row("pace", { run, spin, QStringLiteral("--pace"), QStringLiteral("-1") }, "--pace");
    row("deadline", { run, spin, QStringLiteral("--deadline"), QStringLiteral("0") }, "--deadline");
    row("deadline-thread",
        { run, spin, QStringLiteral("--deadline"), QStringLiteral("100"), QStringLiteral("--executor"),
            QStringLiteral("thread") },
        "a thread cannot be killed");
    row("inject-kind", { run, spin, QStringLiteral("--inject"), QStringLiteral("explode") }, "unknown kind");
    row("inject-task", { run, spin, QStringLiteral("--inject"), QStringLiteral("kill:-1") }, "not a task number");
    row("inject-range", { run, spin, QStringLiteral("--inject"), QStringLiteral("kill:16") }, "only 16 task(s)");
    row("inject-thread",
        { run, spin, QStringLiteral("--inject"), QStringLiteral("crash"), QStringLiteral("--executor"),
            QStringLiteral("gil-thread") },
        "needs --executor process");
    row("trace-no-folder", { run, spin, QStringLiteral("--trace"), QStringLiteral("/no/such/folder/t.json") },
        "cannot write there");
    row("trace-is-folder", { run, spin, QStringLiteral("--trace"), m_dir.path() }, "that is a folder");
    // Bad input after a good output option: the output must not appear.
    row("trace-then-bad",
        { run, spin, QStringLiteral("--trace"), out("t.json"), QStringLiteral("-p"), QStringLiteral("0") },
        "-p/--processes");
    row("map-expr", { QStringLiteral("map"), QStringLiteral("x*"), QStringLiteral("--inputs"), QStringLiteral("0..3") },
        "bad expression");
    row("map-invalid-utf8",
        { QStringLiteral("map"), QString::fromUtf8("\xc3\x28x"), QStringLiteral("--inputs"), QStringLiteral("1") },
        "bad expression");
    row("map-range-huge",
        { QStringLiteral("map"), QStringLiteral("x"), QStringLiteral("--inputs"), QStringLiteral("0..99999999999") },
        "too large");
    row("map-range-empty",
        { QStringLiteral("map"), QStringLiteral("x"), QStringLiteral("--inputs"), QStringLiteral("5..1") },
        "empty range");
    row("map-inputs", { QStringLiteral("map"), QStringLiteral("x"), QStringLiteral("--inputs"), QStringLiteral("a,b") },
        "not a number");
    row("map-arity",
        { QStringLiteral("map"), QStringLiteral("x+y"), QStringLiteral("--inputs"), QStringLiteral("1,2") },
        "--mode starmap");
    row("map-tuples",
        { QStringLiteral("map"), QStringLiteral("x+y"), QStringLiteral("--inputs"), QStringLiteral("(1,2"),
            QStringLiteral("--mode"), QStringLiteral("starmap") },
        "bad tuple list");
    row("sweep-p", { QStringLiteral("sweep"), spin, QStringLiteral("-p"), QStringLiteral("1..100000") },
        "-p/--processes");
    row("sweep-repeats", { QStringLiteral("sweep"), spin, QStringLiteral("--repeats"), QStringLiteral("0") },
        "--repeats");
    row("sweep-csv",
        { QStringLiteral("sweep"), spin, QStringLiteral("--csv"), QStringLiteral("/no/such/folder/s.csv") },
        "cannot write there");
    row("sweep-csv-then-bad",
        { QStringLiteral("sweep"), spin, QStringLiteral("--csv"), out("s.csv"), QStringLiteral("--repeats"),
            QStringLiteral("x") },
        "--repeats");
    row("bench", { QStringLiteral("bench"), QStringLiteral("--tasks"), QStringLiteral("0") }, "--tasks");
    row("demo", { QStringLiteral("demo"), QStringLiteral("nosuch") }, "unknown demo");
    row("demo-p", { QStringLiteral("demo"), QStringLiteral("queue"), QStringLiteral("-p"), QStringLiteral("1000") },
        "-p/--processes");
}

void TestBadInput::cli()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    check(qEnvironmentVariable("PROCLAB_CLI"), QStringLiteral("proclab-cli: "), args, expected);
}

void TestBadInput::gui_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* tag, const QStringList& args, const char* expected) {
        QTest::newRow(tag) << args << QString::fromUtf8(expected);
    };
    const QString set = QStringLiteral("--set");
    row("unknown-option", { QStringLiteral("--bogus") }, "Unknown option 'bogus'");
    row("argument", { QStringLiteral("extra") }, "unexpected argument 'extra'");
    row("workload", { QStringLiteral("--workload"), QStringLiteral("nosuch") }, "unknown workload");
    row("p-zero", { QStringLiteral("-p"), QStringLiteral("0") }, "--processes");
    row("p-huge", { QStringLiteral("-p"), QStringLiteral("100000") }, "--processes");
    row("param-huge", { QStringLiteral("--workload"), QStringLiteral("spin"), set, QStringLiteral("tasks=1e12") },
        "tasks=1e12");
    row("expr", { QStringLiteral("--workload"), QStringLiteral("expr"), set, QStringLiteral("expr=x*") },
        "Unexpected end of expression");
    row("letters-binary",
        { QStringLiteral("--workload"), QStringLiteral("letters"), set,
            QStringLiteral("path=") + m_dir.filePath(QStringLiteral("binary.bin")) },
        "looks like a binary file");
    row("repeats", { QStringLiteral("--repeats"), QStringLiteral("abc") }, "--repeats");
    row("executor", { QStringLiteral("--executor"), QStringLiteral("quantum") }, "unknown executor");
    row("view", { QStringLiteral("--view"), QStringLiteral("3d") }, "unknown view");
    row("screenshot",
        { QStringLiteral("--screenshot"), QStringLiteral("/no/such/folder/s.png"), QStringLiteral("--run") },
        "cannot write there");
}

void TestBadInput::gui()
{
#ifdef PROCLAB_GUI_PATH
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    check(QStringLiteral(PROCLAB_GUI_PATH), QStringLiteral("proclab: "), args, expected);
#else
    QSKIP("built without the window");
#endif
}

void TestBadInput::cleanupTestCase()
{
    PROCLAB_VERIFY_NOTHING_LEFT(); // nothing was started
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
