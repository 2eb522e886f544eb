// proclab-cli sweep WORKLOAD: the scaling experiment, printed point by point as each lands, with the Amdahl fit per
// series.

#include "common.h"

#include "content/workload.h"
#include "lab/experiment.h"
#include "lab/options.h"
#include "python/pythonsweep.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace proclab::cli {

namespace {

QString formatMetric(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

} // namespace

int cmdSweep(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("set"), QStringLiteral("parameter"), QStringLiteral("key=value") });
    p.addOption({ QStringLiteral("pace"), QStringLiteral("delay before each task"), QStringLiteral("MS") });
    p.addOption({ QStringLiteral("repeats"), QStringLiteral("repeats"), QStringLiteral("R"), QStringLiteral("3") });
    p.addOption({ QStringLiteral("warmup"), QStringLiteral("warm-up runs"), QStringLiteral("W"), QStringLiteral("1") });
    p.addOption({ QStringLiteral("fit-max"), QStringLiteral("fit over p <= P"), QStringLiteral("P") });
    p.addOption({ QStringLiteral("csv"), QStringLiteral("CSV file"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("size"), QStringLiteral("problem sizes"), QStringLiteral("KEY=V1,V2") });
    p.addOption({ QStringLiteral("weak"), QStringLiteral("weak scaling: KEY grows with p"), QStringLiteral("KEY") });
    p.addOption({ QStringLiteral("script"), QStringLiteral("a Python script to sweep"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("python"), QStringLiteral("interpreter"), QStringLiteral("INTERP") });
    p.addPositionalArgument(QStringLiteral("workload"), QStringLiteral("workload"));
    addMpiOptions(p);
    if (auto r = parse(p, args))
        return *r;
    if (const QString e = readMpiOptions(p); !e.isEmpty())
        return badInput(e);
    const QStringList pos = p.positionalArguments();
    SweepSpec spec;
    const Workload* w = nullptr;
    if (p.isSet(QStringLiteral("script"))) {
        // A student's script: its arguments follow `--`; what shapes a workload's pool does not apply.
        for (const QString& option :
            { QStringLiteral("set"), QStringLiteral("size"), QStringLiteral("weak"), QStringLiteral("executor"),
                QStringLiteral("chunksize"), QStringLiteral("scheduling"), QStringLiteral("pace") }) {
            if (p.isSet(option))
                return badInput(QStringLiteral("--%1 does not apply to a script (its own code decides)").arg(option));
        }
        PythonRunOptions python;
        python.script = p.value(QStringLiteral("script"));
        python.arguments = pos.mid(1);
        python.interpreter = p.value(QStringLiteral("python"));
        python.startMethod = p.value(QStringLiteral("start-method"));
        spec.program = std::make_shared<PythonSweepProgram>(python);
    } else {
        if (p.isSet(QStringLiteral("python")))
            return badInput(QStringLiteral("--python chooses the interpreter of a --script"));
        if (pos.size() != 2)
            return badInput(QStringLiteral("sweep needs one workload name (see `proclab-cli list`) or --script FILE"));
        w = requireWorkload(pos.at(1));
        if (!w)
            return BadInput;
        spec.workload = w->name();
        QString error;
        if (!parseParams(*w, p.values(QStringLiteral("set")), &spec.params, &error))
            return badInput(error);
    }
    spec.processes = SweepSpec::range(1, std::max(1, QThread::idealThreadCount()));
    if (p.isSet(QStringLiteral("processes"))) {
        const auto processes = options::processList(p.value(QStringLiteral("processes")));
        if (!processes)
            return badInput(processes.error);
        spec.processes = *processes;
    }
    if (p.isSet(QStringLiteral("executor"))) {
        const auto executors = options::executors(p.value(QStringLiteral("executor")));
        if (!executors)
            return badInput(executors.error);
        spec.executors = *executors;
    }
    if (p.isSet(QStringLiteral("chunksize"))) {
        const auto chunksizes = options::chunksizes(p.value(QStringLiteral("chunksize")));
        if (!chunksizes)
            return badInput(chunksizes.error);
        spec.chunksizes = *chunksizes;
    }
    if (p.isSet(QStringLiteral("start-method"))) { // a script's is checked by validate()
        const auto m = options::startMethod(p.value(QStringLiteral("start-method")));
        if (!m)
            return badInput(m.error);
        spec.startMethod = *m;
    }
    if (p.isSet(QStringLiteral("scheduling"))) {
        const auto s = options::scheduling(p.value(QStringLiteral("scheduling")));
        if (!s)
            return badInput(s.error);
        spec.scheduling = *s;
    }
    const auto repeats = options::repeats(p.value(QStringLiteral("repeats")), 1000);
    if (!repeats)
        return badInput(repeats.error);
    spec.repeats = *repeats;
    const auto warmup = options::integer(QStringLiteral("--warmup"), p.value(QStringLiteral("warmup")), 0, 100);
    if (!warmup)
        return badInput(warmup.error);
    spec.warmup = *warmup;
    if (p.isSet(QStringLiteral("fit-max"))) {
        bool ok = false;
        spec.fitMaxProcesses = p.value(QStringLiteral("fit-max")).toInt(&ok);
        if (!ok || spec.fitMaxProcesses < 2)
            return badInput(QStringLiteral("--fit-max must be an integer >= 2"));
    }
    if (const QString e = readPace(p, &spec.paceNs); !e.isEmpty())
        return badInput(e);
    if (p.isSet(QStringLiteral("size"))) {
        const auto size = options::problemSize(p.value(QStringLiteral("size")));
        if (!size)
            return badInput(size.error);
        spec.sizeParam = size->param;
        spec.sizeValues = size->values;
    }
    spec.weakParam = p.value(QStringLiteral("weak"));
    if (const QString e = outputOptionError(p, QStringLiteral("csv")); !e.isEmpty())
        return badInput(e);
    const QString csvFile = p.value(QStringLiteral("csv"));
    if (const QString e = Experiment::validate(spec); !e.isEmpty())
        return badInput(e);
    const bool json = p.isSet(QStringLiteral("json"));

    // Points go out as they land: on stdout as a table, or (with --json) on stderr as progress.
    QTextStream err(stderr);
    QTextStream& table = json ? err : out();
    const auto row = [&](const QStringList& cells) {
        static const int widths[] = { -24, 4, 11, 11, 11, 9, 8, 11, 11 };
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const int wd = widths[i];
            line += wd < 0 ? cells.at(i).leftJustified(-wd) : cells.at(i).rightJustified(wd);
        }
        table << line << Qt::endl;
    };
    const auto ms = [](double s) -> QString { return QString::number(s * 1e3, 'f', 1) + QStringLiteral(" ms"); };
    Experiment experiment;
    QStringList labels;
    // Under weak scaling the speedup is Gustafson's scaled speedup p T1 / T(p), the efficiency T1 / T(p).
    const bool weak = !spec.weakParam.isEmpty();
    if (weak)
        table << "weak scaling: " << plannedSeries(spec).value(0).weak
              << " (each process keeps the work of p = 1; ideal: the same wall time at every p)" << Qt::endl;
    row({ QStringLiteral("series"), QStringLiteral("p"), QStringLiteral("median"), QStringLiteral("min"),
        QStringLiteral("max"), weak ? QStringLiteral("scaled") : QStringLiteral("speedup"), QStringLiteral("effic."),
        QStringLiteral("Karp-Flatt"), QStringLiteral("start-up") });
    const QList<SweepSeries> planned = plannedSeries(spec);
    QObject::connect(&experiment, &Experiment::pointMeasured, &experiment, [&](const SweepPoint& pt) {
        QString label = spec.program ? spec.program->label() : toString(pt.executor);
        if (!spec.program && (spec.chunksizes.size() > 1 || spec.chunksizes.first() > 0))
            label += QStringLiteral(", chunk %1").arg(pt.chunksize);
        if (!planned.value(pt.series).size.isEmpty())
            label += QStringLiteral(", ") + planned.value(pt.series).size;
        if (!pt.size.isEmpty()) // weak scaling: the problem at this p
            label += QStringLiteral(", ") + pt.size;
        if (!pt.verified)
            label += QStringLiteral(" (NOT VERIFIED)");
        row({ label, QString::number(pt.processes), ms(pt.median), ms(pt.min), ms(pt.max),
            std::isfinite(pt.speedup) ? QString(formatMetric(pt.speedup, 2) + QLatin1Char('x')) : QStringLiteral("-"),
            std::isfinite(pt.efficiency) ? QString(formatMetric(100 * pt.efficiency, 0) + QStringLiteral(" %"))
                                         : QStringLiteral("-"),
            formatMetric(pt.karpFlatt, 3), ms(pt.startupSeconds) });
        // Where p × (start-up + wall) went, from the run's events (see lab/breakdown.h).
        const Breakdown& b = pt.breakdown;
        if (b.valid()) {
            QStringList parts;
            for (int i = 0; i < Breakdown::PartCount; ++i) {
                const auto part = Breakdown::Part(i);
                parts << QStringLiteral("%1 %2").arg(Breakdown::partName(part), ms(b.part(part)));
            }
            table << QStringLiteral("    breakdown of %1 x %2 = %3: %4; largest loss: %5")
                         .arg(b.processes)
                         .arg(ms(b.spanSeconds), ms(b.capacity()), parts.join(QStringLiteral(", ")),
                             Breakdown::partName(b.largestLoss()))
                  << Qt::endl;
        }
    });
    QObject::connect(&experiment, &Experiment::seriesFinished, &experiment, [&](const SweepSeries& s) {
        if (s.jobWorkers > 0)
            labels << QStringLiteral("%1: one %2 job of %3 worker(s) for the whole series; its start-up, %4, was paid "
                                     "once, by the first run; a point's start-up above is the hand-out of its work")
                          .arg(s.label(), isMpi(s.executor) ? QStringLiteral("MPI") : toString(s.executor))
                          .arg(s.jobWorkers)
                          .arg(ms(s.jobStartupSeconds));
        if (s.amdahl.valid())
            labels << QStringLiteral(
                "%1 serial fraction (%2): %3 (least squares over %4 point(s) with p > %7, rms residual %5)%6")
                          .arg(s.amdahl.lawName(), s.label(), QString::number(s.amdahl.serialFraction, 'f', 3))
                          .arg(s.amdahl.points)
                          .arg(ms(s.amdahl.rmsResidual))
                          .arg(s.amdahl.dealers > 0
                                  ? QStringLiteral("; p - %1 processes compute (rank 0 deals)").arg(s.amdahl.dealers)
                                  : QString())
                          .arg(1 + s.amdahl.dealers);
        else
            labels << QStringLiteral("%1 serial fraction (%2): not enough points (needs p = 1 and some p > %3)")
                          .arg(s.amdahl.lawName(), s.label())
                          .arg(1 + s.amdahl.dealers);
    });
    const SweepResult result = experiment.run(spec);
    for (const QString& line : std::as_const(labels))
        table << line << Qt::endl;
    if (!csvFile.isEmpty()) {
        QSaveFile file(csvFile); // all or nothing: never a half-written CSV
        if (!file.open(QIODevice::WriteOnly) || file.write(result.toCsv().toUtf8()) < 0 || !file.commit()) {
            QTextStream(stderr) << "proclab-cli: cannot write " << csvFile << ": " << file.errorString() << Qt::endl;
            return EngineError;
        }
    }
    if (json)
        printJson(result.toJson());
    if (result.outcome != SweepResult::Outcome::Completed) {
        QTextStream(stderr) << "proclab-cli: sweep " << toString(result.outcome) << ": " << result.error << Qt::endl;
        return EngineError;
    }
    bool failed = false;
    bool verified = true;
    for (const SweepSeries& s : result.series) {
        for (const SweepPoint& pt : s.points) {
            failed = failed || pt.failedTasks > 0;
            verified = verified && pt.verified;
        }
    }
    return failed ? TasksFailed : verified ? Ok : VerifyFailed;
}

} // namespace proclab::cli
