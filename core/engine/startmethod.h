#pragma once

#include <QObject>
#include <QString>

#include <optional>

namespace proclab {

namespace Enums {
Q_NAMESPACE
// How a worker process comes to life (Python's multiprocessing start methods). `fork` without exec is not offered
// for ProcLab's own workers (the engine is multi-threaded): it names what a student's CPython program used
// (core/python), and parseStartMethod() does not accept it.
enum class StartMethod { Spawn, ForkServer, Fork };
Q_ENUM_NS(StartMethod)

// How pool chunks reach workers: Dynamic = each worker pulls the next chunk when it has room (Python);
// Static = chunks are dealt round robin up front.
enum class Scheduling { Dynamic, Static };
Q_ENUM_NS(Scheduling)

// MpiSpmd and MpiFarm: MPI ranks under mpirun (mpi/mpiexecutor.h registers them; see registerExecutor).
enum class ExecutorKind { Process, Thread, GilThread, Serial, MpiSpmd, MpiFarm };
Q_ENUM_NS(ExecutorKind)
} // namespace Enums

using Enums::ExecutorKind;
using Enums::Scheduling;
using Enums::StartMethod;

// The start method when none is chosen: forkserver on Linux, as in CPython 3.14 (a worker is a fork of a small,
// single-threaded, already-loaded server instead of a new program, so it is ready sooner; `proclab-cli bench`
// measures both). spawn is one flag away (--start-method spawn).
constexpr StartMethod DefaultStartMethod = StartMethod::ForkServer;

QString toString(StartMethod m); // "spawn", "forkserver"
QString toString(Scheduling s); // "dynamic", "static"
QString toString(ExecutorKind e); // "process", "thread", "gil-thread", "serial", "mpi-spmd", "mpi-farm"
bool isMpi(ExecutorKind e);
std::optional<StartMethod> parseStartMethod(const QString& s);
std::optional<Scheduling> parseScheduling(const QString& s);
std::optional<ExecutorKind> parseExecutor(const QString& s);

} // namespace proclab
