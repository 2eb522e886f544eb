// A student's own CPython programs under the Python probe (core/python, resources/python-probe): ProcLab's Python
// programs (resources/python/) under fork, spawn and forkserver, checked on the events the probe recorded; a pool
// worker SIGKILLed mid-task; a 1 MB print. Needs python3: skipped without it, failed without it under CI=true.
#include "base/platform.h"
#include "engine/context.h"
#include "lab/trace.h"
#include "python/probereader.h"
#include "python/probetranslator.h"
#include "python/pythonrun.h"
#include "python/pythonsweep.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <map>
#include <mutex>
#include <set>

using namespace proclab;

namespace {

struct Result {
    Trace trace;
    int exitCode = 0;
    QByteArray console;
    QStringList notes;
    QString pythonVersion;
};

// CPython versions other than python3's that this machine has (the probe supports 3.9 to 3.13): python3.N on PATH
// and pyenv's installs, or the list in $PROCLAB_TEST_PYTHONS (colon-separated paths). One per version.
QStringList otherPythonsHere()
{
    QStringList candidates;
    if (qEnvironmentVariableIsSet("PROCLAB_TEST_PYTHONS")) {
        candidates = qEnvironmentVariable("PROCLAB_TEST_PYTHONS").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    } else {
        for (int minor = 9; minor <= 13; ++minor)
            candidates << QStandardPaths::findExecutable(QStringLiteral("python3.%1").arg(minor));
        const QDir pyenv(QDir::homePath() + QStringLiteral("/.pyenv/versions"));
        for (const QString& v : pyenv.entryList({ QStringLiteral("3.*") }, QDir::Dirs, QDir::Name))
            candidates << pyenv.filePath(v + QStringLiteral("/bin/python3"));
    }
    const QString mine = PythonRun::interpreterVersion(PythonRun::resolveInterpreter({}));
    QSet<QString> versions { mine.section(QLatin1Char('.'), 0, 1) };
    QStringList found;
    for (const QString& c : std::as_const(candidates)) {
        if (c.isEmpty() || !QFileInfo(c).isExecutable())
            continue;
        const QString minor = PythonRun::interpreterVersion(c).section(QLatin1Char('.'), 0, 1);
        const QStringList parts = minor.split(QLatin1Char('.'));
        if (parts.size() != 2 || parts.at(0) != QLatin1String("3") || parts.at(1).toInt() < 9
            || parts.at(1).toInt() > 13 || versions.contains(minor))
            continue;
        versions.insert(minor);
        found << c;
    }
    return found;
}

// The default matrix keeps this suite near two minutes on a busy 2-core machine: every program once (fork: the
// cheapest start), and under spawn and forkserver the programs that use each kind of object. PROCLAB_PYTHON_FULL=1
// runs every program under all three start methods.
const QStringList SpawnAndForkserver = {
    QStringLiteral("pool-map"),
    QStringLiteral("apply-async"),
    QStringLiteral("futures"),
    QStringLiteral("producer-consumer"),
    QStringLiteral("pipe"),
    QStringLiteral("lock"),
    QStringLiteral("semaphore"),
    QStringLiteral("barrier"),
    QStringLiteral("value-array"),
    QStringLiteral("manager"),
};
// Programs too slow for the default run under the probe (long CPU-bound sweeps): full matrix only.
const QStringList Slow = {
    QStringLiteral("chunksize"),
    QStringLiteral("gil"),
    QStringLiteral("kde"),
    QStringLiteral("matmul"),
    QStringLiteral("pi-amdahl"),
    QStringLiteral("shared-counter"),
    QStringLiteral("letters"),
    QStringLiteral("load-imbalance"),
    QStringLiteral("oversubscription"),
};

// Programs that never end by design (deadlock.py takes two locks in opposite orders): never run here.
const QStringList NeverEnds = {
    QStringLiteral("deadlock"),
};

// Programs whose worker processes the probe cannot follow to their end: joblib's loky workers are started by loky's
// own launcher, and the probe records them without an exit; the MPI programs' ranks are started by mpirun, not by
// multiprocessing (mpi4py). tst_lessons and tst_demos run these under plain CPython (the MPI ones under mpirun).
const QStringList NotFollowed = {
    QStringLiteral("joblib-parallel"),
    QStringLiteral("mpi-deadlock"),
    QStringLiteral("mpi-deadlock-fixed"),
    QStringLiteral("mpi-exchange"),
    QStringLiteral("mpi-fail-stop"),
    QStringLiteral("mpi-matmul"),
    QStringLiteral("mpi-pingpong"),
    QStringLiteral("mpi-ranks-and-hosts"),
    QStringLiteral("mpi-static-vs-farm"),
    QStringLiteral("mpi-strong-vs-weak"),
};

Result runScript(const QString& script, const QString& method, int timeoutMs = 90'000, const QString& interpreter = {})
{
    Result r;
    PythonRun run;
    PythonRunOptions o;
    o.script = script;
    o.startMethod = method;
    o.interpreter = interpreter;
    QString error;
    if (!run.start(o, &error)) {
        qWarning("%s", qPrintable(error));
        r.exitCode = -1000;
        return r;
    }
    if (!run.waitForFinished(timeoutMs)) {
        run.stop(0);
        run.waitForFinished(10'000);
        r.exitCode = -1001;
    } else {
        r.exitCode = run.exitCode();
    }
    r.trace = run.trace();
    r.pythonVersion = run.pythonVersion();
    for (const ConsoleRecord& c : r.trace.console)
        r.console += c.text.toUtf8(); // stdout and stderr (Context::consoleText() is stdout only)
    r.notes = run.notes();
    return r;
}

// The invariants of a complete recording; an empty string when they hold, else what broke.
QString check(const Trace& t)
{
    std::map<qint64, int> submit, dispatch, start, end, result, cancel, lost;
    std::set<qint64> spawned { t.enginePid }, exited;
    std::map<qint32, qint64> puts, gets;
    std::set<qint32> exclusive; // Lock and RLock objects
    std::map<qint32, qint64> holder;
    for (const Event& e : t.events) {
        switch (e.kind) {
        case EventKind::ProcessSpawn:
            spawned.insert(e.pid);
            break;
        case EventKind::ProcessExit:
            exited.insert(e.pid);
            break;
        case EventKind::TaskSubmit:
            ++submit[e.task];
            break;
        case EventKind::TaskDispatch:
            ++dispatch[e.task];
            break;
        case EventKind::TaskStart:
            ++start[e.task];
            break;
        case EventKind::TaskEnd:
            ++end[e.task];
            break;
        case EventKind::TaskResult:
            ++result[e.task];
            break;
        case EventKind::TaskCancel:
            ++cancel[e.task];
            break;
        case EventKind::TaskLost:
            ++lost[e.task];
            break;
        case EventKind::QueuePut:
            ++puts[e.object];
            break;
        case EventKind::QueueGet:
            ++gets[e.object];
            break;
        case EventKind::ObjectCreate:
            if (e.value == int(ObjectType::Lock) || e.value == int(ObjectType::RLock))
                exclusive.insert(e.object);
            break;
        case EventKind::LockAcquire:
            if (exclusive.count(e.object)) {
                if (holder[e.object] != 0)
                    return QStringLiteral("lock %1 acquired by %2 at %3 while %4 holds it")
                        .arg(e.object)
                        .arg(e.pid)
                        .arg(e.tNs)
                        .arg(holder[e.object]);
                holder[e.object] = e.pid;
            }
            break;
        case EventKind::LockRelease:
            if (exclusive.count(e.object))
                holder[e.object] = 0;
            break;
        default:
            break;
        }
    }
    for (const auto& [task, n] : submit) {
        if (n != 1)
            return QStringLiteral("task %1 submitted %2 times").arg(task).arg(n);
        if (dispatch[task] != 1 && !(dispatch[task] == 0 && cancel[task] == 1))
            return QStringLiteral("task %1 pulled by a worker %2 times").arg(task).arg(dispatch[task]);
        if (result[task] + cancel[task] + lost[task] != 1)
            return QStringLiteral("task %1: %2 results, %3 cancelled, %4 lost")
                .arg(task)
                .arg(result[task])
                .arg(cancel[task])
                .arg(lost[task]);
        if (result[task] == 1 && (start[task] != 1 || end[task] != 1))
            return QStringLiteral("task %1 started %2 and ended %3 times").arg(task).arg(start[task]).arg(end[task]);
        if (lost[task])
            return QStringLiteral("task %1 lost").arg(task);
    }
    for (const auto& [task, n] : dispatch)
        if (!submit.count(task))
            return QStringLiteral("task %1 pulled but never submitted").arg(task);
    for (qint64 pid : spawned)
        if (!exited.count(pid))
            return QStringLiteral("process %1 (%2) has no exit code")
                .arg(pid)
                .arg(t.processNames.count(pid) ? t.processNames.at(pid) : QString());
    for (const ConsoleRecord& c : t.console)
        if (!spawned.count(c.pid))
            return QStringLiteral("console write by unknown pid %1: %2").arg(c.pid).arg(c.text.left(200));
    for (const auto& [q, n] : puts)
        if (gets[q] != n)
            return QStringLiteral("queue %1: %2 puts, %3 gets").arg(q).arg(n).arg(gets[q]);
    return {};
}

bool groupGone(qint64 group)
{
    return ::kill(pid_t(-group), 0) != 0 && errno == ESRCH;
}

} // namespace

class TestPythonProbe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void reader();
    void translator();
    void programs_data();
    void programs();
    void otherPythons_data();
    void otherPythons();
    void exceptionsOnTheirProcess();
    void killedWorker();
    void bigPrint();
    void signalsUntouched();
    void sweepScript();
    void scriptArguments();

private:
    void verifyProgram(const QString& program, const QString& method, const QString& interpreter);
    QString m_source;
};

void TestPythonProbe::initTestCase()
{
    m_source = QStringLiteral(PROCLAB_SOURCE_DIR);
    if (PythonRun::resolveInterpreter({}).isEmpty()) {
        if (qEnvironmentVariable("CI") == QLatin1String("true"))
            QFAIL("python3 is not installed (CI installs it: scripts/dev.sh)");
        QSKIP("python3 is not installed");
    }
    QVERIFY2(!PythonRun::probeDirectory().isEmpty(), "the probe (resources/python-probe) is not found");
}

void TestPythonProbe::reader()
{
    ProbeReader r;
    QVERIFY(r.feed(QByteArrayLiteral("{\"hello\":1,\"pid\":5,\"ppid\":1,\"python\":\"3.11.7\"}\n[[10,\"Queue")));
    QVERIFY(r.helloSeen());
    QCOMPARE(r.pythonVersion(), QStringLiteral("3.11.7"));
    ProbeRecord rec;
    QVERIFY(!r.next(&rec)); // half a line
    QVERIFY(r.feed(QByteArrayLiteral("Put\",\"q5.1\",null,3,null],[1e300,\"X\",null,null,null],[\"x\"]]\n")));
    QVERIFY(r.next(&rec));
    QCOMPARE(rec.kind, QStringLiteral("QueuePut"));
    QCOMPARE(rec.key, QStringLiteral("q5.1"));
    QCOMPARE(rec.task, -1);
    QCOMPARE(rec.value, 3);
    QVERIFY(!r.next(&rec));
    QCOMPARE(r.rejectedRecords(), 2);
    QVERIFY(!r.feed(QByteArrayLiteral("not json\n")));
    QVERIFY(r.broken());

    // A hello whose pid is no pid (too large for an integer, fractional, negative): unknown (0), never undefined
    // behaviour (fuzz_probe found the first).
    for (const char* pid : { "7.7e110", "5.5", "-3", "\"5\"" }) {
        ProbeReader h;
        QVERIFY(h.feed(QByteArray("{\"hello\":1,\"pid\":") + pid + "}\n"));
        QVERIFY(h.helloSeen());
        QCOMPARE(h.helloPid(), qint64(0));
    }
    ProbeReader h;
    QVERIFY(h.feed(QByteArrayLiteral("{\"hello\":1,\"pid\":4242}\n")));
    QCOMPARE(h.helloPid(), qint64(4242));
}

void TestPythonProbe::translator()
{
    // A chunk of 3 whose worker's records arrive before the owner's, and whose result arrives before its ends.
    ProbeTranslator t;
    t.setMain(100, 1);
    EventBatch out;
    const auto rec
        = [](qint64 ns, const char* kind, const char* key, qint64 task, qint64 value, QJsonValue extra = {}) {
              ProbeRecord r;
              r.tNs = ns;
              r.kind = QString::fromLatin1(kind);
              r.key = QString::fromLatin1(key);
              r.task = task;
              r.value = value;
              r.extra = extra;
              return r;
          };
    t.apply(100, rec(10, "ProcessSpawn", "", 101, 0, QJsonObject { { QStringLiteral("name"), QStringLiteral("W-1") } }),
        &out);
    t.apply(101, rec(20, "TaskDispatch", "c100:0:0", -1, 3), &out);
    t.apply(101, rec(21, "TaskStart", "c100:0:0", 0, 0), &out);
    t.apply(100, rec(15, "TaskSubmit", "c100:0:0", -1, 3), &out);
    t.apply(100, rec(40, "TaskResult", "c100:0:0", -1, 0), &out);
    const auto count = [&](EventKind k) {
        return std::count_if(out.cbegin(), out.cend(), [k](const Event& e) { return e.kind == k; });
    };
    QCOMPARE(count(EventKind::TaskResult), 0); // the ends are not in yet
    t.apply(101, rec(30, "TaskEnds", "c100:0:0", 0, 0, QJsonArray { 22, 23, 24 }), &out);
    QCOMPARE(count(EventKind::TaskSubmit), 3);
    QCOMPARE(count(EventKind::TaskDispatch), 3);
    QCOMPARE(count(EventKind::TaskStart), 3);
    QCOMPARE(count(EventKind::TaskEnd), 3);
    QCOMPARE(count(EventKind::TaskResult), 3);
    // Another process cannot report for the worker, nor the worker its own exit.
    t.apply(102, rec(50, "ProcessExit", "", 101, -9), &out);
    t.apply(101, rec(50, "ProcessExit", "", 101, -9), &out);
    QCOMPARE(count(EventKind::ProcessExit), 0);
    t.apply(100, rec(50, "ProcessExit", "", 101, -9), &out);
    QCOMPARE(count(EventKind::ProcessExit), 1);
    QCOMPARE(count(EventKind::ProcessFailed), 1);
    QCOMPARE(t.nameOf(101), QStringLiteral("W-1"));
}

void TestPythonProbe::programs_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("method");
    const bool full = qEnvironmentVariable("PROCLAB_PYTHON_FULL") == QLatin1String("1");
    const QDir dir(m_source + QStringLiteral("/resources/python"));
    const QStringList files = dir.entryList({ QStringLiteral("*.py") }, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString& method : { QStringLiteral("fork"), QStringLiteral("spawn"), QStringLiteral("forkserver") }) {
        for (const QString& file : files) {
            const QString name = file.chopped(3);
            if (NeverEnds.contains(name) || NotFollowed.contains(name))
                continue;
            if (!full
                && (Slow.contains(name) || (method != QLatin1String("fork") && !SpawnAndForkserver.contains(name))))
                continue;
            QTest::addRow("%s/%s", qPrintable(name), qPrintable(method)) << dir.filePath(file) << method;
        }
    }
}

void TestPythonProbe::programs()
{
    QFETCH(QString, program);
    QFETCH(QString, method);
    verifyProgram(program, method, {});
}

// The same programs under each other CPython found here (a pool, a queue, a lock, shared memory, a Manager, the
// futures executor under fork; a pool under each start method): the private names the probe wraps moved between
// versions, and a version whose names are missing would run with "processes and console only" and a note.
void TestPythonProbe::otherPythons_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("interpreter");
    const QString dir = m_source + QStringLiteral("/resources/python/");
    const QStringList pythons = otherPythonsHere();
    if (pythons.isEmpty())
        QTest::newRow("none") << QString() << QString() << QString();
    for (const QString& python : pythons) {
        const QString version = PythonRun::interpreterVersion(python);
        for (const char* name : { "pool-map", "producer-consumer", "lock", "value-array", "manager", "futures" })
            QTest::addRow("%s/%s/fork", qPrintable(version), name)
                << dir + QLatin1String(name) + QStringLiteral(".py") << QStringLiteral("fork") << python;
        for (const char* method : { "spawn", "forkserver" })
            QTest::addRow("%s/pool-map/%s", qPrintable(version), method)
                << dir + QStringLiteral("pool-map.py") << QString::fromLatin1(method) << python;
    }
}

void TestPythonProbe::otherPythons()
{
    QFETCH(QString, program);
    QFETCH(QString, method);
    QFETCH(QString, interpreter);
    if (program.isEmpty())
        QSKIP("no other CPython 3.9 to 3.13 here (python3.N on PATH, ~/.pyenv, or $PROCLAB_TEST_PYTHONS)");
    verifyProgram(program, method, interpreter);
}

void TestPythonProbe::verifyProgram(const QString& program, const QString& method, const QString& interpreter)
{
    // Alone in a folder, under a name no standard module has.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString script = dir.filePath(
        QStringLiteral("my_") + QFileInfo(program).fileName().replace(QLatin1Char('-'), QLatin1Char('_')));
    QVERIFY(QFile::copy(program, script));
    const Result r = runScript(script, method, 90'000, interpreter);
    if (!interpreter.isEmpty())
        QCOMPARE(r.pythonVersion, PythonRun::interpreterVersion(interpreter));
    const QString name = QFileInfo(program).baseName();
    QVERIFY2(r.exitCode == 0,
        qPrintable(QStringLiteral("exit code %1; console:\n%2")
                       .arg(r.exitCode)
                       .arg(QString::fromUtf8(r.console.right(3000)))));
    QVERIFY2(r.notes.isEmpty(), qPrintable(r.notes.join(QLatin1Char('\n'))));
    const QString broken = check(r.trace);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
    QVERIFY(r.trace.events.size() > 2);
    // Every process ended well: exit code 0, or SIGTERM for a pool's workers (Pool.terminate(), the end of a with
    // block) and a slow Manager server. lock.py, like the tutorial, never joins its children: under spawn and
    // forkserver some of them start after the main process has removed the lock's semaphore, as under plain
    // CPython; each of those carries its FileNotFoundError.
    const bool mayLoseChildren = name == QLatin1String("lock") && method != QLatin1String("fork");
    for (const Event& e : r.trace.events) {
        if (e.kind != EventKind::ProcessExit || e.value == 0 || e.value == -SIGTERM)
            continue;
        // A Manager's server that has not left a second after its shutdown message is terminated, then killed
        // (multiprocessing.managers._finalize_manager): a busy machine's doing, not the probe's.
        const auto named = r.trace.processNames.find(e.pid);
        if (e.value == -SIGKILL && named != r.trace.processNames.end()
            && named->second.startsWith(QLatin1String("SyncManager")))
            continue;
        const auto error = r.trace.processErrors.find(e.pid);
        QVERIFY2(mayLoseChildren && e.value == 1 && error != r.trace.processErrors.end()
                && error->second.exception.startsWith(QLatin1String("FileNotFoundError")),
            qPrintable(QStringLiteral("pid %1 ended with %2; console:\n%3")
                           .arg(e.pid)
                           .arg(e.value)
                           .arg(QString::fromUtf8(r.console.right(3000)))));
    }
}

// An exception that ends a process is reported by that process, attached to its pid, with the traceback Python
// printed for it; the printed traceback itself is CPython's, without a frame of the probe.
void TestPythonProbe::exceptionsOnTheirProcess()
{
    const Result r = runScript(m_source + QStringLiteral("/tests/python/raises.py"), QStringLiteral("fork"));
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.console.contains("child exit code 1"));
    const qint64 main = r.trace.enginePid;
    qint64 child = 0;
    for (const auto& [pid, name] : r.trace.processNames)
        if (name == QLatin1String("Process-1"))
            child = pid;
    QVERIFY(child > 0);
    QCOMPARE(r.trace.processErrors.size(), size_t(2));
    for (qint64 pid : { main, child }) {
        const auto it = r.trace.processErrors.find(pid);
        QVERIFY2(it != r.trace.processErrors.end(), qPrintable(QStringLiteral("no exception for pid %1").arg(pid)));
        QCOMPARE(it->second.exception, QStringLiteral("ZeroDivisionError: integer division or modulo by zero"));
        QVERIFY(it->second.traceback.startsWith(QLatin1String("Traceback (most recent call last):"))
            || it->second.traceback.contains(QLatin1String("RemoteTraceback")));
        QVERIFY(it->second.traceback.contains(QLatin1String("return 10 // n")));
    }
    // The child's traceback as its stderr shows it: from _bootstrap to the target, nothing of ours.
    QByteArray childErr;
    for (const ConsoleRecord& c : r.trace.console)
        if (c.pid == child)
            childErr += c.text.toUtf8();
    QVERIFY(childErr.contains("Process Process-1:"));
    QVERIFY(childErr.contains("ZeroDivisionError"));
    QVERIFY2(!childErr.contains("proclab_probe"), childErr.constData());
    // Saved and read back with the run.
    QString error;
    const std::optional<Trace> back = Trace::fromJson(QJsonDocument(r.trace.toJson()).toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->processErrors.size(), size_t(2));
    QCOMPARE(back->processErrors.at(child).traceback, r.trace.processErrors.at(child).traceback);
    // And labelled in the Chrome export.
    QVERIFY(QJsonDocument(r.trace.toChromeTrace()).toJson().contains("\"process_labels\""));
}

void TestPythonProbe::killedWorker()
{
    PythonRun run;
    PythonRunOptions o;
    o.script = m_source + QStringLiteral("/tests/python/killworker.py");
    o.startMethod = QStringLiteral("fork");
    QString error;
    QVERIFY2(run.start(o, &error), qPrintable(error));
    const qint64 group = run.mainPid();
    auto guard = qScopeGuard([&] {
        ::kill(pid_t(-group), SIGKILL);
        run.waitForFinished(10'000);
    });
    // The worker's death, recorded by its parent, and the task it took with it.
    qint64 victim = 0;
    const auto died = [&] {
        for (const Event& e : run.context().events().snapshot())
            if (e.kind == EventKind::ProcessExit && e.value == -SIGKILL)
                victim = e.pid;
        return victim != 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(died(), 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const Event& e : run.context().events().snapshot())
                if (e.kind == EventKind::TaskLost && e.pid == victim)
                    return true;
            return false;
        }(),
        10'000);
    // CPython's map() now waits for ever.
    QTest::qWait(1000);
    QVERIFY(!run.isFinished());
    run.stop(1000);
    QVERIFY(run.waitForFinished(20'000));
    QVERIFY(run.exitCode() < 0); // ended by Stop's signal
    QTRY_VERIFY_WITH_TIMEOUT(groupGone(group), 10'000);
    guard.dismiss();
    // Every process has an exit code, and the console has no write of an unknown pid.
    const Trace t = run.trace();
    std::set<qint64> spawned, exited;
    for (const Event& e : t.events) {
        if (e.kind == EventKind::ProcessSpawn)
            spawned.insert(e.pid);
        if (e.kind == EventKind::ProcessExit || e.kind == EventKind::ProcessFailed)
            exited.insert(e.pid);
    }
    for (qint64 pid : spawned)
        QVERIFY2(exited.count(pid), qPrintable(QStringLiteral("process %1 has no end").arg(pid)));
    QVERIFY(run.context().consoleText().contains("killing worker"));
}

void TestPythonProbe::bigPrint()
{
    const Result r = runScript(m_source + QStringLiteral("/tests/python/bigprint.py"), QStringLiteral("fork"));
    QCOMPARE(r.exitCode, 0);
    // Every byte of both arrived (a datagram console cannot carry one such write).
    QCOMPARE(std::count(r.console.cbegin(), r.console.cend(), 'x'), 1'000'000);
    QCOMPARE(std::count(r.console.cbegin(), r.console.cend(), 'y'), 1'000'000);
    QVERIFY(r.console.contains("child ended with 0"));
    // Each write attributed to the process that made it.
    std::set<qint64> writers;
    for (const ConsoleRecord& c : r.trace.console)
        writers.insert(c.pid);
    QCOMPARE(writers.size(), size_t(2));
}

// The probe once installed a SIGTERM handler to flush on termination; a pool worker blocked in sem_wait on the
// queue's lock could lose the signal (the flag it trips is seen only at the next bytecode), and Pool.terminate()
// then waited for it forever: 1 run in 30 of pool-map.py under fork hung. Signals now stay as CPython leaves them.
void TestPythonProbe::signalsUntouched()
{
    const Result r = runScript(m_source + QStringLiteral("/tests/python/signals.py"), QStringLiteral("fork"));
    QVERIFY2(r.exitCode == 0, qPrintable(QString::fromUtf8(r.console.right(3000))));
    // The child has the probe's flusher thread (two threads), which blocks SIGTERM and SIGINT; no handler.
    QVERIFY2(r.console.contains("child term=default threads=2 leaks=0"), r.console.constData());
    QVERIFY(r.console.contains("terminated 25 pools"));
}

// The scaling lab's "my Python script": the same unchanged script at p = 1 and 2, its runs' events and console
// handed on as the sweep's own (what the window animates), one point per p.
void TestPythonProbe::sweepScript()
{
    PythonRunOptions o;
    o.script = m_source + QStringLiteral("/resources/python/pi-sweep.py");
    o.arguments = { QStringLiteral("20000") };
    SweepSpec spec;
    spec.program = std::make_shared<PythonSweepProgram>(o);
    spec.processes = { 1, 2 };
    QCOMPARE(Experiment::validate(spec), QString());
    Context context;
    QByteArray console;
    std::set<qint64> pids;
    std::mutex mutex;
    connect(
        &context, &Context::consoleOutput, this,
        [&](const ConsoleChunk& c) {
            std::lock_guard lock(mutex);
            console += c.text;
        },
        Qt::DirectConnection);
    connect(
        &context, &Context::eventsAvailable, this,
        [&](const EventBatch& batch) {
            std::lock_guard lock(mutex);
            // Spawned or ready: a pool worker started as the last task ends can be terminated by Pool's __exit__
            // before its probe says it is ready (seen under load); it was still shown, from its spawn.
            for (const Event& e : batch)
                if (e.kind == EventKind::ProcessReady || e.kind == EventKind::ProcessSpawn)
                    pids.insert(e.pid);
        },
        Qt::DirectConnection);
    Experiment experiment;
    const SweepResult r = experiment.run(spec, &context);
    context.disconnect(this);
    QCOMPARE(int(r.outcome), int(SweepResult::Outcome::Completed));
    QCOMPARE(r.series.size(), 1);
    QCOMPARE(r.series.first().label(), QStringLiteral("python pi-sweep.py"));
    QCOMPARE(r.series.first().points.size(), 2);
    for (const SweepPoint& pt : r.series.first().points) {
        QVERIFY(pt.verified);
        QCOMPARE(pt.failedTasks, 0);
        QCOMPARE(pt.workers.size(), pt.processes); // Pool() made cpu_count() = p workers
        QVERIFY(pt.median > 0);
    }
    std::lock_guard lock(mutex);
    QVERIFY2(console.contains("Number of cores 1,") && console.contains("Number of cores 2,"), console.constData());
    QVERIFY(pids.size() >= 2 + 1 + 2); // two main processes, their 1 + 2 pool workers
    // Saved with the sweep: what was measured.
    const QJsonObject program
        = r.toJson().value(QStringLiteral("spec")).toObject().value(QStringLiteral("program")).toObject();
    QCOMPARE(program.value(QStringLiteral("kind")).toString(), QStringLiteral("python"));
    QVERIFY(program.value(QStringLiteral("script")).toString().endsWith(QStringLiteral("pi-sweep.py")));
}

void TestPythonProbe::scriptArguments()
{
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("args.py"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("import os, sys\nprint(__name__, sys.argv[1:], os.cpu_count())\nsys.exit(int(sys.argv[1]))\n");
    f.close();
    PythonRun run;
    PythonRunOptions o;
    o.script = script;
    o.arguments = { QStringLiteral("7"), QStringLiteral("two words") };
    o.processes = 3;
    QString error;
    QVERIFY2(run.start(o, &error), qPrintable(error));
    QVERIFY(run.waitForFinished(60'000));
    QCOMPARE(run.exitCode(), 7);
    QCOMPARE(run.context().consoleText(), QByteArray("__main__ ['7', 'two words'] 3\n"));
}

QTEST_GUILESS_MAIN(TestPythonProbe)
#include "tst_pythonprobe.moc"
