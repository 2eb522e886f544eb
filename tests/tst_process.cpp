#include "base/ioloop.h"
#include "base/platform.h"
#include "engine/context.h"
#include "engine/process.h"
#include "testutil.h"

#include <QFile>
#include <QTest>
#include <QThread>

#include <csignal>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

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
    void forkserverChildsPidReusedIsNotSignalled();
};

namespace {

// A `sleep 60` leading its own process group with exactly pid `pid`, by setting the kernel's last pid (root
// only); -1 when that cannot be done here.
pid_t decoyWithPid(pid_t pid)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QFile last(QStringLiteral("/proc/sys/kernel/ns_last_pid"));
        if (!last.open(QIODevice::WriteOnly) || last.write(QByteArray::number(pid - 1)) <= 0)
            return -1;
        last.close();
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attr, 0);
        char* argv[] = { const_cast<char*>("sleep"), const_cast<char*>("60"), nullptr };
        pid_t child = -1;
        const int r = posix_spawnp(&child, "sleep", nullptr, &attr, argv, environ);
        posix_spawnattr_destroy(&attr);
        if (r != 0)
            return -1;
        test::rememberChild(child);
        if (child == pid)
            return child;
        ::kill(child, SIGKILL); // somebody else took pid - 1 + 1 first: again
        ::waitpid(child, nullptr, 0);
    }
    return -1;
}

} // namespace

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

// The forkserver reaps its children the moment they die; the engine hears of it a little later. A kill or
// terminate asked in between must not reach whoever got the pid meanwhile: the engine asks the server, which
// signals only a child it has not reaped. Made deterministic here: on the engine's I/O thread (so it cannot
// handle the exit yet), the worker is killed from outside, reaped by the server, its pid handed to a decoy
// that leads a group of the same number, and then the engine is asked to kill the worker.
void TestProcess::forkserverChildsPidReusedIsNotSignalled()
{
    if (::geteuid() != 0)
        QSKIP("needs root to choose a pid (/proc/sys/kernel/ns_last_pid)");
    Context context(StartMethod::ForkServer);
    Process p(&context, Function::named(QStringLiteral("sleep")), 60000.0);
    p.start();
    const pid_t pid = pid_t(p.pid());
    QVERIFY(pid > 0);
    pid_t decoy = -1;
    bool reaped = false;
    context.loop()->postAndWait([&] {
        ::kill(pid, SIGKILL);
        // Reaped (not only dead): /proc/PID goes when the server's wait4 took it.
        for (int i = 0; i < 2000 && QFile::exists(QStringLiteral("/proc/%1").arg(pid)); ++i)
            QThread::msleep(5);
        reaped = !QFile::exists(QStringLiteral("/proc/%1").arg(pid));
        if (reaped)
            decoy = decoyWithPid(pid);
        p.kill(); // on the loop thread: runs here, before the exit is handled
    });
    QVERIFY(reaped);
    if (decoy < 0)
        QSKIP("could not give the pid to a decoy here (ns_last_pid not writable, or the pid was taken)");
    QVERIFY(p.join(test::scaledTimeout(30000))); // ms: generous, as every wait in a test (it once took > 30 ms)
    // The server handles its control messages in order: once a later fork is answered, the signal request has
    // been handled too.
    Process later(&context, Function::named(QStringLiteral("noop")));
    later.start();
    QVERIFY(later.join(test::scaledTimeout(30000)));
    int status = 0;
    const pid_t waited = ::waitpid(decoy, &status, WNOHANG);
    ::kill(decoy, SIGKILL);
    ::waitpid(decoy, nullptr, 0);
    QVERIFY2(waited == 0, "the decoy that got the worker's pid was signalled");
}

QTEST_GUILESS_MAIN(TestProcess)
#include "tst_process.moc"
