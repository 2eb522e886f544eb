#include <QTest>

// Filled in with the manager work of the IPC issue.
class TestManager : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestManager)
#include "tst_manager.moc"
