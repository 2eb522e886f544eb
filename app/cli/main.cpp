// proclab-cli: every demo, workload, sweep and benchmark, headless. One file per command; this one dispatches.
#include "common.h"

#include "base/platform.h"
#include "content/content.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace proclab::cli;

namespace {

int dispatch(const QStringList& arguments)
{
    if (arguments.size() < 2) {
        QTextStream(stderr) << Usage;
        return BadInput;
    }
    const QString command = arguments.at(1);
    QStringList rest = arguments;
    rest.removeAt(1); // QCommandLineParser expects argv[0] first
    if (command == QLatin1String("-h") || command == QLatin1String("--help") || command == QLatin1String("help")) {
        out() << Usage << Qt::flush;
        return Ok;
    }
    if (command == QLatin1String("--version")) {
        out() << "proclab-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    if (command == QLatin1String("list"))
        return cmdList(rest);
    if (command == QLatin1String("map"))
        return cmdMap(arguments);
    if (command == QLatin1String("run"))
        return cmdRun(arguments);
    if (command == QLatin1String("sweep"))
        return cmdSweep(arguments);
    if (command == QLatin1String("bench"))
        return cmdBench(rest);
    if (command == QLatin1String("demo"))
        return cmdDemo(arguments);
    if (command == QLatin1String("lesson"))
        return cmdLesson(arguments);
    if (command == QLatin1String("trace"))
        return cmdTrace(arguments);
    if (command == QLatin1String("python"))
        return cmdPython(arguments);
    if (command == QLatin1String("hosts"))
        return cmdHosts(arguments);
    return badInput(
        QStringLiteral("unknown command '%1' (list, map, run, sweep, demo, lesson, trace, python, hosts, bench; --help)")
            .arg(command));
}

} // namespace

int main(int argc, char** argv)
{
    proclab::platform::useUtf8Locale(); // first: Qt's own warning about a C locale would precede our errors
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("proclab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROCLAB_VERSION));
    proclab::registerContent();
    proclab::registerMpi();
    return dispatch(QCoreApplication::arguments());
}
