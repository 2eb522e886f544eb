// proclab-cli trace FILE: what a recorded run holds; converts it to Chrome Trace Event JSON.

#include "common.h"

#include "lab/trace.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <map>

namespace proclab::cli {

namespace {

// What a recorded run holds: its processes, events per kind, duration, tasks and console.
QJsonObject traceSummary(const Trace& t)
{
    std::map<qint64, qint64> perProcess; // pid → events
    std::map<QString, qint64> perKind;
    std::map<EventKind, qint64> counts;
    for (const Event& e : t.events) {
        ++perProcess[e.pid == 0 ? t.enginePid : e.pid];
        ++perKind[eventKindName(e.kind)];
        ++counts[e.kind];
    }
    QJsonArray processes;
    for (const auto& [pid, n] : perProcess) {
        const auto name = t.processNames.find(pid);
        processes.append(QJsonObject { { QStringLiteral("pid"), pid },
            { QStringLiteral("name"),
                name != t.processNames.end() ? name->second
                    : pid == t.enginePid     ? QStringLiteral("MainProcess")
                                             : QString() },
            { QStringLiteral("events"), n } });
    }
    QJsonObject kinds;
    for (const auto& [kind, n] : perKind)
        kinds.insert(kind, n);
    qint64 raised = 0;
    for (const Event& e : t.events)
        raised += e.kind == EventKind::TaskEnd && e.value != 0;
    const auto count = [&](EventKind k) { return counts.count(k) ? counts.at(k) : 0; };
    const double duration = t.events.empty() ? 0.0 : double(t.events.back().tNs - t.events.front().tNs) / 1e9;
    return { { QStringLiteral("engine_pid"), t.enginePid }, { QStringLiteral("events"), qint64(t.events.size()) },
        { QStringLiteral("duration_s"), duration }, { QStringLiteral("processes"), processes },
        { QStringLiteral("kinds"), kinds },
        { QStringLiteral("tasks"),
            QJsonObject { { QStringLiteral("submitted"), count(EventKind::TaskSubmit) },
                { QStringLiteral("started"), count(EventKind::TaskStart) },
                { QStringLiteral("ended"), count(EventKind::TaskEnd) }, { QStringLiteral("raised"), raised },
                { QStringLiteral("results"), count(EventKind::TaskResult) },
                { QStringLiteral("lost"), count(EventKind::TaskLost) } } },
        { QStringLiteral("console_records"), qint64(t.console.size()) }, { QStringLiteral("settings"), t.settings } };
}

} // namespace

int cmdTrace(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({ { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("help") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("JSON output") });
    p.addOption({ QStringLiteral("chrome"), QStringLiteral("Chrome Trace Event JSON file"), QStringLiteral("OUT") });
    p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("recorded run"));
    if (auto r = parse(p, args))
        return *r;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("trace needs one file (a run saved with run --save or by the window)"));
    if (p.isSet(QStringLiteral("chrome")) && p.value(QStringLiteral("chrome")).isEmpty())
        return badInput(QStringLiteral("--chrome needs a file name"));
    QString error;
    const std::optional<Trace> t = Trace::load(pos.at(1), &error);
    if (!t)
        return badInput(error);
    if (p.isSet(QStringLiteral("chrome")) && !t->saveChromeTrace(p.value(QStringLiteral("chrome")), &error)) {
        QTextStream(stderr) << "proclab-cli: " << error << Qt::endl;
        return EngineError;
    }
    const QJsonObject s = traceSummary(*t);
    if (p.isSet(QStringLiteral("json"))) {
        printJson(s);
        return Ok;
    }
    out() << pos.at(1) << ": " << t->events.size() << " events over "
          << QString::number(s.value(QStringLiteral("duration_s")).toDouble(), 'f', 3) << " s, engine pid "
          << t->enginePid << '\n';
    if (!t->settings.isEmpty())
        out() << "settings: " << QJsonDocument(t->settings).toJson(QJsonDocument::Compact) << '\n';
    out() << "processes:\n";
    for (const auto& v : s.value(QStringLiteral("processes")).toArray()) {
        const QJsonObject o = v.toObject();
        out() << "  " << qSetFieldWidth(8) << o.value(QStringLiteral("pid")).toInteger() << qSetFieldWidth(0) << "  "
              << qSetFieldWidth(24) << Qt::left << o.value(QStringLiteral("name")).toString() << qSetFieldWidth(0)
              << Qt::right << o.value(QStringLiteral("events")).toInteger() << " events\n";
    }
    out() << "events by kind:\n";
    const QJsonObject kinds = s.value(QStringLiteral("kinds")).toObject();
    for (auto it = kinds.begin(); it != kinds.end(); ++it)
        out() << "  " << qSetFieldWidth(18) << Qt::left << it.key() << qSetFieldWidth(0) << Qt::right
              << it.value().toInteger() << '\n';
    const QJsonObject tasks = s.value(QStringLiteral("tasks")).toObject();
    out() << "tasks: " << tasks.value(QStringLiteral("started")).toInteger() << " started, "
          << tasks.value(QStringLiteral("ended")).toInteger() << " ended ("
          << tasks.value(QStringLiteral("raised")).toInteger() << " raised), "
          << tasks.value(QStringLiteral("results")).toInteger() << " results, "
          << tasks.value(QStringLiteral("lost")).toInteger() << " lost\n";
    out() << "console: " << t->console.size() << " records\n" << Qt::flush;
    return Ok;
}

} // namespace proclab::cli
