#include "base/platform.h"
#include "testutil.h"

#include <QProcess>
#include <QScopeGuard>
#include <QTest>

#include <csignal>

using namespace proclab;

// A program that owns a pool is SIGKILLed: none of its workers (nor its forkserver) outlives it by 1 s.
class TestLifeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void workersDieWithTheirEngine_data();
    void workersDieWithTheirEngine();
};

void TestLifeline::workersDieWithTheirEngine_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("state");
    for (const char* m : { "spawn", "forkserver" })
        for (const char* s : { "idle", "busy" })
            QTest::addRow("%s/%s", m, s) << QString::fromLatin1(m) << QString::fromLatin1(s);
}

void TestLifeline::workersDieWithTheirEngine()
{
    QFETCH(QString, method);
    QFETCH(QString, state);
    QProcess owner;
    owner.start(qEnvironmentVariable("PROCLAB_TEST_HELPER"), { QStringLiteral("pool-owner"), method, state });
    QSet<qint64> family;
    auto reap = qScopeGuard([&] {
        for (qint64 pid : family)
            ::kill(pid_t(pid), SIGKILL);
        owner.kill();
        owner.waitForFinished();
    });
    QVERIFY(owner.waitForStarted());
    QVERIFY(owner.waitForReadyRead(10000));
    const QByteArray line = owner.readLine().trimmed();
    QVERIFY2(line.startsWith("PIDS "), line.constData());
    const QList<QByteArray> pids = line.mid(5).split(' ');
    QCOMPARE(pids.size(), 2);
    family = test::descendantsOf(owner.processId());
    for (const auto& p : pids)
        QVERIFY(family.contains(p.toLongLong()));
    if (method == QLatin1String("forkserver"))
        QCOMPARE(family.size(), 3); // the server too

    ::kill(pid_t(owner.processId()), SIGKILL);
    QVERIFY(owner.waitForFinished(5000));
    QTRY_VERIFY2_WITH_TIMEOUT(!test::anyAlive(family), "a worker outlived its SIGKILLed engine by more than 1 s", 1000);
}

QTEST_GUILESS_MAIN(TestLifeline)
#include "tst_lifeline.moc"
