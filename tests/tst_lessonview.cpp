// The lessons panel, the code panel and the languages, offscreen: every lesson opens, takes a wrong and a right
// answer with the matching feedback, remembers its progress, asks to run; the highlighters colour what they
// should; French and Russian replace the texts at run time; `proclab --lesson NAME --exit-after-run` runs every
// lesson's experiment in the real window and exits 0.

#include "codeview.h"
#include "lab/lesson.h"
#include "lessonview.h"
#include "mainwindow.h"
#include "testutil.h"
#include "translation.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace proclab;

namespace {

// The role a highlighter gave to the character at `column` of line `line`, by comparing formats.
bool hasRole(QPlainTextEdit* edit, int line, int column, CodeHighlighter::Role role)
{
    auto* highlighter = edit->document()->findChild<CodeHighlighter*>();
    const QTextCharFormat wanted = highlighter->format(role);
    const QTextBlock block = edit->document()->findBlockByNumber(line);
    for (const QTextLayout::FormatRange& r : block.layout()->formats()) {
        if (column >= r.start && column < r.start + r.length)
            return r.format.foreground() == wanted.foreground() && r.format.fontItalic() == wanted.fontItalic()
                && r.format.fontWeight() == wanted.fontWeight();
    }
    return false;
}

bool plain(QPlainTextEdit* edit, int line, int column)
{
    const QTextBlock block = edit->document()->findBlockByNumber(line);
    for (const QTextLayout::FormatRange& r : block.layout()->formats()) {
        if (column >= r.start && column < r.start + r.length)
            return false;
    }
    return true;
}

} // namespace

class TestLessonView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everyLessonTakesAnswers_data();
    void everyLessonTakesAnswers();
    void progressPersists();
    void navigationAndRun();
    void textFitsThePanel();
    void pythonHighlighting();
    void cppHighlighting();
    void codeViewCopiesAndScales();
    void languagesSwitchAtRunTime();
    void windowFollowsLanguage();
    void commandLine();
    void windowRunsEveryLesson_data();
    void windowRunsEveryLesson();
};

void TestLessonView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location, not the user's
}

void TestLessonView::init()
{
    QSettings().clear();
}

void TestLessonView::cleanup()
{
    i18n::setLanguage(QStringLiteral("en"), false);
    QApplication::processEvents(); // deliver the LanguageChange before the widgets of the next test exist
}

void TestLessonView::everyLessonTakesAnswers_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < lessons().size(); ++i)
        QTest::newRow(qPrintable(lessons().at(i).name)) << int(i);
}

void TestLessonView::everyLessonTakesAnswers()
{
    QFETCH(int, index);
    LessonView view;
    view.setCurrentIndex(index);
    const Lesson& lesson = lessons().at(index);
    QCOMPARE(&view.currentLesson(), &lesson);
    QVERIFY(view.findChild<QLabel*>(QStringLiteral("lessonTitle"))->text().contains(lesson.title().toHtmlEscaped()));
    // The gallery of classic mistakes says so on the page and marks itself in the list.
    QCOMPARE(
        view.findChild<QLabel*>(QStringLiteral("lessonTitle"))->text().contains(QStringLiteral("Classic mistake: ")),
        lesson.classicMistake);
    QCOMPARE(
        view.findChild<QListWidget*>(QStringLiteral("lessonList"))->item(index)->text().contains(QStringLiteral("⚠")),
        lesson.classicMistake);
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("lessonText"))->text(), lesson.text());
    QVERIFY(view.findChild<QLabel*>(QStringLiteral("lessonPrompts"))
                ->text()
                .contains(lesson.prompts().first().toHtmlEscaped()));
    auto* check = view.findChild<QPushButton*>(QStringLiteral("lessonCheckButton"));
    auto* feedback = view.findChild<QLabel*>(QStringLiteral("lessonFeedback"));
    QCOMPARE(view.answerButtons().size(), lesson.answers().size());
    QVERIFY2(!check->isEnabled(), "nothing to check before an answer is chosen");
    QVERIFY(!view.checkAnswer());
    QVERIFY(feedback->isHidden());

    // A wrong answer: "not quite", the right answer named, the explanation, a wrong mark.
    const int wrong = lesson.rightAnswer == 0 ? 1 : 0;
    view.answerButtons().at(wrong)->click();
    QVERIFY(check->isEnabled());
    check->click();
    QVERIFY(!feedback->isHidden());
    QVERIFY(view.feedbackText().contains(QStringLiteral("Not quite")));
    QVERIFY(view.feedbackText().contains(lesson.answers().at(lesson.rightAnswer).toHtmlEscaped()));
    QVERIFY(view.feedbackText().contains(lesson.explanation().toHtmlEscaped()));
    QCOMPARE(view.mark(lesson.name), LessonView::Mark::Wrong);
    QVERIFY(view.answerButtons().at(wrong)->isChecked()); // the choice stays shown with its feedback

    // The right one, chosen by clicking its text.
    QTest::mouseClick(
        view.findChild<QLabel*>(QStringLiteral("lessonAnswerText%1").arg(lesson.rightAnswer)), Qt::LeftButton);
    QVERIFY(view.answerButtons().at(lesson.rightAnswer)->isChecked());
    QVERIFY(view.checkAnswer());
    QVERIFY(view.feedbackText().contains(QStringLiteral("Right.")));
    QVERIFY(!view.feedbackText().contains(QStringLiteral("Not quite")));
    QCOMPARE(view.mark(lesson.name), LessonView::Mark::Right);
    QCOMPARE(view.rightCount(), 1);
    QVERIFY(view.findChild<QListWidget*>(QStringLiteral("lessonList"))
                ->item(index)
                ->text()
                .startsWith(QStringLiteral("✔")));

    // Trying a wrong answer afterwards does not take the progress back.
    view.answerButtons().at(wrong)->click();
    QVERIFY(!view.checkAnswer());
    QCOMPARE(view.mark(lesson.name), LessonView::Mark::Right);
}

void TestLessonView::progressPersists()
{
    {
        LessonView view;
        QVERIFY(view.setCurrentLesson(QStringLiteral("queue")));
        view.answerButtons().at(view.currentLesson().rightAnswer)->click();
        QVERIFY(view.checkAnswer());
        QVERIFY(view.setCurrentLesson(QStringLiteral("lock")));
        QVERIFY(!view.setCurrentLesson(QStringLiteral("no-such-lesson")));
    }
    LessonView again; // as after a restart
    QCOMPARE(again.currentLesson().name, QStringLiteral("lock"));
    QCOMPARE(again.mark(QStringLiteral("queue")), LessonView::Mark::Right);
    QCOMPARE(again.mark(QStringLiteral("lock")), LessonView::Mark::NotAnswered);
    QCOMPARE(again.rightCount(), 1);
    QVERIFY(again.findChild<QLabel*>(QStringLiteral("lessonProgress"))
                ->text()
                .startsWith(QStringLiteral("1 of %1").arg(lessons().size())));
}

void TestLessonView::navigationAndRun()
{
    LessonView view;
    QStringList changed;
    QStringList run;
    connect(&view, &LessonView::currentLessonChanged, this, [&changed](const Lesson& l) { changed << l.name; });
    connect(&view, &LessonView::runRequested, this, [&run](const Lesson& l) { run << l.name; });
    auto* previous = view.findChild<QPushButton*>(QStringLiteral("lessonPreviousButton"));
    auto* next = view.findChild<QPushButton*>(QStringLiteral("lessonNextButton"));
    QCOMPARE(view.currentIndex(), 0);
    QVERIFY(!previous->isEnabled());
    next->click();
    QCOMPARE(view.currentIndex(), 1);
    QCOMPARE(changed, QStringList { lessons().at(1).name });
    view.findChild<QListWidget*>(QStringLiteral("lessonList"))->setCurrentRow(int(lessons().size() - 1));
    QCOMPARE(view.currentIndex(), int(lessons().size() - 1));
    QVERIFY(!next->isEnabled());
    previous->click();
    QCOMPARE(view.currentIndex(), int(lessons().size() - 2));

    auto* runButton = view.findChild<QPushButton*>(QStringLiteral("lessonRunButton"));
    runButton->click();
    QCOMPARE(run, QStringList { lessons().at(lessons().size() - 2).name });
    view.setRunning(true);
    QVERIFY2(!runButton->isEnabled(), "no second run while one is under way");
    view.setRunning(false);
    QVERIFY(runButton->isEnabled());
}

void TestLessonView::textFitsThePanel()
{
    LessonView view;
    view.resize(300, 700); // a narrow panel: everything wraps, nothing is cut off
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (qsizetype i = 0; i < lessons().size(); ++i) {
        view.setCurrentIndex(int(i));
        QApplication::processEvents();
        auto* scroll = view.findChild<QScrollArea*>();
        const int visible = scroll->viewport()->width();
        for (QWidget* w : { static_cast<QWidget*>(view.findChild<QLabel*>(QStringLiteral("lessonText"))),
                 static_cast<QWidget*>(view.findChild<QLabel*>(QStringLiteral("lessonAction"))),
                 static_cast<QWidget*>(view.findChild<QLabel*>(QStringLiteral("lessonQuestion"))),
                 static_cast<QWidget*>(view.findChild<QLabel*>(QStringLiteral("lessonAnswerText0"))) }) {
            const int right = w->mapTo(scroll->viewport(), QPoint(w->width(), 0)).x();
            QVERIFY2(right <= visible,
                qPrintable(QStringLiteral("%1 in %2: ends at %3, the panel shows %4")
                               .arg(w->objectName(), lessons().at(i).name)
                               .arg(right)
                               .arg(visible)));
        }
    }
}

void TestLessonView::pythonHighlighting()
{
    CodeView view;
    view.setCode(QStringLiteral("t"),
        QStringLiteral("@decorator\n"
                       "def f(x):  # a comment with def in it\n"
                       "    s = 'a # not a comment'\n"
                       "    doc = \"\"\"first line\n"
                       "still inside, if not\n"
                       "end\"\"\" + f\"{x}\"\n"
                       "    return len(s) + 42 + 1e-3\n"),
        QString());
    QPlainTextEdit* py = view.pythonEditor();
    using R = CodeHighlighter::Role;
    QVERIFY(hasRole(py, 0, 0, R::Decorator));
    QVERIFY(hasRole(py, 1, 0, R::Keyword)); // def
    QVERIFY(plain(py, 1, 4)); // f
    QVERIFY(hasRole(py, 1, 12, R::Comment));
    QVERIFY(hasRole(py, 1, 30, R::Comment)); // "def" inside the comment stays comment
    QVERIFY(hasRole(py, 2, 8, R::String));
    QVERIFY(hasRole(py, 2, 11, R::String)); // '#' inside the string
    QVERIFY(hasRole(py, 3, 10, R::String)); // """ opens
    QVERIFY(hasRole(py, 4, 0, R::String)); // the next line is still inside
    QVERIFY(hasRole(py, 4, 14, R::String)); // "if" inside it is not a keyword
    QVERIFY(hasRole(py, 5, 0, R::String));
    QVERIFY(plain(py, 5, 7)); // after the closing """
    QVERIFY(hasRole(py, 5, 10, R::String)); // f"{x}" with its prefix
    QVERIFY(hasRole(py, 5, 9, R::String));
    QVERIFY(hasRole(py, 6, 4, R::Keyword)); // return
    QVERIFY(hasRole(py, 6, 11, R::Builtin)); // len
    QVERIFY(hasRole(py, 6, 20, R::Number)); // 42
    QVERIFY(hasRole(py, 6, 25, R::Number)); // 1e-3, whole
    QVERIFY(hasRole(py, 6, 28, R::Number));

    // A real program: every line ends outside a string (the triple-quote state does not leak).
    for (const Lesson& l : lessons()) {
        view.setCode(l.title(), l.python(), l.cpp);
        const QTextBlock last = view.pythonEditor()->document()->lastBlock();
        QVERIFY2(last.userState() == -1, qPrintable(l.name));
    }
}

void TestLessonView::cppHighlighting()
{
    CodeView view;
    view.setCode(QStringLiteral("t"), QStringLiteral("x = 1\n"),
        QStringLiteral("Pool pool(&ctx, { 4 }); // four workers\n"
                       "/* a block\n"
                       "comment */ auto s = \"// not a comment\";\n"
                       "for (int i = 0; i < 10; ++i)\n"));
    QPlainTextEdit* cpp = view.cppEditor();
    using R = CodeHighlighter::Role;
    QVERIFY(hasRole(cpp, 0, 0, R::Type)); // Pool
    QVERIFY(plain(cpp, 0, 5)); // pool
    QVERIFY(hasRole(cpp, 0, 18, R::Number));
    QVERIFY(hasRole(cpp, 0, 24, R::Comment));
    QVERIFY(hasRole(cpp, 1, 0, R::Comment));
    QVERIFY(hasRole(cpp, 2, 3, R::Comment)); // still in the block comment
    QVERIFY(hasRole(cpp, 2, 11, R::Keyword)); // auto, after */
    QVERIFY(hasRole(cpp, 2, 22, R::String)); // "// not a comment"
    QVERIFY(hasRole(cpp, 3, 0, R::Keyword)); // for
    QVERIFY(hasRole(cpp, 3, 5, R::Type)); // int
    QVERIFY(!view.findChild<QWidget*>(QStringLiteral("cppCode"))->isHidden() || !view.isVisible());
}

void TestLessonView::codeViewCopiesAndScales()
{
    CodeView view;
    const Lesson& lesson = *findLesson(QStringLiteral("pool-map"));
    view.setCode(lesson.title(), lesson.python(), lesson.cpp);
    QCOMPARE(view.python(), lesson.python());
    QCOMPARE(view.cpp(), lesson.cpp);
    QVERIFY(view.pythonEditor()->isReadOnly() && view.cppEditor()->isReadOnly());
    QCOMPARE(view.pythonEditor()->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());

    view.findChild<QPushButton*>(QStringLiteral("pythonCopyButton"))->click();
    QCOMPARE(QApplication::clipboard()->text(), lesson.python());
    view.findChild<QPushButton*>(QStringLiteral("cppCopyButton"))->click();
    QCOMPARE(QApplication::clipboard()->text(), lesson.cpp);

    const qreal normal = view.pythonEditor()->font().pointSizeF();
    view.setPresenterMode(true);
    QVERIFY(view.pythonEditor()->font().pointSizeF() > normal);
    view.setPresenterMode(false);
    QCOMPARE(view.pythonEditor()->font().pointSizeF(), normal);
    // The window's presenter mode scales the widget font; the code follows.
    QFont bigger = view.font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.35);
    view.setFont(bigger);
    QVERIFY(view.pythonEditor()->font().pointSizeF() > normal);
}

void TestLessonView::languagesSwitchAtRunTime()
{
    LessonView view;
    CodeView code;
    QVERIFY(view.setCurrentLesson(QStringLiteral("gil")));
    auto* run = view.findChild<QPushButton*>(QStringLiteral("lessonRunButton"));
    auto* title = view.findChild<QLabel*>(QStringLiteral("lessonTitle"));
    auto* check = view.findChild<QPushButton*>(QStringLiteral("lessonCheckButton"));
    QCOMPARE(run->text(), QStringLiteral("Run the experiment"));
    // An answer checked before the switch keeps its feedback, in the new language.
    view.answerButtons().at(view.currentLesson().rightAnswer)->click();
    QVERIFY(view.checkAnswer());

    // QApplication posts LanguageChange to the top-level widgets: it arrives with the next events.
    QVERIFY(i18n::setLanguage(QStringLiteral("fr"), false));
    QCOMPARE(i18n::currentLanguage(), QStringLiteral("fr"));
    QTRY_COMPARE(run->text(), QStringLiteral("Lancer l'expérience"));
    QCOMPARE(check->text(), QStringLiteral("Vérifier"));
    QVERIFY(title->text().contains(QStringLiteral("Threads ou processus, et le GIL")));
    QCOMPARE(view.windowTitle(), QStringLiteral("Leçons"));
    QCOMPARE(code.findChild<QPushButton*>(QStringLiteral("pythonCopyButton"))->text(), QStringLiteral("Copier"));
    QVERIFY(view.feedbackText().contains(QStringLiteral("Exact.")));
    QVERIFY(view.answerButtons().at(view.currentLesson().rightAnswer)->isChecked());
    QVERIFY(view.currentLesson().actionSummary().startsWith(QStringLiteral("Mesure")));

    QVERIFY(i18n::setLanguage(QStringLiteral("ru"), false));
    QTRY_COMPARE(run->text(), QStringLiteral("Запустить эксперимент"));
    QVERIFY(title->text().contains(QStringLiteral("Потоки против процессов и GIL")));
    QCOMPARE(code.findChild<QPushButton*>(QStringLiteral("pythonCopyButton"))->text(), QStringLiteral("Копировать"));
    QVERIFY(view.feedbackText().contains(QStringLiteral("Верно.")));
    QVERIFY(findLesson(QStringLiteral("processes"))->question().startsWith(QStringLiteral("Почему")));

    QVERIFY(i18n::setLanguage(QStringLiteral("en"), false));
    QTRY_COMPARE(run->text(), QStringLiteral("Run the experiment"));
    QVERIFY(title->text().contains(QStringLiteral("Threads vs processes and the GIL")));
    QVERIFY(!i18n::setLanguage(QStringLiteral("xx"), false));

    // The menu's choice is remembered; a command line's is not.
    QVERIFY(i18n::setLanguage(QStringLiteral("fr"), true));
    QCOMPARE(i18n::startupLanguage(), QStringLiteral("fr"));
    QVERIFY(i18n::setLanguage(QStringLiteral("ru"), false));
    QCOMPARE(i18n::startupLanguage(), QStringLiteral("fr"));
}

void TestLessonView::windowFollowsLanguage()
{
    MainWindow window(nullptr, false);
    QVERIFY(window.showLesson(QStringLiteral("manager")));
    QVERIFY(!window.showLesson(QStringLiteral("no-such-lesson")));
    auto* menu = window.findChild<QMenu*>(QStringLiteral("lessonsMenu"));
    auto* codeTitle = window.codeView()->findChild<QLabel*>(QStringLiteral("codeTitle"));
    QCOMPARE(menu->title(), QStringLiteral("L&essons"));
    QCOMPARE(codeTitle->text(), QStringLiteral("Lesson 9: Manager: shared dicts and lists"));
    QCOMPARE(window.codeView()->python(), findLesson(QStringLiteral("manager"))->python());
    QVERIFY(i18n::setLanguage(QStringLiteral("fr"), false));
    QTRY_COMPARE(menu->title(), QStringLiteral("L&eçons"));
    QCOMPARE(codeTitle->text(), QStringLiteral("Leçon 9 : Manager : dictionnaires et listes partagés"));
    QCOMPARE(window.findChild<QMenu*>(QStringLiteral("languageMenu"))->title(), QStringLiteral("&Langue"));
}

void TestLessonView::commandLine()
{
    const QString gui = qEnvironmentVariable("PROCLAB_GUI");
    const auto run = [&gui](const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY")); // these answer without a display
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        p.setProcessEnvironment(env);
        p.start(gui, args);
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (out)
            *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    QByteArray out;
    QByteArray err;
    QCOMPARE(run({ QStringLiteral("--list-lessons") }, &out), 0);
    const QStringList lines = QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), lessons().size());
    QCOMPARE(lines.first(), QStringLiteral("processes\tProcesses and their ids"));
    QCOMPARE(run({ QStringLiteral("--list-lessons"), QStringLiteral("--lang"), QStringLiteral("fr") }, &out), 0);
    QVERIFY(QString::fromUtf8(out).contains(QStringLiteral("pool-map\tPool.map et ses cousines")));
    QCOMPARE(run({ QStringLiteral("--lesson"), QStringLiteral("no-such-lesson") }, &out, &err), 2);
    QVERIFY(err.contains("no-such-lesson"));
    QVERIFY2(out.contains("pipe-ping-pong\t"), "a bad name lists the lessons");
    QCOMPARE(run({ QStringLiteral("--lang"), QStringLiteral("de") }, nullptr, &err), 2);
    QVERIFY(err.contains("en, fr, ru"));
}

void TestLessonView::windowRunsEveryLesson_data()
{
    everyLessonTakesAnswers_data();
}

void TestLessonView::windowRunsEveryLesson()
{
    QFETCH(int, index);
    const QString gui = qEnvironmentVariable("PROCLAB_GUI");
    QVERIFY2(QFile::exists(gui), "PROCLAB_GUI must name the proclab window");
    QTemporaryDir home; // its own settings: a clean window every time
    std::optional<decltype(test::mpiEnvironment())> mpi;
    if (lessons().at(index).action.needsMpi()) {
        PROCLAB_REQUIRE_MPI();
        mpi.emplace(test::mpiEnvironment());
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    const QString shot = home.filePath(QStringLiteral("shot.png"));
    p.start(gui,
        { QStringLiteral("--lesson"), lessons().at(index).name, QStringLiteral("--exit-after-run"),
            QStringLiteral("--screenshot"), shot, QStringLiteral("--lang"), QStringLiteral("fr") });
    const bool finished = p.waitForFinished(120000);
    if (!finished) {
        p.kill();
        p.waitForFinished();
    }
    QVERIFY2(finished, "the window did not finish the lesson");
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
        qPrintable(QStringLiteral("exit %1: %2").arg(p.exitCode()).arg(QString::fromUtf8(p.readAllStandardError()))));
    QVERIFY(QFile::exists(shot));
}

QTEST_MAIN(TestLessonView)
#include "tst_lessonview.moc"
