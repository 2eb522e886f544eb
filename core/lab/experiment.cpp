#include "lab/experiment.h"

#include "engine/asyncresult.h"
#include "engine/context.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMap>
#include <QSaveFile>
#include <QScopeGuard>

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <memory>

namespace proclab {

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}
double numberOf(const QJsonValue& v)
{
    return v.isDouble() ? v.toDouble() : qQNaN();
}

QString csvNumber(double v)
{
    return std::isfinite(v) ? QLocale::c().toString(v, 'g', QLocale::FloatingPointShortest) : QString();
}

double csvDouble(const QString& s, bool* ok)
{
    if (s.trimmed().isEmpty()) {
        *ok = true;
        return qQNaN();
    }
    return QLocale::c().toDouble(s.trimmed(), ok);
}

QList<double> numbersOf(const QJsonValue& v)
{
    QList<double> out;
    for (const auto& x : v.toArray())
        out.append(x.toDouble());
    return out;
}

QJsonArray jsonArray(const QList<double>& values)
{
    QJsonArray a;
    for (double v : values)
        a.append(v);
    return a;
}

// A CSV line split at commas outside double quotes.
QStringList splitCsv(const QString& line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (const QChar c : line) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (c == QLatin1Char(',') && !quoted) {
            fields << field;
            field.clear();
        } else
            field += c;
    }
    fields << field;
    return fields;
}

// Runs the workload once and checks the result against the serial reference, as `proclab-cli run` does.
RunReport measureOnce(Context* context, const Workload& w, const SweepSpec& spec, const Params& params,
    const SweepSeries& series, int processes, const std::function<bool()>& cancelled)
{
    ExecOptions options;
    options.executor = series.executor;
    options.workers = processes;
    options.chunksize = series.chunksize;
    options.scheduling = spec.scheduling;
    options.paceNs = spec.paceNs;
    options.cancelled = cancelled;
    options.serialPart = w.serialPart(params);
    const auto finished = qScopeGuard([&] { w.finish(params); }); // cancelled or failed runs too
    // Inputs are made anew for every run: some workloads put them in shared memory that their verify releases.
    const ExecResult result = w.run(context, params, w.inputs(params), options);
    // The engine recorded the run's events anyway: they go out to whoever animates the sweep, and the breakdown is
    // computed from them, after the timed region. The log starts empty for the next run.
    context->publishEvents(true);
    const EventBatch events = context->events().snapshot();
    context->events().clear();

    RunReport report;
    report.job = spec.id;
    report.series = series.index;
    report.processes = processes;
    report.repeats = spec.repeats;
    report.executor = series.executor;
    report.wallSeconds = double(result.wallNs) / 1e9;
    report.startupSeconds = double(result.startupNs) / 1e9;
    report.chunksize = result.chunksize;
    report.workers = result.workers;
    report.breakdown = computeBreakdown(
        events, { processes, result.poolStartNs, result.timedStartNs, result.timedStartNs + result.wallNs });
    for (const auto& failure : result.failures)
        report.failures.append(failure.second.toString());
    if (result.failures.empty()) {
        const QCborValue reduced = w.reduce(params, result.results);
        const Verification v = w.verify(params, result.results, reduced);
        report.verified = v.ok;
        report.verifyDetail = v.detail;
        report.summary = w.summary(params, reduced);
    } else {
        report.verifyDetail = QStringLiteral("failed tasks: %1").arg(result.failures.size());
    }
    return report;
}

} // namespace

QList<int> SweepSpec::range(int first, int last)
{
    QList<int> r;
    for (int p = first; p <= last; ++p)
        r.append(p);
    return r;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

double karpFlatt(double speedup, int processes)
{
    if (processes <= 1 || !(speedup > 0))
        return qQNaN();
    const double p = processes;
    return (1 / speedup - 1 / p) / (1 - 1 / p);
}

namespace {
// T1 (the time at p = 1) into `fit`; false when there is none to fit against.
bool findT1(const QList<std::pair<int, double>>& times, AmdahlFit* fit)
{
    for (const auto& [p, t] : times) {
        if (p == 1)
            fit->t1 = t;
    }
    return fit->t1 > 0;
}

// The fit's root-mean-square residual over the points it was fitted to.
void setResidual(
    const QList<std::pair<int, double>>& times, const std::function<bool(int, double)>& counted, AmdahlFit* fit)
{
    double squares = 0;
    for (const auto& [p, t] : times) {
        if (!counted(p, t))
            continue;
        const double r = t - fit->predict(p);
        squares += r * r;
    }
    fit->rmsResidual = std::sqrt(squares / fit->points);
}
} // namespace

AmdahlFit fitAmdahl(const QList<std::pair<int, double>>& times, int maxProcesses, int dealers)
{
    AmdahlFit fit;
    fit.dealers = std::max(0, dealers);
    if (!findT1(times, &fit))
        return fit;
    const auto counted
        = [&](int p, double) { return fit.computing(p) >= 2 && (maxProcesses <= 0 || p <= maxProcesses); };
    double num = 0;
    double den = 0;
    for (const auto& [p, t] : times) {
        if (!counted(p, t))
            continue;
        const double w = fit.computing(p);
        const double a = fit.t1 * (1.0 - 1.0 / w);
        const double b = t - fit.t1 / w;
        num += a * b;
        den += a * a;
        ++fit.points;
    }
    if (fit.points == 0 || !(den > 0))
        return fit;
    fit.serialFraction = std::clamp(num / den, 0.0, 1.0);
    setResidual(times, counted, &fit);
    return fit;
}

AmdahlFit fitGustafson(const QList<std::pair<int, double>>& times, int maxProcesses)
{
    AmdahlFit fit;
    fit.law = AmdahlFit::Law::Gustafson;
    if (!findT1(times, &fit))
        return fit;
    const auto counted = [&](int p, double t) { return p >= 2 && (maxProcesses <= 0 || p <= maxProcesses) && t > 0; };
    double num = 0;
    double den = 0;
    for (const auto& [p, t] : times) {
        if (!counted(p, t))
            continue;
        const double scaled = p * fit.t1 / t; // Gustafson's scaled speedup
        num += (p - scaled) * (p - 1);
        den += double(p - 1) * (p - 1);
        ++fit.points;
    }
    if (fit.points == 0)
        return fit;
    fit.serialFraction = std::clamp(num / den, 0.0, 1.0);
    setResidual(times, counted, &fit);
    return fit;
}

QString AmdahlFit::lawName() const
{
    return law == Law::Amdahl ? QStringLiteral("Amdahl") : QStringLiteral("Gustafson");
}

QString SweepSeries::label() const
{
    if (!program.isEmpty())
        return program;
    QString s = toString(executor);
    if (chunksize > 0)
        s += QStringLiteral(", chunksize %1").arg(chunksize);
    if (!size.isEmpty())
        s += QStringLiteral(", ") + size;
    if (!weak.isEmpty())
        s += QStringLiteral(", weak: ") + weak;
    return s;
}

QList<SweepSeries> plannedSeries(const SweepSpec& spec)
{
    if (spec.program) {
        SweepSeries s;
        s.program = spec.program->label();
        return { s };
    }
    // No size dimension is one series per executor × chunksize with the params as they are.
    const QStringList sizes = spec.sizeValues.isEmpty() ? QStringList { QString() } : spec.sizeValues;
    const Workload* w = spec.weakParam.isEmpty() ? nullptr : findWorkload(spec.workload);
    const QString weak = w ? weakLaw(*w, spec.weakParam) : QString();
    QList<SweepSeries> out;
    for (ExecutorKind executor : spec.executors) {
        for (int chunksize : spec.chunksizes) {
            for (const QString& size : sizes) {
                SweepSeries s;
                s.index = int(out.size());
                s.executor = executor;
                s.chunksize = chunksize;
                if (!size.isEmpty())
                    s.size = spec.sizeParam + QLatin1Char('=') + size;
                s.weak = weak;
                out.append(s);
            }
        }
    }
    return out;
}

std::optional<Params> sizedParams(
    const Workload& w, const Params& params, const QString& key, const QString& value, QString* error)
{
    Params parsed;
    if (!parseParams(w, { key + QLatin1Char('=') + value }, &parsed, error))
        return std::nullopt;
    Params out = params;
    out.insert(key, parsed.value(key));
    return out;
}

QString weakLaw(const Workload& w, const QString& key)
{
    const auto spec = w.param(key);
    if (!spec || !(spec->workExponent > 0))
        return {};
    const double e = spec->workExponent;
    if (e == 1)
        return QStringLiteral("%1 × p").arg(key);
    return QStringLiteral("%1 × p^(1/%2)").arg(key, QString::number(e, 'g', 3));
}

std::optional<Params> weakParams(
    const Workload& w, const Params& params, const QString& key, int processes, QString* error)
{
    const auto spec = w.param(key);
    if (!spec || !(spec->workExponent > 0)) {
        QStringList sizes;
        for (const ParamSpec& s : w.params()) {
            if (s.workExponent > 0)
                sizes << s.name;
        }
        *error = QStringLiteral("%1 does not set the size of %2's work: weak scaling can grow %3")
                     .arg(key, w.name(),
                         sizes.isEmpty() ? QStringLiteral("none of its parameters") : sizes.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const double base = params.value(key, spec->defaultValue).toDouble();
    const double grown = base * std::pow(double(processes), 1.0 / spec->workExponent);
    const QString value = spec->type == ParamSpec::Type::Int ? QString::number(qint64(std::llround(grown)))
                                                             : QString::number(grown, 'g', 12);
    QString why;
    auto out = sizedParams(w, params, key, value, &why);
    if (!out)
        *error = QStringLiteral("weak scaling at p = %1: %2").arg(processes).arg(why);
    return out;
}

QString toString(SweepResult::Outcome o)
{
    switch (o) {
    case SweepResult::Outcome::Completed:
        return QStringLiteral("completed");
    case SweepResult::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case SweepResult::Outcome::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

SweepPoint summarise(const QList<RunReport>& runs)
{
    SweepPoint point;
    if (runs.isEmpty())
        return point;
    const RunReport& first = runs.first();
    point.job = first.job;
    point.series = first.series;
    point.processes = first.processes;
    point.executor = first.executor;
    point.chunksize = first.chunksize;
    point.verified = true;
    for (const RunReport& run : runs) {
        point.wallSeconds.append(run.wallSeconds);
        point.startupRuns.append(run.startupSeconds);
        point.verified = point.verified && run.verified;
        point.failedTasks += int(run.failures.size());
    }
    point.median = median(point.wallSeconds);
    point.min = *std::min_element(point.wallSeconds.cbegin(), point.wallSeconds.cend());
    point.max = *std::max_element(point.wallSeconds.cbegin(), point.wallSeconds.cend());
    point.startupSeconds = median(point.startupRuns);
    // The pids shown for the point are those of one real run: the one whose time is closest to the median.
    const auto closest = std::min_element(runs.cbegin(), runs.cend(), [&](const RunReport& a, const RunReport& b) {
        return std::abs(a.wallSeconds - point.median) < std::abs(b.wallSeconds - point.median);
    });
    point.workers = closest->workers;
    point.breakdown = closest->breakdown;
    return point;
}

namespace {

// Speedup, efficiency and Karp–Flatt of `point` against T1 (0: unknown); under weak scaling the scaled speedup and
// the weak efficiency (see the top of experiment.h).
void derive(SweepPoint* point, double t1, bool weak)
{
    if (weak && t1 > 0 && point->median > 0) {
        point->efficiency = t1 / point->median;
        point->speedup = point->processes * point->efficiency;
        point->karpFlatt = qQNaN();
    } else if (t1 > 0 && point->median > 0) {
        point->speedup = t1 / point->median;
        point->efficiency = point->speedup / point->processes;
        point->karpFlatt = karpFlatt(point->speedup, point->processes);
    } else {
        point->speedup = point->efficiency = point->karpFlatt = qQNaN();
    }
}

double baseline(const SweepSeries& s)
{
    for (const SweepPoint& p : s.points) {
        if (p.processes == 1)
            return p.median;
    }
    return 0;
}

void recomputeSeries(SweepSeries* s, int fitMaxProcesses)
{
    const double t1 = baseline(*s);
    QList<std::pair<int, double>> times;
    const bool weak = !s->weak.isEmpty();
    for (SweepPoint& p : s->points) {
        derive(&p, t1, weak);
        times.append({ p.processes, p.median });
    }
    // An MPI farm's rank 0 deals and computes nothing once it has ranks to deal to (app/mpiworker/rank.cpp).
    s->amdahl = weak ? fitGustafson(times, fitMaxProcesses)
                     : fitAmdahl(times, fitMaxProcesses, s->executor == ExecutorKind::MpiFarm ? 1 : 0);
}

} // namespace

void SweepResult::recompute()
{
    for (SweepSeries& s : series)
        recomputeSeries(&s, spec.fitMaxProcesses);
}

void insertWorkerUsage(QJsonObject* o, const std::optional<platform::ProcessUsage>& u)
{
    // Measured or null, never estimated: "source" says which ("rusage": the kernel's count at the reaping).
    o->insert(QStringLiteral("cpu_s"), u ? QJsonValue(double(u->userUs + u->systemUs) / 1e6) : QJsonValue());
    o->insert(QStringLiteral("voluntary_switches"), u ? QJsonValue(u->voluntarySwitches) : QJsonValue());
    o->insert(QStringLiteral("involuntary_switches"), u ? QJsonValue(u->involuntarySwitches) : QJsonValue());
    o->insert(QStringLiteral("peak_rss_kib"), u ? QJsonValue(u->peakRssKib) : QJsonValue());
    o->insert(QStringLiteral("source"), u ? QJsonValue(QStringLiteral("rusage")) : QJsonValue());
}

std::optional<platform::ProcessUsage> workerUsageFromJson(const QJsonObject& o)
{
    if (o.value(QStringLiteral("source")).toString() != QLatin1String("rusage"))
        return std::nullopt;
    platform::ProcessUsage u;
    // CPU time is written in seconds: user and system are not told apart any more, all of it counts as user.
    u.userUs = qint64(std::llround(o.value(QStringLiteral("cpu_s")).toDouble() * 1e6));
    u.voluntarySwitches = o.value(QStringLiteral("voluntary_switches")).toInteger();
    u.involuntarySwitches = o.value(QStringLiteral("involuntary_switches")).toInteger();
    u.peakRssKib = o.value(QStringLiteral("peak_rss_kib")).toInteger();
    return u;
}

QJsonObject SweepResult::toJson() const
{
    QJsonObject params;
    for (auto it = spec.params.begin(); it != spec.params.end(); ++it)
        params.insert(it.key(), QJsonValue::fromVariant(it.value()));
    QJsonArray processes;
    for (int p : spec.processes)
        processes.append(p);
    QJsonArray executors;
    for (ExecutorKind e : spec.executors)
        executors.append(toString(e));
    QJsonArray chunksizes;
    for (int c : spec.chunksizes)
        chunksizes.append(c);
    QJsonObject specJson { { QStringLiteral("workload"), spec.workload }, { QStringLiteral("params"), params },
        { QStringLiteral("processes"), processes }, { QStringLiteral("executors"), executors },
        { QStringLiteral("chunksizes"), chunksizes }, { QStringLiteral("start_method"), toString(spec.startMethod) },
        { QStringLiteral("scheduling"), toString(spec.scheduling) },
        { QStringLiteral("pace_ms"), double(spec.paceNs) / 1e6 }, { QStringLiteral("repeats"), spec.repeats },
        { QStringLiteral("warmup"), spec.warmup },
        { QStringLiteral("warmup_first_point_only"), spec.warmupFirstPointOnly },
        { QStringLiteral("fit_max_processes"), spec.fitMaxProcesses } };
    if (spec.program)
        specJson.insert(QStringLiteral("program"), spec.program->toJson());
    if (!spec.sizeValues.isEmpty()) {
        specJson.insert(QStringLiteral("size_param"), spec.sizeParam);
        specJson.insert(QStringLiteral("size_values"), QJsonArray::fromStringList(spec.sizeValues));
    }
    specJson.insert(
        QStringLiteral("scaling"), spec.weakParam.isEmpty() ? QStringLiteral("strong") : QStringLiteral("weak"));
    if (!spec.weakParam.isEmpty())
        specJson.insert(QStringLiteral("weak_param"), spec.weakParam);
    QJsonArray seriesJson;
    for (const SweepSeries& s : series) {
        QJsonArray points;
        for (const SweepPoint& p : s.points) {
            QJsonArray workers;
            for (const WorkerStat& w : p.workers) {
                QJsonObject wo { { QStringLiteral("pid"), w.pid }, { QStringLiteral("name"), w.name },
                    { QStringLiteral("tasks"), w.tasks } };
                if (w.tid)
                    wo.insert(QStringLiteral("tid"), w.tid);
                insertWorkerUsage(&wo, w.usage);
                workers.append(wo);
            }
            QJsonObject po { { QStringLiteral("processes"), p.processes }, { QStringLiteral("chunksize"), p.chunksize },
                { QStringLiteral("median_s"), p.median }, { QStringLiteral("min_s"), p.min },
                { QStringLiteral("max_s"), p.max }, { QStringLiteral("startup_s"), p.startupSeconds },
                { QStringLiteral("speedup"), number(p.speedup) },
                { QStringLiteral("efficiency"), number(p.efficiency) },
                { QStringLiteral("karp_flatt"), number(p.karpFlatt) }, { QStringLiteral("verified"), p.verified },
                { QStringLiteral("failed_tasks"), p.failedTasks },
                { QStringLiteral("runs_s"), jsonArray(p.wallSeconds) },
                { QStringLiteral("startup_runs_s"), jsonArray(p.startupRuns) }, { QStringLiteral("workers"), workers },
                { QStringLiteral("breakdown"),
                    p.breakdown.valid() ? QJsonValue(p.breakdown.toJson()) : QJsonValue(QJsonValue::Null) } };
            if (!p.size.isEmpty())
                po.insert(QStringLiteral("size"), p.size);
            points.append(po);
        }
        const bool gustafson = s.amdahl.law == AmdahlFit::Law::Gustafson;
        const QJsonObject fit { { QStringLiteral("serial_fraction"),
                                    s.amdahl.valid() ? QJsonValue(s.amdahl.serialFraction)
                                                     : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("t1_s"), s.amdahl.t1 }, { QStringLiteral("points"), s.amdahl.points },
            { QStringLiteral("rms_residual_s"), s.amdahl.rmsResidual }, { QStringLiteral("dealers"), s.amdahl.dealers },
            { QStringLiteral("method"),
                gustafson ? QStringLiteral("least squares on scaled speedup, S(p) = p - s (p - 1), T1 fixed")
                    : s.amdahl.dealers
                    ? QStringLiteral("least squares on wall time, T(p) = T1 (f + (1 - f) / w), "
                                     "w = p - %1 computing processes (p > 1), T1 fixed")
                          .arg(s.amdahl.dealers)
                    : QStringLiteral("least squares on wall time, T(p) = T1 (f + (1 - f) / p), T1 fixed") } };
        // A weak series is fitted by Gustafson's law, under its own key: readers of "amdahl" do not take it for
        // Amdahl's serial fraction.
        QJsonObject so { { QStringLiteral("index"), s.index }, { QStringLiteral("label"), s.label() },
            { QStringLiteral("executor"), toString(s.executor) }, { QStringLiteral("chunksize"), s.chunksize },
            { QStringLiteral("points"), points },
            { gustafson ? QStringLiteral("gustafson") : QStringLiteral("amdahl"), fit } };
        if (!s.weak.isEmpty())
            so.insert(QStringLiteral("weak"), s.weak);
        if (s.jobWorkers > 0) // one job for the series: its start-up was paid once
            so.insert(QStringLiteral("job"),
                QJsonObject { { QStringLiteral("workers"), s.jobWorkers },
                    { QStringLiteral("startup_s"), s.jobStartupSeconds },
                    { QStringLiteral("method"),
                        QStringLiteral("one job for the series, started by its first run; each point runs on as many "
                                       "of its workers as it asks for, its startup_s being the hand-out of its "
                                       "work") } });
        if (!s.size.isEmpty())
            so.insert(QStringLiteral("size"), s.size);
        if (!s.program.isEmpty())
            so.insert(QStringLiteral("program"), s.program);
        seriesJson.append(so);
    }
    QJsonObject o { { QStringLiteral("format"), QStringLiteral("proclab-sweep") }, { QStringLiteral("version"), 1 },
        { QStringLiteral("spec"), specJson }, { QStringLiteral("series"), seriesJson },
        { QStringLiteral("outcome"), toString(outcome) } };
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

std::optional<SweepResult> SweepResult::fromJson(const QJsonObject& o, QString* error)
{
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("proclab-sweep")
        || o.value(QStringLiteral("version")).toInt() != 1) {
        *error = QStringLiteral("not a proclab-sweep version 1 document");
        return std::nullopt;
    }
    SweepResult r;
    const QJsonObject s = o.value(QStringLiteral("spec")).toObject();
    r.spec.workload = s.value(QStringLiteral("workload")).toString();
    r.spec.params = s.value(QStringLiteral("params")).toObject().toVariantMap();
    r.spec.processes.clear();
    for (const auto& v : s.value(QStringLiteral("processes")).toArray())
        r.spec.processes.append(v.toInt());
    r.spec.executors.clear();
    for (const auto& v : s.value(QStringLiteral("executors")).toArray()) {
        const auto e = parseExecutor(v.toString());
        if (!e) {
            *error = QStringLiteral("unknown executor '%1'").arg(v.toString());
            return std::nullopt;
        }
        r.spec.executors.append(*e);
    }
    r.spec.chunksizes.clear();
    for (const auto& v : s.value(QStringLiteral("chunksizes")).toArray())
        r.spec.chunksizes.append(v.toInt());
    r.spec.startMethod
        = parseStartMethod(s.value(QStringLiteral("start_method")).toString()).value_or(DefaultStartMethod);
    r.spec.scheduling = parseScheduling(s.value(QStringLiteral("scheduling")).toString()).value_or(Scheduling::Dynamic);
    r.spec.paceNs = qint64(s.value(QStringLiteral("pace_ms")).toDouble() * 1e6);
    r.spec.repeats = s.value(QStringLiteral("repeats")).toInt(1);
    r.spec.warmup = s.value(QStringLiteral("warmup")).toInt();
    r.spec.warmupFirstPointOnly = s.value(QStringLiteral("warmup_first_point_only")).toBool();
    r.spec.fitMaxProcesses = s.value(QStringLiteral("fit_max_processes")).toInt();
    r.spec.sizeParam = s.value(QStringLiteral("size_param")).toString();
    for (const auto& v : s.value(QStringLiteral("size_values")).toArray())
        r.spec.sizeValues.append(v.toString());
    r.spec.weakParam = s.value(QStringLiteral("weak_param")).toString();
    for (const auto& sv : o.value(QStringLiteral("series")).toArray()) {
        const QJsonObject so = sv.toObject();
        SweepSeries series;
        series.index = so.value(QStringLiteral("index")).toInt();
        const auto e = parseExecutor(so.value(QStringLiteral("executor")).toString());
        if (!e) {
            *error = QStringLiteral("series %1: unknown executor").arg(series.index);
            return std::nullopt;
        }
        series.executor = *e;
        series.chunksize = so.value(QStringLiteral("chunksize")).toInt();
        series.size = so.value(QStringLiteral("size")).toString();
        series.program = so.value(QStringLiteral("program")).toString();
        series.weak = so.value(QStringLiteral("weak")).toString();
        const QJsonObject job = so.value(QStringLiteral("job")).toObject(); // absent: a job per run
        series.jobWorkers = std::max(0, job.value(QStringLiteral("workers")).toInt());
        series.jobStartupSeconds = job.value(QStringLiteral("startup_s")).toDouble();
        for (const auto& pv : so.value(QStringLiteral("points")).toArray()) {
            const QJsonObject po = pv.toObject();
            SweepPoint p;
            p.series = series.index;
            p.executor = series.executor;
            p.processes = po.value(QStringLiteral("processes")).toInt();
            p.chunksize = po.value(QStringLiteral("chunksize")).toInt();
            p.median = po.value(QStringLiteral("median_s")).toDouble();
            p.min = po.value(QStringLiteral("min_s")).toDouble();
            p.max = po.value(QStringLiteral("max_s")).toDouble();
            p.startupSeconds = po.value(QStringLiteral("startup_s")).toDouble();
            p.speedup = numberOf(po.value(QStringLiteral("speedup")));
            p.efficiency = numberOf(po.value(QStringLiteral("efficiency")));
            p.karpFlatt = numberOf(po.value(QStringLiteral("karp_flatt")));
            p.verified = po.value(QStringLiteral("verified")).toBool();
            p.failedTasks = po.value(QStringLiteral("failed_tasks")).toInt();
            p.wallSeconds = numbersOf(po.value(QStringLiteral("runs_s")));
            p.startupRuns = numbersOf(po.value(QStringLiteral("startup_runs_s")));
            for (const auto& wv : po.value(QStringLiteral("workers")).toArray()) {
                const QJsonObject wo = wv.toObject();
                p.workers.append({ qint64(wo.value(QStringLiteral("pid")).toDouble()),
                    qint64(wo.value(QStringLiteral("tid")).toDouble()), wo.value(QStringLiteral("name")).toString(),
                    qint64(wo.value(QStringLiteral("tasks")).toDouble()), 0, workerUsageFromJson(wo) });
            }
            p.breakdown = Breakdown::fromJson(po.value(QStringLiteral("breakdown")).toObject());
            p.size = po.value(QStringLiteral("size")).toString();
            if (p.processes < 1) {
                *error = QStringLiteral("series %1: a point without processes").arg(series.index);
                return std::nullopt;
            }
            series.points.append(p);
        }
        const bool gustafson = so.contains(QStringLiteral("gustafson"));
        const QJsonObject ao = so.value(gustafson ? QStringLiteral("gustafson") : QStringLiteral("amdahl")).toObject();
        series.amdahl.law = gustafson ? AmdahlFit::Law::Gustafson : AmdahlFit::Law::Amdahl;
        series.amdahl.serialFraction = ao.value(QStringLiteral("serial_fraction")).toDouble(-1);
        series.amdahl.t1 = ao.value(QStringLiteral("t1_s")).toDouble();
        series.amdahl.points = ao.value(QStringLiteral("points")).toInt();
        series.amdahl.rmsResidual = ao.value(QStringLiteral("rms_residual_s")).toDouble();
        series.amdahl.dealers = std::max(0, ao.value(QStringLiteral("dealers")).toInt()); // absent before: 0
        r.series.append(series);
    }
    const QString outcome = o.value(QStringLiteral("outcome")).toString();
    r.outcome = outcome == QLatin1String("cancelled") ? Outcome::Cancelled
        : outcome == QLatin1String("failed")          ? Outcome::Failed
                                                      : Outcome::Completed;
    r.error = o.value(QStringLiteral("error")).toString();
    return r;
}

namespace {
const char* const CsvHeader = "series,executor,chunksize,processes,median_s,min_s,max_s,startup_s,speedup,efficiency,"
                              "karp_flatt,verified,failed_tasks,runs_s,startup_runs_s";
const char* const CsvSizeColumn = ",size"; // since the problem size became a sweep dimension

QString joined(const QList<double>& values)
{
    QStringList parts;
    for (double v : values)
        parts << csvNumber(v);
    return parts.join(QLatin1Char(' '));
}
} // namespace

QString SweepResult::toCsv() const
{
    QString csv = QLatin1String(CsvHeader) + QLatin1String(CsvSizeColumn) + QLatin1Char('\n');
    for (const SweepSeries& s : series) {
        for (const SweepPoint& p : s.points) {
            csv += QStringList { QString::number(s.index), toString(s.executor), QString::number(s.chunksize),
                QString::number(p.processes), csvNumber(p.median), csvNumber(p.min), csvNumber(p.max),
                csvNumber(p.startupSeconds), csvNumber(p.speedup), csvNumber(p.efficiency), csvNumber(p.karpFlatt),
                p.verified ? QStringLiteral("yes") : QStringLiteral("no"), QString::number(p.failedTasks),
                QLatin1Char('"') + joined(p.wallSeconds) + QLatin1Char('"'),
                QLatin1Char('"') + joined(p.startupRuns) + QLatin1Char('"'), p.size.isEmpty() ? s.size : p.size }
                       .join(QLatin1Char(','))
                + QLatin1Char('\n');
        }
    }
    for (const SweepSeries& s : series) {
        if (!s.weak.isEmpty())
            csv += QStringLiteral("# weak series %1: %2\n").arg(s.index).arg(s.weak);
    }
    for (const SweepSeries& s : series) {
        csv += QStringLiteral("# %1 series %2 (%3): serial_fraction %4, t1_s %5, points %6\n")
                   .arg(s.amdahl.lawName().toLower())
                   .arg(s.index)
                   .arg(s.label(), s.amdahl.valid() ? csvNumber(s.amdahl.serialFraction) : QStringLiteral("none"),
                       csvNumber(s.amdahl.t1))
                   .arg(s.amdahl.points);
    }
    return csv;
}

std::optional<SweepResult> SweepResult::fromCsv(const QString& csv, QString* error)
{
    const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString header = lines.isEmpty() ? QString() : lines.first().trimmed();
    const bool withSize = header == QLatin1String(CsvHeader) + QLatin1String(CsvSizeColumn);
    if (!withSize && header != QLatin1String(CsvHeader)) {
        *error = QStringLiteral("not a proclab sweep CSV (the header differs)");
        return std::nullopt;
    }
    const int fields = withSize ? 16 : 15;
    SweepResult r;
    QMap<int, QString> weakLaws; // "# weak series" rows: series index -> how its problem grew
    r.spec.executors.clear();
    r.spec.chunksizes.clear();
    r.spec.processes.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.startsWith(QLatin1String("# weak series "))) {
            const QString rest = line.mid(14);
            weakLaws.insert(rest.section(QLatin1Char(':'), 0, 0).toInt(), rest.section(QLatin1String(": "), 1));
            continue;
        }
        if (line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList f = splitCsv(line);
        if (f.size() != fields) {
            *error = QStringLiteral("line %1: %2 fields instead of %3").arg(i + 1).arg(f.size()).arg(fields);
            return std::nullopt;
        }
        bool ok = true;
        const auto need = [&](bool good) { ok = ok && good; };
        bool o1 = false;
        bool o2 = false;
        bool o3 = false;
        const int index = f.at(0).toInt(&o1);
        const auto executor = parseExecutor(f.at(1));
        const int chunksize = f.at(2).toInt(&o2);
        SweepPoint p;
        p.processes = f.at(3).toInt(&o3);
        need(o1 && o2 && o3 && executor.has_value() && p.processes >= 1);
        const auto num = [&](int column) {
            bool good = false;
            const double v = csvDouble(f.at(column), &good);
            need(good);
            return v;
        };
        const auto list = [&](int column) {
            QList<double> values;
            for (const QString& x : f.at(column).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                bool good = false;
                values.append(csvDouble(x, &good));
                need(good);
            }
            return values;
        };
        p.median = num(4);
        p.min = num(5);
        p.max = num(6);
        p.startupSeconds = num(7);
        p.speedup = num(8);
        p.efficiency = num(9);
        p.karpFlatt = num(10);
        p.verified = f.at(11) == QLatin1String("yes");
        bool o4 = false;
        p.failedTasks = f.at(12).toInt(&o4);
        need(o4);
        p.wallSeconds = list(13);
        p.startupRuns = list(14);
        if (!ok) {
            *error = QStringLiteral("line %1: a field is not what it should be").arg(i + 1);
            return std::nullopt;
        }
        p.series = index;
        p.executor = *executor;
        p.chunksize = 0; // the CSV keeps the requested chunksize per series
        p.size = withSize ? f.at(15) : QString();
        auto it
            = std::find_if(r.series.begin(), r.series.end(), [&](const SweepSeries& s) { return s.index == index; });
        if (it == r.series.end()) {
            SweepSeries s;
            s.index = index;
            s.executor = *executor;
            s.chunksize = chunksize;
            s.size = withSize ? f.at(15) : QString();
            r.series.append(s);
            it = r.series.end() - 1;
            if (!r.spec.executors.contains(*executor))
                r.spec.executors.append(*executor);
            if (!r.spec.chunksizes.contains(chunksize))
                r.spec.chunksizes.append(chunksize);
        }
        if (!r.spec.processes.contains(p.processes))
            r.spec.processes.append(p.processes);
        it->points.append(p);
    }
    std::sort(r.spec.processes.begin(), r.spec.processes.end());
    for (SweepSeries& s : r.series) {
        // A weak series' size column holds each point's grown size, not a size of the series.
        s.weak = weakLaws.value(s.index);
        if (!s.weak.isEmpty()) {
            r.spec.weakParam = s.weak.section(QLatin1Char(' '), 0, 0);
            s.size.clear();
        }
        for (SweepPoint& p : s.points) {
            if (s.weak.isEmpty())
                p.size.clear();
        }
    }
    r.recompute();
    return r;
}

bool SweepResult::save(const QString& fileName, QString* error) const
{
    const bool json = QFileInfo(fileName).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    file.write(json ? QJsonDocument(toJson()).toJson(QJsonDocument::Indented) : toCsv().toUtf8());
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

Experiment::Experiment(QObject* parent)
    : QObject(parent)
{
}

Experiment::~Experiment() = default;

bool Experiment::isCancelled() const
{
    return m_cancelled.load() || (m_check && m_check());
}

QString Experiment::validate(const SweepSpec& spec)
{
    const Workload* w = findWorkload(spec.workload);
    if (!w && !spec.program)
        return QStringLiteral("unknown workload '%1'").arg(spec.workload);
    if (spec.processes.isEmpty())
        return QStringLiteral("no numbers of processes to measure");
    for (qsizetype i = 0; i < spec.processes.size(); ++i) {
        if (spec.processes.at(i) < 1 || spec.processes.at(i) > 1024)
            return QStringLiteral("numbers of processes must be from 1 to 1024");
        if (i > 0 && spec.processes.at(i) <= spec.processes.at(i - 1))
            return QStringLiteral("numbers of processes must ascend");
    }
    if (spec.executors.isEmpty() || spec.chunksizes.isEmpty())
        return QStringLiteral("no executor or no chunksize to measure");
    for (int c : spec.chunksizes) {
        if (c < 0)
            return QStringLiteral("a chunksize must be positive (0: Python's default)");
    }
    if (spec.repeats < 1 || spec.repeats > 1000 || spec.warmup < 0 || spec.warmup > 100)
        return QStringLiteral("repeats must be 1..1000 and warm-up runs 0..100");
    if (spec.program && !spec.weakParam.isEmpty())
        return QStringLiteral("weak scaling grows a workload's parameter: a program decides its own size");
    if (spec.program)
        return spec.program->validate();
    if (!spec.weakParam.isEmpty()) {
        // Every series' problem, grown to the largest p, must still be a valid one.
        const QStringList bases = spec.sizeValues.isEmpty() ? QStringList { QString() } : spec.sizeValues;
        for (const QString& base : bases) {
            QString error;
            auto params = base.isEmpty() ? std::optional<Params>(spec.params)
                                         : sizedParams(*w, spec.params, spec.sizeParam, base, &error);
            if (params)
                params = weakParams(*w, *params, spec.weakParam, spec.processes.last(), &error);
            if (!params)
                return error;
        }
    }
    for (const QString& value : spec.sizeValues) {
        QString error;
        const auto params = sizedParams(*w, spec.params, spec.sizeParam, value, &error);
        if (!params)
            return QStringLiteral("problem size: %1").arg(error);
        if (const QString e = w->validate(*params); !e.isEmpty())
            return QStringLiteral("%1=%2: %3").arg(spec.sizeParam, value, e);
    }
    return w->validate(spec.params);
}

SweepResult Experiment::run(const SweepSpec& spec, Context* context)
{
    m_cancelled.store(false);
    SweepResult result;
    result.spec = spec;
    const auto finish = [&](SweepResult::Outcome outcome, const QString& error) {
        result.outcome = outcome;
        result.error = error;
        result.recompute();
        Q_EMIT finished(result);
        return result;
    };
    if (const QString e = validate(spec); !e.isEmpty())
        return finish(SweepResult::Outcome::Failed, e);
    const Workload* w = findWorkload(spec.workload);
    const std::function<bool()> cancelled = [this] { return isCancelled(); };
    try {
        std::unique_ptr<Context> own;
        if (!context) {
            own = std::make_unique<Context>(spec.startMethod);
            context = own.get();
        }
        // The events are recorded: each run's breakdown (and the window's animation) reads them, and the log is
        // cleared after every run, so it holds one measurement at a time.
        for (const SweepSeries& planned : plannedSeries(spec)) {
            result.series.append(planned);
            SweepSeries& s = result.series.last();
            Params params = spec.params;
            std::optional<ExecutorSeries> executorSeries; // made below, once the series' parameters are known
            const int largestP
                = spec.processes.isEmpty() ? 0 : *std::max_element(spec.processes.cbegin(), spec.processes.cend());
            const auto measure = [&](int p) {
                if (!spec.program) {
                    RunReport report = measureOnce(context, *w, spec, params, s, p, cancelled);
                    if (executorSeries && executorSeries->keepsWorkers() && s.jobWorkers == 0) {
                        s.jobWorkers = largestP;
                        s.jobStartupSeconds = report.startupSeconds; // the first run started the workers
                    }
                    return report;
                }
                RunReport report = spec.program->measure(p, *context, cancelled);
                report.job = spec.id;
                report.series = s.index;
                report.processes = p;
                report.repeats = spec.repeats;
                return report;
            };
            if (!spec.program && !s.size.isEmpty()) {
                QString error;
                const auto sized
                    = sizedParams(*w, spec.params, spec.sizeParam, s.size.section(QLatin1Char('='), 1), &error);
                if (!sized) // validate() has checked every value
                    return finish(SweepResult::Outcome::Failed, error);
                params = *sized;
            }
            if (!spec.program)
                (void)w->function(params); // slow at first use (spin calibrates its loop): not inside a measurement
            const Params seriesParams = params;
            // The series' points run one after another here: an executor that can keep its workers between them
            // does (MPI: one mpirun for the series, each point on as many of its ranks as it asks for). Their exits,
            // when the series ends, are published then.
            if (!spec.program && largestP > 0)
                executorSeries.emplace(s.executor, context, largestP);
            const auto endSeries = qScopeGuard([&] {
                if (executorSeries && executorSeries->keepsWorkers()) {
                    executorSeries.reset();
                    context->publishEvents(true);
                    context->events().clear();
                }
            });
            bool firstPoint = true;
            for (int p : spec.processes) {
                const int warmups = spec.warmupFirstPointOnly && !firstPoint ? 0 : spec.warmup;
                firstPoint = false;
                if (!s.weak.isEmpty()) { // the problem grows with p
                    QString error;
                    const auto grown = weakParams(*w, seriesParams, spec.weakParam, p, &error);
                    if (!grown) // validate() has checked the largest p
                        return finish(SweepResult::Outcome::Failed, error);
                    params = *grown;
                    (void)w->function(params);
                }
                for (int k = 0; k < warmups; ++k) {
                    if (isCancelled())
                        return finish(SweepResult::Outcome::Cancelled, {});
                    Q_EMIT measurementStarted(s.index, p, 0, spec.repeats);
                    RunReport report = measure(p);
                    report.repeat = 0;
                    Q_EMIT runFinished(report);
                }
                QList<RunReport> runs;
                for (int k = 1; k <= spec.repeats; ++k) {
                    if (isCancelled())
                        return finish(SweepResult::Outcome::Cancelled, {});
                    Q_EMIT measurementStarted(s.index, p, k, spec.repeats);
                    RunReport report = measure(p);
                    report.repeat = k;
                    runs.append(report);
                    Q_EMIT runFinished(report);
                }
                s.points.append(summarise(runs));
                if (!s.weak.isEmpty())
                    s.points.last().size = spec.weakParam + QLatin1Char('=') + params.value(spec.weakParam).toString();
                recomputeSeries(&s, spec.fitMaxProcesses);
                Q_EMIT pointMeasured(s.points.last());
            }
            Q_EMIT seriesFinished(s);
        }
    } catch (const CancelledError&) {
        return finish(SweepResult::Outcome::Cancelled, {});
    } catch (const std::exception& e) {
        return finish(SweepResult::Outcome::Failed, QString::fromLocal8Bit(e.what()));
    }
    return finish(SweepResult::Outcome::Completed, {});
}

} // namespace proclab
