#include <QTest>

// Filled in by the workloads/experiments work.
class TestWorkloadsText : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestWorkloadsText)
#include "tst_workloads_text.moc"
