#include <QTest>

// Filled in by the workloads/experiments work.
class TestExperiment : public QObject {
    Q_OBJECT
};

QTEST_GUILESS_MAIN(TestExperiment)
#include "tst_experiment.moc"
