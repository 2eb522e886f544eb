#include "translation.h"

#include "uilogging.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QEvent>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace proclab::i18n {

namespace {

const QString settingsKey = QStringLiteral("ui/language");

struct State {
    QString language = QStringLiteral("en");
    std::unique_ptr<QTranslator> ours;
    std::unique_ptr<QTranslator> qt;
};

State& state()
{
    static State s; // GUI thread only
    return s;
}

// Retitles itself and re-checks the current language whenever the language changes.
class LanguageMenu final : public QMenu {
public:
    explicit LanguageMenu(QWidget* parent)
        : QMenu(parent)
    {
        setObjectName(QStringLiteral("languageMenu"));
        auto* group = new QActionGroup(this);
        for (const QString& code : availableLanguages()) {
            // Each language under its own name, so that someone lost in a foreign interface finds theirs.
            QAction* action = addAction(nativeName(code));
            action->setObjectName(QStringLiteral("language_%1").arg(code));
            action->setCheckable(true);
            action->setData(code);
            group->addAction(action);
            connect(action, &QAction::triggered, this, [code] { setLanguage(code); });
        }
        retranslate();
    }

protected:
    void changeEvent(QEvent* event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retranslate();
        QMenu::changeEvent(event);
    }

private:
    void retranslate()
    {
        setTitle(QCoreApplication::translate("LanguageMenu", "&Language"));
        for (QAction* action : actions())
            action->setChecked(action->data().toString() == currentLanguage());
    }
};

} // namespace

QStringList availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("ru") };
}

QString nativeName(const QString& code)
{
    if (code == QLatin1String("fr"))
        return QStringLiteral("Français");
    if (code == QLatin1String("ru"))
        return QStringLiteral("Русский");
    return QStringLiteral("English");
}

QString startupLanguage()
{
    const QString saved = QSettings().value(settingsKey).toString();
    if (availableLanguages().contains(saved))
        return saved;
    for (const QString& name : QLocale::system().uiLanguages()) {
        const QString code = name.left(2).toLower();
        if (availableLanguages().contains(code))
            return code;
    }
    return QStringLiteral("en");
}

bool setLanguage(const QString& code, bool save)
{
    if (!availableLanguages().contains(code))
        return false;
    State& s = state();
    if (s.ours)
        QCoreApplication::removeTranslator(s.ours.get());
    if (s.qt)
        QCoreApplication::removeTranslator(s.qt.get());
    s.ours.reset();
    s.qt.reset();
    if (code != QLatin1String("en")) {
        auto ours = std::make_unique<QTranslator>();
        if (!ours->load(QStringLiteral(":/i18n/proclab_%1.qm").arg(code))) {
            qCWarning(lcUi) << "no compiled translation for" << code;
            return false;
        }
        QCoreApplication::installTranslator(ours.get());
        s.ours = std::move(ours);
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            s.qt = std::move(qt);
        }
    }
    s.language = code;
    if (save)
        QSettings().setValue(settingsKey, code);
    return true;
}

QString currentLanguage()
{
    return state().language;
}

QMenu* createLanguageMenu(QWidget* parent)
{
    return new LanguageMenu(parent);
}

} // namespace proclab::i18n
