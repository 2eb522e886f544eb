#include <QTest>

// Filled in with the sharedvalue work of the IPC issue.
class TestSharedvalue : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestSharedvalue)
#include "tst_sharedvalue.moc"
