// The lesson catalogue: complete lessons, actions that name real demos and workloads and run headless, Python
// programs that compile (and, for the new ones, run) under CPython, translations with no unfinished entry, and
// `proclab-cli lesson`.

#include "base/platform.h"
#include "content/demo.h"
#include "content/workload.h"
#include "lab/experiment.h"
#include "lab/lesson.h"
#include "testutil.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QXmlStreamReader>

using namespace proclab;

namespace {

using Run = test::ProgramRun;
using test::runProgram;

// Every <message> of a .ts file: source and translation, and whether the translation is marked unfinished.
struct TsEntry {
    QString source;
    QString translation;
    bool unfinished = false;
};

QList<TsEntry> readTs(const QString& fileName, QString* error)
{
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return {};
    }
    QList<TsEntry> entries;
    QXmlStreamReader xml(&f);
    TsEntry current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            current = {};
            current.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            current.unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements); // plurals: numerusforms
            entries << current;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return entries;
}

// The source strings of one lesson, as lupdate sees them.
QStringList sourcesOf(const Lesson& l)
{
    QStringList s { QString::fromUtf8(l.titleSource), QString::fromUtf8(l.textSource),
        QString::fromUtf8(l.questionSource), QString::fromUtf8(l.explanationSource) };
    for (const char* p : l.promptSources)
        s << QString::fromUtf8(p);
    for (const char* a : l.answerSources)
        s << QString::fromUtf8(a);
    return s;
}

const QStringList newPrograms { QStringLiteral("chunksize"), QStringLiteral("gil"), QStringLiteral("pi-amdahl"),
    QStringLiteral("letters"), QStringLiteral("matmul"), QStringLiteral("kde"), QStringLiteral("tiny-tasks"),
    QStringLiteral("load-imbalance"), QStringLiteral("oversubscription"), QStringLiteral("lock-convoy"),
    QStringLiteral("false-sharing"), QStringLiteral("sharedmem-mapreduce"), QStringLiteral("joblib-parallel"), QStringLiteral("mpi-matmul"),
    QStringLiteral("mpi-static-vs-farm"), QStringLiteral("mpi-ranks-and-hosts"), QStringLiteral("mpi-strong-vs-weak"),
    QStringLiteral("mpi-pingpong") };

// Programs that import more than the standard library, and what.
const QHash<QString, const char*> needsModule { { QStringLiteral("joblib-parallel"), "joblib" },
    { QStringLiteral("mpi-matmul"), "mpi4py" }, { QStringLiteral("mpi-static-vs-farm"), "mpi4py" },
    { QStringLiteral("mpi-ranks-and-hosts"), "mpi4py" }, { QStringLiteral("mpi-strong-vs-weak"), "mpi4py" },
    { QStringLiteral("mpi-pingpong"), "mpi4py" } };

} // namespace

class TestLessons : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void namesAreUniqueAndKebabCase();
    void lessonIsComplete_data();
    void lessonIsComplete();
    void actionIsValid_data();
    void actionIsValid();
    void mistakesMeasureBeforeAndAfter();
    void badActionsAreRefused();
    void pythonCompiles_data();
    void pythonCompiles();
    void newProgramsRunUnderCPython_data();
    void newProgramsRunUnderCPython();
    void translationsAreComplete_data();
    void translationsAreComplete();
    void actionRunsHeadless_data();
    void actionRunsHeadless();
    void cliListsAndRunsLessons();

private:
    QString m_python;
};

void TestLessons::initTestCase()
{
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(QFile::exists(qEnvironmentVariable("PROCLAB_WORKER")), "PROCLAB_WORKER must name proclab-worker");
}

void TestLessons::namesAreUniqueAndKebabCase()
{
    static const QRegularExpression kebab(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    QSet<QString> names;
    QVERIFY(lessons().size() >= 14);
    for (const Lesson& l : lessons()) {
        QVERIFY2(kebab.match(l.name).hasMatch(), qPrintable(l.name));
        QVERIFY2(!names.contains(l.name), qPrintable(QStringLiteral("duplicate lesson %1").arg(l.name)));
        names.insert(l.name);
        QCOMPARE(findLesson(l.name), &l);
    }
    QCOMPARE(findLesson(QStringLiteral("no-such-lesson")), nullptr);
    QCOMPARE(lessonIndex(QStringLiteral("no-such-lesson")), -1);
    // The curriculum's order: processes first, the benchmarks, then the gallery of classic mistakes, together.
    QCOMPARE(lessons().first().name, QStringLiteral("processes"));
    QVERIFY(!lessons().first().classicMistake);
    QVERIFY(lessons().last().classicMistake);
    qsizetype gallery = 0;
    while (!lessons().at(gallery).classicMistake)
        ++gallery;
    QCOMPARE(lessons().at(gallery - 1).name, QStringLiteral("mpi-deadlock")); // MPI, past one machine, last
    QStringList mistakes;
    for (qsizetype i = gallery; i < lessons().size(); ++i) {
        QVERIFY2(lessons().at(i).classicMistake, qPrintable(lessons().at(i).name));
        mistakes << lessons().at(i).name;
    }
    QCOMPARE(mistakes,
        QStringList(
            { QStringLiteral("tiny-tasks"), QStringLiteral("load-imbalance"), QStringLiteral("oversubscription"),
                QStringLiteral("lock-convoy"), QStringLiteral("false-sharing"), QStringLiteral("deadlock") }));
}

void TestLessons::lessonIsComplete_data()
{
    QTest::addColumn<QString>("name");
    for (const Lesson& l : lessons())
        QTest::newRow(qPrintable(l.name)) << l.name;
}

void TestLessons::lessonIsComplete()
{
    QFETCH(QString, name);
    const Lesson& l = *findLesson(name);
    QVERIFY(!l.title().isEmpty());
    QVERIFY2(l.text().count(QStringLiteral("<p>")) >= 2, "a few short paragraphs");
    QCOMPARE(l.text().count(QStringLiteral("<p>")), l.text().count(QStringLiteral("</p>")));
    QVERIFY2(l.python().contains(QStringLiteral("__main__")), qPrintable(l.pythonFile));
    QVERIFY2(l.python().contains(QStringLiteral("multiprocessing"))
            || l.python().contains(QStringLiteral("concurrent.futures"))
            || l.python().contains(QStringLiteral("from mpi4py import MPI")),
        qPrintable(l.pythonFile));
    QVERIFY(!l.cpp.trimmed().isEmpty());
    QVERIFY2(l.prompts().size() >= 2 && l.prompts().size() <= 4, "2 to 4 things to notice");
    for (const QString& p : l.prompts())
        QVERIFY(!p.isEmpty());
    QVERIFY(!l.question().isEmpty());
    const QStringList answers = l.answers();
    QVERIFY2(answers.size() >= 3 && answers.size() <= 4, "3 or 4 answers");
    QVERIFY(l.rightAnswer >= 0 && l.rightAnswer < answers.size());
    QCOMPARE(QSet<QString>(answers.cbegin(), answers.cend()).size(), answers.size());
    QVERIFY(!l.explanation().isEmpty());
    QVERIFY(!l.actionSummary().isEmpty());
}

void TestLessons::actionIsValid_data()
{
    lessonIsComplete_data();
}

void TestLessons::actionIsValid()
{
    QFETCH(QString, name);
    const Lesson& l = *findLesson(name);
    QVERIFY2(validateAction(l.action).isEmpty(), qPrintable(validateAction(l.action)));
    if (l.action.kind == LessonAction::Kind::Demo) {
        for (const QString& demo : l.action.demos)
            QVERIFY2(findDemo(demo), qPrintable(demo));
        return;
    }
    SweepSpec spec;
    QString error;
    QVERIFY2(sweepSpecFor(l.action, &spec, &error), qPrintable(error));
    QCOMPARE(spec.workload, l.action.workload);
    QCOMPARE(spec.processes.first(), 1);
    QCOMPARE(spec.processes.last(), l.action.processes);
    QVERIFY(Experiment::validate(spec).isEmpty());
    // A parameter named in the action really is set.
    for (const QString& setting : l.action.settings) {
        const QString key = setting.section(QLatin1Char('='), 0, 0);
        QVERIFY2(spec.params.contains(key), qPrintable(setting));
        QCOMPARE(spec.params.value(key).toString(), setting.section(QLatin1Char('='), 1));
    }
}

// Each classic mistake is measured next to its fix: two series of one sweep (chunksizes or a parameter's values), a
// lesson with demos (deadlock, deadlock-fixed), or one series whose points go past the cores (oversubscription).
void TestLessons::mistakesMeasureBeforeAndAfter()
{
    for (const Lesson& l : lessons()) {
        if (!l.classicMistake)
            continue;
        const LessonAction& a = l.action;
        if (a.kind == LessonAction::Kind::Demo) {
            QVERIFY2(a.demos.size() >= 2, qPrintable(l.name));
            continue;
        }
        const qsizetype series = a.executors.size() * a.chunksizes.size() * std::max<qsizetype>(1, a.sizeValues.size());
        QVERIFY2(series == 2 || a.processes > QThread::idealThreadCount(), qPrintable(l.name));
        if (!a.sizeValues.isEmpty()) {
            const Workload* w = findWorkload(a.workload);
            QVERIFY(w);
            bool known = false;
            for (const ParamSpec& spec : w->params())
                known = known || spec.name == a.sizeParam;
            QVERIFY2(known, qPrintable(a.sizeParam));
        }
    }
}

void TestLessons::badActionsAreRefused()
{
    LessonAction demo;
    demo.demos = { QStringLiteral("no-such-demo") };
    QVERIFY(validateAction(demo).contains(QStringLiteral("no-such-demo")));
    demo.demos.clear();
    QVERIFY(!validateAction(demo).isEmpty());

    LessonAction sweep;
    sweep.kind = LessonAction::Kind::Sweep;
    sweep.workload = QStringLiteral("spin");
    sweep.settings = { QStringLiteral("nonsense=3") };
    QVERIFY(validateAction(sweep).contains(QStringLiteral("nonsense")));
    sweep.settings = { QStringLiteral("tasks=abc") };
    QVERIFY(!validateAction(sweep).isEmpty());
    sweep.settings.clear();
    sweep.executors.clear();
    QVERIFY(!validateAction(sweep).isEmpty());
    sweep.workload = QStringLiteral("no-such-workload");
    QVERIFY(validateAction(sweep).contains(QStringLiteral("no-such-workload")));
}

void TestLessons::pythonCompiles_data()
{
    lessonIsComplete_data();
}

void TestLessons::pythonCompiles()
{
    QFETCH(QString, name);
    PROCLAB_REQUIRE_PYTHON(m_python);
    const Lesson& l = *findLesson(name);
    // In a temporary folder: py_compile writes __pycache__ next to the file.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file
        = dir.filePath(QStringLiteral("lesson_%1.py").arg(l.pythonFile).replace(QLatin1Char('-'), QLatin1Char('_')));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(l.python().toUtf8());
    out.close();
    const Run c = runProgram(m_python, { QStringLiteral("-m"), QStringLiteral("py_compile"), file }, dir.path());
    QVERIFY2(c.code == 0, c.err.constData());
}

void TestLessons::newProgramsRunUnderCPython_data()
{
    QTest::addColumn<QString>("program");
    for (const QString& p : newPrograms)
        QTest::newRow(qPrintable(p)) << p;
}

void TestLessons::newProgramsRunUnderCPython()
{
    QFETCH(QString, program);
    QString python = m_python;
    if (needsModule.contains(program))
        PROCLAB_REQUIRE_PYTHON_MODULE(python, needsModule.value(program));
    else
        PROCLAB_REQUIRE_PYTHON(python);
    QFile source(QStringLiteral(":/python/%1.py").arg(program));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("lesson_program.py"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(source.readAll());
    out.close();
    // Small defaults: each runs in a few seconds; the timeout is for a machine under heavy load.
    const Run r = runProgram(python, { file }, dir.path(), 180000);
    QVERIFY2(r.code == 0,
        qPrintable(
            QStringLiteral("exit %1\n%2\n%3").arg(r.code).arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err))));
    QVERIFY(!r.out.trimmed().isEmpty());
    if (!program.startsWith(QLatin1String("mpi-")))
        return;
    // An mpi4py program ran above as one rank; as the lesson says to run it, too: two ranks under mpirun.
    PROCLAB_REQUIRE_MPI();
    const auto mpi = test::mpiEnvironment();
    const Run two = runProgram(QStandardPaths::findExecutable(QStringLiteral("mpirun")),
        { QStringLiteral("-n"), QStringLiteral("2"), QStringLiteral("--oversubscribe"), python, file }, dir.path(),
        180000);
    QVERIFY2(two.code == 0, qPrintable(QString::fromUtf8(two.out + two.err)));
    QVERIFY2(!two.out.trimmed().isEmpty(), two.err.constData());
}

void TestLessons::translationsAreComplete_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("fr") << QStringLiteral("fr");
    QTest::newRow("ru") << QStringLiteral("ru");
}

void TestLessons::translationsAreComplete()
{
    QFETCH(QString, language);
    const QString ts = QStringLiteral(PROCLAB_SOURCE_DIR "/resources/translations/proclab_%1.ts").arg(language);
    QString error;
    const QList<TsEntry> entries = readTs(ts, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(entries.size() > 100);
    QSet<QString> sources;
    static const QRegularExpression placeholder(QStringLiteral("%\\d"));
    for (const TsEntry& e : entries) {
        QVERIFY2(
            !e.unfinished && !e.translation.isEmpty(), qPrintable(QStringLiteral("untranslated: %1").arg(e.source)));
        auto it = placeholder.globalMatch(e.source);
        while (it.hasNext()) {
            const QString p = it.next().captured();
            QVERIFY2(e.translation.contains(p), qPrintable(QStringLiteral("%1 lost in: %2").arg(p, e.translation)));
        }
        for (const QString& tag : { QStringLiteral("<p>"), QStringLiteral("<b>"), QStringLiteral("<code>") })
            QVERIFY2(e.source.count(tag) == e.translation.count(tag),
                qPrintable(QStringLiteral("%1 in: %2").arg(tag, e.translation)));
        sources.insert(e.source);
    }
    // The .ts files are up to date with the catalogue (lupdate was run after the last edit).
    for (const Lesson& l : lessons()) {
        for (const QString& s : sourcesOf(l))
            QVERIFY2(
                sources.contains(s), qPrintable(QStringLiteral("%1: not in %2 (run update_translations)").arg(s, ts)));
    }
}

void TestLessons::actionRunsHeadless_data()
{
    lessonIsComplete_data();
}

void TestLessons::actionRunsHeadless()
{
    QFETCH(QString, name);
    const Lesson& l = *findLesson(name);
    std::optional<decltype(test::mpiEnvironment())> mpi;
    if (l.action.needsMpi()) {
        PROCLAB_REQUIRE_MPI();
        mpi.emplace(test::mpiEnvironment());
    }
    const QSet<qint64> before = test::liveWorkerPids();
    DemoOutput out;
    SweepResult sweep;
    const int code = runLessonAction(l, out, &sweep);
    QVERIFY2(code == 0, out.text().constData());
    QVERIFY(!out.text().trimmed().isEmpty());
    if (l.action.kind == LessonAction::Kind::Sweep) {
        QVERIFY2(sweep.outcome == SweepResult::Outcome::Completed, qPrintable(sweep.error));
        QCOMPARE(sweep.series.size(),
            l.action.executors.size() * l.action.chunksizes.size()
                * std::max<qsizetype>(1, l.action.sizeValues.size()));
        for (const SweepSeries& s : sweep.series) {
            QCOMPARE(s.points.size(), l.action.processes);
            for (const SweepPoint& p : s.points)
                QVERIFY2(p.verified && p.failedTasks == 0, qPrintable(s.label()));
        }
    } else {
        for (const QString& demo : l.action.demos)
            QVERIFY2(out.text().contains(QByteArray("demo " + demo.toUtf8())), out.text().constData());
    }
    QVERIFY(test::liveWorkerPids().subtract(before).isEmpty());
    PROCLAB_VERIFY_NOTHING_LEFT();
}

void TestLessons::cliListsAndRunsLessons()
{
    const QString cli = qEnvironmentVariable("PROCLAB_CLI");
    const Run list = runProgram(cli, { QStringLiteral("lesson"), QStringLiteral("--list") });
    QCOMPARE(list.code, 0);
    const QStringList lines = QString::fromUtf8(list.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), lessons().size());
    for (qsizetype i = 0; i < lines.size(); ++i)
        QCOMPARE(lines.at(i), lessons().at(i).name + QLatin1Char('\t') + lessons().at(i).title());

    const Run bad = runProgram(cli, { QStringLiteral("lesson"), QStringLiteral("no-such-lesson") });
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains("pool-map"));

    const Run python = runProgram(cli, { QStringLiteral("lesson"), QStringLiteral("gil"), QStringLiteral("--python") });
    QCOMPARE(python.code, 0);
    QVERIFY(python.out.contains("ProcessPoolExecutor"));

    const Run json = runProgram(cli, { QStringLiteral("lesson"), QStringLiteral("queue"), QStringLiteral("--json") });
    QVERIFY2(json.code == 0, json.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(o.value(QStringLiteral("lesson")).toString(), QStringLiteral("queue"));
    QCOMPARE(o.value(QStringLiteral("exit_code")).toInt(), 0);
    QVERIFY(o.value(QStringLiteral("output")).toString().contains(QStringLiteral("[42, None, 'hello']")));
}

QTEST_GUILESS_MAIN(TestLessons)
#include "tst_lessons.moc"
