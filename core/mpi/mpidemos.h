#pragma once

// The MPI demos: Open MPI's ranks exchanging messages the way the lesson on eager limits shows them, each beside
// its mpi4py program (resources/python/NAME.py, run with `mpirun -n 2 python3 NAME.py`).
//   mpi-exchange        ranks 2k and 2k+1 each MPI_Send 1 KiB to the other, then MPI_Recv: it works, because
//                       Open MPI buffers a message under its eager limit and MPI_Send returns at once
//   mpi-deadlock        the same program with 1 MiB: both MPI_Sends wait for a receive that never comes; the
//                       engine's wait-for graph (mpi/mpiwaitgraph.h) names the cycle and stops the job (exit code 5)
//   mpi-deadlock-fixed  1 MiB with MPI_Sendrecv: MPI pairs the two transfers itself

#include <QList>

namespace proclab {

class Demo;
QList<const Demo*> mpiDemos();

} // namespace proclab
