#pragma once

// A lab of MPI hosts simulated on this machine, for a lesson or a demonstration where there is only one computer:
// an Open MPI hostfile of invented names and a remote shell that runs every "host" here, telling the processes it
// starts which host they are on ($PROCLAB_FAKE_HOST, which the ranks report). Open MPI still starts one daemon per
// host and connects the ranks over TCP (loopback), so the stage groups the ranks by host and draws the messages
// between hosts as it does for real machines. While a SimulatedHosts lives, every MPI run made through execute()
// uses it (setMpiDefaults); the previous defaults come back when it goes.

#include "mpi/mpijob.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>

namespace proclab::mpi {

struct HostfileEntry;

class SimulatedHosts {
public:
    explicit SimulatedHosts(const QList<HostfileEntry>& hosts);
    ~SimulatedHosts();
    SimulatedHosts(const SimulatedHosts&) = delete;
    SimulatedHosts& operator=(const SimulatedHosts&) = delete;

    // Empty when in place, else why not (the files could not be written).
    const QString& error() const { return m_error; }
    // The options it put in place (hostfile, remote shell, loopback), for an MpiJob made directly.
    const MpiOptions& options() const { return m_options; }

private:
    QTemporaryDir m_dir;
    MpiOptions m_previous;
    MpiOptions m_options;
    QString m_error;
};

} // namespace proclab::mpi
