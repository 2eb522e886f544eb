#include "base/pyformat.h"

#include <QCborArray>
#include <QCborMap>
#include <QChar>
#include <QDateTime>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace proclab {

namespace {

const char HexDigits[] = "0123456789abcdef"; // Python escapes with lowercase hex

void appendHex(QString& out, char prefix, uint value, int width)
{
    out += QLatin1Char('\\');
    out += QLatin1Char(prefix);
    for (int shift = (width - 1) * 4; shift >= 0; shift -= 4)
        out += QLatin1Char(HexDigits[(value >> shift) & 0xf]);
}

// Python's str.isprintable(): everything but the "Other" and "Separator" categories, except the space.
bool isPrintable(char32_t ucs4)
{
    if (ucs4 == U' ')
        return true;
    switch (QChar::category(ucs4)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

// Python prefers single quotes and switches to double quotes only when that avoids escaping.
QLatin1Char pickQuote(bool hasSingle, bool hasDouble)
{
    return QLatin1Char(hasSingle && !hasDouble ? '"' : '\'');
}

QString strRepr(const QString& text)
{
    const QLatin1Char quote = pickQuote(text.contains(QLatin1Char('\'')), text.contains(QLatin1Char('"')));
    QString out;
    out.reserve(text.size() + 2);
    out += quote;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = text.at(i).unicode();
        // Combine surrogate pairs; a lone surrogate stays a code point of its own, as in Python.
        if (QChar::isHighSurrogate(c) && i + 1 < n && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i).unicode(), text.at(i + 1).unicode());
            ++i;
        }
        if (c == quote.unicode() || c == U'\\') {
            out += QLatin1Char('\\');
            out += QLatin1Char(char(c));
        } else if (c == U'\t') {
            out += QLatin1String("\\t");
        } else if (c == U'\n') {
            out += QLatin1String("\\n");
        } else if (c == U'\r') {
            out += QLatin1String("\\r");
        } else if (c < 0x20 || c == 0x7f) {
            appendHex(out, 'x', c, 2);
        } else if (c < 0x7f || isPrintable(c)) {
            if (QChar::requiresSurrogates(c)) {
                out += QChar(QChar::highSurrogate(c));
                out += QChar(QChar::lowSurrogate(c));
            } else {
                out += QChar(char16_t(c));
            }
        } else if (c <= 0xff) {
            appendHex(out, 'x', c, 2);
        } else if (c <= 0xffff) {
            appendHex(out, 'u', c, 4);
        } else {
            appendHex(out, 'U', c, 8);
        }
    }
    out += quote;
    return out;
}

QString bytesRepr(const QByteArray& bytes)
{
    const QLatin1Char quote = pickQuote(bytes.contains('\''), bytes.contains('"'));
    QString out;
    out.reserve(bytes.size() + 3);
    out += QLatin1Char('b');
    out += quote;
    for (const char ch : bytes) {
        const uchar c = uchar(ch);
        if (c == quote.unicode() || c == '\\') {
            out += QLatin1Char('\\');
            out += QLatin1Char(char(c));
        } else if (c == '\t') {
            out += QLatin1String("\\t");
        } else if (c == '\n') {
            out += QLatin1String("\\n");
        } else if (c == '\r') {
            out += QLatin1String("\\r");
        } else if (c < 0x20 || c >= 0x7f) {
            appendHex(out, 'x', c, 2);
        } else {
            out += QLatin1Char(char(c));
        }
    }
    out += quote;
    return out;
}

QString sequenceRepr(const QCborArray& items, char open, char close, bool tuple)
{
    QString out = QString(QLatin1Char(open));
    bool first = true;
    for (const QCborValue& item : items) {
        if (!first)
            out += QLatin1String(", ");
        first = false;
        out += pyRepr(item);
    }
    if (tuple && items.size() == 1)
        out += QLatin1Char(','); // (1,) is a tuple, (1) would be a parenthesised int
    out += QLatin1Char(close);
    return out;
}

QString mapRepr(const QCborMap& map)
{
    QString out = QStringLiteral("{");
    bool first = true;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!first)
            out += QLatin1String(", ");
        first = false;
        out += pyRepr(it.key());
        out += QLatin1String(": ");
        out += pyRepr(it.value());
    }
    out += QLatin1Char('}');
    return out;
}

} // namespace

QString pyFloatRepr(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan"); // Python never shows the sign of a NaN
    if (std::isinf(value))
        return value < 0 ? QStringLiteral("-inf") : QStringLiteral("inf");

    // Shortest round-trip digits in scientific form ("1.2345678901234568e+17"), then laid out as
    // Python's float_repr_style 'short' does: fixed notation unless decpt <= -4 or decpt > 16.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
    *res.ptr = '\0';
    char* const e = std::strchr(buf, 'e');
    const int exponent = std::atoi(e + 1);
    char digits[32];
    int ndigits = 0;
    for (const char* p = buf; p != e; ++p) {
        if (*p != '.')
            digits[ndigits++] = *p;
    }
    const int decpt = exponent + 1; // value = 0.DIGITS * 10^decpt

    QString out;
    if (std::signbit(value))
        out += QLatin1Char('-');
    if (decpt <= -4 || decpt > 16) {
        out += QLatin1Char(digits[0]);
        if (ndigits > 1) {
            out += QLatin1Char('.');
            out += QLatin1String(digits + 1, ndigits - 1);
        }
        const int absExp = std::abs(exponent);
        out += QLatin1String(exponent < 0 ? "e-" : "e+");
        if (absExp < 10)
            out += QLatin1Char('0'); // Python pads the exponent to two digits
        out += QString::number(absExp);
    } else if (decpt <= 0) {
        out += QLatin1String("0.");
        out += QString(-decpt, QLatin1Char('0'));
        out += QLatin1String(digits, ndigits);
    } else if (decpt < ndigits) {
        out += QLatin1String(digits, decpt);
        out += QLatin1Char('.');
        out += QLatin1String(digits + decpt, ndigits - decpt);
    } else {
        out += QLatin1String(digits, ndigits);
        out += QString(decpt - ndigits, QLatin1Char('0'));
        out += QLatin1String(".0");
    }
    return out;
}

QString pyRepr(const QCborValue& value)
{
    switch (value.type()) {
    case QCborValue::Integer:
        return QString::number(value.toInteger());
    case QCborValue::Double:
        return pyFloatRepr(value.toDouble());
    case QCborValue::True:
        return QStringLiteral("True");
    case QCborValue::False:
        return QStringLiteral("False");
    case QCborValue::Null:
    case QCborValue::Undefined:
    case QCborValue::Invalid:
        return QStringLiteral("None");
    case QCborValue::String:
        return strRepr(value.toString());
    case QCborValue::ByteArray:
        return bytesRepr(value.toByteArray());
    case QCborValue::Array:
        return sequenceRepr(value.toArray(), '[', ']', false);
    case QCborValue::Map:
        return mapRepr(value.toMap());
    case QCborValue::Tag: {
        const QCborValue inner = value.taggedValue();
        if (value.tag() == QCborTag(PyTupleTag) && inner.isArray())
            return sequenceRepr(inner.toArray(), '(', ')', true);
        return pyRepr(inner); // other tags carry nothing Python would show
    }
    case QCborValue::DateTime:
        return strRepr(value.toDateTime().toString(Qt::ISODateWithMs));
    case QCborValue::Url:
        return strRepr(value.toUrl().toString());
    case QCborValue::RegularExpression:
        return QStringLiteral("re.compile(") % strRepr(value.toRegularExpression().pattern()) % QLatin1Char(')');
    case QCborValue::Uuid:
        return QStringLiteral("UUID(") % strRepr(value.toUuid().toString(QUuid::WithoutBraces)) % QLatin1Char(')');
    default:
        break;
    }
    if (value.isSimpleType())
        return QStringLiteral("simple(%1)").arg(int(value.toSimpleType()));
    return QStringLiteral("None");
}

QCborValue pyTuple(const QCborArray& items)
{
    return QCborValue(QCborTag(PyTupleTag), items);
}

} // namespace proclab
