#include "support/testkernels.h"

#include "base/clock.h"
#include "mp/kernel.h"
#include "mp/queue.h"
#include "mp/sharedvalue.h"
#include "mp/sync.h"

#include <QCborArray>
#include <QCborMap>

#include <unistd.h>

namespace proclab::test {

namespace {

QCborValue arg(const QCborValue& args, const char* key)
{
    return args.toMap().value(QLatin1String(key));
}

// acquire() through a dead holder: OwnerDiedError means we hold the lock, and the data under it is whatever the
// dead process left. Every write under these locks is one aligned 8-byte store, so it is whole either way.
template <class Lockable> void acquireThroughDeath(Lockable& lock)
{
    try {
        lock.acquire();
    } catch (const OwnerDiedError&) {
    }
}

// soak.worker: {in, out, lock, counted, tally, hands, slot, holdNs}. The random-kill soak's worker (tst_stress): gets
// items from `in` until None, and for each one
//   hands[slot] = item                       (raw Array 'q': what this process holds, for the engine to read)
//   with lock: counted = counted + 1         (raw Value 'q': a read-modify-write only the Lock makes safe, with
//                                             holdNs between the read and the write so kills land inside)
//   with tally.get_lock(): tally += 1        (synchronized Value 'q', through its own RLock)
//   out.put([item, pid])
//   hands[slot] = -1
// The engine SIGKILLs workers at random in every one of these steps.
class SoakWorkerKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Queue in = Queue::attach(arg(args, "in"));
        Queue out = Queue::attach(arg(args, "out"));
        Lock lock = Lock::attach(arg(args, "lock"));
        Value counted = Value::attach(arg(args, "counted"));
        Value tally = Value::attach(arg(args, "tally"));
        Array hands = Array::attach(arg(args, "hands"));
        const qint64 slot = arg(args, "slot").toInteger();
        const qint64 holdNs = arg(args, "holdNs").toInteger();
        const qint64 pid = ::getpid();
        qint64 done = 0;
        for (QCborValue item = in.get(); !item.isNull(); item = in.get()) {
            hands.set(slot, item);
            acquireThroughDeath(lock);
            const qint64 seen = counted.value().toInteger();
            for (const qint64 until = monotonicNs() + holdNs; monotonicNs() < until;) {
            }
            counted.setValue(seen + 1);
            lock.release();
            RLock& tallyLock = tally.getLock();
            acquireThroughDeath(tallyLock);
            tally.setValue(tally.value().toInteger() + 1);
            tallyLock.release();
            out.put(QCborArray { item, pid });
            hands.set(slot, -1);
            ++done;
        }
        return done;
    }
};

} // namespace

KernelTable soakKernels()
{
    return {
        { QStringLiteral("soak.worker"), kernelWithoutConfig<SoakWorkerKernel>() },
    };
}

} // namespace proclab::test
