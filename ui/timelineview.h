#pragma once

// The timeline: a lane per process labelled with name and pid, slices coloured by activity (the stage's
// palette), a time axis with units, the playhead as a line. Wheel zooms around the mouse, dragging pans, a
// click reports a time, hovering shows the slice's details. A thin line along each lane is its process's CPU use
// (0 % at the lane's foot, one CPU at its top), from the engine's samples. Paints only the visible range with at most
// one primitive per pixel column per lane, at most 60 times per second.

#include "session/timelinemodel.h" // QPointer needs the complete type

#include <QPointer>
#include <QWidget>

namespace proclab {

class EventPlayer;
class StageFramePacer;

class TimelineView : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 MinSpanNs = 1'000; // the deepest zoom: 1 µs across the lanes
    static constexpr qint64 MaxSpanNs = 3'600'000'000'000; // an hour
    // CPU samples further apart than this (and than three times the interval before) are not joined by the line.
    static constexpr qint64 CpuGapNs = 350'000'000;

    explicit TimelineView(QWidget* parent = nullptr);

    void setModel(TimelineModel* model);
    TimelineModel* model() const { return m_model; }
    // The model follows the player (from nothing when it rewinds, the events the playhead passes, the playhead);
    // the view keeps the playhead in view unless the player is paused; a click seeks there.
    void attach(EventPlayer* player);
    void setPresenterMode(bool on);
    void setFollow(bool on); // keep the playhead in view (live runs)
    bool follow() const { return m_follow; }
    int framesPainted() const { return m_frames; }

    // The visible time range (event time, ns). setVisibleRange clamps the span to [MinSpanNs, MaxSpanNs].
    qint64 visibleStartNs() const { return m_startNs; }
    qint64 visibleSpanNs() const { return m_spanNs; }
    void setVisibleRange(qint64 startNs, qint64 spanNs);
    // Zooms by `factor` (> 1 zooms in) keeping time `aroundNs` where it is on screen.
    void zoomAt(double factor, qint64 aroundNs);
    void fitAll(); // the whole run in view
    qint64 timeAtX(qreal x) const;
    qreal xOfTime(qint64 tNs) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void timeClicked(qint64 tNs); // the user clicked a time (the window may seek there)

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    void onModelChanged();
    QRect lanesRect() const;
    int laneHeight() const;
    int labelWidth() const { return m_labelWidth; }
    void updateLabelWidth();
    int axisHeight() const;
    QString tooltipAt(const QPoint& pos) const;

    QPointer<TimelineModel> m_model;
    bool m_presenter = false;
    bool m_follow = true;
    bool m_userMoved = false; // the user zoomed or panned: leave the range alone unless following
    qint64 m_startNs = 0;
    qint64 m_spanNs = 1'000'000'000;
    int m_frames = 0;
    int m_labelWidth = 100;
    quint64 m_labelRevision = ~quint64(0); // the model's lanesRevision() when m_labelWidth was measured
    StageFramePacer* m_pacer; // repaints at most once per frame
    // Dragging.
    bool m_dragging = false;
    bool m_dragMoved = false;
    QPoint m_dragOrigin;
    qint64 m_dragStartNs = 0;
};

} // namespace proclab
