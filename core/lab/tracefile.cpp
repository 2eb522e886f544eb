// Trace's native file format: writer and the validating reader (declared in trace.h).
#include "lab/trace.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

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

// One value of a row as the parser saw it: a scalar, or a marker for an array or object nested in the row.
struct Scalar {
    enum Type { Null, Bool, Integer, Unsigned, Float, String, Container } type = Null;
    qint64 i = 0;
    quint64 u = 0;
    double d = 0;
    std::string s;

    static Scalar make(Type type, qint64 i = 0, quint64 u = 0, double d = 0)
    {
        Scalar v;
        v.type = type;
        v.i = i;
        v.u = u;
        v.d = d;
        return v;
    }
    bool isString() const { return type == String; }
    QString string() const { return QString::fromStdString(s); }
};

// A whole number in [lo, hi], or nullopt (a string, a fraction, 1e300...). A fraction-free float (1.0, 1e3) is
// a whole number, as it was for the DOM reader before.
std::optional<qint64> integer(const Scalar& v, qint64 lo, qint64 hi)
{
    qint64 i = 0;
    switch (v.type) {
    case Scalar::Integer:
        i = v.i;
        break;
    case Scalar::Unsigned:
        if (v.u > quint64(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        i = qint64(v.u);
        break;
    case Scalar::Float:
        // [-2^63, 2^63): what converts to qint64 exactly.
        if (!(v.d >= -9223372036854775808.0 && v.d < 9223372036854775808.0) || std::trunc(v.d) != v.d)
            return std::nullopt;
        i = qint64(v.d);
        break;
    default:
        return std::nullopt;
    }
    if (i < lo || i > hi)
        return std::nullopt;
    return i;
}

constexpr qint64 Int32Min = std::numeric_limits<qint32>::min();
constexpr qint64 Int32Max = std::numeric_limits<qint32>::max();
constexpr qint64 Int64Min = std::numeric_limits<qint64>::min();
constexpr qint64 Int64Max = std::numeric_limits<qint64>::max();

// A row holds at most this many values: more are counted (for the message), not kept.
constexpr size_t MaxRowValues = 8;
using Row = std::vector<Scalar>;

// Reads one [tNs, pid, worker, kind, object, task, value] row; returns the reason when it is not one.
QString readEvent(const Row& a, qsizetype fields, Event* e)
{
    if (fields != 7)
        return QStringLiteral("%1 fields, expected 7 [tNs, pid, worker, kind, object, task, value]").arg(fields);
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
    const QString name = a.at(3).string();
    const auto kind = kindsByName().constFind(name);
    if (kind == kindsByName().constEnd())
        return QStringLiteral("unknown kind '%1'").arg(name.left(64));
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
QString readSample(const Row& a, qsizetype fields, Event* e)
{
    if (fields != 5)
        return QStringLiteral("%1 fields, expected 5 [tNs, pid, cpuPermille, rssKib, state]").arg(fields);
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
    const QString state = a.at(4).isString() ? a.at(4).string() : QString();
    if (state.size() != 1 || state.at(0).unicode() < 0x21 || state.at(0).unicode() > 0x7e)
        return QStringLiteral("state must be one letter, as /proc/PID/stat writes it");
    *e = { *t, qint32(*pid), -1, EventKind::ProcessSample, qint32(state.at(0).unicode()), *rss, *cpu };
    return {};
}

QString readConsole(Row& a, qsizetype fields, ConsoleRecord* c)
{
    if (fields != 4)
        return QStringLiteral("%1 fields, expected 4 [tNs, pid, stream, text]").arg(fields);
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
    *c = { *t, *pid, int(*stream), a.at(3).string() };
    return {};
}

std::optional<Trace> failed(QString* error, const QString& why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

// The reader proper: nlohmann::json's SAX events in, a validated Trace out, with nothing kept but what the trace
// holds. The top level's members may come in any order (QJsonDocument writes them sorted, so "format" and
// "version" come last), so each section keeps its first problem and finish() reports them in a fixed order:
// the same message for the same file as the DOM reader gave.
class TraceReader final : public nlohmann::json_sax<nlohmann::json> {
public:
    explicit TraceReader(const Trace::Limits& limits)
        : m_limits(limits)
    {
    }

    bool null() override { return scalar({}); }
    bool boolean(bool b) override { return scalar(Scalar::make(Scalar::Bool, b ? 1 : 0)); }
    bool number_integer(number_integer_t v) override { return scalar(Scalar::make(Scalar::Integer, v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(Scalar::make(Scalar::Unsigned, 0, v)); }
    bool number_float(number_float_t v, const string_t&) override
    {
        return scalar(Scalar::make(Scalar::Float, 0, 0, v));
    }
    bool string(string_t& v) override
    {
        Scalar s = Scalar::make(Scalar::String);
        s.s = std::move(v);
        return scalar(std::move(s));
    }
    bool binary(binary_t&) override { return scalar({}); } // never in JSON

    bool start_object(std::size_t) override { return open(true); }
    bool start_array(std::size_t) override { return open(false); }
    bool key(string_t& k) override
    {
        if (m_depth == 1) {
            m_key = QString::fromStdString(k);
            m_section = sectionFor(m_key);
        } else if (m_section == Section::Settings && m_depth >= 2) {
            m_settingsKey = QString::fromStdString(k);
            charge(qint64(k.size()) * 2);
        }
        return true;
    }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override
    {
        // "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error while parsing ...".
        QString what = QString::fromUtf8(e.what());
        if (const qsizetype colon = what.indexOf(QLatin1String(": ")); colon >= 0)
            what = what.mid(colon + 2);
        m_syntax = QStringLiteral("not JSON: %1 at byte %2").arg(what).arg(position > 0 ? position - 1 : 0);
        return false;
    }

    std::optional<Trace> finish(QString* error)
    {
        if (!m_syntax.isEmpty())
            return failed(error, m_syntax);
        if (!m_rootIsObject)
            return failed(error, QStringLiteral("not a ProcLab trace: the top level is not a JSON object"));
        if (m_seen.count(QStringLiteral("traceEvents")))
            return failed(error,
                QStringLiteral(
                    "a Chrome Trace Event export (for Perfetto or chrome://tracing), not a recorded ProcLab run: "
                    "open the file saved with the run itself"));
        const auto format = m_top.find(QStringLiteral("format"));
        if (format == m_top.end() || !format->second.isString() || format->second.string() != FormatName)
            return failed(error, QStringLiteral("not a ProcLab trace: \"format\" is not \"%1\"").arg(FormatName));
        const auto versionValue = m_top.find(QStringLiteral("version"));
        const auto version
            = versionValue == m_top.end() ? std::nullopt : integer(versionValue->second, Int64Min, Int64Max);
        if (!version || *version < 1)
            return failed(error, QStringLiteral("\"version\" must be a whole number >= 1"));
        if (*version > Trace::FormatVersion)
            return failed(error,
                QStringLiteral("format version %1 is newer than this ProcLab reads (%2): update ProcLab")
                    .arg(*version)
                    .arg(Trace::FormatVersion));
        if (!m_duplicate.isEmpty())
            return failed(error, QStringLiteral("\"%1\" is given twice").arg(m_duplicate));
        const auto pidValue = m_top.find(QStringLiteral("enginePid"));
        const auto enginePid = pidValue == m_top.end() ? std::nullopt : integer(pidValue->second, 0, Int32Max);
        if (!enginePid)
            return failed(error, QStringLiteral("\"enginePid\" must be a whole number from 0 to %1").arg(Int32Max));
        m_trace.enginePid = *enginePid;
        for (const Section s : { Section::Settings, Section::Processes }) {
            if (const QString& why = m_problem[int(s)]; !why.isEmpty())
                return failed(error, why);
        }
        if (!m_seen.count(QStringLiteral("events")) || m_rowsNotArray[int(Section::Events)])
            return failed(error, QStringLiteral("no \"events\" array"));
        if (m_rows[int(Section::Events)] > m_limits.events)
            return failed(error,
                QStringLiteral("%1 events: more than the %2 a trace may have")
                    .arg(m_rows[int(Section::Events)])
                    .arg(m_limits.events));
        if (const QString& why = m_problem[int(Section::Events)]; !why.isEmpty())
            return failed(error, why);
        if (const QString& why = m_problem[int(Section::Samples)]; !why.isEmpty())
            return failed(error, why);
        if (const qsizetype all = m_rows[int(Section::Events)] + m_rows[int(Section::Samples)]; all > m_limits.events)
            return failed(error,
                QStringLiteral("%1 events and samples: more than the %2 a trace may have").arg(all).arg(m_limits.events));
        if (m_rows[int(Section::Console)] > m_limits.consoleRecords)
            return failed(error,
                QStringLiteral("%1 console records: more than the %2 a trace may have")
                    .arg(m_rows[int(Section::Console)])
                    .arg(m_limits.consoleRecords));
        for (const Section s : { Section::Console, Section::Errors }) {
            if (const QString& why = m_problem[int(s)]; !why.isEmpty())
                return failed(error, why);
        }
        if (!m_memory.isEmpty())
            return failed(error, m_memory);
        if (!m_settings.isEmpty())
            m_trace.settings = m_settings.first().obj;
        // Files from save() are in order already; a merged or hand-edited one is put in order, ties kept as written.
        const auto earlier = [](const Event& a, const Event& b) { return a.tNs < b.tNs; };
        if (!std::is_sorted(m_trace.events.cbegin(), m_trace.events.cend(), earlier))
            std::stable_sort(m_trace.events.begin(), m_trace.events.end(), earlier);
        return std::move(m_trace);
    }

private:
    enum class Section { None, Settings, Processes, Events, Samples, Console, Errors, Count };

    static Section sectionFor(const QString& key)
    {
        if (key == QLatin1String("settings"))
            return Section::Settings;
        if (key == QLatin1String("processes"))
            return Section::Processes;
        if (key == QLatin1String("events"))
            return Section::Events;
        if (key == QLatin1String("samples"))
            return Section::Samples;
        if (key == QLatin1String("console"))
            return Section::Console;
        if (key == QLatin1String("errors"))
            return Section::Errors;
        return Section::None;
    }

    // Whatever has already gone wrong, the parse goes on to the end (a syntax error later in the file is
    // reported first, as before), but nothing more is kept.
    bool keeping() const { return m_memory.isEmpty(); }

    void charge(qint64 bytes)
    {
        m_bytes += bytes;
        if (m_bytes > m_limits.memoryBytes && m_memory.isEmpty()) {
            m_memory = QStringLiteral("the trace would take more than %1 MiB in memory")
                           .arg(m_limits.memoryBytes / (1024 * 1024));
            m_trace = {};
            m_settings.clear();
        }
    }

    // Appends a row, charging what the vector grew by (its capacity: that is what it holds).
    template <typename T> void keep(std::vector<T>& rows, T&& row)
    {
        const size_t before = rows.capacity();
        rows.push_back(std::move(row));
        charge(qint64(rows.capacity() - before) * qint64(sizeof(T)));
    }

    // A member of the top-level object begins (depth 1 → its value).
    // Only the members this reader knows are remembered: any number of others costs nothing.
    void beginMember()
    {
        static const QStringList known { QStringLiteral("format"), QStringLiteral("version"),
            QStringLiteral("enginePid"), QStringLiteral("traceEvents"), QStringLiteral("settings"),
            QStringLiteral("processes"), QStringLiteral("events"), QStringLiteral("samples"), QStringLiteral("console"),
            QStringLiteral("errors") };
        m_known = known.contains(m_key);
        if (m_known && !m_seen.insert(m_key).second && m_duplicate.isEmpty())
            m_duplicate = m_key;
    }

    bool open(bool object)
    {
        ++m_depth;
        if (m_depth == 1) {
            m_rootIsObject = object;
            return true;
        }
        if (!m_rootIsObject)
            return true;
        if (m_depth == 2) {
            beginMember();
            if (m_section == Section::Settings) {
                if (!object)
                    problem(Section::Settings, QStringLiteral("\"settings\" must be an object"));
                else if (keeping())
                    m_settings.append({ true, {}, {}, {} });
            } else if (m_section != Section::None && object) {
                m_rowsNotArray[int(m_section)] = true;
                notRows(m_section);
            }
            return true;
        }
        if (m_section == Section::Settings) {
            if (!m_settings.isEmpty() && m_settings.size() == m_depth - 2) {
                m_settings.append({ object, {}, {}, m_settingsKey });
                charge(64);
            }
            return true;
        }
        if (m_section == Section::None || m_rowsNotArray[int(m_section)])
            return true;
        if (m_depth == 3) { // a row
            m_rowFields = 0;
            m_row.clear();
            m_rowIsArray = !object;
            return true;
        }
        if (m_depth == 4) // a container as one of the row's values
            rowValue(Scalar::make(Scalar::Container));
        return true;
    }

    bool close()
    {
        const int depth = m_depth--;
        if (!m_rootIsObject || depth == 1)
            return true;
        if (m_section == Section::Settings) {
            if (!m_settings.isEmpty() && m_settings.size() == depth - 1) {
                Frame done = m_settings.takeLast();
                if (m_settings.isEmpty())
                    m_settings.append(std::move(done)); // the settings object itself, kept for finish()
                else
                    addSetting(done.object ? QJsonValue(done.obj) : QJsonValue(done.arr), done.key);
            }
            return true;
        }
        if (depth == 3 && m_section != Section::None && !m_rowsNotArray[int(m_section)])
            endRow();
        return true;
    }

    bool scalar(Scalar&& v)
    {
        if (m_depth == 0) { // a lone scalar as the whole document
            m_rootIsObject = false;
            return true;
        }
        if (!m_rootIsObject)
            return true;
        if (m_depth == 1) {
            beginMember();
            if (m_section == Section::None) {
                // format, version, enginePid: a long string is kept only by its start (it is wrong anyway).
                if (!m_known)
                    return true;
                if (v.isString() && v.s.size() > 256)
                    v.s.resize(256);
                m_top[m_key] = std::move(v);
            } else if (m_section == Section::Settings) {
                problem(Section::Settings, QStringLiteral("\"settings\" must be an object"));
            } else {
                m_rowsNotArray[int(m_section)] = true; // null too: an optional section is absent, never null
                notRows(m_section);
            }
            return true;
        }
        if (m_section == Section::Settings) {
            if (!m_settings.isEmpty() && m_settings.size() == m_depth - 1)
                addSetting(settingValue(v), m_settingsKey);
            return true;
        }
        if (m_section == Section::None || m_rowsNotArray[int(m_section)])
            return true;
        if (m_depth == 2) { // a row that is a scalar
            m_rowFields = 0;
            m_row.clear();
            m_rowIsArray = false;
            endRow();
        } else if (m_depth == 3) {
            rowValue(std::move(v));
        }
        return true;
    }

    void rowValue(Scalar&& v)
    {
        if (!m_rowIsArray)
            return;
        ++m_rowFields;
        if (m_row.size() < MaxRowValues)
            m_row.push_back(std::move(v));
    }

    void problem(Section s, const QString& why)
    {
        if (m_problem[int(s)].isEmpty())
            m_problem[int(s)] = why;
    }

    void notRows(Section s)
    {
        switch (s) {
        case Section::Processes:
            problem(s, QStringLiteral("\"processes\" must be an array of [pid, name]"));
            break;
        case Section::Samples:
            problem(s, QStringLiteral("\"samples\" must be an array of [tNs, pid, cpuPermille, rssKib, state]"));
            break;
        case Section::Console:
            problem(s, QStringLiteral("\"console\" must be an array of [tNs, pid, stream, text]"));
            break;
        case Section::Errors:
            problem(s, QStringLiteral("\"errors\" must be an array of [pid, exception, traceback]"));
            break;
        default:
            break; // events: "no events array", said in finish()
        }
    }

    void endRow()
    {
        const Section s = m_section;
        const qsizetype index = m_rows[int(s)]++;
        if (!m_problem[int(s)].isEmpty())
            return;
        switch (s) {
        case Section::Events: {
            if (index >= m_limits.events)
                return; // counted, and said in finish()
            Event e;
            const QString why
                = m_rowIsArray ? readEvent(m_row, m_rowFields, &e) : QStringLiteral("not an array");
            if (!why.isEmpty())
                problem(s, QStringLiteral("event %1: %2").arg(index).arg(why));
            else if (keeping())
                keep(m_trace.events, std::move(e));
            break;
        }
        case Section::Samples: {
            // Kept with the events (they are ProcessSample events), after them in the file: the sort in finish()
            // puts them in time order, a sample after the other events of its instant, as it was recorded.
            if (qsizetype(m_trace.events.size()) >= m_limits.events)
                return;
            Event e;
            const QString why
                = m_rowIsArray ? readSample(m_row, m_rowFields, &e) : QStringLiteral("not an array");
            if (!why.isEmpty())
                problem(s, QStringLiteral("sample %1: %2").arg(index).arg(why));
            else if (keeping())
                keep(m_trace.events, std::move(e));
            break;
        }
        case Section::Console: {
            if (index >= m_limits.consoleRecords)
                return;
            ConsoleRecord c;
            const QString why
                = m_rowIsArray ? readConsole(m_row, m_rowFields, &c) : QStringLiteral("not an array");
            if (!why.isEmpty())
                problem(s, QStringLiteral("console record %1: %2").arg(index).arg(why));
            else if (keeping()) {
                const qint64 text = 2 * c.text.size();
                keep(m_trace.console, std::move(c));
                charge(text);
            }
            break;
        }
        case Section::Processes: {
            const auto pid = m_rowIsArray && m_rowFields == 2 ? integer(m_row.at(0), 1, Int32Max) : std::nullopt;
            if (!pid || !m_row.at(1).isString())
                problem(s, QStringLiteral("process %1: expected [pid >= 1, name]").arg(index));
            else if (m_trace.processNames.count(*pid))
                problem(s, QStringLiteral("process %1: pid %2 is named twice").arg(index).arg(*pid));
            else if (keeping()) {
                const QString name = m_row.at(1).string();
                charge(64 + 2 * name.size());
                m_trace.processNames.emplace(*pid, name);
            }
            break;
        }
        case Section::Errors: {
            const auto pid = m_rowIsArray && m_rowFields == 3 ? integer(m_row.at(0), 1, Int32Max) : std::nullopt;
            if (!pid || !m_row.at(1).isString() || !m_row.at(2).isString())
                problem(s, QStringLiteral("error %1: expected [pid >= 1, exception, traceback]").arg(index));
            else if (m_trace.processErrors.count(*pid))
                problem(s, QStringLiteral("error %1: pid %2 has two").arg(index).arg(*pid));
            else if (keeping()) {
                ProcessError e { m_row.at(1).string(), m_row.at(2).string() };
                charge(64 + 2 * (e.exception.size() + e.traceback.size()));
                m_trace.processErrors.emplace(*pid, std::move(e));
            }
            break;
        }
        default:
            break;
        }
        m_row.clear();
    }

    // Settings: a small JSON tree of its own, rebuilt as QJson values.
    struct Frame {
        bool object = true;
        QJsonObject obj;
        QJsonArray arr;
        QString key; // its key in the parent object
    };

    static QJsonValue settingValue(const Scalar& v)
    {
        switch (v.type) {
        case Scalar::Bool:
            return v.i != 0;
        case Scalar::Integer:
            return v.i;
        case Scalar::Unsigned: // as QJsonValue holds it: a qint64 when it fits, else a double
            return v.u <= quint64(std::numeric_limits<qint64>::max()) ? QJsonValue(qint64(v.u)) : QJsonValue(double(v.u));
        case Scalar::Float:
            return v.d;
        case Scalar::String:
            return v.string();
        default:
            return QJsonValue::Null;
        }
    }

    void addSetting(const QJsonValue& value, const QString& key)
    {
        if (m_settings.isEmpty())
            return;
        charge(32 + (value.isString() ? 2 * value.toString().size() : 0));
        if (m_settings.isEmpty())
            return; // over the memory limit
        Frame& parent = m_settings.last();
        if (parent.object)
            parent.obj.insert(key, value);
        else
            parent.arr.append(value);
    }

    const Trace::Limits m_limits;
    Trace m_trace;
    int m_depth = 0;
    bool m_rootIsObject = false;
    QString m_key; // the top-level member being read
    Section m_section = Section::None;
    std::set<QString> m_seen;
    QString m_duplicate;
    bool m_known = false; // the current top-level member is one this reader reads
    std::map<QString, Scalar> m_top; // scalar top-level members
    QString m_problem[int(Section::Count)];
    bool m_rowsNotArray[int(Section::Count)] = {};
    qsizetype m_rows[int(Section::Count)] = {};
    Row m_row;
    qsizetype m_rowFields = 0;
    bool m_rowIsArray = false;
    QList<Frame> m_settings; // the open containers of "settings", outermost first
    QString m_settingsKey;
    qint64 m_bytes = 0;
    QString m_memory; // set once over the memory limit
    QString m_syntax;
};

// The bytes the parser reads, from memory or from a file in blocks of 1 MiB (never the whole file at once), under
// a guard for the parser's own buffers: nlohmann::json's lexer keeps every byte it reads from the start of its
// last string or number (for its error messages), so 2 GiB of `[],[],...`, of spaces or of `null,` would be
// kept whole, and a string or number is kept whole while it is read. The guard stops the input (the parser then
// sees its end) at a run of more than 1 MiB without a string or number, a string over 16 MiB or a number over
// 4 KiB: no trace ProcLab writes comes near them (its console records are pipe reads, its rows a few dozen bytes).
class Source {
public:
    Source(const QByteArray& bytes)
        : m_bytes(bytes)
        , m_size(bytes.size())
    {
    }
    Source(QFile& file, qint64 size)
        : m_file(&file)
        , m_size(size)
    {
    }

    qint64 size() const { return m_size; }
    // The parser saw the end of its input before the real end: why, else empty.
    const QString& stopped() const { return m_stopped; }
    bool readFailed() const { return m_readFailed; }

    char at(qint64 pos)
    {
        char c = 0;
        if (!m_file) {
            c = m_bytes.at(pos);
        } else {
            if (pos < m_start || pos >= m_start + m_block.size()) {
                m_start = pos;
                m_block = m_file->read(std::min<qint64>(BlockBytes, m_size - pos));
                if (m_block.isEmpty()) {
                    m_readFailed = true;
                    m_stopped = QStringLiteral("read error");
                    m_block = QByteArray(1, '\0');
                }
            }
            c = m_block.at(pos - m_start);
        }
        if (pos == m_guarded) { // each byte once, in order
            ++m_guarded;
            guard(c, pos);
        }
        return c;
    }

private:
    static constexpr qint64 BlockBytes = 1 << 20;
    static constexpr qint64 MaxRunBytes = 1 << 20;
    static constexpr qint64 MaxStringBytes = 16 << 20;
    static constexpr qint64 MaxNumberBytes = 4096;

    void guard(char c, qint64 pos)
    {
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            if (++m_stringBytes > MaxStringBytes)
                stop(pos, QStringLiteral("a string longer than %1 MiB").arg(MaxStringBytes >> 20));
            return;
        }
        if (c == '"') {
            m_inString = true;
            m_stringBytes = m_runBytes = m_numberBytes = 0;
        } else if ((c >= '0' && c <= '9') || c == '-') { // what a number token starts or goes on with
            m_runBytes = 0;
            if (++m_numberBytes > MaxNumberBytes)
                stop(pos, QStringLiteral("a number longer than %1 bytes").arg(MaxNumberBytes));
        } else {
            // Brackets, commas, colons, spaces, true/false/null: the lexer keeps them all until the next string
            // or number.
            m_numberBytes = (c == '.' || c == 'e' || c == 'E' || c == '+') ? m_numberBytes + 1 : 0;
            if (++m_runBytes > MaxRunBytes)
                stop(pos,
                    QStringLiteral("more than %1 MiB of brackets, separators, spaces and literals without a string or "
                                   "number between them")
                        .arg(MaxRunBytes >> 20));
        }
    }

    void stop(qint64 pos, const QString& why)
    {
        if (m_stopped.isEmpty())
            m_stopped = QStringLiteral("%1 at byte %2").arg(why).arg(pos);
    }

    const QByteArray m_bytes;
    QFile* m_file = nullptr;
    const qint64 m_size;
    QByteArray m_block;
    qint64 m_start = 0;
    bool m_readFailed = false;
    QString m_stopped;
    qint64 m_guarded = 0; // the next byte the guard has not seen
    bool m_inString = false;
    bool m_escape = false;
    qint64 m_stringBytes = 0;
    qint64 m_numberBytes = 0;
    qint64 m_runBytes = 0;
};

// What nlohmann::json's iterator input adapter needs: compared with the end, dereferenced and advanced once per
// byte. A stopped source is at its end wherever it is.
class SourceIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = char;

    SourceIterator(Source* source, qint64 pos)
        : m_source(source)
        , m_pos(pos)
    {
    }
    char operator*() const { return m_source->at(m_pos); }
    SourceIterator& operator++()
    {
        ++m_pos;
        return *this;
    }
    SourceIterator operator++(int)
    {
        SourceIterator before = *this;
        ++m_pos;
        return before;
    }
    bool operator==(const SourceIterator& o) const { return m_pos == o.m_pos || !m_source->stopped().isEmpty(); }
    bool operator!=(const SourceIterator& o) const { return !(*this == o); }

private:
    Source* m_source;
    qint64 m_pos;
};

// Parses `source` into `reader`; the guard's reason, when it stopped the input, is the syntax error.
std::optional<Trace> parse(Source& source, TraceReader& reader, QString* error)
{
    nlohmann::json::sax_parse(SourceIterator(&source, 0), SourceIterator(&source, source.size()), &reader);
    if (!source.stopped().isEmpty())
        return failed(error, QStringLiteral("not JSON: ") + source.stopped());
    return reader.finish(error);
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
    return fromJson(json, error, Limits {});
}

std::optional<Trace> Trace::fromJson(const QByteArray& json, QString* error, const Limits& limits)
{
    if (json.size() > limits.fileBytes)
        return failed(error,
            QStringLiteral("%1 bytes: larger than the %2 bytes a trace may have").arg(json.size()).arg(limits.fileBytes));
    Source source(json);
    TraceReader reader(limits);
    return parse(source, reader, error);
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
    return load(fileName, error, Limits {});
}

std::optional<Trace> Trace::load(const QString& fileName, QString* error, const Limits& limits)
{
    // Only regular files: reading /dev/zero or a FIFO to the end would never finish.
    if (const QFileInfo info(fileName); info.exists() && !info.isFile())
        return failed(error, QStringLiteral("%1 is not a regular file").arg(fileName));
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return failed(error, QStringLiteral("cannot open %1: %2").arg(fileName, file.errorString()));
    // Checked before reading: a huge file is refused without reading it, and no more than the size checked is
    // read, even from a file that keeps growing.
    const qint64 size = file.size();
    if (size > limits.fileBytes)
        return failed(error,
            QStringLiteral("%1: %2 bytes, larger than the %3 bytes a trace may have")
                .arg(fileName)
                .arg(size)
                .arg(limits.fileBytes));
    Source source(file, size);
    TraceReader reader(limits);
    QString why;
    std::optional<Trace> t = parse(source, reader, &why);
    if (source.readFailed())
        return failed(error, QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString()));
    if (!t)
        return failed(error, QStringLiteral("%1: %2").arg(fileName, why));
    return t;
}

} // namespace proclab
