// proclab-mpi-worker: one MPI rank, started by `mpirun` on the engine's behalf (MpiJob). It connects back to the
// engine over TCP ($PROCLAB_MPI_ENGINE, presenting $PROCLAB_MPI_TOKEN), says hello, answers clock pings, receives
// the work (a kernel, its inputs, a shape), runs it as a plain MPI program a student can read, and streams what it
// does as ProcLab events. The main thread does MPI and the kernels (MPI_THREAD_FUNNELED); a second thread reads the
// engine's socket (pings, kill, quit) and is the lifeline: when the engine goes, the rank goes.
//
// The two shapes, for N ranks and the workload's tasks 0..T-1:
//   mpi-spmd  rank r computes tasks [r*T/N, (r+1)*T/N); then MPI_Reduce(MPI_SUM) of the integer results to rank 0
//             (pi's count, the textbook program) and MPI_Gather + MPI_Gatherv of every task's result to rank 0.
//   mpi-farm  rank 0 deals chunks of `chunksize` tasks: each other rank sends "ready", then gets work, sends its
//             results (which ask for the next chunk) until rank 0 answers "stop". One rank alone computes everything.
//   mpi-exchange  no workload: ranks 2k and 2k+1 swap one message each way, send first (the eager-limit lesson)
//             or with MPI_Sendrecv; MPI_Gather of each rank's check of what it received.

#include "base/clock.h"
#include "base/event.h"
#include "base/eventsink.h"
#include "base/messages.h"
#include "base/wire.h"
#include "content/content.h"
#include "mp/kernel.h"
#include "mpi/mpiprotocol.h"

#include <QCborValue>
#include <QString>

#include <mpi.h>

#include <arpa/inet.h>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace proclab;

namespace {

qint64 g_skewNs = 0;

qint64 now()
{
    return monotonicNs() + g_skewNs;
}

[[noreturn]] void die(const char* what)
{
    std::fprintf(stderr, "proclab-mpi-worker: %s\n", what);
    std::fflush(stderr);
    ::_exit(2);
}

// The socket to the engine: frames written under a lock (the main thread's events and results, the reader's pongs).
class Channel final : public EventSink {
public:
    explicit Channel(int fd)
        : m_fd(fd)
    {
    }
    int fd() const { return m_fd; }

    void send(const QCborArray& m)
    {
        QByteArray out;
        wire::appendFrame(out, m);
        sendRaw(out);
    }
    void sendRaw(const QByteArray& bytes)
    {
        std::lock_guard lock(m_writeMutex);
        qsizetype done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + done, size_t(bytes.size() - done), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                ::_exit(3); // the engine is gone
            done += n;
        }
    }

    void emitEvent(EventKind kind, qint32 object, qint64 task, qint64 value) override
    {
        m_events << now() << int(kind) << object << task << value;
    }
    void flushEvents() override
    {
        if (m_events.isEmpty())
            return;
        send(wire::Events { m_events }.encode());
        m_events = {};
    }

private:
    int m_fd;
    std::mutex m_writeMutex;
    QCborArray m_events; // main thread only
};

// What the reader thread hands to the main thread.
struct Inbox {
    std::mutex mutex;
    std::condition_variable cv;
    std::optional<mpi::Init> init;
    bool quit = false;
};

int connectToEngine()
{
    const QString engine = qEnvironmentVariable(mpi::EngineEnv);
    const qsizetype colon = engine.lastIndexOf(QLatin1Char(':'));
    if (engine.isEmpty() || colon < 0)
        die("PROCLAB_MPI_ENGINE is not set: this program is started by ProcLab (proclab-cli run --executor mpi-spmd)");
    const QByteArray host = engine.left(colon).toLatin1();
    const QByteArray port = engine.mid(colon + 1).toLatin1();
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (::getaddrinfo(host.constData(), port.constData(), &hints, &res) != 0 || !res)
        die("cannot resolve the engine's address");
    int fd = -1;
    for (addrinfo* a = res; a && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd >= 0 && ::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
    ::freeaddrinfo(res);
    if (fd < 0)
        die("cannot connect to the engine");
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    return fd;
}

void readerLoop(Channel* channel, Inbox* inbox)
{
    wire::FrameReader reader;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::recv(channel->fd(), buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            std::lock_guard lock(inbox->mutex);
            if (inbox->quit)
                return;
            ::_exit(3); // the engine is gone (or refused us): the lifeline
        }
        reader.append(buf, qsizetype(n));
        QCborArray m;
        while (reader.next(&m)) {
            switch (mpi::Msg(wire::messageType(m))) {
            case mpi::Msg::Ping:
                channel->send({ int(mpi::Msg::Pong), m.at(1), now() });
                break;
            case mpi::Msg::Kill:
                ::kill(::getpid(), SIGKILL);
                break;
            case mpi::Msg::Init: {
                std::lock_guard lock(inbox->mutex);
                inbox->init = mpi::Init::decode(m);
                if (!inbox->init)
                    die("malformed Init");
                inbox->cv.notify_all();
                break;
            }
            case mpi::Msg::Quit: {
                std::lock_guard lock(inbox->mutex);
                inbox->quit = true;
                inbox->cv.notify_all();
                return;
            }
            default:
                break;
            }
        }
        if (reader.hasError())
            die("the engine's stream is malformed");
    }
}

// The work, as the MPI program a student reads. `ev` stamps and queues events; flush before blocking.
class Rank {
public:
    Rank(Channel& ev, const mpi::Init& init, int rank, int size)
        : m_ev(ev)
        , m_init(init)
        , m_rank(rank)
        , m_size(size)
    {
        if (init.shape != mpi::Shape::Exchange) {
            QString error;
            m_kernel = createKernel(Function::named(init.kernel, init.config), &error);
            if (!m_kernel)
                fail(error);
        }
        m_ctx.worker = rank;
        m_ctx.processName = QStringLiteral("rank %1").arg(rank);
    }

    qint64 tasksDone() const { return m_tasksDone; }

    [[noreturn]] void fail(const QString& why)
    {
        m_ev.flushEvents();
        m_ev.send({ int(mpi::Msg::Failed), why });
        MPI_Abort(MPI_COMM_WORLD, 1);
        ::_exit(1);
    }

    QCborValue runTask(qint64 t, qint32 chunk)
    {
        if (m_init.paceNs > 0)
            m_ctx.sleepNs(m_init.paceNs);
        m_ev.emitEvent(EventKind::TaskStart, chunk, t, 0);
        m_ev.flushEvents(); // the task shows while it runs
        m_ctx.task = t;
        QCborValue r;
        try {
            r = m_kernel->call(m_init.inputs.at(t), m_ctx);
        } catch (const TaskException& e) {
            fail(QStringLiteral("task %1 raised %2: %3").arg(t).arg(e.type(), e.message()));
        } catch (const std::exception& e) {
            fail(QStringLiteral("task %1 raised %2").arg(t).arg(QString::fromLocal8Bit(e.what())));
        }
        m_ev.emitEvent(EventKind::TaskEnd, chunk, t, 0);
        ++m_tasksDone;
        return r;
    }

    void collectiveBegin(mpi::Collective op, qint64 bytes, int root)
    {
        m_ev.emitEvent(EventKind::CollectiveBegin, qint32(op), bytes, root);
        m_ev.flushEvents();
    }
    void collectiveEnd(mpi::Collective op, qint64 bytes, int root)
    {
        m_ev.emitEvent(EventKind::CollectiveEnd, qint32(op), bytes, root);
    }

    // mpi-spmd. Returns every task's result at rank 0 (empty elsewhere) and the reduced sum.
    QCborArray spmd(std::optional<qint64>* reducedSum)
    {
        const qint64 n = m_init.inputs.size();
        const qint64 lo = m_rank * n / m_size, hi = (m_rank + 1) * n / m_size;
        QCborArray mine;
        qint64 sum[2] = { 0, 0 }; // the integer results' sum, the number of results that are not integers
        for (qint64 t = lo; t < hi; ++t) {
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
        MPI_Reduce(sum, total, 2, MPI_INT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
        collectiveEnd(mpi::Collective::Reduce, sizeof sum, 0);
        if (m_rank == 0 && total[1] == 0)
            *reducedSum = total[0];

        // Every task's result to rank 0 (the engine checks them one by one): sizes, then the bytes.
        const QByteArray bytes = QCborValue(mine).toCbor();
        int length = int(bytes.size());
        std::vector<int> lengths(static_cast<size_t>(m_size));
        std::vector<int> offsets(static_cast<size_t>(m_size));
        collectiveBegin(mpi::Collective::Gather, sizeof length, 0);
        MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
        collectiveEnd(mpi::Collective::Gather, sizeof length, 0);
        int totalBytes = 0;
        for (int r = 0; r < m_size; ++r) {
            offsets[size_t(r)] = totalBytes;
            totalBytes += lengths[size_t(r)];
        }
        QByteArray all(m_rank == 0 ? std::max(totalBytes, 1) : 1, '\0');
        collectiveBegin(mpi::Collective::Gatherv, length, 0);
        MPI_Gatherv(bytes.constData(), length, MPI_BYTE, all.data(), lengths.data(), offsets.data(), MPI_BYTE, 0,
            MPI_COMM_WORLD);
        collectiveEnd(mpi::Collective::Gatherv, length, 0);
        QCborArray results;
        if (m_rank == 0)
            for (int r = 0; r < m_size; ++r)
                for (const QCborValue& v :
                    QCborValue::fromCbor(all.mid(offsets[size_t(r)], lengths[size_t(r)])).toArray())
                    results.append(v);
        return results;
    }

    // mpi-farm. Returns every task's result at rank 0.
    QCborArray farm(std::optional<qint64>* reducedSum)
    {
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
                while (working > 0) {
                    MPI_Status status;
                    m_ev.emitEvent(EventKind::MpiRecvWait, -1, -1, -1);
                    m_ev.flushEvents();
                    const QByteArray msg = recvAny(&status);
                    const int from = status.MPI_SOURCE;
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
                    if (next < chunks) {
                        const qint64 first = next * cs;
                        const QByteArray work
                            = QCborValue(QCborArray { next, first, std::min(cs, n - first) }).toCbor();
                        send(work, from, mpi::TagWork, next);
                        ++next;
                    } else {
                        send({}, from, mpi::TagStop, -1);
                        --working;
                    }
                }
            }
            qint64 sum = 0;
            bool ints = true;
            for (const QCborValue& v : byTask) {
                results.append(v);
                ints = ints && v.isInteger();
                sum += v.isInteger() ? v.toInteger() : 0;
            }
            if (ints)
                *reducedSum = sum;
            return results;
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
            const QByteArray out = QCborValue(QCborArray { chunk, first, values }).toCbor();
            send(out, 0, mpi::TagResult, chunk);
        }
        return results;
    }

    // mpi-exchange: ranks 2k and 2k+1 swap `bytes` each way, as the lesson's program does (an odd last rank sits out).
    // Returns every rank's verdict at rank 0 (true: the partner's bytes arrived intact, null: no partner).
    QCborArray exchange()
    {
        const auto x = mpi::Exchange::fromConfig(m_init.config);
        if (!x)
            fail(QStringLiteral("malformed exchange program"));
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
                MPI_Recv(theirs.data(), int(x->bytes), MPI_BYTE, partner, mpi::TagExchange, MPI_COMM_WORLD, &status);
                m_ev.emitEvent(EventKind::MpiRecv, mpi::TagExchange, -1, partner);
            } else {
                m_ev.emitEvent(EventKind::MpiSendWait, mpi::TagExchange, x->bytes, partner);
                m_ev.flushEvents();
                MPI_Sendrecv(mine.constData(), int(x->bytes), MPI_BYTE, partner, mpi::TagExchange, theirs.data(),
                    int(x->bytes), MPI_BYTE, partner, mpi::TagExchange, MPI_COMM_WORLD, &status);
                m_ev.emitEvent(EventKind::MpiSend, mpi::TagExchange, -1, partner);
                m_ev.emitEvent(EventKind::MpiRecv, mpi::TagExchange, -1, partner);
            }
            theirs.truncate(x->bytes);
            verdict = theirs == QByteArray(x->bytes, char('A' + partner % 26)) ? 1 : 0;
        }
        std::vector<int> verdicts(static_cast<size_t>(m_size));
        collectiveBegin(mpi::Collective::Gather, sizeof verdict, 0);
        MPI_Gather(&verdict, 1, MPI_INT, verdicts.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
        collectiveEnd(mpi::Collective::Gather, sizeof verdict, 0);
        QCborArray results;
        if (m_rank == 0)
            for (int v : verdicts)
                results.append(v < 0 ? QCborValue(QCborValue::Null) : QCborValue(v == 1));
        return results;
    }

private:
    // A blocking send as the engine sees it: MpiSendWait (bytes) before the call, flushed, for the engine's
    // wait-for graph (a send that does not return waits for its peer); MpiSend when it returns.
    void send(const QByteArray& bytes, int to, int tag, qint64 chunk)
    {
        m_ev.emitEvent(EventKind::MpiSendWait, tag, bytes.size(), to);
        m_ev.flushEvents();
        MPI_Send(bytes.constData(), int(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
        m_ev.emitEvent(EventKind::MpiSend, tag, chunk, to);
    }
    QByteArray recvAny(MPI_Status* status) { return recvFrom(MPI_ANY_SOURCE, status); }
    QByteArray recvFrom(int source, MPI_Status* status)
    {
        MPI_Probe(source, MPI_ANY_TAG, MPI_COMM_WORLD, status);
        int count = 0;
        MPI_Get_count(status, MPI_BYTE, &count);
        QByteArray buf(std::max(count, 1), '\0');
        MPI_Recv(buf.data(), count, MPI_BYTE, status->MPI_SOURCE, status->MPI_TAG, MPI_COMM_WORLD, status);
        buf.truncate(count);
        return buf;
    }

    Channel& m_ev;
    const mpi::Init& m_init;
    int m_rank;
    int m_size;
    std::unique_ptr<Kernel> m_kernel;
    TaskContext m_ctx;
    qint64 m_tasksDone = 0;
};

QString hostName()
{
    const QString fake = qEnvironmentVariable(mpi::HostEnv);
    if (!fake.isEmpty())
        return fake;
    char buf[256] = {};
    ::gethostname(buf, sizeof buf - 1);
    return QString::fromLocal8Bit(buf);
}

} // namespace

int main(int argc, char** argv)
{
    g_skewNs = qEnvironmentVariable(mpi::SkewEnv).toLongLong(); // 0 when unset
    const qint64 tMain = now();
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    const qint64 tInit = now();
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    registerContent();

    Channel channel(connectToEngine());
    setWorkerEventSink(&channel);
    QByteArray hello = wire::preamble();
    wire::appendFrame(hello,
        mpi::Hello { qEnvironmentVariable(mpi::TokenEnv), rank, size, hostName(), qint64(::getpid()), tMain, tInit }
            .encode());
    channel.sendRaw(hello);

    Inbox inbox;
    std::thread reader(readerLoop, &channel, &inbox);
    mpi::Init init;
    {
        std::unique_lock lock(inbox.mutex);
        inbox.cv.wait(lock, [&] { return inbox.init.has_value(); });
        init = *inbox.init;
    }

    Rank work(channel, init, rank, size);
    // Start-up ends when every rank is here.
    work.collectiveBegin(mpi::Collective::Barrier, 0, -1);
    MPI_Barrier(MPI_COMM_WORLD);
    work.collectiveEnd(mpi::Collective::Barrier, 0, -1);
    if (rank == 0)
        channel.send({ int(mpi::Msg::Go), now() });

    std::optional<qint64> reducedSum;
    const QCborArray results = init.shape == mpi::Shape::Farm ? work.farm(&reducedSum)
        : init.shape == mpi::Shape::Exchange                  ? work.exchange()
                                                              : work.spmd(&reducedSum);
    channel.flushEvents();
    if (rank == 0)
        channel.send(mpi::Result { results, reducedSum, now() }.encode());
    channel.send({ int(mpi::Msg::Bye), work.tasksDone() });
    {
        std::unique_lock lock(inbox.mutex);
        inbox.cv.wait(lock, [&] { return inbox.quit; });
    }
    reader.join();
    setWorkerEventSink(nullptr);
    MPI_Finalize();
    ::close(channel.fd());
    return 0;
}
