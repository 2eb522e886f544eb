#include "base/wire.h"

#include <QRandomGenerator>
#include <QTest>

using namespace proclab;

class TestWire : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripWholeAndByteByByte();
    void rejects_data();
    void rejects();
    void randomGarbageNeverCrashes();
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

QTEST_GUILESS_MAIN(TestWire)
#include "tst_wire.moc"
