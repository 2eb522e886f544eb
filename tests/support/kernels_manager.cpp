#include "support/testkernels.h"

#include "mp/kernel.h"
#include "mp/managerproxy.h"

#include <QCborArray>

namespace proclab::test {

// Kernels that use proxies inside worker processes.
namespace {

// args [list, [items...]]: appends the items one call at a time (so several processes really interleave).
class ManagerAppendKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        ListProxy list = ListProxy::attach(args.toArray().at(0));
        const QCborArray items = args.toArray().at(1).toArray();
        for (const auto& item : items)
            list.append(item);
        return items.size();
    }
};

// args [list, count]: appends 0, 1, ... count-1: a process busy with its proxy for as long as it takes.
class ManagerAppendLoopKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        ListProxy list = ListProxy::attach(args.toArray().at(0));
        const qint64 count = args.toArray().at(1).toInteger();
        for (qint64 i = 0; i < count; ++i) {
            list.append(i);
            ctx.checkpoint();
        }
        return count;
    }
};

} // namespace

KernelTable managerKernels()
{
    return {
        { QStringLiteral("manager.append"),
            [](const QCborMap&, QString*) { return std::make_unique<ManagerAppendKernel>(); } },
        { QStringLiteral("manager.append-loop"),
            [](const QCborMap&, QString*) { return std::make_unique<ManagerAppendLoopKernel>(); } },
    };
}

} // namespace proclab::test
