#include "lab/options.h"

#include <QTest>

using namespace proclab;

// The option rules shared by proclab-cli, the window's command line and the experiment panel: each good input
// gives its value, each bad one a single line that names the option and says what it accepts.
class TestOptions : public QObject {
    Q_OBJECT

private slots:
    void integer_data();
    void integer();
    void processes_data();
    void processes();
    void processList_data();
    void processList();
    void executor_data();
    void executor();
    void executors_data();
    void executors();
    void startMethod_data();
    void startMethod();
    void scheduling_data();
    void scheduling();
    void chunksize_data();
    void chunksize();
    void chunksizes_data();
    void chunksizes();
    void chunksizesText_data();
    void chunksizesText();
    void problemSize_data();
    void problemSize();
    void repeats_data();
    void repeats();
};

namespace {

// An error is one line that starts with (or names) the option and mentions what is accepted.
template <typename T> void checkError(const options::Parsed<T>& parsed, const QString& option, const QString& accepted)
{
    QVERIFY2(!parsed, "a bad input was accepted");
    QVERIFY2(!parsed.error.contains(QLatin1Char('\n')), qPrintable(parsed.error));
    QVERIFY2(parsed.error.contains(option), qPrintable(parsed.error));
    QVERIFY2(parsed.error.contains(accepted), qPrintable(parsed.error));
}

template <typename T> void checkValue(const options::Parsed<T>& parsed, const T& expected)
{
    QVERIFY2(parsed, qPrintable(parsed.error));
    QVERIFY(parsed.error.isEmpty());
    QCOMPARE(*parsed, expected);
}

QList<int> upTo(int n)
{
    QList<int> out;
    for (int p = 1; p <= n; ++p)
        out << p;
    return out;
}

QStringList names(const QList<ExecutorKind>& executors)
{
    QStringList out;
    for (ExecutorKind e : executors)
        out << toString(e);
    return out;
}

} // namespace

void TestOptions::integer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::addColumn<bool>("good");
    QTest::addColumn<int>("expected");

    QTest::newRow("min") << QStringLiteral("0") << 0 << 100 << true << 0;
    QTest::newRow("max") << QStringLiteral("100") << 0 << 100 << true << 100;
    QTest::newRow("middle") << QStringLiteral("42") << 0 << 100 << true << 42;
    QTest::newRow("below") << QStringLiteral("-1") << 0 << 100 << false << 0;
    QTest::newRow("above") << QStringLiteral("101") << 0 << 100 << false << 0;
    QTest::newRow("letters") << QStringLiteral("abc") << 0 << 100 << false << 0;
    QTest::newRow("fraction") << QStringLiteral("1.5") << 0 << 100 << false << 0;
    QTest::newRow("empty") << QString() << 0 << 100 << false << 0;
    QTest::newRow("overflow") << QStringLiteral("99999999999") << 0 << 100 << false << 0;
}

void TestOptions::integer()
{
    QFETCH(QString, text);
    QFETCH(int, min);
    QFETCH(int, max);
    QFETCH(bool, good);
    QFETCH(int, expected);
    const auto parsed = options::integer(QStringLiteral("--n"), text, min, max);
    if (good)
        checkValue(parsed, expected);
    else
        checkError(parsed, QStringLiteral("--n"), QStringLiteral("an integer from %1 to %2").arg(min).arg(max));
}

void TestOptions::processes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("max");
    QTest::addColumn<int>("expected"); // 0: an error

    QTest::newRow("one") << QStringLiteral("1") << options::MaxProcesses << 1;
    QTest::newRow("four") << QStringLiteral("4") << options::MaxProcesses << 4;
    QTest::newRow("max") << QStringLiteral("1024") << options::MaxProcesses << 1024;
    QTest::newRow("small-max") << QStringLiteral("64") << 64 << 64;
    QTest::newRow("zero") << QStringLiteral("0") << options::MaxProcesses << 0;
    QTest::newRow("negative") << QStringLiteral("-3") << options::MaxProcesses << 0;
    QTest::newRow("huge") << QStringLiteral("100000") << options::MaxProcesses << 0;
    QTest::newRow("over-small-max") << QStringLiteral("65") << 64 << 0;
    QTest::newRow("letters") << QStringLiteral("abc") << options::MaxProcesses << 0;
    QTest::newRow("range") << QStringLiteral("1..4") << options::MaxProcesses << 0; // a plain N for one run
    QTest::newRow("list") << QStringLiteral("1,2") << options::MaxProcesses << 0;
}

void TestOptions::processes()
{
    QFETCH(QString, text);
    QFETCH(int, max);
    QFETCH(int, expected);
    const auto parsed = options::processes(text, max);
    if (expected > 0)
        checkValue(parsed, expected);
    else
        checkError(parsed, QStringLiteral("-p/--processes"), QStringLiteral("from 1 to %1").arg(max));
}

void TestOptions::processList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("expected"); // empty: an error

    QTest::newRow("N") << QStringLiteral("3") << QList<int> { 1, 2, 3 };
    QTest::newRow("range") << QStringLiteral("2..4") << QList<int> { 2, 3, 4 };
    QTest::newRow("range-spaces") << QStringLiteral(" 1 .. 2 ") << QList<int> { 1, 2 };
    QTest::newRow("one") << QStringLiteral("1..1") << QList<int> { 1 };
    QTest::newRow("list") << QStringLiteral("1,2,4") << QList<int> { 1, 2, 4 };
    QTest::newRow("list-spaces") << QStringLiteral("1, 8") << QList<int> { 1, 8 };
    QTest::newRow("max") << QStringLiteral("1024") << upTo(1024);
    QTest::newRow("zero") << QStringLiteral("0") << QList<int> {};
    QTest::newRow("range-zero") << QStringLiteral("0..2") << QList<int> {};
    QTest::newRow("range-backwards") << QStringLiteral("4..2") << QList<int> {};
    QTest::newRow("range-huge") << QStringLiteral("1..100000") << QList<int> {};
    QTest::newRow("range-open") << QStringLiteral("1..") << QList<int> {};
    QTest::newRow("descending") << QStringLiteral("4,2") << QList<int> {};
    QTest::newRow("repeated") << QStringLiteral("2,2") << QList<int> {};
    QTest::newRow("list-letters") << QStringLiteral("1,x") << QList<int> {};
    QTest::newRow("list-empty-entry") << QStringLiteral("1,,2") << QList<int> {};
    QTest::newRow("letters") << QStringLiteral("many") << QList<int> {};
    QTest::newRow("empty") << QString() << QList<int> {};
}

void TestOptions::processList()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, expected);
    const auto parsed = options::processList(text);
    if (!expected.isEmpty())
        checkValue(parsed, expected);
    else
        checkError(parsed, QStringLiteral("-p/--processes"), QStringLiteral("1..N, N or an ascending list"));
}

void TestOptions::executor_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: an error

    QTest::newRow("process") << QStringLiteral("process") << QStringLiteral("process");
    QTest::newRow("thread") << QStringLiteral("thread") << QStringLiteral("thread");
    QTest::newRow("gil-thread") << QStringLiteral("gil-thread") << QStringLiteral("gil-thread");
    QTest::newRow("serial") << QStringLiteral("serial") << QStringLiteral("serial");
    QTest::newRow("unknown") << QStringLiteral("quantum") << QString();
    QTest::newRow("capitals") << QStringLiteral("Process") << QString();
    QTest::newRow("list") << QStringLiteral("process,thread") << QString(); // one run, one executor
    QTest::newRow("empty") << QString() << QString();
}

void TestOptions::executor()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = options::executor(text);
    if (!expected.isEmpty())
        QCOMPARE(parsed ? toString(*parsed) : parsed.error, expected);
    else
        checkError(
            parsed, QStringLiteral("executor '%1'").arg(text), QStringLiteral("process, thread, gil-thread, serial"));
}

void TestOptions::executors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // empty: an error
    QTest::addColumn<QString>("bad"); // the entry the error names

    QTest::newRow("one") << QStringLiteral("thread") << QStringList { QStringLiteral("thread") } << QString();
    QTest::newRow("two") << QStringLiteral("process,gil-thread")
                         << QStringList { QStringLiteral("process"), QStringLiteral("gil-thread") } << QString();
    QTest::newRow("spaces") << QStringLiteral("serial , process")
                            << QStringList { QStringLiteral("serial"), QStringLiteral("process") } << QString();
    QTest::newRow("repeated") << QStringLiteral("thread,thread") << QStringList { QStringLiteral("thread") }
                              << QString();
    QTest::newRow("unknown") << QStringLiteral("process,quantum") << QStringList {} << QStringLiteral("quantum");
    QTest::newRow("empty-entry") << QStringLiteral("process,") << QStringList {} << QString();
    QTest::newRow("empty") << QString() << QStringList {} << QString();
}

void TestOptions::executors()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QFETCH(QString, bad);
    const auto parsed = options::executors(text);
    if (!expected.isEmpty())
        QCOMPARE(parsed ? names(*parsed) : QStringList { parsed.error }, expected);
    else
        checkError(
            parsed, QStringLiteral("executor '%1'").arg(bad), QStringLiteral("process, thread, gil-thread, serial"));
}

void TestOptions::startMethod_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: an error

    QTest::newRow("spawn") << QStringLiteral("spawn") << QStringLiteral("spawn");
    QTest::newRow("forkserver") << QStringLiteral("forkserver") << QStringLiteral("forkserver");
    QTest::newRow("fork") << QStringLiteral("fork") << QString(); // never offered: the engine is multi-threaded
    QTest::newRow("empty") << QString() << QString();
}

void TestOptions::startMethod()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = options::startMethod(text);
    if (!expected.isEmpty())
        QCOMPARE(parsed ? toString(*parsed) : parsed.error, expected);
    else
        checkError(parsed, QStringLiteral("start method '%1'").arg(text), QStringLiteral("spawn, forkserver"));
}

void TestOptions::scheduling_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: an error

    QTest::newRow("dynamic") << QStringLiteral("dynamic") << QStringLiteral("dynamic");
    QTest::newRow("static") << QStringLiteral("static") << QStringLiteral("static");
    QTest::newRow("random") << QStringLiteral("random") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestOptions::scheduling()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = options::scheduling(text);
    if (!expected.isEmpty())
        QCOMPARE(parsed ? toString(*parsed) : parsed.error, expected);
    else
        checkError(parsed, QStringLiteral("scheduling '%1'").arg(text), QStringLiteral("dynamic, static"));
}

void TestOptions::chunksize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // -1: an error

    QTest::newRow("auto") << QStringLiteral("auto") << 0;
    QTest::newRow("AUTO") << QStringLiteral("AUTO") << 0;
    QTest::newRow("zero") << QStringLiteral("0") << 0;
    QTest::newRow("one") << QStringLiteral("1") << 1;
    QTest::newRow("spaces") << QStringLiteral(" 16 ") << 16;
    QTest::newRow("max") << QStringLiteral("1000000") << 1000000;
    QTest::newRow("negative") << QStringLiteral("-1") << -1;
    QTest::newRow("too-big") << QStringLiteral("1000001") << -1;
    QTest::newRow("overflow") << QStringLiteral("99999999999") << -1;
    QTest::newRow("letters") << QStringLiteral("big") << -1;
    QTest::newRow("fraction") << QStringLiteral("2.5") << -1;
    QTest::newRow("list") << QStringLiteral("1,2") << -1; // one run, one chunksize
    QTest::newRow("empty") << QString() << -1;
}

void TestOptions::chunksize()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    const auto parsed = options::chunksize(text);
    if (expected >= 0)
        checkValue(parsed, expected);
    else
        checkError(parsed, QStringLiteral("--chunksize"),
            QStringLiteral("auto (Python's default, also 0) or an integer from 1 to 1000000"));
}

void TestOptions::chunksizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("expected"); // empty: an error
    QTest::addColumn<QString>("bad"); // the entry the error names

    QTest::newRow("auto") << QStringLiteral("auto") << QList<int> { 0 } << QString();
    QTest::newRow("one") << QStringLiteral("10") << QList<int> { 10 } << QString();
    QTest::newRow("list") << QStringLiteral("1, 10, 100") << QList<int> { 1, 10, 100 } << QString();
    QTest::newRow("auto-and-n") << QStringLiteral("auto,4") << QList<int> { 0, 4 } << QString();
    QTest::newRow("zero-is-auto") << QStringLiteral("auto, 0, 2") << QList<int> { 0, 2 } << QString();
    QTest::newRow("repeated") << QStringLiteral("4,4,1") << QList<int> { 4, 1 } << QString();
    QTest::newRow("max") << QStringLiteral("1000000") << QList<int> { 1000000 } << QString();
    QTest::newRow("negative") << QStringLiteral("1,-1") << QList<int> {} << QStringLiteral("-1");
    QTest::newRow("too-big") << QStringLiteral("20000000") << QList<int> {} << QStringLiteral("20000000");
    QTest::newRow("letters") << QStringLiteral("1, x") << QList<int> {} << QStringLiteral("x");
    QTest::newRow("empty-entry") << QStringLiteral("1,,2") << QList<int> {} << QString();
    QTest::newRow("trailing-comma") << QStringLiteral("1,") << QList<int> {} << QString();
    QTest::newRow("empty") << QString() << QList<int> {} << QString();
}

void TestOptions::chunksizes()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, expected);
    QFETCH(QString, bad);
    const auto parsed = options::chunksizes(text);
    if (!expected.isEmpty()) {
        checkValue(parsed, expected);
    } else {
        checkError(parsed, QStringLiteral("--chunksize"), QStringLiteral("integers from 1 to 1000000"));
        QVERIFY2(parsed.error.endsWith(QStringLiteral("(got '%1')").arg(bad)), qPrintable(parsed.error));
    }
}

void TestOptions::chunksizesText_data()
{
    QTest::addColumn<QList<int>>("chunksizes");
    QTest::addColumn<QString>("expected");

    QTest::newRow("auto") << QList<int> { 0 } << QStringLiteral("auto");
    QTest::newRow("list") << QList<int> { 0, 1, 100 } << QStringLiteral("auto, 1, 100");
}

void TestOptions::chunksizesText()
{
    QFETCH(QList<int>, chunksizes);
    QFETCH(QString, expected);
    QCOMPARE(options::chunksizesText(chunksizes), expected);
    checkValue(options::chunksizes(expected), chunksizes); // reads back
}

void TestOptions::problemSize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("param"); // empty: an error
    QTest::addColumn<QStringList>("values");

    QTest::newRow("tasks") << QStringLiteral("tasks=4,8,16") << QStringLiteral("tasks")
                           << QStringList { QStringLiteral("4"), QStringLiteral("8"), QStringLiteral("16") };
    QTest::newRow("spaces") << QStringLiteral(" n = 128, 256 ") << QStringLiteral("n")
                            << QStringList { QStringLiteral("128"), QStringLiteral("256") };
    QTest::newRow("one") << QStringLiteral("samples=1e6") << QStringLiteral("samples")
                         << QStringList { QStringLiteral("1e6") };
    QTest::newRow("blank-entry") << QStringLiteral("n=1,,2, ") << QStringLiteral("n")
                                 << QStringList { QStringLiteral("1"), QStringLiteral("2") };
    QTest::newRow("no-values") << QStringLiteral("tasks=") << QString() << QStringList {};
    QTest::newRow("no-equals") << QStringLiteral("tasks") << QString() << QStringList {};
    QTest::newRow("no-param") << QStringLiteral("=4,8") << QString() << QStringList {};
    QTest::newRow("empty") << QString() << QString() << QStringList {};
}

void TestOptions::problemSize()
{
    QFETCH(QString, text);
    QFETCH(QString, param);
    QFETCH(QStringList, values);
    const auto parsed = options::problemSize(text);
    if (param.isEmpty()) {
        checkError(parsed, QStringLiteral("--size"), QStringLiteral("a parameter and values"));
        return;
    }
    QVERIFY2(parsed, qPrintable(parsed.error));
    QCOMPARE(parsed->param, param);
    QCOMPARE(parsed->values, values);
}

void TestOptions::repeats_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("max");
    QTest::addColumn<int>("expected"); // 0: an error

    QTest::newRow("one") << QStringLiteral("1") << 10 << 1;
    QTest::newRow("window-max") << QStringLiteral("10") << 10 << 10;
    QTest::newRow("cli-max") << QStringLiteral("1000") << 1000 << 1000;
    QTest::newRow("zero") << QStringLiteral("0") << 10 << 0;
    QTest::newRow("over") << QStringLiteral("11") << 10 << 0;
    QTest::newRow("letters") << QStringLiteral("abc") << 10 << 0;
    QTest::newRow("empty") << QString() << 1000 << 0;
}

void TestOptions::repeats()
{
    QFETCH(QString, text);
    QFETCH(int, max);
    QFETCH(int, expected);
    const auto parsed = options::repeats(text, max);
    if (expected > 0)
        checkValue(parsed, expected);
    else
        checkError(parsed, QStringLiteral("--repeats"), QStringLiteral("from 1 to %1").arg(max));
}

QTEST_GUILESS_MAIN(TestOptions)
#include "tst_options.moc"
