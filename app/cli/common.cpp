#include "common.h"

#include "content/workload.h"
#include "lab/experiment.h"
#include "lab/options.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

#include <algorithm>

namespace proclab::cli {

namespace {

constexpr qint64 HangDefaultDeadlineMs = 3000;

} // namespace

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

QString unwritable(const QString& option, const QString& file)
{
    const QFileInfo info(file);
    const QFileInfo folder(info.absolutePath());
    if (info.isDir())
        return QStringLiteral("%1 %2: that is a folder").arg(option, file);
    if (info.exists() ? !info.isWritable() : !folder.isDir() || !folder.isWritable())
        return QStringLiteral("%1 %2: cannot write there (%3)")
            .arg(option, file,
                info.exists() ? QStringLiteral("no permission") : QStringLiteral("no such folder, or no permission"));
    return {};
}

QString outputOptionError(const QCommandLineParser& p, const QString& option)
{
    if (!p.isSet(option))
        return {};
    const QString file = p.value(option);
    const QString flag = QStringLiteral("--") + option;
    return file.isEmpty() ? QStringLiteral("%1 needs a file name").arg(flag) : unwritable(flag, file);
}

void printJson(const QJsonObject& o)
{
    out() << QJsonDocument(o).toJson(QJsonDocument::Indented) << Qt::flush;
}

QJsonValue cborToJson(const QCborValue& v)
{
    return v.toJsonValue();
}

const char* const Usage = R"(usage: proclab-cli <command> [options]

Commands:
  list                      workloads with their parameters, executors, start methods
  map EXPR --inputs SPEC    Pool.map of a typed function, printed as Python prints the list
  run WORKLOAD              run a workload on real processes (or threads), verify, time it
  sweep WORKLOAD            scaling experiment: wall time against processes, speedup, Amdahl fit
  bench                     every primitive measured beside CPython and the bare OS, with ratios
  demo NAME                 run one tutorial example on real processes, print what the tutorial printed
  demo --list               the demos, one line each
  lesson NAME               run a lesson's experiment (a demo or a small sweep) and print what it shows
  lesson --list             the lessons in curriculum order: name, a tab, title
  trace FILE                summary of a recorded run (saved with run --save or by the window)
  python FILE [-- ARGS]     run your own Python multiprocessing script for real, live, under ProcLab's probe
  hosts --hosts FILE        check every host of an Open MPI hostfile: reachable, the worker there, the way back

Common options:
  -p, --processes N         number of worker processes (or threads)          [cpu count]
  --executor E              process | thread | gil-thread | serial |         [process]
                            mpi-spmd | mpi-farm (MPI ranks under mpirun, see "MPI" below)
  --start-method M          spawn | forkserver                               [forkserver]
  --scheduling S            dynamic | static                                 [dynamic]
  --chunksize K             tasks per chunk                                  [Python's default]
  --json                    machine-readable output

map:
  --inputs SPEC             a..b (inclusive range), a comma list 1,2,3.5, or for starmap
                            tuples '(1,1),(2,2)'
  --mode M                  map | imap | imap_unordered | starmap            [map]
  A range mapped in order (map, imap) is printed as it comes: memory does not grow with its length
  (--json, imap_unordered and starmap keep every result).
  example: proclab-cli map 'x*x+1' --inputs 0..7 -p 4   ->  [1, 2, 5, 10, 17, 26, 37, 50]

run:
  --set key=value           a workload parameter (repeatable; see `list`)
  --pace MS                 a real delay before each task, to watch a run at human speed
  --trace FILE.json         also write the run's events as Chrome Trace Event JSON (Perfetto, chrome://tracing)
  --save FILE               also record the run (events, process names, console, settings) in ProcLab's format
  --json                    also each worker's CPU seconds (user + system), voluntary and involuntary context
                            switches and peak RSS (KiB), as the kernel counted them when it was reaped (wait4;
                            "source": "rusage"), null where not measured (threads, MPI ranks). Under spawn the
                            peak RSS is at least proclab-cli's own at the spawn: Linux keeps the peak of the
                            memory that posix_spawn's vfork shares until exec
  Live CPU and memory: while its events are kept (--trace, --save, the window), each process is read from
  /proc every 100 ms (CPU % over the interval, resident memory): ProcessSample events, counters in the
  Chrome trace. $PROCLAB_SAMPLE_MS sets the period, 0 turns it off
  Memory: without --trace or --save, expr, pi, spin and sleep run as a stream (inputs made as chunks go out,
  results folded as they come in, no events kept): memory does not grow with the number of tasks, and
  chunksize auto is Python's default but at most 16384. --trace and --save keep every event and result, so
  memory grows with the tasks (measured: about 3 KiB per task with --save, 14 KiB with --trace).
  example: proclab-cli run pi --set samples=400000000 -p 2

run and map, failures on purpose (to watch the engine recover):
  --inject KIND[:TASK[:PHASE]]  make the worker running task TASK (default 0) fail; repeatable. KIND:
                            crash (SIGSEGV), abort (SIGABRT), kill (it SIGKILLs itself), exit (_exit(3)),
                            hang (never returns, ignores SIGTERM; needs a deadline), throw (the task raises).
                            TASK 'start' fails every worker while it starts (a crash loop: the pool breaks).
                            PHASE decode | run | encode: decoding arguments, running, encoding the result [run].
                            Process executor only, except throw (and kill:TASK for MPI ranks).
  --deadline MS             a task running longer has its worker killed (DeadlineExceeded); a replacement
                            starts. With --inject hang and no --deadline: 3000 ms
  The run completes every other task, reports each lost task with its cause, pid and phase, and exits 3.
  example: proclab-cli run spin -p 2 --inject kill:5

sweep:
  -p, --processes SPEC      1..N, N (= 1..N) or a list 1,2,4                   [1..cpu count]
  --executor E1,E2          one series per executor (and per chunksize)        [process]
  --chunksize K1,K2         one series per chunksize                           [Python's default]
  --size KEY=V1,V2          one series per problem size, e.g. n=128,256,512     [the --set value]
  --weak KEY                weak scaling: KEY grows with p so each process keeps the work it had at p = 1
                            (pi's samples x p, matmul's n x p^(1/3)); speedup is then Gustafson's scaled
                            speedup p T1/T(p), efficiency T1/T(p), and the fit is Gustafson's law
                            S(p) = p - s (p - 1)                                [strong: the problem is fixed]
  --repeats R, --warmup W   measured and unrecorded runs at every point        [3, 1]
  --fit-max P               Amdahl fit over the points with p <= P              [all points]
  --csv FILE                also save the points as CSV
  --set, --pace, --start-method, --scheduling as for run
  --json                    the whole result at the end (the live table goes to stderr then). Per point,
                            `workers` are those of the run nearest the median, each with cpu_s,
                            voluntary_switches, involuntary_switches, peak_rss_kib and source as in run --json
                            (null for threads and a script's processes)
  The Amdahl serial fraction f is fitted by least squares on the wall times, T(p) = T1 (f + (1-f)/p) with
  T1 the median at p = 1 (mpi-farm: p - 1 ranks compute once p > 1, rank 0 deals; the fit counts them).
  Karp-Flatt metric: e = (1/S - 1/p) / (1 - 1/p).
  Breakdown (process executor): p x (start-up + wall) of the run nearest the median split into useful work,
  pool start-up, serial part, dispatch and results, waiting, imbalance; from the run's events (`breakdown` in
  --json, in seconds).
  example: proclab-cli sweep spin --set tasks=8 --set ms=50 -p 1..3 --repeats 2
  sweep --script FILE [--python INTERP] [-- ARGS]: a Python script instead of a workload, run under the probe
                            at each p with os.cpu_count(), Pool() and ProcessPoolExecutor() without an argument
                            (and $PROCLAB_PROCESSES) set to p; wall time from the script's first line to its exit,
                            the interpreter's start-up apart; a non-zero exit marks the point NOT VERIFIED.
                            --start-method is the script's default then [the script's own choice]
  example: proclab-cli sweep --script resources/python/pi-amdahl.py -p 1..2 --repeats 1

MPI (run and sweep with --executor mpi-spmd or mpi-farm; needs Open MPI: openmpi-bin):
  -p N                      MPI ranks (more than the cores is fine: mpirun runs with --oversubscribe)
  --hosts FILE              an Open MPI hostfile ("nodeA slots=2" per line): ranks across machines, which
                            reach this one over TCP; proclab-mpi-worker must be at the same path on each
  --rsh-agent PROGRAM       what mpirun runs instead of ssh (a fake one simulates hosts on one machine)
  --survive                 mpi-farm: a computing rank that dies is named and its chunk dealt again by rank
                            0 (mpirun --enable-recovery); without it MPI is fail-stop: the job ends
  --inject kill:TASK        the rank that starts TASK SIGKILLs itself (the only fault MPI ranks take)
  mpi-spmd: each rank takes a block of tasks, then MPI_Reduce and MPI_Gatherv to rank 0. mpi-farm: rank 0
  deals chunks of --chunksize tasks over MPI_Send/MPI_Recv to the other ranks. Start-up (mpirun to every
  rank past the first MPI_Barrier) is reported apart from wall time. As root, set OMPI_ALLOW_RUN_AS_ROOT=1
  and OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 (mpirun refuses otherwise).
  example: proclab-cli run pi --executor mpi-spmd -p 4
  hosts --hosts FILE [--rsh-agent P] [--timeout S] [--json]: asks each host at once, as a run would
  (mpirun --host H -n 1 proclab-mpi-worker --check-host): ready, unreachable (ssh or Open MPI's daemon
  failed, or no answer in S seconds [30]), no worker (not at that path there, or cannot start), no engine
  (the worker cannot connect back to this machine: a firewall). Exit code 0 when every host is ready, 1 if not.

demo:
  --python                  print the equivalent Python program instead of running the demo
  -p N, --start-method M    pool size / number of processes where the demo has a choice, start method
  --trace FILE.json, --save FILE  also write the demo's events as Chrome Trace Event JSON, or record the run
  example: proclab-cli demo queue   ->  [42, None, 'hello']
  demo deadlock: two processes take two locks in opposite orders; the cycle is found in the lock events,
  printed, both processes are stopped, exit code 5 (demo deadlock-fixed: one order, exit code 0)
  demo mpi-deadlock: two MPI ranks each MPI_Send 1 MiB to the other first; the cycle is found in the ranks'
  events, printed, the job stopped, exit code 5 (mpi-exchange: 1 KiB, under the eager limit, works;
  mpi-deadlock-fixed: MPI_Sendrecv, works at any size). --hosts and --rsh-agent apply.

lesson:
  --python                  print the lesson's Python program instead of running it
  --json                    name, title, exit code, output (and the sweep's result for sweep lessons)

trace:
  --chrome OUT.json         also convert the recorded run to Chrome Trace Event JSON
  --json                    the summary as JSON
  example: proclab-cli trace run.json --chrome run-perfetto.json

python:
  --python INTERP           the interpreter: a path (a venv's bin/python) or a name on PATH  [python3]
  --start-method M          fork | spawn | forkserver: the default the script gets           [the script's choice]
  -p, --processes N         os.cpu_count(), Pool() and ProcessPoolExecutor() without an argument use N
  --trace FILE.json         also write the run's events as Chrome Trace Event JSON
  --save FILE               also record the run (events, process names, console) in ProcLab's format
  --json                    the summary and the console as JSON at the end
  The script's console goes out as it is printed; the summary (processes and exit codes, tasks, queue items,
  lock holds) goes to stderr at the end; the exit code is the script's (128+N when a signal N ended it).
  Arguments after -- are the script's. Ctrl+C stops the script's processes (SIGTERM, then SIGKILL).
  example: proclab-cli python my_pool.py --start-method spawn -- 1000

bench:
  --repeats R, --tasks N    repeats of each measurement [5], tasks per pool map [10000]
  --quick                   small sizes, one repeat: checks that every measurement runs (CI)
  --no-python               skip CPython's side (resources/bench/primitives.py)
  --only TEXT               only the measurements whose id contains TEXT (no CPython)
  --start-method M          the pool's, for per-task overhead                [forkserver]

Exit codes: 0 ok, 1 engine error, 2 bad input, 3 some tasks failed, 4 verification failed,
5 demo deadlock or mpi-deadlock: the processes deadlocked, the cycle was printed and they were stopped.
)";

void addCommon(QCommandLineParser& p)
{
    p.addOption(
        { { QStringLiteral("p"), QStringLiteral("processes") }, QStringLiteral("workers"), QStringLiteral("N") });
    p.addOption({ QStringLiteral("executor"), QStringLiteral("executor"), QStringLiteral("E") });
    p.addOption({ QStringLiteral("start-method"), QStringLiteral("start method"), QStringLiteral("M") });
    p.addOption({ QStringLiteral("scheduling"), QStringLiteral("scheduling"), QStringLiteral("S") });
    p.addOption({ QStringLiteral("chunksize"), QStringLiteral("chunksize"), QStringLiteral("K") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("JSON output") });
    p.addOption({ { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("help") });
}

void addMpiOptions(QCommandLineParser& p)
{
    p.addOption({ QStringLiteral("hosts"), QStringLiteral("Open MPI hostfile"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("rsh-agent"), QStringLiteral("mpirun's remote shell"), QStringLiteral("PROGRAM") });
    p.addOption({ QStringLiteral("survive"), QStringLiteral("mpi-farm runs on when a rank dies") });
}

QString readMpiOptions(const QCommandLineParser& p)
{
    MpiOptions o = mpiDefaults();
    if (p.isSet(QStringLiteral("hosts"))) {
        o.hostfile = p.value(QStringLiteral("hosts"));
        if (!QFileInfo(o.hostfile).isReadable())
            return QStringLiteral("--hosts: cannot read '%1'").arg(o.hostfile);
        o.hostfile = QFileInfo(o.hostfile).absoluteFilePath();
    }
    if (p.isSet(QStringLiteral("rsh-agent")))
        o.rshAgent = p.value(QStringLiteral("rsh-agent"));
    o.survive = p.isSet(QStringLiteral("survive"));
    setMpiDefaults(o);
    return {};
}

QString readCommon(const QCommandLineParser& p, Common* c)
{
    c->json = p.isSet(QStringLiteral("json"));
    c->processes = std::max(1, QThread::idealThreadCount());
    if (p.isSet(QStringLiteral("processes"))) {
        const auto n = options::processes(p.value(QStringLiteral("processes")));
        if (!n)
            return n.error;
        c->processes = *n;
    }
    if (p.isSet(QStringLiteral("executor"))) {
        const auto e = options::executor(p.value(QStringLiteral("executor")));
        if (!e)
            return e.error;
        c->executor = *e;
    }
    if (p.isSet(QStringLiteral("start-method"))) {
        const auto m = options::startMethod(p.value(QStringLiteral("start-method")));
        if (!m)
            return m.error;
        c->startMethod = *m;
    }
    if (p.isSet(QStringLiteral("scheduling"))) {
        const auto s = options::scheduling(p.value(QStringLiteral("scheduling")));
        if (!s)
            return s.error;
        c->scheduling = *s;
    }
    if (p.isSet(QStringLiteral("chunksize"))) {
        const auto k = options::chunksize(p.value(QStringLiteral("chunksize")));
        if (!k)
            return k.error;
        c->chunksize = *k;
    }
    return {};
}

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

QJsonObject mpiJson(const MpiRunResult& r)
{
    QJsonArray ranks;
    for (const MpiRank& k : r.ranks)
        ranks.append(QJsonObject { { QStringLiteral("rank"), k.rank }, { QStringLiteral("host"), k.host },
            { QStringLiteral("pid"), k.pid }, { QStringLiteral("key"), k.key },
            { QStringLiteral("mpi_init_s"), double(k.initNs) / 1e9 },
            { QStringLiteral("clock_offset_s"), double(k.offsetNs) / 1e9 },
            { QStringLiteral("clock_rtt_s"), double(k.rttNs) / 1e9 }, { QStringLiteral("tasks"), k.tasks } });
    QJsonArray collectives;
    for (const auto& call : r.collectives)
        collectives.append(QJsonObject { { QStringLiteral("op"), call.op }, { QStringLiteral("bytes"), call.bytes } });
    QJsonArray counts;
    for (const QCborValue& v : r.reducedCounts)
        counts.append(v.toInteger());
    QJsonArray lost; // survive mode: ranks that died, their chunks dealt again
    for (const auto& l : r.lost)
        lost.append(QJsonObject { { QStringLiteral("rank"), l.rank }, { QStringLiteral("host"), l.host },
            { QStringLiteral("pid"), l.pid }, { QStringLiteral("task"), l.task >= 0 ? QJsonValue(l.task) : QJsonValue() } });
    return { { QStringLiteral("ranks"), ranks }, { QStringLiteral("lost"), lost },
        { QStringLiteral("reduced_sum"), r.reducedSum ? QJsonValue(double(*r.reducedSum)) : QJsonValue() },
        { QStringLiteral("reduced_counts"), counts }, { QStringLiteral("collectives"), collectives },
        { QStringLiteral("teardown_s"), double(r.teardownNs) / 1e9 }, { QStringLiteral("mpirun_exit"), r.mpirunExit },
        { QStringLiteral("mpirun"), QJsonArray::fromStringList(r.mpirunCommand) } };
}

QJsonArray workersJson(const QList<WorkerStat>& workers)
{
    QJsonArray a;
    for (const auto& w : workers) {
        QJsonObject o { { QStringLiteral("pid"), w.pid }, { QStringLiteral("tasks"), w.tasks },
            { QStringLiteral("name"), w.name } };
        if (w.tid)
            o.insert(QStringLiteral("tid"), w.tid);
        insertWorkerUsage(&o, w.usage);
        a.append(o);
    }
    return a;
}

QJsonArray failuresJson(const std::map<qsizetype, TaskFailure>& failures)
{
    QJsonArray a;
    for (const auto& [index, f] : failures) {
        QJsonObject o { { QStringLiteral("task"), index }, { QStringLiteral("type"), f.type },
            { QStringLiteral("message"), f.message }, { QStringLiteral("pid"), f.pid },
            { QStringLiteral("worker"), f.worker }, { QStringLiteral("phase"), f.phase } };
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

void addFaultOptions(QCommandLineParser& p)
{
    p.addOption(
        { QStringLiteral("inject"), QStringLiteral("failure on purpose"), QStringLiteral("KIND[:TASK[:PHASE]]") });
    p.addOption({ QStringLiteral("deadline"), QStringLiteral("task deadline"), QStringLiteral("MS") });
}

QString readFaults(
    const QCommandLineParser& p, const Common& c, qsizetype tasks, QList<Fault>* faults, qint64* deadlineMs)
{
    QString error;
    for (const QString& text : p.values(QStringLiteral("inject"))) {
        const auto f = Fault::parse(text, &error);
        if (!f)
            return error;
        if (f->task >= tasks)
            return QStringLiteral("--inject %1: there are only %2 task(s), numbered from 0").arg(text).arg(tasks);
        // MPI ranks: the engine tells the rank that starts the task to SIGKILL itself (MpiOptions::killAtTask).
        const bool mpiKill = isMpi(c.executor) && f->kind == Fault::Kind::Kill && f->task >= 0
            && f->phase == TaskPhase::Running;
        if (isMpi(c.executor) && !mpiKill)
            return QStringLiteral("--inject %1: MPI ranks take kill:TASK only (the rank that starts TASK SIGKILLs "
                                  "itself)")
                .arg(text);
        if (f->killsTheWorker() && c.executor != ExecutorKind::Process && !mpiKill)
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
            return QStringLiteral("--deadline must be milliseconds from 1 to 86400000 (got '%1')")
                .arg(p.value(QStringLiteral("deadline")));
        if (c.executor != ExecutorKind::Process)
            return QStringLiteral("--deadline needs --executor process: a thread cannot be killed");
    }
    const bool hangs
        = std::any_of(faults->begin(), faults->end(), [](const Fault& f) { return f.kind == Fault::Kind::Hang; });
    if (hangs && *deadlineMs == 0) {
        *deadlineMs = HangDefaultDeadlineMs;
        QTextStream(stderr) << "proclab-cli: --inject hang without --deadline: using a deadline of "
                            << HangDefaultDeadlineMs << " ms" << Qt::endl;
    }
    return {};
}

QString readPace(const QCommandLineParser& p, qint64* paceNs)
{
    *paceNs = 0;
    if (p.isSet(QStringLiteral("pace"))) {
        bool ok = false;
        const double ms = p.value(QStringLiteral("pace")).toDouble(&ok);
        if (!ok || ms < 0 || ms > 60000)
            return QStringLiteral("--pace must be milliseconds from 0 to 60000");
        *paceNs = qint64(ms * 1e6);
    }
    return {};
}

void printFailures(const std::map<qsizetype, TaskFailure>& failures, qsizetype tasks)
{
    if (failures.empty())
        return;
    for (const auto& [index, f] : failures)
        out() << "FAILED     task " << index << ": " << f.toString() << '\n';
    out() << "tasks      " << tasks - qsizetype(failures.size()) << " of " << tasks << " completed, " << failures.size()
          << " failed\n";
}

} // namespace proclab::cli
