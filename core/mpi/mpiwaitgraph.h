#pragma once

// Who waits for whom among an MPI job's ranks, from their events alone: a rank inside a blocking MPI_Send
// (MpiSendWait) waits for its peer to post the matching receive; a rank inside MPI_Recv from a given rank
// (MpiRecvWait) waits for that rank to send. Any later event of the rank means the call returned. A cycle of ranks,
// each waiting for the next in a way the next one's own call cannot satisfy (both sending to each other, say), that
// lasts is a deadlock: the textbook send/send exchange once messages are too large for Open MPI to buffer (eager
// limit). A receive from any rank and the collectives are left out. Not thread-safe.

#include "base/event.h"

#include <QStringList>

#include <functional>
#include <map>
#include <vector>

namespace proclab::mpi {

class WaitGraph {
public:
    struct Wait {
        int rank = -1;
        bool send = false; // in MPI_Send (else MPI_Recv)
        int peer = -1;
        qint64 bytes = -1; // a send's message size
        qint64 sinceNs = 0; // when the engine learnt of it (its own clock)
    };

    // A rank's event (its worker is the rank), received at nowNs.
    void apply(const Event& e, qint64 nowNs);
    void rankGone(int rank); // its socket closed: it waits for nothing
    void clear() { m_waits.clear(); }

    // The ranks of a cycle in which every wait is unmatched and older than persistNs at nowNs, in the order the
    // waits follow each other; empty when there is none.
    std::vector<Wait> deadlock(qint64 nowNs, qint64 persistNs) const;
    // "rank 0 on nodeA is in MPI_Send to rank 1 (1048576 bytes)", one line per wait.
    static QStringList describe(const std::vector<Wait>& cycle, const std::function<QString(int)>& nameOfRank);

private:
    bool satisfies(const Wait& waiter, const Wait* peer) const;
    std::map<int, Wait> m_waits; // rank -> its blocking call
};

} // namespace proclab::mpi
