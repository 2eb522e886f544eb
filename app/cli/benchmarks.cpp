#include "benchmarks.h"

#include "benchsuite.h"

#include "base/event.h"

#include <QFile>
#include <QJsonArray>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sys/utsname.h>

namespace proclab::cli {

using namespace bench;

namespace {

QJsonObject toJson(const Series& s)
{
    if (!s.error.isEmpty())
        return { { QStringLiteral("error"), s.error } };
    if (s.values.empty())
        return {};
    std::vector<double> v = s.values;
    std::sort(v.begin(), v.end());
    QJsonArray all;
    for (double x : s.values)
        all.append(x);
    return { { QStringLiteral("median"), v[v.size() / 2] }, { QStringLiteral("min"), v.front() },
        { QStringLiteral("max"), v.back() }, { QStringLiteral("values"), all } };
}

Series fromPython(const QJsonObject& python, const QString& key)
{
    if (python.contains(QStringLiteral("error")))
        return Series::failed(python.value(QStringLiteral("error")).toString());
    const QJsonValue v = python.value(key);
    if (!v.isArray())
        return {};
    Series s;
    for (const QJsonValue& x : v.toArray())
        s.values.push_back(x.toDouble());
    return s;
}

double median(const QJsonObject& side)
{
    return side.value(QStringLiteral("median")).toDouble(-1);
}

QString readFirstLine(const QString& path, const QByteArray& prefix = {})
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(prefix))
            return QString::fromUtf8(prefix.isEmpty() ? line : line.mid(line.indexOf(':') + 1)).trimmed();
    return {};
}

QJsonObject machine()
{
    utsname u {};
    uname(&u);
    return {
        { QStringLiteral("cpu"), readFirstLine(QStringLiteral("/proc/cpuinfo"), "model name") },
        { QStringLiteral("cpus"), QThread::idealThreadCount() },
        { QStringLiteral("kernel"),
            QStringLiteral("%1 %2").arg(QString::fromUtf8(u.sysname), QString::fromUtf8(u.release)) },
        { QStringLiteral("os"), QSysInfo::prettyProductName() },
        { QStringLiteral("qt"), QString::fromLatin1(qVersion()) },
        { QStringLiteral("compiler"), QStringLiteral(__VERSION__) },
    };
}

QString loadAverage()
{
    return readFirstLine(QStringLiteral("/proc/loadavg")).section(QLatin1Char(' '), 0, 2);
}

struct Row {
    QString id; // also CPython's key
    QString label;
    QString unit;
    Series ours;
    Series python;
    Series bare;
    QString bareNote; // what the bare OS figure is, when not the same primitive
};

QString formatValue(double v)
{
    if (v < 0)
        return QStringLiteral("-");
    if (v >= 100)
        return QString::number(v, 'f', 0);
    if (v >= 10)
        return QString::number(v, 'f', 1);
    if (v >= 1)
        return QString::number(v, 'f', 2);
    return QString::number(v, 'f', 3);
}

QString formatRatio(const QJsonValue& r)
{
    return r.isDouble() ? QString::number(r.toDouble(), 'f', r.toDouble() < 0.1 ? 3 : 2) : QStringLiteral("-");
}

} // namespace

QJsonObject runBenchmarks(const BenchOptions& o, const std::function<void(const QString&)>& progress)
{
    Sizes s;
    s.repeats = o.repeats;
    s.tasks = o.tasks;
    if (o.quick) {
        s.queueItems = 4000;
        s.roundTrips = 500;
        s.lockOps = 5000;
        s.increments = 500;
        s.managerCalls = 200;
        s.tasks = std::min(o.tasks, 1000);
        s.events = 5000;
    }
    const QString loadBefore = loadAverage();
    std::vector<Row> rows;
    QStringList ids; // every measurement's id, matched by --only or not
    using Measure = std::function<Series()>;
    // One row: measured only when `--only` is empty or part of its id.
    const auto measure = [&](const QString& id, const QString& label, const QString& unit, const Measure& ours,
                             const Measure& bare, const QString& bareNote = {}) {
        ids << id;
        if (!o.only.isEmpty() && !id.contains(o.only))
            return;
        Row row { id, label, unit, ours(), {}, bare ? bare() : Series {}, bareNote };
        const auto say = [&](const char* side, const Series& x) {
            if (!x.error.isEmpty())
                progress(QStringLiteral("%1, %2: %3").arg(row.label, QLatin1String(side), x.error));
            else if (!x.values.empty())
                progress(QStringLiteral("%1, %2: %3 %4")
                             .arg(row.label, QLatin1String(side), formatValue(median(toJson(x))), row.unit));
        };
        say("ProcLab", row.ours);
        say("bare OS", row.bare);
        rows.push_back(std::move(row));
    };

    const QString ns = QStringLiteral("ns"), us = QStringLiteral("us"), ms = QStringLiteral("ms");
    measure(
        QStringLiteral("queue_1to1_ns"), QStringLiteral("Queue 1->1, per item"), ns, [&] { return ours::queue(1, s); },
        [&] { return bare::queue(1, s); }, QStringLiteral("lock-free SPSC ring in shared memory"));
    measure(
        QStringLiteral("queue_4to4_ns"), QStringLiteral("Queue 4->4, per item"), ns, [&] { return ours::queue(4, s); },
        [&] { return bare::queue(4, s); }, QStringLiteral("ring under a process-shared pthread mutex"));
    Series barePipe;
    measure(
        QStringLiteral("pipe_round_trip_us"), QStringLiteral("Pipe round trip"), us,
        [&] { return ours::pipeRoundTrip(Pin::Free, s); }, [&] { return barePipe = bare::pipeRoundTrip(Pin::Free, s); },
        QStringLiteral("8 bytes over a socketpair"));
    measure(
        QStringLiteral("pipe_round_trip_one_core_us"), QStringLiteral("Pipe round trip, both on one core"), us,
        [&] { return ours::pipeRoundTrip(Pin::OneCore, s); }, [&] { return bare::pipeRoundTrip(Pin::OneCore, s); });
    measure(
        QStringLiteral("pipe_round_trip_two_cores_us"), QStringLiteral("Pipe round trip, on two cores"), us,
        [&] { return ours::pipeRoundTrip(Pin::TwoCores, s); }, [&] { return bare::pipeRoundTrip(Pin::TwoCores, s); });
    measure(
        QStringLiteral("lock_uncontended_ns"), QStringLiteral("Lock acquire+release, uncontended"), ns,
        [&] { return ours::lockUncontended(s); }, [&] { return bare::lockUncontended(s); },
        QStringLiteral("process-shared pthread mutex"));
    measure(
        QStringLiteral("lock_two_processes_ns"), QStringLiteral("Lock acquire+release, 2 processes at once"), ns,
        [&] { return ours::lockTwoProcesses(s); }, [&] { return bare::lockTwoProcesses(s); });
    measure(
        QStringLiteral("value_increment_4p_ns"), QStringLiteral("Value += 1 under get_lock(), 4 processes"), ns,
        [&] { return ours::valueIncrement(s); }, [&] { return bare::valueIncrement(s); },
        QStringLiteral("int under a pthread mutex"));
    measure(
        QStringLiteral("manager_dict_set_get_us"), QStringLiteral("Manager dict d[k] = v; d[k]"), us,
        [&] { return ours::managerDict(s); },
        [&] {
            Series two = barePipe.values.empty() ? bare::pipeRoundTrip(Pin::Free, s) : barePipe;
            for (double& v : two.values)
                v *= 2;
            return two;
        },
        QStringLiteral("two socketpair round trips"));
    const QString method = toString(o.startMethod);
    measure(
        QStringLiteral("pool_overhead_chunksize_1_us"), QStringLiteral("Pool(2).map per task, chunksize 1"), us,
        [&] { return ours::poolOverhead(o.startMethod, 1, s); }, [&] { return bare::streamedMessages(s); },
        QStringLiteral("8-byte messages streamed to a child and back"));
    measure(QStringLiteral("pool_overhead_chunksize_100_us"), QStringLiteral("Pool(2).map per task, chunksize 100"), us,
        [&] { return ours::poolOverhead(o.startMethod, 100, s); }, {});
    const bool python = o.python && o.only.isEmpty();
    measure(QStringLiteral("map_shell_ms"),
        QStringLiteral("map x*x+1 over 1..%1, -p 2, chunksize 1, whole program").arg(s.tasks), ms,
        [&] { return bench::shellMap(false, s.tasks, s.repeats); }, {});
    if (python && !rows.empty() && rows.back().id == QLatin1String("map_shell_ms"))
        rows.back().python = bench::shellMap(true, s.tasks, s.repeats);
    for (StartMethod m : { StartMethod::Spawn, StartMethod::ForkServer })
        for (int workers : { 2, 8 })
            measure(
                QStringLiteral("startup_%1_%2_ms").arg(toString(m)).arg(workers),
                QStringLiteral("%1 workers ready, %2%3")
                    .arg(workers)
                    .arg(toString(m), m == StartMethod::ForkServer ? QStringLiteral(" (server up)") : QString()),
                ms, [&] { return ours::startup(m, workers, s, true); }, [&] { return bare::startup(workers, s); },
                QStringLiteral("posix_spawn of %1").arg(bare::startupProgram().section(QLatin1Char('/'), -1)));
    // What the lean worker saves: the same start as proclab-worker itself, which loads Qt before Ready.
    measure(QStringLiteral("startup_spawn_full_2_ms"), QStringLiteral("2 workers ready, spawn, as proclab-worker"), ms,
        [&] { return ours::startup(StartMethod::Spawn, 2, s, false); }, [&] { return bare::startup(2, s); },
        QStringLiteral("posix_spawn of %1").arg(bare::startupProgram().section(QLatin1Char('/'), -1)));
    double wireBytes = 0;
    measure(
        QStringLiteral("events_ns"), QStringLiteral("events from 2 workers into the event log, per event"), ns,
        [&] { return ours::events(s, &wireBytes); }, [&] { return bare::events(s); },
        QStringLiteral("32-byte records in 8 KiB writes"));
    if (rows.empty())
        return { { QStringLiteral("error"),
            QStringLiteral("--only %1 names no measurement (ids: %2)").arg(o.only, ids.join(QStringLiteral(", "))) } };

    QJsonObject pythonRaw;
    if (python) {
        pythonRaw = runPython(s, o.startMethod, progress);
        for (Row& row : rows)
            if (row.id != QLatin1String("map_shell_ms") && row.id != QLatin1String("events_ns"))
                row.python = fromPython(pythonRaw, row.id);
        if (pythonRaw.contains(QStringLiteral("error")))
            progress(QStringLiteral("CPython: %1").arg(pythonRaw.value(QStringLiteral("error")).toString()));
    }

    QJsonArray jsonRows;
    QJsonObject byId;
    for (const Row& row : rows) {
        QJsonObject r { { QStringLiteral("id"), row.id }, { QStringLiteral("label"), row.label },
            { QStringLiteral("unit"), row.unit }, { QStringLiteral("proclab"), toJson(row.ours) } };
        const double mine = median(toJson(row.ours));
        for (const auto& [key, side] :
            { std::pair { QStringLiteral("python"), &row.python }, std::pair { QStringLiteral("bare"), &row.bare } }) {
            const QJsonObject j = toJson(*side);
            if (j.isEmpty())
                continue;
            r.insert(key, j);
            const double theirs = median(j);
            if (mine > 0 && theirs > 0)
                r.insert(QStringLiteral("ratio_") + key, mine / theirs);
        }
        if (!row.bareNote.isEmpty())
            r.insert(QStringLiteral("bare_note"), row.bareNote);
        jsonRows.append(r);
        byId.insert(row.id, r);
    }

    const auto med = [&](const QString& id, const char* side) {
        return median(byId.value(id).toObject().value(QLatin1String(side)).toObject());
    };
    const auto perSecond = [](double nsPer) { return nsPer > 0 ? 1e9 / nsPer : -1; };
    QJsonObject derived {
        { QStringLiteral("queue_1to1_items_per_s"),
            QJsonObject { { QStringLiteral("proclab"), perSecond(med(QStringLiteral("queue_1to1_ns"), "proclab")) },
                { QStringLiteral("python"), perSecond(med(QStringLiteral("queue_1to1_ns"), "python")) },
                { QStringLiteral("bare"), perSecond(med(QStringLiteral("queue_1to1_ns"), "bare")) } } },
        { QStringLiteral("events_per_s"), perSecond(med(QStringLiteral("events_ns"), "proclab")) },
        { QStringLiteral("event_wire_bytes"), wireBytes },
        { QStringLiteral("event_memory_bytes"), int(sizeof(Event)) },
    };

    // Issue 16's targets, each as measured in this run.
    struct Target {
        const char* name;
        const char* goal;
        double value;
        bool met;
    };
    const double poolOverhead = med(QStringLiteral("pool_overhead_chunksize_1_us"), "proclab");
    const double queueRate = perSecond(med(QStringLiteral("queue_1to1_ns"), "proclab"));
    const double pipeRatio
        = byId.value(QStringLiteral("pipe_round_trip_us")).toObject().value(QStringLiteral("ratio_bare")).toDouble(-1);
    const double lockNs = med(QStringLiteral("lock_uncontended_ns"), "proclab");
    const double spawnRatio
        = byId.value(QStringLiteral("startup_spawn_2_ms")).toObject().value(QStringLiteral("ratio_bare")).toDouble(-1);
    const double mapRatio
        = byId.value(QStringLiteral("map_shell_ms")).toObject().value(QStringLiteral("ratio_python")).toDouble(-1);
    const Target targets[] = {
        { "pool_overhead_us", "Pool overhead at chunksize 1 <= 1 us per task", poolOverhead,
            poolOverhead > 0 && poolOverhead <= 1 },
        { "queue_items_per_s", "Queue 1->1 >= 5 M items/s", queueRate, queueRate >= 5e6 },
        { "pipe_ratio_bare", "Pipe round trip <= 1.2x the raw socketpair", pipeRatio,
            pipeRatio > 0 && pipeRatio <= 1.2 },
        { "lock_ns", "uncontended Lock < 50 ns", lockNs, lockNs > 0 && lockNs < 50 },
        { "spawn_ratio_bare", "2 spawned workers ready within 2x a bare exec", spawnRatio,
            spawnRatio > 0 && spawnRatio <= 2 },
        { "map_ratio_python", "whole map from the shell <= 0.1 of CPython's time", mapRatio,
            mapRatio > 0 && mapRatio <= 0.1 },
    };
    QJsonArray jsonTargets;
    for (const Target& t : targets)
        jsonTargets.append(QJsonObject { { QStringLiteral("id"), QLatin1String(t.name) },
            { QStringLiteral("goal"), QLatin1String(t.goal) }, { QStringLiteral("measured"), t.value },
            { QStringLiteral("met"), t.met } });

    QJsonObject m = machine();
    m.insert(QStringLiteral("load_before"), loadBefore);
    m.insert(QStringLiteral("load_after"), loadAverage());
    if (pythonRaw.contains(QStringLiteral("version")))
        m.insert(QStringLiteral("python"), pythonRaw.value(QStringLiteral("version")));
    pythonRaw.remove(QStringLiteral("version"));
    return {
        { QStringLiteral("machine"), m },
        { QStringLiteral("quick"), o.quick },
        { QStringLiteral("repeats"), s.repeats },
        { QStringLiteral("start_method"), method },
        { QStringLiteral("sizes"),
            QJsonObject { { QStringLiteral("queue_items"), s.queueItems },
                { QStringLiteral("round_trips"), s.roundTrips }, { QStringLiteral("lock_ops"), s.lockOps },
                { QStringLiteral("increments"), s.increments }, { QStringLiteral("manager_calls"), s.managerCalls },
                { QStringLiteral("tasks"), s.tasks }, { QStringLiteral("events"), s.events } } },
        { QStringLiteral("rows"), jsonRows },
        { QStringLiteral("derived"), derived },
        { QStringLiteral("targets"), jsonTargets },
        { QStringLiteral("python_raw"), pythonRaw },
    };
}

QStringList benchmarkFailures(const QJsonObject& result)
{
    QStringList failures;
    for (const QJsonValue& v : result.value(QStringLiteral("rows")).toArray()) {
        const QJsonObject r = v.toObject();
        for (const char* side : { "proclab", "python", "bare" }) {
            const QString error = r.value(QLatin1String(side)).toObject().value(QStringLiteral("error")).toString();
            if (!error.isEmpty() && !error.startsWith(QLatin1String(SkippedPrefix)))
                failures << QStringLiteral("%1, %2: %3")
                                .arg(r.value(QStringLiteral("label")).toString(), QLatin1String(side), error);
        }
    }
    return failures;
}

QString formatBenchmarks(const QJsonObject& result)
{
    QStringList lines;
    const QJsonObject m = result.value(QStringLiteral("machine")).toObject();
    lines << QStringLiteral("machine: %1, %2 CPUs, %3; load average %4 before, %5 after")
                 .arg(m.value(QStringLiteral("cpu")).toString())
                 .arg(m.value(QStringLiteral("cpus")).toInt())
                 .arg(m.value(QStringLiteral("kernel")).toString(), m.value(QStringLiteral("load_before")).toString(),
                     m.value(QStringLiteral("load_after")).toString());
    lines << QStringLiteral("medians of %1; ratios are of times: below 1, ProcLab is faster")
                 .arg(result.value(QStringLiteral("repeats")).toInt());
    lines << QString();
    lines << QStringLiteral("%1 %2 %3 %4 %5 %6")
                 .arg(QStringLiteral("measurement"), -58)
                 .arg(QStringLiteral("ProcLab"), 10)
                 .arg(QStringLiteral("CPython"), 10)
                 .arg(QStringLiteral("bare OS"), 10)
                 .arg(QStringLiteral("/CPython"), 9)
                 .arg(QStringLiteral("/bare"), 8);
    for (const QJsonValue& v : result.value(QStringLiteral("rows")).toArray()) {
        const QJsonObject r = v.toObject();
        const auto cell = [&](const char* side) {
            const QJsonObject o = r.value(QLatin1String(side)).toObject();
            return o.contains(QStringLiteral("error")) ? QStringLiteral("error") : formatValue(median(o));
        };
        lines << QStringLiteral("%1 %2 %3 %4 %5 %6")
                     .arg(QStringLiteral("%1 (%2)").arg(
                              r.value(QStringLiteral("label")).toString(), r.value(QStringLiteral("unit")).toString()),
                         -58)
                     .arg(cell("proclab"), 10)
                     .arg(cell("python"), 10)
                     .arg(cell("bare"), 10)
                     .arg(formatRatio(r.value(QStringLiteral("ratio_python"))), 9)
                     .arg(formatRatio(r.value(QStringLiteral("ratio_bare"))), 8);
    }
    lines << QString();
    for (const QJsonValue& v : result.value(QStringLiteral("rows")).toArray()) {
        const QJsonObject r = v.toObject();
        if (r.contains(QStringLiteral("bare_note")))
            lines << QStringLiteral("bare OS, %1: %2")
                         .arg(r.value(QStringLiteral("label")).toString(),
                             r.value(QStringLiteral("bare_note")).toString());
    }
    const QJsonObject d = result.value(QStringLiteral("derived")).toObject();
    const QJsonObject q = d.value(QStringLiteral("queue_1to1_items_per_s")).toObject();
    const auto mps = [&](const char* side) { return formatValue(q.value(QLatin1String(side)).toDouble(-1e6) / 1e6); };
    lines << QStringLiteral("Queue 1->1: %1 M items/s (CPython %2, bare OS %3)")
                 .arg(mps("proclab"), mps("python"), mps("bare"));
    lines << QStringLiteral("events: %1 M events/s into the engine's log; %2 bytes per event on the wire, %3 in memory")
                 .arg(formatValue(d.value(QStringLiteral("events_per_s")).toDouble(-1e6) / 1e6))
                 .arg(d.value(QStringLiteral("event_wire_bytes")).toDouble(), 0, 'f', 1)
                 .arg(d.value(QStringLiteral("event_memory_bytes")).toInt());
    lines << QString();
    lines << QStringLiteral("targets:");
    for (const QJsonValue& v : result.value(QStringLiteral("targets")).toArray()) {
        const QJsonObject t = v.toObject();
        lines << QStringLiteral("  %1 %2 (measured %3)")
                     .arg(t.value(QStringLiteral("met")).toBool() ? QStringLiteral("met    ")
                                                                  : QStringLiteral("not met"),
                         t.value(QStringLiteral("goal")).toString(),
                         formatValue(t.value(QStringLiteral("measured")).toDouble(-1)));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace proclab::cli
