#pragma once

// A Trace: the events of one run, the names of its processes, what they printed and its settings.
//
// Saved and opened in ProcLab's own JSON format (save/load, toJson/fromJson), versioned:
//   {"format": "proclab-trace", "version": 1, "enginePid": 4711, "settings": {...},
//    "processes": [[pid, "SpawnPoolWorker-1"], ...],
//    "events": [[tNs, pid, worker, "TaskStart", object, task, value], ...],
//    "console": [[tNs, pid, stream, "text"], ...],
//    "samples": [[tNs, pid, cpuPermille, rssKib, "S"], ...]}
// "samples" (ProcessSample events: CPU and memory read from /proc) and "errors" are optional and kept out of
// "events", so that a reader older than them opens the file (without them) instead of refusing an unknown kind.
// Kinds are written by name, so that kinds added later do not shift the meaning of old files. The reader
// validates everything and never trusts a size it has not checked; events are sorted by time on reading
// (stable: a file written by save() comes back unchanged), console records keep their order (arrival).
//
// Exported as Chrome Trace Event Format JSON (opens in Perfetto and chrome://tracing): one track per process
// (tid = pid), task slices, lock and queue waits as slices, flow arrows for queue put → get, pipe send → recv
// and task dispatch → start, end → result, counters for queue sizes and semaphore values, instants for the rest.

#include "base/event.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace proclab {

class Context;

// One write a process made to the shared console (stream 1) or to its own stderr (stream 2).
struct ConsoleRecord {
    qint64 tNs = 0;
    qint64 pid = 0;
    int stream = 1;
    QString text;
};

struct Trace {
    // What the reader accepts, checked before anything is allocated for it.
    static constexpr qint64 MaxFileBytes = qint64(2) << 30; // 2 GiB: room for MaxEventsInFile events of ~60 bytes
    static constexpr qsizetype MaxEventsInFile = 20'000'000;
    static constexpr qsizetype MaxConsoleRecords = 20'000'000;
    // What the trace read may take in memory (its events, console texts, names, settings): ~1 GiB, whatever the
    // file's JSON looks like. The reader streams (it never builds a document), so a file of 2 GiB of tiny rows costs
    // what its rows hold, not a DOM several times the file's size.
    static constexpr qint64 MaxMemoryBytes = qint64(1) << 30;
    // 146 years of uptime: leaves room for t + 1 and t1 - t0 without overflow.
    static constexpr qint64 MaxTimeNs = qint64(1) << 62;
    static constexpr int FormatVersion = 1;

    // The reader's limits; the defaults above unless a caller (the fuzzer, a test) wants to reach them cheaply.
    struct Limits {
        qint64 fileBytes = MaxFileBytes;
        qsizetype events = MaxEventsInFile;
        qsizetype consoleRecords = MaxConsoleRecords;
        qint64 memoryBytes = MaxMemoryBytes;
    };

    EventBatch events; // in time order
    std::map<qint64, QString> processNames; // pid → SpawnPoolWorker-1, ...
    qint64 enginePid = 0; // events with pid 0 are the engine's
    QJsonObject settings; // what ran; written as the trace's metadata
    std::vector<ConsoleRecord> console; // in arrival order, as a shared terminal shows it
    std::map<qint64, ProcessError> processErrors; // pid → the exception that ended it (Python runs)

    // The context's events so far (drained), the names of the processes they mention, the console and the
    // exceptions reported.
    static Trace capture(Context& context, const QJsonObject& settings = {});

    // The native format (see above).
    QJsonObject toJson() const;
    // nullopt with a precise reason in *error (may be null) for anything that is not a valid trace: "event 17:
    // unknown kind 'Foo'". Never crashes or hangs, whatever the bytes; parses as a stream (nlohmann::json's SAX
    // parser) and keeps only what it validated, within `limits`.
    static std::optional<Trace> fromJson(const QByteArray& json, QString* error);
    static std::optional<Trace> fromJson(const QByteArray& json, QString* error, const Limits& limits);
    // Atomic (QSaveFile): on failure the old file, if any, is untouched.
    bool save(const QString& fileName, QString* error) const;
    // Reads the file in blocks as it parses: the file's bytes are never all in memory at once.
    static std::optional<Trace> load(const QString& fileName, QString* error);
    static std::optional<Trace> load(const QString& fileName, QString* error, const Limits& limits);

    // {"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}; timestamps in microseconds since the
    // first event.
    QJsonObject toChromeTrace() const;
    bool saveChromeTrace(const QString& fileName, QString* error) const;
};

} // namespace proclab
