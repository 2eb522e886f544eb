// The tutorials' examples of exchanging objects between processes: Queue, Pipe, the ping-pong exercise,
// results in a particular order, and a fixed number of processes fed by a queue.
#include "content/demo.h"
#include "content/kernels.h"

#include "base/clock.h"
#include "base/pyformat.h"
#include "base/rng.h"
#include "engine/context.h"
#include "engine/process.h"
#include "mp/connection.h"
#include "mp/kernel.h"
#include "mp/queue.h"

#include <QCborArray>
#include <QCborMap>

#include <map>
#include <memory>
#include <optional>
#include <unistd.h>
#include <vector>

namespace proclab {

namespace {

using Processes = std::vector<std::unique_ptr<Process>>;

QCborArray argList(const QCborValue& args)
{
    return args.isArray() ? args.toArray() : QCborArray { args };
}

QCborValue fortyTwoNoneHello()
{
    return QCborArray { 42, QCborValue(QCborValue::Null), QStringLiteral("hello") };
}

bool allExitedCleanly(const Processes& processes)
{
    for (const auto& p : processes)
        if (p->exitCode().value_or(-1) != 0)
            return false;
    return true;
}

// q.get(), except that it gives up (nullopt) once the queue is empty and none of `putters` is alive to put
// anything: a crashed child must end the demo with a message, not hang it (Python would hang).
std::optional<QCborValue> getUnlessAllGone(Queue& q, const Processes& putters)
{
    for (;;) {
        try {
            return q.get(true, 500);
        } catch (const QueueEmpty&) {
        }
        bool anyAlive = false;
        for (const auto& p : putters)
            anyAlive |= p->isAlive();
        if (!anyAlive) {
            try {
                return q.get(false);
            } catch (const QueueEmpty&) {
                return std::nullopt;
            }
        }
    }
}

// ---- queue ----------------------------------------------------------------------------------------------

class QueueFKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Queue q = Queue::attach(argList(args).at(0));
        q.put(fortyTwoNoneHello());
        return {};
    }
};

class QueueDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("queue"); }
    QString topic() const override { return QStringLiteral("Queue"); }
    QString description() const override
    {
        return QStringLiteral("a child puts [42, None, 'hello'] on a Queue, the parent gets it");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput& out) const override
    {
        Queue q(&ctx);
        Processes p;
        p.push_back(std::make_unique<Process>(
            &ctx, Function::named(QStringLiteral("demo.queue.f")), QCborArray { q.handle() }));
        p.front()->start();
        const std::optional<QCborValue> item = getUnlessAllGone(q, p);
        if (item)
            out.print(pyRepr(*item)); // [42, None, 'hello']
        p.front()->join();
        return item && *item == fortyTwoNoneHello() && allExitedCleanly(p) ? 0 : 1;
    }
};

// ---- queue-order ----------------------------------------------------------------------------------------

// rand_string(length, pos, output): puts (pos, a random string of letters and digits).
class RandStringKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        const qint64 length = a.at(0).toInteger();
        Queue output = Queue::attach(a.at(2));
        static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        // Seeded per process, as each Python child seeds its own `random` from the OS.
        Xoshiro256 rng(quint64(::getpid()) << 32 ^ quint64(monotonicNs()));
        QString s;
        for (qint64 i = 0; i < length; ++i)
            s += QLatin1Char(alphabet[rng.next() % (sizeof alphabet - 1)]);
        output.put(pyTuple({ a.at(1), s }));
        return {};
    }
};

class QueueOrderDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("queue-order"); }
    QString topic() const override { return QStringLiteral("Queue"); }
    QString description() const override
    {
        return QStringLiteral(
            "rand_string: N processes put (position, string); sorting by position restores the order");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        Queue output(&ctx);
        Processes processes;
        for (int x = 0; x < o.processes; ++x)
            processes.push_back(std::make_unique<Process>(&ctx,
                Function::named(QStringLiteral("demo.queue-order.rand_string")), QCborArray { 5, x, output.handle() }));
        for (const auto& p : processes)
            p->start();
        // Joining before getting is safe here: a put is complete when it returns. (In Python it is safe only
        // because the items are small: a child cannot exit while its queue's feeder still holds data.)
        for (const auto& p : processes)
            p->join();
        QCborArray results;
        for (std::size_t i = 0; i < processes.size(); ++i) {
            const std::optional<QCborValue> r = getUnlessAllGone(output, processes);
            if (!r)
                break;
            results.append(*r);
        }
        out.print(pyRepr(results)); // the order in which they finished, e.g. [(0, 'uCIwk'), (2, 'ELkQg'), ...]

        std::map<qint64, QString> byPosition; // results.sort()
        for (const QCborValue& r : std::as_const(results)) {
            const QCborArray pair = r.taggedValue().toArray();
            byPosition[pair.at(0).toInteger()] = pair.at(1).toString();
        }
        QCborArray strings;
        for (const auto& [pos, s] : byPosition)
            strings.append(s);
        out.print(pyRepr(strings)); // [r[1] for r in results]

        bool ok = results.size() == qsizetype(processes.size()) && byPosition.size() == processes.size()
            && byPosition.begin()->first == 0 && byPosition.rbegin()->first == o.processes - 1;
        for (const auto& [pos, s] : byPosition)
            ok &= s.size() == 5;
        return ok && allExitedCleanly(processes) ? 0 : 1;
    }
};

// ---- pipe -----------------------------------------------------------------------------------------------

class PipeFKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Connection conn = Connection::attach(argList(args).at(0));
        conn.send(fortyTwoNoneHello());
        conn.close();
        return {};
    }
};

class PipeDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("pipe"); }
    QString topic() const override { return QStringLiteral("Pipe"); }
    QString description() const override
    {
        return QStringLiteral("a child sends [42, None, 'hello'] through a Pipe, the parent receives it");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput& out) const override
    {
        auto [parentConn, childConn] = Pipe(&ctx);
        Process p(&ctx, Function::named(QStringLiteral("demo.pipe.f")), QCborArray { childConn.handle() });
        p.start();
        // The child has its own copy now. Closing ours means that if the child died without sending, recv()
        // raises EOFError instead of waiting forever.
        childConn.close();
        const QCborValue message = parentConn.recv();
        out.print(pyRepr(message)); // [42, None, 'hello']
        p.join();
        return message == fortyTwoNoneHello() && p.exitCode().value_or(-1) == 0 ? 0 : 1;
    }
};

// ---- ping-pong ------------------------------------------------------------------------------------------

// pong(conn): answers every ['ping', i] with ['pong', i] until None (or end-of-file).
class PongKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Connection conn = Connection::attach(argList(args).at(0));
        qint64 n = 0;
        for (;;) {
            QCborValue packet;
            try {
                packet = conn.recv();
            } catch (const TaskException& e) {
                if (e.type() == QLatin1String("EOFError"))
                    break;
                throw;
            }
            if (packet.isNull())
                break;
            conn.send(QCborArray { QStringLiteral("pong"), packet.toArray().at(1) });
            ++n;
        }
        return n;
    }
};

class PingPongDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("ping-pong"); }
    QString topic() const override { return QStringLiteral("Pipe"); }
    QString description() const override
    {
        return QStringLiteral("the exercise: two processes send a packet back and forth 100 times over a Pipe, timed");
    }
    int run(Context& ctx, const DemoOptions&, DemoOutput& out) const override
    {
        auto ends = Pipe(&ctx);
        Connection& conn = ends.first;
        Process p(&ctx, Function::named(QStringLiteral("demo.ping-pong.pong")), QCborArray { ends.second.handle() });
        p.start();
        ends.second.close();

        bool ok = true;
        const auto ping = [&](int n) {
            const qint64 t0 = monotonicNs();
            for (int i = 0; i < n; ++i) {
                conn.send(QCborArray { QStringLiteral("ping"), i });
                ok &= conn.recv() == QCborValue(QCborArray { QStringLiteral("pong"), i });
            }
            return double(monotonicNs() - t0) / 1e9;
        };
        ping(1); // the child is up and answering: its start-up is not part of the timing
        // The exercise's 100, then more for a steadier per-round-trip figure.
        for (int n : { 100, 10000 }) {
            const double elapsed = ping(n);
            out.print(QStringLiteral("%1 round trips in %2 ms: %3 us per round trip")
                          .arg(n)
                          .arg(elapsed * 1e3, 0, 'f', 1)
                          .arg(elapsed / n * 1e6, 0, 'f', 1));
        }
        conn.send(QCborValue(QCborValue::Null));
        p.join();
        return ok && p.exitCode().value_or(-1) == 0 ? 0 : 1;
    }
};

// ---- producer-consumer ----------------------------------------------------------------------------------

// The jobs: the tutorial counts the letters of text files (War and Peace). Here, opening lines of books in
// the public domain, shipped with the demo so that it runs anywhere, each repeated to the size of a small
// book (about 1 MB), so that counting one takes long enough for the work to spread over the processes.
constexpr int Repeat = 10000;

QStringList lines()
{
    return {
        QStringLiteral("Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes."),
        QStringLiteral("Happy families are all alike; every unhappy family is unhappy in its own way."),
        QStringLiteral("It was the best of times, it was the worst of times, it was the age of wisdom, it was the age "
                       "of foolishness."),
        QStringLiteral("It is a truth universally acknowledged, that a single man in possession of a good fortune, "
                       "must be in want of a wife."),
        QStringLiteral("Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in "
                       "my purse, I thought I would sail about a little and see the watery part of the world."),
        QStringLiteral(
            "Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do."),
        QStringLiteral("There was no possibility of taking a walk that day."),
        QStringLiteral("You will rejoice to hear that no disaster has accompanied the commencement of an enterprise "
                       "which you have regarded with such evil forebodings."),
        QStringLiteral("Whether I shall turn out to be the hero of my own life, or whether that station will be held "
                       "by anybody else, these pages must show."),
        QStringLiteral("You don't know about me without you have read a book by the name of The Adventures of Tom "
                       "Sawyer; but that ain't no matter."),
        QStringLiteral("Squire Trelawney, Dr. Livesey, and the rest of these gentlemen having asked me to write down "
                       "the whole particulars about Treasure Island."),
        QStringLiteral("In my younger and more vulnerable years my father gave me some advice that I have been turning "
                       "over in my mind ever since."),
    };
}

// Counter(c for c in text.lower() if 'a' <= c <= 'z')
std::map<QChar, qint64> countLetters(const QString& text)
{
    qint64 perLetter[26] = {};
    for (const QChar c : text) {
        const char16_t u = c.unicode() | 0x20; // lower() for ASCII letters; the texts are ASCII
        if (u >= u'a' && u <= u'z')
            ++perLetter[u - u'a'];
    }
    std::map<QChar, qint64> counts;
    for (int i = 0; i < 26; ++i)
        if (perLetter[i] > 0)
            counts[QChar(u'a' + i)] = perLetter[i];
    return counts;
}

// counting(queue, output): takes texts until None, puts (pid, letter counts) for each.
class CountingKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Queue queue = Queue::attach(a.at(0));
        Queue output = Queue::attach(a.at(1));
        qint64 jobs = 0;
        for (QCborValue job = queue.get(); !job.isNull(); job = queue.get(), ++jobs) {
            QCborMap counts;
            for (const auto& [letter, n] : countLetters(job.toString()))
                counts.insert(QString(letter), n);
            output.put(pyTuple({ qint64(::getpid()), counts }));
        }
        return jobs;
    }
};

class ProducerConsumerDemo final : public Demo {
public:
    QString name() const override { return QStringLiteral("producer-consumer"); }
    QString topic() const override { return QStringLiteral("Queue"); }
    QString description() const override
    {
        return QStringLiteral(
            "a fixed number of processes (-p) fed by a Queue, None to stop, answers on a second Queue");
    }
    int run(Context& ctx, const DemoOptions& o, DemoOutput& out) const override
    {
        QStringList jobs;
        for (const QString& line : lines())
            jobs << line.repeated(Repeat);
        Queue output(&ctx); // answers
        Queue queue(&ctx); // jobs
        for (const QString& text : jobs)
            queue.put(text);
        for (int i = 0; i < o.processes; ++i)
            queue.put(QCborValue(QCborValue::Null)); // one sentinel per consumer

        Processes processes;
        for (int i = 0; i < o.processes; ++i)
            processes.push_back(
                std::make_unique<Process>(&ctx, Function::named(QStringLiteral("demo.producer-consumer.counting")),
                    QCborArray { queue.handle(), output.handle() }));
        for (const auto& p : processes)
            p->start();
        // One answer per job (the seed's notebook gets one per process, and joins first: with Python's feeder
        // threads that order can deadlock on large answers; get everything, then join).
        std::map<qint64, int> handled;
        std::map<QChar, qint64> total;
        qsizetype answers = 0;
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            const std::optional<QCborValue> r = getUnlessAllGone(output, processes);
            if (!r)
                break;
            ++answers;
            const QCborArray pair = r->taggedValue().toArray();
            ++handled[pair.at(0).toInteger()];
            const QCborMap counts = pair.at(1).toMap();
            for (auto it = counts.begin(); it != counts.end(); ++it)
                total[it.key().toString().at(0)] += it.value().toInteger();
        }
        for (const auto& p : processes)
            p->join();

        for (const auto& p : processes)
            out.print(QStringLiteral("%1 (pid %2) counted the letters of %3 of the %4 texts")
                          .arg(p->name())
                          .arg(p->pid())
                          .arg(handled[p->pid()])
                          .arg(jobs.size()));
        QCborMap sorted; // dict(sorted(total.items()))
        for (const auto& [letter, n] : total)
            sorted.insert(QString(letter), n);
        out.print(pyRepr(sorted));

        std::map<QChar, qint64> serial;
        for (const QString& text : jobs)
            for (const auto& [letter, n] : countLetters(text))
                serial[letter] += n;
        if (answers != jobs.size() || total != serial) {
            out.print(QStringLiteral("only %1 of %2 texts were counted").arg(answers).arg(jobs.size()));
            return 1;
        }
        return allExitedCleanly(processes) ? 0 : 1;
    }
};

template <typename K> KernelFactory make()
{
    return [](const QCborMap&, QString*) { return std::make_unique<K>(); };
}

} // namespace

QList<const Demo*> ipcDemos()
{
    static const QueueDemo queue;
    static const QueueOrderDemo queueOrder;
    static const PipeDemo pipe;
    static const PingPongDemo pingPong;
    static const ProducerConsumerDemo producerConsumer;
    return { &queue, &queueOrder, &pipe, &pingPong, &producerConsumer };
}

KernelTable ipcDemoKernels()
{
    return {
        { QStringLiteral("demo.queue.f"), make<QueueFKernel>() },
        { QStringLiteral("demo.queue-order.rand_string"), make<RandStringKernel>() },
        { QStringLiteral("demo.pipe.f"), make<PipeFKernel>() },
        { QStringLiteral("demo.ping-pong.pong"), make<PongKernel>() },
        { QStringLiteral("demo.producer-consumer.counting"), make<CountingKernel>() },
    };
}

} // namespace proclab
