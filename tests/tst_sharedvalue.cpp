#include "base/platform.h"
#include "base/pyformat.h"
#include "base/sharedmemory.h"
#include "engine/context.h"
#include "engine/process.h"
#include "mp/sharedvalue.h"
#include "testutil.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

#include <cmath>
#include <csignal>
#include <memory>
#include <vector>

using namespace proclab;
using namespace Qt::Literals::StringLiterals;

namespace {

// Runs `kernel` in `n` child processes at once and reaps them all. True when every one exited with 0.
bool runChildren(Context& context, const char* kernel, const QCborMap& args, int n = 1, QList<qint64>* pids = nullptr)
{
    std::vector<std::unique_ptr<Process>> procs;
    for (int i = 0; i < n; ++i) {
        procs.push_back(std::make_unique<Process>(&context, Function::named(QLatin1String(kernel)), args));
        procs.back()->start();
        if (pids)
            *pids << procs.back()->pid();
    }
    bool ok = true;
    for (auto& p : procs)
        ok = p->join(60000) && p->exitCode().value_or(-1) == 0 && ok;
    return ok; // a Process still running when it goes is killed and reaped
}

QString typeOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const TaskException& e) {
        return e.type() + u": "_s + e.message();
    }
    return u"no exception"_s;
}

int countEvents(Context& context, EventKind kind, qint32 object, qint64 value, qint64 pid)
{
    int n = 0;
    for (const Event& e : context.events().snapshot())
        n += e.kind == kind && e.object == object && e.value == value && e.pid == pid;
    return n;
}

} // namespace

class TestSharedValue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup();

    void valueWrittenByAChild_data();
    void valueWrittenByAChild();
    void arrayWrittenByAChild();
    void lostUpdates_data();
    void lostUpdates();
    void pythonErrors();
    void ownerDiedThroughGetLock();
    void accessesAreEvents();
};

void TestSharedValue::cleanup()
{
    QVERIFY2(test::ourSharedMemory().isEmpty(), qPrintable(test::ourSharedMemory().join(u", "_s)));
    QTRY_VERIFY2(test::descendantsOf(platform::currentPid()).isEmpty(), "every started process is reaped");
}

void TestSharedValue::valueWrittenByAChild_data()
{
    QTest::addColumn<char>("typecode");
    QTest::addColumn<QCborValue>("written");
    QTest::addColumn<QCborValue>("expected");
    QTest::addColumn<QString>("repr");
    QTest::newRow("b") << 'b' << QCborValue(-5) << QCborValue(-5) << u"-5"_s;
    QTest::newRow("b-wraps") << 'b' << QCborValue(200) << QCborValue(-56) << u"-56"_s; // as ctypes: c_byte(200)
    QTest::newRow("B") << 'B' << QCborValue(250) << QCborValue(250) << u"250"_s;
    QTest::newRow("h") << 'h' << QCborValue(-30000) << QCborValue(-30000) << u"-30000"_s;
    QTest::newRow("H") << 'H' << QCborValue(65535) << QCborValue(65535) << u"65535"_s;
    QTest::newRow("i") << 'i' << QCborValue(-123456) << QCborValue(-123456) << u"-123456"_s;
    QTest::newRow("i-wraps") << 'i' << QCborValue(qint64(1) << 31) << QCborValue(-(qint64(1) << 31))
                             << u"-2147483648"_s;
    QTest::newRow("I") << 'I' << QCborValue(4'000'000'000LL) << QCborValue(4'000'000'000LL) << u"4000000000"_s;
    QTest::newRow("l") << 'l' << QCborValue(qint64(1) << 40) << QCborValue(qint64(1) << 40) << u"1099511627776"_s;
    QTest::newRow("q") << 'q' << QCborValue(-(qint64(1) << 50)) << QCborValue(-(qint64(1) << 50))
                       << u"-1125899906842624"_s;
    QTest::newRow("Q") << 'Q' << QCborValue(qint64(1) << 62) << QCborValue(qint64(1) << 62) << u"4611686018427387904"_s;
    QTest::newRow("f") << 'f' << QCborValue(1.5) << QCborValue(1.5) << u"1.5"_s;
    QTest::newRow("f-rounds") << 'f' << QCborValue(3.1415927) << QCborValue(double(3.1415927f))
                              << u"3.1415927410125732"_s;
    QTest::newRow("d") << 'd' << QCborValue(3.1415927) << QCborValue(3.1415927) << u"3.1415927"_s;
    QTest::newRow("d-from-int") << 'd' << QCborValue(2) << QCborValue(2.0) << u"2.0"_s;
}

void TestSharedValue::valueWrittenByAChild()
{
    QFETCH(char, typecode);
    QFETCH(QCborValue, written);
    QFETCH(QCborValue, expected);
    QFETCH(QString, repr);
    Context context;
    Value v(&context, typecode, 0);
    QCOMPARE(v.typecode(), typecode);
    QVERIFY(runChildren(context, "shared.set-value", { { "value"_L1, v.handle() }, { "x"_L1, written } }));
    QCOMPARE(v.value(), expected);
    QCOMPARE(pyRepr(v.value()), repr);
    // And the other way round: what the parent writes, a child reads.
    v.setValue(written);
    QVERIFY(runChildren(context, "shared.expect-value", { { "value"_L1, v.handle() }, { "expect"_L1, expected } }));
}

void TestSharedValue::arrayWrittenByAChild()
{
    Context context;
    Array ints(&context, 'i', pyRange(10));
    QCOMPARE(ints.size(), 10);
    QCOMPARE(pyRepr(ints.toList()), u"[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"_s);
    QCborArray negated;
    for (int i = 0; i < 10; ++i)
        negated.append(-i);
    QVERIFY(runChildren(context, "shared.array-set", { { "array"_L1, ints.handle() }, { "values"_L1, negated } }));
    QCOMPARE(pyRepr(ints.toList()), u"[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]"_s);
    QCOMPARE(ints.at(-1).toInteger(), -9);

    Array doubles(&context, 'd', 3, false); // Array('d', 3, lock=False): zeros
    QCOMPARE(pyRepr(doubles.toList()), u"[0.0, 0.0, 0.0]"_s);
    QVERIFY(runChildren(context, "shared.array-set",
        { { "array"_L1, doubles.handle() }, { "values"_L1, QCborArray { 0.5, 1.5, 2 } } }));
    QCOMPARE(pyRepr(doubles.toList()), u"[0.5, 1.5, 2.0]"_s);
}

void TestSharedValue::lostUpdates_data()
{
    QTest::addColumn<bool>("synchronized");
    QTest::addColumn<bool>("withGetLock");
    QTest::newRow("raw") << false << false; // Value('i', 0, lock=False)
    QTest::newRow("synchronized") << true << false; // each access locked, `+=` is still two of them
    QTest::newRow("get_lock") << true << true; // with v.get_lock(): v.value += 1
}

void TestSharedValue::lostUpdates()
{
    QFETCH(bool, synchronized);
    QFETCH(bool, withGetLock);
    constexpr int Processes = 4;
    constexpr int Increments = 20000;
    Context context;
    Value counter(&context, 'i', 0, synchronized);
    QVERIFY(runChildren(context, "shared.increment",
        { { "value"_L1, counter.handle() }, { "n"_L1, Increments }, { "locked"_L1, withGetLock } }, Processes));
    const qint64 total = counter.value().toInteger();
    const qint64 expected = qint64(Processes) * Increments;
    qInfo("%d processes x %d increments, %s: %lld, %lld updates lost", Processes, Increments,
        withGetLock        ? "with get_lock()"
            : synchronized ? "synchronized, no get_lock()"
                           : "lock=False",
        total, expected - total);
    if (withGetLock) {
        QCOMPARE(total, expected); // holding the lock makes read-add-write one step
    } else {
        // Usually far fewer; equal is possible (the processes may happen not to overlap), more never is.
        QVERIFY(total <= expected);
        QVERIFY(total >= 1); // every write stores something read plus one
    }
}

void TestSharedValue::pythonErrors()
{
    Context context;
    QCOMPARE(typeOf([&] { Value(&context, 'z', 0); }),
        u"ValueError: bad typecode (must be b, B, h, H, i, I, l, L, q, Q, f or d)"_s);
    QCOMPARE(typeOf([&] { Value(&context, 'i', 1.5); }), u"TypeError: int expected instead of float"_s);
    QCOMPARE(typeOf([&] { Value(&context, 'd', u"x"_s); }), u"TypeError: must be real number, not str"_s);

    Array a(&context, 'i', 3);
    QCOMPARE(typeOf([&] { a.at(3); }), u"IndexError: invalid index"_s);
    QCOMPARE(typeOf([&] { a.set(-4, 1); }), u"IndexError: invalid index"_s);
    QCOMPARE(typeOf([&] { a.assign({ 1, 2 }); }), u"ValueError: Can only assign sequence of same size"_s);
    a.set(-1, 7);
    QCOMPARE(a.at(2).toInteger(), 7);

    Value raw(&context, 'i', 0, false);
    QVERIFY(!raw.isSynchronized());
    QCOMPARE(typeOf([&] { raw.getLock(); }), u"AttributeError: 'c_int' object has no attribute 'get_lock'"_s);
    Array rawArray(&context, 'd', 4, false);
    QCOMPARE(typeOf([&] { rawArray.getLock(); }),
        u"AttributeError: 'c_double_Array_4' object has no attribute 'get_lock'"_s);
    QCOMPARE(typeOf([&] { Value::attach(rawArray.handle()); }), u"TypeError: wrong handle: array (expected: value)"_s);

    // The same TypeError in a child makes it exit with 1, as a Python target that raised.
    Value v(&context, 'i', 0);
    QVERIFY(!runChildren(context, "shared.set-value", { { "value"_L1, v.handle() }, { "x"_L1, 2.5 } }));
    const auto sawTypeError = [&] {
        for (const ConsoleChunk& c : context.console())
            if (c.stream == 2 && c.text.contains("TypeError: int expected instead of float"))
                return true;
        return false;
    };
    QTRY_VERIFY(sawTypeError());
    QCOMPARE(v.value().toInteger(), 0);
}

void TestSharedValue::ownerDiedThroughGetLock()
{
    Context context;
    Value v(&context, 'i', 5);
    SyncEvent ready(&context);
    Process holder(&context, Function::named(u"shared.hold-value-lock"_s),
        QCborMap { { "value"_L1, v.handle() }, { "ready"_L1, ready.handle() } });
    holder.start();
    QVERIFY(ready.wait(10000));
    QCOMPARE(v.getLock().holder(), holder.pid());
    holder.kill();
    QVERIFY(holder.join(10000));
    QCOMPARE(holder.exitCode().value_or(0), -SIGKILL);

    // A synchronized read finds the dead holder: it is told, and the lock is free again afterwards.
    bool raised = false;
    try {
        v.value();
    } catch (const OwnerDiedError& e) {
        raised = true;
        QCOMPARE(e.deadPid(), holder.pid());
    }
    QVERIFY(raised);
    QCOMPARE(v.getLock().holder(), 0);
    QCOMPARE(v.value().toInteger(), -1); // the half-done update it left
    {
        LockGuard with(v.getLock());
        v.setValue(5);
    }
    QCOMPARE(v.value().toInteger(), 5);
}

void TestSharedValue::accessesAreEvents()
{
    Context context;
    Value v(&context, 'i', 0);
    Array a(&context, 'q', 3);
    QList<qint64> pids;
    QVERIFY(runChildren(context, "shared.set-value", { { "value"_L1, v.handle() }, { "x"_L1, 42 } }, 1, &pids));
    QVERIFY(runChildren(context, "shared.array-set",
        { { "array"_L1, a.handle() }, { "values"_L1, QCborArray { 7, 8, 9 } } }, 1, &pids));
    // A Value's event carries the number written, an Array's the index.
    QTRY_COMPARE(countEvents(context, EventKind::SharedWrite, v.id(), 42, pids.at(0)), 1);
    for (int i = 0; i < 3; ++i)
        QTRY_COMPARE(countEvents(context, EventKind::SharedWrite, a.id(), i, pids.at(1)), 1);
    v.value();
    a.toList();
    const qint64 me = platform::currentPid();
    QCOMPARE(countEvents(context, EventKind::SharedRead, v.id(), 42, me), 1);
    QCOMPARE(countEvents(context, EventKind::SharedRead, a.id(), -1, me), 1);
    // The synchronized wrapper's own per-access locking is not reported.
    QCOMPARE(countEvents(context, EventKind::LockAcquire, v.getLock().id(), pids.at(0), pids.at(0)), 0);
}

QTEST_GUILESS_MAIN(TestSharedValue)
#include "tst_sharedvalue.moc"
