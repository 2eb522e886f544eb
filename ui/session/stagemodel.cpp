#include "stagemodel.h"

#include "base/platform.h"
#include "mpi/mpiprotocol.h"

#include <QCoreApplication>

#include <algorithm>

namespace proclab {

namespace {
template <class T> void appendUnique(QList<T>& list, const T& v)
{
    if (!list.contains(v))
        list.append(v);
}
} // namespace

QString StageProcess::stateText() const
{
    const Activity a = activity();
    switch (a) {
    case Activity::Running:
        return state.task >= 0 ? QCoreApplication::translate("proclab::StageProcess", "running task %1").arg(state.task)
                               : QCoreApplication::translate("proclab::StageProcess", "running");
    case Activity::LockWait:
        return QCoreApplication::translate("proclab::StageProcess", "waiting for lock %1").arg(state.waitObject);
    case Activity::QueueWait:
        return QCoreApplication::translate("proclab::StageProcess", "blocked on queue %1").arg(state.waitObject);
    case Activity::PipeWait:
        return QCoreApplication::translate("proclab::StageProcess", "waiting on pipe %1").arg(state.waitObject);
    case Activity::SyncWait:
        return QCoreApplication::translate("proclab::StageProcess", "waiting on #%1").arg(state.waitObject);
    case Activity::MpiWait:
        return QCoreApplication::translate("proclab::StageProcess", "spinning in %1").arg(mpiWaitText(state.waitObject));
    case Activity::Exited:
        return state.exitCode == 0 ? QCoreApplication::translate("proclab::StageProcess", "exited")
            : state.exitCode < 0   ? QCoreApplication::translate("proclab::StageProcess", "terminated (%1)")
                                       .arg(platform::signalName(int(-state.exitCode)))
                                   : QCoreApplication::translate("proclab::StageProcess", "exited (code %1)").arg(state.exitCode);
    case Activity::Crashed:
        return state.exitCode < 0 ? QCoreApplication::translate("proclab::StageProcess", "crashed (%1)")
                                        .arg(platform::signalName(int(-state.exitCode)))
                                  : QCoreApplication::translate("proclab::StageProcess", "crashed");
    default:
        return activityName(a);
    }
}

QString StageProcess::shortStateText() const
{
    switch (activity()) {
    case Activity::Running:
        return state.task >= 0 ? QCoreApplication::translate("proclab::StageProcess", "task %1").arg(state.task)
                               : QCoreApplication::translate("proclab::StageProcess", "running");
    case Activity::LockWait:
        return QCoreApplication::translate("proclab::StageProcess", "lock %1").arg(state.waitObject);
    case Activity::QueueWait:
        return QCoreApplication::translate("proclab::StageProcess", "queue %1").arg(state.waitObject);
    case Activity::PipeWait:
        return QCoreApplication::translate("proclab::StageProcess", "pipe %1").arg(state.waitObject);
    case Activity::SyncWait:
        return QCoreApplication::translate("proclab::StageProcess", "wait #%1").arg(state.waitObject);
    case Activity::MpiWait:
        return state.waitObject >= 0       ? mpi::collectiveName(state.waitObject)
            : isMpiSendObject(state.waitObject) ? QStringLiteral("MPI_Send")
                                                : QStringLiteral("MPI_Recv");
    case Activity::Exited:
        return state.exitCode == 0 ? QCoreApplication::translate("proclab::StageProcess", "exited")
            : state.exitCode < 0   ? QCoreApplication::translate("proclab::StageProcess", "terminated")
                                   : QCoreApplication::translate("proclab::StageProcess", "exit %1").arg(state.exitCode);
    case Activity::Crashed:
        return state.exitCode < 0 ? platform::signalName(int(-state.exitCode))
                                  : QCoreApplication::translate("proclab::StageProcess", "crashed");
    default:
        return activityName(activity());
    }
}

QString StageProcess::usageText(bool compact) const
{
    if (!hasUsage())
        return {};
    const double mib = double(rssKib) / 1024;
    const QString memory = mib >= 1024 ? QStringLiteral("%1 GiB").arg(mib / 1024, 0, 'f', compact ? 1 : 2)
        : mib >= 100 || compact        ? QStringLiteral("%1 MiB").arg(mib, 0, 'f', 0)
                                       : QStringLiteral("%1 MiB").arg(mib, 0, 'f', 1);
    const qint64 percent = (cpuPermille + 5) / 10;
    if (compact)
        return QStringLiteral("%1% · %2").arg(percent).arg(memory);
    return QCoreApplication::translate("proclab::StageProcess", "CPU %1 % · %2").arg(percent).arg(memory);
}

StageModel::StageModel(QObject* parent)
    : QObject(parent)
{
    reset();
}

void StageModel::reset()
{
    m_timeNs = 0;
    m_eventsApplied = 0;
    m_lastEventNs = 0;
    m_processes.clear();
    m_processesNotShown = 0;
    m_submitted = 0;
    m_queued.clear();
    m_queuedUntracked = 0;
    m_chunks.clear();
    m_results = 0;
    m_lost = 0;
    m_recentResults.clear();
    m_delivered = 0;
    m_recentDeliveries.clear();
    m_flights.clear();
    m_open.clear();
    m_flightsDropped = 0;
    m_queues.clear();
    m_pipes.clear();
    m_locks.clear();
    m_cells.clear();
    m_syncs.clear();
    m_objectsNotShown = 0;
    m_manager = {};
    m_waitFor.clear();
    m_mpiWaits.clear();
    m_rankPids.clear();
    for (const auto& [pid, name] : m_names) // a replay: names stay, and with them the ranks
        if (const auto rank = mpi::parseRankProcessName(name))
            m_rankPids[rank->rank] = pid;
    m_mpiSent.clear();
    m_mpiReceived.clear();
    m_mpiEarlyReceives.clear();
    m_mpiLinks.clear();
    m_mpiMessages = 0;
    m_mpiBytes = 0;
    m_mpiCollectives = 0;
    m_deadlock.clear();
    processFor(m_enginePid, -1); // the parent always has a box
    Q_EMIT changed();
}

void StageModel::setEnginePid(qint64 pid)
{
    if (pid == m_enginePid)
        return;
    auto node = m_processes.extract(m_enginePid);
    m_enginePid = pid;
    m_waitFor.setEnginePid(pid);
    if (!node.empty()) {
        node.key() = pid;
        node.mapped().pid = pid;
        m_processes.insert(std::move(node));
    }
    processFor(pid, -1);
    Q_EMIT changed();
}

void StageModel::setProcessName(qint64 pid, const QString& name)
{
    m_names[pid] = name;
    const auto it = m_processes.find(pid);
    if (it != m_processes.end()) {
        it->second.name = name;
        nameRank(pid, &it->second);
    } else if (const auto rank = mpi::parseRankProcessName(name)) {
        m_rankPids[rank->rank] = pid;
    }
    Q_EMIT changed();
}

void StageModel::nameRank(qint64 pid, StageProcess* p)
{
    const auto rank = mpi::parseRankProcessName(p->name);
    if (!rank)
        return;
    p->rank = rank->rank;
    p->host = rank->host;
    m_rankPids[rank->rank] = pid;
}

void StageModel::setProcessError(qint64 pid, const ProcessError& error)
{
    m_errors[pid] = error;
    Q_EMIT changed();
}

void StageModel::clearProcessErrors()
{
    m_errors.clear();
    Q_EMIT changed();
}

const ProcessError* StageModel::processError(qint64 pid) const
{
    const auto it = m_errors.find(pid);
    return it == m_errors.end() ? nullptr : &it->second;
}

void StageModel::setMinTravelNs(qint64 ns)
{
    m_minTravelNs = std::max<qint64>(1, ns);
    Q_EMIT changed();
}

StageProcess* StageModel::processFor(qint64 pid, int slot)
{
    auto it = m_processes.find(pid);
    if (it != m_processes.end()) {
        if (slot >= 0 && it->second.slot < 0 && !it->second.isParent)
            it->second.slot = slot;
        return &it->second;
    }
    if (qsizetype(m_processes.size()) >= MaxProcesses) {
        ++m_processesNotShown;
        return nullptr;
    }
    StageProcess p;
    p.pid = pid;
    p.isParent = pid == m_enginePid;
    p.slot = p.isParent ? -1 : slot;
    const auto name = m_names.find(pid);
    if (name != m_names.end())
        p.name = name->second;
    else if (p.isParent)
        p.name = QStringLiteral("MainProcess");
    else if (slot >= 0)
        p.name = QStringLiteral("PoolWorker-%1").arg(slot + 1);
    else
        p.name = QStringLiteral("Process");
    p.sinceNs = m_lastEventNs;
    StageProcess* made = &m_processes.emplace(pid, std::move(p)).first->second;
    nameRank(pid, made);
    return made;
}

void StageModel::apply(const EventBatch& events)
{
    if (events.empty())
        return;
    for (const Event& e : events)
        applyOne(e);
    // Who waits for whom: a cycle is a deadlock (a few processes and locks: cheap to look for every batch).
    m_waitFor.apply(events);
    m_deadlock = m_waitFor.cycle();
    pruneFlights();
    Q_EMIT changed();
}

void StageModel::setTimeNs(qint64 tNs)
{
    m_timeNs = tNs;
    pruneFlights();
    Q_EMIT changed();
}

void StageModel::applyOne(const Event& e)
{
    ++m_eventsApplied;
    m_lastEventNs = std::max(m_lastEventNs, e.tNs);
    const qint64 pid = normalPid(e.pid);
    if (e.kind == EventKind::ProcessSample) {
        // A reading about a process, not something it did: it updates a box but never makes one (the forkserver
        // is read too and has none), and leaves the state and its time alone.
        const auto it = m_processes.find(pid);
        if (it != m_processes.end()) {
            it->second.cpuPermille = std::max<qint64>(0, e.value);
            it->second.rssKib = std::max<qint64>(0, e.task);
            it->second.schedState = e.object > 0x20 && e.object < 0x7f ? char(e.object) : '?';
            it->second.sampleNs = e.tNs;
        }
        return;
    }
    StageProcess* p = processFor(pid, e.worker);
    if (p && p->rank >= 0) {
        if (e.kind == EventKind::ProcessExit || e.kind == EventKind::ProcessFailed)
            m_mpiWaits.rankGone(p->rank);
        else
            m_mpiWaits.apply(Event { e.tNs, e.pid, p->rank, e.kind, e.object, e.task, e.value }, e.tNs);
    }
    if (p) {
        if (e.kind == EventKind::ProcessSpawn && e.worker < 0 && e.object >= 0 && !p->isParent) {
            // The Manager's server is spawned with its own object id and no pool slot.
            p->isManager = true;
            m_manager.pid = pid;
            if (!m_names.count(pid))
                p->name = QStringLiteral("Manager");
        }
        if (p->state.apply(e))
            p->sinceNs = e.tNs;
    }
    switch (e.kind) {
    case EventKind::TaskSubmit:
    case EventKind::TaskDispatch:
    case EventKind::TaskStart:
    case EventKind::TaskEnd:
    case EventKind::TaskResult:
    case EventKind::TaskDeliver:
    case EventKind::TaskLost:
        applyPool(e, p);
        break;
    case EventKind::ObjectCreate:
        applyCreate(e);
        break;
    case EventKind::MpiSend:
    case EventKind::MpiRecv:
    case EventKind::MpiRecvWait:
    case EventKind::MpiSendWait:
    case EventKind::CollectiveBegin:
    case EventKind::CollectiveEnd:
        applyMpi(e, pid, p);
        break;
    case EventKind::ProcessExit:
    case EventKind::ProcessFailed:
        // A dead process waits for nothing; a lock it held stays held (robust mutex) until someone takes it.
        for (auto& q : m_queues) {
            q.second.blockedGetters.removeAll(pid);
            q.second.blockedPutters.removeAll(pid);
        }
        for (auto& l : m_locks)
            l.second.waiters.removeAll(pid);
        for (auto& s : m_syncs)
            s.second.waiters.removeAll(pid);
        for (auto& pp : m_pipes)
            pp.second.waitingReceivers.removeAll(pid);
        if (!m_processes.count(pid) || !m_processes.at(pid).isParent)
            m_chunks.erase(pid);
        if (p)
            p->collectiveRoot = -2;
        break;
    default:
        applyObject(e, pid);
        break;
    }
}

void StageModel::applyPool(const Event& e, StageProcess* p)
{
    const qint64 pid = normalPid(e.pid);
    // Cards are kept only for processes with a box (at most MaxProcesses); the others' go to a scratch list.
    m_untrackedInbox.clear();
    std::deque<ChunkCard>& inbox = p ? m_chunks[pid] : m_untrackedInbox;
    switch (e.kind) {
    case EventKind::TaskSubmit:
        ++m_submitted;
        if (qsizetype(m_queued.size()) < MaxTrackedQueued)
            m_queued.insert(e.task);
        else
            ++m_queuedUntracked;
        break;
    case EventKind::TaskDispatch: {
        if (!m_queued.erase(e.task) && m_queuedUntracked > 0)
            --m_queuedUntracked;
        if (!inbox.empty() && inbox.back().chunk == e.object) {
            ++inbox.back().count;
        } else if (qsizetype(inbox.size()) < MaxChunksPerWorker) {
            inbox.push_back({ e.object, e.task, 1, 0, 0, e.tNs });
        }
        Flight* f = openFlight(Flight::Kind::Task, e.object);
        if (f && f->startNs == e.tNs)
            ++f->count;
        else
            addFlight({ Flight::Kind::Task, m_enginePid, pid, e.object, e.task, 1, e.tNs, -1, 0 });
        break;
    }
    case EventKind::TaskStart: {
        for (ChunkCard& c : inbox) {
            if (c.chunk == e.object) {
                ++c.started;
                break;
            }
        }
        closeFlight(Flight::Kind::Task, e.object, e.tNs);
        break;
    }
    case EventKind::TaskEnd: {
        if (p && e.task >= 0) // a Process target's end is no pool task
            ++p->tasksDone;
        for (auto it = inbox.begin(); it != inbox.end(); ++it) {
            if (it->chunk == e.object) {
                if (++it->done >= it->count)
                    inbox.erase(it);
                break;
            }
        }
        // An MPI rank's result goes to rank 0 over MPI (a message or a collective, drawn as such), not to the parent.
        if (p && p->rank >= 0)
            break;
        Flight* f = openFlight(Flight::Kind::Result, e.object);
        if (f)
            ++f->count;
        else
            addFlight({ Flight::Kind::Result, pid, m_enginePid, e.object, e.task, 1, e.tNs, -1, 0 });
        break;
    }
    case EventKind::TaskResult: {
        ++m_results;
        qint64 worker = 0;
        for (const auto& [wpid, proc] : m_processes) {
            if (proc.slot == int(e.value) && !proc.isParent && !proc.isManager) {
                worker = wpid; // the latest process in that slot (a replaced worker reuses it)
                if (!proc.state.ended)
                    break;
            }
        }
        m_recentResults.push_back({ e.task, e.object, worker, e.tNs });
        while (qsizetype(m_recentResults.size()) > MaxRecent)
            m_recentResults.pop_front();
        closeFlight(Flight::Kind::Result, e.object, e.tNs);
        break;
    }
    case EventKind::TaskDeliver: {
        ++m_delivered;
        m_recentDeliveries.push_back({ e.task, -1, 0, e.tNs });
        while (qsizetype(m_recentDeliveries.size()) > MaxRecent)
            m_recentDeliveries.pop_front();
        addFlight({ Flight::Kind::Deliver, m_enginePid, m_enginePid, -1, e.task, 1, e.tNs, e.tNs, 0 });
        break;
    }
    case EventKind::TaskLost: {
        ++m_lost;
        inbox.erase(std::remove_if(inbox.begin(), inbox.end(), [&](const ChunkCard& c) { return c.chunk == e.object; }),
            inbox.end());
        break;
    }
    default:
        break;
    }
}

template <class T> T* StageModel::objectFor(std::map<qint32, T>& objects, qint32 id)
{
    auto it = objects.find(id);
    if (it != objects.end())
        return &it->second;
    if (qsizetype(objects.size()) >= MaxObjects) {
        ++m_objectsNotShown;
        return nullptr;
    }
    T t;
    t.id = id;
    return &objects.emplace(id, t).first->second;
}

void StageModel::applyObject(const Event& e, qint64 pid)
{
    switch (e.kind) {
    case EventKind::QueuePut:
    case EventKind::QueueGet:
    case EventKind::QueuePutWait:
    case EventKind::QueueGetWait: {
        StageQueue* q = objectFor(m_queues, e.object);
        if (!q)
            break;
        if (e.value == -1) { // a wait that timed out
            q->blockedPutters.removeOne(pid);
            q->blockedGetters.removeOne(pid);
            break;
        }
        q->size = e.value;
        if (e.kind == EventKind::QueuePut) {
            ++q->puts;
            // What is in it at this time: the size each process saw is taken under the queue's lock, but the
            // stamps after it, so in time order the last one reported can be stale.
            q->size = std::max<qint64>(0, q->puts - q->gets);
            q->blockedPutters.removeOne(pid);
            addFlight({ Flight::Kind::QueuePut, pid, 0, e.object, -1, 1, e.tNs, e.tNs, 0 });
        } else if (e.kind == EventKind::QueueGet) {
            ++q->gets;
            q->size = std::max<qint64>(0, q->puts - q->gets);
            q->blockedGetters.removeOne(pid);
            addFlight({ Flight::Kind::QueueGet, 0, pid, e.object, -1, 1, e.tNs, e.tNs, 0 });
        } else if (e.kind == EventKind::QueuePutWait) {
            appendUnique(q->blockedPutters, pid);
        } else {
            appendUnique(q->blockedGetters, pid);
        }
        q->maxSize = std::max(q->maxSize, q->size);
        break;
    }
    case EventKind::PipeRecvWait: {
        if (StagePipe* pp = objectFor(m_pipes, e.object)) {
            if (e.value == -1)
                pp->waitingReceivers.removeOne(pid);
            else
                appendUnique(pp->waitingReceivers, pid);
        }
        break;
    }
    case EventKind::PipeSend:
    case EventKind::PipeRecv: {
        StagePipe* pp = objectFor(m_pipes, e.object);
        if (!pp)
            break;
        if (e.kind == EventKind::PipeRecv)
            pp->waitingReceivers.removeOne(pid);
        if (pp->endA == 0)
            pp->endA = pid;
        else if (pp->endB == 0 && pid != pp->endA)
            pp->endB = pid;
        const bool fromA = pid == pp->endA;
        if (e.kind == EventKind::PipeSend) {
            ++pp->messages;
            pp->bytes += e.value;
            ++(fromA ? pp->inFlightAtoB : pp->inFlightBtoA);
            addFlight({ Flight::Kind::PipeMessage, pid, 0, e.object, -1, 1, e.tNs, -1, 0 });
        } else {
            // Received by this end: the oldest message sent the other way arrives.
            qint64& inFlight = fromA ? pp->inFlightBtoA : pp->inFlightAtoB;
            inFlight = std::max<qint64>(0, inFlight - 1);
            for (Flight& f : m_flights) {
                if (f.kind == Flight::Kind::PipeMessage && f.object == e.object && f.endNs < 0 && f.fromPid != pid) {
                    f.endNs = e.tNs;
                    f.toPid = pid;
                    break;
                }
            }
        }
        break;
    }
    case EventKind::LockWait:
    case EventKind::LockAcquire:
    case EventKind::LockRelease:
    case EventKind::SemaphoreValue: {
        StageLock* l = objectFor(m_locks, e.object);
        if (!l)
            break;
        if (e.kind == EventKind::LockWait) {
            if (e.value == -1)
                l->waiters.removeOne(pid);
            else
                appendUnique(l->waiters, pid);
        } else if (e.kind == EventKind::LockAcquire) {
            l->waiters.removeOne(pid);
            l->holders.append(pid);
            ++l->acquisitions;
            for (auto& s : m_syncs) // a Condition's waiter is back once it holds the lock again
                if (s.second.kind == StageSync::Kind::Condition)
                    s.second.waiters.removeOne(pid);
        } else if (e.kind == EventKind::LockRelease) {
            l->holders.removeOne(pid);
        } else {
            l->semaphore = true;
            l->semaphoreValue = e.value;
        }
        break;
    }
    case EventKind::Error: {
        // A lock whose holder died: the event names the dead holder, who holds it no more.
        const auto it = m_locks.find(e.object);
        if (it != m_locks.end())
            it->second.holders.removeAll(e.value);
        break;
    }
    case EventKind::SharedRead:
    case EventKind::SharedWrite: {
        StageCell* c = objectFor(m_cells, e.object);
        if (!c)
            break;
        if (c->isArray && e.task >= 0) { // a cell: its index, and the number in it
            c->value = e.task;
            if (e.task < StageCell::MaxShownCells)
                c->cellValues[e.task] = e.value;
        } else {
            c->value = e.value; // a Value's number; an Array's index in runs recorded before cells had values
        }
        c->lastPid = pid;
        c->lastNs = e.tNs;
        if (e.kind == EventKind::SharedWrite) {
            ++c->writes;
            c->written = true;
        } else {
            ++c->reads;
        }
        break;
    }
    case EventKind::BarrierArrive:
    case EventKind::BarrierPass:
    case EventKind::EventSet:
    case EventKind::EventClear:
    case EventKind::EventWait:
    case EventKind::ConditionWait:
    case EventKind::ConditionNotify: {
        StageSync* s = objectFor(m_syncs, e.object);
        if (!s)
            break;
        switch (e.kind) {
        case EventKind::BarrierArrive:
            s->kind = StageSync::Kind::Barrier;
            appendUnique(s->waiters, pid);
            break;
        case EventKind::BarrierPass:
            s->kind = StageSync::Kind::Barrier;
            if (s->waiters.removeAll(pid) > 0 && s->waiters.isEmpty())
                ++s->passes;
            break;
        case EventKind::EventSet:
        case EventKind::EventClear:
            s->kind = StageSync::Kind::Event;
            s->isSet = e.kind == EventKind::EventSet;
            break;
        case EventKind::EventWait:
            s->kind = StageSync::Kind::Event;
            if (e.value == 0)
                appendUnique(s->waiters, pid);
            else
                s->waiters.removeOne(pid);
            break;
        case EventKind::ConditionWait:
            s->kind = StageSync::Kind::Condition;
            appendUnique(s->waiters, pid);
            break;
        default: // ConditionNotify
            s->kind = StageSync::Kind::Condition;
            ++s->passes;
            break;
        }
        break;
    }
    case EventKind::ManagerCall:
        ++m_manager.calls;
        m_manager.recentCalls.append({ pid, e.object, int(e.value), e.tNs });
        while (m_manager.recentCalls.size() > MaxRecent)
            m_manager.recentCalls.removeFirst();
        break;
    default:
        break;
    }
}

// What object N is, from its creation: its tile appears before its first use, with its capacity or size.
void StageModel::applyCreate(const Event& e)
{
    switch (ObjectType(e.value)) {
    case ObjectType::Queue:
        if (StageQueue* q = objectFor(m_queues, e.object))
            q->capacity = e.task;
        break;
    case ObjectType::Lock:
    case ObjectType::RLock:
    case ObjectType::Semaphore:
    case ObjectType::BoundedSemaphore:
        if (StageLock* l = objectFor(m_locks, e.object)) {
            l->type = ObjectType(e.value);
            l->semaphore = l->type == ObjectType::Semaphore || l->type == ObjectType::BoundedSemaphore;
            if (l->semaphore)
                l->semaphoreValue = e.task;
        }
        break;
    case ObjectType::Event:
    case ObjectType::Condition:
    case ObjectType::Barrier:
        if (StageSync* s = objectFor(m_syncs, e.object)) {
            s->kind = ObjectType(e.value) == ObjectType::Event ? StageSync::Kind::Event
                : ObjectType(e.value) == ObjectType::Condition ? StageSync::Kind::Condition
                                                               : StageSync::Kind::Barrier;
            s->parties = std::max<qint64>(0, e.task);
        }
        break;
    case ObjectType::Value:
    case ObjectType::Array:
        if (StageCell* c = objectFor(m_cells, e.object)) {
            c->isArray = ObjectType(e.value) == ObjectType::Array;
            c->size = std::max<qint64>(0, e.task);
            c->value = c->isArray ? -1 : 0;
        }
        break;
    case ObjectType::Pipe:
        if (StagePipe* p = objectFor(m_pipes, e.object))
            p->duplex = e.task != 1;
        break;
    }
}

void StageModel::applyMpi(const Event& e, qint64 pid, StageProcess* p)
{
    const int rank = e.worker; // a rank's events carry its rank as their worker
    if (rank >= 0)
        m_rankPids.try_emplace(rank, pid);
    switch (e.kind) {
    case EventKind::MpiSend: {
        const int to = int(e.value);
        const qint64 seq = m_mpiSent[{ rank, to, e.object }]++;
        ++m_mpiLinks[{ rank, to }].messages;
        ++m_mpiMessages;
        Flight f;
        f.kind = Flight::Kind::MpiMessage;
        // Its receive came first: the ranks' clocks are aligned within a round trip, and a message between hosts
        // can be quicker than that. It arrives the moment it is sent, never before.
        const auto early = m_mpiEarlyReceives.find({ { rank, to, e.object }, seq });
        if (early != m_mpiEarlyReceives.end()) {
            f.endNs = std::max(e.tNs, early->second);
            m_mpiEarlyReceives.erase(early);
        }
        f.fromPid = pid;
        f.toPid = pidOfRank(to); // 0 until the receiver is seen
        f.object = e.object;
        f.task = e.task;
        f.startNs = e.tNs;
        f.fromRank = rank;
        f.toRank = to;
        f.seq = seq;
        addFlight(f);
        break;
    }
    case EventKind::MpiSendWait: {
        if (e.task <= 0)
            break;
        m_mpiLinks[{ rank, int(e.value) }].bytes += e.task;
        m_mpiBytes += e.task;
        break;
    }
    case EventKind::MpiRecv: {
        // The matching send (non-overtaking): the seq-th from that rank with that tag. It has landed already if the
        // card finished crossing, or been dropped past MaxFlights: then there is nothing to close.
        const int from = int(e.value);
        const MpiChannel channel { from, rank, e.object };
        const qint64 seq = m_mpiReceived[channel]++;
        if (seq >= m_mpiSent[channel]) { // not sent yet in event order (see MpiSend): wait for it
            if (m_mpiEarlyReceives.size() < size_t(MaxFlights))
                m_mpiEarlyReceives[{ channel, seq }] = e.tNs;
            break;
        }
        for (Flight& f : m_flights) {
            if (f.kind == Flight::Kind::MpiMessage && f.fromRank == from && f.toRank == rank && f.object == e.object
                && f.seq == seq) {
                f.endNs = e.tNs;
                f.toPid = pid;
                break;
            }
        }
        break;
    }
    case EventKind::CollectiveBegin:
        if (p)
            p->collectiveRoot = int(std::max<qint64>(-1, e.value));
        break;
    case EventKind::CollectiveEnd:
        if (p)
            p->collectiveRoot = -2;
        ++m_mpiCollectives;
        break;
    default:
        break;
    }
}

qint64 StageModel::pidOfRank(int rank) const
{
    const auto it = m_rankPids.find(rank);
    return it == m_rankPids.end() ? 0 : it->second;
}

QStringList StageModel::hosts() const
{
    QStringList out;
    for (const auto& [rank, pid] : m_rankPids) {
        const auto it = m_processes.find(pid);
        if (it != m_processes.end() && !it->second.host.isEmpty() && !out.contains(it->second.host))
            out << it->second.host;
    }
    return out;
}

QList<MpiLink> StageModel::mpiLinks() const
{
    QList<MpiLink> out;
    for (const auto& [link, sent] : m_mpiLinks)
        out << MpiLink { link.first, link.second, sent.messages, sent.bytes };
    return out;
}

Flight* StageModel::openFlight(Flight::Kind kind, qint32 object) const
{
    const auto it = m_open.find({ kind, object });
    return it == m_open.end() ? nullptr : it->second;
}

void StageModel::closeFlight(Flight::Kind kind, qint32 object, qint64 tNs)
{
    const auto it = m_open.find({ kind, object });
    if (it == m_open.end())
        return;
    it->second->endNs = tNs;
    m_open.erase(it);
}

void StageModel::addFlight(const Flight& f)
{
    m_flights.push_back(f); // a deque: references to the others stay valid
    if (f.endNs < 0 && (f.kind == Flight::Kind::Task || f.kind == Flight::Kind::Result))
        m_open[{ f.kind, f.object }] = &m_flights.back();
    while (qsizetype(m_flights.size()) > MaxFlights) {
        const auto it = m_open.find({ m_flights.front().kind, m_flights.front().object });
        if (it != m_open.end() && it->second == &m_flights.front())
            m_open.erase(it);
        m_flights.pop_front();
        ++m_flightsDropped;
    }
}

qint64 StageModel::flightEndNs(const Flight& f) const
{
    // A card takes minTravel to cross; one whose arrival came later travels until then.
    const qint64 travel = f.startNs + m_minTravelNs;
    return f.endNs < 0 ? travel : std::max(travel, f.endNs);
}

void StageModel::pruneFlights()
{
    // Cards that crossed the stage without arriving wait at their destination, which draws them.
    const auto landed = std::remove_if(
        m_flights.begin(), m_flights.end(), [&](const Flight& f) { return flightEndNs(f) <= m_timeNs; });
    if (landed == m_flights.end())
        return;
    m_flights.erase(landed, m_flights.end());
    // Erasing moved the flights: index the open ones again.
    m_open.clear();
    for (Flight& f : m_flights)
        if (f.endNs < 0 && (f.kind == Flight::Kind::Task || f.kind == Flight::Kind::Result))
            m_open[{ f.kind, f.object }] = &f;
}

QList<Flight> StageModel::flights(int max, int* hidden) const
{
    QList<Flight> out;
    int skipped = 0;
    for (const Flight& f : m_flights) {
        if (f.startNs > m_timeNs || flightEndNs(f) <= m_timeNs)
            continue;
        if (out.size() >= max) {
            ++skipped;
            continue;
        }
        Flight g = f;
        const qint64 duration = flightEndNs(f) - f.startNs;
        g.progress = std::clamp(double(m_timeNs - f.startNs) / double(std::max<qint64>(1, duration)), 0.0, 1.0);
        out.append(g);
    }
    if (hidden)
        *hidden = skipped;
    return out;
}

QList<StageProcess> StageModel::processes() const
{
    QList<StageProcess> out;
    const auto parent = m_processes.find(m_enginePid);
    if (parent != m_processes.end())
        out.append(parent->second);
    const qsizetype first = out.size();
    for (const auto& [pid, p] : m_processes)
        if (!p.isParent)
            out.append(p);
    // Workers by slot (then pid: a replacement sorts after the worker it replaced), then the others by pid.
    std::stable_sort(out.begin() + first, out.end(), [](const StageProcess& a, const StageProcess& b) {
        const int sa = a.slot < 0 ? INT_MAX : a.slot;
        const int sb = b.slot < 0 ? INT_MAX : b.slot;
        return sa != sb ? sa < sb : a.pid < b.pid;
    });
    return out;
}

QList<StageProcess> StageModel::workers() const
{
    QList<StageProcess> out = processes();
    out.erase(std::remove_if(out.begin(), out.end(), [](const StageProcess& p) { return p.isParent || p.isManager; }),
        out.end());
    return out;
}

const StageProcess* StageModel::process(qint64 pid) const
{
    const auto it = m_processes.find(pid);
    return it == m_processes.end() ? nullptr : &it->second;
}

qint64 StageModel::queuedCount() const
{
    return qint64(m_queued.size()) + m_queuedUntracked;
}

QList<qint64> StageModel::queuedTasks(int max) const
{
    QList<qint64> out;
    for (qint64 t : m_queued) {
        if (out.size() >= max)
            break;
        out.append(t);
    }
    return out;
}

QList<ChunkCard> StageModel::chunksAt(qint64 pid) const
{
    const auto it = m_chunks.find(pid);
    if (it == m_chunks.end())
        return {};
    return QList<ChunkCard>(it->second.begin(), it->second.end());
}

QList<ResultCard> StageModel::recentResults() const
{
    return QList<ResultCard>(m_recentResults.begin(), m_recentResults.end());
}

QList<ResultCard> StageModel::recentDeliveries() const
{
    return QList<ResultCard>(m_recentDeliveries.begin(), m_recentDeliveries.end());
}

namespace {
template <class T> QList<T> valuesOf(const std::map<qint32, T>& m)
{
    QList<T> out;
    out.reserve(qsizetype(m.size()));
    for (const auto& kv : m)
        out.append(kv.second);
    return out;
}
} // namespace

QList<StageQueue> StageModel::queues() const
{
    return valuesOf(m_queues);
}

QList<StagePipe> StageModel::pipes() const
{
    return valuesOf(m_pipes);
}

QList<StageLock> StageModel::locks() const
{
    return valuesOf(m_locks);
}

QList<StageCell> StageModel::cells() const
{
    return valuesOf(m_cells);
}

QList<StageSync> StageModel::syncs() const
{
    return valuesOf(m_syncs);
}

} // namespace proclab
