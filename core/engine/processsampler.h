#pragma once

// Live CPU and memory of a run's processes, as the kernel counts them: every period (100 ms by default) the
// engine reads each watched process's counters (platform::readProcess: /proc/PID/stat on Linux) and turns the CPU
// time it used since the previous reading into a share of one CPU, with its resident memory. Each reading is a
// ProcessSample event (base/event.h), recorded like any other, so Save Run, replay, the stage and the timeline all
// show the same numbers. The processes are never asked: a worker spinning in a task or blocked in a lock is read
// the same way, and reading costs the engine a few microseconds per process.
//
// Only local processes can be read: MPI ranks on other hosts are never watched (they show no CPU or memory).
//
// Not thread-safe: Context drives it on its I/O thread.

#include "base/event.h"

#include <QtGlobal>

#include <map>
#include <set>
#include <sys/types.h>
#include <vector>

namespace proclab {

class ProcessSampler {
public:
    static constexpr qint64 DefaultPeriodNs = 100'000'000;

    // Starts watching `pid` (a no-op for one already watched, or one that was watched and has ended). Its first
    // reading is the baseline: its first sample comes one period later.
    void watch(pid_t pid, qint64 nowNs);
    // Reads every watched process whose previous reading is at least a period old and appends a sample for each
    // to `out`. A process that has ended (gone, a zombie, or its pid reused) is dropped, sampled no more.
    void sample(qint64 nowNs, EventBatch* out);
    // Due again at this time (INT64_MAX when nothing is watched).
    qint64 nextDueNs() const;
    void setPeriodNs(qint64 ns) { m_periodNs = std::max<qint64>(1'000'000, ns); }
    qint64 periodNs() const { return m_periodNs; }
    int watching() const { return int(m_watched.size()); }

    // CPU use in permille of one CPU from two readings `wallNs` apart, clamped to what the process could use
    // (1000 per thread, at most 1000 per online CPU): tick counting can otherwise overshoot by a tick.
    static qint64 cpuPermille(qint64 ticks, qint64 wallNs, int threads);

private:
    struct Watched {
        quint64 startTime = 0;
        qint64 ticks = 0;
        qint64 atNs = 0;
    };
    std::map<pid_t, Watched> m_watched;
    std::set<pid_t> m_ended; // a pid seen ending is not watched again (its reuse is another process)
    qint64 m_periodNs = DefaultPeriodNs;
};

} // namespace proclab
