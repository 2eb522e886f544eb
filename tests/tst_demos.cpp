#include <QTest>

// Filled in with the demos work of the IPC issue.
class TestDemos : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestDemos)
#include "tst_demos.moc"
