#pragma once

// The student's own Python script in the window: File → Open Python Script… (and a .py dropped on the window, and
// `proclab --python FILE`) opens it in the Code panel, editable, and in the experiment panel's script row; Run
// (or the Code panel's "Run my script") saves it if changed and runs it under real CPython, animated like any run;
// a lesson's "Run this Python for real" runs the lesson's own program the same way. GUI thread only.

#include <QObject>
#include <QStringList>

class QAction;
class QDockWidget;
class QMimeData;
class QWidget;

namespace proclab {

class CodeView;
class ExperimentPanel;
class LessonView;
class RunController;
struct RunRequest;

class ScriptController : public QObject {
    Q_OBJECT
public:
    ScriptController(ExperimentPanel* panel, CodeView* code, QDockWidget* codeDock, LessonView* lessons,
        RunController* run, QWidget* window);

    QAction* openAction() const { return m_openAction; }

    // Opens the script in the Code panel and the experiment panel (the mode becomes "my Python script"); false,
    // with a one-line reason, if it cannot be read.
    bool open(const QString& path, const QStringList& arguments, QString* error);
    // A run of the panel's script is about to start: the Code panel's unsaved edits of it go to disk first.
    // False (and a status line) if they cannot.
    bool saveBeforeRun();
    // The lesson's program, as a file of its own under the user's cache (its name kept: spawn re-imports it).
    QString lessonScript(QString* error) const;

    static bool isScript(const QMimeData* mime); // a drop the window takes: one local .py file
    bool drop(const QMimeData* mime);

public Q_SLOTS:
    void openDialog();

Q_SIGNALS:
    void runRequested(); // the Code panel's "Run my script": the window runs the panel's script
    void runLessonRequested(const proclab::RunRequest& request);
    void statusMessage(const QString& text);

private:
    void onRunPythonRequested();
    void onPanelScriptChanged(const QString& path);

    ExperimentPanel* m_panel;
    CodeView* m_code;
    QDockWidget* m_codeDock;
    LessonView* m_lessons;
    RunController* m_run;
    QWidget* m_window;
    QAction* m_openAction;
};

} // namespace proclab
