#include "content/demo.h"

#include <QFile>

namespace proclab {

void DemoOutput::write(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::lock_guard lock(m_mutex);
    m_text += bytes;
    if (m_sink)
        m_sink(bytes);
}

QByteArray DemoOutput::text() const
{
    std::lock_guard lock(m_mutex);
    return m_text;
}

QString pythonProgramPath(const QString& name)
{
    const QString file = name == QLatin1String("queue") ? QStringLiteral("queue-demo") : name;
    return QStringLiteral(":/python/%1.py").arg(file);
}

QString Demo::pythonSource() const
{
    QFile f(pythonProgramPath(name()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

namespace {
QList<const Demo*>& registry()
{
    static QList<const Demo*> all = [] {
        QList<const Demo*> list;
        list << poolDemos() << processDemos() << ipcDemos() << syncDemos() << managerDemos() << libraryDemos();
        return list;
    }();
    return all;
}
} // namespace

QList<const Demo*> demos()
{
    return registry();
}

void addDemos(const QList<const Demo*>& more)
{
    for (const Demo* d : more)
        if (!registry().contains(d))
            registry() << d;
}

const Demo* findDemo(const QString& name)
{
    for (const Demo* d : demos())
        if (d->name() == name)
            return d;
    return nullptr;
}

} // namespace proclab
