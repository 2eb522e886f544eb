#pragma once

// The interface language: English (the source texts), French or Russian. Our translations are compiled into
// the binary (:/i18n/proclab_<code>.qm, from resources/translations/*.ts); Qt's own (standard buttons and
// dialogs) come from Qt's translations folder when installed. Installing a translator makes Qt send
// QEvent::LanguageChange to every widget, which retranslates itself.
//
// Updating the .ts files after changing texts: `cmake --build <build> --target update_translations` (see
// resources/translations/README.md).

#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace proclab::i18n {

QStringList availableLanguages(); // "en", "fr", "ru"
QString nativeName(const QString& code); // "English", "Français", "Русский"

// The language to start with: the saved choice (QSettings "ui/language"), else the system locale's if we
// have it, else English.
QString startupLanguage();
// Installs the translators for `code` (GUI thread) and remembers it when `save`; false for an unknown code.
bool setLanguage(const QString& code, bool save = true);
QString currentLanguage();

// A "Language" menu with one checkable action per language, kept in step with setLanguage().
QMenu* createLanguageMenu(QWidget* parent);

} // namespace proclab::i18n
