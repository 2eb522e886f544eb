#include "mp/queue.h"
#include "mp/objecthost.h"

#include "base/platform.h"

#include "base/clock.h"
#include "base/eventsink.h"
#include "base/handle.h"
#include "base/robustmutex.h"
#include "base/sharedmemory.h"

#include <QCborArray>
#include <QCborMap>
#include <QLoggingCategory>

#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <sys/syscall.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcQueue, "proclab.queue", QtWarningMsg)

namespace proclab {

// The queue's state in shared memory. Every field is changed only with `mutex` held; the atomics are
// there for the lock-free snapshots (qsize) and for the futex words.
//
// The ring holds records [header | payload padded to 8 bytes]. `head` and `tail` are byte positions that
// only grow (their offset in the ring is pos % capacity), so "empty" is head == tail and the bytes in use
// are tail - head. A record that would not fit before the end of the ring is preceded by a wrap marker and
// starts again at offset 0.
//
// Surviving a SIGKILL at any instruction: each operation writes its data first and publishes it with one
// aligned 64-bit store (put: tail, get: head), so a record is either fully there or not there. The other
// fields (count, and the second store of a rewind) can lag behind by one operation; whoever next locks
// the mutex gets OwnerDied and recomputes them from head and tail (repairLocked).
//
// Why futex words rather than pthread_cond_t: glibc's process-shared condition variables (2.36 here) keep
// per-waiter state inside the condvar, and a waiter killed inside pthread_cond_wait leaves group references
// behind that a later signal may wait for forever. A futex word holds no waiter state at all: a dead
// waiter just disappears from the kernel's wait list.
struct QueueShared {
    quint32 magic;
    quint32 version;
    SharedMutex mutex;
    qint64 capacity; // bytes in the ring, a multiple of 8
    qint32 maxsize; // items; 0: unbounded (by bytes only)
    qint32 getWaiters; // guarded by mutex; may overcount after a waiter died (costs a useless wake only)
    qint32 putWaiters; // guarded by mutex; idem
    std::atomic<qint32> count; // items between head and tail
    std::atomic<qint64> head; // next record to get
    std::atomic<qint64> tail; // where the next record goes
    std::atomic<quint32> notEmpty; // futex word: bumped by every put
    std::atomic<quint32> notFull; // futex word: bumped by every get
};

namespace {

constexpr quint32 Magic = 0x51435250; // "PRCQ"
constexpr quint32 Version = 1;
constexpr qint64 DataOffset = 4096;
constexpr qint64 MinCapacity = 4096;
constexpr quint32 ItemMark = 0x4d455449; // "ITEM"
constexpr quint32 WrapMark = 0x50415257; // "WRAP": the rest of the ring is unused, go on at offset 0
constexpr int NonBlockingLockMs = 100;
// A blocked getter or putter looks again at least this often: if a process was killed right after it was
// woken, or while it held the lock having published an item, nobody else would wake the sleepers.
constexpr qint64 RecheckNs = 100'000'000;
// A getter that finds the queue empty first watches it this long, without the lock, before it goes to sleep: a
// producer is often microseconds away, and a sleep costs two system calls (the wait and the putter's wake-up),
// each several microseconds on a virtual machine.
constexpr qint64 GetSpinNs = 20'000;

void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static_assert(sizeof(QueueShared) <= DataOffset);
static_assert(std::atomic<qint64>::is_always_lock_free && std::atomic<quint32>::is_always_lock_free);
static_assert(sizeof(std::atomic<quint32>) == sizeof(quint32)); // usable as a futex word

struct RecordHeader {
    quint32 length; // payload bytes
    quint32 mark; // ItemMark or WrapMark
};

qint64 recordSize(qint64 payload)
{
    return qint64(sizeof(RecordHeader)) + ((payload + 7) & ~qint64(7));
}

char* ring(QueueShared* q)
{
    return reinterpret_cast<char*>(q) + DataOffset;
}
RecordHeader* headerAt(QueueShared* q, qint64 pos)
{
    return reinterpret_cast<RecordHeader*>(ring(q) + pos % q->capacity);
}

QString typeName(const char* name)
{
    return QString::fromLatin1(name);
}

// Brings count (and a half-done rewind) back in line with head and tail after a holder died. Caller holds
// the mutex (just got OwnerDied).
void repairLocked(QueueShared* q)
{
    const qint64 cap = q->capacity;
    const qint64 head = q->head.load(std::memory_order_relaxed);
    qint64 tail = q->tail.load(std::memory_order_relaxed);
    if (head > tail || tail - head > cap) // a rewind cut in half (head moved, tail not), or worse
        tail = head;
    qint32 items = 0;
    qint64 pos = head;
    while (pos < tail) {
        const RecordHeader* h = headerAt(q, pos);
        const qint64 toEnd = cap - pos % cap;
        if (h->mark == WrapMark && pos + toEnd <= tail) {
            pos += toEnd;
            continue;
        }
        if (h->mark != ItemMark || recordSize(h->length) > toEnd || pos + recordSize(h->length) > tail)
            break; // cannot happen by construction; keep what is certainly whole
        pos += recordSize(h->length);
        ++items;
    }
    q->tail.store(pos, std::memory_order_release);
    q->count.store(items, std::memory_order_release);
    // Whatever the dead holder was about to announce, announce it now.
    q->notEmpty.fetch_add(1);
    q->notFull.fetch_add(1);
    platform::sharedWordWake(&q->notEmpty, INT_MAX);
    platform::sharedWordWake(&q->notFull, INT_MAX);
    qCInfo(lcQueue) << "a process died holding a queue's lock; repaired, items:" << items;
}

// Room for a record of `need` bytes at the tail: the padding a wrap needs first, or -1 if there is no room.
// Caller holds the mutex.
qint64 paddingForPut(const QueueShared* q, qint64 need)
{
    const qint64 cap = q->capacity;
    const qint64 head = q->head.load(std::memory_order_relaxed);
    const qint64 tail = q->tail.load(std::memory_order_relaxed);
    if (q->maxsize > 0 && q->count.load(std::memory_order_relaxed) >= q->maxsize)
        return -1;
    const qint64 toEnd = cap - tail % cap;
    const qint64 pad = toEnd < need ? toEnd : 0;
    return (tail - head) + pad + need <= cap ? pad : -1;
}

// Writes the record (and the wrap marker before it) past the tail, not yet visible. Caller holds the mutex.
// Returns the new tail.
qint64 writeRecordLocked(QueueShared* q, const QByteArray& payload, qint64 pad)
{
    qint64 pos = q->tail.load(std::memory_order_relaxed);
    if (pad > 0) {
        RecordHeader* wrap = headerAt(q, pos);
        wrap->length = 0;
        wrap->mark = WrapMark;
        pos += pad;
    }
    RecordHeader* h = headerAt(q, pos);
    std::memcpy(reinterpret_cast<char*>(h) + sizeof(RecordHeader), payload.constData(), size_t(payload.size()));
    h->length = quint32(payload.size());
    h->mark = ItemMark;
    return pos + recordSize(payload.size());
}

// The record at the head: its position (past a wrap marker) or -1 if the ring is not as it must be.
// Caller holds the mutex; the queue is not empty.
qint64 headRecordLocked(QueueShared* q)
{
    const qint64 cap = q->capacity;
    qint64 pos = q->head.load(std::memory_order_relaxed);
    const qint64 tail = q->tail.load(std::memory_order_relaxed);
    if (headerAt(q, pos)->mark == WrapMark)
        pos += cap - pos % cap;
    const RecordHeader* h = headerAt(q, pos);
    if (pos >= tail || h->mark != ItemMark || pos + recordSize(h->length) > tail)
        return -1;
    return pos;
}

// Removes the head record, which ends at `end`. Caller holds the mutex.
void popLocked(QueueShared* q, qint64 end)
{
    const qint64 cap = q->capacity;
    if (end == q->tail.load(std::memory_order_relaxed)) {
        // Empty now: start the next item at offset 0 of a new lap, so that a queue that drains now and then
        // keeps reusing its first pages instead of touching all of its (sparse) capacity. Head first: a death
        // between the two stores leaves head > tail, which repairLocked recognises.
        const qint64 lap = (end + cap - 1) / cap * cap;
        q->head.store(lap, std::memory_order_release);
        q->tail.store(lap, std::memory_order_release);
    } else {
        q->head.store(end, std::memory_order_release);
    }
    q->count.store(std::max(0, q->count.load(std::memory_order_relaxed) - 1), std::memory_order_release);
}

} // namespace

Queue::Queue(ObjectHost* host, int maxsize, qsizetype capacityBytes)
    : m_sink(eventSinkFor(host))
    , m_id(host ? host->nextObjectId() : -1)
{
    if (capacityBytes < MinCapacity)
        throw TaskException(typeName("ValueError"), QStringLiteral("a queue needs at least %1 bytes").arg(MinCapacity));
    const qint64 capacity = qint64(capacityBytes) & ~qint64(7);
    QString error;
    m_shm = SharedMemory::create(QStringLiteral("queue"), qsizetype(DataOffset + capacity), &error);
    if (!m_shm)
        throw TaskException(typeName("OSError"), error);
    // The object is zero-filled: every atomic starts at 0, a valid state for them.
    auto* q = static_cast<QueueShared*>(m_shm->data());
    initSharedMutex(&q->mutex);
    q->capacity = capacity;
    q->maxsize = std::max(0, maxsize);
    q->version = Version;
    q->magic = Magic;
    if (m_sink)
        m_sink->emitEvent(EventKind::ObjectCreate, m_id, q->maxsize, int(ObjectType::Queue));
}

Queue Queue::attach(const QCborValue& handle)
{
    const QCborMap fields = handleFields(handle);
    if (fields.value(QStringLiteral("kind")).toString() != QLatin1String("queue"))
        throw TaskException(typeName("TypeError"), QStringLiteral("not a Queue handle"));
    QString error;
    Queue queue;
    queue.m_shm = SharedMemory::attach(fields.value(QStringLiteral("name")).toString(), &error);
    if (!queue.m_shm)
        throw TaskException(typeName("OSError"), error);
    const auto* q = static_cast<const QueueShared*>(queue.m_shm->data());
    if (queue.m_shm->size() < DataOffset + MinCapacity || q->magic != Magic || q->version != Version
        || queue.m_shm->size() < DataOffset + q->capacity)
        throw TaskException(typeName("OSError"), QStringLiteral("%1 is not a ProcLab queue").arg(queue.m_shm->name()));
    queue.m_id = qint32(fields.value(QStringLiteral("id")).toInteger(-1));
    queue.m_sink = eventSinkFor(nullptr);
    return queue;
}

Queue::~Queue() = default;

Queue::Queue(Queue&& other) noexcept
    : m_shm(std::move(other.m_shm))
    , m_sink(other.m_sink)
    , m_id(other.m_id)
    , m_closed(other.m_closed.load())
{
}

Queue& Queue::operator=(Queue&& other) noexcept
{
    m_shm = std::move(other.m_shm);
    m_sink = other.m_sink;
    m_id = other.m_id;
    m_closed = other.m_closed.load();
    return *this;
}

QueueShared* Queue::shared() const
{
    if (!m_shm)
        throw TaskException(typeName("ValueError"), QStringLiteral("Queue was moved from"));
    return static_cast<QueueShared*>(m_shm->data());
}

QCborValue Queue::handle() const
{
    shared(); // throws when moved from
    return makeHandle({ { QStringLiteral("kind"), QStringLiteral("queue") }, { QStringLiteral("name"), m_shm->name() },
        { QStringLiteral("id"), m_id } });
}

int Queue::maxsize() const
{
    return shared()->maxsize;
}

qsizetype Queue::capacityBytes() const
{
    return qsizetype(shared()->capacity);
}

int Queue::qsize() const
{
    return shared()->count.load(std::memory_order_acquire);
}

bool Queue::full() const
{
    const QueueShared* q = shared();
    return q->maxsize > 0 && q->count.load(std::memory_order_acquire) >= q->maxsize;
}

qint64 Queue::lockHolder() const
{
    return __atomic_load_n(&shared()->mutex.owner, __ATOMIC_RELAXED);
}

void Queue::close()
{
    m_closed = true;
}

void Queue::report(EventKind kind, qint64 value, bool flush) const
{
    if (!m_sink)
        return;
    m_sink->emitEvent(kind, m_id, -1, value);
    if (flush)
        m_sink->flushEvents();
}

void Queue::lock(qint64 deadlineNs, bool forPut) const
{
    QueueShared* q = shared();
    switch (lockShared(&q->mutex, deadlineNs)) {
    case LockResult::Acquired:
        return;
    case LockResult::OwnerDied:
        repairLocked(q);
        return;
    case LockResult::TimedOut:
        if (forPut)
            throw QueueFull();
        throw QueueEmpty();
    case LockResult::Error:
        break;
    }
    throw TaskException(typeName("OSError"), QStringLiteral("cannot lock the queue's mutex"));
}

void Queue::put(const QCborValue& value, bool block, int timeoutMs)
{
    if (isClosed())
        throw TaskException(typeName("ValueError"), QStringLiteral("Queue is closed"));
    QueueShared* q = shared();
    const QByteArray payload = value.toCbor(); // encoded before locking: the lock is held for a memcpy only
    const qint64 need = recordSize(payload.size());
    if (need > q->capacity || payload.size() > qsizetype(UINT32_MAX))
        throw TaskException(typeName("ValueError"),
            QStringLiteral("an item of %1 bytes never fits in this queue (%2 bytes)")
                .arg(payload.size())
                .arg(q->capacity));
    const qint64 deadline = deadlineAfterMs(block ? timeoutMs : NonBlockingLockMs);

    lock(deadline, true);
    bool announced = false;
    qint64 pad = paddingForPut(q, need);
    while (pad < 0) {
        if (!block || (deadline >= 0 && monotonicNs() >= deadline)) {
            unlockShared(&q->mutex);
            if (announced)
                report(EventKind::QueuePutWait, -1); // timed out: no longer waiting
            throw QueueFull();
        }
        const quint32 seq = q->notFull.load();
        ++q->putWaiters;
        unlockShared(&q->mutex);
        if (!announced) {
            report(EventKind::QueuePutWait, qsize(), true);
            announced = true;
        }
        const qint64 slice = monotonicNs() + RecheckNs;
        platform::sharedWordWait(&q->notFull, seq, deadline >= 0 ? std::min(deadline, slice) : slice);
        lock(deadline, true);
        --q->putWaiters;
        pad = paddingForPut(q, need);
    }
    const qint64 newTail = writeRecordLocked(q, payload, pad);
    q->tail.store(newTail, std::memory_order_release); // published: from here on the item survives us
    const int after = q->count.load(std::memory_order_relaxed) + 1;
    q->count.store(after, std::memory_order_release);
    q->notEmpty.fetch_add(1);
    const bool wake = q->getWaiters > 0;
    unlockShared(&q->mutex);
    // One getter per item; a woken getter that dies before taking it delays the others by RecheckNs at most.
    if (wake)
        platform::sharedWordWake(&q->notEmpty, 1);
    report(EventKind::QueuePut, after);
}

QCborValue Queue::get(bool block, int timeoutMs)
{
    if (isClosed())
        throw TaskException(typeName("ValueError"), QStringLiteral("Queue is closed"));
    QueueShared* q = shared();
    const qint64 deadline = deadlineAfterMs(block ? timeoutMs : NonBlockingLockMs);

    lock(deadline, false);
    bool announced = false;
    bool spun = false;
    qint64 pos = -1;
    for (;;) {
        if (q->head.load(std::memory_order_relaxed) != q->tail.load(std::memory_order_relaxed)) {
            pos = headRecordLocked(q);
            if (pos >= 0)
                break;
            repairLocked(q); // not reachable by design: keep the whole records, drop the rest
            continue;
        }
        if (!block || (deadline >= 0 && monotonicNs() >= deadline)) {
            unlockShared(&q->mutex);
            if (announced)
                report(EventKind::QueueGetWait, -1); // timed out: no longer waiting
            throw QueueEmpty();
        }
        if (block && !spun) {
            spun = true;
            unlockShared(&q->mutex);
            const qint64 until = monotonicNs() + GetSpinNs;
            while (q->head.load(std::memory_order_relaxed) == q->tail.load(std::memory_order_acquire)
                && monotonicNs() < until)
                cpuRelax();
            lock(deadline, false);
            continue;
        }
        const quint32 seq = q->notEmpty.load();
        ++q->getWaiters;
        unlockShared(&q->mutex);
        if (!announced) {
            report(EventKind::QueueGetWait, 0, true);
            announced = true;
        }
        const qint64 slice = monotonicNs() + RecheckNs;
        platform::sharedWordWait(&q->notEmpty, seq, deadline >= 0 ? std::min(deadline, slice) : slice);
        lock(deadline, false);
        --q->getWaiters;
    }
    const RecordHeader* h = headerAt(q, pos);
    const QByteArray payload(reinterpret_cast<const char*>(h) + sizeof(RecordHeader), qsizetype(h->length));
    popLocked(q, pos + recordSize(h->length));
    const int after = q->count.load(std::memory_order_relaxed);
    q->notFull.fetch_add(1);
    const bool wake = q->putWaiters > 0;
    unlockShared(&q->mutex);
    if (wake)
        platform::sharedWordWake(&q->notFull, 1);
    report(EventKind::QueueGet, after);

    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(payload, &error);
    if (error.error != QCborError::NoError)
        throw TaskException(typeName("OSError"), QStringLiteral("corrupt queue item: ") + error.errorString());
    return value;
}

void Queue::stallHoldingLock(Stall how)
{
    QueueShared* q = shared();
    lock(-1, true);
    switch (how) {
    case Stall::Lock:
        break;
    case Stall::HalfWrittenPut: {
        // Killed in the middle of the memcpy: a header claims a long payload that is only partly there.
        const QByteArray junk(64, '\xab');
        const qint64 pad = paddingForPut(q, recordSize(4096));
        if (pad >= 0) {
            writeRecordLocked(q, junk, pad);
            headerAt(q, q->tail.load() + pad)->length = 4096;
        }
        break;
    }
    case Stall::PublishedPutNotWoken: {
        // Killed between publishing an item and counting it, waking a getter and unlocking.
        const QByteArray payload = QCborValue(QStringLiteral("from the dead")).toCbor();
        const qint64 pad = paddingForPut(q, recordSize(payload.size()));
        if (pad >= 0)
            q->tail.store(writeRecordLocked(q, payload, pad));
        break;
    }
    case Stall::HeadMovedCountNot: {
        // Killed in get() right after taking the head item: the item is gone, the count not yet updated.
        if (q->head.load() != q->tail.load()) {
            const qint64 pos = headRecordLocked(q);
            if (pos >= 0)
                q->head.store(pos + recordSize(headerAt(q, pos)->length));
        }
        break;
    }
    }
    for (;;)
        ::pause();
}

} // namespace proclab
