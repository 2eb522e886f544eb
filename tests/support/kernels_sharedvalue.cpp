#include "support/testkernels.h"

#include "mp/kernel.h"
#include "mp/sharedvalue.h"

#include <QCborArray>
#include <QCborMap>

#include <unistd.h>

namespace proclab::test {

// --- Kernels -----------------------------------------------------------------------------------------------------
// For the tests (and anyone driving Value/Array from a child process). Args are maps; handles come from the engine.

namespace {

QCborValue arg(const QCborValue& args, const char* key)
{
    return args.toMap().value(QLatin1String(key));
}

// {value, x}: v.value = x
class SetValueKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Value v = Value::attach(arg(args, "value"));
        v.setValue(arg(args, "x"));
        return QCborValue(QCborValue::Null);
    }
};

// {value, expect}: raises AssertionError unless v.value == expect (a parent's write seen by the child).
class ExpectValueKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const Value v = Value::attach(arg(args, "value"));
        const QCborValue got = v.value();
        if (got != arg(args, "expect"))
            throw TaskException(QStringLiteral("AssertionError"),
                QStringLiteral("expected %1, read %2")
                    .arg(arg(args, "expect").toVariant().toString(), got.toVariant().toString()));
        return got;
    }
};

// {array, values}: a[i] = values[i], one element at a time.
class ArraySetKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Array a = Array::attach(arg(args, "array"));
        const QCborArray values = arg(args, "values").toArray();
        for (qsizetype i = 0; i < values.size(); ++i)
            a.set(i, values.at(i));
        return QCborValue(QCborValue::Null);
    }
};

// {value, n, locked}: n times `v.value += 1`; with locked, inside `with v.get_lock():`.
class IncrementKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        Value v = Value::attach(arg(args, "value"));
        const qint64 n = arg(args, "n").toInteger();
        const bool locked = arg(args, "locked").toBool();
        for (qint64 i = 0; i < n; ++i) {
            if (locked) {
                LockGuard with(v.getLock());
                v.setValue(v.value().toInteger() + 1);
            } else {
                v.setValue(v.value().toInteger() + 1);
            }
            if ((i & 1023) == 0)
                ctx.checkpoint();
        }
        return QCborValue(QCborValue::Null);
    }
};

// {value, ready}: takes v.get_lock(), sets the `ready` SyncEvent and sleeps until killed.
class HoldValueLockKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        Value v = Value::attach(arg(args, "value"));
        SyncEvent ready = SyncEvent::attach(arg(args, "ready"));
        v.getLock().acquire();
        v.setValue(-1); // a half-done update, left for the next holder to find
        ready.set();
        for (;;)
            ctx.sleepNs(3'600'000'000'000);
    }
};

template <class K> KernelFactory factory()
{
    return [](const QCborMap&, QString*) { return std::make_unique<K>(); };
}

} // namespace

KernelTable sharedValueKernels()
{
    return {
        { QStringLiteral("shared.set-value"), factory<SetValueKernel>() },
        { QStringLiteral("shared.expect-value"), factory<ExpectValueKernel>() },
        { QStringLiteral("shared.array-set"), factory<ArraySetKernel>() },
        { QStringLiteral("shared.increment"), factory<IncrementKernel>() },
        { QStringLiteral("shared.hold-value-lock"), factory<HoldValueLockKernel>() },
    };
}

} // namespace proclab::test
