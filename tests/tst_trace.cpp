// Chrome Trace Event export: real runs (a pool, queue and pipe demos, the CLI) checked against the format.
#include "trace.h"

#include "context.h"
#include "demo.h"
#include "executor.h"
#include "workload.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace proclab;

namespace {

bool isInteger(const QJsonValue& v) { return v.isDouble() && v.toDouble() == double(qint64(v.toDouble())); }

// The Trace Event Format (the JSON Object Format of Google's spec, as Perfetto and chrome://tracing read it):
// what every event needs, per phase. Returns the violations, empty when the document is well-formed.
QStringList checkTraceEventFormat(const QJsonObject& root)
{
    QStringList errors;
    if (!root.value(QStringLiteral("traceEvents")).isArray())
        return { QStringLiteral("no traceEvents array") };
    const QString unit = root.value(QStringLiteral("displayTimeUnit")).toString();
    if (unit != QLatin1String("ms") && unit != QLatin1String("ns"))
        errors << QStringLiteral("displayTimeUnit must be \"ms\" or \"ns\"");
    static const QSet<QString> phases { QStringLiteral("X"), QStringLiteral("B"), QStringLiteral("E"), QStringLiteral("i"),
        QStringLiteral("I"), QStringLiteral("C"), QStringLiteral("s"), QStringLiteral("t"), QStringLiteral("f"), QStringLiteral("M") };
    static const QSet<QString> metadata { QStringLiteral("process_name"), QStringLiteral("thread_name"),
        QStringLiteral("process_sort_index"), QStringLiteral("thread_sort_index"), QStringLiteral("process_labels") };
    std::map<QString, double> flowStarts; // id → ts
    std::map<QString, double> flowEnds;
    const QJsonArray events = root.value(QStringLiteral("traceEvents")).toArray();
    for (qsizetype i = 0; i < events.size(); ++i) {
        const auto fail = [&](const QString& what) { errors << QStringLiteral("event %1: %2").arg(i).arg(what); };
        if (!events.at(i).isObject()) {
            fail(QStringLiteral("not an object"));
            continue;
        }
        const QJsonObject e = events.at(i).toObject();
        const QString ph = e.value(QStringLiteral("ph")).toString();
        if (!phases.contains(ph)) {
            fail(QStringLiteral("unknown ph '%1'").arg(ph));
            continue;
        }
        if (!e.value(QStringLiteral("name")).isString() || e.value(QStringLiteral("name")).toString().isEmpty())
            fail(QStringLiteral("no name"));
        if (!isInteger(e.value(QStringLiteral("pid"))) || !isInteger(e.value(QStringLiteral("tid"))))
            fail(QStringLiteral("pid and tid must be integers"));
        if (!e.value(QStringLiteral("ts")).isDouble() || e.value(QStringLiteral("ts")).toDouble() < 0)
            fail(QStringLiteral("ts must be a number >= 0"));
        if (e.contains(QStringLiteral("args")) && !e.value(QStringLiteral("args")).isObject())
            fail(QStringLiteral("args must be an object"));
        const QJsonObject args = e.value(QStringLiteral("args")).toObject();
        const double ts = e.value(QStringLiteral("ts")).toDouble();
        if (ph == QLatin1String("X")) {
            if (!e.value(QStringLiteral("dur")).isDouble() || e.value(QStringLiteral("dur")).toDouble() < 0)
                fail(QStringLiteral("X needs dur >= 0"));
        } else if (ph == QLatin1String("i") || ph == QLatin1String("I")) {
            const QString s = e.value(QStringLiteral("s")).toString(QStringLiteral("t"));
            if (s != QLatin1String("g") && s != QLatin1String("p") && s != QLatin1String("t"))
                fail(QStringLiteral("instant scope must be g, p or t"));
        } else if (ph == QLatin1String("C")) {
            if (args.isEmpty())
                fail(QStringLiteral("a counter needs args"));
            for (auto it = args.begin(); it != args.end(); ++it) {
                if (!it.value().isDouble())
                    fail(QStringLiteral("counter value '%1' is not a number").arg(it.key()));
            }
        } else if (ph == QLatin1String("s") || ph == QLatin1String("f") || ph == QLatin1String("t")) {
            const QJsonValue id = e.value(QStringLiteral("id"));
            if (!id.isDouble() && !id.isString()) {
                fail(QStringLiteral("a flow event needs an id"));
                continue;
            }
            if (!e.value(QStringLiteral("cat")).isString())
                fail(QStringLiteral("a flow event needs a cat"));
            const QString key = id.isString() ? id.toString() : QString::number(id.toDouble(), 'f', 0);
            auto& side = ph == QLatin1String("s") ? flowStarts : flowEnds;
            if (ph != QLatin1String("t") && !side.emplace(key, ts).second)
                fail(QStringLiteral("flow id %1 used twice for '%2'").arg(key, ph));
        } else if (ph == QLatin1String("M")) {
            const QString name = e.value(QStringLiteral("name")).toString();
            if (!metadata.contains(name))
                fail(QStringLiteral("unknown metadata '%1'").arg(name));
            else if (name.endsWith(QLatin1String("_name")) && (!args.value(QStringLiteral("name")).isString() || args.value(QStringLiteral("name")).toString().isEmpty()))
                fail(QStringLiteral("%1 needs args.name").arg(name));
            else if (name.endsWith(QLatin1String("_sort_index")) && !isInteger(args.value(QStringLiteral("sort_index"))))
                fail(QStringLiteral("%1 needs an integer args.sort_index").arg(name));
        }
    }
    // Complete events on one track must nest (Perfetto and chrome://tracing draw them as a stack).
    std::map<std::pair<qint64, qint64>, QList<std::pair<double, double>>> tracks;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("ph")).toString() == QLatin1String("X"))
            tracks[{ qint64(e.value(QStringLiteral("pid")).toDouble()), qint64(e.value(QStringLiteral("tid")).toDouble()) }].append(
                { e.value(QStringLiteral("ts")).toDouble(), e.value(QStringLiteral("ts")).toDouble() + e.value(QStringLiteral("dur")).toDouble() });
    }
    for (auto& [track, slices] : tracks) {
        std::sort(slices.begin(), slices.end(), [](const auto& a, const auto& b) { return a.first < b.first || (a.first == b.first && a.second > b.second); });
        QList<double> open; // ends of the enclosing slices
        for (const auto& [begin, end] : slices) {
            while (!open.isEmpty() && open.last() <= begin + 1e-6) // microseconds: 1e-6 is float noise
                open.removeLast();
            if (!open.isEmpty() && end > open.last() + 1e-6)
                errors << QStringLiteral("slice at %1 us on pid %2 overlaps its parent without nesting").arg(begin).arg(track.first);
            open.append(end);
        }
    }
    for (const auto& [id, ts] : flowStarts) {
        const auto f = flowEnds.find(id);
        if (f == flowEnds.end())
            errors << QStringLiteral("flow %1 starts but never finishes").arg(id);
        else if (f->second < ts)
            errors << QStringLiteral("flow %1 finishes before it starts").arg(id);
    }
    for (const auto& [id, ts] : flowEnds) {
        if (!flowStarts.count(id))
            errors << QStringLiteral("flow %1 finishes but never starts").arg(id);
    }
    return errors;
}

QList<QJsonObject> eventsOf(const QJsonObject& root, const QString& ph, const QString& cat = {})
{
    QList<QJsonObject> out;
    for (const auto& v : root.value(QStringLiteral("traceEvents")).toArray()) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("ph")).toString() == ph && (cat.isEmpty() || e.value(QStringLiteral("cat")).toString() == cat))
            out << e;
    }
    return out;
}

QStringList processNames(const QJsonObject& root)
{
    QStringList names;
    for (const QJsonObject& m : eventsOf(root, QStringLiteral("M"))) {
        if (m.value(QStringLiteral("name")).toString() == QLatin1String("process_name"))
            names << m.value(QStringLiteral("args")).toObject().value(QStringLiteral("name")).toString();
    }
    return names;
}

QJsonObject runDemo(const QString& name)
{
    const Demo* demo = findDemo(name);
    if (!demo)
        return {};
    Context context;
    DemoOutput out;
    DemoOptions options;
    options.processes = 2;
    const int code = demo->run(context, options, out);
    if (code != 0)
        return {};
    return Trace::capture(context).toChromeTrace();
}

} // namespace

class TestTrace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void checkerRejectsBadTraces();
    void poolRun();
    void queueDemo();
    void pipeDemo();
    void demosAreWellFormed_data();
    void demosAreWellFormed();
    void cliRunWritesTrace();
    void cliRefusesEmptyTraceName();
};

void TestTrace::checkerRejectsBadTraces()
{
    // The checker itself: it must catch what Perfetto would choke on.
    const auto doc = [](const QJsonArray& events) {
        return QJsonObject { { QStringLiteral("traceEvents"), events }, { QStringLiteral("displayTimeUnit"), QStringLiteral("ms") } };
    };
    const QJsonObject good { { QStringLiteral("name"), QStringLiteral("a") }, { QStringLiteral("ph"), QStringLiteral("X") },
        { QStringLiteral("ts"), 1.5 }, { QStringLiteral("dur"), 2 }, { QStringLiteral("pid"), 1 }, { QStringLiteral("tid"), 1 } };
    QVERIFY(checkTraceEventFormat(doc({ good })).isEmpty());
    QJsonObject noDur = good;
    noDur.remove(QStringLiteral("dur"));
    QVERIFY(!checkTraceEventFormat(doc({ noDur })).isEmpty());
    QJsonObject textPid = good;
    textPid.insert(QStringLiteral("pid"), QStringLiteral("1"));
    QVERIFY(!checkTraceEventFormat(doc({ textPid })).isEmpty());
    const QJsonObject lonelyFlow { { QStringLiteral("name"), QStringLiteral("q") }, { QStringLiteral("cat"), QStringLiteral("queue") },
        { QStringLiteral("ph"), QStringLiteral("s") }, { QStringLiteral("id"), 7 }, { QStringLiteral("ts"), 1 },
        { QStringLiteral("pid"), 1 }, { QStringLiteral("tid"), 1 } };
    QVERIFY(!checkTraceEventFormat(doc({ lonelyFlow })).isEmpty());
    QVERIFY(!checkTraceEventFormat({}).isEmpty());
}

void TestTrace::poolRun()
{
    Context context;
    const Workload* spin = findWorkload(QStringLiteral("spin"));
    QVERIFY(spin);
    const Params params { { QStringLiteral("tasks"), 6 }, { QStringLiteral("ms"), 3.0 } };
    ExecOptions options;
    options.workers = 2;
    options.chunksize = 1;
    const ExecResult r = execute(&context, spin->function(params), spin->inputs(params), options);
    QVERIFY(r.failures.empty());
    const Trace trace = Trace::capture(context, { { QStringLiteral("workload"), QStringLiteral("spin") } });
    const QJsonObject root = trace.toChromeTrace();
    const QStringList errors = checkTraceEventFormat(root);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));

    // A track per process, named as Python names pool workers; the engine first.
    const QStringList names = processNames(root);
    QVERIFY2(names.contains(QStringLiteral("SpawnPoolWorker-1")) && names.contains(QStringLiteral("SpawnPoolWorker-2")),
        qPrintable(names.join(QStringLiteral(", "))));
    QCOMPARE(names.first(), QStringLiteral("MainProcess"));

    // Six task slices on the workers' tracks, each with a dispatch arrow into it and a result arrow out.
    QSet<qint64> workerPids;
    for (const WorkerStat& w : r.workers)
        workerPids.insert(w.pid);
    int tasks = 0;
    for (const QJsonObject& x : eventsOf(root, QStringLiteral("X"), QStringLiteral("task"))) {
        if (!x.value(QStringLiteral("name")).toString().startsWith(QLatin1String("task ")))
            continue;
        ++tasks;
        QVERIFY(workerPids.contains(qint64(x.value(QStringLiteral("pid")).toDouble())));
        QCOMPARE(x.value(QStringLiteral("tid")), x.value(QStringLiteral("pid")));
        QVERIFY2(x.value(QStringLiteral("dur")).toDouble() >= 2000, "a task spins 3 ms (in microseconds here)");
    }
    QCOMPARE(tasks, 6);
    QCOMPARE(eventsOf(root, QStringLiteral("s"), QStringLiteral("task")).size(), 12);
    // Spawn and exit instants on every worker's track; timestamps start at 0.
    QCOMPARE(eventsOf(root, QStringLiteral("i"), QStringLiteral("process")).size() >= 6, true);
    double first = 1e300;
    for (const auto& v : root.value(QStringLiteral("traceEvents")).toArray()) {
        if (v.toObject().value(QStringLiteral("ph")).toString() != QLatin1String("M"))
            first = std::min(first, v.toObject().value(QStringLiteral("ts")).toDouble());
    }
    QCOMPARE(first, 0.0);
    QCOMPARE(root.value(QStringLiteral("otherData")).toObject().value(QStringLiteral("settings")).toObject().value(QStringLiteral("workload")).toString(),
        QStringLiteral("spin"));
}

void TestTrace::queueDemo()
{
    const QJsonObject root = runDemo(QStringLiteral("queue"));
    QVERIFY2(!root.isEmpty(), "the queue demo ran");
    const QStringList errors = checkTraceEventFormat(root);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
    QVERIFY2(!eventsOf(root, QStringLiteral("s"), QStringLiteral("queue")).isEmpty(), "put → get arrows");
    const QList<QJsonObject> counters = eventsOf(root, QStringLiteral("C"));
    QVERIFY(!counters.isEmpty());
    QVERIFY(counters.first().value(QStringLiteral("name")).toString().startsWith(QLatin1String("queue ")));
}

void TestTrace::pipeDemo()
{
    const QJsonObject root = runDemo(QStringLiteral("pipe"));
    QVERIFY2(!root.isEmpty(), "the pipe demo ran");
    const QStringList errors = checkTraceEventFormat(root);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
    const QList<QJsonObject> arrows = eventsOf(root, QStringLiteral("s"), QStringLiteral("pipe"));
    QVERIFY2(!arrows.isEmpty(), "send → recv arrows");
}

void TestTrace::demosAreWellFormed_data()
{
    QTest::addColumn<QString>("demo");
    for (const char* name : { "ping-pong", "lock", "producer-consumer", "queue-order", "barrier" })
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestTrace::demosAreWellFormed()
{
    QFETCH(QString, demo);
    if (!findDemo(demo))
        QSKIP("no such demo here");
    const QJsonObject root = runDemo(demo);
    QVERIFY2(!root.isEmpty(), "the demo ran");
    const QStringList errors = checkTraceEventFormat(root);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
}

void TestTrace::cliRunWritesTrace()
{
    const QString cli = qEnvironmentVariable("PROCLAB_CLI");
    if (cli.isEmpty())
        QSKIP("PROCLAB_CLI is not set (run through ctest)");
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("run.json"));
    QProcess p;
    p.start(cli, { QStringLiteral("run"), QStringLiteral("spin"), QStringLiteral("--set"), QStringLiteral("tasks=4"), QStringLiteral("--set"),
                     QStringLiteral("ms=2"), QStringLiteral("-p"), QStringLiteral("2"), QStringLiteral("--trace"), file });
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
    const QStringList errors = checkTraceEventFormat(doc.object());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
    QVERIFY(processNames(doc.object()).contains(QStringLiteral("SpawnPoolWorker-2")));
    QCOMPARE(eventsOf(doc.object(), QStringLiteral("s"), QStringLiteral("task")).size(), 8);
}

void TestTrace::cliRefusesEmptyTraceName()
{
    const QString cli = qEnvironmentVariable("PROCLAB_CLI");
    if (cli.isEmpty())
        QSKIP("PROCLAB_CLI is not set (run through ctest)");
    QProcess p;
    p.start(cli, { QStringLiteral("run"), QStringLiteral("spin"), QStringLiteral("--trace"), QString() });
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    QCOMPARE(p.readAllStandardError().count('\n'), 1);
}

QTEST_GUILESS_MAIN(TestTrace)
#include "tst_trace.moc"
