// The collective forms of mpi-spmd: the programs a student writes when the data lives at rank 0 and the ranks
// share it out with MPI's collectives, instead of each worker making or mapping it (the pool's kernels). The same
// maths as the kernels (content/numeric.h), the same static decomposition as the generic form (rank r takes tasks
// [r*T/N, (r+1)*T/N), each a contiguous block of rows or queries), and the same per-task results for the engine's
// verify(). Every collective is framed by CollectiveBegin/End events with the bytes this rank moves in it.
//
//   kde     rank 0 makes the points and the queries; MPI_Bcast of the points, MPI_Scatterv of the queries, each
//           rank evaluates its queries, MPI_Gatherv of the densities to rank 0.
//   matmul  rank 0 makes A and B; MPI_Bcast of B, MPI_Scatterv of A's rows, each rank computes its rows of C,
//           MPI_Gatherv of C's rows to rank 0, which hands C to the engine (mpi::Output) for the check.
//   letters every rank counts its byte ranges of the files (which must be at the same path on every host), then
//           MPI_Reduce(MPI_SUM) of the histograms, letter by letter, to rank 0.

#include "rank.h"

#include "content/kernels.h"
#include "content/numeric.h"

#include <QCborArray>

#include <algorithm>
#include <climits>
#include <vector>

namespace proclab::mpiworker {

namespace {

// MPI counts are ints: a block that does not fit is refused before any rank sends it.
int mpiCount(qint64 n, Rank& rank, const char* what)
{
    if (n < 0 || n > INT_MAX)
        rank.fail(QStringLiteral("%1: %2 elements do not fit one MPI call (at most %3)")
                      .arg(QLatin1String(what))
                      .arg(n)
                      .arg(INT_MAX));
    return int(n);
}

// Per rank: where its block starts and how many elements it holds, for MPI_Scatterv/MPI_Gatherv. `span(t)` is task
// t's [begin, end) in elements; a rank without tasks holds none.
template<typename Span>
void blocks(int size, qint64 tasks, Span span, std::vector<int>* counts, std::vector<int>* displs, Rank& failer,
    const char* what)
{
    counts->assign(size_t(size), 0);
    displs->assign(size_t(size), 0);
    for (int r = 0; r < size; ++r) {
        const qint64 lo = r * tasks / size, hi = (r + 1) * tasks / size;
        const qint64 begin = lo < hi ? span(lo).first : 0;
        const qint64 end = lo < hi ? span(hi - 1).second : 0;
        (*counts)[size_t(r)] = mpiCount(end - begin, failer, what);
        (*displs)[size_t(r)] = mpiCount(begin, failer, what);
    }
}

} // namespace

Outcome Rank::spmdKde()
{
    // args [seed, n, d, queries, h, window, qBegin, qEnd], the same but the range in every task
    const QCborArray a0 = m_init.inputs.at(0).toArray();
    const quint64 seed = quint64(a0.at(0).toInteger());
    const qint64 n = a0.at(1).toInteger();
    const int d = int(a0.at(2).toInteger());
    const qint64 m = a0.at(3).toInteger();
    const double h = a0.at(4).toDouble();
    const numeric::Window window = numeric::windowOf(a0.at(5).toString());
    if (n < 1 || d < 1 || m < 1 || !(h > 0))
        fail(QStringLiteral("bad kde arguments"));
    const qint64 tasks = m_init.inputs.size();
    auto queryRange = [&](qint64 t) {
        const QCborArray a = m_init.inputs.at(t).toArray();
        return std::pair { a.at(6).toInteger(), a.at(7).toInteger() };
    };

    // Rank 0 holds the data; the others get the points whole and their queries.
    numeric::KdeData data;
    if (m_rank == 0)
        data = numeric::kdeData(seed, n, d, m);
    else
        data.points.resize(size_t(n * d));
    const int pointValues = mpiCount(n * d, *this, "MPI_Bcast of the points");
    collectiveBegin(mpi::Collective::Bcast, qint64(sizeof(double)) * pointValues, 0);
    MPI_Bcast(data.points.data(), pointValues, MPI_DOUBLE, 0, m_comm);
    collectiveEnd(mpi::Collective::Bcast, qint64(sizeof(double)) * pointValues, 0);

    std::vector<int> counts, displs; // in coordinates (queries x d)
    blocks(
        m_size, tasks,
        [&](qint64 t) {
            const auto [b, e] = queryRange(t);
            return std::pair { b * d, e * d };
        },
        &counts, &displs, *this, "MPI_Scatterv of the queries");
    const int mine = counts[size_t(m_rank)];
    std::vector<double> queries(size_t(std::max(mine, 1)));
    collectiveBegin(mpi::Collective::Scatterv, qint64(sizeof(double)) * mine, 0);
    MPI_Scatterv(m_rank == 0 ? data.queries.data() : nullptr, counts.data(), displs.data(), MPI_DOUBLE,
        queries.data(), mine, MPI_DOUBLE, 0, m_comm);
    collectiveEnd(mpi::Collective::Scatterv, qint64(sizeof(double)) * mine, 0);

    // This rank's queries, task by task, into one block of densities.
    const qint64 firstQuery = displs[size_t(m_rank)] / d;
    std::vector<double> densities(size_t(std::max<qint64>(mine / d, 1)));
    for (qint64 t = firstTask(); t < endTask(); ++t) {
        const std::pair<qint64, qint64> range = queryRange(t); // a lambda cannot capture a structured binding
        const qint64 qb = range.first, qe = range.second;
        task(t, m_rank, [&] {
            for (qint64 q = qb; q < qe; ++q)
                densities[size_t(q - firstQuery)] = numeric::kdeDensity(
                    data.points.data(), n, d, queries.data() + (q - firstQuery) * d, window, h, &m_ctx);
            return 0;
        });
    }

    // Every density to rank 0, in query order.
    std::vector<int> qCounts(counts.size()), qDispls(displs.size());
    for (size_t r = 0; r < counts.size(); ++r) {
        qCounts[r] = counts[r] / d;
        qDispls[r] = displs[r] / d;
    }
    std::vector<double> all(m_rank == 0 ? size_t(m) : 1);
    const int myDensities = qCounts[size_t(m_rank)];
    collectiveBegin(mpi::Collective::Gatherv, qint64(sizeof(double)) * myDensities, 0);
    MPI_Gatherv(densities.data(), myDensities, MPI_DOUBLE, all.data(), qCounts.data(), qDispls.data(), MPI_DOUBLE, 0,
        m_comm);
    collectiveEnd(mpi::Collective::Gatherv, qint64(sizeof(double)) * myDensities, 0);

    Outcome out;
    if (m_rank == 0)
        for (qint64 t = 0; t < tasks; ++t) { // the kernel's result: the densities of the task's queries
            const auto [qb, qe] = queryRange(t);
            QCborArray chunk;
            for (qint64 q = qb; q < qe; ++q)
                chunk.append(all[size_t(q)]);
            out.results.append(chunk);
        }
    return out;
}

Outcome Rank::spmdMatmul()
{
    // args [A name, B name, C name, n, row begin, row end, seed of A]: the names are the engine's shared buffers,
    // which only the engine's host has; here rank 0 makes A and B from the seed, as the engine did.
    const QCborArray a0 = m_init.inputs.at(0).toArray();
    const QString cName = a0.at(2).toString();
    const qint64 n = a0.at(3).toInteger();
    if (n < 1 || !a0.at(6).isInteger())
        fail(QStringLiteral("bad matmul arguments"));
    const quint64 seed = quint64(a0.at(6).toInteger());
    const qint64 tasks = m_init.inputs.size();
    auto rowRange = [&](qint64 t) {
        const QCborArray a = m_init.inputs.at(t).toArray();
        return std::pair { a.at(4).toInteger(), a.at(5).toInteger() };
    };

    const int values = mpiCount(n * n, *this, "MPI_Bcast of B");
    std::vector<double> A, B(static_cast<size_t>(values));
    if (m_rank == 0) {
        A.resize(size_t(values));
        numeric::fillMatrix(A.data(), values, seed);
        numeric::fillMatrix(B.data(), values, seed + 1);
    }
    collectiveBegin(mpi::Collective::Bcast, qint64(sizeof(double)) * values, 0);
    MPI_Bcast(B.data(), values, MPI_DOUBLE, 0, m_comm);
    collectiveEnd(mpi::Collective::Bcast, qint64(sizeof(double)) * values, 0);

    std::vector<int> counts, displs; // in matrix elements (rows x n)
    blocks(
        m_size, tasks,
        [&](qint64 t) {
            const auto [r0, r1] = rowRange(t);
            return std::pair { r0 * n, r1 * n };
        },
        &counts, &displs, *this, "MPI_Scatterv of A's rows");
    const int mine = counts[size_t(m_rank)];
    std::vector<double> rowsA(size_t(std::max(mine, 1))), rowsC(size_t(std::max(mine, 1)));
    collectiveBegin(mpi::Collective::Scatterv, qint64(sizeof(double)) * mine, 0);
    MPI_Scatterv(m_rank == 0 ? A.data() : nullptr, counts.data(), displs.data(), MPI_DOUBLE, rowsA.data(), mine,
        MPI_DOUBLE, 0, m_comm);
    collectiveEnd(mpi::Collective::Scatterv, qint64(sizeof(double)) * mine, 0);

    // This rank's rows of C, task by task; a task's result is the sum of the rows it wrote (as the kernel's).
    const qint64 firstRow = displs[size_t(m_rank)] / n;
    std::vector<double> sums;
    for (qint64 t = firstTask(); t < endTask(); ++t) {
        const std::pair<qint64, qint64> range = rowRange(t); // a lambda cannot capture a structured binding
        const qint64 r0 = range.first, r1 = range.second;
        sums.push_back(task(t, m_rank, [&] {
            numeric::multiplyRows(rowsA.data(), B.data(), rowsC.data(), n, r0 - firstRow, r1 - firstRow, &m_ctx);
            double sum = 0;
            for (qint64 i = (r0 - firstRow) * n; i < (r1 - firstRow) * n; ++i)
                sum += rowsC[size_t(i)];
            return sum;
        }));
    }

    // C's rows to rank 0, in order; then the sums, one per task.
    std::vector<double> C(m_rank == 0 ? size_t(values) : 1);
    collectiveBegin(mpi::Collective::Gatherv, qint64(sizeof(double)) * mine, 0);
    MPI_Gatherv(rowsC.data(), mine, MPI_DOUBLE, C.data(), counts.data(), displs.data(), MPI_DOUBLE, 0, m_comm);
    collectiveEnd(mpi::Collective::Gatherv, qint64(sizeof(double)) * mine, 0);
    std::vector<int> sumCounts(static_cast<size_t>(m_size)), sumDispls(static_cast<size_t>(m_size));
    for (int r = 0; r < m_size; ++r) {
        sumDispls[size_t(r)] = int(firstTaskOf(r));
        sumCounts[size_t(r)] = int(firstTaskOf(r + 1) - firstTaskOf(r));
    }
    std::vector<double> allSums(m_rank == 0 ? size_t(tasks) : 1);
    const int mySums = int(sums.size());
    sums.resize(std::max<size_t>(sums.size(), 1));
    collectiveBegin(mpi::Collective::Gatherv, qint64(sizeof(double)) * mySums, 0);
    MPI_Gatherv(sums.data(), mySums, MPI_DOUBLE, allSums.data(), sumCounts.data(), sumDispls.data(), MPI_DOUBLE, 0,
        m_comm);
    collectiveEnd(mpi::Collective::Gatherv, qint64(sizeof(double)) * mySums, 0);

    Outcome out;
    if (m_rank == 0) {
        const char* bytes = reinterpret_cast<const char*>(C.data());
        const qint64 size = qint64(C.size() * sizeof(double));
        for (qint64 at = 0; at < size; at += mpi::MaxOutputSlice) // in slices: a frame has a size limit
            m_ev.send(mpi::Output { cName, at,
                QByteArray(bytes + at, qsizetype(std::min<qint64>(mpi::MaxOutputSlice, size - at))) }
                          .encode());
        for (double s : allSums)
            out.results.append(s);
    }
    return out;
}

Outcome Rank::spmdLetters()
{
    // Each task counts one byte range (the kernel reads the file itself); this rank's counts are summed here.
    const int width = letterSlotCount() + 2; // the letters, the skipped bytes, the bytes read
    std::vector<qint64> local(size_t(width), 0), total(size_t(width), 0);
    QCborArray mine;
    for (qint64 t = firstTask(); t < endTask(); ++t) {
        const QCborValue r = runTask(t, m_rank); // [[count per letter slot], skipped bytes, bytes read]
        const auto counts = mpi::flattenCounts(r);
        if (!counts || int(counts->size()) != width)
            fail(QStringLiteral("task %1: the letters kernel returned no histogram of %2 counts").arg(t).arg(width));
        for (int i = 0; i < width; ++i)
            local[size_t(i)] += (*counts)[size_t(i)];
        mine.append(r);
    }
    // The textbook step: the histograms summed letter by letter at rank 0 (mpi4py: comm.Reduce(counts, total)).
    collectiveBegin(mpi::Collective::Reduce, qint64(sizeof(qint64)) * width, 0);
    MPI_Reduce(local.data(), total.data(), width, MPI_INT64_T, MPI_SUM, 0, m_comm);
    collectiveEnd(mpi::Collective::Reduce, qint64(sizeof(qint64)) * width, 0);
    Outcome out;
    if (m_rank == 0)
        for (qint64 c : total)
            out.reducedCounts.append(c);
    // Every task's counts too, so that the engine's verify() sees each range (and can cross-check the reduce).
    out.results = gatherResults(mine);
    return out;
}

} // namespace proclab::mpiworker
