#pragma once

// What a process is doing, as the stage and the timeline both show it, and the one palette they share so that
// a colour means the same thing in both.

#include "base/event.h"

#include <QColor>
#include <QFont>
#include <QString>

class QWidget;

namespace proclab {

enum class Activity : quint8 {
    Starting, // spawned, not yet reported ready
    Idle,
    Running, // inside a task
    LockWait, // waiting for a Lock, RLock or Semaphore
    QueueWait, // a put on a full queue or a get on an empty one
    PipeWait, // a recv on a pipe with nothing to read
    SyncWait, // at a Barrier, an Event or a Condition
    Exited,
    Crashed, // killed by a signal, or died unexpectedly
};
constexpr int ActivityCount = int(Activity::Crashed) + 1;

QString activityName(Activity a); // "running", "waiting for a lock", ...
QColor activityColor(Activity a, bool presenter = false);
bool isBlocked(Activity a);
// The widget's normal font, or presenter mode's: half as large again, bold, for the back of the room.
QFont stageFont(const QWidget* widget, bool presenter);

// The stage's other colours: the same in both views and in presenter mode's high contrast variant.
struct StagePalette {
    QColor background;
    QColor panel; // process boxes, object boxes
    QColor panelBorder;
    QColor text;
    QColor mutedText;
    QColor taskCard;
    QColor resultCard;
    QColor message; // pipe messages, queue items
    QColor accent; // selection, playhead
    static StagePalette get(bool presenter);
};

// A process's activity, driven by its own events (and the pool's events about it). Plain data: copied freely.
struct ActivityState {
    Activity base = Activity::Idle; // Starting, Idle or Running
    Activity wait = Activity::Idle; // LockWait, QueueWait, PipeWait or SyncWait while `waiting`
    bool waiting = false;
    bool ended = false;
    bool failed = false; // ProcessFailed: died unexpectedly
    qint32 waitObject = -1;
    qint64 task = -1; // the task running, or -1
    qint32 chunk = -1;
    qint64 exitCode = 0;

    Activity current() const;
    // Applies one event of (or about) this process; returns whether current() or the task changed.
    bool apply(const Event& e);
};

} // namespace proclab
