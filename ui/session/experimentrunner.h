#pragma once

// The scaling experiment behind the main window: for every series (executor × chunksize × problem size) and
// every p, run a workload `repeats` times and report every run and every point (median, min, max) as it lands. The
// sweep itself is the core's proclab::Experiment (the one `proclab-cli sweep` runs); this object drives it on its own
// QThread, driven by queued calls, and re-emits its stream with the job id; results go back to the GUI thread as
// immutable value structs by queued signals.
//
// Cancellation follows Qt's mandelbrot example: the GUI names the job it wants (setWantedJob); the runner
// checks before every measurement, and execute() polls it during one (the pool is terminated), so a Stop
// takes effect within a few tens of milliseconds.

#include "content/workload.h"
#include "engine/context.h"
#include "engine/executor.h"
#include "engine/startmethod.h"
#include "lab/experiment.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>

namespace proclab {

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

    // Runner thread only (invoke it queued). Runs the whole sweep (spec.id is the job); returns when it is done or
    // no longer wanted.
    void run(const proclab::SweepSpec& spec);

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
