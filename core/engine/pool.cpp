#include "engine/pool.h"

#include "base/clock.h"
#include "base/ioloop.h"
#include "base/messages.h"
#include "base/platform.h"
#include "engine/context.h"
#include "engine/workerprocess.h"

#include <QLoggingCategory>
#include <QThread>

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcPool, "proclab.pool")

namespace proclab {

using detail::Job;

namespace {
constexpr int StderrLinesInFailure = 5;
} // namespace

// The pool's state machine. Loop thread only, except the members guarded by m_mutex.
class PoolEngine : public QObject {
public:
    // The chunks a map over a TaskStream has still to make: every stride-th one from nextChunk (the dynamic queue
    // takes them all, a slot's static queue those dealt to it).
    struct StreamCursor {
        std::shared_ptr<Job> job;
        std::function<QCborArray(qsizetype first, qsizetype n)> inputs;
        qint64 functionId = 0;
        qint64 taskBase = 0;
        int chunksize = 1;
        qsizetype nextChunk = 0;
        qsizetype stride = 1;
        qsizetype aheadTasks = 0; // a chunk is made only this close to the oldest result still missing
    };

    struct Chunk {
        qint64 id = 0;
        std::shared_ptr<Job> job;
        qint64 functionId = 0;
        qsizetype first = 0; // index of its first task within the job
        qint64 taskBase = 0; // pool-wide number of the job's task 0 (for events)
        QCborArray args;
        bool startReported = false; // the worker sent Started (it does so only when not batching)
        // Set in a queue entry that stands for the chunks a stream will make (the fields above are unused).
        std::shared_ptr<StreamCursor> cursor = {};
    };

    struct Slot {
        std::unique_ptr<WorkerProcess> proc;
        std::deque<qint64> outstanding; // chunk ids sent to it, oldest first (it runs them in order)
        std::deque<Chunk> staticQueue; // Scheduling::Static: chunks dealt to this slot
        std::set<qint64> defined; // functions it knows
        qint64 tasksDone = 0; // by its current process
        int record = -1; // index into m_records
        double avgChunkNs = 0;
        bool ready = false;
        bool retiring = false;
        bool firstGeneration = true;
        qint64 deadlineTask = -1; // pool-wide number of the task whose deadline got its process killed
    };

    PoolEngine(Pool* pool, Context* context, const PoolOptions& options, int processes)
        : m_pool(pool)
        , m_context(context)
        , m_options(options)
        , m_slots(size_t(processes))
        , m_createdNs(monotonicNs())
    {
    }

    ~PoolEngine() override
    {
        // Loop thread: WorkerProcess destructors SIGKILL and reap whatever still runs.
        *m_alive = false;
    }

    // ---- loop thread ----

    void startAll()
    {
        for (int i = 0; i < int(m_slots.size()); ++i)
            startWorker(i);
        if (m_options.taskDeadlineMs > 0)
            scheduleDeadlineCheck();
    }

    qint64 functionId(const Function& f)
    {
        const QByteArray key = f.key();
        const auto it = m_functionIds.find(key);
        if (it != m_functionIds.end())
            return it->second;
        const qint64 id = qint64(m_functions.size()) + 1;
        m_functions.push_back(f);
        m_functionIds.emplace(key, id);
        return id;
    }

    // Numbers a new job's tasks pool-wide (*base: its task 0) and reports them submitted. False when the pool is
    // down: the job failed.
    bool admit(const std::shared_ptr<Job>& job, qint64* base)
    {
        *base = m_nextTask;
        m_nextTask += job->count;
        {
            std::lock_guard lock(job->mutex);
            job->taskBase = *base;
        }
        if (eventsWanted()) {
            const qint64 now = monotonicNs();
            for (qsizetype i = 0; i < job->count; ++i)
                recordEvent(now, 0, -1, EventKind::TaskSubmit, -1, *base + i, 0);
        }
        if (!m_broken.isEmpty() || m_terminating) {
            job->failAll({ -1, QStringLiteral("PoolError"), poolDownReason(), 0, -1, QStringLiteral("pool") });
            flushEvents();
            return false;
        }
        return true;
    }

    void enqueue(const std::shared_ptr<Job>& job, const Function& f, const QCborArray& inputs, int chunksize)
    {
        const qint64 fid = functionId(f);
        qint64 base = 0;
        if (!admit(job, &base))
            return;
        for (qsizetype first = 0; first < job->count; first += chunksize) {
            Chunk c;
            c.id = m_nextChunk++;
            c.job = job;
            c.functionId = fid;
            c.first = first;
            c.taskBase = base;
            const qsizetype n = std::min<qsizetype>(chunksize, job->count - first);
            for (qsizetype k = 0; k < n; ++k)
                c.args.append(inputs.at(first + k));
            if (m_options.scheduling == Scheduling::Static)
                m_slots[size_t(m_roundRobin++ % m_slots.size())].staticQueue.push_back(std::move(c));
            else
                m_queue.push_back(std::move(c));
        }
        dispatch();
        flushEvents();
    }

    // As enqueue(), but the chunks are made as workers have room for them, from the stream's inputs.
    void enqueueStream(const std::shared_ptr<Job>& job, const Function& f, const TaskStream& tasks, int chunksize)
    {
        const qint64 fid = functionId(f);
        qint64 base = 0;
        if (!admit(job, &base))
            return;
        StreamCursor cursor { job, tasks.inputs, fid, base, chunksize, 0, 1,
            TaskStream::aheadTasks(int(m_slots.size()), chunksize) };
        const qsizetype chunks = (job->count + chunksize - 1) / chunksize;
        if (m_options.scheduling == Scheduling::Static) {
            // Chunk k goes to slot (r + k) mod p, as enqueue() deals them: each slot makes its own.
            const qsizetype p = qsizetype(m_slots.size());
            for (qsizetype i = 0; i < p; ++i) {
                const qsizetype k0 = ((i - qsizetype(m_roundRobin % m_slots.size())) % p + p) % p;
                if (k0 >= chunks)
                    continue;
                Chunk entry;
                entry.job = job;
                entry.cursor = std::make_shared<StreamCursor>(cursor);
                entry.cursor->nextChunk = k0;
                entry.cursor->stride = p;
                m_slots[size_t(i)].staticQueue.push_back(std::move(entry));
            }
            m_roundRobin += size_t(chunks);
        } else {
            Chunk entry;
            entry.job = job;
            entry.cursor = std::make_shared<StreamCursor>(cursor);
            m_queue.push_back(std::move(entry));
        }
        dispatch();
        flushEvents();
    }

    void join()
    {
        m_joining = true;
        quitIfDone();
    }

    void terminate()
    {
        if (m_terminating)
            return;
        m_terminating = true;
        failEverything(QStringLiteral("the pool was terminated"));
        for (auto& s : m_slots)
            if (s.proc && s.proc->state() != WorkerProcess::State::Exited)
                s.proc->terminate();
        std::weak_ptr<bool> alive = m_alive;
        m_context->loop()->callAt(monotonicNs() + qint64(m_options.terminateGraceMs) * 1'000'000, [this, alive] {
            if (alive.expired() || !*alive.lock())
                return;
            for (auto& s : m_slots)
                if (s.proc && s.proc->state() != WorkerProcess::State::Exited)
                    s.proc->kill();
        });
        flushEvents();
    }

    // ---- any thread, under m_mutex ----
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    int m_firstReady = 0; // guarded
    qint64 m_startupNs = 0; // guarded
    QString m_broken; // guarded (written on the loop thread under the mutex)
    int m_alive_count = 0; // guarded: processes started and not yet seen exiting
    QList<PoolWorkerInfo> m_records; // guarded

private:
    QString poolDownReason() const { return m_broken.isEmpty() ? QStringLiteral("the pool was terminated") : m_broken; }

    // Whether the events are read at all (a trace, a recording, the window): four per task are not made for nobody.
    bool eventsWanted() const { return m_context->events().wanted(); }
    void recordEvent(qint64 t, qint64 pid, int worker, EventKind kind, qint32 object, qint64 task, qint64 value)
    {
        if (eventsWanted())
            m_events.push_back({ t, qint32(pid), worker, kind, object, task, value });
    }
    void flushEvents()
    {
        if (!m_events.empty()) {
            m_context->events().append(m_events);
            m_events.clear();
        }
    }

    void setRecord(int record, const std::function<void(PoolWorkerInfo&)>& change)
    {
        std::lock_guard lock(m_mutex);
        change(m_records[record]);
    }

    void startWorker(int i)
    {
        Slot& s = m_slots[size_t(i)];
        const QString kind
            = m_context->startMethod() == StartMethod::Spawn ? QStringLiteral("Spawn") : QStringLiteral("ForkServer");
        const QString name = QStringLiteral("%1PoolWorker-%2").arg(kind).arg(m_context->nextPoolWorkerNumber());
        s.proc = std::make_unique<WorkerProcess>(m_context, i, name, m_options.paceNs);
        s.outstanding.clear();
        s.defined.clear();
        s.tasksDone = 0;
        s.ready = false;
        s.retiring = false;
        s.avgChunkNs = 0;
        s.deadlineTask = -1;
        s.proc->setFaults(m_options.faults);
        WorkerProcess* proc = s.proc.get();
        proc->onReady = [this](int index, qint64 pid) { onReady(index, pid); };
        proc->onChunkStarted = [this, i](const wire::Started& m) { onStarted(i, m); };
        proc->onChunksDone = [this, i](const wire::Done& m) { onDone(i, m); };
        proc->onBatchEnd = [this] {
            dispatch();
            quitIfDone();
            flushEvents();
        };
        proc->onFinished = [this, proc](int index, qint64 pid, int) { onExit(index, proc, pid, QString()); };
        proc->onFailed = [this, proc](int index, qint64 pid, const QString& why) { onExit(index, proc, pid, why); };
        {
            std::lock_guard lock(m_mutex);
            s.record = int(m_records.size());
            m_records.append({ i, 0, name, 0, false, 0 });
        }
        QString error;
        if (!proc->start(&error)) {
            breakPool(QStringLiteral("cannot start worker %1: %2").arg(name, error));
            return;
        }
        std::lock_guard lock(m_mutex);
        m_records[s.record].pid = proc->pid();
        m_records[s.record].alive = true;
        ++m_alive_count;
    }

    void onReady(int i, qint64 pid)
    {
        Slot& s = m_slots[size_t(i)];
        s.ready = true;
        {
            std::lock_guard lock(m_mutex);
            auto& r = m_records[s.record];
            r.pid = pid;
            r.startupNs = s.proc->readyNs() - s.proc->spawnNs();
            if (s.firstGeneration && ++m_firstReady == int(m_slots.size()))
                m_startupNs = monotonicNs() - m_createdNs;
        }
        s.firstGeneration = false;
        m_cv.notify_all();
        dispatch();
        flushEvents();
    }

    int window(const Slot& s) const
    {
        // Keep about a millisecond of work queued in each worker, so tiny tasks never starve on the
        // round trip, while slow tasks are pulled one at a time (true dynamic scheduling).
        if (s.avgChunkNs <= 0)
            return 2;
        if (s.avgChunkNs < 20'000)
            return 64;
        if (s.avgChunkNs < 200'000)
            return 8;
        if (s.avgChunkNs < 1'000'000)
            return 2;
        return 1;
    }

    // Makes the front of `queue` a chunk: when it is a stream's cursor, the cursor's next chunk is made and put
    // before it. False when the queue is empty, or its front is a stream that must wait for older results.
    bool makeFront(std::deque<Chunk>& queue)
    {
        while (!queue.empty() && queue.front().cursor) {
            const std::shared_ptr<StreamCursor> cursor = queue.front().cursor;
            const Job& job = *cursor->job;
            const qsizetype first = cursor->nextChunk * cursor->chunksize;
            bool cancelled = false;
            {
                std::lock_guard lock(job.mutex);
                cancelled = job.cancelled;
            }
            if (first >= job.count || cancelled) {
                queue.pop_front();
                continue;
            }
            if (first - job.order->delivered() >= cursor->aheadTasks)
                return false; // its consumer still waits for an older result
            cursor->nextChunk += cursor->stride;
            if (cursor->nextChunk * cursor->chunksize >= job.count)
                queue.pop_front(); // that was its last chunk
            Chunk c;
            c.id = m_nextChunk++;
            c.job = cursor->job;
            c.functionId = cursor->functionId;
            c.first = first;
            c.taskBase = cursor->taskBase;
            c.args = cursor->inputs(first, std::min<qsizetype>(cursor->chunksize, job.count - first));
            queue.push_front(std::move(c));
        }
        return !queue.empty();
    }

    // Takes the next live chunk for slot `s`; chunks of cancelled jobs are dropped on the way.
    bool takeChunk(Slot& s, Chunk* out)
    {
        auto& queue = m_options.scheduling == Scheduling::Static ? s.staticQueue : m_queue;
        while (makeFront(queue)) {
            Chunk c = std::move(queue.front());
            queue.pop_front();
            {
                std::lock_guard lock(c.job->mutex);
                if (c.job->cancelled)
                    continue;
                c.job->dispatched += c.args.size();
            }
            *out = std::move(c);
            return true;
        }
        return false;
    }

    size_t queuedChunks(const Slot& s) const
    {
        const auto& queue = m_options.scheduling == Scheduling::Static ? s.staticQueue : m_queue;
        // A stream's cursor (at the back once enqueued, at the front once reached) stands for many chunks.
        constexpr size_t Many = 1 << 20;
        if (!queue.empty() && (queue.front().cursor || queue.back().cursor))
            return queue.size() + Many;
        return queue.size();
    }

    void dispatch()
    {
        if (m_terminating)
            return;
        // Deal in rounds: each slot with room gets its share of what is queued (at least one chunk), so a
        // short job spreads over all workers. A slot's consecutive chunks of one job travel in one message.
        bool progress = true;
        std::vector<bool> touched(m_slots.size(), false);
        while (progress) {
            progress = false;
            size_t hungry = 0;
            for (const auto& s : m_slots)
                hungry += s.ready && !s.retiring && s.proc && int(s.outstanding.size()) < window(s);
            for (size_t i = 0; i < m_slots.size(); ++i) {
                Slot& s = m_slots[i];
                const int room = window(s) - int(s.outstanding.size());
                if (!s.ready || s.retiring || !s.proc || room <= 0)
                    continue;
                const size_t queued = queuedChunks(s);
                if (queued == 0)
                    continue;
                size_t share = m_options.scheduling == Scheduling::Static
                    ? queued
                    : (queued + hungry - 1) / std::max<size_t>(1, hungry);
                share = std::clamp<size_t>(share, 1, size_t(room));
                if (sendChunks(int(i), share)) {
                    touched[i] = true;
                    progress = true;
                }
            }
        }
        for (size_t i = 0; i < m_slots.size(); ++i)
            if (touched[i])
                m_slots[i].proc->flush();
    }

    // Sends up to `max` chunks to slot i in one message: a run of consecutive chunks of one job.
    bool sendChunks(int i, size_t max)
    {
        Slot& s = m_slots[size_t(i)];
        std::vector<Chunk> run;
        Chunk c;
        while (run.size() < max) {
            if (m_options.maxTasksPerChild > 0
                && s.tasksDone + qint64(queuedTasks(s)) + runTasks(run) >= m_options.maxTasksPerChild)
                break;
            auto& queue = m_options.scheduling == Scheduling::Static ? s.staticQueue : m_queue;
            if (!run.empty()) {
                // Only extend with the very next chunk of the same job and size, and the tasks that follow.
                if (!makeFront(queue) || queue.front().job != run.back().job || queue.front().id != run.back().id + 1
                    || run.back().args.size() != run.front().args.size()
                    || queue.front().first != run.back().first + run.back().args.size())
                    break;
            }
            if (!takeChunk(s, &c))
                break;
            run.push_back(std::move(c));
        }
        if (run.empty())
            return false;
        const Chunk& first = run.front();
        if (!s.defined.count(first.functionId)) {
            const Function& f = m_functions[size_t(first.functionId - 1)];
            s.proc->send(wire::Define { first.functionId, f.kernel, f.config }.encode());
            s.defined.insert(first.functionId);
        }
        QCborArray args;
        for (const auto& ch : run)
            for (const auto& a : ch.args)
                args.append(a);
        s.proc->send(
            wire::Chunk { first.id, first.functionId, first.taskBase + first.first, first.args.size(), args }.encode());
        const qint64 now = monotonicNs();
        for (auto& ch : run) {
            for (qsizetype k = 0; k < ch.args.size(); ++k)
                recordEvent(now, s.proc->pid(), i, EventKind::TaskDispatch, qint32(ch.id), ch.taskBase + ch.first + k, 0);
            s.outstanding.push_back(ch.id);
            const qint64 id = ch.id;
            m_inflight.emplace(id, std::move(ch));
        }
        return true;
    }

    static qint64 runTasks(const std::vector<Chunk>& run)
    {
        qint64 n = 0;
        for (const auto& c : run)
            n += c.args.size();
        return n;
    }

    size_t queuedTasks(const Slot& s) const
    {
        size_t n = 0;
        for (qint64 id : s.outstanding)
            n += size_t(m_inflight.at(id).args.size());
        return n;
    }

    void onStarted(int i, const wire::Started& msg)
    {
        Slot& s = m_slots[size_t(i)];
        const qint64 pid = s.proc->pid();
        const auto it = m_inflight.find(msg.chunkId);
        if (it == m_inflight.end())
            return;
        Chunk& c = it->second;
        c.startReported = true;
        {
            std::lock_guard lock(c.job->mutex);
            ++c.job->started;
        }
        recordEvent(msg.tNs, pid, i, EventKind::TaskStart, qint32(c.id), c.taskBase + c.first, 0);
    }

    void onDone(int i, const wire::Done& msg)
    {
        Slot& s = m_slots[size_t(i)];
        const qint64 pid = s.proc->pid();
        const qint64 firstChunk = msg.firstChunkId;
        const qint64 chunkCount = msg.chunkCount;
        const QCborArray& results = msg.results;
        const QCborArray& times = msg.times;
        const QCborMap& errors = msg.errors;
        const qint64 now = monotonicNs();

        qsizetype offset = 0; // into the flat results
        for (qint64 id = firstChunk; id < firstChunk + chunkCount; ++id) {
            const auto it = m_inflight.find(id);
            if (it == m_inflight.end())
                break; // the pool gave up on it (terminate): nothing after it is known either
            Chunk c = std::move(it->second);
            m_inflight.erase(it);
            if (!s.outstanding.empty() && s.outstanding.front() == id)
                s.outstanding.pop_front();
            else
                s.outstanding.erase(std::remove(s.outstanding.begin(), s.outstanding.end(), id), s.outstanding.end());
            const qsizetype n = c.args.size();
            if (offset + n > results.size() || 2 * (offset + n) > times.size()) {
                qCWarning(lcPool) << "worker" << i << "reported a short chunk" << id;
                break;
            }
            std::map<qsizetype, TaskFailure> failed;
            if (!errors.isEmpty()) {
                for (qsizetype k = 0; k < n; ++k) {
                    const QCborValue e = errors.value(offset + k);
                    if (e.isArray())
                        failed[c.first + k] = { c.first + k, e.toArray().at(0).toString(), e.toArray().at(1).toString(),
                            pid, i, phaseName(TaskPhase(e.toArray().at(2).toInteger(int(TaskPhase::Running)))) };
                }
            }
            for (qsizetype k = 0; k < n; ++k) {
                const qint64 task = c.taskBase + c.first + k;
                const qsizetype flat = offset + k;
                if (k > 0 || !c.startReported)
                    recordEvent(times.at(2 * flat).toInteger(), pid, i, EventKind::TaskStart, qint32(c.id), task, 0);
                recordEvent(times.at(2 * flat + 1).toInteger(), pid, i, EventKind::TaskEnd, qint32(c.id), task,
                    failed.count(c.first + k) ? 1 : 0);
                recordEvent(now, 0, -1, EventKind::TaskResult, qint32(c.id), task, i);
            }
            const double ns = double(times.at(2 * (offset + n) - 1).toInteger() - times.at(2 * offset).toInteger());
            s.avgChunkNs = s.avgChunkNs <= 0 ? ns : 0.8 * s.avgChunkNs + 0.2 * ns;
            s.tasksDone += n;
            {
                // Before the job completes: whoever waits on it then reads counts that include it.
                std::lock_guard lock(m_mutex);
                m_records[s.record].tasks = s.tasksDone; // each record is one process: its own count
            }
            c.job->complete(c.first, results, offset, n, failed);
            offset += n;
        }
        if (m_options.maxTasksPerChild > 0 && s.tasksDone >= m_options.maxTasksPerChild && s.outstanding.empty()
            && !s.retiring) {
            s.retiring = true; // maxtasksperchild: it leaves, a fresh process takes the slot
            s.proc->quit();
        }
        // dispatch() runs once per batch of messages (onBatchEnd), not per message.
    }

    void quitIfDone()
    {
        if (!m_joining || !m_inflight.empty())
            return;
        if (!m_queue.empty())
            return;
        for (const auto& s : m_slots)
            if (!s.staticQueue.empty())
                return;
        for (auto& s : m_slots)
            if (s.proc && s.proc->state() != WorkerProcess::State::Exited && !s.proc->exitExpected())
                s.proc->quit();
    }

    void onExit(int i, WorkerProcess* proc, qint64 pid, const QString& failure)
    {
        Slot& s = m_slots[size_t(i)];
        if (s.proc.get() != proc)
            return;
        {
            std::lock_guard lock(m_mutex);
            m_records[s.record].alive = false;
            --m_alive_count;
        }
        m_cv.notify_all();
        const bool wasReady = s.ready;
        s.ready = false;
        if (!failure.isEmpty()) {
            Q_EMIT m_pool->workerFailed(i, pid, failure);
            const TaskFailure why = deathCause(s, *proc, pid, failure);
            loseRunningTask(i, why);
            if (!wasReady)
                noteFailedStart(proc->name(), why);
        }
        // Retire the dead handle after this signal has returned (we are inside its emission).
        m_graveyard.push_back(std::move(s.proc));
        std::weak_ptr<bool> alive = m_alive;
        m_context->loop()->post([this, alive] {
            if (!alive.expired() && *alive.lock())
                m_graveyard.clear();
        });
        const QString stopped = m_context->stopRequested();
        if (!stopped.isEmpty() && !m_terminating && m_broken.isEmpty())
            breakPool(stopped); // no replacement: whoever runs us is being stopped
        const bool replace = !m_terminating && m_broken.isEmpty() && (!m_joining || hasWork());
        if (replace)
            startWorker(i);
        dispatch(); // what went back to the queue, to the idle workers now
        flushEvents();
    }

    // Why tasks died with worker i's process (task and phase are filled in per task).
    TaskFailure deathCause(const Slot& s, const WorkerProcess& proc, qint64 pid, const QString& failure) const
    {
        TaskFailure f;
        f.pid = pid;
        f.worker = proc.index();
        f.type = s.deadlineTask >= 0 ? QStringLiteral("DeadlineExceeded") : QStringLiteral("WorkerLostError");
        if (proc.state() == WorkerProcess::State::Exited) {
            f.cause = platform::describeDeath(proc.waitStatus());
            f.exitCode = platform::signalOf(proc.waitStatus()) ? -1 : proc.exitCode();
            f.signal = platform::signalOf(proc.waitStatus());
        } else {
            f.cause = failure; // it broke the protocol and was killed for it; its exit comes later
        }
        f.message = s.deadlineTask >= 0 ? QStringLiteral("it ran past its deadline of %1 ms: its worker %2 was killed")
                                              .arg(m_options.taskDeadlineMs)
                                              .arg(proc.name())
                                        : QStringLiteral("the worker %1 running it died: %2").arg(proc.name(), f.cause);
        const QStringList tail = proc.stderrTail();
        f.stderrTail = tail.mid(std::max<qsizetype>(0, tail.size() - StderrLinesInFailure));
        return f;
    }

    // Worker i died under its work. The task it was in (its status page says which, and in which phase)
    // fails with the cause; everything else it held goes back to the queue to run elsewhere: tasks it had not
    // started, and tasks it finished whose results it had not sent yet (they run again).
    void loseRunningTask(int i, const TaskFailure& why)
    {
        Slot& s = m_slots[size_t(i)];
        const WorkerStatus::Snapshot st = s.proc->status();
        const bool known = s.proc->hasStatus();
        const qint64 lostTask = st.phase == TaskPhase::Idle ? -1 : st.task;
        std::vector<Chunk> back;
        for (size_t n = 0; n < s.outstanding.size(); ++n) {
            auto node = m_inflight.extract(s.outstanding[n]);
            if (node.empty())
                continue;
            Chunk c = std::move(node.mapped());
            const qsizetype size = c.args.size();
            // Without a status page, assume the oldest chunk was the one running (all of it is lost).
            qsizetype lost = known ? lostTask - (c.taskBase + c.first) : (n == 0 ? 0 : -1);
            if (lost < 0 || lost >= size)
                lost = -1;
            const qsizetype lostCount = !known && lost == 0 ? size : lost >= 0 ? 1 : 0;
            {
                std::lock_guard lock(c.job->mutex);
                c.job->dispatched -= size - lostCount;
            }
            if (lostCount == 0) {
                back.push_back(std::move(c));
                continue;
            }
            std::map<qsizetype, TaskFailure> failed;
            for (qsizetype k = lost; k < lost + lostCount; ++k) {
                TaskFailure f = why;
                f.task = c.first + k;
                f.phase = known ? phaseName(st.phase) : QStringLiteral("running");
                if (s.deadlineTask >= 0 && lostTask != s.deadlineTask) {
                    // The late task finished just before the kill landed; this one, just started, paid for it.
                    f.type = QStringLiteral("WorkerLostError");
                    f.message = QStringLiteral("its worker was killed as the task before it ran past its deadline");
                }
                failed[f.task] = f;
                recordEvent(monotonicNs(), why.pid, i, EventKind::TaskLost, qint32(c.id), c.taskBase + c.first + k,
                    why.exitCode >= 0 ? why.exitCode : -why.signal);
            }
            c.job->complete(c.first + lost, QCborArray(), 0, lostCount, failed);
            if (lost > 0)
                back.push_back(slice(c, 0, lost));
            if (lost + lostCount < size)
                back.push_back(slice(c, lost + lostCount, size));
        }
        s.outstanding.clear();
        auto& queue = m_options.scheduling == Scheduling::Static ? s.staticQueue : m_queue;
        for (auto it = back.rbegin(); it != back.rend(); ++it)
            queue.push_front(std::move(*it));
    }

    // Tasks [from, to) of chunk c, as a chunk of their own.
    Chunk slice(const Chunk& c, qsizetype from, qsizetype to)
    {
        Chunk part;
        part.id = m_nextChunk++;
        part.job = c.job;
        part.functionId = c.functionId;
        part.first = c.first + from;
        part.taskBase = c.taskBase;
        for (qsizetype k = from; k < to; ++k)
            part.args.append(c.args.at(k));
        return part;
    }

    void noteFailedStart(const QString& name, const TaskFailure& why)
    {
        const qint64 now = monotonicNs();
        m_failedStarts.push_back(now);
        while (now - m_failedStarts.front() > qint64(m_options.crashLoopWindowMs) * 1'000'000)
            m_failedStarts.pop_front();
        if (int(m_failedStarts.size()) >= m_options.crashLoopStarts)
            breakPool(
                QStringLiteral("workers keep dying at start-up (%1 failed starts within %2 s); the last, %3, %4%5")
                    .arg(m_failedStarts.size())
                    .arg(m_options.crashLoopWindowMs / 1000.0)
                    .arg(name, why.cause,
                        why.stderrTail.isEmpty() ? QString()
                                                 : QStringLiteral("; last stderr: ") + why.stderrTail.last()));
    }

    void scheduleDeadlineCheck()
    {
        const qint64 deadlineNs = m_options.taskDeadlineMs * 1'000'000;
        const qint64 period = std::clamp<qint64>(deadlineNs / 10, 1'000'000, 100'000'000);
        std::weak_ptr<bool> alive = m_alive;
        m_context->loop()->callAt(monotonicNs() + period, [this, alive] {
            if (!alive.expired() && *alive.lock())
                checkDeadlines();
        });
    }

    // Every busy worker's status page, against the deadline. Its own clock and ours are the same
    // (CLOCK_MONOTONIC is system-wide).
    void checkDeadlines()
    {
        if (m_terminating || !m_broken.isEmpty())
            return;
        const qint64 now = monotonicNs();
        const qint64 limit = m_options.taskDeadlineMs * 1'000'000;
        for (auto& s : m_slots) {
            if (!s.proc || !s.ready || s.outstanding.empty() || s.deadlineTask >= 0)
                continue;
            const WorkerStatus::Snapshot st = s.proc->status();
            if (st.phase == TaskPhase::Idle || now - st.startNs <= limit)
                continue;
            s.deadlineTask = st.task;
            s.proc->abort(QStringLiteral("the task ran past its deadline of %1 ms; its worker %2 (pid %3) was killed")
                              .arg(m_options.taskDeadlineMs)
                              .arg(s.proc->name())
                              .arg(s.proc->pid()));
        }
        scheduleDeadlineCheck();
    }

    bool hasWork() const
    {
        if (!m_queue.empty() || !m_inflight.empty())
            return true;
        for (const auto& s : m_slots)
            if (!s.staticQueue.empty())
                return true;
        return false;
    }

    void failEverything(const QString& why)
    {
        const TaskFailure f { -1, QStringLiteral("PoolError"), why, 0, -1, QStringLiteral("pool") };
        std::set<Job*> seen;
        std::vector<std::shared_ptr<Job>> jobs;
        auto collect = [&](const Chunk& c) {
            if (seen.insert(c.job.get()).second)
                jobs.push_back(c.job);
        };
        for (const auto& c : m_queue)
            collect(c);
        for (const auto& s : m_slots)
            for (const auto& c : s.staticQueue)
                collect(c);
        for (const auto& [id, c] : m_inflight)
            collect(c);
        m_queue.clear();
        m_inflight.clear();
        for (auto& s : m_slots) {
            s.staticQueue.clear();
            s.outstanding.clear();
        }
        for (auto& job : jobs)
            job->failAll(f);
    }

    void breakPool(const QString& why)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_broken.isEmpty())
                m_broken = why;
        }
        qCWarning(lcPool) << "pool broken:" << why;
        failEverything(why);
        m_cv.notify_all();
    }

    Pool* m_pool;
    Context* m_context;
    PoolOptions m_options;
    std::vector<Slot> m_slots;
    std::vector<std::unique_ptr<WorkerProcess>> m_graveyard;
    std::deque<Chunk> m_queue; // Scheduling::Dynamic
    std::deque<qint64> m_failedStarts; // when workers died before Ready, within the crash-loop window
    std::unordered_map<qint64, Chunk> m_inflight;
    std::vector<Function> m_functions;
    std::map<QByteArray, qint64> m_functionIds;
    EventBatch m_events;
    qint64 m_nextChunk = 1;
    qint64 m_nextTask = 0;
    size_t m_roundRobin = 0;
    qint64 m_createdNs;
    bool m_joining = false;
    bool m_terminating = false;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

Pool::Pool(Context* context, const PoolOptions& options, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_processes(options.processes > 0 ? options.processes : std::max(1, QThread::idealThreadCount()))
{
    m_context->loop()->postAndWait([&] {
        m_engine = std::make_unique<PoolEngine>(this, context, options, m_processes);
        m_engine->startAll();
    });
}

Pool::~Pool()
{
    if (!m_finished)
        terminate();
    m_context->loop()->postAndWait([&] { m_engine.reset(); });
}

bool Pool::waitReady(int timeoutMs)
{
    std::unique_lock lock(m_engine->m_mutex);
    const auto pred = [&] { return m_engine->m_firstReady == m_processes || !m_engine->m_broken.isEmpty(); };
    if (timeoutMs < 0)
        m_engine->m_cv.wait(lock, pred);
    else
        m_engine->m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), pred);
    return m_engine->m_firstReady == m_processes;
}

qint64 Pool::startupNs() const
{
    std::lock_guard lock(m_engine->m_mutex);
    return m_engine->m_startupNs;
}

QString Pool::brokenReason() const
{
    std::lock_guard lock(m_engine->m_mutex);
    return m_engine->m_broken;
}

QList<PoolWorkerInfo> Pool::workers() const
{
    // A deep copy: an implicitly shared list would be detached by both threads at once.
    std::lock_guard lock(m_engine->m_mutex);
    QList<PoolWorkerInfo> copy;
    copy.reserve(m_engine->m_records.size());
    for (const auto& r : std::as_const(m_engine->m_records))
        copy.append(r);
    return copy;
}

int Pool::defaultChunksize(qsizetype inputs, int processes)
{
    if (inputs <= 0)
        return 1;
    const qsizetype per = 4 * qsizetype(std::max(1, processes));
    return int((inputs + per - 1) / per);
}

std::shared_ptr<Job> Pool::submit(int kind, const Function& f, const QCborArray& inputs, int chunksize, bool starmap)
{
    if (m_closed || m_finished)
        throw PoolError(QStringLiteral("ValueError: Pool not running"));
    if (starmap) {
        for (const auto& v : inputs)
            if (!v.isArray())
                throw PoolError(QStringLiteral("TypeError: starmap needs a sequence of argument tuples"));
    }
    auto job = std::make_shared<Job>(Job::Kind(kind), inputs.size());
    job->sink = m_context;
    if (chunksize <= 0)
        chunksize = defaultChunksize(inputs.size(), m_processes);
    if (inputs.isEmpty())
        return job; // complete at once: nothing to do
    m_context->loop()->post(
        [engine = m_engine.get(), job, f, inputs, chunksize] { engine->enqueue(job, f, inputs, chunksize); });
    return job;
}

AsyncResult Pool::mapStream(const Function& f, const TaskStream& tasks, int chunksize)
{
    if (m_closed || m_finished)
        throw PoolError(QStringLiteral("ValueError: Pool not running"));
    auto job = std::make_shared<Job>(Job::Kind::Stream, tasks.count);
    job->sink = m_context;
    // As imap's caller does, the consumer receives each result as it is handed over (TaskDeliver, when read). On the
    // I/O thread, which set job->taskBase before any chunk went out.
    job->order = std::make_unique<detail::ResultOrder>(
        [context = m_context, job = job.get(), results = tasks.results](qsizetype first, const QCborArray& values) {
            results(first, values);
            if (context->events().wanted())
                for (qsizetype i = first; i < first + values.size(); ++i)
                    context->emitEvent(EventKind::TaskDeliver, -1, job->taskBase + i, i);
        });
    if (chunksize <= 0)
        chunksize = TaskStream::autoChunksize(tasks.count, m_processes);
    if (tasks.count <= 0)
        return AsyncResult(job); // complete at once: nothing to do
    m_context->loop()->post(
        [engine = m_engine.get(), job, f, tasks, chunksize] { engine->enqueueStream(job, f, tasks, chunksize); });
    return AsyncResult(job);
}

QCborArray Pool::map(const Function& f, const QCborArray& inputs, int chunksize)
{
    return mapAsync(f, inputs, chunksize).get().toArray();
}

QCborArray Pool::starmap(const Function& f, const QCborArray& argTuples, int chunksize)
{
    return starmapAsync(f, argTuples, chunksize).get().toArray();
}

QCborValue Pool::apply(const Function& f, const QCborValue& args)
{
    return applyAsync(f, args).get();
}

ResultIterator Pool::imap(const Function& f, const QCborArray& inputs, int chunksize)
{
    return ResultIterator(submit(int(Job::Kind::IMap), f, inputs, std::max(1, chunksize), false));
}

ResultIterator Pool::imapUnordered(const Function& f, const QCborArray& inputs, int chunksize)
{
    return ResultIterator(submit(int(Job::Kind::IMapUnordered), f, inputs, std::max(1, chunksize), false));
}

AsyncResult Pool::applyAsync(const Function& f, const QCborValue& args)
{
    return AsyncResult(submit(int(Job::Kind::Apply), f, QCborArray { args }, 1, false));
}

AsyncResult Pool::mapAsync(const Function& f, const QCborArray& inputs, int chunksize)
{
    return AsyncResult(submit(int(Job::Kind::Map), f, inputs, chunksize, false));
}

AsyncResult Pool::starmapAsync(const Function& f, const QCborArray& argTuples, int chunksize)
{
    return AsyncResult(submit(int(Job::Kind::Map), f, argTuples, chunksize, true));
}

void Pool::close()
{
    m_closed = true;
}

void Pool::join()
{
    if (!m_closed && !m_finished)
        throw PoolError(QStringLiteral("ValueError: Pool is still running (call close() first)"));
    if (m_finished)
        return;
    m_context->loop()->post([engine = m_engine.get()] { engine->join(); });
    std::unique_lock lock(m_engine->m_mutex);
    m_engine->m_cv.wait(lock, [&] { return m_engine->m_alive_count == 0; });
    m_finished = true;
}

void Pool::terminate()
{
    if (m_finished)
        return;
    m_closed = true;
    m_context->loop()->post([engine = m_engine.get()] { engine->terminate(); });
    std::unique_lock lock(m_engine->m_mutex);
    m_engine->m_cv.wait(lock, [&] { return m_engine->m_alive_count == 0; });
    m_finished = true;
}

} // namespace proclab
