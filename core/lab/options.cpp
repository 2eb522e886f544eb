#include "lab/options.h"

#include <QRegularExpression>

namespace proclab::options {

namespace {

const QString ProcessesOption = QStringLiteral("-p/--processes");

QList<int> range(int first, int last)
{
    QList<int> out;
    for (int p = first; p <= last; ++p)
        out << p;
    return out;
}

} // namespace

Parsed<int> integer(const QString& option, const QString& text, int min, int max)
{
    bool good = false;
    const int value = text.toInt(&good);
    if (!good || value < min || value > max)
        return failed<int>(
            QStringLiteral("%1 must be an integer from %2 to %3 (got '%4')").arg(option).arg(min).arg(max).arg(text));
    return ok(value);
}

Parsed<int> processes(const QString& text, int max)
{
    return integer(ProcessesOption, text, 1, max);
}

Parsed<QList<int>> processList(const QString& text, int max)
{
    const QString s = text.trimmed();
    static const QRegularExpression span(QStringLiteral(R"(^(\d+)\s*\.\.\s*(\d+)$)"));
    const auto m = span.match(s);
    bool good = true;
    QList<int> out;
    if (m.hasMatch()) {
        const int a = m.captured(1).toInt(&good);
        const int b = good ? m.captured(2).toInt(&good) : 0;
        good = good && a >= 1 && b >= a && b <= max;
        if (good)
            out = range(a, b);
    } else if (!s.contains(QLatin1Char(','))) {
        const int n = s.toInt(&good);
        good = good && n >= 1 && n <= max;
        if (good)
            out = range(1, n);
    } else {
        for (const QString& part : s.split(QLatin1Char(','))) {
            const int n = part.trimmed().toInt(&good);
            if (!good || n < 1 || n > max || (!out.isEmpty() && n <= out.last())) {
                good = false;
                break;
            }
            out.append(n);
        }
    }
    if (!good)
        return failed<QList<int>>(QStringLiteral("%1 must be 1..N, N or an ascending list like 1,2,4 (numbers from 1 "
                                                 "to %2; got '%3')")
                                      .arg(ProcessesOption)
                                      .arg(max)
                                      .arg(text));
    return ok(out);
}

Parsed<ExecutorKind> executor(const QString& text)
{
    if (const auto e = parseExecutor(text))
        return ok(*e);
    return failed<ExecutorKind>(
        QStringLiteral("unknown executor '%1' (process, thread, gil-thread, serial, mpi-spmd, mpi-farm)").arg(text));
}

Parsed<QList<ExecutorKind>> executors(const QString& text)
{
    QList<ExecutorKind> out;
    for (const QString& name : text.split(QLatin1Char(','))) {
        const auto e = executor(name.trimmed());
        if (!e)
            return failed<QList<ExecutorKind>>(e.error);
        if (!out.contains(*e))
            out.append(*e);
    }
    return ok(out);
}

Parsed<StartMethod> startMethod(const QString& text)
{
    if (const auto m = parseStartMethod(text))
        return ok(*m);
    return failed<StartMethod>(QStringLiteral("unknown start method '%1' (spawn, forkserver)").arg(text));
}

Parsed<Scheduling> scheduling(const QString& text)
{
    if (const auto s = parseScheduling(text))
        return ok(*s);
    return failed<Scheduling>(QStringLiteral("unknown scheduling '%1' (dynamic, static)").arg(text));
}

Parsed<int> chunksize(const QString& text)
{
    const QString t = text.trimmed();
    if (t.compare(QLatin1String("auto"), Qt::CaseInsensitive) == 0)
        return ok(0);
    bool good = false;
    const int n = t.toInt(&good);
    if (!good || n < 0 || n > MaxChunksize)
        return failed<int>(QStringLiteral("--chunksize must be auto (Python's default, also 0) or an integer from 1 to "
                                          "%1 (got '%2')")
                               .arg(MaxChunksize)
                               .arg(text));
    return ok(n);
}

Parsed<QList<int>> chunksizes(const QString& text)
{
    QList<int> out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        const auto c = chunksize(part);
        if (!c)
            return failed<QList<int>>(QStringLiteral("--chunksize must be a comma list of auto (Python's default, also "
                                                     "0) and integers from 1 to %1, e.g. auto,10,100 (got '%2')")
                                          .arg(MaxChunksize)
                                          .arg(part.trimmed()));
        if (!out.contains(*c))
            out.append(*c);
    }
    return ok(out);
}

QString chunksizesText(const QList<int>& chunksizes)
{
    QStringList parts;
    for (int c : chunksizes)
        parts << (c > 0 ? QString::number(c) : QStringLiteral("auto"));
    return parts.join(QStringLiteral(", "));
}

Parsed<ProblemSize> problemSize(const QString& text)
{
    ProblemSize size;
    size.param = text.section(QLatin1Char('='), 0, 0).trimmed();
    for (const QString& v : text.section(QLatin1Char('='), 1).split(QLatin1Char(','))) {
        if (!v.trimmed().isEmpty())
            size.values.append(v.trimmed());
    }
    if (size.param.isEmpty() || size.values.isEmpty())
        return failed<ProblemSize>(QStringLiteral("--size needs a parameter and values, e.g. n=128,256,512"));
    return ok(size);
}

Parsed<int> repeats(const QString& text, int max)
{
    return integer(QStringLiteral("--repeats"), text, 1, max);
}

} // namespace proclab::options
