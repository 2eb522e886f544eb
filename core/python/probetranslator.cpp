#include "python/probetranslator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMetaEnum>

#include <cmath>
#include <csignal>

namespace proclab {

namespace {

constexpr qsizetype MaxObjects = 1 << 20;
constexpr qsizetype MaxChunks = 1 << 22;
constexpr qint64 MaxChunkSize = 1 << 24;
constexpr qint64 MaxTasks = qint64(1) << 40;
constexpr qint64 MaxPid = (qint64(1) << 31) - 1;

std::optional<EventKind> kindNamed(const QString& name)
{
    bool ok = false;
    const int v = QMetaEnum::fromType<EventKind>().keyToValue(name.toLatin1().constData(), &ok);
    if (!ok || v < 0 || v > int(EventKind::Error))
        return std::nullopt;
    return EventKind(v);
}

std::optional<ObjectType> objectTypeNamed(const QString& name)
{
    bool ok = false;
    const int v = QMetaEnum::fromType<ObjectType>().keyToValue(name.toLatin1().constData(), &ok);
    if (!ok || v < 0)
        return std::nullopt;
    return ObjectType(v);
}

int startMethodValue(const QString& method)
{
    // StartMethod's numbers (engine/startmethod.h): Spawn 0, ForkServer 1, Fork 2.
    if (method == QLatin1String("forkserver"))
        return 1;
    if (method == QLatin1String("fork"))
        return 2;
    return 0;
}

} // namespace

void ProbeTranslator::setMain(qint64 pid, qint64 spawnNs)
{
    m_main = pid;
    Process& p = process(pid);
    p.spawnNs = spawnNs;
    p.name = QStringLiteral("MainProcess");
    p.slot = -1;
}

QString ProbeTranslator::nameOf(qint64 pid) const
{
    const auto it = m_processes.find(pid);
    return it == m_processes.end() ? QString() : it->second.name;
}

ProbeTranslator::Process& ProbeTranslator::process(qint64 pid)
{
    Process& p = m_processes[pid];
    if (p.pid == 0) {
        p.pid = pid;
        if (pid != m_main)
            p.slot = m_nextSlot++;
    }
    return p;
}

qint32 ProbeTranslator::object(const QString& key)
{
    const auto it = m_objects.constFind(key);
    if (it != m_objects.constEnd())
        return *it;
    if (key.isEmpty() || m_objects.size() >= MaxObjects)
        return -1;
    const qint32 id = m_nextObject++;
    m_objects.insert(key, id);
    return id;
}

ProbeTranslator::Chunk* ProbeTranslator::chunk(const QString& key, qint64 size)
{
    auto it = m_chunks.find(key);
    if (it != m_chunks.end())
        return &it->second;
    if (key.isEmpty() || size < 1 || size > MaxChunkSize || qsizetype(m_chunks.size()) >= MaxChunks
        || m_nextTask + size > MaxTasks)
        return nullptr;
    Chunk c;
    c.id = qint32(m_chunks.size());
    c.base = m_nextTask;
    c.size = size;
    m_nextTask += size;
    return &m_chunks.emplace(key, c).first->second;
}

void ProbeTranslator::push(
    EventBatch* out, qint64 t, qint64 pid, EventKind kind, qint32 object, qint64 task, qint64 value)
{
    const auto it = m_processes.find(pid);
    const qint32 slot = it == m_processes.end() ? -1 : it->second.slot;
    out->push_back({ t, qint32(pid), slot, kind, object, task, value });
}

void ProbeTranslator::apply(qint64 pid, const ProbeRecord& r, EventBatch* out)
{
    const QString& k = r.kind;
    const qint64 t = r.tNs;
    if (k == QLatin1String("ProcessSpawn")) {
        const qint64 child = r.task;
        if (child <= 0 || child > MaxPid || child == pid || (knows(child) && process(child).spawnNs)) {
            ++m_dropped;
            return;
        }
        Process& c = process(child);
        c.parent = pid;
        c.spawnNs = t;
        const QJsonObject extra = r.extra.toObject();
        c.name = extra.value(QLatin1String("name")).toString().left(128);
        push(out, t, child, EventKind::ProcessSpawn, -1, -1,
            startMethodValue(extra.value(QLatin1String("method")).toString()));
        return;
    }
    if (k == QLatin1String("ProcessExit")) {
        const auto it = m_processes.find(r.task);
        if (it == m_processes.end() || it->second.parent != pid || it->second.exited) {
            ++m_dropped;
            return;
        }
        it->second.exited = true;
        it->second.exitCode = r.value;
        push(out, t, r.task, EventKind::ProcessExit, -1, -1, r.value);
        if (r.value < 0 && r.value != -SIGTERM)
            push(out, t, r.task, EventKind::ProcessFailed, -1, -1, r.value);
        lose(r.task, t, out);
        return;
    }

    // Everything else is about the reporting process itself.
    Process& self = process(pid);
    if (k == QLatin1String("ProcessReady")) {
        if (self.ready) {
            ++m_dropped;
            return;
        }
        self.ready = true;
        const QJsonObject extra = r.extra.toObject();
        if (self.name.isEmpty())
            self.name = extra.value(QLatin1String("name")).toString().left(128);
        push(out, t, pid, EventKind::ProcessReady, -1, -1, self.spawnNs > 0 && t > self.spawnNs ? t - self.spawnNs : 0);
        return;
    }
    if (k == QLatin1String("ProcessEnd"))
        return; // the process's own word; its exit code comes from its parent (or the engine)
    if (k == QLatin1String("ProbeMode")) {
        const QString missing = r.extra.toObject().value(QLatin1String("missing")).toString().left(200);
        const QString note = QStringLiteral("Python %1 lacks %2: this part of the program is shown as processes "
                                            "and console only")
                                 .arg(r.extra.toObject().value(QLatin1String("python")).toString().left(16), missing);
        if (!m_notes.contains(note) && m_notes.size() < 100)
            m_notes << note;
        return;
    }
    if (k == QLatin1String("TaskSubmit") || k == QLatin1String("TaskDispatch")) {
        Chunk* c = chunk(r.key, r.value);
        if (!c) {
            ++m_dropped;
            return;
        }
        const bool submit = k == QLatin1String("TaskSubmit");
        if (submit ? c->submitted : c->dispatched) {
            ++m_dropped;
            return;
        }
        if (submit) {
            c->submitted = true;
            c->owner = pid;
        } else {
            c->dispatched = true;
            c->worker = pid;
        }
        for (qint64 i = 0; i < c->size; ++i)
            push(out, t, pid, submit ? EventKind::TaskSubmit : EventKind::TaskDispatch, submit ? -1 : c->id,
                c->base + i, 0);
        return;
    }
    if (k == QLatin1String("TaskStart") || k == QLatin1String("TaskEnd") || k == QLatin1String("TaskEnds")
        || k == QLatin1String("TaskResult")) {
        const auto it = m_chunks.find(r.key);
        if (it == m_chunks.end()) {
            ++m_dropped;
            return;
        }
        Chunk& c = it->second;
        if (k == QLatin1String("TaskResult")) {
            if (c.resulted || (c.owner && c.owner != pid)) {
                ++m_dropped;
                return;
            }
            // The worker's task ends may still be on their way (another connection): settle when they are in.
            c.resulted = true;
            c.resultNs = t;
            c.raised = c.raised || r.value == 2; // cancelled before it ran: its tasks never will
            if (!c.owner)
                c.owner = pid;
            settle(c, out);
            return;
        }
        if (c.worker != pid || r.task < 0 || r.task >= c.size) {
            ++m_dropped;
            return;
        }
        if (k == QLatin1String("TaskStart")) {
            push(out, t, pid, EventKind::TaskStart, c.id, c.base + r.task, 0);
            return;
        }
        if (k == QLatin1String("TaskEnd")) {
            if (r.task != c.next) {
                ++m_dropped;
                return;
            }
            push(out, t, pid, EventKind::TaskEnd, c.id, c.base + r.task, r.value ? 1 : 0);
            ++c.next;
            c.raised = c.raised || r.value != 0;
            settle(c, out);
            return;
        }
        // TaskEnds: task k0 + j ended at extra[j]; the next one started then (unless the chunk ends or raised).
        const QJsonArray ends = r.extra.toArray();
        if (r.task != c.next || r.task + ends.size() > c.size) {
            ++m_dropped;
            return;
        }
        // Each end a time as the record's own: a whole number of nanoseconds above 0 and below 2^62 (fuzz_probe
        // found [-8]: an event before the clock's origin). One that is not drops the record, as a bad time does.
        for (const QJsonValue& v : ends) {
            const double d = v.toDouble(-1);
            if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d) || d <= 0 || d >= 4.6e18) {
                ++m_dropped;
                return;
            }
        }
        for (qsizetype j = 0; j < ends.size(); ++j) {
            const qint64 end = qint64(ends.at(j).toDouble());
            const bool last = j + 1 == ends.size();
            const bool raised = last && r.value == 1;
            push(out, end, pid, EventKind::TaskEnd, c.id, c.base + c.next, raised ? 1 : 0);
            ++c.next;
            if (c.next < c.size && !(last && r.value != 2))
                push(out, end, pid, EventKind::TaskStart, c.id, c.base + c.next, 0);
        }
        c.raised = c.raised || r.value == 1;
        settle(c, out);
        return;
    }

    const auto kind = kindNamed(k);
    if (!kind) {
        ++m_dropped;
        return;
    }
    const qint32 obj = object(r.key);
    if (obj < 0) {
        ++m_dropped;
        return;
    }
    switch (*kind) {
    case EventKind::ObjectCreate: {
        const auto type = objectTypeNamed(r.text);
        if (!type) {
            ++m_dropped;
            return;
        }
        push(out, t, pid, EventKind::ObjectCreate, obj, r.task, int(*type));
        return;
    }
    case EventKind::LockWait:
        push(out, t, pid, *kind, obj, -1, r.value == -1 ? -1 : m_lockHolder.value(obj, 0));
        return;
    case EventKind::LockAcquire:
        m_lockHolder[obj] = pid;
        push(out, t, pid, *kind, obj, -1, pid);
        return;
    case EventKind::LockRelease:
        m_lockHolder[obj] = 0;
        push(out, t, pid, *kind, obj, -1, pid);
        return;
    case EventKind::ManagerCall: {
        const QString method = r.extra.toObject().value(QLatin1String("method")).toString().left(64);
        qsizetype index = m_methods.indexOf(method);
        if (index < 0 && m_methods.size() < 1000) {
            m_methods << method;
            index = m_methods.size() - 1;
        }
        push(out, t, pid, *kind, obj, -1, index);
        return;
    }
    case EventKind::QueuePut:
    case EventKind::QueuePutWait:
    case EventKind::QueueGet:
    case EventKind::QueueGetWait:
    case EventKind::PipeSend:
    case EventKind::PipeRecv:
    case EventKind::PipeRecvWait:
    case EventKind::SharedRead:
    case EventKind::SharedWrite:
    case EventKind::BarrierArrive:
    case EventKind::BarrierPass:
    case EventKind::ConditionWait:
    case EventKind::ConditionNotify:
    case EventKind::EventSet:
    case EventKind::EventClear:
    case EventKind::EventWait:
    case EventKind::SemaphoreValue:
        push(out, t, pid, *kind, obj, r.task, r.value);
        return;
    default:
        ++m_dropped; // process and task kinds are handled above; the rest are the engine's own
        return;
    }
}

void ProbeTranslator::settle(Chunk& c, EventBatch* out)
{
    if (c.settled || !c.resulted || !(c.next >= c.size || c.raised))
        return;
    c.settled = true;
    const auto w = m_processes.find(c.worker);
    const qint64 slot = w == m_processes.end() ? -1 : w->second.slot;
    for (qint64 i = 0; i < c.size; ++i)
        push(out, c.resultNs, c.owner, i < c.next ? EventKind::TaskResult : EventKind::TaskCancel, c.id, c.base + i,
            i < c.next ? slot : 0);
}

void ProbeTranslator::lose(qint64 pid, qint64 tNs, EventBatch* out)
{
    // The tasks a dead worker had pulled and not finished: lost with it (Python's Pool does not notice).
    for (auto& [key, c] : m_chunks) {
        if (c.worker != pid || c.settled || c.next >= c.size || c.raised)
            continue;
        for (qint64 i = c.next; i < c.size; ++i)
            push(out, tNs, pid, EventKind::TaskLost, c.id, c.base + i, 0);
        c.settled = true;
    }
}

void ProbeTranslator::mainExited(qint64 tNs, int exitCode, EventBatch* out)
{
    Process& p = process(m_main);
    if (p.exited)
        return;
    p.exited = true;
    p.exitCode = exitCode;
    push(out, tNs, m_main, EventKind::ProcessExit, -1, -1, exitCode);
    if (exitCode < 0 && exitCode != -SIGTERM)
        push(out, tNs, m_main, EventKind::ProcessFailed, -1, -1, exitCode);
}

void ProbeTranslator::finish(qint64 tNs, EventBatch* out)
{
    for (auto& [pid, p] : m_processes) {
        if (p.exited)
            continue;
        // Nobody waited for it (its parent died or never joined): the exit code is unknown.
        p.exited = true;
        push(out, tNs, pid, EventKind::ProcessFailed, -1, -1, 0);
        lose(pid, tNs, out);
    }
    for (auto& [key, c] : m_chunks) {
        if (c.settled)
            continue;
        c.settled = true;
        for (qint64 i = 0; i < c.size; ++i) {
            if (i < c.next && c.resulted)
                push(out, c.resultNs, c.owner, EventKind::TaskResult, c.id, c.base + i, 0);
            else if (i >= c.next)
                push(out, tNs, c.worker ? c.worker : c.owner, EventKind::TaskLost, c.id, c.base + i, 0);
        }
    }
}

} // namespace proclab
