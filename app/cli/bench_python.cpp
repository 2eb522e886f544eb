// CPython's side of `proclab-cli bench` (resources/bench/primitives.py, compiled in as :/bench/primitives.py), and
// the whole-program comparison: a map from the shell, ProcLab's CLI against a CPython script.

#include "benchsuite.h"

#include "base/clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>

namespace proclab::cli::bench {

namespace {

QString python3()
{
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

// A temporary .py file holding `source`: spawn and forkserver children re-import the main module by its path.
std::unique_ptr<QTemporaryFile> scriptFile(const QByteArray& source)
{
    auto file = std::make_unique<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/proclab-bench-XXXXXX.py"));
    if (!file->open() || file->write(source) != source.size() || !file->flush())
        return nullptr;
    return file;
}

QString lastLine(const QByteArray& text)
{
    const QStringList lines = QString::fromUtf8(text).trimmed().split(QLatin1Char('\n'));
    return lines.isEmpty() ? QString() : lines.last();
}

} // namespace

QJsonObject runPython(const Sizes& s, StartMethod poolMethod, const Progress& progress)
{
    const QString python = python3();
    if (python.isEmpty())
        return { { QStringLiteral("error"),
            QString(QLatin1String(SkippedPrefix) + QStringLiteral("python3 not found")) } };
    QFile resource(QStringLiteral(":/bench/primitives.py"));
    if (!resource.open(QIODevice::ReadOnly))
        return { { QStringLiteral("error"), QStringLiteral("the Python benchmark is not compiled in") } };
    const auto file = scriptFile(resource.readAll());
    if (!file)
        return { { QStringLiteral("error"), QStringLiteral("cannot write the Python script") } };
    const QJsonObject config {
        { QStringLiteral("repeats"), s.repeats },
        { QStringLiteral("queue_items"), s.queueItems },
        { QStringLiteral("round_trips"), s.roundTrips },
        { QStringLiteral("lock_ops"), s.lockOps },
        { QStringLiteral("increments"), s.increments },
        { QStringLiteral("manager_calls"), s.managerCalls },
        { QStringLiteral("tasks"), s.tasks },
        { QStringLiteral("pool_method"), toString(poolMethod) },
    };
    progress(QStringLiteral("CPython: running %1 (this takes longer than ProcLab's side)").arg(python));
    QProcess proc;
    proc.start(python, { file->fileName(), QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact)) });
    if (!proc.waitForFinished(30 * 60 * 1000) || proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0) {
        proc.kill();
        proc.waitForFinished();
        const QString why = lastLine(proc.readAllStandardError());
        return { { QStringLiteral("error"), why.isEmpty() ? QStringLiteral("python3 failed") : why } };
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(proc.readAllStandardOutput(), &error);
    if (!doc.isObject())
        return { { QStringLiteral("error"), QStringLiteral("unexpected output: %1").arg(error.errorString()) } };
    QJsonObject out = doc.object();
    out.insert(QStringLiteral("version"), lastLine([&] {
        QProcess v;
        v.start(python, { QStringLiteral("--version") });
        v.waitForFinished(10000);
        return v.readAllStandardOutput();
    }()));
    return out;
}

Series shellMap(bool python, int inputs, int repeats)
{
    QString program;
    QStringList args;
    std::unique_ptr<QTemporaryFile> file;
    if (python) {
        program = python3();
        if (program.isEmpty())
            return Series::failed(QLatin1String(SkippedPrefix) + QStringLiteral("python3 not found"));
        // What the tutorials run: Pool(2).map(f, range) with chunksize 1, its default start method, the list printed.
        file = scriptFile(QByteArrayLiteral("import multiprocessing as mp\n"
                                            "def f(x):\n    return x*x+1\n"
                                            "if __name__ == '__main__':\n"
                                            "    with mp.Pool(2) as p:\n"
                                            "        print(p.map(f, range(1, ")
            + QByteArray::number(inputs + 1) + QByteArrayLiteral("), chunksize=1))\n"));
        if (!file)
            return Series::failed(QStringLiteral("cannot write the Python script"));
        args = { file->fileName() };
    } else {
        program = QCoreApplication::applicationFilePath();
        args = { QStringLiteral("map"), QStringLiteral("x*x+1"), QStringLiteral("--inputs"),
            QStringLiteral("1..%1").arg(inputs), QStringLiteral("-p"), QStringLiteral("2"),
            QStringLiteral("--chunksize"), QStringLiteral("1") };
    }
    Series s;
    for (int r = 0; r < repeats + 1; ++r) { // the first run warms the page cache
        QProcess proc;
        proc.setStandardOutputFile(QProcess::nullDevice());
        const qint64 t0 = monotonicNs();
        proc.start(program, args);
        if (!proc.waitForFinished(10 * 60 * 1000) || proc.exitStatus() != QProcess::NormalExit
            || proc.exitCode() != 0) {
            proc.kill();
            proc.waitForFinished();
            return Series::failed(QStringLiteral("%1 failed: %2").arg(program, lastLine(proc.readAllStandardError())));
        }
        if (r > 0)
            s.values.push_back(double(monotonicNs() - t0) / 1e6);
    }
    return s;
}

} // namespace proclab::cli::bench
