#include "content/workload.h"
#include "engine/context.h"
#include "engine/executor.h"
#include "engine/process.h"
#include "mp/queue.h"

#include <QCborMap>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace proclab;

Q_DECLARE_METATYPE(proclab::ExecutorKind)

class TestWorkloadsText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parallelEqualsSerial_data();
    void parallelEqualsSerial();
    void knownCounts_data();
    void knownCounts();
    void chunksCutCharacters_data();
    void chunksCutCharacters();
    void invalidBytesAreSkipped_data();
    void invalidBytesAreSkipped();
    void badInput_data();
    void badInput();
    void sampleCorpusAgreesAcrossEncodings();
    void queueModeNeedsProcesses();
    void fixedWorkersFedByAQueue_data();
    void fixedWorkersFedByAQueue();

private:
    QTemporaryDir m_dir;
};

namespace {

// The test's own cp1251 encoder (the workload has its own decoder: they must agree independently).
QByteArray cp1251(const QString& text)
{
    QByteArray out;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80)
            out += char(u);
        else if (u >= 0x410 && u <= 0x44F)
            out += char(0xC0 + (u - 0x410));
        else if (u == 0x401)
            out += char(0xA8);
        else if (u == 0x451)
            out += char(0xB8);
        else if (u == 0x2014)
            out += char(0x97); // em dash
        else
            out += '?';
    }
    return out;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(f.errorString()));
    QCOMPARE(f.write(bytes), bytes.size());
}

struct Outcome {
    QCborMap counts;
    Verification verification;
    QString summary;
};

// Runs the workload the way the CLI does: parse, execute, reduce, verify.
Outcome run(const QStringList& settings, ExecutorKind executor = ExecutorKind::Process, int workers = 2)
{
    const Workload* w = findWorkload(QStringLiteral("letters"));
    Params p;
    QString error;
    if (!w || !parseParams(*w, settings, &p, &error))
        return { {}, { false, QStringLiteral("parseParams: ") + error }, {} };
    Context context;
    const ExecResult r = w->run(&context, p, w->inputs(p), { executor, workers, 0, Scheduling::Dynamic, 0, {}, {} });
    if (!r.failures.empty())
        return { {},
            { false,
                QStringLiteral("%1 task(s) failed: %2")
                    .arg(r.failures.size())
                    .arg(r.failures.begin()->second.toString()) },
            {} };
    const QCborValue reduced = w->reduce(p, r.results);
    return { reduced.toMap(), w->verify(p, r.results, reduced), w->summary(p, reduced) };
}

QCborMap expected(std::initializer_list<std::pair<const char*, qint64>> counts)
{
    QCborMap m;
    for (const auto& [letter, n] : counts)
        m.insert(QString::fromUtf8(letter), n);
    return m;
}

QString diff(const QCborMap& got, const QCborMap& want)
{
    return QStringLiteral("got %1, expected %2")
        .arg(QCborValue(got).toDiagnosticNotation(), QCborValue(want).toDiagnosticNotation());
}

} // namespace

void TestWorkloadsText::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A small mixed corpus: three files of different sizes, UTF-8 and a cp1251 copy.
    const QStringList lines {
        QStringLiteral("Ну, князь, Генуя и Лукка — поместья фамилии Буонапарте. Ещё ёлка, ёж, Ёлки-палки!\n"),
        QStringLiteral("Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes.\n"),
        QStringLiteral("Съешь же ещё этих мягких французских булок, да выпей чаю. Quick brown fox, lazy dog.\n"),
    };
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("utf-8")));
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("cp1251")));
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("empty")));
    for (int file = 0; file < 3; ++file) {
        QString text;
        for (int i = 0; i < 40 * (file + 1) * (file + 1); ++i)
            text += lines.at((i * 7 + file) % lines.size());
        const QString name = QStringLiteral("/part-%1.txt").arg(file);
        writeFile(m_dir.path() + QStringLiteral("/utf-8") + name, text.toUtf8());
        writeFile(m_dir.path() + QStringLiteral("/cp1251") + name, cp1251(text));
    }
    writeFile(m_dir.filePath(QStringLiteral("tiny-utf8.txt")), QStringLiteral("Ёлка ёж ABC abc").toUtf8());
    writeFile(m_dir.filePath(QStringLiteral("tiny-cp1251.txt")), QByteArray("\xA8\xEB\xEA\xE0 \xB8\xE6 ABC abc"));
}

void TestWorkloadsText::parallelEqualsSerial_data()
{
    QTest::addColumn<ExecutorKind>("executor");
    QTest::addColumn<QStringList>("settings");
    for (ExecutorKind e : { ExecutorKind::Process, ExecutorKind::Thread })
        for (const char* mode : { "files", "bytes" })
            for (const char* encoding : { "utf-8", "cp1251" })
                QTest::addRow("%s/%s/%s", qPrintable(toString(e)), mode, encoding)
                    << e
                    << QStringList { QStringLiteral("path=") + m_dir.filePath(QLatin1String(encoding)),
                           QStringLiteral("mode=") + QLatin1String(mode),
                           QStringLiteral("encoding=") + QLatin1String(encoding), QStringLiteral("chunks=7") };
    // Fixed workers fed by a Queue with sentinels: the workload's own process layout, processes only.
    for (const char* encoding : { "utf-8", "cp1251" })
        QTest::addRow("process/queue/%s", encoding)
            << ExecutorKind::Process
            << QStringList { QStringLiteral("path=") + m_dir.filePath(QLatin1String(encoding)),
                   QStringLiteral("mode=queue"), QStringLiteral("encoding=") + QLatin1String(encoding) };
    for (const char* alphabet : { "latin", "cyrillic" })
        for (const char* encoding : { "utf-8", "cp1251" })
            QTest::addRow("process/bytes/%s/%s", encoding, alphabet)
                << ExecutorKind::Process
                << QStringList { QStringLiteral("path=") + m_dir.filePath(QLatin1String(encoding)),
                       QStringLiteral("mode=bytes"), QStringLiteral("encoding=") + QLatin1String(encoding),
                       QStringLiteral("alphabet=") + QLatin1String(alphabet), QStringLiteral("chunks=5") };
}

void TestWorkloadsText::parallelEqualsSerial()
{
    QFETCH(ExecutorKind, executor);
    QFETCH(QStringList, settings);
    const Outcome o = run(settings, executor);
    QVERIFY2(o.verification.ok, qPrintable(o.verification.detail));
    QVERIFY(!o.counts.isEmpty());
    const bool latin = o.counts.contains(QStringLiteral("a"));
    const bool cyrillic = o.counts.contains(QStringLiteral("а"));
    if (settings.contains(QStringLiteral("alphabet=latin")))
        QVERIFY(latin && !cyrillic);
    else if (settings.contains(QStringLiteral("alphabet=cyrillic")))
        QVERIFY(cyrillic && !latin);
    else
        QVERIFY(latin && cyrillic);
    QVERIFY2(!o.counts.contains(QStringLiteral("skipped_bytes")), qPrintable(o.summary));
}

void TestWorkloadsText::knownCounts_data()
{
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<QCborMap>("counts");
    const QCborMap both
        = expected({ { "а", 1 }, { "ё", 2 }, { "ж", 1 }, { "к", 1 }, { "л", 1 }, { "a", 2 }, { "b", 2 }, { "c", 2 } });
    for (const char* encoding : { "utf-8", "cp1251" }) {
        const QString file
            = m_dir.filePath(QLatin1String(qstrcmp(encoding, "cp1251") == 0 ? "tiny-cp1251.txt" : "tiny-utf8.txt"));
        const QStringList base { QStringLiteral("path=") + file,
            QStringLiteral("encoding=") + QLatin1String(encoding) };
        QTest::addRow("%s/files", encoding) << base << both;
        QTest::addRow("%s/bytes", encoding)
            << (base + QStringList { QStringLiteral("mode=bytes"), QStringLiteral("chunks=5") }) << both;
        QTest::addRow("%s/queue", encoding) << (base + QStringList { QStringLiteral("mode=queue") }) << both;
        QTest::addRow("%s/latin", encoding) << (base + QStringList { QStringLiteral("alphabet=latin") })
                                            << expected({ { "a", 2 }, { "b", 2 }, { "c", 2 } });
        QTest::addRow("%s/cyrillic", encoding)
            << (base + QStringList { QStringLiteral("alphabet=cyrillic") })
            << expected({ { "а", 1 }, { "ё", 2 }, { "ж", 1 }, { "к", 1 }, { "л", 1 } });
    }
}

// "Ёлка ёж ABC abc": ё 2, л 1, к 1, а 1, ж 1, a 2, b 2, c 2, whatever the encoding.
void TestWorkloadsText::knownCounts()
{
    QFETCH(QStringList, settings);
    QFETCH(QCborMap, counts);
    const Outcome o = run(settings);
    QVERIFY2(o.verification.ok, qPrintable(o.verification.detail));
    QVERIFY2(o.counts == counts, qPrintable(diff(o.counts, counts)));
    const QString top = counts.contains(QStringLiteral("ё")) ? QStringLiteral("'ё': 2") : QStringLiteral("'a': 2");
    QVERIFY2(o.summary.startsWith(QStringLiteral("Counter({")) && o.summary.contains(top), qPrintable(o.summary));
}

void TestWorkloadsText::chunksCutCharacters_data()
{
    QTest::addColumn<ExecutorKind>("executor");
    QTest::addColumn<int>("chunks");
    QTest::newRow("thread/1-byte") << ExecutorKind::Thread << 0; // 0: as many chunks as bytes
    QTest::newRow("thread/3-byte") << ExecutorKind::Thread << -3;
    QTest::newRow("process/7") << ExecutorKind::Process << 7;
    QTest::newRow("process/1-byte") << ExecutorKind::Process << 0;
}

// 2-, 3- and 4-byte characters (ё, €, 😀) everywhere: every range boundary falls inside some character.
void TestWorkloadsText::chunksCutCharacters()
{
    QFETCH(ExecutorKind, executor);
    QFETCH(int, chunks);
    const QString unit = QStringLiteral("ёЁ€😀Жx");
    const QByteArray bytes = unit.repeated(20).toUtf8();
    const QString path = m_dir.filePath(QStringLiteral("cut.txt"));
    writeFile(path, bytes);
    const qint64 n = chunks > 0 ? chunks : chunks == 0 ? bytes.size() : bytes.size() / -chunks;
    const Outcome o = run(
        { QStringLiteral("path=") + path, QStringLiteral("mode=bytes"), QStringLiteral("chunks=%1").arg(n) }, executor);
    QVERIFY2(o.verification.ok, qPrintable(o.verification.detail));
    const QCborMap want = expected({ { "ё", 40 }, { "ж", 20 }, { "x", 20 } });
    QVERIFY2(o.counts == want, qPrintable(diff(o.counts, want)));
}

void TestWorkloadsText::invalidBytesAreSkipped_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QCborMap>("counts");
    // a, 0xFF (1), E0 A0 cut short (2), five stray continuation bytes (5), overlong C0 80 (2), surrogate ED A0 80 (3).
    const QByteArray utf8("a\xFF"
                          "b\xE0\xA0"
                          "c\x80\x80\x80\x80\x80"
                          "d\xC0\x80"
                          "e\xED\xA0\x80\xD1\x91");
    QCborMap want = expected({ { "ё", 1 }, { "a", 1 }, { "b", 1 }, { "c", 1 }, { "d", 1 }, { "e", 1 } });
    want.insert(QStringLiteral("skipped_bytes"), 13);
    QTest::newRow("utf-8") << QStringLiteral("utf-8") << utf8.repeated(3) << [&] {
        QCborMap m;
        for (auto it = want.begin(); it != want.end(); ++it)
            m.insert(it.key(), it.value().toInteger() * 3);
        return m;
    }();
    QTest::newRow("cp1251") << QStringLiteral("cp1251") << QByteArray("\xE0\x98z\x98") << [] {
        QCborMap m = expected({ { "а", 1 }, { "z", 1 } });
        m.insert(QStringLiteral("skipped_bytes"), 2);
        return m;
    }();
}

// Bytes the encoding cannot hold count as nothing, are reported, and still add up exactly in 1-byte ranges.
void TestWorkloadsText::invalidBytesAreSkipped()
{
    QFETCH(QString, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QCborMap, counts);
    const QString path = m_dir.filePath(QStringLiteral("invalid-") + encoding);
    writeFile(path, bytes);
    for (const QString& mode : { QStringLiteral("mode=files"), QStringLiteral("mode=bytes") }) {
        const Outcome o = run({ QStringLiteral("path=") + path, QStringLiteral("encoding=") + encoding, mode,
                                  QStringLiteral("chunks=%1").arg(bytes.size()) },
            ExecutorKind::Thread);
        QVERIFY2(o.verification.ok, qPrintable(o.verification.detail));
        QVERIFY2(o.counts == counts, qPrintable(diff(o.counts, counts)));
        QVERIFY2(o.summary.contains(QStringLiteral("invalid")), qPrintable(o.summary));
    }
}

void TestWorkloadsText::badInput_data()
{
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<QString>("error");
    QTest::newRow("no-such-path") << QStringList { QStringLiteral("path=/no/such/dir") }
                                  << QStringLiteral("does not exist");
    QTest::newRow("encoding") << QStringList { QStringLiteral("encoding=koi8-r") }
                              << QStringLiteral("expected utf-8 or cp1251");
    QTest::newRow("mode") << QStringList { QStringLiteral("mode=lines") }
                          << QStringLiteral("expected files, queue or bytes");
    QTest::newRow("alphabet") << QStringList { QStringLiteral("alphabet=greek") }
                              << QStringLiteral("cyrillic, latin or both");
    QTest::newRow("empty-folder") << QStringList { QStringLiteral("path=") + m_dir.filePath(QStringLiteral("empty")) }
                                  << QStringLiteral("no files");
    QTest::newRow("chunks") << QStringList { QStringLiteral("chunks=0") }
                            << QStringLiteral("expected an integer from 1");
    QTest::newRow("fifo") << QStringList { QStringLiteral("path=") + m_dir.filePath(QStringLiteral("fifo")) }
                          << QStringLiteral("cannot read");
    QTest::newRow("unreadable") << QStringList {
        QStringLiteral("path=") + m_dir.filePath(QStringLiteral("secret.txt"))
    } << QStringLiteral("cannot read");
}

void TestWorkloadsText::badInput()
{
    QFETCH(QStringList, settings);
    QFETCH(QString, error);
    if (QByteArray(QTest::currentDataTag()) == "unreadable") {
        if (::geteuid() == 0)
            QSKIP("root reads every file");
        const QString secret = m_dir.filePath(QStringLiteral("secret.txt"));
        writeFile(secret, "x");
        QVERIFY(QFile::setPermissions(secret, QFileDevice::WriteOwner));
    }
    if (QByteArray(QTest::currentDataTag()) == "fifo") // exists, but is no regular file (and opening it would block)
        QVERIFY(::mkfifo(QFile::encodeName(m_dir.filePath(QStringLiteral("fifo"))).constData(), 0600) == 0);
    Params p;
    QString message;
    QVERIFY(!parseParams(*findWorkload(QStringLiteral("letters")), settings, &p, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
}

// The generated corpus: the cp1251 copy holds the same text, so the same Cyrillic and Latin counts.
void TestWorkloadsText::sampleCorpusAgreesAcrossEncodings()
{
    // 16 MB: the biggest file (~5 MB) is read in several blocks, cut at character boundaries like ranges are.
    const Outcome utf8 = run({ QStringLiteral("corpus_mb=16") }, ExecutorKind::Thread);
    QVERIFY2(utf8.verification.ok, qPrintable(utf8.verification.detail));
    const Outcome windows = run({ QStringLiteral("corpus_mb=16"), QStringLiteral("encoding=cp1251"),
                                    QStringLiteral("mode=bytes"), QStringLiteral("chunks=6") },
        ExecutorKind::Thread);
    QVERIFY2(windows.verification.ok, qPrintable(windows.verification.detail));
    QVERIFY2(utf8.counts == windows.counts, qPrintable(diff(utf8.counts, windows.counts)));
    QVERIFY(utf8.counts.value(QStringLiteral("о")).toInteger() > utf8.counts.value(QStringLiteral("ф")).toInteger());
    QVERIFY(utf8.counts.value(QStringLiteral("ё")).toInteger() > 0);
    QVERIFY(utf8.counts.value(QStringLiteral("z")).toInteger() > 0);
}

void TestWorkloadsText::fixedWorkersFedByAQueue_data()
{
    QTest::addColumn<QString>("encoding");
    QTest::newRow("utf-8") << QStringLiteral("utf-8");
    QTest::newRow("cp1251") << QStringLiteral("cp1251");
}

// mode=queue makes its own worker processes: with threads it refuses rather than quietly running a Pool.map.
void TestWorkloadsText::queueModeNeedsProcesses()
{
    const Workload* w = findWorkload(QStringLiteral("letters"));
    Params p;
    QString error;
    QVERIFY2(parseParams(*w,
                 { QStringLiteral("path=") + m_dir.filePath(QStringLiteral("utf-8")), QStringLiteral("mode=queue") },
                 &p, &error),
        qPrintable(error));
    Context context;
    QVERIFY_THROWS_EXCEPTION(
        PoolError, w->run(&context, p, w->inputs(p), { ExecutorKind::Thread, 2, 0, Scheduling::Dynamic, 0, {}, {} }));
}

// Exercise 4 of the tutorial: N processes take file names from a Queue until None and put a Counter per file
// on a second Queue. Merged, the Counters equal the pool's (verified) count of the same folder.
void TestWorkloadsText::fixedWorkersFedByAQueue()
{
    QFETCH(QString, encoding);
    const QString folder = m_dir.filePath(encoding);
    const Outcome pool = run({ QStringLiteral("path=") + folder, QStringLiteral("encoding=") + encoding });
    QVERIFY2(pool.verification.ok, qPrintable(pool.verification.detail));

    constexpr int Workers = 2;
    Context context;
    Queue output(&context);
    Queue queue(&context);
    QStringList files;
    for (const QString& name : QDir(folder).entryList(QDir::Files, QDir::Name))
        files << QDir(folder).absoluteFilePath(name);
    files << m_dir.filePath(QStringLiteral("no-such-file.txt")); // answered with an error, not lost
    for (const QString& f : files)
        queue.put(f);
    for (int i = 0; i < Workers; ++i)
        queue.put(QCborValue(QCborValue::Null));
    std::vector<std::unique_ptr<Process>> processes;
    for (int i = 0; i < Workers; ++i) {
        processes.push_back(
            std::make_unique<Process>(&context, Function::named(QStringLiteral("letters.queue-counting")),
                QCborArray { queue.handle(), output.handle(), encoding, QStringLiteral("both") }));
        processes.back()->start();
    }
    std::map<QString, qint64> merged;
    int errors = 0;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QCborArray answer = output.get(true, 30000).taggedValue().toArray();
        QVERIFY2(files.contains(answer.at(0).toString()), qPrintable(answer.at(0).toString()));
        if (answer.at(1).isString()) {
            ++errors;
            QVERIFY2(
                answer.at(1).toString().contains(QStringLiteral("cannot read")), qPrintable(answer.at(1).toString()));
            continue;
        }
        const QCborMap counts = answer.at(1).toMap();
        for (auto it = counts.begin(); it != counts.end(); ++it)
            merged[it.key().toString()] += it.value().toInteger();
    }
    QCOMPARE(errors, 1);
    for (const auto& p : processes) {
        QVERIFY(p->join(30000));
        QCOMPARE(p->exitCode(), std::optional<int>(0));
    }
    QCborMap total;
    for (const auto& [letter, n] : merged)
        total.insert(letter, n);
    QCOMPARE(total.size(), pool.counts.size());
    for (auto it = pool.counts.begin(); it != pool.counts.end(); ++it)
        QCOMPARE(total.value(it.key()).toInteger(), it.value().toInteger());
}

QTEST_GUILESS_MAIN(TestWorkloadsText)
#include "tst_workloads_text.moc"
