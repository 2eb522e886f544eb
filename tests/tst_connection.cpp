#include "mp/connection.h"

#include "base/platform.h"
#include "base/sharedmemory.h"
#include "engine/context.h"
#include "engine/process.h"
#include "testutil.h"

#include <QCborArray>
#include <QScopeGuard>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <functional>

using namespace proclab;

namespace {

Function kernel(const char* name)
{
    return Function::named(QString::fromLatin1(name));
}

// The exception type (and message) a call raised.
QString raised(const std::function<void()>& f)
{
    try {
        f();
    } catch (const TaskException& e) {
        return e.message().isEmpty() ? e.type() : e.type() + QStringLiteral(": ") + e.message();
    }
    return QStringLiteral("no exception");
}

bool isOpenFd(int fd)
{
    return ::fcntl(fd, F_GETFD) >= 0;
}

} // namespace

class TestConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup();

    void inOneProcess();
    void closedAndMoved();
    void duplexBothWays_data();
    void duplexBothWays();
    void oneWay_data();
    void oneWay();
    void eofInTheChild_data();
    void eofInTheChild();
    void noEofWhileTheParentKeepsACopy();
    void sendToAGonePeerInTheParent_data();
    void sendToAGonePeerInTheParent();
    void sendToAGonePeerInTheChild_data();
    void sendToAGonePeerInTheChild();
    void pollAndEvents();
};

void TestConnection::cleanup()
{
    const QStringList left = test::ourSharedMemory();
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("left in /dev/shm: ") + left.join(QLatin1Char(' '))));
    QVERIFY2(test::descendantsOf(platform::currentPid()).isEmpty(), "every process was reaped");
}

void TestConnection::inOneProcess()
{
    Context context;
    auto duplex = Pipe(&context);
    Connection& a = duplex.first;
    Connection& b = duplex.second;
    QVERIFY(a.readable() && a.writable() && b.readable() && b.writable());
    QCOMPARE(a.id(), b.id()); // one pipe, one object on the stage
    QVERIFY(!a.poll());
    const QCborValue list = QCborArray { 42, QCborValue(QCborValue::Null), QStringLiteral("hello") };
    a.send(list);
    QVERIFY(b.poll());
    QCOMPARE(b.recv(), list);
    b.sendBytes(QByteArray("raw\0bytes", 9));
    QCOMPARE(a.recvBytes(), QByteArray("raw\0bytes", 9));
    a.send(QCborValue(QCborValue::Null));
    QVERIFY(b.recv().isNull());

    auto oneWay = Pipe(&context, false);
    Connection& r = oneWay.first;
    Connection& w = oneWay.second;
    QVERIFY(r.readable() && !r.writable());
    QVERIFY(!w.readable() && w.writable());
    QCOMPARE(raised([&] { r.send(1); }), QStringLiteral("OSError: connection is read-only"));
    QCOMPARE(raised([&] { w.recv(); }), QStringLiteral("OSError: connection is write-only"));
    QCOMPARE(raised([&] { w.poll(); }), QStringLiteral("OSError: connection is write-only"));
    w.send(QStringLiteral("one way"));
    QCOMPARE(r.recv(), QCborValue(QStringLiteral("one way")));
    w.close();
    QVERIFY2(r.poll(), "end-of-file counts as something to read");
    QCOMPARE(raised([&] { r.recv(); }), QStringLiteral("EOFError: the other end closed"));
}

void TestConnection::closedAndMoved()
{
    Context context;
    auto ends = Pipe(&context);
    const int fd = ends.first.fileno();
    Connection moved = std::move(ends.first);
    QVERIFY(ends.first.closed());
    QCOMPARE(moved.fileno(), fd);
    moved.close();
    QVERIFY(moved.closed());
    QVERIFY(!isOpenFd(fd));
    moved.close(); // twice is fine
    QCOMPARE(raised([&] { moved.send(1); }), QStringLiteral("OSError: handle is closed"));
    QCOMPARE(raised([&] { moved.recv(); }), QStringLiteral("OSError: handle is closed"));
    QCOMPARE(raised([&] { moved.poll(); }), QStringLiteral("OSError: handle is closed"));
    QCOMPARE(raised([&] { moved.fileno(); }), QStringLiteral("OSError: handle is closed"));
    int other = -1;
    {
        Connection scoped = std::move(ends.second);
        other = scoped.fileno();
    }
    QVERIFY2(!isOpenFd(other), "a Connection closes its descriptor when it goes");
}

void TestConnection::duplexBothWays_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestConnection::duplexBothWays()
{
    QFETCH(StartMethod, method);
    Context context(method);
    auto ends = Pipe(&context);
    Connection& parentConn = ends.first;
    Connection& childConn = ends.second;
    Process p(&context, kernel("conn.echo"), QCborArray { childConn.handle() });
    p.start();
    childConn.close();
    // Messages both ways through both ends, one large enough to need many reads and writes.
    const QCborArray messages { 1, QStringLiteral("two"), QCborArray { 3, QCborValue(QCborValue::Null) },
        QByteArray(1 << 20, 'z') };
    for (const QCborValue& m : messages) {
        parentConn.send(m);
        QCOMPARE(parentConn.recv(), QCborValue(QCborArray { QStringLiteral("echo"), m }));
    }
    parentConn.send(QCborValue(QCborValue::Null));
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    QCOMPARE(raised([&] { parentConn.recv(); }), QStringLiteral("EOFError: the other end closed"));
}

void TestConnection::oneWay_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestConnection::oneWay()
{
    QFETCH(StartMethod, method);
    Context context(method);
    auto ends = Pipe(&context, false);
    Connection& reader = ends.first;
    Connection& writer = ends.second;
    Process p(
        &context, kernel("conn.send"), QCborArray { writer.handle(), 1, QStringLiteral("two"), QCborArray { 3 } });
    p.start();
    writer.close();
    QCOMPARE(reader.recv(), QCborValue(1));
    QCOMPARE(reader.recv(), QCborValue(QStringLiteral("two")));
    QCOMPARE(reader.recv(), QCborValue(QCborArray { 3 }));
    // The child's end closed when it exited, and ours was closed: end-of-file.
    QCOMPARE(raised([&] { reader.recv(); }), QStringLiteral("EOFError: the other end closed"));
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
}

void TestConnection::eofInTheChild_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::addColumn<bool>("duplex");
    QTest::newRow("spawn-duplex") << StartMethod::Spawn << true;
    QTest::newRow("spawn-one-way") << StartMethod::Spawn << false;
    QTest::newRow("forkserver-duplex") << StartMethod::ForkServer << true;
    QTest::newRow("forkserver-one-way") << StartMethod::ForkServer << false;
}

void TestConnection::eofInTheChild()
{
    QFETCH(StartMethod, method);
    QFETCH(bool, duplex);
    Context context(method);
    auto data = Pipe(&context, duplex); // the child receives on data.first
    auto report = Pipe(&context, false);
    Process p(&context, kernel("conn.test.drain"), QCborArray { data.first.handle(), report.second.handle() });
    p.start();
    data.first.close();
    report.second.close();
    for (int i = 0; i < 3; ++i)
        data.second.send(i);
    data.second.close(); // the last writer goes: the child's recv() raises EOFError
    QCOMPARE(report.first.recv(), QCborValue(QCborArray { 3, QStringLiteral("EOFError") }));
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
}

void TestConnection::noEofWhileTheParentKeepsACopy()
{
    // Python's lesson: the parent's copy of the child's end keeps the pipe open after the child is gone.
    Context context;
    auto ends = Pipe(&context);
    Connection& parentConn = ends.first;
    Connection& childConn = ends.second;
    Process p(&context, kernel("conn.test.close"), QCborArray { childConn.handle() });
    p.start();
    QVERIFY(p.join(10000));
    QVERIFY2(!parentConn.poll(100), "no end-of-file while our copy of the child's end is open");
    childConn.close();
    QVERIFY(parentConn.poll(0));
    QCOMPARE(raised([&] { parentConn.recv(); }), QStringLiteral("EOFError: the other end closed"));
}

void TestConnection::sendToAGonePeerInTheParent_data()
{
    QTest::addColumn<bool>("duplex");
    QTest::newRow("socketpair") << true;
    QTest::newRow("pipe") << false;
}

void TestConnection::sendToAGonePeerInTheParent()
{
    QFETCH(bool, duplex);
    Context context;
    // The engine ignores SIGPIPE; a program embedding the core might not. With the default action a write to a
    // pipe without readers would kill this test: the Connection must turn it into BrokenPipeError anyway.
    const auto previous = std::signal(SIGPIPE, SIG_DFL);
    const auto restore = qScopeGuard([previous] { std::signal(SIGPIPE, previous); });
    auto ends = Pipe(&context, duplex); // one-way: first receives, second sends
    Connection& ours = ends.second;
    Process p(&context, kernel("conn.test.close"), QCborArray { ends.first.handle() });
    p.start();
    ends.first.close();
    QVERIFY(p.join(10000));
    QCOMPARE(raised([&] { ours.send(QStringLiteral("anyone there?")); }).section(u':', 0, 0),
        QStringLiteral("BrokenPipeError"));
    QCOMPARE(raised([&] { ours.sendBytes(QByteArray(1 << 20, 'x')); }).section(u':', 0, 0),
        QStringLiteral("BrokenPipeError"));
    sigset_t pending;
    sigpending(&pending);
    QVERIFY2(!sigismember(&pending, SIGPIPE), "no SIGPIPE left pending either");
}

void TestConnection::sendToAGonePeerInTheChild_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::addColumn<bool>("duplex");
    QTest::newRow("spawn-socketpair") << StartMethod::Spawn << true;
    QTest::newRow("spawn-pipe") << StartMethod::Spawn << false;
    QTest::newRow("forkserver-socketpair") << StartMethod::ForkServer << true;
}

void TestConnection::sendToAGonePeerInTheChild()
{
    QFETCH(StartMethod, method);
    QFETCH(bool, duplex);
    Context context(method);
    auto data = Pipe(&context, duplex); // the child gets data.second: it can send
    auto report = Pipe(&context, false);
    if (!duplex)
        data.first.close(); // no reader left at all: the child's first send fails
    Process p(&context, kernel("conn.test.sendToGone"), QCborArray { data.second.handle(), report.second.handle() });
    p.start();
    data.second.close();
    report.second.close();
    data.first.close(); // duplex: the child sees end-of-file, then sends to us, gone
    QCOMPARE(report.first.recv(), QCborValue(QStringLiteral("BrokenPipeError")));
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0); // alive to report it: no SIGPIPE death
}

void TestConnection::pollAndEvents()
{
    Context context;
    auto ends = Pipe(&context);
    Connection& parentConn = ends.first;
    Connection& childConn = ends.second;
    QVERIFY(!parentConn.poll(0));
    const QByteArray payload = QCborValue(QStringLiteral("hello from the child")).toCbor();
    Process p(&context, kernel("conn.send"), QCborArray { childConn.handle(), QStringLiteral("hello from the child") });
    p.start();
    childConn.close();
    QVERIFY(parentConn.poll(10000));
    QCOMPARE(parentConn.recv(), QCborValue(QStringLiteral("hello from the child")));
    QVERIFY(p.join(10000));
    // The child's send and our recv, each with the payload's size, on the pipe's object id.
    const auto has = [&](EventKind kind, qint64 pid) {
        for (const Event& e : context.events().snapshot())
            if (e.kind == kind && e.pid == pid && e.object == parentConn.id() && e.value == payload.size())
                return true;
        return false;
    };
    QTRY_VERIFY(has(EventKind::PipeSend, p.pid()));
    QVERIFY(has(EventKind::PipeRecv, platform::currentPid()));
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
