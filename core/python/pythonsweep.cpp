#include "pythonsweep.h"

#include "base/event.h"
#include "engine/asyncresult.h"
#include "engine/context.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

#include <map>
#include <mutex>
#include <stdexcept>

namespace proclab {

PythonSweepProgram::PythonSweepProgram(PythonRunOptions options)
    : m_options(std::move(options))
{
}

QString PythonSweepProgram::label() const
{
    return QStringLiteral("python %1").arg(QFileInfo(m_options.script).fileName());
}

QJsonObject PythonSweepProgram::toJson() const
{
    return { { QStringLiteral("kind"), QStringLiteral("python") },
        { QStringLiteral("script"), QFileInfo(m_options.script).absoluteFilePath() },
        { QStringLiteral("arguments"), QJsonArray::fromStringList(m_options.arguments) },
        { QStringLiteral("interpreter"), PythonRun::resolveInterpreter(m_options.interpreter) },
        { QStringLiteral("start_method"),
            m_options.startMethod.isEmpty() ? QStringLiteral("script") : m_options.startMethod } };
}

QString PythonSweepProgram::validate() const
{
    const QFileInfo script(m_options.script);
    if (m_options.script.isEmpty())
        return QStringLiteral("no Python script chosen");
    if (!script.isFile() || !script.isReadable())
        return QStringLiteral("cannot read the Python script %1").arg(m_options.script);
    const QString interpreter = m_options.interpreter.isEmpty() ? QStringLiteral("python3") : m_options.interpreter;
    if (PythonRun::resolveInterpreter(interpreter).isEmpty())
        return QStringLiteral("no Python interpreter '%1' (install python3, or choose a venv's bin/python)")
            .arg(interpreter);
    const QString method = m_options.startMethod;
    if (!method.isEmpty() && method != QLatin1String("fork") && method != QLatin1String("spawn")
        && method != QLatin1String("forkserver"))
        return QStringLiteral("unknown start method '%1' (fork, spawn, forkserver)").arg(method);
    return {};
}

RunReport PythonSweepProgram::measure(int processes, Context& context, const std::function<bool()>& cancelled)
{
    RunReport report;
    report.processes = processes;
    report.executor = ExecutorKind::Process;
    PythonRunOptions options = m_options;
    options.processes = processes;

    PythonRun run;
    std::mutex mutex;
    qint64 readyNs = 0; // the main module starts (the probe's first record of the main process); guarded by mutex
    QSet<qint64> named; // guarded by mutex
    std::map<qint64, qint64> tasks; // tasks each process ended; guarded by mutex
    // The run's events and console go on as the sweep's (its I/O thread; the sweep's followers get them queued),
    // its processes named there as here, its start and tasks noted on the way.
    const Forwarding forwarding = context.forwardFrom(&run.context(), [&](const EventBatch& batch) {
        std::lock_guard lock(mutex);
        for (const Event& e : batch) {
            if (e.kind == EventKind::ProcessReady && e.pid == run.mainPid() && readyNs == 0)
                readyNs = e.tNs;
            if (e.kind == EventKind::TaskEnd)
                ++tasks[e.pid];
            if (e.pid <= 0 || named.contains(e.pid))
                continue;
            const QString name = run.context().processName(pid_t(e.pid));
            if (name.isEmpty())
                continue;
            named.insert(e.pid);
            context.registerProcess(pid_t(e.pid), name);
        }
    });

    QString error;
    if (!run.start(options, &error))
        throw std::runtime_error(error.toStdString());
    while (!run.waitForFinished(20)) {
        if (cancelled()) {
            run.stop(500);
            run.waitForFinished(10'000);
            throw CancelledError();
        }
    }
    run.context().publishEvents(true); // its newest events reach the followers before the next run starts
    std::lock_guard lock(mutex);
    const qint64 start = run.startNs();
    const qint64 ready = readyNs > start ? readyNs : start;
    report.startupSeconds = double(ready - start) / 1e9;
    report.wallSeconds = double(run.endNs() - ready) / 1e9;
    const int code = run.exitCode();
    report.verified = code == 0;
    report.verifyDetail = code == 0 ? QStringLiteral("exit code 0") : QStringLiteral("exit code %1").arg(code);
    if (code != 0)
        report.failures << QStringLiteral("the script ended with exit code %1").arg(code);
    for (const auto& [pid, name] : run.processNames()) {
        if (pid != run.mainPid())
            report.workers.append(WorkerStat { pid, 0, name, tasks[pid], 0, std::nullopt });
    }
    return report;
}

} // namespace proclab
