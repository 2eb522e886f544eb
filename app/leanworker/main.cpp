// proclab-lean-worker: a pool worker that starts without Qt. The engine spawns it instead of proclab-worker for
// the pool's workers when the start method is spawn. Loading Qt Core and the libraries under it (ICU, glib, ...)
// costs a process about 8 ms of page faults on a small VM, four times a bare exec: this program links only the C
// and C++ runtimes and libcbor, answers Ready at once and runs the kernels that need nothing more (noop, identity,
// sqrt, pid, pi, spin, sleep) itself, speaking the engine's wire protocol (base/wire.h, base/messages.h).
//
// The first message it cannot serve (a kernel it does not have, an injected fault, a Process target, anything it
// cannot read) makes it hand over: it sends what it owes, writes what the engine has said that still matters (the
// preamble, Init, the Defines and every unread byte from that message on) into a memfd and execs proclab-worker
// with `--resume FD`, on the same channel. Qt is then loaded when, and only when, a task needs it.
#include "cborio.h"

#include "base/clock.h"
#include "base/wire.h"
#include "content/purekernels.h"
#include "engine/fault.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <optional>
#include <poll.h>
#include <string>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace proclab::lean {

namespace {

// The engine's wire protocol, from base/wire.h (its constants and message numbers; nothing of it that needs Qt Core).
using wire::Msg;
constexpr size_t PreambleSize = size_t(wire::PreambleSize);
constexpr size_t MaxFrame = size_t(wire::DefaultMaxFrame);

void sleepNs(int64_t ns)
{
    if (ns <= 0)
        return;
    timespec ts { time_t(ns / 1'000'000'000), long(ns % 1'000'000'000) };
    while (nanosleep(&ts, &ts) != 0) { }
}

bool writeAll(int fd, const char* data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

void appendFrame(std::string& out, const Item& message)
{
    const size_t at = out.size();
    out.append(4, '\0');
    appendEncoded(out, message.get());
    const uint32_t length = uint32_t(out.size() - at - 4);
    for (int i = 0; i < 4; ++i)
        out[at + size_t(i)] = char((length >> (8 * i)) & 0xff);
}

// The preamble as the engine sends it (wire::preamble()).
std::string preamble()
{
    std::string p(wire::Magic, 4);
    p += char(wire::Version & 0xff);
    p += char(wire::Version >> 8);
    p.append(2, '\0');
    return p;
}

struct TaskError {
    const char* type;
    const char* message;
};

// The kernels this program has, with kernels.cpp's results and errors.
struct Kernel {
    enum Kind { Noop, Identity, Sqrt, Pid, Pi, Spin, Sleep } kind;
    int64_t itersPerMs = 200'000; // spin

    static std::optional<Kernel> make(const std::string& name, const cbor_item_t* config)
    {
        static const std::map<std::string, Kind> kinds { { "noop", Noop }, { "identity", Identity }, { "sqrt", Sqrt },
            { "pid", Pid }, { "pi", Pi }, { "spin", Spin }, { "sleep", Sleep } };
        const auto it = kinds.find(name);
        if (it == kinds.end())
            return std::nullopt;
        Kernel k { it->second };
        if (k.kind == Spin)
            k.itersPerMs = integer(mapValue(config, "itersPerMs"), 200'000);
        return k;
    }

    Item call(cbor_item_t* arg, int64_t task) const
    {
        switch (kind) {
        case Noop:
            return makeNull();
        case Identity:
            return Item::share(arg);
        case Sqrt: {
            const double x = number(arg);
            if (x < 0)
                throw TaskError { "ValueError", "math domain error" };
            return makeDouble(std::sqrt(x));
        }
        case Pid:
            return makeInt(getpid());
        case Pi:
            return makeInt(piInside(integer(arrayAt(arg, 0), 0), quint64(integer(arrayAt(arg, 1), 0)), [] {}));
        case Spin: {
            const auto iterations = int64_t(number(arg) * double(itersPerMs));
            return makeInt(int64_t(xorshiftSpin(quint64(task + 1), iterations, [] {}) >> 11));
        }
        case Sleep:
            sleepNs(int64_t(number(arg) * 1e6));
            return Item::share(arg);
        }
        return makeNull();
    }

    // As QCborValue::toInteger(fallback) reads it: an integer, or a float cut to one.
    static int64_t integer(const cbor_item_t* item, int64_t fallback)
    {
        if (const auto i = toInt(item))
            return *i;
        if (const auto x = toNumber(item))
            return int64_t(*x);
        return fallback;
    }

    static double number(const cbor_item_t* arg)
    {
        const auto x = toNumber(arg);
        if (!x)
            throw TaskError { "TypeError", "expected a number" };
        return *x;
    }
};

// Exit at once when the engine is gone: its lifeline pipe's write end closes with it (as workerruntime.cpp does).
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

struct Args {
    std::string fullWorker;
    int channel = -1;
    int lifeline = -1;
    pid_t parent = 0;
};

class Worker {
public:
    explicit Worker(const Args& args)
        : m_args(args)
        , m_fd(args.channel)
    {
    }

    [[noreturn]] void run()
    {
        const std::string p = preamble();
        if (!writeAll(m_fd, p.data(), p.size()))
            _exit(0);
        // The engine's preamble, then Init (sent right after starting us): an injected fault it carries must strike
        // before Ready, so a worker with faults hands over before it answers.
        while (m_in.size() < PreambleSize)
            receive(false);
        if (m_in.compare(0, PreambleSize, preamble()) != 0) {
            std::fprintf(
                stderr, "proclab-lean-worker: the engine does not speak wire version %d\n", int(wire::Version));
            finish(3);
        }
        m_pos = PreambleSize;
        const unsigned char* body = nullptr;
        size_t length = 0;
        while (!nextFrame(&body, &length))
            receive(false);
        handleInit(body, length);
        send(makeArray(makeInt(int(Msg::Ready)), makeInt(getpid()), makeInt(getppid()), makeInt(monotonicNs())));
        flush();
        for (;;) {
            while (nextFrame(&body, &length))
                handle(body, length);
            receive(true);
        }
    }

private:
    // More bytes from the engine; when `flushFirst`, what we owe goes out before we wait.
    void receive(bool flushFirst)
    {
        // What was read goes, when all of it was or once it is a megabyte (a frame cut by every recv would
        // otherwise keep the whole stream).
        if (m_pos > 0 && (m_pos == m_in.size() || m_pos >= 1024 * 1024)) {
            m_in.erase(0, m_pos);
            m_pos = 0;
        }
        char buf[65536];
        ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (flushFirst)
                flush();
            n = ::recv(m_fd, buf, sizeof buf, 0);
        }
        if (n < 0 && errno == EINTR)
            return;
        if (n <= 0)
            finish(0); // the engine closed the channel
        m_in.append(buf, size_t(n));
    }

    bool nextFrame(const unsigned char** body, size_t* length)
    {
        if (m_in.size() - m_pos < 4)
            return false;
        const auto* p = reinterpret_cast<const unsigned char*>(m_in.data() + m_pos);
        const uint32_t n = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
        if (n > MaxFrame)
            handOver(m_pos); // proclab-worker reports the bad frame
        if (m_in.size() - m_pos - 4 < n)
            return false;
        m_frameStart = m_pos;
        m_pos += 4 + n;
        *body = p + 4;
        *length = n;
        return true;
    }

    void handleInit(const unsigned char* body, size_t length)
    {
        // [Init, workerIndex, name, flags, paceNs, [fault...], statusFd]
        const Item m = decode(body, length);
        const auto type = toInt(arrayAt(m.get(), 0));
        const auto index = toInt(arrayAt(m.get(), 1));
        const auto pace = toInt(arrayAt(m.get(), 4));
        const auto statusFd = toInt(arrayAt(m.get(), 6));
        if (!m || type != int(Msg::Init) || !index || !pace || !statusFd || arraySize(arrayAt(m.get(), 5)) > 0)
            handOver(m_frameStart, false);
        m_kept.assign(m_in, m_frameStart, m_pos - m_frameStart);
        m_paceNs = *pace;
        if (*statusFd >= 0) { // left open: proclab-worker maps it again if we hand over
            void* page = ::mmap(nullptr, sizeof(WorkerStatus), PROT_READ | PROT_WRITE, MAP_SHARED, int(*statusFd), 0);
            if (page != MAP_FAILED)
                m_status = static_cast<WorkerStatus*>(page);
        }
    }

    void handle(const unsigned char* body, size_t length)
    {
        const Item m = decode(body, length);
        switch (Msg(toInt(arrayAt(m.get(), 0)).value_or(-1))) {
        case Msg::Define: { // [Define, functionId, kernel, config]
            const auto id = toInt(arrayAt(m.get(), 1));
            const auto name = toText(arrayAt(m.get(), 2));
            const auto kernel = name ? Kernel::make(*name, arrayAt(m.get(), 3)) : std::nullopt;
            if (!id || !kernel || m_kernels.count(*id))
                handOver(m_frameStart);
            m_kernels.emplace(*id, *kernel);
            m_kept.append(m_in, m_frameStart, m_pos - m_frameStart);
            return;
        }
        case Msg::Chunk:
            runChunk(m.get());
            return;
        case Msg::Quit:
            flush();
            finish(0);
        default: // Run, or anything we cannot read
            handOver(m_frameStart);
        }
    }

    // [Chunk, firstChunkId, functionId, firstTask, chunkSize, [args...]], as workerruntime.cpp runs it.
    void runChunk(const cbor_item_t* m)
    {
        const auto firstChunk = toInt(arrayAt(m, 1));
        const auto function = toInt(arrayAt(m, 2));
        const auto firstTask = toInt(arrayAt(m, 3));
        const auto chunkSize = toInt(arrayAt(m, 4));
        const cbor_item_t* args = arrayAt(m, 5);
        const auto kernel = function ? m_kernels.find(*function) : m_kernels.end();
        if (!firstChunk || !firstTask || !chunkSize || *chunkSize < 1 || !args || !cbor_isa_array(args)
            || kernel == m_kernels.end())
            handOver(m_frameStart); // proclab-worker raises NameError or reports the protocol error
        const size_t count = cbor_array_size(args);
        int64_t chunk = *firstChunk;
        for (size_t begin = 0; begin < count; begin += size_t(*chunkSize), ++chunk) {
            const size_t end = std::min(count, begin + size_t(*chunkSize));
            const int64_t startNs = monotonicNs();
            const bool lastQueued = end == count && m_pos == m_in.size() && !readable();
            const bool firehose = m_lastChunkNs < 200'000;
            if (!firehose || lastQueued || startNs - m_lastFlushNs > 2'000'000) {
                send(makeArray(makeInt(int(Msg::Started)), makeInt(chunk), makeInt(startNs)));
                flush();
            }
            if (m_run.count > 0 && chunk != m_run.firstChunk + m_run.count)
                closeRun();
            if (m_run.count == 0)
                m_run.firstChunk = chunk;
            for (size_t i = begin; i < end; ++i) {
                if (m_paceNs > 0)
                    sleepNs(m_paceNs);
                const int64_t task = *firstTask + int64_t(i);
                const int64_t t0 = monotonicNs();
                setStatus(task, TaskPhase::Decoding, t0);
                setStatus(task, TaskPhase::Running, t0);
                try {
                    m_run.results.push_back(kernel->second.call(cbor_array_handle(args)[i], task));
                    setStatus(task, TaskPhase::Encoding, t0);
                } catch (const TaskError& e) {
                    m_run.errors.emplace_back(m_run.results.size(),
                        makeArray(makeText(e.type), makeText(e.message), makeInt(int(TaskPhase::Running))));
                    m_run.results.push_back(makeNull());
                }
                m_run.times.push_back(t0);
                m_run.times.push_back(monotonicNs());
            }
            setStatus(-1, TaskPhase::Idle, 0);
            ++m_run.count;
            m_lastChunkNs = monotonicNs() - startNs;
            if (m_run.results.size() > 4096)
                flush();
        }
    }

    void setStatus(int64_t task, TaskPhase phase, int64_t startNs)
    {
        if (m_status)
            m_status->set(task, phase, startNs);
    }

    bool readable() const
    {
        pollfd p { m_fd, POLLIN, 0 };
        return ::poll(&p, 1, 0) > 0;
    }

    void send(const Item& message)
    {
        closeRun(); // keep the order in which things happened
        appendFrame(m_out, message);
    }

    // [Done, firstChunkId, chunkCount, [results...], [tStart, tEnd, ...], {index: [type, message, phase]}, tSendNs]
    void closeRun()
    {
        if (m_run.count == 0)
            return;
        Item results(cbor_new_definite_array(m_run.results.size()));
        for (Item& r : m_run.results)
            cbor_array_push(results.get(), cbor_move(r.release()));
        Item times(cbor_new_definite_array(m_run.times.size()));
        for (const int64_t t : m_run.times)
            cbor_array_push(times.get(), cbor_move(makeInt(t).release()));
        Item errors = m_run.errors.empty() ? makeUndefined() : Item(cbor_new_definite_map(m_run.errors.size()));
        for (auto& [index, error] : m_run.errors)
            cbor_map_add(
                errors.get(), cbor_pair { cbor_move(makeInt(int64_t(index)).release()), cbor_move(error.release()) });
        const Item done = makeArray(makeInt(int(Msg::Done)), makeInt(m_run.firstChunk), makeInt(m_run.count),
            std::move(results), std::move(times), std::move(errors), makeInt(monotonicNs()));
        m_run = RunOfChunks();
        appendFrame(m_out, done);
    }

    void flush()
    {
        closeRun();
        if (!m_out.empty() && !writeAll(m_fd, m_out.data(), m_out.size()))
            finish(0); // the engine is gone
        m_out.clear();
        m_lastFlushNs = monotonicNs();
    }

    [[noreturn]] void finish(int code)
    {
        std::fflush(stdout);
        _exit(code);
    }

    // Becomes proclab-worker on the same channel: it reads the preamble, Init and the Defines again from the memfd,
    // then the bytes from `from` on, and goes on where we stopped (without a second preamble or Ready when
    // `readySent`).
    [[noreturn]] void handOver(size_t from, bool readySent = true)
    {
        if (readySent)
            flush(); // the results we owe, before anything proclab-worker says
        const int memfd = ::memfd_create("proclab-resume", 0);
        const std::string head = preamble() + m_kept;
        if (memfd < 0 || !writeAll(memfd, head.data(), head.size())
            || !writeAll(memfd, m_in.data() + from, m_in.size() - from) || ::lseek(memfd, 0, SEEK_SET) != 0) {
            std::fprintf(stderr, "proclab-lean-worker: cannot hand over to %s: %s\n", m_args.fullWorker.c_str(),
                std::strerror(errno));
            finish(3);
        }
        const std::string fdText = std::to_string(memfd);
        const std::string channel = std::to_string(m_args.channel);
        const std::string lifeline = std::to_string(m_args.lifeline);
        const std::string parent = std::to_string(m_args.parent);
        std::vector<const char*> argv { m_args.fullWorker.c_str(), "--channel", channel.c_str(), "--lifeline",
            lifeline.c_str(), "--parent", parent.c_str(), "--resume", fdText.c_str() };
        if (readySent)
            argv.push_back("--ready-sent");
        argv.push_back(nullptr);
        ::execv(m_args.fullWorker.c_str(), const_cast<char* const*>(argv.data()));
        std::fprintf(
            stderr, "proclab-lean-worker: cannot run %s: %s\n", m_args.fullWorker.c_str(), std::strerror(errno));
        finish(3);
    }

    struct RunOfChunks {
        int64_t firstChunk = 0;
        int64_t count = 0;
        std::vector<Item> results;
        std::vector<int64_t> times;
        std::vector<std::pair<size_t, Item>> errors;
    };

    Args m_args;
    int m_fd;
    std::string m_in; // from the engine; m_pos is the first byte not yet read
    size_t m_pos = 0;
    size_t m_frameStart = 0; // where the frame being handled starts in m_in
    std::string m_kept; // Init and the Defines, as they came: proclab-worker needs them if we hand over
    std::string m_out;
    int64_t m_lastFlushNs = 0;
    int64_t m_lastChunkNs = INT64_MAX; // how long the previous chunk took
    int64_t m_paceNs = 0;
    std::map<int64_t, Kernel> m_kernels;
    RunOfChunks m_run;
    WorkerStatus* m_status = nullptr;
};

int intArg(int argc, char** argv, const char* name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::atoi(argv[i + 1]);
    return fallback;
}

const char* textArg(int argc, char** argv, const char* name)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return nullptr;
}

} // namespace

} // namespace proclab::lean

int main(int argc, char** argv)
{
    using namespace proclab::lean;
    Args args;
    const char* full = textArg(argc, argv, "--full");
    args.channel = intArg(argc, argv, "--channel", -1);
    args.lifeline = intArg(argc, argv, "--lifeline", -1);
    args.parent = pid_t(intArg(argc, argv, "--parent", 0));
    if (!full || args.channel < 0) {
        std::fprintf(stderr,
            "proclab-lean-worker: a pool worker started by the ProcLab engine, not meant to be run by hand.\n"
            "usage: proclab-lean-worker --full PATH-OF-proclab-worker --channel FD --lifeline FD --parent PID\n");
        return 2;
    }
    args.fullWorker = full;
    // As platform::dieWithParent and ignoreSigPipe do for proclab-worker; both survive the exec of a hand-over.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (args.parent > 0 && getppid() != args.parent)
        _exit(70); // the engine died before we got here
    std::signal(SIGPIPE, SIG_IGN);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    watchLifeline(args.lifeline);
    Worker(args).run();
}
