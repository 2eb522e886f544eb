#pragma once

// The events of the current (or last) run and a playhead over them. The views never see the engine's
// stream directly: every frame (16 ms, and only while something moves) the player hands them the events the
// playhead has passed (eventsReached) and the playhead itself (playheadMoved). Live, the playhead trails the
// clock by a little, so that every event up to it has arrived; a finished or opened run replays at 1x down to
// 1/1000x, pauses, steps event by event and seeks. A replay restarts the views from reset and feeds them the
// same events in the same order as the live run did, so it ends on the identical picture.
//
// Marks divide one live stream into parts (a sweep's measurements: "p = 3, repeat 2/3"): the player hands each
// mark to the views (markReached) when the playhead reaches its time, after every event before it and before any
// event at or after it, live and in every replay alike.
//
// Memory: at most MaxKeptEvents events are kept (40 bytes each: 80 MB), plus those not drawn yet (at most
// maxBacklog: when the views fall that far behind a firehose, they catch up at once, in one long frame). Past
// MaxKeptEvents a live run is still drawn, in order, but what is drawn is not kept: replay and saving cover the
// first MaxKeptEvents only, and droppedEvents() says how many are missing. (A run file's reader has a bound of its
// own, a larger one: Trace::MaxEventsInFile.)

#include "base/event.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

class QTimer;

namespace proclab {

class EventPlayer : public QObject {
    Q_OBJECT
public:
    enum class Mode { Following, Playing, Paused };
    Q_ENUM(Mode)

    static constexpr qsizetype MaxKeptEvents = 2'000'000; // of one run, for replay and saving
    static constexpr qsizetype maxBacklog = 500'000;
    // Past this many events, a live run reserves room for MaxKeptEvents + maxBacklog at once (see append()).
    static constexpr qsizetype ReserveFrom = 65'536;
    static constexpr qint64 liveDelayNs = 80'000'000; // the engine publishes within ~40 ms of an event
    static constexpr double minSpeed = 1e-3;
    // Live and in a replay, a frame hands the views events for at most this long (in slices of sliceEvents), 8 ms
    // more per 100,000 events due and not drawn yet, up to maxFrameBudgetNs; under a firehose the picture then lags
    // behind the run and catches up after it, the window stays responsive.
    static constexpr qint64 frameBudgetNs = 8'000'000;
    static constexpr qint64 maxFrameBudgetNs = 50'000'000;
    static constexpr qsizetype sliceEvents = 1024;

    explicit EventPlayer(QObject* parent = nullptr);

    // A new live run: everything is dropped, the views reset, the playhead follows the clock.
    void startLive();
    void append(const EventBatch& batch); // live events, in the engine's order
    // The run ended: unless paused, the playhead goes on to its last event (at once if the views are not behind,
    // otherwise over the next frames) and stops there; caughtUp() follows.
    void finishLive();
    bool isLive() const { return m_live; }
    // Live: a part of the run begins at tNs (event time, at or after every event already appended).
    void addMark(qint64 tNs, const QString& label);
    struct Mark {
        qint64 tNs = 0;
        QString label;
    };
    const QList<Mark>& marks() const { return m_marks; }

    // A recorded run: the views reset, the playhead waits before its first event, paused.
    void load(EventBatch events);

    const EventBatch& events() const { return m_events; }
    qint64 droppedEvents() const { return m_dropped; }
    qsizetype appliedEvents() const { return m_applied; } // handed to the views so far
    qint64 startNs() const; // the first event's time (0 when there is none)
    qint64 endNs() const; // the last event's time, plus the settling time
    // How long the playhead goes on past the last event, so that what it set moving (cards crossing the stage)
    // arrives before the picture stops. 0 by default.
    void setSettleNs(qint64 ns);
    qint64 playheadNs() const { return m_playhead; }
    Mode mode() const { return m_mode; }
    double speed() const { return m_speed; }
    bool isAtEnd() const { return m_applied == qsizetype(m_events.size()) && m_playhead >= endNs(); }

    // Moves a playing replay on by `wallNs` of real time (× speed); the frame timer calls it, and so do
    // tests that want a deterministic clock. A following player ignores it: it tracks the clock.
    void advance(qint64 wallNs);

public Q_SLOTS:
    void setSpeed(double speed); // clamped to [1/1000, 1]
    void play(); // a live run: follow it again; otherwise replay from the playhead (from the start at the end)
    void pause();
    void togglePause();
    void step(); // pauses, and moves the playhead to the next event (all events at that instant are applied)
    void seek(qint64 tNs); // pauses there; going back rebuilds the views from reset
    void replay(); // from the start, at the current speed

Q_SIGNALS:
    void resetRequested(); // views: forget everything (the events to apply follow)
    void eventsReached(const proclab::EventBatch& events); // apply these, in this order
    void playheadMoved(qint64 tNs);
    void modeChanged(proclab::EventPlayer::Mode mode);
    void markReached(qint64 tNs, const QString& label); // a part of the run begins (see addMark)
    void caughtUp(); // a finished live run is fully drawn
    void overflowed(); // past MaxKeptEvents: from now on events are drawn but not kept

private:
    void setMode(Mode mode);
    // Applies the events up to tNs and moves the playhead there, never backwards; `budgeted`: stops early (the
    // playhead at the last event applied) once the frame's budget is spent.
    void moveTo(qint64 tNs, bool budgeted = false);
    void finishIfCaughtUp(); // a finished live run fully drawn: paused at its last event, caughtUp()
    void rewind(); // views reset, nothing applied
    void onFrame();
    void updateTimer();

    EventBatch m_events;
    EventBatch m_mergeBuffer; // append(): the events a late batch goes before
    qsizetype m_applied = 0;
    QList<Mark> m_marks; // in time order
    qsizetype m_marksReached = 0;
    qint64 m_dropped = 0;
    qint64 m_playhead = 0;
    qint64 m_settleNs = 0;
    qint64 m_maxTimeNs = 0; // the latest event time kept (events may arrive slightly out of order)
    Mode m_mode = Mode::Paused;
    double m_speed = 1.0;
    bool m_live = false;
    QTimer* m_frameTimer = nullptr;
    QElapsedTimer m_frameClock; // wall time between frames of a replay
};

} // namespace proclab
