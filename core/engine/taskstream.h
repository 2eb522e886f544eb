#pragma once

// A map too long to hold (50 M tasks): its inputs are made chunk by chunk as they go out, its results are handed
// over in input order as they come in and then dropped. What a run holds is bounded by the chunks in flight and by
// how far the workers may run ahead of the oldest result still missing, not by the number of tasks.

#include <QCborArray>

#include <algorithm>
#include <functional>
#include <map>

namespace proclab {

struct TaskStream {
    // Chunksize auto for a stream: Python's default, ceil(count / (4 * workers)), but at most this. Python's chunks
    // grow with the count, and out of order they would all be held (a result waits for every earlier one).
    static constexpr int MaxAutoChunksize = 16384;
    // How many tasks past the oldest result still missing may be made and sent: a few chunks per worker, and room
    // for the deepest dispatch window (64 tiny chunks per worker). Beyond, the workers wait for that result.
    static qsizetype aheadTasks(int workers, int chunksize)
    {
        return std::max<qsizetype>(4 * qsizetype(workers) * chunksize, 256 * qsizetype(std::max(1, workers)));
    }
    static int autoChunksize(qsizetype count, int workers);

    qsizetype count = 0;
    // The arguments of tasks [first, first + n). Called on the engine's I/O thread or on the executor's threads,
    // possibly several at once: thread-safe.
    std::function<QCborArray(qsizetype first, qsizetype n)> inputs;
    // The results of tasks [first, first + results.size()): in input order, every task once, null where a task
    // failed. One call at a time, on the engine's I/O thread or an executor thread: keep it short. Tasks failed
    // by the whole pool at once (terminate, a pool that broke) are not handed over.
    std::function<void(qsizetype first, const QCborArray& results)> results;
};

namespace detail {

// Pieces of results arriving in any order, handed on in input order and dropped. Not thread-safe: the caller
// serialises put().
class ResultOrder {
public:
    explicit ResultOrder(std::function<void(qsizetype first, const QCborArray& results)> deliver)
        : m_deliver(std::move(deliver))
    {
    }
    // Results of tasks [first, first + results.size()). False for a piece already seen (it is dropped).
    bool put(qsizetype first, QCborArray results);
    qsizetype delivered() const { return m_delivered; } // tasks handed on: all of [0, delivered)
    qsizetype held() const { return m_heldTasks; } // tasks waiting for an earlier piece

private:
    std::function<void(qsizetype, const QCborArray&)> m_deliver;
    std::map<qsizetype, QCborArray> m_early; // by first task
    qsizetype m_delivered = 0;
    qsizetype m_heldTasks = 0;
};

} // namespace detail

} // namespace proclab
