#include "engine/taskstream.h"

#include "engine/pool.h"

namespace proclab {

int TaskStream::autoChunksize(qsizetype count, int workers)
{
    return std::min(Pool::defaultChunksize(count, workers), MaxAutoChunksize);
}

namespace detail {

bool ResultOrder::put(qsizetype first, QCborArray results)
{
    if (first < m_delivered || m_early.count(first))
        return false;
    if (first != m_delivered) {
        m_heldTasks += results.size();
        m_early.emplace(first, std::move(results));
        return true;
    }
    m_delivered += results.size();
    m_deliver(first, results);
    // The pieces it was the gap before.
    while (!m_early.empty() && m_early.begin()->first == m_delivered) {
        auto node = m_early.extract(m_early.begin());
        m_heldTasks -= node.mapped().size();
        m_delivered += node.mapped().size();
        m_deliver(node.key(), node.mapped());
    }
    return true;
}

} // namespace detail

} // namespace proclab
