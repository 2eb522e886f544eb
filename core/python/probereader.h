#pragma once

// The Python probe's wire (resources/python-probe/proclab_probe/transport.py), read incrementally from one
// connection: a hello line {"hello": 1, "pid": ..., "ppid": ..., "python": "3.11.7"}, then one JSON array of
// records per line, each record [t_ns, "Kind", key, task, value, extra]. feed() takes whatever bytes arrived;
// next() hands out complete records. Nothing in the bytes is trusted: a line longer than MaxLineBytes, a
// malformed line or record is counted and skipped (a record), or ends the stream (a line), never a crash.

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <deque>

namespace proclab {

struct ProbeRecord {
    qint64 tNs = 0;
    QString kind; // "QueuePut"...: the engine's EventKind names, plus the probe's own (TaskEnds, ProcessEnd...)
    QString key; // the object's or chunk's key ("q4711.1", "c4711:0:3"), empty for none
    qint64 task = -1; // -1 when null
    qint64 value = 0; // 0 when null; a string value (an ObjectCreate's type) goes to `text`
    QString text;
    QJsonValue extra; // an object or an array, or null
};

class ProbeReader {
public:
    static constexpr qsizetype MaxLineBytes = 64 << 20; // one batch; the probe sends at most 512 records a line
    static constexpr qsizetype MaxRecordsPerLine = 1 << 20;

    // Appends bytes; parses every complete line. Returns false once the stream is broken (then ignore it).
    bool feed(const QByteArray& bytes);
    bool next(ProbeRecord* record);

    bool helloSeen() const { return m_hello; }
    QString pythonVersion() const { return m_python; }
    qint64 helloPid() const { return m_helloPid; }
    qint64 rejectedRecords() const { return m_rejected; }
    bool broken() const { return m_broken; }
    QString error() const { return m_error; }

private:
    void parseLine(const QByteArray& line);
    void fail(const QString& why);

    QByteArray m_pending;
    qsizetype m_scanned = 0; // bytes of m_pending already searched for a newline
    std::deque<ProbeRecord> m_records;
    bool m_hello = false;
    bool m_broken = false;
    QString m_python;
    QString m_error;
    qint64 m_helloPid = 0;
    qint64 m_rejected = 0;
};

} // namespace proclab
