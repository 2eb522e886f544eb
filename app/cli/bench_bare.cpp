// The bare OS side of `proclab-cli bench`: each primitive written directly on the system calls ProcLab's is built
// on, with nothing else (no events, no encoding, no robustness against a SIGKILLed holder): the floor.
//
// The children here are fork()ed without exec. The engine never does that (it is multi-threaded), and neither do
// these children use anything a fork can leave locked: they touch only the shared mapping and raw descriptors,
// and leave with _exit().

#include "benchsuite.h"

#include "base/clock.h"
#include "base/platform.h"
#include "engine/context.h"

#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace proclab::cli::bench {

void pinTo(int cpu)
{
    if (cpu < 0)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

std::vector<int> allowedCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    std::vector<int> cpus;
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &set))
                cpus.push_back(c);
    return cpus;
}

} // namespace proclab::cli::bench

namespace proclab::cli::bench::bare {

namespace {

constexpr int MaxProcs = 16;

// What the children of one measurement share: a start line and their spans.
struct Control {
    std::atomic<int> arrived { 0 };
    std::atomic<int> go { 0 };
    qint64 times[2 * MaxProcs];
};

// An anonymous shared mapping holding a T, constructed in place; unmapped when it goes.
template <typename T> class Shared {
public:
    Shared()
    {
        void* p = ::mmap(nullptr, sizeof(T), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        m_p = p == MAP_FAILED ? nullptr : new (p) T();
    }
    ~Shared()
    {
        if (m_p) {
            m_p->~T();
            ::munmap(m_p, sizeof(T));
        }
    }
    Shared(const Shared&) = delete;
    Shared& operator=(const Shared&) = delete;
    T* operator->() const { return m_p; }
    T* get() const { return m_p; }
    explicit operator bool() const { return m_p != nullptr; }

private:
    T* m_p = nullptr;
};

// Spins a little, then yields: on 2 cores shared with others, a pure spin can burn the other side's slice.
class Backoff {
public:
    void pause()
    {
        if (++m_spins < 64) {
            __builtin_ia32_pause();
        } else {
            m_spins = 0;
            sched_yield();
        }
    }

private:
    int m_spins = 0;
};

template <typename F> pid_t forkChild(F body)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        body();
        ::_exit(0);
    }
    return pid;
}

bool reapAll(const std::vector<pid_t>& pids)
{
    bool clean = true;
    for (pid_t pid : pids) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
        clean = clean && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    return clean;
}

// In a child: checks in, waits for the start, returns the start time.
qint64 meet(Control* c)
{
    c->arrived.fetch_add(1);
    Backoff b;
    while (c->go.load(std::memory_order_acquire) == 0)
        b.pause();
    return monotonicNs();
}

void done(Control* c, int slot, qint64 t0)
{
    c->times[2 * slot] = t0;
    c->times[2 * slot + 1] = monotonicNs();
}

// Runs `procs` children body(slot), started together; the span from the first start to the last end, in ns, or
// -1 when a child failed.
template <typename F> qint64 timedChildren(int procs, F body)
{
    Shared<Control> c;
    if (!c)
        return -1;
    std::vector<pid_t> pids;
    for (int i = 0; i < procs; ++i)
        pids.push_back(forkChild([&, i] {
            const qint64 t0 = meet(c.get());
            body(i);
            done(c.get(), i, t0);
        }));
    Backoff b;
    while (c->arrived.load() < procs)
        b.pause();
    c->go.store(1, std::memory_order_release);
    if (!reapAll(pids))
        return -1;
    qint64 first = c->times[0], last = c->times[1];
    for (int i = 1; i < procs; ++i) {
        first = std::min(first, c->times[2 * i]);
        last = std::max(last, c->times[2 * i + 1]);
    }
    return last - first;
}

constexpr quint64 RingSlots = 4096;

struct Spsc {
    alignas(64) std::atomic<quint64> head { 0 };
    alignas(64) std::atomic<quint64> tail { 0 };
    alignas(64) quint64 cells[RingSlots];
};

struct LockedRing {
    pthread_mutex_t mutex;
    quint64 head = 0;
    quint64 tail = 0;
    quint64 cells[RingSlots];
};

struct SharedMutex {
    pthread_mutex_t mutex;
    qint64 value = 0;
};

bool initMutex(pthread_mutex_t* m)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    const bool ok = pthread_mutex_init(m, &a) == 0;
    pthread_mutexattr_destroy(&a);
    return ok;
}

bool readAll(int fd, char* p, size_t n)
{
    while (n > 0) {
        const ssize_t r = ::read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= size_t(r);
    }
    return true;
}

} // namespace

Series queue(int pairs, const Sizes& s)
{
    const qint64 per = s.queueItems / pairs;
    if (pairs == 1) {
        return repeat(s.repeats, [&]() -> double {
            Shared<Spsc> q;
            if (!q)
                return -1;
            const qint64 ns = timedChildren(2, [&](int slot) {
                Backoff b;
                if (slot == 0) { // producer
                    quint64 tail = 0, head = 0;
                    for (qint64 i = 0; i < per; ++i) {
                        while (tail - head == RingSlots) {
                            head = q->head.load(std::memory_order_acquire);
                            if (tail - head == RingSlots)
                                b.pause();
                        }
                        q->cells[tail % RingSlots] = quint64(i);
                        q->tail.store(++tail, std::memory_order_release);
                    }
                } else {
                    quint64 head = 0, tail = 0, sum = 0;
                    for (qint64 i = 0; i < per; ++i) {
                        while (head == tail) {
                            tail = q->tail.load(std::memory_order_acquire);
                            if (head == tail)
                                b.pause();
                        }
                        sum += q->cells[head % RingSlots];
                        q->head.store(++head, std::memory_order_release);
                    }
                    if (sum != quint64(per) * quint64(per - 1) / 2)
                        ::_exit(1);
                }
            });
            return ns < 0 ? -1 : double(ns) / double(per);
        });
    }
    return repeat(s.repeats, [&]() -> double {
        Shared<LockedRing> q;
        if (!q || !initMutex(&q->mutex))
            return -1;
        const qint64 ns = timedChildren(2 * pairs, [&](int slot) {
            Backoff b;
            const bool producer = slot < pairs;
            for (qint64 i = 0; i < per;) {
                pthread_mutex_lock(&q->mutex);
                const bool can = producer ? q->tail - q->head < RingSlots : q->tail != q->head;
                if (can) {
                    if (producer)
                        q->cells[q->tail++ % RingSlots] = quint64(i);
                    else
                        ++q->head;
                    ++i;
                }
                pthread_mutex_unlock(&q->mutex);
                if (!can)
                    b.pause();
            }
        });
        return ns < 0 ? -1 : double(ns) / double(per * pairs);
    });
}

Series pipeRoundTrip(Pin pin, const Sizes& s)
{
    const std::vector<int> cpus = allowedCpus();
    if (pin == Pin::TwoCores && cpus.size() < 2)
        return Series::failed(QLatin1String(SkippedPrefix) + QStringLiteral("one CPU only"));
    const int here = pin == Pin::Free ? -1 : cpus.front();
    const int there = pin == Pin::Free ? -1 : pin == Pin::OneCore ? cpus.front() : cpus.at(1);
    constexpr int WarmUp = 1000;
    return repeat(s.repeats, [&]() -> double {
        int sv[2];
        if (!platform::makeSocketPair(SOCK_STREAM, sv))
            return -1;
        const int trips = s.roundTrips + WarmUp;
        const pid_t pid = forkChild([&] {
            ::close(sv[0]);
            pinTo(there);
            char m[8];
            for (int i = 0; i < trips; ++i)
                if (!readAll(sv[1], m, sizeof m) || ::write(sv[1], m, sizeof m) != sizeof m)
                    ::_exit(1);
        });
        ::close(sv[1]);
        cpu_set_t mask;
        sched_getaffinity(0, sizeof mask, &mask);
        pinTo(here);
        char m[8] = {};
        qint64 t0 = 0;
        bool ok = true;
        for (int i = 0; i < trips && ok; ++i) {
            if (i == WarmUp)
                t0 = monotonicNs();
            ok = ::write(sv[0], m, sizeof m) == sizeof m && readAll(sv[0], m, sizeof m);
        }
        const qint64 ns = monotonicNs() - t0;
        sched_setaffinity(0, sizeof mask, &mask);
        ::close(sv[0]);
        ok = reapAll({ pid }) && ok;
        return ok ? double(ns) / s.roundTrips / 1e3 : -1;
    });
}

Series lockUncontended(const Sizes& s)
{
    return repeat(s.repeats, [&]() -> double {
        Shared<SharedMutex> m;
        if (!m || !initMutex(&m->mutex))
            return -1;
        const qint64 t0 = monotonicNs();
        for (int i = 0; i < s.lockOps; ++i) {
            pthread_mutex_lock(&m->mutex);
            pthread_mutex_unlock(&m->mutex);
        }
        return double(monotonicNs() - t0) / s.lockOps;
    });
}

Series lockTwoProcesses(const Sizes& s)
{
    return repeat(s.repeats, [&]() -> double {
        Shared<SharedMutex> m;
        if (!m || !initMutex(&m->mutex))
            return -1;
        const qint64 ns = timedChildren(2, [&](int) {
            for (int i = 0; i < s.lockOps; ++i) {
                pthread_mutex_lock(&m->mutex);
                pthread_mutex_unlock(&m->mutex);
            }
        });
        return ns < 0 ? -1 : double(ns) / (2.0 * s.lockOps);
    });
}

Series valueIncrement(const Sizes& s)
{
    return repeat(s.repeats, [&]() -> double {
        Shared<SharedMutex> m;
        if (!m || !initMutex(&m->mutex))
            return -1;
        const qint64 ns = timedChildren(4, [&](int) {
            for (int i = 0; i < s.increments; ++i) {
                pthread_mutex_lock(&m->mutex);
                ++m->value;
                pthread_mutex_unlock(&m->mutex);
            }
        });
        if (ns < 0 || m->value != 4LL * s.increments)
            return -1;
        return double(ns) / (4.0 * s.increments);
    });
}

Series streamedMessages(const Sizes& s)
{
    return repeat(s.repeats, [&]() -> double {
        int sv[2];
        if (!platform::makeSocketPair(SOCK_STREAM, sv))
            return -1;
        const int n = s.tasks;
        const pid_t pid = forkChild([&] {
            ::close(sv[0]);
            char m[8];
            for (int i = 0; i < n; ++i)
                if (!readAll(sv[1], m, sizeof m) || ::write(sv[1], m, sizeof m) != sizeof m)
                    ::_exit(1);
        });
        ::close(sv[1]);
        platform::setNonBlocking(sv[0]);
        constexpr int Window = 256; // messages in flight, as a pool keeps tasks queued at its workers
        const qint64 t0 = monotonicNs();
        int sent = 0, received = 0;
        qint64 bytesIn = 0;
        char m[8] = {};
        char in[4096];
        bool ok = true;
        while (received < n && ok) {
            while (sent < n && sent - received < Window && ::write(sv[0], m, sizeof m) == sizeof m)
                ++sent;
            pollfd p { sv[0], POLLIN, 0 };
            ::poll(&p, 1, -1);
            const ssize_t r = ::read(sv[0], in, sizeof in);
            if (r > 0) {
                bytesIn += r;
                received = int(bytesIn / 8);
            } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
                ok = false;
            }
        }
        const qint64 ns = monotonicNs() - t0;
        ::close(sv[0]);
        ok = reapAll({ pid }) && ok;
        return ok ? double(ns) / n / 1e3 : -1;
    });
}

QString startupProgram()
{
    const QString child = platform::processExecutableDir() + QStringLiteral("/proclab-benchchild");
    return QFileInfo(child).isExecutable() ? child : QStringLiteral("/bin/true");
}

Series startup(int workers, const Sizes& s)
{
    const QString program = startupProgram();
    const bool writesByte = program.endsWith(QLatin1String("proclab-benchchild"));
    Series series = repeat(s.repeats + 1, [&]() -> double {
        int fds[2];
        if (!platform::makePipe(fds))
            return -1;
        platform::SpawnSpec spec;
        spec.program = program;
        spec.fds = { { fds[1], 3 } };
        std::vector<pid_t> pids;
        const qint64 t0 = monotonicNs();
        QString error;
        for (int i = 0; i < workers; ++i) {
            const pid_t pid = platform::spawn(spec, &error);
            if (pid > 0)
                pids.push_back(pid);
        }
        ::close(fds[1]);
        bool ok = int(pids.size()) == workers;
        if (writesByte) { // ready: each wrote its byte
            std::vector<char> bytes(static_cast<size_t>(workers));
            ok = readAll(fds[0], bytes.data(), bytes.size()) && ok;
        } else { // /bin/true: ready is exited
            ok = reapAll(pids) && ok;
        }
        const qint64 ns = monotonicNs() - t0;
        ::close(fds[0]);
        if (writesByte)
            ok = reapAll(pids) && ok;
        return ok ? double(ns) / 1e6 : -1;
    });
    if (!series.values.empty()) // the first round warms the page cache, as it does for ProcLab's workers
        series.values.erase(series.values.begin());
    return series;
}

Series events(const Sizes& s)
{
    constexpr int Procs = 2;
    constexpr int RecordBytes = 32;
    constexpr int PerWrite = 256;
    return repeat(s.repeats, [&]() -> double {
        Shared<Control> c;
        int sv[Procs][2];
        for (auto& p : sv)
            if (!platform::makeSocketPair(SOCK_STREAM, p))
                return -1;
        std::vector<pid_t> pids;
        for (int i = 0; i < Procs; ++i)
            pids.push_back(forkChild([&, i] {
                meet(c.get());
                char buf[RecordBytes * PerWrite];
                std::memset(buf, 0, sizeof buf);
                for (int done = 0; done < s.events; done += PerWrite) {
                    const int k = std::min(PerWrite, s.events - done);
                    if (!platform::writeAll(sv[i][1], buf, qsizetype(k) * RecordBytes))
                        ::_exit(1);
                }
            }));
        for (auto& p : sv)
            ::close(p[1]);
        Backoff b;
        while (c->arrived.load() < Procs)
            b.pause();
        const qint64 t0 = monotonicNs();
        c->go.store(1, std::memory_order_release);
        const qint64 want = qint64(s.events) * RecordBytes;
        qint64 got[Procs] = {};
        char buf[65536];
        bool ok = true;
        while (ok && std::any_of(got, got + Procs, [&](qint64 g) { return g < want; })) {
            pollfd p[Procs];
            for (int i = 0; i < Procs; ++i)
                p[i] = { sv[i][0], short(got[i] < want ? POLLIN : 0), 0 };
            ::poll(p, Procs, -1);
            for (int i = 0; i < Procs; ++i) {
                if (got[i] >= want || !(p[i].revents & (POLLIN | POLLHUP)))
                    continue; // (a finished writer's end reports POLLHUP whatever was asked)
                const ssize_t r = ::read(sv[i][0], buf, sizeof buf);
                if (r > 0)
                    got[i] += r;
                else if (r == 0 || errno != EINTR)
                    ok = false;
            }
        }
        const qint64 ns = monotonicNs() - t0;
        for (auto& p : sv)
            ::close(p[0]);
        ok = reapAll(pids) && ok;
        return ok ? double(ns) / (double(Procs) * s.events) : -1;
    });
}

} // namespace proclab::cli::bench::bare
