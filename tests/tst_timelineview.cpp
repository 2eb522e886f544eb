// The timeline's widget over its model: zoom, pan and follow (the model alone is tst_timelinemodel's).
#include "timelineview.h"

#include "session/timelinemodel.h"

#include "recordedevents.h"

#include <QTest>

using namespace proclab;
using namespace proclab::test;

class TestTimelineView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void zoomBoundsAndAnchor();
};

void TestTimelineView::zoomBoundsAndAnchor()
{
    TimelineModel m;
    m.setEnginePid(EnginePid);
    m.apply(poolRun());
    TimelineView v;
    v.resize(800, 300);
    v.setFollow(false);
    v.setModel(&m);
    v.fitAll();
    QVERIFY(v.visibleStartNs() <= 0);
    QVERIFY(v.visibleStartNs() + v.visibleSpanNs() >= 1000);

    // Zooming keeps the time under the mouse where it is.
    const qreal x = v.xOfTime(500);
    v.zoomAt(4, 500);
    QVERIFY(qAbs(v.xOfTime(500) - x) < 1);
    QVERIFY(qAbs(v.timeAtX(x) - 500) <= 1);

    v.zoomAt(1e12, 500);
    QCOMPARE(v.visibleSpanNs(), TimelineView::MinSpanNs);
    v.zoomAt(1e-15, 500);
    QCOMPARE(v.visibleSpanNs(), TimelineView::MaxSpanNs);
    v.setVisibleRange(0, 1);
    QCOMPARE(v.visibleSpanNs(), TimelineView::MinSpanNs);
    QCOMPARE(v.timeAtX(v.xOfTime(123'456)), 123'456);

    // Following a live run keeps the playhead in view.
    v.setVisibleRange(0, 10'000);
    v.setFollow(true);
    m.apply({ ev(50'000, W1, 0, EventKind::TaskStart, 0, 9) });
    m.setTimeNs(60'000);
    QVERIFY(v.visibleStartNs() <= 60'000 && v.visibleStartNs() + v.visibleSpanNs() >= 60'000);
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
