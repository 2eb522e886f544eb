#include "codeview.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QShortcut>
#include <QSplitter>
#include <QTextDocument>
#include <QVBoxLayout>

namespace proclab {

namespace {

// Block states: what a line leaves open for the next one.
enum State { Normal = -1, InTripleSingle = 1, InTripleDouble = 2, InBlockComment = 3 };

const QSet<QString>& pythonKeywords()
{
    static const QSet<QString> words { QStringLiteral("False"), QStringLiteral("None"), QStringLiteral("True"),
        QStringLiteral("and"), QStringLiteral("as"), QStringLiteral("assert"), QStringLiteral("async"),
        QStringLiteral("await"), QStringLiteral("break"), QStringLiteral("class"), QStringLiteral("continue"),
        QStringLiteral("def"), QStringLiteral("del"), QStringLiteral("elif"), QStringLiteral("else"),
        QStringLiteral("except"), QStringLiteral("finally"), QStringLiteral("for"), QStringLiteral("from"),
        QStringLiteral("global"), QStringLiteral("if"), QStringLiteral("import"), QStringLiteral("in"),
        QStringLiteral("is"), QStringLiteral("lambda"), QStringLiteral("nonlocal"), QStringLiteral("not"),
        QStringLiteral("or"), QStringLiteral("pass"), QStringLiteral("raise"), QStringLiteral("return"),
        QStringLiteral("try"), QStringLiteral("while"), QStringLiteral("with"), QStringLiteral("yield") };
    return words;
}

const QSet<QString>& pythonBuiltins()
{
    static const QSet<QString> words { QStringLiteral("abs"), QStringLiteral("all"), QStringLiteral("any"),
        QStringLiteral("dict"), QStringLiteral("enumerate"), QStringLiteral("float"), QStringLiteral("int"),
        QStringLiteral("isinstance"), QStringLiteral("len"), QStringLiteral("list"), QStringLiteral("map"),
        QStringLiteral("max"), QStringLiteral("min"), QStringLiteral("open"), QStringLiteral("print"),
        QStringLiteral("range"), QStringLiteral("reversed"), QStringLiteral("round"), QStringLiteral("set"),
        QStringLiteral("sorted"), QStringLiteral("str"), QStringLiteral("sum"), QStringLiteral("super"),
        QStringLiteral("tuple"), QStringLiteral("type"), QStringLiteral("zip"), QStringLiteral("chr"),
        QStringLiteral("ord"), QStringLiteral("iter"), QStringLiteral("next"), QStringLiteral("self"),
        QStringLiteral("__name__"), QStringLiteral("Exception"), QStringLiteral("EOFError"),
        QStringLiteral("ValueError") };
    return words;
}

const QSet<QString>& cppKeywords()
{
    static const QSet<QString> words { QStringLiteral("auto"), QStringLiteral("break"), QStringLiteral("case"),
        QStringLiteral("catch"), QStringLiteral("class"), QStringLiteral("const"), QStringLiteral("constexpr"),
        QStringLiteral("continue"), QStringLiteral("default"), QStringLiteral("delete"), QStringLiteral("do"),
        QStringLiteral("else"), QStringLiteral("enum"), QStringLiteral("false"), QStringLiteral("for"),
        QStringLiteral("if"), QStringLiteral("namespace"), QStringLiteral("new"), QStringLiteral("nullptr"),
        QStringLiteral("private"), QStringLiteral("public"), QStringLiteral("return"), QStringLiteral("static"),
        QStringLiteral("struct"), QStringLiteral("switch"), QStringLiteral("this"), QStringLiteral("throw"),
        QStringLiteral("true"), QStringLiteral("try"), QStringLiteral("using"), QStringLiteral("virtual"),
        QStringLiteral("while"), QStringLiteral("override") };
    return words;
}

const QSet<QString>& cppBuiltinTypes()
{
    static const QSet<QString> words { QStringLiteral("bool"), QStringLiteral("char"), QStringLiteral("double"),
        QStringLiteral("float"), QStringLiteral("int"), QStringLiteral("long"), QStringLiteral("qint64"),
        QStringLiteral("quint64"), QStringLiteral("size_t"), QStringLiteral("unsigned"), QStringLiteral("void") };
    return words;
}

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}
bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

qsizetype identifierEnd(const QString& text, qsizetype i)
{
    while (i < text.size() && isIdentifierChar(text.at(i)))
        ++i;
    return i;
}

// Digits, a decimal point, exponents, hex and underscores (1_000): a number's whole extent.
qsizetype numberEnd(const QString& text, qsizetype i)
{
    while (i < text.size()) {
        const QChar c = text.at(i);
        const bool exponentSign = (c == QLatin1Char('+') || c == QLatin1Char('-')) && i > 0
            && (text.at(i - 1) == QLatin1Char('e') || text.at(i - 1) == QLatin1Char('E'));
        if (!(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') || exponentSign))
            break;
        ++i;
    }
    return i;
}

// The end of a one-line string opened at `i` (which holds the quote), past the closing quote, or the line's end.
qsizetype stringEnd(const QString& text, qsizetype i)
{
    const QChar quote = text.at(i);
    for (++i; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\'))
            ++i;
        else if (text.at(i) == quote)
            return i + 1;
    }
    return text.size();
}

} // namespace

CodeHighlighter::CodeHighlighter(Language language, QTextDocument* document)
    : QSyntaxHighlighter(document)
    , m_language(language)
{
}

QTextCharFormat CodeHighlighter::format(Role role) const
{
    // Colours that read on a white page and on a projector; the bold keywords survive a washed-out beamer.
    QTextCharFormat f;
    switch (role) {
    case Role::Keyword:
        f.setForeground(QColor(0x00, 0x33, 0x99));
        f.setFontWeight(QFont::Bold);
        break;
    case Role::Builtin:
        f.setForeground(QColor(0x6a, 0x1b, 0x9a));
        break;
    case Role::Type:
        f.setForeground(QColor(0x00, 0x6d, 0x77));
        break;
    case Role::String:
        f.setForeground(QColor(0x1b, 0x7a, 0x2b));
        break;
    case Role::Comment:
        f.setForeground(QColor(0x70, 0x70, 0x70));
        f.setFontItalic(true);
        break;
    case Role::Number:
        f.setForeground(QColor(0xb3, 0x4e, 0x00));
        break;
    case Role::Decorator:
        f.setForeground(QColor(0x9c, 0x6b, 0x00));
        break;
    }
    return f;
}

void CodeHighlighter::highlightBlock(const QString& text)
{
    setCurrentBlockState(Normal);
    if (m_language == Language::Python)
        highlightPython(text);
    else
        highlightCpp(text);
}

void CodeHighlighter::highlightPython(const QString& text)
{
    qsizetype i = 0;
    const auto continueTriple = [&](int state) {
        const QString close = state == InTripleSingle ? QStringLiteral("'''") : QStringLiteral("\"\"\"");
        const qsizetype end = text.indexOf(close, i);
        if (end < 0) {
            setRole(i, text.size() - i, Role::String);
            setCurrentBlockState(state);
            i = text.size();
        } else {
            setRole(i, end + 3 - i, Role::String);
            i = end + 3;
        }
    };
    if (previousBlockState() == InTripleSingle || previousBlockState() == InTripleDouble)
        continueTriple(previousBlockState());

    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('#')) {
            setRole(i, text.size() - i, Role::Comment);
            return;
        }
        // String prefixes (f'', r"", b'', rb''...) belong to the string.
        qsizetype q = i;
        while (q < text.size() && q - i < 2 && QStringLiteral("rRbBfFuU").contains(text.at(q)))
            ++q;
        if (q < text.size() && (text.at(q) == QLatin1Char('\'') || text.at(q) == QLatin1Char('"'))
            && (q == i || i == 0 || !isIdentifierChar(text.at(i - 1)))) {
            const QString triple(3, text.at(q));
            if (text.mid(q, 3) == triple) {
                setRole(i, q + 3 - i, Role::String);
                i = q + 3;
                continueTriple(text.at(q) == QLatin1Char('\'') ? InTripleSingle : InTripleDouble);
                continue;
            }
            const qsizetype end = stringEnd(text, q);
            setRole(i, end - i, Role::String);
            i = end;
            continue;
        }
        if (c == QLatin1Char('@') && (i == 0 || text.left(i).trimmed().isEmpty())) {
            const qsizetype end = identifierEnd(text, i + 1);
            setRole(i, end - i, Role::Decorator);
            i = end;
            continue;
        }
        if (c.isDigit()) {
            const qsizetype end = numberEnd(text, i);
            setRole(i, end - i, Role::Number);
            i = end;
            continue;
        }
        if (isIdentifierStart(c)) {
            const qsizetype end = identifierEnd(text, i);
            const QString word = text.mid(i, end - i);
            if (pythonKeywords().contains(word))
                setRole(i, end - i, Role::Keyword);
            else if (pythonBuiltins().contains(word))
                setRole(i, end - i, Role::Builtin);
            i = end;
            continue;
        }
        ++i;
    }
}

void CodeHighlighter::highlightCpp(const QString& text)
{
    qsizetype i = 0;
    const auto continueComment = [&] {
        const qsizetype end = text.indexOf(QStringLiteral("*/"), i);
        if (end < 0) {
            setRole(i, text.size() - i, Role::Comment);
            setCurrentBlockState(InBlockComment);
            i = text.size();
        } else {
            setRole(i, end + 2 - i, Role::Comment);
            i = end + 2;
        }
    };
    if (previousBlockState() == InBlockComment)
        continueComment();

    while (i < text.size()) {
        const QChar c = text.at(i);
        if (text.mid(i, 2) == QLatin1String("//")) {
            setRole(i, text.size() - i, Role::Comment);
            return;
        }
        if (text.mid(i, 2) == QLatin1String("/*")) {
            setRole(i, 2, Role::Comment);
            i += 2;
            continueComment();
            continue;
        }
        if (c == QLatin1Char('"') || (c == QLatin1Char('\'') && (i == 0 || !text.at(i - 1).isLetterOrNumber()))) {
            const qsizetype end = stringEnd(text, i);
            setRole(i, end - i, Role::String);
            i = end;
            continue;
        }
        if (c.isDigit()) {
            const qsizetype end = numberEnd(text, i);
            setRole(i, end - i, Role::Number);
            i = end;
            continue;
        }
        if (isIdentifierStart(c)) {
            const qsizetype end = identifierEnd(text, i);
            const QString word = text.mid(i, end - i);
            if (cppKeywords().contains(word))
                setRole(i, end - i, Role::Keyword);
            else if (cppBuiltinTypes().contains(word) || word.at(0).isUpper())
                setRole(i, end - i, Role::Type); // Pool, QCborArray: our types and Qt's are capitalised
            i = end;
            continue;
        }
        ++i;
    }
}

CodeView::CodeView(QWidget* parent)
    : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("codeTitle"));
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    const auto makePane = [this](QLabel** label, QPlainTextEdit** edit, QPushButton** copy,
                              CodeHighlighter::Language language, const QString& name) {
        auto* pane = new QWidget(this);
        auto* layout = new QVBoxLayout(pane);
        layout->setContentsMargins(0, 0, 0, 0);
        auto* header = new QHBoxLayout;
        *label = new QLabel(pane);
        *copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), QString(), pane);
        (*copy)->setObjectName(name + QStringLiteral("CopyButton"));
        header->addWidget(*label, 1);
        header->addWidget(*copy);
        layout->addLayout(header);
        *edit = new QPlainTextEdit(pane);
        (*edit)->setObjectName(name + QStringLiteral("Code"));
        (*edit)->setReadOnly(true);
        (*edit)->setLineWrapMode(QPlainTextEdit::NoWrap);
        (*edit)->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        new CodeHighlighter(language, (*edit)->document());
        layout->addWidget(*edit, 1);
        QPlainTextEdit* target = *edit;
        connect(*copy, &QPushButton::clicked, this,
            [target] { QApplication::clipboard()->setText(target->toPlainText()); });
        return pane;
    };

    // Under the Python: run it for real, and (a student's script) save it.
    m_runPython = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-start")), QString(), this);
    m_runPython->setObjectName(QStringLiteral("runPythonButton"));
    m_save = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save")), QString(), this);
    m_save->setObjectName(QStringLiteral("saveScriptButton"));
    m_save->setVisible(false);
    m_save->setEnabled(false);
    connect(m_runPython, &QPushButton::clicked, this, &CodeView::runPythonRequested);
    connect(m_save, &QPushButton::clicked, this, [this] {
        QString error;
        if (!saveScript(&error))
            Q_EMIT message(error);
    });

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(makePane(
        &m_pythonLabel, &m_python, &m_copyPython, CodeHighlighter::Language::Python, QStringLiteral("python")));
    m_cppPane = makePane(&m_cppLabel, &m_cpp, &m_copyCpp, CodeHighlighter::Language::Cpp, QStringLiteral("cpp"));
    splitter->addWidget(m_cppPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* saveShortcut = new QShortcut(QKeySequence::Save, m_python, nullptr, nullptr, Qt::WidgetShortcut);
    connect(saveShortcut, &QShortcut::activated, m_save, &QPushButton::click);
    connect(m_python->document(), &QTextDocument::modificationChanged, m_save, &QPushButton::setEnabled);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_runPython);
    actions->addWidget(m_save);
    actions->addStretch(1);
    layout->addLayout(actions);
    layout->addWidget(splitter, 1);
    retranslateUi();
    applyFonts();
}

void CodeView::setCode(const QString& title, const QString& python, const QString& cpp)
{
    m_titleText = title;
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
    m_scriptPath.clear();
    m_python->setPlainText(python);
    m_python->document()->setModified(false);
    m_cpp->setPlainText(cpp);
    m_cppPane->setVisible(!cpp.isEmpty());
    setEditable(false);
    m_runPython->setVisible(!python.isEmpty());
}

bool CodeView::openScript(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.read(4 * 1024 * 1024 + 1);
    if (bytes.size() > 4 * 1024 * 1024) {
        *error = tr("%1 is larger than 4 MB: not a script to edit here").arg(path);
        return false;
    }
    m_scriptPath = QFileInfo(path).absoluteFilePath();
    m_titleText = tr("Your script: %1").arg(QDir::toNativeSeparators(m_scriptPath));
    m_title->setText(m_titleText);
    m_title->setToolTip(m_titleText);
    m_title->setVisible(true);
    m_python->setPlainText(QString::fromUtf8(bytes));
    m_python->document()->setModified(false);
    m_cpp->clear();
    m_cppPane->setVisible(false);
    setEditable(true);
    m_runPython->setVisible(true);
    return true;
}

bool CodeView::isScriptModified() const
{
    return !m_scriptPath.isEmpty() && m_python->document()->isModified();
}

bool CodeView::saveScript(QString* error)
{
    if (m_scriptPath.isEmpty()) {
        *error = tr("Nothing to save: this is a lesson's program (Copy takes it)");
        return false;
    }
    QSaveFile file(m_scriptPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_python->toPlainText().toUtf8()) < 0 || !file.commit()) {
        *error = tr("Cannot save %1: %2").arg(m_scriptPath, file.errorString());
        return false;
    }
    m_python->document()->setModified(false);
    Q_EMIT message(tr("Saved %1").arg(QDir::toNativeSeparators(m_scriptPath)));
    Q_EMIT scriptSaved(m_scriptPath);
    return true;
}

void CodeView::setEditable(bool editable)
{
    m_python->setReadOnly(!editable);
    m_python->setTextInteractionFlags(editable ? Qt::TextEditorInteraction
                                               : Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_save->setVisible(editable);
    m_save->setEnabled(editable && m_python->document()->isModified());
    retranslateUi();
}

QString CodeView::python() const
{
    return m_python->toPlainText();
}

QString CodeView::cpp() const
{
    return m_cpp->toPlainText();
}

void CodeView::setPresenterMode(bool on)
{
    m_presenter = on;
    applyFonts();
}

void CodeView::applyFonts()
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const qreal base = font().pointSizeF() > 0 ? font().pointSizeF() : 10;
    mono.setPointSizeF(base * (m_presenter ? 1.25 : 1.0));
    m_python->setFont(mono);
    m_cpp->setFont(mono);
}

void CodeView::retranslateUi()
{
    setWindowTitle(tr("Code"));
    m_pythonLabel->setText(tr("Python"));
    m_cppLabel->setText(tr("ProcLab (C++)"));
    m_copyPython->setText(tr("Copy"));
    m_copyPython->setToolTip(tr("Copy the Python program to the clipboard"));
    m_copyCpp->setText(tr("Copy"));
    m_copyCpp->setToolTip(tr("Copy the C++ call to the clipboard"));
    m_runPython->setText(m_scriptPath.isEmpty() ? tr("Run this Python for real") : tr("Run my script"));
    m_runPython->setToolTip(m_scriptPath.isEmpty()
            ? tr("Run this program under real CPython, its processes, tasks, queues and locks shown live on the Stage")
            : tr("Save it if changed, then run it under real CPython, shown live on the Stage"));
    m_save->setText(tr("Save"));
    m_save->setToolTip(tr("Save the script (Ctrl+S)"));
}

void CodeView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::FontChange)
        applyFonts(); // the window's presenter mode scales the widget font; the code follows
    QWidget::changeEvent(event);
}

} // namespace proclab
