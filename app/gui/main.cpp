// proclab: the ProcLab window. The command line (ui/commandline.h) prepares slides: pick a workload (or a demo)
// and its settings, run it at once (animated, or as a scaling sweep), capture the window when it is done (or
// mid-run) and quit.

#include "base/platform.h"
#include "commandline.h"
#include "content/content.h"
#include "mainwindow.h"
#include "mpi/mpiexecutor.h"
#include "settingsstorage.h"
#include "translation.h"

#include <QApplication>
#include <QIcon>
#include <QStatusBar>
#include <QTextStream>

using namespace proclab;

namespace {

int usageError(const QString& message)
{
    QTextStream(stderr) << "proclab: " << message << Qt::endl;
    return 2;
}

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("ProcLab"));
    QCoreApplication::setOrganizationName(QStringLiteral("ProcLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROCLAB_VERSION));
}

} // namespace

int main(int argc, char* argv[])
{
    platform::useUtf8Locale(); // first: Qt's own warning about a C locale would precede our errors
    registerContent(); // first: the help lists the workloads
    registerMpi();
    // The command line is read before any window system is touched, so that --help, --version, the lists and a
    // mistyped option answer on a machine without a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    CommandLine commandLine;
    if (!commandLine.parse(arguments))
        return usageError(commandLine.error());
    if (commandLine.command().action != WindowCommand::Action::OpenWindow) {
        QCoreApplication textOnly(argc, argv);
        describeApplication();
        return commandLine.answerWithoutWindow();
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("ProcLab"));
    // The installed desktop entry and icon (resources/desktop, resources/icons): the desktop's name for this window.
    const QString appId = QStringLiteral("io.github.proclab.ProcLab");
    QGuiApplication::setDesktopFileName(appId);
    QApplication::setWindowIcon(QIcon::fromTheme(appId, QIcon(QStringLiteral(":/icons/%1.svg").arg(appId))));
    // A language given on the command line is for this session; one chosen from the menu is remembered.
    const QString language = commandLine.command().language;
    i18n::setLanguage(language.isEmpty() ? i18n::startupLanguage() : language, false);

    MainWindow window;
    if (!commandLine.apply(&window))
        return usageError(commandLine.error());
    // Said once, where it is seen: on stderr, and in the status bar for half a minute.
    if (const QString problem = settingsStorageProblem(); !problem.isEmpty()) {
        QTextStream(stderr) << "proclab: " << problem << Qt::endl;
        window.statusBar()->showMessage(problem, 30000);
    }
    commandLine.start(&window);
    return QApplication::exec();
}
