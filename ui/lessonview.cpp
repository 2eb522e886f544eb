#include "lessonview.h"

#include <QButtonGroup>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

namespace proclab {

namespace {

const QString marksKey = QStringLiteral("lessons/marks"); // name -> "right" | "wrong"
const QString currentKey = QStringLiteral("lessons/current");

QLabel* richLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

LessonView::LessonView(QWidget* parent)
    : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // elided to the panel's width, not scrolled
    for (qsizetype i = 0; i < lessons().size(); ++i)
        m_list->addItem(QString());
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("lessonProgress"));
    m_progress->setWordWrap(true);
    auto* pathPane = new QWidget(this);
    auto* pathLayout = new QVBoxLayout(pathPane);
    pathLayout->setContentsMargins(0, 0, 0, 0);
    pathLayout->addWidget(m_list, 1);
    pathLayout->addWidget(m_progress);

    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_title = richLabel(page, QStringLiteral("lessonTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_text = richLabel(page, QStringLiteral("lessonText"));
    m_action = richLabel(page, QStringLiteral("lessonAction"));
    m_action->setForegroundRole(QPalette::PlaceholderText);
    m_run = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), QString(), page);
    m_run->setObjectName(QStringLiteral("lessonRunButton"));

    m_noticeBox = new QGroupBox(page);
    auto* noticeLayout = new QVBoxLayout(m_noticeBox);
    m_prompts = richLabel(m_noticeBox, QStringLiteral("lessonPrompts"));
    noticeLayout->addWidget(m_prompts);

    m_questionBox = new QGroupBox(page);
    auto* questionLayout = new QVBoxLayout(m_questionBox);
    m_question = richLabel(m_questionBox, QStringLiteral("lessonQuestion"));
    m_answerBox = new QWidget(m_questionBox);
    auto* answerLayout = new QGridLayout(m_answerBox);
    answerLayout->setContentsMargins(0, 0, 0, 0);
    answerLayout->setColumnStretch(1, 1);
    m_answerGroup = new QButtonGroup(this);
    m_check = new QPushButton(m_questionBox);
    m_check->setObjectName(QStringLiteral("lessonCheckButton"));
    m_feedback = richLabel(m_questionBox, QStringLiteral("lessonFeedback"));
    questionLayout->addWidget(m_question);
    questionLayout->addWidget(m_answerBox);
    auto* checkRow = new QHBoxLayout;
    checkRow->addWidget(m_check);
    checkRow->addStretch(1);
    questionLayout->addLayout(checkRow);
    questionLayout->addWidget(m_feedback);

    m_previous = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), QString(), page);
    m_previous->setObjectName(QStringLiteral("lessonPreviousButton"));
    m_next = new QPushButton(style()->standardIcon(QStyle::SP_ArrowForward), QString(), page);
    m_next->setObjectName(QStringLiteral("lessonNextButton"));
    auto* nav = new QHBoxLayout;
    nav->addWidget(m_previous);
    nav->addStretch(1);
    nav->addWidget(m_next);

    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addStretch(1);

    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addLayout(runRow);
    layout->addWidget(m_action);
    layout->addWidget(m_noticeBox);
    layout->addWidget(m_questionBox);
    layout->addStretch(1);
    layout->addLayout(nav);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    // The text wraps to the panel's width; a scroll bar that comes and goes would leave it wrapped too wide.
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(page);

    // The path above the page: the page gets the panel's whole width for its text.
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(pathPane);
    splitter->addWidget(m_scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(splitter);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_current)
            setCurrentIndex(row);
    });
    connect(m_run, &QPushButton::clicked, this, [this] { Q_EMIT runRequested(currentLesson()); });
    connect(m_check, &QPushButton::clicked, this, &LessonView::checkAnswer);
    connect(m_previous, &QPushButton::clicked, this, &LessonView::previous);
    connect(m_next, &QPushButton::clicked, this, &LessonView::next);
    connect(m_answerGroup, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            m_check->setEnabled(true);
    });

    const int saved = lessonIndex(QSettings().value(currentKey).toString());
    m_current = saved >= 0 ? saved : 0;
    retranslateUi();
}

// The gallery of classic mistakes is named in each of its titles: the list shows where it begins.
QString LessonView::listTitle(const Lesson& lesson)
{
    return lesson.classicMistake ? tr("Classic mistake: %1").arg(lesson.title()) : lesson.title();
}

const Lesson& LessonView::currentLesson() const
{
    return lessons().at(m_current);
}

bool LessonView::setCurrentLesson(const QString& name)
{
    const int index = lessonIndex(name);
    if (index < 0)
        return false;
    setCurrentIndex(index);
    return true;
}

void LessonView::setCurrentIndex(int index)
{
    if (index < 0 || index >= lessons().size())
        return;
    const bool changed = index != m_current;
    m_current = index;
    m_checkedAnswer = -1;
    QSettings().setValue(currentKey, currentLesson().name);
    showLesson(false);
    if (changed)
        Q_EMIT currentLessonChanged(currentLesson());
}

void LessonView::next()
{
    setCurrentIndex(m_current + 1);
}

void LessonView::previous()
{
    setCurrentIndex(m_current - 1);
}

void LessonView::setRunning(bool running)
{
    m_running = running;
    updateButtons();
}

LessonView::Mark LessonView::mark(const QString& lessonName) const
{
    const QString m = QSettings().value(marksKey).toMap().value(lessonName).toString();
    return m == QLatin1String("right") ? Mark::Right : m == QLatin1String("wrong") ? Mark::Wrong : Mark::NotAnswered;
}

void LessonView::setMark(const QString& lessonName, Mark mark)
{
    QSettings settings;
    QVariantMap marks = settings.value(marksKey).toMap();
    marks.insert(lessonName, mark == Mark::Right ? QStringLiteral("right") : QStringLiteral("wrong"));
    settings.setValue(marksKey, marks);
}

int LessonView::rightCount() const
{
    int n = 0;
    for (const Lesson& l : lessons())
        n += mark(l.name) == Mark::Right ? 1 : 0;
    return n;
}

bool LessonView::checkAnswer()
{
    const int chosen = m_answerGroup->checkedId();
    if (chosen < 0)
        return false;
    const Lesson& lesson = currentLesson();
    const bool right = chosen == lesson.rightAnswer;
    // A right answer stays right: trying the other answers afterwards does not undo the progress.
    if (right || mark(lesson.name) != Mark::Right)
        setMark(lesson.name, right ? Mark::Right : Mark::Wrong);
    m_checkedAnswer = chosen;
    showLesson(true);
    return right;
}

QString LessonView::feedbackText() const
{
    return m_feedback->text();
}

bool LessonView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const qsizetype i = m_answerLabels.indexOf(static_cast<QLabel*>(watched));
        if (i >= 0)
            m_answers.at(i)->click();
    }
    return QWidget::eventFilter(watched, event);
}

void LessonView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QMenu* LessonView::createMenu(QWidget* parent)
{
    m_menu = new QMenu(parent);
    m_menu->setObjectName(QStringLiteral("lessonsMenu"));
    m_runAction = m_menu->addAction(QString(), this, [this] { Q_EMIT runRequested(currentLesson()); });
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R)); // Ctrl+Shift+R is Replay
    m_nextAction = m_menu->addAction(QString(), this, &LessonView::next);
    m_nextAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_previousAction = m_menu->addAction(QString(), this, &LessonView::previous);
    m_previousAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    retranslateMenu();
    return m_menu;
}

void LessonView::retranslateMenu()
{
    if (!m_menu)
        return;
    m_menu->setTitle(tr("L&essons"));
    m_runAction->setText(tr("&Run the Lesson's Experiment"));
    m_nextAction->setText(tr("&Next Lesson"));
    m_previousAction->setText(tr("&Previous Lesson"));
}

void LessonView::retranslateUi()
{
    setWindowTitle(tr("Lessons"));
    retranslateMenu();
    m_run->setText(tr("Run the experiment"));
    m_run->setToolTip(tr("Start this lesson's experiment on real processes"));
    m_noticeBox->setTitle(tr("What to notice"));
    m_questionBox->setTitle(tr("Check your understanding"));
    m_check->setText(tr("Check"));
    m_previous->setText(tr("Previous"));
    m_next->setText(tr("Next"));
    showLesson(true);
}

void LessonView::updateList()
{
    const QList<Lesson>& all = lessons();
    for (qsizetype i = 0; i < all.size(); ++i) {
        const Mark m = mark(all.at(i).name);
        const QString sign = m == Mark::Right ? QStringLiteral("✔")
            : m == Mark::Wrong                ? QStringLiteral("✘")
                                              : QStringLiteral("○");
        QListWidgetItem* item = m_list->item(int(i));
        // A narrow list elides the middle: a mark, not the words "Classic mistake", sets the gallery apart there.
        const QString title = all.at(i).classicMistake ? QStringLiteral("⚠ ") + all.at(i).title() : all.at(i).title();
        item->setText(QStringLiteral("%1  %2. %3").arg(sign).arg(i + 1).arg(title));
        // The whole title in the tooltip: a narrow panel shows both ends of it ("6. Lo…ing").
        item->setToolTip(QStringLiteral("%1. %2<br>%3")
                             .arg(i + 1)
                             .arg(listTitle(all.at(i)).toHtmlEscaped(),
                                 m == Mark::Right       ? tr("Answered right")
                                     : m == Mark::Wrong ? tr("Answered, not yet right")
                                                        : tr("Not answered yet")));
        item->setData(Qt::UserRole, all.at(i).name);
    }
    const QSignalBlocker blocker(m_list);
    m_list->setCurrentRow(m_current);
    m_progress->setText(tr("%1 of %2 lessons answered right").arg(rightCount()).arg(all.size()));
}

void LessonView::updateButtons()
{
    m_previous->setEnabled(m_current > 0);
    m_next->setEnabled(m_current + 1 < lessons().size());
    m_run->setEnabled(!m_running);
    m_check->setEnabled(m_answerGroup->checkedId() >= 0);
}

void LessonView::showLesson(bool keepSelection)
{
    const Lesson& lesson = currentLesson();
    m_title->setText(QStringLiteral("%1. %2").arg(m_current + 1).arg(listTitle(lesson).toHtmlEscaped()));
    m_text->setText(lesson.text());
    m_action->setText(lesson.actionSummary().toHtmlEscaped());

    QString prompts = QStringLiteral("<ul style=\"margin-left:-20px\">");
    for (const QString& p : lesson.prompts())
        prompts += QStringLiteral("<li>%1</li>").arg(p.toHtmlEscaped());
    m_prompts->setText(prompts + QStringLiteral("</ul>"));

    m_question->setText(QStringLiteral("<b>%1</b>").arg(lesson.question().toHtmlEscaped()));
    // The buttons are rebuilt for each lesson (the number of answers varies); a language switch keeps the
    // choice and the feedback.
    const int selected = keepSelection ? m_answerGroup->checkedId() : -1;
    // A radio button does not wrap its text: each answer is a bare button beside a label that wraps, and a
    // click on the label chooses the answer (eventFilter).
    qDeleteAll(m_answers);
    qDeleteAll(m_answerLabels);
    m_answers.clear();
    m_answerLabels.clear();
    auto* grid = static_cast<QGridLayout*>(m_answerBox->layout());
    const QStringList answers = lesson.answers();
    for (qsizetype i = 0; i < answers.size(); ++i) {
        auto* button = new QRadioButton(m_answerBox);
        button->setObjectName(QStringLiteral("lessonAnswer%1").arg(i));
        button->setAccessibleName(answers.at(i));
        auto* label = new QLabel(answers.at(i), m_answerBox);
        label->setObjectName(QStringLiteral("lessonAnswerText%1").arg(i));
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->installEventFilter(this);
        m_answerGroup->addButton(button, int(i));
        grid->addWidget(button, int(i), 0, Qt::AlignTop);
        grid->addWidget(label, int(i), 1);
        m_answers << button;
        m_answerLabels << label;
    }
    if (selected >= 0 && selected < m_answers.size())
        m_answers.at(selected)->setChecked(true);

    if (m_checkedAnswer < 0) {
        m_feedback->clear();
        m_feedback->setVisible(false);
    } else {
        const bool right = m_checkedAnswer == lesson.rightAnswer;
        const QString verdict = right
            ? QStringLiteral("<span style=\"color:#1b7f3b\"><b>%1</b></span>").arg(tr("Right."))
            : QStringLiteral("<span style=\"color:#c62828\"><b>%1</b></span>")
                  .arg(tr("Not quite. The right answer: %1").arg(answers.value(lesson.rightAnswer).toHtmlEscaped()));
        m_feedback->setText(QStringLiteral("%1<br>%2").arg(verdict, lesson.explanation().toHtmlEscaped()));
        m_feedback->setVisible(true);
    }
    updateList();
    updateButtons();
    m_scroll->verticalScrollBar()->setValue(0);
}

} // namespace proclab
