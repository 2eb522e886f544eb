// The tutorials' Process examples: hello, process ids, names, start methods, who ran which task.
#include "content/demo.h"
#include "content/kernels.h"

#include "base/clock.h"
#include "base/platform.h"
#include "base/pyformat.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "engine/process.h"
#include "mp/kernel.h"
#include "worker/workerruntime.h"

#include <QCborMap>
#include <QScopeGuard>

#include <cstdio>
#include <map>
#include <memory>

namespace proclab {

namespace {

void printLine(const QString& line)
{
    const QByteArray bytes = (line + QLatin1Char('\n')).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

// info(title) of the tutorial, as printed by the process it runs in.
QStringList infoLines(const QString& title, qint64 ppid, qint64 pid)
{
    return { title, QStringLiteral("module name: __main__"), QStringLiteral("parent process: %1").arg(ppid),
        QStringLiteral("process id: %1").arg(pid) };
}

// f(name): info('function f'), then print('hello', name).
class InfoKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        for (const QString& line :
            infoLines(QStringLiteral("function f"), platform::parentPid(), platform::currentPid()))
            printLine(line);
        printLine(QStringLiteral("hello ") + args.toString());
        return {};
    }
};

// doubler(number): prints which process doubled it.
class DoublerKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const qint64 n = args.toInteger();
        printLine(QStringLiteral("%1 doubled to %2 by: %3").arg(n).arg(2 * n).arg(currentProcessName()));
        return 2 * n;
    }
};

class ProcessHelloDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("process-hello"); }
    QString topic() const override { return QStringLiteral("Process"); }
    QString description() const override
    {
        return QStringLiteral("Process(target=f, args=('bob',)): start, join, hello bob");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput&) const override
    {
        Process p(&ctx, Function::named(QStringLiteral("print")),
            QCborArray { QStringLiteral("hello"), QStringLiteral("bob") });
        p.start();
        p.join();
        return p.exitCode().value_or(-1);
    }
};

class ProcessInfoDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("process-info"); }
    QString topic() const override { return QStringLiteral("Process"); }
    QString description() const override
    {
        return QStringLiteral("module name, parent and own process id, in the main process and in a child");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput& out) const override
    {
        for (const QString& line :
            infoLines(QStringLiteral("main line"), platform::parentPid(), platform::currentPid()))
            out.print(line);
        Process p(&ctx, Function::named(QStringLiteral("demo.info")), QStringLiteral("bob"));
        p.start();
        p.join();
        return p.exitCode().value_or(-1);
    }
};

class ProcessNamesDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("process-names"); }
    QString topic() const override { return QStringLiteral("Process"); }
    QString description() const override
    {
        return QStringLiteral("the doubler: default names Process-2 ... Process-6, and one named Test");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput&) const override
    {
        const Function doubler = Function::named(QStringLiteral("demo.doubler"));
        // As in the tutorial, this one is made and never started: it still takes the name Process-1.
        Process unused(&ctx, doubler, 5);
        std::vector<std::unique_ptr<Process>> procs;
        for (int number : { 5, 10, 15, 20, 25 }) {
            procs.push_back(std::make_unique<Process>(&ctx, doubler, number));
            procs.back()->start();
        }
        procs.push_back(std::make_unique<Process>(&ctx, doubler, 2, QStringLiteral("Test")));
        procs.back()->start();
        int failures = 0;
        for (auto& p : procs) {
            p->join();
            failures += p->exitCode().value_or(-1) != 0;
        }
        return failures ? 1 : 0;
    }
};

class StartMethodsDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("start-methods"); }
    QString topic() const override { return QStringLiteral("Start methods"); }
    QString description() const override
    {
        return QStringLiteral("spawn vs forkserver: how long it takes to start processes each way");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        const int n = o.processes;
        for (StartMethod method : { StartMethod::Spawn, StartMethod::ForkServer }) {
            // A context of its own per start method (the forkserver is started once per context), whose processes
            // and console are the demo's: whoever watches `ctx` (the window's stage) sees every pool come and go.
            Context context(method);
            const Forwarding forwarding = ctx.forwardFrom(&context);
            const auto drain = qScopeGuard([&] { context.publishEvents(true); }); // before the forwarding ends
            double bestMs = 1e9;
            qint64 serverNs = 0;
            // The first round also starts the forkserver (once per context): report it on its own.
            for (int round = 0; round < 4; ++round) {
                if (!ctx.stopRequested().isEmpty())
                    return 1;
                const qint64 t0 = monotonicNs();
                Pool pool(&context, { n });
                if (!pool.waitReady(10000))
                    return 1;
                const double ms = double(monotonicNs() - t0) / 1e6;
                if (round == 0)
                    serverNs = context.forkServerStartupNs();
                else
                    bestMs = std::min(bestMs, ms);
            }
            QString line = QStringLiteral("%1: %2 processes ready in %3 ms (%4 ms each)")
                               .arg(toString(method), -10)
                               .arg(n)
                               .arg(bestMs, 0, 'f', 2)
                               .arg(bestMs / n, 0, 'f', 2);
            if (method == StartMethod::ForkServer)
                line += QStringLiteral("; the server itself started once, in %1 ms")
                            .arg(double(serverNs) / 1e6, 0, 'f', 2);
            out.print(line);
        }
        out.print(QStringLiteral("spawn runs a fresh program for every process; forkserver forks a clean, already "
                                 "running server."));
        return 0;
    }
};

class TaskDistributionDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("task-distribution"); }
    QString topic() const override { return QStringLiteral("Pool"); }
    QString description() const override
    {
        return QStringLiteral("map-reduce by pid: which worker process ran how many of 100 tasks");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        Pool pool(&ctx, { o.processes, Scheduling::Dynamic, 0, o.paceNs });
        QCborArray inputs;
        for (int i = 0; i < 100; ++i)
            inputs.append(20.0); // each task sleeps 20 ms before saying who it is: a fair race to take them
        const QCborArray pids = pool.map(Function::named(QStringLiteral("demo.pid-after-sleep")), inputs, 1);
        std::map<qint64, int> perPid; // the reduce step
        for (const auto& v : pids)
            ++perPid[v.toInteger()];
        QCborMap counts;
        for (const auto& [pid, n] : perPid)
            counts.insert(pid, n);
        out.print(pyRepr(counts));
        for (const auto& w : pool.workers())
            out.print(QStringLiteral("%1 (pid %2) ran %3 tasks").arg(w.name).arg(w.pid).arg(w.tasks));
        int total = 0;
        for (const auto& [pid, n] : perPid)
            total += n;
        out.print(QStringLiteral("%1 tasks on %2 processes").arg(total).arg(perPid.size()));
        return total == 100 ? 0 : 1;
    }
};

class PidAfterSleepKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        ctx.sleepNs(qint64(args.toDouble() * 1e6));
        return qint64(platform::currentPid());
    }
};

} // namespace

QList<const Demo*> processDemos()
{
    static const ProcessHelloDemo hello;
    static const ProcessInfoDemo info;
    static const ProcessNamesDemo names;
    static const StartMethodsDemo methods;
    static const TaskDistributionDemo distribution;
    return { &hello, &info, &names, &methods, &distribution };
}

KernelTable processDemoKernels()
{
    return {
        { QStringLiteral("demo.info"), [](const QCborMap&, QString*) { return std::make_unique<InfoKernel>(); } },
        { QStringLiteral("demo.doubler"), [](const QCborMap&, QString*) { return std::make_unique<DoublerKernel>(); } },
        { QStringLiteral("demo.pid-after-sleep"),
            [](const QCborMap&, QString*) { return std::make_unique<PidAfterSleepKernel>(); } },
    };
}

} // namespace proclab
