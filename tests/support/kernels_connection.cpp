#include "support/testkernels.h"

#include "mp/connection.h"
#include "mp/kernel.h"

#include <QCborArray>
#include <QCborMap>

#include <unistd.h>

namespace proclab::test {

namespace {

QCborArray argList(const QCborValue& args)
{
    return args.isArray() ? args.toArray() : QCborArray { args };
}

// conn.send: [conn, item, item...] sends the items, then closes its end.
class SendKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Connection c = Connection::attach(a.at(0));
        for (qsizetype i = 1; i < a.size(); ++i)
            c.send(a.at(i));
        return a.size() - 1;
    }
};

// conn.echo: [conn] sends back every message it receives, as ["echo", message], until None or end-of-file.
class EchoKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        Connection c = Connection::attach(argList(args).at(0));
        qint64 n = 0;
        try {
            for (QCborValue m = c.recv(); !m.isNull(); m = c.recv(), ++n)
                c.send(QCborArray { QStringLiteral("echo"), m });
        } catch (const TaskException& e) {
            if (e.type() != QLatin1String("EOFError"))
                throw;
        }
        return n;
    }
};

// conn.test.drain: [conn, report] receives until end-of-file, then sends [messages received, the exception
// that ended it] on report.
class DrainKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Connection c = Connection::attach(a.at(0));
        Connection report = Connection::attach(a.at(1));
        qint64 n = 0;
        QString ended;
        try {
            for (;;) {
                c.recv();
                ++n;
            }
        } catch (const TaskException& e) {
            ended = e.type();
        }
        report.send(QCborArray { n, ended });
        return n;
    }
};

// conn.test.sendToGone: [conn, report] waits for the peer to close (end-of-file), then sends to it and
// reports the exception type on report (or "ok").
class SendToGoneKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        const QCborArray a = argList(args);
        Connection c = Connection::attach(a.at(0));
        Connection report = Connection::attach(a.at(1));
        QString outcome = QStringLiteral("ok");
        try {
            while (c.readable())
                c.recv(); // until EOFError
        } catch (const TaskException&) {
        }
        try {
            c.send(QStringLiteral("anyone there?"));
        } catch (const TaskException& e) {
            outcome = e.type();
        }
        report.send(outcome);
        return outcome;
    }
};

// conn.test.close: [conn...] closes the ends it got at once and returns.
class CloseKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext&) override
    {
        for (const QCborValue& h : argList(args))
            Connection::attach(h).close();
        return QCborValue(QCborValue::Null);
    }
};

template <typename K> KernelFactory make()
{
    return [](const QCborMap&, QString*) { return std::make_unique<K>(); };
}

} // namespace

KernelTable connectionKernels()
{
    return {
        { QStringLiteral("conn.send"), make<SendKernel>() },
        { QStringLiteral("conn.echo"), make<EchoKernel>() },
        { QStringLiteral("conn.test.drain"), make<DrainKernel>() },
        { QStringLiteral("conn.test.sendToGone"), make<SendToGoneKernel>() },
        { QStringLiteral("conn.test.close"), make<CloseKernel>() },
    };
}

} // namespace proclab::test
