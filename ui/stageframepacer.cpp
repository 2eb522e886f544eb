#include "stageframepacer.h"

#include <QWidget>

namespace proclab {

StageFramePacer::StageFramePacer(QWidget* widget)
    : QObject(widget)
    , m_widget(widget)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, m_widget, qOverload<>(&QWidget::update));
}

void StageFramePacer::request()
{
    if (m_timer.isActive())
        return; // this frame's repaint is already due
    const qint64 since = m_lastPaint.isValid() ? m_lastPaint.elapsed() : FrameMs;
    if (since >= FrameMs)
        m_widget->update(); // Qt merges it with any other pending update
    else
        m_timer.start(int(FrameMs - since));
}

void StageFramePacer::painted()
{
    m_lastPaint.restart();
}

} // namespace proclab
