#pragma once

// Turns "the model changed" (any number of times) into at most one repaint per frame for the stage and the
// timeline: a change after a quiet frame repaints at once, changes within a frame wait for its end.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QWidget;

namespace proclab {

class StageFramePacer : public QObject {
    Q_OBJECT
public:
    static constexpr int FrameMs = 16; // about 60 frames per second at most

    explicit StageFramePacer(QWidget* widget);
    void request(); // something to draw changed (GUI thread only)
    void painted(); // the widget is painting now

private:
    QWidget* m_widget;
    QTimer m_timer;
    QElapsedTimer m_lastPaint;
};

} // namespace proclab
