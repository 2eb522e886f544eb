#include "base/messages.h"

#include <initializer_list>

namespace proclab::wire {

namespace {

enum class Field { Int, Str, Arr, Map, MapOrNull, Any };

const char* fieldName(Field f)
{
    switch (f) {
    case Field::Int:
        return "an integer";
    case Field::Str:
        return "a string";
    case Field::Arr:
        return "an array";
    case Field::Map:
        return "a map";
    case Field::MapOrNull:
        return "a map or null";
    case Field::Any:
        break;
    }
    return "a value";
}

bool fits(const QCborValue& v, Field f)
{
    switch (f) {
    case Field::Int:
        return v.isInteger();
    case Field::Str:
        return v.isString();
    case Field::Arr:
        return v.isArray();
    case Field::Map:
        return v.isMap();
    case Field::MapOrNull:
        return v.isMap() || v.isNull();
    case Field::Any:
        return true;
    }
    return false;
}

bool fail(QString* why, const QString& text)
{
    if (why)
        *why = text;
    return false;
}

// m is [type, fields...] with exactly these fields.
bool shape(const QCborArray& m, Msg type, std::initializer_list<Field> fields, QString* why)
{
    const QString name = messageName(int(type));
    if (m.isEmpty() || !m.at(0).isInteger() || m.at(0).toInteger() != int(type))
        return fail(why,
            QStringLiteral("expected a %1 message, got type %2")
                .arg(name, m.isEmpty() ? QStringLiteral("none") : messageName(messageType(m))));
    if (m.size() != qsizetype(fields.size()) + 1)
        return fail(why,
            QStringLiteral("malformed %1 message: %2 fields, expected %3")
                .arg(name)
                .arg(m.size() - 1)
                .arg(fields.size()));
    qsizetype i = 1;
    for (const Field f : fields) {
        if (!fits(m.at(i), f))
            return fail(why,
                QStringLiteral("malformed %1 message: field %2 is not %3")
                    .arg(name)
                    .arg(i)
                    .arg(QLatin1String(fieldName(f))));
        ++i;
    }
    return true;
}

} // namespace

QString messageName(int type)
{
    switch (Msg(type)) {
    case Msg::Init:
        return QStringLiteral("Init");
    case Msg::Define:
        return QStringLiteral("Define");
    case Msg::Chunk:
        return QStringLiteral("Chunk");
    case Msg::Run:
        return QStringLiteral("Run");
    case Msg::Quit:
        return QStringLiteral("Quit");
    case Msg::Ready:
        return QStringLiteral("Ready");
    case Msg::Started:
        return QStringLiteral("Started");
    case Msg::Done:
        return QStringLiteral("Done");
    case Msg::RunDone:
        return QStringLiteral("RunDone");
    case Msg::Events:
        return QStringLiteral("Events");
    case Msg::Fatal:
        return QStringLiteral("Fatal");
    }
    return QString::number(type);
}

QCborArray Init::encode() const
{
    return { int(Type), workerIndex, name, flags, paceNs, faults, statusFd };
}

std::optional<Init> Init::decode(const QCborArray& m, QString* why)
{
    using F = Field;
    if (!shape(m, Type, { F::Int, F::Str, F::Int, F::Int, F::Arr, F::Int }, why))
        return std::nullopt;
    const QCborArray faults = m.at(5).toArray();
    for (const QCborValue& f : faults)
        if (!f.isArray())
            return fail(why, QStringLiteral("malformed Init message: a fault is not an array")), std::nullopt;
    return Init { m.at(1).toInteger(), m.at(2).toString(), m.at(3).toInteger(), m.at(4).toInteger(), faults,
        m.at(6).toInteger() };
}

QCborArray Define::encode() const
{
    return { int(Type), functionId, kernel, config };
}

std::optional<Define> Define::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Str, Field::Map }, why))
        return std::nullopt;
    return Define { m.at(1).toInteger(), m.at(2).toString(), m.at(3).toMap() };
}

QCborArray Chunk::encode() const
{
    return { int(Type), firstChunkId, functionId, firstTask, chunkSize, args };
}

std::optional<Chunk> Chunk::decode(const QCborArray& m, QString* why)
{
    using F = Field;
    if (!shape(m, Type, { F::Int, F::Int, F::Int, F::Int, F::Arr }, why))
        return std::nullopt;
    if (m.at(4).toInteger() < 1)
        return fail(why, QStringLiteral("malformed Chunk message: chunk size %1").arg(m.at(4).toInteger())),
               std::nullopt;
    return Chunk { m.at(1).toInteger(), m.at(2).toInteger(), m.at(3).toInteger(), m.at(4).toInteger(),
        m.at(5).toArray() };
}

QCborArray Run::encode() const
{
    return { int(Type), functionId, args };
}

std::optional<Run> Run::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Any }, why))
        return std::nullopt;
    return Run { m.at(1).toInteger(), m.at(2) };
}

QCborArray Quit::encode() const
{
    return { int(Type) };
}

std::optional<Quit> Quit::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, {}, why))
        return std::nullopt;
    return Quit {};
}

QCborArray Ready::encode() const
{
    return { int(Type), pid, ppid, tReadyNs };
}

std::optional<Ready> Ready::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int, Field::Int }, why))
        return std::nullopt;
    return Ready { m.at(1).toInteger(), m.at(2).toInteger(), m.at(3).toInteger() };
}

QCborArray Started::encode() const
{
    return { int(Type), chunkId, tNs };
}

std::optional<Started> Started::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int }, why))
        return std::nullopt;
    return Started { m.at(1).toInteger(), m.at(2).toInteger() };
}

QCborArray Done::encode() const
{
    return { int(Type), firstChunkId, chunkCount, results, times, errors.isEmpty() ? QCborValue() : QCborValue(errors),
        tSendNs };
}

std::optional<Done> Done::decode(const QCborArray& m, QString* why)
{
    using F = Field;
    if (!shape(m, Type, { F::Int, F::Int, F::Arr, F::Arr, F::MapOrNull, F::Int }, why))
        return std::nullopt;
    Done d { m.at(1).toInteger(), m.at(2).toInteger(), m.at(3).toArray(), m.at(4).toArray(), m.at(5).toMap(),
        m.at(6).toInteger() };
    if (d.chunkCount < 0)
        return fail(why, QStringLiteral("malformed Done message: %1 chunks").arg(d.chunkCount)), std::nullopt;
    if (d.times.size() != 2 * d.results.size())
        return fail(why,
                   QStringLiteral("malformed Done message: %1 times for %2 results")
                       .arg(d.times.size())
                       .arg(d.results.size())),
               std::nullopt;
    for (const QCborValue& t : d.times)
        if (!t.isInteger())
            return fail(why, QStringLiteral("malformed Done message: a time is not an integer")), std::nullopt;
    for (auto it = d.errors.constBegin(); it != d.errors.constEnd(); ++it) {
        const QCborArray e = it.value().toArray();
        if (!it.key().isInteger() || !it.value().isArray() || e.size() != 3 || !e.at(0).isString()
            || !e.at(1).isString() || !e.at(2).isInteger())
            return fail(why, QStringLiteral("malformed Done message: an error is not [type, message, phase]")),
                   std::nullopt;
    }
    return d;
}

QCborArray RunDone::encode() const
{
    return { int(Type), exitCode, errorType, errorMessage };
}

std::optional<RunDone> RunDone::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Str, Field::Str }, why))
        return std::nullopt;
    return RunDone { m.at(1).toInteger(), m.at(2).toString(), m.at(3).toString() };
}

QCborArray Events::encode() const
{
    return { int(Type), flat };
}

std::optional<Events> Events::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Arr }, why))
        return std::nullopt;
    Events e { m.at(1).toArray() };
    if (e.flat.size() % 5 != 0)
        return fail(why, QStringLiteral("malformed Events message: %1 values, not 5 per event").arg(e.flat.size())),
               std::nullopt;
    for (const QCborValue& v : e.flat)
        if (!v.isInteger())
            return fail(why, QStringLiteral("malformed Events message: a value is not an integer")), std::nullopt;
    return e;
}

QCborArray Fatal::encode() const
{
    return { int(Type), message };
}

std::optional<Fatal> Fatal::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Str }, why))
        return std::nullopt;
    return Fatal { m.at(1).toString() };
}

} // namespace proclab::wire
