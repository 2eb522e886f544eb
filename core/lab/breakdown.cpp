#include "lab/breakdown.h"

#include <QJsonValue>

#include <algorithm>
#include <map>
#include <vector>

namespace proclab {

namespace {

struct Interval {
    qint64 from = 0;
    qint64 to = 0;
};

// What one worker slot did, in event order.
struct Slot {
    std::vector<Interval> running; // TaskStart..TaskEnd
    std::vector<Interval> blocked; // a wait, anywhere
    qint64 openTask = -1; // start of the task under way, -1 none
    qint64 openWait = -1; // start of the wait under way, -1 none
    qint64 lastEnd = -1; // the last TaskEnd
};

qint64 overlap(const Interval& a, qint64 from, qint64 to)
{
    return std::max<qint64>(0, std::min(a.to, to) - std::max(a.from, from));
}

// Does this event start (1) or end (-1) a wait of its process (0: neither)? As ActivityState sees waits.
int waitEdge(const Event& e)
{
    switch (e.kind) {
    case EventKind::LockWait:
    case EventKind::QueuePutWait:
    case EventKind::QueueGetWait:
    case EventKind::PipeRecvWait:
        return e.value == -1 ? -1 : 1; // -1: it timed out, or the pipe closed
    case EventKind::BarrierArrive:
    case EventKind::ConditionWait:
        return 1;
    case EventKind::EventWait:
        return e.value == 0 ? 1 : -1;
    case EventKind::LockAcquire:
    case EventKind::QueuePut:
    case EventKind::QueueGet:
    case EventKind::PipeRecv:
    case EventKind::BarrierPass:
    case EventKind::TaskEnd:
        return -1;
    default:
        return 0;
    }
}

} // namespace

double Breakdown::part(Part p) const
{
    switch (p) {
    case Part::Useful:
        return useful;
    case Part::Startup:
        return startup;
    case Part::Serial:
        return serial;
    case Part::Overhead:
        return overhead;
    case Part::Waiting:
        return waiting;
    case Part::Imbalance:
        return imbalance;
    }
    return 0;
}

QString Breakdown::partKey(Part p)
{
    switch (p) {
    case Part::Useful:
        return QStringLiteral("useful_s");
    case Part::Startup:
        return QStringLiteral("startup_s");
    case Part::Serial:
        return QStringLiteral("serial_s");
    case Part::Overhead:
        return QStringLiteral("overhead_s");
    case Part::Waiting:
        return QStringLiteral("waiting_s");
    case Part::Imbalance:
        return QStringLiteral("imbalance_s");
    }
    return {};
}

QString Breakdown::partName(Part p)
{
    switch (p) {
    case Part::Useful:
        return QStringLiteral("useful work");
    case Part::Startup:
        return QStringLiteral("pool start-up");
    case Part::Serial:
        return QStringLiteral("serial part");
    case Part::Overhead:
        return QStringLiteral("dispatch and results");
    case Part::Waiting:
        return QStringLiteral("waiting");
    case Part::Imbalance:
        return QStringLiteral("imbalance");
    }
    return {};
}

Breakdown::Part Breakdown::largestLoss() const
{
    Part best = Part::Startup;
    for (int i = 1; i < PartCount; ++i) {
        if (part(Part(i)) > part(best))
            best = Part(i);
    }
    return best;
}

QJsonObject Breakdown::toJson() const
{
    QJsonObject o { { QStringLiteral("processes"), processes }, { QStringLiteral("span_s"), spanSeconds } };
    for (int i = 0; i < PartCount; ++i)
        o.insert(partKey(Part(i)), part(Part(i)));
    return o;
}

Breakdown Breakdown::fromJson(const QJsonObject& o)
{
    Breakdown b;
    b.processes = o.value(QStringLiteral("processes")).toInt();
    b.spanSeconds = o.value(QStringLiteral("span_s")).toDouble();
    double* parts[PartCount] = { &b.useful, &b.startup, &b.serial, &b.overhead, &b.waiting, &b.imbalance };
    for (int i = 0; i < PartCount; ++i)
        *parts[i] = o.value(partKey(Part(i))).toDouble();
    return b;
}

Breakdown computeBreakdown(const EventBatch& unsorted, const BreakdownSpan& span)
{
    Breakdown b;
    const int p = span.processes;
    if (p <= 0 || span.poolStartNs <= 0 || span.endNs <= span.timedStartNs || span.timedStartNs < span.poolStartNs)
        return b;
    EventBatch events = unsorted;
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; });

    // The serial part ends when the main process hands out the first task.
    qint64 serialEnd = span.endNs;
    std::map<qint64, int> slotOf; // pid -> worker slot, from any event that names both
    const auto inSpan = [&](const Event& e) { return e.tNs >= span.poolStartNs && e.tNs <= span.endNs; };
    for (const Event& e : events) {
        if (!inSpan(e))
            continue;
        if (e.worker >= 0 && e.worker < p && e.pid > 0)
            slotOf.emplace(e.pid, e.worker);
        if ((e.kind == EventKind::TaskSubmit || e.kind == EventKind::TaskDispatch) && e.tNs >= span.timedStartNs)
            serialEnd = std::min(serialEnd, e.tNs);
    }
    const qint64 from = serialEnd;
    const qint64 to = span.endNs;

    std::vector<Slot> perSlot(static_cast<size_t>(p));
    bool anyTask = false;
    for (const Event& e : events) {
        if (!inSpan(e))
            continue;
        const auto it = slotOf.find(e.pid);
        // A worker's own events: its tasks and its waits (TaskDispatch and TaskResult are the engine's).
        if (it == slotOf.end() || e.kind == EventKind::TaskDispatch || e.kind == EventKind::TaskResult
            || e.kind == EventKind::TaskSubmit)
            continue;
        Slot& s = perSlot[size_t(it->second)];
        if (e.kind == EventKind::TaskStart) {
            s.openTask = e.tNs;
            anyTask = true;
        } else if (e.kind == EventKind::TaskEnd && s.openTask >= 0) {
            s.running.push_back({ s.openTask, e.tNs });
            s.openTask = -1;
            s.lastEnd = std::max(s.lastEnd, e.tNs);
        }
        const int edge = waitEdge(e);
        if (edge > 0 && s.openWait < 0) {
            s.openWait = e.tNs;
        } else if (edge < 0 && s.openWait >= 0) {
            s.blocked.push_back({ s.openWait, e.tNs });
            s.openWait = -1;
        }
    }
    if (!anyTask)
        return b;

    b.processes = p;
    b.spanSeconds = double(to - span.poolStartNs) / 1e9;
    b.startup = double(p) * double(span.timedStartNs - span.poolStartNs) / 1e9;
    b.serial = double(p) * double(from - span.timedStartNs) / 1e9;
    qint64 lastEndAll = from;
    for (Slot& s : perSlot) {
        if (s.openTask >= 0) // cut short (it cannot be, the run completed): it ran until the end
            s.running.push_back({ s.openTask, to });
        if (s.openWait >= 0)
            s.blocked.push_back({ s.openWait, to });
        if (!s.running.empty())
            lastEndAll = std::max(lastEndAll, std::min(to, std::max(s.lastEnd, s.running.back().to)));
    }
    for (const Slot& s : perSlot) {
        qint64 running = 0;
        qint64 blocked = 0;
        qint64 last = from;
        for (const Interval& r : s.running) {
            running += overlap(r, from, to);
            for (const Interval& w : s.blocked)
                blocked += overlap(w, std::max(r.from, from), std::min(r.to, to));
            last = std::max(last, std::min(r.to, to));
        }
        const qint64 imbalance = std::max<qint64>(0, lastEndAll - last);
        const qint64 overhead = std::max<qint64>(0, (to - from) - running - imbalance);
        b.useful += double(running - blocked) / 1e9;
        b.waiting += double(blocked) / 1e9;
        b.imbalance += double(imbalance) / 1e9;
        b.overhead += double(overhead) / 1e9;
    }
    return b;
}

} // namespace proclab
