#pragma once

// The lessons panel: the path through the lessons (with a mark for each one answered), the current lesson's
// explanation, a Run button, what to notice, and a question to check understanding. Running is the window's
// business: the view only asks for it (runRequested). Answers persist in QSettings ("lessons/...").

#include "lab/lesson.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QButtonGroup;
class QGroupBox;
class QLabel;
class QListWidget;
class QMenu;
class QPushButton;
class QRadioButton;
class QScrollArea;

namespace proclab {

class LessonView : public QWidget {
    Q_OBJECT
public:
    enum class Mark { NotAnswered, Right, Wrong };
    Q_ENUM(Mark)

    explicit LessonView(QWidget* parent = nullptr);

    int currentIndex() const { return m_current; }
    const Lesson& currentLesson() const;
    // The title as the list and the page show it: a classic mistake says so ("Classic mistake: Lock convoy...").
    static QString listTitle(const Lesson& lesson);
    bool setCurrentLesson(const QString& name); // false for an unknown name
    void setCurrentIndex(int index);

    Mark mark(const QString& lessonName) const;
    int rightCount() const; // lessons answered right

    // The question's radio buttons (as many as the lesson has answers), for the keyboard and for tests.
    QList<QRadioButton*> answerButtons() const { return m_answers; }
    // Checks the selected answer; false when none is selected or it is wrong. Shows the feedback either way.
    bool checkAnswer();
    QString feedbackText() const;
    bool isRunning() const { return m_running; }

    QSize sizeHint() const override { return { 480, 640 }; } // room for a paragraph of text per screenful

    // The Lessons menu: run the current lesson's experiment (runRequested), next, previous; in the current
    // language, as the panel. A child of `parent`, which may add to it.
    QMenu* createMenu(QWidget* parent);

public Q_SLOTS:
    void next();
    void previous();
    // The window says when the experiment it started for a lesson is under way and when it has ended.
    void setRunning(bool running);

Q_SIGNALS:
    void currentLessonChanged(const proclab::Lesson& lesson);
    void runRequested(const proclab::Lesson& lesson);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslateUi();
    void retranslateMenu();
    // Fills the page from the current lesson, in the current language; `keepSelection`: the same lesson is shown
    // again (new language, feedback), so the chosen answer stays chosen.
    void showLesson(bool keepSelection);
    void updateList();
    void updateButtons();
    void setMark(const QString& lessonName, Mark mark);

    QListWidget* m_list = nullptr;
    QLabel* m_progress = nullptr;
    QScrollArea* m_scroll = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QLabel* m_action = nullptr;
    QPushButton* m_run = nullptr;
    QGroupBox* m_noticeBox = nullptr;
    QLabel* m_prompts = nullptr;
    QGroupBox* m_questionBox = nullptr;
    QLabel* m_question = nullptr;
    QWidget* m_answerBox = nullptr;
    QButtonGroup* m_answerGroup = nullptr;
    QList<QRadioButton*> m_answers;
    QList<QLabel*> m_answerLabels; // the answers' texts, beside their buttons
    QPushButton* m_check = nullptr;
    QLabel* m_feedback = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QPointer<QMenu> m_menu;
    QAction* m_runAction = nullptr; // the menu's
    QAction* m_nextAction = nullptr;
    QAction* m_previousAction = nullptr;

    int m_current = 0;
    int m_checkedAnswer = -1; // the answer the shown feedback is about; -1: no feedback shown
    bool m_running = false;
};

} // namespace proclab
