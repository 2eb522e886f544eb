#include "experimentrunner.h"

#include "context.h"
#include "uilogging.h"

#include <QThread>

#include <algorithm>
#include <cmath>
#include <exception>

namespace proclab {

namespace {

// Runs the workload once and checks the result against the serial reference, as `proclab-cli run` does.
RunReport measureOnce(Context* context, const Workload& w, const SweepRequest& r, const Function& f,
    const QCborArray& inputs, int processes, const std::function<bool()>& cancelled)
{
    ExecOptions options;
    options.executor = r.executor;
    options.workers = processes;
    options.chunksize = r.chunksize;
    options.scheduling = r.scheduling;
    options.cancelled = cancelled;
    const ExecResult result = execute(context, f, inputs, options);

    RunReport report;
    report.job = r.id;
    report.processes = processes;
    report.repeats = r.repeats;
    report.executor = r.executor;
    report.wallSeconds = double(result.wallNs) / 1e9;
    report.startupSeconds = double(result.startupNs) / 1e9;
    report.chunksize = result.chunksize;
    report.workers = result.workers;
    for (const auto& failure : result.failures)
        report.failures.append(failure.second.toString());
    if (result.failures.empty()) {
        const QCborValue reduced = w.reduce(r.params, result.results);
        const Verification v = w.verify(r.params, result.results, reduced);
        report.verified = v.ok;
        report.verifyDetail = v.detail;
        report.summary = w.summary(r.params, reduced);
    } else {
        report.verifyDetail = ExperimentRunner::tr("failed tasks: %1").arg(result.failures.size());
    }
    return report;
}

SweepPoint summarise(const QList<RunReport>& runs)
{
    SweepPoint point;
    const RunReport& first = runs.first();
    point.job = first.job;
    point.processes = first.processes;
    point.executor = first.executor;
    point.chunksize = first.chunksize;
    point.verified = true;
    QList<double> startups;
    for (const RunReport& run : runs) {
        point.wallSeconds.append(run.wallSeconds);
        startups.append(run.startupSeconds);
        point.verified = point.verified && run.verified;
        point.failedTasks += int(run.failures.size());
    }
    point.median = ExperimentRunner::median(point.wallSeconds);
    point.min = *std::min_element(point.wallSeconds.cbegin(), point.wallSeconds.cend());
    point.max = *std::max_element(point.wallSeconds.cbegin(), point.wallSeconds.cend());
    point.startupSeconds = ExperimentRunner::median(startups);
    // The pids shown for the point are those of one real run: the one whose time is closest to the median.
    const auto closest = std::min_element(runs.cbegin(), runs.cend(), [&](const RunReport& a, const RunReport& b) {
        return std::abs(a.wallSeconds - point.median) < std::abs(b.wallSeconds - point.median);
    });
    point.workers = closest->workers;
    return point;
}

} // namespace

ExperimentRunner::ExperimentRunner(QObject* parent)
    : QObject(parent)
{
}

ExperimentRunner::~ExperimentRunner() = default;

double ExperimentRunner::median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

void ExperimentRunner::run(const SweepRequest& r)
{
    Q_ASSERT(QThread::currentThread() == thread()); // execute() blocks: never on the GUI thread
    if (!wanted(r.id)) {
        Q_EMIT sweepFinished(r.id, Outcome::Stopped, {});
        return;
    }
    const Workload* w = findWorkload(r.workload);
    if (!w) {
        Q_EMIT sweepFinished(r.id, Outcome::Failed, tr("unknown workload '%1'").arg(r.workload));
        return;
    }
    qCDebug(lcUi) << "sweep" << r.id << "starts:" << r.workload << toString(r.executor) << "p = 1 ..."
                  << r.maxProcesses;
    try {
        // Both can be slow (spin calibrates its loop on first use), which is why they run here.
        const Function f = w->function(r.params);
        const QCborArray inputs = w->inputs(r.params);

        Context context(r.startMethod);
        // Stop and closing the window interrupt the measurement under way, not only the next one.
        const std::function<bool()> stillWanted = [this, id = r.id] { return !wanted(id); };
        // Emitted on the engine's I/O thread; re-emitted from there, the GUI gets it queued.
        connect(
            &context, &Context::consoleOutput, this,
            [this, job = r.id](const ConsoleChunk& chunk) { Q_EMIT consoleOutput(job, chunk); }, Qt::DirectConnection);

        if (r.warmUp) {
            if (!wanted(r.id)) {
                Q_EMIT sweepFinished(r.id, Outcome::Stopped, {});
                return;
            }
            Q_EMIT measurementStarted(r.id, 1, 0, r.repeats);
            RunReport report = measureOnce(&context, *w, r, f, inputs, 1, stillWanted);
            report.repeat = 0;
            Q_EMIT runFinished(report);
        }
        for (int p = 1; p <= r.maxProcesses; ++p) {
            QList<RunReport> runs;
            for (int k = 1; k <= r.repeats; ++k) {
                if (!wanted(r.id)) {
                    qCDebug(lcUi) << "sweep" << r.id << "stopped before p =" << p << "repeat" << k;
                    Q_EMIT sweepFinished(r.id, Outcome::Stopped, {});
                    return;
                }
                Q_EMIT measurementStarted(r.id, p, k, r.repeats);
                RunReport report = measureOnce(&context, *w, r, f, inputs, p, stillWanted);
                report.repeat = k;
                runs.append(report);
                Q_EMIT runFinished(report);
            }
            Q_EMIT pointMeasured(summarise(runs));
        }
        Q_EMIT sweepFinished(r.id, Outcome::Completed, {});
    } catch (const CancelledError&) {
        qCDebug(lcUi) << "sweep" << r.id << "stopped during a measurement";
        Q_EMIT sweepFinished(r.id, Outcome::Stopped, {});
    } catch (const std::exception& e) {
        qCWarning(lcUi) << "sweep" << r.id << "failed:" << e.what();
        Q_EMIT sweepFinished(r.id, Outcome::Failed, QString::fromLocal8Bit(e.what()));
    }
}

} // namespace proclab
