#pragma once

// A workload: a named computation with typed parameters, a way to turn it into tasks, a kernel that runs
// in the workers, a reduce step, and a check against a serial reference.

#include "engine/executor.h"
#include "mp/function.h"

#include <QCborArray>
#include <QCborValue>
#include <QList>
#include <QString>
#include <QVariant>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>

namespace proclab {

class Context;

struct ParamSpec {
    enum class Type { Int, Float, String };
    QString name;
    Type type = Type::Int;
    QVariant defaultValue;
    QString help;
    double minimum = 0; // numbers only
    double maximum = 1e12;
    // How the work grows with this parameter: work ∝ value^workExponent (pi's samples 1, matmul's n 3). 0: it does
    // not set the problem's size. Weak scaling grows a parameter with p by this law (lab/experiment.h).
    double workExponent = 0;
};

using Params = QVariantMap;

struct Verification {
    bool ok = false;
    QString detail; // what was compared, and how close it came
};

// A reduce that takes the results as they come, in input order, and keeps only what it folds them into: with one, a
// run holds only the tasks in flight, however many there are (Workload::runStream). reduced() is what reduce() gives
// for the same results, verification() what verify() says (done after the run, as verify() is; where verify() names
// the first wrong value, a fold that keeps none may only say that the values differ).
class Fold {
public:
    virtual ~Fold() = default;
    // The results of tasks [first, first + results.size()): in input order, every task once, null where one failed.
    virtual void add(qsizetype first, const QCborArray& results) = 0;
    virtual QCborValue reduced() const = 0;
    virtual Verification verification() const = 0;
};

class Workload {
public:
    virtual ~Workload() = default;
    virtual QString name() const = 0;
    virtual QString description() const = 0;
    virtual QList<ParamSpec> params() const = 0;

    virtual Function function(const Params& p) const = 0;
    virtual QCborArray inputs(const Params& p) const = 0;
    virtual QCborValue reduce(const Params& p, const QCborArray& results) const = 0;
    // Compares with a serial computation done here, in the engine.
    virtual Verification verify(const Params& p, const QCborArray& results, const QCborValue& reduced) const = 0;
    // One line for people: "pi ~ 3.14159 (error 2.1e-05)".
    virtual QString summary(const Params& p, const QCborValue& reduced) const = 0;
    // Work the main process does itself, serially, before handing out the tasks (none by default).
    virtual std::function<void()> serialPart(const Params&) const { return {}; }
    // Runs the tasks and returns one result per input, in input order. By default a Pool.map (or threads, or a
    // loop: execute()); a workload whose tutorial organises its processes differently runs them itself
    // (letters' queue mode: fixed workers fed by a Queue with sentinels).
    virtual ExecResult run(
        Context* context, const Params& p, const QCborArray& inputs, const ExecOptions& options) const;
    // Workloads whose reduce is a fold (sum, count...) and that run as a map (run() not overridden) give one;
    // nullptr: reduce and verify need every result at once.
    virtual std::unique_ptr<Fold> fold(const Params&) const { return nullptr; }
    // How many tasks inputs() makes, and inputs [first, first + count) alone: what a stream needs. The defaults make
    // every input (each time): a workload with a fold overrides both. inputRange is thread-safe.
    virtual qsizetype taskCount(const Params& p) const { return inputs(p).size(); }
    virtual QCborArray inputRange(const Params& p, qsizetype first, qsizetype count) const;
    // Runs the tasks as run() does, but made as they go out and folded as they come in (executeStream): nothing
    // holds all the inputs or all the results. Only for a workload with a fold; `fold` is that fold, fed here.
    ExecResult runStream(Context* context, const Params& p, Fold* fold, const ExecOptions& options) const;
    // Extra validation across parameters (an expression that does not parse...). Empty when fine.
    virtual QString validate(const Params&) const { return {}; }
    // The run whose inputs() these parameters made is over, whether it completed, failed or was cancelled:
    // free what inputs() holds for it (shared memory). Harmless when called twice or after verify().
    virtual void finish(const Params&) const { }

    Params defaults() const;
    // The parameter called `name`, if this workload has one.
    std::optional<ParamSpec> param(const QString& name) const;
};

// Building blocks for a workload's parameter list, and for reading the values back.
ParamSpec intParam(const QString& name, qint64 def, const QString& help, double min = 1, double max = 1e12);
ParamSpec floatParam(const QString& name, double def, const QString& help, double min = 0, double max = 1e9);
ParamSpec stringParam(const QString& name, const QString& def, const QString& help);
// `spec` declared a size of the problem whose work grows as value^exponent (ParamSpec::workExponent).
ParamSpec sizing(ParamSpec spec, double exponent);
qint64 intOf(const Params& p, const char* key);
double floatOf(const Params& p, const char* key);
QString stringOf(const Params& p, const char* key);

QList<const Workload*> workloads();
// Families, each in its own file.
QList<const Workload*> numericWorkloads(); // workloads_numeric.cpp: kde, matmul, primes, randstring, sqrt
QList<const Workload*> textWorkloads(); // workloads_text.cpp: letters
QList<const Workload*> mistakeWorkloads(); // workloads_mistakes.cpp: convoy, falseshare
const Workload* findWorkload(const QString& name);

// Fills defaults, then applies "key=value" settings. False with a one-line message for an unknown key, a
// value of the wrong type or out of range.
bool parseParams(const Workload& w, const QStringList& settings, Params* out, QString* error);

} // namespace proclab
