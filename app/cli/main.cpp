// proclab-cli: every demo, workload, sweep and benchmark, headless.
#include "cli.h"

#include "content/content.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("proclab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROCLAB_VERSION));
    proclab::registerContent();
    return proclab::cli::run(QCoreApplication::arguments());
}
