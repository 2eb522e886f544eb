// Replays the committed fuzzing corpus (tests/fuzz/corpus/) through the libFuzzer targets' own entry points,
// compiled here without libFuzzer: every seed, every input the fuzzers kept and every fixed crash reproducer
// stays a regression test in the normal and sanitizer builds. A target aborts on a broken check, which fails
// this test with the file being replayed printed first.
#include <QDir>
#include <QFile>
#include <QTest>

#include <cstdint>

// tests/fuzz/fuzz_frame.cpp and tests/fuzz/fuzz_trace.cpp, each built with LLVMFuzzerTestOneInput renamed
// (tests/CMakeLists.txt).
extern "C" int proclabFuzzFrame(const uint8_t* data, size_t size);
extern "C" int proclabFuzzTrace(const uint8_t* data, size_t size);

class TestFuzzCorpus : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void replay_data();
    void replay();
};

void TestFuzzCorpus::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("file");
    int files = 0;
    for (const char* target : { "frame", "trace" }) {
        const QDir dir(QStringLiteral(PROCLAB_FUZZ_CORPUS "/") + QLatin1String(target));
        const QStringList names = dir.entryList(QDir::Files, QDir::Name);
        for (const QString& name : names) {
            QTest::addRow("%s/%s", target, qPrintable(name)) << QString::fromLatin1(target) << dir.filePath(name);
            ++files;
        }
        QVERIFY2(!names.isEmpty(), qPrintable(QStringLiteral("no corpus in ") + dir.path()));
    }
    QVERIFY(files > 0);
}

void TestFuzzCorpus::replay()
{
    QFETCH(QString, target);
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.errorString()));
    const QByteArray data = f.readAll();
    // Said before running: if the target aborts, this line names the input.
    qInfo("replaying %s (%lld bytes)", qPrintable(file), qlonglong(data.size()));
    const auto* bytes = reinterpret_cast<const uint8_t*>(data.constData());
    const int rc = target == QLatin1String("frame") ? proclabFuzzFrame(bytes, size_t(data.size()))
                                                    : proclabFuzzTrace(bytes, size_t(data.size()));
    QCOMPARE(rc, 0);
}

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
