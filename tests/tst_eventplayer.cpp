// The event player alone, on recorded events and a deterministic clock (advance()): pause, step, slow motion,
// seek, replay to the same sequence, and its bounds under a firehose. No widget: the views only ever see what
// it hands them.
#include "session/eventplayer.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace proclab;

namespace {

// A small recorded run for the player: times in ns, two events at t = 2000.
EventBatch recordedEvents()
{
    using K = EventKind;
    return { { 1000, 10, 0, K::ProcessSpawn, -1, -1, 0 }, { 2000, 10, 0, K::ProcessReady, -1, -1, 0 },
        { 2000, 11, 1, K::ProcessSpawn, -1, -1, 0 }, { 5000, 11, 1, K::ProcessReady, -1, -1, 0 },
        { 9000, 10, 0, K::ProcessExit, -1, -1, 0 } };
}

} // namespace

class TestEventPlayer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pausesStepsAndSlowsDown();
    void replaysToTheSamePicture();
    void keepsAtMostMaxKeptEvents();
};

void TestEventPlayer::pausesStepsAndSlowsDown()
{
    EventPlayer player;
    EventBatch seen;
    int resets = 0;
    connect(&player, &EventPlayer::eventsReached, this,
        [&seen](const EventBatch& b) { seen.insert(seen.end(), b.cbegin(), b.cend()); });
    connect(&player, &EventPlayer::resetRequested, this, [&] {
        ++resets;
        seen.clear();
    });
    player.load(recordedEvents());
    QCOMPARE(resets, 1);
    QCOMPARE(player.mode(), EventPlayer::Mode::Paused);
    QCOMPARE(player.playheadNs(), qint64(999)); // before the first event: nothing drawn
    QCOMPARE(seen.size(), size_t(0));

    player.step();
    QCOMPARE(player.playheadNs(), qint64(1000));
    QCOMPARE(seen.size(), size_t(1));
    player.step(); // both events at t = 2000
    QCOMPARE(player.playheadNs(), qint64(2000));
    QCOMPARE(seen.size(), size_t(3));

    // Paused, time does not move the playhead.
    player.advance(1'000'000);
    QCOMPARE(player.playheadNs(), qint64(2000));

    // 1/10x: 20 µs of real time is 2 µs of the run.
    player.setSpeed(0.1);
    player.play();
    QCOMPARE(player.mode(), EventPlayer::Mode::Playing);
    player.advance(20'000);
    QCOMPARE(player.playheadNs(), qint64(4000));
    QCOMPARE(seen.size(), size_t(3));
    player.advance(10'000);
    QCOMPARE(player.playheadNs(), qint64(5000));
    QCOMPARE(seen.size(), size_t(4));
    player.pause();
    player.advance(1'000'000);
    QCOMPARE(player.playheadNs(), qint64(5000));

    // 1/1000x is the slowest, 1x the fastest.
    player.setSpeed(1e-6);
    QCOMPARE(player.speed(), 0.001);
    player.setSpeed(5);
    QCOMPARE(player.speed(), 1.0);

    // Playing to the end stops there, paused.
    player.play();
    player.advance(1'000'000);
    QCOMPARE(player.playheadNs(), qint64(9000));
    QCOMPARE(player.mode(), EventPlayer::Mode::Paused);
    QVERIFY(player.isAtEnd());
    QCOMPARE(seen.size(), size_t(5));

    // Seeking back rebuilds from reset; forward only adds.
    player.seek(1500);
    QCOMPARE(resets, 2);
    QCOMPARE(seen.size(), size_t(1));
    QCOMPARE(player.playheadNs(), qint64(1500));
    player.seek(5000);
    QCOMPARE(resets, 2);
    QCOMPARE(seen.size(), size_t(4));
    player.step();
    QCOMPARE(player.playheadNs(), qint64(9000));
    player.step(); // at the end: nothing more
    QCOMPARE(player.playheadNs(), qint64(9000));
    QCOMPARE(seen.size(), size_t(5));
}

void TestEventPlayer::replaysToTheSamePicture()
{
    EventPlayer player;
    EventBatch seen;
    connect(&player, &EventPlayer::eventsReached, this,
        [&seen](const EventBatch& b) { seen.insert(seen.end(), b.cbegin(), b.cend()); });
    connect(&player, &EventPlayer::resetRequested, this, [&seen] { seen.clear(); });
    QSignalSpy caughtUp(&player, &EventPlayer::caughtUp);

    // Live: a late event (t = 1500 after t = 2000) is kept in arrival order until the run ends.
    player.startLive();
    EventBatch live = recordedEvents();
    live[2].tNs = 1500; // arrival order: 1000, 2000, 1500, 5000, 9000
    player.append({ live.cbegin(), live.cbegin() + 2 });
    player.append({ live.cbegin() + 2, live.cend() });
    QCOMPARE(player.mode(), EventPlayer::Mode::Following);
    player.finishLive();
    QCOMPARE(caughtUp.count(), 1);
    QVERIFY(player.isAtEnd());
    const EventBatch drawn = seen;
    QCOMPARE(drawn.size(), size_t(5));
    QVERIFY(std::is_sorted(drawn.cbegin(), drawn.cend(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; }));

    // A replay at 1/100x ends on the very same sequence.
    player.setSpeed(0.01);
    player.replay();
    QCOMPARE(seen.size(), size_t(0));
    for (int frame = 0; frame < 10; ++frame)
        player.advance(16'000);
    QVERIFY(!player.isAtEnd()); // 160 µs of real time is 1.6 µs of the run: under way
    QCOMPARE(player.playheadNs(), qint64(999 + 1600));
    player.advance(1'000'000'000);
    QVERIFY(player.isAtEnd());
    QCOMPARE(seen.size(), drawn.size());
    for (size_t i = 0; i < seen.size(); ++i) {
        QCOMPARE(seen[i].tNs, drawn[i].tNs);
        QCOMPARE(seen[i].kind, drawn[i].kind);
    }
}

void TestEventPlayer::keepsAtMostMaxKeptEvents()
{
    EventPlayer player;
    qint64 drawn = 0;
    qint64 lastDrawnNs = 0;
    bool inOrder = true;
    connect(&player, &EventPlayer::eventsReached, this, [&](const EventBatch& b) {
        drawn += qint64(b.size());
        for (const Event& e : b) {
            inOrder = inOrder && e.tNs >= lastDrawnNs;
            lastDrawnNs = e.tNs;
        }
    });
    QSignalSpy overflowed(&player, &EventPlayer::overflowed);
    player.startLive();
    constexpr qsizetype extra = 150'000;
    constexpr qsizetype batch = 50'000;
    qint64 t = 0;
    for (qsizetype sent = 0; sent < EventPlayer::MaxKeptEvents + extra; sent += batch) {
        EventBatch b(batch);
        for (Event& e : b)
            e = { ++t, 10, 0, EventKind::TaskStart, 0, t, 0 };
        player.append(b);
        // No frame runs here, so the views fall behind: never more than maxBacklog (plus a batch).
        QVERIFY(qsizetype(player.events().size()) - player.appliedEvents() <= EventPlayer::maxBacklog + batch);
    }
    QSignalSpy caughtUp(&player, &EventPlayer::caughtUp);
    player.finishLive(); // the rest is drawn now, or over the next frames
    QTRY_COMPARE_WITH_TIMEOUT(caughtUp.count(), 1, 60000);
    QCOMPARE(overflowed.count(), 1);
    QCOMPARE(qsizetype(player.events().size()), EventPlayer::MaxKeptEvents); // the first ones, for replay and saving
    QCOMPARE(player.events().back().tNs, qint64(EventPlayer::MaxKeptEvents));
    QCOMPARE(player.droppedEvents(), qint64(extra));
    QCOMPARE(drawn, qint64(EventPlayer::MaxKeptEvents + extra)); // every event was drawn, once, in order
    QVERIFY(inOrder);
}

QTEST_GUILESS_MAIN(TestEventPlayer)
#include "tst_eventplayer.moc"
