#include "mp/sync.h"
#include "mp/objecthost.h"

#include "base/clock.h"
#include "base/handle.h"
#include "base/platform.h"
#include "base/robustmutex.h"
#include "base/sharedmemory.h"

#include <QCborArray>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <sys/syscall.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace proclab {

namespace {

const QString KindKey = QStringLiteral("kind");
const QString ShmKey = QStringLiteral("shm");
const QString IdKey = QStringLiteral("id");

// First bytes of every block: who it is, so that a child attaching a stale or foreign name finds out.
struct BlockHeader {
    quint32 magic;
    qint32 id;
    char kind[24];
};
constexpr quint32 BlockMagic = 0x50'4C'53'42; // "PLSB"
constexpr qsizetype PayloadOffset = 64; // the payload starts cache-line aligned
static_assert(sizeof(BlockHeader) <= PayloadOffset);

TaskException error(const char* type, const QString& message)
{
    return TaskException(QLatin1String(type), message);
}

// Waiters sleep on a wake-up word (platform::sharedWordWait), never on a pthread_cond_t: see platform.h.

// A robust mutex guarding a primitive's state, and the word its waiters sleep on.
struct Gate {
    SharedMutex mutex;
    std::atomic<quint32> wakeups;
};

void initGate(Gate* g)
{
    initSharedMutex(&g->mutex);
    g->wakeups.store(0, std::memory_order_relaxed);
}

// Takes the gate's mutex. Returns true when its previous holder died in the middle of an operation: the
// caller holds it now and repairs what needs repairing.
bool enter(Gate* g)
{
    const LockResult r = lockShared(&g->mutex);
    if (r == LockResult::Error)
        throw error("OSError", QStringLiteral("cannot lock a shared primitive (pthread_mutex_lock failed)"));
    return r == LockResult::OwnerDied;
}

void leave(Gate* g)
{
    unlockShared(&g->mutex);
}

// Caller holds the gate: lets it go, sleeps until the gate is woken or `untilNs` (-1: no limit), takes it
// again. Reading the word under the mutex and changing state only under it (wakeAll) means no wake-up is lost.
bool sleepOn(Gate* g, qint64 untilNs)
{
    const quint32 seen = g->wakeups.load(std::memory_order_acquire);
    leave(g);
    platform::sharedWordWait(&g->wakeups, seen, untilNs);
    return enter(g);
}

// Caller holds the gate: everyone sleeping on it rechecks their condition once they hold it again.
void wakeAll(Gate* g)
{
    g->wakeups.fetch_add(1, std::memory_order_release);
    platform::sharedWordWake(&g->wakeups, INT_MAX);
}

bool passed(qint64 deadlineNs)
{
    return deadlineNs >= 0 && monotonicNs() >= deadlineNs;
}

// A bounded sleep: until the deadline, but at most `sliceNs` from now.
qint64 sliceUntil(qint64 deadlineNs, qint64 sliceNs)
{
    const qint64 slice = monotonicNs() + sliceNs;
    return deadlineNs < 0 ? slice : std::min(deadlineNs, slice);
}

// Waits that no event is expected to end still look again this often: a waker killed between changing the
// state and waking us cannot strand us.
constexpr qint64 SafetySliceNs = 200'000'000;

pid_t selfPid()
{
    return ::getpid();
}
pid_t selfTid()
{
    return ::gettid();
}

// Fields written by one process and read by others only for display or for a check the writer itself
// makes true: relaxed atomic accesses keep them tear-free.
template <class T> T loadRelaxed(const T& field)
{
    return __atomic_load_n(&field, __ATOMIC_RELAXED);
}
template <class T> void storeRelaxed(T& field, T value)
{
    __atomic_store_n(&field, value, __ATOMIC_RELAXED);
}

// Mappings kept alive on purpose after their handle went (see SharedObject::keepMappedAfterDestruction).
std::mutex g_keptMutex;
std::vector<std::unique_ptr<SharedMemory>>* g_kept = nullptr; // guarded by g_keptMutex; never freed

// --- Blocks ----------------------------------------------------------------------------------------------

struct LockBlock {
    SharedMutex mutex; // the lock itself: held from acquire() to release()
    qint32 recursive;
    // Written by the holder right after locking and cleared before unlocking, so that after the holder's death
    // it still names it. Read by others only for the picture and for messages.
    pid_t holder;
    pid_t holderTid;
    qint32 depth; // holder only
};

struct SemaphoreBlock {
    Gate gate;
    qint64 value; // guarded by gate
    qint64 maxValue; // bounded only
    qint32 bounded;
    qint32 waiting; // guarded by gate
};

struct EventBlock {
    Gate gate;
    qint32 flag; // guarded by gate
};

enum WaiterState : qint32 { SlotFree = 0, SlotWaiting = 1, SlotNotified = 2 };

struct ConditionWaiter {
    pid_t pid;
    qint32 state;
    qint64 ticket; // arrival order: notify() wakes the oldest first
};

struct ConditionBlock {
    Gate gate;
    qint64 nextTicket; // guarded by gate
    qint32 lockId;
    ConditionWaiter waiters[Condition::MaxWaiters]; // guarded by gate
};

// Python's threading.Barrier states.
enum BarrierState : qint32 { Filling = 0, Draining = 1, Resetting = -1, Broken = -2 };
enum BrokenReason : qint32 { NotBroken = 0, Aborted, TimedOut, PartyDied };

struct BarrierBlock {
    Gate gate;
    qint32 parties;
    double defaultTimeoutMs;
    qint32 count; // guarded by gate: parties inside wait(), as Python's _count
    qint32 state; // guarded by gate
    qint32 reason; // guarded by gate: why it is broken
    pid_t brokenBy; // guarded by gate: whose timeout or death broke it
    pid_t registered[Barrier::MaxParties]; // guarded by gate: the pids counted in `count`, 0 = free slot
};

} // namespace

// --- SharedObject ------------------------------------------------------------------------------------------------

SharedObject::SharedObject(SharedObject&& other) noexcept
    : m_kind(std::move(other.m_kind))
    , m_shm(std::move(other.m_shm))
    , m_data(std::exchange(other.m_data, nullptr))
    , m_id(other.m_id)
    , m_sink(other.m_sink)
{
}

SharedObject& SharedObject::operator=(SharedObject&& other) noexcept
{
    m_kind = std::move(other.m_kind);
    m_shm = std::move(other.m_shm);
    m_data = std::exchange(other.m_data, nullptr);
    m_id = other.m_id;
    m_sink = other.m_sink;
    return *this;
}

SharedObject::SharedObject() = default;
SharedObject::~SharedObject() = default;

QString SharedObject::shmName() const
{
    return m_shm ? m_shm->name() : QString();
}

QCborValue SharedObject::handle() const
{
    QCborMap fields = handleExtras();
    fields.insert(KindKey, m_kind);
    fields.insert(ShmKey, shmName());
    fields.insert(IdKey, m_id);
    return makeHandle(fields);
}

void SharedObject::create(ObjectHost* host, const QString& kind, qsizetype size, qint64 detail)
{
    QString why;
    m_shm = SharedMemory::create(kind, PayloadOffset + size, &why);
    if (!m_shm)
        throw error("OSError", why);
    m_kind = kind;
    m_id = host ? host->nextObjectId() : -1;
    m_sink = eventSinkFor(host);
    auto* header = static_cast<BlockHeader*>(m_shm->data());
    header->magic = BlockMagic;
    header->id = m_id;
    const QByteArray k = kind.toLatin1().left(int(sizeof header->kind) - 1);
    std::memcpy(header->kind, k.constData(), size_t(k.size()));
    m_data = static_cast<char*>(m_shm->data()) + PayloadOffset;
    static const std::map<QString, ObjectType> types { { QStringLiteral("lock"), ObjectType::Lock },
        { QStringLiteral("rlock"), ObjectType::RLock }, { QStringLiteral("sem"), ObjectType::Semaphore },
        { QStringLiteral("bsem"), ObjectType::BoundedSemaphore }, { QStringLiteral("event"), ObjectType::Event },
        { QStringLiteral("cond"), ObjectType::Condition }, { QStringLiteral("barrier"), ObjectType::Barrier },
        { QStringLiteral("value"), ObjectType::Value }, { QStringLiteral("array"), ObjectType::Array } };
    const auto type = types.find(kind);
    if (m_sink && type != types.end())
        m_sink->emitEvent(EventKind::ObjectCreate, m_id, detail, int(type->second));
}

void SharedObject::attachTo(const QCborValue& handle, const QStringList& kinds, qsizetype minSize, EventSink* engine)
{
    const QCborMap fields = handleFields(handle);
    const QString kind = fields.value(KindKey).toString();
    if (!kinds.contains(kind))
        throw error("TypeError",
            QStringLiteral("wrong handle: %1 (expected: %2)")
                .arg(kind.isEmpty() ? QStringLiteral("not a handle") : kind, kinds.join(QStringLiteral(" or "))));
    QString why;
    m_shm = SharedMemory::attach(fields.value(ShmKey).toString(), &why);
    if (!m_shm)
        throw error("FileNotFoundError", QStringLiteral("the %1 is gone (its owner ended): %2").arg(kind, why));
    const auto* header = static_cast<const BlockHeader*>(m_shm->data());
    if (m_shm->size() < PayloadOffset + minSize || header->magic != BlockMagic || QLatin1String(header->kind) != kind)
        throw error("TypeError", QStringLiteral("%1 is not a %2").arg(m_shm->name(), kind));
    m_kind = kind;
    m_id = header->id;
    m_sink = eventSinkFor(engine);
    m_data = static_cast<char*>(m_shm->data()) + PayloadOffset;
}

void SharedObject::emitEvent(EventKind kind, qint64 value) const
{
    if (m_sink)
        m_sink->emitEvent(kind, m_id, -1, value);
}

void SharedObject::flushEvents() const
{
    if (m_sink)
        m_sink->flushEvents();
}

void SharedObject::keepMappedAfterDestruction()
{
    if (!m_shm)
        return;
    if (m_shm->isOwner())
        m_shm->unlink();
    std::lock_guard lock(g_keptMutex);
    if (!g_kept)
        g_kept = new std::vector<std::unique_ptr<SharedMemory>>; // reachable forever: not a leak to LSan
    g_kept->push_back(std::move(m_shm));
}

// --- Lock, RLock ---------------------------------------------------------------------------------------------

namespace {
LockBlock* lockBlock(void* data)
{
    return static_cast<LockBlock*>(data);
}
} // namespace

Lock::Lock(ObjectHost* host)
    : Lock(host, false)
{
}

Lock::Lock(ObjectHost* host, bool recursive)
{
    create(host, recursive ? QStringLiteral("rlock") : QStringLiteral("lock"), sizeof(LockBlock));
    LockBlock* b = lockBlock(data());
    initSharedMutex(&b->mutex);
    b->recursive = recursive;
}

Lock Lock::attach(const QCborValue& handle, EventSink* engine)
{
    Lock lock;
    lock.attachTo(handle, { QStringLiteral("lock"), QStringLiteral("rlock") }, sizeof(LockBlock), engine);
    return lock;
}

Lock::~Lock()
{
    // Never unmap a mutex this process holds: it is on the holder thread's robust list, which the kernel walks
    // (and writes to) when the thread exits. Kept mapped, the lock stays held until this process ends, and the
    // next acquirer is then told its owner died, as for any process that ends holding a lock.
    if (data() && loadRelaxed(lockBlock(data())->holder) == selfPid())
        keepMappedAfterDestruction();
}

Lock& Lock::operator=(Lock&& other)
{
    if (this != &other && data() && loadRelaxed(lockBlock(data())->holder) == selfPid())
        keepMappedAfterDestruction();
    SharedObject::operator=(std::move(other));
    return *this;
}

bool Lock::isRecursive() const
{
    return lockBlock(data())->recursive != 0;
}

qint64 Lock::holder() const
{
    return loadRelaxed(lockBlock(data())->holder);
}

bool Lock::isHeldByCurrentThread() const
{
    const LockBlock* b = lockBlock(data());
    // Only the holder writes its own pid and tid here, so reading ours means we hold it.
    return loadRelaxed(b->holder) == selfPid() && loadRelaxed(b->holderTid) == selfTid();
}

int Lock::recursionDepth() const
{
    const LockBlock* b = lockBlock(data());
    return loadRelaxed(b->holder) ? loadRelaxed(b->depth) : 0;
}

bool Lock::acquire(bool block, double timeoutMs)
{
    return acquireImpl(block, timeoutMs, false);
}

void Lock::release()
{
    releaseImpl(false);
}

bool Lock::acquireImpl(bool block, double timeoutMs, bool quiet)
{
    LockBlock* b = lockBlock(data());
    const pid_t me = selfPid();
    const qint64 deadline = block ? deadlineAfterMs(timeoutMs) : -1;
    if (isHeldByCurrentThread()) {
        if (b->recursive) {
            storeRelaxed(b->depth, b->depth + 1); // recursion does not show: only the outermost acquire/release do
            return true;
        }
        // A Lock acquired again by its holder waits for itself: Python blocks forever; we refuse to.
        if (!block)
            return false;
        if (deadline >= 0) {
            timespec ts { time_t(deadline / 1'000'000'000), long(deadline % 1'000'000'000) };
            while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) { }
            return false;
        }
        throw error("RuntimeError",
            QStringLiteral("deadlock: this thread already holds lock %1 and would wait for itself forever (an RLock "
                           "may be acquired again by its holder)")
                .arg(id()));
    }
    LockResult r = lockShared(&b->mutex, 0); // try first: only a real wait shows as one
    if (r == LockResult::TimedOut) {
        if (!block)
            return false;
        if (!quiet) {
            emitEvent(EventKind::LockWait, loadRelaxed(b->holder));
            flushEvents();
        }
        r = lockShared(&b->mutex, deadline);
        if (r == LockResult::TimedOut) {
            if (!quiet)
                emitEvent(EventKind::LockWait, -1);
            return false;
        }
    }
    if (r == LockResult::Error)
        throw error("OSError", QStringLiteral("cannot lock %1 %2 (pthread_mutex_lock failed)").arg(m_kind).arg(id()));
    // We hold it. After an owner death, `holder` still names the dead process (it never got to clear it).
    const pid_t dead = r == LockResult::OwnerDied ? b->holder : 0;
    storeRelaxed(b->holderTid, selfTid());
    storeRelaxed(b->depth, 1);
    storeRelaxed(b->holder, me);
    if (r == LockResult::OwnerDied) {
        emitEvent(EventKind::Error, dead);
        if (!quiet)
            emitEvent(EventKind::LockAcquire, me);
        const QString who = dead > 0 ? QStringLiteral("process %1").arg(dead) : QStringLiteral("a process");
        throw OwnerDiedError(dead,
            QStringLiteral("%1 died holding %2 %3; this process holds it now and what it protected may be "
                           "half-updated")
                .arg(who, m_kind)
                .arg(id()));
    }
    if (!quiet)
        emitEvent(EventKind::LockAcquire, me);
    return true;
}

void Lock::releaseImpl(bool quiet)
{
    LockBlock* b = lockBlock(data());
    const pid_t me = selfPid();
    if (!isHeldByCurrentThread()) {
        // Python's messages: SemLock.release() of an RLock not ours, of a Lock nobody holds.
        if (b->recursive)
            throw error("AssertionError", QStringLiteral("attempt to release recursive lock not owned by thread"));
        const pid_t holder = loadRelaxed(b->holder);
        if (holder == 0)
            throw error("ValueError", QStringLiteral("semaphore or lock released too many times"));
        // Python's Lock lets anyone release it; ours is owner-checked, so that the picture's holder is the truth.
        throw error("AssertionError",
            QStringLiteral("attempt to release lock %1 held by %2")
                .arg(id())
                .arg(holder == me ? QStringLiteral("another thread") : QStringLiteral("process %1").arg(holder)));
    }
    if (b->depth > 1) {
        storeRelaxed(b->depth, b->depth - 1);
        return;
    }
    storeRelaxed(b->holder, pid_t(0));
    storeRelaxed(b->holderTid, pid_t(0));
    storeRelaxed(b->depth, 0);
    unlockShared(&b->mutex);
    if (!quiet)
        emitEvent(EventKind::LockRelease, me);
}

int Lock::releaseAll()
{
    LockBlock* b = lockBlock(data());
    const int depth = b->depth;
    b->depth = 1;
    releaseImpl(false);
    return depth;
}

void Lock::restore(int depth)
{
    try {
        acquireImpl(true, -1, false);
    } catch (const OwnerDiedError&) {
        lockBlock(data())->depth = depth;
        throw;
    }
    lockBlock(data())->depth = depth;
}

RLock::RLock(ObjectHost* host)
    : Lock(host, true)
{
}

RLock RLock::attach(const QCborValue& handle, EventSink* engine)
{
    RLock lock;
    lock.attachTo(handle, { QStringLiteral("rlock") }, sizeof(LockBlock), engine);
    return lock;
}

// --- Semaphore -----------------------------------------------------------------------------------------------

namespace {
SemaphoreBlock* semBlock(void* data)
{
    return static_cast<SemaphoreBlock*>(data);
}
} // namespace

Semaphore::Semaphore(ObjectHost* host, int value)
    : Semaphore(host, value, false)
{
}

Semaphore::Semaphore(ObjectHost* host, int value, bool bounded)
{
    if (value < 0)
        throw error("ValueError", QStringLiteral("semaphore initial value must be >= 0"));
    create(host, bounded ? QStringLiteral("bsem") : QStringLiteral("sem"), sizeof(SemaphoreBlock), value);
    SemaphoreBlock* b = semBlock(data());
    initGate(&b->gate);
    b->value = value;
    b->maxValue = value;
    b->bounded = bounded;
}

Semaphore Semaphore::attach(const QCborValue& handle, EventSink* engine)
{
    Semaphore s;
    s.attachTo(handle, { QStringLiteral("sem"), QStringLiteral("bsem") }, sizeof(SemaphoreBlock), engine);
    return s;
}

int Semaphore::value() const
{
    SemaphoreBlock* b = semBlock(data());
    enter(&b->gate); // a holder that died mid-operation left a counter written in one store: nothing to repair
    const int v = int(b->value);
    leave(&b->gate);
    return v;
}

bool Semaphore::acquire(bool block, double timeoutMs)
{
    SemaphoreBlock* b = semBlock(data());
    const qint64 deadline = block ? deadlineAfterMs(timeoutMs) : -1;
    enter(&b->gate);
    if (b->value == 0) {
        if (!block) {
            leave(&b->gate);
            return false;
        }
        ++b->waiting;
        leave(&b->gate);
        emitEvent(EventKind::LockWait, 0);
        flushEvents();
        enter(&b->gate);
        while (b->value == 0 && !passed(deadline))
            sleepOn(&b->gate, sliceUntil(deadline, SafetySliceNs));
        --b->waiting;
        if (b->value == 0) {
            leave(&b->gate);
            emitEvent(EventKind::LockWait, -1);
            return false;
        }
    }
    const qint64 now = --b->value;
    leave(&b->gate);
    emitEvent(EventKind::LockAcquire, selfPid());
    emitEvent(EventKind::SemaphoreValue, now);
    return true;
}

void Semaphore::release()
{
    SemaphoreBlock* b = semBlock(data());
    enter(&b->gate);
    if (b->bounded && b->value >= b->maxValue) {
        leave(&b->gate);
        throw error("ValueError", QStringLiteral("semaphore or lock released too many times"));
    }
    const qint64 now = ++b->value;
    if (b->waiting > 0)
        wakeAll(&b->gate);
    leave(&b->gate);
    emitEvent(EventKind::LockRelease, selfPid());
    emitEvent(EventKind::SemaphoreValue, now);
}

BoundedSemaphore::BoundedSemaphore(ObjectHost* host, int value)
    : Semaphore(host, value, true)
{
}

BoundedSemaphore BoundedSemaphore::attach(const QCborValue& handle, EventSink* engine)
{
    BoundedSemaphore s;
    s.attachTo(handle, { QStringLiteral("bsem") }, sizeof(SemaphoreBlock), engine);
    return s;
}

// --- Event ---------------------------------------------------------------------------------------------------

namespace {
EventBlock* eventBlock(void* data)
{
    return static_cast<EventBlock*>(data);
}
} // namespace

SyncEvent::SyncEvent(ObjectHost* host)
{
    create(host, QStringLiteral("event"), sizeof(EventBlock));
    initGate(&eventBlock(data())->gate);
}

SyncEvent SyncEvent::attach(const QCborValue& handle, EventSink* engine)
{
    SyncEvent e;
    e.attachTo(handle, { QStringLiteral("event") }, sizeof(EventBlock), engine);
    return e;
}

bool SyncEvent::isSet() const
{
    return loadRelaxed(eventBlock(data())->flag) != 0;
}

void SyncEvent::set()
{
    EventBlock* b = eventBlock(data());
    enter(&b->gate);
    b->flag = 1;
    wakeAll(&b->gate);
    leave(&b->gate);
    emitEvent(EventKind::EventSet, 0);
}

void SyncEvent::clear()
{
    EventBlock* b = eventBlock(data());
    enter(&b->gate);
    b->flag = 0;
    leave(&b->gate);
    emitEvent(EventKind::EventClear, 0);
}

bool SyncEvent::wait(double timeoutMs)
{
    EventBlock* b = eventBlock(data());
    const qint64 deadline = deadlineAfterMs(timeoutMs);
    enter(&b->gate);
    if (b->flag) {
        leave(&b->gate);
        return true;
    }
    leave(&b->gate);
    emitEvent(EventKind::EventWait, 0);
    flushEvents();
    enter(&b->gate);
    while (!b->flag && !passed(deadline))
        sleepOn(&b->gate, sliceUntil(deadline, SafetySliceNs));
    const bool set = b->flag != 0;
    leave(&b->gate);
    emitEvent(EventKind::EventWait, set ? 1 : -1);
    return set;
}

// --- Condition -----------------------------------------------------------------------------------------------

namespace {
ConditionBlock* condBlock(void* data)
{
    return static_cast<ConditionBlock*>(data);
}
} // namespace

Condition::Condition(ObjectHost* host, Lock* lock)
{
    if (!lock) {
        m_ownedLock = std::make_unique<RLock>(host);
        lock = m_ownedLock.get();
    }
    m_lock = lock;
    create(host, QStringLiteral("cond"), sizeof(ConditionBlock));
    ConditionBlock* b = condBlock(data());
    initGate(&b->gate);
    b->lockId = lock->id();
}

Condition::Condition(Condition&& other) noexcept = default;
Condition& Condition::operator=(Condition&& other) noexcept = default;
Condition::~Condition() = default;

QCborMap Condition::handleExtras() const
{
    return { { QStringLiteral("lock"), m_lock->handle() } };
}

Condition Condition::attach(const QCborValue& handle, EventSink* engine)
{
    Condition c;
    c.attachTo(handle, { QStringLiteral("cond") }, sizeof(ConditionBlock), engine);
    c.m_ownedLock = std::make_unique<Lock>(Lock::attach(handleFields(handle).value(QStringLiteral("lock")), engine));
    c.m_lock = c.m_ownedLock.get();
    return c;
}

bool Condition::wait(double timeoutMs)
{
    if (!m_lock->isHeldByCurrentThread())
        throw error("AssertionError", QStringLiteral("must acquire() condition before using wait()"));
    ConditionBlock* b = condBlock(data());
    const qint64 deadline = deadlineAfterMs(timeoutMs);
    const pid_t me = selfPid();

    // Register before giving the lock up: a notifier (who must hold the lock) then always sees us.
    enter(&b->gate);
    ConditionWaiter* slot = nullptr;
    for (auto& w : b->waiters) {
        if (w.state == SlotFree || (w.pid != me && !platform::isAlive(w.pid))) {
            slot = &w;
            break;
        }
    }
    if (!slot) {
        leave(&b->gate);
        throw error(
            "RuntimeError", QStringLiteral("too many waiters on condition %1 (at most %2)").arg(id()).arg(MaxWaiters));
    }
    *slot = { me, SlotWaiting, b->nextTicket++ };
    leave(&b->gate);

    emitEvent(EventKind::ConditionWait, b->lockId);
    flushEvents();
    const int depth = m_lock->releaseAll();

    enter(&b->gate);
    while (slot->state != SlotNotified && !passed(deadline))
        sleepOn(&b->gate, sliceUntil(deadline, SafetySliceNs));
    const bool notified = slot->state == SlotNotified;
    *slot = { 0, SlotFree, 0 };
    leave(&b->gate);

    m_lock->restore(depth);
    return notified;
}

bool Condition::waitFor(const std::function<bool()>& predicate, double timeoutMs)
{
    // Python's wait_for(): the remaining time shrinks across spurious or unrelated wake-ups.
    const qint64 deadline = deadlineAfterMs(timeoutMs);
    bool result = predicate();
    while (!result) {
        double waitMs = -1;
        if (deadline >= 0) {
            waitMs = double(deadline - monotonicNs()) / 1e6;
            if (waitMs <= 0)
                break;
        }
        wait(waitMs);
        result = predicate();
    }
    return result;
}

int Condition::wake(int n)
{
    // Caller holds b->gate. The oldest live waiters first; the slots of dead ones are freed.
    ConditionBlock* b = condBlock(data());
    const pid_t me = selfPid();
    int woken = 0;
    while (woken < n) {
        ConditionWaiter* oldest = nullptr;
        for (auto& w : b->waiters)
            if (w.state == SlotWaiting && (!oldest || w.ticket < oldest->ticket))
                oldest = &w;
        if (!oldest)
            break;
        if (oldest->pid != me && !platform::isAlive(oldest->pid)) {
            *oldest = { 0, SlotFree, 0 };
            continue;
        }
        oldest->state = SlotNotified;
        ++woken;
    }
    if (woken > 0)
        wakeAll(&b->gate);
    return woken;
}

void Condition::notify(int n)
{
    if (!m_lock->isHeldByCurrentThread())
        throw error("AssertionError", QStringLiteral("lock is not owned"));
    ConditionBlock* b = condBlock(data());
    enter(&b->gate);
    const int woken = wake(n);
    leave(&b->gate);
    emitEvent(EventKind::ConditionNotify, woken);
}

void Condition::notifyAll()
{
    if (!m_lock->isHeldByCurrentThread())
        throw error("AssertionError", QStringLiteral("lock is not owned"));
    ConditionBlock* b = condBlock(data());
    enter(&b->gate);
    wake(INT_MAX);
    leave(&b->gate);
    emitEvent(EventKind::ConditionNotify, -1);
}

// --- Barrier -------------------------------------------------------------------------------------------------

namespace {

BarrierBlock* barrierBlock(void* data)
{
    return static_cast<BarrierBlock*>(data);
}

// Caller holds the gate.
void breakBarrier(BarrierBlock* b, BrokenReason reason, pid_t by)
{
    b->state = Broken;
    b->reason = reason;
    b->brokenBy = by;
    wakeAll(&b->gate);
}

// Caller holds the gate. What the parties that leave a broken (or reset) barrier are told.
QString brokenMessage(const BarrierBlock* b, int id)
{
    if (b->state == Resetting)
        return QStringLiteral("barrier %1 was reset while this party waited").arg(id);
    switch (BrokenReason(b->reason)) {
    case Aborted:
        return QStringLiteral("barrier %1 was aborted").arg(id);
    case TimedOut:
        return QStringLiteral("barrier %1 broke: the wait of process %2 timed out").arg(id).arg(b->brokenBy);
    case PartyDied:
        return QStringLiteral("barrier %1 broke: party process %2 died while waiting").arg(id).arg(b->brokenBy);
    case NotBroken:
        break;
    }
    return QStringLiteral("barrier %1 is broken").arg(id);
}

// Caller holds the gate. Python's _exit(): the last party out of a drained or reset barrier opens it again.
void leaveBarrier(BarrierBlock* b)
{
    if (b->count == 0 && (b->state == Draining || b->state == Resetting)) {
        b->state = Filling;
        b->reason = NotBroken;
        wakeAll(&b->gate);
    }
}

// Caller holds the gate. A party that died while counted: it never leaves by itself, so it is taken out here
// (its count too, else a drain or a reset would wait for it forever), and a barrier still filling breaks for
// everyone. Returns the first dead pid found, 0 if none.
pid_t removeDeadParties(BarrierBlock* b)
{
    const pid_t me = selfPid();
    pid_t firstDead = 0;
    for (pid_t& p : b->registered) {
        if (p == 0 || p == me || platform::isAlive(p))
            continue;
        if (!firstDead)
            firstDead = p;
        if (b->state == Filling)
            breakBarrier(b, PartyDied, p);
        p = 0;
        --b->count;
    }
    if (firstDead)
        leaveBarrier(b);
    return firstDead;
}

} // namespace

Barrier::Barrier(ObjectHost* host, int parties, double timeoutMs)
{
    if (parties < 1 || parties > MaxParties)
        throw error(
            "ValueError", QStringLiteral("a barrier needs 1 to %1 parties, not %2").arg(MaxParties).arg(parties));
    create(host, QStringLiteral("barrier"), sizeof(BarrierBlock), parties);
    BarrierBlock* b = barrierBlock(data());
    initGate(&b->gate);
    b->parties = parties;
    b->defaultTimeoutMs = timeoutMs;
}

Barrier Barrier::attach(const QCborValue& handle, EventSink* engine)
{
    Barrier barrier;
    barrier.attachTo(handle, { QStringLiteral("barrier") }, sizeof(BarrierBlock), engine);
    return barrier;
}

int Barrier::wait(std::optional<double> timeoutMs)
{
    BarrierBlock* b = barrierBlock(data());
    const qint64 deadline = deadlineAfterMs(timeoutMs.value_or(b->defaultTimeoutMs));
    const pid_t me = selfPid();
    pid_t dead = 0;
    // Every sleep here is at most DeathCheckNs long, and every wake-up looks for dead parties.
    const auto sleepChecked = [&](qint64 until) {
        sleepOn(&b->gate, sliceUntil(until, DeathCheckNs));
        if (const pid_t d = removeDeadParties(b))
            dead = d;
    };
    const auto reportDeath = [&] {
        if (dead)
            emitEvent(EventKind::Error, dead);
    };

    if (enter(&b->gate))
        dead = removeDeadParties(b);
    // Python's _enter(): the previous cycle drains (or resets) before a new one fills.
    while (b->state == Draining || b->state == Resetting)
        sleepChecked(-1);
    if (b->state == Broken) {
        const QString why = brokenMessage(b, id());
        leave(&b->gate);
        reportDeath();
        throw BrokenBarrierError(why);
    }
    const int index = b->count++;
    pid_t* slot = std::find(std::begin(b->registered), std::end(b->registered), pid_t(0));
    *slot = me; // count < parties <= MaxParties: there is a free slot
    if (index + 1 == b->parties) {
        // The last party releases the others (Python's _release(), without an action) and leaves at once.
        b->state = Draining;
        wakeAll(&b->gate);
        --b->count;
        *slot = 0;
        leaveBarrier(b);
        leave(&b->gate);
        emitEvent(EventKind::BarrierArrive, index);
        emitEvent(EventKind::BarrierPass, index);
        return index;
    }
    leave(&b->gate);
    emitEvent(EventKind::BarrierArrive, index);
    flushEvents();

    if (enter(&b->gate))
        dead = removeDeadParties(b);
    while (b->state == Filling) {
        if (passed(deadline)) {
            breakBarrier(b, TimedOut, me); // Python: a timeout breaks the barrier for all
            break;
        }
        sleepChecked(deadline);
    }
    const bool passedOk = b->state == Draining;
    const QString why = passedOk ? QString() : brokenMessage(b, id());
    // Python's finally: _count -= 1; _exit(). A party found dead was already taken out, we never are (we live).
    --b->count;
    *slot = 0;
    leaveBarrier(b);
    leave(&b->gate);
    reportDeath();
    emitEvent(EventKind::BarrierPass, passedOk ? index : -1);
    if (!passedOk)
        throw BrokenBarrierError(why);
    return index;
}

void Barrier::reset()
{
    BarrierBlock* b = barrierBlock(data());
    if (enter(&b->gate))
        removeDeadParties(b);
    if (b->count > 0) {
        // Waiting parties raise; the last one out opens the barrier again.
        if (b->state == Filling || b->state == Broken)
            b->state = Resetting;
    } else {
        b->state = Filling;
        b->reason = NotBroken;
    }
    wakeAll(&b->gate);
    leave(&b->gate);
}

void Barrier::abort()
{
    BarrierBlock* b = barrierBlock(data());
    enter(&b->gate);
    breakBarrier(b, Aborted, selfPid());
    leave(&b->gate);
}

int Barrier::parties() const
{
    return barrierBlock(data())->parties;
}

int Barrier::nWaiting() const
{
    BarrierBlock* b = barrierBlock(data());
    enter(&b->gate);
    const int n = b->state == Filling ? b->count : 0;
    leave(&b->gate);
    return n;
}

bool Barrier::broken() const
{
    return loadRelaxed(barrierBlock(data())->state) == Broken;
}

} // namespace proclab
