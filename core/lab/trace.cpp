#include "lab/trace.h"

#include "base/platform.h"
#include "engine/context.h"
#include "mpi/mpiprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <deque>
#include <set>
#include <tuple>

namespace proclab {

namespace {

// Slices made for a point in time (a put, a send...) last 1 ns, so that a flow arrow has a slice to bind to.
constexpr double MarkUs = 0.001;

struct Builder {
    explicit Builder(const Trace& t)
        : trace(t)
    {
    }
    const Trace& trace;
    qint64 t0 = 0;
    QJsonArray out;
    qint64 nextFlow = 1;

    qint64 pidOf(const Event& e) const { return e.pid == 0 ? trace.enginePid : e.pid; }
    double ts(qint64 tNs) const { return double(tNs - t0) / 1e3; }

    QJsonObject base(const QString& name, const char* cat, const char* ph, qint64 tNs, qint64 pid) const
    {
        return { { QStringLiteral("name"), name }, { QStringLiteral("cat"), QLatin1String(cat) },
            { QStringLiteral("ph"), QLatin1String(ph) }, { QStringLiteral("ts"), ts(tNs) },
            { QStringLiteral("pid"), pid }, { QStringLiteral("tid"), pid } };
    }
    void slice(const QString& name, const char* cat, qint64 pid, qint64 beginNs, double durUs, const QJsonObject& args)
    {
        QJsonObject o = base(name, cat, "X", beginNs, pid);
        o.insert(QStringLiteral("dur"), std::max(0.0, durUs));
        o.insert(QStringLiteral("args"), args);
        out.append(o);
    }
    void mark(const QString& name, const char* cat, const Event& e, const QJsonObject& args)
    {
        slice(name, cat, pidOf(e), e.tNs, MarkUs, args);
    }
    void instant(const QString& name, const char* cat, const Event& e, const QJsonObject& args)
    {
        QJsonObject o = base(name, cat, "i", e.tNs, pidOf(e));
        o.insert(QStringLiteral("s"), QStringLiteral("t"));
        o.insert(QStringLiteral("args"), args);
        out.append(o);
    }
    void counter(const QString& name, qint64 tNs, const char* series, qint64 value)
    {
        QJsonObject o = base(name, "counter", "C", tNs, trace.enginePid);
        o.insert(QStringLiteral("args"), QJsonObject { { QLatin1String(series), value } });
        out.append(o);
    }
    // A counter on a process's own track (CPU and memory samples).
    void processCounter(const QString& name, qint64 tNs, qint64 pid, const QJsonObject& args)
    {
        QJsonObject o = base(name, "counter", "C", tNs, pid);
        o.insert(QStringLiteral("args"), args);
        out.append(o);
    }
    // An arrow from (a) to (b); both ends bind to the slice enclosing them ("bp":"e"). Two processes stamp their
    // own ends: a getter woken by a put may stamp its get before the putter stamps its put. An arrow cannot go
    // back in time, so then it lands on a mark on b's track just after a, saying by how much it was moved.
    void flow(const QString& name, const char* cat, const Event& a, const Event& b)
    {
        const qint64 id = nextFlow++;
        QJsonObject s = base(name, cat, "s", a.tNs, pidOf(a));
        s.insert(QStringLiteral("id"), id);
        out.append(s);
        qint64 endNs = b.tNs;
        if (endNs <= a.tNs) {
            endNs = a.tNs + 1;
            slice(name + QStringLiteral(" (arrives)"), cat, pidOf(b), endNs, MarkUs,
                { { QStringLiteral("stamped_earlier_us"), double(endNs - b.tNs) / 1e3 } });
        }
        QJsonObject f = base(name, cat, "f", endNs, pidOf(b));
        f.insert(QStringLiteral("id"), id);
        f.insert(QStringLiteral("bp"), QStringLiteral("e"));
        out.append(f);
    }
    // Ends of one kind (puts, or gets...) waiting for their counterpart: per process in arrival order, and the
    // oldest of each process in a set, so that "the oldest" and "the oldest from another process" cost log n
    // whatever a (possibly hostile) trace holds.
    struct Waiting {
        std::map<qint64, std::deque<std::pair<qint64, Event>>> byPid; // pid → (arrival, end)
        std::set<std::pair<qint64, qint64>> oldest; // (arrival, pid) of each byPid front
    };
    // Sources (puts, sends) and sinks (gets, recvs) of one queue or pipe, paired in order as they come.
    struct Pairing {
        Waiting sources;
        Waiting sinks;
        qint64 arrivals = 0;
    };
    // Pairs e with the oldest waiting counterpart (from another process when `otherProcess`, for duplex pipes).
    void pair(Pairing& p, const Event& e, bool source, bool otherProcess, const QString& name, const char* cat)
    {
        Waiting& waiting = source ? p.sinks : p.sources;
        if (waiting.oldest.empty()) {
            Waiting& mine = source ? p.sources : p.sinks;
            auto& q = mine.byPid[pidOf(e)];
            if (q.empty())
                mine.oldest.insert({ p.arrivals, pidOf(e) });
            q.push_back({ p.arrivals++, e });
            return;
        }
        auto it = waiting.oldest.begin();
        if (otherProcess && it->second == pidOf(e) && std::next(it) != waiting.oldest.end())
            ++it;
        const qint64 pid = it->second;
        waiting.oldest.erase(it);
        auto& q = waiting.byPid[pid];
        const Event other = q.front().second;
        q.pop_front();
        if (q.empty())
            waiting.byPid.erase(pid);
        else
            waiting.oldest.insert({ q.front().first, pid });
        if (source)
            flow(name, cat, e, other);
        else
            flow(name, cat, other, e);
    }
    void metadata(const char* name, qint64 pid, const QJsonObject& args)
    {
        out.append(QJsonObject { { QStringLiteral("name"), QLatin1String(name) },
            { QStringLiteral("ph"), QStringLiteral("M") }, { QStringLiteral("ts"), 0 }, { QStringLiteral("pid"), pid },
            { QStringLiteral("tid"), pid }, { QStringLiteral("args"), args } });
    }
};

using Key = std::pair<qint64, qint64>; // (pid, object or task)

} // namespace

Trace Trace::capture(Context& context, const QJsonObject& settings)
{
    context.publishEvents(true);
    Trace t;
    t.events = context.events().snapshot();
    t.enginePid = platform::currentPid();
    t.settings = settings;
    for (const Event& e : t.events) {
        if (e.pid <= 0 || t.processNames.count(e.pid))
            continue;
        const QString name = context.processName(pid_t(e.pid));
        if (!name.isEmpty())
            t.processNames[e.pid] = name;
    }
    for (const ConsoleChunk& c : context.console())
        t.console.push_back({ c.tNs, c.pid, c.stream, QString::fromUtf8(c.text) });
    t.processErrors = context.processErrors();
    return t;
}

QJsonObject Trace::toChromeTrace() const
{
    Builder b(*this);
    if (!events.empty())
        b.t0 = std::min_element(events.cbegin(), events.cend(), [](const Event& x, const Event& y) {
            return x.tNs < y.tNs;
        })->tNs;

    // Tracks: the engine first, then the processes in order of appearance.
    std::vector<qint64> pids { enginePid };
    std::set<qint64> seen { enginePid };
    for (const Event& e : events) {
        const qint64 pid = b.pidOf(e);
        if (seen.insert(pid).second)
            pids.push_back(pid);
    }
    for (size_t i = 0; i < pids.size(); ++i) {
        const qint64 pid = pids[i];
        const auto it = processNames.find(pid);
        const QString name = it != processNames.end() ? it->second
            : pid == enginePid                        ? QStringLiteral("MainProcess")
                                                      : QStringLiteral("pid %1").arg(pid);
        b.metadata("process_name", pid, { { QStringLiteral("name"), name } });
        b.metadata("process_sort_index", pid, { { QStringLiteral("sort_index"), qint64(i) } });
        b.metadata(
            "thread_name", pid, { { QStringLiteral("name"), QStringLiteral("%1 (pid %2)").arg(name).arg(pid) } });
        // The exception that ended it, beside its name in Perfetto's and chrome://tracing's track list.
        if (const auto error = processErrors.find(pid); error != processErrors.end())
            b.metadata("process_labels", pid, { { QStringLiteral("labels"), error->second.exception } });
    }

    std::map<Key, Event> taskStarts; // (pid, task)
    std::map<Key, Event> lockWaits; // (pid, lock)
    std::map<std::pair<Key, bool>, Event> queueWaits; // ((pid, queue), put?)
    std::map<qint64, Builder::Pairing> queues;
    std::map<qint64, Builder::Pairing> pipes;
    std::map<qint64, std::deque<Event>> dispatched; // task → dispatches not yet started
    std::map<qint64, std::deque<Event>> ended; // task → ends whose result has not arrived
    // MPI point to point, matched by MPI's non-overtaking rule: the k-th send a→b with tag t is the k-th receive
    // at b from a with tag t. Either end may come first in time order (clocks of different hosts).
    std::map<std::tuple<qint64, qint64, qint64>, std::deque<Event>> mpiSends, mpiRecvs; // (from, to, tag)
    std::map<qint64, Event> mpiWaits; // pid → the receive it waits in
    std::map<qint64, Event> mpiSendWaits; // pid → the blocking send it is in
    std::map<std::pair<qint64, qint64>, Event> collectives; // (pid, operation) → begin

    for (const Event& e : events) {
        const qint64 pid = b.pidOf(e);
        const QString kind = eventKindName(e.kind);
        switch (e.kind) {
        case EventKind::TaskDispatch: {
            // Stamped by the engine when it sent the chunk; the pid is the worker it went to.
            Event engineSide = e;
            engineSide.pid = 0;
            b.mark(QStringLiteral("dispatch task %1").arg(e.task), "task", engineSide,
                { { QStringLiteral("task"), e.task }, { QStringLiteral("chunk"), e.object },
                    { QStringLiteral("to_pid"), e.pid } });
            dispatched[e.task].push_back(engineSide);
            break;
        }
        case EventKind::TaskStart:
            taskStarts[{ pid, e.task }] = e;
            break;
        case EventKind::TaskEnd: {
            const auto it = taskStarts.find({ pid, e.task });
            if (it == taskStarts.end()) {
                b.instant(kind, "task", e, { { QStringLiteral("task"), e.task } });
                break;
            }
            const Event start = it->second;
            taskStarts.erase(it);
            b.slice(QStringLiteral("task %1").arg(e.task), "task", pid, start.tNs, double(e.tNs - start.tNs) / 1e3,
                { { QStringLiteral("task"), e.task }, { QStringLiteral("chunk"), e.object },
                    { QStringLiteral("worker"), e.worker }, { QStringLiteral("raised"), e.value != 0 } });
            auto& d = dispatched[e.task];
            if (!d.empty()) {
                b.flow(QStringLiteral("task %1").arg(e.task), "task", d.front(), start);
                d.pop_front();
            }
            Event endMark = e;
            endMark.tNs = e.tNs - 1; // inside the task's slice
            ended[e.task].push_back(endMark);
            break;
        }
        case EventKind::TaskResult: {
            b.mark(QStringLiteral("result task %1").arg(e.task), "task", e, { { QStringLiteral("task"), e.task } });
            auto& d = ended[e.task];
            if (!d.empty()) {
                b.flow(QStringLiteral("result %1").arg(e.task), "task", d.front(), e);
                d.pop_front();
            }
            break;
        }
        case EventKind::QueuePutWait:
        case EventKind::QueueGetWait:
            queueWaits[{ { pid, e.object }, e.kind == EventKind::QueuePutWait }] = e;
            break;
        case EventKind::QueuePut:
        case EventKind::QueueGet: {
            const bool put = e.kind == EventKind::QueuePut;
            const auto w = queueWaits.find({ { pid, e.object }, put });
            if (w != queueWaits.end()) {
                b.slice(QStringLiteral("%1 waits on queue %2")
                            .arg(put ? QStringLiteral("put") : QStringLiteral("get"))
                            .arg(e.object),
                    "queue", pid, w->second.tNs, double(e.tNs - w->second.tNs) / 1e3,
                    { { QStringLiteral("queue"), e.object } });
                queueWaits.erase(w);
            }
            b.mark(QStringLiteral("%1 queue %2").arg(put ? QStringLiteral("put") : QStringLiteral("get")).arg(e.object),
                "queue", e, { { QStringLiteral("queue"), e.object }, { QStringLiteral("qsize_after"), e.value } });
            b.counter(QStringLiteral("queue %1 size").arg(e.object), e.tNs, "size", e.value);
            b.pair(queues[e.object], e, put, false, QStringLiteral("queue %1").arg(e.object), "queue");
            break;
        }
        case EventKind::PipeSend:
        case EventKind::PipeRecv: {
            const bool send = e.kind == EventKind::PipeSend;
            b.mark(
                QStringLiteral("%1 pipe %2").arg(send ? QStringLiteral("send") : QStringLiteral("recv")).arg(e.object),
                "pipe", e, { { QStringLiteral("pipe"), e.object }, { QStringLiteral("bytes"), e.value } });
            // A duplex pipe carries both ways under one id: pair with another process's end.
            b.pair(pipes[e.object], e, send, true, QStringLiteral("pipe %1").arg(e.object), "pipe");
            break;
        }
        case EventKind::LockWait:
            if (e.value >= 0) {
                lockWaits[{ pid, e.object }] = e;
            } else if (const auto it = lockWaits.find({ pid, e.object }); it != lockWaits.end()) {
                b.slice(QStringLiteral("wait lock %1 (timed out)").arg(e.object), "lock", pid, it->second.tNs,
                    double(e.tNs - it->second.tNs) / 1e3, { { QStringLiteral("lock"), e.object } });
                lockWaits.erase(it);
            }
            break;
        case EventKind::LockAcquire: {
            if (const auto it = lockWaits.find({ pid, e.object }); it != lockWaits.end()) {
                b.slice(QStringLiteral("wait lock %1").arg(e.object), "lock", pid, it->second.tNs,
                    double(e.tNs - it->second.tNs) / 1e3,
                    { { QStringLiteral("lock"), e.object }, { QStringLiteral("holder_pid"), it->second.value } });
                lockWaits.erase(it);
            }
            b.instant(kind, "lock", e, { { QStringLiteral("lock"), e.object } });
            break;
        }
        case EventKind::SemaphoreValue:
            b.counter(QStringLiteral("semaphore %1 value").arg(e.object), e.tNs, "value", e.value);
            break;
        case EventKind::MpiSend:
        case EventKind::MpiRecv: {
            const bool send = e.kind == EventKind::MpiSend;
            const qint64 me = e.worker, peer = e.value;
            if (send) {
                if (const auto w = mpiSendWaits.find(pid); w != mpiSendWaits.end()) {
                    b.slice(QStringLiteral("MPI_Send (spinning)"), "mpi", pid, w->second.tNs,
                        double(e.tNs - w->second.tNs) / 1e3,
                        { { QStringLiteral("to_rank"), peer }, { QStringLiteral("bytes"), w->second.task } });
                    mpiSendWaits.erase(w);
                }
            } else {
                if (const auto w = mpiWaits.find(pid); w != mpiWaits.end()) {
                    b.slice(QStringLiteral("MPI wait (spinning)"), "mpi", pid, w->second.tNs,
                        double(e.tNs - w->second.tNs) / 1e3, { { QStringLiteral("from_rank"), peer } });
                    mpiWaits.erase(w);
                }
            }
            b.mark(QStringLiteral("%1 %2 rank %3 (tag %4)")
                       .arg(send ? QStringLiteral("MPI_Send to") : QStringLiteral("MPI_Recv from"))
                       .arg(peer)
                       .arg(e.object),
                "mpi", e,
                { { QStringLiteral("peer_rank"), peer }, { QStringLiteral("tag"), e.object },
                    { QStringLiteral("chunk"), e.task } });
            const auto key = send ? std::tuple(me, peer, qint64(e.object)) : std::tuple(peer, me, qint64(e.object));
            auto& other = send ? mpiRecvs[key] : mpiSends[key];
            if (other.empty()) {
                (send ? mpiSends[key] : mpiRecvs[key]).push_back(e);
            } else {
                const Event o = other.front();
                other.pop_front();
                b.flow(QStringLiteral("message tag %1").arg(e.object), "mpi", send ? e : o, send ? o : e);
            }
            break;
        }
        case EventKind::MpiRecvWait:
            mpiWaits[pid] = e;
            break;
        case EventKind::MpiSendWait:
            mpiSendWaits[pid] = e;
            break;
        case EventKind::CollectiveBegin:
            collectives[{ pid, e.object }] = e;
            break;
        case EventKind::CollectiveEnd: {
            const auto it = collectives.find({ pid, e.object });
            if (it == collectives.end())
                break;
            b.slice(mpi::collectiveName(e.object), "mpi", pid, it->second.tNs, double(e.tNs - it->second.tNs) / 1e3,
                { { QStringLiteral("bytes"), e.task }, { QStringLiteral("root"), e.value } });
            collectives.erase(it);
            break;
        }
        case EventKind::ProcessSample:
            b.processCounter(QStringLiteral("CPU %"), e.tNs, pid, { { QStringLiteral("cpu"), double(e.value) / 10 } });
            b.processCounter(
                QStringLiteral("RSS MiB"), e.tNs, pid, { { QStringLiteral("rss"), double(e.task) / 1024 } });
            break;
        case EventKind::ProcessSpawn:
            b.instant(QStringLiteral("spawn"), "process", e, { { QStringLiteral("start_method"), e.value } });
            break;
        case EventKind::ProcessReady:
            b.instant(
                QStringLiteral("ready"), "process", e, { { QStringLiteral("startup_ms"), double(e.value) / 1e6 } });
            break;
        case EventKind::ProcessExit:
            b.instant(QStringLiteral("exit"), "process", e, { { QStringLiteral("exit_code"), e.value } });
            break;
        default:
            b.instant(kind, "event", e,
                { { QStringLiteral("object"), e.object }, { QStringLiteral("task"), e.task },
                    { QStringLiteral("value"), e.value }, { QStringLiteral("worker"), e.worker } });
            break;
        }
    }
    // What was still open at the end (a worker killed mid-task...) shows up to the last event.
    const qint64 last = events.empty() ? 0 : events.back().tNs;
    for (const auto& [key, start] : taskStarts)
        b.slice(QStringLiteral("task %1 (unfinished)").arg(key.second), "task", key.first, start.tNs,
            double(last - start.tNs) / 1e3, { { QStringLiteral("task"), key.second } });

    QJsonObject other { { QStringLiteral("generator"), QStringLiteral("ProcLab") },
        { QStringLiteral("engine_pid"), enginePid }, { QStringLiteral("events"), qint64(events.size()) } };
    if (!settings.isEmpty())
        other.insert(QStringLiteral("settings"), settings);
    return { { QStringLiteral("traceEvents"), b.out }, { QStringLiteral("displayTimeUnit"), QStringLiteral("ms") },
        { QStringLiteral("otherData"), other } };
}

bool Trace::saveChromeTrace(const QString& fileName, QString* error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    file.write(QJsonDocument(toChromeTrace()).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace proclab
