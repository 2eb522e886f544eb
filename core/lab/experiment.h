#pragma once

// Scaling experiments: a sweep over the number of processes (one series per executor × chunksize × problem
// size), with
// warm-up runs and repeats at every point. Each point reports wall time (median, min, max), pool start-up
// (median), speedup, efficiency and the Karp–Flatt metric; each series gets an Amdahl serial fraction fitted
// by least squares. The GUI and `proclab-cli sweep` both run this.
//
// The Amdahl fit: T(p) = T1 · (f + (1 - f) / p) with T1 fixed to the series' measured median at p = 1;
// least squares on the wall times (not on speedups) over the points with 1 < p <= maxProcesses, i.e.
// minimise Σ (T(p) - T1/p - f · T1 (1 - 1/p))², which is linear in f: f = Σ a·b / Σ a² with a = T1 (1 - 1/p),
// b = T(p) - T1/p. f is clamped to [0, 1].
//
// Weak scaling (SweepSpec::weakParam): the problem grows with p so that each process has the work it had at p = 1;
// the ideal is a flat wall time. A point's efficiency is then T1 / T(p), its scaled speedup p · T1 / T(p)
// (Gustafson's), its Karp–Flatt metric unknown; the series' fit is Gustafson's law instead of Amdahl's,
// S(p) = p - s (p - 1), least squares on the scaled speedups over 1 < p <= maxProcesses: s = Σ (p - S)(p - 1) /
// Σ (p - 1)², clamped to [0, 1] (its wall time T(p) = T1 · p / S(p): the serial part grows with the problem).

#include "content/workload.h"
#include "engine/executor.h"
#include "engine/startmethod.h"
#include "lab/breakdown.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QtNumeric>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace proclab {

class Context;
struct RunReport;

// A program measured instead of a workload: a student's own Python script (core/python/pythonsweep.h). A sweep
// with a program has one series, the program's runs at each p; its workload, executors, chunksizes and sizes are
// not used.
class SweepProgram {
public:
    virtual ~SweepProgram() = default;
    virtual QString label() const = 0; // the series' name, "python my_pi.py"
    virtual QJsonObject toJson() const = 0; // what a saved sweep records about it
    virtual QString validate() const = 0; // why it cannot run, for people; empty when it can
    // One measured run with `processes` processes. Its events, console and process names go to `context` (the
    // sweep's, which whoever animates the sweep follows), as the engine's own would. Polls `cancelled` and throws
    // CancelledError once it is true (the program is stopped first).
    virtual RunReport measure(int processes, Context& context, const std::function<bool()>& cancelled) = 0;
};

// What to measure.
struct SweepSpec {
    quint64 id = 0; // copied into every report and point (the GUI's job id)
    QString workload;
    Params params;
    QList<int> processes { 1, 2 }; // ascending; speedups need p = 1
    QList<ExecutorKind> executors { ExecutorKind::Process }; // one series per executor × chunksize
    QList<int> chunksizes { 0 }; // 0: Python's default
    // The problem size as a sweep dimension: a workload parameter and the values it takes, one series per value
    // (after executors and chunksizes). sizeValues empty: every series uses params as they are.
    QString sizeParam;
    QStringList sizeValues; // as typed on a command line: "128", "256"
    StartMethod startMethod = DefaultStartMethod;
    Scheduling scheduling = Scheduling::Dynamic;
    qint64 paceNs = 0;
    int repeats = 1; // measured runs per point; the point is their median
    int warmup = 0; // unrecorded runs before the measured ones...
    bool warmupFirstPointOnly = false; // ...at every point, or only before each series' first point
    int fitMaxProcesses = 0; // the Amdahl fit uses points with p <= this; 0: all points
    // Weak scaling: this parameter (one with ParamSpec::workExponent > 0) grows with p, from its value in the series'
    // params at p = 1 to v · p^(1 / workExponent), rounded for an integer, so the work per process stays the same:
    // pi's samples × p, matmul's n × ∛p. Empty: strong scaling, the problem is the same at every p.
    QString weakParam;
    std::shared_ptr<SweepProgram> program; // set: the program is measured, not the workload

    static QList<int> range(int first, int last); // first..last
};

// One execute() call.
struct RunReport {
    quint64 job = 0;
    int series = 0;
    int processes = 0;
    int repeat = 0; // 1-based; 0 for a warm-up run
    int repeats = 0;
    ExecutorKind executor = ExecutorKind::Process;
    double wallSeconds = 0;
    double startupSeconds = 0;
    int chunksize = 0;
    bool verified = false;
    QString verifyDetail;
    QString summary; // the workload's one-line result, empty when tasks failed
    QStringList failures; // TaskFailure::toString() of each failed task
    QList<WorkerStat> workers;
    Breakdown breakdown; // where p × (start-up + wall) went, from the run's events (invalid without pool events)
};

// All measured runs at one number of processes in one series. Derived metrics are NaN when unknown (no p = 1
// point in the series; Karp–Flatt at p = 1).
struct SweepPoint {
    quint64 job = 0;
    int series = 0;
    int processes = 0;
    ExecutorKind executor = ExecutorKind::Process;
    int chunksize = 0; // as used (after Python's default was applied)
    QList<double> wallSeconds; // every measured repeat, in run order
    QList<double> startupRuns; // the start-up of every measured repeat
    double median = 0;
    double min = 0;
    double max = 0;
    double startupSeconds = 0; // median over the repeats
    double speedup = qQNaN(); // T1 / Tp, T1 of the same series
    double efficiency = qQNaN(); // speedup / p
    double karpFlatt = qQNaN(); // (1/S - 1/p) / (1 - 1/p), p > 1
    bool verified = false; // every repeat verified
    int failedTasks = 0; // over all repeats
    QList<WorkerStat> workers; // of the run closest to the median
    Breakdown breakdown; // of the run closest to the median
    QString size; // weak scaling: the grown parameter at this p, "n=813"; empty otherwise
};

// Amdahl's law fitted to a strong-scaling series, or Gustafson's to a weak one (see the top of this file).
struct AmdahlFit {
    enum class Law { Amdahl, Gustafson };
    Law law = Law::Amdahl;
    double serialFraction = -1; // in [0, 1]; -1 when there is nothing to fit (no p = 1, or no p > 1)
    double t1 = 0; // seconds, the fixed T1
    int points = 0; // points with p > 1 that entered the fit
    double rmsResidual = 0; // seconds
    // Processes that only deal the work out once there are others to take it: an MPI farm's rank 0 for p > 1. Amdahl's
    // law then counts the processes that compute, p − dealers (at least 1); p = 1 computes alone.
    int dealers = 0;
    bool valid() const { return serialFraction >= 0; }
    double computing(double p) const { return p > 1 ? std::max(1.0, p - dealers) : p; }
    // The wall time the law gives at p.
    double predict(double p) const
    {
        return law == Law::Amdahl ? t1 * (serialFraction + (1 - serialFraction) / computing(p))
                                  : t1 * p / (p - serialFraction * (p - 1));
    }
    QString lawName() const; // "Amdahl", "Gustafson"
};

// A worker's usage as run --json and sweep --json write it: cpu_s (user + system), voluntary_switches,
// involuntary_switches, peak_rss_kib and "source": "rusage" (the kernel's count when the worker was reaped), each
// null when nothing was measured (threads, MPI ranks, a Python program's processes).
void insertWorkerUsage(QJsonObject* worker, const std::optional<platform::ProcessUsage>& usage);
// The reverse: none when the object has no measured usage.
std::optional<platform::ProcessUsage> workerUsageFromJson(const QJsonObject& worker);

// (processes, seconds) pairs; p = 1 gives T1. See the top of this file.
// `dealers` as in AmdahlFit: the points where only one process computes (an MPI farm at p = 2) say nothing of the
// serial fraction and are left out.
AmdahlFit fitAmdahl(const QList<std::pair<int, double>>& times, int maxProcesses = 0, int dealers = 0);
// The same pairs from a weak-scaling series.
AmdahlFit fitGustafson(const QList<std::pair<int, double>>& times, int maxProcesses = 0);
double median(QList<double> values);
double karpFlatt(double speedup, int processes); // NaN for p <= 1 or speedup <= 0

struct SweepSeries {
    int index = 0;
    ExecutorKind executor = ExecutorKind::Process;
    int chunksize = 0; // as requested (0: Python's default)
    QString size; // "n=256": the series' problem size; empty when the sweep has no size dimension
    QString program; // a program's series: its label ("python my_pi.py"); empty for a workload's
    QString weak; // weak scaling: how the problem grows, "n × p^(1/3)"; empty for strong scaling
    QList<SweepPoint> points;
    // The series kept its workers between points (ExecutorSeries; MPI: one mpirun job for the series): how many it
    // started, and their start-up, paid once by the series' first run (warm-up included). A later point's start-up
    // is the hand-out of its work. 0: a job per run.
    int jobWorkers = 0;
    double jobStartupSeconds = 0;
    AmdahlFit amdahl; // Gustafson's law in a weak-scaling series
    // "process", "thread, chunksize 4", "process, n=256", "mpi-spmd, weak: samples × p", or the program's.
    QString label() const;
};

// The series a sweep measures, empty, in the order it measures them (what the GUI draws before any point lands).
QList<SweepSeries> plannedSeries(const SweepSpec& spec);
// `params` with the size parameter set to `value`, checked as `--set key=value` is; nullopt and a message if bad.
std::optional<Params> sizedParams(
    const Workload& w, const Params& params, const QString& key, const QString& value, QString* error);
// Weak scaling: `params` with `key` grown for p processes (SweepSpec::weakParam), checked; nullopt and a message if
// the parameter does not size the problem or its grown value is out of range.
std::optional<Params> weakParams(
    const Workload& w, const Params& params, const QString& key, int processes, QString* error);
// How `key` grows under weak scaling, for people: "samples × p", "n × p^(1/3)"; empty if it does not size the work.
QString weakLaw(const Workload& w, const QString& key);

struct SweepResult {
    enum class Outcome { Completed, Cancelled, Failed };
    SweepSpec spec;
    QList<SweepSeries> series;
    Outcome outcome = Outcome::Completed;
    QString error;

    // Speedup, efficiency, Karp–Flatt and the Amdahl fit of every series from the points' medians.
    void recompute();

    QJsonObject toJson() const;
    static std::optional<SweepResult> fromJson(const QJsonObject& o, QString* error);
    // One row per point: series,executor,chunksize,processes,median_s,min_s,max_s,startup_s,speedup,efficiency,
    // karp_flatt,verified,failed_tasks,runs_s (space-separated),startup_runs_s,size; then "# amdahl" comment rows.
    // fromCsv also reads the older files without the size column.
    QString toCsv() const;
    static std::optional<SweepResult> fromCsv(const QString& csv, QString* error);
    bool save(const QString& fileName, QString* error) const; // .csv or .json by suffix
};

QString toString(SweepResult::Outcome o);

// Derives a point's statistics from its runs (all at one p, one series).
SweepPoint summarise(const QList<RunReport>& runs);

// Runs a sweep, blocking, on the calling thread; signals are emitted there (consoleOutput excepted, see Context).
// Streams: measurementStarted → runFinished per run, pointMeasured per point, seriesFinished, finished.
class Experiment : public QObject {
    Q_OBJECT
public:
    explicit Experiment(QObject* parent = nullptr);
    ~Experiment() override;

    // Any thread, while run() runs (run() clears it when it starts). Stops the sweep at the next poll: between
    // runs, and every 20 ms during one (the pool is terminated); run() then reports Outcome::Cancelled.
    void cancel() { m_cancelled.store(true); }
    // Also polled; e.g. "is this job still wanted".
    void setCancelCheck(std::function<bool()> check) { m_check = std::move(check); }
    bool isCancelled() const;

    // Validates (unknown workload, bad params, empty lists): an error message, empty when fine.
    static QString validate(const SweepSpec& spec);
    // Runs it. With `context` null a Context with spec.startMethod is made for the sweep.
    SweepResult run(const SweepSpec& spec, Context* context = nullptr);

Q_SIGNALS:
    void measurementStarted(int series, int processes, int repeat, int repeats);
    void runFinished(const proclab::RunReport& report);
    void pointMeasured(const proclab::SweepPoint& point);
    void seriesFinished(const proclab::SweepSeries& series);
    void finished(const proclab::SweepResult& result);

private:
    std::atomic<bool> m_cancelled { false };
    std::function<bool()> m_check;
};

} // namespace proclab

Q_DECLARE_METATYPE(proclab::SweepSpec)
Q_DECLARE_METATYPE(proclab::RunReport)
Q_DECLARE_METATYPE(proclab::SweepPoint)
Q_DECLARE_METATYPE(proclab::SweepSeries)
Q_DECLARE_METATYPE(proclab::SweepResult)
