#include "benchmarks.h"

#include "base/clock.h"
#include "base/ioloop.h"
#include "base/platform.h"
#include "engine/context.h"
#include "engine/pool.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <algorithm>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace proclab::cli {

namespace {

struct Stats {
    double median = 0;
    double min = 0;
    double max = 0;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.empty())
        return {};
    return { v[v.size() / 2], v.front(), v.back() };
}

QJsonObject toJson(const Stats& s, const char* unit)
{
    return { { QStringLiteral("median"), s.median }, { QStringLiteral("min"), s.min }, { QStringLiteral("max"), s.max },
        { QStringLiteral("unit"), QLatin1String(unit) } };
}

// Start-up of a 2-worker pool: construction until both workers said Ready. With forkserver the server is
// started once per context (as in Python) and measured separately.
QJsonObject benchStartup(StartMethod method, int repeats, const std::function<void(const QString&)>& progress)
{
    Context context(method);
    context.events().setRecording(false); // measured, not traced
    std::vector<double> ms;
    qint64 serverNs = 0;
    for (int r = 0; r < repeats + 1; ++r) {
        const qint64 t0 = monotonicNs();
        Pool pool(&context, { 2 });
        if (!pool.waitReady(10000))
            return { { QStringLiteral("error"), pool.brokenReason() } };
        const qint64 t = monotonicNs() - t0;
        if (r == 0 && method == StartMethod::ForkServer)
            serverNs = context.forkServerStartupNs();
        if (r > 0) // the first round warms the page cache (and starts the forkserver)
            ms.push_back(double(t) / 1e6);
    }
    const Stats s = stats(ms);
    progress(QStringLiteral("start-up, %1, 2 workers ready: %2 ms (min %3)")
                 .arg(toString(method))
                 .arg(s.median, 0, 'f', 2)
                 .arg(s.min, 0, 'f', 2));
    QJsonObject o = toJson(s, "ms");
    if (method == StartMethod::ForkServer)
        o.insert(QStringLiteral("server_startup_ms"), double(serverNs) / 1e6);
    return o;
}

// Pool per-task overhead: `tasks` empty tasks through map on 2 workers, wall time divided by tasks.
QJsonObject benchOverhead(
    StartMethod method, int chunksize, int tasks, int repeats, const std::function<void(const QString&)>& progress)
{
    Context context(method);
    context.events().setRecording(false); // measured, not traced
    Pool pool(&context, { 2 });
    pool.waitReady();
    QCborArray inputs;
    for (int i = 0; i < tasks; ++i)
        inputs.append(i);
    const Function noop = Function::named(QStringLiteral("noop"));
    pool.map(noop, inputs, chunksize); // warm-up: function definitions, adaptive windows
    std::vector<double> us;
    for (int r = 0; r < repeats; ++r) {
        const qint64 t0 = monotonicNs();
        const QCborArray out = pool.map(noop, inputs, chunksize);
        const qint64 t = monotonicNs() - t0;
        if (out.size() != tasks)
            return { { QStringLiteral("error"), QStringLiteral("lost results") } };
        us.push_back(double(t) / 1e3 / tasks);
    }
    pool.close();
    pool.join();
    const Stats s = stats(us);
    progress(QStringLiteral("pool overhead, %1, chunksize %2: %3 us per task (min %4)")
                 .arg(toString(method))
                 .arg(chunksize)
                 .arg(s.median, 0, 'f', 3)
                 .arg(s.min, 0, 'f', 3));
    return toJson(s, "us/task");
}

// The floor under any of this: one byte there and back between two processes over a socketpair.
QJsonObject benchRoundTrip(int roundTrips, const std::function<void(const QString&)>& progress)
{
    int sv[2];
    if (!platform::makeSocketPair(SOCK_STREAM, sv))
        return { { QStringLiteral("error"), QStringLiteral("socketpair failed") } };
    platform::SpawnSpec spec;
    spec.program = Context::defaultWorkerPath();
    spec.arguments = { QStringLiteral("--echo"), QStringLiteral("3") };
    spec.fds = { { 0, 0 }, { 1, 1 }, { 2, 2 }, { sv[1], 3 } };
    QString error;
    const pid_t pid = platform::spawn(spec, &error);
    ::close(sv[1]);
    if (pid < 0) {
        ::close(sv[0]);
        return { { QStringLiteral("error"), error } };
    }
    std::vector<double> us;
    char byte = 'x';
    for (int r = 0; r < 5; ++r) {
        const qint64 t0 = monotonicNs();
        for (int i = 0; i < roundTrips; ++i) {
            if (::write(sv[0], &byte, 1) != 1 || ::read(sv[0], &byte, 1) != 1)
                break;
        }
        us.push_back(double(monotonicNs() - t0) / 1e3 / roundTrips);
    }
    ::close(sv[0]);
    platform::reap(pid, nullptr, true);
    const Stats s = stats(us);
    progress(QStringLiteral("raw round trip between two processes: %1 us (min %2)")
                 .arg(s.median, 0, 'f', 3)
                 .arg(s.min, 0, 'f', 3));
    return toJson(s, "us");
}

// CPython's Pool on the same machine in the same run, when python3 is installed.
QJsonObject benchPython(int tasks, int repeats, const std::function<void(const QString&)>& progress)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return { { QStringLiteral("error"), QStringLiteral("python3 not found") } };
    const QString script = QStringLiteral("import multiprocessing as mp, time, statistics\n"
                                          "def f(x):\n    return None\n"
                                          "if __name__ == '__main__':\n"
                                          "    with mp.get_context('spawn').Pool(2) as p:\n"
                                          "        p.map(f, range(%1), chunksize=1)\n"
                                          "        out = []\n"
                                          "        for r in range(%2):\n"
                                          "            t = time.perf_counter(); p.map(f, range(%1), chunksize=1)\n"
                                          "            out.append((time.perf_counter() - t) / %1 * 1e6)\n"
                                          "        out.sort(); print(out[len(out)//2], out[0], out[-1])\n")
                               .arg(tasks)
                               .arg(repeats);
    // A file, not `-c`: spawn children re-import the main module to find f (the tutorials' __main__ rule).
    QTemporaryFile file(QDir::tempPath() + QStringLiteral("/proclab-bench-XXXXXX.py"));
    if (!file.open() || file.write(script.toUtf8()) < 0 || !file.flush())
        return { { QStringLiteral("error"), QStringLiteral("cannot write the Python script") } };
    QProcess proc;
    proc.start(python, { file.fileName() });
    if (!proc.waitForFinished(60000) || proc.exitCode() != 0) {
        proc.kill();
        proc.waitForFinished();
        const QStringList lines = QString::fromUtf8(proc.readAllStandardError()).trimmed().split(QLatin1Char('\n'));
        return { { QStringLiteral("error"), lines.isEmpty() ? QStringLiteral("python3 failed") : lines.last() } };
    }
    const QStringList parts
        = QString::fromUtf8(proc.readAllStandardOutput()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() != 3)
        return { { QStringLiteral("error"), QStringLiteral("unexpected output") } };
    const Stats s { parts[0].toDouble(), parts[1].toDouble(), parts[2].toDouble() };
    progress(QStringLiteral("CPython multiprocessing.Pool(2).map, chunksize 1: %1 us per task (min %2)")
                 .arg(s.median, 0, 'f', 3)
                 .arg(s.min, 0, 'f', 3));
    return toJson(s, "us/task");
}

} // namespace

QJsonObject runBenchmarks(const BenchOptions& o, const std::function<void(const QString&)>& progress)
{
    QJsonObject startup;
    startup.insert(QStringLiteral("spawn"), benchStartup(StartMethod::Spawn, o.repeats, progress));
    startup.insert(QStringLiteral("forkserver"), benchStartup(StartMethod::ForkServer, o.repeats, progress));

    QJsonObject overhead;
    for (StartMethod m : { StartMethod::Spawn, StartMethod::ForkServer }) {
        QJsonObject byChunk;
        for (int chunksize : { 1, 100 })
            byChunk.insert(QStringLiteral("chunksize_%1").arg(chunksize),
                benchOverhead(m, chunksize, o.tasks, o.repeats, progress));
        overhead.insert(toString(m), byChunk);
    }
    QJsonObject result {
        { QStringLiteral("workers"), 2 },
        { QStringLiteral("tasks"), o.tasks },
        { QStringLiteral("worker_startup_ms"), startup },
        { QStringLiteral("pool_overhead_us_per_task"), overhead },
        { QStringLiteral("raw_round_trip_us"), benchRoundTrip(o.roundTrips, progress) },
    };
    if (o.python)
        result.insert(QStringLiteral("python_pool_overhead_us_per_task"), benchPython(o.tasks, o.repeats, progress));
    const double ours = overhead.value(QStringLiteral("spawn"))
                            .toObject()
                            .value(QStringLiteral("chunksize_1"))
                            .toObject()
                            .value(QStringLiteral("median"))
                            .toDouble();
    const double theirs = result.value(QStringLiteral("python_pool_overhead_us_per_task"))
                              .toObject()
                              .value(QStringLiteral("median"))
                              .toDouble();
    if (ours > 0 && theirs > 0) {
        result.insert(QStringLiteral("speedup_vs_python_chunksize_1"), theirs / ours);
        progress(
            QStringLiteral("ProcLab's pool is %1x faster per task than CPython's here").arg(theirs / ours, 0, 'f', 1));
    }
    return result;
}

} // namespace proclab::cli
