#pragma once

// The one palette the stage and the timeline share, so that a colour means the same thing in both; what the
// colours stand for (a process's activity) is the session library's (session/activity.h).

#include "session/activity.h"

#include <QColor>
#include <QFont>

class QWidget;

namespace proclab {

QColor activityColor(Activity a, bool presenter = false);
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
    QColor remoteMessage; // MPI messages between hosts (those inside a host are `message`)
    static StagePalette get(bool presenter);
};

} // namespace proclab
