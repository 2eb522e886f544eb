#pragma once

// The code panel: the Python program equivalent to the current lesson, demo or workload, beside the C++ call
// ProcLab made for it. Both read-only, monospace and syntax highlighted, each with a Copy button.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextDocument;

namespace proclab {

// One left-to-right scan per line (not overlapping regular expressions), so that a '#' inside a string is
// not a comment and a keyword inside a comment is not a keyword. Multi-line strings and comments carry over
// through the block state.
class CodeHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Language { Python, Cpp };
    Q_ENUM(Language)
    enum class Role { Keyword, Builtin, Type, String, Comment, Number, Decorator };
    Q_ENUM(Role)

    CodeHighlighter(Language language, QTextDocument* document);
    Language language() const { return m_language; }
    QTextCharFormat format(Role role) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    void highlightPython(const QString& text);
    void highlightCpp(const QString& text);
    void setRole(qsizetype start, qsizetype length, Role role) { setFormat(int(start), int(length), format(role)); }

    Language m_language;
};

class CodeView : public QWidget {
    Q_OBJECT
public:
    explicit CodeView(QWidget* parent = nullptr);

    // `title` says what the code is for ("Lesson: Pool.map and friends"); an empty `cpp` hides that pane. Read-only.
    void setCode(const QString& title, const QString& python, const QString& cpp);
    // A student's own script, editable, with Save (Ctrl+S in the editor). False, with a one-line reason, if it
    // cannot be read. setCode() shows a lesson again.
    bool openScript(const QString& path, QString* error);
    QString scriptPath() const { return m_scriptPath; } // empty while a lesson is shown
    bool isScriptModified() const;
    bool saveScript(QString* error); // all or nothing (QSaveFile)
    QString title() const { return m_titleText; }
    QString python() const;
    QString cpp() const;

    QPlainTextEdit* pythonEditor() const { return m_python; }
    QPlainTextEdit* cppEditor() const { return m_cpp; }

    QSize sizeHint() const override { return { 520, 640 }; } // most lines of the programs without scrolling

    void setPresenterMode(bool on); // a larger font for a projector
    bool presenterMode() const { return m_presenter; }

Q_SIGNALS:
    // "Run this Python for real": the lesson's program, or the script, under real CPython.
    void runPythonRequested();
    void scriptSaved(const QString& path);
    void message(const QString& text); // for the status bar

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void applyFonts();
    void setEditable(bool editable);

    QLabel* m_title = nullptr;
    QLabel* m_pythonLabel = nullptr;
    QLabel* m_cppLabel = nullptr;
    QPlainTextEdit* m_python = nullptr;
    QPlainTextEdit* m_cpp = nullptr;
    QPushButton* m_copyPython = nullptr;
    QPushButton* m_copyCpp = nullptr;
    QPushButton* m_runPython = nullptr;
    QPushButton* m_save = nullptr;
    QString m_scriptPath;
    QWidget* m_cppPane = nullptr;
    QString m_titleText;
    bool m_presenter = false;
};

} // namespace proclab
