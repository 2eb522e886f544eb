#include "mpi/mpidemos.h"

#include "content/demo.h"
#include "engine/asyncresult.h"
#include "content/workload.h"
#include "engine/context.h"
#include "engine/fault.h"
#include "mp/function.h"
#include "mpi/mpiexecutor.h"

#include <QCborValue>

namespace proclab {

namespace {

constexpr qint64 SmallBytes = 1024; // under the eager limit of shared memory (4 KiB) and TCP (64 KiB)
constexpr qint64 LargeBytes = 1 << 20; // over both

class ExchangeDemo final : public Demo {
public:
    enum class Variant { Small, Deadlock, Fixed };
    explicit ExchangeDemo(Variant v)
        : m_variant(v)
    {
    }
    QString name() const override
    {
        switch (m_variant) {
        case Variant::Small:
            return QStringLiteral("mpi-exchange");
        case Variant::Deadlock:
            return QStringLiteral("mpi-deadlock");
        case Variant::Fixed:
            return QStringLiteral("mpi-deadlock-fixed");
        }
        return {};
    }
    QString topic() const override { return QStringLiteral("MPI"); }
    QString description() const override
    {
        switch (m_variant) {
        case Variant::Small:
            return QStringLiteral("MPI ranks in pairs each MPI_Send 1 KiB to the other, then MPI_Recv: it works "
                                  "because Open MPI buffers small messages (eager limit)");
        case Variant::Deadlock:
            return QStringLiteral("the same exchange with 1 MiB: both MPI_Sends wait for a receive that never comes; "
                                  "the cycle is found from the ranks' events, printed, and the job stopped (exit "
                                  "code 5)");
        case Variant::Fixed:
            return QStringLiteral("1 MiB with MPI_Sendrecv: MPI pairs the two transfers itself, at any size");
        }
        return {};
    }
    int expectedExitCode() const override { return m_variant == Variant::Deadlock ? DeadlockExitCode : 0; }

    int run(Context& ctx, const DemoOptions& options, DemoOutput& out) const override
    {
        MpiOptions o = mpiDefaults(); // hosts, remote shell: from the program's command line
        o.shape = mpi::Shape::Exchange;
        o.ranks = std::max(2, options.processes);
        o.exchange.bytes = m_variant == Variant::Small ? SmallBytes : LargeBytes;
        o.exchange.order
            = m_variant == Variant::Fixed ? mpi::Exchange::Order::Sendrecv : mpi::Exchange::Order::SendFirst;
        o.paceNs = options.paceNs;
        o.cancelled = [&ctx] { return !ctx.stopRequested().isEmpty(); };
        if (const QString why = MpiJob::unavailableReason(o); !why.isEmpty()) {
            out.print(why);
            return 1;
        }
        const qint64 bytes = o.exchange.bytes;
        out.print(m_variant == Variant::Fixed
                ? QStringLiteral("each rank and its partner swap %1 bytes with one MPI_Sendrecv").arg(bytes)
                : QStringLiteral("each rank sends %1 bytes to its partner first, then receives").arg(bytes));
        MpiJob job(&ctx, o);
        MpiRunResult r;
        try {
            r = job.run(Function {}, {});
        } catch (const MpiDeadlockError& e) {
            out.print(QStringLiteral("DEADLOCK: each rank waits in MPI_Send for a receive its partner has not posted:"));
            for (const QString& line : e.waits())
                out.print(QStringLiteral("  ") + line);
            out.print(QStringLiteral("%1 bytes is over Open MPI's eager limit, so MPI_Send waits for the receive. "
                                     "The job was stopped (exit code %2).")
                          .arg(bytes)
                          .arg(DeadlockExitCode));
            return DeadlockExitCode;
        } catch (const CancelledError&) {
            out.print(QStringLiteral("stopped"));
            return 1;
        } catch (const MpiError& e) {
            out.print(QString::fromLocal8Bit(e.what()));
            return 1;
        }
        // What the ranks checked: the partner's bytes, each one the letter of its rank.
        bool intact = true;
        for (qsizetype rank = 0; rank < r.exec.results.size(); ++rank) {
            const QCborValue v = r.exec.results.at(rank);
            if (v.isNull()) {
                out.print(QStringLiteral("rank %1 has no partner and sits out").arg(rank));
                continue;
            }
            intact = intact && v.toBool();
            out.print(QStringLiteral("rank %1 received %2 bytes from rank %3: %4")
                          .arg(rank)
                          .arg(bytes)
                          .arg(rank ^ 1)
                          .arg(v.toBool() ? QStringLiteral("intact") : QStringLiteral("CORRUPT")));
        }
        return intact ? 0 : 1;
    }

private:
    Variant m_variant;
};

// Two ranks bounce one message back and forth, over shared memory and then over TCP, at four sizes: the latency
// and bandwidth every MPI program pays per message, and what leaving the machine would add.
class PingPongDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("mpi-pingpong"); }
    QString topic() const override { return QStringLiteral("MPI"); }
    QString description() const override
    {
        return QStringLiteral("two MPI ranks bounce a message of 8 B to 1 MiB back and forth, over shared memory "
                              "(vader) and over TCP on the loopback: one-way latency and bandwidth of each");
    }

    int run(Context& ctx, const DemoOptions& options, DemoOutput& out) const override
    {
        struct Size {
            qint64 bytes;
            qint64 rounds;
        };
        const Size sizes[] = { { 8, 2000 }, { 1024, 1000 }, { 64 * 1024, 200 }, { 1 << 20, 40 } };
        MpiOptions o = mpiDefaults();
        // Both transports between two ranks of this machine: shared memory reaches only ranks of the same host.
        o.hostfile.clear();
        o.rshAgent.clear();
        o.listenAddress.clear();
        o.shape = mpi::Shape::Exchange;
        o.ranks = 2;
        o.exchange.order = mpi::Exchange::Order::PingPong;
        o.exchange.budgetNs = 300'000'000;
        o.paceNs = options.paceNs;
        o.cancelled = [&ctx] { return !ctx.stopRequested().isEmpty(); };
        if (const QString why = MpiJob::unavailableReason(o); !why.isEmpty()) {
            out.print(why);
            return 1;
        }
        out.print(QStringLiteral("rank 0 sends a message to rank 1, which sends it back, up to %1 times per size "
                                 "(at most 0.3 s); one way = the time of the round trips / (2 x their number)")
                      .arg(sizes[0].rounds));
        const auto measure = [&](MpiOptions::Transport transport, const Size& size) -> std::optional<QCborArray> {
            MpiOptions run = o;
            run.transport = transport;
            run.exchange.bytes = size.bytes;
            run.exchange.rounds = size.rounds;
            MpiJob job(&ctx, run);
            const MpiRunResult r = job.run(Function {}, {});
            const QCborValue first = r.exec.results.isEmpty() ? QCborValue() : r.exec.results.at(0);
            if (!first.isArray())
                return std::nullopt;
            return first.toArray();
        };
        const auto text = [](const QCborArray& m, qint64 bytes) {
            const double oneWayUs = double(m.at(0).toInteger()) / 1e3;
            const double mbPerS = oneWayUs > 0 ? double(bytes) / oneWayUs : 0; // bytes per µs = MB/s
            return QStringLiteral("%1 µs, %2 MB/s (%3 round trips)")
                .arg(oneWayUs, 0, 'f', oneWayUs < 10 ? 2 : 1)
                .arg(mbPerS, 0, 'f', mbPerS < 10 ? 2 : 0)
                .arg(m.at(1).toInteger());
        };
        try {
            for (const Size& size : sizes) {
                const auto shm = measure(MpiOptions::Transport::SharedMemory, size);
                const auto tcp = measure(MpiOptions::Transport::Tcp, size);
                if (!shm || !tcp) {
                    out.print(QStringLiteral("rank 0 did not report its ping-pong"));
                    return 1;
                }
                const double ratio = shm->at(0).toInteger() > 0
                    ? double(tcp->at(0).toInteger()) / double(shm->at(0).toInteger())
                    : 0;
                out.print(QStringLiteral("%1 one way: shared memory %2; TCP %3; TCP takes %4x as long")
                              .arg(bytesText(size.bytes), text(*shm, size.bytes), text(*tcp, size.bytes))
                              .arg(ratio, 0, 'f', 1));
            }
        } catch (const CancelledError&) {
            out.print(QStringLiteral("stopped"));
            return 1;
        } catch (const MpiError& e) {
            out.print(QString::fromLocal8Bit(e.what()));
            return 1;
        }
        out.print(QStringLiteral("Shared memory copies through a segment both ranks map; TCP goes through the kernel's "
                                 "network stack even on one machine. Between machines the wire adds its own "
                                 "latency (tens of µs on Ethernet) and its bandwidth (125 MB/s at 1 Gbit/s)."));
        return 0;
    }

private:
    static QString bytesText(qint64 bytes)
    {
        if (bytes >= (1 << 20))
            return QStringLiteral("%1 MiB").arg(bytes >> 20);
        if (bytes >= 1024)
            return QStringLiteral("%1 KiB").arg(bytes >> 10);
        return QStringLiteral("%1 B").arg(bytes);
    }
};

// The same failure, a worker SIGKILLed while it runs task 5, under three regimes: the process pool (the run goes on,
// the task is named as lost), MPI's default (fail-stop: mpirun ends the whole job) and the farm's survive mode (rank
// 0 deals the lost chunk again, and every task's result is there).
class FailStopDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("mpi-fail-stop"); }
    QString topic() const override { return QStringLiteral("MPI"); }
    QString description() const override
    {
        return QStringLiteral("a worker killed in task 5: the process pool runs on and names the lost task; an MPI "
                              "job is fail-stop (mpirun ends it); the farm in survive mode deals the chunk again");
    }

    int run(Context& ctx, const DemoOptions& options, DemoOutput& out) const override
    {
        const Workload* pi = findWorkload(QStringLiteral("pi"));
        Params params;
        QString error;
        if (!pi || !parseParams(*pi, { QStringLiteral("samples=48000000"), QStringLiteral("tasks=12") }, &params, &error)) {
            out.print(QStringLiteral("pi: %1").arg(error));
            return 1;
        }
        const Function f = pi->function(params);
        const QCborArray inputs = pi->inputs(params);
        const auto cancelled = [&ctx] { return !ctx.stopRequested().isEmpty(); };
        const auto verdict = [&](const ExecResult& r) {
            const QCborValue reduced = pi->reduce(params, r.results);
            const Verification v = pi->verify(params, r.results, reduced);
            return QStringLiteral("%1 of %2 results; %3")
                .arg(r.results.size() - qsizetype(r.failures.size()))
                .arg(inputs.size())
                .arg(v.ok ? QStringLiteral("verified against the serial count") : QStringLiteral("NOT verified: ") + v.detail);
        };
        int code = 0;

        out.print(QStringLiteral("1. Process pool, 2 workers: the worker that runs task 5 is SIGKILLed"));
        try {
            ExecOptions o;
            o.executor = ExecutorKind::Process;
            o.workers = 2;
            o.chunksize = 1;
            o.paceNs = options.paceNs;
            o.cancelled = cancelled;
            o.faults = { Fault { Fault::Kind::Kill, 5, TaskPhase::Running } };
            const ExecResult r = execute(&ctx, f, inputs, o);
            for (const auto& [task, failure] : r.failures)
                out.print(QStringLiteral("   task %1 lost: %2").arg(task).arg(failure.toString()));
            out.print(QStringLiteral("   the pool started a new worker and ran on: %1 of %2 tasks completed")
                          .arg(r.results.size() - qsizetype(r.failures.size()))
                          .arg(inputs.size()));
        } catch (const CancelledError&) {
            out.print(QStringLiteral("stopped"));
            return 1;
        } catch (const std::exception& e) {
            out.print(QStringLiteral("   %1").arg(QString::fromLocal8Bit(e.what())));
            code = 1;
        }

        MpiOptions mo = mpiDefaults(); // hosts, remote shell: from the program's command line
        mo.shape = mpi::Shape::Farm;
        mo.ranks = 3;
        mo.chunksize = 1;
        mo.killAtTask = 5;
        mo.paceNs = options.paceNs;
        mo.cancelled = cancelled;
        if (const QString why = MpiJob::unavailableReason(mo); !why.isEmpty()) {
            out.print(why);
            return 1;
        }
        out.print(QStringLiteral("2. MPI farm, 3 ranks, MPI's default: the rank that runs task 5 is SIGKILLed"));
        try {
            MpiJob job(&ctx, mo);
            job.run(f, inputs);
            out.print(QStringLiteral("   the job completed: the kill came too late"));
            code = 1;
        } catch (const CancelledError&) {
            out.print(QStringLiteral("stopped"));
            return 1;
        } catch (const MpiError& e) {
            out.print(QStringLiteral("   ") + QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0));
            out.print(QStringLiteral("   no result at all: the other ranks' work is lost with the job"));
        }
        out.print(QStringLiteral("3. The same farm in survive mode (mpirun --enable-recovery)"));
        try {
            mo.survive = true;
            MpiJob job(&ctx, mo);
            const MpiRunResult r = job.run(f, inputs);
            for (const auto& lost : r.lost)
                out.print(QStringLiteral("   rank %1 on %2 died%3; rank 0 dealt its chunk to another rank")
                              .arg(lost.rank)
                              .arg(lost.host, lost.task >= 0 ? QStringLiteral(" in task %1").arg(lost.task) : QString()));
            out.print(QStringLiteral("   ") + verdict(r.exec));
            if (r.lost.isEmpty())
                code = 1;
        } catch (const CancelledError&) {
            out.print(QStringLiteral("stopped"));
            return 1;
        } catch (const MpiError& e) {
            out.print(QStringLiteral("   ") + QString::fromLocal8Bit(e.what()).section(QLatin1Char('\n'), 0, 0));
            code = 1;
        }
        pi->finish(params);
        return code;
    }
};

} // namespace

QList<const Demo*> mpiDemos()
{
    static const ExchangeDemo small(ExchangeDemo::Variant::Small);
    static const ExchangeDemo deadlock(ExchangeDemo::Variant::Deadlock);
    static const ExchangeDemo fixed(ExchangeDemo::Variant::Fixed);
    static const PingPongDemo pingPong;
    static const FailStopDemo failStop;
    return { &small, &deadlock, &fixed, &pingPong, &failStop };
}

} // namespace proclab
