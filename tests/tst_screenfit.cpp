// The window on the screens of a classroom: a 1024×768 projector, a 1280×720 one and a 4K monitor at 200 %, in
// each language and in normal and presenter mode. Its frame stays inside the screen, and the lesson's text, the
// stage and the plot keep a usable size, whichever side panel is open. The screens are the offscreen platform's,
// described to it in a configuration file before the application starts (Qt 6.4: "offscreen:configfile=...").

// qcp.h has to come first (it needs Qt's foreach before any other Qt header hides it): see ui/qcp.h.
#include "qcp.h"

#include "centralarea.h"
#include "codeview.h"
#include "lab/lesson.h"
#include "lessonview.h"
#include "mainwindow.h"
#include "scalingplot.h"
#include "screenfit.h"
#include "stageview.h"
#include "translation.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QWindow>

#include <algorithm>

using namespace proclab;

namespace {

// What "usable" means here: a paragraph of the lesson wraps into lines of a few words at least, the stage has room
// for the main process and a column of workers, the plot for its axes and a few points.
constexpr int minLessonTextWidth = 220;
constexpr QSize minStage(320, 200);
constexpr QSize minPlot(280, 180);

QScreen* screenNamed(const QString& name)
{
    for (QScreen* s : QGuiApplication::screens())
        if (s->name() == name)
            return s;
    return nullptr;
}

// The visible widgets asking for the most width, widest first: where a window too wide for its screen comes from.
QString widthCulprits(const QWidget* top)
{
    QList<QPair<int, QString>> found;
    for (const QWidget* w : top->findChildren<QWidget*>()) {
        if (!w->isVisibleTo(top) || w->sizePolicy().horizontalPolicy() == QSizePolicy::Ignored)
            continue;
        // What a layout takes as the minimum (an explicit minimum width wins over the hint).
        const int width = w->minimumWidth() > 0 ? w->minimumWidth() : w->minimumSizeHint().width();
        if (width >= 200)
            found.append({ width,
                QStringLiteral("%1 %2 (%3)")
                    .arg(width)
                    .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName()) });
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    QStringList lines;
    for (qsizetype i = 0; i < std::min<qsizetype>(found.size(), 12); ++i)
        lines << found.at(i).second;
    return lines.join(QStringLiteral("; "));
}

// The frame inside the screen's available area; the message says by how much it is not and who asks for the room.
bool frameFits(const MainWindow& window, const QRect& available, QString* why)
{
    const QRect frame = window.frameGeometry();
    if (available.contains(frame))
        return true;
    *why = QStringLiteral("frame %1x%2+%3+%4 outside %5x%6+%7+%8; minimum %9 px wide; widest: %10")
               .arg(frame.width())
               .arg(frame.height())
               .arg(frame.x())
               .arg(frame.y())
               .arg(available.width())
               .arg(available.height())
               .arg(available.x())
               .arg(available.y())
               .arg(window.minimumSizeHint().width())
               .arg(widthCulprits(&window));
    return false;
}

bool atLeast(const QWidget* w, QSize size)
{
    return w->isVisible() && w->width() >= size.width() && w->height() >= size.height();
}

QString sizeText(const QWidget* w)
{
    return QStringLiteral("%1x%2%3")
        .arg(w->width())
        .arg(w->height())
        .arg(w->isVisible() ? QString() : QStringLiteral(" hidden"));
}

} // namespace

class TestScreenFit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void screensAreThere();
    void fitsTheScreen_data();
    void fitsTheScreen();
    void sidePanelsAreDrawers();
    void layoutIsRememberedPerScreenSize();
    void layoutThatNoLongerFitsIsReset();
    void longNamesElide();
    void highDpiIsCrisp();
};

void TestScreenFit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location, not the user's
    QSettings().clear();
}

void TestScreenFit::cleanup()
{
    i18n::setLanguage(QStringLiteral("en"), false);
    QSettings().clear();
}

void TestScreenFit::screensAreThere()
{
    QVERIFY2(screenNamed(QStringLiteral("projector")), "the offscreen platform did not read the screens' file");
    QCOMPARE(screenNamed(QStringLiteral("projector"))->size(), QSize(1024, 768));
    QCOMPARE(screenNamed(QStringLiteral("hd"))->size(), QSize(1280, 720));
    QCOMPARE(screenNamed(QStringLiteral("4k"))->devicePixelRatio(), 2.0);
    QCOMPARE(screenNamed(QStringLiteral("4k"))->size(), QSize(1920, 1080)); // 3840×2160 device pixels at 200 %
}

void TestScreenFit::fitsTheScreen_data()
{
    QTest::addColumn<QString>("screen");
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("presenter");
    for (const char* screen : { "projector", "hd", "4k" })
        for (const char* language : { "en", "fr", "ru" })
            for (const bool presenter : { false, true })
                QTest::addRow("%s %s %s", screen, language, presenter ? "presenter" : "normal")
                    << QString::fromLatin1(screen) << QString::fromLatin1(language) << presenter;
}

// Opens the window as a teacher would: the default layout for the screen, then a lesson (its panel opens), a sweep's
// split view, the experiment panel (F8) and the lessons again (F9). After each step: the frame is inside the
// screen, and what is shown keeps a usable size.
void TestScreenFit::fitsTheScreen()
{
    QFETCH(QString, screen);
    QFETCH(QString, language);
    QFETCH(bool, presenter);
    QScreen* s = screenNamed(screen);
    QVERIFY(s);
    QVERIFY(i18n::setLanguage(language, false));

    MainWindow window(nullptr, false);
    window.setScreen(s);
    window.setPresenterMode(presenter);
    window.fitToScreen(s->availableGeometry());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.screen(), s);
    const QRect available = s->availableGeometry();
    QString why;
    QTRY_VERIFY2(frameFits(window, available, &why), qPrintable(QStringLiteral("opened: ") + why));
    if (presenter) {
        QVERIFY2(window.splitView(), "presenter mode shows the stage and the plot together");
        if (screen != QLatin1String("projector")) // 1280×720 and up: both on the screen
            QTRY_VERIFY2(window.centralArea()->isSplitShown(), "room for the stage beside the plot");
        QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("experimentDock"))->isVisible());
        QVERIFY2(atLeast(window.scalingPlot(), minPlot), qPrintable(sizeText(window.scalingPlot())));
    }
    QVERIFY2(atLeast(window.stageView(), minStage), qPrintable(sizeText(window.stageView())));
    QVERIFY2(window.timelineView()->isVisible(), "the timeline is under the stage");
    // Measured, not asserted: the window's minimum width as it opens, and who asks for the most (for the README).
    qInfo("%s: window %dx%d, minimum width %d; widest: %s", QTest::currentDataTag(), window.width(), window.height(),
        window.minimumSizeHint().width(), qPrintable(widthCulprits(&window)));

    // A lesson: its panel opens, the text readable, the window still on the screen.
    QVERIFY(window.showLesson(QStringLiteral("pi-amdahl")));
    QTest::qWait(50);
    QTRY_VERIFY2(frameFits(window, available, &why), qPrintable(QStringLiteral("lesson: ") + why));
    const auto* text = window.lessonView()->findChild<QLabel*>(QStringLiteral("lessonText"));
    QVERIFY(text);
    QTRY_VERIFY2(text->isVisible() && text->width() >= minLessonTextWidth,
        qPrintable(QStringLiteral("lesson text %1").arg(sizeText(text))));
    QVERIFY2(atLeast(window.stageView(), minStage), qPrintable(sizeText(window.stageView())));

    // The sweep's split view: the stage and the plot together where there is room, else a tab apart.
    window.setSplitView(true);
    QTest::qWait(50);
    QTRY_VERIFY2(frameFits(window, available, &why), qPrintable(QStringLiteral("split: ") + why));
    if (window.centralArea()->isSplitShown()) {
        QTRY_VERIFY2(atLeast(window.stageView(), minStage), qPrintable(sizeText(window.stageView())));
        QTRY_VERIFY2(atLeast(window.scalingPlot(), minPlot), qPrintable(sizeText(window.scalingPlot())));
    } else {
        window.centralArea()->showLab();
        QTRY_VERIFY2(atLeast(window.scalingPlot(), minPlot), qPrintable(sizeText(window.scalingPlot())));
        window.centralArea()->showStage();
    }
    qInfo("%s: with the lesson open the split is %s", QTest::currentDataTag(),
        window.centralArea()->isSplitShown() ? "shown" : "a tab apart");

    // The experiment panel (F8): whole (it scrolls only vertically), the window still on the screen.
    auto* experimentDock = window.findChild<QDockWidget*>(QStringLiteral("experimentDock"));
    if (!experimentDock->isVisible())
        window.findChild<QAction*>(QStringLiteral("experimentPanelAction"))->trigger();
    QVERIFY(experimentDock->isVisible());
    QTRY_VERIFY2(frameFits(window, available, &why), qPrintable(QStringLiteral("experiment panel: ") + why));
    QTRY_VERIFY2(atLeast(window.stageView(), minStage), qPrintable(sizeText(window.stageView())));
    auto* scroll = qobject_cast<QScrollArea*>(experimentDock->widget());
    QVERIFY(scroll);
    QTRY_VERIFY2(scroll->viewport()->width() >= std::min(440, scroll->widget()->minimumSizeHint().width()),
        qPrintable(QStringLiteral("panel %1 of %2")
                       .arg(scroll->viewport()->width())
                       .arg(scroll->widget()->minimumSizeHint().width())));
    QVERIFY2(atLeast(window.stageView(), minStage), qPrintable(sizeText(window.stageView())));

    // The lessons again (F9): open, the text readable.
    auto* lessonDock = window.findChild<QDockWidget*>(QStringLiteral("lessonDock"));
    auto* lessonPanel = window.findChild<QAction*>(QStringLiteral("lessonPanelAction"));
    if (lessonDock->isVisible())
        lessonPanel->trigger(); // closes
    QVERIFY(!lessonDock->isVisible());
    lessonPanel->trigger();
    QVERIFY(lessonDock->isVisible());
    QTRY_VERIFY2(frameFits(window, available, &why), qPrintable(QStringLiteral("lessons again: ") + why));
    QTRY_VERIFY2(text->isVisible() && text->width() >= minLessonTextWidth,
        qPrintable(QStringLiteral("lesson text %1").arg(sizeText(text))));
    QVERIFY2(atLeast(window.stageView(), minStage), qPrintable(sizeText(window.stageView())));
}

// On the projector the experiment panel and the lessons do not both fit beside the stage: opening one closes the
// other; each opens with one key.
void TestScreenFit::sidePanelsAreDrawers()
{
    QScreen* s = screenNamed(QStringLiteral("projector"));
    MainWindow window(nullptr, false);
    window.setPresenterMode(true);
    window.fitToScreen(s->availableGeometry());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* experimentDock = window.findChild<QDockWidget*>(QStringLiteral("experimentDock"));
    auto* lessonDock = window.findChild<QDockWidget*>(QStringLiteral("lessonDock"));
    auto* experimentPanel = window.findChild<QAction*>(QStringLiteral("experimentPanelAction"));
    auto* lessonPanel = window.findChild<QAction*>(QStringLiteral("lessonPanelAction"));
    QVERIFY(experimentPanel->shortcuts().contains(QKeySequence(Qt::Key_F8)));
    QVERIFY(lessonPanel->shortcuts().contains(QKeySequence(Qt::Key_F9)));
    QVERIFY(!experimentDock->isVisible() && !lessonDock->isVisible()); // tucked away in presenter mode

    experimentPanel->trigger();
    QVERIFY(experimentDock->isVisible());
    lessonPanel->trigger();
    QVERIFY(lessonDock->isVisible());
    QVERIFY2(!experimentDock->isVisible(), "both panels do not fit beside the stage at 1024 px in presenter mode");
    experimentPanel->trigger();
    QVERIFY(experimentDock->isVisible());
    QVERIFY(!lessonDock->isVisible());
    experimentPanel->trigger(); // F8 again: closed
    QVERIFY(!experimentDock->isVisible());
    QString why;
    QTRY_VERIFY2(frameFits(window, s->availableGeometry(), &why), qPrintable(why));
}

void TestScreenFit::layoutIsRememberedPerScreenSize()
{
    QRect available;
    {
        MainWindow window; // with the (test-mode) settings: none yet, the default for the screen
        available = window.screenFit()->availableGeometry(); // where the window opens: that screen's key
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QString why;
        QTRY_VERIFY2(frameFits(window, available, &why), qPrintable(why));
        window.setGeometry(
            QRect(available.topLeft() + QPoint(40, 30), window.minimumSizeHint().expandedTo(QSize(900, 650))));
        window.setSplitView(true);
        window.close(); // saves, under the screen's size
    }
    const QString key = QStringLiteral("window/%1").arg(ScreenFit::screenKey(available.size()));
    QVERIFY2(QSettings().contains(key + QStringLiteral("/geometry")), qPrintable(key));
    MainWindow again(nullptr, false);
    again.screenFit()->setAvailableGeometry(available); // the same screen
    QVERIFY(again.screenFit()->restore(QSettings(), false));
    QVERIFY(again.splitView());
    QCOMPARE(again.height(), 650); // as saved (the width at least the restored panels' minimum)
    QVERIFY2(again.width() >= 900 && again.width() <= available.width(), qPrintable(QString::number(again.width())));
    // Another screen size has a layout of its own: none saved, the default.
    MainWindow elsewhere(nullptr, false);
    elsewhere.screenFit()->setAvailableGeometry(screenNamed(QStringLiteral("hd"))->availableGeometry());
    QSettings settings;
    QVERIFY(!elsewhere.screenFit()->restore(settings, false));
}

// A layout saved for this screen size that no longer fits (a larger font since, a window dragged past the edge) is
// replaced by the default for the size: the window never opens past the screen's edge.
void TestScreenFit::layoutThatNoLongerFitsIsReset()
{
    QRect available;
    {
        MainWindow window(nullptr, false);
        available = window.screenFit()->availableGeometry();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setGeometry(QRect(available.topLeft() + QPoint(600, 400), QSize(1500, 950))); // half off the screen
        QSettings settings;
        window.screenFit()->save(settings);
    }
    MainWindow again(nullptr, false);
    again.screenFit()->setAvailableGeometry(available); // the same screen
    QVERIFY(!again.screenFit()->restore(QSettings(), false));
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QString why;
    QTRY_VERIFY2(frameFits(again, available, &why), qPrintable(why));
    QVERIFY(again.screenFit()->fitsScreen());
}

// Names too long for their place keep both ends ("Fork…ker-1"), the whole name in a tooltip.
void TestScreenFit::longNamesElide()
{
    LessonView view;
    auto* list = view.findChild<QListWidget*>(QStringLiteral("lessonList"));
    QVERIFY(list);
    QCOMPARE(list->textElideMode(), Qt::ElideMiddle);
    for (int i = 0; i < list->count(); ++i)
        QVERIFY2(list->item(i)->toolTip().contains(lessons().at(i).title()), qPrintable(list->item(i)->text()));
}

// At 200 % the plot draws into a buffer of the screen's pixels, the window's picture is twice its logical size.
void TestScreenFit::highDpiIsCrisp()
{
    QScreen* s = screenNamed(QStringLiteral("4k"));
    MainWindow window(nullptr, false);
    window.setScreen(s);
    window.fitToScreen(s->availableGeometry());
    window.setSplitView(true);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.devicePixelRatioF(), 2.0);
    QTRY_COMPARE(window.plot()->bufferDevicePixelRatio(), 2.0);
    const QPixmap shot = window.stageView()->grab();
    QCOMPARE(shot.devicePixelRatio(), 2.0);
    QCOMPARE(shot.width(), window.stageView()->width() * 2);
    QString why;
    QTRY_VERIFY2(frameFits(window, s->availableGeometry(), &why), qPrintable(why));
}

// The screens, described to the offscreen platform before the application starts: it reads them once.
int main(int argc, char* argv[])
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({ "screens": [
        { "name": "4k", "x": 2304, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 2 },
        { "name": "hd", "x": 1024, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1 },
        { "name": "projector", "x": 0, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1 }
    ] })");
    file.close();
    qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen:configfile=") + config.toLocal8Bit());
    QApplication app(argc, argv);
    TestScreenFit test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_screenfit.moc"
