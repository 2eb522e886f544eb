#pragma once

// The console of a run: what its processes printed, in the order the shared console received it, as a
// terminal shows a Python program and its children. A gutter names the writer of each line (pid and process
// name) and every process has its own colour, so pieces of different processes that interleave on one line
// (the Lock lesson) stay visible as such. Output is coalesced and drawn at most every 50 ms; at most
// maxLines lines are kept (the oldest go first).
//
// Attached to the event player, it shows a run's console log as the playhead passes each write, so that a replay
// prints what the live run printed, at the same moments; it starts again from the run's title when the player
// rewinds.

#include "engine/context.h"

#include <QHash>
#include <QPlainTextEdit>
#include <QString>
#include <QStringDecoder>

#include <map>

class QTimer;

namespace proclab {

class ConsoleLog;
class EventPlayer;

class ConsoleView : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int maxLines = 10'000;

    explicit ConsoleView(QWidget* parent = nullptr);

    // Follows the player over this log (which outlives the connection): cleared to the run's title when the
    // player rewinds, a write shown when the playhead reaches it, a note when the player stops keeping events.
    void attach(EventPlayer* player, const ConsoleLog* log);
    void setRunTitle(const QString& title); // the first line after every rewind: "▶ demo lock · 2 processes"

    void setEnginePid(qint64 pid) { m_enginePid = pid; }
    void setProcessName(qint64 pid, const QString& name);
    void appendChunk(const ConsoleChunk& chunk); // drawn within 50 ms
    // A line of ProcLab's own (a run starts, ends...), in its colour, never mixed with a process's line.
    void appendNote(const QString& text, const QColor& color = {});
    void setPresenterMode(bool on);
    QColor colorOf(qint64 pid) const;

    // Every line as shown, gutter included, once what is pending is drawn.
    QString text();

public Q_SLOTS:
    void clearConsole();
    void copyAll();
    void flush(); // draws what is pending now

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    struct Piece {
        qint64 pid = 0;
        int stream = 1;
        QString text;
    };
    void writeLine(const QList<Piece>& pieces, bool provisional);
    QString gutter(const QList<Piece>& pieces);
    void restart(); // the player rewinds
    void showLogUpTo(qint64 tNs);

    qint64 m_enginePid = 0;
    QHash<qint64, QString> m_names;
    mutable QHash<qint64, int> m_colorIndex; // order of first appearance
    QList<ConsoleChunk> m_pending;
    QList<Piece> m_openLine; // the line being written: no newline yet
    bool m_openLineShown = false; // the last block shows m_openLine and is redrawn when it grows
    std::map<qint64, QStringDecoder> m_decoders; // per writer: a UTF-8 character may span two of its writes
    int m_nameWidth = 0; // of the gutter's name column
    QTimer* m_flushTimer = nullptr;
    const ConsoleLog* m_log = nullptr;
    size_t m_logShown = 0; // the log's records [0, m_logShown) are shown
    QString m_runTitle;
};

} // namespace proclab
