#pragma once

// Kernels: the code a task runs inside a worker (or a thread, for the thread executors).

#include "mp/function.h"

#include <QCborValue>
#include <QStringList>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>

namespace proclab {

class Gil;

// Handed to a kernel while it runs one task.
class TaskContext {
public:
    virtual ~TaskContext() = default;

    // A cooperative point where a gil-thread may hand the interpreter lock over and a cancelled thread run
    // stops. Call it often (~every 50 us).
    void checkpoint();
    // An I/O-like wait: releases the GIL while sleeping, as time.sleep() does in CPython.
    void sleepNs(qint64 ns);

    int worker = -1; // slot index, -1 in the engine
    qint64 task = -1; // global task index
    QString processName; // current_process().name
    Gil* gil = nullptr; // set by the gil-thread executor only
    // Thread executors: set when the run is cancelled; checkpoint() and sleepNs() then throw TaskCancelled.
    const std::atomic<bool>* stop = nullptr;
};

// Thrown inside a thread executor's task when its run is cancelled.
class TaskCancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

// Raised by a kernel to fail its task with a Python-like exception type and message.
class TaskException : public std::runtime_error {
public:
    TaskException(const QString& type, const QString& message);
    QString type() const { return m_type; }
    QString message() const { return m_message; }

private:
    QString m_type;
    QString m_message;
};

class Kernel {
public:
    virtual ~Kernel() = default;
    // Runs one task. Throws TaskException (or any std::exception) to fail the task only.
    virtual QCborValue call(const QCborValue& args, TaskContext& ctx) = 0;
};

// How kernels are made: from the function's config, or nullptr with a message.
using KernelFactory = std::function<std::unique_ptr<Kernel>(const QCborMap& config, QString* error)>;
using KernelTable = std::map<QString, KernelFactory>;

// The factory of a kernel that takes no config: each call makes a fresh K.
template <typename K> KernelFactory kernelWithoutConfig()
{
    return [](const QCborMap&, QString*) -> std::unique_ptr<Kernel> { return std::make_unique<K>(); };
}

// Adds kernels to this process's registry. The registry does not know its content: each program registers
// what it links before it runs anything (proclab-worker, proclab-cli and proclab register content/content.h's
// kernels; the tests' worker adds tests/support's). A name registered twice keeps its first factory.
void registerKernels(KernelTable table);

// Creates a kernel from a function description; nullptr with a message for an unknown kernel or bad config.
std::unique_ptr<Kernel> createKernel(const Function& function, QString* error);
QStringList kernelNames();

// Python's exception type name for a C++ exception (TaskException keeps its own).
QString exceptionTypeName(const std::exception& e);

} // namespace proclab
