#include "support/testkernels.h"

#include "base/clock.h"
#include "base/handle.h"
#include "mp/kernel.h"
#include "mp/queue.h"

#include <QCborArray>
#include <QCborMap>

#include <unistd.h>

namespace proclab::test {

namespace {

QCborArray argList(const QCborValue& args)
{
    return args.isArray() ? args.toArray() : QCborArray { args };
}

// queue.put: [queue, item, item...] puts the items in order.
class PutKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Queue q = Queue::attach(a.at(0));
        for (qsizetype i = 1; i < a.size(); ++i)
            q.put(a.at(i));
        return a.size() - 1;
    }
};

// queue.get: [queue, n] gets n items and returns them.
class GetKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Queue q = Queue::attach(a.at(0));
        QCborArray items;
        for (qint64 i = 0, n = a.at(1).toInteger(1); i < n; ++i)
            items.append(q.get());
        return items;
    }
};

// queue.test.producer: [queue, producer, count] puts [producer, 0], [producer, 1], ... (count < 0: forever).
class ProducerKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = argList(args);
        Queue q = Queue::attach(a.at(0));
        const qint64 producer = a.at(1).toInteger();
        const qint64 count = a.at(2).toInteger();
        for (qint64 i = 0; count < 0 || i < count; ++i) {
            q.put(QCborArray { producer, i });
            ctx.checkpoint();
        }
        return count;
    }
};

// queue.test.consumer: [in, out] gets items until None, then puts [pid, [items...]] on out.
class ConsumerKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Queue in = Queue::attach(a.at(0));
        Queue out = Queue::attach(a.at(1));
        QCborArray items;
        for (QCborValue item = in.get(); !item.isNull(); item = in.get())
            items.append(item);
        out.put(QCborArray { qint64(::getpid()), items });
        return items.size();
    }
};

// queue.test.forward: [in, out, n] moves n items from in to out, one at a time.
class ForwardKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Queue in = Queue::attach(a.at(0));
        Queue out = Queue::attach(a.at(1));
        const qint64 n = a.at(2).toInteger(1);
        for (qint64 i = 0; i < n; ++i)
            out.put(in.get());
        return n;
    }
};

// queue.test.timed: [queue, out, "get"|"put", block, timeoutMs] tries once and reports [outcome, elapsed ms]
// on out, outcome "ok" or the exception's type.
class TimedKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Queue q = Queue::attach(a.at(0));
        Queue out = Queue::attach(a.at(1));
        const bool block = a.at(3).toBool();
        const int timeoutMs = int(a.at(4).toInteger(-1));
        QString outcome = QStringLiteral("ok");
        const qint64 t0 = monotonicNs();
        try {
            if (a.at(2).toString() == QLatin1String("put"))
                q.put(QStringLiteral("x"), block, timeoutMs);
            else
                q.get(block, timeoutMs);
        } catch (const TaskException& e) {
            outcome = e.type();
        }
        out.put(QCborArray { outcome, double(monotonicNs() - t0) / 1e6 });
        return outcome;
    }
};

// queue.test.stall: [queue, mode] takes the putters' or the getters' lock, leaves a half-done operation and waits to be killed.
class StallKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Queue q = Queue::attach(a.at(0));
        const QString mode = a.at(1).toString();
        Queue::Stall how = Queue::Stall::Lock;
        if (mode == QLatin1String("half-put"))
            how = Queue::Stall::HalfWrittenPut;
        else if (mode == QLatin1String("counted-put"))
            how = Queue::Stall::CountedPutNotPublished;
        else if (mode == QLatin1String("published-put"))
            how = Queue::Stall::PublishedPutNotWoken;
        else if (mode == QLatin1String("get-lock"))
            how = Queue::Stall::GetLock;
        else if (mode == QLatin1String("counted-get"))
            how = Queue::Stall::CountedGetHeadNotMoved;
        q.stallHoldingLock(how);
    }
};

// queue.test.makeAndStall: [out] makes a queue of its own, puts "made in a worker" on it, sends its name and
// handle on out, then waits to be killed.
class MakeAndStallKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Queue out = Queue::attach(argList(args).at(0));
        Queue mine(nullptr);
        mine.put(QStringLiteral("made in a worker"));
        out.put(handleFields(mine.handle()).value(QStringLiteral("name")));
        out.put(mine.handle());
        for (;;)
            ::pause();
    }
};

template <typename K> KernelFactory make()
{
    return [](const QCborMap&, QString*) { return std::make_unique<K>(); };
}

} // namespace

KernelTable queueKernels()
{
    return {
        { QStringLiteral("queue.put"), make<PutKernel>() },
        { QStringLiteral("queue.get"), make<GetKernel>() },
        { QStringLiteral("queue.test.producer"), make<ProducerKernel>() },
        { QStringLiteral("queue.test.consumer"), make<ConsumerKernel>() },
        { QStringLiteral("queue.test.forward"), make<ForwardKernel>() },
        { QStringLiteral("queue.test.timed"), make<TimedKernel>() },
        { QStringLiteral("queue.test.stall"), make<StallKernel>() },
        { QStringLiteral("queue.test.makeAndStall"), make<MakeAndStallKernel>() },
    };
}

} // namespace proclab::test
