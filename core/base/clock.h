#pragma once

#include <QtGlobal>

namespace proclab {

// CLOCK_MONOTONIC in nanoseconds: the one time base shared by the engine and every worker process.
qint64 monotonicNs() noexcept;

// CPU time consumed by the calling thread, in nanoseconds.
qint64 threadCpuNs() noexcept;

} // namespace proclab
