#include "content/numeric.h"

#include "base/rng.h"
#include "mp/kernel.h"

#include <algorithm>
#include <cmath>

namespace proclab::numeric {

KdeData kdeData(quint64 seed, qint64 n, int d, qint64 m)
{
    KdeData data;
    data.n = n;
    data.d = d;
    Xoshiro256 rng(seed);
    data.points.resize(size_t(n * d));
    for (qint64 i = 0; i < n; ++i) {
        const double centre = (rng.next() & 1) ? 1.5 : -1.5;
        for (int j = 0; j < d; ++j) {
            // Box-Muller
            const double u1 = 1.0 - rng.uniform();
            const double u2 = rng.uniform();
            data.points[size_t(i * d + j)] = centre + std::sqrt(-2.0 * std::log(u1)) * std::cos(2 * M_PI * u2);
        }
    }
    Xoshiro256 qrng(seed ^ 0x5bd1e995ULL);
    data.queries.resize(size_t(m * d));
    for (auto& q : data.queries)
        q = -4.0 + 8.0 * qrng.uniform();
    return data;
}

// Something in the engine process (seen with Qt and glibc's AVX-512 string functions) can leave the upper halves
// of the vector registers dirty; the SSE code here and the VEX code in libm's exp() then pay a transition penalty
// on every call, which made the engine's serial reference 20 times slower than the same loop in a worker.
namespace {
void clearUpperVectorState()
{
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("avx"))
        asm volatile("vzeroupper" ::: "memory");
#endif
}
} // namespace

double kdeDensity(const double* pts, qint64 n, int d, const double* x, Window window, double h, TaskContext* ctx)
{
    double sum = 0;
    if (window == Window::Gaussian) {
        clearUpperVectorState();
        const double inv2h2 = 1.0 / (2 * h * h);
        for (qint64 i = 0; i < n; ++i) {
            double r2 = 0;
            for (int j = 0; j < d; ++j) {
                const double u = x[j] - pts[i * d + j];
                r2 += u * u;
            }
            // Terms below e^-700 cannot change the sum; skipping them also keeps exp() off its slow
            // underflow path.
            const double t = r2 * inv2h2;
            if (t < 700)
                sum += std::exp(-t);
            if (ctx && (i & 1023) == 1023)
                ctx->checkpoint();
        }
        return sum / (double(n) * std::pow(std::sqrt(2 * M_PI) * h, d));
    }
    const double half = h / 2;
    qint64 inside = 0;
    for (qint64 i = 0; i < n; ++i) {
        bool in = true;
        for (int j = 0; j < d && in; ++j)
            in = std::abs(x[j] - pts[i * d + j]) <= half;
        inside += in;
        if (ctx && (i & 4095) == 4095)
            ctx->checkpoint();
    }
    return double(inside) / (double(n) * std::pow(h, d));
}

Window windowOf(const QString& name)
{
    return name == QLatin1String("hypercube") ? Window::Hypercube : Window::Gaussian;
}

void fillMatrix(double* m, qint64 count, quint64 seed)
{
    Xoshiro256 rng(seed);
    for (qint64 i = 0; i < count; ++i)
        m[i] = 2.0 * rng.uniform() - 1.0;
}

void multiplyRows(const double* a, const double* b, double* c, qint64 n, qint64 r0, qint64 r1, TaskContext* ctx)
{
    for (qint64 i = r0; i < r1; ++i) {
        double* ci = c + i * n;
        std::fill(ci, ci + n, 0.0);
        for (qint64 k = 0; k < n; ++k) {
            const double aik = a[i * n + k];
            const double* bk = b + k * n;
            for (qint64 j = 0; j < n; ++j)
                ci[j] += aik * bk[j];
            if (ctx && (k & 31) == 31)
                ctx->checkpoint();
        }
    }
}

} // namespace proclab::numeric
