#include "experimentrunner.h"

#include "context.h"
#include "uilogging.h"

#include <QThread>

#include <algorithm>
#include <cmath>
#include <exception>

namespace proclab {

ExperimentRunner::ExperimentRunner(QObject* parent)
    : QObject(parent)
{
}

ExperimentRunner::~ExperimentRunner() = default;

double ExperimentRunner::median(QList<double> values)
{
    return proclab::median(std::move(values));
}

void ExperimentRunner::run(const SweepRequest& r)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the sweep blocks: never on the GUI thread
    if (!wanted(r.id)) {
        Q_EMIT sweepFinished(r.id, Outcome::Stopped, {});
        return;
    }
    if (!findWorkload(r.workload)) {
        Q_EMIT sweepFinished(r.id, Outcome::Failed, tr("unknown workload '%1'").arg(r.workload));
        return;
    }
    qCDebug(lcUi) << "sweep" << r.id << "starts:" << r.workload << toString(r.executor) << "p = 1 ..."
                  << r.maxProcesses;
    // The sweep itself is the core's (the CLI runs the same); this object re-emits its stream with the job id.
    SweepSpec spec;
    spec.id = r.id;
    spec.workload = r.workload;
    spec.params = r.params;
    spec.processes = SweepSpec::range(1, r.maxProcesses);
    spec.executors = { r.executor };
    spec.chunksizes = { r.chunksize };
    spec.startMethod = r.startMethod;
    spec.scheduling = r.scheduling;
    spec.repeats = r.repeats;
    spec.warmup = r.warmUp ? 1 : 0; // one unrecorded run at p = 1
    spec.warmupFirstPointOnly = true;
    spec.fitMaxProcesses = QThread::idealThreadCount();

    Experiment experiment;
    // Stop and closing the window interrupt the measurement under way, not only the next one.
    experiment.setCancelCheck([this, id = r.id] { return !wanted(id); });
    connect(&experiment, &Experiment::measurementStarted, this, [this, job = r.id](int, int processes, int repeat, int repeats) {
        Q_EMIT measurementStarted(job, processes, repeat, repeats);
    });
    connect(&experiment, &Experiment::runFinished, this, &ExperimentRunner::runFinished);
    connect(&experiment, &Experiment::pointMeasured, this, &ExperimentRunner::pointMeasured);
    SweepResult result;
    try {
        Context context(r.startMethod);
        // Emitted on the engine's I/O thread; re-emitted from there, the GUI gets it queued.
        connect(
            &context, &Context::consoleOutput, this,
            [this, job = r.id](const ConsoleChunk& chunk) { Q_EMIT consoleOutput(job, chunk); }, Qt::DirectConnection);
        result = experiment.run(spec, &context);
    } catch (const std::exception& e) {
        result.outcome = SweepResult::Outcome::Failed;
        result.error = QString::fromLocal8Bit(e.what());
    }
    switch (result.outcome) {
    case SweepResult::Outcome::Completed:
        Q_EMIT sweepFinished(r.id, Outcome::Completed, {});
        break;
    case SweepResult::Outcome::Cancelled:
        qCDebug(lcUi) << "sweep" << r.id << "stopped";
        Q_EMIT sweepFinished(r.id, Outcome::Stopped, {});
        break;
    case SweepResult::Outcome::Failed:
        qCWarning(lcUi) << "sweep" << r.id << "failed:" << result.error;
        Q_EMIT sweepFinished(r.id, Outcome::Failed, result.error);
        break;
    }
}

} // namespace proclab
