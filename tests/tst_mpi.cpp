// The MPI backend: the rank protocol and clock maths (always), then real `mpirun` jobs of proclab-mpi-worker
// (skipped only where Open MPI or the worker is absent): both shapes on 1, 2 and 4 ranks give the serial counts
// exactly, simulated hosts (a fake remote shell and a hostfile of invented names) group the ranks and their
// injected clock skews of +-1 h are recovered within the round trip, a killed rank is named with its task, a
// connection without the run's token is refused, and nothing is left running. No timing is asserted.

#include "base/clock.h"
#include "base/platform.h"
#include "base/sharedmemory.h"
#include "base/wire.h"
#include "content/kernels.h"
#include "content/workload.h"
#include "engine/context.h"
#include "lab/experiment.h"
#include "mp/kernel.h"
#include "mpi/hostcheck.h"
#include "mpi/mpiexecutor.h"
#include "mpi/mpijob.h"
#include "mpi/mpiprotocol.h"
#include "mpi/mpiwaitgraph.h"
#include "mpi/simulatedhosts.h"
#include "testutil.h"
#ifdef PROCLAB_TEST_STAGE_MODEL
#include "session/stagemodel.h"
#endif

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <csignal>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <netinet/in.h>
#include <set>
#include <sys/socket.h>
#include <unistd.h>

using namespace proclab;

namespace {

// Processes of any MPI job of ours: their environment carries PROCLAB_MPI_TOKEN (mpirun, its orteds, the ranks).
// Nothing else on the machine sets it.
// Our own only (this test's descendants: it is their subreaper), so that another suite's MPI jobs running beside
// this one on the machine are not counted (a busy clean-clone run once failed on a local run's ranks).
QSet<qint64> mpiProcessesAlive()
{
    QSet<qint64> found;
    const QByteArray needle = QByteArray(mpi::TokenEnv) + '=';
    for (const qint64 pid : test::descendantsOf(platform::currentPid())) {
        QFile env(QStringLiteral("/proc/%1/environ").arg(pid));
        if (!env.open(QIODevice::ReadOnly))
            continue;
        if (env.readAll().contains(needle) && platform::isAlive(pid_t(pid)))
            found.insert(pid);
    }
    return found;
}

MpiOptions baseOptions(mpi::Shape shape, int ranks)
{
    MpiOptions o;
    o.shape = shape;
    o.ranks = ranks;
    o.allowRunAsRoot = ::geteuid() == 0;
    o.startupTimeoutMs = 90'000;
    return o;
}

QCborArray serialResults(const Function& f, const QCborArray& inputs)
{
    auto kernel = createKernel(f, nullptr);
    TaskContext ctx;
    QCborArray out;
    for (const QCborValue& in : inputs)
        out.append(kernel->call(in, ctx));
    return out;
}

} // namespace

class TestMpi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void messagesRoundTrip();
    void clockSampleIsCristian();
    void clockModelInterpolatesDrift();
    void executorNames();
    void waitGraphFindsOnlyLastingUnmatchedCycles();

    void serialCounts_data();
    void serialCounts();
    void collectiveForms_data();
    void collectiveForms();
    void oneJobServesManyRuns();
    void sharedMemoryOfAKilledMpirunIsRemoved();
    void staleSharedMemoryIsRemovedByTheNextJob();
    void sweepKeepsOneJobPerSeries();
    void simulatedHostsAndSkewedClocks();
    void killedRankIsNamedWithItsTask();
    void farmSurvivesAKilledRank_data();
    void farmSurvivesAKilledRank();
    void connectionWithoutTokenIsRefused();
    void hostfilesAndCheckOutputAreRead();
    void hostsAreChecked();
    void simulatedLabIsUsedThenLeft();
    void exchange_data();
    void exchange();
    void pingPong_data();
    void pingPong();

private:
    bool needMpi();
    QString m_unavailable;
};

void TestMpi::initTestCase()
{
    m_unavailable = MpiJob::unavailableReason();
    if (test::sanitizerSlowdown() > 1) {
        // Open MPI's components are dlopen()ed by MPI_Init and closed by MPI_Finalize, leaving allocations whose
        // frames LeakSanitizer can no longer name (the module is gone), so a suppression cannot single them out.
        // The ranks, and only they, run without leak detection; this program and the engine it holds still
        // check theirs. (This program's ASAN_OPTIONS were read when it started: the change reaches children only.)
        QByteArray options = qgetenv("ASAN_OPTIONS");
        qputenv("ASAN_OPTIONS", options + (options.isEmpty() ? "" : ":") + "detect_leaks=0");
    }
}

bool TestMpi::needMpi()
{
    return m_unavailable.isEmpty();
}

void TestMpi::cleanup()
{
    // Nothing of ours outlives a test: no mpirun, orted or proclab-mpi-worker, no descendant at all.
    QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(platform::currentPid()).isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(mpiProcessesAlive().isEmpty(), 10000);
}

void TestMpi::messagesRoundTrip()
{
    const mpi::Hello h { QStringLiteral("t0k"), 3, 4, QStringLiteral("nodeB"), 4711, 100, 200,
        QStringLiteral("/dev/shm/vader_segment.nodeB.0.44370001.3") };
    const auto h2 = mpi::Hello::decode(h.encode());
    QVERIFY(h2);
    QCOMPARE(h2->token, h.token);
    QCOMPARE(h2->rank, 3);
    QCOMPARE(h2->size, 4);
    QCOMPARE(h2->host, h.host);
    QCOMPARE(h2->pid, qint64(4711));
    QCOMPARE(h2->tInitDoneNs, qint64(200));
    QCOMPARE(h2->sharedMemory, h.sharedMemory);
    QVERIFY(!mpi::Hello::decode({ int(mpi::Msg::Hello), QStringLiteral("x"), 4, 4, QStringLiteral("h"), 1, 2, 3 }));
    QVERIFY(!mpi::Hello::decode({ int(mpi::Msg::Init) }));

    mpi::Init i;
    i.shape = mpi::Shape::Farm;
    i.kernel = QStringLiteral("pi");
    i.inputs = { QCborArray { 10, 1 }, QCborArray { 10, 2 } };
    i.chunksize = 3;
    i.paceNs = 5;
    const auto i2 = mpi::Init::decode(i.encode());
    QVERIFY(i2);
    QVERIFY(i2->shape == mpi::Shape::Farm);
    QCOMPARE(i2->kernel, i.kernel);
    QCOMPARE(i2->inputs, i.inputs);
    QCOMPARE(i2->chunksize, 3);
    QCOMPARE(i2->paceNs, qint64(5));

    const mpi::Result r { { 1, 2, 3 }, 6, 99, { 4, 5 } };
    const auto r2 = mpi::Result::decode(r.encode());
    QVERIFY(r2);
    QCOMPARE(r2->results, r.results);
    QCOMPARE(r2->reducedSum.value_or(-1), qint64(6));
    QCOMPARE(r2->reducedCounts, (QCborArray { 4, 5 }));
    const auto r3 = mpi::Result::decode(mpi::Result { { 1.5 }, std::nullopt, 1, {} }.encode());
    QVERIFY(r3 && !r3->reducedSum && r3->reducedCounts.isEmpty());
    QVERIFY(!mpi::Result::decode({ int(mpi::Msg::Result), QCborArray {}, 1, 2, QCborArray { 1.5 } }));

    const mpi::Output o { QStringLiteral("/plab-x"), 64, QByteArray("\0\1\2", 3) };
    const auto o2 = mpi::Output::decode(o.encode());
    QVERIFY(o2 && o2->name == o.name && o2->offset == 64 && o2->bytes == o.bytes);
    QVERIFY(!mpi::Output::decode({ int(mpi::Msg::Output), 5, 0, QByteArray() }));
    QVERIFY(!mpi::Output::decode({ int(mpi::Msg::Output), QStringLiteral("/plab-x"), -1, QByteArray() }));

    QCOMPARE(
        mpi::flattenCounts(QCborArray { QCborArray { 1, 2 }, 3, 4 }).value(), (std::vector<qint64> { 1, 2, 3, 4 }));
    QVERIFY(!mpi::flattenCounts(QCborArray { QCborArray { 1, 2.5 }, 3 }));
}

void TestMpi::clockSampleIsCristian()
{
    // The rank's clock is one hour behind; the ping took 100 us out and 300 us back.
    const qint64 hour = 3'600'000'000'000;
    const qint64 send = 10'000'000, arrive = send + 100'000, back = arrive + 300'000;
    const mpi::ClockSample s = mpi::clockSample(send, arrive - hour, back);
    QCOMPARE(s.rttNs, qint64(400'000));
    QCOMPARE(s.rankNs, arrive - hour);
    // The estimate assumes the middle of the round trip: off by the asymmetry, never more than rtt/2.
    QVERIFY(std::abs(s.offsetNs - hour) <= s.rttNs / 2);
}

void TestMpi::clockModelInterpolatesDrift()
{
    mpi::ClockModel m;
    QCOMPARE(m.toEngine(123), qint64(123));
    m.add({ 1000, 500, 10 });
    QCOMPARE(m.toEngine(0), qint64(500));
    m.add({ 3000, 700, 10 });
    m.add({ 2000, 0, 10 }); // out of order: ignored
    QCOMPARE(m.points().size(), size_t(2));
    QCOMPARE(m.toEngine(1000), qint64(1500));
    QCOMPARE(m.toEngine(2000), qint64(2600)); // offset halfway between 500 and 700
    QCOMPARE(m.toEngine(5000), qint64(5700)); // held after the last point
    QCOMPARE(m.offsetNs(), qint64(700));
}

void TestMpi::executorNames()
{
    QCOMPARE(toString(ExecutorKind::MpiSpmd), QStringLiteral("mpi-spmd"));
    QCOMPARE(parseExecutor(QStringLiteral("mpi-farm")), std::optional(ExecutorKind::MpiFarm));
    QVERIFY(isMpi(ExecutorKind::MpiFarm) && !isMpi(ExecutorKind::Process));
    QCOMPARE(mpi::toString(mpi::Shape::Farm), QStringLiteral("mpi-farm"));
    QCOMPARE(mpi::toString(mpi::Shape::Exchange), QStringLiteral("mpi-exchange"));
    const mpi::Exchange x { 4096, mpi::Exchange::Order::Sendrecv };
    const auto x2 = mpi::Exchange::fromConfig(x.toConfig());
    QVERIFY(x2 && x2->bytes == 4096 && x2->order == mpi::Exchange::Order::Sendrecv);
    QVERIFY(!mpi::Exchange::fromConfig({ { QStringLiteral("exchange_bytes"), -1 } }));
    QVERIFY(!mpi::Exchange::fromConfig({}));
    mpi::Exchange ping { 8, mpi::Exchange::Order::PingPong };
    ping.rounds = 77;
    ping.budgetNs = 5;
    const auto ping2 = mpi::Exchange::fromConfig(ping.toConfig());
    QVERIFY(ping2 && ping2->order == mpi::Exchange::Order::PingPong && ping2->rounds == 77 && ping2->budgetNs == 5);
    ping.bytes = 0; // the first byte says whether another round follows
    QVERIFY(!mpi::Exchange::fromConfig(ping.toConfig()));
    QCOMPARE(mpi::collectiveName(int(mpi::Collective::Reduce)), QStringLiteral("MPI_Reduce"));
}

void TestMpi::waitGraphFindsOnlyLastingUnmatchedCycles()
{
    using K = EventKind;
    const auto ev = [](int rank, K kind, qint64 task, qint64 peer) {
        return Event { 0, 0, rank, kind, 5, task, peer };
    };
    const qint64 s = 1'000'000'000;
    mpi::WaitGraph g;
    // Both ranks in MPI_Send to each other: a cycle, but only once it has lasted (an eager send returns at once).
    g.apply(ev(0, K::MpiSendWait, 1 << 20, 1), 10 * s);
    g.apply(ev(1, K::MpiSendWait, 1 << 20, 0), 10 * s);
    QVERIFY(g.deadlock(11 * s, 2 * s).empty());
    const auto cycle = g.deadlock(12 * s, 2 * s);
    QCOMPARE(cycle.size(), size_t(2));
    QVERIFY(cycle[0].send && cycle[1].send);
    QCOMPARE(cycle[0].peer, cycle[1].rank);
    QCOMPARE(cycle[1].peer, cycle[0].rank);
    QCOMPARE(cycle[0].bytes, qint64(1 << 20));
    const QStringList lines
        = mpi::WaitGraph::describe(cycle, [](int r) { return QStringLiteral("rank %1 on nodeA").arg(r); });
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains(QStringLiteral("is in MPI_Send to rank"))
            && lines.at(0).contains(QStringLiteral("1048576 bytes")),
        qPrintable(lines.at(0)));
    // Rank 1's send returns: no cycle.
    g.apply(ev(1, K::MpiSend, -1, 0), 13 * s);
    QVERIFY(g.deadlock(20 * s, 2 * s).empty());
    // A send meeting the partner's receive from it is no deadlock, however long the two events stay unanswered.
    g.apply(ev(1, K::MpiRecvWait, -1, 0), 13 * s);
    QVERIFY(g.deadlock(30 * s, 2 * s).empty());
    // Both receiving from each other: a deadlock. A receive from any rank is left out.
    g.apply(ev(0, K::MpiRecvWait, -1, 1), 31 * s);
    QCOMPARE(g.deadlock(40 * s, 2 * s).size(), size_t(2));
    g.apply(ev(0, K::MpiRecvWait, -1, -1), 41 * s);
    QVERIFY(g.deadlock(50 * s, 2 * s).empty());
    // Three ranks in a ring of sends; a rank that leaves breaks it.
    g.clear();
    g.apply(ev(0, K::MpiSendWait, 10, 1), 0);
    g.apply(ev(1, K::MpiSendWait, 10, 2), 0);
    g.apply(ev(2, K::MpiSendWait, 10, 0), 0);
    g.apply(ev(3, K::MpiSendWait, 10, 0), 0); // waits on the ring, not in it
    QCOMPARE(g.deadlock(5 * s, 2 * s).size(), size_t(3));
    g.rankGone(2);
    QVERIFY(g.deadlock(5 * s, 2 * s).empty());
}

void TestMpi::serialCounts_data()
{
    QTest::addColumn<int>("shape");
    QTest::addColumn<int>("ranks");
    for (auto shape : { mpi::Shape::Spmd, mpi::Shape::Farm })
        for (int ranks : { 1, 2, 4 })
            QTest::addRow("%s/%d", qPrintable(mpi::toString(shape)), ranks) << int(shape) << ranks;
}

void TestMpi::serialCounts()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    QFETCH(int, shape);
    QFETCH(int, ranks);
    test::Watchdog watchdog(QStringLiteral("an MPI job"), 100);
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    Params params;
    QString error;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=3000000"), QStringLiteral("tasks=9") }, &params, &error));
    const QCborArray inputs = pi->inputs(params);
    const Function f = pi->function(params);

    Context context;
    MpiOptions o = baseOptions(mpi::Shape(shape), ranks);
    o.chunksize = 2;
    MpiJob job(&context, o);
    QStringList messages;
    connect(&job, &MpiJob::message, this, [&](const QString& m) { messages << m; });
    MpiRunResult r;
    try {
        r = job.run(f, inputs);
    } catch (const std::exception& e) {
        QFAIL(qPrintable(QStringLiteral("%1\n%2").arg(QString::fromLocal8Bit(e.what()), messages.join(u'\n'))));
    }
    // Exactly the serial computation, task by task, and MPI_Reduce's sum is their sum.
    QCOMPARE(r.exec.results, serialResults(f, inputs));
    qint64 sum = 0;
    for (const auto& v : r.exec.results)
        sum += v.toInteger();
    QVERIFY(r.reducedSum.has_value());
    QCOMPARE(*r.reducedSum, sum);
    const QCborValue reduced = pi->reduce(params, r.exec.results);
    const Verification v = pi->verify(params, r.exec.results, reduced);
    QVERIFY2(v.ok, qPrintable(v.detail));

    QCOMPARE(r.ranks.size(), qsizetype(ranks));
    QSet<qint32> keys;
    qint64 tasks = 0;
    for (const MpiRank& k : r.ranks) {
        keys.insert(k.key);
        tasks += k.tasks;
        QVERIFY(!k.host.isEmpty());
        QVERIFY(k.pid > 0);
    }
    QCOMPARE(keys.size(), qsizetype(ranks)); // run-unique process keys
    QCOMPARE(tasks, qint64(inputs.size()));
    QCOMPARE(r.mpirunExit, 0);

    // Each task started and ended once, by a rank of this job; the farm's sends match its receives.
    const EventBatch events = context.events().snapshot();
    std::map<qint64, int> starts, ends;
    int sends = 0, recvs = 0, collectives = 0;
    for (const Event& e : events) {
        if (e.kind == EventKind::TaskStart) {
            ++starts[e.task];
            QVERIFY(keys.contains(e.pid));
        }
        if (e.kind == EventKind::TaskEnd)
            ++ends[e.task];
        sends += e.kind == EventKind::MpiSend;
        recvs += e.kind == EventKind::MpiRecv;
        collectives += e.kind == EventKind::CollectiveBegin;
    }
    QCOMPARE(qsizetype(starts.size()), inputs.size());
    QCOMPARE(qsizetype(ends.size()), inputs.size());
    for (const auto& [t, n] : starts)
        QCOMPARE(n, 1);
    if (mpi::Shape(shape) == mpi::Shape::Farm && ranks > 1) {
        QVERIFY(sends > 0);
        QCOMPARE(sends, recvs);
    }
    QVERIFY(collectives >= ranks); // the first barrier at least
}

// A sweep's job (MpiJob::start, runNext, finish): one mpirun of 4 ranks serves runs on 1, 3, 4 and 2 of them, in both
// shapes and in a collective form (kde's MPI_Bcast / MPI_Scatterv / MPI_Gatherv over a communicator split off
// MPI_COMM_WORLD), each giving exactly the serial results, on the same processes; a run whose rank dies ends the
// job, which then refuses to run again.
void TestMpi::oneJobServesManyRuns()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("one MPI job for many runs"), 150);
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    const Workload* kde = findWorkload(QStringLiteral("kde"));
    Params piParams, kdeParams;
    QString error;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=2000000"), QStringLiteral("tasks=9") }, &piParams, &error));
    QVERIFY(parseParams(*kde, { QStringLiteral("n=300"), QStringLiteral("queries=101"), QStringLiteral("tasks=5") },
        &kdeParams, &error));

    Context context;
    QStringList messages; // before the job: its destructor may still report
    MpiJob job(&context, baseOptions(mpi::Shape::Spmd, 4));
    connect(&job, &MpiJob::message, this, [&](const QString& m) { messages << m; });
    const auto details = [&](const std::exception& e) {
        return QStringLiteral("%1\n%2").arg(QString::fromLocal8Bit(e.what()), messages.join(u'\n'));
    };
    try {
        job.start();
    } catch (const std::exception& e) {
        QFAIL(qPrintable(details(e)));
    }
    QVERIFY(job.alive());
    QCOMPARE(job.size(), 4);
    QSet<qint64> jobPids;
    const QSet<qint64> before = mpiProcessesAlive();
    struct Step {
        mpi::Shape shape;
        int ranks;
        const Workload* w;
        const Params* params;
    };
    const QList<Step> steps { { mpi::Shape::Spmd, 1, pi, &piParams }, { mpi::Shape::Farm, 3, pi, &piParams },
        { mpi::Shape::Spmd, 4, pi, &piParams }, { mpi::Shape::Spmd, 2, kde, &kdeParams },
        { mpi::Shape::Farm, 2, pi, &piParams } };
    for (const Step& step : steps) {
        MpiOptions run = baseOptions(step.shape, step.ranks);
        run.chunksize = 2;
        const QCborArray inputs = step.w->inputs(*step.params);
        const Function f = step.w->function(*step.params);
        MpiRunResult r;
        try {
            r = job.runNext(run, f, inputs);
        } catch (const std::exception& e) {
            QFAIL(qPrintable(details(e)));
        }
        const QString what = QStringLiteral("%1 on %2 rank(s)").arg(mpi::toString(step.shape)).arg(step.ranks);
        QVERIFY2(r.exec.results == serialResults(f, inputs), qPrintable(what));
        QVERIFY2(step.w->verify(*step.params, r.exec.results, step.w->reduce(*step.params, r.exec.results)).ok,
            qPrintable(what));
        // The run's ranks are the first `ranks` of the job, the same processes each time.
        QCOMPARE(r.ranks.size(), qsizetype(step.ranks));
        for (int i = 0; i < step.ranks; ++i)
            QCOMPARE(r.ranks.at(i).rank, i);
        QCOMPARE(r.exec.workers.size(), qsizetype(step.ranks));
        for (const MpiRank& k : r.ranks)
            jobPids.insert(k.pid);
        QVERIFY2(jobPids.size() <= 4, qPrintable(what));
        QCOMPARE(mpiProcessesAlive(), before); // nobody started or left between runs
        if (step.shape == mpi::Shape::Spmd && step.w == pi)
            QVERIFY(r.reducedSum.has_value());
    }
    QVERIFY2(messages.filter(QStringLiteral("run 2 on ranks 0-2 of 4")).size() == 1, qPrintable(messages.join(u'\n')));
    QCOMPARE(jobPids.size(), 4);

    // A rank killed in a run: named, the run fails, the job is over.
    // Long tasks, so that the kill lands while the task runs; whichever computing rank starts task 0 is killed.
    Params longTasks;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=40000000"), QStringLiteral("tasks=8") }, &longTasks, &error));
    MpiOptions killing = baseOptions(mpi::Shape::Farm, 3);
    killing.chunksize = 1;
    killing.killAtTask = 0;
    const QCborArray inputs = pi->inputs(longTasks);
    try {
        job.runNext(killing, pi->function(longTasks), inputs);
        QFAIL("a run whose rank was killed returned");
    } catch (const MpiError& e) {
        QVERIFY2(QString::fromLocal8Bit(e.what()).contains(QLatin1String("died in task 0")), e.what());
    }
    QVERIFY(!job.alive());
    QVERIFY_THROWS_EXCEPTION(MpiError, job.runNext(baseOptions(mpi::Shape::Spmd, 2), pi->function(longTasks), inputs));
    job.finish();
}

// Open MPI's shared memory (a 4 MiB file in /dev/shm per rank) is unlinked by MPI_Finalize, or by mpirun when a rank
// dies; when mpirun itself is killed (SIGKILL, as the engine's last resort does), nobody is left to do it and the
// files stay until reboot. The engine removes them once the job is over.
void TestMpi::sharedMemoryOfAKilledMpirunIsRemoved()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("an MPI job whose mpirun is killed"), 100);
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    Params params;
    QString error;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=100000"), QStringLiteral("tasks=4") }, &params, &error));
    Context context;
    QStringList messages; // before the job: its destructor may still report
    MpiJob job(&context, baseOptions(mpi::Shape::Spmd, 2));
    connect(&job, &MpiJob::message, this, [&](const QString& m) { messages << m; });
    MpiRunResult r;
    try {
        job.start();
        r = job.runNext(baseOptions(mpi::Shape::Spmd, 2), pi->function(params), pi->inputs(params));
    } catch (const std::exception& e) {
        QFAIL(qPrintable(QStringLiteral("%1\n%2").arg(QString::fromLocal8Bit(e.what()), messages.join(u'\n'))));
    }
    QCOMPARE(r.ranks.size(), qsizetype(2));
    if (r.ranks.at(0).sharedMemory.isEmpty() && r.ranks.at(1).sharedMemory.isEmpty())
        QSKIP("Open MPI made its shared memory elsewhere than /dev/shm on this machine (btl_vader_backing_directory)");
    QStringList segments;
    for (const MpiRank& k : r.ranks) {
        QVERIFY2(k.sharedMemory.startsWith(QLatin1String("/dev/shm/vader_segment.")), qPrintable(k.sharedMemory));
        QVERIFY(QFileInfo::exists(k.sharedMemory));
        segments << k.sharedMemory;
    }
    // mpirun is the ranks' parent on this machine.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(r.ranks.at(0).pid));
    QVERIFY(stat.open(QIODevice::ReadOnly));
    const QList<QByteArray> fields = stat.readAll().split(')').value(1).trimmed().split(' ');
    const qint64 mpirun = fields.value(1).toLongLong();
    QVERIFY(mpirun > 1);
    QVERIFY(::kill(pid_t(mpirun), SIGKILL) == 0);
    // Dead, all its threads gone (a zombie leader is reported to wait() only then), not reaped yet: the engine
    // learns it at the next run.
    const auto zombie = [mpirun] {
        QFile f(QStringLiteral("/proc/%1/stat").arg(mpirun));
        const QDir threads(QStringLiteral("/proc/%1/task").arg(mpirun));
        return f.open(QIODevice::ReadOnly) && f.readAll().split(')').value(1).trimmed().startsWith('Z')
            && threads.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size() <= 1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(zombie(), 10000);
    try {
        job.runNext(baseOptions(mpi::Shape::Spmd, 2), pi->function(params), pi->inputs(params));
        QFAIL(qPrintable(QStringLiteral("a run after mpirun was killed returned\n") + messages.join(u'\n')));
    } catch (const MpiError& e) {
        QVERIFY2(QString::fromLocal8Bit(e.what()).startsWith(QLatin1String("mpirun killed by SIGKILL between runs")),
            e.what());
    }
    QVERIFY(!job.alive());
    for (const QString& path : std::as_const(segments)) {
        QVERIFY2(!QFileInfo::exists(path), qPrintable(path + QLatin1Char('\n') + messages.join(u'\n')));
        QCOMPARE(messages.filter(QStringLiteral("removed %1 ").arg(path)).size(), qsizetype(1));
    }
}

// Segments left by a job whose engine was killed too (nobody left to remove them) are removed when the next job
// starts: those of this user, older than a minute, that no process maps. A segment in use, or just made, is kept.
void TestMpi::staleSharedMemoryIsRemovedByTheNextJob()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("an MPI job after a stale segment"), 100);
    const QString base = QStringLiteral("/dev/shm/vader_segment.proclab-test.0.%1.").arg(platform::currentPid(), 0, 16);
    const QString stale = base + QStringLiteral("0"), inUse = base + QStringLiteral("1"),
                  fresh = base + QStringLiteral("2");
    const auto cleanUp = qScopeGuard([&] {
        for (const QString& path : { stale, inUse, fresh })
            QFile::remove(path);
    });
    const QDateTime old = QDateTime::currentDateTime().addSecs(-120);
    const auto make = [&](const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray(4096, 'x')) != 4096)
            return false;
        f.close();
        return path == fresh || (f.open(QIODevice::ReadWrite) && f.setFileTime(old, QFileDevice::FileModificationTime));
    };
    QVERIFY(make(inUse) && make(fresh));
    QFile mappedFile(inUse);
    QVERIFY(mappedFile.open(QIODevice::ReadWrite));
    uchar* mapped = mappedFile.map(0, 4096);
    QVERIFY(mapped);

    // Every engine on the machine sweeps such files when it starts a job, and CI runs two suites at once: when
    // another one's job got there first, the stale file is made again (as tst_shm does).
    for (int attempt = 1;; ++attempt) {
        QVERIFY(make(stale));
        Context context;
        QStringList messages; // before the job: its destructor may still report
        MpiJob job(&context, baseOptions(mpi::Shape::Spmd, 1));
        connect(&job, &MpiJob::message, this, [&](const QString& m) { messages << m; });
        try {
            job.start();
            job.finish();
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QVERIFY2(!QFileInfo::exists(stale), qPrintable(messages.join(u'\n')));
        const QString removed
            = QStringLiteral("removed %1 (0.0 MiB), Open MPI shared memory that no process uses").arg(stale);
        if (!messages.filter(removed).isEmpty())
            break;
        QVERIFY2(attempt < 5, qPrintable(messages.join(u'\n')));
        qInfo("attempt %d: another engine on this machine removed the stale file first", attempt);
    }
    QVERIFY(QFileInfo::exists(inUse));
    QVERIFY(QFileInfo::exists(fresh));
    mappedFile.unmap(mapped);
}

// A sweep over MPI runs each series on one job (ExecutorSeries): every point verified, every point's ranks among the
// processes of the series' largest point, a new job for the next series; the series says how many ranks its job had
// and its start-up, and the JSON keeps both.
void TestMpi::sweepKeepsOneJobPerSeries()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("an MPI sweep"), 150);
    MpiOptions defaults;
    defaults.allowRunAsRoot = ::geteuid() == 0;
    defaults.startupTimeoutMs = 90'000;
    setMpiDefaults(defaults);
    const auto restore = qScopeGuard([] { setMpiDefaults({}); });
    SweepSpec spec;
    spec.workload = QStringLiteral("pi");
    spec.params = { { QStringLiteral("samples"), 400000 }, { QStringLiteral("tasks"), 6 } };
    spec.processes = { 1, 2, 3 };
    spec.executors = { ExecutorKind::MpiSpmd, ExecutorKind::MpiFarm };
    spec.repeats = 2;
    spec.warmup = 1;
    Context context;
    // What the window animates: every rank's ready and exit, published (the exits when each series ends).
    std::mutex publishedMutex;
    QSet<qint64> ready, exited;
    connect(
        &context, &Context::eventsAvailable, this,
        [&](const EventBatch& batch) {
            std::lock_guard lock(publishedMutex);
            for (const Event& e : batch) {
                if (e.kind == EventKind::ProcessReady)
                    ready.insert(e.pid);
                if (e.kind == EventKind::ProcessExit)
                    exited.insert(e.pid);
            }
        },
        Qt::DirectConnection);
    Experiment experiment;
    const SweepResult result = experiment.run(spec, &context);
    QVERIFY2(result.outcome == SweepResult::Outcome::Completed, qPrintable(result.error));
    QCOMPARE(result.series.size(), qsizetype(2));
    QSet<qint64> previous;
    for (const SweepSeries& s : result.series) {
        QCOMPARE(s.points.size(), qsizetype(3));
        QCOMPARE(s.jobWorkers, 3);
        QVERIFY(s.jobStartupSeconds > 0);
        QSet<qint64> largest;
        for (const WorkerStat& w : s.points.last().workers)
            largest.insert(w.pid);
        QCOMPARE(largest.size(), 3);
        for (const SweepPoint& p : s.points) {
            QVERIFY2(p.verified, qPrintable(s.label()));
            QCOMPARE(p.workers.size(), qsizetype(p.processes));
            for (const WorkerStat& w : p.workers)
                QVERIFY2(
                    largest.contains(w.pid), qPrintable(QStringLiteral("%1 p=%2").arg(s.label()).arg(p.processes)));
        }
        QVERIFY(!largest.intersects(previous)); // a job per series
        previous = largest;
    }
    {
        std::lock_guard lock(publishedMutex);
        QCOMPARE(ready.size(), 6); // 3 ranks a series, each ready once
        QCOMPARE(exited, ready);
    }
    const auto back = SweepResult::fromJson(result.toJson(), nullptr);
    QVERIFY(back);
    QCOMPARE(back->series.at(1).jobWorkers, 3);
    QCOMPARE(back->series.at(1).jobStartupSeconds, result.series.at(1).jobStartupSeconds);
}

void TestMpi::collectiveForms_data()
{
    QTest::addColumn<QString>("workload");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<int>("ranks");
    QTest::addColumn<QList<int>>("collectives"); // each rank's, after the first barrier, in order
    const QList<int> bsg { int(mpi::Collective::Bcast), int(mpi::Collective::Scatterv), int(mpi::Collective::Gatherv) };
    const QList<int> matmul = bsg + QList<int> { int(mpi::Collective::Gatherv) };
    const QList<int> letters { int(mpi::Collective::Reduce), int(mpi::Collective::Gather),
        int(mpi::Collective::Gatherv) };
    const QStringList kde { QStringLiteral("n=700"), QStringLiteral("d=3"), QStringLiteral("queries=301"),
        QStringLiteral("tasks=7") };
    const QStringList mm { QStringLiteral("n=67"), QStringLiteral("tasks=5") };
    for (int ranks : { 1, 2, 4 }) {
        QTest::addRow("kde/%d", ranks) << QStringLiteral("kde") << kde << ranks << bsg;
        QTest::addRow("matmul/%d", ranks) << QStringLiteral("matmul") << mm << ranks << matmul;
        QTest::addRow("letters/%d", ranks) << QStringLiteral("letters") << QStringList() << ranks << letters;
    }
    // More ranks than tasks: some ranks hold empty blocks and still take part in every collective.
    QTest::addRow("kde/4-ranks-3-tasks") << QStringLiteral(
        "kde") << QStringList { QStringLiteral("n=50"), QStringLiteral("queries=10"), QStringLiteral("tasks=3") }
                                         << 4 << bsg;
    QTest::addRow("matmul/4-ranks-2-tasks")
        << QStringLiteral("matmul") << QStringList { QStringLiteral("n=9"), QStringLiteral("tasks=2") } << 4 << matmul;
}

// mpi-spmd's collective forms (app/mpiworker/dataparallel.cpp) give exactly the serial results task by task, pass
// the workload's own verify() (matmul's reads C, which only rank 0's MPI_Gatherv filled), and every rank takes part
// in the collectives that move the data.
void TestMpi::collectiveForms()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    QFETCH(QString, workload);
    QFETCH(QStringList, settings);
    QFETCH(int, ranks);
    QFETCH(QList<int>, collectives);
    test::Watchdog watchdog(QStringLiteral("an MPI job"), 100);
    QTemporaryDir dir;
    if (workload == QLatin1String("letters")) {
        QFile text(dir.filePath(QStringLiteral("war.txt")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        for (int i = 0; i < 300; ++i)
            text.write(
                QStringLiteral("%1. Ну, князь, Генуа и Лукка стали не больше как поместья. Eh bien, mon prince.\n")
                    .arg(i)
                    .toUtf8());
        text.close();
        settings << QStringLiteral("path=") + dir.path() << QStringLiteral("mode=bytes") << QStringLiteral("chunks=5");
    }
    const Workload* w = findWorkload(workload);
    QVERIFY(w);
    Params params;
    QString error;
    QVERIFY2(parseParams(*w, settings, &params, &error), qPrintable(error));
    const QCborArray inputs = w->inputs(params);
    const Function f = w->function(params);
    const QCborArray serial = serialResults(f, inputs);
    if (workload == QLatin1String("matmul")) { // the serial kernel wrote C: start from a C that is wrong
        const auto c = attachRunMemory(inputs.at(0).toArray().at(2), 1);
        std::memset(c->data(), 0, size_t(c->size()));
    }

    Context context;
    MpiJob job(&context, baseOptions(mpi::Shape::Spmd, ranks));
    MpiRunResult r;
    try {
        r = job.run(f, inputs);
    } catch (const std::exception& e) {
        w->finish(params);
        QFAIL(e.what());
    }
    QCOMPARE(r.exec.results, serial);
    const QCborValue reduced = w->reduce(params, r.exec.results);
    const Verification v = w->verify(params, r.exec.results, reduced);
    w->finish(params);
    QVERIFY2(v.ok, qPrintable(v.detail));
    if (workload == QLatin1String("letters")) { // MPI_Reduce's histogram is the sum of the ranges' counts
        QCOMPARE(r.reducedCounts.size(), qsizetype(letterSlotCount() + 2));
        QVERIFY(r.reducedCounts.at(letterSlotCount() + 1).toInteger() > 0); // bytes read
    } else {
        QVERIFY(r.reducedCounts.isEmpty());
    }

    // Per rank, the collectives after the start-up barrier, in order; a Bcast moves the same bytes at every rank.
    std::map<qint32, QList<int>> seen;
    std::set<qint64> bcastBytes;
    for (const Event& e : context.events().snapshot()) {
        if (e.kind != EventKind::CollectiveBegin || e.object == int(mpi::Collective::Barrier))
            continue;
        seen[e.pid] << e.object;
        if (e.object == int(mpi::Collective::Bcast))
            bcastBytes.insert(e.task);
    }
    QCOMPARE(int(seen.size()), ranks);
    for (const auto& [key, ops] : seen)
        QCOMPARE(ops, collectives);
    if (collectives.contains(int(mpi::Collective::Bcast))) {
        QCOMPARE(bcastBytes.size(), size_t(1));
        QVERIFY(*bcastBytes.begin() > 0);
    }
}

void TestMpi::simulatedHostsAndSkewedClocks()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("an MPI job on two simulated hosts"), 110);
    // A remote shell that runs the command here, and tells the processes it starts which host they are on, with
    // that host's clock an hour off one way or the other.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString agent = dir.filePath(QStringLiteral("fake-ssh"));
    QVERIFY(test::writeFakeRemoteShell(agent,
        "  nodeA) export PROCLAB_MPI_CLOCK_SKEW_NS=-3600000000000 ;;\n"
        "  nodeB) export PROCLAB_MPI_CLOCK_SKEW_NS=3600000000000 ;;\n"));
    const QString hosts = dir.filePath(QStringLiteral("hosts"));
    {
        QFile f(hosts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("nodeA slots=2\nnodeB slots=2\n");
    }
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    Params params;
    QString error;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=2000000"), QStringLiteral("tasks=8") }, &params, &error));
    const QCborArray inputs = pi->inputs(params);

    // Every "host" is this machine: Open MPI's daemons and ranks talk over loopback only (its default tries every
    // interface, and a busy machine's daemon that picked a slow one was not heard in time).
    qputenv("OMPI_MCA_oob_tcp_if_include", "lo");
    qputenv("OMPI_MCA_btl_tcp_if_include", "lo");
    const auto restore = qScopeGuard([] {
        qunsetenv("OMPI_MCA_oob_tcp_if_include");
        qunsetenv("OMPI_MCA_btl_tcp_if_include");
    });
    Context context;
    MpiOptions o = baseOptions(mpi::Shape::Farm, 4);
    o.hostfile = hosts;
    o.rshAgent = agent;
    o.listenAddress = QStringLiteral("127.0.0.1");
    o.chunksize = 1;
    QStringList messages;
    qint64 before = 0;
    MpiRunResult r;
    // Starting ORTE's daemons through the fake ssh is Open MPI's part, not ProcLab's: under a sanitizer on a
    // busy machine it once failed to hear one back (exit code 213, "unable to reliably start one or more
    // daemons"); such a launch is tried once more. Any other failure fails the test at once.
    for (int attempt = 1;; ++attempt) {
        MpiJob job(&context, o);
        messages.clear();
        connect(&job, &MpiJob::message, this, [&](const QString& m) { messages << m; });
        before = monotonicNs();
        QString failure;
        try {
            r = job.run(pi->function(params), inputs);
        } catch (const std::exception& e) {
            failure = QStringLiteral("%1\n%2").arg(QString::fromLocal8Bit(e.what()), messages.join(u'\n'));
        }
        if (failure.isEmpty())
            break;
        if (attempt == 1 && failure.contains(QLatin1String("unable to reliably start one or more daemons"))) {
            qWarning("Open MPI could not start its daemons; launching once more:\n%s", qPrintable(failure));
            continue;
        }
        QFAIL(qPrintable(failure));
    }
    const qint64 after = monotonicNs();
    QCOMPARE(r.exec.results, serialResults(pi->function(params), inputs));

    // Two ranks on each host.
    std::map<QString, int> perHost;
    for (const MpiRank& k : r.ranks)
        ++perHost[k.host];
    QCOMPARE(perHost.size(), size_t(2));
    QCOMPARE(perHost[QStringLiteral("nodeA")], 2);
    QCOMPARE(perHost[QStringLiteral("nodeB")], 2);

    // Each host's hour recovered within the round trip of its sync (every clock is this machine's, so the true
    // offset is exactly minus the injected skew).
    for (const MpiRank& k : r.ranks) {
        const qint64 skew = k.host == QLatin1String("nodeA") ? -3'600'000'000'000 : 3'600'000'000'000;
        const qint64 error = std::abs(k.offsetNs + skew);
        QVERIFY2(error <= k.rttNs + 50'000,
            qPrintable(QStringLiteral("rank %1 on %2: offset %3 ns, true %4 ns, round trip %5 ns")
                           .arg(k.rank)
                           .arg(k.host)
                           .arg(k.offsetNs)
                           .arg(-skew)
                           .arg(k.rttNs)));
    }
    // Every rank's event, mapped to the engine's clock, falls inside the job; the inter-host messages too.
    int messagesBetweenHosts = 0;
    std::map<qint32, QString> hostOfKey;
    for (const MpiRank& k : r.ranks) {
        hostOfKey[k.key] = k.host;
    }
    std::map<int, QString> hostOfRank;
    for (const MpiRank& k : r.ranks)
        hostOfRank[k.rank] = k.host;
    for (const Event& e : context.events().snapshot()) {
        if (!hostOfKey.count(e.pid))
            continue;
        QVERIFY2(e.tNs >= before && e.tNs <= after,
            qPrintable(QStringLiteral("%1 at %2, the job ran from %3 to %4")
                           .arg(eventKindName(e.kind))
                           .arg(e.tNs)
                           .arg(before)
                           .arg(after)));
        if (e.kind == EventKind::MpiSend && hostOfRank[int(e.value)] != hostOfKey[e.pid])
            ++messagesBetweenHosts;
    }
    QVERIFY(messagesBetweenHosts > 0); // rank 0 on nodeA deals to the ranks on nodeB

#ifdef PROCLAB_TEST_STAGE_MODEL
    // What the window's stage makes of the job: the ranks grouped by the hosts they ran on, every message sent
    // received (matched by the non-overtaking rule), and none received before it was sent.
    StageModel stage;
    stage.setEnginePid(platform::currentPid());
    stage.setMinTravelNs(std::numeric_limits<qint64>::max() / 4); // every card still in flight at the end
    for (const MpiRank& k : r.ranks)
        stage.setProcessName(k.key, context.processName(pid_t(k.key)));
    const EventBatch events = context.events().snapshot();
    stage.apply(events);
    stage.setTimeNs(events.back().tNs);
    QCOMPARE(stage.hosts(), QStringList({ QStringLiteral("nodeA"), QStringLiteral("nodeB") }));
    for (const MpiRank& k : r.ranks) {
        QVERIFY(stage.process(k.key));
        QCOMPARE(stage.process(k.key)->host, k.host);
        QCOMPARE(stage.process(k.key)->rank, k.rank);
    }
    const qint64 sends
        = std::count_if(events.cbegin(), events.cend(), [](const Event& e) { return e.kind == EventKind::MpiSend; });
    QCOMPARE(stage.mpiMessages(), sends);
    QList<Flight> flights = stage.flights();
    flights.removeIf([](const Flight& f) { return f.kind != Flight::Kind::MpiMessage; }); // the tasks' cards
    QCOMPARE(qint64(flights.size()), sends);
    for (const Flight& f : flights) {
        QVERIFY2(f.endNs >= f.startNs,
            qPrintable(QStringLiteral("rank %1 -> rank %2 (tag %3, message %4): sent at %5, received at %6")
                           .arg(f.fromRank)
                           .arg(f.toRank)
                           .arg(f.object)
                           .arg(f.seq)
                           .arg(f.startNs)
                           .arg(f.endNs)));
    }
#endif
}

void TestMpi::killedRankIsNamedWithItsTask()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("an MPI job with a killed rank"), 100);
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    Params params;
    QString error;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=40000000"), QStringLiteral("tasks=8") }, &params, &error));
    Context context;
    MpiOptions o = baseOptions(mpi::Shape::Spmd, 2);
    o.killRank = 1;
    o.killAtTask = 5; // rank 1's block is tasks 4..7
    MpiJob job(&context, o);
    int diedRank = -1;
    qint64 diedTask = -1, diedPid = 0;
    QString diedHost;
    connect(&job, &MpiJob::rankDied, this, [&](int rank, const QString& host, qint64 pid, qint64 task, const QString&) {
        diedRank = rank;
        diedHost = host;
        diedPid = pid;
        diedTask = task;
    });
    QString failure;
    try {
        job.run(pi->function(params), pi->inputs(params));
    } catch (const MpiError& e) {
        failure = QString::fromLocal8Bit(e.what());
    }
    QVERIFY2(!failure.isEmpty(), "the job completed although a rank was killed");
    QCOMPARE(diedRank, 1);
    QCOMPARE(diedTask, qint64(5));
    QVERIFY(diedPid > 0);
    QVERIFY2(failure.startsWith(QStringLiteral("rank 1 on %1, pid %2, died in task 5").arg(diedHost).arg(diedPid)),
        qPrintable(failure));
    bool lost = false;
    bool survivorEnded = false; // fail-stop: mpirun took rank 0 down too, and its box and lane say so
    for (const Event& e : context.events().snapshot()) {
        lost = lost || (e.kind == EventKind::TaskLost && e.task == 5);
        survivorEnded = survivorEnded || (e.kind == EventKind::ProcessExit && e.worker == 0);
    }
    QVERIFY(lost);
    QVERIFY(survivorEnded);
}

void TestMpi::farmSurvivesAKilledRank_data()
{
    QTest::addColumn<int>("ranks");
    QTest::addColumn<int>("chunksize");
    QTest::newRow("3 ranks, chunks of 1") << 3 << 1;
    QTest::newRow("2 ranks: rank 0 computes what is left") << 2 << 2;
}

// Survive mode: the farm's computing rank that starts task 5 is killed; the job runs on, rank 0 deals its chunk again
// (or computes it itself when nobody is left), and the results are exactly the serial ones. Nothing is left behind.
void TestMpi::farmSurvivesAKilledRank()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    QFETCH(int, ranks);
    QFETCH(int, chunksize);
    test::Watchdog watchdog(QStringLiteral("an MPI farm in survive mode"), 100);
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    Params params;
    QString error;
    // Tasks of tens of milliseconds, so that the Kill the engine sends when task 5 starts arrives while it runs.
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=48000000"), QStringLiteral("tasks=12") }, &params, &error));
    const QCborArray inputs = pi->inputs(params);
    Context context;
    MpiOptions o = baseOptions(mpi::Shape::Farm, ranks);
    o.chunksize = chunksize;
    o.survive = true;
    o.killAtTask = 5; // whichever rank starts it
    MpiJob job(&context, o);
    int died = 0;
    qint64 diedIn = -2;
    QString diedWhy;
    connect(&job, &MpiJob::rankDied, this, [&](int, const QString&, qint64, qint64 task, const QString& why) {
        ++died;
        diedIn = task;
        diedWhy = why;
    });
    MpiRunResult r;
    try {
        r = job.run(pi->function(params), inputs);
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    QCOMPARE(died, 1);
    QVERIFY2(diedWhy.contains(QStringLiteral("survive mode: rank 0 deals its chunk again")), qPrintable(diedWhy));
    // On a starved machine the Kill can land just after task 5 ended: then the rank died between tasks.
    QVERIFY2(diedIn == 5 || diedIn == -1, qPrintable(QString::number(diedIn)));
    QCOMPARE(r.lost.size(), qsizetype(1));
    QVERIFY(r.lost.first().rank >= 1);
    QCOMPARE(r.lost.first().task, diedIn);
    QVERIFY(r.mpirunCommand.contains(QStringLiteral("--enable-recovery")));
    QCOMPARE(r.exec.results, serialResults(pi->function(params), inputs));
    const QCborValue reduced = pi->reduce(params, r.exec.results);
    QVERIFY(pi->verify(params, r.exec.results, reduced).ok);
    // Task 5 was lost once and then ran to its end on another rank (or on rank 0).
    int lost = 0, ended = 0;
    for (const Event& e : context.events().snapshot()) {
        lost += e.kind == EventKind::TaskLost && e.task == 5;
        ended += e.kind == EventKind::TaskEnd && e.task == 5;
    }
    QCOMPARE(lost, diedIn == 5 ? 1 : 0);
    QVERIFY(ended >= 1); // twice if its rank died after ending it but before sending the result
}

void TestMpi::exchange_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<bool>("sendrecv");
    QTest::addColumn<int>("ranks");
    QTest::addColumn<bool>("deadlocks");
    QTest::addColumn<int>("stallMs"); // each rank sleeps this long inside its send, off the CPU
    // Under the eager limit of shared memory (4 KiB): the send-first exchange completes; over it, it cannot.
    QTest::newRow("1 KiB send first") << qint64(1024) << false << 2 << false << 0;
    QTest::newRow("1 MiB send first") << qint64(1 << 20) << false << 2 << true << 0;
    QTest::newRow("1 MiB sendrecv") << qint64(1 << 20) << true << 3 << false << 0;
    // Both ranks seen inside MPI_Send to each other for 3 s, far longer than the cycle may last: but neither ran
    // meanwhile (descheduled, as on a crowded machine), so it is no deadlock, and the exchange completes.
    QTest::newRow("1 KiB send first, both off the CPU for 3 s") << qint64(1024) << false << 2 << false << 3000;
}

// The eager-limit lesson's program on real ranks: what each rank received is checked by the rank; the send/send
// exchange of 1 MiB is caught by the wait-for graph as a cycle of both ranks, the job stopped, nothing left.
void TestMpi::exchange()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    QFETCH(qint64, bytes);
    QFETCH(bool, sendrecv);
    QFETCH(int, ranks);
    QFETCH(bool, deadlocks);
    QFETCH(int, stallMs);
    test::Watchdog watchdog(QStringLiteral("an MPI exchange"), 100);
    Context context;
    MpiOptions o = baseOptions(mpi::Shape::Exchange, ranks);
    o.exchange.bytes = bytes;
    o.exchange.order = sendrecv ? mpi::Exchange::Order::Sendrecv : mpi::Exchange::Order::SendFirst;
    if (stallMs > 0) {
        o.extraEnvironment << QStringLiteral("%1=%2").arg(QLatin1String(mpi::StallSendEnv)).arg(stallMs);
        o.deadlockAfterMs = 200; // the cycle is there long before the sends return
    }
    MpiJob job(&context, o);
    QStringList found;
    QStringList messages;
    connect(&job, &MpiJob::deadlockFound, this, [&](const QStringList& waits) { found = waits; });
    connect(&job, &MpiJob::message, this, [&](const QString& line) { messages << line; });
    MpiRunResult r;
    QString failure;
    QStringList waits;
    try {
        r = job.run(Function {}, {});
    } catch (const MpiDeadlockError& e) {
        failure = QString::fromLocal8Bit(e.what());
        waits = e.waits();
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    const auto events = context.events().snapshot();
    if (deadlocks) {
        QVERIFY2(failure.startsWith(QStringLiteral("deadlock: 2 rank(s) wait for each other")), qPrintable(failure));
        QCOMPARE(waits, found);
        QCOMPARE(waits.size(), 2);
        for (int rank : { 0, 1 })
            QVERIFY2(waits.filter(QStringLiteral("rank %1 on ").arg(rank)).size() == 1
                    && waits.filter(QStringLiteral("MPI_Send to rank %1 (1048576 bytes)").arg(1 - rank)).size() == 1,
                qPrintable(waits.join(u'\n')));
        // The stage saw both ranks enter the send, and neither return from it.
        int entered = 0, returned = 0;
        for (const Event& e : events) {
            entered += e.kind == EventKind::MpiSendWait && e.task == bytes;
            returned += e.kind == EventKind::MpiSend;
        }
        QCOMPARE(entered, 2);
        QCOMPARE(returned, 0);
        return;
    }
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    if (stallMs > 0) // the cycle was seen, checked and let go
        QVERIFY2(!messages.filter(QStringLiteral("off the CPU, not stuck; not a deadlock (yet)")).isEmpty(),
            qPrintable(messages.join(u'\n')));
    QCOMPARE(r.exec.results.size(), qsizetype(ranks));
    for (int rank = 0; rank < ranks; ++rank) {
        if ((rank ^ 1) < ranks)
            QVERIFY2(r.exec.results.at(rank).isTrue(), qPrintable(QStringLiteral("rank %1").arg(rank)));
        else
            QVERIFY(r.exec.results.at(rank).isNull()); // no partner
    }
    // Each paired rank sent its message once, with its size, and received its partner's.
    std::map<int, qint64> sentBytes;
    int received = 0;
    for (const Event& e : events) {
        if (e.kind == EventKind::MpiSendWait)
            sentBytes[e.worker] += e.task;
        received += e.kind == EventKind::MpiRecv && e.object == mpi::TagExchange;
    }
    QCOMPARE(sentBytes, (std::map<int, qint64> { { 0, bytes }, { 1, bytes } }));
    QCOMPARE(received, 2);
}

void TestMpi::pingPong_data()
{
    QTest::addColumn<int>("transport");
    QTest::addColumn<int>("ranks");
    QTest::newRow("shared memory") << int(MpiOptions::Transport::SharedMemory) << 2;
    QTest::newRow("tcp, an odd rank sits out") << int(MpiOptions::Transport::Tcp) << 3;
}

// The ping-pong lesson's program: rank 0 reports its one-way time and how many round trips it timed (never more
// than asked), the rank without a partner nothing; the first round trip is drawn as events, the others are not.
void TestMpi::pingPong()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    QFETCH(int, transport);
    QFETCH(int, ranks);
    test::Watchdog watchdog(QStringLiteral("an MPI ping-pong"), 100);
    Context context;
    MpiOptions o = baseOptions(mpi::Shape::Exchange, ranks);
    o.transport = MpiOptions::Transport(transport);
    o.exchange.order = mpi::Exchange::Order::PingPong;
    o.exchange.bytes = 4096;
    o.exchange.rounds = 25;
    MpiJob job(&context, o);
    MpiRunResult r;
    try {
        r = job.run(Function {}, {});
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
    const QString btl
        = o.transport == MpiOptions::Transport::Tcp ? QStringLiteral("self,tcp") : QStringLiteral("self,vader");
    QVERIFY2(r.mpirunCommand.join(u' ').contains(QStringLiteral("btl ") + btl), qPrintable(r.mpirunCommand.join(u' ')));
    QCOMPARE(r.exec.results.size(), qsizetype(ranks));
    const QCborArray pinger = r.exec.results.at(0).toArray();
    QCOMPARE(pinger.size(), qsizetype(2));
    QVERIFY(pinger.at(0).toInteger() >= 0);
    QVERIFY(pinger.at(1).toInteger() >= 1 && pinger.at(1).toInteger() <= 25);
    for (int rank = 1; rank < ranks; ++rank)
        QVERIFY(r.exec.results.at(rank).isNull()); // the ponger, and a rank without a partner
    int sends = 0;
    int receives = 0;
    for (const Event& e : context.events().snapshot()) {
        sends += e.kind == EventKind::MpiSend && e.object == mpi::TagExchange;
        receives += e.kind == EventKind::MpiRecv && e.object == mpi::TagExchange;
    }
    QCOMPARE(sends, 2);
    QCOMPARE(receives, 2);
}

void TestMpi::connectionWithoutTokenIsRefused()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("an MPI job with an intruder"), 100);
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    Params params;
    QString error;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=1000000"), QStringLiteral("tasks=4") }, &params, &error));
    Context context;
    MpiJob job(&context, baseOptions(mpi::Shape::Spmd, 2));
    QStringList messages;
    int intruder = -1;
    connect(&job, &MpiJob::message, this, [&](const QString& m) {
        messages << m;
        // As soon as the engine listens: a stranger connects and claims to be rank 0 with a wrong token.
        const qsizetype at = m.indexOf(QStringLiteral("ranks connect to 127.0.0.1:"));
        if (at < 0 || intruder >= 0)
            return;
        const quint16 port = quint16(m.mid(at + 27).toUInt());
        intruder = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(intruder, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
            return;
        QByteArray hello = wire::preamble();
        wire::appendFrame(
            hello, mpi::Hello { QStringLiteral("not-the-token"), 0, 2, QStringLiteral("evil"), 1, 0, 0, {} }.encode());
        QVERIFY(platform::writeAll(intruder, hello.constData(), hello.size()));
    });
    MpiRunResult r;
    try {
        r = job.run(pi->function(params), pi->inputs(params));
    } catch (const std::exception& e) {
        ::close(intruder);
        QFAIL(e.what());
    }
    QVERIFY(intruder >= 0);
    QVERIFY2(messages.contains(QStringLiteral("refused a connection without the run's token")),
        qPrintable(messages.join(u'\n')));
    // The real ranks ran; the intruder's socket was closed by the engine.
    QCOMPARE(r.exec.results.size(), qsizetype(4));
    for (const MpiRank& k : r.ranks)
        QVERIFY(k.host != QLatin1String("evil"));
    char buf[64];
    ssize_t n = 0, got = 0;
    while ((n = ::recv(intruder, buf, sizeof buf, 0)) > 0)
        got += n;
    ::close(intruder);
    QCOMPARE(n, ssize_t(0));
    QCOMPARE(got, ssize_t(wire::PreambleSize)); // the engine's preamble, then nothing but the end
}

QTEST_GUILESS_MAIN(TestMpi)
// "Check hosts" reads Open MPI's hostfile as mpirun does and mpirun's words for what failed (Open MPI 4.1's texts).
void TestMpi::hostfilesAndCheckOutputAreRead()
{
    QTemporaryDir dir;
    const auto write = [&](const QByteArray& text) {
        QFile f(dir.filePath(QStringLiteral("hosts")));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(text);
        return f.fileName();
    };
    QString error;
    const auto hosts = mpi::readHostfile(
        write("# the lab\n\nnodeA slots=2\nnodeB   slots=4 max_slots=8  # back row\n10.0.0.7\n"), &error);
    QVERIFY2(hosts, qPrintable(error));
    QCOMPARE(hosts->size(), 3);
    QCOMPARE(hosts->at(0).host, QStringLiteral("nodeA"));
    QCOMPARE(hosts->at(0).slotCount, 2);
    QCOMPARE(hosts->at(1).slotCount, 4);
    QCOMPARE(hosts->at(1).line, 4);
    QCOMPARE(hosts->at(2).host, QStringLiteral("10.0.0.7"));
    QCOMPARE(hosts->at(2).slotCount, 1);
    QVERIFY(!mpi::readHostfile(write("nodeA slots=two\n"), &error));
    QVERIFY2(error.contains(QLatin1String(":1:")) && error.contains(QLatin1String("slots=two")), qPrintable(error));
    QVERIFY(!mpi::readHostfile(write("nodeA cpus=2\n"), &error));
    QVERIFY(!mpi::readHostfile(write("node;rm -rf\n"), &error));
    QVERIFY(!mpi::readHostfile(write("# nobody\n"), &error));
    QVERIFY(error.contains(QLatin1String("names no host")));
    QVERIFY(!mpi::readHostfile(dir.filePath(QStringLiteral("missing")), &error));

    QString detail;
    QCOMPARE(
        mpi::classifyCheckOutput(QStringLiteral("PROCLAB-CHECK host=pc7 engine=ok mpi=Open MPI v4.1.4\n"), &detail),
        mpi::HostCheck::Verdict::Ready);
    QCOMPARE(mpi::classifyCheckOutput(QStringLiteral("PROCLAB-CHECK host=pc7 engine=cannot connect to the engine at "
                                                     "10.0.0.1:4000: No route to host mpi=Open MPI v4.1.4\n"),
                 &detail),
        mpi::HostCheck::Verdict::NoEngine);
    QVERIFY(detail.contains(QLatin1String("No route to host")));
    QCOMPARE(mpi::classifyCheckOutput(QStringLiteral("-----\nmpirun was unable to launch the specified application as "
                                                     "it could not access\nor execute an executable:\n\nExecutable: "
                                                     "/opt/w\nNode: pc7\n-----\n"),
                 &detail),
        mpi::HostCheck::Verdict::NoWorker);
    QCOMPARE(mpi::classifyCheckOutput(QStringLiteral("/opt/w: error while loading shared libraries: libQt6Core.so.6: "
                                                     "cannot open shared object file\n"),
                 &detail),
        mpi::HostCheck::Verdict::NoWorker);
    QVERIFY(detail.contains(QLatin1String("libQt6Core")));
    QCOMPARE(mpi::classifyCheckOutput(QStringLiteral("ssh: connect to host pc9 port 22: Connection refused\n-----\n"
                                                     "ORTE was unable to reliably start one or more daemons.\n"),
                 &detail),
        mpi::HostCheck::Verdict::Unreachable);
    QCOMPARE(detail, QStringLiteral("ssh: connect to host pc9 port 22: Connection refused"));
    QCOMPARE(mpi::classifyCheckOutput(QStringLiteral("mpirun has detected an attempt to run as root.\n\nRunning as "
                                                     "root is *strongly* discouraged\n"),
                 &detail),
        mpi::HostCheck::Verdict::Failed);
    QVERIFY2(detail.contains(QLatin1String("OMPI_ALLOW_RUN_AS_ROOT=1")), qPrintable(detail));
    QCOMPARE(mpi::classifyCheckOutput(QStringLiteral("something else entirely\n"), &detail),
        mpi::HostCheck::Verdict::Failed);
    QCOMPARE(detail, QStringLiteral("something else entirely"));
    // Which failures checkHosts() asks about once more: not the remote shell's own words, nor a refusal to run as root.
    bool transient = false;
    mpi::classifyCheckOutput(QStringLiteral("something else entirely\n"), &detail, &transient);
    QVERIFY(transient);
    mpi::classifyCheckOutput(
        QStringLiteral("ORTE was unable to reliably start one or more daemons.\n"), &detail, &transient);
    QVERIFY(transient);
    mpi::classifyCheckOutput(QStringLiteral("ssh: connect to host pc9 port 22: Connection refused\n-----\n"
                                            "ORTE was unable to reliably start one or more daemons.\n"),
        &detail, &transient);
    QVERIFY(!transient);
    mpi::classifyCheckOutput(QStringLiteral("mpirun has detected an attempt to run as root.\n"), &detail, &transient);
    QVERIFY(!transient);
}

// Three simulated hosts through a fake remote shell: two answer, one refuses ssh; each asked at once, the way a run
// asks. A worker path that no host has makes the answering hosts say "no worker".
void TestMpi::hostsAreChecked()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("a check of three simulated hosts"), 100);
    QTemporaryDir dir;
    const QString agent = dir.filePath(QStringLiteral("fake-ssh"));
    // nodeD's remote shell fails once without a word, as a daemon that is not heard back on a busy machine: asked
    // again, it answers.
    const QByteArray once = QFile::encodeName(dir.filePath(QStringLiteral("nodeD-failed-once")));
    QVERIFY(test::writeFakeRemoteShell(agent,
        "  nodeC) echo \"ssh: connect to host nodeC port 22: Connection refused\" >&2; exit 255 ;;\n"
        "  nodeD) if [ ! -e '"
            + once + "' ]; then touch '" + once + "'; exit 1; fi ;;\n"));
    QFile hosts(dir.filePath(QStringLiteral("hosts")));
    QVERIFY(hosts.open(QIODevice::WriteOnly));
    hosts.write("nodeA slots=2\nnodeB slots=3\nnodeC\nnodeD\n");
    hosts.close();
    qputenv("OMPI_MCA_oob_tcp_if_include", "lo");
    const auto restore = qScopeGuard([] { qunsetenv("OMPI_MCA_oob_tcp_if_include"); });
    MpiOptions o = baseOptions(mpi::Shape::Spmd, 1);
    o.hostfile = hosts.fileName();
    o.rshAgent = agent;
    o.listenAddress = QStringLiteral("127.0.0.1");
    const int timeoutMs = int(60'000 * test::sanitizerSlowdown());
    QStringList seen;
    const QList<mpi::HostCheck> checks = mpi::checkHosts(
        o, [&](const mpi::HostCheck& c) { seen << c.host; }, timeoutMs);
    QCOMPARE(checks.size(), 4);
    QCOMPARE(seen.size(), 4);
    QCOMPARE(checks.at(0).host, QStringLiteral("nodeA"));
    QCOMPARE(checks.at(1).slotCount, 3);
    for (int i : { 0, 1 }) {
        QVERIFY2(checks.at(i).verdict == mpi::HostCheck::Verdict::Ready, qPrintable(mpi::describe(checks.at(i))));
        QCOMPARE(checks.at(i).reportedName, checks.at(i).host); // the worker ran "there"
        QVERIFY(checks.at(i).mpiVersion.contains(QLatin1String("MPI")));
    }
    QVERIFY2(checks.at(2).verdict == mpi::HostCheck::Verdict::Unreachable, qPrintable(mpi::describe(checks.at(2))));
    QVERIFY2(checks.at(2).detail.contains(QLatin1String("Connection refused")), qPrintable(checks.at(2).detail));
    QVERIFY2(!checks.at(2).detail.contains(QLatin1String("asked twice")), qPrintable(checks.at(2).detail));
    QVERIFY2(checks.at(3).verdict == mpi::HostCheck::Verdict::Ready, qPrintable(mpi::describe(checks.at(3))));
    QVERIFY2(checks.at(3).detail.startsWith(QLatin1String("answered when asked again")),
        qPrintable(mpi::describe(checks.at(3))));
    QVERIFY(QFile::exists(QFile::decodeName(once)));

    o.workerPath = dir.filePath(QStringLiteral("no-such-dir/proclab-mpi-worker"));
    const QList<mpi::HostCheck> missing = mpi::checkHosts(o, {}, timeoutMs);
    QCOMPARE(missing.size(), 4);
    QVERIFY2(missing.at(0).verdict == mpi::HostCheck::Verdict::NoWorker, qPrintable(mpi::describe(missing.at(0))));
    QVERIFY2(missing.at(1).verdict == mpi::HostCheck::Verdict::NoWorker, qPrintable(mpi::describe(missing.at(1))));
    QVERIFY2(missing.at(2).verdict == mpi::HostCheck::Verdict::Unreachable, qPrintable(mpi::describe(missing.at(2))));
    QVERIFY2(missing.at(3).verdict == mpi::HostCheck::Verdict::NoWorker, qPrintable(mpi::describe(missing.at(3))));
}

// A lesson's simulated lab (mpi/simulatedhosts.h): while it lives, MPI runs through execute() go to its two invented
// hosts (the ranks say where they ran); when it goes, the defaults the program had come back.
void TestMpi::simulatedLabIsUsedThenLeft()
{
    if (!needMpi())
        QSKIP(qPrintable(m_unavailable));
    test::Watchdog watchdog(QStringLiteral("an MPI job on a simulated lab"), 110);
    QString error;
    QVERIFY(!mpi::parseHostfile({ QStringLiteral("nodeA slots=x") }, QStringLiteral("simulated hosts"), &error));
    QVERIFY2(error.startsWith(QLatin1String("simulated hosts:1:")), qPrintable(error));
    const auto hosts = mpi::parseHostfile({ QStringLiteral("nodeA slots=2"), QStringLiteral("nodeB slots=2") },
        QStringLiteral("simulated hosts"), &error);
    QVERIFY2(hosts, qPrintable(error));
    MpiOptions before = mpiDefaults();
    before.allowRunAsRoot = ::geteuid() == 0;
    before.hostfile = QStringLiteral("/nonexistent/the-class-hosts");
    setMpiDefaults(before);
    const auto restore = qScopeGuard([] { setMpiDefaults({}); });
    const Workload* pi = findWorkload(QStringLiteral("pi"));
    Params params;
    QVERIFY(parseParams(*pi, { QStringLiteral("samples=400000"), QStringLiteral("tasks=8") }, &params, &error));
    {
        const mpi::SimulatedHosts lab(*hosts);
        QVERIFY2(lab.error().isEmpty(), qPrintable(lab.error()));
        QVERIFY(mpiDefaults().hostfile != before.hostfile);
        Context context;
        ExecOptions o;
        o.executor = ExecutorKind::MpiFarm;
        o.workers = 4;
        o.chunksize = 1;
        ExecResult r;
        // Open MPI's daemons through the remote shell, on a busy machine: once more if one was not heard in time
        // (as in simulatedHostsAndSkewedClocks).
        for (int attempt = 1;; ++attempt) {
            try {
                r = execute(&context, pi->function(params), pi->inputs(params), o);
                break;
            } catch (const std::exception& e) {
                if (attempt > 1 || !QString::fromLocal8Bit(e.what()).contains(QLatin1String("reliably start")))
                    QFAIL(e.what());
            }
        }
        QVERIFY(pi->verify(params, r.results, pi->reduce(params, r.results)).ok);
        const auto run = lastMpiRun();
        QVERIFY(run);
        QMap<QString, QList<int>> byHost;
        for (const MpiRank& k : run->ranks)
            byHost[k.host] << k.rank;
        QCOMPARE(byHost.value(QStringLiteral("nodeA")), (QList<int> { 0, 1 })); // mpirun fills nodeA's slots first
        QCOMPARE(byHost.value(QStringLiteral("nodeB")), (QList<int> { 2, 3 }));
    }
    QCOMPARE(mpiDefaults().hostfile, before.hostfile);
    QVERIFY(mpiDefaults().rshAgent.isEmpty());
}

#include "tst_mpi.moc"
