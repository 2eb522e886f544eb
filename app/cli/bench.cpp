// proclab-cli bench: the engine's benchmarks (benchmarks.h), with CPython's Pool side by side.

#include "common.h"

#include "benchmarks.h"
#include "lab/options.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

namespace proclab::cli {

int cmdBench(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("repeats"), QStringLiteral("repeats"), QStringLiteral("R"), QStringLiteral("7") });
    p.addOption({ QStringLiteral("tasks"), QStringLiteral("tasks"), QStringLiteral("N"), QStringLiteral("10000") });
    p.addOption({ QStringLiteral("no-python"), QStringLiteral("skip CPython") });
    if (auto r = parse(p, args))
        return *r;
    BenchOptions o;
    const auto repeats = options::repeats(p.value(QStringLiteral("repeats")), 1000);
    if (!repeats)
        return badInput(repeats.error);
    o.repeats = *repeats;
    const auto tasks = options::integer(QStringLiteral("--tasks"), p.value(QStringLiteral("tasks")), 1, 10'000'000);
    if (!tasks)
        return badInput(tasks.error);
    o.tasks = *tasks;
    o.python = !p.isSet(QStringLiteral("no-python"));
    const bool json = p.isSet(QStringLiteral("json"));
    const QJsonObject result = runBenchmarks(o, [json](const QString& line) {
        if (json)
            QTextStream(stderr) << line << Qt::endl;
        else
            out() << line << Qt::endl;
    });
    if (json)
        printJson(result);
    return Ok;
}

} // namespace proclab::cli
