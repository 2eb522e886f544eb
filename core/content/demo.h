#pragma once

// Tutorial demos: each example of the curriculum as a small C++ program on real processes, printing what
// the tutorial printed, with the equivalent Python program shipped beside it (resources/python/NAME.py).
// A demo's run() plays the Python program's main process: it makes Processes, Pools, Queues... on the
// Context, and prints through DemoOutput; what the workers print arrives on the Context's shared console.

#include "engine/startmethod.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <mutex>

namespace proclab {

class Context;

struct DemoOptions {
    int processes = 4; // workers / pool size where the demo has a choice (-p)
    StartMethod startMethod = DefaultStartMethod;
    qint64 paceNs = 0; // a real delay before each pool task, so a classroom run moves at human speed
};

// The main process's stdout. Thread-safe; each write goes to `sink` at once, in order.
class DemoOutput {
public:
    explicit DemoOutput(std::function<void(const QByteArray&)> sink = {})
        : m_sink(std::move(sink))
    {
    }
    void print(const QString& line) { write(line + QLatin1Char('\n')); } // print(...)
    void write(const QString& text); // print(..., end='')
    QByteArray text() const;

private:
    std::function<void(const QByteArray&)> m_sink;
    mutable std::mutex m_mutex;
    QByteArray m_text; // guarded by m_mutex
};

// The exit code of a demo that caught a deadlock and broke it (documented: README, proclab-cli --help).
constexpr int DeadlockExitCode = 5;

class Demo {
public:
    virtual ~Demo() = default;
    virtual QString name() const = 0; // "queue", "pool-map", ...
    virtual QString description() const = 0; // one line for `demo --list`
    virtual QString topic() const = 0; // "Pool", "Process", "Queue", ... (lesson grouping)
    // Runs the demo; returns its exit code (expectedExitCode() when it did what the tutorial shows).
    virtual int run(Context& context, const DemoOptions& options, DemoOutput& out) const = 0;
    // 0, but for a demo whose point is a failure (deadlock: 5, the deadlock was caught and broken).
    virtual int expectedExitCode() const { return 0; }
    // The equivalent Python program (from the resources), or an empty string if missing.
    QString pythonSource() const;
};

// The resource path of the Python program called NAME (":/python/NAME.py"), shipped in resources/python/ and
// installed in share/proclab/python/. "queue" is shipped as queue-demo.py: a file called queue.py would hide the
// standard library's queue module (which multiprocessing imports) from every program in the same folder.
QString pythonProgramPath(const QString& name);

QList<const Demo*> demos();
const Demo* findDemo(const QString& name);
// Demos of a layer above this one (the MPI demos, mpi/mpidemos.h), listed after the others. Call from main() before
// any thread runs, as registerContent(); adding the same demos twice adds them once.
void addDemos(const QList<const Demo*>& more);

// Demo families, each in its own file.
QList<const Demo*> poolDemos(); // demos_pool.cpp
QList<const Demo*> processDemos(); // demos_process.cpp
QList<const Demo*> ipcDemos(); // demos_ipc.cpp: queue, queue-order, pipe, ping-pong, producer-consumer
QList<const Demo*> syncDemos(); // demos_sync.cpp: lock, no-lock, value-array, shared-counter, barrier, semaphore
QList<const Demo*> managerDemos(); // demos_manager.cpp
QList<const Demo*> libraryDemos(); // demos_libraries.cpp: joblib-parallel, sharedmem-mapreduce

} // namespace proclab
