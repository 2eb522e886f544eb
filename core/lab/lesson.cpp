#include "lab/lesson.h"

#include "content/demo.h"
#include "content/workload.h"
#include "engine/context.h"
#include "mpi/hostcheck.h"
#include "mpi/simulatedhosts.h"

#include <QCoreApplication>
#include <QFile>
#include <QObject>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>

namespace proclab {

namespace {

QString tr(const char* source)
{
    return source ? QCoreApplication::translate("Lesson", source) : QString();
}

QStringList trList(const QList<const char*>& sources)
{
    QStringList out;
    for (const char* s : sources)
        out << tr(s);
    return out;
}

LessonAction demoAction(const QStringList& demos, int processes = 4)
{
    LessonAction a;
    a.kind = LessonAction::Kind::Demo;
    a.demos = demos;
    a.processes = processes;
    return a;
}

LessonAction sweepAction(const QString& workload, const QStringList& settings, int processes,
    const QList<ExecutorKind>& executors = { ExecutorKind::Process }, const QList<int>& chunksizes = { 0 })
{
    LessonAction a;
    a.kind = LessonAction::Kind::Sweep;
    a.workload = workload;
    a.settings = settings;
    a.processes = processes;
    a.executors = executors;
    a.chunksizes = chunksizes;
    return a;
}

// A sweep that measures the mistake and its fix as two series: `param` at each of `values`.
LessonAction withSizes(LessonAction a, const QString& param, const QStringList& values)
{
    a.sizeParam = param;
    a.sizeValues = values;
    return a;
}

// CPU-bound tasks with p = 1 to past twice this machine's cores (at least 6; at most 32 points, so that a
// lesson stays a demonstration), 4 tasks per process of the largest pool.
LessonAction oversubscriptionAction()
{
    const int processes = std::clamp(2 * QThread::idealThreadCount() + 2, 6, 32);
    return sweepAction(
        QStringLiteral("spin"), { QStringLiteral("tasks=%1").arg(4 * processes), QStringLiteral("ms=20") }, processes);
}

// The sizes below keep every action to a few seconds on a two-core machine: a lesson is a demonstration, the
// experiment panel is there for longer measurements.
QList<Lesson> makeLessons()
{
    QList<Lesson> l;

    l.append({ QStringLiteral("processes"), QT_TRANSLATE_NOOP("Lesson", "Processes and their ids"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>A <b>process</b> is a running program with its own memory. The operating system gives each one "
            "a number, its <b>pid</b>, and remembers which process started it, its parent (the <b>ppid</b>).</p>"
            "<p>In Python, <code>Process(target=f, args=('bob',))</code> describes a child; <code>start()</code> "
            "makes it exist and run <code>f('bob')</code>; <code>join()</code> waits for it to end. The child "
            "has a pid of its own, and its parent is the main program.</p>"
            "<p>With the <i>spawn</i> start method the child is a fresh interpreter that imports your file "
            "again. That is why the code that creates processes must sit under "
            "<code>if __name__ == '__main__':</code>, or every child would start children of its own.</p>"),
        QStringLiteral("process-info"),
        QStringLiteral("Process p(&ctx, Function::named(\"demo.info\"), QStringLiteral(\"bob\"));\n"
                       "p.start();   // a real proclab-worker process: p.pid()\n"
                       "p.join();    // p.exitCode() == 0"),
        demoAction({ QStringLiteral("process-info") }),
        { QT_TRANSLATE_NOOP("Lesson", "The main line and the function f print different process ids."),
            QT_TRANSLATE_NOOP("Lesson", "The child's parent process id is the main line's own process id."),
            QT_TRANSLATE_NOOP(
                "Lesson", "Run it again: the child gets a new pid every time, the main process keeps its own.") },
        QT_TRANSLATE_NOOP("Lesson", "Why must the code that starts processes sit under if __name__ == '__main__'?"),
        { QT_TRANSLATE_NOOP("Lesson", "It makes the program run faster."),
            QT_TRANSLATE_NOOP(
                "Lesson", "A spawned child imports the main file again and must not start processes of its own."),
            QT_TRANSLATE_NOOP("Lesson", "Otherwise the child cannot print."),
            QT_TRANSLATE_NOOP("Lesson", "The operating system refuses to give a pid otherwise.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "A spawned child starts a new interpreter and imports your file to find the target function. "
            "Everything at the top level runs again in the child; under the __main__ guard, only the real main "
            "program creates processes.") });

    l.append({ QStringLiteral("pool-map"), QT_TRANSLATE_NOOP("Lesson", "Pool.map and friends"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Starting one process per task is wasteful. A <b>Pool</b> starts a few worker processes once and "
            "hands them tasks: <code>Pool(4).map(f, range(8))</code> applies <code>f</code> to every input, "
            "spread over 4 workers, and returns the results <b>in the order of the inputs</b>, whichever worker "
            "finished first.</p>"
            "<p>Its friends: <code>starmap</code> for functions of several arguments, <code>apply</code> for one "
            "call, <code>apply_async</code> and <code>map_async</code> return at once with a result to "
            "<code>get()</code> later, <code>imap</code> and <code>imap_unordered</code> hand results back one "
            "by one as they come.</p>"
            "<p>The function and its inputs travel to the workers, and the results travel back: they must be "
            "picklable, and the trip has a price.</p>"),
        QStringLiteral("pool-map"),
        QStringLiteral("Pool pool(&ctx, { 4 });   // 4 worker processes\n"
                       "QCborArray result = pool.map(Function::expr(\"x*x+1\"), { 0, 1, 2, 3, 4, 5, 6, 7 });\n"
                       "// [1, 2, 5, 10, 17, 26, 37, 50]"),
        demoAction({ QStringLiteral("pool-map"), QStringLiteral("imap") }),
        { QT_TRANSLATE_NOOP("Lesson", "map returns [1, 2, 5, 10, 17, 26, 37, 50]: the order of the inputs."),
            QT_TRANSLATE_NOOP(
                "Lesson", "imap_unordered hands results back as they finish: the order can change from run to run."),
            QT_TRANSLATE_NOOP("Lesson", "The pool's workers are real processes: their pids appear in the log.") },
        QT_TRANSLATE_NOOP(
            "Lesson", "Four workers compute Pool.map(f, range(8)). In what order does the list come back?"),
        { QT_TRANSLATE_NOOP("Lesson", "In the order the workers finished."),
            QT_TRANSLATE_NOOP("Lesson", "In the order of the inputs, whoever finished first."),
            QT_TRANSLATE_NOOP("Lesson", "Sorted by value."), QT_TRANSLATE_NOOP("Lesson", "Grouped by worker.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "map waits for all the results and puts each one in the place of its input. Only imap_unordered "
            "gives you results in the order they finish.") });

    l.append({ QStringLiteral("chunksize"),
        QT_TRANSLATE_NOOP("Lesson", "Chunksize: why small tasks get slower in parallel"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Every task a pool hands out costs something apart from the work: the input is pickled, sent "
            "through a pipe, unpickled in the worker, and the result makes the same trip back. For "
            "<code>x*x+1</code> that toll is hundreds of times the work itself, so a pool can be far slower "
            "than a plain loop.</p>"
            "<p>The cure is to send tasks in <b>chunks</b>: <code>pool.map(f, inputs, chunksize=100)</code> "
            "pays the toll once per hundred tasks. When you give no chunksize, <code>Pool.map</code> picks "
            "<code>ceil(len(inputs) / (4 × processes))</code>. In the tutorial, 10,000 small jobs took 4.2 s "
            "with chunks of 1 and 1.3 s with chunks of 100.</p>"
            "<p>This experiment computes <code>x*x+1</code> for 20,000 inputs, with chunks of 1 and with Python's "
            "default.</p>"),
        QStringLiteral("chunksize"),
        QStringLiteral("const Function f = Function::expr(\"x*x+1\");\n"
                       "Pool pool(&ctx, { 2 });\n"
                       "pool.map(f, inputs, 1);   // one task per trip to a worker\n"
                       "pool.map(f, inputs);      // chunksize = Pool::defaultChunksize(inputs.size(), 2)"),
        sweepAction(QStringLiteral("expr"), { QStringLiteral("expr=x*x+1"), QStringLiteral("n=20000") }, 2,
            { ExecutorKind::Process }, { 1, 0 }),
        { QT_TRANSLATE_NOOP("Lesson", "With chunksize 1 the same work takes longer: 20,000 trips instead of a few."),
            QT_TRANSLATE_NOOP("Lesson", "The default chunksize is 2,500 for 2 processes: 8 trips in all."),
            QT_TRANSLATE_NOOP("Lesson",
                "Compare p = 1 and p = 2: with tiny tasks, the main process that sends "
                "and receives them limits what a second worker can add.") },
        QT_TRANSLATE_NOOP("Lesson", "Why does chunksize=1 make many tiny tasks slow?"),
        { QT_TRANSLATE_NOOP("Lesson",
              "Each task pays for pickling and a round trip through a pipe, which "
              "costs more than the task."),
            QT_TRANSLATE_NOOP("Lesson", "Workers can run only one chunk in their whole life."),
            QT_TRANSLATE_NOOP("Lesson", "Small chunks do not fit in the processor's cache."),
            QT_TRANSLATE_NOOP("Lesson", "The GIL stops the workers from running at the same time.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "The cost of a task's trip (pickling, a system call or two, waking the worker, the result's way "
            "back) is fixed. When the task itself is tiny, the trips are nearly all the time; chunks share one "
            "trip between many tasks.") });

    l.append({ QStringLiteral("joblib"), QT_TRANSLATE_NOOP("Lesson", "joblib: Parallel and delayed"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p><b>joblib</b> wraps a pool of worker processes in one line: "
            "<code>Parallel(n_jobs=2)(delayed(f)(x) for x in range(10))</code>. <code>delayed(f)(x)</code> does not "
            "call <code>f</code>; it records the call, and <code>Parallel</code> sends the recorded calls to 2 "
            "workers and gives the results back as a list, in the order of the calls, like "
            "<code>Pool.map</code>.</p>"
            "<p>The tutorial prints <code>[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]</code> twice: once from a plain list "
            "comprehension, once from <code>Parallel</code>. Same list, computed elsewhere. joblib groups the calls "
            "into batches by itself, so tiny tasks like these do not pay a trip each.</p>"
            "<p>The Python program needs joblib (Debian: <code>python3-joblib</code>). ProcLab's run does what it "
            "does with its own pool of 2 worker processes.</p>"),
        QStringLiteral("joblib-parallel"),
        QStringLiteral("const Function f = Function::expr(\"x*x\");\n"
                       "Pool pool(&ctx, { 2 });   // n_jobs=2\n"
                       "QCborArray r = pool.map(f, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 });\n"
                       "// [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"),
        demoAction({ QStringLiteral("joblib-parallel") }, 2),
        { QT_TRANSLATE_NOOP("Lesson", "Both lines are [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]: the order of the calls."),
            QT_TRANSLATE_NOOP("Lesson", "The second list was computed by two worker processes: see their pids.") },
        QT_TRANSLATE_NOOP("Lesson", "What does delayed(f)(x) do?"),
        { QT_TRANSLATE_NOOP("Lesson", "It calls f(x) after a pause."),
            QT_TRANSLATE_NOOP(
                "Lesson", "It records the call f(x) without making it, for Parallel to send to a worker."),
            QT_TRANSLATE_NOOP("Lesson", "It starts a process for f(x) at once.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "delayed(f) returns a function that packs (f, args) instead of calling f. Parallel takes these packed "
            "calls, hands them to its workers in batches, and collects the results in order.") });

    l.append({ QStringLiteral("queue"), QT_TRANSLATE_NOOP("Lesson", "Queue: passing objects between processes"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Processes do not share memory: a variable changed in a child stays changed in the child only. "
            "To send data, use a <b>Queue</b>: one process calls <code>q.put(obj)</code>, another "
            "<code>q.get()</code>, and objects come out in the order they went in (first in, first out).</p>"
            "<p>A queue is built on a pipe and a few locks; any number of processes can put and get. "
            "<code>get()</code> waits until something arrives; a bounded queue makes <code>put()</code> wait "
            "while it is full.</p>"
            "<p>The object is pickled on the way in and rebuilt on the way out: the receiver gets a copy.</p>"),
        QStringLiteral("queue"),
        QStringLiteral("Queue q(&ctx);\n"
                       "Process p(&ctx, Function::named(\"demo.queue.f\"), QCborArray { q.handle() });\n"
                       "p.start();             // the child calls q.put([42, None, 'hello'])\n"
                       "QCborValue item = q.get();\n"
                       "p.join();"),
        demoAction({ QStringLiteral("queue"), QStringLiteral("queue-order") }),
        { QT_TRANSLATE_NOOP("Lesson", "The parent prints [42, None, 'hello']: the child's list, copied across."),
            QT_TRANSLATE_NOOP("Lesson",
                "In the second demo, results arrive in the order the processes finish, "
                "not the order they were started: each carries its position to sort by.") },
        QT_TRANSLATE_NOOP("Lesson", "A child appends to a list it received as an argument. What does the parent see?"),
        { QT_TRANSLATE_NOOP("Lesson", "The appended item, at once."),
            QT_TRANSLATE_NOOP("Lesson", "The appended item, once the child has ended."),
            QT_TRANSLATE_NOOP("Lesson", "Nothing: the child changed its own copy; send it back through a Queue.") },
        2,
        QT_TRANSLATE_NOOP("Lesson",
            "Each process has its own memory. Arguments reach the child as copies, so changes stay there. A "
            "Queue (or a Pipe, or shared memory) is how data gets back.") });

    l.append({ QStringLiteral("pipe-ping-pong"), QT_TRANSLATE_NOOP("Lesson", "Pipe and the ping-pong timing"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p><code>Pipe()</code> returns two connected ends. Whatever one end <code>send()</code>s, the other "
            "<code>recv()</code>s; by default both ends can send. A pipe joins exactly two processes, which "
            "makes it lighter than a queue.</p>"
            "<p>The exercise: two processes bat a small message back and forth and time the round trips. A round "
            "trip is two messages, each pickled, written into the kernel, and woken up on the other side.</p>"
            "<p>That time is the floor under any conversation between processes. Compare it with the time your "
            "task takes: a task much shorter than a round trip is not worth sending.</p>"),
        QStringLiteral("ping-pong"),
        QStringLiteral("auto [conn, child] = Pipe(&ctx);\n"
                       "Process p(&ctx, Function::named(\"demo.ping-pong.pong\"), QCborArray { child.handle() });\n"
                       "p.start();\n"
                       "conn.send(QCborArray { QStringLiteral(\"ping\"), i });   // and back: conn.recv()"),
        demoAction({ QStringLiteral("ping-pong") }),
        { QT_TRANSLATE_NOOP("Lesson", "A round trip takes some microseconds: thousands of times an addition."),
            QT_TRANSLATE_NOOP("Lesson", "The 10,000 round trips give a steadier figure per trip than the first 100.") },
        QT_TRANSLATE_NOOP("Lesson",
            "A round trip takes about 20 µs. Is it worth sending tasks of 1 µs each, one "
            "message per task?"),
        { QT_TRANSLATE_NOOP("Lesson", "Yes, the more processes the better."),
            QT_TRANSLATE_NOOP("Lesson", "No: the messages would cost 20 times the work; group the tasks."),
            QT_TRANSLATE_NOOP("Lesson", "Only with a duplex pipe.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "Communication must be paid for by work. Send bigger pieces of work (chunks), so each message "
            "carries enough of it.") });

    l.append({ QStringLiteral("lock"), QT_TRANSLATE_NOOP("Lesson", "Lock, with and without"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Processes that share something (here, the terminal) can get in each other's way. Ten "
            "processes each print <i>hello world i</i> in three pieces, with a pause in between. Without a "
            "lock, pieces from different processes mix into garbled lines.</p>"
            "<p>A <b>Lock</b> lets one process at a time through: <code>lock.acquire()</code> waits until the "
            "lock is free and takes it, <code>lock.release()</code> gives it back (<code>with lock:</code> does "
            "both). Everything between them is a <b>critical section</b>.</p>"
            "<p>The lock keeps lines whole; it does not decide who goes first. The order of the lines still "
            "changes from run to run.</p>"),
        QStringLiteral("lock"),
        QStringLiteral("Lock lock(&ctx);   // a process-shared robust mutex in shared memory\n"
                       "for (int num = 0; num < 10; ++num)\n"
                       "    args << QCborArray { lock.handle(), num };   // f(l, i) in each child"),
        demoAction({ QStringLiteral("no-lock"), QStringLiteral("lock") }),
        { QT_TRANSLATE_NOOP("Lesson", "First run, without the lock: pieces of different lines are mixed."),
            QT_TRANSLATE_NOOP("Lesson", "Second run, with the lock: every line is whole."),
            QT_TRANSLATE_NOOP("Lesson", "With the lock the numbers still come in no fixed order.") },
        QT_TRANSLATE_NOOP("Lesson", "What does the lock guarantee in this example?"),
        { QT_TRANSLATE_NOOP("Lesson", "The lines come out in the order 0, 1, 2, ..."),
            QT_TRANSLATE_NOOP("Lesson", "No two processes are between acquire() and release() at the same time."),
            QT_TRANSLATE_NOOP("Lesson", "The program runs faster."),
            QT_TRANSLATE_NOOP("Lesson", "Each process runs on its own core.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "A lock gives mutual exclusion, nothing more: whoever holds it works alone in the critical section. "
            "Which waiting process gets it next is up to the scheduler, so the order varies.") });

    l.append({ QStringLiteral("shared-memory"), QT_TRANSLATE_NOOP("Lesson", "Shared memory and lost updates"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p><code>Value</code> and <code>Array</code> live in <b>shared memory</b>: every process sees the "
            "same bytes, with no copying. Fast, but now two processes can change the same number at once.</p>"
            "<p><code>counter.value += 1</code> looks like one step and is three: read the value, add one, "
            "write it back. If another process writes between our read and our write, one of the two increments "
            "is lost.</p>"
            "<p>The fix is to hold the value's lock around all three steps: "
            "<code>with counter.get_lock(): counter.value += 1</code>. The lock built into a "
            "<code>Value</code> only protects each single read or write, not the pair.</p>"),
        QStringLiteral("shared-counter"),
        QStringLiteral("Value counter(&ctx, 'i', 0);   // shared memory, with its own RLock\n"
                       "// in each child, n times:\n"
                       "counter.setValue(counter.value().toInteger() + 1);   // may lose updates\n"
                       "// with counter.getLock() held around the read and the write: none lost"),
        demoAction({ QStringLiteral("shared-counter") }),
        { QT_TRANSLATE_NOOP("Lesson", "Without the lock the total falls short of the expected count."),
            QT_TRANSLATE_NOOP("Lesson", "With get_lock() the total is exact every time."),
            QT_TRANSLATE_NOOP("Lesson", "How many updates are lost changes from run to run.") },
        QT_TRANSLATE_NOOP("Lesson",
            "4 processes each add 1 to a shared counter 20,000 times, without a lock. "
            "What can the total be?"),
        { QT_TRANSLATE_NOOP("Lesson", "Always 80,000."),
            QT_TRANSLATE_NOOP("Lesson", "80,000 or less, different from run to run."),
            QT_TRANSLATE_NOOP("Lesson", "More than 80,000."), QT_TRANSLATE_NOOP("Lesson", "Always 20,000.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "Each lost update is an increment overwritten by another process that read the same old value. "
            "It can only lose increments, never add any, and how many depends on timing.") });

    l.append({ QStringLiteral("manager"), QT_TRANSLATE_NOOP("Lesson", "Manager: shared dicts and lists"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Shared memory holds numbers and arrays. For a dict or a list, Python offers a <b>Manager</b>: a "
            "server process that owns the real objects. <code>manager.dict()</code> and "
            "<code>manager.list()</code> return <b>proxies</b>; every operation on a proxy is a message to the "
            "server and an answer back.</p>"
            "<p>That makes managers flexible (any process can use the proxy, even over a network) and slow "
            "compared with shared memory: each <code>d[key] = value</code> is a round trip.</p>"),
        QStringLiteral("manager"),
        QStringLiteral("Manager manager(&ctx);   // a server process\n"
                       "DictProxy d = manager.dict();\n"
                       "ListProxy l = manager.list(range);\n"
                       "Process p(&ctx, Function::named(\"demo.manager-f\"), QCborArray { d.handle(), l.handle() });"),
        demoAction({ QStringLiteral("manager") }),
        { QT_TRANSLATE_NOOP("Lesson", "The child's changes are visible in the parent: the dict and the reversed list."),
            QT_TRANSLATE_NOOP("Lesson", "The manager is a process of its own, next to the child.") },
        QT_TRANSLATE_NOOP("Lesson", "Where does the dictionary created by manager.dict() really live?"),
        { QT_TRANSLATE_NOOP("Lesson", "In the parent's memory."),
            QT_TRANSLATE_NOOP("Lesson", "In shared memory that all processes map."),
            QT_TRANSLATE_NOOP("Lesson", "In the manager's server process; the others hold proxies.") },
        2,
        QT_TRANSLATE_NOOP("Lesson",
            "The manager's server process owns the object. A proxy forwards each operation to it as a message, "
            "which is why any process can use it, and why each use costs a round trip.") });

    l.append({ QStringLiteral("start-methods"), QT_TRANSLATE_NOOP("Lesson", "Start methods: spawn, fork, forkserver"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>There are three ways to start a child. <b>spawn</b> runs a fresh interpreter that imports your "
            "program (the default on Windows and macOS). <b>fork</b> copies the parent as it is, memory and all "
            "(Unix only). <b>forkserver</b> starts one clean server process early, and each new child is forked "
            "from that server.</p>"
            "<p>Forking is quick, but copying a parent that runs threads is unsafe: a lock held by another "
            "thread at that instant stays locked forever in the copy. ProcLab's engine runs threads, so it "
            "offers spawn and forkserver, and uses forkserver unless told otherwise, as Python 3.14 does on "
            "Linux.</p><p>Measured by <code>proclab-cli bench</code> on a quiet 2-core machine: two ProcLab workers "
            "were ready in 5.5 ms with spawn and in 5.6 ms with forkserver once its server was up (a bare exec of a "
            "tiny C++ program: 3.1 ms). CPython's <code>Pool(2)</code> took 111 ms and 73 ms there. A spawned "
            "child pays for what its new program loads before it can work: CPython loads its interpreter and "
            "imports your program. ProcLab's spawned pool worker is a small program without Qt that becomes the "
            "full worker only when a task needs it; started as the full worker, which loads Qt first, the two "
            "take 22 ms. A forked child is a copy of a server that already loaded everything.</p>"
            "<p>Choose one with <code>multiprocessing.get_context('spawn')</code> or "
            "<code>set_start_method()</code> under the <code>__main__</code> guard.</p>"),
        QStringLiteral("start-methods"),
        QStringLiteral("Context spawned(StartMethod::Spawn);\n"
                       "Context forked(StartMethod::ForkServer);\n"
                       "Pool pool(&forked, { 4 });\n"
                       "pool.waitReady();   // timed: spawn vs forkserver"),
        demoAction({ QStringLiteral("start-methods") }),
        { QT_TRANSLATE_NOOP("Lesson",
              "A spawned child pays for loading its program; a forked child is a copy of one that already did."),
            QT_TRANSLATE_NOOP("Lesson", "The server itself starts once; its cost is paid by the first pool only.") },
        QT_TRANSLATE_NOOP("Lesson", "Why is fork risky in a program that runs threads?"),
        { QT_TRANSLATE_NOOP(
              "Lesson", "The child copies locks that other threads may hold, and nobody will release them."),
            QT_TRANSLATE_NOOP("Lesson", "fork is slower than spawn."),
            QT_TRANSLATE_NOOP("Lesson", "A forked child cannot print.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "fork copies only the calling thread. Locks held by the other threads are copied locked, and the "
            "threads that would release them do not exist in the child: it can hang for ever.") });

    l.append({ QStringLiteral("gil"), QT_TRANSLATE_NOOP("Lesson", "Threads vs processes and the GIL"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Threads live inside one process and share its memory, so starting them is cheap. But in "
            "CPython a thread must hold the <b>Global Interpreter Lock</b> to run Python code: only one thread "
            "computes at a time, and they take turns (every 5 ms by default).</p>"
            "<p>So for CPU-bound work, 2 threads take as long as 1. Processes each have their own interpreter "
            "and their own GIL, and really run in parallel, one per core. Threads still help for waiting (files, "
            "network, <code>sleep</code>): a waiting thread lets go of the GIL.</p>"
            "<p>The experiment runs the same CPU-bound tasks with threads that share a GIL, with threads "
            "without one (as in C++), and with processes.</p>"),
        QStringLiteral("gil"),
        QStringLiteral("const Workload* w = findWorkload(\"spin\");\n"
                       "ExecOptions o;\n"
                       "o.executor = ExecutorKind::GilThread;   // or Thread, Process\n"
                       "o.workers = 2;\n"
                       "ExecResult r = execute(&ctx, w->function(params), w->inputs(params), o);"),
        sweepAction(QStringLiteral("spin"), { QStringLiteral("tasks=8"), QStringLiteral("ms=25") }, 2,
            { ExecutorKind::GilThread, ExecutorKind::Thread, ExecutorKind::Process }),
        { QT_TRANSLATE_NOOP("Lesson", "Threads sharing a GIL: p = 2 is no faster than p = 1."),
            QT_TRANSLATE_NOOP("Lesson", "Threads without a GIL and processes both come close to a speedup of 2."),
            QT_TRANSLATE_NOOP("Lesson", "Processes pay a start-up cost that threads do not.") },
        QT_TRANSLATE_NOOP("Lesson", "A CPU-bound Python function runs on 4 threads on a 4-core machine. Speedup?"),
        { QT_TRANSLATE_NOOP("Lesson", "About 4."), QT_TRANSLATE_NOOP("Lesson", "About 2."),
            QT_TRANSLATE_NOOP("Lesson", "About 1: the GIL lets one thread compute at a time.") },
        2,
        QT_TRANSLATE_NOOP("Lesson",
            "With the GIL, the threads take turns on the interpreter: the total work is done at the pace of one "
            "core. Use processes (or code that releases the GIL) for CPU-bound work.") });

    l.append({ QStringLiteral("pi-amdahl"), QT_TRANSLATE_NOOP("Lesson", "Monte Carlo pi, scaling and Amdahl's law"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Throw random points into a square of side 2 and count those that land in the circle of radius "
            "1: the fraction tends to π/4. The throws are independent, so they split into tasks that never need "
            "to talk: an ideal case for processes.</p>"
            "<p><b>Speedup</b> is T(1)/T(p); <b>efficiency</b> is speedup/p. <b>Amdahl's law</b> says that if a "
            "fraction f of the run is serial, T(p) = T(1)·(f + (1 − f)/p), so the speedup can never pass "
            "1/f. ProcLab fits f to the measured times.</p>"
            "<p>Beyond the number of cores, more processes only take turns on the same cores.</p>"),
        QStringLiteral("pi-amdahl"),
        QStringLiteral("SweepSpec spec;\n"
                       "spec.workload = \"pi\";\n"
                       "spec.processes = SweepSpec::range(1, 3);\n"
                       "SweepResult r = Experiment().run(spec);   // r.series[0].amdahl.serialFraction"),
        sweepAction(QStringLiteral("pi"), { QStringLiteral("samples=10000000"), QStringLiteral("tasks=12") }, 3),
        { QT_TRANSLATE_NOOP("Lesson", "The estimate of pi is the same for every p: each task has its own seed."),
            QT_TRANSLATE_NOOP("Lesson", "Up to the number of cores the wall time falls nearly as 1/p."),
            QT_TRANSLATE_NOOP("Lesson",
                "Past the cores it stops falling; the fitted serial fraction tells how "
                "far from ideal the run is."),
            QT_TRANSLATE_NOOP("Lesson",
                "The breakdown (under the plot when there is room, and in the plot's Breakdown view, Ctrl+4) splits "
                "p × time into useful work, pool start-up, the serial part, dispatch and results, waiting and "
                "imbalance. Only useful work scales: the taller the other parts grow with p, the further the point "
                "falls from the ideal, and the Karp–Flatt metric rises with them. Hover a bar to read its numbers.") },
        QT_TRANSLATE_NOOP(
            "Lesson", "A program is 10 % serial. What is the largest speedup any number of processes can give?"),
        { QT_TRANSLATE_NOOP("Lesson", "10"), QT_TRANSLATE_NOOP("Lesson", "90"),
            QT_TRANSLATE_NOOP("Lesson", "Unlimited, with enough processes."), QT_TRANSLATE_NOOP("Lesson", "1.1") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "With f = 0.1, T(p) never drops below 0.1·T(1), however large p is, so the speedup stays below "
            "1/0.1 = 10.") });

    l.append({ QStringLiteral("letters"), QT_TRANSLATE_NOOP("Lesson", "Map-reduce: counting letters"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>The War and Peace exercise: count how often each letter appears in a folder of books. It splits "
            "into two steps. <b>Map</b>: each task counts the letters of one file into a "
            "<code>Counter</code>, in a worker. <b>Reduce</b>: the main process adds the Counters up.</p>"
            "<p>The tutorial's files are in the Russian cp1251 encoding: a file must be read with the encoding "
            "it was written in. Files differ in size, so some tasks take longer than others; the pool hands the "
            "next file to whichever worker is free.</p>"
            "<p>Here the text is a generated sample corpus; in the experiment panel you can point the workload at "
            "your own files.</p>"),
        QStringLiteral("letters"),
        QStringLiteral(
            "const Workload* w = findWorkload(\"letters\");\n"
            "Pool pool(&ctx, { 2 });\n"
            "QCborArray counts = pool.map(w->function(params), w->inputs(params));   // map: a Counter per file\n"
            "QCborValue total = w->reduce(params, counts);   // reduce: added up here"),
        sweepAction(QStringLiteral("letters"), { QStringLiteral("corpus_mb=8") }, 2),
        { QT_TRANSLATE_NOOP("Lesson", "The counts are checked against a serial count: the verified column."),
            QT_TRANSLATE_NOOP(
                "Lesson", "The speedup is below 2: reading files and adding the Counters up are not split.") },
        QT_TRANSLATE_NOOP("Lesson", "In this map-reduce, where are the per-file Counters added up?"),
        { QT_TRANSLATE_NOOP("Lesson", "In each worker, before it reads the next file."),
            QT_TRANSLATE_NOOP("Lesson", "In the main process, once the results are back."),
            QT_TRANSLATE_NOOP("Lesson", "In shared memory, by all the workers at once.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "Each worker returns its own Counter; the main process reduces them with +. Nothing is shared while "
            "the workers count, so they need no lock.") });

    l.append({ QStringLiteral("sharedmem"), QT_TRANSLATE_NOOP("Lesson", "sharedmem: MapReduce, critical and reduce"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>The tutorial's <b>sharedmem</b> package gives NumPy arrays in shared memory and a pool, "
            "<code>MapReduce</code>, whose workers see those arrays. Inside <code>work(i)</code>, "
            "<code>with pool.critical:</code> is a lock around <code>counter[:] += i</code>: ten calls add 0 to 9, "
            "and the counter ends at <b>45</b>, every time. Without the critical section updates could be lost.</p>"
            "<p>Its <code>map(work, items, reduce=reduce)</code> calls <code>reduce</code> in the main process on "
            "each result <b>as it arrives</b>: <i>chunk i done</i> is printed as chunks finish, not in the order "
            "they were given.</p>"
            "<p>sharedmem is not in Debian, so the program shown starts with the tutorial's code as a comment and "
            "then runs the same thing with plain multiprocessing: an <code>Array</code> and a <code>Lock</code> "
            "handed to the workers, and <code>imap_unordered</code> feeding <code>reduce</code>. ProcLab's run does "
            "that with its own Array, Lock and pool.</p>"),
        QStringLiteral("sharedmem-mapreduce"),
        QStringLiteral("Array counter(&ctx, 'd', 1, false);   // sharedmem.empty(1)\n"
                       "Lock critical(&ctx);                  // pool.critical\n"
                       "pool.map(add, { [counter, critical, i] for i in 0..9 });   // counter == [45.0]\n"
                       "ResultIterator r = pool.imapUnordered(copy, chunks);\n"
                       "while (auto v = r.next()) ...          // reduce: 'chunk i done'"),
        demoAction({ QStringLiteral("sharedmem-mapreduce") }, 2),
        { QT_TRANSLATE_NOOP("Lesson", "The counter is [45.0]: no update was lost inside the critical section."),
            QT_TRANSLATE_NOOP("Lesson",
                "The 'chunk i done' lines come as chunks finish: run it again, the order can "
                "change."),
            QT_TRANSLATE_NOOP("Lesson", "The last line, the sum of the reduced results, is the same every time.") },
        QT_TRANSLATE_NOOP("Lesson", "In sharedmem's MapReduce, where does the reduce callback run?"),
        { QT_TRANSLATE_NOOP("Lesson", "In the worker that computed the chunk."),
            QT_TRANSLATE_NOOP("Lesson", "In the main process, on each result as it arrives."),
            QT_TRANSLATE_NOOP("Lesson", "In a separate reducer process, once all chunks are done.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "The workers map; the main process reduces, one result at a time in the order they come back. That is "
            "why reduce may print without a lock, and why work(i) needs the critical section for the shared "
            "counter.") });

    l.append({ QStringLiteral("matmul"), QT_TRANSLATE_NOOP("Lesson", "Matrix multiplication in parallel"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>In C = A·B, each row of C needs one row of A and all of B. So the rows split into blocks, one "
            "block per task, and the exercise asks to time N = 128, 256, 512 and to check the result against "
            "the serial product.</p>"
            "<p>The cost to watch is data movement: B is needed by every task. Sending it with each task would "
            "copy it again and again. ProcLab puts A, B and C in <b>shared memory</b>, so tasks carry only "
            "their row range; in Python a pool initializer or <code>shared_memory</code> does the same.</p>"),
        QStringLiteral("matmul"),
        QStringLiteral("// A, B and C in POSIX shared memory; each task: a name and a row range\n"
                       "ExecOptions o;\n"
                       "o.workers = 2;\n"
                       "ExecResult r = execute(&ctx, matmul->function(params), matmul->inputs(params), o);"),
        sweepAction(QStringLiteral("matmul"), { QStringLiteral("n=256"), QStringLiteral("tasks=8") }, 2),
        { QT_TRANSLATE_NOOP("Lesson", "Each run is checked against the serial product."),
            QT_TRANSLATE_NOOP("Lesson", "Try n = 512 in the experiment panel: a bigger matrix scales better.") },
        QT_TRANSLATE_NOOP("Lesson", "Why not send the whole matrix B along with every task?"),
        { QT_TRANSLATE_NOOP("Lesson", "Copying it for every task could cost more than the multiplication saves."),
            QT_TRANSLATE_NOOP("Lesson", "B cannot be pickled."),
            QT_TRANSLATE_NOOP("Lesson", "Workers may only read data from a Queue.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "B is N² numbers. Sent with each of many tasks, it is copied many times; put it once where every "
            "worker can read it and the tasks stay small.") });

    l.append({ QStringLiteral("kde"), QT_TRANSLATE_NOOP("Lesson", "The kernel density estimation benchmark"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Kernel density estimation guesses a probability density from samples. The Parzen-window "
            "version counts the samples inside a window of width h around a point and divides by the window's "
            "volume; a Gaussian window weighs every sample by its distance instead.</p>"
            "<p>Estimating at many points is many independent sums over all the samples: a CPU-bound, "
            "embarrassingly parallel benchmark. The tutorial compared a serial loop with pools of 2 and more "
            "processes.</p>"),
        QStringLiteral("kde"),
        QStringLiteral("SweepSpec spec;\n"
                       "spec.workload = \"kde\";   // Parzen windows over shared samples\n"
                       "spec.processes = SweepSpec::range(1, 2);\n"
                       "SweepResult r = Experiment().run(spec);"),
        sweepAction(QStringLiteral("kde"), { QStringLiteral("n=4000"), QStringLiteral("queries=2000") }, 2),
        { QT_TRANSLATE_NOOP("Lesson", "Each estimate is checked against a serial computation."),
            QT_TRANSLATE_NOOP("Lesson",
                "Make the problem bigger (n, queries) in the experiment panel: the "
                "efficiency rises as the work grows against the fixed costs.") },
        QT_TRANSLATE_NOOP("Lesson", "Why does a bigger problem usually give a better speedup?"),
        { QT_TRANSLATE_NOOP("Lesson", "The fixed costs (start-up, messages) become a smaller part of the run."),
            QT_TRANSLATE_NOOP("Lesson", "Big problems get more cores from the system."),
            QT_TRANSLATE_NOOP("Lesson", "It does not: the speedup never depends on the size.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "Starting workers and sending messages cost about the same whatever the size. The more work there "
            "is, the smaller their share, so the serial fraction shrinks (Gustafson's view of Amdahl).") });

    {
        LessonAction twoHosts = sweepAction(QStringLiteral("pi"),
            { QStringLiteral("samples=100000000"), QStringLiteral("tasks=16") }, 4, { ExecutorKind::MpiFarm }, { 1 });
        twoHosts.simulatedHosts = QStringList { QStringLiteral("nodeA slots=2"), QStringLiteral("nodeB slots=2") };
        l.append({ QStringLiteral("mpi-ranks-and-hosts"), QT_TRANSLATE_NOOP("Lesson", "MPI: ranks and hosts"),
            QT_TRANSLATE_NOOP("Lesson",
                "<p>An MPI program runs as <b>ranks</b>: <code>mpirun -n 4</code> starts four copies of it, "
                "numbered 0 to 3. A <b>hostfile</b> says which machines take them and how many each (their "
                "<i>slots</i>): with <code>nodeA slots=2</code> and <code>nodeB slots=2</code>, mpirun fills nodeA "
                "first (ranks 0 and 1), then nodeB (ranks 2 and 3). On each host it starts a daemon through "
                "<code>ssh</code>, and the daemon starts the ranks there.</p>"
                "<p>Without a lab, this lesson simulates one: two hosts on this machine, and a remote shell that runs "
                "\"ssh nodeB\" here. Open MPI still starts a daemon per host and connects the ranks over TCP, so "
                "everything but the wires is real. The stage draws each host as a frame around its ranks; in the "
                "farm, rank 0 on nodeA deals chunks to the ranks of both hosts, and the arrows between hosts have "
                "their own colour. The timeline groups the lanes by host.</p>"
                "<p>Each machine has its own clock. ProcLab aligns every rank's clock with its own by a few ping "
                "exchanges (the fastest round trip wins), so that no message is drawn arriving before it left.</p>"),
            QStringLiteral("mpi-ranks-and-hosts"),
            QStringLiteral("MpiOptions o;\n"
                           "o.hostfile = \"hosts\";             // nodeA slots=2, nodeB slots=2\n"
                           "o.rshAgent = \"simulated-ssh\";     // runs every host here (a lab of one machine)\n"
                           "o.shape = mpi::Shape::Farm;\n"
                           "MpiJob(&ctx, o).run(pi->function(params), pi->inputs(params));"),
            twoHosts,
            { QT_TRANSLATE_NOOP(
                  "Lesson", "At p = 4 the stage shows nodeA holding ranks 0 and 1 and nodeB holding ranks 2 and 3."),
                QT_TRANSLATE_NOOP("Lesson",
                    "The arrows between nodeA and nodeB have their own colour: on a real lab those messages cross "
                    "the network."),
                QT_TRANSLATE_NOOP("Lesson",
                    "MPI's start-up (a daemon per host, through the remote shell) is reported apart from the wall "
                    "time.") },
            QT_TRANSLATE_NOOP(
                "Lesson", "With the hostfile nodeA slots=2, nodeB slots=2 and mpirun -n 3, where does rank 2 run?"),
            { QT_TRANSLATE_NOOP("Lesson", "On nodeB: nodeA's two slots take ranks 0 and 1."),
                QT_TRANSLATE_NOOP("Lesson", "On nodeA: the ranks alternate between the hosts."),
                QT_TRANSLATE_NOOP("Lesson", "Wherever the operating system schedules it.") },
            0,
            QT_TRANSLATE_NOOP("Lesson",
                "By default mpirun fills each host's slots in the hostfile's order. mpirun --map-by node deals the "
                "ranks round robin instead: 0 on nodeA, 1 on nodeB, 2 on nodeA.") });
    }

    l.append({ QStringLiteral("mpi-ping-pong"), QT_TRANSLATE_NOOP("Lesson", "MPI: what a message costs"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Every MPI program is built from messages, and every message has a price: a fixed <b>latency</b> "
            "(the time a tiny message takes) and a <b>bandwidth</b> (how fast a big one streams). The classic way "
            "to measure both is the <b>ping-pong</b>: rank 0 sends a message to rank 1, which sends it straight "
            "back, a thousand times; one way is the total time divided by twice the number of round trips.</p>"
            "<p>Open MPI chooses how the bytes travel. Between two ranks of one machine it uses <b>shared "
            "memory</b> (its <i>vader</i> transport): the sender copies into a segment both ranks map and the "
            "receiver, spinning, sees it at once. Between machines it uses <b>TCP</b>, through each kernel's "
            "network stack and the wire. This demo runs the same ping-pong both ways on this machine (TCP over the "
            "loopback, so without the wire) at 8 B, 1 KiB, 64 KiB and 1 MiB.</p>"
            "<p>Small messages cost latency, large ones bandwidth. That is why real programs send few, large "
            "messages (the farm deals chunks, not tasks), and why a program that talks a lot runs well on one "
            "machine and poorly across a lab.</p>"),
        QStringLiteral("mpi-pingpong"),
        QStringLiteral("MpiOptions o;                               // mpirun -n 2 proclab-mpi-worker\n"
                       "o.shape = mpi::Shape::Exchange;\n"
                       "o.exchange.order = mpi::Exchange::Order::PingPong;\n"
                       "o.transport = MpiOptions::Transport::Tcp;   // or SharedMemory: --mca btl self,vader\n"
                       "MpiJob(&ctx, o).run({}, {});                // rank 0: [one-way ns, round trips]"),
        demoAction({ QStringLiteral("mpi-pingpong") }, 2),
        { QT_TRANSLATE_NOOP("Lesson",
              "On the stage, the first round trip of each size is drawn as two arrows; the thousand timed ones "
              "follow without events, so that drawing them costs nothing."),
            QT_TRANSLATE_NOOP("Lesson",
                "Compare the 8 B lines: the latency of TCP is many times that of shared memory, even without a wire."),
            QT_TRANSLATE_NOOP("Lesson",
                "Compare the 1 MiB lines: at this size the time is bandwidth, and both transports come closer.") },
        QT_TRANSLATE_NOOP(
            "Lesson", "A program sends 10,000 messages of 8 bytes. What would make it faster across two machines?"),
        { QT_TRANSLATE_NOOP("Lesson", "Sending the same 80,000 bytes as a few large messages."),
            QT_TRANSLATE_NOOP("Lesson", "A faster CPU on each machine."),
            QT_TRANSLATE_NOOP("Lesson", "More ranks, so that each sends fewer messages at the same time.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "Each message pays the latency once, whatever its size, and across machines the latency is tens of "
            "microseconds. 10,000 tiny messages cost 10,000 latencies; ten messages of 8 KB cost ten latencies "
            "and a little bandwidth. MPI programs batch their data for this reason.") });

    l.append(
        { QStringLiteral("mpi-collectives"), QT_TRANSLATE_NOOP("Lesson", "MPI: share the data out, gather the answer"),
            QT_TRANSLATE_NOOP("Lesson",
                "<p>A pool's workers on one machine can read A and B in shared memory. <b>MPI</b> ranks may run on "
                "different machines, where nothing is shared: the data has to travel. The usual program keeps the "
                "matrices at rank 0 and lets MPI's <b>collectives</b> move them, each a single call made by every "
                "rank.</p>"
                "<p><code>MPI_Bcast</code> sends all of B to every rank. <code>MPI_Scatterv</code> gives each rank "
                "only its block of A's rows (the v: the blocks may differ in size). Each rank multiplies its rows, and "
                "<code>MPI_Gatherv</code> brings the rows of C back to rank 0, in order. The run is checked against "
                "the serial product, as the pool's is.</p>"
                "<p>The sweep runs the same product with the process pool and with MPI ranks (mpi-spmd). On the stage, "
                "the broadcast and the scatter fan out from rank 0 and the gather fans in. MPI's start-up, hundreds "
                "of milliseconds for <code>mpirun</code>, is reported apart from the wall time and paid once: the "
                "sweep starts one job with as many ranks as its largest p and runs every point on as many of them as "
                "it needs.</p>"),
            QStringLiteral("mpi-matmul"),
            QStringLiteral("MpiOptions o;                        // mpirun -n p proclab-mpi-worker\n"
                           "o.shape = mpi::Shape::Spmd;          // rank 0: A and B; MPI_Bcast(B), MPI_Scatterv(A)\n"
                           "o.ranks = 2;                         // each rank: its rows of C\n"
                           "MpiJob(&ctx, o).run(matmul->function(params), matmul->inputs(params));\n"
                           "                                     // MPI_Gatherv(C) to rank 0, then verify()"),
            sweepAction(QStringLiteral("matmul"), { QStringLiteral("n=512"), QStringLiteral("tasks=8") }, 2,
                { ExecutorKind::Process, ExecutorKind::MpiSpmd }),
            { QT_TRANSLATE_NOOP(
                  "Lesson", "Both series are checked against the serial product: the same rows, the same numbers."),
                QT_TRANSLATE_NOOP("Lesson",
                    "During an MPI run, the stage shows MPI_Bcast and MPI_Scatterv fanning out from rank 0, then "
                    "MPI_Gatherv fanning in."),
                QT_TRANSLATE_NOOP("Lesson",
                    "Compare the wall times: on one machine MPI copies B to every rank, the pool shares it.") },
            QT_TRANSLATE_NOOP("Lesson", "With p ranks and n x n matrices, how much of B does each rank receive?"),
            { QT_TRANSLATE_NOOP("Lesson", "All of it, n x n numbers: every row of C needs every row of B."),
                QT_TRANSLATE_NOOP("Lesson", "n x n / p numbers: B is scattered like A."),
                QT_TRANSLATE_NOOP("Lesson", "None: the ranks read it from rank 0's memory.") },
            0,
            QT_TRANSLATE_NOOP("Lesson",
                "Row i of C is row i of A times all of B, so every rank needs the whole of B (a broadcast) but only "
                "its own rows of A (a scatter). That broadcast is communication a pool on one machine never pays: "
                "it grows with n² and with the number of ranks.") });

    l.append({ QStringLiteral("mpi-static-vs-farm"), QT_TRANSLATE_NOOP("Lesson", "MPI: a static split or a farm"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>MPI has no pool: the program decides who computes what. The simplest way is a <b>static split</b> "
            "(mpi-spmd): rank r takes the r-th block of the tasks, and <code>MPI_Reduce</code> adds the counts at "
            "rank 0. When the tasks cost the same, nothing beats it: no message until the end.</p>"
            "<p>Counting primes in ranges of rising cost is not such a case. The rank with the top block works "
            "longest, and the others wait for it in <code>MPI_Reduce</code>, spinning. The <b>farm</b> "
            "(mpi-farm) is MPI's dynamic scheduling: rank 0 deals one range at a time with <code>MPI_Send</code> "
            "to whichever rank sends back a result (<code>MPI_Recv</code> from any source), so the ranks finish "
            "together. Its price: rank 0 only deals, so with p ranks p − 1 compute, and every range costs a "
            "message each way.</p>"
            "<p>The sweep runs both shapes with 1 to 3 ranks. With 1 rank they do the same thing; with 2, the "
            "farm has a single computing rank; with 3, the static split computes on three ranks and the farm on two, "
            "and "
            "the imbalance decides which is first.</p>"),
        QStringLiteral("mpi-static-vs-farm"),
        QStringLiteral("MpiOptions o;\n"
                       "o.shape = mpi::Shape::Spmd;   // rank r: tasks [r*T/N, (r+1)*T/N), then MPI_Reduce\n"
                       "o.shape = mpi::Shape::Farm;   // rank 0: MPI_Recv(ANY_SOURCE), MPI_Send(next range)\n"
                       "o.chunksize = 1;              // one range per message\n"
                       "MpiJob(&ctx, o).run(primes->function(params), primes->inputs(params));"),
        sweepAction(QStringLiteral("primes"),
            { QStringLiteral("limit=2000000"), QStringLiteral("tasks=32"), QStringLiteral("skew=3") }, 3,
            { ExecutorKind::MpiSpmd, ExecutorKind::MpiFarm }, { 1 }),
        { QT_TRANSLATE_NOOP("Lesson",
              "On the stage, in the static runs, the ranks with the cheap blocks turn to \"spinning in MPI_Reduce\" "
              "long before the last one ends."),
            QT_TRANSLATE_NOOP("Lesson",
                "In the farm runs, rank 0 spins in MPI_Recv while it deals; the arrows are the ranges going out and "
                "the counts coming back."),
            QT_TRANSLATE_NOOP("Lesson",
                "Compare p = 2 and p = 3 in each series: the farm needs a rank more for the same number of workers.") },
        QT_TRANSLATE_NOOP("Lesson", "When is a static split the better choice?"),
        { QT_TRANSLATE_NOOP("Lesson", "When every task costs about the same: no dealer, no message per task."),
            QT_TRANSLATE_NOOP("Lesson", "When the tasks' costs differ a lot."),
            QT_TRANSLATE_NOOP("Lesson", "Never: a farm is always faster.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "A static split costs nothing to organise but lasts as long as its dearest block. A farm evens out "
            "uneven tasks at the price of a dealer and two messages per chunk, which is why real farms deal "
            "chunks of several tasks, as a Pool's chunksize does.") });

    {
        LessonAction weak
            = sweepAction(QStringLiteral("matmul"), { QStringLiteral("n=384"), QStringLiteral("tasks=8") }, 3,
                { ExecutorKind::Process, ExecutorKind::MpiSpmd });
        weak.weakParam = QStringLiteral("n");
        l.append({ QStringLiteral("mpi-strong-vs-weak"),
            QT_TRANSLATE_NOOP("Lesson", "MPI: strong and weak scaling, and what communication costs"),
            QT_TRANSLATE_NOOP("Lesson",
                "<p><b>Strong scaling</b> keeps the problem and adds processes: the ideal is T(1) / p, and "
                "Amdahl's law says how far the serial part lets it go. <b>Weak scaling</b> grows the problem with "
                "the processes, so that each one keeps the work it had alone: the ideal is the <i>same</i> wall "
                "time at every p. That is how clusters are used (a bigger grid, not the same grid sooner), and "
                "Gustafson's law measures it: the scaled speedup p · T(1) / T(p).</p>"
                "<p>Pi weak-scales almost perfectly: with p ranks it draws p times the samples, and its only "
                "message is one <code>MPI_Reduce</code> of a count, whatever p. A matrix product does not. Its work "
                "grows as n³, so n grows as the cube root of p (384, 484, 554 here), but <code>MPI_Bcast</code> sends "
                "all of B, n² numbers, to <i>every</i> rank: the data that travels grows faster than each rank's "
                "share of the work shrinks.</p>"
                "<p>The sweep grows matmul weakly with the process pool, whose workers read A and B in shared "
                "memory, and with MPI ranks, which receive them. On one machine both lines climb about as much: "
                "the cores share one memory bus and one cache, and B no longer fits as n grows; MPI's broadcast "
                "goes through shared memory at gigabytes per second and costs a fraction of a millisecond. Across a "
                "lab it goes through the network: at n = 484, B is 1.9 MB, 15 ms for each rank on 1 Gbit/s "
                "Ethernet, as much as the whole product takes here.</p>"),
            QStringLiteral("mpi-strong-vs-weak"),
            QStringLiteral("SweepSpec spec;\n"
                           "spec.workload = \"matmul\";                 // n=384 at p = 1\n"
                           "spec.executors = { ExecutorKind::Process, ExecutorKind::MpiSpmd };\n"
                           "spec.weakParam = \"n\";                     // n x p^(1/3): the same work per process\n"
                           "SweepResult r = Experiment().run(spec);   // fitted by Gustafson's law"),
            weak,
            { QT_TRANSLATE_NOOP("Lesson",
                  "Each point is a bigger product (its n is in the table) and is checked against the serial one."),
                QT_TRANSLATE_NOOP("Lesson",
                    "In the wall time view the ideal is a flat line at T(1); in the speedup view, the scaled speedup "
                    "against the line S = p."),
                QT_TRANSLATE_NOOP("Lesson",
                    "Then try pi the same way: proclab-cli sweep pi --executor mpi-spmd --weak samples -p 1..2 stays "
                    "flat, because a reduce of one number costs the same at any size.") },
            QT_TRANSLATE_NOOP("Lesson",
                "Under weak scaling, why does the MPI matrix product slow down as p grows while pi does not?"),
            { QT_TRANSLATE_NOOP("Lesson",
                  "Every rank receives all of B, n² numbers, and n grows with p: communication grows, pi's one "
                  "reduce does not."),
                QT_TRANSLATE_NOOP("Lesson", "Each rank has more arithmetic to do at larger p."),
                QT_TRANSLATE_NOOP("Lesson", "MPI ranks are slower than pool workers at arithmetic.") },
            0,
            QT_TRANSLATE_NOOP("Lesson",
                "Each rank's arithmetic stays the same by construction (n³ / p is constant). What grows is what "
                "travels: the broadcast of B and the gather of C, both n², to and from every rank. Programs that "
                "weak-scale well, like a stencil exchanging only the edges of its block, send little compared with "
                "what they compute.") });
    }

    l.append({ QStringLiteral("mpi-fail-stop"), QT_TRANSLATE_NOOP("Lesson", "MPI: when a rank dies"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>On a lab of twenty machines, one of them will fail some day: a student trips on a cable, a process "
            "runs out of memory. What happens to the run depends on who organises the processes.</p>"
            "<p>A <b>process pool</b> belongs to one parent, which watches its workers. When one dies, ProcLab's pool "
            "starts another, names the task that was lost (and where it was: running, decoding, encoding) and runs "
            "on. (CPython's <code>multiprocessing.Pool</code> waits for the lost task for ever; "
            "<code>concurrent.futures</code> marks the whole pool broken.)</p>"
            "<p><b>MPI</b> is <b>fail-stop</b> by default: every rank may be waiting for a message from any other, "
            "so when one dies, <code>mpirun</code> ends the whole job, and the work of every rank is lost with it. "
            "Programs that must survive checkpoint their state to disk and restart. A farm can do better, since only "
            "rank 0 depends on the others: with <code>mpirun --enable-recovery</code> the other ranks stay up, "
            "ProcLab tells rank 0 which rank died, and rank 0 deals its chunk again. Collectives cannot survive a "
            "death in Open MPI 4.1 (that takes ULFM, in Open MPI 5).</p>"
            "<p>The demo kills the worker that runs task 5 three times: in the pool, in an MPI farm, and in the same "
            "farm in survive mode.</p>"),
        QStringLiteral("mpi-fail-stop"),
        QStringLiteral(
            "MpiOptions o;\n"
            "o.shape = mpi::Shape::Farm;\n"
            "o.killAtTask = 5;           // the rank that starts task 5 SIGKILLs itself\n"
            "MpiJob(&ctx, o).run(f, in); // throws MpiError: \"rank 2 ... died in task 5; MPI is fail-stop\"\n"
            "o.survive = true;           // mpirun --enable-recovery: rank 0 deals the chunk again\n"
            "MpiRunResult r = MpiJob(&ctx, o).run(f, in);   // r.lost names the rank; every result is there"),
        demoAction({ QStringLiteral("mpi-fail-stop") }, 3),
        { QT_TRANSLATE_NOOP("Lesson",
              "First, the pool: task 5 is named as lost with the worker's pid; the eleven other tasks complete."),
            QT_TRANSLATE_NOOP("Lesson",
                "Then the MPI farm: the rank is named with its host, pid and task within a fraction of a second, and "
                "the job ends with no result at all."),
            QT_TRANSLATE_NOOP("Lesson",
                "Last, survive mode: the stage shows the dead rank's box failed, and the other rank takes task 5 "
                "again; all twelve results are checked.") },
        QT_TRANSLATE_NOOP("Lesson", "Why does MPI end the whole job when one rank dies?"),
        { QT_TRANSLATE_NOOP(
              "Lesson", "Any rank may be waiting for a message from the dead one, in a call that would never return."),
            QT_TRANSLATE_NOOP("Lesson", "To free the dead rank's memory on the other machines."),
            QT_TRANSLATE_NOOP("Lesson", "Because the other ranks share its address space.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "An MPI program is a set of peers that message each other, often in collectives that need every rank. "
            "A rank that waits for a dead one would wait for ever, so the safe default is to stop everything. A "
            "farm is the exception that proves the rule: only its dealer waits for the others, so the dealer can "
            "be told and carry on.") });

    l.append({ QStringLiteral("mpi-deadlock"),
        QT_TRANSLATE_NOOP("Lesson", "MPI: the exchange that works until it doesn't"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>Beyond one machine, processes talk by <b>MPI</b> messages. The first program everyone writes "
            "swaps data between two ranks: each calls <code>MPI_Send</code> to its partner, then "
            "<code>MPI_Recv</code>. With 1 KiB it works.</p>"
            "<p>It works by luck. The MPI standard lets <code>MPI_Send</code> wait until the partner receives. "
            "Open MPI returns at once only for small messages, which it copies into a buffer on the way "
            "(<b>eager</b> sending: up to 4 KiB between ranks of one machine, 64 KiB over TCP). With 1 MiB, "
            "both ranks sit in <code>MPI_Send</code> waiting for a receive that neither will reach: a "
            "<b>deadlock</b>. MPI never notices, and the ranks keep spinning at 100 % CPU.</p>"
            "<p>ProcLab follows who waits for whom from the ranks' events: rank 0 in a send to rank 1, rank 1 "
            "in a send to rank 0, and neither call can satisfy the other. The cycle is named and the job "
            "stopped. The fix, <code>MPI_Sendrecv</code>, lets MPI pair the two transfers itself; the third "
            "run swaps 1 MiB that way.</p>"),
        QStringLiteral("mpi-deadlock"),
        QStringLiteral("MpiOptions o;                           // mpirun -n 2 proclab-mpi-worker\n"
                       "o.shape = mpi::Shape::Exchange;         // MPI_Send first, then MPI_Recv\n"
                       "o.exchange.bytes = 1 << 20;             // over the eager limit\n"
                       "MpiJob(&ctx, o).run({}, {});            // throws MpiDeadlockError: the cycle, named"),
        demoAction(
            { QStringLiteral("mpi-exchange"), QStringLiteral("mpi-deadlock"), QStringLiteral("mpi-deadlock-fixed") },
            2),
        { QT_TRANSLATE_NOOP("Lesson",
              "First run, 1 KiB: each rank's send returns at once (the arrow leaves while the partner is still "
              "sending), then each receives."),
            QT_TRANSLATE_NOOP("Lesson",
                "Second run, 1 MiB: both ranks stay \"spinning in MPI_Send\"; after about three seconds (two of "
                "waiting, one to check that both ranks really spin on a CPU) the cycle is printed and the job "
                "stopped."),
            QT_TRANSLATE_NOOP("Lesson",
                "Third run: MPI_Sendrecv swaps the same 1 MiB, and the matrix shows 1 MiB "
                "each way.") },
        QT_TRANSLATE_NOOP("Lesson",
            "The exchange works with 1 KiB and hangs with 1 MiB. What does the MPI standard say about the 1 KiB "
            "run?"),
        { QT_TRANSLATE_NOOP("Lesson", "It is just as wrong: it works only because Open MPI buffered the message."),
            QT_TRANSLATE_NOOP("Lesson", "It is correct: MPI_Send always buffers messages under 4 KiB."),
            QT_TRANSLATE_NOOP("Lesson", "It is correct because only two ranks take part."),
            QT_TRANSLATE_NOOP("Lesson", "It deadlocks too, but MPI breaks the cycle for small messages.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "MPI_Send may wait for the matching receive at any size; the eager limit is Open MPI's choice, and it "
            "differs between shared memory and TCP, between MPI libraries and between versions. A program that "
            "needs the buffer is unsafe: a larger input, another network or another MPI hangs it. Use "
            "MPI_Sendrecv, or order the calls (even ranks send first, odd ranks receive first)."),
        false });

    // ---- The gallery of classic mistakes: each measures a common error and its fix side by side. ----

    l.append({ QStringLiteral("tiny-tasks"), QT_TRANSLATE_NOOP("Lesson", "Tiny tasks, one trip each"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>The mistake: thousands of cheap tasks sent one at a time, <code>pool.map(f, xs, chunksize=1)</code> "
            "or one <code>apply_async</code> per item. Each task travels to a worker and its result travels back: "
            "tens of microseconds of pickling, pipes and waking up, for a task of a few microseconds.</p>"
            "<p>The fix: send the tasks in chunks, so one trip carries hundreds of them. "
            "<code>Pool.map</code> does it when you leave <code>chunksize</code> out; <code>imap</code> and "
            "<code>apply_async</code> do not.</p>"
            "<p>The experiment runs 40,000 tasks of one microsecond of CPU each, with chunksize 1 and with Python's "
            "default. "
            "Look at the plot's <b>Breakdown</b> view (Ctrl+4), which puts both series side by side: with chunksize "
            "1 the <b>dispatch and results</b> part dwarfs the useful work.</p>"),
        QStringLiteral("tiny-tasks"),
        QStringLiteral("const Workload* spin = findWorkload(\"spin\");   // tasks=40000, ms=0.001\n"
                       "ExecOptions o;\n"
                       "o.chunksize = 1;   // the mistake; 0: Pool::defaultChunksize(40000, p), the fix\n"
                       "ExecResult r = execute(&ctx, spin->function(params), spin->inputs(params), o);"),
        sweepAction(QStringLiteral("spin"), { QStringLiteral("tasks=40000"), QStringLiteral("ms=0.001") }, 2,
            { ExecutorKind::Process }, { 1, 0 }),
        { QT_TRANSLATE_NOOP(
              "Lesson", "Chunksize 1 takes longer for the same 40 ms of work: its trips cost more than the tasks."),
            QT_TRANSLATE_NOOP("Lesson",
                "In the breakdown, the chunksize-1 bars are mostly dispatch: the workers wait for their next task."),
            QT_TRANSLATE_NOOP("Lesson", "The useful work is the same in both series: only the travel differs.") },
        QT_TRANSLATE_NOOP("Lesson", "10,000 tasks of 5 µs each go to a pool with chunksize=1. What limits the run?"),
        { QT_TRANSLATE_NOOP("Lesson", "The number of cores."),
            QT_TRANSLATE_NOOP("Lesson", "The trip of every task to a worker and back, far longer than the task."),
            QT_TRANSLATE_NOOP("Lesson", "The size of the results."),
            QT_TRANSLATE_NOOP("Lesson", "The GIL of the main process.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "Each trip costs tens of microseconds whatever the task. With tasks of 5 µs the pool spends most of its "
            "time carrying them; chunks of a few hundred share one trip between many tasks."),
        true });

    l.append({ QStringLiteral("load-imbalance"),
        QT_TRANSLATE_NOOP("Lesson", "Load imbalance: split once, wait for the last"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>The mistake: cutting the work into one piece per worker up front, as if every piece cost the same. "
            "Counting primes in <code>[0, 4,000,000)</code> in ranges is such a case: a large number costs more to "
            "test than a small one, so the ranges at the top are the dear ones. Split in two halves, one worker "
            "gets the cheap half, finishes early and sits idle while the other works on.</p>"
            "<p>The fix: many small pieces handed out as workers become free (<b>dynamic</b> scheduling, as "
            "<code>imap_unordered(f, ranges, chunksize=1)</code> does). Whoever is free takes the next piece, so "
            "the workers finish together.</p>"
            "<p>The experiment counts primes in 32 ranges of rising cost: in 2 chunks of 16 ranges (one per worker, "
            "a static split) and in chunks of 1. The breakdown's <b>imbalance</b> part is the time a worker sat idle "
            "while another still computed.</p>"),
        QStringLiteral("load-imbalance"),
        QStringLiteral("const Workload* primes = findWorkload(\"primes\");   // limit=4000000, tasks=32, skew=3\n"
                       "ExecOptions o;\n"
                       "o.chunksize = 16;   // the mistake: half of the ranges each, decided up front\n"
                       "o.chunksize = 1;    // the fix: the next range to whoever is free"),
        sweepAction(QStringLiteral("primes"),
            { QStringLiteral("limit=4000000"), QStringLiteral("tasks=32"), QStringLiteral("skew=3") }, 2,
            { ExecutorKind::Process }, { 16, 1 }),
        { QT_TRANSLATE_NOOP(
              "Lesson", "At p = 2, chunksize 16 is far from half the time of p = 1; chunksize 1 comes close to it."),
            QT_TRANSLATE_NOOP("Lesson", "The breakdown of the chunksize-16 point at p = 2 has a large imbalance part."),
            QT_TRANSLATE_NOOP("Lesson", "At p = 1 both take the same time: there is nobody to wait for.") },
        QT_TRANSLATE_NOOP("Lesson", "Tasks of very different costs go to 4 workers. Which split finishes first?"),
        { QT_TRANSLATE_NOOP("Lesson", "A quarter of the tasks to each worker, decided before the start."),
            QT_TRANSLATE_NOOP("Lesson", "Small chunks, each to whichever worker is free."),
            QT_TRANSLATE_NOOP("Lesson", "Both alike: the total work is the same.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "A run lasts as long as its busiest worker. Fixed quarters give one worker the dearest tasks; small "
            "chunks handed out on demand even the load out, at the price of a few more trips."),
        true });

    l.append({ QStringLiteral("oversubscription"),
        QT_TRANSLATE_NOOP("Lesson", "Oversubscription: more processes than cores"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>The mistake: <code>Pool(32)</code> on a machine with 4 cores, in the hope that more processes do "
            "more. For CPU-bound work they cannot: the cores are all taken, and the processes only take turns. "
            "The scheduler stops a running process every few milliseconds to give its core to another: a "
            "<b>context switch</b>, which costs time and leaves the caches cold. Each extra process also costs "
            "its start-up and its memory.</p>"
            "<p>The fix: as many worker processes as cores, <code>Pool(os.cpu_count())</code>, which is what "
            "<code>Pool()</code> picks when you give no number.</p>"
            "<p>The experiment runs the same CPU-bound tasks with 1 process up to beyond twice the cores of this "
            "machine. Each line of the output says how many times the kernel took the CPU away from the workers "
            "(their <i>involuntary context switches</i>, counted by the kernel).</p>"),
        QStringLiteral("oversubscription"),
        QStringLiteral("const Workload* spin = findWorkload(\"spin\");\n"
                       "ExecOptions o;\n"
                       "o.workers = 3 * QThread::idealThreadCount();   // the mistake\n"
                       "ExecResult r = execute(&ctx, spin->function(params), spin->inputs(params), o);\n"
                       "r.workers[i].usage->involuntarySwitches;   // from wait4(): the CPU taken away"),
        oversubscriptionAction(),
        { QT_TRANSLATE_NOOP("Lesson", "Up to the number of cores the time falls; past it, it stops falling."),
            QT_TRANSLATE_NOOP("Lesson",
                "Compare the involuntary context switches up to and past the cores: on an idle machine they jump once "
                "the processes must take turns."),
            QT_TRANSLATE_NOOP("Lesson", "The pool start-up grows with every extra process.") },
        QT_TRANSLATE_NOOP("Lesson", "CPU-bound tasks on a 4-core machine: how many worker processes?"),
        { QT_TRANSLATE_NOOP("Lesson", "4, one per core."), QT_TRANSLATE_NOOP("Lesson", "32: the more, the faster."),
            QT_TRANSLATE_NOOP("Lesson", "1: processes cannot run at the same time.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "Four cores run four processes at a time. A fifth CPU-bound process adds no computing power: it makes "
            "the others take turns, with context switches and colder caches. Waiting (I/O-bound) tasks are "
            "different: a sleeping process leaves its core to the others."),
        true });

    l.append({ QStringLiteral("lock-convoy"), QT_TRANSLATE_NOOP("Lesson", "Lock convoy: everyone in one line"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>The mistake: doing the work <i>inside</i> the lock that protects a shared result, "
            "<code>with lock: total.value += work(x)</code>. Only one process at a time can hold the lock, so only "
            "one computes; the others queue behind it like a convoy, and the program runs at the speed of one "
            "process, whatever the number of workers.</p>"
            "<p>The fix: compute outside, hold the lock only for the update, "
            "<code>r = work(x)</code> then <code>with lock: total.value += r</code>. Better still, give each "
            "worker its own partial result and add them up at the end (a reduce), with no lock at all.</p>"
            "<p>The experiment runs 16 tasks of 20 ms that each update a shared total 10 times: with the work "
            "inside the lock (locked=1) and outside (locked=0). The breakdown's <b>waiting</b> part is the time "
            "spent queueing for the lock; the stage shows the line of waiters.</p>"),
        QStringLiteral("lock-convoy"),
        QStringLiteral("const Workload* convoy = findWorkload(\"convoy\");   // tasks=16, ms=20, steps=10\n"
                       "// in each task, 10 times: d = work outside; LockGuard with(lock); d ^= work inside;\n"
                       "//                         total ^= d   (locked: the share of work inside)\n"
                       "SweepSpec spec;\n"
                       "spec.sizeParam = \"locked\";\n"
                       "spec.sizeValues = { \"1\", \"0\" };   // the mistake, the fix"),
        withSizes(sweepAction(QStringLiteral("convoy"),
                      { QStringLiteral("tasks=16"), QStringLiteral("ms=20"), QStringLiteral("steps=10") }, 2),
            QStringLiteral("locked"), { QStringLiteral("1"), QStringLiteral("0") }),
        { QT_TRANSLATE_NOOP("Lesson", "locked=1: p = 2 takes as long as p = 1, or longer."),
            QT_TRANSLATE_NOOP(
                "Lesson", "locked=0: the same work nearly halves at p = 2, and the total is still exact."),
            QT_TRANSLATE_NOOP("Lesson", "The waiting part of the breakdown is about half of locked=1's p = 2 bar.") },
        QT_TRANSLATE_NOOP("Lesson",
            "Each task computes for 20 ms and then adds its result to a shared total. What "
            "should the lock cover?"),
        { QT_TRANSLATE_NOOP("Lesson", "The 20 ms of computing and the addition, to be safe."),
            QT_TRANSLATE_NOOP("Lesson", "Only the addition to the shared total."),
            QT_TRANSLATE_NOOP("Lesson", "Nothing: adding is a single step.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "The lock must cover the read-add-write of the shared total, or updates get lost, and nothing more: "
            "everything under it runs one process at a time. Keep critical sections short, or avoid sharing by "
            "reducing partial results at the end."),
        true });

    l.append({ QStringLiteral("false-sharing"),
        QT_TRANSLATE_NOOP("Lesson", "False sharing: neighbours in one cache line"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>The mistake: giving each process its own counter in one shared array, side by side: "
            "<code>counts = Array('q', 8, lock=False)</code>, worker i doing <code>counts[i] += 1</code> in a loop. "
            "No two workers touch the same number, so no lock is needed, and the answer is right. But the "
            "processor does not move single numbers between cores: it moves <b>cache lines</b> of 64 bytes, here "
            "eight counters. Each write by one core takes the line away from the other, which must fetch it "
            "back: the two cores pass the line to and fro millions of times.</p>"
            "<p>The fix: <b>padding</b>, one counter per cache line (8 cells apart: <code>counts[8*i]</code>), "
            "or a local variable written to the array once at the end.</p>"
            "<p>The experiment has 8 tasks increment their own counter 50 million times, with the counters "
            "adjacent (stride=1) and 64 bytes apart (stride=8); every counter is checked at the end. In CPython the "
            "interpreter's own work hides much of the effect; in compiled code (NumPy, C, ProcLab's workers) it "
            "shows in full.</p>"),
        QStringLiteral("false-sharing"),
        QStringLiteral("const Workload* fs = findWorkload(\"falseshare\");   // tasks=8, increments=50000000\n"
                       "// task i: volatile quint64* cell = cells + i * stride; (*cell)++ n times\n"
                       "SweepSpec spec;\n"
                       "spec.sizeParam = \"stride\";\n"
                       "spec.sizeValues = { \"1\", \"8\" };   // adjacent: false sharing; 64 bytes apart"),
        withSizes(sweepAction(QStringLiteral("falseshare"),
                      { QStringLiteral("tasks=8"), QStringLiteral("increments=50000000") }, 2,
                      { ExecutorKind::Process }, { 1 }),
            QStringLiteral("stride"), { QStringLiteral("1"), QStringLiteral("8") }),
        { QT_TRANSLATE_NOOP("Lesson", "At p = 1 both strides take the same time: one core keeps the line."),
            QT_TRANSLATE_NOOP(
                "Lesson", "At p = 2, stride 1 is much slower than stride 8, though the work is exactly the same."),
            QT_TRANSLATE_NOOP("Lesson", "Both runs verify: false sharing costs time, never correctness.") },
        QT_TRANSLATE_NOOP("Lesson",
            "Two processes each update only their own 8-byte counter, stored side by side. "
            "Why is it slow?"),
        { QT_TRANSLATE_NOOP("Lesson", "Updates get lost and must be redone."),
            QT_TRANSLATE_NOOP("Lesson",
                "Both counters sit in one cache line, which the two cores keep taking from "
                "each other."),
            QT_TRANSLATE_NOOP("Lesson", "Shared memory is always slower than private memory."),
            QT_TRANSLATE_NOOP("Lesson", "The operating system locks the array at each write.") },
        1,
        QT_TRANSLATE_NOOP("Lesson",
            "Caches keep whole lines of 64 bytes coherent. A write needs the line for itself, so two cores writing "
            "different words of one line keep invalidating each other's copy. Put data written by different "
            "processes on different lines."),
        true });

    l.append({ QStringLiteral("deadlock"), QT_TRANSLATE_NOOP("Lesson", "Deadlock: two locks, two orders"),
        QT_TRANSLATE_NOOP("Lesson",
            "<p>A process that needs two locks takes one, then the other. If another process takes the same two "
            "in the opposite order, each can end up holding one lock and waiting for the other: a "
            "<b>deadlock</b>. Neither ever goes on, and Python does not notice: the program just hangs.</p>"
            "<p>ProcLab follows who waits for whom from the lock events: worker 1 waits for lock B, held by "
            "worker 2, which waits for lock A, held by worker 1. A cycle in this <b>wait-for graph</b> is a "
            "deadlock; the stage draws it in red within a second, and the demo stops both processes.</p>"
            "<p>The cure is <b>lock ordering</b>: give the locks one order and take them in that order "
            "everywhere (<code>with a: with b:</code> in every process). The second run does just that, and "
            "both finish.</p>"),
        QStringLiteral("deadlock"),
        QStringLiteral("Lock a(&ctx), b(&ctx);\n"
                       "WaitForGraph graph;                   // who waits for whom, from the lock events\n"
                       "graph.apply(batch);                   // LockWait, LockAcquire, LockRelease\n"
                       "if (!graph.cycle().isEmpty()) ...     // each waits for a lock the next one holds"),
        demoAction({ QStringLiteral("deadlock"), QStringLiteral("deadlock-fixed") }, 2),
        { QT_TRANSLATE_NOOP("Lesson",
              "First run: each worker takes its first lock, then waits for the other's; the stage draws the "
              "cycle in red and names both processes and both locks."),
            QT_TRANSLATE_NOOP(
                "Lesson", "Second run: both take A before B; one waits for A a moment, then both finish.") },
        QT_TRANSLATE_NOOP("Lesson", "Two processes need locks A and B. Which rule rules out a deadlock between them?"),
        { QT_TRANSLATE_NOOP("Lesson", "Every process takes A before B."),
            QT_TRANSLATE_NOOP("Lesson", "Hold each lock as briefly as possible."),
            QT_TRANSLATE_NOOP("Lesson", "Use more processes."),
            QT_TRANSLATE_NOOP("Lesson", "Release the locks in the order they were taken.") },
        0,
        QT_TRANSLATE_NOOP("Lesson",
            "With one order no cycle can form: whoever holds A can always get B, and the other waits for A, not "
            "for something the first one waits for. Holding locks briefly makes a deadlock rarer, not "
            "impossible."),
        true });

    return l;
}

} // namespace

bool LessonAction::needsMpi() const
{
    return !demos.filter(QRegularExpression(QStringLiteral("^mpi-"))).isEmpty()
        || executors.contains(ExecutorKind::MpiSpmd) || executors.contains(ExecutorKind::MpiFarm);
}

namespace {

QString executorsText(const QList<ExecutorKind>& executors)
{
    QStringList names;
    for (ExecutorKind e : executors)
        names << toString(e);
    return names.join(QStringLiteral(", "));
}

} // namespace

qint64 involuntarySwitches(const SweepPoint& point)
{
    qint64 total = -1;
    for (const WorkerStat& w : point.workers)
        if (w.usage)
            total = std::max<qint64>(total, 0) + w.usage->involuntarySwitches;
    return total;
}

QString Lesson::title() const
{
    return tr(titleSource);
}
QString Lesson::text() const
{
    return tr(textSource);
}
QStringList Lesson::prompts() const
{
    return trList(promptSources);
}
QString Lesson::question() const
{
    return tr(questionSource);
}
QStringList Lesson::answers() const
{
    return trList(answerSources);
}
QString Lesson::explanation() const
{
    return tr(explanationSource);
}

QString Lesson::python() const
{
    QFile f(pythonProgramPath(pythonFile));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

QString Lesson::actionSummary() const
{
    if (action.kind == LessonAction::Kind::Demo)
        return QCoreApplication::translate("Lesson", "Runs the demos %1 (pool size %2 where a demo has a choice).")
            .arg(action.demos.join(QStringLiteral(", ")))
            .arg(action.processes);
    QString chunks;
    if (action.chunksizes != QList<int> { 0 }) {
        QStringList c;
        for (int k : action.chunksizes)
            c << (k > 0 ? QString::number(k) : QCoreApplication::translate("Lesson", "default"));
        chunks = QLatin1Char(' ')
            + QCoreApplication::translate("Lesson", "Chunksizes: %1.").arg(c.join(QStringLiteral(", ")));
    }
    QString sizes;
    if (!action.sizeValues.isEmpty()) {
        QStringList v;
        for (const QString& value : action.sizeValues)
            v << action.sizeParam + QLatin1Char('=') + value;
        sizes = QLatin1Char(' ')
            + QCoreApplication::translate("Lesson", "One series each: %1.").arg(v.join(QStringLiteral(", ")));
    }
    return QCoreApplication::translate("Lesson", "Measures %1 (%2) with p = 1 to %3: %4.")
               .arg(action.workload, action.settings.join(QStringLiteral(", ")))
               .arg(action.processes)
               .arg(executorsText(action.executors))
        + chunks + sizes
        + (action.weakParam.isEmpty() || !findWorkload(action.workload) ? QString()
                                                                        : QLatin1Char(' ')
                    + QCoreApplication::translate("Lesson", "Weak scaling: %1.")
                          .arg(weakLaw(*findWorkload(action.workload), action.weakParam)))
        + (action.simulatedHosts.isEmpty() ? QString()
                                           : QLatin1Char(' ')
                    + QCoreApplication::translate("Lesson", "MPI hosts, simulated on this machine: %1.")
                          .arg(action.simulatedHosts.join(QStringLiteral(", "))));
}

const QList<Lesson>& lessons()
{
    static const QList<Lesson> all = makeLessons();
    return all;
}

const Lesson* findLesson(const QString& name)
{
    const int i = lessonIndex(name);
    return i < 0 ? nullptr : &lessons().at(i);
}

int lessonIndex(const QString& name)
{
    const QList<Lesson>& all = lessons();
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all.at(i).name == name)
            return int(i);
    }
    return -1;
}

bool sweepSpecFor(const LessonAction& action, SweepSpec* spec, QString* error)
{
    if (action.kind != LessonAction::Kind::Sweep) {
        *error = QStringLiteral("not a sweep");
        return false;
    }
    const Workload* w = findWorkload(action.workload);
    if (!w) {
        *error = QStringLiteral("unknown workload '%1'").arg(action.workload);
        return false;
    }
    SweepSpec s;
    s.workload = w->name();
    if (!parseParams(*w, action.settings, &s.params, error))
        return false;
    s.processes = SweepSpec::range(1, action.processes);
    s.executors = action.executors;
    s.chunksizes = action.chunksizes;
    s.sizeParam = action.sizeParam;
    s.sizeValues = action.sizeValues;
    s.weakParam = action.weakParam;
    s.startMethod = action.startMethod;
    s.repeats = action.repeats;
    if (const QString problem = Experiment::validate(s); !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    *spec = s;
    return true;
}

QString validateAction(const LessonAction& action)
{
    if (action.processes < 1 || action.processes > 64)
        return QStringLiteral("processes must be from 1 to 64");
    if (!action.simulatedHosts.isEmpty()) {
        QString error;
        if (!mpi::parseHostfile(action.simulatedHosts, QStringLiteral("simulated hosts"), &error))
            return QStringLiteral("simulated hosts: %1").arg(error);
    }
    if (action.kind == LessonAction::Kind::Demo) {
        if (action.demos.isEmpty())
            return QStringLiteral("no demo to run");
        for (const QString& name : action.demos) {
            if (!findDemo(name))
                return QStringLiteral("unknown demo '%1'").arg(name);
        }
        return {};
    }
    SweepSpec spec;
    QString error;
    return sweepSpecFor(action, &spec, &error) ? QString() : error;
}

int runLessonAction(const Lesson& lesson, DemoOutput& out, SweepResult* sweep)
{
    const LessonAction& action = lesson.action;
    if (const QString problem = validateAction(action); !problem.isEmpty()) {
        out.print(QStringLiteral("lesson %1: %2").arg(lesson.name, problem));
        return 2;
    }
    std::unique_ptr<mpi::SimulatedHosts> hosts; // the action's MPI runs go there while it lasts
    if (!action.simulatedHosts.isEmpty()) {
        QString error;
        hosts = std::make_unique<mpi::SimulatedHosts>(
            *mpi::parseHostfile(action.simulatedHosts, QStringLiteral("simulated hosts"), &error));
        if (!hosts->error().isEmpty()) {
            out.print(QStringLiteral("lesson %1: %2").arg(lesson.name, hosts->error()));
            return 1;
        }
    }
    if (action.kind == LessonAction::Kind::Demo) {
        int code = 0;
        for (const QString& name : action.demos) {
            const Demo* demo = findDemo(name);
            out.print(QStringLiteral("$ proclab-cli demo %1").arg(name));
            DemoOptions options;
            options.processes = action.processes;
            options.startMethod = action.startMethod;
            // The workers' console and the demo's prints go to the one output, as on a shared terminal.
            Context context(options.startMethod);
            context.events().setRecording(false); // nothing here reads them
            QObject::connect(
                &context, &Context::consoleOutput, &context,
                [&out](const ConsoleChunk& chunk) {
                    if (chunk.stream == 1)
                        out.write(QString::fromUtf8(chunk.text));
                },
                Qt::DirectConnection);
            try {
                const int c = demo->run(context, options, out);
                code = code ? code : c == demo->expectedExitCode() ? 0 : c; // deadlock: 5 is what it shows
            } catch (const std::exception& e) {
                out.print(QStringLiteral("demo %1 failed: %2").arg(name, QString::fromUtf8(e.what())));
                code = 1;
            }
        }
        return code;
    }

    SweepSpec spec;
    QString error;
    sweepSpecFor(action, &spec, &error);
    Experiment experiment;
    const QList<SweepSeries> planned = plannedSeries(spec);
    QObject::connect(&experiment, &Experiment::pointMeasured, &experiment, [&out, &planned](const SweepPoint& pt) {
        QString line = QStringLiteral("%1, chunksize %2").arg(toString(pt.executor)).arg(pt.chunksize);
        if (pt.series >= 0 && pt.series < planned.size() && !planned.at(pt.series).size.isEmpty())
            line += QStringLiteral(", ") + planned.at(pt.series).size;
        if (!pt.size.isEmpty()) // weak scaling: the problem at this p
            line += QStringLiteral(", ") + pt.size;
        line += QStringLiteral(", p = %1: %2 ms").arg(pt.processes).arg(pt.median * 1e3, 0, 'f', 1);
        if (std::isfinite(pt.speedup))
            line += (pt.size.isEmpty() ? QStringLiteral(", speedup %1x, efficiency %2 %")
                                       : QStringLiteral(", scaled speedup %1x, efficiency %2 %"))
                        .arg(pt.speedup, 0, 'f', 2)
                        .arg(100 * pt.efficiency, 0, 'f', 0);
        if (const qint64 switches = involuntarySwitches(pt); switches >= 0)
            line += QStringLiteral(", %1 involuntary context switches").arg(switches);
        if (!pt.verified)
            line += QStringLiteral(" (NOT VERIFIED)");
        out.print(line);
    });
    const SweepResult result = experiment.run(spec);
    bool ok = result.outcome == SweepResult::Outcome::Completed;
    for (const SweepSeries& s : result.series) {
        if (s.amdahl.valid())
            out.print(QStringLiteral("%1: %2 serial fraction %3")
                          .arg(s.label(), s.amdahl.lawName())
                          .arg(s.amdahl.serialFraction, 0, 'f', 3));
        for (const SweepPoint& pt : s.points)
            ok = ok && pt.verified && pt.failedTasks == 0;
    }
    if (result.outcome != SweepResult::Outcome::Completed)
        out.print(QStringLiteral("sweep %1: %2").arg(toString(result.outcome), result.error));
    if (sweep)
        *sweep = result;
    return ok ? 0 : 1;
}

} // namespace proclab
