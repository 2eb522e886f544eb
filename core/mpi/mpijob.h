#pragma once

// One MPI job seen from the engine: starts `mpirun -n N proclab-mpi-worker` (never MPI_Comm_spawn), listens on
// TCP for its ranks, refuses those without the run's token, aligns each rank's clock with the engine's, records
// the ranks' events on a Context (so a trace, Save Run and the Chrome export see them as they see a pool's),
// hands out the work, collects the result and tears the job down. Used by proclab-cli; the window can run it on a
// thread of its own. No MPI library here: the ranks link it, the engine only observes and controls.

#include "engine/executor.h"
#include "mpi/mpiprotocol.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace proclab {

class Context;

struct MpiOptions {
    mpi::Shape shape = mpi::Shape::Spmd;
    int ranks = 2;
    int chunksize = 0; // farm: tasks per chunk; 0 picks Python's map default for the ranks that compute
    qint64 paceNs = 0;
    QString hostfile; // an Open MPI hostfile ("nodeA slots=2"); empty: this machine only
    QString rshAgent; // --mca plm_rsh_agent: what mpirun runs instead of ssh (a fake one simulates hosts)
    QString mpirun; // empty: mpirun on PATH
    QString workerPath; // empty: MpiJob::defaultWorkerPath()
    // The address ranks connect back to. Empty: 127.0.0.1 on one machine, this machine's first non-loopback IPv4
    // address with a hostfile (then the engine listens on every interface).
    QString listenAddress;
    bool allowRunAsRoot = false; // --allow-run-as-root (tests in containers)
    // How ranks' messages travel (Open MPI's byte transfer layer): Auto is shared memory (vader) on one machine and
    // TCP with a hostfile; Tcp forces TCP even on one machine, over the loopback (what a message between hosts
    // pays, minus the wire); SharedMemory forces vader, which reaches only the ranks of the same host.
    enum class Transport { Auto, SharedMemory, Tcp };
    Transport transport = Transport::Auto;
    QStringList extraMpirunArgs;
    QStringList extraEnvironment; // "KEY=value", set for mpirun and exported to every rank
    qint64 startupTimeoutMs = 60'000; // until every rank said hello
    // mpi-farm only. false: fail-stop, MPI's default: a rank that dies ends the job (mpirun kills the others). true:
    // survive mode (mpirun --enable-recovery): a computing rank that dies is reported (MpiRunResult::lost) and rank
    // 0 deals its chunk again to the others, or computes it itself when nobody is left. Rank 0's death still ends it.
    bool survive = false;
    // Fault injection: the engine tells this rank (any rank when killRank < 0) to SIGKILL itself when it starts task
    // killAtTask (-1: none).
    int killRank = -1;
    qint64 killAtTask = -1;
    std::function<bool()> cancelled; // polled every 20 ms; true stops the job (execute's contract)
    mpi::Exchange exchange; // the program of the Exchange shape (which runs no workload: run()'s f is not used)
    // A cycle of ranks blocked on each other in point-to-point calls (mpi/mpiwaitgraph.h) that lasts this long, and
    // whose ranks then all spin on a CPU for another second (their main threads' CPU time grows: a rank the scheduler
    // left off the CPU inside an eager send would look stuck too), is a deadlock: the job is stopped and run() throws
    // MpiDeadlockError. Generous: an eager send returns in microseconds.
    qint64 deadlockAfterMs = 2000;
};

struct MpiRank {
    int rank = -1;
    QString host;
    qint64 pid = 0;
    qint32 key = 0; // the run-unique process key its events carry (pids collide across hosts)
    qint64 initNs = 0; // main() to MPI_Init's return, on its clock
    qint64 offsetNs = 0; // engine clock - rank clock, at the last sync
    qint64 rttNs = 0; // that sync's round trip: the offset is right within rttNs / 2
    qint64 tasks = 0;
    QString sharedMemory; // its Open MPI shared-memory segment (mpi::Hello::sharedMemory), empty when none
};

struct MpiRunResult {
    ExecResult exec; // results, per-rank stats, wall (first barrier passed -> result) and start-up (launch -> it)
    QList<MpiRank> ranks;
    std::optional<qint64> reducedSum; // what MPI_Reduce gave rank 0
    // What the histogram MPI_Reduce gave rank 0 (letters: per letter slot, then skipped bytes, bytes read); checked
    // against the sum of the gathered results before run() returns. Empty when the program reduces none.
    QCborArray reducedCounts;
    // Rank 0's collectives after start-up, in order, with the bytes it moved in each (its own share for the
    // v-variants and reductions): what the program did with the data.
    struct CollectiveCall {
        QString op; // "MPI_Bcast"
        qint64 bytes = 0;
    };
    QList<CollectiveCall> collectives;
    // Survive mode: the ranks that died during the run, each with the task it was running (-1: none); their chunks
    // were dealt again, so the results are complete.
    struct LostRank {
        int rank = -1;
        QString host;
        qint64 pid = 0;
        qint64 task = -1;
    };
    QList<LostRank> lost;
    qint64 teardownNs = 0; // result -> mpirun exited
    int mpirunExit = -1;
    QStringList mpirunCommand;
    QString mpirunOutput; // what mpirun and the ranks printed (stdout and stderr), in arrival order
};

// The job could not run or did not complete: the message says who failed and how (a rank that died is named with
// its host, pid and task).
class MpiError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The ranks blocked each other for good (mpi/mpiwaitgraph.h): the job was stopped. waits() says who waited for whom.
class MpiDeadlockError : public MpiError {
public:
    MpiDeadlockError(const std::string& what, QStringList waits)
        : MpiError(what)
        , m_waits(std::move(waits))
    {
    }
    const QStringList& waits() const { return m_waits; }

private:
    QStringList m_waits;
};

class MpiJob : public QObject {
    Q_OBJECT
public:
    MpiJob(Context* context, MpiOptions options, QObject* parent = nullptr);
    ~MpiJob() override;

    // proclab-mpi-worker: $PROCLAB_MPI_WORKER, else beside the running executable, else in the install's libexec.
    static QString defaultWorkerPath();
    // mpirun found (on PATH or as options.mpirun) and the worker built: empty, else why not.
    static QString unavailableReason(const MpiOptions& options = {});
    // The address the ranks connect back to: options.listenAddress, else 127.0.0.1 on one machine, else (with a
    // hostfile) this machine's first non-loopback IPv4 address.
    static QString engineAddress(const MpiOptions& options);
    // mpirun: options.mpirun, else the one on PATH (empty when there is none).
    static QString mpirunPath(const MpiOptions& options);
    // A listening TCP socket where the ranks of a run with these options connect back (every interface with a
    // hostfile and no listenAddress, else engineAddress() alone), non-blocking; *engine gets "address:port".
    // Throws MpiError. The caller closes it.
    static int listenForRanks(const MpiOptions& options, QString* engine);

    // Runs f over inputs on options.ranks ranks, one job for one run (start() unless the caller did, runNext(),
    // finish()); blocks until the job is over. Throws MpiError (a rank died, mpirun failed, start-up timed out) or
    // CancelledError (options.cancelled or stop()).
    MpiRunResult run(const Function& f, const QCborArray& inputs);

    // One job for several runs (a sweep's series: one mpirun, its start-up paid once). start() launches
    // options.ranks ranks and returns once every one has said hello and its clock is synchronised. runNext() runs f
    // on the first run.ranks of them (split off MPI_COMM_WORLD; the others wait off the CPU) with the run's shape,
    // chunksize, pace, faults, deadlock limit and cancellation (the job's hostfile, transport and survive mode stay
    // the job's); the first run's start-up is the job's, a later one's the hand-out of its work. finish() lets the
    // ranks finalize and waits for mpirun (the destructor does it when nobody did). A run that fails or is cancelled
    // ends the job: alive() is false, and runNext() throws. Same exceptions as run().
    void start();
    MpiRunResult runNext(const MpiOptions& run, const Function& f, const QCborArray& inputs);
    void finish(MpiRunResult* last = nullptr); // fills last's mpirun output, exit code and teardown
    bool alive() const;
    int size() const; // the job's ranks, once started

    // Thread-safe: stops the job (SIGTERM to mpirun, then SIGKILL); run() then throws CancelledError.
    void stop();
    // Thread-safe: tells a rank to SIGKILL itself (Kill Worker).
    void killRank(int rank);

Q_SIGNALS:
    // Emitted on run()'s thread.
    void rankConnected(int rank, const QString& host, qint64 pid);
    void rankDied(int rank, const QString& host, qint64 pid, qint64 task, const QString& message);
    void message(const QString& line); // progress for people: "4 ranks on 2 hosts", "rank 1 refused"
    // A deadlock was found (one line per blocked rank); the job is being stopped.
    void deadlockFound(const QStringList& waits);

private:
    enum class Goal { Started, RunDone, Exited };
    void pump(Goal goal);
    // The job failed, was stopped, or mpirun went: waits for mpirun to be gone, then throws what happened.
    void throwIfOver();

    struct State;
    std::unique_ptr<State> m_st;
    Context* m_context;
    MpiOptions m_options;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_killRequest { -1 };
    int m_wake[2] = { -1, -1 };
};

} // namespace proclab
