#include "base/platform.h"
#include "engine/context.h"
#include "engine/process.h"
#include "testutil.h"

#include <QTest>

#include <csignal>

using namespace proclab;

class TestProcess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startJoinExitCode_data();
    void startJoinExitCode();
    void defaultNamesCountLikePython();
    void targetThatRaisesExitsWithOne();
    void killAndTerminateGiveNegativeSignal();
    void sharedConsoleNamesTheWriter();
    void destroyingKillsAndReaps();
};

void TestProcess::startJoinExitCode_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestProcess::startJoinExitCode()
{
    QFETCH(StartMethod, method);
    Context context(method);
    Process p(&context, Function::named(QStringLiteral("sleep")), 200.0);
    QVERIFY(!p.exitCode());
    p.start();
    QVERIFY(p.pid() > 0);
    QVERIFY(p.pid() != platform::currentPid());
    QVERIFY(p.isAlive());
    QVERIFY(platform::isAlive(pid_t(p.pid())));
    QVERIFY(!p.join(1)); // still sleeping
    QVERIFY(p.join());
    QCOMPARE(p.exitCode().value_or(-999), 0);
    QVERIFY(!p.isAlive());
    QVERIFY(!platform::isAlive(pid_t(p.pid())));
}

void TestProcess::defaultNamesCountLikePython()
{
    // The tutorial's doubler: one Process made and never started, five more, then one named Test.
    Context context;
    Process unused(&context, Function::named(QStringLiteral("noop")));
    QCOMPARE(unused.name(), QStringLiteral("Process-1"));
    Process second(&context, Function::named(QStringLiteral("noop")));
    QCOMPARE(second.name(), QStringLiteral("Process-2"));
    Process named(&context, Function::named(QStringLiteral("noop")), {}, QStringLiteral("Test"));
    QCOMPARE(named.name(), QStringLiteral("Test"));
}

void TestProcess::targetThatRaisesExitsWithOne()
{
    Context context;
    Process p(&context,
        Function::named(QStringLiteral("raise"), { { QStringLiteral("message"), QStringLiteral("boom") } }), 1);
    p.start();
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 1);
    // The traceback goes to the process's stderr, as CPython prints it.
    QTRY_VERIFY(context.console().size() > 0);
    bool sawTraceback = false;
    for (const auto& c : context.console())
        sawTraceback |= c.stream == 2 && c.text.contains("ValueError: boom") && c.pid == p.pid();
    QVERIFY(sawTraceback);
}

void TestProcess::killAndTerminateGiveNegativeSignal()
{
    Context context;
    Process a(&context, Function::named(QStringLiteral("sleep")), 60000.0);
    Process b(&context, Function::named(QStringLiteral("sleep")), 60000.0);
    a.start();
    b.start();
    a.kill();
    b.terminate();
    QVERIFY(a.join(10000));
    QVERIFY(b.join(10000));
    QCOMPARE(a.exitCode().value_or(0), -SIGKILL);
    QCOMPARE(b.exitCode().value_or(0), -SIGTERM);
}

void TestProcess::sharedConsoleNamesTheWriter()
{
    Context context;
    Process p(&context, Function::named(QStringLiteral("print")),
        QCborArray { QStringLiteral("hello"), QStringLiteral("bob") });
    p.start();
    QVERIFY(p.join(10000));
    QTRY_COMPARE(context.consoleText(), QByteArray("hello bob\n"));
    const auto chunks = context.console();
    QCOMPARE(chunks.front().pid, p.pid()); // the kernel told us who wrote it (SO_PASSCRED)
    QCOMPARE(chunks.front().stream, 1);
    QCOMPARE(context.processName(pid_t(p.pid())), QStringLiteral("Process-1"));
}

void TestProcess::destroyingKillsAndReaps()
{
    qint64 pid = 0;
    {
        Context context;
        Process p(&context, Function::named(QStringLiteral("sleep")), 60000.0);
        p.start();
        pid = p.pid();
        QVERIFY(platform::isAlive(pid_t(pid)));
    }
    QVERIFY2(!platform::isAlive(pid_t(pid)), "a Process handle never leaves its process behind");
}

QTEST_GUILESS_MAIN(TestProcess)
#include "tst_process.moc"
