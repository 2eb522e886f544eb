#include "engine/waitforgraph.h"

#include <algorithm>

namespace proclab {

void WaitForGraph::apply(const EventBatch& events)
{
    for (const Event& e : events)
        apply(e);
}

void WaitForGraph::clear()
{
    m_holders.clear();
    m_waiting.clear();
    m_semaphores.clear();
}

void WaitForGraph::apply(const Event& e)
{
    const qint64 pid = pidOf(e);
    switch (e.kind) {
    case EventKind::ObjectCreate:
        if (ObjectType(e.value) == ObjectType::Semaphore || ObjectType(e.value) == ObjectType::BoundedSemaphore)
            m_semaphores.insert(e.object);
        break;
    case EventKind::LockWait:
        if (m_semaphores.count(e.object))
            break;
        if (e.value == -1) // it gave up (timeout)
            m_waiting.erase(pid);
        else
            m_waiting[pid] = e.object;
        break;
    case EventKind::LockAcquire:
        m_waiting.erase(pid);
        if (!m_semaphores.count(e.object))
            m_holders[e.object].insert(pid);
        break;
    case EventKind::LockRelease: {
        const auto it = m_holders.find(e.object);
        if (it != m_holders.end()) {
            const auto one = it->second.find(pid);
            if (one != it->second.end())
                it->second.erase(one);
            if (it->second.empty())
                m_holders.erase(it);
        }
        break;
    }
    case EventKind::ProcessExit:
    case EventKind::ProcessFailed:
        // A dead process waits for nothing. What it held stays held (a robust mutex is taken over by the next
        // acquirer, whose LockAcquire says so), so a waiter on it is not deadlocked on the dead: leave it out.
        m_waiting.erase(pid);
        for (auto it = m_holders.begin(); it != m_holders.end();) {
            it->second.erase(pid);
            it = it->second.empty() ? m_holders.erase(it) : std::next(it);
        }
        break;
    default:
        break;
    }
}

QList<WaitForGraph::Edge> WaitForGraph::cycle() const
{
    // Each waiter has one lock, a lock may have several holders: follow waiter -> holder edges from every waiter
    // (depth-first, a few processes), a process met again on the path closes a cycle.
    for (const auto& waiting : m_waiting) {
        const qint64 start = waiting.first; // a structured binding cannot be captured by the lambda in C++17
        QList<Edge> path;
        std::set<qint64> onPath;
        std::function<bool(qint64)> visit = [&](qint64 pid) -> bool {
            const auto w = m_waiting.find(pid);
            if (w == m_waiting.end())
                return false;
            const auto h = m_holders.find(w->second);
            if (h == m_holders.end())
                return false;
            onPath.insert(pid);
            for (qint64 holder : std::set<qint64>(h->second.begin(), h->second.end())) {
                if (holder == pid)
                    continue; // waiting for a lock it holds itself: a self-deadlock only for a plain Lock; not here
                path.append({ pid, w->second, holder });
                if (holder == start)
                    return true;
                if (!onPath.count(holder) && visit(holder))
                    return true;
                path.removeLast();
            }
            onPath.erase(pid);
            return false;
        };
        if (visit(start))
            return path;
    }
    return {};
}

QStringList WaitForGraph::describe(const QList<Edge>& cycle, const std::function<QString(qint64)>& nameOf)
{
    QStringList lines;
    for (qsizetype i = 0; i < cycle.size(); ++i) {
        const Edge& e = cycle.at(i);
        const Edge& before = cycle.at((i + cycle.size() - 1) % cycle.size()); // whose holder e.waiter is
        const auto who = [&](qint64 pid) {
            const QString name = nameOf ? nameOf(pid) : QString();
            return name.isEmpty() ? QStringLiteral("pid %1").arg(pid)
                                  : QStringLiteral("%1 (pid %2)").arg(name).arg(pid);
        };
        lines << QStringLiteral("%1 holds Lock #%2 and waits for Lock #%3, held by %4")
                     .arg(who(e.waiter))
                     .arg(before.lock)
                     .arg(e.lock)
                     .arg(who(e.holder));
    }
    return lines;
}

} // namespace proclab
