#pragma once

// Failures on purpose, and where a worker is in its work. A Fault makes a worker crash, kill itself, hang,
// exit or throw at one task (or at start-up), so the engine's recovery can be watched from the command line
// and tested. WorkerStatus is a few words of memory a pool worker shares with the engine, written with plain
// atomic stores (no system call per task): the engine reads it to enforce task deadlines and, after a worker
// died, to name the one task that was lost and the phase it was in.

#include <QCborArray>
#include <QList>
#include <QString>

#include <atomic>
#include <optional>

namespace proclab {

enum class TaskPhase : qint32 { Idle, Decoding, Running, Encoding };

// "decoding arguments", "running", "encoding the result"; "idle".
QString phaseName(TaskPhase phase);

struct Fault {
    enum class Kind { Crash, Abort, Kill, Hang, Exit, Throw };
    Kind kind = Kind::Crash;
    qint64 task = 0; // pool-wide task number; StartUp: while the worker starts, before it says Ready
    TaskPhase phase = TaskPhase::Running;
    static constexpr qint64 StartUp = -1;

    // KIND[:TASK[:PHASE]] with KIND crash|abort|kill|hang|exit|throw, TASK a number or "start",
    // PHASE decode|run|encode. nullopt with a message on bad input.
    static std::optional<Fault> parse(const QString& text, QString* error);
    QString toString() const;
    bool killsTheWorker() const { return kind != Kind::Throw; }

    QCborArray toCbor() const;
    static Fault fromCbor(const QCborArray& a);
};

// Worker side: does what `fault` says. Throw throws a TaskException; the others do not return.
void triggerFault(const Fault& fault);

// Lives in a shared page: the worker writes, the engine reads. A sequence lock keeps a reader from seeing
// the task of one write with the start time of another.
struct WorkerStatus {
    struct Snapshot {
        qint64 task = -1;
        qint64 startNs = 0; // when the task started (its decoding)
        TaskPhase phase = TaskPhase::Idle;
    };

    // Worker only.
    void set(qint64 task, TaskPhase phase, qint64 startNs)
    {
        const quint64 s = m_seq.load(std::memory_order_relaxed);
        m_seq.store(s + 1, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_release);
        m_task.store(task, std::memory_order_relaxed);
        m_startNs.store(startNs, std::memory_order_relaxed);
        m_phase.store(qint32(phase), std::memory_order_relaxed);
        m_seq.store(s + 2, std::memory_order_release);
    }

    // Engine: a consistent snapshot, or the last fields as they are if the worker died mid-write.
    Snapshot read() const
    {
        Snapshot snap;
        for (int attempt = 0; attempt < 100; ++attempt) {
            const quint64 s1 = m_seq.load(std::memory_order_acquire);
            snap.task = m_task.load(std::memory_order_relaxed);
            snap.startNs = m_startNs.load(std::memory_order_relaxed);
            snap.phase = TaskPhase(m_phase.load(std::memory_order_relaxed));
            std::atomic_thread_fence(std::memory_order_acquire);
            if (!(s1 & 1) && m_seq.load(std::memory_order_relaxed) == s1)
                break;
        }
        return snap;
    }

private:
    std::atomic<quint64> m_seq { 0 };
    std::atomic<qint64> m_task { -1 };
    std::atomic<qint64> m_startNs { 0 };
    std::atomic<qint32> m_phase { 0 };
};

static_assert(std::atomic<quint64>::is_always_lock_free && std::atomic<qint32>::is_always_lock_free,
    "WorkerStatus is shared between processes: its atomics must not hide a lock");

// The child descriptor number of a pool worker's status page: far above the numbers a Process hands out
// (10 upwards) and below the forkserver's parking range (512 upwards).
inline constexpr int WorkerStatusFd = 250;

// The child descriptor number of the Context's events page: one word, 1 while anything in the engine will read the
// events workers send (EventLog::wanted()), 0 when the engine would drop them. Every worker maps it read-only and
// makes no events while it reads 0: no encoding, no frames, no decoding on the engine's I/O thread only to drop
// them. The engine writes it whenever wanted() changes, so a listener that comes later gets the events from then on.
inline constexpr int EventsWantedFd = 251;

} // namespace proclab
