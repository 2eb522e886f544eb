// The main window's lesson hooks, kept apart from mainwindow.cpp: the Lessons and Code docks, the Lessons and
// Language menus, and running a lesson's experiment with the window's machinery. A sweep lesson goes through
// the experiment panel (one sweep, a series per executor × chunksize); a demo lesson runs its demos one after
// the other, animated on the stage.

#include "mainwindow.h"

#include "codeview.h"
#include "lab/lesson.h"
#include "lessonview.h"
#include "sweepresultsmodel.h"
#include "translation.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTimer>

namespace proclab {

void MainWindow::createLessonDocks()
{
    m_lessonView = new LessonView(this);
    m_lessonDock = new QDockWidget(m_lessonView->windowTitle(), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_lessonDock->setWidget(m_lessonView);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea); // the lesson keeps the full height
    m_lessonDock->hide(); // until a lesson is opened (Lessons menu, --lesson): the stage wants the width

    // The code shares the left column with the experiment panel: a lesson brings it forward, the panel is a
    // tab away for changing the experiment.
    m_codeView = new CodeView(this);
    m_codeDock = new QDockWidget(m_codeView->windowTitle(), this);
    m_codeDock->setObjectName(QStringLiteral("codeDock"));
    m_codeDock->setWidget(m_codeView);
    addDockWidget(Qt::LeftDockWidgetArea, m_codeDock);
    tabifyDockWidget(m_experimentDock, m_codeDock);
    m_experimentDock->raise();

    // The panels name themselves (in the current language): the docks follow.
    connect(m_lessonView, &QWidget::windowTitleChanged, m_lessonDock, &QDockWidget::setWindowTitle);
    connect(m_codeView, &QWidget::windowTitleChanged, m_codeDock, &QDockWidget::setWindowTitle);

    const auto showCode = [this](const Lesson& lesson) {
        m_codeView->setCode(
            tr("Lesson %1: %2").arg(lessonIndex(lesson.name) + 1).arg(lesson.title()), lesson.python(), lesson.cpp);
    };
    connect(m_lessonView, &LessonView::currentLessonChanged, this, showCode);
    connect(m_lessonView, &LessonView::runRequested, this, &MainWindow::runLesson);
    connect(this, &MainWindow::sweepFinished, this, &MainWindow::onLessonSweepFinished);
    connect(this, &MainWindow::runDrawn, this, &MainWindow::onLessonDemoDrawn);
    showCode(m_lessonView->currentLesson());

    auto* lessonsMenu = new QMenu(this);
    lessonsMenu->setObjectName(QStringLiteral("lessonsMenu"));
    QAction* runLessonAction
        = lessonsMenu->addAction(QString(), this, [this] { runLesson(m_lessonView->currentLesson()); });
    runLessonAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R)); // Ctrl+Shift+R is Replay
    QAction* nextAction = lessonsMenu->addAction(QString(), m_lessonView, &LessonView::next);
    nextAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    QAction* previousAction = lessonsMenu->addAction(QString(), m_lessonView, &LessonView::previous);
    previousAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    lessonsMenu->addSeparator();
    lessonsMenu->addAction(m_lessonDock->toggleViewAction());
    lessonsMenu->addAction(m_codeDock->toggleViewAction());
    const auto retranslate = [=] {
        lessonsMenu->setTitle(tr("L&essons"));
        runLessonAction->setText(tr("&Run the Lesson's Experiment"));
        nextAction->setText(tr("&Next Lesson"));
        previousAction->setText(tr("&Previous Lesson"));
        showCode(m_lessonView->currentLesson());
    };
    retranslate();
    // The lessons panel retitles itself on every language change: the menu and the code's title follow.
    connect(m_lessonView, &QWidget::windowTitleChanged, this, retranslate);

    // Before Help, the last menu.
    const QList<QAction*> menus = menuBar()->actions();
    QAction* before = menus.isEmpty() ? nullptr : menus.last();
    menuBar()->insertMenu(before, lessonsMenu);
    menuBar()->insertMenu(before, i18n::createLanguageMenu(this));
}

bool MainWindow::showLesson(const QString& name)
{
    if (!m_lessonView->setCurrentLesson(name))
        return false;
    m_lessonDock->show();
    m_lessonDock->raise();
    m_codeDock->show();
    m_codeDock->raise();
    // Once laid out (the window may not be shown yet): room for the lesson's text and the code beside the plot.
    QTimer::singleShot(0, this, [this] { resizeDocks({ m_lessonDock, m_codeDock }, { 480, 520 }, Qt::Horizontal); });
    return true;
}

void MainWindow::runLesson(const Lesson& lesson)
{
    if (m_lessonRunning || isRunning() || isRunActive())
        return;
    if (const QString problem = validateAction(lesson.action); !problem.isEmpty()) {
        appendLog(tr("Cannot run lesson %1: %2").arg(lesson.name, problem), Qt::red);
        Q_EMIT lessonFinished(false);
        return;
    }
    m_lessonRunning = true;
    m_lessonView->setRunning(true);
    appendLog(tr("▶ Lesson %1: %2").arg(lesson.title(), lesson.actionSummary()), QColor(0x1f, 0x4f, 0x8f));
    if (lesson.action.kind == LessonAction::Kind::Demo) {
        runDemoLesson(lesson);
        return;
    }
    // One sweep: the scaling lab draws one series per executor × chunksize, side by side.
    const Workload* w = findWorkload(lesson.action.workload);
    ExperimentSettings s = experimentSettings();
    s.workload = w->name();
    QString unused;
    parseParams(*w, lesson.action.settings, &s.params, &unused); // validateAction() checked them
    s.maxProcesses = lesson.action.processes;
    s.startMethod = lesson.action.startMethod;
    s.scheduling = Scheduling::Dynamic;
    s.repeats = lesson.action.repeats;
    s.warmUp = false;
    s.executors = lesson.action.executors;
    s.chunksizes = lesson.action.chunksizes;
    s.sizeParam.clear();
    s.sizeValues.clear();
    setRunMode(RunMode::Sweep); // the Scaling tab
    m_resultsDock->show();
    m_resultsDock->raise();
    resizeDocks({ m_resultsDock }, { height() / 5 }, Qt::Vertical);
    setExperimentSettings(s);
    startSweep();
}

void MainWindow::onLessonSweepFinished()
{
    if (!m_lessonRunning)
        return;
    bool ok = lastState() == SweepState::Completed;
    for (const SweepPoint& p : m_model->points())
        ok = ok && p.verified;
    finishLesson(ok);
}

// The lesson's demos one after the other, each animated on the stage like any demo run (Stop works too).
void MainWindow::runDemoLesson(const Lesson& lesson)
{
    m_lessonDemos = lesson.action.demos;
    ExperimentSettings s = experimentSettings();
    s.maxProcesses = lesson.action.processes;
    s.startMethod = lesson.action.startMethod;
    setExperimentSettings(s);
    setRunMode(RunMode::Demo);
    startNextLessonDemo();
}

void MainWindow::startNextLessonDemo()
{
    setDemoName(m_lessonDemos.takeFirst());
    startRun();
    if (!isRunActive()) // it could not start (another run under way)
        finishLesson(false);
}

// A demo of the lesson has ended and its last event is drawn: the next one, or the lesson is done.
void MainWindow::onLessonDemoDrawn()
{
    if (!m_lessonRunning || runRequest().kind != RunRequest::Kind::Demo)
        return;
    const bool ok = lastOutcome().status == RunOutcome::Status::Ok; // the lesson stops at the first failure
    if (!ok || m_lessonDemos.isEmpty()) {
        m_lessonDemos.clear();
        finishLesson(ok);
        return;
    }
    QTimer::singleShot(0, this, [this] { startNextLessonDemo(); });
}

void MainWindow::finishLesson(bool ok)
{
    m_lessonRunning = false;
    m_lessonView->setRunning(false);
    appendLog(ok ? tr("✔ The lesson's experiment is done. See what to notice, then answer the question.")
                 : tr("✘ The lesson's experiment did not complete: see the log above."),
        ok ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xc6, 0x28, 0x28));
    Q_EMIT lessonFinished(ok);
}

} // namespace proclab
