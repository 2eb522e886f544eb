#include "mp/gil.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace proclab;

class TestGil : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void excludesAndSwitches();
    void uncontendedCheckpointNeverSwitches();
};

// Two threads that compute while holding the GIL: never both inside, and both make progress because
// the holder hands the lock over when the other has waited a switch interval.
void TestGil::excludesAndSwitches()
{
    Gil gil(1'000'000); // 1 ms interval keeps the test short
    std::atomic<int> inside { 0 };
    std::atomic<bool> overlap { false };
    std::atomic<qint64> progress[2] = { { 0 }, { 0 } };
    std::atomic<int> arrived { 0 };
    const auto work = [&](int id) {
        arrived.fetch_add(1);
        while (arrived.load() < 2) // both threads exist before either takes the lock
            std::this_thread::yield();
        GilGuard hold(&gil);
        // At least 3 M steps, and on until the other thread has made progress too: the other can only progress
        // after a hand-over, and this one only sees it after taking the lock back, so the switches below are
        // certain however the scheduler runs the threads (no clock involved: a hang would be the failure).
        for (int i = 0; i < 3'000'000 || progress[1 - id].load() == 0; ++i) {
            if (inside.fetch_add(1) != 0)
                overlap = true;
            progress[id].fetch_add(1, std::memory_order_relaxed);
            inside.fetch_sub(1);
            if ((i & 255) == 0)
                gil.checkpoint();
        }
    };
    std::thread a(work, 0);
    std::thread b(work, 1);
    a.join();
    b.join();
    QVERIFY2(!overlap, "two threads computed while holding the GIL at the same time");
    QVERIFY(progress[0].load() >= 3'000'000);
    QVERIFY(progress[1].load() >= 3'000'000);
    QVERIFY2(gil.switches() > 2, "the lock was never handed over between the threads");
}

void TestGil::uncontendedCheckpointNeverSwitches()
{
    Gil gil;
    gil.acquire();
    for (int i = 0; i < 100000; ++i)
        gil.checkpoint();
    gil.release();
    QCOMPARE(gil.switches(), qint64(1));
}

QTEST_GUILESS_MAIN(TestGil)
#include "tst_gil.moc"
