#pragma once

// One MPI rank of proclab-mpi-worker: its channel to the engine and the programs it runs (main.cpp starts it).
// rank.cpp has the programs that work on any kernel (mpi-spmd's generic form, mpi-farm, mpi-exchange);
// dataparallel.cpp the collective forms of the workloads whose data a real MPI program would distribute (kde,
// matmul) or whose results it would reduce element by element (letters).

#include "base/event.h"
#include "base/eventsink.h"
#include "base/messages.h"
#include "base/wire.h"
#include "mp/kernel.h"
#include "mpi/mpiprotocol.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborValue>

#include <mpi.h>

#include <cerrno>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

namespace proclab::mpiworker {

// This rank's clock as its events carry it: CLOCK_MONOTONIC plus $PROCLAB_MPI_CLOCK_SKEW_NS (tests of clock sync).
qint64 rankNow();
void setClockSkew(qint64 ns);

// The CPU time of the thread that called markMainThread() (the one that makes MPI calls), readable from any thread:
// what the engine's deadlock check asks for (a rank stuck in MPI spins; one off the CPU does not).
void markMainThread();
qint64 mainThreadCpuNs();

// Survive mode: the engine's word that a rank died (Msg::RankGone), noted by the reader thread, taken by rank 0's
// dealer between the messages it waits for.
void noteRankGone(int rank);
std::vector<int> takeGoneRanks();

// The socket to the engine: frames written under a lock (the main thread's events and results, the reader's pongs).
class Channel final : public EventSink {
public:
    explicit Channel(int fd)
        : m_fd(fd)
    {
    }
    int fd() const { return m_fd; }

    void send(const QCborArray& m)
    {
        QByteArray out;
        wire::appendFrame(out, m);
        sendRaw(out);
    }
    void sendRaw(const QByteArray& bytes)
    {
        std::lock_guard lock(m_writeMutex);
        qsizetype done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                ::_exit(3); // the engine is gone
            done += n;
        }
    }

    void emitEvent(EventKind kind, qint32 object, qint64 task, qint64 value) override
    {
        m_events << rankNow() << int(kind) << object << task << value;
    }
    void flushEvents() override
    {
        if (m_events.isEmpty())
            return;
        send(wire::Events { m_events }.encode());
        m_events = {};
    }

private:
    int m_fd;
    std::mutex m_writeMutex;
    QCborArray m_events; // main thread only
};

// What a program hands to rank 0's Result: every task's result (rank 0 only), and what MPI_Reduce gave it.
struct Outcome {
    QCborArray results;
    std::optional<qint64> reducedSum;
    QCborArray reducedCounts;
};

// The work, as the MPI program a student reads. Events are stamped and queued on the channel; flushed before
// every call that may block, so the engine sees a rank wait while it waits. `comm` holds the ranks of this run:
// MPI_COMM_WORLD's first Init::ranks (all of them in a job made for one run; a sweep's job keeps its ranks between
// points and splits off as many as each point asks for).
class Rank {
public:
    Rank(Channel& ev, const mpi::Init& init, MPI_Comm comm);

    qint64 tasksDone() const { return m_tasksDone; }
    [[noreturn]] void fail(const QString& why);

    void collectiveBegin(mpi::Collective op, qint64 bytes, int root);
    void collectiveEnd(mpi::Collective op, qint64 bytes, int root);

    // mpi-spmd: the static block decomposition, tasks [rank*T/N, (rank+1)*T/N); the collective form of the
    // workload where it has one (dataparallel.cpp), else the generic one: every rank runs its tasks, then
    // MPI_Reduce of the integer results (pi's count) and every task's result gathered to rank 0.
    Outcome spmd();
    // mpi-farm: rank 0 deals chunks over MPI_Send/MPI_Recv to whichever rank asks.
    Outcome farm();
    // mpi-exchange: ranks 2k and 2k+1 swap bytes each way (the eager-limit lesson); every rank's verdict at rank 0.
    Outcome exchange();
    // ... or bounce it back and forth, timed (mpi::Exchange::Order::PingPong).
    Outcome pingPong(const mpi::Exchange& x);

private:
    // This rank's tasks under the static decomposition.
    qint64 firstTask() const { return m_rank * m_init.inputs.size() / m_size; }
    qint64 endTask() const { return (m_rank + 1) * m_init.inputs.size() / m_size; }
    qint64 firstTaskOf(int rank) const { return rank * m_init.inputs.size() / m_size; }
    // Every rank's results (its tasks', in task order) to rank 0, which returns them all in task order: MPI_Gather
    // of the sizes, then MPI_Gatherv of the bytes. The engine checks them one by one with the workload's verify().
    QCborArray gatherResults(const QCborArray& mine);

    Outcome spmdGeneric();
    Outcome spmdKde(); // dataparallel.cpp
    Outcome spmdMatmul(); // dataparallel.cpp
    Outcome spmdLetters(); // dataparallel.cpp

    // A task as the engine sees it: TaskStart (flushed, so it shows while it runs), TaskEnd when `work` returns;
    // `chunk` is the farm's chunk, the rank under mpi-spmd. A task that raises fails the job (fail()).
    template<typename Work>
    auto task(qint64 t, qint32 chunk, Work&& work)
    {
        if (m_init.paceNs > 0)
            m_ctx.sleepNs(m_init.paceNs);
        m_ev.emitEvent(EventKind::TaskStart, chunk, t, 0);
        m_ev.flushEvents();
        m_ctx.task = t;
        decltype(work()) r {};
        try {
            r = work();
        } catch (const TaskException& e) {
            fail(QStringLiteral("task %1 raised %2: %3").arg(t).arg(e.type(), e.message()));
        } catch (const std::exception& e) {
            fail(QStringLiteral("task %1 raised %2").arg(t).arg(QString::fromLocal8Bit(e.what())));
        }
        m_ev.emitEvent(EventKind::TaskEnd, chunk, t, 0);
        ++m_tasksDone;
        return r;
    }

    // Task t of the workload, through its kernel.
    QCborValue runTask(qint64 t, qint32 chunk)
    {
        return task(t, chunk, [&] { return m_kernel->call(m_init.inputs.at(t), m_ctx); });
    }

    // A blocking send as the engine sees it: MpiSendWait (bytes) before the call, flushed, for the engine's
    // wait-for graph (a send that does not return waits for its peer); MpiSend when it returns. False when it
    // failed, which only survive mode lets happen (MPI_ERRORS_RETURN): otherwise an error aborts the job.
    bool send(const QByteArray& bytes, int to, int tag, qint64 chunk);
    QByteArray recvAny(MPI_Status* status) { return recvFrom(MPI_ANY_SOURCE, status); }
    QByteArray recvFrom(int source, MPI_Status* status);

    Channel& m_ev;
    const mpi::Init& m_init;
    MPI_Comm m_comm;
    int m_rank = 0;
    int m_size = 1;
    std::unique_ptr<Kernel> m_kernel;
    TaskContext m_ctx;
    qint64 m_tasksDone = 0;
};

} // namespace proclab::mpiworker
