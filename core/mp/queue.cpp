#include "mp/queue.h"
#include "mp/objecthost.h"

#include "base/platform.h"

#include "base/clock.h"
#include "base/eventsink.h"
#include "base/handle.h"
#include "base/robustmutex.h"
#include "base/sharedmemory.h"

#include <QBuffer>
#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QLoggingCategory>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <sys/syscall.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcQueue, "proclab.queue", QtWarningMsg)

namespace proclab {

// The queue's state in shared memory: a ring of records [header | payload padded to 8 bytes] with two robust
// mutexes, one for the producers' end and one for the consumers' end (the two-lock queue of Michael and Scott,
// 1996), so that a put and a get never wait for each other and a producer and a consumer on two CPUs share only
// the cache lines they must: the tail the producer publishes, the head the consumer publishes, and the records.
//
// `head` and `tail` are byte positions that only grow (their offset in the ring is pos % capacity): "empty" is
// head == tail, the bytes in use are tail - head. A record that would not fit before the end of the ring is
// preceded by a wrap marker and starts again at offset 0. Only putters write tail and the records past it,
// only getters write head; each reads the other's word with acquire and keeps its last look (knownHead,
// knownTail) to read it again only when short of room or of items.
//
// Surviving a SIGKILL at any instruction: each operation counts first (putCount, getCount) and then publishes its
// work with one aligned 64-bit store (put: tail, get: head), so a record is either fully there or not there and a
// count is at most one operation ahead. Each record carries its sequence number (the putCount it was put at): the
// getter that finds a dead getter's lock (OwnerDied) sets getCount to the number of the record at the head; the
// putter that finds a dead putter's lock also takes the getters' lock and counts the records between head and tail.
//
// Waking sleepers without a lock in common: a getter that is about to sleep reads the `notEmpty` word, says so in
// getWaiters and looks at the tail once more, all sequentially consistent; a putter publishes the tail and then
// reads getWaiters, also sequentially consistent. One of the two sees the other (Dekker): the getter does not
// sleep, or the putter bumps the word and wakes it. Putters waiting for room, symmetrically.
//
// Why futex words rather than pthread_cond_t: glibc's process-shared condition variables (2.36 here) keep
// per-waiter state inside the condvar, and a waiter killed inside pthread_cond_wait leaves group references
// behind that a later signal may wait for forever. A futex word holds no waiter state at all: a dead
// waiter just disappears from the kernel's wait list.
struct QueueShared {
    // Set at creation, read-only after.
    quint32 magic;
    quint32 version;
    qint64 capacity; // bytes in the ring, a multiple of 8
    qint32 maxsize; // items; 0: unbounded (by bytes only)

    // The producers' end. knownHead: guarded by putMutex.
    alignas(64) SharedMutex putMutex;
    qint64 knownHead;
    alignas(64) std::atomic<qint64> tail; // where the next record goes
    std::atomic<qint64> putCount; // items ever put (counted just before the tail publishes them)

    // The consumers' end. knownTail: guarded by getMutex.
    alignas(64) SharedMutex getMutex;
    qint64 knownTail;
    alignas(64) std::atomic<qint64> head; // next record to get
    std::atomic<qint64> getCount; // items ever taken (counted just before the head moves past them)

    // Sleepers; the counts may overcount after a waiter died (that costs a useless wake only).
    alignas(64) std::atomic<qint32> getWaiters;
    std::atomic<quint32> notEmpty; // futex word: bumped by a put that finds getters asleep
    alignas(64) std::atomic<qint32> putWaiters;
    std::atomic<quint32> notFull; // futex word: bumped by a get that finds putters asleep
};

namespace {

constexpr quint32 Magic = 0x51435250; // "PRCQ"
constexpr quint32 Version = 2;
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
constexpr int SpinPauses = 8;
// Once the tail is this far into the ring, a putter looks at the head on every put to start again at offset 0
// as soon as the queue is empty: a queue that drains now and then keeps reusing its first pages instead of
// touching all of its (sparse) capacity.
constexpr qint64 RewindAfterBytes = 256 * 1024;
// The buffers each thread keeps for encoding and decoding items are let go after an item bigger than this.
constexpr qsizetype KeptBufferBytes = 1 << 20;

static_assert(sizeof(QueueShared) <= DataOffset);
static_assert(std::atomic<qint64>::is_always_lock_free && std::atomic<quint32>::is_always_lock_free);
static_assert(sizeof(std::atomic<quint32>) == sizeof(quint32)); // usable as a futex word

struct RecordHeader {
    quint32 length; // payload bytes
    quint32 mark; // ItemMark or WrapMark; written last
    qint64 seq; // an item's number: putCount when it was put. Not in a wrap marker, which may be the ring's last 8 bytes
};
static_assert(sizeof(RecordHeader) == 16);

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

// The record at `head` (past a wrap marker), or -1 if what is there is not a whole record before `tail`.
qint64 recordAt(QueueShared* q, qint64 head, qint64 tail)
{
    const qint64 cap = q->capacity;
    qint64 pos = head;
    if (headerAt(q, pos)->mark == WrapMark)
        pos += cap - pos % cap;
    const RecordHeader* h = headerAt(q, pos);
    if (pos >= tail || h->mark != ItemMark || recordSize(h->length) > cap - pos % cap || pos + recordSize(h->length) > tail)
        return -1;
    return pos;
}

// Announces whatever a dead holder was about to announce.
void wakeEveryone(QueueShared* q)
{
    q->notEmpty.fetch_add(1);
    q->notFull.fetch_add(1);
    platform::sharedWordWake(&q->notEmpty, INT_MAX);
    platform::sharedWordWake(&q->notFull, INT_MAX);
}

// A getter died holding getMutex, perhaps between counting an item and moving the head past it: the item is still
// there (the dead getter never returned it), so getCount is the number of the record at the head. Caller holds
// getMutex (just got OwnerDied).
void repairGetLocked(QueueShared* q)
{
    const qint64 head = q->head.load(std::memory_order_relaxed);
    const qint64 tail = q->tail.load(std::memory_order_acquire);
    q->knownTail = tail;
    if (head != tail) {
        const qint64 pos = recordAt(q, head, tail);
        if (pos >= 0)
            q->getCount.store(headerAt(q, pos)->seq, std::memory_order_release);
    }
    wakeEveryone(q);
    qCInfo(lcQueue) << "a process died holding a queue's get lock; repaired";
}

void lockGetEnd(QueueShared* q, qint64 deadlineNs, bool forPut);

// A putter died holding putMutex: it may have written half a record past the tail (harmless: not published),
// or counted an item it did not publish. With both ends held, count what is really there. Caller holds putMutex
// (just got OwnerDied); may throw QueueFull on timeout while waiting for the getters' end.
void repairPutLocked(QueueShared* q, qint64 deadlineNs)
{
    lockGetEnd(q, deadlineNs, true); // order: put end, then get end (getters never wait for the put end)
    const qint64 head = q->head.load(std::memory_order_relaxed);
    const qint64 tail = q->tail.load(std::memory_order_relaxed);
    qint64 items = 0;
    qint64 pos = head;
    while (pos < tail) {
        const qint64 at = recordAt(q, pos, tail);
        if (at < 0)
            break; // cannot happen by construction; keep what is certainly whole
        pos = at + recordSize(headerAt(q, at)->length);
        ++items;
    }
    q->tail.store(pos, std::memory_order_release);
    q->knownHead = head;
    q->knownTail = pos;
    q->putCount.store(q->getCount.load(std::memory_order_relaxed) + items, std::memory_order_release);
    unlockShared(&q->getMutex);
    wakeEveryone(q);
    qCInfo(lcQueue) << "a process died holding a queue's put lock; repaired, items:" << items;
}

[[noreturn]] void lockFailed(LockResult result, bool forPut)
{
    if (result == LockResult::TimedOut) {
        if (forPut)
            throw QueueFull();
        throw QueueEmpty();
    }
    throw TaskException(typeName("OSError"), QStringLiteral("cannot lock the queue's mutex"));
}

// Takes the getters' end, repairing it after a dead holder. Throws QueueFull/QueueEmpty (by forPut) on timeout.
void lockGetEnd(QueueShared* q, qint64 deadlineNs, bool forPut)
{
    const LockResult r = lockShared(&q->getMutex, deadlineNs);
    if (r == LockResult::OwnerDied)
        repairGetLocked(q);
    else if (r != LockResult::Acquired)
        lockFailed(r, forPut);
}

// Takes the putters' end, repairing it after a dead holder. Throws QueueFull on timeout.
void lockPutEnd(QueueShared* q, qint64 deadlineNs)
{
    const LockResult r = lockShared(&q->putMutex, deadlineNs);
    if (r == LockResult::OwnerDied) {
        try {
            repairPutLocked(q, deadlineNs);
        } catch (...) {
            unlockShared(&q->putMutex);
            throw;
        }
    } else if (r != LockResult::Acquired) {
        lockFailed(r, true);
    }
}

// The queue is empty, its tail far into the ring: starts the next item at offset 0 of the next lap, if the getters'
// end is free right now. Both ends move past a wrap marker, so the rest of the lap costs no room. A death between
// the two stores leaves a wrap marker at the head with nothing after it, which getters step over. Caller holds
// putMutex; false if it did not rewind.
bool rewindLocked(QueueShared* q)
{
    const LockResult r = tryLockShared(&q->getMutex); // order: put end, then get end; never waits
    if (r == LockResult::OwnerDied)
        repairGetLocked(q);
    else if (r != LockResult::Acquired)
        return false;
    const qint64 cap = q->capacity;
    const qint64 tail = q->tail.load(std::memory_order_relaxed);
    const bool empty = q->head.load(std::memory_order_relaxed) == tail;
    if (empty) {
        RecordHeader* wrap = headerAt(q, tail);
        wrap->length = 0;
        __atomic_store_n(&wrap->mark, WrapMark, __ATOMIC_RELEASE);
        const qint64 lap = (tail + cap - 1) / cap * cap;
        q->tail.store(lap, std::memory_order_release);
        q->head.store(lap, std::memory_order_release);
        q->knownTail = lap;
        q->knownHead = lap;
    }
    unlockShared(&q->getMutex);
    return empty;
}

// Room for a record of `need` bytes at the tail: the padding to put first (a wrap), or -1 if there is none.
// `fresh`: read the head even if the last look says there is room. Caller holds putMutex.
qint64 roomLocked(QueueShared* q, qint64 need, bool fresh)
{
    const qint64 cap = q->capacity;
    const qint64 tail = q->tail.load(std::memory_order_relaxed);
    const qint64 offset = tail % cap;
    const auto padFor = [&](qint64 head) -> qint64 {
        const qint64 pad = cap - offset < need ? cap - offset : 0;
        return (tail - head) + pad + need <= cap ? pad : -1;
    };
    // Sequentially consistent: a putter that waits for room reads it after saying so in putWaiters (see the top).
    if (fresh || (offset >= RewindAfterBytes && q->knownHead != tail))
        q->knownHead = q->head.load(std::memory_order_seq_cst);
    if (q->maxsize > 0
        && q->putCount.load(std::memory_order_relaxed) - q->getCount.load(std::memory_order_acquire) >= q->maxsize)
        return -1;
    if (q->knownHead == tail && offset >= RewindAfterBytes && rewindLocked(q))
        return 0;
    qint64 pad = padFor(q->knownHead);
    if (pad < 0 && !fresh) {
        q->knownHead = q->head.load(std::memory_order_seq_cst);
        pad = padFor(q->knownHead);
    }
    return pad;
}

// Writes the record (and the wrap marker before it) past the tail, not yet visible. Caller holds putMutex.
// Returns the new tail.
qint64 writeRecordLocked(QueueShared* q, const char* payload, qint64 size, qint64 pad, qint64 seq)
{
    qint64 pos = q->tail.load(std::memory_order_relaxed);
    if (pad > 0) {
        RecordHeader* wrap = headerAt(q, pos);
        wrap->length = 0;
        __atomic_store_n(&wrap->mark, WrapMark, __ATOMIC_RELEASE);
        pos += pad;
    }
    RecordHeader* h = headerAt(q, pos);
    std::memcpy(reinterpret_cast<char*>(h) + sizeof(RecordHeader), payload, size_t(size));
    h->length = quint32(size);
    h->seq = seq;
    __atomic_store_n(&h->mark, ItemMark, __ATOMIC_RELEASE);
    return pos + recordSize(size);
}

// The record at the head (past a wrap marker), -1 if the queue is empty, -2 if the ring is not as it must be.
// Caller holds getMutex.
qint64 headRecordLocked(QueueShared* q)
{
    const qint64 head = q->head.load(std::memory_order_relaxed);
    if (head >= q->knownTail) {
        q->knownTail = q->tail.load(std::memory_order_acquire);
        if (head == q->knownTail)
            return -1;
    }
    const qint64 pos = recordAt(q, head, q->knownTail);
    if (pos >= 0)
        return pos;
    const qint64 lap = head + (q->capacity - head % q->capacity);
    if (headerAt(q, head)->mark == WrapMark && lap == q->knownTail) { // a rewind cut in half by a death
        q->head.store(lap, std::memory_order_release);
        return -1;
    }
    return -2;
}

// CBOR written into a buffer each thread keeps: QCborValue::toCbor() would allocate a QByteArray, a QBuffer (a
// QObject) and a writer for every item.
class ItemEncoder {
public:
    ItemEncoder()
        : m_device(&m_bytes)
        , m_writer(&m_device)
    {
        m_device.open(QIODevice::WriteOnly);
    }
    QByteArrayView encode(const QCborValue& value)
    {
        if (m_bytes.size() > KeptBufferBytes) { // the last item was a big one: do not keep its memory for ever
            m_device.close();
            m_bytes = QByteArray();
            m_device.open(QIODevice::WriteOnly);
        }
        m_device.seek(0);
        value.toCbor(m_writer);
        return QByteArrayView(m_bytes.constData(), m_device.pos());
    }

private:
    QByteArray m_bytes;
    QBuffer m_device;
    QCborStreamWriter m_writer;
};

ItemEncoder& encoder()
{
    static thread_local ItemEncoder e;
    return e;
}

// Where a getter copies an item before it decodes it out of the lock; reused, so that a get allocates nothing
// for a number.
QByteArray& itemBuffer()
{
    static thread_local QByteArray b;
    return b;
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
    initSharedMutex(&q->putMutex);
    initSharedMutex(&q->getMutex);
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
    const QueueShared* q = shared();
    // getCount first: it only grows, so the difference is never more than what was there at some instant.
    const qint64 got = q->getCount.load(std::memory_order_acquire);
    const qint64 put = q->putCount.load(std::memory_order_acquire);
    return int(std::clamp<qint64>(put - got, 0, INT_MAX));
}

bool Queue::full() const
{
    return shared()->maxsize > 0 && qsize() >= shared()->maxsize;
}

qint64 Queue::lockHolder() const
{
    const QueueShared* q = shared();
    const qint64 putter = __atomic_load_n(&q->putMutex.owner, __ATOMIC_RELAXED);
    return putter ? putter : __atomic_load_n(&q->getMutex.owner, __ATOMIC_RELAXED);
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

void Queue::put(const QCborValue& value, bool block, int timeoutMs)
{
    if (isClosed())
        throw TaskException(typeName("ValueError"), QStringLiteral("Queue is closed"));
    QueueShared* q = shared();
    const QByteArrayView payload = encoder().encode(value); // before locking: the lock is held for a memcpy only
    const qint64 need = recordSize(payload.size());
    if (need > q->capacity || payload.size() > qsizetype(UINT32_MAX))
        throw TaskException(typeName("ValueError"),
            QStringLiteral("an item of %1 bytes never fits in this queue (%2 bytes)")
                .arg(payload.size())
                .arg(q->capacity));
    const qint64 deadline = deadlineAfterMs(block ? timeoutMs : NonBlockingLockMs);

    lockPutEnd(q, deadline);
    bool announced = false;
    qint64 pad = roomLocked(q, need, false);
    while (pad < 0) {
        if (!block || (deadline >= 0 && monotonicNs() >= deadline)) {
            unlockShared(&q->putMutex);
            if (announced)
                report(EventKind::QueuePutWait, -1); // timed out: no longer waiting
            throw QueueFull();
        }
        const quint32 seq = q->notFull.load();
        q->putWaiters.fetch_add(1);
        pad = roomLocked(q, need, true); // after saying we wait: a get from now on wakes us
        if (pad >= 0) {
            q->putWaiters.fetch_sub(1);
            break;
        }
        unlockShared(&q->putMutex);
        if (!announced) {
            report(EventKind::QueuePutWait, qsize(), true);
            announced = true;
        }
        const qint64 slice = monotonicNs() + RecheckNs;
        platform::sharedWordWait(&q->notFull, seq, deadline >= 0 ? std::min(deadline, slice) : slice);
        q->putWaiters.fetch_sub(1);
        lockPutEnd(q, deadline);
        pad = roomLocked(q, need, true);
    }
    const qint64 item = q->putCount.load(std::memory_order_relaxed);
    const qint64 newTail = writeRecordLocked(q, payload.data(), payload.size(), pad, item);
    q->putCount.store(item + 1, std::memory_order_release);
    q->tail.store(newTail, std::memory_order_seq_cst); // published: from here on the item survives us
    const bool wake = q->getWaiters.load(std::memory_order_seq_cst) > 0;
    unlockShared(&q->putMutex);
    // One getter per item; a woken getter that dies before taking it delays the others by RecheckNs at most.
    if (wake) {
        q->notEmpty.fetch_add(1);
        platform::sharedWordWake(&q->notEmpty, 1);
    }
    if (m_sink && m_sink->wantsEvents())
        report(EventKind::QueuePut, qsize());
}

QCborValue Queue::get(bool block, int timeoutMs)
{
    if (isClosed())
        throw TaskException(typeName("ValueError"), QStringLiteral("Queue is closed"));
    QueueShared* q = shared();
    const qint64 deadline = deadlineAfterMs(block ? timeoutMs : NonBlockingLockMs);

    lockGetEnd(q, deadline, false);
    bool announced = false;
    bool spun = false;
    qint64 pos = -1;
    for (;;) {
        pos = headRecordLocked(q);
        if (pos >= 0)
            break;
        if (pos == -2) {
            unlockShared(&q->getMutex);
            throw TaskException(typeName("OSError"), QStringLiteral("the queue's ring is corrupt"));
        }
        if (!block || (deadline >= 0 && monotonicNs() >= deadline)) {
            unlockShared(&q->getMutex);
            if (announced)
                report(EventKind::QueueGetWait, -1); // timed out: no longer waiting
            throw QueueEmpty();
        }
        if (!spun) {
            spun = true;
            unlockShared(&q->getMutex);
            // Not too often: each look takes the tail's cache line from the putter, who then waits to get it back.
            const qint64 until = monotonicNs() + GetSpinNs;
            for (int i = 1; q->head.load(std::memory_order_relaxed) == q->tail.load(std::memory_order_acquire); ++i) {
                for (int k = 0; k < SpinPauses; ++k)
                    platform::cpuRelax();
                if (i % 8 == 0 && monotonicNs() >= until)
                    break;
            }
            lockGetEnd(q, deadline, false);
            continue;
        }
        const quint32 seq = q->notEmpty.load();
        q->getWaiters.fetch_add(1);
        // After saying we wait: a put from now on wakes us, one before it is seen here.
        if (q->tail.load(std::memory_order_seq_cst) != q->head.load(std::memory_order_relaxed)) {
            q->getWaiters.fetch_sub(1);
            continue;
        }
        unlockShared(&q->getMutex);
        if (!announced) {
            report(EventKind::QueueGetWait, 0, true);
            announced = true;
        }
        const qint64 slice = monotonicNs() + RecheckNs;
        platform::sharedWordWait(&q->notEmpty, seq, deadline >= 0 ? std::min(deadline, slice) : slice);
        q->getWaiters.fetch_sub(1);
        lockGetEnd(q, deadline, false);
    }
    const RecordHeader* h = headerAt(q, pos);
    QByteArray& payload = itemBuffer();
    payload.resize(qsizetype(h->length));
    std::memcpy(payload.data(), reinterpret_cast<const char*>(h) + sizeof(RecordHeader), size_t(h->length));
    q->getCount.store(h->seq + 1, std::memory_order_release);
    q->head.store(pos + recordSize(h->length), std::memory_order_seq_cst);
    const bool wake = q->putWaiters.load(std::memory_order_seq_cst) > 0;
    unlockShared(&q->getMutex);
    if (wake) {
        q->notFull.fetch_add(1);
        platform::sharedWordWake(&q->notFull, 1);
    }
    if (m_sink && m_sink->wantsEvents())
        report(EventKind::QueueGet, qsize());

    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(payload, &error);
    if (payload.size() > KeptBufferBytes)
        payload = QByteArray();
    if (error.error != QCborError::NoError)
        throw TaskException(typeName("OSError"), QStringLiteral("corrupt queue item: ") + error.errorString());
    return value;
}

void Queue::stallHoldingLock(Stall how)
{
    QueueShared* q = shared();
    const bool getEnd = how == Stall::GetLock || how == Stall::CountedGetHeadNotMoved;
    if (getEnd)
        lockGetEnd(q, -1, false);
    else
        lockPutEnd(q, -1);
    const auto putItem = [&](const QByteArray& payload, bool count, bool publish) {
        const qint64 pad = roomLocked(q, recordSize(payload.size()), true);
        if (pad < 0)
            return;
        const qint64 item = q->putCount.load();
        const qint64 end = writeRecordLocked(q, payload.constData(), payload.size(), pad, item);
        if (count)
            q->putCount.store(item + 1);
        if (publish)
            q->tail.store(end);
    };
    switch (how) {
    case Stall::Lock:
    case Stall::GetLock:
        break;
    case Stall::HalfWrittenPut: {
        // Killed in the middle of the memcpy: a header claims a long payload that is only partly there.
        const qint64 pad = roomLocked(q, recordSize(4096), true);
        if (pad >= 0) {
            writeRecordLocked(q, QByteArray(64, '\xab').constData(), 64, pad, q->putCount.load());
            headerAt(q, q->tail.load() + pad)->length = 4096;
        }
        break;
    }
    case Stall::CountedPutNotPublished:
        // Killed between counting an item and publishing it.
        putItem(QCborValue(QStringLiteral("never published")).toCbor(), true, false);
        break;
    case Stall::PublishedPutNotWoken:
        // Killed between publishing an item and waking a getter and unlocking.
        putItem(QCborValue(QStringLiteral("from the dead")).toCbor(), true, true);
        break;
    case Stall::CountedGetHeadNotMoved: {
        // Killed in get() between counting the head item as taken and moving the head past it.
        if (q->head.load() != q->tail.load()) {
            const qint64 pos = recordAt(q, q->head.load(), q->tail.load());
            if (pos >= 0)
                q->getCount.store(headerAt(q, pos)->seq + 1);
        }
        break;
    }
    }
    for (;;)
        ::pause();
}

} // namespace proclab
