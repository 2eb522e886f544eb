#pragma once

// The engine benchmarks behind `proclab-cli bench`: everything measured side by side in one run, so that
// ratios hold on a shared, noisy machine.

#include <QJsonObject>
#include <QString>

#include <functional>

namespace proclab::cli {

struct BenchOptions {
    int repeats = 7;
    int tasks = 10000;
    int roundTrips = 20000;
    bool python = true; // also time CPython's multiprocessing.Pool when python3 is there
};

// Runs every benchmark; `progress` gets one human line per measurement.
QJsonObject runBenchmarks(const BenchOptions& options, const std::function<void(const QString&)>& progress);

} // namespace proclab::cli
