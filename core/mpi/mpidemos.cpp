#include "mpi/mpidemos.h"

#include "content/demo.h"
#include "engine/asyncresult.h"
#include "engine/context.h"
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

} // namespace

QList<const Demo*> mpiDemos()
{
    static const ExchangeDemo small(ExchangeDemo::Variant::Small);
    static const ExchangeDemo deadlock(ExchangeDemo::Variant::Deadlock);
    static const ExchangeDemo fixed(ExchangeDemo::Variant::Fixed);
    static const PingPongDemo pingPong;
    return { &small, &deadlock, &fixed, &pingPong };
}

} // namespace proclab
