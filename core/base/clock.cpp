#include "base/clock.h"

#include <ctime>

namespace proclab {

namespace {
qint64 readClock(clockid_t id) noexcept
{
    timespec ts {};
    clock_gettime(id, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}
} // namespace

qint64 monotonicNs() noexcept
{
    return readClock(CLOCK_MONOTONIC);
}

qint64 threadCpuNs() noexcept
{
    return readClock(CLOCK_THREAD_CPUTIME_ID);
}

} // namespace proclab
