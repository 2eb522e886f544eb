// The tutorials' synchronisation and shared-memory examples: a Lock keeping printed lines whole (and what
// happens without it), Value and Array written by a child, a shared counter losing updates without a lock,
// a Barrier, a Semaphore letting at most K processes in, and two processes deadlocked on two locks taken in
// opposite orders (caught from the lock events: engine/waitforgraph.h), with the fix: one order for everyone.
#include "content/demo.h"
#include "content/kernels.h"

#include "base/clock.h"
#include "base/platform.h"
#include "base/pyformat.h"
#include "engine/context.h"
#include "engine/process.h"
#include "engine/waitforgraph.h"
#include "mp/kernel.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"

#include <QCborArray>
#include <QObject>
#include <QSet>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace proclab {

namespace {

using Processes = std::vector<std::unique_ptr<Process>>;

QCborArray argList(const QCborValue& args)
{
    return args.isArray() ? args.toArray() : QCborArray { args };
}

// Process(target=kernel, args=args).start() for each args, in order.
Processes startAll(Context& ctx, const QString& kernel, const QList<QCborArray>& argsPerProcess)
{
    Processes procs;
    for (const QCborArray& args : argsPerProcess) {
        procs.push_back(std::make_unique<Process>(&ctx, Function::named(kernel), args));
        procs.back()->start();
    }
    return procs;
}

bool joinAll(const Processes& procs)
{
    bool clean = true;
    for (const auto& p : procs)
        clean = p->join() && p->exitCode().value_or(-1) == 0 && clean;
    return clean;
}

// print(text, end='', flush=True) in a child: one write to the console all processes share.
void childPrint(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

// The children's prints reach the engine through the console socket, read on the Context's I/O thread. Waits (at
// most `timeoutMs`) until `lines` lines have arrived, so that the checks, and the main process's own prints, come
// after them as they would on a terminal.
bool waitForConsoleLines(Context& ctx, qsizetype lines, int timeoutMs = 10000)
{
    struct Signal {
        std::mutex mutex;
        std::condition_variable cv;
    };
    const auto signal = std::make_shared<Signal>(); // shared: an emission may still run as `guard` goes
    QObject guard;
    QObject::connect(
        &ctx, &Context::consoleOutput, &guard,
        [signal](const ConsoleChunk&) {
            std::lock_guard lock(signal->mutex);
            signal->cv.notify_all();
        },
        Qt::DirectConnection);
    std::unique_lock lock(signal->mutex);
    return signal->cv.wait_for(
        lock, std::chrono::milliseconds(timeoutMs), [&] { return ctx.consoleText().count('\n') >= lines; });
}

QList<QByteArray> consoleLines(Context& ctx)
{
    QList<QByteArray> lines = ctx.consoleText().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

constexpr qint64 PieceGapNs = 50'000'000; // time.sleep(0.05) between the pieces of a line

// ---- lock, no-lock ------------------------------------------------------------------------------------------

// f(l, i) / f(i): prints "hello world i" in three separate writes with a pause between them, holding the lock
// `l` around all three when there is one. Without it, the pieces of different processes mix.
class GreetKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = argList(args);
        const bool locked = a.size() == 2;
        const qint64 i = a.at(locked ? 1 : 0).toInteger();
        const auto writeLine = [&] {
            childPrint(QStringLiteral("hello"));
            ctx.sleepNs(PieceGapNs);
            childPrint(QStringLiteral(" world"));
            ctx.sleepNs(PieceGapNs);
            childPrint(QStringLiteral(" %1\n").arg(i));
        };
        if (locked) {
            Lock l = Lock::attach(a.at(0));
            LockGuard with(l); // the tutorial's l.acquire(); try: ... finally: l.release()
            writeLine();
        } else {
            writeLine();
        }
        return {};
    }
};

constexpr int Greeters = 10;

QSet<QByteArray> expectedGreetings()
{
    QSet<QByteArray> lines;
    for (int i = 0; i < Greeters; ++i)
        lines.insert("hello world " + QByteArray::number(i));
    return lines;
}

class LockDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("lock"); }
    QString topic() const override { return QStringLiteral("Lock"); }
    QString description() const override
    {
        return QStringLiteral(
            "10 processes print 'hello world i' in pieces, holding a Lock: lines stay whole (in any order)");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput&) const override
    {
        Lock lock(&ctx);
        QList<QCborArray> args;
        for (int num = 0; num < Greeters; ++num)
            args << QCborArray { lock.handle(), num };
        const Processes procs = startAll(ctx, QStringLiteral("demo.lock.f"), args);
        const bool clean = joinAll(procs);
        // Which process gets the lock first varies; what the lock guarantees is that no line is cut.
        waitForConsoleLines(ctx, Greeters);
        const QList<QByteArray> lines = consoleLines(ctx);
        return clean && lines.size() == Greeters && QSet<QByteArray>(lines.begin(), lines.end()) == expectedGreetings()
            ? 0
            : 1;
    }
};

class NoLockDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("no-lock"); }
    QString topic() const override { return QStringLiteral("Lock"); }
    QString description() const override
    {
        return QStringLiteral(
            "the same 10 processes without the Lock: their pieces of lines mix on the shared console");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput&) const override
    {
        QList<QCborArray> args;
        for (int num = 0; num < Greeters; ++num)
            args << QCborArray { num };
        const Processes procs = startAll(ctx, QStringLiteral("demo.no-lock.f"), args);
        const bool clean = joinAll(procs);
        // How the pieces mix depends on timing: every piece arrives, in whatever order the processes wrote them.
        waitForConsoleLines(ctx, Greeters);
        const QByteArray text = ctx.consoleText();
        return clean && text.count("hello") == Greeters && text.count(" world") == Greeters ? 0 : 1;
    }
};

// ---- value-array --------------------------------------------------------------------------------------------

// f(n, a): n.value = 3.1415927; a[i] = -a[i] for every i.
class ValueArrayKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Value n = Value::attach(a.at(0));
        Array arr = Array::attach(a.at(1));
        n.setValue(3.1415927);
        for (qsizetype i = 0; i < arr.size(); ++i)
            arr.set(i, -arr.at(i).toInteger());
        return {};
    }
};

class ValueArrayDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("value-array"); }
    QString topic() const override { return QStringLiteral("Shared memory"); }
    QString description() const override
    {
        return QStringLiteral("a child writes a Value('d') and negates an Array('i', range(10)) in shared memory");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput& out) const override
    {
        Value num(&ctx, 'd', 0.0);
        Array arr(&ctx, 'i', pyRange(10));
        Process p(
            &ctx, Function::named(QStringLiteral("demo.value-array.f")), QCborArray { num.handle(), arr.handle() });
        p.start();
        const bool clean = p.join() && p.exitCode().value_or(-1) == 0;
        const QString value = pyFloatRepr(num.value().toDouble());
        const QString list = pyRepr(arr.toList());
        out.print(value); // print(num.value)
        out.print(list); // print(arr[:])
        return clean && value == QLatin1String("3.1415927")
                && list == QLatin1String("[0, -1, -2, -3, -4, -5, -6, -7, -8, -9]")
            ? 0
            : 1;
    }
};

// ---- shared-counter -----------------------------------------------------------------------------------------

// count(counter, n) / count_locked(counter, n): `counter.value += 1`, n times, bare or inside get_lock().
class CountKernel final : public Kernel {
public:
    explicit CountKernel(bool locked)
        : m_locked(locked)
    {
    }
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = argList(args);
        Value counter = Value::attach(a.at(0));
        const qint64 n = a.at(1).toInteger();
        for (qint64 i = 0; i < n; ++i) {
            if (m_locked) {
                LockGuard with(counter.getLock());
                counter.setValue(counter.value().toInteger() + 1);
            } else {
                // Read, add, write: another process can write between our read and our write.
                counter.setValue(counter.value().toInteger() + 1);
            }
            if ((i & 1023) == 0)
                ctx.checkpoint();
        }
        return {};
    }

private:
    bool m_locked;
};

class SharedCounterDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("shared-counter"); }
    QString topic() const override { return QStringLiteral("Shared memory"); }
    QString description() const override
    {
        return QStringLiteral(
            "processes increment a shared Value: updates get lost without the lock, none with get_lock()");
    }
    int run(Context& ctx, const DemoOptions& options, DemoOutput& out) const override
    {
        const int processes = options.processes;
        constexpr qint64 Increments = 20000;
        const qint64 expected = processes * Increments;
        Value counter(&ctx, 'i', 0);
        const auto countWith = [&](const QString& kernel) {
            counter.setValue(0);
            QList<QCborArray> args;
            for (int i = 0; i < processes; ++i)
                args << QCborArray { counter.handle(), Increments };
            const bool clean = joinAll(startAll(ctx, kernel, args));
            return clean ? counter.value().toInteger() : -1;
        };
        out.print(
            QStringLiteral("%1 processes x %2 increments: expected %3").arg(processes).arg(Increments).arg(expected));
        const qint64 bare = countWith(QStringLiteral("demo.shared-counter.count"));
        out.print(QStringLiteral("without the lock: %1 (%2 updates lost)").arg(bare).arg(expected - bare));
        const qint64 locked = countWith(QStringLiteral("demo.shared-counter.count-locked"));
        out.print(QStringLiteral("with get_lock():  %1").arg(locked));
        // Losing none without the lock is possible (the processes may not overlap): only the locked count must be
        // exact.
        return bare >= 0 && bare <= expected && locked == expected ? 0 : 1;
    }
};

// ---- barrier ------------------------------------------------------------------------------------------------

// party(barrier): prints, waits at the barrier, prints again.
class PartyKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        Barrier barrier = Barrier::attach(argList(args).at(0));
        childPrint(QStringLiteral("%1 waits at the barrier\n").arg(ctx.processName));
        const int i = barrier.wait();
        childPrint(QStringLiteral("%1 passed the barrier (arrival %2)\n").arg(ctx.processName).arg(i));
        return {};
    }
};

class BarrierDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("barrier"); }
    QString topic() const override { return QStringLiteral("Barrier"); }
    QString description() const override
    {
        return QStringLiteral("4 processes (-p) wait at a Barrier: every 'passed' line comes after every 'waits' line");
    }
    int run(Context& ctx, const DemoOptions& options, DemoOutput&) const override
    {
        const int parties = options.processes;
        Barrier barrier(&ctx, parties);
        const QList<QCborArray> args(parties, QCborArray { barrier.handle() });
        const bool clean = joinAll(startAll(ctx, QStringLiteral("demo.barrier.party"), args));
        waitForConsoleLines(ctx, 2 * parties);
        // The order among the 'waits' lines (and among the 'passed' ones) varies; that they come in two groups does
        // not.
        const QList<QByteArray> lines = consoleLines(ctx);
        int lastWait = -1;
        int firstPass = int(lines.size());
        for (int i = 0; i < lines.size(); ++i) {
            if (lines.at(i).contains(" waits at the barrier"))
                lastWait = i;
            else if (lines.at(i).contains(" passed the barrier") && i < firstPass)
                firstPass = i;
        }
        return clean && lines.size() == 2 * parties && lastWait == parties - 1 && firstPass == parties ? 0 : 1;
    }
};

// ---- semaphore ----------------------------------------------------------------------------------------------

// worker(sem, inside, peak): inside the semaphore, counts itself in `inside`, keeps the largest count in `peak`.
class SemaphoreWorkerKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = argList(args);
        Semaphore sem = Semaphore::attach(a.at(0));
        Value inside = Value::attach(a.at(1));
        Value peak = Value::attach(a.at(2));
        LockGuard with(sem);
        {
            LockGuard count(inside.getLock());
            inside.setValue(inside.value().toInteger() + 1);
            peak.setValue(std::max(peak.value().toInteger(), inside.value().toInteger()));
        }
        childPrint(QStringLiteral("%1 enters\n").arg(ctx.processName));
        ctx.sleepNs(300'000'000);
        childPrint(QStringLiteral("%1 leaves\n").arg(ctx.processName));
        LockGuard count(inside.getLock());
        inside.setValue(inside.value().toInteger() - 1);
        return {};
    }
};

class SemaphoreDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("semaphore"); }
    QString topic() const override { return QStringLiteral("Semaphore"); }
    QString description() const override
    {
        return QStringLiteral("4 processes (-p N), a Semaphore(N/2): never more than N/2 of them inside at once");
    }
    int run(Context& ctx, const DemoOptions& options, DemoOutput& out) const override
    {
        const int processes = options.processes;
        const int limit = std::max(1, processes / 2);
        Semaphore sem(&ctx, limit);
        Value inside(&ctx, 'i', 0);
        Value peak(&ctx, 'i', 0);
        const QList<QCborArray> args(processes, QCborArray { sem.handle(), inside.handle(), peak.handle() });
        const bool clean = joinAll(startAll(ctx, QStringLiteral("demo.semaphore.worker"), args));
        waitForConsoleLines(ctx, 2 * processes);
        const qint64 most = peak.value().toInteger();
        out.print(QStringLiteral("at most %1 of %2 processes were inside at once (Semaphore(%3))")
                      .arg(most)
                      .arg(processes)
                      .arg(limit));
        return clean && most == limit ? 0 : 1;
    }
};

// ---- deadlock, deadlock-fixed ------------------------------------------------------------------------------

// worker(me, first, second, names[, ready]): with first: (wait until the other holds its first lock too) with
// second: print. With `ready` (a Barrier of 2) both hold their first lock before either reaches for its second.
class LockOrderKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = argList(args);
        const QString me = a.at(0).toString();
        Lock first = Lock::attach(a.at(1));
        Lock second = Lock::attach(a.at(2));
        const QString firstName = a.at(3).toString();
        const QString secondName = a.at(4).toString();
        LockGuard outer(first);
        childPrint(QStringLiteral("%1: took lock %2\n").arg(me, firstName));
        if (a.size() > 5) {
            Barrier ready = Barrier::attach(a.at(5));
            ready.wait();
        } else {
            ctx.sleepNs(100'000'000); // time.sleep(0.1)
        }
        childPrint(QStringLiteral("%1: waiting for lock %2\n").arg(me, secondName));
        LockGuard inner(second);
        childPrint(QStringLiteral("%1: took lock %2 too, done\n").arg(me, secondName));
        return {};
    }
};

constexpr qint64 DeadlockShownNs = 1'500'000'000; // the cycle stays on the stage this long before it is broken

class DeadlockDemo final : public Demo {
public:
    explicit DeadlockDemo(bool fixed)
        : m_fixed(fixed)
    {
    }
    QString name() const override { return m_fixed ? QStringLiteral("deadlock-fixed") : QStringLiteral("deadlock"); }
    QString topic() const override { return QStringLiteral("Lock"); }
    QString description() const override
    {
        return m_fixed ? QStringLiteral("the same two processes taking the two locks in one order: both finish")
                       : QStringLiteral("two processes take two locks in opposite orders and deadlock: the cycle is "
                                        "found from the lock events, printed, and broken (exit code 5)");
    }
    int expectedExitCode() const override { return m_fixed ? 0 : DeadlockExitCode; }
    int run(Context& ctx, const DemoOptions&, DemoOutput& out) const override
    {
        // The wait-for graph, fed from the engine's events as they are published (its I/O thread).
        struct Watch {
            std::mutex mutex;
            std::condition_variable cv;
            WaitForGraph graph;
            QList<WaitForGraph::Edge> cycle;
        };
        const auto watch = std::make_shared<Watch>(); // shared: an emission may still run as `guard` goes
        watch->graph.setEnginePid(platform::currentPid());
        QObject guard;
        QObject::connect(
            &ctx, &Context::eventsAvailable, &guard,
            [watch](const EventBatch& batch) {
                std::lock_guard lock(watch->mutex);
                watch->graph.apply(batch);
                if (watch->cycle.isEmpty())
                    watch->cycle = watch->graph.cycle();
                if (!watch->cycle.isEmpty())
                    watch->cv.notify_all();
            },
            Qt::DirectConnection);

        Lock a(&ctx);
        Lock b(&ctx);
        const QString nameA = QStringLiteral("A");
        const QString nameB = QStringLiteral("B");
        QList<QCborArray> args;
        if (m_fixed) {
            // Everyone takes A before B: whoever has A can always get B, the other waits for A.
            args << QCborArray { QStringLiteral("worker 1"), a.handle(), b.handle(), nameA, nameB }
                 << QCborArray { QStringLiteral("worker 2"), a.handle(), b.handle(), nameA, nameB };
            const bool clean = joinAll(startAll(ctx, QStringLiteral("demo.deadlock.worker"), args));
            waitForConsoleLines(ctx, 6);
            out.print(QStringLiteral("both workers finished: one lock order for everyone, no cycle"));
            return clean && ctx.consoleText().count("done") == 2 ? 0 : 1;
        }
        Barrier ready(&ctx, 2);
        args << QCborArray { QStringLiteral("worker 1"), a.handle(), b.handle(), nameA, nameB, ready.handle() }
             << QCborArray { QStringLiteral("worker 2"), b.handle(), a.handle(), nameB, nameA, ready.handle() };
        const Processes procs = startAll(ctx, QStringLiteral("demo.deadlock.worker"), args);
        QList<WaitForGraph::Edge> cycle;
        {
            std::unique_lock lock(watch->mutex);
            watch->cv.wait_for(lock, std::chrono::seconds(30), [&] { return !watch->cycle.isEmpty(); });
            cycle = watch->cycle;
        }
        if (cycle.isEmpty()) { // cannot happen: both hold their first lock before reaching for the second
            for (const auto& p : procs)
                p->kill();
            joinAll(procs);
            out.print(QStringLiteral("no deadlock was seen within 30 s"));
            return 1;
        }
        waitForConsoleLines(ctx, 4); // both "waiting for lock" lines, before ours
        out.print(QStringLiteral("DEADLOCK: each process waits for a lock the other holds:"));
        const auto nameOf = [&](qint64 pid) { return ctx.processName(pid_t(pid)); };
        for (const QString& line : WaitForGraph::describe(cycle, nameOf))
            out.print(QStringLiteral("  ") + line);
        out.print(QStringLiteral("Neither can ever go on. Stopping both (exit code %1).").arg(DeadlockExitCode));
        // The cycle stays on the stage for a moment (the window's Stop ends it sooner), then both are terminated:
        // nothing is left behind (the locks' shared memory goes with `a` and `b`).
        const qint64 until = monotonicNs() + DeadlockShownNs;
        while (monotonicNs() < until && ctx.stopRequested().isEmpty())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        for (const auto& p : procs)
            p->terminate();
        for (const auto& p : procs)
            p->join();
        return DeadlockExitCode;
    }

private:
    bool m_fixed;
};

} // namespace

QList<const Demo*> syncDemos()
{
    static const LockDemo lock;
    static const NoLockDemo noLock;
    static const ValueArrayDemo valueArray;
    static const SharedCounterDemo sharedCounter;
    static const BarrierDemo barrier;
    static const SemaphoreDemo semaphore;
    static const DeadlockDemo deadlock(false);
    static const DeadlockDemo deadlockFixed(true);
    return { &lock, &noLock, &valueArray, &sharedCounter, &barrier, &semaphore, &deadlock, &deadlockFixed };
}

KernelTable syncDemoKernels()
{
    return {
        { QStringLiteral("demo.lock.f"), kernelWithoutConfig<GreetKernel>() },
        { QStringLiteral("demo.no-lock.f"), kernelWithoutConfig<GreetKernel>() },
        { QStringLiteral("demo.value-array.f"), kernelWithoutConfig<ValueArrayKernel>() },
        { QStringLiteral("demo.shared-counter.count"),
            [](const QCborMap&, QString*) { return std::make_unique<CountKernel>(false); } },
        { QStringLiteral("demo.shared-counter.count-locked"),
            [](const QCborMap&, QString*) { return std::make_unique<CountKernel>(true); } },
        { QStringLiteral("demo.barrier.party"), kernelWithoutConfig<PartyKernel>() },
        { QStringLiteral("demo.semaphore.worker"), kernelWithoutConfig<SemaphoreWorkerKernel>() },
        { QStringLiteral("demo.deadlock.worker"), kernelWithoutConfig<LockOrderKernel>() },
    };
}

} // namespace proclab
