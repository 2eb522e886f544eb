// The tutorials' Manager example: a child process changes a dict and a list that live in the manager's server
// process, and the parent prints them: {1: '1', '2': 2, 0.25: None} and [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].
#include "content/demo.h"
#include "content/kernels.h"

#include "base/pyformat.h"
#include "engine/context.h"
#include "engine/manager.h"
#include "engine/process.h"
#include "mp/kernel.h"

#include <QCborArray>

namespace proclab {

namespace {

// def f(d, l): d[1] = '1'; d['2'] = 2; d[0.25] = None; l.reverse()
class ManagerTargetKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        DictProxy d = DictProxy::attach(args.toArray().at(0));
        ListProxy l = ListProxy::attach(args.toArray().at(1));
        d.set(1, QStringLiteral("1"));
        d.set(QStringLiteral("2"), 2);
        d.set(0.25, QCborValue(QCborValue::Null));
        l.reverse();
        return {};
    }
};

class ManagerDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("manager"); }
    QString topic() const override { return QStringLiteral("Manager"); }
    QString description() const override
    {
        return QStringLiteral(
            "Manager: a child fills a shared dict and reverses a shared list held by a server process");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput& out) const override
    {
        // with Manager() as manager:
        Manager manager(&ctx);
        DictProxy d = manager.dict();
        QCborArray range;
        for (int i = 0; i < 10; ++i)
            range.append(i);
        ListProxy l = manager.list(range);

        Process p(&ctx, Function::named(QStringLiteral("demo.manager-f")), QCborArray { d.handle(), l.handle() });
        p.start();
        p.join();

        const QString dict = pyRepr(d.toMap());
        const QString list = pyRepr(l.toList());
        out.print(dict);
        out.print(list);
        manager.shutdown(); // leaving the with block
        const bool asInTutorial = dict == QLatin1String("{1: '1', '2': 2, 0.25: None}")
            && list == QLatin1String("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
        return p.exitCode().value_or(-1) == 0 && asInTutorial ? 0 : 1;
    }
};

} // namespace

QList<const Demo*> managerDemos()
{
    static const ManagerDemo manager;
    return { &manager };
}

KernelTable managerDemoKernels()
{
    return {
        { QStringLiteral("demo.manager-f"),
            [](const QCborMap&, QString*) { return std::make_unique<ManagerTargetKernel>(); } },
    };
}

} // namespace proclab
