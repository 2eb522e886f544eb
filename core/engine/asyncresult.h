#pragma once

// Futures for pool work, after Python's AsyncResult / concurrent.futures.Future, and the iterator behind
// imap and imap_unordered. Thread-safe handles on state that the engine's I/O thread fills in.

#include "engine/taskstream.h"

#include <QCborArray>
#include <QCborValue>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

namespace proclab {

class EventSink;

// Why one task did not produce a result.
struct TaskFailure {
    qint64 task = -1; // index within its job
    QString type; // Python-like exception type: ValueError, WorkerLostError, DeadlineExceeded, PoolError, ...
    QString message;
    qint64 pid = 0; // the worker process it ran in (0 if it never reached one)
    int worker = -1;
    // Where it was: "decoding arguments", "running", "encoding the result" (see phaseName()), or "pool".
    QString phase;
    // When its worker died under it (WorkerLostError, DeadlineExceeded):
    QString cause = {}; // "killed by SIGKILL", "segmentation fault (SIGSEGV)", "exited with code 3"
    int exitCode = -1; // the worker's exit code if it exited, else -1
    int signal = 0; // the signal that ended the worker, else 0
    QStringList stderrTail = {}; // the last lines the worker wrote to stderr (a few, each cut to a line's length)

    bool workerDied() const { return !cause.isEmpty(); }
    QString signalName() const; // "SIGKILL", or empty
    // "WorkerLostError: ... (task 3, pid 1234, running; killed by SIGKILL); last stderr: ..."
    QString toString() const;
};

class TaskError : public std::runtime_error {
public:
    explicit TaskError(TaskFailure failure);
    const TaskFailure& failure() const { return m_failure; }

private:
    TaskFailure m_failure;
};

class TimeoutError : public std::runtime_error {
public:
    TimeoutError()
        : std::runtime_error("TimeoutError: the result is not ready yet")
    {
    }
};

class CancelledError : public std::runtime_error {
public:
    CancelledError()
        : std::runtime_error("CancelledError: the task was cancelled")
    {
    }
};

class PoolError : public std::runtime_error {
public:
    explicit PoolError(const QString& why)
        : std::runtime_error(why.toStdString())
    {
    }
};

namespace detail {

// One submission: an apply (1 task), a map (n tasks), an imap stream, or a map over a TaskStream (its results
// go to `order` and on to the stream's consumer; none are kept here). Guarded by `mutex`.
struct Job {
    enum class Kind { Apply, Map, IMap, IMapUnordered, Stream };

    Job(Kind k, qsizetype n)
        : kind(k)
        , count(n)
        , results(k == Kind::Stream ? 0 : size_t(n))
        , status(k == Kind::Stream ? 0 : size_t(n), Pending)
    {
    }

    enum Status : quint8 { Pending, Ok, Failed };
    const Kind kind;
    const qsizetype count;

    mutable std::mutex mutex;
    std::condition_variable cv;
    std::vector<QCborValue> results;
    std::vector<quint8> status;
    std::map<qsizetype, TaskFailure> failures;
    std::deque<qsizetype> completionOrder; // imap_unordered
    qsizetype completed = 0;
    qsizetype dispatched = 0;
    qsizetype started = 0;
    bool cancelled = false;
    std::vector<std::function<void()>> callbacks;
    // For the stage: where to report that the caller received a result (TaskDeliver), the job's first task id
    // (set by the engine when it numbers the tasks) and whether get() reported them all already.
    EventSink* sink = nullptr;
    qint64 taskBase = -1;
    bool deliveredAll = false;
    // Kind::Stream: results in input order to the consumer. I/O thread only (not guarded by `mutex`).
    std::unique_ptr<ResultOrder> order;

    bool finishedLocked() const { return cancelled || completed == count; }
    void reportDeliveredLocked(qsizetype index, qsizetype position) const;
    // I/O thread: record results and wake waiters; runs callbacks when the job completes.
    // Tasks first.. first+count-1 take values[offset..]; `failed` is keyed by task index within the job.
    void complete(qsizetype first, const QCborArray& values, qsizetype offset, qsizetype count,
        const std::map<qsizetype, TaskFailure>& failed);
    void failAll(const TaskFailure& why); // every task still pending
};

} // namespace detail

class AsyncResult {
public:
    AsyncResult() = default;
    explicit AsyncResult(std::shared_ptr<detail::Job> job)
        : m_job(std::move(job))
    {
    }

    bool isValid() const { return bool(m_job); }
    bool done() const; // finished: with results, failures or cancelled
    bool ready() const { return done(); }
    bool running() const; // started in a worker and not done
    bool successful() const; // done, and no task failed
    bool cancelled() const;
    // Blocks until done or the timeout (ms; -1 forever). True when done.
    bool wait(int timeoutMs = -1) const;
    // The value (an apply) or the list of values (a map). Throws TimeoutError, CancelledError, or the
    // TaskError of the first failed task, as Python's get() re-raises the task's exception.
    QCborValue get(int timeoutMs = -1) const;
    QCborValue result(int timeoutMs = -1) const { return get(timeoutMs); }
    std::optional<TaskFailure> failure() const; // the first failure, if any
    std::map<qsizetype, TaskFailure> failures() const; // every failed task by index
    QCborArray values() const; // what is in so far, null where a task failed or is pending
    // Cancels if no task has been sent to a worker yet (Future.cancel()). True if now cancelled.
    bool cancel();
    // Runs when done: at once if already done, else on the engine's I/O thread.
    void addDoneCallback(std::function<void(const AsyncResult&)> callback);

private:
    std::shared_ptr<detail::Job> m_job;
};

// imap (results in input order, each as soon as it and all before it are in) and imap_unordered
// (completion order).
class ResultIterator {
public:
    ResultIterator() = default;
    explicit ResultIterator(std::shared_ptr<detail::Job> job)
        : m_job(std::move(job))
    {
    }
    // The next result; nullopt at the end. Throws TaskError for a failed task (the iteration may go on),
    // TimeoutError when nothing arrived in time.
    std::optional<QCborValue> next(int timeoutMs = -1);
    qsizetype size() const { return m_job ? m_job->count : 0; }
    // For imap_unordered: the input index of the last value returned by next().
    qsizetype lastIndex() const { return m_lastIndex; }

private:
    std::shared_ptr<detail::Job> m_job;
    qsizetype m_next = 0;
    qsizetype m_lastIndex = -1;
};

} // namespace proclab
