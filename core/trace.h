#pragma once

// A Trace: the events of one run, the names of its processes and its settings. Exported as Chrome Trace Event
// Format JSON (opens in Perfetto and chrome://tracing): one track per process (tid = pid), task slices,
// lock and queue waits as slices, flow arrows for queue put → get, pipe send → recv and task
// dispatch → start, end → result, counters for queue sizes and semaphore values, instants for the rest.

#include "event.h"

#include <QJsonObject>
#include <QString>

#include <map>

namespace proclab {

class Context;

struct Trace {
    EventBatch events; // in time order
    std::map<qint64, QString> processNames; // pid → SpawnPoolWorker-1, ...
    qint64 enginePid = 0; // events with pid 0 are the engine's
    QJsonObject settings; // what ran; written as the trace's metadata

    // The context's events so far (drained) and the names of the processes they mention.
    static Trace capture(Context& context, const QJsonObject& settings = {});

    // {"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}; timestamps in microseconds since the
    // first event.
    QJsonObject toChromeTrace() const;
    bool saveChromeTrace(const QString& fileName, QString* error) const;
};

} // namespace proclab
