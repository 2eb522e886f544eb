#pragma once

// Printing values the way Python's repr() prints them, so ProcLab's output reads like the tutorials'.

#include <QCborValue>
#include <QString>

namespace proclab {

// repr() of a float: shortest round-trip digits, "2.0" not "2", "1e-05", "1e+16", "inf", "nan", "-0.0".
QString pyFloatRepr(double value);

// repr() of a value: None, True/False, ints, floats as above, strings in single quotes (double quotes
// when the text holds a single quote and no double quote, escapes as Python does), bytes as b'..',
// arrays as [a, b], maps as {k: v}. A CBOR array tagged with PyTupleTag prints as a tuple: (a, b) or (a,).
QString pyRepr(const QCborValue& value);

// The CBOR tag ProcLab uses to mark an array that Python would show as a tuple.
inline constexpr quint64 PyTupleTag = 27001;
QCborValue pyTuple(const QCborArray& items);

} // namespace proclab
