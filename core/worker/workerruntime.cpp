#include "worker/workerruntime.h"

#include "base/clock.h"
#include "base/eventsink.h"
#include "base/messages.h"
#include "base/platform.h"
#include "base/wire.h"
#include "engine/fault.h"
#include "mp/kernel.h"

#include <QCborArray>
#include <QCborMap>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace proclab {

namespace {

QString g_processName = QStringLiteral("MainProcess");

// Exit at once when the engine is gone: its lifeline pipe's write end closes with it.
void watchLifeline(int fd)
{
    if (fd < 0)
        return;
    std::thread([fd] {
        pollfd p { fd, POLLIN, 0 };
        while (::poll(&p, 1, -1) < 0 && errno == EINTR) { }
        _exit(70);
    }).detach();
}

bool readable(int fd)
{
    pollfd p { fd, POLLIN, 0 };
    return ::poll(&p, 1, 0) > 0;
}

std::mutex g_channelMutex; // every write to the channel: the worker loop's and the event sink's
std::atomic<qint64> g_currentTask { -1 };

// Events of code running in this worker (primitives, demos), sent to the engine in batches: at least every
// 2 ms while events come, at once before a wait (flushEvents), and before any result.
class ChannelEventSink final : public EventSink {
public:
    explicit ChannelEventSink(int fd)
        : m_fd(fd)
    {
    }
    // The engine's events page (engine/fault.h): while it reads 0, events are not made at all.
    void setWantedWord(const std::atomic<qint32>* word) { m_wanted = word; }

    bool wantsEvents() const override { return !m_wanted || m_wanted->load(std::memory_order_relaxed) != 0; }

    void emitEvent(EventKind kind, qint32 object, qint64 task, qint64 value) override
    {
        if (!wantsEvents())
            return;
        std::lock_guard lock(m_mutex);
        const qint64 now = monotonicNs();
        m_pending.append(now);
        m_pending.append(int(kind));
        m_pending.append(object);
        m_pending.append(task >= 0 ? task : g_currentTask.load(std::memory_order_relaxed));
        m_pending.append(value);
        if (m_pending.size() >= 5 * 256 || now - m_lastFlushNs > 2'000'000)
            flushLocked();
    }
    void flushEvents() override
    {
        std::lock_guard lock(m_mutex);
        flushLocked();
    }

private:
    void flushLocked()
    {
        m_lastFlushNs = monotonicNs();
        if (m_pending.isEmpty())
            return;
        QByteArray frame;
        wire::appendFrame(frame, wire::Events { m_pending }.encode());
        m_pending = QCborArray();
        std::lock_guard channel(g_channelMutex);
        platform::writeAll(m_fd, frame.constData(), frame.size());
    }

    int m_fd;
    const std::atomic<qint32>* m_wanted = nullptr;
    std::mutex m_mutex;
    QCborArray m_pending; // guarded by m_mutex
    qint64 m_lastFlushNs = 0; // guarded by m_mutex
};

class Worker {
public:
    explicit Worker(const WorkerArgs& args)
        : m_fd(args.channelFd)
        , m_resumeFd(args.resumeFd)
        , m_readySent(args.readySent)
        , m_sink(args.channelFd)
    {
        if (m_resumeFd < 0)
            m_out = wire::preamble();
    }

    [[noreturn]] void run()
    {
        setWorkerEventSink(&m_sink);
        // The preamble goes out before any event frame can.
        {
            std::lock_guard channel(g_channelMutex);
            platform::writeAll(m_fd, m_out.constData(), m_out.size());
        }
        m_out.clear();
        char buf[65536];
        if (m_resumeFd >= 0) { // the lean worker's hand-over: what it read, from the engine's preamble on
            for (ssize_t n; (n = ::read(m_resumeFd, buf, sizeof buf)) != 0;) {
                if (n < 0 && errno == EINTR)
                    continue;
                if (n < 0)
                    fatal(QStringLiteral("worker: cannot read the hand-over: ") + platform::errnoText(errno));
                m_reader.append(buf, n);
            }
            ::close(m_resumeFd);
        }
        // Init first (the engine sends it right after starting us, so it is already here): a start-up fault
        // it carries must strike before Ready, as a worker that dies while starting does.
        QCborArray init;
        while (!m_reader.next(&init)) {
            if (m_reader.hasError())
                fatal(QStringLiteral("worker: ") + m_reader.errorString());
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                finish(0);
            m_reader.append(buf, n);
        }
        handle(init);
        if (!m_readySent)
            send(wire::Ready { qint64(getpid()), qint64(getppid()), monotonicNs() }.encode());
        flush();
        for (;;) {
            QCborArray msg;
            while (m_reader.next(&msg))
                handle(msg);
            if (m_reader.hasError())
                fatal(QStringLiteral("worker: ") + m_reader.errorString());
            ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                flush(); // about to wait: the engine must see everything we have
                n = ::recv(m_fd, buf, sizeof buf, 0);
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                finish(0); // engine closed the channel: nothing more to do
            m_reader.append(buf, n);
        }
    }

private:
    void send(const QCborArray& msg)
    {
        closeRun(); // keep the order in which things happened
        wire::appendFrame(m_out, msg);
    }

    void flush()
    {
        closeRun();
        m_sink.flushEvents(); // events of the tasks before their results
        bool sent = true;
        if (!m_out.isEmpty()) {
            std::lock_guard channel(g_channelMutex);
            sent = platform::writeAll(m_fd, m_out.constData(), m_out.size());
        }
        if (!sent)
            finish(0); // engine gone
        m_out.clear();
        m_lastFlushNs = monotonicNs();
    }

    [[noreturn]] void finish(int code)
    {
        std::fflush(stdout);
        std::fflush(stderr);
        _exit(code);
    }

    [[noreturn]] void fatal(const QString& why)
    {
        send(wire::Fatal { why }.encode());
        flush();
        std::fprintf(stderr, "%s\n", qPrintable(why));
        finish(3);
    }

    // A message the worker cannot read is the engine's protocol error: say so and stop (Fatal).
    template <typename M> M decodeOrDie(const QCborArray& msg)
    {
        QString why;
        std::optional<M> m = M::decode(msg, &why);
        if (!m)
            fatal(QStringLiteral("worker %1 (pid %2): protocol error: %3").arg(m_index).arg(getpid()).arg(why));
        return std::move(*m);
    }

    void handle(const QCborArray& msg)
    {
        switch (wire::Msg(wire::messageType(msg))) {
        case wire::Msg::Init: {
            const auto init = decodeOrDie<wire::Init>(msg);
            m_index = int(init.workerIndex);
            g_processName = init.name;
            m_paceNs = init.paceNs;
            for (const auto& f : init.faults)
                m_faults.push_back(Fault::fromCbor(f.toArray()));
            mapStatus(int(init.statusFd));
            if (init.flags & wire::Init::EventsPage)
                mapEventsPage();
            for (const Fault& f : m_faults)
                if (f.task == Fault::StartUp)
                    triggerFault(f);
            break;
        }
        case wire::Msg::Define: {
            const auto define = decodeOrDie<wire::Define>(msg);
            QString error;
            auto kernel = createKernel(Function { define.kernel, define.config }, &error);
            if (kernel)
                m_kernels[define.functionId] = std::move(kernel);
            else
                m_defineErrors[define.functionId] = error;
            break;
        }
        case wire::Msg::Chunk:
            runChunk(decodeOrDie<wire::Chunk>(msg));
            break;
        case wire::Msg::Run:
            runTarget(decodeOrDie<wire::Run>(msg));
        case wire::Msg::Quit:
            decodeOrDie<wire::Quit>(msg);
            flush();
            finish(0);
        default:
            fatal(QStringLiteral("worker: unexpected message type %1").arg(wire::messageType(msg)));
        }
    }

    Kernel* kernelFor(qint64 functionId, QString* error)
    {
        const auto it = m_kernels.find(functionId);
        if (it != m_kernels.end())
            return it->second.get();
        const auto err = m_defineErrors.find(functionId);
        *error = err != m_defineErrors.end() ? err->second
                                             : QStringLiteral("function %1 was never defined").arg(functionId);
        return nullptr;
    }

    void runChunk(const wire::Chunk& msg)
    {
        const qint64 firstChunk = msg.firstChunkId;
        const qint64 functionId = msg.functionId;
        const qint64 firstTask = msg.firstTask;
        const qsizetype chunkSize = qsizetype(msg.chunkSize);
        const QCborArray& args = msg.args;
        QString defineError;
        Kernel* kernel = kernelFor(functionId, &defineError);
        TaskContext ctx;
        ctx.worker = m_index;
        ctx.processName = g_processName;

        for (qsizetype begin = 0, chunk = firstChunk; begin < args.size(); begin += chunkSize, ++chunk) {
            const qsizetype end = std::min(args.size(), begin + chunkSize);
            // Report the start at once (live animation, Future.running()) unless we are in a firehose of
            // tiny chunks with more queued behind this one; there the Done message, which carries every
            // task's start and end, is report enough. Never let a report get older than 2 ms.
            const qint64 startNs = monotonicNs();
            const bool lastQueued = end == args.size() && m_reader.bufferedBytes() == 0 && !readable(m_fd);
            const bool firehose = m_lastChunkNs < 200'000;
            if (!firehose || lastQueued || startNs - m_lastFlushNs > 2'000'000) {
                send(wire::Started { chunk, startNs }.encode());
                flush();
            }
            if (m_run.count > 0 && chunk != m_run.firstChunk + m_run.count)
                closeRun();
            if (m_run.count == 0)
                m_run.firstChunk = chunk;
            for (qsizetype i = begin; i < end; ++i) {
                if (m_paceNs > 0)
                    ctx.sleepNs(m_paceNs);
                ctx.task = firstTask + i;
                g_currentTask.store(ctx.task, std::memory_order_relaxed);
                const qint64 t0 = monotonicNs();
                QCborValue result;
                TaskPhase phase = TaskPhase::Decoding;
                try {
                    enter(ctx.task, phase, t0);
                    const QCborValue arg = args.at(i);
                    enter(ctx.task, phase = TaskPhase::Running, t0);
                    if (!kernel)
                        throw TaskException(QStringLiteral("NameError"), defineError);
                    result = kernel->call(arg, ctx);
                    // The result goes into the message that carries it back.
                    enter(ctx.task, phase = TaskPhase::Encoding, t0);
                } catch (const std::exception& e) {
                    const auto* te = dynamic_cast<const TaskException*>(&e);
                    m_run.errors.insert(m_run.results.size(),
                        QCborArray {
                            exceptionTypeName(e), te ? te->message() : QString::fromUtf8(e.what()), int(phase) });
                }
                m_run.results.append(result);
                m_run.times.append(t0);
                m_run.times.append(monotonicNs());
            }
            if (m_status)
                m_status->set(-1, TaskPhase::Idle, 0);
            ++m_run.count;
            m_lastChunkNs = monotonicNs() - startNs;
            if (m_run.results.size() > 4096)
                flush();
        }
    }

    // The engine's view of this worker (deadlines, the lost task's name after a crash), then any injected fault.
    void enter(qint64 task, TaskPhase phase, qint64 startNs)
    {
        if (m_status)
            m_status->set(task, phase, startNs);
        for (const Fault& f : m_faults)
            if (f.task == task && f.phase == phase)
                triggerFault(f);
    }

    void mapStatus(int fd)
    {
        if (fd < 0)
            return;
        void* page = ::mmap(nullptr, sizeof(WorkerStatus), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        ::close(fd);
        if (page != MAP_FAILED)
            m_status = static_cast<WorkerStatus*>(page); // the engine constructed it; mapped until we exit
    }

    void mapEventsPage()
    {
        void* page = ::mmap(nullptr, sizeof(std::atomic<qint32>), PROT_READ, MAP_SHARED, EventsWantedFd, 0);
        ::close(EventsWantedFd);
        if (page != MAP_FAILED)
            m_sink.setWantedWord(static_cast<const std::atomic<qint32>*>(page)); // mapped until we exit
    }

    // Completed chunks waiting to be reported together, in one Done message.
    struct Run {
        qint64 firstChunk = 0;
        qint64 count = 0;
        QCborArray results;
        QCborArray times;
        QCborMap errors;
    };

    void closeRun()
    {
        if (m_run.count == 0)
            return;
        const wire::Done done { m_run.firstChunk, m_run.count, m_run.results, m_run.times, m_run.errors,
            monotonicNs() };
        m_run = Run();
        wire::appendFrame(m_out, done.encode());
    }

    [[noreturn]] void runTarget(const wire::Run& msg)
    {
        QString error;
        Kernel* kernel = kernelFor(msg.functionId, &error);
        TaskContext ctx;
        ctx.worker = m_index;
        ctx.processName = g_processName;
        int code = 0;
        QString type;
        if (!kernel) {
            type = QStringLiteral("NameError");
        } else {
            // The target runs: shown as running (no task number) until it returns, as a pool task is.
            m_sink.emitEvent(EventKind::TaskStart, -1, -1, 0);
            m_sink.flushEvents();
            try {
                kernel->call(msg.args, ctx);
            } catch (const std::exception& e) {
                type = exceptionTypeName(e);
                const auto* te = dynamic_cast<const TaskException*>(&e);
                error = te ? te->message() : QString::fromUtf8(e.what());
            }
        }
        if (kernel)
            m_sink.emitEvent(EventKind::TaskEnd, -1, -1, type.isEmpty() ? 0 : 1);
        std::fflush(stdout);
        if (!type.isEmpty()) {
            // What CPython prints when a Process target raises; the exit code is 1 as there.
            std::fprintf(stderr, "Process %s:\nTraceback (most recent call last):\n  ...\n%s: %s\n",
                qPrintable(g_processName), qPrintable(type), qPrintable(error));
            code = 1;
        }
        send(wire::RunDone { code, type, error }.encode());
        flush();
        finish(code);
    }

    int m_fd;
    int m_resumeFd;
    bool m_readySent;
    wire::FrameReader m_reader;
    QByteArray m_out;
    qint64 m_lastFlushNs = 0;
    qint64 m_lastChunkNs = std::numeric_limits<qint64>::max(); // how long the previous chunk took
    int m_index = -1;
    qint64 m_paceNs = 0;
    ChannelEventSink m_sink;
    std::map<qint64, std::unique_ptr<Kernel>> m_kernels;
    std::map<qint64, QString> m_defineErrors;
    Run m_run;
    std::vector<Fault> m_faults;
    WorkerStatus* m_status = nullptr;
};

} // namespace

QString currentProcessName()
{
    return g_processName;
}

void runWorker(const WorkerArgs& args)
{
    if (args.expectedParent > 0 && !platform::dieWithParent(args.expectedParent))
        _exit(70); // the engine died before we got here
    platform::ignoreSigPipe();
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    watchLifeline(args.lifelineFd);
    Worker(args).run();
}

} // namespace proclab
