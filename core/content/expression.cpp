#include "content/expression.h"

#include "base/pyformat.h"
#include "mp/kernel.h"

#include <QCborArray>
#include <QScopeGuard>

#include <muParser.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace proclab {

namespace {

constexpr int MaxVars = 3;
constexpr const char* VarNames[MaxVars] = { "x", "y", "z" };
constexpr double MaxExactInt = 9007199254740992.0; // 2^53: doubles are exact integers up to here

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// muparser skips every control character as blank
bool isSpace(char c)
{
    return c > 0 && c <= ' ';
}

int varIndex(const std::string& name)
{
    for (int i = 0; i < MaxVars; ++i) {
        if (name == VarNames[i])
            return i;
    }
    return -1;
}

// Division is ours, not muparser's built-in `/`, so that dividing by zero raises ZeroDivisionError as Python
// does (muparser answers inf). It is spelt DivideOperator inside: one character for another.
constexpr char DivideOperator = '#';

// Set while compile() evaluates once to complete the parse: a zero divisor there (x is 0) is not an error.
thread_local bool t_compiling = false;

double pythonDivide(double a, double b)
{
    if (b == 0 && !t_compiling)
        throw TaskException(QStringLiteral("ZeroDivisionError"), QStringLiteral("division by zero"));
    return a / b;
}

// Python's `**` becomes `^ ` and `/` becomes DivideOperator: one character for another, so muparser's
// positions stay the user's positions.
std::string translatePower(const QString& text)
{
    std::string out = text.toStdString();
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i + 1 < out.size() && out[i] == '*' && out[i + 1] == '*') {
            out[i] = '^';
            out[i + 1] = ' ';
        } else if (out[i] == '/') {
            out[i] = DivideOperator;
        }
    }
    return out;
}

// Skips a numeric literal as muparser reads it: digits and dots, then an optional exponent.
std::size_t skipNumber(const std::string& s, std::size_t i)
{
    while (i < s.size() && (isDigit(s[i]) || s[i] == '.'))
        ++i;
    if (i + 1 < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        std::size_t j = i + 1;
        if (s[j] == '+' || s[j] == '-')
            ++j;
        if (j < s.size() && isDigit(s[j])) {
            while (j < s.size() && isDigit(s[j]))
                ++j;
            i = j;
        }
    }
    return i;
}

// The first name muparser cannot use, described, so the error can say "unknown function 'foo'" where muparser
// only says "unexpected parenthesis". Returns an empty string when every name is fine.
QString findBadName(const std::string& s, const mu::Parser& parser)
{
    const auto& funs = parser.GetFunDef();
    const auto& consts = parser.GetConst();
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') { // muparser string literal: its content is not names
            i = s.find('"', i + 1);
            i = i == std::string::npos ? s.size() : i + 1;
        } else if (isDigit(c) || c == '.') {
            i = skipNumber(s, i);
        } else if (isNameStart(c)) {
            const std::size_t start = i;
            while (i < s.size() && isNameChar(s[i]))
                ++i;
            const std::string word = s.substr(start, i - start);
            std::size_t next = i;
            while (next < s.size() && isSpace(s[next]))
                ++next;
            const bool isCall = next < s.size() && s[next] == '(';
            const bool isFunction = funs.find(word) != funs.end();
            const QString name = QString::fromStdString(word);
            if (isFunction && !isCall)
                return QStringLiteral("function '%1' at position %2 needs parentheses").arg(name).arg(start);
            if (!isFunction && varIndex(word) < 0 && consts.find(word) == consts.end()) {
                return isCall ? QStringLiteral("unknown function '%1' at position %2").arg(name).arg(start)
                              : QStringLiteral("unknown name '%1' at position %2 (the variables are x, y and z)")
                                    .arg(name)
                                    .arg(start);
            }
        } else {
            ++i;
        }
    }
    return QString();
}

// A one-line message for a muparser error, in the user's positions.
QString describeError(const mu::Parser::exception_type& e, const std::string& source, const mu::Parser& parser)
{
    QString message = QString::fromStdString(e.GetMsg());
    message.replace(QLatin1Char(DivideOperator), QLatin1Char('/')); // muparser quotes the source it was given
    const QString badName = findBadName(source, parser);
    if (!badName.isEmpty())
        return badName % QStringLiteral(" (muparser: ") % message % QLatin1Char(')');
    if (e.GetPos() < 0) // e.g. "Expression is empty."
        return message;
    // muparser appends a blank to the expression, so "end of expression" can point one past the text.
    const int position = std::min(e.GetPos(), int(source.size()));
    if (e.GetCode() == mu::ecINTERNAL_ERROR) // what muparser says for e.g. "x*+", which tells the user nothing
        return QStringLiteral("syntax error: incomplete expression at position %1 (muparser: %2)")
            .arg(position)
            .arg(message);
    const QString muPosition = QStringLiteral("position %1").arg(e.GetPos());
    if (message.contains(muPosition)) {
        QString fixed = message;
        return fixed.replace(muPosition, QStringLiteral("position %1").arg(position));
    }
    return message % QStringLiteral(" at position %1").arg(position);
}

// muparser parses `x = 5` as an assignment to our variable; a function of x must not change x.
int findAssignment(const std::string& s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '=')
            continue;
        const bool comparison = (i > 0 && std::string("=<>!").find(s[i - 1]) != std::string::npos)
            || (i + 1 < s.size() && s[i + 1] == '=');
        if (!comparison)
            return int(i);
    }
    return -1;
}

// Integer-closed: only integer literals, x/y/z, + - * ( ) and `^` followed by an integer literal. Such an
// expression maps Python ints to Python ints; anything else (/, functions, constants, 1.5, 1e3, x^-1,
// comparisons) makes Python produce a float or something we cannot follow exactly.
bool isIntegerClosed(const std::string& s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (isSpace(c) || isDigit(c) || c == '+' || c == '-' || c == '*' || c == '(' || c == ')') {
            ++i;
        } else if (c == '^') {
            ++i;
            while (i < s.size() && isSpace(s[i]))
                ++i;
            if (i >= s.size() || !isDigit(s[i]))
                return false;
        } else if (isNameStart(c)) {
            const std::size_t start = i;
            while (i < s.size() && isNameChar(s[i]))
                ++i;
            if (varIndex(s.substr(start, i - start)) < 0)
                return false;
        } else {
            return false;
        }
    }
    return true;
}

} // namespace

struct Expression::Private {
    // muparser keeps pointers to these, which is why they live here and the object moves by its pimpl.
    double vars[MaxVars] = { 0, 0, 0 };
    mu::Parser parser;
    QString text;
    QStringList variables;
    bool used[MaxVars] = { false, false, false };
    int arity = 0;
    bool integerClosed = false;

    Private()
    {
        for (int i = 0; i < MaxVars; ++i)
            parser.DefineVar(VarNames[i], &vars[i]);
        // Not optimisable: muparser would fold `1/0` into inf at compile time instead of calling it.
        parser.DefineOprt(std::string(1, DivideOperator), pythonDivide, mu::prMUL_DIV, mu::oaLEFT, false);
    }

    [[noreturn]] void throwEvalError(const mu::Parser::exception_type& e) const
    {
        throw std::domain_error(("cannot evaluate " + text.toStdString() + ": " + e.GetMsg()).c_str());
    }
};

Expression::Expression()
    : d(std::make_unique<Private>())
{
}

Expression::~Expression() = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

bool Expression::compile(const QString& text, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };

    // muparser positions are byte offsets; keeping the text ASCII keeps them character positions too.
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).unicode() >= 0x80 || text.at(i) == QLatin1Char(DivideOperator))
            return fail(QStringLiteral("unexpected character '%1' at position %2").arg(text.at(i)).arg(i));
    }
    const std::string source = translatePower(text);
    if (const int pos = findAssignment(source); pos >= 0)
        return fail(QStringLiteral("assignment '=' is not allowed at position %1 (write == to compare)").arg(pos));

    // Build into a fresh Private so that a failed compile leaves the previous expression intact.
    auto p = std::make_unique<Private>();
    try {
        p->parser.SetExpr(source);
        const mu::varmap_type used = p->parser.GetUsedVar();
        t_compiling = true;
        const auto compiled = qScopeGuard([] { t_compiling = false; });
        p->parser.Eval(); // completes the parse (bytecode), which is where muparser finds most errors
        if (p->parser.GetNumResults() != 1)
            return fail(
                QStringLiteral("expected one expression, got %1 separated by commas").arg(p->parser.GetNumResults()));
        for (const auto& entry : used) {
            const int index = varIndex(entry.first);
            if (index >= 0) {
                p->used[index] = true;
                p->arity = std::max(p->arity, index + 1);
            }
        }
    } catch (const mu::Parser::exception_type& e) {
        return fail(describeError(e, source, p->parser));
    }

    for (int i = 0; i < MaxVars; ++i) {
        if (p->used[i])
            p->variables.append(QLatin1String(VarNames[i]));
    }
    p->integerClosed = isIntegerClosed(source);
    p->text = text;
    d = std::move(p);
    if (error)
        error->clear();
    return true;
}

QString Expression::text() const
{
    return d ? d->text : QString();
}

QStringList Expression::variables() const
{
    return d ? d->variables : QStringList();
}

int Expression::arity() const
{
    return d ? d->arity : 0;
}

double Expression::evaluate(double x, double y, double z) const
{
    if (!d)
        throw std::logic_error("evaluate() on a moved-from Expression");
    d->vars[0] = x;
    d->vars[1] = y;
    d->vars[2] = z;
    try {
        return d->parser.Eval();
    } catch (const mu::Parser::exception_type& e) {
        d->throwEvalError(e);
    }
}

QCborValue Expression::evaluate(const QCborValue& args) const
{
    if (!d)
        throw std::logic_error("evaluate() on a moved-from Expression");

    const auto wrongArgs = [this, &args](const QString& why) {
        return std::invalid_argument(
            QString(d->text % QStringLiteral(": ") % why % QStringLiteral(", got ") % pyRepr(args)).toStdString());
    };
    const auto expected = [this] {
        if (d->arity == 1)
            return QStringLiteral("1 argument (x)");
        QStringList names;
        for (int i = 0; i < d->arity; ++i)
            names.append(QLatin1String(VarNames[i]));
        return QStringLiteral("%1 arguments (%2)").arg(d->arity).arg(names.join(QLatin1String(", ")));
    };

    double values[MaxVars] = { 0, 0, 0 };
    bool allIntegers = true;
    const auto take = [&](const QCborValue& v, int index) {
        if (v.isInteger()) {
            const qint64 n = v.toInteger();
            if (index < MaxVars) {
                values[index] = double(n);
                // Past 2^53 the double is not the int any more, so the result could not be exact either.
                if (d->used[index] && std::fabs(values[index]) > MaxExactInt)
                    allIntegers = false;
            }
        } else if (v.isDouble()) {
            if (index < MaxVars) {
                values[index] = v.toDouble();
                if (d->used[index])
                    allIntegers = false;
            }
        } else {
            throw wrongArgs(QStringLiteral("arguments must be numbers"));
        }
    };

    // A tuple-tagged array is how a starmap item arrives; unwrap it like a plain array.
    const QCborValue list = args.isTag() && args.tag() == QCborTag(PyTupleTag) ? args.taggedValue() : args;
    if (list.isArray()) {
        const QCborArray items = list.toArray();
        // A constant ignores its arguments; otherwise the count must match, as for a Python lambda.
        if (d->arity > 0 && items.size() != d->arity)
            throw wrongArgs(QStringLiteral("expected ") % expected());
        for (qsizetype i = 0; i < items.size(); ++i)
            take(items.at(i), int(i));
    } else {
        if (d->arity > 1)
            throw wrongArgs(QStringLiteral("expected ") % expected());
        take(list, 0);
    }

    const double result = evaluate(values[0], values[1], values[2]);
    if (d->integerClosed && allIntegers && std::isfinite(result) && std::trunc(result) == result
        && std::fabs(result) <= MaxExactInt)
        return QCborValue(qint64(result));
    return QCborValue(result);
}

} // namespace proclab
