#pragma once

// A pool of real worker processes with Python's multiprocessing.Pool API: map, starmap, imap,
// imap_unordered, apply, apply_async, map_async, chunksize, maxtasksperchild, close/join/terminate.
// Methods may be called from any thread; the pool's machinery runs on its Context's I/O thread.

#include "engine/asyncresult.h"
#include "engine/fault.h"
#include "engine/startmethod.h"
#include "engine/taskstream.h"
#include "mp/function.h"

#include <QCborArray>
#include <QList>
#include <QObject>

#include <condition_variable>
#include <memory>
#include <mutex>

namespace proclab {

class Context;
class PoolEngine;

struct PoolOptions {
    int processes = 0; // 0: one per CPU, as Pool() does
    Scheduling scheduling = Scheduling::Dynamic;
    int maxTasksPerChild = 0; // 0: workers live as long as the pool
    qint64 paceNs = 0; // a real delay before each task, so a classroom run moves at human speed
    // A task running longer than this (from its start in a worker) has its worker killed: the task fails with
    // DeadlineExceeded and a fresh worker takes the slot. 0: no deadline. Unlike AsyncResult::get(timeout),
    // which only stops waiting while the task runs on.
    qint64 taskDeadlineMs = 0;
    int terminateGraceMs = 1000; // terminate(): SIGTERM, this long, then SIGKILL to each worker's process group
    // A crash loop: this many workers dying before Ready within the window break the pool, every pending task
    // failing with PoolError and the last cause, instead of respawning forever.
    int crashLoopStarts = 5;
    int crashLoopWindowMs = 10000;
    QList<Fault> faults = {}; // failures injected on purpose, to watch and test the recovery
};

struct PoolWorkerInfo {
    int index = -1; // slot
    qint64 pid = 0;
    QString name; // SpawnPoolWorker-1, ...
    qint64 tasks = 0; // tasks it completed
    bool alive = false;
    qint64 startupNs = 0; // from spawn to Ready
};

class Pool : public QObject {
    Q_OBJECT
public:
    explicit Pool(Context* context, const PoolOptions& options = {}, QObject* parent = nullptr);
    ~Pool() override; // terminate(), as leaving `with Pool() as p:` does

    Context* context() const { return m_context; }
    int processes() const { return m_processes; }
    // Blocks until every first-generation worker is up. False if the pool broke or the timeout passed.
    bool waitReady(int timeoutMs = -1);
    qint64 startupNs() const; // construction to the last worker's Ready

    // Blocking calls. map and starmap throw the TaskError of the first failed task.
    QCborArray map(const Function& f, const QCborArray& inputs, int chunksize = 0);
    QCborArray starmap(const Function& f, const QCborArray& argTuples, int chunksize = 0);
    QCborValue apply(const Function& f, const QCborValue& args);
    ResultIterator imap(const Function& f, const QCborArray& inputs, int chunksize = 1);
    ResultIterator imapUnordered(const Function& f, const QCborArray& inputs, int chunksize = 1);

    AsyncResult applyAsync(const Function& f, const QCborValue& args);
    AsyncResult mapAsync(const Function& f, const QCborArray& inputs, int chunksize = 0);
    AsyncResult starmapAsync(const Function& f, const QCborArray& argTuples, int chunksize = 0);
    // A map whose chunks are made as workers have room for them and whose results go to tasks.results in input
    // order as they come in (TaskStream): it holds only what is in flight, whatever tasks.count. The AsyncResult
    // tells when it is done and which tasks failed; its get() gives null. chunksize 0: TaskStream::autoChunksize.
    AsyncResult mapStream(const Function& f, const TaskStream& tasks, int chunksize = 0);

    void close(); // no more submissions
    void join(); // after close(): waits for all work, then for the workers to exit
    void terminate(); // stops the workers now (SIGTERM, then SIGKILL after a grace period); pending work fails

    // Python's default: ceil(n / (4 * processes)).
    static int defaultChunksize(qsizetype inputs, int processes);

    QList<PoolWorkerInfo> workers() const; // every process that served this pool, replaced ones included
    QString brokenReason() const; // non-empty once the pool cannot run tasks any more

Q_SIGNALS:
    // Emitted on the I/O thread when a worker dies or misbehaves unasked.
    void workerFailed(int index, qint64 pid, const QString& reason);

private:
    friend class PoolEngine;
    std::shared_ptr<detail::Job> submit(
        int kind, const Function& f, const QCborArray& inputs, int chunksize, bool starmap);

    Context* m_context;
    int m_processes;
    std::unique_ptr<PoolEngine> m_engine; // lives on the I/O thread
    bool m_closed = false;
    bool m_finished = false; // joined or terminated
};

} // namespace proclab
