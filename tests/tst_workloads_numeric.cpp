#include <QTest>

// Filled in by the workloads/experiments work.
class TestWorkloadsNumeric : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestWorkloadsNumeric)
#include "tst_workloads_numeric.moc"
