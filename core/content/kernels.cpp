#include "content/kernels.h"

#include "base/clock.h"
#include "base/pyformat.h"
#include "content/expression.h"
#include "content/purekernels.h"

#include <QCborArray>

#include <cmath>
#include <cstdio>
#include <limits>
#include <unistd.h>

namespace proclab {

namespace {

double toNumber(const QCborValue& v)
{
    if (v.isInteger())
        return double(v.toInteger());
    if (v.isDouble())
        return v.toDouble();
    throw TaskException(QStringLiteral("TypeError"), QStringLiteral("expected a number"));
}

class NoopKernel final : public Kernel {
public:
    QCborValue call(const QCborValue&, TaskContext&) override { return QCborValue(QCborValue::Null); }
};

class IdentityKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override { return args; }
};

class SqrtKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const double x = toNumber(args);
        if (x < 0)
            throw TaskException(QStringLiteral("ValueError"), QStringLiteral("math domain error"));
        return std::sqrt(x);
    }
};

class PidKernel final : public Kernel {
public:
    QCborValue call(const QCborValue&, TaskContext&) override { return qint64(getpid()); }
};

class ExprKernel final : public Kernel {
public:
    bool init(const QCborMap& config, QString* error)
    {
        return m_expr.compile(config.value(QStringLiteral("expr")).toString(), error);
    }
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        try {
            return m_expr.evaluate(args);
        } catch (const std::invalid_argument& e) {
            throw TaskException(QStringLiteral("TypeError"), QString::fromUtf8(e.what()));
        } catch (const std::domain_error& e) {
            throw TaskException(QStringLiteral("ValueError"), QString::fromUtf8(e.what()));
        }
    }

private:
    Expression m_expr;
};

// Monte Carlo pi: args [samples, seed] -> number of points that fell inside the quarter circle.
class PiKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        return piInside(a.at(0).toInteger(), quint64(a.at(1).toInteger()), [&ctx] { ctx.checkpoint(); });
    }
};

// Calibrated CPU burn: args = milliseconds, config {itersPerMs}. Fixed work, so every executor does the
// same computation; returns a digest of it so the result can be checked.
class SpinKernel final : public Kernel {
public:
    explicit SpinKernel(const QCborMap& config)
        : m_itersPerMs(config.value(QStringLiteral("itersPerMs")).toInteger(200'000))
    {
    }
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const qint64 iterations = qint64(toNumber(args) * double(m_itersPerMs));
        return qint64(spin(quint64(ctx.task + 1), iterations, &ctx) >> 11);
    }
    static quint64 spin(quint64 seed, qint64 iterations, TaskContext* ctx)
    {
        return xorshiftSpin(seed, iterations, [ctx] {
            if (ctx)
                ctx->checkpoint();
        });
    }

private:
    qint64 m_itersPerMs;
};

// print(*args): writes to stdout, the console all workers share, as print() does in a Python child.
class PrintKernel final : public Kernel {
public:
    explicit PrintKernel(const QCborMap& config)
        : m_end(config.value(QStringLiteral("end")).toString(QStringLiteral("\n")).toUtf8())
    {
    }
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        QByteArray line;
        const QCborArray items = args.isArray() ? args.toArray() : QCborArray { args };
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (i > 0)
                line += ' ';
            line += items.at(i).isString() ? items.at(i).toString().toUtf8() : pyRepr(items.at(i)).toUtf8();
        }
        line += m_end;
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
        return QCborValue(QCborValue::Null);
    }

private:
    QByteArray m_end;
};

class SleepKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const double ms = toNumber(args);
        ctx.sleepNs(qint64(ms * 1e6));
        return args;
    }
};

// For tests and demos: raises config.type(config.message) for the inputs listed in config.values.
class RaiseKernel final : public Kernel {
public:
    explicit RaiseKernel(const QCborMap& config)
        : m_type(config.value(QStringLiteral("type")).toString(QStringLiteral("ValueError")))
        , m_message(config.value(QStringLiteral("message")).toString(QStringLiteral("bad input")))
        , m_values(config.value(QStringLiteral("values")).toArray())
    {
    }
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        if (m_values.isEmpty() || m_values.contains(args))
            throw TaskException(m_type, m_message);
        return args;
    }

private:
    QString m_type;
    QString m_message;
    QCborArray m_values;
};

} // namespace

KernelTable builtinKernels()
{
    return {
        { QStringLiteral("noop"), [](const QCborMap&, QString*) { return std::make_unique<NoopKernel>(); } },
        { QStringLiteral("identity"), [](const QCborMap&, QString*) { return std::make_unique<IdentityKernel>(); } },
        { QStringLiteral("sqrt"), [](const QCborMap&, QString*) { return std::make_unique<SqrtKernel>(); } },
        { QStringLiteral("pid"), [](const QCborMap&, QString*) { return std::make_unique<PidKernel>(); } },
        { QStringLiteral("pi"), [](const QCborMap&, QString*) { return std::make_unique<PiKernel>(); } },
        { QStringLiteral("spin"), [](const QCborMap& c, QString*) { return std::make_unique<SpinKernel>(c); } },
        { QStringLiteral("sleep"), [](const QCborMap&, QString*) { return std::make_unique<SleepKernel>(); } },
        { QStringLiteral("raise"), [](const QCborMap& c, QString*) { return std::make_unique<RaiseKernel>(c); } },
        { QStringLiteral("print"), [](const QCborMap& c, QString*) { return std::make_unique<PrintKernel>(c); } },
        { QStringLiteral("expr"),
            [](const QCborMap& c, QString* error) -> std::unique_ptr<Kernel> {
                auto k = std::make_unique<ExprKernel>();
                if (!k->init(c, error))
                    return nullptr;
                return k;
            } },
    };
}

qint64 spinDigest(qint64 task, qint64 iterations)
{
    return qint64(SpinKernel::spin(quint64(task + 1), iterations, nullptr) >> 11);
}

qint64 calibrateSpinItersPerMs()
{
    static const qint64 calibrated = [] {
        constexpr qint64 trial = 1'000'000;
        qint64 best = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 5; ++i) {
            const qint64 t0 = threadCpuNs();
            volatile qint64 sink = spinDigest(i, trial);
            Q_UNUSED(sink);
            best = std::min(best, threadCpuNs() - t0);
        }
        return std::max<qint64>(1, trial * 1'000'000 / std::max<qint64>(best, 1));
    }();
    return calibrated;
}

} // namespace proclab
