// proclab-stagebench: how the stage and the timeline keep up with a firehose. Feeds a StageModel+StageView and
// a TimelineModel+TimelineView (offscreen) a synthetic stream from 8 workers, 100,000 events/s in all (task
// dispatch/start/end/result, queue puts and gets, lock waits, acquisitions and releases), in batches at frame
// rate as the window gets them, for 5 s. Reports frames painted per second per view, paint time per frame,
// events absorbed per second, how late posted input events were handled, and RSS before and after.
//
// --shots DIR also saves PNGs of the stage and timeline replaying real runs: a pool map, the
// producer-consumer demo (queues) and the lock demo.

#include "base/clock.h"
#include "base/platform.h"
#include "content/demo.h"
#include "engine/context.h"
#include "engine/pool.h"
#include "session/stagemodel.h"
#include "session/timelinemodel.h"
#include "stageview.h"
#include "timelineview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace proclab;

namespace {

template <class View> class Timed : public View {
public:
    qint64 paintNs = 0;
    qint64 maxPaintNs = 0;

protected:
    void paintEvent(QPaintEvent* e) override
    {
        QElapsedTimer t;
        t.start();
        View::paintEvent(e);
        const qint64 ns = t.nsecsElapsed();
        paintNs += ns;
        maxPaintNs = std::max(maxPaintNs, ns);
    }
};

qint64 statusKb(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Eight synthetic workers, each cycling through one task's ten events, interleaved in time order.
class Firehose {
public:
    static constexpr int CycleLength = 10;

    explicit Firehose(int workers)
        : m_phase(size_t(workers), 0)
        , m_task(size_t(workers), 0)
    {
    }

    qint64 pidOf(int w) const { return 10'000 + w; }

    // Events for (fromNs, toNs], evenly spaced, `count` of them.
    EventBatch next(qint64 fromNs, qint64 toNs, qint64 count)
    {
        EventBatch b;
        b.reserve(size_t(count));
        const int workers = int(m_phase.size());
        for (qint64 i = 0; i < count; ++i) {
            const qint64 t = fromNs + (toNs - fromNs) * (i + 1) / count;
            const int w = int(m_next++ % workers);
            b.push_back(event(t, w));
        }
        return b;
    }

    EventBatch spawn(qint64 t) const
    {
        EventBatch b;
        for (int w = 0; w < int(m_phase.size()); ++w) {
            b.push_back({ t, qint32(pidOf(w)), w, EventKind::ProcessSpawn, -1, -1, 0 });
            b.push_back({ t + 1000, qint32(pidOf(w)), w, EventKind::ProcessReady, -1, -1, 1000 });
        }
        return b;
    }

private:
    Event event(qint64 t, int w)
    {
        const qint32 pid = qint32(pidOf(w));
        int& phase = m_phase[size_t(w)];
        qint64& task = m_task[size_t(w)];
        const qint64 id = task * qint64(m_phase.size()) + w;
        const qint32 chunk = qint32(id);
        Event e { t, pid, w, EventKind::Error, -1, -1, 0 };
        switch (phase) {
        case 0:
            e = { t, 0, -1, EventKind::TaskSubmit, -1, id, 0 };
            break;
        case 1:
            e = { t, pid, w, EventKind::TaskDispatch, chunk, id, 0 };
            break;
        case 2:
            e = { t, pid, w, EventKind::TaskStart, chunk, id, 0 };
            break;
        case 3:
            e = { t, pid, w, EventKind::LockWait, 2, -1, m_holder };
            break;
        case 4:
            e = { t, pid, w, EventKind::LockAcquire, 2, -1, pid };
            m_holder = pid;
            break;
        case 5:
            e = { t, pid, w, EventKind::LockRelease, 2, -1, pid };
            break;
        case 6:
            e = { t, pid, w, EventKind::QueuePut, 1, -1, ++m_queued };
            break;
        case 7:
            m_queued = std::max<qint64>(0, m_queued - 1);
            e = { t, pid, w, EventKind::QueueGet, 1, -1, m_queued };
            break;
        case 8:
            e = { t, pid, w, EventKind::TaskEnd, chunk, id, 0 };
            break;
        default:
            e = { t, 0, -1, EventKind::TaskResult, chunk, id, w };
            ++task;
            break;
        }
        phase = (phase + 1) % CycleLength;
        return e;
    }

    std::vector<int> m_phase;
    std::vector<qint64> m_task;
    quint64 m_next = 0;
    qint64 m_queued = 0;
    qint64 m_holder = 0;
};

// Posts an event every 20 ms and records how late it is handled: what a click would feel like.
class LatencyProbe : public QObject {
public:
    QList<qint64> latenciesNs;

    void post()
    {
        m_postedNs = monotonicNs();
        QCoreApplication::postEvent(this, new QEvent(QEvent::User));
    }

protected:
    bool event(QEvent* e) override
    {
        if (e->type() != QEvent::User)
            return QObject::event(e);
        latenciesNs.append(monotonicNs() - m_postedNs);
        return true;
    }

private:
    qint64 m_postedNs = 0;
};

int runBenchmark(double seconds, qint64 rate, int workers)
{
    const qint64 rssBefore = statusKb("VmRSS");
    const qint64 hwmBefore = statusKb("VmHWM");

    StageModel stage;
    TimelineModel timeline;
    const qint64 engine = platform::currentPid();
    stage.setEnginePid(engine);
    timeline.setEnginePid(engine);
    Timed<StageView> stageView;
    Timed<TimelineView> timelineView;
    stageView.setModel(&stage);
    timelineView.setModel(&timeline);
    timelineView.setFollow(true);
    timelineView.setVisibleRange(0, 50'000'000); // the latest 50 ms
    stageView.resize(1280, 720);
    timelineView.resize(1280, 420);
    stageView.show();
    timelineView.show();

    Firehose hose(workers);
    const qint64 start = monotonicNs();
    stage.apply(hose.spawn(start));
    timeline.apply(hose.spawn(start));
    qint64 fed = 0;
    qint64 feedNs = 0;
    qint64 last = start + 2000;
    const int stageFrames0 = stageView.framesPainted();
    const int timelineFrames0 = timelineView.framesPainted();

    // The window's player gets a batch at frame rate and hands it to both models, then moves the playhead.
    QTimer feeder;
    feeder.setInterval(16);
    QObject::connect(&feeder, &QTimer::timeout, &feeder, [&] {
        const qint64 now = monotonicNs();
        const qint64 count = (now - start) * rate / 1'000'000'000 - fed;
        if (count <= 0)
            return;
        QElapsedTimer t;
        t.start();
        const EventBatch batch = hose.next(last, now, count);
        stage.apply(batch);
        timeline.apply(batch);
        stage.setTimeNs(now);
        timeline.setTimeNs(now);
        feedNs += t.nsecsElapsed();
        fed += count;
        last = now;
    });
    LatencyProbe probe;
    QTimer prober;
    prober.setInterval(20);
    QObject::connect(&prober, &QTimer::timeout, &probe, [&] { probe.post(); });
    feeder.start();
    prober.start();
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(int(seconds * 1000), qApp, &QCoreApplication::quit);
    qApp->exec();
    const double elapsed = wall.nsecsElapsed() / 1e9;

    const int sf = stageView.framesPainted() - stageFrames0;
    const int tf = timelineView.framesPainted() - timelineFrames0;
    QList<qint64> lat = probe.latenciesNs;
    std::sort(lat.begin(), lat.end());
    const auto pct = [&](double p) { return lat.isEmpty() ? 0.0 : lat[qsizetype(p * double(lat.size() - 1))] / 1e6; };
    std::printf(
        "stagebench: %d workers, %lld events/s requested, %.1f s (offscreen, stage 1280x720, timeline 1280x420)\n",
        workers, qlonglong(rate), elapsed);
    std::printf("  events absorbed     %lld (%.0f /s); applying them took %.1f%% of the time\n", qlonglong(fed),
        fed / elapsed, 100.0 * feedNs / 1e9 / elapsed);
    std::printf("  stage view          %.1f frames/s, paint %.2f ms/frame average, %.2f ms worst\n", sf / elapsed,
        sf ? stageView.paintNs / 1e6 / sf : 0.0, stageView.maxPaintNs / 1e6);
    std::printf("  timeline view       %.1f frames/s, paint %.2f ms/frame average, %.2f ms worst\n", tf / elapsed,
        tf ? timelineView.paintNs / 1e6 / tf : 0.0, timelineView.maxPaintNs / 1e6);
    std::printf("  input latency       median %.2f ms, 99%% %.2f ms, worst %.2f ms (%lld probes)\n", pct(0.5),
        pct(0.99), pct(1.0), qlonglong(lat.size()));
    std::printf("  timeline slices     %lld kept (cap %lld), %lld dropped\n", qlonglong(timeline.totalSlices()),
        qlonglong(TimelineModel::MaxSlices), qlonglong(timeline.slicesDropped()));
    std::printf("  stage               %lld results, %lld flights dropped (cap %d)\n",
        qlonglong(stage.resultsReceived()), qlonglong(stage.flightsDropped()), StageModel::MaxFlights);
    std::printf("  RSS                 before %lld kB (peak %lld kB), after %lld kB (peak %lld kB)\n",
        qlonglong(rssBefore), qlonglong(hwmBefore), qlonglong(statusKb("VmRSS")), qlonglong(statusKb("VmHWM")));
    return 0;
}

struct Recorded {
    EventBatch events;
    std::map<qint64, QString> names;
};

Recorded record(Context& context)
{
    context.publishEvents(true);
    Recorded r;
    r.events = context.events().snapshot();
    for (const Event& e : r.events)
        if (e.pid > 0 && !r.names.count(e.pid))
            r.names[e.pid] = context.processName(pid_t(e.pid));
    return r;
}

// How much there is to see at a moment: processes busy or waiting, waiters, items, cards.
int busyness(const StageModel& m)
{
    int score = 0;
    for (const StageProcess& p : m.processes())
        score += p.activity() == Activity::Idle ? 0 : (isBlocked(p.activity()) ? 3 : 2);
    for (const StageLock& l : m.locks())
        score += 2 * int(l.waiters.size()) + int(l.holders.size());
    for (const StageQueue& q : m.queues())
        score += int(std::min<qint64>(q.size, 8)) + 2 * int(q.blockedGetters.size() + q.blockedPutters.size());
    score += int(std::min<qint64>(m.queuedCount(), 8));
    for (const StagePipe& pp : m.pipes())
        score += int(std::min<qint64>(pp.inFlightAtoB + pp.inFlightBtoA, 4));
    score += int(std::min<qint64>(m.resultsReceived(), 6) + std::min<qint64>(m.resultsDelivered(), 6));
    for (const StageProcess& p : m.workers())
        score += int(m.chunksAt(p.pid).size());
    return score;
}

// Replays a recorded run to its busiest moment and saves the stage and the timeline there.
bool shoot(const Recorded& run, const QString& dir, const QString& name, bool presenter)
{
    const qint64 engine = platform::currentPid();
    StageModel scratch;
    scratch.setEnginePid(engine);
    qint64 best = run.events.empty() ? 0 : run.events.front().tNs;
    int bestScore = -1;
    for (const Event& e : run.events) {
        scratch.apply({ e });
        const int s = busyness(scratch);
        if (s > bestScore) {
            bestScore = s;
            best = e.tNs;
        }
    }
    const qint64 first = run.events.empty() ? 0 : run.events.front().tNs;
    const qint64 lastNs = run.events.empty() ? 0 : run.events.back().tNs;

    StageModel stage;
    TimelineModel timeline;
    stage.setEnginePid(engine);
    timeline.setEnginePid(engine);
    for (const auto& [pid, n] : run.names) {
        if (!n.isEmpty()) {
            stage.setProcessName(pid, n);
            timeline.setProcessName(pid, n);
        }
    }
    // As a slowed replay shows it: cards take 3% of the run to cross.
    stage.setMinTravelNs(std::max<qint64>(1, (lastNs - first) * 3 / 100));
    EventBatch upTo;
    for (const Event& e : run.events)
        if (e.tNs <= best)
            upTo.push_back(e);
    // A moment after the busiest event, so cards are on their way.
    const qint64 at = best + stage.minTravelNs() / 3;
    stage.apply(upTo);
    stage.setTimeNs(at);
    timeline.apply(run.events);
    timeline.setTimeNs(at);

    StageView sv;
    sv.setPresenterMode(presenter);
    sv.setModel(&stage);
    sv.resize(1280, 720);
    TimelineView tv;
    tv.setPresenterMode(presenter);
    tv.setFollow(false);
    tv.setModel(&timeline);
    tv.resize(1280, 360);
    tv.fitAll();
    const bool ok = sv.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")))
        && tv.grab().save(QDir(dir).filePath(name + QStringLiteral("-timeline.png")));
    std::printf("  %s: %zu events, picture at %.3f ms of %.3f ms -> %s\n", qPrintable(name), run.events.size(),
        (at - first) / 1e6, (lastNs - first) / 1e6, ok ? "saved" : "FAILED");
    return ok;
}

int takeShots(const QString& dir, bool presenter)
{
    QDir().mkpath(dir);
    bool ok = true;
    {
        Context context;
        {
            // A paced imap: 4 workers, 24 tasks in chunks of 2, 40 ms each, so that cards are seen moving.
            Pool pool(&context, { 4, Scheduling::Dynamic, 0, 40'000'000 });
            QCborArray inputs;
            for (int i = 0; i < 24; ++i)
                inputs.append(i);
            // imap: results reach the parent as workers finish, the caller gets them in input order.
            ResultIterator results = pool.imap(Function::expr(QStringLiteral("x*x")), inputs, 2);
            while (results.next()) { }
            pool.close();
            pool.join();
        }
        ok = shoot(record(context), dir, QStringLiteral("stage-pool"), presenter) && ok;
    }
    for (const char* demoName : { "producer-consumer", "lock" }) {
        const Demo* demo = findDemo(QString::fromLatin1(demoName));
        if (!demo) {
            std::printf("  no demo %s\n", demoName);
            ok = false;
            continue;
        }
        Context context;
        DemoOutput out;
        DemoOptions options;
        options.processes = 4;
        demo->run(context, options, out);
        ok = shoot(record(context), dir, QStringLiteral("stage-") + QString::fromLatin1(demoName), presenter) && ok;
    }
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Feeds the stage and the timeline a synthetic event firehose."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("How long to feed (default 5)."), QStringLiteral("s"),
        QStringLiteral("5") });
    parser.addOption({ QStringLiteral("rate"), QStringLiteral("Events per second in all (default 100000)."),
        QStringLiteral("n"), QStringLiteral("100000") });
    parser.addOption({ QStringLiteral("workers"), QStringLiteral("Synthetic workers (default 8)."), QStringLiteral("n"),
        QStringLiteral("8") });
    parser.addOption(
        { QStringLiteral("shots"), QStringLiteral("Save PNGs of real runs in DIR and exit."), QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("presenter"), QStringLiteral("Shots in presenter mode.") });
    parser.process(app);
    if (parser.isSet(QStringLiteral("shots")))
        return takeShots(parser.value(QStringLiteral("shots")), parser.isSet(QStringLiteral("presenter")));
    return runBenchmark(parser.value(QStringLiteral("seconds")).toDouble(),
        parser.value(QStringLiteral("rate")).toLongLong(),
        std::clamp(parser.value(QStringLiteral("workers")).toInt(), 1, 64));
}
