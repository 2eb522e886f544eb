#include "content/kernels.h"
#include "content/workload.h"

#include "base/pyformat.h"
#include "base/rng.h"
#include "content/expression.h"
#include "mp/kernel.h"

#include <QCborMap>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace proclab {

ExecResult Workload::run(Context* context, const Params& p, const QCborArray& inputs, const ExecOptions& options) const
{
    return execute(context, function(p), inputs, options);
}

QCborArray Workload::inputRange(const Params& p, qsizetype first, qsizetype count) const
{
    const QCborArray all = inputs(p);
    QCborArray part;
    for (qsizetype i = first; i < std::min(first + count, all.size()); ++i)
        part.append(all.at(i));
    return part;
}

ExecResult Workload::runStream(Context* context, const Params& p, Fold* fold, const ExecOptions& options) const
{
    const TaskStream tasks { taskCount(p), [this, p](qsizetype first, qsizetype n) { return inputRange(p, first, n); },
        [fold](qsizetype first, const QCborArray& results) { fold->add(first, results); } };
    return executeStream(context, function(p), tasks, options);
}

Params Workload::defaults() const
{
    Params p;
    for (const auto& spec : params())
        p.insert(spec.name, spec.defaultValue);
    return p;
}

std::optional<ParamSpec> Workload::param(const QString& name) const
{
    const QList<ParamSpec> specs = params();
    const auto it = std::find_if(specs.begin(), specs.end(), [&](const ParamSpec& s) { return s.name == name; });
    return it == specs.end() ? std::nullopt : std::optional<ParamSpec>(*it);
}

ParamSpec intParam(const QString& name, qint64 def, const QString& help, double min, double max)
{
    return { name, ParamSpec::Type::Int, def, help, min, max };
}
ParamSpec floatParam(const QString& name, double def, const QString& help, double min, double max)
{
    return { name, ParamSpec::Type::Float, def, help, min, max };
}
ParamSpec stringParam(const QString& name, const QString& def, const QString& help)
{
    return { name, ParamSpec::Type::String, def, help };
}
ParamSpec sizing(ParamSpec spec, double exponent)
{
    spec.workExponent = exponent;
    return spec;
}

qint64 intOf(const Params& p, const char* key)
{
    return p.value(QLatin1String(key)).toLongLong();
}
double floatOf(const Params& p, const char* key)
{
    return p.value(QLatin1String(key)).toDouble();
}
QString stringOf(const Params& p, const char* key)
{
    return p.value(QLatin1String(key)).toString();
}

namespace {

// An order-dependent digest of values as they come, for checking a stream of results against a serial one without
// holding either: the integer or the bits of the double (every NaN alike), with its type, mixed by splitmix64.
class Digest {
public:
    void add(const QCborValue& v)
    {
        quint64 bits = 0;
        quint64 type = 3;
        if (v.isInteger()) {
            type = 1;
            bits = quint64(v.toInteger());
        } else if (v.isDouble()) {
            type = 2;
            const double d = std::isnan(v.toDouble()) ? std::numeric_limits<double>::quiet_NaN() : v.toDouble();
            std::memcpy(&bits, &d, sizeof bits);
        } else {
            bits = qHash(v.toCbor());
        }
        quint64 mixed = m_value ^ (bits + type * 0x9e3779b97f4a7c15ULL);
        m_value = splitMix64(mixed);
    }
    quint64 value() const { return m_value; }

private:
    quint64 m_value = 0;
};

// Keeps the results of tasks 0 and count-1 as they pass: the ones a workload recomputes serially to check.
class FirstAndLast {
public:
    explicit FirstAndLast(qsizetype count)
        : m_last(count - 1)
    {
    }
    void add(qsizetype first, const QCborArray& results)
    {
        if (first == 0 && !results.isEmpty())
            m_firstValue = results.at(0);
        if (m_last >= first && m_last < first + results.size())
            m_lastValue = results.at(m_last - first);
    }
    // Task t's result, t being 0 or count-1.
    QCborValue at(qsizetype t) const { return t == 0 ? m_firstValue : m_lastValue; }

private:
    qsizetype m_last;
    QCborValue m_firstValue;
    QCborValue m_lastValue;
};

// Runs a fold over results held whole: reduce() and verify() of a workload with a fold are that fold.
template <typename F, typename... Args> std::unique_ptr<F> foldAll(const QCborArray& results, Args&&... args)
{
    auto f = std::make_unique<F>(std::forward<Args>(args)...);
    f->add(0, results);
    return f;
}

// expr's reduce (count, and the sum in input order) and its check (every value against the serial evaluation).
class ExprFold final : public Fold {
public:
    explicit ExprFold(const Params& p)
        : m_p(p)
    {
    }
    void add(qsizetype, const QCborArray& results) override
    {
        for (const auto& v : results) {
            m_sum += v.isInteger() ? double(v.toInteger()) : v.toDouble();
            m_digest.add(v);
        }
        m_count += results.size();
    }
    QCborValue reduced() const override
    {
        return QCborMap { { QStringLiteral("count"), m_count }, { QStringLiteral("sum"), m_sum } };
    }
    // The serial evaluation folded the same way: the values are not kept, their digest is compared.
    Verification verification() const override
    {
        const qint64 n = intOf(m_p, "n");
        if (m_count != n)
            return { false, QStringLiteral("%1 results for %2 inputs").arg(m_count).arg(n) };
        Expression e;
        QString error;
        e.compile(m_p.value(QStringLiteral("expr")).toString(), &error);
        Digest serial;
        for (qint64 i = 0; i < n; ++i)
            serial.add(e.evaluate(QCborValue(i)));
        if (serial.value() != m_digest.value())
            return { false,
                QStringLiteral("the %1 values differ from the serial evaluation (digest %2, serial %3)")
                    .arg(n)
                    .arg(m_digest.value(), 16, 16, QLatin1Char('0'))
                    .arg(serial.value(), 16, 16, QLatin1Char('0')) };
        return { true, QStringLiteral("all %1 values equal the serial evaluation").arg(n) };
    }

private:
    Params m_p;
    qsizetype m_count = 0;
    double m_sum = 0;
    Digest m_digest;
};

// ---- expr: f(x) over a range, the tutorials' first Pool.map ----
class ExprWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("expr"); }
    QString description() const override
    {
        return QStringLiteral("a typed function f(x) mapped over 0..n-1, as in Pool.map(f, range(n))");
    }
    QList<ParamSpec> params() const override
    {
        return { stringParam(QStringLiteral("expr"), QStringLiteral("x*x+1"),
                     QStringLiteral("f(x), muparser syntax; ** is power")),
            sizing(intParam(QStringLiteral("n"), 100000, QStringLiteral("number of inputs x = 0..n-1"), 1, 5e7), 1) };
    }
    QString validate(const Params& p) const override
    {
        Expression e;
        QString error;
        if (!e.compile(p.value(QStringLiteral("expr")).toString(), &error))
            return error;
        if (e.arity() > 1)
            return QStringLiteral("expr must be a function of x only (got %1)")
                .arg(e.variables().join(QStringLiteral(", ")));
        return {};
    }
    Function function(const Params& p) const override
    {
        return Function::expr(p.value(QStringLiteral("expr")).toString());
    }
    QCborArray inputs(const Params& p) const override { return inputRange(p, 0, taskCount(p)); }
    qsizetype taskCount(const Params& p) const override { return intOf(p, "n"); }
    QCborArray inputRange(const Params& p, qsizetype first, qsizetype count) const override
    {
        QCborArray in;
        for (qint64 i = first; i < std::min<qint64>(first + count, intOf(p, "n")); ++i)
            in.append(i);
        return in;
    }
    std::unique_ptr<Fold> fold(const Params& p) const override { return std::make_unique<ExprFold>(p); }
    QCborValue reduce(const Params& p, const QCborArray& results) const override
    {
        return foldAll<ExprFold>(results, p)->reduced();
    }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue&) const override
    {
        Expression e;
        QString error;
        e.compile(p.value(QStringLiteral("expr")).toString(), &error);
        const QCborArray in = inputs(p);
        if (results.size() != in.size())
            return { false, QStringLiteral("%1 results for %2 inputs").arg(results.size()).arg(in.size()) };
        for (qsizetype i = 0; i < in.size(); ++i) {
            const QCborValue expected = e.evaluate(in.at(i));
            if (!(expected == results.at(i))
                && !(std::isnan(expected.toDouble()) && std::isnan(results.at(i).toDouble())))
                return {
                    false,
                    QStringLiteral("f(%1): got %2, serial gives %3").arg(i).arg(pyRepr(results.at(i)), pyRepr(expected))
                };
        }
        return { true, QStringLiteral("all %1 values equal the serial evaluation").arg(in.size()) };
    }
    QString summary(const Params& p, const QCborValue& reduced) const override
    {
        return QStringLiteral("sum of f(x) for x in range(%1) = %2")
            .arg(intOf(p, "n"))
            .arg(pyFloatRepr(reduced.toMap().value(QStringLiteral("sum")).toDouble()));
    }
};

// pi's reduce (the points inside, summed) and its check (tasks 0 and the last recomputed serially, the estimate
// within 5 sigma of pi).
class PiFold final : public Fold {
public:
    PiFold(const Workload& w, const Params& p)
        : m_w(w)
        , m_p(p)
        , m_tasks(w.taskCount(p))
        , m_spot(m_tasks)
    {
    }
    void add(qsizetype first, const QCborArray& results) override
    {
        for (const auto& v : results)
            m_inside += v.toInteger();
        m_spot.add(first, results);
        m_count += results.size();
    }
    QCborValue reduced() const override
    {
        const qint64 samples = intOf(m_p, "samples");
        const double estimate = 4.0 * double(m_inside) / double(samples);
        return QCborMap { { QStringLiteral("inside"), m_inside }, { QStringLiteral("samples"), samples },
            { QStringLiteral("estimate"), estimate }, { QStringLiteral("error"), std::abs(estimate - M_PI) } };
    }
    Verification verification() const override
    {
        // Spot-check: the first and last tasks recomputed serially must agree exactly (same seeds), and the
        // estimate must sit within 5 standard deviations of pi.
        if (m_count != m_tasks)
            return { false, QStringLiteral("%1 results for %2 tasks").arg(m_count).arg(m_tasks) };
        auto kernel = createKernel(m_w.function(m_p), nullptr);
        TaskContext ctx;
        for (qsizetype t : { qsizetype(0), m_tasks - 1 }) {
            const QCborValue expected = kernel->call(m_w.inputRange(m_p, t, 1).at(0), ctx);
            if (!(expected == m_spot.at(t)))
                return { false,
                    QStringLiteral("task %1 counted %2, the serial run counts %3")
                        .arg(t)
                        .arg(m_spot.at(t).toInteger())
                        .arg(expected.toInteger()) };
        }
        const double samples = double(intOf(m_p, "samples"));
        const double sigma = 4.0 * std::sqrt((M_PI / 4) * (1 - M_PI / 4) / samples);
        const double error = reduced().toMap().value(QStringLiteral("error")).toDouble();
        if (error > 5 * sigma)
            return { false, QStringLiteral("estimate off by %1, more than 5 sigma (%2)").arg(error).arg(5 * sigma) };
        return { true,
            QStringLiteral("tasks 0 and %1 match the serial count exactly; error %2 is within 5 sigma (%3)")
                .arg(m_tasks - 1)
                .arg(error, 0, 'g', 3)
                .arg(5 * sigma, 0, 'g', 3) };
    }

private:
    const Workload& m_w;
    Params m_p;
    qsizetype m_tasks;
    qsizetype m_count = 0;
    qint64 m_inside = 0;
    FirstAndLast m_spot;
};

// ---- pi: Monte Carlo, the tutorials' scaling benchmark ----
class PiWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("pi"); }
    QString description() const override
    {
        return QStringLiteral(
            "Monte Carlo estimate of pi: random points in the unit square, count those in the circle");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("samples"), 200'000'000, QStringLiteral("random points in all")), 1),
            intParam(QStringLiteral("tasks"), 16, QStringLiteral("tasks the samples are split into"), 1, 1e6),
            intParam(QStringLiteral("seed"), 2024, QStringLiteral("base seed; task i uses seed+i"), 0, 9e15) };
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("pi")); }
    QCborArray inputs(const Params& p) const override { return inputRange(p, 0, taskCount(p)); }
    qsizetype taskCount(const Params& p) const override { return std::min(intOf(p, "tasks"), intOf(p, "samples")); }
    QCborArray inputRange(const Params& p, qsizetype first, qsizetype count) const override
    {
        const qint64 samples = intOf(p, "samples");
        const qint64 tasks = taskCount(p);
        QCborArray in;
        for (qint64 t = first; t < std::min<qint64>(first + count, tasks); ++t) {
            const qint64 share = samples / tasks + (t < samples % tasks ? 1 : 0);
            in.append(QCborArray { share, intOf(p, "seed") + t });
        }
        return in;
    }
    std::unique_ptr<Fold> fold(const Params& p) const override { return std::make_unique<PiFold>(*this, p); }
    QCborValue reduce(const Params& p, const QCborArray& results) const override
    {
        return foldAll<PiFold>(results, *this, p)->reduced();
    }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue&) const override
    {
        return foldAll<PiFold>(results, *this, p)->verification();
    }
    QString summary(const Params&, const QCborValue& reduced) const override
    {
        const QCborMap m = reduced.toMap();
        return QStringLiteral("Estimated value of Pi: %1 (error %2)")
            .arg(m.value(QStringLiteral("estimate")).toDouble(), 0, 'f', 8)
            .arg(m.value(QStringLiteral("error")).toDouble(), 0, 'g', 3);
    }
};

// spin's reduce (the digests xor-ed) and its check (the digests of tasks 0 and the last recomputed serially).
class SpinFold final : public Fold {
public:
    explicit SpinFold(const Params& p)
        : m_p(p)
        , m_tasks(intOf(p, "tasks"))
        , m_spot(m_tasks)
    {
    }
    void add(qsizetype first, const QCborArray& results) override
    {
        for (const auto& v : results)
            m_digest ^= v.toInteger();
        m_spot.add(first, results);
        m_count += results.size();
    }
    QCborValue reduced() const override
    {
        return QCborMap { { QStringLiteral("tasks"), m_count }, { QStringLiteral("digest"), m_digest } };
    }
    Verification verification() const override
    {
        if (m_count != m_tasks)
            return { false, QStringLiteral("%1 results for %2 tasks").arg(m_count).arg(m_tasks) };
        const qint64 iterations = qint64(floatOf(m_p, "ms") * double(calibrateSpinItersPerMs()));
        for (qint64 t : { qint64(0), m_tasks - 1 }) {
            if (m_spot.at(t).toInteger() != spinDigest(t, iterations))
                return { false, QStringLiteral("task %1's digest differs from the serial computation").arg(t) };
        }
        return { true,
            QStringLiteral("all %1 tasks done; the digests of tasks 0 and %2 match the serial computation")
                .arg(m_tasks)
                .arg(m_tasks - 1) };
    }

private:
    Params m_p;
    qint64 m_tasks;
    qsizetype m_count = 0;
    qint64 m_digest = 0;
    FirstAndLast m_spot;
};

// sleep's reduce (the milliseconds slept, summed) and its check (every task slept what it was asked).
class SleepFold final : public Fold {
public:
    explicit SleepFold(const Params& p)
        : m_p(p)
        , m_ms(floatOf(p, "ms"))
    {
    }
    void add(qsizetype, const QCborArray& results) override
    {
        for (const auto& v : results) {
            m_total += v.toDouble();
            m_good += v.toDouble() == m_ms;
        }
        m_count += results.size();
    }
    QCborValue reduced() const override
    {
        return QCborMap { { QStringLiteral("tasks"), m_count }, { QStringLiteral("slept_ms"), m_total } };
    }
    Verification verification() const override
    {
        const qint64 tasks = intOf(m_p, "tasks");
        if (m_count != tasks || m_good != tasks)
            return { false, QStringLiteral("%1 of %2 tasks came back").arg(m_good).arg(tasks) };
        return { true, QStringLiteral("all %1 tasks slept %2 ms").arg(tasks).arg(m_ms) };
    }

private:
    Params m_p;
    double m_ms;
    qsizetype m_count = 0;
    qint64 m_good = 0;
    double m_total = 0;
};

// ---- spin: calibrated CPU burn ----
class SpinWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("spin"); }
    QString description() const override
    {
        return QStringLiteral("CPU-bound tasks of a fixed amount of work, calibrated to last `ms` each");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("tasks"), 16, QStringLiteral("number of tasks"), 1, 1e7), 1),
            sizing(floatParam(QStringLiteral("ms"), 100, QStringLiteral("CPU milliseconds per task"), 0, 1e6), 1),
            floatParam(QStringLiteral("serial_ms"), 0,
                QStringLiteral("CPU milliseconds the main process spends alone first (Amdahl's serial part)"), 0,
                1e6) };
    }
    Function function(const Params&) const override
    {
        return Function::named(QStringLiteral("spin"), { { QStringLiteral("itersPerMs"), calibrateSpinItersPerMs() } });
    }
    std::function<void()> serialPart(const Params& p) const override
    {
        const qint64 iterations = qint64(floatOf(p, "serial_ms") * double(calibrateSpinItersPerMs()));
        if (iterations <= 0)
            return {};
        return [iterations] {
            volatile qint64 sink = spinDigest(-1, iterations);
            Q_UNUSED(sink);
        };
    }
    QCborArray inputs(const Params& p) const override { return inputRange(p, 0, taskCount(p)); }
    qsizetype taskCount(const Params& p) const override { return intOf(p, "tasks"); }
    QCborArray inputRange(const Params& p, qsizetype first, qsizetype count) const override
    {
        QCborArray in;
        for (qint64 i = first; i < std::min<qint64>(first + count, intOf(p, "tasks")); ++i)
            in.append(floatOf(p, "ms"));
        return in;
    }
    std::unique_ptr<Fold> fold(const Params& p) const override { return std::make_unique<SpinFold>(p); }
    QCborValue reduce(const Params& p, const QCborArray& results) const override
    {
        return foldAll<SpinFold>(results, p)->reduced();
    }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue&) const override
    {
        return foldAll<SpinFold>(results, p)->verification();
    }
    QString summary(const Params& p, const QCborValue&) const override
    {
        const double parallel = double(intOf(p, "tasks")) * floatOf(p, "ms");
        const double serial = floatOf(p, "serial_ms");
        QString s = QStringLiteral("%1 tasks x %2 ms of CPU = %3 s of work")
                        .arg(intOf(p, "tasks"))
                        .arg(floatOf(p, "ms"))
                        .arg(parallel / 1000.0);
        if (serial > 0)
            s += QStringLiteral(", after %1 ms alone in the main process (serial fraction %2)")
                     .arg(serial)
                     .arg(serial / (serial + parallel), 0, 'f', 3);
        return s;
    }
};

// ---- sleep: I/O-like waiting ----
class SleepWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("sleep"); }
    QString description() const override
    {
        return QStringLiteral("tasks that wait without computing (like I/O): threads scale even with a GIL");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("tasks"), 16, QStringLiteral("number of tasks"), 1, 1e7), 1),
            floatParam(QStringLiteral("ms"), 100, QStringLiteral("milliseconds each task sleeps"), 0, 1e6) };
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("sleep")); }
    QCborArray inputs(const Params& p) const override { return inputRange(p, 0, taskCount(p)); }
    qsizetype taskCount(const Params& p) const override { return intOf(p, "tasks"); }
    QCborArray inputRange(const Params& p, qsizetype first, qsizetype count) const override
    {
        QCborArray in;
        for (qint64 i = first; i < std::min<qint64>(first + count, intOf(p, "tasks")); ++i)
            in.append(floatOf(p, "ms"));
        return in;
    }
    std::unique_ptr<Fold> fold(const Params& p) const override { return std::make_unique<SleepFold>(p); }
    QCborValue reduce(const Params& p, const QCborArray& results) const override
    {
        return foldAll<SleepFold>(results, p)->reduced();
    }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue&) const override
    {
        return foldAll<SleepFold>(results, p)->verification();
    }
    QString summary(const Params& p, const QCborValue&) const override
    {
        return QStringLiteral("%1 tasks slept %2 ms each").arg(intOf(p, "tasks")).arg(floatOf(p, "ms"));
    }
};

} // namespace

QList<const Workload*> workloads()
{
    static const ExprWorkload expr;
    static const PiWorkload pi;
    static const SpinWorkload spin;
    static const SleepWorkload sleep;
    static const QList<const Workload*> all = [] {
        QList<const Workload*> list { &expr, &pi, &spin, &sleep };
        list << numericWorkloads() << textWorkloads() << mistakeWorkloads();
        return list;
    }();
    return all;
}

const Workload* findWorkload(const QString& name)
{
    for (const Workload* w : workloads())
        if (w->name() == name)
            return w;
    return nullptr;
}

bool parseParams(const Workload& w, const QStringList& settings, Params* out, QString* error)
{
    Params p = w.defaults();
    for (const QString& s : settings) {
        const qsizetype eq = s.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *error = QStringLiteral("bad --set '%1': expected key=value").arg(s);
            return false;
        }
        const QString key = s.left(eq);
        const QString value = s.mid(eq + 1);
        const std::optional<ParamSpec> spec = w.param(key);
        if (!spec) {
            QStringList known;
            for (const auto& ps : w.params())
                known << ps.name;
            *error = QStringLiteral("unknown parameter '%1' for %2 (known: %3)")
                         .arg(key, w.name(), known.join(QStringLiteral(", ")));
            return false;
        }
        bool ok = true;
        switch (spec->type) {
        case ParamSpec::Type::Int: {
            // Accept 4e8 and 400_000_000 as people write them.
            QString digits = value;
            digits.remove(QLatin1Char('_'));
            qint64 v = digits.toLongLong(&ok);
            if (!ok) {
                const double d = digits.toDouble(&ok);
                ok = ok && d == std::floor(d) && std::abs(d) < 9e18;
                v = qint64(d);
            }
            if (!ok || double(v) < spec->minimum || double(v) > spec->maximum) {
                *error = QStringLiteral("%1=%2: expected an integer from %3 to %4")
                             .arg(key, value)
                             .arg(qint64(spec->minimum))
                             .arg(qint64(spec->maximum));
                return false;
            }
            p.insert(key, v);
            break;
        }
        case ParamSpec::Type::Float: {
            const double v = value.toDouble(&ok);
            if (!ok || !std::isfinite(v) || v < spec->minimum || v > spec->maximum) {
                *error = QStringLiteral("%1=%2: expected a number from %3 to %4")
                             .arg(key, value)
                             .arg(spec->minimum)
                             .arg(spec->maximum);
                return false;
            }
            p.insert(key, v);
            break;
        }
        case ParamSpec::Type::String:
            p.insert(key, value);
            break;
        }
    }
    const QString invalid = w.validate(p);
    if (!invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    *out = p;
    return true;
}

} // namespace proclab
