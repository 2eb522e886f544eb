// proclab-cli bench: every primitive measured beside CPython and the bare OS (benchmarks.h).

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
    p.addOption({ QStringLiteral("repeats"), QStringLiteral("repeats of each measurement (default 5; 1 with --quick)"),
        QStringLiteral("R") });
    p.addOption({ QStringLiteral("tasks"), QStringLiteral("pool tasks per map"), QStringLiteral("N"),
        QStringLiteral("10000") });
    p.addOption({ QStringLiteral("quick"), QStringLiteral("small sizes: checks that everything runs (CI)") });
    p.addOption({ QStringLiteral("no-python"), QStringLiteral("skip CPython") });
    p.addOption({ QStringLiteral("only"), QStringLiteral("only the measurements whose id contains TEXT (no CPython)"),
        QStringLiteral("TEXT") });
    if (auto r = parse(p, args))
        return *r;
    Common c;
    if (const QString error = readCommon(p, &c); !error.isEmpty())
        return badInput(error);
    BenchOptions o;
    o.quick = p.isSet(QStringLiteral("quick"));
    o.repeats = o.quick ? 1 : 5;
    if (p.isSet(QStringLiteral("repeats"))) {
        const auto repeats = options::repeats(p.value(QStringLiteral("repeats")), 1000);
        if (!repeats)
            return badInput(repeats.error);
        o.repeats = *repeats;
    }
    const auto tasks = options::integer(QStringLiteral("--tasks"), p.value(QStringLiteral("tasks")), 1, 10'000'000);
    if (!tasks)
        return badInput(tasks.error);
    o.tasks = *tasks;
    o.python = !p.isSet(QStringLiteral("no-python"));
    o.startMethod = c.startMethod;
    o.only = p.value(QStringLiteral("only"));
    const bool json = c.json;
    const QJsonObject result = runBenchmarks(o, [json](const QString& line) {
        if (json)
            QTextStream(stderr) << line << Qt::endl;
        else
            out() << line << Qt::endl;
    });
    if (result.contains(QStringLiteral("error")))
        return badInput(result.value(QStringLiteral("error")).toString());
    if (json)
        printJson(result);
    else
        out() << Qt::endl << formatBenchmarks(result) << Qt::endl;
    const QStringList failed = benchmarkFailures(result);
    for (const QString& f : failed)
        QTextStream(stderr) << "proclab-cli bench: " << f << Qt::endl;
    return failed.isEmpty() ? Ok : EngineError;
}

} // namespace proclab::cli
