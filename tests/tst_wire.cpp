#include "base/messages.h"
#include "base/wire.h"

#include <QCborMap>

#include <QRandomGenerator>
#include <QTest>

#include <csignal>

using namespace proclab;

class TestWire : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripWholeAndByteByByte();
    void rejects_data();
    void rejects();
    void randomGarbageNeverCrashes();
    void messagesRoundTrip();
    void messagesKeepTheirLayout();
    void malformedMessagesRejected_data();
    void malformedMessagesRejected();
    void forkserverAndManagerMessages();
};

namespace {
QByteArray stream(const QList<QCborArray>& messages)
{
    QByteArray bytes = wire::preamble();
    for (const auto& m : messages)
        wire::appendFrame(bytes, m);
    return bytes;
}
} // namespace

void TestWire::roundTripWholeAndByteByByte()
{
    const QList<QCborArray> sent {
        { int(wire::Msg::Init), 0, QStringLiteral("SpawnPoolWorker-1"), 0, 0 },
        { int(wire::Msg::Chunk), 7, 1, 0, 3, QCborArray { 1, 2.5, QStringLiteral("x") } },
        { int(wire::Msg::Quit) },
    };
    const QByteArray bytes = stream(sent);
    for (int step : { int(bytes.size()), 1, 3 }) {
        wire::FrameReader reader;
        QList<QCborArray> got;
        for (qsizetype pos = 0; pos < bytes.size(); pos += step) {
            reader.append(bytes.mid(pos, step));
            QCborArray m;
            while (reader.next(&m))
                got << m;
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(got, sent);
        QCOMPARE(reader.bufferedBytes(), 0);
    }
}

void TestWire::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QByteArray good = wire::preamble();

    QTest::newRow("magic") << QByteArray("HTTP/1.1 200 OK\r\n") << QStringLiteral("bad magic");
    QByteArray version = good;
    version[4] = 9;
    QTest::newRow("version") << version << QStringLiteral("protocol version 9");
    QTest::newRow("oversize") << (good + QByteArray("\xff\xff\xff\x7f", 4)) << QStringLiteral("exceeds the limit");
    QTest::newRow("cbor") << (good + QByteArray("\x02\x00\x00\x00\xff\xff", 6)) << QStringLiteral("malformed frame");
    QByteArray notArray = good;
    wire::appendFrame(notArray, QCborArray()); // empty array: no type
    QTest::newRow("untyped") << notArray << QStringLiteral("not a typed message");
}

void TestWire::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    wire::FrameReader reader(1 << 20);
    reader.append(bytes);
    QCborArray m;
    QVERIFY(!reader.next(&m));
    QVERIFY2(reader.hasError(), "a malformed stream must be reported, not waited on");
    QVERIFY2(reader.errorString().contains(expected), qPrintable(reader.errorString()));
    QVERIFY(!reader.next(&m)); // and it stays failed
}

void TestWire::randomGarbageNeverCrashes()
{
    QRandomGenerator rng(42);
    for (int round = 0; round < 2000; ++round) {
        QByteArray bytes = wire::preamble();
        const int n = int(rng.bounded(64));
        QByteArray body(n + 4, '\0');
        for (auto& b : body)
            b = char(rng.bounded(256));
        body[2] = body[3] = 0; // lengths that fit, so the CBOR decoder really sees the garbage
        bytes += body;
        wire::FrameReader reader(1 << 16);
        reader.append(bytes);
        QCborArray m;
        int frames = 0;
        while (reader.next(&m))
            QVERIFY(++frames < 1000);
    }
}

namespace {

// Decodes m with the decoder its type names; true when it decoded.
bool decodes(const QCborArray& m, int type, QString* why)
{
    switch (wire::Msg(type)) {
    case wire::Msg::Init:
        return bool(wire::Init::decode(m, why));
    case wire::Msg::Define:
        return bool(wire::Define::decode(m, why));
    case wire::Msg::Chunk:
        return bool(wire::Chunk::decode(m, why));
    case wire::Msg::Run:
        return bool(wire::Run::decode(m, why));
    case wire::Msg::Quit:
        return bool(wire::Quit::decode(m, why));
    case wire::Msg::Ready:
        return bool(wire::Ready::decode(m, why));
    case wire::Msg::Started:
        return bool(wire::Started::decode(m, why));
    case wire::Msg::Done:
        return bool(wire::Done::decode(m, why));
    case wire::Msg::RunDone:
        return bool(wire::RunDone::decode(m, why));
    case wire::Msg::Events:
        return bool(wire::Events::decode(m, why));
    case wire::Msg::Fatal:
        return bool(wire::Fatal::decode(m, why));
    }
    return false;
}

// Through a frame and back, then decoded: the same message, field for field (compared by its encoding).
template <typename M> void roundTrip(const M& sent)
{
    QByteArray bytes = wire::preamble();
    wire::appendFrame(bytes, sent.encode());
    wire::FrameReader reader;
    reader.append(bytes);
    QCborArray frame;
    QVERIFY(reader.next(&frame));
    QString why;
    const std::optional<M> got = M::decode(frame, &why);
    QVERIFY2(got, qPrintable(why));
    QCOMPARE(got->encode(), sent.encode());
}

QCborMap config()
{
    QCborMap c;
    c.insert(QStringLiteral("expr"), QStringLiteral("x*x+1"));
    return c;
}

} // namespace

void TestWire::messagesRoundTrip()
{
    roundTrip(
        wire::Init { 3, QStringLiteral("SpawnPoolWorker-4"), 0, 250'000, QCborArray { QCborArray { 7, 2, 1 } }, 9 });
    roundTrip(wire::Define { 2, QStringLiteral("expr"), config() });
    roundTrip(wire::Chunk { 11, 2, 40, 4, QCborArray { 1, 2.5, QStringLiteral("x"), QCborValue() } });
    roundTrip(wire::Run { 1, QCborArray { 1, QStringLiteral("two") } });
    roundTrip(wire::Quit {});
    roundTrip(wire::Ready { 1234, 1000, 987'654'321 });
    roundTrip(wire::Started { 11, 123'456 });
    QCborMap errors;
    errors.insert(1, QCborArray { QStringLiteral("ZeroDivisionError"), QStringLiteral("division by zero"), 1 });
    roundTrip(wire::Done { 11, 2, QCborArray { 5, QCborValue() }, QCborArray { 10, 20, 30, 40 }, errors, 50 });
    roundTrip(wire::Done { 11, 1, QCborArray { 5 }, QCborArray { 10, 20 }, {}, 50 });
    roundTrip(wire::RunDone { 1, QStringLiteral("ValueError"), QStringLiteral("bad") });
    roundTrip(wire::Events { QCborArray { 100, 3, 0, -1, 7, 101, 4, 0, 2, 8 } });
    roundTrip(wire::Fatal { QStringLiteral("worker: bad magic") });
}

// The byte format is the positional one saved runs, the fuzz corpus and older peers use.
void TestWire::messagesKeepTheirLayout()
{
    QCOMPARE(wire::Init({ 3, QStringLiteral("w"), 0, 5, {}, -1 }).encode(),
        QCborArray({ 1, 3, QStringLiteral("w"), 0, 5, QCborArray(), -1 }));
    QCOMPARE(
        wire::Chunk({ 11, 2, 40, 4, QCborArray { 1 } }).encode(), QCborArray({ 3, 11, 2, 40, 4, QCborArray { 1 } }));
    QCOMPARE(wire::Quit {}.encode(), QCborArray({ 5 }));
    QCOMPARE(wire::Done({ 11, 1, QCborArray { 5 }, QCborArray { 10, 20 }, {}, 50 }).encode(),
        QCborArray({ 22, 11, 1, QCborArray { 5 }, QCborArray { 10, 20 }, QCborValue(), 50 }));
    QCOMPARE(wire::Started({ 11, 123 }).encode(), QCborArray({ 21, 11, 123 }));
    QCOMPARE(wire::Events({ QCborArray { 1, 2, 3, 4, 5 } }).encode(), QCborArray({ 24, QCborArray { 1, 2, 3, 4, 5 } }));
}

void TestWire::malformedMessagesRejected_data()
{
    QTest::addColumn<QCborArray>("message");
    QTest::addColumn<int>("type"); // the decoder tried
    QTest::addColumn<QString>("expected");
    const QString s = QStringLiteral("s");
    const QCborArray a;
    const QCborMap m;
    const int Init = int(wire::Msg::Init), Define = int(wire::Msg::Define), Chunk = int(wire::Msg::Chunk),
              Run = int(wire::Msg::Run), Quit = int(wire::Msg::Quit), Ready = int(wire::Msg::Ready),
              Started = int(wire::Msg::Started), Done = int(wire::Msg::Done), RunDone = int(wire::Msg::RunDone),
              Events = int(wire::Msg::Events), Fatal = int(wire::Msg::Fatal);
    const QString arity = QStringLiteral("fields, expected");
    const QString type = QStringLiteral("is not");

    QTest::newRow("wrong type") << QCborArray { Started, 1, 2 } << Done << QStringLiteral("expected a Done message");
    QTest::newRow("Init short") << QCborArray { Init, 0, s, 0, 0 } << Init << arity;
    QTest::newRow("Init long") << QCborArray { Init, 0, s, 0, 0, a, -1, 0 } << Init << arity;
    QTest::newRow("Init name") << QCborArray { Init, 0, 1, 0, 0, a, -1 } << Init << type;
    QTest::newRow("Init faults") << QCborArray { Init, 0, s, 0, 0, m, -1 } << Init << type;
    QTest::newRow("Init fault") << QCborArray { Init, 0, s, 0, 0, QCborArray { 1 }, -1 } << Init << type;
    QTest::newRow("Define short") << QCborArray { Define, 1, s } << Define << arity;
    QTest::newRow("Define config") << QCborArray { Define, 1, s, a } << Define << type;
    QTest::newRow("Define id") << QCborArray { Define, 1.5, s, m } << Define << type;
    QTest::newRow("Chunk short") << QCborArray { Chunk, 1, 1, 0, 1 } << Chunk << arity;
    QTest::newRow("Chunk args") << QCborArray { Chunk, 1, 1, 0, 1, m } << Chunk << type;
    QTest::newRow("Chunk id") << QCborArray { Chunk, s, 1, 0, 1, a } << Chunk << type;
    QTest::newRow("Chunk size") << QCborArray { Chunk, 1, 1, 0, 0, a } << Chunk << QStringLiteral("chunk size 0");
    QTest::newRow("Run short") << QCborArray { Run, 1 } << Run << arity;
    QTest::newRow("Run id") << QCborArray { Run, s, 1 } << Run << type;
    QTest::newRow("Quit long") << QCborArray { Quit, 0 } << Quit << arity;
    QTest::newRow("Ready short") << QCborArray { Ready, 1, 1 } << Ready << arity;
    QTest::newRow("Ready pid") << QCborArray { Ready, s, 1, 1 } << Ready << type;
    QTest::newRow("Started short") << QCborArray { Started, 1 } << Started << arity;
    QTest::newRow("Started time") << QCborArray { Started, 1, 2.5 } << Started << type;
    QTest::newRow("Done short") << QCborArray { Done, 1, 1, a, a, QCborValue() } << Done << arity;
    QTest::newRow("Done results") << QCborArray { Done, 1, 1, m, a, QCborValue(), 0 } << Done << type;
    QTest::newRow("Done errors") << QCborArray { Done, 1, 1, a, a, a, 0 } << Done << type;
    QTest::newRow("Done times count") << QCborArray { Done, 1, 1, QCborArray { 1 }, QCborArray { 1 }, QCborValue(), 0 }
                                      << Done << QStringLiteral("1 times for 1 results");
    QTest::newRow("Done time") << QCborArray { Done, 1, 1, QCborArray { 1 }, QCborArray { 1, s }, QCborValue(), 0 }
                               << Done << QStringLiteral("a time is not an integer");
    QCborMap badError;
    badError.insert(0, QCborArray { s, s });
    QTest::newRow("Done error") << QCborArray { Done, 1, 1, QCborArray { 1 }, QCborArray { 1, 2 }, badError, 0 } << Done
                                << QStringLiteral("an error is not");
    QTest::newRow("Done chunks") << QCborArray { Done, 1, -1, a, a, QCborValue(), 0 } << Done
                                 << QStringLiteral("-1 chunks");
    QTest::newRow("RunDone short") << QCborArray { RunDone, 0, s } << RunDone << arity;
    QTest::newRow("RunDone type") << QCborArray { RunDone, 0, 1, s } << RunDone << type;
    QTest::newRow("Events short") << QCborArray { Events } << Events << arity;
    QTest::newRow("Events not array") << QCborArray { Events, m } << Events << type;
    QTest::newRow("Events partial") << QCborArray { Events, QCborArray { 1, 2, 3 } } << Events
                                    << QStringLiteral("not 5 per event");
    QTest::newRow("Events value") << QCborArray { Events, QCborArray { 1, 2, 3, 4, s } } << Events
                                  << QStringLiteral("not an integer");
    QTest::newRow("Fatal short") << QCborArray { Fatal } << Fatal << arity;
    QTest::newRow("Fatal message") << QCborArray { Fatal, 3 } << Fatal << type;
}

void TestWire::malformedMessagesRejected()
{
    QFETCH(QCborArray, message);
    QFETCH(int, type);
    QFETCH(QString, expected);
    QString why;
    QVERIFY(!decodes(message, type, &why));
    QVERIFY2(why.contains(expected), qPrintable(why));
}

void TestWire::forkserverAndManagerMessages()
{
    roundTrip(forkserver::Hello { 10, 20 });
    roundTrip(forkserver::Fork { 3, QCborArray { 10, 11 } });
    roundTrip(forkserver::Forked { 3, 1234 });
    roundTrip(forkserver::Exited { 1234, 9, { 1500, 250, 7, 3, 20480 } });
    roundTrip(forkserver::ForkFailed { 3, QStringLiteral("EAGAIN") });
    roundTrip(forkserver::Signal { 1234, SIGTERM });
    roundTrip(managerproto::Hello { managerproto::ProtocolVersion, QByteArray("key"), 99 });
    roundTrip(managerproto::Call { 5, 2, 7, QCborArray { QStringLiteral("k"), 1 } });
    roundTrip(managerproto::Welcome { managerproto::ProtocolVersion, 99 });
    roundTrip(managerproto::Result { 5, QCborMap { { 1, 2 } } });
    roundTrip(managerproto::Error { 5, QStringLiteral("KeyError"), QStringLiteral("'k'") });
    roundTrip(managerproto::Config { managerproto::ProtocolVersion, QStringLiteral("proclab-x"), QByteArray("key") });
    roundTrip(managerproto::Shutdown {});
    roundTrip(managerproto::Ready { 99, 1000 });
    roundTrip(managerproto::Fatal { QStringLiteral("cannot listen") });
    // The layouts the peers always used.
    QCOMPARE(forkserver::Fork({ 3, QCborArray { 10 } }).encode(), QCborArray({ 2, 3, QCborArray { 10 } }));
    QCOMPARE(managerproto::Call({ 5, 2, 7, {} }).encode(), QCborArray({ 3, 5, 2, 7, QCborArray() }));

    QString why;
    QVERIFY(!forkserver::Fork::decode({ int(forkserver::Fs::Fork), 3 }, &why));
    QVERIFY2(why.contains(QStringLiteral("1 fields, expected 2")), qPrintable(why));
    QVERIFY(!forkserver::Fork::decode({ int(forkserver::Fs::Fork), 3, QCborArray { QStringLiteral("x") } }, &why));
    QVERIFY2(why.contains(QStringLiteral("descriptor number")), qPrintable(why));
    QVERIFY(!forkserver::Forked::decode({ int(forkserver::Fs::Forked), 3, QStringLiteral("pid") }, &why));
    QVERIFY2(why.contains(QStringLiteral("field 2 is not an integer")), qPrintable(why));
    QVERIFY(!forkserver::Signal::decode({ int(forkserver::Fs::Signal), 0, SIGKILL }, &why));
    QVERIFY2(why.contains(QStringLiteral("malformed Signal")), qPrintable(why));
    QVERIFY(!forkserver::Exited::decode({ int(forkserver::Fs::Forked), 3, 4 }, &why));
    QVERIFY2(why.contains(QStringLiteral("expected a Exited message, got type Forked")), qPrintable(why));
    QVERIFY(!managerproto::Hello::decode({ int(managerproto::Msg::Hello), 1, QStringLiteral("key"), 9 }, &why));
    QVERIFY2(why.contains(QStringLiteral("not a byte string")), qPrintable(why));
    QVERIFY(!managerproto::Call::decode({ int(managerproto::Msg::Call), 1, 0, 7 }, &why));
    QVERIFY2(why.contains(QStringLiteral("3 fields, expected 4")), qPrintable(why));
    QVERIFY(!managerproto::Error::decode({ int(managerproto::Msg::Error), 1, 2, QStringLiteral("m") }, &why));
    QVERIFY2(why.contains(QStringLiteral("not a string")), qPrintable(why));
    QVERIFY(!managerproto::Result::decode({ int(managerproto::Msg::Result) }, &why));
    QVERIFY(!managerproto::Config::decode({ int(managerproto::Msg::Config), 1, QStringLiteral("a") }, &why));
    QVERIFY(!managerproto::Shutdown::decode({ int(managerproto::Msg::Shutdown), 1 }, &why));
}

QTEST_GUILESS_MAIN(TestWire)
#include "tst_wire.moc"
