// proclab-cli map EXPR --inputs SPEC: Pool.map (imap, imap_unordered, starmap) of a typed function, printed as
// Python prints the list. A range mapped in order is printed as it comes (executeStream), so its length does not
// decide the memory used; --json and imap_unordered keep every result for the end.

#include "common.h"

#include "base/clock.h"
#include "base/pyformat.h"
#include "content/expression.h"
#include "engine/context.h"
#include "engine/pool.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>

namespace proclab::cli {

namespace {

std::optional<QCborValue> parseNumber(const QString& text)
{
    const QString t = text.trimmed();
    bool ok = false;
    const qint64 i = t.toLongLong(&ok);
    if (ok)
        return QCborValue(i);
    const double d = t.toDouble(&ok);
    if (ok)
        return QCborValue(d);
    return std::nullopt;
}

struct Range {
    qint64 first = 0;
    qint64 last = 0; // inclusive
};

// a..b, a comma list, or tuples (a,b),(c,d). A range goes to *outRange (made later, as needed), the others to *out.
bool parseInputs(const QString& spec, bool tuples, QCborArray* out, std::optional<Range>* outRange, QString* error)
{
    const QString s = spec.trimmed();
    if (s.isEmpty()) {
        *error = QStringLiteral("--inputs is empty");
        return false;
    }
    if (tuples || s.startsWith(QLatin1Char('('))) {
        static const QRegularExpression tuple(QStringLiteral(R"(\(([^()]*)\)\s*(,|$))"));
        qsizetype pos = 0;
        auto it = tuple.globalMatch(s);
        while (it.hasNext()) {
            const auto m = it.next();
            if (m.capturedStart() != pos) {
                *error = QStringLiteral("bad tuple list '%1' near position %2").arg(s).arg(pos);
                return false;
            }
            pos = m.capturedEnd();
            while (pos < s.size() && s.at(pos).isSpace())
                ++pos;
            QCborArray items;
            for (const QString& part : m.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const auto n = parseNumber(part);
                if (!n) {
                    *error = QStringLiteral("'%1' in --inputs is not a number").arg(part.trimmed());
                    return false;
                }
                items.append(*n);
            }
            out->append(pyTuple(items));
        }
        if (pos != s.size() || out->isEmpty()) {
            *error = QStringLiteral("bad tuple list '%1': expected (a,b),(c,d)").arg(s);
            return false;
        }
        return true;
    }
    static const QRegularExpression range(QStringLiteral(R"(^(-?\d+)\s*\.\.\s*(-?\d+)$)"));
    const auto m = range.match(s);
    if (m.hasMatch()) {
        const qint64 a = m.captured(1).toLongLong();
        const qint64 b = m.captured(2).toLongLong();
        if (b < a) {
            *error = QStringLiteral("empty range %1: the end comes before the start").arg(s);
            return false;
        }
        if (b - a >= 50'000'000) {
            *error = QStringLiteral("range %1 is too large (at most 50,000,000 inputs)").arg(s);
            return false;
        }
        *outRange = Range { a, b };
        return true;
    }
    if (s.contains(QStringLiteral(".."))) {
        *error = QStringLiteral("bad range '%1': expected a..b with integers a <= b").arg(s);
        return false;
    }
    for (const QString& part : s.split(QLatin1Char(','))) {
        const auto n = parseNumber(part);
        if (!n) {
            *error = QStringLiteral("'%1' in --inputs is not a number").arg(part.trimmed());
            return false;
        }
        out->append(*n);
    }
    return true;
}

} // namespace

int cmdMap(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("inputs"), QStringLiteral("inputs"), QStringLiteral("SPEC") });
    p.addOption({ QStringLiteral("mode"), QStringLiteral("mode"), QStringLiteral("M"), QStringLiteral("map") });
    p.addPositionalArgument(QStringLiteral("expr"), QStringLiteral("f(x)"));
    addFaultOptions(p);
    if (auto r = parse(p, args))
        return *r;
    Common c;
    if (const QString e = readCommon(p, &c); !e.isEmpty())
        return badInput(e);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("map needs exactly one expression, e.g. map 'x*x+1' --inputs 0..7"));
    const QString mode = p.value(QStringLiteral("mode"));
    if (!QStringList {
            QStringLiteral("map"), QStringLiteral("imap"), QStringLiteral("imap_unordered"), QStringLiteral("starmap") }
             .contains(mode))
        return badInput(QStringLiteral("unknown --mode '%1' (map, imap, imap_unordered, starmap)").arg(mode));
    if (!p.isSet(QStringLiteral("inputs")))
        return badInput(QStringLiteral("map needs --inputs, e.g. --inputs 0..7"));

    Expression expr;
    QString error;
    if (!expr.compile(pos.at(1), &error))
        return badInput(QStringLiteral("bad expression: ") + error);
    const bool star = mode == QLatin1String("starmap");
    QCborArray inputs;
    std::optional<Range> range;
    if (!parseInputs(p.value(QStringLiteral("inputs")), star, &inputs, &range, &error))
        return badInput(error);
    // In input order and printed as text, a range streams: its inputs made and its results printed as they go.
    const bool stream = range && !c.json && (mode == QLatin1String("map") || mode == QLatin1String("imap"));
    if (range && !stream)
        for (qint64 i = range->first; i <= range->last; ++i)
            inputs.append(i);
    const int arity = std::max(1, expr.arity());
    for (const auto& in : stream ? QCborArray { range->first } : inputs) {
        const qsizetype given = in.isTag() ? in.taggedValue().toArray().size() : 1;
        if (star ? given != arity : arity != 1)
            return badInput(star ? QStringLiteral("%1 takes %2 argument(s) but an input tuple has %3")
                                       .arg(pos.at(1))
                                       .arg(arity)
                                       .arg(given)
                                 : QStringLiteral("%1 is a function of %2: use --mode starmap with tuples")
                                       .arg(pos.at(1), expr.variables().join(QStringLiteral(", "))));
    }
    // Workers receive plain arrays for tuples.
    QCborArray taskArgs;
    for (const auto& in : inputs)
        taskArgs.append(in.isTag() ? in.taggedValue() : in);
    QList<Fault> faults;
    qint64 deadlineMs = 0;
    const qsizetype count = stream ? range->last - range->first + 1 : taskArgs.size();
    if (const QString e = readFaults(p, c, count, &faults, &deadlineMs); !e.isEmpty())
        return badInput(e);

    const Function f = Function::expr(pos.at(1));
    QCborArray results;
    QList<WorkerStat> workers;
    std::map<qsizetype, TaskFailure> failures;
    double wall = 0;
    double startup = 0;
    int chunksize = c.chunksize;
    try {
        if (stream) {
            Context context(c.startMethod);
            context.events().setRecording(false); // nothing here reads them
            const qint64 from = range->first;
            qsizetype printed = 0;
            const TaskStream tasks { count,
                [from](qsizetype first, qsizetype n) {
                    QCborArray in;
                    for (qsizetype i = first; i < first + n; ++i)
                        in.append(from + i);
                    return in;
                },
                // One call at a time, in input order; this thread writes again only once the run is over.
                [&printed](qsizetype, const QCborArray& results) {
                    for (const QCborValue& v : results)
                        out() << (printed++ == 0 ? "[" : ", ") << pyRepr(v);
                } };
            // imap's chunksize is 1 unless given, as in Python; map's is Python's default, capped for a stream.
            const int chunksize = mode == QLatin1String("imap") ? std::max(1, c.chunksize) : c.chunksize;
            const ExecResult r = executeStream(&context, f, tasks,
                { c.executor, c.processes, chunksize, c.scheduling, 0, {}, {}, deadlineMs, faults });
            for (; printed < count; ++printed) // failed with the whole pool: never handed over
                out() << (printed == 0 ? "[" : ", ") << "None";
            out() << "]\n";
            printFailures(r.failures, r.tasks);
            out() << Qt::flush;
            return r.failures.empty() ? Ok : TasksFailed;
        }
        if (c.executor == ExecutorKind::Process && mode.startsWith(QLatin1String("imap"))) {
            Context context(c.startMethod);
            context.events().setRecording(false); // nothing here reads them
            const qint64 t0 = monotonicNs();
            PoolOptions po { c.processes, c.scheduling };
            po.taskDeadlineMs = deadlineMs;
            po.faults = faults;
            Pool pool(&context, po);
            if (!pool.waitReady())
                throw PoolError(pool.brokenReason());
            startup = double(monotonicNs() - t0) / 1e9;
            chunksize = std::max(1, c.chunksize);
            const qint64 t1 = monotonicNs();
            ResultIterator it = mode == QLatin1String("imap") ? pool.imap(f, taskArgs, chunksize)
                                                              : pool.imapUnordered(f, taskArgs, chunksize);
            for (;;) {
                try {
                    const auto v = it.next();
                    if (!v)
                        break;
                    results.append(*v);
                } catch (const TaskError& e) {
                    failures[e.failure().task] = e.failure();
                    results.append(QCborValue());
                }
            }
            wall = double(monotonicNs() - t1) / 1e9;
            pool.close();
            pool.join();
            for (const auto& w : pool.workers())
                workers.append({ w.pid, 0, w.name, w.tasks, w.startupNs, context.processUsage(pid_t(w.pid)) });
        } else {
            Context context(c.startMethod);
            context.events().setRecording(false); // nothing here reads them
            const ExecResult r = execute(&context, f, taskArgs,
                { c.executor, c.processes, c.chunksize, c.scheduling, 0, {}, {}, deadlineMs, faults });
            results = r.results;
            failures = r.failures;
            workers = r.workers;
            wall = double(r.wallNs) / 1e9;
            startup = double(r.startupNs) / 1e9;
            chunksize = r.chunksize;
        }
    } catch (const std::exception& e) {
        QTextStream(stderr) << "proclab-cli: " << e.what() << Qt::endl;
        return EngineError;
    }
    if (c.json) {
        QJsonArray res;
        for (const auto& v : results)
            res.append(cborToJson(v));
        printJson({ { QStringLiteral("expr"), pos.at(1) }, { QStringLiteral("mode"), mode },
            { QStringLiteral("results"), res }, { QStringLiteral("repr"), pyRepr(results) },
            { QStringLiteral("processes"), c.processes }, { QStringLiteral("executor"), toString(c.executor) },
            { QStringLiteral("start_method"), toString(c.startMethod) }, { QStringLiteral("chunksize"), chunksize },
            { QStringLiteral("wall_s"), wall }, { QStringLiteral("startup_s"), startup },
            { QStringLiteral("completed"), results.size() - qsizetype(failures.size()) },
            { QStringLiteral("workers"), workersJson(workers) },
            { QStringLiteral("failures"), failuresJson(failures) } });
    } else {
        out() << pyRepr(results) << '\n';
        printFailures(failures, results.size());
        out() << Qt::flush;
    }
    return failures.empty() ? Ok : TasksFailed;
}

} // namespace proclab::cli
