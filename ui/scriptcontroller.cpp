#include "scriptcontroller.h"

#include "codeview.h"
#include "content/demo.h"
#include "experimentpanel.h"
#include "lab/lesson.h"
#include "lessonview.h"
#include "runcontroller.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

namespace proclab {

ScriptController::ScriptController(ExperimentPanel* panel, CodeView* code, QDockWidget* codeDock, LessonView* lessons,
    RunController* run, QWidget* window)
    : QObject(window)
    , m_panel(panel)
    , m_code(code)
    , m_codeDock(codeDock)
    , m_lessons(lessons)
    , m_run(run)
    , m_window(window)
    , m_openAction(new QAction(tr("Open &Python Script…"), window))
{
    m_openAction->setObjectName(QStringLiteral("openScriptAction"));
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openAction->setToolTip(tr("Your own multiprocessing program: edit it, run it under real CPython, sweep it"));
    connect(m_openAction, &QAction::triggered, this, &ScriptController::openDialog);
    connect(m_panel, &ExperimentPanel::openScriptRequested, this, &ScriptController::openDialog);
    connect(m_panel, &ExperimentPanel::scriptChanged, this, &ScriptController::onPanelScriptChanged);
    connect(m_code, &CodeView::runPythonRequested, this, &ScriptController::onRunPythonRequested);
    connect(m_code, &CodeView::message, this, &ScriptController::statusMessage);
}

void ScriptController::openDialog()
{
    const QString current = m_panel->scriptPath();
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Open Python Script"),
        current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath(),
        tr("Python scripts (*.py);;All files (*)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!open(file, {}, &error))
        Q_EMIT statusMessage(error);
}

bool ScriptController::open(const QString& path, const QStringList& arguments, QString* error)
{
    if (!QFileInfo(path).isFile()) {
        *error = tr("No such script: %1").arg(path);
        return false;
    }
    if (m_code->isScriptModified() && m_code->scriptPath() != QFileInfo(path).absoluteFilePath()) {
        QString why;
        if (!m_code->saveScript(&why)) { // never lose a student's edits
            *error = why;
            return false;
        }
    }
    if (!m_code->openScript(path, error))
        return false;
    m_panel->setScript(QFileInfo(path).absoluteFilePath());
    if (!arguments.isEmpty())
        m_panel->setScriptArguments(arguments);
    m_codeDock->show();
    m_codeDock->raise();
    Q_EMIT statusMessage(tr("%1 is open: Run (F5) runs it under real CPython; the sweep mode measures it at p = 1 … N.")
                             .arg(QFileInfo(path).fileName()));
    return true;
}

void ScriptController::onPanelScriptChanged(const QString& path)
{
    // Typed in the panel: the Code panel follows when the file is there.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (path.isEmpty() || absolute == m_code->scriptPath() || !QFileInfo(path).isFile())
        return;
    QString error;
    if (m_code->isScriptModified() && !m_code->saveScript(&error)) {
        Q_EMIT statusMessage(error);
        return;
    }
    if (!m_code->openScript(absolute, &error))
        Q_EMIT statusMessage(error);
}

bool ScriptController::saveBeforeRun()
{
    const QString script = QFileInfo(m_panel->scriptPath()).absoluteFilePath();
    if (!m_code->isScriptModified() || m_code->scriptPath() != script)
        return true;
    QString error;
    if (m_code->saveScript(&error))
        return true;
    Q_EMIT statusMessage(error);
    return false;
}

QString ScriptController::lessonScript(QString* error) const
{
    const Lesson& lesson = m_lessons->currentLesson();
    const QString resource = pythonProgramPath(lesson.pythonFile);
    QFile in(resource);
    if (lesson.pythonFile.isEmpty() || !in.open(QIODevice::ReadOnly)) {
        *error = tr("This lesson has no Python program");
        return {};
    }
    // The user's own cache, not a shared folder: nobody else can plant a program there.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/lessons");
    if (!QDir().mkpath(dir)) {
        *error = tr("Cannot make %1").arg(dir);
        return {};
    }
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString path = dir + QLatin1Char('/') + QFileInfo(resource).fileName();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(in.readAll()) < 0 || !out.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, out.errorString());
        return {};
    }
    return path;
}

void ScriptController::onRunPythonRequested()
{
    if (!m_code->scriptPath().isEmpty()) { // the student's script: as the panel's Run does
        if (QFileInfo(m_panel->scriptPath()).absoluteFilePath() != m_code->scriptPath())
            m_panel->setScript(m_code->scriptPath());
        if (!ExperimentPanel::isPython(m_panel->mode()))
            m_panel->setMode(ExperimentPanel::RunMode::Python);
        Q_EMIT runRequested();
        return;
    }
    QString error;
    const QString script = lessonScript(&error);
    if (script.isEmpty()) {
        Q_EMIT statusMessage(error);
        return;
    }
    RunRequest request;
    request.kind = RunRequest::Kind::Python;
    request.script = script;
    request.name = QFileInfo(script).fileName();
    request.processes = m_panel->settings().maxProcesses;
    Q_EMIT runLessonRequested(request);
}

bool ScriptController::isScript(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return false;
    const QUrl url = mime->urls().constFirst();
    return url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".py"), Qt::CaseInsensitive);
}

bool ScriptController::drop(const QMimeData* mime)
{
    if (!isScript(mime))
        return false;
    QString error;
    if (!open(mime->urls().constFirst().toLocalFile(), {}, &error)) {
        Q_EMIT statusMessage(error);
        return false;
    }
    return true;
}

} // namespace proclab
