#include <QTest>

// Filled in with the queue work of the IPC issue.
class TestQueue : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
