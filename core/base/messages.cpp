#include "base/messages.h"

#include <initializer_list>

namespace proclab {

namespace {

enum class Field { Int, Str, Bytes, Arr, Map, MapOrNone, Any };

const char* fieldName(Field f)
{
    switch (f) {
    case Field::Int:
        return "an integer";
    case Field::Str:
        return "a string";
    case Field::Bytes:
        return "a byte string";
    case Field::Arr:
        return "an array";
    case Field::Map:
        return "a map";
    case Field::MapOrNone:
        return "a map, undefined or null";
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
    case Field::Bytes:
        return v.isByteArray();
    case Field::Arr:
        return v.isArray();
    case Field::Map:
        return v.isMap();
    case Field::MapOrNone:
        return v.isMap() || v.isUndefined() || v.isNull();
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

// m is [type, fields...] with exactly these fields; `name` names message types.
bool shape(const QCborArray& m, int type, QString (*name)(int), std::initializer_list<Field> fields, QString* why)
{
    const int got = m.isEmpty() || !m.at(0).isInteger() ? -1 : int(m.at(0).toInteger());
    if (got != type)
        return fail(why,
            QStringLiteral("expected a %1 message, got %2")
                .arg(name(type), got < 0 ? QStringLiteral("an untyped one") : QStringLiteral("type ") + name(got)));
    if (m.size() != qsizetype(fields.size()) + 1)
        return fail(why,
            QStringLiteral("malformed %1 message: %2 fields, expected %3")
                .arg(name(type))
                .arg(m.size() - 1)
                .arg(fields.size()));
    qsizetype i = 1;
    for (const Field f : fields) {
        if (!fits(m.at(i), f))
            return fail(why,
                QStringLiteral("malformed %1 message: field %2 is not %3")
                    .arg(name(type))
                    .arg(i)
                    .arg(QLatin1String(fieldName(f))));
        ++i;
    }
    return true;
}

bool shape(const QCborArray& m, wire::Msg type, std::initializer_list<Field> fields, QString* why)
{
    return shape(m, int(type), wire::messageName, fields, why);
}

bool shape(const QCborArray& m, forkserver::Fs type, std::initializer_list<Field> fields, QString* why)
{
    return shape(m, int(type), forkserver::messageName, fields, why);
}

bool shape(const QCborArray& m, managerproto::Msg type, std::initializer_list<Field> fields, QString* why)
{
    return shape(m, int(type), managerproto::messageName, fields, why);
}

} // namespace

namespace wire {

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
    if (!shape(m, Type, { F::Int, F::Int, F::Arr, F::Arr, F::MapOrNone, F::Int }, why))
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

} // namespace wire

namespace forkserver {

QString messageName(int type)
{
    switch (Fs(type)) {
    case Fs::Hello:
        return QStringLiteral("Hello");
    case Fs::Fork:
        return QStringLiteral("Fork");
    case Fs::Forked:
        return QStringLiteral("Forked");
    case Fs::Exited:
        return QStringLiteral("Exited");
    case Fs::ForkFailed:
        return QStringLiteral("ForkFailed");
    case Fs::Signal:
        return QStringLiteral("Signal");
    }
    return QString::number(type);
}

QCborArray Hello::encode() const
{
    return { int(Type), pid, tNs };
}

std::optional<Hello> Hello::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int }, why))
        return std::nullopt;
    return Hello { m.at(1).toInteger(), m.at(2).toInteger() };
}

QCborArray Fork::encode() const
{
    return { int(Type), request, targets };
}

std::optional<Fork> Fork::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Arr }, why))
        return std::nullopt;
    Fork f { m.at(1).toInteger(), m.at(2).toArray() };
    for (const QCborValue& t : f.targets)
        if (!t.isInteger())
            return fail(why, QStringLiteral("malformed Fork message: a descriptor number is not an integer")),
                   std::nullopt;
    return f;
}

QCborArray Forked::encode() const
{
    return { int(Type), request, pid };
}

std::optional<Forked> Forked::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int }, why))
        return std::nullopt;
    return Forked { m.at(1).toInteger(), m.at(2).toInteger() };
}

QCborArray Exited::encode() const
{
    return { int(Type), pid, waitStatus, usage.userUs, usage.systemUs, usage.voluntarySwitches,
        usage.involuntarySwitches, usage.peakRssKib };
}

std::optional<Exited> Exited::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int, Field::Int, Field::Int, Field::Int, Field::Int, Field::Int }, why))
        return std::nullopt;
    return Exited { m.at(1).toInteger(), m.at(2).toInteger(),
        { m.at(3).toInteger(), m.at(4).toInteger(), m.at(5).toInteger(), m.at(6).toInteger(), m.at(7).toInteger() } };
}

QCborArray ForkFailed::encode() const
{
    return { int(Type), request, message };
}

std::optional<ForkFailed> ForkFailed::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Str }, why))
        return std::nullopt;
    return ForkFailed { m.at(1).toInteger(), m.at(2).toString() };
}

QCborArray Signal::encode() const
{
    return { int(Type), pid, signal };
}

std::optional<Signal> Signal::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int }, why))
        return std::nullopt;
    const Signal s { m.at(1).toInteger(), m.at(2).toInteger() };
    if (s.pid <= 0 || s.signal <= 0 || s.signal >= 65)
        return fail(why, QStringLiteral("malformed Signal message: pid %1, signal %2").arg(s.pid).arg(s.signal)),
               std::nullopt;
    return s;
}

} // namespace forkserver

namespace managerproto {

QString messageName(int type)
{
    switch (Msg(type)) {
    case Msg::Hello:
        return QStringLiteral("Hello");
    case Msg::Call:
        return QStringLiteral("Call");
    case Msg::Welcome:
        return QStringLiteral("Welcome");
    case Msg::Result:
        return QStringLiteral("Result");
    case Msg::Error:
        return QStringLiteral("Error");
    case Msg::Config:
        return QStringLiteral("Config");
    case Msg::Shutdown:
        return QStringLiteral("Shutdown");
    case Msg::Ready:
        return QStringLiteral("Ready");
    case Msg::Fatal:
        return QStringLiteral("Fatal");
    }
    return QString::number(type);
}

QCborArray Hello::encode() const
{
    return { int(Type), protocolVersion, authkey, pid };
}

std::optional<Hello> Hello::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Bytes, Field::Int }, why))
        return std::nullopt;
    return Hello { m.at(1).toInteger(), m.at(2).toByteArray(), m.at(3).toInteger() };
}

QCborArray Call::encode() const
{
    return { int(Type), request, object, method, args };
}

std::optional<Call> Call::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int, Field::Int, Field::Arr }, why))
        return std::nullopt;
    return Call { m.at(1).toInteger(), m.at(2).toInteger(), m.at(3).toInteger(), m.at(4).toArray() };
}

QCborArray Welcome::encode() const
{
    return { int(Type), protocolVersion, pid };
}

std::optional<Welcome> Welcome::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int }, why))
        return std::nullopt;
    return Welcome { m.at(1).toInteger(), m.at(2).toInteger() };
}

QCborArray Result::encode() const
{
    return { int(Type), request, value };
}

std::optional<Result> Result::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Any }, why))
        return std::nullopt;
    return Result { m.at(1).toInteger(), m.at(2) };
}

QCborArray Error::encode() const
{
    return { int(Type), request, type, message };
}

std::optional<Error> Error::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Str, Field::Str }, why))
        return std::nullopt;
    return Error { m.at(1).toInteger(), m.at(2).toString(), m.at(3).toString() };
}

QCborArray Config::encode() const
{
    return { int(Type), protocolVersion, address, authkey };
}

std::optional<Config> Config::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Str, Field::Bytes }, why))
        return std::nullopt;
    return Config { m.at(1).toInteger(), m.at(2).toString(), m.at(3).toByteArray() };
}

QCborArray Shutdown::encode() const
{
    return { int(Type) };
}

std::optional<Shutdown> Shutdown::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, {}, why))
        return std::nullopt;
    return Shutdown {};
}

QCborArray Ready::encode() const
{
    return { int(Type), pid, tReadyNs };
}

std::optional<Ready> Ready::decode(const QCborArray& m, QString* why)
{
    if (!shape(m, Type, { Field::Int, Field::Int }, why))
        return std::nullopt;
    return Ready { m.at(1).toInteger(), m.at(2).toInteger() };
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

} // namespace managerproto

} // namespace proclab
