#include "rank.h"

#include "base/clock.h"

#include <algorithm>
#include <ctime>
#include <deque>
#include <mutex>
#include <pthread.h>
#include <utility>
#include <vector>

namespace proclab::mpiworker {

namespace {
qint64 g_skewNs = 0;
clockid_t g_mainCpuClock = CLOCK_THREAD_CPUTIME_ID; // set by markMainThread()
qint64 g_stallInSendNs = 0; // $PROCLAB_MPI_STALL_IN_SEND_MS, tests only
std::mutex g_goneMutex;
std::vector<int> g_gone; // guarded by g_goneMutex
}

void noteRankGone(int rank)
{
    std::lock_guard lock(g_goneMutex);
    g_gone.push_back(rank);
}

std::vector<int> takeGoneRanks()
{
    std::lock_guard lock(g_goneMutex);
    return std::exchange(g_gone, {});
}

qint64 rankNow()
{
    return monotonicNs() + g_skewNs;
}

void setClockSkew(qint64 ns)
{
    g_skewNs = ns;
}

void markMainThread()
{
    clockid_t clock {};
    if (::pthread_getcpuclockid(::pthread_self(), &clock) == 0)
        g_mainCpuClock = clock;
    g_stallInSendNs = qEnvironmentVariable(mpi::StallSendEnv).toLongLong() * 1'000'000;
}

qint64 mainThreadCpuNs()
{
    timespec ts {};
    if (::clock_gettime(g_mainCpuClock, &ts) != 0)
        return -1;
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

Rank::Rank(Channel& ev, const mpi::Init& init, MPI_Comm comm)
    : m_ev(ev)
    , m_init(init)
    , m_comm(comm)
{
    MPI_Comm_rank(comm, &m_rank);
    MPI_Comm_size(comm, &m_size);
    if (init.shape != mpi::Shape::Exchange) {
        QString error;
        m_kernel = createKernel(Function::named(init.kernel, init.config), &error);
        if (!m_kernel)
            fail(error);
    }
    m_ctx.worker = m_rank;
    m_ctx.processName = QStringLiteral("rank %1").arg(m_rank);
}

void Rank::fail(const QString& why)
{
    m_ev.flushEvents();
    m_ev.send({ int(mpi::Msg::Failed), why });
    MPI_Abort(MPI_COMM_WORLD, 1);
    ::_exit(1);
}

void Rank::collectiveBegin(mpi::Collective op, qint64 bytes, int root)
{
    m_ev.emitEvent(EventKind::CollectiveBegin, qint32(op), bytes, root);
    m_ev.flushEvents();
}

void Rank::collectiveEnd(mpi::Collective op, qint64 bytes, int root)
{
    m_ev.emitEvent(EventKind::CollectiveEnd, qint32(op), bytes, root);
}

Outcome Rank::spmd()
{
    if (m_init.kernel == QLatin1String("kde"))
        return spmdKde();
    if (m_init.kernel == QLatin1String("matmul.rows"))
        return spmdMatmul();
    if (m_init.kernel == QLatin1String("letters"))
        return spmdLetters();
    return spmdGeneric();
}

Outcome Rank::spmdGeneric()
{
    QCborArray mine;
    qint64 sum[2] = { 0, 0 }; // the integer results' sum, the number of results that are not integers
    for (qint64 t = firstTask(); t < endTask(); ++t) {
        const QCborValue r = runTask(t, m_rank);
        mine.append(r);
        if (r.isInteger())
            sum[0] += r.toInteger();
        else
            ++sum[1];
    }
    // The textbook step: every rank's partial count summed at rank 0.
    qint64 total[2] = { 0, 0 };
    collectiveBegin(mpi::Collective::Reduce, sizeof sum, 0);
    MPI_Reduce(sum, total, 2, MPI_INT64_T, MPI_SUM, 0, m_comm);
    collectiveEnd(mpi::Collective::Reduce, sizeof sum, 0);
    Outcome out;
    if (m_rank == 0 && total[1] == 0)
        out.reducedSum = total[0];
    out.results = gatherResults(mine);
    return out;
}

QCborArray Rank::gatherResults(const QCborArray& mine)
{
    const QByteArray bytes = QCborValue(mine).toCbor();
    int length = int(bytes.size());
    std::vector<int> lengths(static_cast<size_t>(m_size));
    std::vector<int> offsets(static_cast<size_t>(m_size));
    collectiveBegin(mpi::Collective::Gather, sizeof length, 0);
    MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, m_comm);
    collectiveEnd(mpi::Collective::Gather, sizeof length, 0);
    int totalBytes = 0;
    for (int r = 0; r < m_size; ++r) {
        offsets[size_t(r)] = totalBytes;
        totalBytes += lengths[size_t(r)];
    }
    QByteArray all(m_rank == 0 ? std::max(totalBytes, 1) : 1, '\0');
    collectiveBegin(mpi::Collective::Gatherv, length, 0);
    MPI_Gatherv(bytes.constData(), length, MPI_BYTE, all.data(), lengths.data(), offsets.data(), MPI_BYTE, 0,
        m_comm);
    collectiveEnd(mpi::Collective::Gatherv, length, 0);
    QCborArray results;
    if (m_rank == 0)
        for (int r = 0; r < m_size; ++r)
            for (const QCborValue& v : QCborValue::fromCbor(all.mid(offsets[size_t(r)], lengths[size_t(r)])).toArray())
                results.append(v);
    return results;
}

Outcome Rank::farm()
{
    Outcome out;
    const qint64 n = m_init.inputs.size();
    const qint64 cs = m_init.chunksize;
    const qint64 chunks = (n + cs - 1) / cs;
    QCborArray results;
    if (m_rank == 0) {
        std::vector<QCborValue> byTask(static_cast<size_t>(n));
        if (m_size == 1) { // nobody to deal to
            for (qint64 c = 0; c < chunks; ++c)
                for (qint64 t = c * cs; t < std::min(n, (c + 1) * cs); ++t)
                    byTask[size_t(t)] = runTask(t, qint32(c));
        } else {
            qint64 next = 0;
            int working = m_size - 1;
            // Survive mode: who is gone, which chunk each rank holds (to deal it again if it dies), the chunks to
            // deal again before new ones. A send that fails marks its rank gone, as the engine's word does.
            std::vector<bool> gone(size_t(m_size), false);
            std::vector<qint64> holding(size_t(m_size), -1);
            std::deque<qint64> again;
            if (m_init.survive)
                MPI_Comm_set_errhandler(m_comm, MPI_ERRORS_RETURN);
            const auto lose = [&](int r) {
                if (r <= 0 || r >= m_size || gone[size_t(r)])
                    return;
                gone[size_t(r)] = true;
                --working;
                if (holding[size_t(r)] >= 0)
                    again.push_back(holding[size_t(r)]);
                holding[size_t(r)] = -1;
            };
            const auto runChunk = [&](qint64 c) {
                for (qint64 t = c * cs; t < std::min(n, (c + 1) * cs); ++t)
                    byTask[size_t(t)] = runTask(t, qint32(c));
            };
            while (working > 0) {
                MPI_Status status;
                m_ev.emitEvent(EventKind::MpiRecvWait, -1, -1, -1);
                m_ev.flushEvents();
                if (m_init.survive) {
                    // A receive from a dead rank would wait for ever: poll, and hear the engine between polls.
                    int arrived = 0;
                    while (!arrived && working > 0) {
                        for (int r : takeGoneRanks())
                            lose(r);
                        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, m_comm, &arrived, &status);
                    }
                    if (!arrived)
                        break; // nobody is left to deal to
                }
                const QByteArray msg = m_init.survive ? recvFrom(status.MPI_SOURCE, &status) : recvAny(&status);
                const int from = status.MPI_SOURCE;
                holding[size_t(from)] = -1;
                if (status.MPI_TAG == mpi::TagResult) {
                    const QCborArray r = QCborValue::fromCbor(msg).toArray(); // [chunk, first, [results]]
                    const qint64 first = r.at(1).toInteger();
                    const QCborArray values = r.at(2).toArray();
                    for (qsizetype i = 0; i < values.size() && first + i < n; ++i)
                        byTask[size_t(first + i)] = values.at(i);
                    m_ev.emitEvent(EventKind::MpiRecv, mpi::TagResult, r.at(0).toInteger(), from);
                } else {
                    m_ev.emitEvent(EventKind::MpiRecv, status.MPI_TAG, -1, from);
                }
                if (gone[size_t(from)])
                    continue; // sent before it died: its results are kept, it gets nothing more
                if (!again.empty() || next < chunks) {
                    qint64 c = next;
                    if (again.empty()) {
                        ++next;
                    } else {
                        c = again.front();
                        again.pop_front();
                    }
                    const qint64 first = c * cs;
                    const QByteArray work = QCborValue(QCborArray { c, first, std::min(cs, n - first) }).toCbor();
                    holding[size_t(from)] = c;
                    if (!send(work, from, mpi::TagWork, c)) {
                        holding[size_t(from)] = -1;
                        again.push_front(c);
                        lose(from);
                    }
                } else {
                    send({}, from, mpi::TagStop, -1);
                    --working;
                }
            }
            // Chunks of dead ranks that nobody was left to take: rank 0 computes them itself.
            for (; !again.empty(); again.pop_front())
                runChunk(again.front());
            for (; next < chunks; ++next)
                runChunk(next);
        }
        qint64 sum = 0;
        bool ints = true;
        for (const QCborValue& v : byTask) {
            results.append(v);
            ints = ints && v.isInteger();
            sum += v.isInteger() ? v.toInteger() : 0;
        }
        if (ints)
            out.reducedSum = sum;
        out.results = results;
        return out;
    }
    // A worker: "ready", then work until "stop"; each result asks for the next chunk.
    send({}, 0, mpi::TagReady, -1);
    for (;;) {
        MPI_Status status;
        m_ev.emitEvent(EventKind::MpiRecvWait, -1, -1, 0);
        m_ev.flushEvents();
        const QByteArray msg = recvFrom(0, &status);
        if (status.MPI_TAG == mpi::TagStop) {
            m_ev.emitEvent(EventKind::MpiRecv, mpi::TagStop, -1, 0);
            break;
        }
        const QCborArray w = QCborValue::fromCbor(msg).toArray(); // [chunk, first, count]
        const qint64 chunk = w.at(0).toInteger(), first = w.at(1).toInteger(), count = w.at(2).toInteger();
        m_ev.emitEvent(EventKind::MpiRecv, mpi::TagWork, chunk, 0);
        QCborArray values;
        for (qint64 t = first; t < first + count; ++t)
            values.append(runTask(t, qint32(chunk)));
        send(QCborValue(QCborArray { chunk, first, values }).toCbor(), 0, mpi::TagResult, chunk);
    }
    return out;
}

// An odd last rank sits out. A verdict is true when the partner's bytes arrived intact, null with no partner.
Outcome Rank::exchange()
{
    const auto x = mpi::Exchange::fromConfig(m_init.config);
    if (!x)
        fail(QStringLiteral("malformed exchange program"));
    if (x->order == mpi::Exchange::Order::PingPong)
        return pingPong(*x);
    const int partner = m_rank ^ 1;
    int verdict = -1; // no partner
    if (partner < m_size) {
        if (m_init.paceNs > 0)
            m_ctx.sleepNs(m_init.paceNs);
        const QByteArray mine(x->bytes, char('A' + m_rank % 26));
        QByteArray theirs(std::max<qint64>(x->bytes, 1), '\0');
        MPI_Status status;
        if (x->order == mpi::Exchange::Order::SendFirst) {
            // The textbook mistake: both partners send first. MPI_Send may return as soon as the message is
            // buffered (small messages) or only once the partner receives it (large ones): then neither returns.
            send(mine, partner, mpi::TagExchange, -1);
            m_ev.emitEvent(EventKind::MpiRecvWait, -1, -1, partner);
            m_ev.flushEvents();
            MPI_Recv(theirs.data(), int(x->bytes), MPI_BYTE, partner, mpi::TagExchange, m_comm, &status);
            m_ev.emitEvent(EventKind::MpiRecv, mpi::TagExchange, -1, partner);
        } else {
            m_ev.emitEvent(EventKind::MpiSendWait, mpi::TagExchange, x->bytes, partner);
            m_ev.flushEvents();
            MPI_Sendrecv(mine.constData(), int(x->bytes), MPI_BYTE, partner, mpi::TagExchange, theirs.data(),
                int(x->bytes), MPI_BYTE, partner, mpi::TagExchange, m_comm, &status);
            m_ev.emitEvent(EventKind::MpiSend, mpi::TagExchange, -1, partner);
            m_ev.emitEvent(EventKind::MpiRecv, mpi::TagExchange, -1, partner);
        }
        theirs.truncate(x->bytes);
        verdict = theirs == QByteArray(x->bytes, char('A' + partner % 26)) ? 1 : 0;
    }
    std::vector<int> verdicts(static_cast<size_t>(m_size));
    collectiveBegin(mpi::Collective::Gather, sizeof verdict, 0);
    MPI_Gather(&verdict, 1, MPI_INT, verdicts.data(), 1, MPI_INT, 0, m_comm);
    collectiveEnd(mpi::Collective::Gather, sizeof verdict, 0);
    QCborArray results;
    if (m_rank == 0)
        for (int v : verdicts)
            results.append(v < 0 ? QCborValue(QCborValue::Null) : QCborValue(v == 1));
    return { results, std::nullopt, {} };
}

Outcome Rank::pingPong(const mpi::Exchange& x)
{
    const int partner = m_rank ^ 1;
    const bool pinger = m_rank % 2 == 0;
    qint64 measured[2] = { -1, 0 }; // one-way ns, round trips timed: the pinger's
    if (partner < m_size) {
        if (m_init.paceNs > 0)
            m_ctx.sleepNs(m_init.paceNs);
        QByteArray buf(x.bytes, char('A' + m_rank % 26));
        MPI_Status status;
        const auto receive = [&] {
            MPI_Recv(buf.data(), int(x.bytes), MPI_BYTE, partner, mpi::TagExchange, m_comm, &status);
        };
        // The first round trip is drawn, as any message is: its sends and receives are events.
        buf[0] = 1;
        const auto drawnReceive = [&] {
            m_ev.emitEvent(EventKind::MpiRecvWait, -1, -1, partner);
            m_ev.flushEvents();
            receive();
            m_ev.emitEvent(EventKind::MpiRecv, mpi::TagExchange, -1, partner);
        };
        if (pinger) {
            send(buf, partner, mpi::TagExchange, -1);
            drawnReceive();
        } else {
            drawnReceive();
            send(buf, partner, mpi::TagExchange, -1);
        }
        m_ev.flushEvents();
        // Then the timed ones, without events (each would cost a write to the engine, timed with the message).
        // The pinger decides when to stop (rounds, or the time budget) and says so in the message's first byte.
        if (pinger) {
            const qint64 start = rankNow();
            qint64 done = 0;
            bool more = true;
            while (more) {
                more = done + 1 < x.rounds && rankNow() - start < x.budgetNs;
                buf[0] = more ? 1 : 0;
                MPI_Send(buf.constData(), int(x.bytes), MPI_BYTE, partner, mpi::TagExchange, m_comm);
                receive();
                ++done;
            }
            measured[0] = (rankNow() - start) / (2 * done);
            measured[1] = done;
        } else {
            do {
                receive();
                MPI_Send(buf.constData(), int(x.bytes), MPI_BYTE, partner, mpi::TagExchange, m_comm);
            } while (buf[0] == 1);
        }
    }
    std::vector<qint64> all(static_cast<size_t>(2 * m_size));
    collectiveBegin(mpi::Collective::Gather, sizeof measured, 0);
    MPI_Gather(measured, 2, MPI_INT64_T, all.data(), 2, MPI_INT64_T, 0, m_comm);
    collectiveEnd(mpi::Collective::Gather, sizeof measured, 0);
    QCborArray results;
    if (m_rank == 0) {
        for (int r = 0; r < m_size; ++r) {
            const qint64 ns = all[size_t(2 * r)];
            results.append(ns < 0 ? QCborValue(QCborValue::Null) : QCborValue(QCborArray { ns, all[size_t(2 * r + 1)] }));
        }
    }
    return { results, std::nullopt, {} };
}

bool Rank::send(const QByteArray& bytes, int to, int tag, qint64 chunk)
{
    m_ev.emitEvent(EventKind::MpiSendWait, tag, bytes.size(), to);
    m_ev.flushEvents();
    if (g_stallInSendNs > 0)
        m_ctx.sleepNs(g_stallInSendNs); // off the CPU, as if descheduled (tests of the deadlock check)
    const int rc = MPI_Send(bytes.constData(), int(bytes.size()), MPI_BYTE, to, tag, m_comm);
    m_ev.emitEvent(EventKind::MpiSend, tag, chunk, to);
    return rc == MPI_SUCCESS; // only survive mode returns errors (MPI_ERRORS_RETURN); otherwise MPI aborts
}

QByteArray Rank::recvFrom(int source, MPI_Status* status)
{
    MPI_Probe(source, MPI_ANY_TAG, m_comm, status);
    int count = 0;
    MPI_Get_count(status, MPI_BYTE, &count);
    QByteArray buf(std::max(count, 1), '\0');
    MPI_Recv(buf.data(), count, MPI_BYTE, status->MPI_SOURCE, status->MPI_TAG, m_comm, status);
    buf.truncate(count);
    return buf;
}

} // namespace proclab::mpiworker
