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

} // namespace

QList<const Demo*> mpiDemos()
{
    static const ExchangeDemo small(ExchangeDemo::Variant::Small);
    static const ExchangeDemo deadlock(ExchangeDemo::Variant::Deadlock);
    static const ExchangeDemo fixed(ExchangeDemo::Variant::Fixed);
    return { &small, &deadlock, &fixed };
}

} // namespace proclab
