#include "format.h"

#include <QCoreApplication>

#include <cmath>

namespace proclab {

QString formatSeconds(double s)
{
    if (s < 1.0)
        return QCoreApplication::translate("proclab::Format", "%1 ms").arg(s * 1e3, 0, 'f', s < 0.01 ? 2 : 1);
    return QCoreApplication::translate("proclab::Format", "%1 s").arg(s, 0, 'f', 3);
}

QString formatPlayhead(qint64 ns)
{
    return QCoreApplication::translate("proclab::Format", "%1 s").arg(double(ns) / 1e9, 0, 'f', 3);
}

QString formatDuration(double ns)
{
    const double a = std::abs(ns);
    if (a == 0)
        return QStringLiteral("0");
    if (a >= 1e9)
        return QStringLiteral("%1 s").arg(ns / 1e9, 0, 'g', 4);
    if (a >= 1e6)
        return QStringLiteral("%1 ms").arg(ns / 1e6, 0, 'g', 4);
    if (a >= 1e3)
        return QStringLiteral("%1 µs").arg(ns / 1e3, 0, 'g', 4);
    return QStringLiteral("%1 ns").arg(ns, 0, 'g', 4);
}

QString formatParams(const Workload* w, const Params& params)
{
    QStringList parts;
    if (w) {
        for (const ParamSpec& spec : w->params())
            parts << spec.name + QLatin1Char('=') + params.value(spec.name).toString();
    }
    return parts.join(QStringLiteral(", "));
}

namespace tone {

QColor info()
{
    return { 0x1f, 0x4f, 0x8f };
}

QColor good()
{
    return { 0x1b, 0x7f, 0x3b };
}

QColor warning()
{
    return { 0x8a, 0x5a, 0x00 };
}

QColor bad()
{
    return { 0xc6, 0x28, 0x28 };
}

QColor output()
{
    return { 0x60, 0x60, 0x60 };
}

} // namespace tone

} // namespace proclab
