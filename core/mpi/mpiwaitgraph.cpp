#include "mpi/mpiwaitgraph.h"

#include <set>

namespace proclab::mpi {

void WaitGraph::apply(const Event& e, qint64 nowNs)
{
    const int rank = e.worker;
    if (rank < 0)
        return;
    switch (e.kind) {
    case EventKind::MpiSendWait:
        m_waits[rank] = { rank, true, int(e.value), e.task, nowNs };
        break;
    case EventKind::MpiRecvWait:
        if (e.value >= 0)
            m_waits[rank] = { rank, false, int(e.value), -1, nowNs };
        else
            m_waits.erase(rank); // from any rank: left out
        break;
    default:
        m_waits.erase(rank); // the call returned (or was never blocking)
        break;
    }
}

void WaitGraph::rankGone(int rank)
{
    m_waits.erase(rank);
}

// Whether the peer's own call completes the waiter's: a send meets a receive from the sender, and the other way.
bool WaitGraph::satisfies(const Wait& waiter, const Wait* peer) const
{
    return peer && peer->send != waiter.send && peer->peer == waiter.rank;
}

std::vector<WaitGraph::Wait> WaitGraph::deadlock(qint64 nowNs, qint64 persistNs) const
{
    // Each rank waits for at most one other: follow the chain from every rank; coming back to a rank on the path
    // closes a cycle.
    for (const auto& start : m_waits) {
        std::vector<Wait> path;
        std::set<int> seen;
        const Wait* w = &start.second;
        while (w && !seen.count(w->rank)) {
            if (nowNs - w->sinceNs < persistNs)
                break;
            const auto next = m_waits.find(w->peer);
            const Wait* peer = next == m_waits.end() ? nullptr : &next->second;
            if (!peer || satisfies(*w, peer))
                break;
            seen.insert(w->rank);
            path.push_back(*w);
            w = peer;
        }
        if (w && !path.empty() && w->rank == path.front().rank)
            return path;
    }
    return {};
}

QStringList WaitGraph::describe(const std::vector<Wait>& cycle, const std::function<QString(int)>& nameOfRank)
{
    QStringList lines;
    const auto name = [&](int rank) {
        const QString n = nameOfRank ? nameOfRank(rank) : QString();
        return n.isEmpty() ? QStringLiteral("rank %1").arg(rank) : n;
    };
    for (const Wait& w : cycle)
        lines << (w.send ? QStringLiteral("%1 is in MPI_Send to rank %2 (%3 bytes): it returns once rank %2 receives")
                               .arg(name(w.rank))
                               .arg(w.peer)
                               .arg(w.bytes)
                         : QStringLiteral("%1 is in MPI_Recv from rank %2: it returns once rank %2 sends")
                               .arg(name(w.rank))
                               .arg(w.peer));
    return lines;
}

} // namespace proclab::mpi
