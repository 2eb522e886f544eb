#include "settingsstorage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

#include <unistd.h>

namespace proclab {

QString settingsStorageProblem()
{
    if (qEnvironmentVariableIsEmpty("HOME"))
        return QCoreApplication::translate(
            "SettingsStorage", "HOME is not set: settings, overlays and answers will not be saved.");
    const QSettings settings;
    const QFileInfo file(settings.fileName());
    // The nearest folder that exists on the way to the settings file is where something must be created.
    QString dir = file.absolutePath();
    while (!QFileInfo::exists(dir) && QFileInfo(dir).absolutePath() != dir)
        dir = QFileInfo(dir).absolutePath();
    const QString target = file.exists() ? file.absoluteFilePath() : dir;
    if (::access(QFile::encodeName(target).constData(), W_OK) != 0)
        return QCoreApplication::translate(
            "SettingsStorage", "%1 cannot be written: settings, overlays and answers will not be saved.")
            .arg(QDir::toNativeSeparators(target));
    return {};
}

} // namespace proclab
