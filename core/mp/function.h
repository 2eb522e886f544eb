#pragma once

// What a task runs: the name of a kernel compiled into every worker, plus its configuration.
// The C++ counterpart of the pickled function reference that Python sends to its pool workers.

#include <QCborMap>
#include <QCborValue>
#include <QString>

namespace proclab {

struct Function {
    QString kernel;
    QCborMap config;

    static Function named(const QString& kernel, const QCborMap& config = {}) { return { kernel, config }; }
    static Function expr(const QString& text)
    {
        return { QStringLiteral("expr"), { { QStringLiteral("expr"), text } } };
    }

    // Stable identity, used to send each function to each worker once.
    QByteArray key() const { return kernel.toUtf8() + '\0' + QCborValue(config).toCbor(); }
    // A readable call, e.g. expr(x*x+1)
    QString display() const;
};

} // namespace proclab
