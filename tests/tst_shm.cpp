#include <QTest>

// Filled in with the shm work of the IPC issue.
class TestShm : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestShm)
#include "tst_shm.moc"
