// Recorded runs: the native format round-trips a real run exactly and its reader refuses bad files precisely;
// the Chrome Trace Event export of real runs (a pool, queue and pipe demos, the CLI) is checked against the format.
#include "lab/trace.h"

#include "content/demo.h"
#include "content/workload.h"
#include "engine/context.h"
#include "engine/executor.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

using namespace proclab;

namespace {

bool isInteger(const QJsonValue& v)
{
    return v.isDouble() && v.toDouble() == double(qint64(v.toDouble()));
}

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
    static const QSet<QString> phases { QStringLiteral("X"), QStringLiteral("B"), QStringLiteral("E"),
        QStringLiteral("i"), QStringLiteral("I"), QStringLiteral("C"), QStringLiteral("s"), QStringLiteral("t"),
        QStringLiteral("f"), QStringLiteral("M") };
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
            else if (name.endsWith(QLatin1String("_name"))
                && (!args.value(QStringLiteral("name")).isString()
                    || args.value(QStringLiteral("name")).toString().isEmpty()))
                fail(QStringLiteral("%1 needs args.name").arg(name));
            else if (name.endsWith(QLatin1String("_sort_index"))
                && !isInteger(args.value(QStringLiteral("sort_index"))))
                fail(QStringLiteral("%1 needs an integer args.sort_index").arg(name));
        }
    }
    // Complete events on one track must nest (Perfetto and chrome://tracing draw them as a stack).
    std::map<std::pair<qint64, qint64>, QList<std::pair<double, double>>> tracks;
    for (const auto& v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("ph")).toString() == QLatin1String("X"))
            tracks[{ qint64(e.value(QStringLiteral("pid")).toDouble()),
                       qint64(e.value(QStringLiteral("tid")).toDouble()) }]
                .append({ e.value(QStringLiteral("ts")).toDouble(),
                    e.value(QStringLiteral("ts")).toDouble() + e.value(QStringLiteral("dur")).toDouble() });
    }
    for (auto& [track, slices] : tracks) {
        std::sort(slices.begin(), slices.end(), [](const auto& a, const auto& b) {
            return a.first < b.first || (a.first == b.first && a.second > b.second);
        });
        QList<double> open; // ends of the enclosing slices
        for (const auto& [begin, end] : slices) {
            while (!open.isEmpty() && open.last() <= begin + 1e-6) // microseconds: 1e-6 is float noise
                open.removeLast();
            if (!open.isEmpty() && end > open.last() + 1e-6)
                errors << QStringLiteral("slice at %1 us on pid %2 overlaps its parent without nesting")
                              .arg(begin)
                              .arg(track.first);
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
        if (e.value(QStringLiteral("ph")).toString() == ph
            && (cat.isEmpty() || e.value(QStringLiteral("cat")).toString() == cat))
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

// Field by field, so that a failure names what differs.
QString firstDifference(const Trace& a, const Trace& b)
{
    if (a.enginePid != b.enginePid)
        return QStringLiteral("enginePid %1 vs %2").arg(a.enginePid).arg(b.enginePid);
    if (a.settings != b.settings)
        return QStringLiteral("settings differ");
    if (a.processNames != b.processNames)
        return QStringLiteral("process names differ");
    if (a.events.size() != b.events.size())
        return QStringLiteral("%1 events vs %2").arg(a.events.size()).arg(b.events.size());
    for (size_t i = 0; i < a.events.size(); ++i) {
        const Event& x = a.events[i];
        const Event& y = b.events[i];
        if (x.tNs != y.tNs || x.pid != y.pid || x.worker != y.worker || x.kind != y.kind || x.object != y.object
            || x.task != y.task || x.value != y.value)
            return QStringLiteral("event %1 differs").arg(i);
    }
    if (a.console.size() != b.console.size())
        return QStringLiteral("%1 console records vs %2").arg(a.console.size()).arg(b.console.size());
    for (size_t i = 0; i < a.console.size(); ++i) {
        const ConsoleRecord& x = a.console[i];
        const ConsoleRecord& y = b.console[i];
        if (x.tNs != y.tNs || x.pid != y.pid || x.stream != y.stream || x.text != y.text)
            return QStringLiteral("console record %1 differs").arg(i);
    }
    return {};
}

// Rows as a JSON array of arrays (QJsonArray { QJsonArray { ... } } would copy the inner array, not nest it).
QJsonArray rows(const QList<QJsonArray>& list)
{
    QJsonArray a;
    for (const QJsonArray& r : list)
        a.append(r);
    return a;
}

// A native trace document with the given events (and whatever else `extra` sets).
QByteArray traceJson(const QList<QJsonArray>& events, const QJsonObject& extra = {})
{
    QJsonObject o { { QStringLiteral("format"), QStringLiteral("proclab-trace") }, { QStringLiteral("version"), 1 },
        { QStringLiteral("enginePid"), 100 }, { QStringLiteral("events"), rows(events) } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonArray row(qint64 t, const QString& kind, qint64 pid = 7)
{
    return { t, pid, 0, kind, 1, 2, 3 };
}

int runCli(const QStringList& args, QByteArray* out = nullptr, QByteArray* err = nullptr)
{
    const test::ProgramRun r = test::runProgram(qEnvironmentVariable("PROCLAB_CLI"), args);
    if (out)
        *out = r.out;
    if (err)
        *err = r.err;
    return r.code;
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
    void roundTripRealRun();
    void everyKindRoundTrips();
    void samplesRoundTripApart();
    void mpiArrowsNeverGoBack();
    void timesStayExact();
    void readerSortsByTime();
    void readerRejects_data();
    void readerRejects();
    void loadRefusesWhatIsNotATraceFile();
    void readerKeepsToItsLimits();
    void settingsRoundTrip();
    void craftedFileReadsInBoundedMemory();

    // Last: under ThreadSanitizer, a Context's first run after this process used QProcess dies ("starting new
    // threads after multi-threaded fork"), so every engine run here comes before them.
    void cliRunWritesTrace();
    void cliRefusesEmptyTraceName();
    void cliSavesAndSummarises();
    void cliRejectsBadTraceFiles();
};

void TestTrace::checkerRejectsBadTraces()
{
    // The checker itself: it must catch what Perfetto would choke on.
    const auto doc = [](const QJsonArray& events) {
        return QJsonObject { { QStringLiteral("traceEvents"), events },
            { QStringLiteral("displayTimeUnit"), QStringLiteral("ms") } };
    };
    const QJsonObject good { { QStringLiteral("name"), QStringLiteral("a") },
        { QStringLiteral("ph"), QStringLiteral("X") }, { QStringLiteral("ts"), 1.5 }, { QStringLiteral("dur"), 2 },
        { QStringLiteral("pid"), 1 }, { QStringLiteral("tid"), 1 } };
    QVERIFY(checkTraceEventFormat(doc({ good })).isEmpty());
    QJsonObject noDur = good;
    noDur.remove(QStringLiteral("dur"));
    QVERIFY(!checkTraceEventFormat(doc({ noDur })).isEmpty());
    QJsonObject textPid = good;
    textPid.insert(QStringLiteral("pid"), QStringLiteral("1"));
    QVERIFY(!checkTraceEventFormat(doc({ textPid })).isEmpty());
    const QJsonObject lonelyFlow { { QStringLiteral("name"), QStringLiteral("q") },
        { QStringLiteral("cat"), QStringLiteral("queue") }, { QStringLiteral("ph"), QStringLiteral("s") },
        { QStringLiteral("id"), 7 }, { QStringLiteral("ts"), 1 }, { QStringLiteral("pid"), 1 },
        { QStringLiteral("tid"), 1 } };
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
    QVERIFY2(names.contains(QStringLiteral("ForkServerPoolWorker-1"))
            && names.contains(QStringLiteral("ForkServerPoolWorker-2")),
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
    QCOMPARE(root.value(QStringLiteral("otherData"))
                 .toObject()
                 .value(QStringLiteral("settings"))
                 .toObject()
                 .value(QStringLiteral("workload"))
                 .toString(),
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
    p.start(cli,
        { QStringLiteral("run"), QStringLiteral("spin"), QStringLiteral("--set"), QStringLiteral("tasks=4"),
            QStringLiteral("--set"), QStringLiteral("ms=2"), QStringLiteral("-p"), QStringLiteral("2"),
            QStringLiteral("--trace"), file });
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
    const QStringList errors = checkTraceEventFormat(doc.object());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
    QVERIFY(processNames(doc.object()).contains(QStringLiteral("ForkServerPoolWorker-2")));
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

void TestTrace::roundTripRealRun()
{
    // One engine, one recording: a 2-worker Pool.map, then the Queue demo, then processes that print.
    Context context;
    const Workload* spin = findWorkload(QStringLiteral("spin"));
    QVERIFY(spin);
    const Params params { { QStringLiteral("tasks"), 6 }, { QStringLiteral("ms"), 2.0 } };
    ExecOptions options;
    options.workers = 2;
    options.chunksize = 1;
    QVERIFY(execute(&context, spin->function(params), spin->inputs(params), options).failures.empty());
    DemoOutput out;
    DemoOptions demoOptions;
    demoOptions.processes = 2;
    for (const char* name : { "queue", "process-hello" }) {
        const Demo* demo = findDemo(QString::fromLatin1(name));
        QVERIFY2(demo, name);
        QVERIFY2(demo->run(context, demoOptions, out) == 0, name);
    }
    const Trace trace = Trace::capture(
        context, { { QStringLiteral("workload"), QStringLiteral("spin") }, { QStringLiteral("processes"), 2 } });

    std::map<EventKind, int> kinds;
    int poolTaskEnds = 0; // a Process target's run is a TaskStart/TaskEnd pair too, with no task number
    for (const Event& e : trace.events) {
        ++kinds[e.kind];
        poolTaskEnds += e.kind == EventKind::TaskEnd && e.task >= 0;
    }
    QCOMPARE(poolTaskEnds, 6);
    QVERIFY2(kinds[EventKind::QueuePut] >= 1 && kinds[EventKind::QueueGet] >= 1, "the queue demo's put and get");
    QVERIFY2(!trace.console.empty(), "process-hello prints on the shared console");
    QVERIFY(std::any_of(trace.processNames.cbegin(), trace.processNames.cend(),
        [](const auto& p) { return p.second == QLatin1String("ForkServerPoolWorker-2"); }));

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("run.proclab.json"));
    QString error;
    QVERIFY2(trace.save(file, &error), qPrintable(error));
    const std::optional<Trace> loaded = Trace::load(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    const QString difference = firstDifference(trace, *loaded);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    // The format announces itself, and what comes back exports as the original does.
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("proclab-trace"));
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(loaded->toChromeTrace(), trace.toChromeTrace());
}

void TestTrace::everyKindRoundTrips()
{
    Trace t;
    t.enginePid = 4711;
    for (int k = 0; k <= int(EventKind::Error); ++k)
        t.events.push_back(
            { 1000 + k, k % 3 == 0 ? 0 : 4712, k % 2 - 1, EventKind(k), -1 - k, qint64(k) * 1000000007, -k });
    t.processNames = { { 4712, QStringLiteral("Process-1") } };
    t.console = { { 1500, 4712, 1, QStringLiteral("héllo\n") }, { 1400, 4712, 2, QString() } }; // arrival order kept
    QString error;
    const std::optional<Trace> back = Trace::fromJson(QJsonDocument(t.toJson()).toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    const QString difference = firstDifference(t, *back);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestTrace::samplesRoundTripApart()
{
    // CPU and memory samples are written apart ("samples"), so that a reader that does not know them skips them
    // instead of refusing the file; they come back in place, in time order.
    Trace t;
    t.enginePid = 4711;
    t.events = { { 100, 4712, 0, EventKind::ProcessSpawn, -1, -1, 1 },
        { 150, 4711, -1, EventKind::ProcessSample, 'S', 204'800, 1'350 },
        { 200, 4712, 0, EventKind::TaskStart, 0, 0, 0 }, { 250, 4712, -1, EventKind::ProcessSample, 'R', 12'900, 984 },
        { 300, 4712, 0, EventKind::TaskEnd, 0, 0, 0 }, { 350, 4712, -1, EventKind::ProcessSample, 'D', 13'000, 0 } };
    const QJsonObject json = t.toJson();
    const QJsonArray samples = json.value(QStringLiteral("samples")).toArray();
    QCOMPARE(samples.size(), 3);
    QCOMPARE(samples.at(1).toArray(), (QJsonArray { 250, 4712, 984, 12'900, QStringLiteral("R") }));
    QCOMPARE(json.value(QStringLiteral("events")).toArray().size(), 3);
    for (const auto& row : json.value(QStringLiteral("events")).toArray())
        QVERIFY(row.toArray().at(3).toString() != QLatin1String("ProcessSample"));
    QString error;
    const std::optional<Trace> back = Trace::fromJson(QJsonDocument(json).toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    const QString difference = firstDifference(t, *back);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));

    // What an older reader sees: the file without "samples" is a valid trace of the other events.
    QJsonObject older = json;
    older.remove(QStringLiteral("samples"));
    const std::optional<Trace> without = Trace::fromJson(QJsonDocument(older).toJson(), &error);
    QVERIFY2(without, qPrintable(error));
    QCOMPARE(without->events.size(), size_t(3));

    // In the Chrome export: CPU and memory counters on the process's own track.
    const QJsonArray chrome = t.toChromeTrace().value(QStringLiteral("traceEvents")).toArray();
    int counters = 0;
    for (const auto& v : chrome) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("ph")).toString() == QLatin1String("C")
            && o.value(QStringLiteral("name")).toString() == QLatin1String("CPU %")) {
            ++counters;
            if (o.value(QStringLiteral("pid")).toInteger() == 4712 && counters == 2)
                QCOMPARE(o.value(QStringLiteral("args")).toObject().value(QStringLiteral("cpu")).toDouble(), 98.4);
        }
    }
    QCOMPARE(counters, 3);
    const QStringList errors = checkTraceEventFormat(t.toChromeTrace());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
}

// Two ranks whose clocks were aligned within a round trip: rank 0's receive is stamped 5 us before rank 1's send.
// The message's arrow still goes forward in time (it arrives as it is sent, marked with how much earlier the
// receive was stamped), and the trace is well formed.
void TestTrace::mpiArrowsNeverGoBack()
{
    Trace t;
    t.enginePid = 4711;
    t.events = { { 90'000, 501, 0, EventKind::MpiRecvWait, -1, -1, 1 },
        { 100'000, 501, 0, EventKind::MpiRecv, 3, 7, 1 }, { 105'000, 502, 1, EventKind::MpiSend, 3, 7, 0 } };
    const QJsonObject chrome = t.toChromeTrace();
    const QStringList errors = checkTraceEventFormat(chrome);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
    const QList<QJsonObject> starts = eventsOf(chrome, QStringLiteral("s"), QStringLiteral("mpi"));
    const QList<QJsonObject> ends = eventsOf(chrome, QStringLiteral("f"), QStringLiteral("mpi"));
    QCOMPARE(starts.size(), 1);
    QCOMPARE(ends.size(), 1);
    // Sent at 105 us, received (on the trace) then too: 5 us after the receive's own stamp.
    const double sent = starts[0].value(QStringLiteral("ts")).toDouble();
    const double received = ends[0].value(QStringLiteral("ts")).toDouble();
    QVERIFY2(received >= sent && received - sent < 0.01, qPrintable(QStringLiteral("%1 -> %2").arg(sent).arg(received)));
    QCOMPARE(starts[0].value(QStringLiteral("pid")).toInteger(), 502);
    // ...and says by how much the receive was stamped earlier.
    bool said = false;
    for (const auto& v : chrome.value(QStringLiteral("traceEvents")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("name")).toString().endsWith(QLatin1String("(arrives)")))
            said = o.value(QStringLiteral("args")).toObject().value(QStringLiteral("stamped_earlier_us")).toDouble()
                > 4.9;
    }
    QVERIFY(said);
}

void TestTrace::timesStayExact()
{
    // CLOCK_MONOTONIC after months of uptime is beyond a double's 53 bits: every nanosecond must survive.
    Trace t;
    const qint64 big = Trace::MaxTimeNs - 1;
    t.events = { { big - 2, 1, 0, EventKind::TaskStart, 0, (qint64(1) << 60) + 1, 0 },
        { big, 1, 0, EventKind::TaskEnd, 0, (qint64(1) << 60) + 1, std::numeric_limits<qint64>::min() } };
    QString error;
    const std::optional<Trace> back = Trace::fromJson(QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact), &error);
    QVERIFY2(back, qPrintable(error));
    const QString difference = firstDifference(t, *back);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestTrace::readerSortsByTime()
{
    QString error;
    const std::optional<Trace> t
        = Trace::fromJson(traceJson({ row(30, QStringLiteral("TaskEnd")), row(10, QStringLiteral("TaskStart"), 1),
                              row(10, QStringLiteral("TaskStart"), 2) }),
            &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->events.size(), size_t(3));
    QCOMPARE(t->events[0].pid, 1); // ties keep the order they were written in
    QCOMPARE(t->events[1].pid, 2);
    QCOMPARE(t->events[2].tNs, 30);
}

void TestTrace::readerRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    const QList<QJsonArray> ok { row(1, QStringLiteral("TaskStart")) };
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON");
    QTest::newRow("garbage") << QByteArray("\x00\xff{", 3) << QStringLiteral("not JSON");
    QTest::newRow("truncated") << traceJson(ok).chopped(3) << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("the top level is not a JSON object");
    QTest::newRow("chrome") << QByteArray(R"({"traceEvents":[],"displayTimeUnit":"ms"})")
                            << QStringLiteral("a Chrome Trace Event export");
    QTest::newRow("format") << QByteArray(R"({"format":"other","version":1,"events":[]})")
                            << QStringLiteral("\"format\" is not \"proclab-trace\"");
    QTest::newRow("no version") << QByteArray(R"({"format":"proclab-trace","events":[]})")
                                << QStringLiteral("\"version\" must be");
    QTest::newRow("newer") << traceJson(ok, { { QStringLiteral("version"), 2 } })
                           << QStringLiteral("format version 2 is newer than this ProcLab reads (1)");
    QTest::newRow("engine pid") << traceJson(ok, { { QStringLiteral("enginePid"), -1 } })
                                << QStringLiteral("\"enginePid\" must be");
    QTest::newRow("settings") << traceJson(ok, { { QStringLiteral("settings"), 3 } })
                              << QStringLiteral("\"settings\" must be an object");
    QTest::newRow("no events") << QByteArray(R"({"format":"proclab-trace","version":1,"enginePid":1})")
                               << QStringLiteral("no \"events\" array");
    QTest::newRow("unknown kind") << traceJson({ row(1, QStringLiteral("TaskStart")), row(2, QStringLiteral("Foo")) })
                                  << QStringLiteral("event 1: unknown kind 'Foo'");
    QTest::newRow("kind number") << traceJson({ QJsonArray { 1, 7, 0, 6, 1, 2, 3 } })
                                 << QStringLiteral("event 0: kind must be a name");
    QTest::newRow("qualified kind") << traceJson({ row(1, QStringLiteral("Kind::TaskStart")) })
                                    << QStringLiteral("event 0: unknown kind");
    const auto withSamples = [&](const QJsonValue& samples) {
        return traceJson(ok, { { QStringLiteral("samples"), samples } });
    };
    QTest::newRow("samples object") << withSamples(QJsonObject {})
                                    << QStringLiteral("\"samples\" must be an array of [tNs, pid, cpuPermille");
    QTest::newRow("sample short") << withSamples(QJsonArray { QJsonArray { 1, 2, 3, 4 } })
                                  << QStringLiteral("sample 0: 4 fields, expected 5");
    QTest::newRow("sample pid") << withSamples(QJsonArray { QJsonArray { 1, 0, 3, 4, QStringLiteral("R") } })
                                << QStringLiteral("sample 0: pid must be");
    QTest::newRow("sample cpu") << withSamples(QJsonArray { QJsonArray { 1, 2, -3, 4, QStringLiteral("R") } })
                                << QStringLiteral("sample 0: CPU must be");
    QTest::newRow("sample rss") << withSamples(QJsonArray { QJsonArray { 1, 2, 3, 4.5, QStringLiteral("R") } })
                                << QStringLiteral("sample 0: RSS must be");
    QTest::newRow("sample state") << withSamples(QJsonArray { QJsonArray { 1, 2, 3, 4, QStringLiteral("RS") } })
                                  << QStringLiteral("sample 0: state must be one letter");
    QTest::newRow("short row") << traceJson({ QJsonArray { 1, 7, 0, QStringLiteral("TaskStart"), 1, 2 } })
                               << QStringLiteral("event 0: 6 fields, expected 7");
    QTest::newRow("row object") << QByteArray(R"({"format":"proclab-trace","version":1,"enginePid":1,"events":[{}]})")
                                << QStringLiteral("event 0: not an array");
    QTest::newRow("negative pid") << traceJson({ row(1, QStringLiteral("TaskStart"), -5) })
                                  << QStringLiteral("event 0: pid must be");
    QTest::newRow("huge pid") << traceJson({ row(1, QStringLiteral("TaskStart"), qint64(1) << 40) })
                              << QStringLiteral("event 0: pid must be");
    QTest::newRow("fraction time") << traceJson({ QJsonArray { 1.5, 7, 0, QStringLiteral("TaskStart"), 1, 2, 3 } })
                                   << QStringLiteral("event 0: time must be");
    QTest::newRow("text time") << traceJson(
        { QJsonArray { QStringLiteral("1"), 7, 0, QStringLiteral("TaskStart"), 1, 2, 3 } })
                               << QStringLiteral("event 0: time must be");
    QTest::newRow("time overflow") << QByteArray(
        R"({"format":"proclab-trace","version":1,"enginePid":1,"events":[[1e300,1,0,"TaskStart",1,2,3]]})")
                                   << QStringLiteral("event 0: time must be");
    QTest::newRow("worker") << traceJson({ QJsonArray { 1, 7, -2, QStringLiteral("TaskStart"), 1, 2, 3 } })
                            << QStringLiteral("event 0: worker must be");
    QTest::newRow("object") << traceJson({ QJsonArray { 1, 7, 0, QStringLiteral("TaskStart"), qint64(1) << 33, 2, 3 } })
                            << QStringLiteral("event 0: object must be");
    QTest::newRow("value") << traceJson({ QJsonArray { 1, 7, 0, QStringLiteral("TaskStart"), 1, 2, QJsonValue::Null } })
                           << QStringLiteral("event 0: value must be");
    QTest::newRow("process row") << traceJson(
        ok, { { QStringLiteral("processes"), rows({ QJsonArray { 0, QStringLiteral("x") } }) } })
                                 << QStringLiteral("process 0: expected [pid >= 1, name]");
    QTest::newRow("process twice") << traceJson(ok,
        { { QStringLiteral("processes"),
            rows({ QJsonArray { 5, QStringLiteral("a") }, QJsonArray { 5, QStringLiteral("b") } }) } })
                                   << QStringLiteral("process 1: pid 5 is named twice");
    QTest::newRow("console stream") << traceJson(
        ok, { { QStringLiteral("console"), rows({ QJsonArray { 1, 7, 3, QStringLiteral("x") } }) } })
                                    << QStringLiteral("console record 0: stream must be 1 (stdout) or 2 (stderr)");
    QTest::newRow("console text") << traceJson(
        ok, { { QStringLiteral("console"), rows({ QJsonArray { 1, 7, 1, 5 } }) } })
                                  << QStringLiteral("console record 0: text must be a string");
    QTest::newRow("console null") << traceJson(ok, { { QStringLiteral("console"), QJsonValue::Null } })
                                  << QStringLiteral("\"console\" must be an array");
    QByteArray deep(100000, '[');
    QTest::newRow("deep nesting") << deep << QStringLiteral("not JSON");
    // What the parser would keep whole: refused once past the reader's guard, wherever it is in the file.
    QTest::newRow("run of brackets") << "{\"x\": [" + QByteArray("[],").repeated(400'000) + "[]]}"
                                     << QStringLiteral("more than 1 MiB of brackets");
    QTest::newRow("run of spaces") << "{" + QByteArray(2 << 20, ' ') + "}" << QStringLiteral("more than 1 MiB of");
    QTest::newRow("run of nulls") << "[" + QByteArray("null,").repeated(300'000) + "null]"
                                  << QStringLiteral("more than 1 MiB of");
    QTest::newRow("long string") << "{\"x\": \"" + QByteArray(17 << 20, 'a') + "\"}"
                                 << QStringLiteral("a string longer than 16 MiB at byte 16777223");
    QTest::newRow("long number") << "{\"x\": " + QByteArray(5000, '7') + "}"
                                 << QStringLiteral("a number longer than 4096 bytes");
}

void TestTrace::readerRejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString why;
    QVERIFY(!Trace::fromJson(json, &why));
    QVERIFY2(why.contains(error), qPrintable(QStringLiteral("error was: ") + why));
    QVERIFY(!Trace::fromJson(json, nullptr)); // the reason is optional
}

// The limits are the reader's, not the file's: a caller (the fuzzer here) can make them small and reach each one.
void TestTrace::readerKeepsToItsLimits()
{
    QList<QJsonArray> events;
    for (int i = 0; i < 2000; ++i)
        events.append(row(i, QStringLiteral("TaskStart")));
    const QByteArray json = traceJson(events,
        { { QStringLiteral("console"),
            rows({ QJsonArray { 1, 7, 1, QStringLiteral("a") }, QJsonArray { 2, 7, 1, QStringLiteral("b") } }) } });
    QString why;
    QVERIFY2(Trace::fromJson(json, &why), qPrintable(why));

    Trace::Limits limits;
    limits.events = 1999;
    QVERIFY(!Trace::fromJson(json, &why, limits));
    QCOMPARE(why, QStringLiteral("2000 events: more than the 1999 a trace may have"));
    limits = {};
    limits.consoleRecords = 1;
    QVERIFY(!Trace::fromJson(json, &why, limits));
    QCOMPARE(why, QStringLiteral("2 console records: more than the 1 a trace may have"));
    limits = {};
    limits.fileBytes = json.size() - 1;
    QVERIFY(!Trace::fromJson(json, &why, limits));
    QVERIFY2(why.contains(QLatin1String("larger than")), qPrintable(why));
    limits = {};
    limits.memoryBytes = 2000 * qint64(sizeof(Event)) / 2; // half of what the events alone take
    QVERIFY(!Trace::fromJson(json, &why, limits));
    QVERIFY2(why.contains(QLatin1String("in memory")), qPrintable(why));

    // The same limits when reading from a file, in blocks.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("run.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json);
    f.close();
    const std::optional<Trace> whole = Trace::load(file, &why);
    QVERIFY2(whole, qPrintable(why));
    QCOMPARE(whole->events.size(), size_t(2000));
    QCOMPARE(whole->console.size(), size_t(2));
    QVERIFY(!Trace::load(file, &why, limits));
    QVERIFY2(why.contains(QLatin1String("in memory")), qPrintable(why));
}

// Settings are the one free-form part of a trace: any JSON object, rebuilt exactly by the streaming reader.
void TestTrace::settingsRoundTrip()
{
    const QJsonObject settings { { QStringLiteral("workload"), QStringLiteral("pi") },
        { QStringLiteral("nested"),
            QJsonObject { { QStringLiteral("list"), QJsonArray { 1, 2.5, true, false, QJsonValue::Null,
                                                          QJsonArray { QStringLiteral("x") }, QJsonObject {} } },
                { QStringLiteral("big"), qint64(1) << 60 }, { QStringLiteral("negative"), -3 } } },
        { QStringLiteral("empty"), QJsonArray {} }, { QStringLiteral("text"), QStringLiteral("é ü ж \"q\"") } };
    QString why;
    const std::optional<Trace> t = Trace::fromJson(traceJson({ row(1, QStringLiteral("TaskStart")) },
                                                       { { QStringLiteral("settings"), settings } }),
        &why);
    QVERIFY2(t, qPrintable(why));
    QCOMPARE(t->settings, settings);
}

// A file of 96 MB of 6 M rows of seven numbers: a document reader (QJsonDocument, as before) builds 1.5 GB of
// arrays before it can say that the first row is wrong; the streaming reader says so holding one block of the
// file. Measured as the child's peak RSS (wait4).
void TestTrace::craftedFileReadsInBoundedMemory()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("crafted.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"format":"proclab-trace","version":1,"enginePid":1,"events":[[0,0,0,0,0,0,0])");
    const QByteArray block = QByteArray(",[0,0,0,0,0,0,0]").repeated(1 << 20);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(f.write(block), block.size());
    f.write("]}");
    f.close();
    QVERIFY(f.size() > 100'000'000);

    const QByteArray cli = qEnvironmentVariable("PROCLAB_CLI").toLocal8Bit();
    const QByteArray path = file.toLocal8Bit();
    char* argv[] = { const_cast<char*>(cli.constData()), const_cast<char*>("trace"),
        const_cast<char*>(path.constData()), nullptr };
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    int errPipe[2];
    QCOMPARE(::pipe(errPipe), 0);
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
    posix_spawn_file_actions_addclose(&actions, errPipe[0]);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(errPipe[1]);
    QCOMPARE(spawned, 0);
    test::rememberChild(pid);
    QByteArray err;
    char buf[4096];
    for (ssize_t n; (n = ::read(errPipe[0], buf, sizeof buf)) != 0;) {
        if (n > 0)
            err.append(buf, n);
        else if (errno != EINTR)
            break;
    }
    ::close(errPipe[0]);
    int status = 0;
    rusage usage {};
    QCOMPARE(::wait4(pid, &status, 0, &usage), pid);
    QVERIFY(WIFEXITED(status));
    QVERIFY(WEXITSTATUS(status) != 0);
    QVERIFY2(err.contains("event 0: kind must be a name"), err.constData());
    // ru_maxrss is in KiB. The document reader needed 1.5 GiB here; the streaming one 14 MiB.
    // Under a sanitizer the child's RSS is ASan's (its quarantine keeps every freed block of the file for a while,
    // about 1 GiB here), not the reader's: the bound is checked on the release build, the refusal on both.
    if (test::sanitizerSlowdown() == 1)
        QVERIFY2(usage.ru_maxrss < 400 * 1024, qPrintable(QStringLiteral("peak RSS %1 KiB").arg(usage.ru_maxrss)));
}

void TestTrace::loadRefusesWhatIsNotATraceFile()
{
    QString error;
    QVERIFY(!Trace::load(QStringLiteral("/nonexistent/run.json"), &error));
    QVERIFY2(error.startsWith(QLatin1String("cannot open /nonexistent/run.json")), qPrintable(error));
    // Never read to the end of a device or a pipe.
    QVERIFY(!Trace::load(QStringLiteral("/dev/zero"), &error));
    QVERIFY2(error.contains(QLatin1String("not a regular file")), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(!Trace::load(dir.path(), &error));
    QVERIFY2(error.contains(QLatin1String("not a regular file")), qPrintable(error));
    // Too big: refused from its size (a sparse file: nothing is written or read).
    QFile huge(dir.filePath(QStringLiteral("huge.json")));
    QVERIFY(huge.open(QIODevice::WriteOnly));
    QVERIFY(huge.resize(Trace::MaxFileBytes + 1));
    huge.close();
    QVERIFY(!Trace::load(huge.fileName(), &error));
    QVERIFY2(error.contains(QLatin1String("larger than")), qPrintable(error));
    // A failed save leaves nothing behind (QSaveFile).
    Trace t;
    QVERIFY(!t.save(dir.filePath(QStringLiteral("missing/run.json")), &error));
    QVERIFY2(error.startsWith(QLatin1String("cannot write")), qPrintable(error));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { QStringLiteral("huge.json") });
}

void TestTrace::cliSavesAndSummarises()
{
    if (qEnvironmentVariable("PROCLAB_CLI").isEmpty())
        QSKIP("PROCLAB_CLI is not set (run through ctest)");
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("run.json"));
    QByteArray out;
    QByteArray err;
    QCOMPARE(runCli({ QStringLiteral("run"), QStringLiteral("spin"), QStringLiteral("--set"), QStringLiteral("tasks=5"),
                        QStringLiteral("--set"), QStringLiteral("ms=2"), QStringLiteral("-p"), QStringLiteral("2"),
                        QStringLiteral("--save"), file },
                 &out, &err),
        0);
    QString error;
    const std::optional<Trace> t = Trace::load(file, &error);
    QVERIFY2(t, qPrintable(error));
    QCOMPARE(t->settings.value(QStringLiteral("workload")).toString(), QStringLiteral("spin"));

    QCOMPARE(runCli({ QStringLiteral("trace"), file, QStringLiteral("--json") }, &out, &err), 0);
    const QJsonObject summary = QJsonDocument::fromJson(out).object();
    QCOMPARE(summary.value(QStringLiteral("events")).toInteger(), qint64(t->events.size()));
    QCOMPARE(summary.value(QStringLiteral("kinds")).toObject().value(QStringLiteral("TaskEnd")).toInt(), 5);
    QCOMPARE(summary.value(QStringLiteral("tasks")).toObject().value(QStringLiteral("ended")).toInt(), 5);
    QCOMPARE(summary.value(QStringLiteral("processes")).toArray().size(), 3); // the engine and two workers
    QVERIFY(summary.value(QStringLiteral("duration_s")).toDouble() > 0);

    QCOMPARE(runCli({ QStringLiteral("trace"), file }, &out, &err), 0);
    QVERIFY2(out.contains("ForkServerPoolWorker-2") && out.contains("TaskEnd"), out.constData());

    const QString chrome = dir.filePath(QStringLiteral("chrome.json"));
    QCOMPARE(runCli({ QStringLiteral("trace"), file, QStringLiteral("--chrome"), chrome }, &out, &err), 0);
    QFile f(chrome);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    const QStringList errors = checkTraceEventFormat(root);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.mid(0, 5).join(QLatin1Char('\n'))));
    QCOMPARE(root, t->toChromeTrace());
}

void TestTrace::cliRejectsBadTraceFiles()
{
    if (qEnvironmentVariable("PROCLAB_CLI").isEmpty())
        QSKIP("PROCLAB_CLI is not set (run through ctest)");
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(traceJson({ row(1, QStringLiteral("TaskStart")), row(2, QStringLiteral("Foo")) }));
    f.close();
    QByteArray err;
    QCOMPARE(runCli({ QStringLiteral("trace"), bad }, nullptr, &err), 2);
    QVERIFY2(err.contains("event 1: unknown kind 'Foo'") && err.count('\n') == 1, err.constData());
    QCOMPARE(runCli({ QStringLiteral("trace"), dir.filePath(QStringLiteral("none.json")) }, nullptr, &err), 2);
    QVERIFY2(err.contains("cannot open"), err.constData());
    QCOMPARE(runCli({ QStringLiteral("trace") }, nullptr, &err), 2);
    QCOMPARE(
        runCli({ QStringLiteral("run"), QStringLiteral("spin"), QStringLiteral("--save"), QString() }, nullptr, &err),
        2);
}

QTEST_GUILESS_MAIN(TestTrace)
#include "tst_trace.moc"
