// proclab-cli python FILE [-- ARGS]: a student's own CPython program, run for real under ProcLab's Python probe.

#include "common.h"

#include "base/platform.h"
#include "engine/context.h"
#include "lab/trace.h"
#include "python/pythonrun.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonObject>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <mutex>
#include <set>

namespace proclab::cli {

namespace {

// What the run's events say, for the summary.
struct Summary {
    qint64 processes = 0, exited = 0, failed = 0;
    qint64 submitted = 0, started = 0, ended = 0, raised = 0, lost = 0, cancelled = 0;
    qint64 puts = 0, gets = 0, getWaits = 0;
    qint64 holds = 0, lockWaits = 0;
    qint64 sends = 0, recvs = 0;
    qint64 shared = 0, managerCalls = 0, syncs = 0;
    qint64 writes = 0;
    std::set<qint64> writers;
    std::map<qint64, qint64> exitCodes;

    explicit Summary(const EventBatch& events)
    {
        for (const Event& e : events) {
            switch (e.kind) {
            case EventKind::ProcessSpawn:
                ++processes;
                break;
            case EventKind::ProcessExit:
                ++exited;
                exitCodes[e.pid] = e.value;
                break;
            case EventKind::ProcessFailed:
                ++failed;
                break;
            case EventKind::TaskSubmit:
                ++submitted;
                break;
            case EventKind::TaskStart:
                ++started;
                break;
            case EventKind::TaskEnd:
                ++ended;
                raised += e.value != 0;
                break;
            case EventKind::TaskLost:
                ++lost;
                break;
            case EventKind::TaskCancel:
                ++cancelled;
                break;
            case EventKind::QueuePut:
                ++puts;
                break;
            case EventKind::QueueGet:
                ++gets;
                break;
            case EventKind::QueueGetWait:
                getWaits += e.value == 0;
                break;
            case EventKind::LockAcquire:
                ++holds;
                break;
            case EventKind::LockWait:
                lockWaits += e.value != -1;
                break;
            case EventKind::PipeSend:
                ++sends;
                break;
            case EventKind::PipeRecv:
                ++recvs;
                break;
            case EventKind::SharedRead:
            case EventKind::SharedWrite:
                ++shared;
                break;
            case EventKind::ManagerCall:
                ++managerCalls;
                break;
            case EventKind::EventSet:
            case EventKind::EventWait:
            case EventKind::ConditionWait:
            case EventKind::ConditionNotify:
            case EventKind::BarrierArrive:
                ++syncs;
                break;
            case EventKind::ConsoleLine:
                ++writes;
                writers.insert(e.pid);
                break;
            default:
                break;
            }
        }
    }

    QJsonObject json() const
    {
        return { { QStringLiteral("processes"), processes }, { QStringLiteral("processes_failed"), failed },
            { QStringLiteral("tasks_submitted"), submitted }, { QStringLiteral("tasks_started"), started },
            { QStringLiteral("tasks_ended"), ended }, { QStringLiteral("tasks_raised"), raised },
            { QStringLiteral("tasks_lost"), lost }, { QStringLiteral("tasks_cancelled"), cancelled },
            { QStringLiteral("queue_puts"), puts }, { QStringLiteral("queue_gets"), gets },
            { QStringLiteral("lock_holds"), holds }, { QStringLiteral("lock_waits"), lockWaits },
            { QStringLiteral("pipe_sends"), sends }, { QStringLiteral("pipe_receives"), recvs },
            { QStringLiteral("shared_accesses"), shared }, { QStringLiteral("manager_calls"), managerCalls },
            { QStringLiteral("sync_events"), syncs }, { QStringLiteral("console_writes"), writes },
            { QStringLiteral("console_writers"), qint64(writers.size()) } };
    }
};

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int)
{
    g_interrupted = 1;
}

} // namespace

int cmdPython(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({ QStringLiteral("python"), QStringLiteral("interpreter"), QStringLiteral("INTERP") });
    p.addOption({ QStringLiteral("start-method"), QStringLiteral("start method"), QStringLiteral("M") });
    p.addOption(
        { { QStringLiteral("p"), QStringLiteral("processes") }, QStringLiteral("processes"), QStringLiteral("N") });
    p.addOption({ QStringLiteral("trace"), QStringLiteral("Chrome trace"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("save"), QStringLiteral("recorded run"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("JSON output") });
    p.addOption({ { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("help") });
    p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("script"));
    if (auto r = parse(p, args))
        return *r;
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 2)
        return badInput(QStringLiteral("python needs a script: proclab-cli python FILE [-- ARGS]"));
    PythonRunOptions options;
    options.script = pos.at(1);
    options.arguments = pos.mid(2);
    options.interpreter = p.value(QStringLiteral("python"));
    options.startMethod = p.value(QStringLiteral("start-method"));
    if (!options.startMethod.isEmpty() && options.startMethod != QLatin1String("fork")
        && options.startMethod != QLatin1String("spawn") && options.startMethod != QLatin1String("forkserver"))
        return badInput(QStringLiteral("unknown start method '%1' (fork, spawn, forkserver)").arg(options.startMethod));
    if (p.isSet(QStringLiteral("processes"))) {
        bool ok = false;
        options.processes = p.value(QStringLiteral("processes")).toInt(&ok);
        if (!ok || options.processes < 1 || options.processes > 1024)
            return badInput(QStringLiteral("-p %1: a number of processes from 1 to 1024")
                                .arg(p.value(QStringLiteral("processes"))));
    }
    if (!QFileInfo(options.script).isFile())
        return badInput(QStringLiteral("no such script: %1").arg(options.script));
    for (const QString& option : { QStringLiteral("trace"), QStringLiteral("save") })
        if (const QString e = outputOptionError(p, option); !e.isEmpty())
            return badInput(e);
    const bool json = p.isSet(QStringLiteral("json"));

    PythonRun run;
    std::mutex terminal;
    QJsonArray console;
    QObject::connect(
        &run.context(), &Context::consoleOutput, &run.context(),
        [&](const ConsoleChunk& chunk) {
            std::lock_guard lock(terminal);
            if (json) {
                console.append(
                    QJsonObject { { QStringLiteral("pid"), chunk.pid }, { QStringLiteral("stream"), chunk.stream },
                        { QStringLiteral("text"), QString::fromUtf8(chunk.text) } });
                return;
            }
            std::FILE* f = chunk.stream == 2 ? stderr : stdout;
            std::fwrite(chunk.text.constData(), 1, size_t(chunk.text.size()), f);
            std::fflush(f);
        },
        Qt::DirectConnection);
    QString error;
    if (!run.start(options, &error)) {
        QTextStream(stderr) << "proclab-cli: python: " << error << Qt::endl;
        return EngineError;
    }
    // Ctrl+C stops the program as the window's Stop does (SIGTERM to its group, SIGKILL after a second).
    std::signal(SIGINT, onInterrupt);
    bool stopping = false;
    while (!run.waitForFinished(50)) {
        if (g_interrupted && !stopping) {
            stopping = true;
            run.stop();
        }
    }
    std::signal(SIGINT, SIG_DFL);

    const int code = run.exitCode();
    QJsonObject settings { { QStringLiteral("kind"), QStringLiteral("python") },
        { QStringLiteral("script"), QFileInfo(options.script).absoluteFilePath() },
        { QStringLiteral("arguments"), QJsonArray::fromStringList(options.arguments) },
        { QStringLiteral("interpreter"), PythonRun::resolveInterpreter(options.interpreter) },
        { QStringLiteral("python"), run.pythonVersion() },
        { QStringLiteral("start_method"),
            options.startMethod.isEmpty() ? QStringLiteral("script's choice") : options.startMethod } };
    if (options.processes > 0)
        settings.insert(QStringLiteral("processes"), options.processes);
    const Trace trace = run.trace(settings);
    int status = Ok;
    for (const auto& [option, chrome] :
        { std::pair { QStringLiteral("trace"), true }, { QStringLiteral("save"), false } }) {
        if (!p.isSet(option))
            continue;
        QString why;
        if (!(chrome ? trace.saveChromeTrace(p.value(option), &why) : trace.save(p.value(option), &why))) {
            QTextStream(stderr) << "proclab-cli: python: " << why << Qt::endl;
            status = EngineError;
        }
    }
    const Summary s(trace.events);
    const double seconds = double(run.endNs() - run.startNs()) / 1e9;
    if (json) {
        QJsonObject o = s.json();
        o.insert(QStringLiteral("script"), settings.value(QStringLiteral("script")));
        o.insert(QStringLiteral("python"), run.pythonVersion());
        o.insert(QStringLiteral("exit_code"), code);
        o.insert(QStringLiteral("wall_s"), seconds);
        o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(run.notes()));
        o.insert(QStringLiteral("console"), console);
        QJsonArray procs;
        for (const auto& [pid, name] : run.processNames()) {
            QJsonObject po { { QStringLiteral("pid"), pid }, { QStringLiteral("name"), name } };
            const auto it = s.exitCodes.find(pid);
            po.insert(QStringLiteral("exit_code"), it == s.exitCodes.end() ? QJsonValue() : QJsonValue(it->second));
            if (const auto error = trace.processErrors.find(pid); error != trace.processErrors.end()) {
                po.insert(QStringLiteral("exception"), error->second.exception);
                po.insert(QStringLiteral("traceback"), error->second.traceback);
            }
            procs.append(po);
        }
        o.insert(QStringLiteral("process_list"), procs);
        printJson(o);
    } else {
        QTextStream err(stderr);
        err << "\nproclab: " << QFileInfo(options.script).fileName() << " under Python " << run.pythonVersion()
            << ", start method " << settings.value(QStringLiteral("start_method")).toString() << ": exit code " << code;
        if (code < 0)
            err << " (" << platform::signalName(-code) << ')';
        err << QStringLiteral(", %1 s\n").arg(seconds, 0, 'f', 3);
        err << "  processes  " << s.processes << " started, " << s.failed << " died of a signal or unwaited\n";
        for (const auto& [pid, name] : run.processNames()) {
            const auto it = s.exitCodes.find(pid);
            err << "             " << pid << ' ' << name << ": "
                << (it == s.exitCodes.end() ? QStringLiteral("exit code unknown")
                                            : QStringLiteral("exit code %1").arg(it->second));
            if (const auto error = trace.processErrors.find(pid); error != trace.processErrors.end())
                err << ", raised " << error->second.exception;
            err << '\n';
        }
        err << "  tasks      " << s.submitted << " submitted, " << s.ended << " ended (" << s.raised << " raised), "
            << s.lost << " lost, " << s.cancelled << " never ran\n";
        err << "  queues     " << s.puts << " items put, " << s.gets << " got (" << s.getWaits
            << " gets waited on an empty queue)\n";
        err << "  locks      " << s.holds << " holds, " << s.lockWaits << " waits\n";
        err << "  pipes      " << s.sends << " messages sent, " << s.recvs << " received\n";
        if (s.shared || s.managerCalls || s.syncs)
            err << "  also       " << s.shared << " Value/Array accesses, " << s.managerCalls << " manager calls, "
                << s.syncs << " Event/Condition/Barrier events\n";
        err << "  console    " << s.writes << " writes from " << s.writers.size() << " processes\n";
        for (const QString& note : run.notes())
            err << "  note: " << note << '\n';
        err.flush();
    }
    if (status != Ok)
        return status;
    // As a shell reports it: 128 + N for a death by signal N.
    return code >= 0 ? code : 128 - code;
}

} // namespace proclab::cli
