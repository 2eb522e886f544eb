#pragma once

// The maths of the numeric workloads that more than one program runs: the pool's kernels and the engine's serial
// reference (workloads_numeric.cpp), and the MPI ranks' collective forms of the same computations
// (app/mpiworker/dataparallel.cpp), which receive the data by MPI_Bcast/MPI_Scatterv instead of making it.

#include <QString>
#include <QtGlobal>

#include <vector>

namespace proclab {

class TaskContext;

namespace numeric {

// ---- kde: Parzen-window density estimate ----

enum class Window { Gaussian, Hypercube };
Window windowOf(const QString& name); // "hypercube", else Gaussian

struct KdeData {
    qint64 n = 0;
    int d = 0;
    std::vector<double> points; // n x d
    std::vector<double> queries; // m x d
};

// Points from a mixture of two Gaussians, queries uniform over the box they mostly occupy; both from the seed.
KdeData kdeData(quint64 seed, qint64 n, int d, qint64 m);

// The density at one query x (d coordinates): (1/n) sum_i h^-d K((x - x_i)/h) over the n points (n x d).
// ctx, when given, is checkpointed (cancel, pause) every thousand points or so.
double kdeDensity(const double* points, qint64 n, int d, const double* x, Window window, double h, TaskContext* ctx);

// ---- matmul: C = A.B, n x n doubles, row-major ----

// count values uniform in [-1, 1) from the seed.
void fillMatrix(double* m, qint64 count, quint64 seed);
// Rows [r0, r1) of C = A.B, i-k-j order. `a` and `c` point at row 0 (the rows are at a + i*n, c + i*n).
void multiplyRows(const double* a, const double* b, double* c, qint64 n, qint64 r0, qint64 r1, TaskContext* ctx);

} // namespace numeric
} // namespace proclab
