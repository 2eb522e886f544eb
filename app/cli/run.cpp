// proclab-cli run WORKLOAD: one run on real processes (or threads), verified against a serial computation, timed;
// also written as a Chrome trace or a recorded run. Without one, a workload whose reduce is a fold runs as a stream
// (Workload::runStream): no event, input or result is kept, and memory does not grow with the number of tasks.

#include "common.h"

#include "content/workload.h"
#include "engine/context.h"
#include "lab/trace.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTextStream>

namespace proclab::cli {

int cmdRun(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("set"), QStringLiteral("parameter"), QStringLiteral("key=value") });
    p.addOption({ QStringLiteral("pace"), QStringLiteral("delay before each task"), QStringLiteral("MS") });
    p.addOption({ QStringLiteral("trace"), QStringLiteral("Chrome Trace Event JSON file"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("save"), QStringLiteral("recorded run (ProcLab trace)"), QStringLiteral("FILE") });
    p.addPositionalArgument(QStringLiteral("workload"), QStringLiteral("workload"));
    addFaultOptions(p);
    addMpiOptions(p);
    if (auto r = parse(p, args))
        return *r;
    if (const QString e = readMpiOptions(p); !e.isEmpty())
        return badInput(e);
    for (const QString& option : { QStringLiteral("trace"), QStringLiteral("save") })
        if (const QString e = outputOptionError(p, option); !e.isEmpty())
            return badInput(e);
    const QString traceFile = p.value(QStringLiteral("trace"));
    const QString saveFile = p.value(QStringLiteral("save"));
    Common c;
    if (const QString e = readCommon(p, &c); !e.isEmpty())
        return badInput(e);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("run needs one workload name (see `proclab-cli list`)"));
    const Workload* w = requireWorkload(pos.at(1));
    if (!w)
        return BadInput;
    Params params;
    QString error;
    if (!parseParams(*w, p.values(QStringLiteral("set")), &params, &error))
        return badInput(error);
    qint64 paceNs = 0;
    if (const QString e = readPace(p, &paceNs); !e.isEmpty())
        return badInput(e);
    // A trace or a recorded run reads the events, and keeps them (memory grows with the tasks then); otherwise
    // nothing reads them, and a fold takes the results as they come.
    const bool recording = !traceFile.isEmpty() || !saveFile.isEmpty();
    const std::unique_ptr<Fold> fold = recording ? nullptr : w->fold(params);
    const QCborArray inputs = fold ? QCborArray() : w->inputs(params);
    QList<Fault> faults;
    qint64 deadlineMs = 0;
    if (const QString e = readFaults(p, c, fold ? w->taskCount(params) : inputs.size(), &faults, &deadlineMs);
        !e.isEmpty())
        return badInput(e);

    ExecResult r;
    std::optional<MpiRunResult> mpiRun;
    const auto finished = qScopeGuard([&] { w->finish(params); });
    try {
        Context context(c.startMethod);
        // The events are kept only for a trace or a recorded run: 50 M tasks would otherwise need ~10 GB.
        context.events().setRecording(recording);
        const ExecOptions options { c.executor, c.processes, c.chunksize, c.scheduling, paceNs, {},
            w->serialPart(params), deadlineMs, faults };
        r = fold ? w->runStream(&context, params, fold.get(), options) : w->run(&context, params, inputs, options);
        if (isMpi(c.executor))
            mpiRun = lastMpiRun();
        if (recording) {
            QJsonObject paramsJson;
            for (auto it = params.begin(); it != params.end(); ++it)
                paramsJson.insert(it.key(), QJsonValue::fromVariant(it.value()));
            QJsonObject settings { { QStringLiteral("workload"), w->name() }, { QStringLiteral("params"), paramsJson },
                { QStringLiteral("processes"), c.processes }, { QStringLiteral("executor"), toString(c.executor) },
                { QStringLiteral("start_method"), toString(c.startMethod) },
                { QStringLiteral("chunksize"), r.chunksize } };
            if (mpiRun)
                settings.insert(QStringLiteral("mpi"), mpiJson(*mpiRun));
            const Trace trace = Trace::capture(context, settings);
            QString traceError;
            if ((!traceFile.isEmpty() && !trace.saveChromeTrace(traceFile, &traceError))
                || (!saveFile.isEmpty() && !trace.save(saveFile, &traceError))) {
                QTextStream(stderr) << "proclab-cli: " << traceError << Qt::endl;
                return EngineError;
            }
        }
    } catch (const std::exception& e) {
        QTextStream(stderr) << "proclab-cli: " << e.what() << Qt::endl;
        return EngineError;
    }
    const QCborValue reduced = !r.failures.empty() ? QCborValue()
        : fold                                     ? fold->reduced()
                                                   : w->reduce(params, r.results);
    Verification v = !r.failures.empty()
        ? Verification { false, QStringLiteral("%1 task(s) failed").arg(r.failures.size()) }
        : fold ? fold->verification()
               : w->verify(params, r.results, reduced);
    if (v.ok && mpiRun && mpiRun->reducedSum && reduced.isMap()
        && reduced.toMap().value(QStringLiteral("inside")).isInteger()
        && *mpiRun->reducedSum != reduced.toMap().value(QStringLiteral("inside")).toInteger())
        v = { false,
            QStringLiteral("MPI_Reduce gave %1, the tasks' results sum to %2")
                .arg(*mpiRun->reducedSum)
                .arg(reduced.toMap().value(QStringLiteral("inside")).toInteger()) };
    QStringList setting;
    for (const auto& ps : w->params())
        setting << ps.name + QLatin1Char('=') + params.value(ps.name).toString();

    if (c.json) {
        QJsonObject paramsJson;
        for (auto it = params.begin(); it != params.end(); ++it)
            paramsJson.insert(it.key(), QJsonValue::fromVariant(it.value()));
        printJson({ { QStringLiteral("workload"), w->name() }, { QStringLiteral("params"), paramsJson },
            { QStringLiteral("processes"), c.processes }, { QStringLiteral("executor"), toString(c.executor) },
            { QStringLiteral("start_method"), toString(c.startMethod) },
            { QStringLiteral("scheduling"), toString(c.scheduling) }, { QStringLiteral("chunksize"), r.chunksize },
            { QStringLiteral("tasks"), r.tasks },
            { QStringLiteral("completed"), r.tasks - qsizetype(r.failures.size()) },
            { QStringLiteral("result"), cborToJson(reduced) },
            { QStringLiteral("summary"), r.failures.empty() ? w->summary(params, reduced) : QString() },
            { QStringLiteral("verified"), v.ok }, { QStringLiteral("verify_detail"), v.detail },
            { QStringLiteral("wall_s"), double(r.wallNs) / 1e9 },
            { QStringLiteral("startup_s"), double(r.startupNs) / 1e9 },
            { QStringLiteral("workers"), workersJson(r.workers) },
            { QStringLiteral("failures"), failuresJson(r.failures) },
            { QStringLiteral("mpi"), mpiRun ? QJsonValue(mpiJson(*mpiRun)) : QJsonValue() } });
    } else {
        out() << "workload   " << w->name() << " (" << setting.join(QStringLiteral(", ")) << ")\n"
              << "executor   " << toString(c.executor) << ", " << c.processes
              << (c.executor == ExecutorKind::Process ? " processes"
                         : isMpi(c.executor)          ? " MPI ranks"
                                                      : " workers");
        if (c.executor == ExecutorKind::Process)
            out() << ", start method " << toString(c.startMethod);
        if (c.executor == ExecutorKind::MpiSpmd)
            out() << ", a block of tasks per rank\n";
        else if (c.executor == ExecutorKind::MpiFarm)
            out() << ", rank 0 deals chunks of " << r.chunksize << '\n';
        else
            out() << ", " << toString(c.scheduling) << " scheduling, chunksize " << r.chunksize << '\n';
        if (r.failures.empty())
            out() << "result     " << w->summary(params, reduced) << '\n';
        printFailures(r.failures, r.tasks);
        out() << "verified   " << (v.ok ? "yes" : "NO") << " - " << v.detail << '\n'
              << "wall time  " << QString::number(double(r.wallNs) / 1e9, 'f', 3) << " s\n"
              << "start-up   " << QString::number(double(r.startupNs) / 1e6, 'f', 2) << " ms\n"
              << "workers    ";
        bool first = true;
        for (const auto& ws : r.workers) {
            if (!first)
                out() << "           ";
            first = false;
            out() << ws.name << "  pid " << ws.pid;
            if (ws.tid)
                out() << " tid " << ws.tid;
            out() << ": " << ws.tasks << " tasks";
            if (const auto& u = ws.usage)
                out() << ", cpu " << QString::number(double(u->userUs + u->systemUs) / 1e6, 'f', 3) << " s, "
                      << u->voluntarySwitches << '/' << u->involuntarySwitches << " switches, peak RSS "
                      << u->peakRssKib << " KiB";
            out() << '\n';
        }
        if (mpiRun) {
            QString reducedText = QStringLiteral("none (the results are gathered)");
            if (mpiRun->reducedSum)
                reducedText = QString::number(*mpiRun->reducedSum);
            else if (!mpiRun->reducedCounts.isEmpty())
                reducedText = QStringLiteral("a histogram of %1 counts, equal to the tasks' counts summed")
                                  .arg(mpiRun->reducedCounts.size());
            out() << "mpi        " << (c.executor == ExecutorKind::MpiSpmd ? "MPI_Reduce" : "sum") << " at rank 0: "
                  << reducedText << ", teardown " << QString::number(double(mpiRun->teardownNs) / 1e6, 'f', 1)
                  << " ms\n";
            QStringList calls;
            for (const auto& call : mpiRun->collectives)
                calls << QStringLiteral("%1 (%2 B)").arg(call.op).arg(call.bytes);
            if (!calls.isEmpty())
                out() << "           rank 0's collectives: " << calls.join(QStringLiteral(", ")) << '\n';
            for (const auto& l : mpiRun->lost)
                out() << "           rank " << l.rank << " on " << l.host << ", pid " << l.pid << ", died"
                      << (l.task >= 0 ? QStringLiteral(" in task %1").arg(l.task) : QString())
                      << ": survive mode, rank 0 dealt its chunk again\n";
            for (const MpiRank& k : mpiRun->ranks)
                out() << "           rank " << k.rank << " on " << k.host << ", pid " << k.pid << ": MPI_Init "
                      << QString::number(double(k.initNs) / 1e6, 'f', 1) << " ms, clock offset "
                      << QString::number(double(k.offsetNs) / 1e3, 'f', 1) << " us (round trip "
                      << QString::number(double(k.rttNs) / 1e3, 'f', 1) << " us)\n";
        }
        out() << Qt::flush;
    }
    if (!r.failures.empty())
        return TasksFailed;
    return v.ok ? Ok : VerifyFailed;
}

} // namespace proclab::cli
