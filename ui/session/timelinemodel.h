#pragma once

// The timeline: one lane per process, a sequence of slices coloured by what the process was doing (running a
// task, waiting for a lock, blocked on a queue, waiting at a barrier/event/condition, idle, starting). Built
// only from the engine's events; the slice open at the playhead ends there.
//
// A sweep's measurements are bands (beginBand): each starts at its time with a label ("p = 3, repeat 2/3"); from
// then on a new pool worker takes the lane of the finished worker that had its slot, so the lanes stay one per
// slot and a student scrolls back along them from p = 4 to p = 1.
//
// Memory: at most MaxSlices slices in all (about 32 bytes each, so ~6.4 MB), MaxHolds lock holds (~1.2 MB),
// MaxSamples CPU samples (24 bytes each: ~4.8 MB, 20 minutes of 16 processes at 10 a second) and MaxLanes lanes. Past a
// cap the oldest slices (holds) of the longest lane are dropped, an eighth of it at a time; slicesDropped() and
// droppedBeforeNs() say so and the view hatches the region that is gone.

#include "activity.h"
#include "base/event.h"

#include <QList>
#include <QObject>
#include <QString>

#include <deque>
#include <map>
#include <set>
#include <vector>

namespace proclab {

struct TimelineSlice {
    qint64 startNs = 0;
    qint64 endNs = -1; // -1 while open (it ends at the playhead)
    qint64 task = -1; // Running: the task
    qint32 object = -1; // Running: the chunk; waits: the lock, queue... waited for
    Activity activity = Activity::Idle;
};

// A lock held by the lane's process: drawn as a thin bar under its slices (holding is not waiting, and a
// holder may be idle or running while the others wait for it).
struct TimelineHold {
    qint64 startNs = 0;
    qint64 endNs = -1; // -1 while held
    qint32 lock = -1;
};

// CPU and memory of the lane's process at one time (a ProcessSample: read from /proc by the engine), drawn as a
// thin line along the lane: a spinning worker runs along its top, a blocked one along its foot.
struct TimelineSample {
    qint64 tNs = 0;
    qint64 rssKib = 0;
    qint32 cpuPermille = 0; // over the interval that ends at tNs; 1000 = one CPU
    char state = '?'; // 'R', 'S', 'D'...
};

struct TimelineBand {
    qint64 startNs = 0;
    QString label;
};

struct TimelineLane {
    qint64 pid = 0;
    int slot = -1;
    QString name;
    bool isParent = false;
    bool ended = false;
    Activity endActivity = Activity::Exited; // Exited or Crashed, once ended
    qint64 exitCode = 0;
};

class TimelineModel : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype MaxSlices = 200'000;
    static constexpr qsizetype MaxHolds = 50'000; // lock holds (24 bytes each), dropped oldest first likewise
    static constexpr qsizetype MaxSamples = 200'000; // dropped oldest first likewise (not hatched: the line stops)
    static constexpr int MaxLanes = 64;
    static constexpr int MaxBands = 10'000; // processes beyond it are not drawn (counted in lanesNotShown())

    explicit TimelineModel(QObject* parent = nullptr);

    void reset();
    void setEnginePid(qint64 pid);
    void setProcessName(qint64 pid, const QString& name);
    void apply(const EventBatch& events);
    // A new part of the run from tNs on (see the top); at most MaxBands are kept, the oldest go first.
    void beginBand(qint64 tNs, const QString& label);
    const std::deque<TimelineBand>& bands() const { return m_bands; }
    void setTimeNs(qint64 tNs); // the playhead (a cursor line); slices end there if open
    qint64 timeNs() const { return m_timeNs; }

    int laneCount() const { return int(m_order.size()); }
    quint64 lanesRevision() const { return m_lanesRevision; } // changes when a lane is added or renamed
    TimelineLane lane(int index) const; // parent first, then pool workers by slot, then the others
    int laneOf(qint64 pid) const; // -1 if none
    int sliceCount(int lane) const;
    // Slice i of the lane, with an open slice ending at the playhead (or at its start if that is later).
    TimelineSlice slice(int lane, int i) const;
    // The index of the first slice of the lane that ends after tNs (sliceCount if none): where painting starts.
    int firstSliceAfter(int lane, qint64 tNs) const;
    // The slice under tNs, or -1.
    int sliceAt(int lane, qint64 tNs) const;
    // Locks held by the lane's process, in acquisition order; an open hold ends at the playhead.
    int holdCount(int lane) const;
    int firstHoldFrom(int lane, qint64 tNs) const; // the first hold starting at or after tNs (holdCount if none)
    TimelineHold hold(int lane, int i) const;

    // CPU samples of the lane's process, in time order.
    int sampleCount(int lane) const;
    TimelineSample sample(int lane, int i) const;
    int firstSampleFrom(int lane, qint64 tNs) const; // the first at or after tNs (sampleCount if none)
    // The sample whose interval covers tNs: the first at or after it, if it is at most `slackNs` later. -1 if none.
    int sampleAt(int lane, qint64 tNs, qint64 slackNs) const;

    qint64 startNs() const { return m_startNs; } // the first event's time, -1 before any
    qint64 endNs() const; // the later of the last event and the playhead
    qsizetype totalSlices() const { return m_totalSlices; }
    qint64 slicesDropped() const { return m_dropped; }
    qint64 droppedBeforeNs() const { return m_droppedBeforeNs; } // -1 if nothing was dropped
    qint64 lanesNotShown() const { return qint64(m_pidsNotShown.size()); } // processes, not their events

Q_SIGNALS:
    void changed();

private:
    struct LaneData {
        TimelineLane info;
        ActivityState state;
        std::deque<TimelineSlice> slices;
        std::deque<TimelineHold> holds;
        std::deque<TimelineSample> samples;
    };
    qint64 normalPid(qint64 pid) const
    {
        const qint64 p = pid == 0 ? m_enginePid : pid;
        const auto alias = m_alias.find(p);
        return alias == m_alias.end() ? p : alias->second;
    }
    LaneData* laneFor(qint64 pid, int slot);
    void applyOne(const Event& e);
    void enforceCap();
    void sortLanes();
    qint64 sliceEnd(const TimelineSlice& s) const;

    qint64 m_enginePid = 0;
    qint64 m_timeNs = 0;
    qint64 m_startNs = -1;
    qint64 m_lastEventNs = 0;
    std::map<qint64, LaneData> m_lanes;
    std::vector<LaneData*> m_order;
    std::map<qint64, QString> m_names;
    std::map<qint64, qint64> m_alias; // a later band's worker pid -> the lane (first pid) of its slot
    std::deque<TimelineBand> m_bands;
    bool m_rebind = false; // a band has begun: new workers take over the lanes of their slots
    quint64 m_lanesRevision = 0;
    qsizetype m_totalSlices = 0;
    qsizetype m_totalHolds = 0;
    qsizetype m_totalSamples = 0;
    qint64 m_dropped = 0;
    qint64 m_droppedBeforeNs = -1;
    std::set<qint64> m_pidsNotShown; // the processes past MaxLanes, each counted once
};

} // namespace proclab
