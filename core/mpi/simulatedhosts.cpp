#include "mpi/simulatedhosts.h"

#include "mpi/hostcheck.h"
#include "mpi/mpiexecutor.h"

#include <QFile>

namespace proclab::mpi {

namespace {

// ssh [options] HOST COMMAND...: drops the options and runs the command here, as HOST.
constexpr char RemoteShell[] = "#!/bin/sh\n"
                               "# ProcLab's simulated lab: every host is this machine (see mpi/simulatedhosts.h)\n"
                               "while [ $# -gt 0 ]; do case \"$1\" in -*) shift ;; *) break ;; esac; done\n"
                               "host=$1; shift\n"
                               "export PROCLAB_FAKE_HOST=\"$host\"\n"
                               "exec /bin/sh -c \"$*\"\n";

} // namespace

SimulatedHosts::SimulatedHosts(const QList<HostfileEntry>& hosts)
    : m_previous(mpiDefaults())
    , m_options(m_previous)
{
    QFile hostfile(m_dir.filePath(QStringLiteral("hosts")));
    QFile shell(m_dir.filePath(QStringLiteral("simulated-ssh")));
    QByteArray text;
    for (const HostfileEntry& h : hosts)
        text += QStringLiteral("%1 slots=%2\n").arg(h.host).arg(h.slotCount).toLocal8Bit();
    if (!m_dir.isValid() || hosts.isEmpty() || !hostfile.open(QIODevice::WriteOnly) || hostfile.write(text) < 0
        || !shell.open(QIODevice::WriteOnly) || shell.write(RemoteShell) < 0) {
        m_error = QStringLiteral("cannot write the simulated hosts' files in %1").arg(m_dir.path());
        return;
    }
    hostfile.close();
    shell.close();
    shell.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_options.hostfile = hostfile.fileName();
    m_options.rshAgent = shell.fileName();
    // Every host is this machine: Open MPI's daemons and ranks keep to loopback (its default tries every interface,
    // and a busy machine's daemon that picked a slow one was not heard in time), and the ranks connect back there.
    m_options.listenAddress = QStringLiteral("127.0.0.1");
    m_options.extraEnvironment << QStringLiteral("OMPI_MCA_oob_tcp_if_include=lo")
                               << QStringLiteral("OMPI_MCA_btl_tcp_if_include=lo");
    setMpiDefaults(m_options);
}

SimulatedHosts::~SimulatedHosts()
{
    if (m_error.isEmpty())
        setMpiDefaults(m_previous);
}

} // namespace proclab::mpi
