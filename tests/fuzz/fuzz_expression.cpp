// libFuzzer target: the expression compiler and evaluator (content/expression.h, muparser underneath) on
// arbitrary text, as a student may type it into `expr` or `map`.
//
// Checked: no crash, no hang, no leak; compiling is deterministic (the same text compiles, or fails with the same
// message, twice); a failed compile leaves the previous expression intact; a compiled expression evaluates to the
// same value (or the same error) twice, for integers and floats, including 0 (division by zero must raise, not
// crash) and values at the edges of the double range.
#include "content/expression.h"

#include <QCborArray>
#include <QCborValue>
#include <QString>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <limits>

using namespace proclab;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort(); // libFuzzer reports it with the input that got here
}

// The value, or the error's text: what a task would report.
QString outcome(const Expression& e, const QCborValue& args)
{
    try {
        const QCborValue v = e.evaluate(args);
        if (v.isDouble() && std::isnan(v.toDouble()))
            return QStringLiteral("nan");
        return QString::fromUtf8(v.toCbor().toHex());
    } catch (const std::exception& ex) {
        return QStringLiteral("error: ") + QString::fromUtf8(ex.what());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size > 4096)
        return 0; // longer expressions add nothing but time
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));

    Expression e;
    QString error;
    const bool ok = e.compile(text, &error);
    QString again;
    Expression twin;
    check(twin.compile(text, &again) == ok && again == error);
    if (!ok) {
        // A failed compile leaves what was there.
        Expression kept;
        check(kept.compile(QStringLiteral("x+1"), nullptr));
        check(!kept.compile(text, nullptr));
        check(kept.evaluate(QCborValue(qint64(2))).toInteger() == 3);
        return 0;
    }
    check(e.arity() >= 0 && e.arity() <= 3);
    const double big = std::numeric_limits<double>::max();
    const QCborValue inputs[] = { QCborValue(qint64(0)), QCborValue(qint64(1)), QCborValue(qint64(-7)), QCborValue(2.5),
        QCborValue(-0.0), QCborValue(big), QCborValue(qint64(1) << 53), QCborValue(QCborArray { 3, 0 }),
        QCborValue(QCborArray { 0.5, -2, 9 }), QCborValue(QStringLiteral("x")) };
    for (const QCborValue& args : inputs)
        check(outcome(e, args) == outcome(e, args));
    return 0;
}
