// proclab-cli demo NAME: one tutorial example on real processes, printing what the tutorial printed; with --trace
// and --save also written as a Chrome trace or a recorded run, as `run` does.

#include "common.h"

#include "content/demo.h"
#include "engine/context.h"
#include "lab/options.h"
#include "lab/trace.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>
#include <mutex>

namespace proclab::cli {

int cmdDemo(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("list"), QStringLiteral("list the demos") });
    p.addOption({ QStringLiteral("python"), QStringLiteral("print the equivalent Python") });
    p.addOption({ QStringLiteral("trace"), QStringLiteral("Chrome Trace Event JSON file"), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("save"), QStringLiteral("recorded run (ProcLab trace)"), QStringLiteral("FILE") });
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("demo"));
    addMpiOptions(p); // the MPI demos' ranks
    if (auto r = parse(p, args))
        return *r;
    if (const QString e = readMpiOptions(p); !e.isEmpty())
        return badInput(e);
    for (const QString& option : { QStringLiteral("trace"), QStringLiteral("save") })
        if (const QString e = outputOptionError(p, option); !e.isEmpty())
            return badInput(e);
    const QString traceFile = p.value(QStringLiteral("trace"));
    const QString saveFile = p.value(QStringLiteral("save"));
    const bool json = p.isSet(QStringLiteral("json"));
    if (p.isSet(QStringLiteral("list"))) {
        QJsonArray list;
        for (const Demo* d : demos())
            list.append(QJsonObject { { QStringLiteral("name"), d->name() }, { QStringLiteral("topic"), d->topic() },
                { QStringLiteral("description"), d->description() },
                { QStringLiteral("expected_exit_code"), d->expectedExitCode() } });
        if (json) {
            printJson({ { QStringLiteral("demos"), list } });
        } else {
            for (const Demo* d : demos())
                out() << qSetFieldWidth(20) << Qt::left << d->name() << qSetFieldWidth(0) << d->description() << '\n';
            out() << Qt::flush;
        }
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("demo needs one name, or --list"));
    const Demo* demo = findDemo(pos.at(1));
    if (!demo) {
        QStringList names;
        for (const Demo* d : demos())
            names << d->name();
        return badInput(QStringLiteral("unknown demo '%1' (%2)").arg(pos.at(1), names.join(QStringLiteral(", "))));
    }
    if (p.isSet(QStringLiteral("python"))) {
        const QString source = demo->pythonSource();
        if (json)
            printJson({ { QStringLiteral("demo"), demo->name() }, { QStringLiteral("python"), source } });
        else
            out() << source << Qt::flush;
        return source.isEmpty() ? EngineError : Ok;
    }
    DemoOptions demoOptions;
    if (p.isSet(QStringLiteral("processes"))) {
        const auto n = options::processes(p.value(QStringLiteral("processes")), 64);
        if (!n)
            return badInput(n.error);
        demoOptions.processes = *n;
    }
    if (p.isSet(QStringLiteral("start-method"))) {
        const auto m = options::startMethod(p.value(QStringLiteral("start-method")));
        if (!m)
            return badInput(m.error);
        demoOptions.startMethod = *m;
    }

    // One terminal, as for a Python program and its children: the demo's prints and the workers' go out in
    // the order they happen. stderr (tracebacks) stays on stderr.
    std::mutex terminal;
    QByteArray combined;
    QJsonArray console;
    const auto emitText = [&](const QByteArray& text, int stream) {
        std::lock_guard lock(terminal);
        if (stream == 1)
            combined += text;
        if (json)
            return;
        std::FILE* f = stream == 2 ? stderr : stdout;
        std::fwrite(text.constData(), 1, size_t(text.size()), f);
        std::fflush(f);
    };
    int code = Ok;
    QString error;
    QByteArray parentText;
    {
        Context context(demoOptions.startMethod);
        QObject::connect(
            &context, &Context::consoleOutput, &context,
            [&](const ConsoleChunk& chunk) {
                emitText(chunk.text, chunk.stream);
                std::lock_guard lock(terminal);
                console.append(
                    QJsonObject { { QStringLiteral("pid"), chunk.pid }, { QStringLiteral("stream"), chunk.stream },
                        { QStringLiteral("process"), context.processName(pid_t(chunk.pid)) },
                        { QStringLiteral("text"), QString::fromUtf8(chunk.text) } });
            },
            Qt::DirectConnection);
        DemoOutput output([&](const QByteArray& text) { emitText(text, 1); });
        try {
            code = demo->run(context, demoOptions, output);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
            code = EngineError;
        }
        parentText = output.text();
        if (error.isEmpty() && (!traceFile.isEmpty() || !saveFile.isEmpty())) {
            // The settings as the window records a demo run, so that it opens the file as one.
            const Trace trace = Trace::capture(context,
                { { QStringLiteral("kind"), QStringLiteral("demo") }, { QStringLiteral("name"), demo->name() },
                    { QStringLiteral("processes"), demoOptions.processes },
                    { QStringLiteral("start_method"), toString(demoOptions.startMethod) },
                    { QStringLiteral("pace_ms"), 0 } });
            QString traceError;
            if ((!traceFile.isEmpty() && !trace.saveChromeTrace(traceFile, &traceError))
                || (!saveFile.isEmpty() && !trace.save(saveFile, &traceError))) {
                QTextStream(stderr) << "proclab-cli: " << traceError << Qt::endl;
                return EngineError;
            }
        }
    } // the Context's end flushes the last console output and reaps everything
    if (!error.isEmpty())
        QTextStream(stderr) << "proclab-cli: demo " << demo->name() << ": " << error << Qt::endl;
    if (json) {
        printJson({ { QStringLiteral("demo"), demo->name() }, { QStringLiteral("exit_code"), code },
            { QStringLiteral("output"), QString::fromUtf8(combined) },
            { QStringLiteral("parent_output"), QString::fromUtf8(parentText) }, { QStringLiteral("console"), console },
            { QStringLiteral("error"), error } });
    }
    return code;
}

} // namespace proclab::cli
