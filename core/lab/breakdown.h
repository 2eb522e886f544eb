#pragma once

// Why a point missed the ideal: where the p × wall process-seconds of one measured run went, computed from the
// events the engine recorded during it (nothing is estimated). The run's span is from the pool's creation to the
// last result: start-up plus the timed wall time (the plotted wall time leaves the start-up out).
//
//   p × span = startup + serial + useful + waiting + overhead + imbalance
//
// - startup: p × (pool ready − pool created): every slot waits for the pool to start.
// - serial: p × (first task submitted − timed start): the main process works alone (the workload's serial part).
// - Then, per worker slot, from the first submission to the last result:
//   useful: its tasks' own time (TaskStart to TaskEnd) less the time they were blocked;
//   waiting: blocked inside a task, on a lock, queue, pipe, barrier, event or condition;
//   imbalance: idle after its last task while another slot still computes (up to the last TaskEnd of all);
//   overhead: the rest: waiting for a task to arrive (dispatch), and for the last results to reach the main process.
// The parts sum to p × span by construction (within rounding). Runs without pool events (thread executors, a
// workload that runs its own processes) have no breakdown: valid() is false.

#include "base/event.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace proclab {

struct Breakdown {
    int processes = 0;
    double spanSeconds = 0; // pool created to last result
    double useful = 0; // process-seconds, every part
    double startup = 0;
    double serial = 0;
    double overhead = 0;
    double waiting = 0;
    double imbalance = 0;

    bool valid() const { return processes > 0 && spanSeconds > 0; }
    double total() const { return useful + startup + serial + overhead + waiting + imbalance; }
    double capacity() const { return processes * spanSeconds; } // p × span

    enum class Part { Useful, Startup, Serial, Overhead, Waiting, Imbalance };
    static constexpr int PartCount = 6;
    double part(Part p) const;
    static QString partKey(Part p); // "useful_s", "startup_s"...
    static QString partName(Part p); // "useful work", "pool start-up"... (English; the GUI translates its own)
    Part largestLoss() const; // the largest part but useful work

    QJsonObject toJson() const; // {"processes", "span_s", "useful_s", ...}: seconds
    static Breakdown fromJson(const QJsonObject& o); // invalid when absent or malformed
};

// What the run's ExecResult says about its timing (CLOCK_MONOTONIC, the events' clock).
struct BreakdownSpan {
    int processes = 0;
    qint64 poolStartNs = 0; // the pool was created
    qint64 timedStartNs = 0; // the pool was ready: the serial part and then the tasks
    qint64 endNs = 0; // the last result arrived
};

// From the run's events (any order; events outside the span are ignored).
Breakdown computeBreakdown(const EventBatch& events, const BreakdownSpan& span);

} // namespace proclab

Q_DECLARE_METATYPE(proclab::Breakdown)
