#pragma once

// One thing that really happened in one process, stamped there with CLOCK_MONOTONIC.

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <mutex>
#include <vector>

namespace proclab {

namespace EventNs {
Q_NAMESPACE
enum class Kind : quint8 {
    ProcessSpawn, // engine started a process (value: start method)
    ProcessReady, // the process reports it is up (stamped by the process)
    ProcessExit, // value: exit code (negative signal)
    ProcessFailed, // unexpected death or protocol error
    TaskSubmit, // engine accepted a task
    TaskDispatch, // engine sent the task's chunk to a worker
    TaskStart, // worker began the task
    TaskEnd, // worker finished the task (value: 0 ok, 1 raised)
    TaskResult, // engine received the result
    TaskCancel,
    TaskLost, // the worker died with the task
    QueuePut,
    QueuePutWait, // value: qsize, or -1 when the wait ended without a put (timeout)
    QueueGet,
    QueueGetWait, // value: 0, or -1 when the wait ended without a get (timeout)
    PipeSend,
    PipeRecv,
    LockWait,
    LockAcquire,
    LockRelease,
    SharedRead,
    SharedWrite,
    BarrierArrive,
    BarrierPass,
    ConditionWait, // value: the condition's lock
    ConditionNotify, // value: how many were woken (-1: all)
    EventSet,
    EventClear,
    EventWait,
    SemaphoreValue, // value: the counter after a change
    ManagerCall, // value: the method's number; object: the proxy's object
    ConsoleLine,
    TaskDeliver, // the caller received the task's result (map, imap, get...); value: its place in that order
    ObjectCreate, // a Queue, Lock, Value... was made; value: its ObjectType; task: maxsize, size or -1
    PipeRecvWait, // a recv found nothing to read and waits (value -1: the wait ended without a message, EOF)
    // MPI ranks (proclab-mpi-worker; the event's worker is the rank). Point to point: object the tag, task the
    // chunk or task it carries (-1: none), value the peer rank. The k-th send a->b with tag t is the k-th receive
    // at b from a with tag t (MPI's non-overtaking rule), which is how arrows are drawn.
    MpiSend,
    MpiRecv,
    MpiRecvWait, // a blocking receive starts waiting (value: the awaited rank, -1 any); MPI waits spin on a CPU
    CollectiveBegin, // object: the operation (mpi/mpiprotocol.h Collective), task: bytes, value: the root (-1 none)
    CollectiveEnd,
    // A blocking MPI_Send begins (object: the tag, task: the message's bytes, value: the peer rank); the MpiSend that
    // follows marks its return. Small messages return at once (Open MPI buffers them: "eager"); a large one waits
    // until the peer posts its receive (rendezvous), spinning on a CPU meanwhile.
    MpiSendWait,
    // What the kernel says a process uses, read by the engine from /proc about ten times a second (not sent by
    // the process): value CPU use over the last interval in permille of one CPU (above 1000 only for a process
    // with several threads), task resident memory in KiB, object the scheduler state as a letter ('R', 'S', 'D').
    // Saved apart from the other events (trace.h: "samples"), so that older readers still open the file.
    ProcessSample,
    Error, // keep last: workers' events are range-checked against it
};
Q_ENUM_NS(Kind)

// What an ObjectCreate event made, so the stage can draw object N before its first use.
enum class ObjectType : quint8 {
    Queue, // task: maxsize (0: unbounded)
    Lock,
    RLock,
    Semaphore, // task: the initial value
    BoundedSemaphore,
    Event,
    Condition,
    Barrier, // task: the parties
    Value,
    Array, // task: the number of cells
    Pipe, // task: 2 duplex, 1 one-way
};
Q_ENUM_NS(ObjectType)
} // namespace EventNs
using EventKind = EventNs::Kind;
using ObjectType = EventNs::ObjectType;

struct Event {
    qint64 tNs = 0;
    qint32 pid = 0;
    qint32 worker = -1; // worker slot, -1 for the engine itself
    EventKind kind = EventKind::Error;
    qint32 object = -1; // queue, lock, pipe... id; chunk id for task events
    qint64 task = -1;
    qint64 value = 0;
};

QString eventKindName(EventKind kind);

using EventBatch = std::vector<Event>;

// An exception that ended a process (a student's Python program: the probe reports it as the process dies), shown
// on that process's box and lane, saved with the run.
struct ProcessError {
    QString exception; // its last line: "ZeroDivisionError: division by zero"
    QString traceback; // the whole text Python printed, "Traceback (most recent call last): ..."
};

// Events of one run: appended from the engine's I/O thread, merged in time order, published in batches.
// Kept only for whoever will read them: a recording (a trace, a saved run, a sweep's breakdown) or a listener of
// the published batches (the event player). With neither, append() drops what it is given, so a run of any
// length holds no events. Thread-safe.
class EventLog {
public:
    void append(const Event& e);
    void append(const EventBatch& events);
    // Whether anything appended now will be read. Producers of many events check it first and skip making them.
    bool wanted() const { return m_wanted.load(std::memory_order_relaxed); }
    // Events appended since the last call, sorted by time. Events newer than `holdBackAfterNs` wait for the
    // next call so that a slower stream can still slot its earlier events in (pass INT64_MAX to drain).
    EventBatch takePending(qint64 holdBackAfterNs);
    // As takePending, for when nobody listens: marks them published without copying.
    void skipPending(qint64 holdBackAfterNs);
    // Every event so far (when recording), in time order.
    EventBatch snapshot() const;
    qsizetype size() const;
    // Keep every event for snapshot() (on by default). Off, published events leave the log.
    void setRecording(bool on);
    // Someone listens to the published batches (Context sets this as its eventsAvailable gains receivers).
    void setPublishing(bool on);
    // A word (in memory workers share) that follows wanted(): 1 or 0, written now and at every change.
    void setWantedMirror(std::atomic<qint32>* word);
    void clear();

private:
    size_t sortPendingLocked(qint64 holdBackAfterNs); // returns the end of what may go out now
    void dropPublishedLocked();

    mutable std::mutex m_mutex;
    // One store: [0, m_published) went out, the rest is pending. Guarded by m_mutex.
    EventBatch m_events;
    size_t m_published = 0;
    bool m_recording = true;
    bool m_publishing = false;
    std::atomic<bool> m_wanted { true }; // m_recording || m_publishing, readable without the lock
    std::atomic<qint32>* m_wantedMirror = nullptr; // guarded by m_mutex
    void updateWantedLocked();
};

} // namespace proclab

Q_DECLARE_METATYPE(proclab::Event)
Q_DECLARE_METATYPE(proclab::EventBatch)
Q_DECLARE_METATYPE(proclab::ProcessError)
