#include "chunksizeedit.h"

#include <QAction>
#include <QTest>

using namespace proclab;

// The experiment panel's chunksizes field: what reads becomes the chunksizes; what does not turns the field red
// with the reason, and the last good chunksizes stay.
class TestChunksizeEdit : public QObject {
    Q_OBJECT

private slots:
    void startsOnAuto();
    void readsTyping_data();
    void readsTyping();
    void showsBadInputAndKeepsLastGood();
    void setChunksizes();
};

namespace {

bool warningShown(const ChunksizeEdit& edit)
{
    for (const QAction* a : edit.actions())
        if (a->isVisible())
            return true;
    return false;
}

} // namespace

void TestChunksizeEdit::startsOnAuto()
{
    ChunksizeEdit edit;
    QCOMPARE(edit.text(), QStringLiteral("auto"));
    QCOMPARE(edit.chunksizes(), QList<int> { 0 });
    QVERIFY(edit.error().isEmpty());
    QVERIFY(!warningShown(edit));
}

void TestChunksizeEdit::readsTyping_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QList<int>>("expected");

    QTest::newRow("list") << QStringLiteral("1, 10, 100") << QList<int> { 1, 10, 100 };
    QTest::newRow("auto-and-n") << QStringLiteral("auto, 4") << QList<int> { 0, 4 };
    QTest::newRow("zero") << QStringLiteral("0") << QList<int> { 0 };
    QTest::newRow("repeated") << QStringLiteral("8, 8") << QList<int> { 8 };
}

void TestChunksizeEdit::readsTyping()
{
    QFETCH(QString, typed);
    QFETCH(QList<int>, expected);
    ChunksizeEdit edit;
    edit.selectAll();
    QTest::keyClicks(&edit, typed);
    QCOMPARE(edit.text(), typed);
    QCOMPARE(edit.chunksizes(), expected);
    QVERIFY2(edit.error().isEmpty(), qPrintable(edit.error()));
}

void TestChunksizeEdit::showsBadInputAndKeepsLastGood()
{
    ChunksizeEdit edit;
    const QColor normal = edit.palette().color(QPalette::Base);
    edit.setText(QStringLiteral("1, 2"));
    QCOMPARE(edit.chunksizes(), (QList<int> { 1, 2 }));

    edit.setText(QStringLiteral("1, x")); // once silently read as 1
    QVERIFY2(edit.error().contains(QLatin1String("(got 'x')")), qPrintable(edit.error()));
    QCOMPARE(edit.chunksizes(), (QList<int> { 1, 2 }));
    QVERIFY2(warningShown(edit), "no warning icon on bad input");
    QVERIFY2(edit.palette().color(QPalette::Base) != normal, "the field is not marked");

    edit.setText(QStringLiteral("-5"));
    QVERIFY2(edit.error().contains(QLatin1String("(got '-5')")), qPrintable(edit.error()));
    edit.setText(QString());
    QVERIFY(!edit.error().isEmpty());
    QCOMPARE(edit.chunksizes(), (QList<int> { 1, 2 }));

    edit.setText(QStringLiteral("auto, 5"));
    QVERIFY(edit.error().isEmpty());
    QCOMPARE(edit.chunksizes(), (QList<int> { 0, 5 }));
    QVERIFY(!warningShown(edit));
    QCOMPARE(edit.palette().color(QPalette::Base), normal);
}

void TestChunksizeEdit::setChunksizes()
{
    ChunksizeEdit edit;
    edit.setText(QStringLiteral("nonsense"));
    edit.setChunksizes({ 0, 10, 100 });
    QCOMPARE(edit.text(), QStringLiteral("auto, 10, 100"));
    QCOMPARE(edit.chunksizes(), (QList<int> { 0, 10, 100 }));
    QVERIFY(edit.error().isEmpty());
}

QTEST_MAIN(TestChunksizeEdit)
#include "tst_chunksizeedit.moc"
