#pragma once

// `proclab-cli bench`: every primitive measured in one run, side by side with CPython's multiprocessing and with
// the bare OS primitive it is built on (benchsuite.h), so that the ratios hold on a shared, noisy machine.

#include "engine/startmethod.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace proclab::cli {

struct BenchOptions {
    int repeats = 5;
    int tasks = 10000; // pool tasks per map (also the whole-map inputs)
    bool quick = false; // small sizes: proves it all works (CI), measures little
    bool python = true; // also CPython, when python3 is there
    QString only; // measure only the rows whose id contains this (and skip CPython), for working on one
    StartMethod startMethod = StartMethod::ForkServer; // the pool's, for per-task overhead and the other primitives
};

// Runs everything; `progress` gets one human line per measurement as it lands. The result holds the machine,
// every row (ProcLab, CPython, bare OS: median, min, max, each repeat; the two ratios), derived figures and the
// targets of issue 16.
QJsonObject runBenchmarks(const BenchOptions& options, const std::function<void(const QString&)>& progress);

// What could not be measured ("Queue 1->1, ProcLab: a benchmark process failed"): empty when all ran. CPython
// missing, or a pinning that needs a second CPU on a machine with one, is not a failure.
QStringList benchmarkFailures(const QJsonObject& result);

// The table and the targets, as printed after the run.
QString formatBenchmarks(const QJsonObject& result);

} // namespace proclab::cli
