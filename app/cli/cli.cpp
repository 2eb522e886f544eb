#include "cli.h"

#include "bench.h"
#include "base/clock.h"
#include "engine/context.h"
#include "content/demo.h"
#include "engine/executor.h"
#include "lab/experiment.h"
#include "content/expression.h"
#include "lab/lesson.h"
#include "engine/pool.h"
#include "base/pyformat.h"
#include "lab/trace.h"
#include "content/workload.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScopeGuard>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <optional>

namespace proclab::cli {

namespace {

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

int badInput(const QString& message)
{
    QTextStream(stderr) << "proclab-cli: " << message << Qt::endl;
    return BadInput;
}

// The workload called `name`, or nullptr after the one-line complaint that names the known ones.
const Workload* requireWorkload(const QString& name)
{
    if (const Workload* w = findWorkload(name))
        return w;
    QStringList names;
    for (const Workload* x : workloads())
        names << x->name();
    badInput(QStringLiteral("unknown workload '%1' (%2)").arg(name, names.join(QStringLiteral(", "))));
    return nullptr;
}

// Checked before any work is done: an output file we cannot create or replace is bad input, not a failed run.
QString unwritable(const QString& option, const QString& file)
{
    const QFileInfo info(file);
    const QFileInfo folder(info.absolutePath());
    if (info.isDir())
        return QStringLiteral("%1 %2: that is a folder").arg(option, file);
    if (info.exists() ? !info.isWritable() : !folder.isDir() || !folder.isWritable())
        return QStringLiteral("%1 %2: cannot write there (%3)")
            .arg(option, file, info.exists() ? QStringLiteral("no permission") : QStringLiteral("no such folder, or no permission"));
    return {};
}

void printJson(const QJsonObject& o) { out() << QJsonDocument(o).toJson(QJsonDocument::Indented) << Qt::flush; }

QJsonValue cborToJson(const QCborValue& v) { return v.toJsonValue(); }

const char* const Usage = R"(usage: proclab-cli <command> [options]

Commands:
  list                      workloads with their parameters, executors, start methods
  map EXPR --inputs SPEC    Pool.map of a typed function, printed as Python prints the list
  run WORKLOAD              run a workload on real processes (or threads), verify, time it
  sweep WORKLOAD            scaling experiment: wall time against processes, speedup, Amdahl fit
  bench                     measure the engine: start-up, per-task overhead, raw round trip
  demo NAME                 run one tutorial example on real processes, print what the tutorial printed
  demo --list               the demos, one line each
  lesson NAME               run a lesson's experiment (a demo or a small sweep) and print what it shows
  lesson --list             the lessons in curriculum order: name, a tab, title
  trace FILE                summary of a recorded run (saved with run --save or by the window)

Common options:
  -p, --processes N         number of worker processes (or threads)          [cpu count]
  --executor E              process | thread | gil-thread | serial           [process]
  --start-method M          spawn | forkserver                               [spawn]
  --scheduling S            dynamic | static                                 [dynamic]
  --chunksize K             tasks per chunk                                  [Python's default]
  --json                    machine-readable output

map:
  --inputs SPEC             a..b (inclusive range), a comma list 1,2,3.5, or for starmap
                            tuples '(1,1),(2,2)'
  --mode M                  map | imap | imap_unordered | starmap            [map]
  example: proclab-cli map 'x*x+1' --inputs 0..7 -p 4   ->  [1, 2, 5, 10, 17, 26, 37, 50]

run:
  --set key=value           a workload parameter (repeatable; see `list`)
  --pace MS                 a real delay before each task, to watch a run at human speed
  --trace FILE.json         also write the run's events as Chrome Trace Event JSON (Perfetto, chrome://tracing)
  --save FILE               also record the run (events, process names, console, settings) in ProcLab's format
  example: proclab-cli run pi --set samples=400000000 -p 2

run and map, failures on purpose (to watch the engine recover):
  --inject KIND[:TASK[:PHASE]]  make the worker running task TASK (default 0) fail; repeatable. KIND:
                            crash (SIGSEGV), abort (SIGABRT), kill (it SIGKILLs itself), exit (_exit(3)),
                            hang (never returns, ignores SIGTERM; needs a deadline), throw (the task raises).
                            TASK 'start' fails every worker while it starts (a crash loop: the pool breaks).
                            PHASE decode | run | encode: decoding arguments, running, encoding the result [run].
                            Process executor only, except throw.
  --deadline MS             a task running longer has its worker killed (DeadlineExceeded); a replacement
                            starts. With --inject hang and no --deadline: 3000 ms
  The run completes every other task, reports each lost task with its cause, pid and phase, and exits 3.
  example: proclab-cli run spin -p 2 --inject kill:5

sweep:
  -p, --processes SPEC      1..N, N (= 1..N) or a list 1,2,4                   [1..cpu count]
  --executor E1,E2          one series per executor (and per chunksize)        [process]
  --chunksize K1,K2         one series per chunksize                           [Python's default]
  --size KEY=V1,V2          one series per problem size, e.g. n=128,256,512     [the --set value]
  --repeats R, --warmup W   measured and unrecorded runs at every point        [3, 1]
  --fit-max P               Amdahl fit over the points with p <= P              [all points]
  --csv FILE                also save the points as CSV
  --set, --pace, --start-method, --scheduling as for run
  --json                    the whole result at the end (the live table goes to stderr then)
  The Amdahl serial fraction f is fitted by least squares on the wall times, T(p) = T1 (f + (1-f)/p) with
  T1 the median at p = 1. Karp-Flatt metric: e = (1/S - 1/p) / (1 - 1/p).
  example: proclab-cli sweep spin --set tasks=8 --set ms=50 -p 1..3 --repeats 2

demo:
  --python                  print the equivalent Python program instead of running the demo
  -p N, --start-method M    pool size / number of processes where the demo has a choice, start method
  example: proclab-cli demo queue   ->  [42, None, 'hello']

lesson:
  --python                  print the lesson's Python program instead of running it
  --json                    name, title, exit code, output (and the sweep's result for sweep lessons)

trace:
  --chrome OUT.json         also convert the recorded run to Chrome Trace Event JSON
  --json                    the summary as JSON
  example: proclab-cli trace run.json --chrome run-perfetto.json

bench:
  --repeats R, --tasks N    measurement repeats [7], tasks per overhead run [10000]
  --no-python               skip the side-by-side CPython multiprocessing.Pool timing

Exit codes: 0 ok, 1 engine error, 2 bad input, 3 some tasks failed, 4 verification failed.
)";

struct Common {
    int processes = 0;
    ExecutorKind executor = ExecutorKind::Process;
    StartMethod startMethod = StartMethod::Spawn;
    Scheduling scheduling = Scheduling::Dynamic;
    int chunksize = 0;
    bool json = false;
};

void addCommon(QCommandLineParser& p)
{
    p.addOption({ { QStringLiteral("p"), QStringLiteral("processes") }, QStringLiteral("workers"), QStringLiteral("N") });
    p.addOption({ QStringLiteral("executor"), QStringLiteral("executor"), QStringLiteral("E") });
    p.addOption({ QStringLiteral("start-method"), QStringLiteral("start method"), QStringLiteral("M") });
    p.addOption({ QStringLiteral("scheduling"), QStringLiteral("scheduling"), QStringLiteral("S") });
    p.addOption({ QStringLiteral("chunksize"), QStringLiteral("chunksize"), QStringLiteral("K") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("JSON output") });
    p.addOption({ { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("help") });
}

// Parses the shared options; an error message on bad input.
QString readCommon(const QCommandLineParser& p, Common* c)
{
    c->json = p.isSet(QStringLiteral("json"));
    c->processes = std::max(1, QThread::idealThreadCount());
    if (p.isSet(QStringLiteral("processes"))) {
        bool ok = false;
        c->processes = p.value(QStringLiteral("processes")).toInt(&ok);
        if (!ok || c->processes < 1 || c->processes > 1024)
            return QStringLiteral("-p/--processes must be an integer from 1 to 1024 (got '%1')").arg(p.value(QStringLiteral("processes")));
    }
    if (p.isSet(QStringLiteral("executor"))) {
        const auto e = parseExecutor(p.value(QStringLiteral("executor")));
        if (!e)
            return QStringLiteral("unknown executor '%1' (process, thread, gil-thread, serial)").arg(p.value(QStringLiteral("executor")));
        c->executor = *e;
    }
    if (p.isSet(QStringLiteral("start-method"))) {
        const auto m = parseStartMethod(p.value(QStringLiteral("start-method")));
        if (!m)
            return QStringLiteral("unknown start method '%1' (spawn, forkserver)").arg(p.value(QStringLiteral("start-method")));
        c->startMethod = *m;
    }
    if (p.isSet(QStringLiteral("scheduling"))) {
        const auto s = parseScheduling(p.value(QStringLiteral("scheduling")));
        if (!s)
            return QStringLiteral("unknown scheduling '%1' (dynamic, static)").arg(p.value(QStringLiteral("scheduling")));
        c->scheduling = *s;
    }
    if (p.isSet(QStringLiteral("chunksize"))) {
        bool ok = false;
        c->chunksize = p.value(QStringLiteral("chunksize")).toInt(&ok);
        if (!ok || c->chunksize < 1)
            return QStringLiteral("--chunksize must be a positive integer (got '%1')").arg(p.value(QStringLiteral("chunksize")));
    }
    return {};
}

// Parses a command line for one subcommand; nullopt = go on, a value = exit with it.
std::optional<int> parse(QCommandLineParser& p, const QStringList& args)
{
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!p.parse(args))
        return badInput(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        out() << Usage << Qt::flush;
        return Ok;
    }
    return std::nullopt;
}

std::optional<QCborValue> parseNumber(const QString& text)
{
    const QString t = text.trimmed();
    bool ok = false;
    const qint64 i = t.toLongLong(&ok);
    if (ok)
        return QCborValue(i);
    const double d = t.toDouble(&ok);
    if (ok)
        return QCborValue(d);
    return std::nullopt;
}

// a..b, a comma list, or tuples (a,b),(c,d).
bool parseInputs(const QString& spec, bool tuples, QCborArray* out, QString* error)
{
    const QString s = spec.trimmed();
    if (s.isEmpty()) {
        *error = QStringLiteral("--inputs is empty");
        return false;
    }
    if (tuples || s.startsWith(QLatin1Char('('))) {
        static const QRegularExpression tuple(QStringLiteral(R"(\(([^()]*)\)\s*(,|$))"));
        qsizetype pos = 0;
        auto it = tuple.globalMatch(s);
        while (it.hasNext()) {
            const auto m = it.next();
            if (m.capturedStart() != pos) {
                *error = QStringLiteral("bad tuple list '%1' near position %2").arg(s).arg(pos);
                return false;
            }
            pos = m.capturedEnd();
            while (pos < s.size() && s.at(pos).isSpace())
                ++pos;
            QCborArray items;
            for (const QString& part : m.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const auto n = parseNumber(part);
                if (!n) {
                    *error = QStringLiteral("'%1' in --inputs is not a number").arg(part.trimmed());
                    return false;
                }
                items.append(*n);
            }
            out->append(pyTuple(items));
        }
        if (pos != s.size() || out->isEmpty()) {
            *error = QStringLiteral("bad tuple list '%1': expected (a,b),(c,d)").arg(s);
            return false;
        }
        return true;
    }
    static const QRegularExpression range(QStringLiteral(R"(^(-?\d+)\s*\.\.\s*(-?\d+)$)"));
    const auto m = range.match(s);
    if (m.hasMatch()) {
        const qint64 a = m.captured(1).toLongLong();
        const qint64 b = m.captured(2).toLongLong();
        if (b < a) {
            *error = QStringLiteral("empty range %1: the end comes before the start").arg(s);
            return false;
        }
        if (b - a >= 50'000'000) {
            *error = QStringLiteral("range %1 is too large (at most 50,000,000 inputs)").arg(s);
            return false;
        }
        for (qint64 i = a; i <= b; ++i)
            out->append(i);
        return true;
    }
    if (s.contains(QStringLiteral(".."))) {
        *error = QStringLiteral("bad range '%1': expected a..b with integers a <= b").arg(s);
        return false;
    }
    for (const QString& part : s.split(QLatin1Char(','))) {
        const auto n = parseNumber(part);
        if (!n) {
            *error = QStringLiteral("'%1' in --inputs is not a number").arg(part.trimmed());
            return false;
        }
        out->append(*n);
    }
    return true;
}

QJsonArray workersJson(const QList<WorkerStat>& workers)
{
    QJsonArray a;
    for (const auto& w : workers) {
        QJsonObject o { { QStringLiteral("pid"), w.pid }, { QStringLiteral("tasks"), w.tasks },
            { QStringLiteral("name"), w.name } };
        if (w.tid)
            o.insert(QStringLiteral("tid"), w.tid);
        a.append(o);
    }
    return a;
}

QJsonArray failuresJson(const std::map<qsizetype, TaskFailure>& failures)
{
    QJsonArray a;
    for (const auto& [index, f] : failures) {
        QJsonObject o { { QStringLiteral("task"), index }, { QStringLiteral("type"), f.type },
            { QStringLiteral("message"), f.message }, { QStringLiteral("pid"), f.pid }, { QStringLiteral("worker"), f.worker },
            { QStringLiteral("phase"), f.phase } };
        if (f.workerDied()) {
            o.insert(QStringLiteral("cause"), f.cause);
            o.insert(QStringLiteral("exit_code"), f.exitCode >= 0 ? QJsonValue(f.exitCode) : QJsonValue());
            o.insert(QStringLiteral("signal"), f.signal > 0 ? QJsonValue(f.signal) : QJsonValue());
            o.insert(QStringLiteral("signal_name"), f.signal > 0 ? QJsonValue(f.signalName()) : QJsonValue());
            o.insert(QStringLiteral("stderr"), QJsonArray::fromStringList(f.stderrTail));
        }
        a.append(o);
    }
    return a;
}

constexpr qint64 HangDefaultDeadlineMs = 3000;

void addFaultOptions(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("inject"), QStringLiteral("failure on purpose"), QStringLiteral("KIND[:TASK[:PHASE]]") });
    p.addOption({ QStringLiteral("deadline"), QStringLiteral("task deadline"), QStringLiteral("MS") });
}

// --inject and --deadline for a run of `tasks` tasks; an error message on bad input.
QString readFaults(const QCommandLineParser& p, const Common& c, qsizetype tasks, QList<Fault>* faults, qint64* deadlineMs)
{
    QString error;
    for (const QString& text : p.values(QStringLiteral("inject"))) {
        const auto f = Fault::parse(text, &error);
        if (!f)
            return error;
        if (f->task >= tasks)
            return QStringLiteral("--inject %1: there are only %2 task(s), numbered from 0").arg(text).arg(tasks);
        if (f->killsTheWorker() && c.executor != ExecutorKind::Process)
            return QStringLiteral("--inject %1 needs --executor process: with threads it would take the whole program "
                                  "down (only throw works with %2)")
                .arg(text, toString(c.executor));
        faults->append(*f);
    }
    *deadlineMs = 0;
    if (p.isSet(QStringLiteral("deadline"))) {
        bool ok = false;
        *deadlineMs = p.value(QStringLiteral("deadline")).toLongLong(&ok);
        if (!ok || *deadlineMs < 1 || *deadlineMs > 86'400'000)
            return QStringLiteral("--deadline must be milliseconds from 1 to 86400000 (got '%1')").arg(p.value(QStringLiteral("deadline")));
        if (c.executor != ExecutorKind::Process)
            return QStringLiteral("--deadline needs --executor process: a thread cannot be killed");
    }
    const bool hangs = std::any_of(faults->begin(), faults->end(), [](const Fault& f) { return f.kind == Fault::Kind::Hang; });
    if (hangs && *deadlineMs == 0) {
        *deadlineMs = HangDefaultDeadlineMs;
        QTextStream(stderr) << "proclab-cli: --inject hang without --deadline: using a deadline of " << HangDefaultDeadlineMs
                            << " ms" << Qt::endl;
    }
    return {};
}

// One line per failed task, and how many of how many.
void printFailures(const std::map<qsizetype, TaskFailure>& failures, qsizetype tasks)
{
    if (failures.empty())
        return;
    for (const auto& [index, f] : failures)
        out() << "FAILED     task " << index << ": " << f.toString() << '\n';
    out() << "tasks      " << tasks - qsizetype(failures.size()) << " of " << tasks << " completed, " << failures.size()
          << " failed\n";
}

int cmdList(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    if (auto r = parse(p, args))
        return *r;
    QJsonArray ws;
    for (const Workload* w : workloads()) {
        QJsonArray params;
        for (const auto& ps : w->params()) {
            const char* type = ps.type == ParamSpec::Type::Int ? "int" : ps.type == ParamSpec::Type::Float ? "float" : "string";
            params.append(QJsonObject { { QStringLiteral("name"), ps.name }, { QStringLiteral("type"), QLatin1String(type) },
                { QStringLiteral("default"), QJsonValue::fromVariant(ps.defaultValue) }, { QStringLiteral("help"), ps.help } });
        }
        ws.append(QJsonObject { { QStringLiteral("name"), w->name() }, { QStringLiteral("description"), w->description() },
            { QStringLiteral("params"), params } });
    }
    const QJsonArray executors { QStringLiteral("process"), QStringLiteral("thread"), QStringLiteral("gil-thread"), QStringLiteral("serial") };
    const QJsonArray methods { QStringLiteral("spawn"), QStringLiteral("forkserver") };
    if (p.isSet(QStringLiteral("json"))) {
        printJson({ { QStringLiteral("workloads"), ws }, { QStringLiteral("executors"), executors },
            { QStringLiteral("start_methods"), methods }, { QStringLiteral("scheduling"), QJsonArray { QStringLiteral("dynamic"), QStringLiteral("static") } } });
        return Ok;
    }
    out() << "Workloads:\n";
    for (const auto& wv : ws) {
        const QJsonObject w = wv.toObject();
        out() << "  " << w.value(QStringLiteral("name")).toString() << " - " << w.value(QStringLiteral("description")).toString() << '\n';
        for (const auto& pv : w.value(QStringLiteral("params")).toArray()) {
            const QJsonObject ps = pv.toObject();
            out() << "      " << qSetFieldWidth(10) << Qt::left << ps.value(QStringLiteral("name")).toString() << qSetFieldWidth(0)
                  << ps.value(QStringLiteral("type")).toString() << ", default "
                  << ps.value(QStringLiteral("default")).toVariant().toString() << ": " << ps.value(QStringLiteral("help")).toString() << '\n';
        }
    }
    out() << "Executors: process, thread, gil-thread, serial\n"
          << "Start methods: spawn, forkserver\n"
          << "Scheduling: dynamic, static\n"
          << Qt::flush;
    return Ok;
}

int cmdMap(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("inputs"), QStringLiteral("inputs"), QStringLiteral("SPEC") });
    p.addOption({ QStringLiteral("mode"), QStringLiteral("mode"), QStringLiteral("M"), QStringLiteral("map") });
    p.addPositionalArgument(QStringLiteral("expr"), QStringLiteral("f(x)"));
    addFaultOptions(p);
    if (auto r = parse(p, args))
        return *r;
    Common c;
    if (const QString e = readCommon(p, &c); !e.isEmpty())
        return badInput(e);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("map needs exactly one expression, e.g. map 'x*x+1' --inputs 0..7"));
    const QString mode = p.value(QStringLiteral("mode"));
    if (!QStringList { QStringLiteral("map"), QStringLiteral("imap"), QStringLiteral("imap_unordered"), QStringLiteral("starmap") }.contains(mode))
        return badInput(QStringLiteral("unknown --mode '%1' (map, imap, imap_unordered, starmap)").arg(mode));
    if (!p.isSet(QStringLiteral("inputs")))
        return badInput(QStringLiteral("map needs --inputs, e.g. --inputs 0..7"));

    Expression expr;
    QString error;
    if (!expr.compile(pos.at(1), &error))
        return badInput(QStringLiteral("bad expression: ") + error);
    const bool star = mode == QLatin1String("starmap");
    QCborArray inputs;
    if (!parseInputs(p.value(QStringLiteral("inputs")), star, &inputs, &error))
        return badInput(error);
    const int arity = std::max(1, expr.arity());
    for (const auto& in : inputs) {
        const qsizetype given = in.isTag() ? in.taggedValue().toArray().size() : 1;
        if (star ? given != arity : arity != 1)
            return badInput(star ? QStringLiteral("%1 takes %2 argument(s) but an input tuple has %3").arg(pos.at(1)).arg(arity).arg(given)
                                 : QStringLiteral("%1 is a function of %2: use --mode starmap with tuples").arg(pos.at(1), expr.variables().join(QStringLiteral(", "))));
    }
    // Workers receive plain arrays for tuples.
    QCborArray taskArgs;
    for (const auto& in : inputs)
        taskArgs.append(in.isTag() ? in.taggedValue() : in);
    QList<Fault> faults;
    qint64 deadlineMs = 0;
    if (const QString e = readFaults(p, c, taskArgs.size(), &faults, &deadlineMs); !e.isEmpty())
        return badInput(e);

    const Function f = Function::expr(pos.at(1));
    QCborArray results;
    QList<WorkerStat> workers;
    std::map<qsizetype, TaskFailure> failures;
    double wall = 0;
    double startup = 0;
    int chunksize = c.chunksize;
    try {
        if (c.executor == ExecutorKind::Process && mode.startsWith(QLatin1String("imap"))) {
            Context context(c.startMethod);
            const qint64 t0 = monotonicNs();
            PoolOptions po { c.processes, c.scheduling };
            po.taskDeadlineMs = deadlineMs;
            po.faults = faults;
            Pool pool(&context, po);
            if (!pool.waitReady())
                throw PoolError(pool.brokenReason());
            startup = double(monotonicNs() - t0) / 1e9;
            chunksize = std::max(1, c.chunksize);
            const qint64 t1 = monotonicNs();
            ResultIterator it = mode == QLatin1String("imap") ? pool.imap(f, taskArgs, chunksize) : pool.imapUnordered(f, taskArgs, chunksize);
            for (;;) {
                try {
                    const auto v = it.next();
                    if (!v)
                        break;
                    results.append(*v);
                } catch (const TaskError& e) {
                    failures[e.failure().task] = e.failure();
                    results.append(QCborValue());
                }
            }
            wall = double(monotonicNs() - t1) / 1e9;
            pool.close();
            pool.join();
            for (const auto& w : pool.workers())
                workers.append({ w.pid, 0, w.name, w.tasks, w.startupNs });
        } else {
            Context context(c.startMethod);
            const ExecResult r
                = execute(&context, f, taskArgs, { c.executor, c.processes, c.chunksize, c.scheduling, 0, {}, {}, deadlineMs, faults });
            results = r.results;
            failures = r.failures;
            workers = r.workers;
            wall = double(r.wallNs) / 1e9;
            startup = double(r.startupNs) / 1e9;
            chunksize = r.chunksize;
        }
    } catch (const std::exception& e) {
        QTextStream(stderr) << "proclab-cli: " << e.what() << Qt::endl;
        return EngineError;
    }
    if (c.json) {
        QJsonArray res;
        for (const auto& v : results)
            res.append(cborToJson(v));
        printJson({ { QStringLiteral("expr"), pos.at(1) }, { QStringLiteral("mode"), mode }, { QStringLiteral("results"), res },
            { QStringLiteral("repr"), pyRepr(results) }, { QStringLiteral("processes"), c.processes },
            { QStringLiteral("executor"), toString(c.executor) }, { QStringLiteral("start_method"), toString(c.startMethod) },
            { QStringLiteral("chunksize"), chunksize }, { QStringLiteral("wall_s"), wall }, { QStringLiteral("startup_s"), startup },
            { QStringLiteral("completed"), results.size() - qsizetype(failures.size()) },
            { QStringLiteral("workers"), workersJson(workers) }, { QStringLiteral("failures"), failuresJson(failures) } });
    } else {
        out() << pyRepr(results) << '\n';
        printFailures(failures, results.size());
        out() << Qt::flush;
    }
    return failures.empty() ? Ok : TasksFailed;
}

int cmdRun(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("set"), QStringLiteral("parameter"), QStringLiteral("key=value") });
    p.addOption({ QStringLiteral("pace"), QStringLiteral("delay before each task"), QStringLiteral("MS") });
    p.addOption({ QStringLiteral("trace"), QStringLiteral("Chrome Trace Event JSON file"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("save"), QStringLiteral("recorded run (ProcLab trace)"), QStringLiteral("FILE") });
    p.addPositionalArgument(QStringLiteral("workload"), QStringLiteral("workload"));
    addFaultOptions(p);
    if (auto r = parse(p, args))
        return *r;
    const QString traceFile = p.value(QStringLiteral("trace"));
    if (p.isSet(QStringLiteral("trace")) && traceFile.isEmpty())
        return badInput(QStringLiteral("--trace needs a file name"));
    if (const QString e = traceFile.isEmpty() ? QString() : unwritable(QStringLiteral("--trace"), traceFile); !e.isEmpty())
        return badInput(e);
    const QString saveFile = p.value(QStringLiteral("save"));
    if (p.isSet(QStringLiteral("save")) && saveFile.isEmpty())
        return badInput(QStringLiteral("--save needs a file name"));
    if (const QString e = saveFile.isEmpty() ? QString() : unwritable(QStringLiteral("--save"), saveFile); !e.isEmpty())
        return badInput(e);
    Common c;
    if (const QString e = readCommon(p, &c); !e.isEmpty())
        return badInput(e);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("run needs one workload name (see `proclab-cli list`)"));
    const Workload* w = requireWorkload(pos.at(1));
    if (!w)
        return BadInput;
    Params params;
    QString error;
    if (!parseParams(*w, p.values(QStringLiteral("set")), &params, &error))
        return badInput(error);
    qint64 paceNs = 0;
    if (p.isSet(QStringLiteral("pace"))) {
        bool ok = false;
        const double ms = p.value(QStringLiteral("pace")).toDouble(&ok);
        if (!ok || ms < 0 || ms > 60000)
            return badInput(QStringLiteral("--pace must be milliseconds from 0 to 60000"));
        paceNs = qint64(ms * 1e6);
    }
    const QCborArray inputs = w->inputs(params);
    QList<Fault> faults;
    qint64 deadlineMs = 0;
    if (const QString e = readFaults(p, c, inputs.size(), &faults, &deadlineMs); !e.isEmpty())
        return badInput(e);

    ExecResult r;
    const auto finished = qScopeGuard([&] { w->finish(params); });
    try {
        Context context(c.startMethod);
        r = w->run(&context, params, inputs,
            { c.executor, c.processes, c.chunksize, c.scheduling, paceNs, {}, w->serialPart(params), deadlineMs, faults });
        if (!traceFile.isEmpty() || !saveFile.isEmpty()) {
            QJsonObject paramsJson;
            for (auto it = params.begin(); it != params.end(); ++it)
                paramsJson.insert(it.key(), QJsonValue::fromVariant(it.value()));
            const Trace trace = Trace::capture(context,
                { { QStringLiteral("workload"), w->name() }, { QStringLiteral("params"), paramsJson },
                    { QStringLiteral("processes"), c.processes }, { QStringLiteral("executor"), toString(c.executor) },
                    { QStringLiteral("start_method"), toString(c.startMethod) }, { QStringLiteral("chunksize"), r.chunksize } });
            QString traceError;
            if ((!traceFile.isEmpty() && !trace.saveChromeTrace(traceFile, &traceError))
                || (!saveFile.isEmpty() && !trace.save(saveFile, &traceError))) {
                QTextStream(stderr) << "proclab-cli: " << traceError << Qt::endl;
                return EngineError;
            }
        }
    } catch (const std::exception& e) {
        QTextStream(stderr) << "proclab-cli: " << e.what() << Qt::endl;
        return EngineError;
    }
    const QCborValue reduced = r.failures.empty() ? w->reduce(params, r.results) : QCborValue();
    const Verification v = r.failures.empty() ? w->verify(params, r.results, reduced)
                                              : Verification { false, QStringLiteral("%1 task(s) failed").arg(r.failures.size()) };
    QStringList setting;
    for (const auto& ps : w->params())
        setting << ps.name + QLatin1Char('=') + params.value(ps.name).toString();

    if (c.json) {
        QJsonObject paramsJson;
        for (auto it = params.begin(); it != params.end(); ++it)
            paramsJson.insert(it.key(), QJsonValue::fromVariant(it.value()));
        printJson({ { QStringLiteral("workload"), w->name() }, { QStringLiteral("params"), paramsJson },
            { QStringLiteral("processes"), c.processes }, { QStringLiteral("executor"), toString(c.executor) },
            { QStringLiteral("start_method"), toString(c.startMethod) }, { QStringLiteral("scheduling"), toString(c.scheduling) },
            { QStringLiteral("chunksize"), r.chunksize }, { QStringLiteral("tasks"), r.results.size() },
            { QStringLiteral("completed"), r.results.size() - qsizetype(r.failures.size()) },
            { QStringLiteral("result"), cborToJson(reduced) }, { QStringLiteral("summary"), r.failures.empty() ? w->summary(params, reduced) : QString() },
            { QStringLiteral("verified"), v.ok }, { QStringLiteral("verify_detail"), v.detail },
            { QStringLiteral("wall_s"), double(r.wallNs) / 1e9 }, { QStringLiteral("startup_s"), double(r.startupNs) / 1e9 },
            { QStringLiteral("workers"), workersJson(r.workers) }, { QStringLiteral("failures"), failuresJson(r.failures) } });
    } else {
        out() << "workload   " << w->name() << " (" << setting.join(QStringLiteral(", ")) << ")\n"
              << "executor   " << toString(c.executor) << ", " << c.processes << (c.executor == ExecutorKind::Process ? " processes" : " workers");
        if (c.executor == ExecutorKind::Process)
            out() << ", start method " << toString(c.startMethod);
        out() << ", " << toString(c.scheduling) << " scheduling, chunksize " << r.chunksize << '\n';
        if (r.failures.empty())
            out() << "result     " << w->summary(params, reduced) << '\n';
        printFailures(r.failures, r.results.size());
        out() << "verified   " << (v.ok ? "yes" : "NO") << " - " << v.detail << '\n'
              << "wall time  " << QString::number(double(r.wallNs) / 1e9, 'f', 3) << " s\n"
              << "start-up   " << QString::number(double(r.startupNs) / 1e6, 'f', 2) << " ms\n"
              << "workers    ";
        bool first = true;
        for (const auto& ws : r.workers) {
            if (!first)
                out() << "           ";
            first = false;
            out() << ws.name << "  pid " << ws.pid;
            if (ws.tid)
                out() << " tid " << ws.tid;
            out() << ": " << ws.tasks << " tasks\n";
        }
        out() << Qt::flush;
    }
    if (!r.failures.empty())
        return TasksFailed;
    return v.ok ? Ok : VerifyFailed;
}

// 1..N, N (meaning 1..N) or a list 1,2,4.
bool parseProcesses(const QString& spec, QList<int>* out, QString* error)
{
    const QString s = spec.trimmed();
    static const QRegularExpression range(QStringLiteral(R"(^(\d+)\s*\.\.\s*(\d+)$)"));
    const auto m = range.match(s);
    bool ok = true;
    if (m.hasMatch()) {
        const int a = m.captured(1).toInt(&ok);
        const int b = ok ? m.captured(2).toInt(&ok) : 0;
        if (ok && a >= 1 && b >= a && b <= 1024)
            *out = SweepSpec::range(a, b);
        else
            ok = false;
    } else if (!s.contains(QLatin1Char(','))) {
        const int n = s.toInt(&ok);
        ok = ok && n >= 1 && n <= 1024;
        if (ok)
            *out = SweepSpec::range(1, n);
    } else {
        for (const QString& part : s.split(QLatin1Char(','))) {
            const int n = part.trimmed().toInt(&ok);
            if (!ok || n < 1 || n > 1024 || (!out->isEmpty() && n <= out->last())) {
                ok = false;
                break;
            }
            out->append(n);
        }
    }
    if (!ok)
        *error = QStringLiteral("-p/--processes must be 1..N, N or an ascending list like 1,2,4 (numbers from 1 to 1024; got '%1')").arg(spec);
    return ok;
}

QString formatMetric(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

int cmdSweep(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("set"), QStringLiteral("parameter"), QStringLiteral("key=value") });
    p.addOption({ QStringLiteral("pace"), QStringLiteral("delay before each task"), QStringLiteral("MS") });
    p.addOption({ QStringLiteral("repeats"), QStringLiteral("repeats"), QStringLiteral("R"), QStringLiteral("3") });
    p.addOption({ QStringLiteral("warmup"), QStringLiteral("warm-up runs"), QStringLiteral("W"), QStringLiteral("1") });
    p.addOption({ QStringLiteral("fit-max"), QStringLiteral("fit over p <= P"), QStringLiteral("P") });
    p.addOption({ QStringLiteral("csv"), QStringLiteral("CSV file"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("size"), QStringLiteral("problem sizes"), QStringLiteral("KEY=V1,V2") });
    p.addPositionalArgument(QStringLiteral("workload"), QStringLiteral("workload"));
    if (auto r = parse(p, args))
        return *r;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("sweep needs one workload name (see `proclab-cli list`)"));
    const Workload* w = requireWorkload(pos.at(1));
    if (!w)
        return BadInput;
    SweepSpec spec;
    spec.workload = w->name();
    QString error;
    if (!parseParams(*w, p.values(QStringLiteral("set")), &spec.params, &error))
        return badInput(error);
    spec.processes = SweepSpec::range(1, std::max(1, QThread::idealThreadCount()));
    if (p.isSet(QStringLiteral("processes"))) {
        spec.processes.clear();
        if (!parseProcesses(p.value(QStringLiteral("processes")), &spec.processes, &error))
            return badInput(error);
    }
    if (p.isSet(QStringLiteral("executor"))) {
        spec.executors.clear();
        for (const QString& name : p.value(QStringLiteral("executor")).split(QLatin1Char(','))) {
            const auto e = parseExecutor(name.trimmed());
            if (!e)
                return badInput(QStringLiteral("unknown executor '%1' (process, thread, gil-thread, serial)").arg(name.trimmed()));
            if (!spec.executors.contains(*e))
                spec.executors.append(*e);
        }
    }
    if (p.isSet(QStringLiteral("chunksize"))) {
        spec.chunksizes.clear();
        for (const QString& k : p.value(QStringLiteral("chunksize")).split(QLatin1Char(','))) {
            bool ok = false;
            const int n = k.trimmed().toInt(&ok);
            if (!ok || n < 1 || n > 10'000'000)
                return badInput(QStringLiteral("--chunksize must be positive integers, e.g. 1,4,16 (got '%1')").arg(k.trimmed()));
            if (!spec.chunksizes.contains(n))
                spec.chunksizes.append(n);
        }
    }
    if (p.isSet(QStringLiteral("start-method"))) {
        const auto m = parseStartMethod(p.value(QStringLiteral("start-method")));
        if (!m)
            return badInput(QStringLiteral("unknown start method '%1' (spawn, forkserver)").arg(p.value(QStringLiteral("start-method"))));
        spec.startMethod = *m;
    }
    if (p.isSet(QStringLiteral("scheduling"))) {
        const auto s = parseScheduling(p.value(QStringLiteral("scheduling")));
        if (!s)
            return badInput(QStringLiteral("unknown scheduling '%1' (dynamic, static)").arg(p.value(QStringLiteral("scheduling"))));
        spec.scheduling = *s;
    }
    bool ok1 = false;
    bool ok2 = false;
    spec.repeats = p.value(QStringLiteral("repeats")).toInt(&ok1);
    spec.warmup = p.value(QStringLiteral("warmup")).toInt(&ok2);
    if (!ok1 || !ok2 || spec.repeats < 1 || spec.repeats > 1000 || spec.warmup < 0 || spec.warmup > 100)
        return badInput(QStringLiteral("--repeats must be 1..1000 and --warmup 0..100"));
    if (p.isSet(QStringLiteral("fit-max"))) {
        bool ok = false;
        spec.fitMaxProcesses = p.value(QStringLiteral("fit-max")).toInt(&ok);
        if (!ok || spec.fitMaxProcesses < 2)
            return badInput(QStringLiteral("--fit-max must be an integer >= 2"));
    }
    if (p.isSet(QStringLiteral("pace"))) {
        bool ok = false;
        const double ms = p.value(QStringLiteral("pace")).toDouble(&ok);
        if (!ok || ms < 0 || ms > 60000)
            return badInput(QStringLiteral("--pace must be milliseconds from 0 to 60000"));
        spec.paceNs = qint64(ms * 1e6);
    }
    if (p.isSet(QStringLiteral("size"))) {
        const QString size = p.value(QStringLiteral("size"));
        spec.sizeParam = size.section(QLatin1Char('='), 0, 0).trimmed();
        for (const QString& v : size.section(QLatin1Char('='), 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
            spec.sizeValues.append(v.trimmed());
        if (spec.sizeParam.isEmpty() || spec.sizeValues.isEmpty())
            return badInput(QStringLiteral("--size needs a parameter and values, e.g. n=128,256,512"));
    }
    const QString csvFile = p.value(QStringLiteral("csv"));
    if (p.isSet(QStringLiteral("csv")) && csvFile.isEmpty())
        return badInput(QStringLiteral("--csv needs a file name"));
    if (const QString e = csvFile.isEmpty() ? QString() : unwritable(QStringLiteral("--csv"), csvFile); !e.isEmpty())
        return badInput(e);
    if (const QString e = Experiment::validate(spec); !e.isEmpty())
        return badInput(e);
    const bool json = p.isSet(QStringLiteral("json"));

    // Points go out as they land: on stdout as a table, or (with --json) on stderr as progress.
    QTextStream err(stderr);
    QTextStream& table = json ? err : out();
    const auto row = [&](const QStringList& cells) {
        static const int widths[] = { -24, 4, 11, 11, 11, 9, 8, 11, 11 };
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const int wd = widths[i];
            line += wd < 0 ? cells.at(i).leftJustified(-wd) : cells.at(i).rightJustified(wd);
        }
        table << line << Qt::endl;
    };
    const auto ms = [](double s) -> QString { return QString::number(s * 1e3, 'f', 1) + QStringLiteral(" ms"); };
    Experiment experiment;
    QStringList labels;
    row({ QStringLiteral("series"), QStringLiteral("p"), QStringLiteral("median"), QStringLiteral("min"), QStringLiteral("max"),
        QStringLiteral("speedup"), QStringLiteral("effic."), QStringLiteral("Karp-Flatt"), QStringLiteral("start-up") });
    const QList<SweepSeries> planned = plannedSeries(spec);
    QObject::connect(&experiment, &Experiment::pointMeasured, &experiment, [&](const SweepPoint& pt) {
        QString label = toString(pt.executor);
        if (spec.chunksizes.size() > 1 || spec.chunksizes.first() > 0)
            label += QStringLiteral(", chunk %1").arg(pt.chunksize);
        if (!planned.value(pt.series).size.isEmpty())
            label += QStringLiteral(", ") + planned.value(pt.series).size;
        if (!pt.verified)
            label += QStringLiteral(" (NOT VERIFIED)");
        row({ label, QString::number(pt.processes), ms(pt.median), ms(pt.min), ms(pt.max),
            std::isfinite(pt.speedup) ? QString(formatMetric(pt.speedup, 2) + QLatin1Char('x')) : QStringLiteral("-"),
            std::isfinite(pt.efficiency) ? QString(formatMetric(100 * pt.efficiency, 0) + QStringLiteral(" %")) : QStringLiteral("-"),
            formatMetric(pt.karpFlatt, 3), ms(pt.startupSeconds) });
    });
    QObject::connect(&experiment, &Experiment::seriesFinished, &experiment, [&](const SweepSeries& s) {
        if (s.amdahl.valid())
            labels << QStringLiteral("Amdahl serial fraction (%1): %2 (least squares over %3 point(s) with p > 1, rms residual %4)")
                          .arg(s.label(), QString::number(s.amdahl.serialFraction, 'f', 3))
                          .arg(s.amdahl.points)
                          .arg(ms(s.amdahl.rmsResidual));
        else
            labels << QStringLiteral("Amdahl serial fraction (%1): not enough points (needs p = 1 and some p > 1)").arg(s.label());
    });
    const SweepResult result = experiment.run(spec);
    for (const QString& line : std::as_const(labels))
        table << line << Qt::endl;
    if (!csvFile.isEmpty()) {
        QSaveFile file(csvFile); // all or nothing: never a half-written CSV
        if (!file.open(QIODevice::WriteOnly) || file.write(result.toCsv().toUtf8()) < 0 || !file.commit()) {
            QTextStream(stderr) << "proclab-cli: cannot write " << csvFile << ": " << file.errorString() << Qt::endl;
            return EngineError;
        }
    }
    if (json)
        printJson(result.toJson());
    if (result.outcome != SweepResult::Outcome::Completed) {
        QTextStream(stderr) << "proclab-cli: sweep " << toString(result.outcome) << ": " << result.error << Qt::endl;
        return EngineError;
    }
    bool failed = false;
    bool verified = true;
    for (const SweepSeries& s : result.series) {
        for (const SweepPoint& pt : s.points) {
            failed = failed || pt.failedTasks > 0;
            verified = verified && pt.verified;
        }
    }
    return failed ? TasksFailed : verified ? Ok : VerifyFailed;
}

int cmdDemo(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("list"), QStringLiteral("list the demos") });
    p.addOption({ QStringLiteral("python"), QStringLiteral("print the equivalent Python") });
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("demo"));
    if (auto r = parse(p, args))
        return *r;
    const bool json = p.isSet(QStringLiteral("json"));
    if (p.isSet(QStringLiteral("list"))) {
        QJsonArray list;
        for (const Demo* d : demos())
            list.append(QJsonObject { { QStringLiteral("name"), d->name() }, { QStringLiteral("topic"), d->topic() },
                { QStringLiteral("description"), d->description() } });
        if (json) {
            printJson({ { QStringLiteral("demos"), list } });
        } else {
            for (const Demo* d : demos())
                out() << qSetFieldWidth(20) << Qt::left << d->name() << qSetFieldWidth(0) << d->description() << '\n';
            out() << Qt::flush;
        }
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("demo needs one name, or --list"));
    const Demo* demo = findDemo(pos.at(1));
    if (!demo) {
        QStringList names;
        for (const Demo* d : demos())
            names << d->name();
        return badInput(QStringLiteral("unknown demo '%1' (%2)").arg(pos.at(1), names.join(QStringLiteral(", "))));
    }
    if (p.isSet(QStringLiteral("python"))) {
        const QString source = demo->pythonSource();
        if (json)
            printJson({ { QStringLiteral("demo"), demo->name() }, { QStringLiteral("python"), source } });
        else
            out() << source << Qt::flush;
        return source.isEmpty() ? EngineError : Ok;
    }
    DemoOptions options;
    if (p.isSet(QStringLiteral("processes"))) {
        bool ok = false;
        options.processes = p.value(QStringLiteral("processes")).toInt(&ok);
        if (!ok || options.processes < 1 || options.processes > 64)
            return badInput(QStringLiteral("-p/--processes must be an integer from 1 to 64"));
    }
    if (p.isSet(QStringLiteral("start-method"))) {
        const auto m = parseStartMethod(p.value(QStringLiteral("start-method")));
        if (!m)
            return badInput(QStringLiteral("unknown start method '%1' (spawn, forkserver)").arg(p.value(QStringLiteral("start-method"))));
        options.startMethod = *m;
    }

    // One terminal, as for a Python program and its children: the demo's prints and the workers' go out in
    // the order they happen. stderr (tracebacks) stays on stderr.
    std::mutex terminal;
    QByteArray combined;
    QJsonArray console;
    const auto emitText = [&](const QByteArray& text, int stream) {
        std::lock_guard lock(terminal);
        if (stream == 1)
            combined += text;
        if (json)
            return;
        std::FILE* f = stream == 2 ? stderr : stdout;
        std::fwrite(text.constData(), 1, size_t(text.size()), f);
        std::fflush(f);
    };
    int code = Ok;
    QString error;
    QByteArray parentText;
    {
        Context context(options.startMethod);
        QObject::connect(&context, &Context::consoleOutput, &context, [&](const ConsoleChunk& chunk) {
            emitText(chunk.text, chunk.stream);
            std::lock_guard lock(terminal);
            console.append(QJsonObject { { QStringLiteral("pid"), chunk.pid }, { QStringLiteral("stream"), chunk.stream },
                { QStringLiteral("process"), context.processName(pid_t(chunk.pid)) }, { QStringLiteral("text"), QString::fromUtf8(chunk.text) } });
        }, Qt::DirectConnection);
        DemoOutput output([&](const QByteArray& text) { emitText(text, 1); });
        try {
            code = demo->run(context, options, output);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
            code = EngineError;
        }
        parentText = output.text();
    } // the Context's end flushes the last console output and reaps everything
    if (!error.isEmpty())
        QTextStream(stderr) << "proclab-cli: demo " << demo->name() << ": " << error << Qt::endl;
    if (json) {
        printJson({ { QStringLiteral("demo"), demo->name() }, { QStringLiteral("exit_code"), code },
            { QStringLiteral("output"), QString::fromUtf8(combined) }, { QStringLiteral("parent_output"), QString::fromUtf8(parentText) },
            { QStringLiteral("console"), console }, { QStringLiteral("error"), error } });
    }
    return code;
}

int cmdLesson(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("list"), QStringLiteral("list the lessons") });
    p.addOption({ QStringLiteral("python"), QStringLiteral("print the lesson's Python program") });
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("lesson"));
    if (auto r = parse(p, args))
        return *r;
    const bool json = p.isSet(QStringLiteral("json"));
    if (p.isSet(QStringLiteral("list"))) {
        QJsonArray list;
        for (const Lesson& l : lessons()) {
            list.append(QJsonObject { { QStringLiteral("name"), l.name }, { QStringLiteral("title"), l.title() } });
            if (!json)
                out() << l.name << '\t' << l.title() << '\n';
        }
        if (json)
            printJson({ { QStringLiteral("lessons"), list } });
        out() << Qt::flush;
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("lesson needs one name, or --list"));
    const Lesson* lesson = findLesson(pos.at(1));
    if (!lesson) {
        QStringList names;
        for (const Lesson& l : lessons())
            names << l.name;
        return badInput(QStringLiteral("unknown lesson '%1' (%2)").arg(pos.at(1), names.join(QStringLiteral(", "))));
    }
    if (p.isSet(QStringLiteral("python"))) {
        out() << lesson->python() << Qt::flush;
        return Ok;
    }
    DemoOutput output([json](const QByteArray& text) {
        if (json)
            return;
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        std::fflush(stdout);
    });
    SweepResult sweep;
    const int code = runLessonAction(*lesson, output, &sweep);
    if (json) {
        QJsonObject o { { QStringLiteral("lesson"), lesson->name }, { QStringLiteral("title"), lesson->title() },
            { QStringLiteral("exit_code"), code }, { QStringLiteral("output"), QString::fromUtf8(output.text()) } };
        if (lesson->action.kind == LessonAction::Kind::Sweep)
            o.insert(QStringLiteral("sweep"), sweep.toJson());
        printJson(o);
    }
    return code == Ok ? Ok : EngineError;
}

int cmdBench(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("repeats"), QStringLiteral("repeats"), QStringLiteral("R"), QStringLiteral("7") });
    p.addOption({ QStringLiteral("tasks"), QStringLiteral("tasks"), QStringLiteral("N"), QStringLiteral("10000") });
    p.addOption({ QStringLiteral("no-python"), QStringLiteral("skip CPython") });
    if (auto r = parse(p, args))
        return *r;
    BenchOptions o;
    bool ok1 = false;
    bool ok2 = false;
    o.repeats = p.value(QStringLiteral("repeats")).toInt(&ok1);
    o.tasks = p.value(QStringLiteral("tasks")).toInt(&ok2);
    if (!ok1 || !ok2 || o.repeats < 1 || o.repeats > 1000 || o.tasks < 1 || o.tasks > 10'000'000)
        return badInput(QStringLiteral("--repeats must be 1..1000 and --tasks 1..10000000"));
    o.python = !p.isSet(QStringLiteral("no-python"));
    const bool json = p.isSet(QStringLiteral("json"));
    const QJsonObject result = runBenchmarks(o, [json](const QString& line) {
        if (json)
            QTextStream(stderr) << line << Qt::endl;
        else
            out() << line << Qt::endl;
    });
    if (json)
        printJson(result);
    return Ok;
}

// What a recorded run holds: its processes, events per kind, duration, tasks and console.
QJsonObject traceSummary(const Trace& t)
{
    std::map<qint64, qint64> perProcess; // pid → events
    std::map<QString, qint64> perKind;
    std::map<EventKind, qint64> counts;
    for (const Event& e : t.events) {
        ++perProcess[e.pid == 0 ? t.enginePid : e.pid];
        ++perKind[eventKindName(e.kind)];
        ++counts[e.kind];
    }
    QJsonArray processes;
    for (const auto& [pid, n] : perProcess) {
        const auto name = t.processNames.find(pid);
        processes.append(QJsonObject { { QStringLiteral("pid"), pid },
            { QStringLiteral("name"),
                name != t.processNames.end() ? name->second : pid == t.enginePid ? QStringLiteral("MainProcess") : QString() },
            { QStringLiteral("events"), n } });
    }
    QJsonObject kinds;
    for (const auto& [kind, n] : perKind)
        kinds.insert(kind, n);
    qint64 raised = 0;
    for (const Event& e : t.events)
        raised += e.kind == EventKind::TaskEnd && e.value != 0;
    const auto count = [&](EventKind k) { return counts.count(k) ? counts.at(k) : 0; };
    const double duration = t.events.empty() ? 0.0 : double(t.events.back().tNs - t.events.front().tNs) / 1e9;
    return { { QStringLiteral("engine_pid"), t.enginePid }, { QStringLiteral("events"), qint64(t.events.size()) },
        { QStringLiteral("duration_s"), duration }, { QStringLiteral("processes"), processes }, { QStringLiteral("kinds"), kinds },
        { QStringLiteral("tasks"),
            QJsonObject { { QStringLiteral("submitted"), count(EventKind::TaskSubmit) }, { QStringLiteral("started"), count(EventKind::TaskStart) },
                { QStringLiteral("ended"), count(EventKind::TaskEnd) }, { QStringLiteral("raised"), raised },
                { QStringLiteral("results"), count(EventKind::TaskResult) }, { QStringLiteral("lost"), count(EventKind::TaskLost) } } },
        { QStringLiteral("console_records"), qint64(t.console.size()) }, { QStringLiteral("settings"), t.settings } };
}

int cmdTrace(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({ { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("help") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("JSON output") });
    p.addOption({ QStringLiteral("chrome"), QStringLiteral("Chrome Trace Event JSON file"), QStringLiteral("OUT") });
    p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("recorded run"));
    if (auto r = parse(p, args))
        return *r;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("trace needs one file (a run saved with run --save or by the window)"));
    if (p.isSet(QStringLiteral("chrome")) && p.value(QStringLiteral("chrome")).isEmpty())
        return badInput(QStringLiteral("--chrome needs a file name"));
    QString error;
    const std::optional<Trace> t = Trace::load(pos.at(1), &error);
    if (!t)
        return badInput(error);
    if (p.isSet(QStringLiteral("chrome")) && !t->saveChromeTrace(p.value(QStringLiteral("chrome")), &error)) {
        QTextStream(stderr) << "proclab-cli: " << error << Qt::endl;
        return EngineError;
    }
    const QJsonObject s = traceSummary(*t);
    if (p.isSet(QStringLiteral("json"))) {
        printJson(s);
        return Ok;
    }
    out() << pos.at(1) << ": " << t->events.size() << " events over " << QString::number(s.value(QStringLiteral("duration_s")).toDouble(), 'f', 3)
          << " s, engine pid " << t->enginePid << '\n';
    if (!t->settings.isEmpty())
        out() << "settings: " << QJsonDocument(t->settings).toJson(QJsonDocument::Compact) << '\n';
    out() << "processes:\n";
    for (const auto& v : s.value(QStringLiteral("processes")).toArray()) {
        const QJsonObject o = v.toObject();
        out() << "  " << qSetFieldWidth(8) << o.value(QStringLiteral("pid")).toInteger() << qSetFieldWidth(0) << "  "
              << qSetFieldWidth(24) << Qt::left << o.value(QStringLiteral("name")).toString() << qSetFieldWidth(0) << Qt::right
              << o.value(QStringLiteral("events")).toInteger() << " events\n";
    }
    out() << "events by kind:\n";
    const QJsonObject kinds = s.value(QStringLiteral("kinds")).toObject();
    for (auto it = kinds.begin(); it != kinds.end(); ++it)
        out() << "  " << qSetFieldWidth(18) << Qt::left << it.key() << qSetFieldWidth(0) << Qt::right << it.value().toInteger() << '\n';
    const QJsonObject tasks = s.value(QStringLiteral("tasks")).toObject();
    out() << "tasks: " << tasks.value(QStringLiteral("started")).toInteger() << " started, "
          << tasks.value(QStringLiteral("ended")).toInteger() << " ended (" << tasks.value(QStringLiteral("raised")).toInteger()
          << " raised), " << tasks.value(QStringLiteral("results")).toInteger() << " results, "
          << tasks.value(QStringLiteral("lost")).toInteger() << " lost\n";
    out() << "console: " << t->console.size() << " records\n" << Qt::flush;
    return Ok;
}

} // namespace

int run(const QStringList& arguments)
{
    if (arguments.size() < 2) {
        QTextStream(stderr) << Usage;
        return BadInput;
    }
    const QString command = arguments.at(1);
    QStringList rest = arguments;
    rest.removeAt(1); // QCommandLineParser expects argv[0] first
    if (command == QLatin1String("-h") || command == QLatin1String("--help") || command == QLatin1String("help")) {
        out() << Usage << Qt::flush;
        return Ok;
    }
    if (command == QLatin1String("--version")) {
        out() << "proclab-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    if (command == QLatin1String("list"))
        return cmdList(rest);
    if (command == QLatin1String("map"))
        return cmdMap(arguments);
    if (command == QLatin1String("run"))
        return cmdRun(arguments);
    if (command == QLatin1String("sweep"))
        return cmdSweep(arguments);
    if (command == QLatin1String("bench"))
        return cmdBench(rest);
    if (command == QLatin1String("demo"))
        return cmdDemo(arguments);
    if (command == QLatin1String("lesson"))
        return cmdLesson(arguments);
    if (command == QLatin1String("trace"))
        return cmdTrace(arguments);
    return badInput(
        QStringLiteral("unknown command '%1' (list, map, run, sweep, demo, lesson, trace, bench; --help)").arg(command));
}

} // namespace proclab::cli
