#include "timelinemodel.h"

#include "mpi/mpiprotocol.h"

#include <algorithm>
#include <climits>
#include <map>
#include <optional>

namespace proclab {

TimelineModel::TimelineModel(QObject* parent)
    : QObject(parent)
{
    reset();
}

void TimelineModel::reset()
{
    m_timeNs = 0;
    m_startNs = -1;
    m_lastEventNs = 0;
    m_lanes.clear();
    m_order.clear();
    m_alias.clear();
    m_bands.clear();
    m_rebind = false;
    m_totalSlices = 0;
    m_totalHolds = 0;
    m_totalSamples = 0;
    m_dropped = 0;
    m_droppedBeforeNs = -1;
    m_pidsNotShown.clear();
    laneFor(m_enginePid, -1);
    Q_EMIT changed();
}

void TimelineModel::setEnginePid(qint64 pid)
{
    if (pid == m_enginePid)
        return;
    auto node = m_lanes.extract(m_enginePid);
    m_enginePid = pid;
    if (!node.empty()) {
        node.key() = pid;
        node.mapped().info.pid = pid;
        m_lanes.insert(std::move(node));
    }
    laneFor(pid, -1);
    sortLanes();
    Q_EMIT changed();
}

void TimelineModel::setProcessName(qint64 pid, const QString& name)
{
    m_names[pid] = name;
    const auto it = m_lanes.find(normalPid(pid));
    if (it != m_lanes.end() && it->second.info.pid == pid) {
        it->second.info.name = name;
        ++m_lanesRevision;
        sortLanes(); // an MPI rank's name says its host, and ranks are grouped by host
    }
    Q_EMIT changed();
}

TimelineModel::LaneData* TimelineModel::laneFor(qint64 pid, int slot)
{
    const auto it = m_lanes.find(pid);
    if (it != m_lanes.end()) {
        if (slot >= 0 && it->second.info.slot < 0 && !it->second.info.isParent) {
            it->second.info.slot = slot;
            sortLanes();
        }
        return &it->second;
    }
    // In a sweep, a new pool's worker continues the lane of its slot (the band's label says which pool it is).
    if (m_rebind && slot >= 0) {
        for (auto& [key, data] : m_lanes) {
            if (data.info.slot != slot || data.info.isParent || !data.info.ended)
                continue;
            m_alias[pid] = key;
            data.info.pid = pid;
            data.info.ended = false;
            data.info.exitCode = 0;
            data.info.endActivity = Activity::Exited;
            data.state = ActivityState {};
            const auto name = m_names.find(pid);
            if (name != m_names.end())
                data.info.name = name->second;
            ++m_lanesRevision;
            return &data;
        }
    }
    if (int(m_lanes.size()) >= MaxLanes) {
        m_pidsNotShown.insert(pid);
        return nullptr;
    }
    LaneData d;
    d.info.pid = pid;
    d.info.isParent = pid == m_enginePid;
    d.info.slot = d.info.isParent ? -1 : slot;
    const auto name = m_names.find(pid);
    if (name != m_names.end())
        d.info.name = name->second;
    else if (d.info.isParent)
        d.info.name = QStringLiteral("MainProcess");
    else if (slot >= 0)
        d.info.name = QStringLiteral("PoolWorker-%1").arg(slot + 1);
    else
        d.info.name = QStringLiteral("Process");
    LaneData* lane = &m_lanes.emplace(pid, std::move(d)).first->second;
    sortLanes();
    return lane;
}

void TimelineModel::sortLanes()
{
    ++m_lanesRevision;
    m_order.clear();
    for (auto& kv : m_lanes)
        m_order.push_back(&kv.second);
    // MPI ranks (slot: the rank) grouped by host, hosts in the order of their lowest rank: a host's ranks are
    // neighbours, as on the stage.
    std::map<QString, int> hostFirst;
    std::map<const LaneData*, std::optional<mpi::RankName>> ranks;
    for (const LaneData* d : m_order) {
        const auto rank = ranks[d] = mpi::parseRankProcessName(d->info.name);
        if (rank) {
            auto [it, made] = hostFirst.try_emplace(rank->host, rank->rank);
            if (!made)
                it->second = std::min(it->second, rank->rank);
        }
    }
    std::map<const LaneData*, int> group;
    for (const LaneData* d : m_order) {
        const auto& rank = ranks[d];
        group[d] = rank ? hostFirst[rank->host] : d->info.slot < 0 ? INT_MAX : d->info.slot;
    }
    std::stable_sort(m_order.begin(), m_order.end(), [&group](const LaneData* a, const LaneData* b) {
        if (a->info.isParent != b->info.isParent)
            return a->info.isParent;
        const int ga = group.at(a);
        const int gb = group.at(b);
        if (ga != gb)
            return ga < gb;
        const int sa = a->info.slot < 0 ? INT_MAX : a->info.slot;
        const int sb = b->info.slot < 0 ? INT_MAX : b->info.slot;
        return sa != sb ? sa < sb : a->info.pid < b->info.pid;
    });
}

void TimelineModel::apply(const EventBatch& events)
{
    if (events.empty())
        return;
    for (const Event& e : events)
        applyOne(e);
    enforceCap();
    Q_EMIT changed();
}

void TimelineModel::beginBand(qint64 tNs, const QString& label)
{
    m_rebind = true;
    m_bands.push_back({ tNs, label });
    if (qsizetype(m_bands.size()) > MaxBands)
        m_bands.pop_front();
    Q_EMIT changed();
}

void TimelineModel::setTimeNs(qint64 tNs)
{
    m_timeNs = tNs;
    Q_EMIT changed();
}

void TimelineModel::applyOne(const Event& e)
{
    if (m_startNs < 0)
        m_startNs = e.tNs;
    m_lastEventNs = std::max(m_lastEventNs, e.tNs);
    if (e.kind == EventKind::ProcessSample) {
        // A reading about a process: drawn on its lane, never a lane of its own (the forkserver is read too).
        const auto it = m_lanes.find(normalPid(e.pid));
        if (it == m_lanes.end() || it->second.info.ended)
            return;
        auto& samples = it->second.samples;
        const qint64 t = samples.empty() ? e.tNs : std::max(e.tNs, samples.back().tNs);
        samples.push_back({ t, std::max<qint64>(0, e.task), qint32(std::clamp<qint64>(e.value, 0, INT_MAX)),
            e.object > 0x20 && e.object < 0x7f ? char(e.object) : '?' });
        ++m_totalSamples;
        return;
    }
    LaneData* lane = laneFor(normalPid(e.pid), e.worker);
    if (!lane || lane->info.ended)
        return;
    if (e.kind == EventKind::LockAcquire) {
        lane->holds.push_back({ e.tNs, -1, e.object });
        ++m_totalHolds;
    } else if (e.kind == EventKind::LockRelease) {
        for (auto it = lane->holds.rbegin(); it != lane->holds.rend(); ++it) {
            if (it->lock == e.object && it->endNs < 0) {
                it->endNs = std::max(e.tNs, it->startNs);
                break;
            }
        }
    }
    if (!lane->state.apply(e) && !lane->slices.empty())
        return;
    auto& slices = lane->slices;
    // Merged streams may be a little out of order: a slice never starts before the one it follows.
    const qint64 t = slices.empty() ? e.tNs : std::max(e.tNs, slices.back().startNs);
    if (!slices.empty() && slices.back().endNs < 0) // closed: the lane's earlier process ended (bands)
        slices.back().endNs = t;
    const Activity now = lane->state.current();
    if (now == Activity::Exited || now == Activity::Crashed) {
        // A lock held at death stays held (robust mutex) until someone takes it over: its bar ends here.
        for (TimelineHold& h : lane->holds)
            if (h.endNs < 0)
                h.endNs = t;
        lane->info.ended = true;
        lane->info.endActivity = now;
        lane->info.exitCode = lane->state.exitCode;
        return;
    }
    TimelineSlice s;
    s.startNs = t;
    s.activity = now;
    if (now == Activity::Running) {
        s.task = lane->state.task;
        s.object = lane->state.chunk;
    } else if (isBlocked(now)) {
        s.task = lane->state.task;
        s.object = lane->state.waitObject;
    }
    // A zero-length slice says nothing: replace it.
    if (!slices.empty() && slices.back().endNs == slices.back().startNs) {
        slices.back() = s;
    } else {
        slices.push_back(s);
        ++m_totalSlices;
    }
}

void TimelineModel::enforceCap()
{
    while (m_totalSlices > MaxSlices) {
        LaneData* longest = nullptr;
        for (auto& kv : m_lanes)
            if (!longest || kv.second.slices.size() > longest->slices.size())
                longest = &kv.second;
        const size_t n = std::max<size_t>(1, longest->slices.size() / 8);
        const qint64 end = longest->slices[n - 1].endNs;
        longest->slices.erase(longest->slices.begin(), longest->slices.begin() + qsizetype(n));
        m_totalSlices -= qsizetype(n);
        m_dropped += qint64(n);
        m_droppedBeforeNs = std::max(m_droppedBeforeNs, end);
    }
    while (m_totalHolds > MaxHolds) {
        LaneData* most = nullptr;
        for (auto& kv : m_lanes)
            if (!most || kv.second.holds.size() > most->holds.size())
                most = &kv.second;
        const size_t n = std::max<size_t>(1, most->holds.size() / 8);
        m_droppedBeforeNs = std::max(m_droppedBeforeNs, most->holds[n - 1].startNs);
        most->holds.erase(most->holds.begin(), most->holds.begin() + qsizetype(n));
        m_totalHolds -= qsizetype(n);
    }
    while (m_totalSamples > MaxSamples) {
        LaneData* most = nullptr;
        for (auto& kv : m_lanes)
            if (!most || kv.second.samples.size() > most->samples.size())
                most = &kv.second;
        const size_t n = std::max<size_t>(1, most->samples.size() / 8);
        most->samples.erase(most->samples.begin(), most->samples.begin() + qsizetype(n));
        m_totalSamples -= qsizetype(n);
    }
}

int TimelineModel::sampleCount(int lane) const
{
    if (lane < 0 || lane >= laneCount())
        return 0;
    return int(m_order[size_t(lane)]->samples.size());
}

TimelineSample TimelineModel::sample(int lane, int i) const
{
    return m_order[size_t(lane)]->samples[size_t(i)];
}

int TimelineModel::firstSampleFrom(int lane, qint64 tNs) const
{
    if (lane < 0 || lane >= laneCount())
        return 0;
    const auto& samples = m_order[size_t(lane)]->samples;
    return int(std::partition_point(samples.begin(), samples.end(), [&](const TimelineSample& s) {
        return s.tNs < tNs;
    }) - samples.begin());
}

int TimelineModel::sampleAt(int lane, qint64 tNs, qint64 slackNs) const
{
    const int i = firstSampleFrom(lane, tNs);
    if (i >= sampleCount(lane))
        return -1;
    const auto& samples = m_order[size_t(lane)]->samples;
    // A sample tells about the interval before it: since the previous one, but never more than `slackNs` back (the
    // first sample, or a lane's next process in a sweep).
    const qint64 at = samples[size_t(i)].tNs;
    const qint64 from = std::max(i > 0 ? samples[size_t(i - 1)].tNs : at - slackNs, at - slackNs);
    return tNs >= from ? i : -1;
}

qint64 TimelineModel::endNs() const
{
    return std::max(m_lastEventNs, m_timeNs);
}

TimelineLane TimelineModel::lane(int index) const
{
    if (index < 0 || index >= laneCount())
        return {};
    return m_order[size_t(index)]->info;
}

int TimelineModel::laneOf(qint64 pid) const
{
    for (size_t i = 0; i < m_order.size(); ++i)
        if (m_order[i]->info.pid == pid)
            return int(i);
    return -1;
}

int TimelineModel::sliceCount(int lane) const
{
    if (lane < 0 || lane >= laneCount())
        return 0;
    return int(m_order[size_t(lane)]->slices.size());
}

qint64 TimelineModel::sliceEnd(const TimelineSlice& s) const
{
    return s.endNs >= 0 ? s.endNs : std::max(s.startNs, m_timeNs);
}

TimelineSlice TimelineModel::slice(int lane, int i) const
{
    TimelineSlice s = m_order[size_t(lane)]->slices[size_t(i)];
    s.endNs = sliceEnd(s);
    return s;
}

int TimelineModel::holdCount(int lane) const
{
    if (lane < 0 || lane >= laneCount())
        return 0;
    return int(m_order[size_t(lane)]->holds.size());
}

int TimelineModel::firstHoldFrom(int lane, qint64 tNs) const
{
    if (lane < 0 || lane >= laneCount())
        return 0;
    const auto& holds = m_order[size_t(lane)]->holds;
    return int(std::partition_point(holds.begin(), holds.end(), [&](const TimelineHold& h) { return h.startNs < tNs; })
        - holds.begin());
}

TimelineHold TimelineModel::hold(int lane, int i) const
{
    TimelineHold h = m_order[size_t(lane)]->holds[size_t(i)];
    if (h.endNs < 0)
        h.endNs = std::max(h.startNs, m_timeNs);
    return h;
}

int TimelineModel::firstSliceAfter(int lane, qint64 tNs) const
{
    if (lane < 0 || lane >= laneCount())
        return 0;
    const auto& slices = m_order[size_t(lane)]->slices;
    // Slices do not overlap and follow each other, so their ends are sorted too.
    const auto it = std::partition_point(
        slices.begin(), slices.end(), [&](const TimelineSlice& s) { return sliceEnd(s) <= tNs; });
    return int(it - slices.begin());
}

int TimelineModel::sliceAt(int lane, qint64 tNs) const
{
    const int i = firstSliceAfter(lane, tNs);
    if (i >= sliceCount(lane))
        return -1;
    return m_order[size_t(lane)]->slices[size_t(i)].startNs <= tNs ? i : -1;
}

} // namespace proclab
