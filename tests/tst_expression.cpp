#include "content/expression.h"

#include "base/pyformat.h"

#include <QCborArray>
#include <QTest>

#include <stdexcept>
#include <utility>
#include <vector>

using namespace proclab;

class TestExpression : public QObject {
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void variables_data();
    void variables();
    void compileError_data();
    void compileError();
    void wrongArguments_data();
    void wrongArguments();
    void doublePath();
    void failedCompileKeepsPrevious();
    void move();
};

namespace {

QCborArray range(int n)
{
    QCborArray a;
    for (int i = 0; i < n; ++i)
        a.append(i);
    return a;
}

Expression compiled(const QString& text)
{
    Expression e;
    QString error;
    if (!e.compile(text, &error))
        qFatal("cannot compile %s: %s", qPrintable(text), qPrintable(error));
    return e;
}

} // namespace

// Results are compared through pyRepr, so "2" (int) and "2.0" (float) are told apart as Python would.
void TestExpression::evaluate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QCborArray>("args");
    QTest::addColumn<QString>("expected");

    QTest::newRow("x*x+1") << QStringLiteral("x*x+1") << range(8) << QStringLiteral("[1, 2, 5, 10, 17, 26, 37, 50]");
    QTest::newRow("x**3") << QStringLiteral("x**3") << QCborArray { 0, 1, 2, -3, 10 }
                          << QStringLiteral("[0, 1, 8, -27, 1000]");
    QTest::newRow("x^3") << QStringLiteral("x^3") << QCborArray { 2, -3 } << QStringLiteral("[8, -27]");
    QTest::newRow("spaces") << QStringLiteral(" x ** 2 ") << QCborArray { 3 } << QStringLiteral("[9]");
    QTest::newRow("x*x-2*x") << QStringLiteral("x*x-2*x") << QCborArray { 1, 2, 3, 8, 10 }
                             << QStringLiteral("[-1, 0, 3, 48, 80]");
    QTest::newRow("-x**2") << QStringLiteral("-x**2") << QCborArray { 3 } << QStringLiteral("[-9]");
    QTest::newRow("right assoc") << QStringLiteral("2**3**2") << QCborArray { 0 } << QStringLiteral("[512]");
    QTest::newRow("x+y") << QStringLiteral("x+y") << QCborArray { pyTuple({ 1, 2 }), QCborArray { 3, 4 } }
                         << QStringLiteral("[3, 7]");
    QTest::newRow("x*y+z") << QStringLiteral("x*y+z") << QCborArray { QCborArray { 2, 3, 4 } }
                           << QStringLiteral("[10]");
    QTest::newRow("y only") << QStringLiteral("y+1") << QCborArray { pyTuple({ 5, 6 }) } << QStringLiteral("[7]");
    QTest::newRow("unused float") << QStringLiteral("x+z") << QCborArray { QCborArray { 1, 2.5, 3 } }
                                  << QStringLiteral("[4]");
    QTest::newRow("float arg") << QStringLiteral("x*x+1") << QCborArray { 1.5, 2.0 } << QStringLiteral("[3.25, 5.0]");
    QTest::newRow("sqrt") << QStringLiteral("sqrt(x)") << QCborArray { 4, 2 }
                          << QStringLiteral("[2.0, 1.4142135623730951]");
    QTest::newRow("x/2") << QStringLiteral("x/2") << QCborArray { 4, 3 } << QStringLiteral("[2.0, 1.5]");
    QTest::newRow("x**-1") << QStringLiteral("x**-1") << QCborArray { 1, 2 } << QStringLiteral("[1.0, 0.5]");
    QTest::newRow("x**y") << QStringLiteral("x**y") << QCborArray { QCborArray { 2, 3 } } << QStringLiteral("[8.0]");
    QTest::newRow("decimal") << QStringLiteral("x*1.0") << QCborArray { 2 } << QStringLiteral("[2.0]");
    QTest::newRow("1e3") << QStringLiteral("x*1e3") << QCborArray { 2 } << QStringLiteral("[2000.0]");
    QTest::newRow("const pi") << QStringLiteral("x+0*_pi") << QCborArray { 2 } << QStringLiteral("[2.0]");
    QTest::newRow("compare") << QStringLiteral("x>2") << QCborArray { 1, 3 } << QStringLiteral("[0.0, 1.0]");
    QTest::newRow("past 2^53") << QStringLiteral("x**3") << QCborArray { 1000000 } << QStringLiteral("[1e+18]");
    QTest::newRow("constant") << QStringLiteral("7") << QCborArray { 1, QCborArray { 1, 2 } }
                              << QStringLiteral("[7, 7]");
    QTest::newRow("one-tuple") << QStringLiteral("x+1") << QCborArray { pyTuple({ 1 }) } << QStringLiteral("[2]");
}

void TestExpression::evaluate()
{
    QFETCH(QString, text);
    QFETCH(QCborArray, args);
    QFETCH(QString, expected);

    const Expression e = compiled(text);
    QCborArray results;
    for (const QCborValue& a : args)
        results.append(e.evaluate(a));
    QCOMPARE(pyRepr(results), expected);
}

void TestExpression::variables_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("arity");
    QTest::addColumn<QStringList>("variables");

    const QString x = QStringLiteral("x"), y = QStringLiteral("y"), z = QStringLiteral("z");
    QTest::newRow("const") << QStringLiteral("2**10") << 0 << QStringList {};
    QTest::newRow("x+1") << QStringLiteral("x+1") << 1 << QStringList { x };
    QTest::newRow("x*x") << QStringLiteral("x*x") << 1 << QStringList { x };
    QTest::newRow("x+y") << QStringLiteral("x+y") << 2 << QStringList { x, y };
    QTest::newRow("y+x") << QStringLiteral("y+x") << 2 << QStringList { x, y };
    QTest::newRow("y") << QStringLiteral("y") << 2 << QStringList { y };
    QTest::newRow("z-x") << QStringLiteral("z-x") << 3 << QStringList { x, z };
    QTest::newRow("xyz") << QStringLiteral("x*y*z") << 3 << QStringList { x, y, z };
}

void TestExpression::variables()
{
    QFETCH(QString, text);
    QFETCH(int, arity);
    QFETCH(QStringList, variables);

    const Expression e = compiled(text);
    QCOMPARE(e.text(), text);
    QCOMPARE(e.arity(), arity);
    QCOMPARE(e.variables(), variables);
}

void TestExpression::compileError_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // a part of the message

    QTest::newRow("x*+") << QStringLiteral("x*+") << QStringLiteral("at position 3");
    QTest::newRow("x*") << QStringLiteral("x*") << QStringLiteral("Unexpected end of expression at position 2");
    QTest::newRow("foo(x)") << QStringLiteral("foo(x)")
                            << QStringLiteral("unknown function 'foo' at position 0 (muparser: Unexpected parenthesis");
    QTest::newRow("Sin(x)") << QStringLiteral("x+Sin(x)") << QStringLiteral("unknown function 'Sin' at position 2");
    QTest::newRow("w+1") << QStringLiteral("w+1")
                         << QStringLiteral("unknown name 'w' at position 0 (the variables are x, y and z)");
    QTest::newRow("xx") << QStringLiteral("2*xx") << QStringLiteral("unknown name 'xx'");
    QTest::newRow("sin") << QStringLiteral("sin+x") << QStringLiteral("function 'sin' at position 0 needs parentheses");
    QTest::newRow("x**") << QStringLiteral("x**") << QStringLiteral("Unexpected end of expression at position 3");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("blank") << QStringLiteral("  ") << QStringLiteral("empty");
    QTest::newRow("paren") << QStringLiteral("sqrt(x") << QStringLiteral("Missing parenthesis at position 6");
    QTest::newRow("2x") << QStringLiteral("2x") << QStringLiteral("position 1");
    QTest::newRow("x%2") << QStringLiteral("x%2") << QStringLiteral("position 1");
    QTest::newRow("x***2") << QStringLiteral("x***2") << QStringLiteral("position 3");
    QTest::newRow("assign") << QStringLiteral("x=5") << QStringLiteral("assignment '=' is not allowed at position 1");
    QTest::newRow("comma") << QStringLiteral("x, y") << QStringLiteral("expected one expression");
    QTest::newRow("non-ascii") << QStringLiteral("x\u00b2") << QStringLiteral("unexpected character");
    QTest::newRow("string") << QStringLiteral("\"abc\"") << QStringLiteral("Strings");
}

void TestExpression::compileError()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    Expression e;
    QString error;
    QVERIFY(!e.compile(text, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    QVERIFY(!e.compile(text, nullptr)); // the message is optional
}

void TestExpression::wrongArguments_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QCborValue>("args");

    QTest::newRow("x+y of 1") << QStringLiteral("x+y") << QCborValue(5);
    QTest::newRow("x+y of 3") << QStringLiteral("x+y") << QCborValue(QCborArray { 1, 2, 3 });
    QTest::newRow("y of 1") << QStringLiteral("y") << QCborValue(QCborArray { 1 });
    QTest::newRow("x of 2") << QStringLiteral("x") << pyTuple({ 1, 2 });
    QTest::newRow("x of 0") << QStringLiteral("x") << QCborValue(QCborArray {});
    QTest::newRow("str") << QStringLiteral("x") << QCborValue(QStringLiteral("abc"));
    QTest::newRow("None") << QStringLiteral("x+y") << QCborValue(QCborArray { 1, nullptr });
    QTest::newRow("bool") << QStringLiteral("x") << QCborValue(true);
    QTest::newRow("const str") << QStringLiteral("1") << QCborValue(QStringLiteral("abc"));
}

void TestExpression::wrongArguments()
{
    QFETCH(QString, text);
    QFETCH(QCborValue, args);

    const Expression e = compiled(text);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, e.evaluate(args));
    try {
        e.evaluate(args);
    } catch (const std::invalid_argument& ex) {
        const QString message = QString::fromUtf8(ex.what());
        QVERIFY2(message.startsWith(text), qPrintable(message));
        QVERIFY2(message.contains(pyRepr(args)), qPrintable(message));
    }
}

void TestExpression::doublePath()
{
    const Expression e = compiled(QStringLiteral("x*x+y-z"));
    QCOMPARE(e.evaluate(3.0), 9.0);
    QCOMPARE(e.evaluate(3.0, 1.0, 0.5), 9.5);
    const Expression c = compiled(QStringLiteral("x**0.5"));
    QCOMPARE(c.evaluate(2.0), std::sqrt(2.0));
}

void TestExpression::failedCompileKeepsPrevious()
{
    Expression e = compiled(QStringLiteral("x+1"));
    QString error;
    QVERIFY(!e.compile(QStringLiteral("x+y+foo("), &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(e.text(), QStringLiteral("x+1"));
    QCOMPARE(e.arity(), 1);
    QCOMPARE(e.evaluate(QCborValue(1)), QCborValue(2));
}

void TestExpression::move()
{
    // muparser holds pointers to the variables; they must survive moving the Expression around.
    Expression a = compiled(QStringLiteral("x*y"));
    Expression b(std::move(a));
    QCOMPARE(b.evaluate(QCborArray { 6, 7 }), QCborValue(42));

    std::vector<Expression> many;
    for (int i = 0; i < 20; ++i) // growth moves the elements
        many.push_back(compiled(QStringLiteral("x+%1").arg(i)));
    for (int i = 0; i < 20; ++i)
        QCOMPARE(many[std::size_t(i)].evaluate(QCborValue(1)), QCborValue(1 + i));

    Expression c;
    c = std::move(b);
    QCOMPARE(c.text(), QStringLiteral("x*y"));
    QCOMPARE(c.evaluate(2.0, 4.0), 8.0);
    QCOMPARE(c.evaluate(QCborArray { 2, 0.5 }), QCborValue(1.0));
}

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
