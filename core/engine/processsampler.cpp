#include "engine/processsampler.h"

#include "base/platform.h"

#include <algorithm>
#include <limits>

namespace proclab {

qint64 ProcessSampler::cpuPermille(qint64 ticks, qint64 wallNs, int threads)
{
    if (wallNs <= 0 || ticks <= 0)
        return 0;
    const double permille = double(ticks) * 1e12 / double(platform::clockTicksPerSecond()) / double(wallNs);
    const qint64 most = 1000 * qint64(std::clamp(threads, 1, platform::onlineCpus()));
    return std::min(most, qint64(permille + 0.5));
}

void ProcessSampler::watch(pid_t pid, qint64 nowNs)
{
    if (pid <= 0 || m_watched.count(pid) || m_ended.count(pid))
        return;
    platform::ProcessReading r;
    if (!platform::readProcess(pid, &r) || r.state == 'Z' || r.state == 'X') {
        m_ended.insert(pid);
        return;
    }
    m_watched.emplace(pid, Watched { r.startTime, r.cpuTicks, nowNs });
}

void ProcessSampler::sample(qint64 nowNs, EventBatch* out)
{
    for (auto it = m_watched.begin(); it != m_watched.end();) {
        Watched& w = it->second;
        if (nowNs - w.atNs < m_periodNs) {
            ++it;
            continue;
        }
        platform::ProcessReading r;
        if (!platform::readProcess(it->first, &r) || r.state == 'Z' || r.state == 'X' || r.startTime != w.startTime) {
            m_ended.insert(it->first);
            it = m_watched.erase(it);
            continue;
        }
        const qint64 permille = cpuPermille(r.cpuTicks - w.ticks, nowNs - w.atNs, r.threads);
        out->push_back({ nowNs, qint32(it->first), -1, EventKind::ProcessSample, qint32(r.state), r.rssKib, permille });
        w.ticks = r.cpuTicks;
        w.atNs = nowNs;
        ++it;
    }
}

qint64 ProcessSampler::nextDueNs() const
{
    qint64 due = std::numeric_limits<qint64>::max();
    for (const auto& [pid, w] : m_watched)
        due = std::min(due, w.atNs + m_periodNs);
    return due;
}

} // namespace proclab
