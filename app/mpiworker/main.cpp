// proclab-mpi-worker: one MPI rank, started by `mpirun` on the engine's behalf (MpiJob). It connects back to the
// engine over TCP ($PROCLAB_MPI_ENGINE, presenting $PROCLAB_MPI_TOKEN), says hello, answers clock pings, receives
// the work (a kernel, its inputs, a shape), runs it as a plain MPI program a student can read, and streams what it
// does as ProcLab events. The main thread does MPI and the kernels (MPI_THREAD_FUNNELED); a second thread reads the
// engine's socket (pings, kill, quit) and is the lifeline: when the engine goes, the rank goes.
//
// The two shapes, for N ranks and the workload's tasks 0..T-1:
//   mpi-spmd  rank r computes tasks [r*T/N, (r+1)*T/N); then MPI_Reduce(MPI_SUM) of the integer results to rank 0
//             (pi's count, the textbook program) and MPI_Gather + MPI_Gatherv of every task's result to rank 0.
//             kde, matmul and letters have collective forms (dataparallel.cpp): the data made at rank 0 and shared
//             out with MPI_Bcast/MPI_Scatterv, the results collected with MPI_Gatherv, letters' histograms reduced.
//   mpi-farm  rank 0 deals chunks of `chunksize` tasks: each other rank sends "ready", then gets work, sends its
//             results (which ask for the next chunk) until rank 0 answers "stop". One rank alone computes everything.
//   mpi-exchange  no workload: ranks 2k and 2k+1 swap one message each way, send first (the eager-limit lesson)
//             or with MPI_Sendrecv; MPI_Gather of each rank's check of what it received.

#include "rank.h"

#include "base/clock.h"
#include "base/messages.h"
#include "base/wire.h"
#include "content/content.h"
#include "mpi/mpiprotocol.h"

#include <QCborValue>
#include <QDir>
#include <QString>

#include <mpi.h>

#include <arpa/inet.h>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace proclab;
using namespace proclab::mpiworker;

namespace {

[[noreturn]] void die(const char* what)
{
    std::fprintf(stderr, "proclab-mpi-worker: %s\n", what);
    std::fflush(stderr);
    ::_exit(2);
}

// What the reader thread hands to the main thread: the runs to do, in order, and the word to quit.
struct Inbox {
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<mpi::Init> runs;
    bool quit = false;
};

// A TCP connection to $PROCLAB_MPI_ENGINE, or -1 with why not.
int tryConnectToEngine(QString* error)
{
    const QString engine = qEnvironmentVariable(mpi::EngineEnv);
    const qsizetype colon = engine.lastIndexOf(QLatin1Char(':'));
    if (engine.isEmpty() || colon < 0) {
        *error = QStringLiteral(
            "PROCLAB_MPI_ENGINE is not set: this program is started by ProcLab (proclab-cli run --executor mpi-spmd)");
        return -1;
    }
    const QByteArray host = engine.left(colon).toLatin1();
    const QByteArray port = engine.mid(colon + 1).toLatin1();
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (::getaddrinfo(host.constData(), port.constData(), &hints, &res) != 0 || !res) {
        *error = QStringLiteral("cannot resolve the engine's address %1").arg(engine);
        return -1;
    }
    int fd = -1;
    int err = 0;
    for (addrinfo* a = res; a && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd >= 0 && ::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            err = errno;
            ::close(fd);
            fd = -1;
        }
    }
    ::freeaddrinfo(res);
    if (fd < 0) {
        *error = QStringLiteral("cannot connect to the engine at %1: %2")
                     .arg(engine, QString::fromLocal8Bit(std::strerror(err)));
        return -1;
    }
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    return fd;
}

int connectToEngine()
{
    QString error;
    const int fd = tryConnectToEngine(&error);
    if (fd < 0)
        die(error.toLocal8Bit().constData());
    return fd;
}

void readerLoop(Channel* channel, Inbox* inbox)
{
    wire::FrameReader reader;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::recv(channel->fd(), buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            std::lock_guard lock(inbox->mutex);
            if (inbox->quit)
                return;
            ::_exit(3); // the engine is gone (or refused us): the lifeline
        }
        reader.append(buf, qsizetype(n));
        QCborArray m;
        while (reader.next(&m)) {
            switch (mpi::Msg(wire::messageType(m))) {
            case mpi::Msg::Ping:
                channel->send({ int(mpi::Msg::Pong), m.at(1), rankNow() });
                break;
            case mpi::Msg::CpuQuery:
                channel->send({ int(mpi::Msg::CpuTime), m.at(1), mainThreadCpuNs() });
                break;
            case mpi::Msg::Kill:
                ::kill(::getpid(), SIGKILL);
                break;
            case mpi::Msg::RankGone:
                noteRankGone(m.size() > 1 ? int(m.at(1).toInteger()) : -1);
                break;
            case mpi::Msg::Init: {
                auto init = mpi::Init::decode(m);
                if (!init)
                    die("malformed Init");
                std::lock_guard lock(inbox->mutex);
                inbox->runs.push_back(std::move(*init));
                inbox->cv.notify_all();
                break;
            }
            case mpi::Msg::Quit: {
                std::lock_guard lock(inbox->mutex);
                inbox->quit = true;
                inbox->cv.notify_all();
                return;
            }
            default:
                break;
            }
        }
        if (reader.hasError())
            die("the engine's stream is malformed");
    }
}

QString hostName()
{
    const QString fake = qEnvironmentVariable(mpi::HostEnv);
    if (!fake.isEmpty())
        return fake;
    char buf[256] = {};
    ::gethostname(buf, sizeof buf - 1);
    return QString::fromLocal8Bit(buf);
}

// The shared-memory segment Open MPI's vader transport made for this rank, named after the job's id (hex) and the
// rank's place on its host: "vader_segment.HOST.0.44370001.1" in /dev/shm. Empty when there is none.
QString sharedMemorySegment()
{
    bool ok = false;
    const quint32 job = qEnvironmentVariable("OMPI_MCA_ess_base_jobid").toUInt(&ok);
    const QString localRank = qEnvironmentVariable("OMPI_COMM_WORLD_LOCAL_RANK");
    if (!ok || localRank.isEmpty())
        return {};
    const QString tail = QStringLiteral(".%1.%2").arg(job, 0, 16).arg(localRank);
    const QDir shm(QStringLiteral("/dev/shm"));
    for (const QString& name : shm.entryList({ QStringLiteral("vader_segment.*") }, QDir::Files | QDir::System))
        if (name.endsWith(tail))
            return shm.filePath(name);
    return {};
}

} // namespace

// proclab-mpi-worker --check-host, started on one host by "check hosts" (core/mpi/hostcheck.h): where it runs, the
// MPI library it links, and whether the engine's address is reachable from here. No MPI_Init: mpirun starts it as it
// would any program, which is the part that can fail on a lab machine.
int checkHost()
{
    char version[MPI_MAX_LIBRARY_VERSION_STRING] = {};
    int length = 0;
    MPI_Get_library_version(version, &length);
    const QString mpi = QString::fromLocal8Bit(version, length).section(QLatin1Char('\n'), 0, 0).section(
        QLatin1Char(','), 0, 0).trimmed();
    QString error;
    const int fd = tryConnectToEngine(&error);
    if (fd >= 0)
        ::close(fd);
    std::printf("PROCLAB-CHECK host=%s engine=%s mpi=%s\n", qPrintable(hostName()),
        fd >= 0 ? "ok" : qPrintable(error), qPrintable(mpi));
    std::fflush(stdout);
    return 0;
}

int main(int argc, char** argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--check-host") == 0)
        return checkHost();
    setClockSkew(qEnvironmentVariable(mpi::SkewEnv).toLongLong()); // 0 when unset
    markMainThread();
    const qint64 tMain = rankNow();
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    const qint64 tInit = rankNow();
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    registerContent();

    Channel channel(connectToEngine());
    setWorkerEventSink(&channel);
    QByteArray hello = wire::preamble();
    wire::appendFrame(hello,
        mpi::Hello { qEnvironmentVariable(mpi::TokenEnv), rank, size, hostName(), qint64(::getpid()), tMain, tInit,
            sharedMemorySegment() }
            .encode());
    channel.sendRaw(hello);

    Inbox inbox;
    std::thread reader(readerLoop, &channel, &inbox);
    // One run per Init until the engine says Quit: a job made for one run gets one; a sweep's job gets one per
    // measurement, each on as many of its ranks as the point asks for.
    for (;;) {
        mpi::Init init;
        {
            std::unique_lock lock(inbox.mutex);
            inbox.cv.wait(lock, [&] { return !inbox.runs.empty() || inbox.quit; });
            if (inbox.runs.empty())
                break;
            init = std::move(inbox.runs.front());
            inbox.runs.pop_front();
        }
        // The run's ranks: all of MPI_COMM_WORLD, or its first init.ranks split off (every rank takes part in the
        // split, collective over the world; those left out get MPI_COMM_NULL and wait off the CPU for the next run).
        MPI_Comm comm = MPI_COMM_WORLD;
        const bool split = init.ranks > 0 && init.ranks < size;
        if (split) {
            MPI_Comm_split(MPI_COMM_WORLD, rank < init.ranks ? 0 : MPI_UNDEFINED, rank, &comm);
            if (comm == MPI_COMM_NULL)
                continue;
        }
        {
            Rank work(channel, init, comm);
            // Start-up ends when every rank of the run is here.
            work.collectiveBegin(mpi::Collective::Barrier, 0, -1);
            MPI_Barrier(comm);
            work.collectiveEnd(mpi::Collective::Barrier, 0, -1);
            if (rank == 0)
                channel.send({ int(mpi::Msg::Go), rankNow() });

            const Outcome outcome = init.shape == mpi::Shape::Farm ? work.farm()
                : init.shape == mpi::Shape::Exchange               ? work.exchange()
                                                                   : work.spmd();
            channel.flushEvents();
            if (rank == 0)
                channel.send(
                    mpi::Result { outcome.results, outcome.reducedSum, rankNow(), outcome.reducedCounts }.encode());
            channel.send({ int(mpi::Msg::Bye), work.tasksDone() });
        }
        if (split)
            MPI_Comm_free(&comm);
    }
    reader.join();
    setWorkerEventSink(nullptr);
    MPI_Finalize();
    ::close(channel.fd());
    return 0;
}
