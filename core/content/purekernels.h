#pragma once

// The work of the kernels that need nothing but arithmetic (pi, spin), written once for the two programs that run
// them: proclab-worker's kernels (kernels.cpp) and proclab-lean-worker, which takes pool tasks without loading Qt.
// Header-only and free of Qt's library (rng.h uses Qt's integer types, nothing Qt Core has to load).

#include "base/rng.h"

#include <algorithm>

namespace proclab {

// Monte Carlo pi: how many of `samples` points drawn from `seed` fall inside the quarter circle. `checkpoint()` is
// called every 65536 samples (a thread executor's cancel point).
template <typename Checkpoint> qint64 piInside(qint64 samples, quint64 seed, Checkpoint&& checkpoint)
{
    Xoshiro256 rng(seed);
    qint64 inside = 0;
    for (qint64 done = 0; done < samples;) {
        const qint64 block = std::min<qint64>(samples - done, 1 << 16);
        for (qint64 i = 0; i < block; ++i) {
            const double x = rng.uniform();
            const double y = rng.uniform();
            inside += (x * x + y * y <= 1.0);
        }
        done += block;
        checkpoint();
    }
    return inside;
}

// The spin kernel's CPU burn: `iterations` xorshift steps from `seed`; `checkpoint()` every 4096 steps.
template <typename Checkpoint> quint64 xorshiftSpin(quint64 seed, qint64 iterations, Checkpoint&& checkpoint)
{
    quint64 x = seed * 0x9e3779b97f4a7c15ULL + 1;
    for (qint64 done = 0; done < iterations;) {
        const qint64 block = std::min<qint64>(iterations - done, 4096);
        for (qint64 i = 0; i < block; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        done += block;
        checkpoint();
    }
    return x;
}

} // namespace proclab
