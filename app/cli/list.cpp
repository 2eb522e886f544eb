// proclab-cli list: workloads with their parameters and defaults, executors, start methods.

#include "common.h"

#include "content/workload.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

namespace proclab::cli {

int cmdList(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    if (auto r = parse(p, args))
        return *r;
    QJsonArray ws;
    for (const Workload* w : workloads()) {
        QJsonArray params;
        for (const auto& ps : w->params()) {
            const char* type = ps.type == ParamSpec::Type::Int ? "int"
                : ps.type == ParamSpec::Type::Float            ? "float"
                                                               : "string";
            params.append(
                QJsonObject { { QStringLiteral("name"), ps.name }, { QStringLiteral("type"), QLatin1String(type) },
                    { QStringLiteral("default"), QJsonValue::fromVariant(ps.defaultValue) },
                    { QStringLiteral("help"), ps.help } });
        }
        ws.append(QJsonObject { { QStringLiteral("name"), w->name() },
            { QStringLiteral("description"), w->description() }, { QStringLiteral("params"), params } });
    }
    const QJsonArray executors { QStringLiteral("process"), QStringLiteral("thread"), QStringLiteral("gil-thread"),
        QStringLiteral("serial") };
    const QJsonArray methods { QStringLiteral("spawn"), QStringLiteral("forkserver") };
    if (p.isSet(QStringLiteral("json"))) {
        printJson({ { QStringLiteral("workloads"), ws }, { QStringLiteral("executors"), executors },
            { QStringLiteral("start_methods"), methods },
            { QStringLiteral("scheduling"), QJsonArray { QStringLiteral("dynamic"), QStringLiteral("static") } } });
        return Ok;
    }
    out() << "Workloads:\n";
    for (const auto& wv : ws) {
        const QJsonObject w = wv.toObject();
        out() << "  " << w.value(QStringLiteral("name")).toString() << " - "
              << w.value(QStringLiteral("description")).toString() << '\n';
        for (const auto& pv : w.value(QStringLiteral("params")).toArray()) {
            const QJsonObject ps = pv.toObject();
            out() << "      " << qSetFieldWidth(10) << Qt::left << ps.value(QStringLiteral("name")).toString()
                  << qSetFieldWidth(0) << ps.value(QStringLiteral("type")).toString() << ", default "
                  << ps.value(QStringLiteral("default")).toVariant().toString() << ": "
                  << ps.value(QStringLiteral("help")).toString() << '\n';
        }
    }
    out() << "Executors: process, thread, gil-thread, serial\n"
          << "Start methods: spawn, forkserver\n"
          << "Scheduling: dynamic, static\n"
          << Qt::flush;
    return Ok;
}

} // namespace proclab::cli
