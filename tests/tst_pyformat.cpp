#include "base/pyformat.h"

#include <QCborArray>
#include <QCborMap>
#include <QTest>

#include <cmath>
#include <limits>

using namespace proclab;

// Expected strings were produced by CPython's repr().
class TestPyFormat : public QObject {
    Q_OBJECT

private slots:
    void floatRepr_data();
    void floatRepr();
    void valueRepr_data();
    void valueRepr();
    void tupleIsTagged();
};

void TestPyFormat::floatRepr_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");

    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("0.1") << 0.1 << QStringLiteral("0.1");
    QTest::newRow("third") << 1 / 3.0 << QStringLiteral("0.3333333333333333");
    QTest::newRow("0.1+0.2") << 0.1 + 0.2 << QStringLiteral("0.30000000000000004");
    QTest::newRow("sqrt2") << std::sqrt(2.0) << QStringLiteral("1.4142135623730951");
    QTest::newRow("2.0") << 2.0 << QStringLiteral("2.0");
    QTest::newRow("0.5") << 0.5 << QStringLiteral("0.5");
    QTest::newRow("-2.5") << -2.5 << QStringLiteral("-2.5");
    QTest::newRow("100") << 100.0 << QStringLiteral("100.0");
    QTest::newRow("123.456") << 123.456 << QStringLiteral("123.456");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0.0");
    QTest::newRow("-zero") << -0.0 << QStringLiteral("-0.0");
    QTest::newRow("1e-4") << 0.0001 << QStringLiteral("0.0001");
    QTest::newRow("1.5e-4") << 0.00015 << QStringLiteral("0.00015");
    QTest::newRow("1e-5") << 1e-5 << QStringLiteral("1e-05");
    QTest::newRow("-1e-7") << -1e-7 << QStringLiteral("-1e-07");
    QTest::newRow("1e15") << 1e15 << QStringLiteral("1000000000000000.0");
    QTest::newRow("16 digits") << 9999999999999998.0 << QStringLiteral("9999999999999998.0");
    QTest::newRow("16 int digits") << 1234567890123456.7 << QStringLiteral("1234567890123456.8");
    QTest::newRow("1e16") << 1e16 << QStringLiteral("1e+16");
    QTest::newRow("17 digits") << 12345678901234567.0 << QStringLiteral("1.2345678901234568e+16");
    QTest::newRow("18 digits") << 123456789012345678.0 << QStringLiteral("1.2345678901234568e+17");
    QTest::newRow("1e22") << 1e22 << QStringLiteral("1e+22");
    QTest::newRow("1e100") << 1e100 << QStringLiteral("1e+100");
    QTest::newRow("max") << std::numeric_limits<double>::max() << QStringLiteral("1.7976931348623157e+308");
    QTest::newRow("denorm") << std::numeric_limits<double>::denorm_min() << QStringLiteral("5e-324");
    QTest::newRow("inf") << inf << QStringLiteral("inf");
    QTest::newRow("-inf") << -inf << QStringLiteral("-inf");
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << QStringLiteral("nan");
    QTest::newRow("-nan") << -std::numeric_limits<double>::quiet_NaN() << QStringLiteral("nan");
}

void TestPyFormat::floatRepr()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(pyFloatRepr(value), expected);
    QCOMPARE(pyRepr(QCborValue(value)), expected);
}

void TestPyFormat::valueRepr_data()
{
    QTest::addColumn<QCborValue>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("int") << QCborValue(42) << QStringLiteral("42");
    QTest::newRow("neg int") << QCborValue(-7) << QStringLiteral("-7");
    QTest::newRow("int zero") << QCborValue(0) << QStringLiteral("0");
    QTest::newRow("int64 max") << QCborValue(std::numeric_limits<qint64>::max())
                               << QStringLiteral("9223372036854775807");
    QTest::newRow("int64 min") << QCborValue(std::numeric_limits<qint64>::min())
                               << QStringLiteral("-9223372036854775808");
    QTest::newRow("double") << QCborValue(2.0) << QStringLiteral("2.0");
    QTest::newRow("None") << QCborValue(nullptr) << QStringLiteral("None");
    QTest::newRow("undefined") << QCborValue() << QStringLiteral("None");
    QTest::newRow("True") << QCborValue(true) << QStringLiteral("True");
    QTest::newRow("False") << QCborValue(false) << QStringLiteral("False");

    QTest::newRow("str") << QCborValue(QStringLiteral("hello")) << QStringLiteral("'hello'");
    QTest::newRow("empty str") << QCborValue(QString()) << QStringLiteral("''");
    QTest::newRow("single quote") << QCborValue(QStringLiteral("it's")) << QStringLiteral("\"it's\"");
    QTest::newRow("double quote") << QCborValue(QStringLiteral("say \"hi\"")) << QStringLiteral("'say \"hi\"'");
    QTest::newRow("both quotes") << QCborValue(QStringLiteral("both ' \"")) << QStringLiteral("'both \\' \"'");
    QTest::newRow("escapes") << QCborValue(QStringLiteral("a\\b\n\t\r\x01\x7f"))
                             << QStringLiteral("'a\\\\b\\n\\t\\r\\x01\\x7f'");
    QTest::newRow("latin1") << QCborValue(QStringLiteral("\u0080\u00e9")) << QStringLiteral("'\\x80\u00e9'");
    QTest::newRow("nbsp") << QCborValue(QString(QChar(0xa0))) << QStringLiteral("'\\xa0'");
    QTest::newRow("bmp") << QCborValue(QStringLiteral("\u200b\u4e2d")) << QStringLiteral("'\\u200b\u4e2d'");
    QTest::newRow("astral") << QCborValue(QStringLiteral("\U0001F600\U000E0001"))
                            << QStringLiteral("'\U0001F600\\U000e0001'");
    QTest::newRow("lone surrogate") << QCborValue(QString(QChar(0xd800))) << QStringLiteral("'\\ud800'");

    QTest::newRow("bytes") << QCborValue(QByteArray("abc")) << QStringLiteral("b'abc'");
    QTest::newRow("bytes esc") << QCborValue(QByteArray("a'b\0\xff\\\n", 7))
                               << QStringLiteral("b\"a'b\\x00\\xff\\\\\\n\"");

    QTest::newRow("empty list") << QCborValue(QCborArray()) << QStringLiteral("[]");
    QTest::newRow("list") << QCborValue(QCborArray { 1, 2 }) << QStringLiteral("[1, 2]");
    QTest::newRow("mixed list") << QCborValue(QCborArray { 42, nullptr, QStringLiteral("hello") })
                                << QStringLiteral("[42, None, 'hello']");
    QTest::newRow("nested") << QCborValue(QCborArray { QCborArray { 1, 2.5 }, QCborArray {} })
                            << QStringLiteral("[[1, 2.5], []]");
    QTest::newRow("empty dict") << QCborValue(QCborMap()) << QStringLiteral("{}");
    QTest::newRow("dict") << QCborValue(QCborMap { { QStringLiteral("a"), 1 }, { QStringLiteral("b"), 0.5 } })
                          << QStringLiteral("{'a': 1, 'b': 0.5}");
    QTest::newRow("int keys") << QCborValue(QCborMap { { 2, QStringLiteral("two") }, { 1, true } })
                              << QStringLiteral("{2: 'two', 1: True}");

    QTest::newRow("tuple0") << pyTuple({}) << QStringLiteral("()");
    QTest::newRow("tuple1") << pyTuple({ 1 }) << QStringLiteral("(1,)");
    QTest::newRow("tuple2") << pyTuple({ 1, 2 }) << QStringLiteral("(1, 2)");
    QTest::newRow("tuple in list") << QCborValue(QCborArray { pyTuple({ 0, 1.0 }), pyTuple({ QStringLiteral("x") }) })
                                   << QStringLiteral("[(0, 1.0), ('x',)]");
    QTest::newRow("other tag") << QCborValue(QCborTag(12345), 7) << QStringLiteral("7");
}

void TestPyFormat::valueRepr()
{
    QFETCH(QCborValue, value);
    QFETCH(QString, expected);
    QCOMPARE(pyRepr(value), expected);
}

void TestPyFormat::tupleIsTagged()
{
    const QCborValue t = pyTuple({ 1, 2 });
    QVERIFY(t.isTag());
    QCOMPARE(t.tag(), QCborTag(PyTupleTag));
    QCOMPARE(t.taggedValue(), QCborValue(QCborArray { 1, 2 }));
}

QTEST_GUILESS_MAIN(TestPyFormat)
#include "tst_pyformat.moc"
