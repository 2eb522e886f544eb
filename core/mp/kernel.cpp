#include "mp/kernel.h"

#include "base/clock.h"
#include "mp/gil.h"

#include <QCborArray>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <cxxabi.h>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <typeinfo>
#include <unistd.h>

namespace proclab {

QString Function::display() const
{
    if (kernel == QLatin1String("expr"))
        return QStringLiteral("lambda: %1").arg(config.value(QStringLiteral("expr")).toString());
    return kernel;
}

void TaskContext::checkpoint()
{
    if (gil)
        gil->checkpoint();
    if (stop && stop->load(std::memory_order_relaxed))
        throw TaskCancelled();
}

void TaskContext::sleepNs(qint64 ns)
{
    if (gil)
        gil->release();
    // In slices when the run can be cancelled, so that a long wait does not hold the cancel up.
    const qint64 deadline = monotonicNs() + ns;
    for (qint64 left = ns; left > 0; left = deadline - monotonicNs()) {
        if (stop && stop->load(std::memory_order_relaxed))
            break;
        const qint64 slice = stop ? std::min<qint64>(left, 10'000'000) : left;
        timespec ts { time_t(slice / 1'000'000'000), long(slice % 1'000'000'000) };
        while (nanosleep(&ts, &ts) != 0) { }
    }
    if (gil)
        gil->acquire();
    if (stop && stop->load(std::memory_order_relaxed))
        throw TaskCancelled();
}

TaskException::TaskException(const QString& type, const QString& message)
    : std::runtime_error(QString(type + QStringLiteral(": ") + message).toStdString())
    , m_type(type)
    , m_message(message)
{
}

QString exceptionTypeName(const std::exception& e)
{
    if (const auto* te = dynamic_cast<const TaskException*>(&e))
        return te->type();
    if (dynamic_cast<const std::invalid_argument*>(&e))
        return QStringLiteral("TypeError");
    if (dynamic_cast<const std::domain_error*>(&e) || dynamic_cast<const std::out_of_range*>(&e))
        return QStringLiteral("ValueError");
    int status = 0;
    char* demangled = abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status);
    const QString name = QString::fromLatin1(status == 0 && demangled ? demangled : typeid(e).name());
    free(demangled);
    return name;
}

namespace {

// Every kernel this process can run. Filled at start-up by whoever links the content (the programs' main(),
// before any thread starts); read from any thread afterwards.
struct Registry {
    std::mutex mutex;
    KernelTable table; // guarded by mutex
};

Registry& registry()
{
    static Registry r;
    return r;
}

} // namespace

void registerKernels(KernelTable table)
{
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    r.table.merge(table); // a name registered twice keeps its first factory
}

std::unique_ptr<Kernel> createKernel(const Function& function, QString* error)
{
    KernelFactory factory;
    {
        Registry& r = registry();
        std::lock_guard lock(r.mutex);
        const auto it = r.table.find(function.kernel);
        if (it != r.table.end())
            factory = it->second;
    }
    if (!factory) {
        if (error)
            *error = QStringLiteral("unknown kernel '%1'").arg(function.kernel);
        return nullptr;
    }
    return factory(function.config, error);
}

QStringList kernelNames()
{
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    QStringList names;
    for (const auto& [name, factory] : r.table)
        names << name;
    return names;
}

} // namespace proclab
