#pragma once

// The one home of user-facing formatting in the window (hotspot's util.h): durations, a run's playhead, a
// workload's parameters, and the colours of ProcLab's own lines in the console and the log.

#include "content/workload.h"

#include <QColor>
#include <QString>

namespace proclab {

QString formatSeconds(double seconds); // "0.52 ms", "12.3 ms", "1.234 s"
QString formatPlayhead(qint64 ns); // "1.234 s": time into a run
QString formatDuration(double ns); // "1.5 ms", "250 µs", "3 s": in the unit that reads best (the timeline's)
QString formatParams(const Workload* workload, const Params& params); // "tasks=16, ms=50", in the workload's order

// ProcLab's own lines (a run starts, ends well, is stopped, fails), in the console and the log.
namespace tone {
QColor info(); // blue
QColor good(); // green
QColor warning(); // amber
QColor bad(); // red
QColor output(); // grey: worker output in the log
} // namespace tone

} // namespace proclab
