#pragma once

// proclab-cli: what its commands share (exit codes, the usage text, output, the common options, JSON of workers
// and failures). One file per command beside it; main.cpp dispatches.

#include "engine/asyncresult.h"
#include "engine/executor.h"
#include "engine/fault.h"
#include "engine/startmethod.h"
#include "mpi/mpiexecutor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <map>
#include <optional>

class QCborValue;
class QCommandLineParser;
class QJsonObject;
class QJsonValue;
class QTextStream;

namespace proclab {
class Workload;
}

namespace proclab::cli {

enum ExitCode {
    Ok = 0,
    EngineError = 1, // the engine could not run (worker missing, pool broken)
    BadInput = 2, // a flag, expression, parameter or range that does not make sense
    TasksFailed = 3, // the run finished but some tasks raised or were lost
    VerifyFailed = 4, // the results differ from the serial reference
    Deadlocked = 5, // demo deadlock: the processes deadlocked, the cycle was printed and both were stopped
};

extern const char* const Usage; // proclab-cli --help

// stdout, one stream for every command (so that its buffer and the demos' direct writes stay in order).
QTextStream& out();
// The one-line complaint on stderr; returns BadInput.
int badInput(const QString& message);
// The workload called `name`, or nullptr after the one-line complaint that names the known ones.
const Workload* requireWorkload(const QString& name);
// Checked before any work is done: an output file we cannot create or replace is bad input, not a failed run.
// Empty when `file` can be written.
QString unwritable(const QString& option, const QString& file);
// The same for an output option of `p` (`option` without its dashes): empty when it is not given or its file can
// be written; "--trace needs a file name" when it is given empty.
QString outputOptionError(const QCommandLineParser& p, const QString& option);

void printJson(const QJsonObject& o);
QJsonValue cborToJson(const QCborValue& v);
// An MPI run's ranks (host, pid, process key, MPI_Init time, clock offset and round trip), MPI_Reduce's sum, teardown.
QJsonObject mpiJson(const MpiRunResult& r);
QJsonArray workersJson(const QList<WorkerStat>& workers);
QJsonArray failuresJson(const std::map<qsizetype, TaskFailure>& failures);

// The options every command takes: -p, --executor, --start-method, --scheduling, --chunksize, --json, --help.
struct Common {
    int processes = 0;
    ExecutorKind executor = ExecutorKind::Process;
    StartMethod startMethod = DefaultStartMethod;
    Scheduling scheduling = Scheduling::Dynamic;
    int chunksize = 0; // 0: Python's default
    bool json = false;
};
void addCommon(QCommandLineParser& p);
// Reads the shared options for one run; an error message on bad input.
QString readCommon(const QCommandLineParser& p, Common* c);

// --hosts FILE and --rsh-agent PROGRAM (run and sweep): the MPI executors' defaults (setMpiDefaults); an error
// message on bad input.
void addMpiOptions(QCommandLineParser& p);
QString readMpiOptions(const QCommandLineParser& p);

// Parses a command line for one command; nullopt = go on, a value = exit with it (after --help or bad input).
std::optional<int> parse(QCommandLineParser& p, const QStringList& args);

// --pace MS (run and sweep): a real delay before each task; an error message on bad input.
QString readPace(const QCommandLineParser& p, qint64* paceNs);

// --inject and --deadline (run and map) for a run of `tasks` tasks; an error message on bad input.
void addFaultOptions(QCommandLineParser& p);
QString readFaults(
    const QCommandLineParser& p, const Common& c, qsizetype tasks, QList<Fault>* faults, qint64* deadlineMs);
// One line per failed task, and how many of how many.
void printFailures(const std::map<qsizetype, TaskFailure>& failures, qsizetype tasks);

// The commands. `args` is the command line as QCommandLineParser wants it: the program first, then (except
// for list and bench) the command itself as the first positional argument.
int cmdList(const QStringList& args);
int cmdMap(const QStringList& args);
int cmdRun(const QStringList& args);
int cmdSweep(const QStringList& args);
int cmdDemo(const QStringList& args);
int cmdLesson(const QStringList& args);
int cmdTrace(const QStringList& args);
int cmdHosts(const QStringList& args);
int cmdBench(const QStringList& args);
int cmdPython(const QStringList& args);

} // namespace proclab::cli
