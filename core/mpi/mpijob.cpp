#include "mpi/mpijob.h"
#include "mpi/mpiwaitgraph.h"

#include "base/clock.h"
#include "base/messages.h"
#include "base/platform.h"
#include "base/sharedmemory.h"
#include "base/wire.h"
#include "content/kernels.h"
#include "engine/asyncresult.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "mp/kernel.h"

#include <QCborValue>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <ifaddrs.h>
#include <limits>
#include <map>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <poll.h>
#include <set>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace proclab {

namespace {

constexpr int PingsPerBurst = 8;
constexpr qint64 ResyncPeriodNs = 1'000'000'000; // a burst per rank every second while the job runs
constexpr qint64 TermGraceNs = 3'000'000'000; // SIGTERM to mpirun, then SIGKILL
constexpr qint64 QuitGraceNs = 10'000'000'000; // Quit sent: ranks finalize, mpirun exits
// ...unless a rank died in survive mode: Open MPI 4.1's MPI_Finalize then sometimes waits for the dead rank for good
// (seen: 2 of 6 runs). The result is in hand by then, so mpirun gets SIGTERM after a second.
constexpr qint64 QuitGraceAfterLossNs = 1'000'000'000;
// A cycle of waits that lasted deadlockAfterMs is a deadlock only if every rank in it was on a CPU meanwhile: a rank
// stuck in MPI spins in its progress loop, while one the scheduler left off the CPU (or stopped) would look stuck
// too and then return. Each rank's main-thread CPU time is read twice, CpuCheckNs apart; each must have grown by
// CpuCheckMinNs (a spinning rank shares the CPUs with everything else on the machine; a sleeping one gets nothing).
constexpr qint64 CpuCheckNs = 1'000'000'000;
constexpr qint64 CpuCheckMinNs = 20'000'000;

// The run's inputs name `name` (a shared buffer's name among a task's arguments).
bool inputsName(const QCborArray& inputs, const QString& name)
{
    for (const QCborValue& task : inputs)
        for (const QCborValue& arg : task.toArray())
            if (arg.isString() && arg.toString() == name)
                return true;
    return false;
}

// A slice of what a collective program gathered at rank 0, written into the engine's shared buffer of that name (the
// one inputs() made, which verify() reads). Empty when done, else why not.
QString writeOutput(const mpi::Output& o)
{
    try {
        const auto memory = attachRunMemory(o.name, qsizetype(o.offset) + o.bytes.size()); // checks the size
        std::memcpy(static_cast<char*>(memory->data()) + o.offset, o.bytes.constData(), size_t(o.bytes.size()));
        return {};
    } catch (const TaskException& e) {
        return QStringLiteral("cannot write rank 0's %1 into the run's memory: %2").arg(o.name, e.message());
    }
}

// What MPI_Reduce gave rank 0 against the element-wise sum of the gathered results: empty when they agree.
QString checkReducedCounts(const QCborArray& reduced, const QCborArray& results)
{
    std::vector<qint64> sum(size_t(reduced.size()), 0);
    for (const QCborValue& r : results) {
        const auto counts = mpi::flattenCounts(r);
        if (!counts || counts->size() != sum.size())
            return QStringLiteral("a task's result is not a histogram of %1 counts").arg(sum.size());
        for (size_t i = 0; i < sum.size(); ++i)
            sum[i] += (*counts)[i];
    }
    for (qsizetype i = 0; i < reduced.size(); ++i)
        if (reduced.at(i).toInteger() != sum[size_t(i)])
            return QStringLiteral("MPI_Reduce gave %1 at slot %2, the tasks' counts sum to %3")
                .arg(reduced.at(i).toInteger())
                .arg(i)
                .arg(sum[size_t(i)]);
    return {};
}

QString randomToken()
{
    QString t;
    for (int i = 0; i < 4; ++i)
        t += QStringLiteral("%1").arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return t;
}

QString firstLanAddress()
{
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0)
        return QStringLiteral("127.0.0.1");
    QString found;
    for (ifaddrs* a = list; a && found.isEmpty(); a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET)
            continue;
        const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
        if ((ntohl(in->sin_addr.s_addr) >> 24) == 127)
            continue;
        char buf[INET_ADDRSTRLEN];
        if (inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf))
            found = QString::fromLatin1(buf);
    }
    freeifaddrs(list);
    return found.isEmpty() ? QStringLiteral("127.0.0.1") : found;
}

bool sendFrame(int fd, const QCborArray& m)
{
    QByteArray out;
    wire::appendFrame(out, m);
    return platform::writeAll(fd, out.constData(), out.size());
}

// A rank's Open MPI shared-memory segment (mpi::Hello::sharedMemory) still there once its job is over: removed, and
// its path and size returned ("/dev/shm/vader_segment.vm.0.44370001.1 (4.0 MiB)"); empty when there was none. Only
// a file of that name in /dev/shm, owned by this user: the path comes from a rank.
QString removeLeftSegment(const QString& path)
{
    const QFileInfo file(path);
    if (path.isEmpty() || file.absolutePath() != QLatin1String("/dev/shm")
        || !file.fileName().startsWith(QLatin1String("vader_segment.")) || !file.exists()
        || file.ownerId() != ::geteuid())
        return {};
    const qint64 bytes = file.size();
    if (::unlink(QFile::encodeName(file.absoluteFilePath()).constData()) != 0)
        return {};
    return QStringLiteral("%1 (%2 MiB)").arg(file.absoluteFilePath()).arg(double(bytes) / 1048576.0, 0, 'f', 1);
}

// Open MPI's shared-memory segments in /dev/shm that no job uses any more: vader_segment files of this user, untouched
// for StaleSegmentAgeS, that no process maps (every process of this user is looked at: /proc/PID/maps). They are
// what ranks leave when their engine and mpirun were both killed (a terminal closed on a running sweep), when the
// engine's own removal never runs. Returns each removed file's description, as removeLeftSegment's.
constexpr qint64 StaleSegmentAgeS = 60;

QStringList removeStaleSegments()
{
    const QDir shm(QStringLiteral("/dev/shm"));
    QStringList candidates;
    const QDateTime oldest = QDateTime::currentDateTimeUtc().addSecs(-StaleSegmentAgeS);
    for (const QFileInfo& file : shm.entryInfoList({ QStringLiteral("vader_segment.*") }, QDir::Files | QDir::System))
        if (file.ownerId() == ::geteuid() && file.lastModified().toUTC() < oldest)
            candidates << file.absoluteFilePath();
    if (candidates.isEmpty())
        return {};
    std::set<QString> mapped;
    const QDir proc(QStringLiteral("/proc"));
    for (const QString& pid : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!pid.front().isDigit())
            continue;
        QFile maps(proc.filePath(pid + QStringLiteral("/maps")));
        if (!maps.open(QIODevice::ReadOnly)) // another user's, or gone
            continue;
        const QByteArray text = maps.readAll();
        for (const QString& path : std::as_const(candidates))
            if (text.contains(QFile::encodeName(path)))
                mapped.insert(path);
    }
    QStringList removed;
    for (const QString& path : std::as_const(candidates))
        if (!mapped.count(path))
            if (const QString r = removeLeftSegment(path); !r.isEmpty())
                removed << r;
    return removed;
}

// A cycle of waits waiting for its CPU check: its waits, and each rank's CPU time at the first and the second
// reading. (Outside MpiJob::State: clang cannot default-construct a nested struct with member initializers inside an
// optional member of the class that encloses it.)
struct CpuCheck {
    std::vector<mpi::WaitGraph::Wait> cycle;
    int id = 0; // of the reading asked for (a late answer to an earlier one is not this one's)
    int reading = 1;
    qint64 startedNs = 0; // the first reading asked for
    qint64 askedNs = 0;
    std::map<int, qint64> first;
    std::map<int, qint64> second;
};

} // namespace

struct MpiJob::State {
    struct Conn {
        int fd = -1;
        wire::FrameReader reader;
        bool hello = false;
        mpi::Hello info;
        mpi::ClockModel clock;
        std::vector<Event> pending; // events in the rank's clock, waiting for the next sync point
        int burstLeft = 0; // pings still to send in this burst (0: no burst running)
        qint64 pingSentNs = 0;
        int seq = 0;
        mpi::ClockSample best;
        qint64 lastBurstNs = 0;
        bool active = false; // takes part in the current run
        bool bye = false; // ... and has sent all its events of it
        bool finalSync = false; // the burst after Bye completed
        bool quitSent = false;
        bool gone = false; // survive mode: it died, and rank 0 was told to deal its chunk again
        qint64 tasks = 0;
        qint64 currentTask = -1;
        qint32 key = 0;
    };
    // ---- the job: mpirun and its ranks ----
    int ranks = 0; // how many mpirun starts
    bool lan = false; // with a hostfile
    bool survive = false;
    QString token;
    QString engineAddress;
    int listenFd = -1;
    int outFd = -1; // mpirun's stdout and stderr
    pid_t pid = -1;
    bool mpirunAlive = false;
    int mpirunStatus = 0;
    qint64 mpirunExitNs = -1;
    qint64 termSentNs = -1;
    bool killSent = false;
    qint64 quitSentNs = -1;
    qint64 helloDeadline = 0;
    bool over = false; // mpirun is gone and everything is closed
    QByteArray output;
    QStringList command;
    std::vector<std::unique_ptr<Conn>> conns;
    std::map<int, Conn*> byRank;
    int size = 0;
    bool named = false; // the ranks are registered on the context
    qint64 launchNs = 0;
    QString failure;
    bool failed = false;
    bool cancelled = false;
    int runs = 0; // Inits sent
    // ---- the current run ----
    MpiOptions run; // its shape, ranks (1..ranks), chunksize, pace, faults, cancellation
    Function f;
    QCborArray inputs;
    int runRanks = 0;
    bool initSent = false;
    qint64 initNs = 0;
    qint64 goNs = -1;
    qint64 resultNs = -1;
    std::optional<mpi::Result> result;
    mpi::WaitGraph waits;
    std::optional<CpuCheck> cpuCheck;
    int cpuQueries = 0;
    QStringList deadlock; // the cycle found, described
    bool faultInjected = false; // killAtTask's Kill was sent
    MpiRunResult out;
};

MpiJob::MpiJob(Context* context, MpiOptions options, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_options(std::move(options))
{
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        m_wake[0] = m_wake[1] = -1;
}

MpiJob::~MpiJob()
{
    if (m_st && !m_st->over) { // a job kept for several runs, left without finish() (an exception on the way)
        try {
            finish();
        } catch (...) {
        }
    }
    platform::closeFd(m_wake[0]);
    platform::closeFd(m_wake[1]);
}

QString MpiJob::defaultWorkerPath()
{
    const QString fromEnv = qEnvironmentVariable("PROCLAB_MPI_WORKER");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QDir bin(platform::processExecutableDir());
    const QString beside = bin.filePath(QStringLiteral("proclab-mpi-worker"));
    if (QFileInfo(beside).isExecutable())
        return beside;
    // Where an install puts proclab-worker, relative to bin (see Context::defaultWorkerPath).
    const QFileInfo worker(Context::defaultWorkerPath());
    const QString sibling = worker.dir().filePath(QStringLiteral("proclab-mpi-worker"));
    if (QFileInfo(sibling).isExecutable())
        return sibling;
    return QStandardPaths::findExecutable(QStringLiteral("proclab-mpi-worker"));
}

QString MpiJob::unavailableReason(const MpiOptions& options)
{
    const QString mpirun = mpirunPath(options);
    if (mpirun.isEmpty() || !QFileInfo(mpirun).isExecutable())
        return QStringLiteral("mpirun was not found: install Open MPI (Debian: openmpi-bin)");
    const QString worker = options.workerPath.isEmpty() ? defaultWorkerPath() : options.workerPath;
    if (worker.isEmpty() || !QFileInfo(worker).isExecutable())
        return QStringLiteral("proclab-mpi-worker was not found: ProcLab was built without MPI (libopenmpi-dev)");
    return {};
}

QString MpiJob::engineAddress(const MpiOptions& options)
{
    if (!options.listenAddress.isEmpty())
        return options.listenAddress;
    return options.hostfile.isEmpty() ? QStringLiteral("127.0.0.1") : firstLanAddress();
}

QString MpiJob::mpirunPath(const MpiOptions& options)
{
    return options.mpirun.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("mpirun")) : options.mpirun;
}

int MpiJob::listenForRanks(const MpiOptions& options, QString* engine)
{
    const QString advertised = engineAddress(options);
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        throw MpiError("socket: " + platform::errnoText(errno).toStdString());
    const int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    if (!options.hostfile.isEmpty() && options.listenAddress.isEmpty())
        addr.sin_addr.s_addr = htonl(INADDR_ANY);
    else if (inet_pton(AF_INET, advertised.toLatin1().constData(), &addr.sin_addr) != 1) {
        platform::closeFd(fd);
        throw MpiError(QStringLiteral("not an IPv4 address: %1").arg(advertised).toStdString());
    }
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 128) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const QString e = platform::errnoText(errno);
        platform::closeFd(fd);
        throw MpiError(QStringLiteral("cannot listen on %1: %2").arg(advertised, e).toStdString());
    }
    *engine = QStringLiteral("%1:%2").arg(advertised).arg(ntohs(addr.sin_port));
    return fd;
}

void MpiJob::stop()
{
    m_stop.store(true);
    if (m_wake[1] >= 0) {
        const char c = 's';
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &c, 1);
    }
}

void MpiJob::killRank(int rank)
{
    m_killRequest.store(rank);
    if (m_wake[1] >= 0) {
        const char c = 'k';
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &c, 1);
    }
}

void MpiJob::start()
{
    if (m_st)
        throw MpiError("this MPI job was started already");
    if (const QString why = unavailableReason(m_options); !why.isEmpty())
        throw MpiError(why.toStdString());
    m_st = std::make_unique<State>();
    State& st = *m_st;
    st.ranks = std::max(1, m_options.ranks);
    for (const QString& removed : removeStaleSegments())
        Q_EMIT message(QStringLiteral("removed %1, Open MPI shared memory that no process uses any more (left by a job "
                                      "whose mpirun was killed)")
                           .arg(removed));

    // ---- listen ----
    st.lan = !m_options.hostfile.isEmpty();
    st.listenFd = listenForRanks(m_options, &st.engineAddress);
    st.token = randomToken();

    // ---- the mpirun command ----
    const QString mpirun = mpirunPath(m_options);
    const QString worker = m_options.workerPath.isEmpty() ? defaultWorkerPath() : m_options.workerPath;
    QStringList args { QStringLiteral("-n"), QString::number(st.ranks), QStringLiteral("--oversubscribe") };
    if (m_options.allowRunAsRoot)
        args << QStringLiteral("--allow-run-as-root");
    if (!m_options.hostfile.isEmpty())
        args << QStringLiteral("--hostfile") << m_options.hostfile;
    if (!m_options.rshAgent.isEmpty())
        args << QStringLiteral("--mca") << QStringLiteral("plm_rsh_agent") << m_options.rshAgent;
    // Daemons report straight to mpirun rather than through each other (Open MPI 4.1's own advice when a daemon
    // on a simulated host could not be routed to, under load).
    if (st.lan)
        args << QStringLiteral("--mca") << QStringLiteral("routed") << QStringLiteral("direct");
    // Survive mode: mpirun leaves the other ranks running when one dies (its default is to kill them all).
    st.survive = m_options.survive && m_options.shape == mpi::Shape::Farm;
    if (st.survive)
        args << QStringLiteral("--enable-recovery");
    // ob1 over the byte transfer layers only (the research note: 0.2-0.3 s less start-up than probing UCX/OFI);
    // shared memory on one machine, TCP between hosts (and between simulated hosts, whose shared-memory names clash).
    using Transport = MpiOptions::Transport;
    const bool tcp = m_options.transport == Transport::Tcp || (m_options.transport == Transport::Auto && st.lan);
    args << QStringLiteral("--mca") << QStringLiteral("pml") << QStringLiteral("ob1") << QStringLiteral("--mca")
         << QStringLiteral("btl") << (tcp ? QStringLiteral("self,tcp") : QStringLiteral("self,vader"));
    if (tcp && !st.lan) // TCP between ranks of this machine: over the loopback, which Open MPI leaves out by default
        args << QStringLiteral("--mca") << QStringLiteral("btl_tcp_if_include") << QStringLiteral("lo");
    args << QStringLiteral("--mca") << QStringLiteral("mtl") << QStringLiteral("^ofi,psm,psm2")
         << QStringLiteral("--mca") << QStringLiteral("osc") << QStringLiteral("^ucx");
    QStringList env { QStringLiteral("%1=%2").arg(QLatin1String(mpi::EngineEnv), st.engineAddress),
        QStringLiteral("%1=%2").arg(QLatin1String(mpi::TokenEnv), st.token) };
    env << m_options.extraEnvironment;
    for (const QString& kv : std::as_const(env))
        args << QStringLiteral("-x") << kv.section(QLatin1Char('='), 0, 0);
    args << m_options.extraMpirunArgs << worker;
    st.command = QStringList { mpirun } + args;

    // argv and envp are built before fork: the child only makes async-signal-safe calls.
    std::vector<QByteArray> argStore { mpirun.toLocal8Bit() };
    for (const QString& a : std::as_const(args))
        argStore.push_back(a.toLocal8Bit());
    std::vector<char*> argv;
    for (auto& a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> envStore;
    for (char** e = environ; *e; ++e) {
        const QByteArray kv(*e);
        bool overridden = false;
        for (const QString& x : std::as_const(env))
            overridden = overridden || kv.startsWith(QByteArray(x.section(QLatin1Char('='), 0, 0).toLocal8Bit() + '='));
        if (!overridden)
            envStore.push_back(kv);
    }
    for (const QString& x : std::as_const(env))
        envStore.push_back(x.toLocal8Bit());
    std::vector<char*> envp;
    for (auto& e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    int outPipe[2];
    if (!platform::makePipe(outPipe)) {
        platform::closeFd(st.listenFd);
        st.over = true;
        throw MpiError("pipe: " + platform::errnoText(errno).toStdString());
    }
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    const pid_t parent = ::getpid();
    st.launchNs = monotonicNs();
    const pid_t pid = ::fork();
    if (pid == 0) {
        // mpirun dies with this thread's process (the engine); it SIGTERMs its ranks and daemons in turn.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(127);
        ::setpgid(0, 0);
        ::dup2(devNull, 0);
        ::dup2(outPipe[1], 1);
        ::dup2(outPipe[1], 2);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(devNull);
    platform::closeFd(outPipe[1]);
    if (pid < 0) {
        platform::closeFd(outPipe[0]);
        platform::closeFd(st.listenFd);
        st.over = true;
        throw MpiError("fork: " + platform::errnoText(errno).toStdString());
    }
    st.pid = pid;
    st.mpirunAlive = true;
    st.outFd = outPipe[0];
    platform::setNonBlocking(st.outFd);
    st.helloDeadline = st.launchNs + m_options.startupTimeoutMs * 1'000'000;
    Q_EMIT message(QStringLiteral("mpirun %1 (pid %2), ranks connect to %3")
                       .arg(args.join(QLatin1Char(' ')))
                       .arg(pid)
                       .arg(st.engineAddress));
    pump(Goal::Started);
    throwIfOver();
}

MpiRunResult MpiJob::runNext(const MpiOptions& run, const Function& f, const QCborArray& inputs)
{
    if (!m_st)
        start();
    State& st = *m_st;
    if (!alive())
        throw MpiError("this MPI job is over: it cannot run again");
    if (platform::reap(st.pid, &st.mpirunStatus, false)) { // mpirun went between runs (killed): the job is over
        st.mpirunAlive = false;
        st.mpirunExitNs = monotonicNs();
        st.failed = true;
        st.failure = QStringLiteral("mpirun %1 between runs").arg(platform::describeStatus(st.mpirunStatus));
        Q_EMIT message(st.failure);
        st.termSentNs = st.mpirunExitNs; // nobody to ask to quit: the ranks go with its process group
        pump(Goal::Exited);
        throwIfOver();
    }
    if (run.ranks < 1 || run.ranks > st.size)
        throw MpiError(QStringLiteral("a run on %1 rank(s) in a job of %2").arg(run.ranks).arg(st.size).toStdString());
    if (run.survive != st.survive && run.shape == mpi::Shape::Farm)
        throw MpiError("survive mode is the job's (mpirun --enable-recovery), not a run's");
    // The run's state starts afresh; the job's (ranks, clocks, names) goes on.
    st.run = run;
    st.f = f;
    st.inputs = inputs;
    st.runRanks = run.ranks;
    st.initSent = false;
    st.goNs = st.resultNs = -1;
    st.result.reset();
    st.waits.clear();
    st.cpuCheck.reset();
    st.deadlock.clear();
    st.faultInjected = false;
    st.out = MpiRunResult {};
    st.out.mpirunCommand = st.command;
    for (auto& c : st.conns) {
        c->active = c->hello && c->info.rank < st.runRanks;
        c->bye = c->finalSync = false;
        c->tasks = 0;
        c->currentTask = -1;
    }
    const qsizetype outputBefore = st.output.size();
    pump(Goal::RunDone);
    MpiRunResult& out = st.out;
    throwIfOver();
    out.mpirunOutput = QString::fromLocal8Bit(st.output.mid(outputBefore));
    out.exec.results = st.result->results;
    out.reducedSum = st.result->reducedSum;
    out.reducedCounts = st.result->reducedCounts;
    // The first run's start-up is the job's (mpirun, MPI_Init, connecting, the first barrier); a later run's is
    // what it takes to hand out its work (its Init, the split, its barrier).
    const qint64 startNs = st.runs == 1 ? st.launchNs : st.initNs;
    out.exec.startupNs = st.goNs >= 0 ? st.goNs - startNs : 0;
    out.exec.wallNs = st.resultNs - (st.goNs >= 0 ? st.goNs : startNs);
    for (const auto& [r, c] : st.byRank) {
        if (!c->active)
            continue;
        MpiRank mr { r, c->info.host, c->info.pid, c->key, c->info.tInitDoneNs - c->info.tMainNs, c->clock.offsetNs(),
            c->clock.rttNs(), c->tasks, c->info.sharedMemory };
        out.ranks << mr;
        out.exec.workers << WorkerStat { c->info.pid, 0, mpi::rankProcessName(r, c->info.host), c->tasks,
            st.runs == 1 ? mr.initNs : 0, std::nullopt };
    }
    if (st.run.shape == mpi::Shape::Exchange ? out.exec.results.size() != st.runRanks
                                             : out.exec.results.size() != inputs.size())
        throw MpiError(QStringLiteral("rank 0 returned %1 results for %2 tasks")
                           .arg(out.exec.results.size())
                           .arg(inputs.size())
                           .toStdString());
    if (!out.reducedCounts.isEmpty())
        if (const QString why = checkReducedCounts(out.reducedCounts, out.exec.results); !why.isEmpty())
            throw MpiError(why.toStdString());
    return out;
}

void MpiJob::finish(MpiRunResult* last)
{
    if (!m_st)
        return;
    if (!m_st->over)
        pump(Goal::Exited);
    if (last) {
        last->mpirunOutput = QString::fromLocal8Bit(m_st->output);
        last->mpirunExit = platform::exitCodeFromStatus(m_st->mpirunStatus);
        last->teardownNs = m_st->mpirunExitNs >= 0 && m_st->resultNs >= 0 ? m_st->mpirunExitNs - m_st->resultNs : 0;
    }
}

bool MpiJob::alive() const
{
    return m_st && !m_st->over && !m_st->failed && !m_st->cancelled && m_st->termSentNs < 0 && m_st->mpirunAlive;
}

int MpiJob::size() const
{
    return m_st ? m_st->size : 0;
}

MpiRunResult MpiJob::run(const Function& f, const QCborArray& inputs)
{
    if (!m_st)
        start();
    MpiOptions run = m_options;
    run.ranks = m_st->size;
    MpiRunResult out = runNext(run, f, inputs);
    finish(&out);
    return out;
}

void MpiJob::throwIfOver()
{
    State& st = *m_st;
    if (!st.over && !st.failed && !st.cancelled)
        return;
    if (!st.over)
        pump(Goal::Exited); // the job was stopped: wait for mpirun to go
    if (st.cancelled)
        throw CancelledError();
    const QString all = QString::fromLocal8Bit(st.output);
    if (st.failed) {
        QString why = st.failure;
        const QString tail = all.trimmed().right(2000);
        if (!st.deadlock.isEmpty())
            throw MpiDeadlockError(why.toStdString(), st.deadlock); // mpirun's words are about our SIGTERM
        if (!tail.isEmpty())
            why += QStringLiteral("\nmpirun said:\n") + tail;
        throw MpiError(why.toStdString());
    }
    throw MpiError(QStringLiteral("mpirun %1 without a result:\n%2")
                       .arg(platform::describeStatus(st.mpirunStatus), all.trimmed().right(2000))
                       .toStdString());
}

// The job's event loop: mpirun's output, the ranks' sockets, clock bursts, the wait graph, stop and kill requests;
// returns once `goal` is reached (every rank here and synchronised; the current run's result in and its ranks'
// events all received; mpirun gone), or when mpirun is gone whatever the goal (failed, stopped).
void MpiJob::pump(Goal goal)
{
    State& st = *m_st;
    const int ranks = st.ranks;
    const bool survive = st.survive;
    const MpiOptions& run = st.run;
    MpiRunResult& out = st.out;
    // Who may cancel: the run's caller while it runs, the job's while it starts; nobody once it is finishing.
    const std::function<bool()>& cancelled = goal == Goal::RunDone ? run.cancelled
        : goal == Goal::Started                                    ? m_options.cancelled
                                                                   : std::function<bool()>();

    auto terminate = [&] {
        if (st.mpirunAlive && st.termSentNs < 0) {
            ::kill(st.pid, SIGTERM);
            st.termSentNs = monotonicNs();
        }
    };
    auto fail = [&](const QString& why) {
        if (!st.failed && !st.cancelled) {
            st.failed = true;
            st.failure = why;
            Q_EMIT message(why);
        }
        terminate();
    };
    auto flushEvents = [&](State::Conn& c) {
        if (c.pending.empty())
            return;
        EventBatch batch;
        batch.reserve(c.pending.size());
        for (Event e : c.pending) {
            e.tNs = c.clock.toEngine(e.tNs);
            e.pid = c.key;
            batch.push_back(e);
        }
        c.pending.clear();
        if (m_context)
            m_context->events().append(batch);
    };
    auto sendPing = [&](State::Conn& c) {
        c.pingSentNs = monotonicNs();
        sendFrame(c.fd, { int(mpi::Msg::Ping), ++c.seq });
    };
    auto startBurst = [&](State::Conn& c) {
        c.burstLeft = PingsPerBurst;
        c.best = { 0, 0, std::numeric_limits<qint64>::max() };
        sendPing(c);
    };
    // The cycle the wait graph found, once its ranks' CPU times say that they spin in it (CpuCheckNs); none until then,
    // and none when one of them was off the CPU meanwhile (the check starts again while the cycle lasts).
    auto confirmedByCpu = [&](const std::vector<mpi::WaitGraph::Wait>& cycle) -> std::vector<mpi::WaitGraph::Wait> {
        const auto sameWaits
            = [](const std::vector<mpi::WaitGraph::Wait>& a, const std::vector<mpi::WaitGraph::Wait>& b) {
                  return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [](const auto& x, const auto& y) { return x.rank == y.rank && x.sinceNs == y.sinceNs; });
              };
        if (cycle.empty()) {
            st.cpuCheck.reset();
            return {};
        }
        const auto ask = [&](CpuCheck& check) {
            check.id = ++st.cpuQueries;
            check.askedNs = monotonicNs();
            for (const mpi::WaitGraph::Wait& w : cycle) {
                if (const auto it = st.byRank.find(w.rank); it != st.byRank.end() && it->second->fd >= 0)
                    sendFrame(it->second->fd, { int(mpi::Msg::CpuQuery), check.id });
            }
        };
        if (!st.cpuCheck || !sameWaits(st.cpuCheck->cycle, cycle)) {
            st.cpuCheck.emplace();
            st.cpuCheck->cycle = cycle;
            ask(*st.cpuCheck);
            st.cpuCheck->startedNs = st.cpuCheck->askedNs;
            return {};
        }
        CpuCheck& check = *st.cpuCheck;
        if (check.reading == 1) {
            if (check.first.size() == cycle.size() && monotonicNs() - check.askedNs >= CpuCheckNs) {
                check.reading = 2;
                ask(check);
            }
            return {};
        }
        if (check.second.size() < cycle.size())
            return {};
        for (const mpi::WaitGraph::Wait& w : cycle) {
            const qint64 ran = check.second[w.rank] - check.first[w.rank];
            if (ran < CpuCheckMinNs) {
                const auto it = st.byRank.find(w.rank);
                Q_EMIT message(QStringLiteral("rank %1 on %2 waits in %3 but ran %4 ms of CPU in %5 ms: off the CPU, "
                                              "not stuck; not a deadlock (yet)")
                                   .arg(w.rank)
                                   .arg(it == st.byRank.end() ? QString() : it->second->info.host,
                                       w.send ? QStringLiteral("MPI_Send") : QStringLiteral("MPI_Recv"))
                                   .arg(double(ran) / 1e6, 0, 'f', 1)
                                   .arg(double(check.askedNs - check.startedNs) / 1e6, 0, 'f', 0));
                st.cpuCheck.reset();
                return {};
            }
        }
        return cycle;
    };
    // Every rank has said hello and has a clock.
    auto allSynced = [&] {
        if (int(st.byRank.size()) != ranks)
            return false;
        for (const auto& [r, o] : st.byRank)
            if (o->clock.empty())
                return false;
        return true;
    };
    auto nameRanks = [&] {
        // Every rank is here and synchronised: name them (once per job: a sweep's later runs keep the names).
        std::set<qint64> pids;
        for (const auto& [r, c] : st.byRank)
            pids.insert(c->info.pid);
        const bool unique = int(pids.size()) == st.size;
        std::set<QString> hosts;
        for (const auto& [r, c] : st.byRank) {
            c->key = unique ? qint32(c->info.pid) : qint32(1'000'000'000 + r); // beyond any pid_max
            hosts.insert(c->info.host);
            if (m_context) {
                m_context->registerProcess(pid_t(c->key), mpi::rankProcessName(r, c->info.host));
                m_context->events().append(Event { c->clock.toEngine(c->info.tInitDoneNs), c->key, qint32(r),
                    EventKind::ProcessReady, -1, -1, c->info.pid });
            }
        }
        st.named = true;
        Q_EMIT message(QStringLiteral("%1 rank(s) on %2 host(s), synchronised").arg(st.size).arg(hosts.size()));
    };
    auto sendInit = [&] {
        // Hand out the work: to every rank of the job (those beyond the run's take part in the split only).
        mpi::Init init;
        init.shape = run.shape;
        if (run.shape == mpi::Shape::Exchange) {
            init.config = run.exchange.toConfig();
        } else {
            init.kernel = st.f.kernel;
            init.config = st.f.config;
            init.inputs = st.inputs;
        }
        const int computing = run.shape == mpi::Shape::Farm && st.runRanks > 1 ? st.runRanks - 1 : st.runRanks;
        init.chunksize = run.chunksize > 0 ? run.chunksize : Pool::defaultChunksize(st.inputs.size(), computing);
        out.exec.chunksize = run.shape == mpi::Shape::Farm ? init.chunksize : 1;
        init.paceNs = run.paceNs;
        init.survive = survive;
        init.ranks = st.runRanks == st.size ? 0 : st.runRanks;
        const QCborArray msg = init.encode();
        st.initNs = monotonicNs();
        for (const auto& [r, c] : st.byRank)
            if (c->fd >= 0)
                sendFrame(c->fd, msg);
        st.initSent = true;
        ++st.runs;
        if (st.runRanks < st.size)
            Q_EMIT message(QStringLiteral("run %1 on ranks 0-%2 of %3 (the others wait for the next)")
                               .arg(st.runs)
                               .arg(st.runRanks - 1)
                               .arg(st.size));
    };
    // The run is over for the engine: rank 0 sent the result, and every rank of the run said Bye and was
    // synchronised once more (a rank that died in survive mode excepted).
    auto runDone = [&] {
        if (!st.initSent || !st.result.has_value())
            return false;
        for (const auto& [r, o] : st.byRank)
            if (o->active && !(o->finalSync || o->gone))
                return false;
        return true;
    };
    auto sendQuit = [&] {
        for (const auto& [r, o] : st.byRank) {
            if (o->gone || o->fd < 0)
                continue;
            sendFrame(o->fd, { int(mpi::Msg::Quit) });
            o->quitSent = true;
        }
        st.quitSentNs = monotonicNs();
    };
    auto burstDone = [&](State::Conn& c) {
        c.clock.add(c.best);
        c.lastBurstNs = monotonicNs();
        if (st.named)
            flushEvents(c);
        if (c.bye && !c.finalSync)
            c.finalSync = true;
    };
    auto onMessage = [&](State::Conn& c, const QCborArray& m) {
        const int type = wire::messageType(m);
        if (!c.hello) {
            const auto h = mpi::Hello::decode(m);
            QString refused;
            if (!h || h->token != st.token)
                refused = QStringLiteral("refused a connection without the run's token");
            else if (h->size != ranks)
                refused = QStringLiteral("refused rank %1: its job has %2 ranks, not %3")
                              .arg(h->rank)
                              .arg(h->size)
                              .arg(ranks);
            else if (st.byRank.count(h->rank))
                refused = QStringLiteral("refused a second rank %1").arg(h->rank);
            if (!refused.isEmpty()) {
                Q_EMIT message(refused);
                platform::closeFd(c.fd);
                return;
            }
            c.hello = true;
            c.info = *h;
            st.size = h->size;
            st.byRank[h->rank] = &c;
            Q_EMIT rankConnected(h->rank, h->host, h->pid);
            startBurst(c);
            return;
        }
        switch (mpi::Msg(type)) {
        case mpi::Msg::Pong: {
            if (c.burstLeft <= 0 || m.at(1).toInteger() != c.seq)
                return;
            const mpi::ClockSample s = mpi::clockSample(c.pingSentNs, m.at(2).toInteger(), monotonicNs());
            if (s.rttNs < c.best.rttNs)
                c.best = s;
            if (--c.burstLeft > 0)
                sendPing(c);
            else
                burstDone(c);
            return;
        }
        case mpi::Msg::Go:
            if (c.info.rank == 0)
                st.goNs = c.clock.toEngine(m.at(1).toInteger());
            return;
        case mpi::Msg::Result:
            if (c.info.rank == 0) {
                st.result = mpi::Result::decode(m);
                if (!st.result)
                    fail(QStringLiteral("rank 0 sent a malformed result"));
                else
                    st.resultNs = c.clock.toEngine(st.result->tRankNs);
            }
            return;
        case mpi::Msg::Output:
            if (c.info.rank == 0) {
                const auto o = mpi::Output::decode(m);
                QString why;
                if (!o)
                    why = QStringLiteral("rank 0 sent a malformed output");
                else if (!inputsName(st.inputs, o->name))
                    why = QStringLiteral("rank 0 named a buffer the run does not have: %1").arg(o->name);
                else
                    why = writeOutput(*o);
                if (!why.isEmpty())
                    fail(why);
            }
            return;
        case mpi::Msg::Bye:
            c.bye = true;
            c.tasks = m.at(1).toInteger();
            if (c.burstLeft <= 0)
                startBurst(c); // the final sync, after the rank's last event
            return;
        case mpi::Msg::CpuTime:
            if (st.cpuCheck && m.at(1).toInteger() == st.cpuCheck->id)
                (st.cpuCheck->reading == 1 ? st.cpuCheck->first : st.cpuCheck->second)[c.info.rank]
                    = m.at(2).toInteger();
            return;
        case mpi::Msg::Failed:
            fail(QStringLiteral("rank %1 on %2 (pid %3) failed: %4")
                     .arg(c.info.rank)
                     .arg(c.info.host)
                     .arg(c.info.pid)
                     .arg(m.at(1).toString()));
            return;
        default:
            break;
        }
        if (type == int(wire::Msg::Events)) {
            QString why;
            const auto events = wire::Events::decode(m, &why);
            if (!events) {
                Q_EMIT message(QStringLiteral("rank %1 sent malformed events: %2").arg(c.info.rank).arg(why));
                return;
            }
            const QCborArray& flat = events->flat;
            for (qsizetype i = 0; i + 4 < flat.size(); i += 5) {
                const int kind = int(flat.at(i + 1).toInteger());
                if (kind < 0 || kind > int(EventKind::Error))
                    continue;
                const Event e { flat.at(i).toInteger(), 0, qint32(c.info.rank), EventKind(kind),
                    qint32(flat.at(i + 2).toInteger()), flat.at(i + 3).toInteger(), flat.at(i + 4).toInteger() };
                if (e.kind == EventKind::CollectiveBegin && c.info.rank == 0
                    && e.object != qint32(mpi::Collective::Barrier))
                    out.collectives << MpiRunResult::CollectiveCall { mpi::collectiveName(e.object), e.task };
                if (e.kind == EventKind::TaskStart) {
                    c.currentTask = e.task;
                    if ((run.killRank < 0 || c.info.rank == run.killRank) && run.killAtTask >= 0
                        && e.task == run.killAtTask && !st.faultInjected) {
                        st.faultInjected = true; // once: the task dealt again must not kill its next rank too
                        sendFrame(c.fd, { int(mpi::Msg::Kill) });
                    }
                } else if (e.kind == EventKind::TaskEnd) {
                    c.currentTask = -1;
                }
                st.waits.apply(e, monotonicNs());
                c.pending.push_back(e);
            }
            if (c.burstLeft <= 0 && !c.clock.empty())
                flushEvents(c); // live: with the latest offset (the bursts only refine drift)
        }
    };
    auto onClosed = [&](State::Conn& c) {
        platform::closeFd(c.fd);
        if (c.hello)
            st.waits.rankGone(c.info.rank);
        if (c.hello && m_context && (c.quitSent || st.cancelled || st.failed)) {
            // Its socket closes as it leaves MPI_Finalize (told to quit), or as mpirun ends it (stopped, or the job
            // failed: fail-stop takes the surviving ranks down too): the end of its lane and box. A rank's exit status
            // is mpirun's to know, on its host: none is claimed beyond "ended by a signal".
            m_context->events().append(Event {
                monotonicNs(), c.key, qint32(c.info.rank), EventKind::ProcessExit, -1, -1, c.quitSent ? 0 : -SIGTERM });
        }
        if (!c.hello || c.quitSent || st.failed || st.cancelled)
            return;
        // Died before its work was over: its socket closed before mpirun said anything.
        const QString task = c.currentTask >= 0 ? QStringLiteral(" in task %1").arg(c.currentTask)
            : c.active                          ? QStringLiteral(" (no task running)")
                                                : QStringLiteral(" while it waited for a run");
        const auto rank0 = st.byRank.find(0);
        const bool survives = survive && st.initSent && c.active && c.info.rank != 0 && rank0 != st.byRank.end()
            && rank0->second->fd >= 0;
        const QString why = QStringLiteral("rank %1 on %2, pid %3, died%4; %5")
                                .arg(c.info.rank)
                                .arg(c.info.host)
                                .arg(c.info.pid)
                                .arg(task,
                                    survives ? QStringLiteral("survive mode: rank 0 deals its chunk again")
                                             : QStringLiteral("MPI is fail-stop: mpirun ends the job"));
        flushEvents(c);
        if (m_context) {
            const qint64 now = monotonicNs();
            if (c.currentTask >= 0)
                m_context->events().append(
                    Event { now, c.key, qint32(c.info.rank), EventKind::TaskLost, -1, c.currentTask, 0 });
            m_context->events().append(Event { now, c.key, qint32(c.info.rank), EventKind::ProcessFailed, -1, -1, 0 });
        }
        Q_EMIT rankDied(c.info.rank, c.info.host, c.info.pid, c.currentTask, why);
        if (!survives) {
            fail(why);
            return;
        }
        Q_EMIT message(why);
        out.lost << MpiRunResult::LostRank { c.info.rank, c.info.host, c.info.pid, c.currentTask };
        c.gone = true;
        sendFrame(rank0->second->fd, { int(mpi::Msg::RankGone), c.info.rank });
    };
    // mpirun is gone: close everything, take what is left of its process group, remove the shared memory of ranks
    // that never reached MPI_Finalize.
    auto closeAll = [&] {
        platform::closeFd(st.listenFd);
        platform::closeFd(st.outFd);
        for (auto& c : st.conns) {
            flushEvents(*c);
            platform::closeFd(c->fd);
        }
        ::kill(-st.pid, SIGKILL); // a rank or daemon that lingers
        st.over = true;
        if (!st.lan)
            for (const auto& [r, c] : st.byRank)
                if (const QString left = removeLeftSegment(c->info.sharedMemory); !left.isEmpty())
                    Q_EMIT message(QStringLiteral("removed %1, the shared memory Open MPI made for rank %2, which it "
                                                  "left (killed before MPI_Finalize)")
                                       .arg(left)
                                       .arg(r));
    };

    if (goal == Goal::RunDone && !st.failed && !st.cancelled)
        sendInit();
    if (goal == Goal::Exited && st.quitSentNs < 0 && st.termSentNs < 0)
        sendQuit(); // the last run's result is in hand (or the job is given up): all may finalize

    // ---- the loop ----
    for (;;) {
        const qint64 now = monotonicNs();
        if (!st.cancelled && (m_stop.load() || (cancelled && cancelled()))) {
            st.cancelled = true;
            Q_EMIT message(QStringLiteral("stopping: SIGTERM to mpirun"));
            terminate();
        }
        if (const int r = m_killRequest.exchange(-1); r >= 0) {
            const auto it = st.byRank.find(r);
            if (it != st.byRank.end() && it->second->fd >= 0)
                sendFrame(it->second->fd, { int(mpi::Msg::Kill) });
        }
        if (!st.named && now > st.helloDeadline && st.termSentNs < 0)
            fail(QStringLiteral("only %1 of %2 rank(s) connected within %3 s")
                     .arg(st.byRank.size())
                     .arg(ranks)
                     .arg(m_options.startupTimeoutMs / 1000));
        if (st.quitSentNs >= 0 && st.termSentNs < 0
            && now - st.quitSentNs > (out.lost.isEmpty() ? QuitGraceNs : QuitGraceAfterLossNs))
            terminate();
        if (st.termSentNs >= 0 && !st.killSent && now - st.termSentNs > TermGraceNs && st.mpirunAlive) {
            ::kill(-st.pid, SIGKILL);
            ::kill(st.pid, SIGKILL);
            st.killSent = true;
        }
        const bool running = !st.failed && !st.cancelled;
        if (running && goal == Goal::Started && !st.named && allSynced())
            nameRanks();
        if (running && goal == Goal::Started && st.named)
            return;
        if (running && goal == Goal::RunDone && runDone())
            return;
        if (st.initSent && running && goal == Goal::RunDone) {
            const std::vector<mpi::WaitGraph::Wait> cycle
                = confirmedByCpu(st.waits.deadlock(now, std::max<qint64>(0, run.deadlockAfterMs) * 1'000'000));
            if (!cycle.empty()) {
                for (const auto& [r, c] : st.byRank)
                    flushEvents(*c); // the waits on the stage and in the trace up to here
                st.deadlock = mpi::WaitGraph::describe(cycle, [&](int rank) {
                    const auto it = st.byRank.find(rank);
                    return it == st.byRank.end() ? QString() : mpi::rankProcessName(rank, it->second->info.host);
                });
                Q_EMIT deadlockFound(st.deadlock);
                fail(QStringLiteral("deadlock: %1 rank(s) wait for each other in a cycle; none can return, so the "
                                    "job is stopped (SIGTERM to mpirun):\n  %2")
                         .arg(cycle.size())
                         .arg(st.deadlock.join(QStringLiteral("\n  "))));
            }
        }
        if (st.initSent && running && goal == Goal::RunDone)
            for (auto& c : st.conns)
                if (c->fd >= 0 && c->hello && c->active && c->burstLeft <= 0 && !c->bye
                    && now - c->lastBurstNs > ResyncPeriodNs)
                    startBurst(*c);
        if (st.mpirunAlive && platform::reap(st.pid, &st.mpirunStatus, false)) {
            st.mpirunAlive = false;
            st.mpirunExitNs = monotonicNs();
        }
        bool open = false;
        for (const auto& c : st.conns)
            open = open || (c->fd >= 0 && c->hello);
        // mpirun gone: the ranks' sockets and mpirun's output close with it (a rank's death is named by its socket
        // first); a straggler holding either open gets two seconds.
        const bool lingering = !st.mpirunAlive && now - st.mpirunExitNs > 2'000'000'000;
        if (!st.mpirunAlive && ((st.outFd < 0 && !open) || lingering)) {
            if (goal != Goal::Exited && !st.failed && !st.cancelled)
                fail(QStringLiteral("mpirun %1 before the job completed")
                         .arg(platform::describeStatus(st.mpirunStatus)));
            closeAll();
            return;
        }

        std::vector<pollfd> fds { { st.listenFd, POLLIN, 0 }, { m_wake[0], POLLIN, 0 }, { st.outFd, POLLIN, 0 } };
        for (const auto& c : st.conns)
            fds.push_back({ c->fd, POLLIN, 0 });
        ::poll(fds.data(), nfds_t(fds.size()), 20);

        if (fds[1].revents) {
            char buf[64];
            while (::read(m_wake[0], buf, sizeof buf) > 0) { }
        }
        if (fds[0].revents & POLLIN) {
            for (;;) {
                const int fd = ::accept4(st.listenFd, nullptr, nullptr, SOCK_CLOEXEC);
                if (fd < 0)
                    break;
                const int on = 1;
                ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                const QByteArray p = wire::preamble();
                platform::writeAll(fd, p.constData(), p.size());
                auto c = std::make_unique<State::Conn>();
                c->fd = fd;
                st.conns.push_back(std::move(c));
            }
        }
        if (st.outFd >= 0 && fds[2].revents) {
            char buf[16384];
            const ssize_t n = ::read(st.outFd, buf, sizeof buf);
            if (n > 0) {
                st.output.append(buf, n);
                if (m_context)
                    m_context->publishConsole({ monotonicNs(), qint64(st.pid), 1, QByteArray(buf, n) });
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                platform::closeFd(st.outFd);
            }
        }
        for (size_t i = 3; i < fds.size(); ++i) {
            State::Conn& c = *st.conns[i - 3];
            if (c.fd < 0 || !fds[i].revents)
                continue;
            char buf[65536];
            const ssize_t n = ::read(c.fd, buf, sizeof buf);
            if (n < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            if (n <= 0) {
                onClosed(c);
                continue;
            }
            c.reader.append(buf, qsizetype(n));
            QCborArray m;
            while (c.fd >= 0 && c.reader.next(&m))
                onMessage(c, m);
            if (c.fd >= 0 && c.reader.hasError()) {
                Q_EMIT message(QStringLiteral("dropped a connection: %1").arg(c.reader.errorString()));
                onClosed(c);
            }
        }
    }
}

} // namespace proclab
