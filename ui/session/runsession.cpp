#include "runsession.h"

#include "base/clock.h"
#include "base/platform.h"
#include "content/demo.h"
#include "engine/asyncresult.h"
#include "engine/executor.h"
#include "mpi/mpiexecutor.h"
#include "python/pythonrun.h"
#include "sessionlogging.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonValue>
#include <QScopeGuard>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <exception>

namespace proclab {

namespace {

RunOutcome failure(const QString& message)
{
    RunOutcome o;
    o.status = RunOutcome::Status::Failed;
    o.message = message;
    return o;
}

QString kindName(RunRequest::Kind kind)
{
    switch (kind) {
    case RunRequest::Kind::Demo:
        return QStringLiteral("demo");
    case RunRequest::Kind::Python:
        return QStringLiteral("python");
    case RunRequest::Kind::Workload:
        break;
    }
    return QStringLiteral("workload");
}

QString signalText(int exitCode)
{
    if (exitCode >= 0)
        return RunSession::tr("exit code %1").arg(exitCode);
    const char* name = sigabbrev_np(-exitCode);
    return name ? RunSession::tr("killed by SIG%1").arg(QLatin1String(name))
                : RunSession::tr("killed by signal %1").arg(-exitCode);
}

} // namespace

QJsonObject RunRequest::toJson() const
{
    QJsonObject json { { QStringLiteral("kind"), kindName(kind) }, { QStringLiteral("name"), name },
        { QStringLiteral("processes"), processes }, { QStringLiteral("start_method"), toString(startMethod) },
        { QStringLiteral("pace_ms"), double(paceNs) / 1e6 } };
    if (kind == Kind::Python) {
        json.insert(QStringLiteral("script"), script);
        json.insert(QStringLiteral("arguments"), QJsonArray::fromStringList(arguments));
        json.insert(QStringLiteral("interpreter"), interpreter);
        json.insert(QStringLiteral("python_start_method"), pythonStartMethod);
    }
    if (kind == Kind::Workload) {
        QJsonObject paramsJson;
        for (auto it = params.cbegin(); it != params.cend(); ++it)
            paramsJson.insert(it.key(), QJsonValue::fromVariant(it.value()));
        json.insert(QStringLiteral("params"), paramsJson);
        json.insert(QStringLiteral("executor"), toString(executor));
        json.insert(QStringLiteral("scheduling"), toString(scheduling));
        json.insert(QStringLiteral("chunksize"), chunksize);
    }
    return json;
}

RunRequest RunRequest::fromJson(const QJsonObject& json)
{
    RunRequest r;
    const QString kind = json.value(QStringLiteral("kind")).toString();
    r.kind = kind == QLatin1String("demo") ? Kind::Demo
        : kind == QLatin1String("python")  ? Kind::Python
                                           : Kind::Workload;
    r.script = json.value(QStringLiteral("script")).toString();
    for (const QJsonValue& v : json.value(QStringLiteral("arguments")).toArray())
        r.arguments << v.toString();
    r.interpreter = json.value(QStringLiteral("interpreter")).toString();
    r.pythonStartMethod = json.value(QStringLiteral("python_start_method")).toString();
    r.name = json.value(QStringLiteral("name")).toString();
    r.params = json.value(QStringLiteral("params")).toObject().toVariantMap();
    r.processes = json.value(QStringLiteral("processes")).toInt(r.processes);
    r.executor = parseExecutor(json.value(QStringLiteral("executor")).toString()).value_or(r.executor);
    r.startMethod = parseStartMethod(json.value(QStringLiteral("start_method")).toString()).value_or(r.startMethod);
    r.scheduling = parseScheduling(json.value(QStringLiteral("scheduling")).toString()).value_or(r.scheduling);
    r.chunksize = json.value(QStringLiteral("chunksize")).toInt(r.chunksize);
    r.paceNs = qint64(json.value(QStringLiteral("pace_ms")).toDouble() * 1e6);
    return r;
}

QString RunRequest::describe() const
{
    QStringList parts;
    if (kind == Kind::Python) {
        parts << RunSession::tr("python %1").arg(QFileInfo(script).fileName());
        if (!arguments.isEmpty())
            parts << arguments.join(QLatin1Char(' '));
        if (processes > 0)
            parts << RunSession::tr("cpu_count() = %1").arg(processes);
        parts << (pythonStartMethod.isEmpty() ? RunSession::tr("the script's start method") : pythonStartMethod);
        return parts.join(QStringLiteral(" · "));
    }
    if (kind == Kind::Demo) {
        parts << RunSession::tr("demo %1").arg(name) << RunSession::tr("%1 processes").arg(processes)
              << toString(startMethod);
    } else {
        QStringList values;
        if (const Workload* w = findWorkload(name)) {
            for (const ParamSpec& spec : w->params())
                values << spec.name + QLatin1Char('=') + params.value(spec.name).toString();
        }
        parts << QStringLiteral("%1 (%2)").arg(name, values.join(QStringLiteral(", ")))
              << RunSession::tr("%1 × %2").arg(processes).arg(toString(executor));
        if (executor == ExecutorKind::Process)
            parts << toString(startMethod);
        if (executor != ExecutorKind::Serial)
            parts << toString(scheduling)
                  << (chunksize > 0 ? RunSession::tr("chunksize %1").arg(chunksize) : RunSession::tr("chunksize auto"));
    }
    if (paceNs > 0)
        parts << RunSession::tr("pace %1 ms").arg(double(paceNs) / 1e6);
    return parts.join(QStringLiteral(" · "));
}

RunSession::RunSession(const RunRequest& request, QObject* parent)
    : QObject(parent)
    , m_request(request)
    , m_stopTimer(new QTimer(this))
{
    qRegisterMetaType<proclab::RunOutcome>();
    qRegisterMetaType<proclab::EventBatch>();
    qRegisterMetaType<proclab::ConsoleChunk>();
    qRegisterMetaType<proclab::ProcessError>();
    m_stopTimer->setInterval(20);
    connect(m_stopTimer, &QTimer::timeout, this, &RunSession::killAllWorkers);
}

RunSession::~RunSession()
{
    if (m_thread) {
        stop();
        // The demo's blocking calls fail once its workers are gone; keep killing until it returns.
        while (!m_thread->wait(20))
            killAllWorkers();
        delete m_thread;
    }
    if (m_python) { // its last events would reach a half-destroyed session
        m_python->context().disconnect(this);
        m_python.reset();
    }
}

qint64 RunSession::enginePid() const
{
    const qint64 python = m_pythonPid.load();
    return python > 0 ? python : platform::currentPid();
}

void RunSession::start()
{
    Q_ASSERT(!m_thread);
    if (m_request.kind == RunRequest::Kind::Python)
        startPython();
    m_running = true;
    m_thread = QThread::create([this] { runInThread(); });
    m_thread->setObjectName(QStringLiteral("proclab-run"));
    connect(m_thread, &QThread::finished, this, &RunSession::onThreadFinished);
    m_thread->start();
}

void RunSession::stop()
{
    if (!m_running || m_stop.exchange(true))
        return;
    qCDebug(lcSession) << "run stopping:" << m_request.describe();
    if (m_python) {
        m_python->stop(1000); // SIGTERM to the script's process group, SIGKILL a second later
        return;
    }
    if (m_request.kind == RunRequest::Kind::Demo) {
        {
            std::lock_guard lock(m_mutex);
            if (m_context)
                m_context->requestStop(tr("the run was stopped"));
        }
        killAllWorkers();
        m_stopTimer->start(); // processes the demo starts meanwhile go too
    }
}

QSet<qint64> RunSession::processes() const
{
    std::lock_guard lock(m_mutex);
    return m_named;
}

bool RunSession::killWorker(qint64 pid, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_running)
        return fail(tr("no run is under way"));
    {
        std::lock_guard lock(m_mutex);
        if (!m_named.contains(pid))
            return fail(tr("process %1 was not started by this run").arg(pid));
        if (m_exited.contains(pid))
            return fail(tr("process %1 has already exited").arg(pid));
    }
    if (m_python) {
        if (!m_python->killProcess(pid))
            return fail(tr("process %1 is not a live process of the script").arg(pid));
        qCDebug(lcSession) << "SIGKILL sent to" << pid;
        return true;
    }
    if (pid == enginePid())
        return fail(tr("process %1 is ProcLab itself").arg(pid));
    if (::kill(pid_t(pid), SIGKILL) != 0)
        return fail(tr("process %1: %2").arg(pid).arg(QString::fromLocal8Bit(strerror(errno))));
    qCDebug(lcSession) << "SIGKILL sent to" << pid;
    return true;
}

void RunSession::killAllWorkers()
{
    QSet<qint64> alive;
    {
        std::lock_guard lock(m_mutex);
        alive = m_named - m_exited;
    }
    for (qint64 pid : std::as_const(alive)) {
        if (pid != enginePid() && platform::isAlive(pid_t(pid)))
            ::kill(pid_t(pid), SIGKILL);
    }
}

void RunSession::nameNewProcesses(Context& context, const QList<qint64>& pids)
{
    for (qint64 pid : pids) {
        if (pid <= 0 || pid == enginePid()) // the main process is named when the run starts
            continue;
        QString name;
        {
            std::lock_guard lock(m_mutex);
            if (m_named.contains(pid))
                continue;
            name = context.processName(pid_t(pid));
            if (name.isEmpty())
                continue; // not one of ours
            m_named.insert(pid);
        }
        Q_EMIT processNamed(pid, name);
    }
}

void RunSession::hook(Context& context)
{
    // Both are emitted on the engine's I/O thread (the demo's own prints on this one); the owner gets
    // them queued, in this order.
    connect(
        &context, &Context::eventsAvailable, this,
        [this, &context](const EventBatch& batch) {
            QList<qint64> pids;
            for (const Event& e : batch) {
                if (pids.isEmpty() || pids.constLast() != e.pid)
                    pids << e.pid; // runs of one pid are common: cheap to skip
                if (e.kind == EventKind::ProcessExit || e.kind == EventKind::ProcessFailed) {
                    std::lock_guard lock(m_mutex);
                    m_exited.insert(e.pid);
                }
            }
            nameNewProcesses(context, pids);
            Q_EMIT eventsAvailable(batch);
        },
        Qt::DirectConnection);
    connect(
        &context, &Context::processRaised, this,
        [this](qint64 pid, const ProcessError& error) { Q_EMIT processRaised(pid, error); }, Qt::DirectConnection);
    connect(
        &context, &Context::consoleOutput, this,
        [this, &context](const ConsoleChunk& chunk) {
            nameNewProcesses(context, { chunk.pid });
            Q_EMIT consoleOutput(chunk);
        },
        Qt::DirectConnection);
}

void RunSession::startPython()
{
    m_python = std::make_unique<PythonRun>();
    // Its events and console come on its own I/O thread, as a Context's do: the same path as ProcLab's runs.
    hook(m_python->context());
    PythonRunOptions options;
    options.script = m_request.script;
    options.arguments = m_request.arguments;
    options.interpreter = m_request.interpreter;
    options.startMethod = m_request.pythonStartMethod;
    options.processes = m_request.processes;
    if (!m_python->start(options, &m_pythonError)) {
        if (m_pythonError.isEmpty())
            m_pythonError = tr("the script could not start");
        return;
    }
    std::lock_guard lock(m_mutex);
    m_pythonPid = m_python->mainPid();
    m_named.insert(m_pythonPid.load()); // named "MainProcess" by the controller, as ProcLab's main process is
}

RunOutcome RunSession::runPython()
{
    RunOutcome outcome;
    if (!m_pythonError.isEmpty())
        return failure(m_pythonError);
    while (!m_python->waitForFinished(50)) {
        // stop() signals the process group itself; nothing to poll but the end.
    }
    m_python->context().publishEvents(true);
    outcome.exitCode = m_python->exitCode();
    const qint64 wall = m_python->endNs() - m_python->startNs();
    outcome.wallNs = wall;
    const QString version = m_python->pythonVersion();
    outcome.summary = tr("Python %1 · %2 · %3 processes")
                          .arg(version.isEmpty() ? tr("(version unknown)") : version, signalText(outcome.exitCode))
                          .arg(m_python->processNames().size());
    const QStringList notes = m_python->notes();
    if (outcome.exitCode != 0) {
        outcome.status = RunOutcome::Status::Failed;
        outcome.message = tr("the script ended: %1").arg(signalText(outcome.exitCode));
    }
    if (!notes.isEmpty())
        outcome.verifyDetail = notes.join(QStringLiteral("; "));
    return outcome;
}

void RunSession::runInThread()
{
    RunOutcome outcome;
    const qint64 t0 = monotonicNs();
    if (m_request.kind == RunRequest::Kind::Python) {
        outcome = runPython();
        if (m_stop.load() && outcome.status != RunOutcome::Status::Ok) {
            outcome.status = RunOutcome::Status::Stopped;
            outcome.message.clear();
        }
        if (outcome.wallNs <= 0)
            outcome.wallNs = monotonicNs() - t0;
        m_outcome = outcome;
        return;
    }
    try {
        Context context(m_request.startMethod);
        {
            std::lock_guard lock(m_mutex);
            m_context = &context;
        }
        const auto forget = qScopeGuard([this] {
            std::lock_guard lock(m_mutex);
            m_context = nullptr;
        });
        // The player keeps what it replays; the Context need not keep a second copy of every event.
        context.events().setRecording(false);
        Q_EMIT processNamed(enginePid(), QStringLiteral("MainProcess"));
        hook(context);
        outcome = m_request.kind == RunRequest::Kind::Demo ? runDemo(context) : runWorkload(context);
    } catch (const CancelledError&) {
        outcome.status = RunOutcome::Status::Stopped;
    } catch (const std::exception& e) {
        outcome.status = RunOutcome::Status::Failed;
        outcome.message = QString::fromLocal8Bit(e.what());
    }
    // The Context is gone: every process it started has been reaped, its last events drained.
    if (m_stop.load()) { // whatever broke when the workers were killed, the user stopped it
        outcome.status = RunOutcome::Status::Stopped;
        outcome.message.clear();
    }
    outcome.wallNs = monotonicNs() - t0;
    m_outcome = outcome;
}

RunOutcome RunSession::runWorkload(Context& context)
{
    RunOutcome outcome;
    const Workload* w = findWorkload(m_request.name);
    if (!w)
        return failure(tr("unknown workload '%1'").arg(m_request.name));
    const Params& params = m_request.params;
    if (const QString problem = w->validate(params); !problem.isEmpty())
        return failure(problem);
    const ExecOptions options { m_request.executor, m_request.processes, m_request.chunksize, m_request.scheduling,
        m_request.paceNs, [this] { return m_stop.load(); }, w->serialPart(params) };
    const auto finished = qScopeGuard([&] { w->finish(params); }); // stopped or failed runs too
    const ExecResult r = w->run(&context, params, w->inputs(params), options);
    if (isMpi(m_request.executor)) {
        if (const auto mpiRun = lastMpiRun()) { // this thread's run, just ended
            for (const MpiRunResult::LostRank& l : mpiRun->lost)
                outcome.notes << (l.task >= 0
                        ? tr("Rank %1 on %2 (pid %3) died in task %4; rank 0 dealt its chunk again (survive mode).")
                              .arg(l.rank)
                              .arg(l.host)
                              .arg(l.pid)
                              .arg(l.task)
                        : tr("Rank %1 on %2 (pid %3) died; rank 0 went on without it (survive mode).")
                              .arg(l.rank)
                              .arg(l.host)
                              .arg(l.pid));
        }
    }
    if (!r.failures.empty()) {
        outcome.status = RunOutcome::Status::Failed;
        outcome.message = tr("%1 of %2 tasks failed: %3")
                              .arg(r.failures.size())
                              .arg(r.results.size())
                              .arg(r.failures.begin()->second.message);
        return outcome;
    }
    const QCborValue reduced = w->reduce(params, r.results);
    const Verification v = w->verify(params, r.results, reduced);
    outcome.summary = w->summary(params, reduced);
    outcome.verified = v.ok;
    outcome.verifyDetail = v.detail;
    return outcome;
}

RunOutcome RunSession::runDemo(Context& context)
{
    const Demo* demo = findDemo(m_request.name);
    if (!demo)
        return failure(tr("unknown demo '%1'").arg(m_request.name));
    const DemoOptions options { m_request.processes, m_request.startMethod, m_request.paceNs };
    // The main process's prints go on the shared console too (recorded as events), between the workers'
    // lines in the order they happened, as a terminal shows a Python program and its children.
    DemoOutput out([&context](const QByteArray& text) {
        context.publishConsole({ monotonicNs(), platform::currentPid(), 1, text });
    });
    RunOutcome outcome;
    outcome.exitCode = demo->run(context, options, out);
    if (outcome.exitCode != demo->expectedExitCode()) {
        outcome.status = RunOutcome::Status::Failed;
        outcome.message = tr("the demo ended with exit code %1").arg(outcome.exitCode);
    }
    return outcome;
}

void RunSession::onThreadFinished()
{
    m_stopTimer->stop();
    m_running = false;
    qCDebug(lcSession) << "run finished:" << m_request.describe() << int(m_outcome.status) << m_outcome.message;
    Q_EMIT finished(m_outcome);
}

} // namespace proclab
