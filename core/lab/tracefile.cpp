// Trace's native file format: writer and the validating reader (declared in trace.h).
#include "lab/trace.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <limits>

namespace proclab {

namespace {

const QLatin1String FormatName("proclab-trace");

// Kind names as written, each to its kind. Built once from the enum, so that a new kind is known here the day
// it is added, and never by QMetaEnum::keyToValue, which also accepts qualified and numeric spellings.
const QHash<QString, EventKind>& kindsByName()
{
    static const QHash<QString, EventKind> kinds = [] {
        QHash<QString, EventKind> h;
        for (int k = 0; k <= int(EventKind::Error); ++k)
            h.insert(eventKindName(EventKind(k)), EventKind(k));
        return h;
    }();
    return kinds;
}

// A whole number in [lo, hi], or nullopt (a string, a fraction, 1e300...).
std::optional<qint64> integer(const QJsonValue& v, qint64 lo, qint64 hi)
{
    if (!v.isDouble())
        return std::nullopt;
    // toInteger() answers its default for what is not a whole qint64: ask with two defaults to tell.
    const qint64 i = v.toInteger(0);
    if ((i == 0 && v.toInteger(1) != 0) || i < lo || i > hi)
        return std::nullopt;
    return i;
}

constexpr qint64 Int32Min = std::numeric_limits<qint32>::min();
constexpr qint64 Int32Max = std::numeric_limits<qint32>::max();
constexpr qint64 Int64Min = std::numeric_limits<qint64>::min();
constexpr qint64 Int64Max = std::numeric_limits<qint64>::max();

// Reads one [tNs, pid, worker, kind, object, task, value] row; returns the reason when it is not one.
QString readEvent(const QJsonValue& row, Event* e)
{
    if (!row.isArray())
        return QStringLiteral("not an array");
    const QJsonArray a = row.toArray();
    if (a.size() != 7)
        return QStringLiteral("%1 fields, expected 7 [tNs, pid, worker, kind, object, task, value]").arg(a.size());
    const auto t = integer(a.at(0), 0, Trace::MaxTimeNs);
    if (!t)
        return QStringLiteral("time must be a whole number of nanoseconds from 0 to 2^62");
    const auto pid = integer(a.at(1), 0, Int32Max);
    if (!pid)
        return QStringLiteral("pid must be a whole number from 0 to %1").arg(Int32Max);
    const auto worker = integer(a.at(2), -1, Int32Max);
    if (!worker)
        return QStringLiteral("worker must be a whole number from -1 to %1").arg(Int32Max);
    if (!a.at(3).isString())
        return QStringLiteral("kind must be a name");
    const auto kind = kindsByName().constFind(a.at(3).toString());
    if (kind == kindsByName().constEnd())
        return QStringLiteral("unknown kind '%1'").arg(a.at(3).toString().left(64));
    const auto object = integer(a.at(4), Int32Min, Int32Max);
    if (!object)
        return QStringLiteral("object must be a 32-bit whole number");
    const auto task = integer(a.at(5), Int64Min, Int64Max);
    if (!task)
        return QStringLiteral("task must be a whole number");
    const auto value = integer(a.at(6), Int64Min, Int64Max);
    if (!value)
        return QStringLiteral("value must be a whole number");
    *e = { *t, qint32(*pid), qint32(*worker), *kind, qint32(*object), *task, *value };
    return {};
}

// Reads one [tNs, pid, cpuPermille, rssKib, state] row of "samples" into a ProcessSample event.
QString readSample(const QJsonValue& row, Event* e)
{
    if (!row.isArray())
        return QStringLiteral("not an array");
    const QJsonArray a = row.toArray();
    if (a.size() != 5)
        return QStringLiteral("%1 fields, expected 5 [tNs, pid, cpuPermille, rssKib, state]").arg(a.size());
    const auto t = integer(a.at(0), 0, Trace::MaxTimeNs);
    if (!t)
        return QStringLiteral("time must be a whole number of nanoseconds from 0 to 2^62");
    const auto pid = integer(a.at(1), 1, Int32Max);
    if (!pid)
        return QStringLiteral("pid must be a whole number from 1 to %1").arg(Int32Max);
    // A process uses at most one CPU per thread: 1000 permille times any machine's CPUs.
    const auto cpu = integer(a.at(2), 0, Int32Max);
    if (!cpu)
        return QStringLiteral("CPU must be a whole number of permille from 0 to %1").arg(Int32Max);
    const auto rss = integer(a.at(3), 0, Int64Max);
    if (!rss)
        return QStringLiteral("RSS must be a whole number of KiB >= 0");
    const QString state = a.at(4).toString();
    if (state.size() != 1 || state.at(0).unicode() < 0x21 || state.at(0).unicode() > 0x7e)
        return QStringLiteral("state must be one letter, as /proc/PID/stat writes it");
    *e = { *t, qint32(*pid), -1, EventKind::ProcessSample, qint32(state.at(0).unicode()), *rss, *cpu };
    return {};
}

QString readConsole(const QJsonValue& row, ConsoleRecord* c)
{
    if (!row.isArray())
        return QStringLiteral("not an array");
    const QJsonArray a = row.toArray();
    if (a.size() != 4)
        return QStringLiteral("%1 fields, expected 4 [tNs, pid, stream, text]").arg(a.size());
    const auto t = integer(a.at(0), 0, Trace::MaxTimeNs);
    if (!t)
        return QStringLiteral("time must be a whole number of nanoseconds from 0 to 2^62");
    const auto pid = integer(a.at(1), 0, Int32Max);
    if (!pid)
        return QStringLiteral("pid must be a whole number from 0 to %1").arg(Int32Max);
    const auto stream = integer(a.at(2), 1, 2);
    if (!stream)
        return QStringLiteral("stream must be 1 (stdout) or 2 (stderr)");
    if (!a.at(3).isString())
        return QStringLiteral("text must be a string");
    *c = { *t, *pid, int(*stream), a.at(3).toString() };
    return {};
}

std::optional<Trace> failed(QString* error, const QString& why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

} // namespace

QJsonObject Trace::toJson() const
{
    QJsonArray processes;
    for (const auto& [pid, name] : processNames)
        processes.append(QJsonArray { pid, name });
    QJsonArray rows;
    QJsonArray samples;
    for (const Event& e : events) {
        // A sample as the engine makes it goes to "samples" (older readers skip it); any other (a hand-made one)
        // stays an event row, so that nothing is lost.
        const bool sampleRow = e.kind == EventKind::ProcessSample && e.pid >= 1 && e.worker == -1 && e.value >= 0
            && e.value <= Int32Max && e.task >= 0 && e.object > 0x20 && e.object < 0x7f;
        if (sampleRow)
            samples.append(QJsonArray { e.tNs, e.pid, e.value, e.task, QString(QChar(char16_t(e.object))) });
        else
            rows.append(QJsonArray { e.tNs, e.pid, e.worker, eventKindName(e.kind), e.object, e.task, e.value });
    }
    QJsonArray lines;
    for (const ConsoleRecord& c : console)
        lines.append(QJsonArray { c.tNs, c.pid, c.stream, c.text });
    QJsonObject root { { QStringLiteral("format"), FormatName }, { QStringLiteral("version"), FormatVersion },
        { QStringLiteral("generator"), QStringLiteral("ProcLab %1").arg(QCoreApplication::applicationVersion()) },
        { QStringLiteral("enginePid"), enginePid }, { QStringLiteral("settings"), settings },
        { QStringLiteral("processes"), processes }, { QStringLiteral("events"), rows },
        { QStringLiteral("console"), lines } };
    // Optional (older files have none, and older readers ignore it): CPU and memory samples.
    if (!samples.isEmpty())
        root.insert(QStringLiteral("samples"), samples);
    // Optional (older files have none, and older readers ignore it): [pid, exception, traceback].
    if (!processErrors.empty()) {
        QJsonArray errors;
        for (const auto& [pid, e] : processErrors)
            errors.append(QJsonArray { pid, e.exception, e.traceback });
        root.insert(QStringLiteral("errors"), errors);
    }
    return root;
}

std::optional<Trace> Trace::fromJson(const QByteArray& json, QString* error)
{
    if (json.size() > MaxFileBytes)
        return failed(error,
            QStringLiteral("%1 bytes: larger than the %2 bytes a trace may have").arg(json.size()).arg(MaxFileBytes));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failed(
            error, QStringLiteral("not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return failed(error, QStringLiteral("not a ProcLab trace: the top level is not a JSON object"));
    const QJsonObject root = doc.object();
    if (root.contains(QStringLiteral("traceEvents")))
        return failed(error,
            QStringLiteral(
                "a Chrome Trace Event export (for Perfetto or chrome://tracing), not a recorded ProcLab run: "
                "open the file saved with the run itself"));
    if (root.value(QStringLiteral("format")).toString() != FormatName)
        return failed(error, QStringLiteral("not a ProcLab trace: \"format\" is not \"%1\"").arg(FormatName));
    const auto version = integer(root.value(QStringLiteral("version")), Int64Min, Int64Max);
    if (!version || *version < 1)
        return failed(error, QStringLiteral("\"version\" must be a whole number >= 1"));
    if (*version > FormatVersion)
        return failed(error,
            QStringLiteral("format version %1 is newer than this ProcLab reads (%2): update ProcLab")
                .arg(*version)
                .arg(FormatVersion));

    Trace t;
    const auto enginePid = integer(root.value(QStringLiteral("enginePid")), 0, Int32Max);
    if (!enginePid)
        return failed(error, QStringLiteral("\"enginePid\" must be a whole number from 0 to %1").arg(Int32Max));
    t.enginePid = *enginePid;
    const QJsonValue settings = root.value(QStringLiteral("settings"));
    if (!settings.isUndefined() && !settings.isObject())
        return failed(error, QStringLiteral("\"settings\" must be an object"));
    t.settings = settings.toObject();

    const QJsonValue processes = root.value(QStringLiteral("processes"));
    if (!processes.isUndefined() && !processes.isArray())
        return failed(error, QStringLiteral("\"processes\" must be an array of [pid, name]"));
    const QJsonArray processRows = processes.toArray();
    for (qsizetype i = 0; i < processRows.size(); ++i) {
        const QJsonArray p = processRows.at(i).toArray();
        const auto pid = p.size() == 2 ? integer(p.at(0), 1, Int32Max) : std::nullopt;
        if (!pid || !p.at(1).isString())
            return failed(error, QStringLiteral("process %1: expected [pid >= 1, name]").arg(i));
        if (!t.processNames.emplace(*pid, p.at(1).toString()).second)
            return failed(error, QStringLiteral("process %1: pid %2 is named twice").arg(i).arg(*pid));
    }

    if (!root.value(QStringLiteral("events")).isArray())
        return failed(error, QStringLiteral("no \"events\" array"));
    const QJsonArray rows = root.value(QStringLiteral("events")).toArray();
    if (rows.size() > MaxEventsInFile)
        return failed(error,
            QStringLiteral("%1 events: more than the %2 a trace may have").arg(rows.size()).arg(MaxEventsInFile));
    t.events.resize(size_t(rows.size()));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (const QString why = readEvent(rows.at(i), &t.events[size_t(i)]); !why.isEmpty())
            return failed(error, QStringLiteral("event %1: %2").arg(i).arg(why));
    }
    const QJsonValue samples = root.value(QStringLiteral("samples"));
    if (!samples.isUndefined() && !samples.isArray())
        return failed(error, QStringLiteral("\"samples\" must be an array of [tNs, pid, cpuPermille, rssKib, state]"));
    const QJsonArray sampleRows = samples.toArray();
    if (rows.size() + sampleRows.size() > MaxEventsInFile)
        return failed(error,
            QStringLiteral("%1 events and samples: more than the %2 a trace may have")
                .arg(rows.size() + sampleRows.size())
                .arg(MaxEventsInFile));
    // Samples go after the events they were written apart from; the sort below puts them back in time order
    // (stable: at the same instant, a sample comes after the other events, as when it was recorded).
    t.events.resize(size_t(rows.size() + sampleRows.size()));
    for (qsizetype i = 0; i < sampleRows.size(); ++i) {
        if (const QString why = readSample(sampleRows.at(i), &t.events[size_t(rows.size() + i)]); !why.isEmpty())
            return failed(error, QStringLiteral("sample %1: %2").arg(i).arg(why));
    }
    // Files from save() are in order already; a merged or hand-edited one is put in order, ties kept as written.
    if (!std::is_sorted(
            t.events.cbegin(), t.events.cend(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; }))
        std::stable_sort(
            t.events.begin(), t.events.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; });

    const QJsonValue console = root.value(QStringLiteral("console"));
    if (!console.isUndefined() && !console.isArray())
        return failed(error, QStringLiteral("\"console\" must be an array of [tNs, pid, stream, text]"));
    const QJsonArray lines = console.toArray();
    if (lines.size() > MaxConsoleRecords)
        return failed(error,
            QStringLiteral("%1 console records: more than the %2 a trace may have")
                .arg(lines.size())
                .arg(MaxConsoleRecords));
    t.console.resize(size_t(lines.size()));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (const QString why = readConsole(lines.at(i), &t.console[size_t(i)]); !why.isEmpty())
            return failed(error, QStringLiteral("console record %1: %2").arg(i).arg(why));
    }

    const QJsonValue errors = root.value(QStringLiteral("errors"));
    if (!errors.isUndefined() && !errors.isArray())
        return failed(error, QStringLiteral("\"errors\" must be an array of [pid, exception, traceback]"));
    const QJsonArray errorRows = errors.toArray();
    for (qsizetype i = 0; i < errorRows.size(); ++i) {
        const QJsonArray e = errorRows.at(i).toArray();
        const auto pid = e.size() == 3 ? integer(e.at(0), 1, Int32Max) : std::nullopt;
        if (!pid || !e.at(1).isString() || !e.at(2).isString())
            return failed(error, QStringLiteral("error %1: expected [pid >= 1, exception, traceback]").arg(i));
        if (!t.processErrors.emplace(*pid, ProcessError { e.at(1).toString(), e.at(2).toString() }).second)
            return failed(error, QStringLiteral("error %1: pid %2 has two").arg(i).arg(*pid));
    }
    return t;
}

bool Trace::save(const QString& fileName, QString* error) const
{
    QSaveFile file(fileName);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
        if (file.commit())
            return true;
    }
    if (error)
        *error = QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString());
    return false;
}

std::optional<Trace> Trace::load(const QString& fileName, QString* error)
{
    // Only regular files: reading /dev/zero or a FIFO to the end would never finish.
    if (const QFileInfo info(fileName); info.exists() && !info.isFile())
        return failed(error, QStringLiteral("%1 is not a regular file").arg(fileName));
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return failed(error, QStringLiteral("cannot open %1: %2").arg(fileName, file.errorString()));
    // Checked before reading: a huge file is refused without allocating for it, and no more than the size
    // checked is read, even from a file that keeps growing.
    const qint64 size = file.size();
    if (size > MaxFileBytes)
        return failed(error,
            QStringLiteral("%1: %2 bytes, larger than the %3 bytes a trace may have")
                .arg(fileName)
                .arg(size)
                .arg(MaxFileBytes));
    const QByteArray bytes = file.read(size);
    if (file.error() != QFileDevice::NoError)
        return failed(error, QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString()));
    QString why;
    std::optional<Trace> t = fromJson(bytes, &why);
    if (!t)
        return failed(error, QStringLiteral("%1: %2").arg(fileName, why));
    return t;
}

} // namespace proclab
