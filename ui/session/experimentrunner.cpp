#include "experimentrunner.h"

#include "base/clock.h"
#include "base/platform.h"
#include "engine/context.h"
#include "sessionlogging.h"

#include <QScopeGuard>
#include <QSet>

#include <QThread>

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>

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

void ExperimentRunner::run(const SweepSpec& spec)
{
    Q_ASSERT(QThread::currentThread() == thread()); // the sweep blocks: never on the GUI thread
    const quint64 job = spec.id;
    if (!wanted(job)) {
        Q_EMIT sweepFinished(job, Outcome::Stopped, {});
        return;
    }
    qCDebug(lcSession) << "sweep" << job << "starts:" << spec.workload << "series" << plannedSeries(spec).size()
                       << "p =" << spec.processes;
    // The sweep itself is the core's (the CLI runs the same); this object re-emits its stream with the job id.
    Experiment experiment;
    // Stop and closing the window interrupt the measurement under way, not only the next one.
    experiment.setCancelCheck([this, id = job] { return !wanted(id); });
    connect(&experiment, &Experiment::measurementStarted, this,
        [this, job](int series, int processes, int repeat, int repeats) {
            Q_EMIT measurementStarted(job, series, processes, repeat, repeats, monotonicNs());
        });
    connect(&experiment, &Experiment::runFinished, this, &ExperimentRunner::runFinished);
    connect(&experiment, &Experiment::pointMeasured, this, &ExperimentRunner::pointMeasured);
    SweepResult result;
    try {
        Context context(spec.startMethod);
        // Emitted on the engine's I/O thread; re-emitted from there, the GUI gets it queued.
        connect(
            &context, &Context::consoleOutput, this,
            [this, job](const ConsoleChunk& chunk) { Q_EMIT consoleOutput(job, chunk); }, Qt::DirectConnection);
        // The events the engine records, handed on for the animation (I/O thread, at frame rate).
        QSet<qint64> named;
        std::mutex namedMutex;
        // The Context outlives these locals and publishes its last events when it goes: nobody may get them.
        const auto unhook = qScopeGuard([&] {
            context.publishEvents(true); // the last measurement's newest events too
            context.disconnect(this);
        });
        connect(
            &context, &Context::eventsAvailable, this,
            [&, job](const EventBatch& batch) {
                {
                    std::lock_guard lock(namedMutex);
                    qint64 last = 0;
                    for (const Event& e : batch) {
                        if (e.pid == last || e.pid <= 0 || e.pid == platform::currentPid())
                            continue;
                        last = e.pid;
                        if (named.contains(e.pid))
                            continue;
                        const QString name = context.processName(pid_t(e.pid));
                        if (name.isEmpty())
                            continue;
                        named.insert(e.pid);
                        Q_EMIT processNamed(job, e.pid, name);
                    }
                }
                Q_EMIT eventsAvailable(job, batch);
            },
            Qt::DirectConnection);
        result = experiment.run(spec, &context);
    } catch (const std::exception& e) {
        result.outcome = SweepResult::Outcome::Failed;
        result.error = QString::fromLocal8Bit(e.what());
    }
    switch (result.outcome) {
    case SweepResult::Outcome::Completed:
        Q_EMIT sweepFinished(job, Outcome::Completed, {});
        break;
    case SweepResult::Outcome::Cancelled:
        qCDebug(lcSession) << "sweep" << job << "stopped";
        Q_EMIT sweepFinished(job, Outcome::Stopped, {});
        break;
    case SweepResult::Outcome::Failed:
        qCWarning(lcSession) << "sweep" << job << "failed:" << result.error;
        Q_EMIT sweepFinished(job, Outcome::Failed, result.error);
        break;
    }
}

} // namespace proclab
