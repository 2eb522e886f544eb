#pragma once

// The engine <-> worker stream: an 8-byte preamble (magic "PLAB", version), then frames of
// a 4-byte little-endian length followed by one CBOR value: an array whose first element is the
// message type. Parsed incrementally: feed bytes as they arrive, then `while (reader.next(&msg)) {}`.

#include <QByteArray>
#include <QCborArray>
#include <QCborValue>
#include <QString>

namespace proclab::wire {

inline constexpr char Magic[4] = { 'P', 'L', 'A', 'B' };
inline constexpr quint16 Version = 1;
inline constexpr qsizetype PreambleSize = 8;
inline constexpr qsizetype DefaultMaxFrame = 256 * 1024 * 1024;

enum class Msg : int {
    // engine -> worker
    // [Init, workerIndex, name, flags, paceNs, [fault...], statusFd]: the first message; the worker answers Ready
    Init = 1,
    Define = 2, // [Define, functionId, kernel, config]
    // Chunks firstChunkId, firstChunkId+1, ... of chunkSize consecutive tasks each (the last may be shorter):
    // [Chunk, firstChunkId, functionId, firstTask, chunkSize, [args...]]
    Chunk = 3,
    Run = 4, // [Run, functionId, args]  (Process target: run once, then exit)
    Quit = 5, // [Quit]
    // worker -> engine
    Ready = 20, // [Ready, pid, ppid, tReadyNs]
    Started = 21, // [Started, chunkId, tNs]
    // A run of consecutive chunks completed, their tasks flattened in order:
    // [Done, firstChunkId, chunkCount, [results...], [tStart, tEnd, ...], {index: [type, message, phase]},
    //  tSendNs] (the error map is CBOR undefined when no task raised)
    Done = 22,
    RunDone = 23, // [RunDone, exitCode, errorType, errorMessage]
    Events = 24, // [Events, [t, kind, object, task, value, ...]]
    Fatal = 25, // [Fatal, message]
};

QByteArray preamble();

// Appends one framed message to `out`.
void appendFrame(QByteArray& out, const QCborArray& message);

class FrameReader {
public:
    explicit FrameReader(qsizetype maxFrame = DefaultMaxFrame)
        : m_maxFrame(maxFrame)
    {
    }

    void append(const char* data, qsizetype size) { m_buffer.append(data, size); }
    void append(const QByteArray& data) { m_buffer.append(data); }

    // True with one message in *out; false when more bytes are needed or on error (see hasError()).
    bool next(QCborArray* out);

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }

private:
    bool fail(const QString& why);

    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_maxFrame;
    bool m_sawPreamble = false;
    QString m_error;
};

inline int messageType(const QCborArray& m)
{
    return int(m.at(0).toInteger(-1));
}

} // namespace proclab::wire
