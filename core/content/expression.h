#pragma once

// A user-typed function of x (or x and y, z for starmap), as in the tutorials' `x*x+1`, `x**3`, `x+y`,
// evaluated with muparser. Python's `**` is accepted as power. One Expression per thread: not thread-safe.

#include <QCborValue>
#include <QString>
#include <QStringList>

#include <memory>

namespace proclab {

class Expression {
public:
    Expression();
    ~Expression();
    Expression(Expression&&) noexcept;
    Expression& operator=(Expression&&) noexcept;

    // Parses `text`. On failure returns false with a one-line message naming the problem and its position.
    // Variables allowed: x, y, z. Unknown names (functions or variables) are errors.
    bool compile(const QString& text, QString* error);

    QString text() const;
    QStringList variables() const; // the variables the expression uses, in x, y, z order
    int arity() const; // 1 for f(x), 2 for f(x, y), 3 for f(x, y, z); 0 for a constant

    // Evaluates for the given arguments: a number (f(x)) or an array of numbers (f(x, y, ...)).
    // Returns an integer QCborValue where Python would give an int: every argument an integer, the expression
    // integer-closed (only + - * and ** / ^ with integer literals, no division, no functions, no decimal point),
    // and the value integral and within 2^53. Otherwise a double.
    // Throws std::invalid_argument with a clear message for a wrong number or type of arguments, and
    // std::domain_error when muparser reports an evaluation error.
    QCborValue evaluate(const QCborValue& args) const;

    double evaluate(double x, double y = 0, double z = 0) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace proclab
