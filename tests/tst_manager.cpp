#include "base/handle.h"
#include "base/managerprotocol.h"
#include "base/platform.h"
#include "base/pyformat.h"
#include "base/wire.h"
#include "engine/context.h"
#include "engine/manager.h"
#include "engine/process.h"
#include "testutil.h"

#include <QCborArray>
#include <QCborMap>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <map>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace proclab;

namespace {

using test::range;

// Exists at all, zombie included: false once it has been reaped.
bool processExists(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno != ESRCH);
}

// Our direct children, zombies included: every one must have been reaped by the end of a test.
QSet<qint64> ourChildren()
{
    QSet<qint64> found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (ok && test::parentOf(pid) == platform::currentPid())
            found.insert(pid);
    }
    return found;
}

QString stderrOf(const Context& context, qint64 pid)
{
    QString text;
    for (const auto& c : context.console())
        if (c.stream == 2 && c.pid == pid)
            text += QString::fromUtf8(c.text);
    return text;
}

// A raw connection to a manager's abstract address, to speak (or garble) the protocol by hand.
int connectRaw(const QString& address)
{
    sockaddr_un sa {};
    sa.sun_family = AF_UNIX;
    const QByteArray name = address.toUtf8();
    std::memcpy(sa.sun_path + 1, name.constData(), size_t(name.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (::connect(
            fd, reinterpret_cast<sockaddr*>(&sa), socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(name.size())))
        != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Everything the server says until it closes the connection (or 10 s pass).
QList<QCborArray> readUntilClosed(int fd, QString* streamError)
{
    QList<QCborArray> messages;
    wire::FrameReader reader;
    char buf[4096];
    for (;;) {
        pollfd p { fd, POLLIN, 0 };
        if (::poll(&p, 1, 10000) <= 0)
            break;
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        reader.append(buf, n);
        QCborArray msg;
        while (reader.next(&msg))
            messages << msg;
    }
    *streamError = reader.errorString();
    return messages;
}

} // namespace

class TestManager : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void tutorialExample_data();
    void tutorialExample();
    void concurrentAppendsKeepEveryItemOnce_data();
    void concurrentAppendsKeepEveryItemOnce();
    void proxiesBehaveLikePython();
    void serverIsNamedLikePython();
    void killedManagerFailsFast_data();
    void killedManagerFailsFast();
    void shutdownReapsTheServer();
    void destructorReapsTheServer();
    void stoppedManagerTimesOut();
    void wrongAuthkeyIsRefused();
    void malformedStreamDropsOnlyThatConnection_data();
    void malformedStreamDropsOnlyThatConnection();
    void oversizedGreetingIsDropped();
    void silentClientIsDroppedAtTheHandshakeDeadline();
    void anotherUserCannotConnect();
};

void TestManager::cleanup()
{
    const QSet<qint64> left = ourChildren();
    QVERIFY2(left.isEmpty(), "a test left a process (or an unreaped zombie) behind");
    QVERIFY2(test::descendantsOf(platform::currentPid()).isEmpty(), "a test left a grandchild process running");
    PROCLAB_VERIFY_NOTHING_LEFT();
}

void TestManager::tutorialExample_data()
{
    QTest::addColumn<StartMethod>("method");
    QTest::newRow("spawn") << StartMethod::Spawn;
    QTest::newRow("forkserver") << StartMethod::ForkServer;
}

void TestManager::tutorialExample()
{
    QFETCH(StartMethod, method);
    Context context(method);
    Manager manager(&context);
    DictProxy d = manager.dict();
    ListProxy l = manager.list(range(10));
    Process p(&context, Function::named(QStringLiteral("demo.manager-f")), QCborArray { d.handle(), l.handle() });
    p.start();
    QVERIFY(p.join(10000));
    QCOMPARE(p.exitCode().value_or(-999), 0);
    QVERIFY(p.pid() != manager.pid());

    QCOMPARE(pyRepr(d.toMap()), QStringLiteral("{1: '1', '2': 2, 0.25: None}"));
    QCOMPARE(pyRepr(l.toList()), QStringLiteral("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]"));

    // The child's calls were reported by the child, the parent's by the parent.
    context.publishEvents(true);
    std::map<std::pair<qint64, qint32>, int> calls; // (pid, object) -> ManagerCall events
    for (const Event& e : context.events().snapshot())
        if (e.kind == EventKind::ManagerCall)
            ++calls[{ e.pid, e.object }];
    const auto count = [&](qint64 pid, qint32 object) { return calls[std::make_pair(pid, object)]; };
    QCOMPARE(count(p.pid(), d.objectId()), 3); // three d[k] = v
    QCOMPARE(count(p.pid(), l.objectId()), 1); // l.reverse()
    QCOMPARE(count(platform::currentPid(), d.objectId()), 2); // manager.dict(), d.copy()
    QCOMPARE(count(platform::currentPid(), l.objectId()), 2); // manager.list(), l[:]
}

void TestManager::concurrentAppendsKeepEveryItemOnce_data()
{
    tutorialExample_data();
}

void TestManager::concurrentAppendsKeepEveryItemOnce()
{
    QFETCH(StartMethod, method);
    constexpr int Children = 4;
    constexpr int PerChild = 200;
    Context context(method);
    Manager manager(&context);
    ListProxy l = manager.list();
    std::vector<std::unique_ptr<Process>> children;
    for (int k = 0; k < Children; ++k) {
        QCborArray items;
        for (int i = 0; i < PerChild; ++i)
            items.append(k * 1000 + i);
        children.push_back(std::make_unique<Process>(
            &context, Function::named(QStringLiteral("manager.append")), QCborArray { l.handle(), items }));
    }
    for (auto& c : children)
        c->start();
    for (auto& c : children) {
        QVERIFY(c->join(30000));
        QCOMPARE(c->exitCode().value_or(-999), 0);
    }
    const QCborArray all = l.toList();
    QCOMPARE(all.size(), Children * PerChild);
    QCOMPARE(l.size(), qint64(Children * PerChild));
    std::map<qint64, int> seen;
    std::vector<qint64> lastOf(Children, -1);
    for (const auto& v : all) {
        const qint64 x = v.toInteger();
        ++seen[x];
        // One connection per child, served in order: each child's items keep their order.
        QVERIFY2(x % 1000 > lastOf[size_t(x / 1000)], "a child's appends were reordered");
        lastOf[size_t(x / 1000)] = x % 1000;
    }
    QCOMPARE(int(seen.size()), Children * PerChild);
    for (const auto& [x, n] : seen)
        QVERIFY2(n == 1, qPrintable(QStringLiteral("%1 appears %2 times").arg(x).arg(n)));
}

void TestManager::proxiesBehaveLikePython()
{
    Context context;
    Manager manager(&context);
    DictProxy d = manager.dict({ { QStringLiteral("a"), 1 } });
    d.set(1, QStringLiteral("one"));
    d.set(1.0, QStringLiteral("uno")); // 1 == 1.0: same key, first spelling and place kept
    d.set(true, QStringLiteral("yes")); // True == 1 as well
    d.set(pyTuple({ 1, 2 }), 3.5);
    QCOMPARE(pyRepr(d.toMap()), QStringLiteral("{'a': 1, 1: 'yes', (1, 2): 3.5}"));
    QCOMPARE(d.size(), qint64(3));
    QVERIFY(d.contains(1.0));
    QVERIFY(!d.contains(QStringLiteral("b")));
    QCOMPARE(d.at(QStringLiteral("a")).toInteger(), 1);
    QCOMPARE(d.get(QStringLiteral("b")), QCborValue(QCborValue::Null));
    QCOMPARE(d.get(QStringLiteral("b"), 7).toInteger(), 7);
    QCOMPARE(pyRepr(d.keys()), QStringLiteral("['a', 1, (1, 2)]"));
    QCOMPARE(pyRepr(d.items()), QStringLiteral("[('a', 1), (1, 'yes'), ((1, 2), 3.5)]"));
    try {
        d.at(QStringLiteral("missing"));
        QFAIL("d['missing'] did not raise");
    } catch (const TaskException& e) {
        QCOMPARE(e.type(), QStringLiteral("KeyError"));
        QCOMPARE(e.message(), QStringLiteral("'missing'"));
    }
    try {
        d.set(QCborArray { 1 }, 2);
        QFAIL("a list as a key did not raise");
    } catch (const TaskException& e) {
        QCOMPARE(e.type(), QStringLiteral("TypeError"));
        QCOMPARE(e.message(), QStringLiteral("unhashable type: 'list'"));
    }
    d.remove(QStringLiteral("a"));
    d.set(QStringLiteral("a"), 2); // deleted and set again: it goes to the end, as in Python
    QCOMPARE(pyRepr(d.toMap()), QStringLiteral("{1: 'yes', (1, 2): 3.5, 'a': 2}"));
    QVERIFY_THROWS_EXCEPTION(TaskException, d.remove(QStringLiteral("nope")));

    ListProxy l = manager.list({ QStringLiteral("x") });
    l.append(1);
    l.extend({ 2.5, QCborValue(QCborValue::Null) });
    QCOMPARE(pyRepr(l.toList()), QStringLiteral("['x', 1, 2.5, None]"));
    QCOMPARE(l.at(-1), QCborValue(QCborValue::Null));
    l.set(-4, QStringLiteral("y"));
    QCOMPARE(l.at(0).toString(), QStringLiteral("y"));
    try {
        l.at(4);
        QFAIL("l[4] did not raise");
    } catch (const TaskException& e) {
        QCOMPARE(e.type(), QStringLiteral("IndexError"));
        QCOMPARE(e.message(), QStringLiteral("list index out of range"));
    }
    try {
        l.set(-5, 0);
        QFAIL("l[-5] = 0 did not raise");
    } catch (const TaskException& e) {
        QCOMPARE(e.message(), QStringLiteral("list assignment index out of range"));
    }
    l.reverse();
    QCOMPARE(pyRepr(l.toList()), QStringLiteral("[None, 2.5, 1, 'y']"));

    // A handle attached in this process is a second connection to the same object.
    ListProxy again = ListProxy::attach(l.handle(), &context);
    again.append(QStringLiteral("z"));
    QCOMPARE(l.size(), qint64(5));
    QCOMPARE(again.objectId(), l.objectId());
    QVERIFY_THROWS_EXCEPTION(TaskException, DictProxy::attach(l.handle())); // a list is not a dict
}

void TestManager::serverIsNamedLikePython()
{
    Context context;
    Manager manager(&context);
    QCOMPARE(manager.name(), QStringLiteral("SyncManager-1"));
    QCOMPARE(context.processName(pid_t(manager.pid())), QStringLiteral("SyncManager-1"));
    Process p(&context, Function::named(QStringLiteral("noop"))); // the counter is shared, as in Python
    QCOMPARE(p.name(), QStringLiteral("Process-2"));
    QVERIFY(manager.isRunning());
    QVERIFY(platform::isAlive(pid_t(manager.pid())));
    QCOMPARE(test::parentOf(manager.pid()), qint64(platform::currentPid()));
}

void TestManager::killedManagerFailsFast_data()
{
    tutorialExample_data();
}

void TestManager::killedManagerFailsFast()
{
    QFETCH(StartMethod, method);
    Context context(method);
    Manager manager(&context);
    QSignalSpy failed(&manager, &Manager::serverFailed);
    QSignalSpy finished(&manager, &Manager::serverFinished);
    ListProxy l = manager.list();
    // A minute to answer: anything that fails within seconds below failed because the server is gone, not
    // because a timeout ran out.
    l.setTimeout(60000);
    const qint64 serverPid = manager.pid();
    Process child(
        &context, Function::named(QStringLiteral("manager.append-loop")), QCborArray { l.handle(), qint64(1) << 40 });
    child.start();
    QTRY_VERIFY_WITH_TIMEOUT(l.size() >= 100, 10000); // the child is busy with its proxy right now

    QCOMPARE(::kill(pid_t(serverPid), SIGKILL), 0);
    QVERIFY2(child.join(10000), "a child blocked in a proxy call did not notice its manager's death");
    QCOMPARE(child.exitCode().value_or(-999), 1); // its target raised
    const QString why = stderrOf(context, child.pid());
    QVERIFY2(why.contains(QStringLiteral("EOFError: manager SyncManager-1 (pid %1) is gone").arg(serverPid)),
        qPrintable(why));

    try {
        l.append(1);
        QFAIL("a call on a dead manager did not raise");
    } catch (const ManagerDeadError& e) {
        QCOMPARE(e.type(), QStringLiteral("EOFError"));
        QVERIFY2(e.message().contains(QStringLiteral("(pid %1)").arg(serverPid)), qPrintable(e.message()));
    }
    QVERIFY_THROWS_EXCEPTION(ManagerDeadError, l.size()); // and stays failed
    QVERIFY_THROWS_EXCEPTION(ManagerDeadError, manager.dict());
    QVERIFY_THROWS_EXCEPTION(ManagerDeadError, ListProxy::attach(l.handle())); // nobody listens there now

    QTRY_COMPARE(failed.size(), 1);
    QVERIFY2(failed.first().first().toString().contains(QStringLiteral("SIGKILL")),
        qPrintable(failed.first().first().toString()));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(manager.exitCode().value_or(0), -SIGKILL);
    QVERIFY(!manager.isRunning());
    QVERIFY(!processExists(serverPid));
    manager.shutdown(); // nothing left to stop
}

void TestManager::shutdownReapsTheServer()
{
    Context context;
    Manager manager(&context);
    QSignalSpy finished(&manager, &Manager::serverFinished);
    QSignalSpy failed(&manager, &Manager::serverFailed);
    DictProxy d = manager.dict();
    d.set(QStringLiteral("k"), 1);
    const qint64 pid = manager.pid();
    QVERIFY(platform::isAlive(pid_t(pid)));

    manager.shutdown();
    QCOMPARE(manager.exitCode().value_or(-999), 0);
    QVERIFY2(!processExists(pid), "shutdown() returned before the server was reaped");
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(failed.size(), 0); // a deliberate stop is not a failure
    QVERIFY_THROWS_EXCEPTION(ManagerDeadError, d.size());
    manager.shutdown(); // twice is fine
}

void TestManager::destructorReapsTheServer()
{
    Context context;
    qint64 pid = 0;
    {
        Manager manager(&context);
        pid = manager.pid();
        manager.list(range(3)).append(3);
    }
    QVERIFY2(!processExists(pid), "a Manager left its server behind");
}

void TestManager::stoppedManagerTimesOut()
{
    Context context;
    Manager manager(&context);
    ListProxy l = manager.list();
    l.setTimeout(300);
    const pid_t pid = pid_t(manager.pid());
    QCOMPARE(::kill(pid, SIGSTOP), 0);
    auto resume = qScopeGuard([pid] { ::kill(pid, SIGCONT); });
    try {
        l.append(1);
        QFAIL("a call to a stopped manager did not time out");
    } catch (const TaskException& e) {
        QCOMPARE(e.type(), QStringLiteral("TimeoutError"));
        QVERIFY2(
            e.message().contains(QStringLiteral("did not answer l.append(v) within 300 ms")), qPrintable(e.message()));
    }
    resume.dismiss();
    ::kill(pid, SIGCONT);
    // The timed-out connection was dropped; the next call opens a new one. The late append still happened.
    l.setTimeout(10000);
    l.append(2);
    QCOMPARE(pyRepr(l.toList()), QStringLiteral("[1, 2]"));
}

void TestManager::wrongAuthkeyIsRefused()
{
    Context context;
    Manager manager(&context);
    const DictProxy d = manager.dict();
    QCborMap fields = handleFields(d.handle());
    fields[QStringLiteral("authkey")] = QByteArray(32, 'x');
    try {
        DictProxy::attach(makeHandle(fields));
        QFAIL("a wrong authkey was accepted");
    } catch (const TaskException& e) {
        QCOMPARE(e.type(), QStringLiteral("AuthenticationError"));
        QCOMPARE(e.message(), QStringLiteral("digest received was wrong"));
    }
    QCOMPARE(d.size(), qint64(0)); // the manager carries on
}

void TestManager::malformedStreamDropsOnlyThatConnection_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    const QByteArray pre = wire::preamble();
    QByteArray call;
    wire::appendFrame(call, { 3, 1, 1, int(ManagerMethod::ListSize), QCborArray() });
    QByteArray oldVersion = pre;
    oldVersion[4] = 9;
    QTest::newRow("bad magic") << QByteArray("GET / HTTP/1.1\r\n\r\n") << QStringLiteral("bad magic");
    QTest::newRow("version") << oldVersion << QStringLiteral("protocol version 9");
    QTest::newRow("garbage") << QByteArray(pre + QByteArray::fromHex("03000000ffffff"))
                             << QStringLiteral("malformed frame");
    QTest::newRow("no hello") << QByteArray(pre + call) << QStringLiteral("expected a greeting");
}

void TestManager::malformedStreamDropsOnlyThatConnection()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    Context context;
    Manager manager(&context);
    ListProxy l = manager.list(range(2));
    const int fd = connectRaw(manager.address());
    QVERIFY(fd >= 0);
    auto closeFd = qScopeGuard([fd] { ::close(fd); });
    QVERIFY(platform::writeAll(fd, bytes.constData(), bytes.size()));
    QString streamError;
    const QList<QCborArray> replies = readUntilClosed(fd, &streamError); // ends: the server hung up
    QVERIFY2(streamError.isEmpty(), qPrintable(streamError));
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies.first().at(0).toInteger(), 22); // Error, about the connection (request 0)
    QCOMPARE(replies.first().at(1).toInteger(), 0);
    QVERIFY2(replies.first().at(3).toString().contains(expected), qPrintable(replies.first().at(3).toString()));
    l.append(2); // everyone else is served as before
    QCOMPARE(pyRepr(l.toList()), QStringLiteral("[0, 1, 2]"));
}

// Before the key is shown, the server keeps a few hundred bytes, not the 64 MiB a frame may hold afterwards.
void TestManager::oversizedGreetingIsDropped()
{
    Context context;
    Manager manager(&context);
    ListProxy l = manager.list(range(1));
    const int fd = connectRaw(manager.address());
    QVERIFY(fd >= 0);
    auto closeFd = qScopeGuard([fd] { ::close(fd); });
    // A frame header announcing 32 MiB, then the first 64 KiB of it.
    QByteArray bytes = wire::preamble() + QByteArray::fromHex("00000002");
    bytes += QByteArray(64 * 1024, 'x');
    platform::writeAll(fd, bytes.constData(), bytes.size()); // may fail half-way: the server hangs up early
    QString streamError;
    const QList<QCborArray> replies = readUntilClosed(fd, &streamError);
    QVERIFY(!replies.isEmpty());
    QCOMPARE(replies.last().at(2).toString(), QStringLiteral("AuthenticationError"));
    QCOMPARE(pyRepr(l.toList()), QStringLiteral("[0]")); // everyone else is served as before
}

// A client that connects and says nothing is dropped after the handshake deadline (10 s).
void TestManager::silentClientIsDroppedAtTheHandshakeDeadline()
{
    Context context;
    Manager manager(&context);
    const int fd = connectRaw(manager.address());
    QVERIFY(fd >= 0);
    auto closeFd = qScopeGuard([fd] { ::close(fd); });
    char buf[256];
    ssize_t n = 1;
    // The preamble comes at once; then nothing until the server hangs up (EOF, n == 0).
    while (n > 0) {
        pollfd p { fd, POLLIN, 0 };
        QVERIFY2(::poll(&p, 1, test::scaledTimeout(60000)) == 1, "the server never dropped a silent client");
        n = ::read(fd, buf, sizeof buf);
    }
    QCOMPARE(n, ssize_t(0));
    QVERIFY(manager.isRunning());
}

// The abstract address is listed in /proc/net/unix for every user. Another user who has it, and even the key,
// is refused on SO_PEERCRED before a byte is read. Needs root (to become another user): skipped otherwise.
void TestManager::anotherUserCannotConnect()
{
    if (::geteuid() != 0)
        QSKIP("needs root, to run a child as another user (nobody)");
    Context context;
    Manager manager(&context);
    const DictProxy d = manager.dict();
    const QByteArray hello = wire::preamble() + [&] {
        QByteArray frame;
        wire::appendFrame(frame, { 1, 1, handleFields(d.handle()).value(QStringLiteral("authkey")).toByteArray() });
        return frame;
    }();
    sockaddr_un sa {};
    socklen_t len = 0;
    QVERIFY(managerproto::fillAddress(manager.address(), &sa, &len));
    // The child only makes system calls (everything was built before fork()): 0 refused, 1 welcomed, 2 setup.
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(2);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&sa), len) != 0)
            ::_exit(0); // could not even connect: refused too
        (void)!::write(fd, hello.constData(), size_t(hello.size()));
        char buf[4096];
        ssize_t total = 0;
        for (;;) {
            pollfd p { fd, POLLIN, 0 };
            if (::poll(&p, 1, 30000) <= 0)
                ::_exit(3);
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0)
                break;
            total += n;
        }
        // Refused: closed before even the preamble (8 bytes) and certainly before a Welcome.
        ::_exit(total > 0 ? 1 : 0);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0,
        qPrintable(QStringLiteral("the other user's child: %1").arg(platform::describeStatus(status))));
    QCOMPARE(d.size(), qint64(0)); // we are still served
}

QTEST_GUILESS_MAIN(TestManager)
#include "tst_manager.moc"
