#pragma once

// Who waits for whom, from the lock events alone: a process in LockWait waits for the lock's holders
// (LockAcquire until LockRelease). A cycle, each process waiting for a lock the next one holds, is a deadlock:
// none of them can ever go on. Semaphores are left out (any release may free a waiter). The stage and the
// deadlock demo both build one from the events as they come. Not thread-safe.

#include "base/event.h"

#include <QList>
#include <QString>

#include <functional>
#include <map>
#include <set>

namespace proclab {

class WaitForGraph {
public:
    struct Edge {
        qint64 waiter = 0; // this process waits...
        qint32 lock = -1; // ...for this lock...
        qint64 holder = 0; // ...which this process holds
    };

    void setEnginePid(qint64 pid) { m_enginePid = pid; } // events with pid 0 are its
    void apply(const Event& e);
    void apply(const EventBatch& events);
    void clear();

    // A cycle, in the order the waits follow each other (the first edge's waiter is the last one's holder); empty
    // when there is none.
    QList<Edge> cycle() const;
    // "Process-1 (pid 12) holds Lock #1 and waits for Lock #2, held by Process-2 (pid 13)", one line per edge.
    static QStringList describe(const QList<Edge>& cycle, const std::function<QString(qint64)>& nameOf);

private:
    qint64 pidOf(const Event& e) const { return e.pid == 0 ? m_enginePid : e.pid; }

    qint64 m_enginePid = 0;
    std::map<qint32, std::multiset<qint64>> m_holders; // lock -> processes holding it (an RLock: once per level)
    std::map<qint64, qint32> m_waiting; // process -> the lock it waits for
    std::set<qint32> m_semaphores; // objects known to be semaphores: not part of the graph
};

} // namespace proclab
