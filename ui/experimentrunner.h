#pragma once

// The scaling experiment behind the main window: for p = 1..N processes, run a workload `repeats` times with
// proclab::execute() and report every run and every point (median, min, max) as it lands. execute() blocks,
// so an ExperimentRunner lives on its own QThread and is driven by queued calls; results go back to the GUI
// thread as immutable value structs by queued signals.
//
// Cancellation follows Qt's mandelbrot example: the GUI names the job it wants (setWantedJob); the runner
// checks before every measurement, and execute() polls it during one (the pool is terminated), so a Stop
// takes effect within a few tens of milliseconds.

#include "context.h"
#include "executor.h"
#include "startmethod.h"
#include "workload.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>

namespace proclab {

struct SweepRequest {
    quint64 id = 0; // job id; 0 is never used
    QString workload;
    Params params;
    int maxProcesses = 2; // the sweep runs p = 1..maxProcesses
    ExecutorKind executor = ExecutorKind::Process;
    StartMethod startMethod = StartMethod::Spawn;
    Scheduling scheduling = Scheduling::Dynamic;
    int chunksize = 0; // 0: Python's default
    int repeats = 1; // measurements per point; the point is their median
    bool warmUp = false; // one unrecorded run at p = 1 first
};

// One execute() call.
struct RunReport {
    quint64 job = 0;
    int processes = 0;
    int repeat = 0; // 1-based; 0 for the warm-up run
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
};

// One point of the sweep: all repeats at one number of processes.
struct SweepPoint {
    quint64 job = 0;
    int processes = 0;
    ExecutorKind executor = ExecutorKind::Process;
    QList<double> wallSeconds; // every repeat, in run order
    double median = 0;
    double min = 0;
    double max = 0;
    double startupSeconds = 0; // median over the repeats
    int chunksize = 0;
    bool verified = false; // every repeat verified
    int failedTasks = 0; // over all repeats
    QList<WorkerStat> workers; // of the run closest to the median
};

class ExperimentRunner : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Completed, Stopped, Failed };
    Q_ENUM(Outcome)

    explicit ExperimentRunner(QObject* parent = nullptr);
    ~ExperimentRunner() override;

    // Any thread. Only the job with this id may go on; 0 stops whatever runs, at the next measurement.
    void setWantedJob(quint64 id) { m_wantedJob.store(id); }
    void cancel() { setWantedJob(0); }

    // Runner thread only (invoke it queued). Runs the whole sweep; returns when it is done or no longer wanted.
    void run(const proclab::SweepRequest& request);

    static double median(QList<double> values);

Q_SIGNALS:
    // All emitted on the runner thread.
    void measurementStarted(quint64 job, int processes, int repeat, int repeats);
    void runFinished(const proclab::RunReport& report);
    void pointMeasured(const proclab::SweepPoint& point);
    // Worker output (Context::consoleOutput), re-emitted from the engine's I/O thread with the job id.
    void consoleOutput(quint64 job, const proclab::ConsoleChunk& chunk);
    void sweepFinished(quint64 job, proclab::ExperimentRunner::Outcome outcome, const QString& message);

private:
    bool wanted(quint64 job) const { return m_wantedJob.load() == job; }

    std::atomic<quint64> m_wantedJob { 0 };
};

} // namespace proclab

Q_DECLARE_METATYPE(proclab::SweepRequest)
Q_DECLARE_METATYPE(proclab::RunReport)
Q_DECLARE_METATYPE(proclab::SweepPoint)
