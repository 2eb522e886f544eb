#include "engine/asyncresult.h"

#include "base/eventsink.h"
#include "base/platform.h"

#include <chrono>

namespace proclab {

QString TaskFailure::signalName() const
{
    return signal > 0 ? platform::signalName(signal) : QString();
}

QString TaskFailure::toString() const
{
    QString s = type + QStringLiteral(": ") + message;
    QStringList where;
    if (task >= 0)
        where << QStringLiteral("task %1").arg(task);
    if (pid > 0)
        where << QStringLiteral("pid %1").arg(pid);
    if (!phase.isEmpty() && phase != QLatin1String("pool"))
        where << QStringLiteral("while ") + phase;
    if (!where.isEmpty())
        s += QStringLiteral(" (") + where.join(QStringLiteral(", ")) + QLatin1Char(')');
    if (!stderrTail.isEmpty())
        s += QStringLiteral("; last stderr: ") + stderrTail.join(QStringLiteral(" | "));
    return s;
}

void detail::Job::reportDeliveredLocked(qsizetype index, qsizetype position) const
{
    if (sink && taskBase >= 0)
        sink->emitEvent(EventKind::TaskDeliver, -1, taskBase + index, position);
}

TaskError::TaskError(TaskFailure failure)
    : std::runtime_error(failure.toString().toStdString())
    , m_failure(std::move(failure))
{
}

namespace detail {

void Job::complete(qsizetype first, const QCborArray& values, qsizetype offset, qsizetype n,
    const std::map<qsizetype, TaskFailure>& failed)
{
    std::vector<std::function<void()>> toRun;
    bool finished = false;
    if (kind == Kind::Stream) {
        // Handed on (in input order) before the tasks count as completed: whoever waits for the job to finish
        // then reads a consumer that has seen every result.
        QCborArray piece;
        for (qsizetype i = 0; i < n; ++i)
            piece.append(failed.count(first + i) ? QCborValue() : values.at(offset + i));
        if (!order->put(first, std::move(piece)))
            return;
        std::lock_guard lock(mutex);
        for (qsizetype i = 0; i < n; ++i) {
            const auto f = failed.find(first + i);
            if (f != failed.end())
                failures[first + i] = f->second;
        }
        completed += n;
        finished = finishedLocked();
        if (finished)
            toRun.swap(callbacks);
    } else {
        std::lock_guard lock(mutex);
        for (qsizetype i = 0; i < n; ++i) {
            const qsizetype index = first + i;
            if (index >= count || status[size_t(index)] != Pending)
                continue;
            const auto f = failed.find(index);
            if (f != failed.end()) {
                status[size_t(index)] = Failed;
                failures[index] = f->second;
            } else {
                status[size_t(index)] = Ok;
                results[size_t(index)] = values.at(offset + i);
            }
            if (kind == Kind::IMapUnordered)
                completionOrder.push_back(index);
            ++completed;
        }
        finished = finishedLocked();
        if (finished)
            toRun.swap(callbacks);
    }
    // Waiters on a map only care about the end; waking them per chunk costs a context switch each.
    if (finished || kind == Kind::IMap || kind == Kind::IMapUnordered)
        cv.notify_all();
    for (auto& cb : toRun)
        cb();
}

void Job::failAll(const TaskFailure& why)
{
    std::vector<std::function<void()>> toRun;
    {
        std::lock_guard lock(mutex);
        if (kind == Kind::Stream) {
            // Every task not handed on yet, including those held behind a missing one (a stream keeps no status).
            for (qsizetype i = order->delivered(); i < count; ++i) {
                TaskFailure f = why;
                f.task = i;
                failures.try_emplace(i, f);
            }
            completed = count;
        }
        for (qsizetype i = 0; i < qsizetype(status.size()); ++i) {
            if (status[size_t(i)] != Pending)
                continue;
            status[size_t(i)] = Failed;
            TaskFailure f = why;
            f.task = i;
            failures[i] = f;
            if (kind == Kind::IMapUnordered)
                completionOrder.push_back(i);
            ++completed;
        }
        toRun.swap(callbacks);
    }
    cv.notify_all();
    for (auto& cb : toRun)
        cb();
}

} // namespace detail

namespace {
// Waits on the job's condition until pred() or the timeout. Caller holds `lock`.
template <typename Pred> bool waitFor(detail::Job& job, std::unique_lock<std::mutex>& lock, int timeoutMs, Pred pred)
{
    if (timeoutMs < 0) {
        job.cv.wait(lock, pred);
        return true;
    }
    return job.cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), pred);
}
} // namespace

bool AsyncResult::done() const
{
    if (!m_job)
        return false;
    std::lock_guard lock(m_job->mutex);
    return m_job->finishedLocked();
}

bool AsyncResult::running() const
{
    if (!m_job)
        return false;
    std::lock_guard lock(m_job->mutex);
    return m_job->started > 0 && !m_job->finishedLocked();
}

bool AsyncResult::successful() const
{
    if (!m_job)
        return false;
    std::lock_guard lock(m_job->mutex);
    return m_job->finishedLocked() && !m_job->cancelled && m_job->failures.empty();
}

bool AsyncResult::cancelled() const
{
    if (!m_job)
        return false;
    std::lock_guard lock(m_job->mutex);
    return m_job->cancelled;
}

bool AsyncResult::wait(int timeoutMs) const
{
    if (!m_job)
        return false;
    std::unique_lock lock(m_job->mutex);
    return waitFor(*m_job, lock, timeoutMs, [&] { return m_job->finishedLocked(); });
}

QCborValue AsyncResult::get(int timeoutMs) const
{
    if (!m_job)
        throw PoolError(QStringLiteral("invalid AsyncResult"));
    std::unique_lock lock(m_job->mutex);
    if (!waitFor(*m_job, lock, timeoutMs, [&] { return m_job->finishedLocked(); }))
        throw TimeoutError();
    if (m_job->cancelled)
        throw CancelledError();
    if (!m_job->failures.empty())
        throw TaskError(m_job->failures.begin()->second);
    if (m_job->kind == detail::Job::Kind::Stream)
        return QCborValue(nullptr); // the results went to the stream's consumer
    if (!m_job->deliveredAll) {
        m_job->deliveredAll = true;
        for (qsizetype i = 0; i < m_job->count; ++i) // map hands over every result at once, in input order
            m_job->reportDeliveredLocked(i, i);
    }
    if (m_job->kind == detail::Job::Kind::Apply)
        return m_job->results.front();
    QCborArray all;
    for (const auto& v : m_job->results)
        all.append(v);
    return all;
}

std::optional<TaskFailure> AsyncResult::failure() const
{
    if (!m_job)
        return std::nullopt;
    std::lock_guard lock(m_job->mutex);
    if (m_job->failures.empty())
        return std::nullopt;
    return m_job->failures.begin()->second;
}

std::map<qsizetype, TaskFailure> AsyncResult::failures() const
{
    if (!m_job)
        return {};
    std::lock_guard lock(m_job->mutex);
    return m_job->failures;
}

QCborArray AsyncResult::values() const
{
    QCborArray all;
    if (!m_job)
        return all;
    std::lock_guard lock(m_job->mutex);
    for (const auto& v : m_job->results)
        all.append(v);
    return all;
}

bool AsyncResult::cancel()
{
    if (!m_job)
        return false;
    std::vector<std::function<void()>> toRun;
    {
        std::lock_guard lock(m_job->mutex);
        if (m_job->cancelled)
            return true;
        if (m_job->dispatched > 0 || m_job->finishedLocked())
            return false;
        m_job->cancelled = true; // the dispatcher drops its chunks
        toRun.swap(m_job->callbacks);
    }
    m_job->cv.notify_all();
    for (auto& cb : toRun)
        cb();
    return true;
}

void AsyncResult::addDoneCallback(std::function<void(const AsyncResult&)> callback)
{
    if (!m_job)
        return;
    AsyncResult self = *this;
    {
        std::lock_guard lock(m_job->mutex);
        if (!m_job->finishedLocked()) {
            m_job->callbacks.push_back([self, callback] { callback(self); });
            return;
        }
    }
    callback(self);
}

std::optional<QCborValue> ResultIterator::next(int timeoutMs)
{
    if (!m_job || m_next >= m_job->count)
        return std::nullopt;
    std::unique_lock lock(m_job->mutex);
    qsizetype index;
    if (m_job->kind == detail::Job::Kind::IMapUnordered) {
        if (!waitFor(*m_job, lock, timeoutMs, [&] { return qsizetype(m_job->completionOrder.size()) > m_next; }))
            throw TimeoutError();
        index = m_job->completionOrder[size_t(m_next)];
    } else {
        index = m_next;
        if (!waitFor(*m_job, lock, timeoutMs, [&] { return m_job->status[size_t(index)] != detail::Job::Pending; }))
            throw TimeoutError();
    }
    m_job->reportDeliveredLocked(index, m_next);
    ++m_next;
    m_lastIndex = index;
    if (m_job->status[size_t(index)] == detail::Job::Failed)
        throw TaskError(m_job->failures.at(index));
    return m_job->results[size_t(index)];
}

} // namespace proclab
