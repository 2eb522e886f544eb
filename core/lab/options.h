#pragma once

// The experiment options as typed on a command line or in the experiment panel, read by one set of rules for
// proclab-cli, the window's command line and the panel. Each function gives the value, or a one-line error that
// names the option and says what it accepts. Qt Core only.

#include "engine/startmethod.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace proclab::options {

// A value read from text, or why it could not be.
template <typename T> struct Parsed {
    std::optional<T> value;
    QString error; // when there is no value: one line naming the option and what it accepts

    explicit operator bool() const { return value.has_value(); }
    const T& operator*() const { return *value; }
    const T* operator->() const { return &*value; }
};

template <typename T> Parsed<T> ok(T value)
{
    return { std::move(value), {} };
}

template <typename T> Parsed<T> failed(QString error)
{
    return { std::nullopt, std::move(error) };
}

constexpr int MaxProcesses = 1024; // the most workers a run or a sweep may ask for
constexpr int MaxChunksize = 1'000'000;

// A whole number from min to max: "OPTION must be an integer from MIN to MAX (got 'TEXT')".
Parsed<int> integer(const QString& option, const QString& text, int min, int max);

// -p/--processes for one run (or the largest of a sweep): a plain N from 1 to max.
Parsed<int> processes(const QString& text, int max = MaxProcesses);
// -p/--processes for a sweep: 1..N, N (meaning 1..N) or an ascending list 1,2,4; numbers from 1 to max.
Parsed<QList<int>> processList(const QString& text, int max = MaxProcesses);

// --executor: process, thread, gil-thread, serial, mpi-spmd or mpi-farm; the list form is comma-separated, without
// repeats.
Parsed<ExecutorKind> executor(const QString& text);
Parsed<QList<ExecutorKind>> executors(const QString& text);

// --start-method: spawn or forkserver. --scheduling: dynamic or static.
Parsed<StartMethod> startMethod(const QString& text);
Parsed<Scheduling> scheduling(const QString& text);

// --chunksize: `auto` or 0 for Python's default (given as 0), otherwise 1 to 1,000,000. The list form is
// comma-separated ("1, 10, 100"), without repeats.
Parsed<int> chunksize(const QString& text);
Parsed<QList<int>> chunksizes(const QString& text);
// The text chunksizes() reads back: "auto, 10, 100".
QString chunksizesText(const QList<int>& chunksizes);

// --size: the parameter swept as the problem size and its values, "tasks=4,8,16". The values are checked
// against the workload later, where it is known.
struct ProblemSize {
    QString param;
    QStringList values;
};
Parsed<ProblemSize> problemSize(const QString& text);

// --repeats: measured runs per point, 1 to max.
Parsed<int> repeats(const QString& text, int max);

} // namespace proclab::options
