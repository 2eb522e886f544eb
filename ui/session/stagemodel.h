#pragma once

// What the stage shows at the playhead: the parent, its workers, the pool's task and result cards, queues,
// pipes, locks, shared cells, synchronisation objects and the Manager. Built only from the engine's events
// (nothing is simulated here) and the playhead time, so a recorded run replays to the identical picture.
//
// Memory is bounded whatever the run's length (see the caps below): past a cap the model counts instead of
// remembering (queued tasks beyond MaxTrackedQueued are a number, flights beyond MaxFlights are dropped
// oldest first and counted in flightsDropped()).

#include "activity.h"
#include "base/event.h"
#include "engine/waitforgraph.h"
#include "mpi/mpiwaitgraph.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <vector>

namespace proclab {

struct StageProcess {
    qint64 pid = 0;
    int slot = -1; // pool worker slot, -1 for the parent and for other processes
    QString name;
    ActivityState state;
    qint64 tasksDone = 0;
    qint64 sinceNs = 0; // when the current activity began
    bool isParent = false;
    bool isManager = false;
    // An MPI rank (its name is "rank R on HOST", mpi/mpiprotocol.h): its rank and host; -1 and empty otherwise.
    int rank = -1;
    QString host;
    // Inside a collective: the root rank it gathers to or sends from (-1: none, as in MPI_Barrier); -2 outside.
    int collectiveRoot = -2;
    // The latest ProcessSample at the playhead (CPU and memory read from /proc by the engine): -1 before any (and
    // always for a process that cannot be read, such as a remote MPI rank).
    qint64 cpuPermille = -1; // of one CPU; above 1000 only for a process with several threads
    qint64 rssKib = -1;
    char schedState = 0; // 'R', 'S', 'D'... as /proc/PID/stat says; 0 before any sample
    qint64 sampleNs = 0;
    bool hasUsage() const { return cpuPermille >= 0; }
    // "CPU 98 % · 12.3 MiB" (or, `compact`, "98% · 12 MiB"); empty before any sample.
    QString usageText(bool compact = false) const;

    Activity activity() const { return state.current(); }
    // "running task 7", "crashed (SIGKILL)", "exited (code 3)", "waiting for lock 4"...
    QString stateText() const;
    QString shortStateText() const; // for narrow boxes: "task 7", "lock 4", "SIGKILL"...
};

// A group of tasks dispatched together (one chunk), sitting at a worker until its last task ends.
struct ChunkCard {
    qint32 chunk = -1;
    qint64 firstTask = -1;
    int count = 0;
    int started = 0;
    int done = 0;
    qint64 dispatchNs = 0;
};

struct ResultCard {
    qint64 task = -1;
    qint32 chunk = -1;
    qint64 workerPid = 0;
    qint64 tNs = 0;
};

// Something travelling between two places on the stage, at the playhead.
struct Flight {
    // MpiMessage: a point-to-point MPI message between ranks (fromPid to toPid; object its tag, task the chunk it
    // carries or -1), arriving with the matching receive.
    enum class Kind : quint8 { Task, Result, Deliver, QueuePut, QueueGet, PipeMessage, MpiMessage };
    Kind kind = Kind::Task;
    qint64 fromPid = 0; // for QueuePut: the putter; for QueueGet: the getter is toPid and fromPid is 0
    qint64 toPid = 0; // 0: the parent for results; unknown receiver for pipe messages
    qint32 object = -1; // chunk id (Task, Result), queue or pipe id
    qint64 task = -1; // first task of the card
    int count = 1; // tasks (or results) on the card
    qint64 startNs = 0;
    qint64 endNs = -1; // arrival event's time, -1 while it has not arrived
    double progress = 0; // 0..1 at the playhead (filled in by flights())
    // MpiMessage: sender and receiver ranks, and this message's place among those from fromRank to toRank with its
    // tag (MPI's non-overtaking rule: the k-th such send is the k-th such receive).
    int fromRank = -1;
    int toRank = -1;
    qint64 seq = -1;
};

// Point-to-point MPI messages from one rank to another so far.
struct MpiLink {
    int fromRank = -1;
    int toRank = -1;
    qint64 messages = 0;
    qint64 bytes = 0; // their payload, from the sends' MpiSendWait events (0 in runs saved before they existed)
};

struct StageQueue {
    qint32 id = -1;
    qint64 size = 0; // items in it after the latest put or get
    qint64 maxSize = 0; // largest size seen
    qint64 capacity = -1; // maxsize from its ObjectCreate: 0 unbounded, -1 not seen
    QList<qint64> blockedPutters;
    QList<qint64> blockedGetters;
    qint64 puts = 0;
    qint64 gets = 0;
};

struct StagePipe {
    qint32 id = -1;
    qint64 endA = 0; // the first process seen using it
    qint64 endB = 0; // the second, 0 until seen
    bool duplex = true;
    QList<qint64> waitingReceivers; // in recv with nothing to read
    qint64 inFlightAtoB = 0; // sent and not yet received
    qint64 inFlightBtoA = 0;
    qint64 messages = 0;
    qint64 bytes = 0;
};

struct StageLock {
    qint32 id = -1;
    ObjectType type = ObjectType::Lock; // Lock, RLock, Semaphore or BoundedSemaphore
    bool semaphore = false; // a Semaphore: several holders possible
    qint64 semaphoreValue = 0;
    QList<qint64> holders;
    QList<qint64> waiters; // in order of arrival
    qint64 acquisitions = 0;
};

struct StageCell {
    qint32 id = -1;
    bool isArray = false;
    qint64 size = 1; // cells
    qint64 value = 0; // Value: the number last read or written; Array: the index last touched (-1: all)
    // Array: the numbers last seen in its first cells (index -> value), as its events carry them.
    std::map<qint64, qint64> cellValues;
    static constexpr qint64 MaxShownCells = 16;
    bool written = false;
    qint64 reads = 0;
    qint64 writes = 0;
    qint64 lastPid = 0;
    qint64 lastNs = 0;
};

// Barrier, Event or Condition.
struct StageSync {
    enum class Kind : quint8 { Barrier, Event, Condition };
    qint32 id = -1;
    Kind kind = Kind::Barrier;
    QList<qint64> waiters;
    bool isSet = false; // Event
    qint64 parties = 0; // Barrier
    qint64 passes = 0; // Barrier generations passed, Condition notifications
};

struct ManagerCallCard {
    qint64 callerPid = 0;
    qint32 proxy = -1;
    int method = 0;
    qint64 tNs = 0;
};

struct StageManager {
    qint64 pid = 0; // the server process, 0 if its spawn was not seen
    qint64 calls = 0;
    QList<ManagerCallCard> recentCalls; // newest last, at most MaxRecent
};

class StageModel : public QObject {
    Q_OBJECT
public:
    static constexpr int MaxTrackedQueued = 4096; // queued task ids remembered; more are only counted
    static constexpr int MaxChunksPerWorker = 16; // chunk cards kept at one worker; more are counted
    static constexpr int MaxFlights = 512; // travelling cards kept; the oldest are dropped past it
    static constexpr int MaxRecent = 24; // results and manager calls kept for display
    static constexpr int MaxProcesses = 256; // processes with a box; later ones are counted only
    static constexpr int MaxObjects = 256; // of each kind (queues, pipes, locks, cells, syncs)

    explicit StageModel(QObject* parent = nullptr);

    void reset(); // a new run
    void setEnginePid(qint64 pid); // events with pid 0 or this pid are the parent's
    qint64 enginePid() const { return m_enginePid; }
    void setProcessName(qint64 pid, const QString& name);
    // The exception that ended a process (a Python run), shown on its box once it has ended; kept across reset()
    // (a replay) until clearProcessErrors() (a new run).
    void setProcessError(qint64 pid, const ProcessError& error);
    void clearProcessErrors();
    const ProcessError* processError(qint64 pid) const;
    void apply(const EventBatch& events); // any batch size; events in time order
    void setTimeNs(qint64 tNs); // the playhead; animations interpolate at this time
    qint64 timeNs() const { return m_timeNs; }
    // The shortest time a card takes to travel, in event time. Default 150 ms: cards are seen crossing in a
    // paced run at 1x. A slowed replay should scale it with its speed (150 ms x speed) so that a card still
    // takes about 150 ms of wall time and sub-microsecond hops are seen; a firehose is bounded by MaxFlights.
    void setMinTravelNs(qint64 ns);
    qint64 minTravelNs() const { return m_minTravelNs; }

    // The parent first, then workers by slot, then other processes in order of appearance.
    QList<StageProcess> processes() const;
    QList<StageProcess> workers() const; // everything but the parent and the Manager's server
    const StageProcess* process(qint64 pid) const;
    qint64 eventsApplied() const { return m_eventsApplied; }

    // Pool scheduling.
    qint64 tasksSubmitted() const { return m_submitted; }
    qint64 queuedCount() const; // submitted and not yet dispatched
    QList<qint64> queuedTasks(int max) const; // the first `max` of them, in id order
    QList<ChunkCard> chunksAt(qint64 pid) const; // dispatched to this worker, not finished
    qint64 resultsReceived() const { return m_results; }
    qint64 tasksLost() const { return m_lost; }
    QList<ResultCard> recentResults() const; // in the order the parent received them, newest last
    // Results handed to the caller (map: all at the end in input order; imap: in input order as they come;
    // imap_unordered: as they complete), newest last.
    qint64 resultsDelivered() const { return m_delivered; }
    QList<ResultCard> recentDeliveries() const;

    // Cards travelling at the playhead, oldest first; at most `max` (the rest in *hidden).
    QList<Flight> flights(int max = MaxFlights, int* hidden = nullptr) const;
    qint64 flightsDropped() const { return m_flightsDropped; }

    QList<StageQueue> queues() const;
    QList<StagePipe> pipes() const;
    QList<StageLock> locks() const;
    QList<StageCell> cells() const;
    QList<StageSync> syncs() const;
    StageManager manager() const { return m_manager; }
    bool hasManager() const { return m_manager.pid != 0 || m_manager.calls > 0; }
    qint64 processesNotShown() const { return m_processesNotShown; }

    // MPI ranks. Hosts in the order of their lowest rank; a rank's process by rank (0: not seen).
    QStringList hosts() const;
    bool hasRanks() const { return !m_rankPids.empty(); }
    qint64 pidOfRank(int rank) const;
    QList<MpiLink> mpiLinks() const; // by sender, then receiver
    qint64 mpiMessages() const { return m_mpiMessages; }
    qint64 mpiBytes() const { return m_mpiBytes; }
    qint64 mpiCollectives() const { return m_mpiCollectives; } // collective calls completed, summed over ranks
    // A deadlock at the playhead: processes each waiting for a lock the next one holds (engine/waitforgraph.h),
    // empty when there is none.
    const QList<WaitForGraph::Edge>& deadlock() const { return m_deadlock; }
    // MPI ranks blocked on each other for good at the playhead (mpi/mpiwaitgraph.h): a cycle of unmatched sends or
    // receives that has lasted MpiDeadlockShownAfterNs. The engine stops such a job a little later.
    std::vector<mpi::WaitGraph::Wait> mpiDeadlock() const
    {
        return m_mpiWaits.deadlock(m_timeNs, MpiDeadlockShownAfterNs);
    }
    static constexpr qint64 MpiDeadlockShownAfterNs = 1'000'000'000;

Q_SIGNALS:
    void changed(); // once per apply() or setTimeNs(); views coalesce it to their frame rate

private:
    qint64 normalPid(qint64 pid) const { return pid == 0 ? m_enginePid : pid; }
    StageProcess* processFor(qint64 pid, int slot);
    void applyOne(const Event& e);
    void applyPool(const Event& e, StageProcess* p);
    void applyObject(const Event& e, qint64 pid);
    void applyCreate(const Event& e);
    void applyMpi(const Event& e, qint64 pid, StageProcess* p);
    void nameRank(qint64 pid, StageProcess* p);
    void addFlight(const Flight& f);
    Flight* openFlight(Flight::Kind kind, qint32 object) const; // a task or result card not yet arrived
    void closeFlight(Flight::Kind kind, qint32 object, qint64 tNs);
    void pruneFlights();
    qint64 flightEndNs(const Flight& f) const;
    template <class T> T* objectFor(std::map<qint32, T>& objects, qint32 id);

    qint64 m_enginePid = 0;
    qint64 m_timeNs = 0;
    qint64 m_minTravelNs = 150'000'000;
    qint64 m_eventsApplied = 0;
    qint64 m_lastEventNs = 0;

    std::map<qint64, StageProcess> m_processes;
    std::map<qint64, QString> m_names; // names given before the process's first event
    std::map<qint64, ProcessError> m_errors;
    qint64 m_processesNotShown = 0;

    qint64 m_submitted = 0;
    std::set<qint64> m_queued; // at most MaxTrackedQueued
    qint64 m_queuedUntracked = 0;
    std::map<qint64, std::deque<ChunkCard>> m_chunks; // per worker pid
    std::deque<ChunkCard> m_untrackedInbox; // scratch: cards of a process without a box are not kept
    qint64 m_results = 0;
    qint64 m_lost = 0;
    std::deque<ResultCard> m_recentResults;
    qint64 m_delivered = 0;
    std::deque<ResultCard> m_recentDeliveries;

    std::deque<Flight> m_flights;
    std::map<std::pair<Flight::Kind, qint32>, Flight*> m_open; // task and result cards of a chunk, not yet arrived
    qint64 m_flightsDropped = 0;

    std::map<qint32, StageQueue> m_queues;
    std::map<qint32, StagePipe> m_pipes;
    std::map<qint32, StageLock> m_locks;
    std::map<qint32, StageCell> m_cells;
    std::map<qint32, StageSync> m_syncs;
    qint64 m_objectsNotShown = 0;
    StageManager m_manager;
    WaitForGraph m_waitFor;
    mpi::WaitGraph m_mpiWaits; // fed with the ranks' events, stamped with their times
    QList<WaitForGraph::Edge> m_deadlock;

    std::map<int, qint64> m_rankPids;
    using MpiChannel = std::tuple<int, int, qint64>; // from rank, to rank, tag
    std::map<MpiChannel, qint64> m_mpiSent;
    std::map<MpiChannel, qint64> m_mpiReceived;
    std::map<std::pair<MpiChannel, qint64>, qint64> m_mpiEarlyReceives; // (channel, seq) -> its receive's time
    struct MpiSent {
        qint64 messages = 0;
        qint64 bytes = 0;
    };
    std::map<std::pair<int, int>, MpiSent> m_mpiLinks; // (from rank, to rank)
    qint64 m_mpiMessages = 0;
    qint64 m_mpiBytes = 0;
    qint64 m_mpiCollectives = 0;
};

} // namespace proclab
