#include <QTest>

// Filled in with the connection work of the IPC issue.
class TestConnection : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
