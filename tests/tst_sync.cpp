#include <QTest>

// Filled in with the sync work of the IPC issue.
class TestSync : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
