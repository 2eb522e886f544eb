#include "stageview.h"

#include "session/stagemodel.h"
#include "session/timelinemodel.h"
#include "stagepalette.h"
#include "timelineview.h"

#include "recordedevents.h"

#include <QApplication>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace proclab;
using namespace proclab::test;

class TestStageView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsWorkersBySlotUpToTheCap();
    void picturesShowTheStatesColour();
    void clickSelectsDelKills();
    void repaintsAreCoalesced();
    void presenterModeIsLarger();
    void hoverTellsTheDetails();
    void mpiRanksInHostFramesWithArrows();
};

namespace {
// A box's state band: the left edge, half way down.
QColor bandColour(const QImage& image, const QRectF& box)
{
    return image.pixelColor(int(box.left() + 3), int(box.center().y()));
}
} // namespace

void TestStageView::showsWorkersBySlotUpToTheCap()
{
    StageModel m;
    m.setEnginePid(EnginePid);
    EventBatch b;
    // Twenty workers, spawned in reverse slot order.
    for (int slot = 19; slot >= 0; --slot)
        b.push_back(ev(100 - slot, 1000 + slot, slot, EventKind::ProcessSpawn));
    m.apply(b);
    StageView v;
    v.setModel(&m);
    const QList<qint64> shown = v.workerPidsShown();
    QCOMPARE(shown.size(), StageView::MaxWorkerBoxes);
    for (int i = 0; i < shown.size(); ++i)
        QCOMPARE(shown.at(i), 1000 + i);
}

void TestStageView::picturesShowTheStatesColour()
{
    StageModel m;
    m.setEnginePid(EnginePid);
    m.apply(poolRun()); // W1 exited, W2 killed
    m.apply(lockRun()); // then W3 waited for a lock and gave up; W1's band stays "exited"
    StageView v;
    v.resize(1100, 650);
    v.setModel(&m);
    const QImage image = v.grab().toImage();
    QVERIFY(!v.boxOf(W1).isEmpty());
    QCOMPARE(bandColour(image, v.boxOf(W1)), activityColor(Activity::Exited));
    QCOMPARE(bandColour(image, v.boxOf(W2)), activityColor(Activity::Crashed));
    QCOMPARE(bandColour(image, v.boxOf(W3)), activityColor(Activity::Idle));

    // The same process waiting for a lock: its band turns to the lock-wait colour.
    m.apply({ ev(2000, W3, -1, EventKind::LockWait, 7, -1, W2) });
    const QImage waiting = v.grab().toImage();
    QCOMPARE(bandColour(waiting, v.boxOf(W3)), activityColor(Activity::LockWait));
}

void TestStageView::clickSelectsDelKills()
{
    StageModel m;
    m.setEnginePid(EnginePid);
    EventBatch b = poolRun();
    b.resize(b.size() - 3); // both workers alive
    m.apply(b);
    StageView v;
    v.resize(1000, 600);
    v.setModel(&m);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QTRY_VERIFY(!v.boxOf(W2).isEmpty()); // laid out by the first paint

    QSignalSpy kill(&v, &StageView::killRequested);
    QTest::mouseClick(&v, Qt::LeftButton, {}, v.boxOf(W2).center().toPoint());
    QCOMPARE(v.selectedPid(), W2);
    QTest::keyClick(&v, Qt::Key_Delete);
    QCOMPARE(kill.size(), 1);
    QCOMPARE(kill.first().first().toLongLong(), W2);

    // The parent is never offered for killing.
    QTest::mouseClick(&v, Qt::LeftButton, {}, v.boxOf(EnginePid).center().toPoint());
    QCOMPARE(v.selectedPid(), EnginePid);
    QTest::keyClick(&v, Qt::Key_Delete);
    QCOMPARE(kill.size(), 1);
    // Clicking the background clears the selection.
    QTest::mouseClick(&v, Qt::LeftButton, {}, QPoint(v.width() - 2, v.height() / 2));
    QCOMPARE(v.selectedPid(), 0);
}

void TestStageView::repaintsAreCoalesced()
{
    StageModel m;
    m.setEnginePid(EnginePid);
    TimelineModel tm;
    tm.setEnginePid(EnginePid);
    StageView v;
    TimelineView tv;
    v.setModel(&m);
    tv.setModel(&tm);
    v.show();
    tv.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QVERIFY(QTest::qWaitForWindowExposed(&tv));
    QTRY_VERIFY(v.framesPainted() > 0 && tv.framesPainted() > 0);
    const int stageBefore = v.framesPainted();
    const int timelineBefore = tv.framesPainted();
    // A thousand changes without returning to the event loop: at most one frame's worth of repaints.
    for (qint64 t = 0; t < 1000; ++t) {
        const EventBatch b { ev(t, W1, 0, t % 2 ? EventKind::TaskEnd : EventKind::TaskStart, 0, t / 2) };
        m.apply(b);
        tm.apply(b);
        m.setTimeNs(t);
        tm.setTimeNs(t);
    }
    QTRY_VERIFY(v.framesPainted() > stageBefore && tv.framesPainted() > timelineBefore);
    QVERIFY2(v.framesPainted() - stageBefore <= 2, qPrintable(QString::number(v.framesPainted() - stageBefore)));
    QVERIFY2(
        tv.framesPainted() - timelineBefore <= 2, qPrintable(QString::number(tv.framesPainted() - timelineBefore)));
}

void TestStageView::presenterModeIsLarger()
{
    StageModel m;
    m.setEnginePid(EnginePid);
    m.apply(poolRun());
    StageView v;
    v.resize(1200, 700);
    v.setModel(&m);
    v.grab();
    const QRectF normal = v.boxOf(W1);
    const qreal normalFont = v.font().pointSizeF();
    v.setPresenterMode(true);
    v.grab();
    QVERIFY(v.presenterMode());
    QVERIFY(v.font().pointSizeF() > normalFont * 1.3);
    QVERIFY2(v.boxOf(W1).height() > normal.height(), "boxes grow with the font");
    // High contrast: the crashed worker's band in the presenter palette.
    QCOMPARE(bandColour(v.grab().toImage(), v.boxOf(W2)), activityColor(Activity::Crashed, true));
}

void TestStageView::hoverTellsTheDetails()
{
    StageModel m;
    m.setEnginePid(EnginePid);
    EventBatch b = lockRun();
    b.resize(3); // W1 holds lock 7, W2 and W3 wait
    m.apply(b);
    StageView v;
    v.resize(1100, 650);
    v.setModel(&m);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QTRY_VERIFY(!v.boxOf(W3).isEmpty());
    auto tooltipAt = [&](QPoint pos) {
        QHelpEvent help(QEvent::ToolTip, pos, v.mapToGlobal(pos));
        QApplication::sendEvent(&v, &help);
        return QToolTip::text();
    };
    const QString box = tooltipAt(v.boxOf(W3).center().toPoint());
    QVERIFY2(box.contains(QStringLiteral("pid %1").arg(W3)) && box.contains(QStringLiteral("waiting for lock 7")),
        qPrintable(box));
    QVERIFY2(!box.contains(QStringLiteral("CPU")), "no CPU before the engine read any");
    // What the engine read of it: a blocked process at 0 %, its memory and state.
    m.apply({ ev(5, W3, -1, EventKind::ProcessSample, 'S', 9'216, 0) });
    const QString read = tooltipAt(v.boxOf(W3).center().toPoint());
    QVERIFY2(read.contains(QStringLiteral("CPU 0.0 %, resident memory 9.0 MiB (state S")), qPrintable(read));
    // The lock's tile is in the objects band at the bottom: find it by its tooltip.
    QString lock;
    for (int y = v.height() - 1; y > v.height() / 2 && lock.isEmpty(); y -= 8)
        for (int x = 4; x < v.width() && lock.isEmpty(); x += 16)
            if (tooltipAt(QPoint(x, y)).startsWith(QStringLiteral("<b>Lock #7")))
                lock = QToolTip::text();
    QVERIFY2(lock.contains(QStringLiteral("held by: %1").arg(W1)), qPrintable(lock));
    QVERIFY2(lock.contains(QStringLiteral("waiting, in order: %1, %2").arg(W2).arg(W3)), qPrintable(lock));
}

// Four MPI ranks on two hosts: a frame per host holding exactly its ranks' boxes, a rank in a receive shows the MPI
// wait colour, a message between hosts is drawn in its own colour on its way.
void TestStageView::mpiRanksInHostFramesWithArrows()
{
    using K = EventKind;
    StageModel m;
    m.setEnginePid(EnginePid);
    m.setMinTravelNs(1'000);
    const QString hosts[] = { QStringLiteral("nodeA"), QStringLiteral("nodeA"), QStringLiteral("nodeB"),
        QStringLiteral("nodeB") };
    EventBatch b;
    for (int r = 0; r < 4; ++r) {
        m.setProcessName(500 + r, QStringLiteral("rank %1 on %2").arg(r).arg(hosts[r]));
        b.push_back(ev(0, 500 + r, r, K::ProcessReady));
    }
    b.push_back(ev(10, 500, 0, K::MpiRecvWait, -1, -1, -1));
    b.push_back(ev(20, 503, 3, K::MpiSend, 1, -1, 0)); // rank 3 on nodeB to rank 0 on nodeA
    m.apply(b);
    m.setTimeNs(20 + 500); // half way
    StageView v;
    v.resize(1200, 700);
    v.setModel(&m);
    const QImage image = v.grab().toImage();
    const QList<StageView::HostFrame> frames = v.hostFrames();
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[0].host, QStringLiteral("nodeA"));
    QCOMPARE(frames[1].host, QStringLiteral("nodeB"));
    QCOMPARE(frames[0].ranks, 2);
    for (int r = 0; r < 4; ++r) {
        const QRectF box = v.boxOf(500 + r);
        QVERIFY(!box.isEmpty());
        QVERIFY2(frames[r < 2 ? 0 : 1].rect.contains(box), qPrintable(QStringLiteral("rank %1").arg(r)));
        QVERIFY(!frames[r < 2 ? 1 : 0].rect.intersects(box));
    }
    QCOMPARE(bandColour(image, v.boxOf(500)), activityColor(Activity::MpiWait));
    QCOMPARE(bandColour(image, v.boxOf(503)), activityColor(Activity::Idle));
    // The message's card, half way between its two ranks, in the between-hosts colour.
    const QList<Flight> flights = m.flights();
    QCOMPARE(flights.size(), 1);
    const QColor remote = StagePalette::get(false).remoteMessage;
    int remotePixels = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, y) == remote)
                ++remotePixels;
    QVERIFY2(remotePixels > 50, qPrintable(QString::number(remotePixels)));
    // The hosts' frames say what they are when hovered (the tooltip needs a shown window).
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    const QPoint corner = v.hostFrames()[1].rect.topLeft().toPoint() + QPoint(4, 4);
    QHelpEvent help(QEvent::ToolTip, corner, v.mapToGlobal(corner));
    QApplication::sendEvent(&v, &help);
    QVERIFY2(QToolTip::text().contains(QStringLiteral("nodeB")), qPrintable(QToolTip::text()));
}

QTEST_MAIN(TestStageView)
#include "tst_stageview.moc"
