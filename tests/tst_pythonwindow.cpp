// The window with a student's own Python script: opened, edited and saved in the Code panel, run under real CPython
// and drawn live (its main process as the run's main process, its pool workers by their real pids), stopped, a
// worker killed, swept over p, and a lesson's program run for real. Waits for states and events, never for a time.

#include "codeview.h"
#include "consoleview.h"
#include "experimentpanel.h"
#include "mainwindow.h"
#include "python/pythonrun.h"
#include "session/eventplayer.h"
#include "session/stagemodel.h"
#include "sweepresultsmodel.h"
#include "testutil.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextCursor>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace proclab;

namespace {

QString writeScript(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
        return {};
    return path;
}

// A Pool of two with a little work per task, a Queue, and a Lock: what a homework looks like.
const QByteArray Homework = R"(import os, time
from multiprocessing import Lock, Pool, Process, Queue


def slow(x):
    time.sleep(0.02)
    return x * x


def consumer(q, lock):
    total = 0
    while (item := q.get()) is not None:
        total += item
    with lock:
        print('consumer summed', total, flush=True)


if __name__ == '__main__':
    with Pool(2) as pool:
        print('squares', pool.map(slow, range(8)), flush=True)
    q, lock = Queue(), Lock()
    c = Process(target=consumer, args=(q, lock))
    c.start()
    for i in range(5):
        q.put(i)
    q.put(None)
    c.join()
    print('MESSAGE done', flush=True)
)";

// Workers that never finish on their own: Stop and Kill Worker have something to end.
const QByteArray Forever = R"(import time
from multiprocessing import Pool


def forever(x):
    while True:
        time.sleep(0.05)


if __name__ == '__main__':
    with Pool(2) as pool:
        pool.map(forever, range(2))
)";

std::unique_ptr<MainWindow> pythonWindow(const QString& script, QString* error)
{
    auto window = std::make_unique<MainWindow>(nullptr, false);
    if (!window->openScript(script, {}, error))
        return nullptr;
    ExperimentSettings s = window->experimentSettings();
    s.maxProcesses = 2;
    s.repeats = 1;
    s.python.startMethod = QStringLiteral("fork");
    window->setExperimentSettings(s);
    return window;
}

QSet<qint64> shownProcesses(const MainWindow& w)
{
    QSet<qint64> pids;
    for (const StageProcess& p : w.stageModel()->processes())
        pids.insert(p.pid);
    return pids;
}

} // namespace

class TestPythonWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scriptRunsLive();
    void editedScriptIsSavedBeforeRun();
    void brokenScriptFailsWithItsTraceback();
    void stopEndsTheScript();
    void killWorkerKillsAPoolWorker();
    void sweepMeasuresTheScript();
    void lessonProgramRunsForReal();

private:
    QTemporaryDir m_dir;
};

void TestPythonWindow::initTestCase()
{
    if (PythonRun::resolveInterpreter({}).isEmpty()) {
        if (qEnvironmentVariable("CI") == QLatin1String("true"))
            QFAIL("python3 is not installed (CI installs it: scripts/dev.sh)");
        QSKIP("python3 is not installed");
    }
    QVERIFY(m_dir.isValid());
}

void TestPythonWindow::scriptRunsLive()
{
    const QString script = writeScript(m_dir, QStringLiteral("homework.py"), Homework);
    QString error;
    auto window = pythonWindow(script, &error);
    QVERIFY2(window, qPrintable(error));
    QCOMPARE(window->runMode(), MainWindow::RunMode::Python);
    QCOMPARE(window->codeView()->scriptPath(), QFileInfo(script).absoluteFilePath());
    QVERIFY(window->codeView()->python().contains(QStringLiteral("def slow(x):")));
    QCOMPARE(window->runRequest().kind, RunRequest::Kind::Python);

    QSignalSpy drawn(window.get(), &MainWindow::runDrawn);
    window->run();
    QVERIFY(window->isRunActive());
    // The script's main process is the run's main process: not ProcLab.
    const qint64 main = window->stageModel()->enginePid();
    QVERIFY(main > 0 && main != qint64(getpid()));
    QVERIFY(drawn.wait(test::scaledTimeout(90'000)));
    const RunOutcome o = window->lastOutcome();
    QVERIFY2(o.status == RunOutcome::Status::Ok, qPrintable(o.message + window->consoleView()->text()));
    QCOMPARE(o.exitCode, 0);
    // Its processes on the stage by their real pids: the main one, two pool workers and the consumer.
    const QSet<qint64> shown = shownProcesses(*window);
    QVERIFY2(shown.size() >= 4, qPrintable(QString::number(shown.size())));
    QVERIFY(shown.contains(main));
    QVERIFY(!shown.contains(qint64(getpid())));
    QCOMPARE(window->stageModel()->resultsReceived(), qint64(8)); // every task's result came back
    const QString console = window->consoleView()->text();
    QVERIFY2(console.contains(QStringLiteral("squares [0, 1, 4, 9, 16, 25, 36, 49]")), qPrintable(console));
    QVERIFY(console.contains(QStringLiteral("consumer summed 10")));
    QVERIFY(console.contains(QStringLiteral("MESSAGE done")));
    QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(), test::scaledTimeout(10'000));
}

void TestPythonWindow::editedScriptIsSavedBeforeRun()
{
    const QString script = writeScript(m_dir, QStringLiteral("edited.py"), Homework);
    QString error;
    auto window = pythonWindow(script, &error);
    QVERIFY2(window, qPrintable(error));
    QPlainTextEdit* editor = window->codeView()->pythonEditor();
    QVERIFY(!editor->isReadOnly());
    // As typed: an edit through the cursor (setPlainText() would start a new, unmodified document).
    const QString edited = editor->toPlainText().replace(QStringLiteral("MESSAGE done"), QStringLiteral("MESSAGE edited"));
    QTextCursor cursor(editor->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(edited);
    QVERIFY(window->codeView()->isScriptModified());
    QSignalSpy drawn(window.get(), &MainWindow::runDrawn);
    window->run();
    QVERIFY(drawn.wait(test::scaledTimeout(90'000)));
    QVERIFY(!window->codeView()->isScriptModified());
    QFile f(script);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("MESSAGE edited"));
    QVERIFY(window->consoleView()->text().contains(QStringLiteral("MESSAGE edited")));
}

void TestPythonWindow::brokenScriptFailsWithItsTraceback()
{
    const QString script = writeScript(m_dir, QStringLiteral("broken.py"),
        "from multiprocessing import Pool\n\ndef f(x):\n    return 1 / x\n\nif __name__ == '__main__':\n"
        "    with Pool(2) as p:\n        print(p.map(f, [1, 0]))\n");
    QString error;
    auto window = pythonWindow(script, &error);
    QVERIFY2(window, qPrintable(error));
    QSignalSpy drawn(window.get(), &MainWindow::runDrawn);
    window->run();
    QVERIFY(drawn.wait(test::scaledTimeout(90'000)));
    const RunOutcome o = window->lastOutcome();
    QCOMPARE(int(o.status), int(RunOutcome::Status::Failed));
    QCOMPARE(o.exitCode, 1);
    const QString console = window->consoleView()->text();
    QVERIFY2(console.contains(QStringLiteral("ZeroDivisionError")), qPrintable(console));
    QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(), test::scaledTimeout(10'000));
}

void TestPythonWindow::stopEndsTheScript()
{
    const QString script = writeScript(m_dir, QStringLiteral("forever.py"), Forever);
    QString error;
    auto window = pythonWindow(script, &error);
    QVERIFY2(window, qPrintable(error));
    QSignalSpy finished(window.get(), &MainWindow::runFinished);
    window->run();
    // Both workers are on the stage (and running their task) before Stop.
    QTRY_VERIFY_WITH_TIMEOUT(shownProcesses(*window).size() >= 3, test::scaledTimeout(60'000));
    window->stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, test::scaledTimeout(30'000));
    QCOMPARE(int(window->lastOutcome().status), int(RunOutcome::Status::Stopped));
    QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(), test::scaledTimeout(10'000));
}

void TestPythonWindow::killWorkerKillsAPoolWorker()
{
    const QString script = writeScript(m_dir, QStringLiteral("victim.py"), Forever);
    QString error;
    auto window = pythonWindow(script, &error);
    QVERIFY2(window, qPrintable(error));
    QSignalSpy finished(window.get(), &MainWindow::runFinished);
    window->run();
    const qint64 main = window->stageModel()->enginePid();
    QVERIFY(!window->killWorker(qint64(getpid())));
    qint64 victim = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (qint64 pid : window->session()->processes())
                if (pid != main && window->stageModel()->process(pid)
                    && window->stageModel()->process(pid)->activity() == Activity::Running)
                    victim = pid;
            return victim != 0;
        }(),
        test::scaledTimeout(60'000));
    QVERIFY(window->killWorker(victim));
    QTRY_VERIFY_WITH_TIMEOUT(window->stageModel()->process(victim)->activity() == Activity::Crashed,
        test::scaledTimeout(30'000));
    QCOMPARE(window->stageModel()->process(victim)->state.exitCode, qint64(-SIGKILL));
    window->stop(); // CPython's Pool.map waits for the lost task forever: Stop ends it
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, test::scaledTimeout(30'000));
    QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(), test::scaledTimeout(10'000));
}

void TestPythonWindow::sweepMeasuresTheScript()
{
    QString error;
    auto window = pythonWindow(QStringLiteral(PROCLAB_SOURCE_DIR "/resources/python/pi-sweep.py"), &error);
    QVERIFY2(window, qPrintable(error));
    window->setRunMode(MainWindow::RunMode::PythonSweep);
    ExperimentSettings s = window->experimentSettings();
    s.python.arguments = QStringLiteral("20000");
    window->setExperimentSettings(s);
    QVERIFY(window->experimentSettings().sweepPython);
    QSignalSpy finished(window.get(), &MainWindow::sweepFinished);
    window->run();
    QVERIFY(finished.wait(test::scaledTimeout(120'000)));
    QCOMPARE(int(window->lastState()), int(MainWindow::SweepState::Completed));
    const QList<SweepPoint> points = window->resultsModel()->points();
    QCOMPARE(points.size(), 2);
    for (const SweepPoint& p : points) {
        QVERIFY(p.verified);
        QCOMPARE(p.workers.size(), p.processes); // Pool() started cpu_count() = p workers
    }
    QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(), test::scaledTimeout(10'000));
}

void TestPythonWindow::lessonProgramRunsForReal()
{
    auto window = std::make_unique<MainWindow>(nullptr, false);
    QVERIFY(window->showLesson(QStringLiteral("pool-map")));
    QVERIFY(window->codeView()->scriptPath().isEmpty());
    QVERIFY(window->codeView()->pythonEditor()->isReadOnly());
    QSignalSpy drawn(window.get(), &MainWindow::runDrawn);
    Q_EMIT window->codeView()->runPythonRequested(); // the Code panel's "Run this Python for real"
    QVERIFY(window->isRunActive());
    QCOMPARE(window->session()->request().kind, RunRequest::Kind::Python);
    QVERIFY(drawn.wait(test::scaledTimeout(90'000)));
    QVERIFY2(window->lastOutcome().status == RunOutcome::Status::Ok, qPrintable(window->consoleView()->text()));
    QVERIFY(window->consoleView()->text().contains(QStringLiteral("[1, 2, 5, 10, 17, 26, 37, 50]")));
    QTRY_VERIFY_WITH_TIMEOUT(test::descendantsOf(getpid()).isEmpty(), test::scaledTimeout(10'000));
}

QTEST_MAIN(TestPythonWindow)
#include "tst_pythonwindow.moc"
