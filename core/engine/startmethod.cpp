#include "engine/startmethod.h"

namespace proclab {

QString toString(StartMethod m)
{
    switch (m) {
    case StartMethod::Spawn:
        return QStringLiteral("spawn");
    case StartMethod::ForkServer:
        return QStringLiteral("forkserver");
    case StartMethod::Fork:
        return QStringLiteral("fork");
    }
    return {};
}

QString toString(Scheduling s)
{
    return s == Scheduling::Dynamic ? QStringLiteral("dynamic") : QStringLiteral("static");
}

QString toString(ExecutorKind e)
{
    switch (e) {
    case ExecutorKind::Process:
        return QStringLiteral("process");
    case ExecutorKind::Thread:
        return QStringLiteral("thread");
    case ExecutorKind::GilThread:
        return QStringLiteral("gil-thread");
    case ExecutorKind::Serial:
        return QStringLiteral("serial");
    case ExecutorKind::MpiSpmd:
        return QStringLiteral("mpi-spmd");
    case ExecutorKind::MpiFarm:
        return QStringLiteral("mpi-farm");
    }
    return {};
}

bool isMpi(ExecutorKind e)
{
    return e == ExecutorKind::MpiSpmd || e == ExecutorKind::MpiFarm;
}

std::optional<StartMethod> parseStartMethod(const QString& s)
{
    for (auto m : { StartMethod::Spawn, StartMethod::ForkServer })
        if (toString(m) == s)
            return m;
    return std::nullopt;
}

std::optional<Scheduling> parseScheduling(const QString& s)
{
    for (auto m : { Scheduling::Dynamic, Scheduling::Static })
        if (toString(m) == s)
            return m;
    return std::nullopt;
}

std::optional<ExecutorKind> parseExecutor(const QString& s)
{
    for (auto m : { ExecutorKind::Process, ExecutorKind::Thread, ExecutorKind::GilThread, ExecutorKind::Serial,
             ExecutorKind::MpiSpmd, ExecutorKind::MpiFarm })
        if (toString(m) == s)
            return m;
    return std::nullopt;
}

} // namespace proclab
