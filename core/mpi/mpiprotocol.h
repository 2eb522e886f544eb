#pragma once

// The engine <-> MPI rank stream. Every rank of an `mpirun` job (proclab-mpi-worker) connects back to the engine
// over TCP and speaks the same framing as a pool worker (base/wire.h: "PLAB" preamble, length-framed CBOR arrays
// whose first element is the message type); events travel in the pool's own Events message, stamped with the
// rank's clock, which the engine maps onto its own (ClockModel). Qt Core only: no MPI library on this side.

#include <QCborArray>
#include <QCborMap>
#include <QString>

#include <optional>
#include <vector>

namespace proclab::mpi {

// How the ranks organise the work. Spmd: static block decomposition, then MPI_Reduce and MPI_Gatherv to rank 0.
// Farm: rank 0 deals chunks of `chunksize` tasks over MPI_Send/MPI_Recv to whichever rank asks (a result is the
// request for the next chunk), as the Pool's dynamic scheduling does. Exchange: no workload; ranks 2k and 2k+1
// swap one message of Exchange::bytes each way (the lesson on eager limits and the send/send deadlock), or bounce
// one back and forth to time the transport (ping-pong).
enum class Shape { Spmd, Farm, Exchange };
QString toString(Shape shape); // "mpi-spmd", "mpi-farm", "mpi-exchange"

// The Exchange shape's program, carried in Init::config.
struct Exchange {
    enum class Order {
        SendFirst, // both partners MPI_Send, then MPI_Recv: works only while Open MPI buffers the message (eager)
        Sendrecv, // MPI_Sendrecv: MPI pairs the two transfers itself, at any size (the fix)
        // Ping-pong: rank 2k sends, 2k+1 sends the message back, `rounds` times or until `budgetNs` has passed; the
        // first round trip is drawn (events), the others are timed without events. Rank 2k's result is
        // [one-way ns, round trips timed], as osu_latency measures: the time of the round trips / (2 × their
        // number). Needs bytes >= 1 (the first byte tells the partner whether another round follows).
        PingPong,
    };
    qint64 bytes = 1024;
    Order order = Order::SendFirst;
    qint64 rounds = 1000; // PingPong: at most this many timed round trips...
    qint64 budgetNs = 300'000'000; // ...and no more than this long

    QCborMap toConfig() const;
    static std::optional<Exchange> fromConfig(const QCborMap& config); // nullopt: not an exchange's config
};

// A collective's code in CollectiveBegin/End events (object).
enum class Collective : qint32 { Barrier = 0, Bcast = 1, Reduce = 2, Gather = 3, Gatherv = 4, Scatterv = 5 };
QString collectiveName(qint64 code); // "MPI_Reduce"

// A rank's process name, as the engine registers it and traces, saved runs and the window show it: "rank 2 on
// nodeB". The window reads the rank and host back from it (a saved run keeps names, so a replay groups by host too).
QString rankProcessName(int rank, const QString& host);
struct RankName {
    int rank = -1;
    QString host;
};
std::optional<RankName> parseRankProcessName(const QString& name); // nullopt: not a rank's name

// Tags of the farm's point-to-point messages (MpiSend/MpiRecv events' object).
enum FarmTag : int { TagReady = 1, TagWork = 2, TagResult = 3, TagStop = 4, TagExchange = 5 };
QString farmTagName(qint64 tag); // "work"

enum class Msg : int {
    // rank -> engine
    Hello = 60, // [Hello, token, rank, size, host, pid, tMainNs, tInitDoneNs, sharedMemory]
    Pong = 61, // [Pong, seq, tRankNs]: the rank's clock read when the Ping arrived
    Go = 62, // [Go, tRankNs]: rank 0, every rank past the first barrier (the end of start-up)
    Result = 63, // [Result, [results...], reducedSum or null, tRankNs, [reducedCounts...]]: rank 0, the whole job's
    //             per-task results
    Bye = 64, // [Bye, tasksDone]: this rank's events are all sent
    Failed = 65, // [Failed, message]: a kernel raised; the rank aborts the job
    Output = 66, // [Output, name, offset, bytes]: rank 0, a slice of a shared buffer the inputs name (matmul's C)
    CpuTime = 67, // [CpuTime, id, cpuNs]: the CPU time of the rank's main thread (the one in MPI calls), on CpuQuery
    // engine -> rank
    Init = 70, // [Init, shape, kernel, config, [inputs...], chunksize, paceNs, survive, ranks]: one run, to every
    //             rank of the job (those beyond `ranks` only take part in the MPI_Comm_split, then wait for the next)
    Ping = 71, // [Ping, seq]
    Kill = 72, // [Kill]: the rank SIGKILLs itself (Kill Worker, fault injection)
    Quit = 73, // [Quit]: finalize and exit
    RankGone = 74, // [RankGone, rank]: to rank 0 in survive mode: that rank died (its socket closed)
    CpuQuery = 75, // [CpuQuery, id]: answered with CpuTime by the rank's reader thread, whatever the main thread does
};

// The environment a rank reads (exported to every rank with mpirun -x).
inline constexpr char EngineEnv[] = "PROCLAB_MPI_ENGINE"; // host:port the engine listens on
inline constexpr char TokenEnv[] = "PROCLAB_MPI_TOKEN"; // the run's secret: ranks without it are refused
inline constexpr char HostEnv[] = "PROCLAB_FAKE_HOST"; // a simulated host's name (tests, lessons), else hostname
inline constexpr char SkewEnv[] = "PROCLAB_MPI_CLOCK_SKEW_NS"; // added to the rank's clock (tests of clock sync)
// Milliseconds a rank sleeps after saying it enters MPI_Send and before calling it: a rank the scheduler left off
// the CPU there, which the deadlock check must not take for a rank stuck in its send (tests).
inline constexpr char StallSendEnv[] = "PROCLAB_MPI_STALL_IN_SEND_MS";

struct Hello {
    QString token;
    int rank = -1;
    int size = 0;
    QString host;
    qint64 pid = 0;
    qint64 tMainNs = 0; // the rank's clock when main() began
    qint64 tInitDoneNs = 0; // ... and when MPI_Init returned
    // The shared-memory segment Open MPI made for this rank on its host (/dev/shm/vader_segment.HOST.0.JOBID.RANK),
    // which its MPI_Finalize unlinks: a rank killed before it leaves the file behind, and the engine removes it
    // once the job is over (on this machine). Empty when there is none (TCP between hosts).
    QString sharedMemory;

    QCborArray encode() const;
    static std::optional<Hello> decode(const QCborArray& m);
};

struct Init {
    Shape shape = Shape::Spmd;
    QString kernel;
    QCborMap config;
    QCborArray inputs;
    int chunksize = 1; // farm only
    qint64 paceNs = 0; // a delay before each task, to watch a run slowly
    // Farm only: the job runs on when a computing rank dies (mpirun --enable-recovery). Rank 0 then hears of the
    // death from the engine (RankGone) and deals the dead rank's chunk again; no collective may follow.
    bool survive = false;
    // How many of the job's ranks run this (ranks 0..ranks-1, split off MPI_COMM_WORLD); 0: all of them. A sweep's
    // job starts as many ranks as its largest point needs and keeps them between points.
    int ranks = 0;

    QCborArray encode() const;
    static std::optional<Init> decode(const QCborArray& m);
};

struct Result {
    QCborArray results; // one per task, in task order
    std::optional<qint64> reducedSum; // MPI_Reduce(MPI_SUM) of the results when they are all integers
    qint64 tRankNs = 0;
    // MPI_Reduce(MPI_SUM) element by element of a histogram (letters: the count per letter slot, then the skipped
    // bytes and the bytes read); empty when the program reduces none.
    QCborArray reducedCounts;

    QCborArray encode() const;
    static std::optional<Result> decode(const QCborArray& m);
};

// The largest slice of an Output in one frame (frames are at most wire::DefaultMaxFrame).
inline constexpr qsizetype MaxOutputSlice = 32 * 1024 * 1024;

// What a collective program gathered at rank 0 into memory the engine shares with a pool's workers (matmul's C,
// by MPI_Gatherv): the engine writes it into its buffer of that name, so the workload's verify() reads it there as
// it does after a pool's run. Sent before the Result. The name must be one the run's inputs carry.
struct Output {
    QString name;
    qint64 offset = 0; // where `bytes` go in the buffer: a large buffer comes in slices (MaxOutputSlice each)
    QByteArray bytes;

    QCborArray encode() const;
    static std::optional<Output> decode(const QCborArray& m);
};

// A result as a histogram of integers, nested arrays read in order (letters' [[count per slot], skipped, bytes]
// gives the counts, then skipped, then bytes); nullopt when anything in it is not an integer. What a program that
// reduces histograms sends to MPI_Reduce, and what the engine sums to check what MPI_Reduce gave.
std::optional<std::vector<qint64>> flattenCounts(const QCborValue& result);

// One clock measurement (Cristian's algorithm): the engine sent a ping at engineSendNs, the rank read its clock
// (rankNs) when it arrived, the answer came back at engineRecvNs. engine time = rank time + offsetNs, within rttNs/2.
struct ClockSample {
    qint64 rankNs = 0;
    qint64 offsetNs = 0;
    qint64 rttNs = 0;
};
ClockSample clockSample(qint64 engineSendNs, qint64 rankNs, qint64 engineRecvNs);

// A rank's clock mapped onto the engine's: one sync point per burst of pings (the fastest round trip of the burst),
// offsets interpolated linearly between points (drift), held constant before the first and after the last.
class ClockModel {
public:
    void add(const ClockSample& s); // points must come in increasing rank time
    bool empty() const { return m_points.empty(); }
    qint64 toEngine(qint64 rankNs) const;
    const std::vector<ClockSample>& points() const { return m_points; }
    // The most recent point's offset and round trip (0 when none).
    qint64 offsetNs() const { return m_points.empty() ? 0 : m_points.back().offsetNs; }
    qint64 rttNs() const { return m_points.empty() ? 0 : m_points.back().rttNs; }

private:
    std::vector<ClockSample> m_points;
};

} // namespace proclab::mpi
