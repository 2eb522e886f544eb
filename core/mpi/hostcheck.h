#pragma once

// "Check hosts": before a class runs MPI across the lab, which machines of the hostfile can take ranks. Each host
// is asked the way a real run asks it: `mpirun --host H -n 1 proclab-mpi-worker --check-host`, through the same
// remote shell (ssh, or --rsh-agent) and Open MPI daemon, so what fails here fails a run. The worker, started on
// the host, says where it runs and which MPI it links, and tries to connect back to the engine's address (a
// firewall between the lab's machines and the teacher's is the usual surprise). Qt Core and POSIX only.

#include "mpi/mpijob.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace proclab::mpi {

// One line of an Open MPI hostfile: "nodeA slots=2 max_slots=4", '#' starts a comment.
struct HostfileEntry {
    QString host;
    int slotCount = 1; // Open MPI's default without slots= is the host's cores; 1 here, where we cannot know them
    int line = 0;
};
// The hosts in file order; nullopt with a one-line reason (the line) for an unreadable or malformed file.
std::optional<QList<HostfileEntry>> readHostfile(const QString& path, QString* error);
// The same for a hostfile's lines already in hand ("nodeA slots=2", as a lesson lists its simulated hosts); `source`
// names them in the errors ("simulated hosts:2: ...").
std::optional<QList<HostfileEntry>> parseHostfile(const QStringList& lines, const QString& source, QString* error);

struct HostCheck {
    enum class Verdict {
        Ready, // the worker ran there and reached the engine
        Unreachable, // the remote shell or Open MPI's daemon could not be started there (or no answer in time)
        NoWorker, // the host answered, but proclab-mpi-worker is not at that path there, or cannot run
        NoEngine, // the worker ran, but cannot connect back to the engine's address (a firewall, a route)
        Failed, // anything else: `detail` has mpirun's words
    };
    QString host;
    int slotCount = 1;
    Verdict verdict = Verdict::Failed;
    QString detail; // what the host or mpirun said, one line
    QString reportedName; // the host's own name for itself, when the worker ran
    QString mpiVersion; // the MPI library the worker links there
    qint64 elapsedNs = 0;
};
QString verdictName(HostCheck::Verdict v);
// What one host's `mpirun ... --check-host` printed (stdout and stderr), read: the worker's own line, or Open MPI's
// words for a daemon it could not start or an executable it could not run. `detail` gets the line that says why;
// `transient`, if given, whether the failure is worth asking once more (an Open MPI daemon not heard back with no
// word from the remote shell, or mpirun failing for a reason it does not name): what checkHosts() retries.
HostCheck::Verdict classifyCheckOutput(const QString& mpirunOutput, QString* detail, bool* transient = nullptr);
QString describe(const HostCheck& c); // "nodeB (2 slots): unreachable - ssh: connect to host nodeB port 22: ..."

// Checks every host of options.hostfile at once (one mpirun each, in parallel), within timeoutMs. `each` is called on
// the calling thread as each host's answer arrives. The engine listens on its address meanwhile, as for a run.
// options.cancelled, polled, stops the hosts still being asked (terminated, "the check was stopped"). Throws MpiError
// when there is nothing to check (no mpirun, no hostfile, an unreadable one).
QList<HostCheck> checkHosts(
    const MpiOptions& options, const std::function<void(const HostCheck&)>& each = {}, int timeoutMs = 30'000);

} // namespace proclab::mpi
