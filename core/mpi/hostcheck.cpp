#include "mpi/hostcheck.h"

#include "base/clock.h"
#include "base/platform.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>

#include <memory>

namespace proclab::mpi {

namespace {

// What the worker prints in --check-host mode (app/mpiworker/main.cpp): one line.
const QRegularExpression CheckLine(
    QStringLiteral("^PROCLAB-CHECK host=(.*) engine=(.*) mpi=(.*)$"), QRegularExpression::MultilineOption);

QString lastMeaningfulLine(const QString& text)
{
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (qsizetype i = lines.size() - 1; i >= 0; --i) {
        const QString l = lines.at(i).trimmed();
        if (!l.isEmpty() && !l.startsWith(QLatin1Char('-')) && !l.startsWith(QLatin1Char('*')))
            return l;
    }
    return {};
}

} // namespace

// mpirun's own words, read for what went wrong. Open MPI 4.1's help texts (help-orterun.txt, help-errmgr-base.txt,
// help-plm-rsh.txt) are stable enough to match; anything else is reported as it is.
// `transient`, when asked for, is whether the failure is worth asking once more: Open MPI's daemon was not heard back
// and the remote shell said nothing, or mpirun failed for a reason it did not name. A remote shell's own words (no
// route, refused, unknown name, permission), a missing worker, an engine out of reach or a refusal to run as root
// are what the host (or this machine) is, and are said at once.
HostCheck::Verdict classifyCheckOutput(const QString& text, QString* detail, bool* transient)
{
    bool ignored = false;
    bool& retry = transient ? *transient : ignored;
    retry = false;
    if (const auto m = CheckLine.match(text); m.hasMatch()) {
        const QString engine = m.captured(2).trimmed();
        if (engine == QLatin1String("ok"))
            return HostCheck::Verdict::Ready;
        *detail = engine;
        return HostCheck::Verdict::NoEngine;
    }
    // Open MPI wraps its help texts: read them with every run of white space as one space.
    const QString out = text.simplified();
    if (out.contains(QLatin1String("attempt to run as root"))) {
        *detail = QStringLiteral("Open MPI will not run as root: run ProcLab as a normal user (or set "
                                 "OMPI_ALLOW_RUN_AS_ROOT=1 and OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1)");
        return HostCheck::Verdict::Failed;
    }
    if (out.contains(QLatin1String("could not access or execute an executable"))
        || out.contains(QLatin1String("could not find an executable"))
        || out.contains(QLatin1String("error while loading shared libraries"))) {
        static const QRegularExpression lib(QStringLiteral("error while loading shared libraries: ([^\\n]*)"));
        const auto m = lib.match(text);
        *detail = m.hasMatch() ? QStringLiteral("the worker cannot start there: %1").arg(m.captured(1).trimmed())
                               : QStringLiteral("proclab-mpi-worker is not at that path there (or not executable)");
        return HostCheck::Verdict::NoWorker;
    }
    if (out.contains(QLatin1String("unable to reliably start one or more daemons"))
        || out.contains(QLatin1String("ORTE was unable")) || out.contains(QLatin1String("ssh:"))
        || out.contains(QLatin1String("Could not resolve hostname"))
        || out.contains(QLatin1String("Connection refused")) || out.contains(QLatin1String("Permission denied"))
        || out.contains(QLatin1String("No route to host"))) {
        static const QRegularExpression ssh(QStringLiteral("^(ssh: .*|.*Permission denied.*|.*Connection refused.*|"
                                                           ".*No route to host.*|.*Could not resolve hostname.*)$"),
            QRegularExpression::MultilineOption);
        const auto m = ssh.match(text);
        retry = !m.hasMatch();
        *detail = m.hasMatch() ? m.captured(1).trimmed()
                               : QStringLiteral("Open MPI could not start its daemon there (the remote shell failed)");
        return HostCheck::Verdict::Unreachable;
    }
    retry = true;
    *detail = lastMeaningfulLine(text);
    if (detail->isEmpty())
        *detail = QStringLiteral("mpirun said nothing");
    return HostCheck::Verdict::Failed;
}

std::optional<QList<HostfileEntry>> parseHostfile(const QStringList& lines, const QString& source, QString* error)
{
    QList<HostfileEntry> hosts;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i) + 1;
        const QString line = lines.at(i).section(QLatin1Char('#'), 0, 0).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList words = line.split(space, Qt::SkipEmptyParts);
        if (!name.match(words.first()).hasMatch()) {
            *error = QStringLiteral("%1:%2: not a host name: %3").arg(source).arg(lineNo).arg(words.first());
            return std::nullopt;
        }
        HostfileEntry e { words.first(), 1, lineNo };
        for (qsizetype w = 1; w < words.size(); ++w) {
            const QString key = words.at(w).section(QLatin1Char('='), 0, 0);
            bool ok = false;
            const int value = words.at(w).section(QLatin1Char('='), 1).toInt(&ok);
            if ((key != QLatin1String("slots") && key != QLatin1String("max_slots")
                    && key != QLatin1String("max-slots"))
                || !ok || value < 1) {
                *error = QStringLiteral("%1:%2: expected slots=N or max_slots=N, not %3")
                             .arg(source)
                             .arg(lineNo)
                             .arg(words.at(w));
                return std::nullopt;
            }
            if (key == QLatin1String("slots"))
                e.slotCount = value;
        }
        hosts << e;
    }
    if (hosts.isEmpty()) {
        *error = QStringLiteral("the hostfile %1 names no host").arg(source);
        return std::nullopt;
    }
    return hosts;
}

std::optional<QList<HostfileEntry>> readHostfile(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read the hostfile %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QStringList lines;
    while (!f.atEnd())
        lines << QString::fromLocal8Bit(f.readLine(64 * 1024));
    return parseHostfile(lines, path, error);
}

QString verdictName(HostCheck::Verdict v)
{
    switch (v) {
    case HostCheck::Verdict::Ready:
        return QStringLiteral("ready");
    case HostCheck::Verdict::Unreachable:
        return QStringLiteral("unreachable");
    case HostCheck::Verdict::NoWorker:
        return QStringLiteral("no worker");
    case HostCheck::Verdict::NoEngine:
        return QStringLiteral("no engine");
    case HostCheck::Verdict::Failed:
        break;
    }
    return QStringLiteral("failed");
}

QString describe(const HostCheck& c)
{
    QString s = QStringLiteral("%1 (%2 %3): %4")
                    .arg(c.host)
                    .arg(c.slotCount)
                    .arg(c.slotCount == 1 ? QStringLiteral("slot") : QStringLiteral("slots"), verdictName(c.verdict));
    if (c.verdict == HostCheck::Verdict::Ready)
        s += QStringLiteral(" - runs as %1, %2, reaches the engine").arg(c.reportedName, c.mpiVersion)
            + (c.detail.isEmpty() ? QString() : QStringLiteral("; ") + c.detail);
    else if (!c.detail.isEmpty())
        s += QStringLiteral(" - ") + c.detail;
    return s + QStringLiteral(" (%1 s)").arg(double(c.elapsedNs) / 1e9, 0, 'f', 1);
}

QList<HostCheck> checkHosts(const MpiOptions& options, const std::function<void(const HostCheck&)>& each, int timeoutMs)
{
    // Only mpirun is needed here: the worker is looked for on each host (where it is missing, that host says so).
    const QString mpirun = MpiJob::mpirunPath(options);
    if (mpirun.isEmpty() || !QFileInfo(mpirun).isExecutable())
        throw MpiError("mpirun was not found: install Open MPI (Debian: openmpi-bin)");
    const QString worker = options.workerPath.isEmpty() ? MpiJob::defaultWorkerPath() : options.workerPath;
    if (worker.isEmpty())
        throw MpiError("no proclab-mpi-worker to look for: ProcLab was built without MPI (libopenmpi-dev)");
    if (options.hostfile.isEmpty())
        throw MpiError("no hostfile to check (--hosts FILE)");
    QString error;
    const auto hosts = readHostfile(options.hostfile, &error);
    if (!hosts)
        throw MpiError(error.toStdString());

    // Listen as a run does (on every interface with a hostfile), so that the workers' connect-back is a real test.
    QString engine;
    int fd = MpiJob::listenForRanks(options, &engine);
    const auto closeListener = qScopeGuard([&] { platform::closeFd(fd); });

    struct Probe {
        HostCheck check;
        std::unique_ptr<QProcess> process;
        qint64 startNs = 0;
        int attempts = 0;
        QString firstAnswer; // what the first attempt said, when it was tried again
        bool done = false;
    };
    const auto start = [&](Probe& p) {
        p.process = std::make_unique<QProcess>();
        p.process->setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(EngineEnv), engine);
        p.process->setProcessEnvironment(env);
        QStringList args { QStringLiteral("-n"), QStringLiteral("1"), QStringLiteral("--host"),
            p.check.host + QStringLiteral(":1") };
        if (options.allowRunAsRoot)
            args << QStringLiteral("--allow-run-as-root");
        if (!options.rshAgent.isEmpty())
            args << QStringLiteral("--mca") << QStringLiteral("plm_rsh_agent") << options.rshAgent;
        args << QStringLiteral("-x") << QString::fromLatin1(EngineEnv) << options.extraMpirunArgs << worker
             << QStringLiteral("--check-host");
        ++p.attempts;
        p.process->start(mpirun, args);
    };
    std::vector<Probe> probes;
    for (const HostfileEntry& h : *hosts) {
        Probe p;
        p.check.host = h.host;
        p.check.slotCount = h.slotCount;
        p.startNs = monotonicNs();
        start(p);
        probes.push_back(std::move(p));
    }

    const qint64 deadline = monotonicNs() + qint64(timeoutMs) * 1'000'000;
    QList<HostCheck> out;
    for (;;) {
        bool pending = false;
        for (Probe& p : probes) {
            if (p.done)
                continue;
            const bool finished = p.process->state() == QProcess::NotRunning || p.process->waitForFinished(20);
            const bool stopped = options.cancelled && options.cancelled();
            if (!finished && !stopped && monotonicNs() < deadline) {
                pending = true;
                continue;
            }
            if (!finished) { // no answer in time: a host that swallows ssh's packets, a daemon that never reports
                p.process->terminate(); // mpirun's SIGTERM ends its daemons
                if (!p.process->waitForFinished(3000))
                    p.process->kill();
                p.process->waitForFinished(3000);
                p.check.verdict = stopped ? HostCheck::Verdict::Failed : HostCheck::Verdict::Unreachable;
                p.check.detail = stopped ? QStringLiteral("the check was stopped")
                                         : QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000);
            } else {
                const QString text = QString::fromLocal8Bit(p.process->readAll());
                bool transient = false;
                p.check.verdict = classifyCheckOutput(text, &p.check.detail, &transient);
                if (const auto m = CheckLine.match(text); m.hasMatch()) {
                    p.check.reportedName = m.captured(1).trimmed();
                    p.check.mpiVersion = m.captured(3).trimmed();
                }
                if (p.process->error() == QProcess::FailedToStart) {
                    p.check.verdict = HostCheck::Verdict::Failed;
                    p.check.detail = QStringLiteral("cannot start %1").arg(mpirun);
                } else if (p.attempts == 1 && !stopped && transient) {
                    // Open MPI's daemon did not report back in time (a busy machine, the teacher's or the host's):
                    // not the host's fault yet. Asked once more before it is called unreachable.
                    p.firstAnswer = p.check.detail;
                    start(p);
                    pending = true;
                    continue;
                }
                if (p.attempts > 1)
                    p.check.detail = p.check.verdict == HostCheck::Verdict::Ready
                        ? QStringLiteral("answered when asked again (the first time: %1)").arg(p.firstAnswer)
                        : p.check.detail + QStringLiteral(" (asked twice)");
            }
            p.check.elapsedNs = monotonicNs() - p.startNs;
            p.done = true;
            if (each)
                each(p.check);
        }
        if (!pending)
            break;
    }
    for (const Probe& p : probes)
        out << p.check;
    return out;
}

} // namespace proclab::mpi
