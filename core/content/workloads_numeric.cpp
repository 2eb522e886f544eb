#include "content/kernels.h"
#include "content/numeric.h"
#include "content/workload.h"
#include "mp/kernel.h"

#include "base/pyformat.h"
#include "base/rng.h"
#include "base/sharedmemory.h"

#include <QCborArray>
#include <QCborMap>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <unistd.h>
#include <vector>

// The numeric workloads: kde, matmul, primes, randstring and sqrt.
//
// Shared memory lifetime (matmul, sqrt): the Workload interface has no "run is over" hook and a Workload is a
// const singleton, so the buffers of a run live in a file-local registry keyed by the workload's name and its
// parameters. inputs() creates them (releasing any earlier set of the same workload: a run that failed never
// reached verify()), the task arguments carry their names, reduce() reads them, and verify(), the last step
// after all tasks, unlinks them. Whatever is still registered at exit is unlinked by the registry's destructor,
// and removeStaleSharedMemory() clears what a SIGKILLed engine left.

namespace proclab {

namespace {

using namespace numeric;

// The tutorial's distribute(nitems, nprocs): (imin, imax) pairs of nearly equal slices.
std::vector<std::pair<qint64, qint64>> distribute(qint64 nitems, qint64 nprocs)
{
    std::vector<std::pair<qint64, qint64>> slices;
    const qint64 per = (nitems + nprocs - 1) / nprocs;
    for (qint64 i = 0; i < nitems; i += per)
        slices.emplace_back(i, std::min(nitems, i + per));
    return slices;
}

// ---- shared memory of the runs under way (engine side) ----

using Buffers = std::vector<std::unique_ptr<SharedMemory>>;

class BufferRegistry {
public:
    static BufferRegistry& instance()
    {
        static BufferRegistry registry;
        return registry;
    }
    ~BufferRegistry()
    {
        // A forked copy of the engine must not unlink the engine's objects.
        if (getpid() != m_creator)
            for (auto& [key, set] : m_sets)
                for (auto& shm : *set.buffers)
                    (void)shm.release();
    }

    // New zero-filled buffers for one run; earlier runs of the same workload are released first.
    std::shared_ptr<Buffers> create(
        const QString& workload, const QString& key, const QList<std::pair<QString, qsizetype>>& specs, QString* error)
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_sets.begin(); it != m_sets.end();)
            it = it->second.workload == workload ? m_sets.erase(it) : std::next(it);
        auto buffers = std::make_shared<Buffers>();
        for (const auto& [tag, size] : specs) {
            auto shm = SharedMemory::create(tag, std::max<qsizetype>(size, 1), error);
            if (!shm)
                return nullptr; // the ones made so far go with `buffers`
            buffers->push_back(std::move(shm));
        }
        m_sets[key] = { workload, buffers };
        return buffers;
    }
    std::shared_ptr<Buffers> find(const QString& key)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_sets.find(key);
        return it == m_sets.end() ? nullptr : it->second.buffers;
    }
    void release(const QString& key)
    {
        std::lock_guard lock(m_mutex);
        m_sets.erase(key);
    }

private:
    struct Set {
        QString workload;
        std::shared_ptr<Buffers> buffers;
    };
    std::mutex m_mutex;
    std::map<QString, Set> m_sets; // guarded by m_mutex
    pid_t m_creator = getpid();
};

// ==== kde: Parzen-window density estimate ====

// args [seed, n, d, queries, h, window, qBegin, qEnd] -> densities at queries qBegin..qEnd-1
class KdeKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        const quint64 seed = quint64(a.at(0).toInteger());
        const qint64 n = a.at(1).toInteger();
        const int d = int(a.at(2).toInteger());
        const qint64 m = a.at(3).toInteger();
        const double h = a.at(4).toDouble();
        const Window window = windowOf(a.at(5).toString());
        const qint64 begin = a.at(6).toInteger();
        const qint64 end = a.at(7).toInteger();
        if (n < 1 || d < 1 || h <= 0 || begin < 0 || end > m || begin > end)
            throw TaskException(QStringLiteral("ValueError"), QStringLiteral("bad kde task arguments"));
        // Data regenerated from the seed once per worker and kept for its next tasks.
        if (!m_data || m_seed != seed || m_data->n != n || m_data->d != d || qint64(m_data->queries.size()) != m * d) {
            m_data = std::make_unique<KdeData>(kdeData(seed, n, d, m));
            m_seed = seed;
        }
        QCborArray out;
        for (qint64 q = begin; q < end; ++q)
            out.append(kdeDensity(m_data->points.data(), n, d, m_data->queries.data() + q * d, window, h, &ctx));
        return out;
    }

private:
    std::unique_ptr<KdeData> m_data;
    quint64 m_seed = 0;
};

class KdeWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("kde"); }
    QString description() const override
    {
        return QStringLiteral("Parzen-window density estimate of n points in d dimensions at many query points");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("n"), 20000, QStringLiteral("data points"), 1, 1e8), 1),
            intParam(QStringLiteral("d"), 2, QStringLiteral("dimensions"), 1, 64),
            sizing(intParam(QStringLiteral("queries"), 10000,
                       QStringLiteral("query points where the density is estimated"), 1, 1e7),
                1),
            floatParam(QStringLiteral("h"), 0.5, QStringLiteral("window width (bandwidth)"), 1e-9, 1e9),
            stringParam(QStringLiteral("window"), QStringLiteral("gaussian"), QStringLiteral("gaussian or hypercube")),
            intParam(QStringLiteral("tasks"), 16, QStringLiteral("chunks of query points"), 1, 1e6),
            intParam(QStringLiteral("seed"), 2024, QStringLiteral("seed of the data and the queries"), 0, 9e15) };
    }
    QString validate(const Params& p) const override
    {
        const QString w = stringOf(p, "window");
        if (w != QLatin1String("gaussian") && w != QLatin1String("hypercube"))
            return QStringLiteral("window=%1: expected gaussian or hypercube").arg(w);
        // The points and queries are made in the engine and in every worker: keep them to a sane size.
        const double values = double(intOf(p, "n") + intOf(p, "queries")) * double(intOf(p, "d"));
        if (values > 1e8)
            return QStringLiteral("(n + queries) x d = %1 coordinates: at most 100,000,000 (800 MB)")
                .arg(values, 0, 'g', 3);
        return {};
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("kde")); }
    QCborArray inputs(const Params& p) const override
    {
        QCborArray in;
        const qint64 m = intOf(p, "queries");
        for (const auto& [begin, end] : distribute(m, std::min(intOf(p, "tasks"), m)))
            in.append(QCborArray { intOf(p, "seed"), intOf(p, "n"), intOf(p, "d"), m, floatOf(p, "h"),
                stringOf(p, "window"), begin, end });
        return in;
    }
    QCborValue reduce(const Params&, const QCborArray& results) const override
    {
        QCborArray densities;
        double sum = 0;
        for (const auto& chunk : results)
            for (const auto& v : chunk.toArray()) {
                densities.append(v);
                sum += v.toDouble();
            }
        return QCborMap { { QStringLiteral("densities"), densities },
            { QStringLiteral("mean"), densities.isEmpty() ? 0.0 : sum / double(densities.size()) } };
    }
    Verification verify(const Params& p, const QCborArray&, const QCborValue& reduced) const override
    {
        const qint64 m = intOf(p, "queries");
        const int d = int(intOf(p, "d"));
        const QCborArray got = reduced.toMap().value(QStringLiteral("densities")).toArray();
        if (got.size() != m)
            return { false, QStringLiteral("%1 densities for %2 queries").arg(got.size()).arg(m) };
        const KdeData data = kdeData(quint64(intOf(p, "seed")), intOf(p, "n"), d, m);
        const Window window = windowOf(stringOf(p, "window"));
        double worst = 0;
        qint64 worstAt = 0;
        for (qint64 q = 0; q < m; ++q) {
            const double expected = kdeDensity(data.points.data(), data.n, d, data.queries.data() + q * d, window, floatOf(p, "h"), nullptr);
            const double diff = std::abs(got.at(q).toDouble() - expected);
            const double rel = diff == 0 ? 0 : diff / std::max(std::abs(expected), 1e-300);
            if (!(rel <= worst)) {
                worst = rel;
                worstAt = q;
            }
        }
        const bool ok = worst <= 1e-12;
        return { ok,
            QStringLiteral("%1 densities against the serial evaluation: max relative difference %2%3")
                .arg(m)
                .arg(worst, 0, 'g', 3)
                .arg(ok ? QStringLiteral(" (<= 1e-12)") : QStringLiteral(" at query %1, above 1e-12").arg(worstAt)) };
    }
    QString summary(const Params& p, const QCborValue& reduced) const override
    {
        const QCborMap r = reduced.toMap();
        const QCborArray densities = r.value(QStringLiteral("densities")).toArray();
        QStringList first;
        for (qsizetype i = 0; i < std::min<qsizetype>(3, densities.size()); ++i)
            first << QString::number(densities.at(i).toDouble(), 'g', 6);
        return QStringLiteral("%1 window h=%2, %3 points in %4-d: mean density %5 over %6 queries; first %7")
            .arg(stringOf(p, "window"))
            .arg(floatOf(p, "h"))
            .arg(intOf(p, "n"))
            .arg(intOf(p, "d"))
            .arg(r.value(QStringLiteral("mean")).toDouble(), 0, 'g', 6)
            .arg(densities.size())
            .arg(first.join(QStringLiteral(", ")));
    }
};

// ==== matmul: C = A.B, row blocks, everything in shared memory ====

// args [A name, B name, C name, n, row begin, row end, seed of A] -> sum of the rows written. The seed is for the MPI
// ranks' collective form (app/mpiworker/dataparallel.cpp), whose rank 0 makes A and B itself as the engine did.
class MatmulRowsKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        const qint64 n = a.at(3).toInteger();
        const qint64 r0 = a.at(4).toInteger();
        const qint64 r1 = a.at(5).toInteger();
        const qsizetype bytes = qsizetype(n * n * qint64(sizeof(double)));
        const auto sa = attachRunMemory(a.at(0), bytes);
        const auto sb = attachRunMemory(a.at(1), bytes);
        const auto sc = attachRunMemory(a.at(2), bytes);
        if (r0 < 0 || r1 > n || r0 > r1)
            throw TaskException(
                QStringLiteral("ValueError"), QStringLiteral("rows %1..%2 outside 0..%3").arg(r0).arg(r1).arg(n));
        double* c = static_cast<double*>(sc->data());
        multiplyRows(
            static_cast<const double*>(sa->data()), static_cast<const double*>(sb->data()), c, n, r0, r1, &ctx);
        double sum = 0;
        for (qint64 i = r0 * n; i < r1 * n; ++i)
            sum += c[i];
        return sum;
    }
};

class MatmulWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("matmul"); }
    QString description() const override
    {
        return QStringLiteral(
            "C = A.B for n x n doubles; A, B and C in shared memory, each task computes a block of rows");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("n"), 1536, QStringLiteral("matrix size (128, 256, 512, ...)"), 2, 8192), 3),
            intParam(QStringLiteral("tasks"), 16, QStringLiteral("row blocks"), 1, 1e6),
            intParam(QStringLiteral("seed"), 2024, QStringLiteral("seed of A (B uses seed+1)"), 0, 9e15) };
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("matmul.rows")); }
    QCborArray inputs(const Params& p) const override
    {
        const qint64 n = intOf(p, "n");
        const qsizetype bytes = qsizetype(n * n * qint64(sizeof(double)));
        QString error;
        const auto buffers = BufferRegistry::instance().create(name(), runKey(name(), p),
            { { QStringLiteral("matmul-A"), bytes }, { QStringLiteral("matmul-B"), bytes },
                { QStringLiteral("matmul-C"), bytes } },
            &error);
        if (!buffers)
            throw std::runtime_error(error.toStdString());
        fillMatrix(static_cast<double*>(buffers->at(0)->data()), n * n, quint64(intOf(p, "seed")));
        fillMatrix(static_cast<double*>(buffers->at(1)->data()), n * n, quint64(intOf(p, "seed") + 1));
        QCborArray in;
        for (const auto& [r0, r1] : distribute(n, std::min(intOf(p, "tasks"), n)))
            in.append(QCborArray { buffers->at(0)->name(), buffers->at(1)->name(), buffers->at(2)->name(), n, r0, r1,
                intOf(p, "seed") });
        return in;
    }
    QCborValue reduce(const Params& p, const QCborArray& results) const override
    {
        double partials = 0;
        for (const auto& v : results)
            partials += v.toDouble();
        QCborMap r { { QStringLiteral("n"), intOf(p, "n") }, { QStringLiteral("task_sum"), partials } };
        if (const auto buffers = BufferRegistry::instance().find(runKey(name(), p))) {
            const qint64 n = intOf(p, "n");
            const double* c = static_cast<const double*>(buffers->at(2)->data());
            double sum = 0;
            double trace = 0;
            for (qint64 i = 0; i < n * n; ++i)
                sum += c[i];
            for (qint64 i = 0; i < n; ++i)
                trace += c[i * n + i];
            r.insert(QStringLiteral("checksum"), sum);
            r.insert(QStringLiteral("trace"), trace);
            r.insert(QStringLiteral("c00"), c[0]);
        }
        return r;
    }
    void finish(const Params& p) const override { BufferRegistry::instance().release(runKey(name(), p)); }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue&) const override
    {
        const QString key = runKey(name(), p);
        const auto buffers = BufferRegistry::instance().find(key);
        BufferRegistry::instance().release(key); // the run is over: unlink (the mapping stays while `buffers` lives)
        if (!buffers)
            return { false,
                QStringLiteral(
                    "the shared matrices of this run are gone (inputs() was not called, or was called again)") };
        const qint64 n = intOf(p, "n");
        const qsizetype blocks = qsizetype(distribute(n, std::min(intOf(p, "tasks"), n)).size());
        if (results.size() != blocks)
            return { false, QStringLiteral("%1 results for %2 row blocks").arg(results.size()).arg(blocks) };
        std::vector<double> a(size_t(n * n)), b(size_t(n * n)), c(size_t(n * n));
        fillMatrix(a.data(), n * n, quint64(intOf(p, "seed")));
        fillMatrix(b.data(), n * n, quint64(intOf(p, "seed") + 1));
        multiplyRows(a.data(), b.data(), c.data(), n, 0, n, nullptr);
        const double* shared = static_cast<const double*>(buffers->at(2)->data());
        double maxDiff = 0;
        double maxAbs = 0;
        for (qint64 i = 0; i < n * n; ++i) {
            maxDiff = std::max(maxDiff, std::abs(shared[i] - c[size_t(i)]));
            maxAbs = std::max(maxAbs, std::abs(c[size_t(i)]));
        }
        const double rel = maxAbs > 0 ? maxDiff / maxAbs : maxDiff;
        const bool ok = rel <= 1e-9;
        return { ok,
            QStringLiteral(
                "C in shared memory against the serial product: max abs difference %1 (relative %2, limit 1e-9)")
                .arg(maxDiff, 0, 'g', 3)
                .arg(rel, 0, 'g', 3) };
    }
    QString summary(const Params& p, const QCborValue& reduced) const override
    {
        const QCborMap r = reduced.toMap();
        return QStringLiteral("C = A.B (%1 x %1): checksum %2, trace %3, C[0][0] = %4")
            .arg(intOf(p, "n"))
            .arg(r.value(QStringLiteral("checksum")).toDouble(), 0, 'g', 12)
            .arg(r.value(QStringLiteral("trace")).toDouble(), 0, 'g', 12)
            .arg(r.value(QStringLiteral("c00")).toDouble(), 0, 'g', 12);
    }
};

// ==== primes: trial division, uneven task costs ====

bool isPrimeByTrialDivision(quint64 x)
{
    if (x < 2)
        return false;
    if (x % 2 == 0)
        return x == 2;
    for (quint64 d = 3; d * d <= x; d += 2)
        if (x % d == 0)
            return false;
    return true;
}

// args [a, b] -> primes in [a, b). A prime x costs sqrt(x)/2 divisions: later ranges are dearer.
class PrimesCountKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        const qint64 lo = std::max<qint64>(0, a.at(0).toInteger());
        const qint64 hi = a.at(1).toInteger();
        qint64 count = 0;
        for (qint64 x = lo; x < hi; ++x) {
            count += isPrimeByTrialDivision(quint64(x));
            if ((x & 15) == 15)
                ctx.checkpoint();
        }
        return count;
    }
};

class PrimesWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("primes"); }
    QString description() const override
    {
        return QStringLiteral(
            "count primes below a limit by trial division in ranges whose cost rises steeply: load imbalance");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("limit"), 7'000'000, QStringLiteral("count the primes below this"), 2, 1e12), 1.5),
            intParam(
                QStringLiteral("tasks"), 32, QStringLiteral("ranges; the last costs far more than the first"), 1, 1e6),
            intParam(QStringLiteral("skew"), 3,
                QStringLiteral("the last range is 1+skew times as wide as the first (0: equal widths)"), 0, 1000) };
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("primes.count")); }
    QCborArray inputs(const Params& p) const override
    {
        // Widths grow linearly from the first range to the last, and each number costs more the larger it is, so
        // the cost per task rises steeply: static scheduling with a big chunksize leaves one worker the dear end.
        const qint64 limit = intOf(p, "limit");
        const qint64 tasks = std::min(intOf(p, "tasks"), limit);
        const double skew = double(intOf(p, "skew"));
        std::vector<double> cumulative { 0.0 };
        for (qint64 t = 0; t < tasks; ++t)
            cumulative.push_back(cumulative.back() + 1.0 + (tasks > 1 ? skew * double(t) / double(tasks - 1) : 0.0));
        QCborArray in;
        qint64 a = 0;
        for (qint64 t = 0; t < tasks; ++t) {
            const qint64 b = t == tasks - 1
                ? limit
                : std::max(a, qint64(std::llround(double(limit) * cumulative[size_t(t + 1)] / cumulative.back())));
            in.append(QCborArray { a, b });
            a = b;
        }
        return in;
    }
    QCborValue reduce(const Params& p, const QCborArray& results) const override
    {
        qint64 count = 0;
        for (const auto& v : results)
            count += v.toInteger();
        return QCborMap { { QStringLiteral("limit"), intOf(p, "limit") }, { QStringLiteral("primes"), count } };
    }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue& reduced) const override
    {
        const qint64 limit = intOf(p, "limit");
        if (limit > 2'000'000'000)
            return { false, QStringLiteral("the serial sieve is limited to 2e9") };
        std::vector<bool> composite(size_t(limit), false);
        for (qint64 i = 2; i * i < limit; ++i)
            if (!composite[size_t(i)])
                for (qint64 j = i * i; j < limit; j += i)
                    composite[size_t(j)] = true;
        const QCborArray in = inputs(p);
        if (results.size() != in.size())
            return { false, QStringLiteral("%1 results for %2 ranges").arg(results.size()).arg(in.size()) };
        qint64 total = 0;
        for (qsizetype t = 0; t < in.size(); ++t) {
            const qint64 a = in.at(t).toArray().at(0).toInteger();
            const qint64 b = in.at(t).toArray().at(1).toInteger();
            qint64 count = 0;
            for (qint64 x = std::max<qint64>(a, 2); x < b; ++x)
                count += !composite[size_t(x)];
            total += count;
            if (results.at(t).toInteger() != count)
                return { false,
                    QStringLiteral("range [%1, %2): %3 primes, the sieve finds %4")
                        .arg(a)
                        .arg(b)
                        .arg(results.at(t).toInteger())
                        .arg(count) };
        }
        if (reduced.toMap().value(QStringLiteral("primes")).toInteger() != total)
            return { false, QStringLiteral("the total differs from the sieve's %1").arg(total) };
        return {
            true,
            QStringLiteral("every range's count equals the serial sieve's (%1 primes below %2)").arg(total).arg(limit)
        };
    }
    QString summary(const Params& p, const QCborValue& reduced) const override
    {
        return QStringLiteral("%1 primes below %2 (%3 ranges of rising cost, skew %4)")
            .arg(reduced.toMap().value(QStringLiteral("primes")).toInteger())
            .arg(intOf(p, "limit"))
            .arg(std::min(intOf(p, "tasks"), intOf(p, "limit")))
            .arg(intOf(p, "skew"));
    }
};

// ==== randstring: the tutorial's rand_string ====

QString randString(quint64 seed, qint64 length, TaskContext* ctx)
{
    static const char Alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"; // 62
    Xoshiro256 rng(seed);
    QByteArray s(length, Qt::Uninitialized);
    for (qint64 i = 0; i < length; ++i) {
        s[i] = Alphabet[(rng.next() >> 32) % 62];
        if (ctx && (i & 16383) == 16383)
            ctx->checkpoint();
    }
    return QString::fromLatin1(s);
}

// args [pos, length, seed] -> the string
class RandStringKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        const qint64 length = a.at(1).toInteger();
        if (length < 0)
            throw TaskException(QStringLiteral("ValueError"), QStringLiteral("negative length"));
        return randString(quint64(a.at(2).toInteger()), length, &ctx);
    }
};

class RandStringWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("randstring"); }
    QString description() const override
    {
        return QStringLiteral(
            "rand_string(length, pos): random strings of letters and digits, one per task, from per-task seeds");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("strings"), 64, QStringLiteral("strings, one task each"), 1, 1e7), 1),
            sizing(intParam(QStringLiteral("length"), 2'000'000, QStringLiteral("characters per string"), 0, 1e9), 1),
            intParam(QStringLiteral("seed"), 123, QStringLiteral("base seed; string i uses seed+i"), 0, 9e15) };
    }
    QString validate(const Params& p) const override
    {
        // Every string comes back to the engine: the total must fit in memory a few times over.
        const double chars = double(intOf(p, "strings")) * double(intOf(p, "length"));
        if (chars > 1e9)
            return QStringLiteral("strings x length = %1 characters: at most 1,000,000,000").arg(chars, 0, 'g', 3);
        return {};
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("randstring")); }
    QCborArray inputs(const Params& p) const override
    {
        QCborArray in;
        for (qint64 i = 0; i < intOf(p, "strings"); ++i)
            in.append(QCborArray { i, intOf(p, "length"), intOf(p, "seed") + i });
        return in;
    }
    QCborValue reduce(const Params&, const QCborArray& results) const override
    {
        qint64 chars = 0;
        int digits = 0;
        for (const auto& v : results) {
            const QString s = v.toString();
            chars += s.size();
            for (QChar c : s)
                digits += c.isDigit();
        }
        return QCborMap { { QStringLiteral("strings"), results.size() }, { QStringLiteral("chars"), chars },
            { QStringLiteral("digits"), digits },
            { QStringLiteral("first"), results.isEmpty() ? QString() : results.at(0).toString().left(20) } };
    }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue&) const override
    {
        const qint64 strings = intOf(p, "strings");
        if (results.size() != strings)
            return { false, QStringLiteral("%1 strings for %2 tasks").arg(results.size()).arg(strings) };
        for (qint64 i = 0; i < strings; ++i)
            if (results.at(i).toString() != randString(quint64(intOf(p, "seed") + i), intOf(p, "length"), nullptr))
                return { false, QStringLiteral("string %1 differs from its serial regeneration").arg(i) };
        return { true, QStringLiteral("all %1 strings equal their serial regeneration, in order").arg(strings) };
    }
    QString summary(const Params&, const QCborValue& reduced) const override
    {
        const QCborMap r = reduced.toMap();
        return QStringLiteral("%1 strings, %2 characters (%3 digits); the first starts '%4'")
            .arg(r.value(QStringLiteral("strings")).toInteger())
            .arg(r.value(QStringLiteral("chars")).toInteger())
            .arg(r.value(QStringLiteral("digits")).toInteger())
            .arg(r.value(QStringLiteral("first")).toString());
    }
};

// ==== sqrt: over a shared array in slices, with a reduce ====

// sqrt of in[imin, imax) into out, `passes` times (so the run lasts long enough to time); the slice's sum.
double sqrtSlice(const double* in, double* out, qint64 imin, qint64 imax, qint64 passes, TaskContext* ctx)
{
    double sum = 0;
    for (qint64 pass = 0; pass < passes; ++pass) {
        sum = 0;
        for (qint64 i = imin; i < imax; ++i) {
            out[i] = std::sqrt(in[i]);
            sum += out[i];
            if (ctx && (i & 16383) == 16383)
                ctx->checkpoint();
        }
    }
    return sum;
}

// args [input name, output name, imin, imax, passes] -> sum of sqrt over the slice
class SqrtSliceKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        const qint64 imin = a.at(2).toInteger();
        const qint64 imax = a.at(3).toInteger();
        if (imin < 0 || imin > imax)
            throw TaskException(QStringLiteral("ValueError"), QStringLiteral("bad slice %1:%2").arg(imin).arg(imax));
        const qsizetype bytes = qsizetype(imax * qint64(sizeof(double)));
        const auto in = attachRunMemory(a.at(0), bytes);
        const auto out = attachRunMemory(a.at(1), bytes);
        return sqrtSlice(static_cast<const double*>(in->data()), static_cast<double*>(out->data()), imin, imax,
            std::max<qint64>(1, a.at(4).toInteger()), &ctx);
    }
};

class SqrtWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("sqrt"); }
    QString description() const override
    {
        return QStringLiteral(
            "sqrt over a shared array 0..n-1 in slices (distribute(nitems, nprocs)), partial sums reduced");
    }
    QList<ParamSpec> params() const override
    {
        return { sizing(intParam(QStringLiteral("n"), 4'000'000, QStringLiteral("array length"), 1, 2.5e8),
                     1), // two arrays of 2 GB
            intParam(QStringLiteral("tasks"), 8, QStringLiteral("slices (the tutorial's nprocs)"), 1, 1e6),
            sizing(intParam(QStringLiteral("passes"), 128,
                       QStringLiteral("times each slice is recomputed, to make the run long enough to time"), 1, 1e6),
                1) };
    }
    Function function(const Params&) const override { return Function::named(QStringLiteral("sqrt.slice")); }
    QCborArray inputs(const Params& p) const override
    {
        const qint64 n = intOf(p, "n");
        const qsizetype bytes = qsizetype(n * qint64(sizeof(double)));
        QString error;
        const auto buffers = BufferRegistry::instance().create(name(), runKey(name(), p),
            { { QStringLiteral("sqrt-in"), bytes }, { QStringLiteral("sqrt-out"), bytes } }, &error);
        if (!buffers)
            throw std::runtime_error(error.toStdString());
        double* data = static_cast<double*>(buffers->at(0)->data());
        for (qint64 i = 0; i < n; ++i)
            data[i] = double(i);
        QCborArray in;
        for (const auto& [imin, imax] : distribute(n, std::min(intOf(p, "tasks"), n)))
            in.append(QCborArray { buffers->at(0)->name(), buffers->at(1)->name(), imin, imax, intOf(p, "passes") });
        return in;
    }
    QCborValue reduce(const Params& p, const QCborArray& results) const override
    {
        double sum = 0;
        for (const auto& v : results)
            sum += v.toDouble();
        return QCborMap { { QStringLiteral("n"), intOf(p, "n") }, { QStringLiteral("sum"), sum } };
    }
    void finish(const Params& p) const override { BufferRegistry::instance().release(runKey(name(), p)); }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue& reduced) const override
    {
        const QString key = runKey(name(), p);
        const auto buffers = BufferRegistry::instance().find(key);
        BufferRegistry::instance().release(key);
        if (!buffers)
            return { false,
                QStringLiteral(
                    "the shared arrays of this run are gone (inputs() was not called, or was called again)") };
        const qint64 n = intOf(p, "n");
        const auto slices = distribute(n, std::min(intOf(p, "tasks"), n));
        if (results.size() != qsizetype(slices.size()))
            return { false, QStringLiteral("%1 partial sums for %2 slices").arg(results.size()).arg(slices.size()) };
        const double* out = static_cast<const double*>(buffers->at(1)->data());
        std::vector<double> in(static_cast<size_t>(n)), expected(static_cast<size_t>(n));
        for (qint64 i = 0; i < n; ++i)
            in[size_t(i)] = double(i);
        double total = 0;
        for (size_t t = 0; t < slices.size(); ++t) {
            const double partial = sqrtSlice(in.data(), expected.data(), slices[t].first, slices[t].second, 1, nullptr);
            if (partial != results.at(qsizetype(t)).toDouble())
                return { false,
                    QStringLiteral("slice %1:%2 sums to %3, serially %4")
                        .arg(slices[t].first)
                        .arg(slices[t].second)
                        .arg(pyFloatRepr(results.at(qsizetype(t)).toDouble()), pyFloatRepr(partial)) };
            total += partial;
        }
        for (qint64 i = 0; i < n; ++i)
            if (out[i] != expected[size_t(i)])
                return { false,
                    QStringLiteral("out[%1] = %2 in shared memory, sqrt gives %3")
                        .arg(i)
                        .arg(pyFloatRepr(out[i]), pyFloatRepr(expected[size_t(i)])) };
        if (reduced.toMap().value(QStringLiteral("sum")).toDouble() != total)
            return { false, QStringLiteral("the reduced sum differs from the serial %1").arg(pyFloatRepr(total)) };
        return { true,
            QStringLiteral(
                "all %1 outputs in shared memory and all %2 partial sums equal the serial computation exactly")
                .arg(n)
                .arg(slices.size()) };
    }
    QString summary(const Params& p, const QCborValue& reduced) const override
    {
        return QStringLiteral("sum of sqrt(i) for i in range(%1) = %2 (%3 slices)")
            .arg(intOf(p, "n"))
            .arg(pyFloatRepr(reduced.toMap().value(QStringLiteral("sum")).toDouble()))
            .arg(distribute(intOf(p, "n"), std::min(intOf(p, "tasks"), intOf(p, "n"))).size());
    }
};

} // namespace

QList<const Workload*> numericWorkloads()
{
    static const KdeWorkload kde;
    static const MatmulWorkload matmul;
    static const PrimesWorkload primes;
    static const RandStringWorkload randstring;
    static const SqrtWorkload sqrt;
    return { &kde, &matmul, &primes, &randstring, &sqrt };
}

KernelTable numericWorkloadKernels()
{
    return {
        { QStringLiteral("kde"), kernelWithoutConfig<KdeKernel>() },
        { QStringLiteral("matmul.rows"), kernelWithoutConfig<MatmulRowsKernel>() },
        { QStringLiteral("primes.count"), kernelWithoutConfig<PrimesCountKernel>() },
        { QStringLiteral("randstring"), kernelWithoutConfig<RandStringKernel>() },
        { QStringLiteral("sqrt.slice"), kernelWithoutConfig<SqrtSliceKernel>() },
    };
}

QString runKey(const QString& workload, const Params& p)
{
    QString key = workload;
    for (auto it = p.cbegin(); it != p.cend(); ++it)
        key += QLatin1Char(' ') + it.key() + QLatin1Char('=') + it.value().toString();
    return key;
}

std::unique_ptr<SharedMemory> attachRunMemory(const QCborValue& name, qsizetype minSize)
{
    QString error;
    auto shm = SharedMemory::attach(name.toString(), &error);
    if (!shm)
        throw TaskException(QStringLiteral("FileNotFoundError"),
            error + QStringLiteral(" (the workload's inputs are single-use: build them again for each run)"));
    if (shm->size() < minSize)
        throw TaskException(QStringLiteral("ValueError"), QStringLiteral("%1 is too small").arg(shm->name()));
    return shm;
}

} // namespace proclab
