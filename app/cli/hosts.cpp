// proclab-cli hosts --hosts FILE: "check hosts" before a class runs MPI across the lab (core/mpi/hostcheck.h).

#include "common.h"

#include "mpi/hostcheck.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

namespace proclab::cli {

int cmdHosts(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption({ { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("help") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("JSON output") });
    p.addOption({ QStringLiteral("timeout"), QStringLiteral("seconds per host"), QStringLiteral("S") });
    addMpiOptions(p);
    if (auto r = parse(p, args))
        return *r;
    if (p.positionalArguments().size() > 1)
        return badInput(QStringLiteral("hosts takes no arguments: proclab-cli hosts --hosts FILE"));
    if (!p.isSet(QStringLiteral("hosts")))
        return badInput(QStringLiteral("hosts needs --hosts FILE (an Open MPI hostfile, \"nodeA slots=2\" per line)"));
    if (const QString e = readMpiOptions(p); !e.isEmpty())
        return badInput(e);
    int timeoutS = 30;
    if (p.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        timeoutS = p.value(QStringLiteral("timeout")).toInt(&ok);
        if (!ok || timeoutS < 1 || timeoutS > 3600)
            return badInput(QStringLiteral("--timeout: seconds from 1 to 3600, not '%1'")
                                .arg(p.value(QStringLiteral("timeout"))));
    }
    const MpiOptions o = mpiDefaults();
    QString error;
    if (!mpi::readHostfile(o.hostfile, &error))
        return badInput(error);
    const bool json = p.isSet(QStringLiteral("json"));
    if (!json)
        out() << "checking every host of " << o.hostfile << " at once; ranks will connect back to "
              << MpiJob::engineAddress(o) << Qt::endl;
    QList<mpi::HostCheck> checks;
    try {
        checks = mpi::checkHosts(
            o,
            [&](const mpi::HostCheck& c) {
                if (!json)
                    out() << describe(c) << Qt::endl;
            },
            timeoutS * 1000);
    } catch (const std::exception& e) {
        QTextStream(stderr) << "proclab-cli: " << e.what() << Qt::endl;
        return EngineError;
    }
    int ready = 0, readySlots = 0;
    QJsonArray hosts;
    for (const mpi::HostCheck& c : checks) {
        if (c.verdict == mpi::HostCheck::Verdict::Ready) {
            ++ready;
            readySlots += c.slotCount;
        }
        hosts.append(QJsonObject { { QStringLiteral("host"), c.host }, { QStringLiteral("slots"), c.slotCount },
            { QStringLiteral("verdict"), mpi::verdictName(c.verdict) }, { QStringLiteral("detail"), c.detail },
            { QStringLiteral("reported_name"), c.reportedName }, { QStringLiteral("mpi"), c.mpiVersion },
            { QStringLiteral("elapsed_s"), double(c.elapsedNs) / 1e9 } });
    }
    if (json)
        printJson({ { QStringLiteral("hostfile"), o.hostfile }, { QStringLiteral("engine"), MpiJob::engineAddress(o) },
            { QStringLiteral("hosts"), hosts }, { QStringLiteral("ready"), ready },
            { QStringLiteral("ready_slots"), readySlots } });
    else
        out() << ready << " of " << checks.size() << " host(s) ready, " << readySlots << " slot(s)" << Qt::endl;
    return ready == checks.size() ? Ok : EngineError;
}

} // namespace proclab::cli
