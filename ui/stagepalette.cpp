#include "stagepalette.h"

#include <QApplication>

namespace proclab {

QColor activityColor(Activity a, bool presenter)
{
    // Colour-blind safe (Okabe-Ito), darker and more saturated in presenter mode for projectors.
    switch (a) {
    case Activity::Starting:
        return presenter ? QColor(0x00, 0x72, 0xb2) : QColor(0x56, 0xb4, 0xe9);
    case Activity::Idle:
        return presenter ? QColor(0xb0, 0xb0, 0xb0) : QColor(0xd9, 0xd9, 0xd9);
    case Activity::Running:
        return presenter ? QColor(0x00, 0x8a, 0x5e) : QColor(0x00, 0x9e, 0x73);
    case Activity::LockWait:
        return presenter ? QColor(0xd5, 0x5e, 0x00) : QColor(0xe6, 0x7e, 0x22);
    case Activity::QueueWait:
        return presenter ? QColor(0xb0, 0x3a, 0x8c) : QColor(0xcc, 0x79, 0xa7);
    case Activity::PipeWait:
        return presenter ? QColor(0x8a, 0x5a, 0x10) : QColor(0xa6, 0x76, 0x1d);
    case Activity::SyncWait:
        return presenter ? QColor(0xc8, 0xa8, 0x00) : QColor(0xf0, 0xe4, 0x42);
    case Activity::MpiWait: // not in Okabe-Ito's eight: an indigo apart from Starting's blue
        return presenter ? QColor(0x2a, 0x35, 0x9c) : QColor(0x5c, 0x6b, 0xd6);
    case Activity::Exited:
        return presenter ? QColor(0x40, 0x40, 0x40) : QColor(0x80, 0x80, 0x80);
    case Activity::Crashed:
        return presenter ? QColor(0xd0, 0x00, 0x00) : QColor(0xc0, 0x39, 0x2b);
    }
    return Qt::black;
}

QFont stageFont(const QWidget* widget, bool presenter)
{
    QFont f = QApplication::font(widget);
    if (presenter) {
        f.setPointSizeF(f.pointSizeF() * 1.5);
        f.setBold(true);
    }
    return f;
}

StagePalette StagePalette::get(bool presenter)
{
    if (presenter) // high contrast: black on white, heavy borders
        return { Qt::white, Qt::white, Qt::black, Qt::black, QColor(0x30, 0x30, 0x30), QColor(0x00, 0x5a, 0xb5),
            QColor(0x00, 0x7a, 0x3d), QColor(0x7a, 0x2e, 0x9c), QColor(0xd0, 0x00, 0x60),
            QColor(0xb3, 0x5c, 0x00) };
    return { QColor(0xf7, 0xf8, 0xfa), Qt::white, QColor(0xb8, 0xbe, 0xc8), QColor(0x20, 0x24, 0x2a),
        QColor(0x6b, 0x72, 0x80), QColor(0x3b, 0x82, 0xf6), QColor(0x10, 0xa3, 0x6b), QColor(0x8b, 0x5c, 0xf6),
        QColor(0xe1, 0x1d, 0x74), QColor(0xf0, 0x8c, 0x00) };
}

} // namespace proclab
