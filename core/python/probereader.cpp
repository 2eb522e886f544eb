#include "python/probereader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace proclab {

namespace {

constexpr qint64 MaxTimeNs = qint64(1) << 62;

// A whole number that fits, or nullopt-ish via ok.
qint64 whole(const QJsonValue& v, bool* ok)
{
    *ok = false;
    if (v.isNull() || v.isUndefined()) {
        *ok = true;
        return 0;
    }
    if (!v.isDouble())
        return 0;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e18)
        return 0;
    *ok = true;
    return qint64(d);
}

} // namespace

bool ProbeReader::feed(const QByteArray& bytes)
{
    if (m_broken)
        return false;
    m_pending.append(bytes);
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = m_pending.indexOf('\n', std::max(start, m_scanned));
        if (nl < 0)
            break;
        parseLine(m_pending.mid(start, nl - start));
        if (m_broken)
            return false;
        start = nl + 1;
        m_scanned = start;
    }
    if (start > 0) {
        m_pending.remove(0, start);
        m_scanned = 0;
    }
    m_scanned = m_pending.size();
    if (m_pending.size() > MaxLineBytes) {
        fail(QStringLiteral("a line longer than %1 bytes").arg(MaxLineBytes));
        return false;
    }
    return true;
}

bool ProbeReader::next(ProbeRecord* record)
{
    if (m_records.empty())
        return false;
    *record = std::move(m_records.front());
    m_records.pop_front();
    return true;
}

void ProbeReader::fail(const QString& why)
{
    m_broken = true;
    m_error = why;
    m_pending.clear();
}

void ProbeReader::parseLine(const QByteArray& line)
{
    if (line.trimmed().isEmpty())
        return;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    if (err.error != QJsonParseError::NoError) {
        fail(QStringLiteral("not JSON: %1").arg(err.errorString()));
        return;
    }
    if (!m_hello) {
        const QJsonObject o = doc.object();
        if (!doc.isObject() || o.value(QLatin1String("hello")).toInt() != 1) {
            fail(QStringLiteral("no hello (or a version this ProcLab does not read)"));
            return;
        }
        m_hello = true;
        m_python = o.value(QLatin1String("python")).toString().left(32);
        bool okPid = false; // a pid is a whole number that fits (a hello of 1e110 is not one: 0, unknown)
        const qint64 pid = whole(o.value(QLatin1String("pid")), &okPid);
        m_helloPid = okPid && pid > 0 ? pid : 0;
        return;
    }
    if (!doc.isArray()) {
        fail(QStringLiteral("a batch is not an array"));
        return;
    }
    const QJsonArray batch = doc.array();
    if (batch.size() > MaxRecordsPerLine) {
        fail(QStringLiteral("a batch of more than %1 records").arg(MaxRecordsPerLine));
        return;
    }
    for (const QJsonValue& v : batch) {
        const QJsonArray a = v.toArray();
        if (a.size() < 5 || !a.at(1).isString()) {
            ++m_rejected;
            continue;
        }
        bool okT = false, okTask = false, okValue = false;
        ProbeRecord r;
        r.tNs = whole(a.at(0), &okT);
        r.kind = a.at(1).toString().left(32);
        if (a.at(2).isString())
            r.key = a.at(2).toString().left(128);
        else if (!a.at(2).isNull()) {
            ++m_rejected;
            continue;
        }
        r.task = a.at(3).isNull() ? -1 : whole(a.at(3), &okTask);
        if (a.at(3).isNull())
            okTask = true;
        if (a.at(4).isString()) {
            r.text = a.at(4).toString().left(64);
            okValue = true;
        } else {
            r.value = whole(a.at(4), &okValue);
        }
        if (a.size() > 5 && (a.at(5).isObject() || a.at(5).isArray()))
            r.extra = a.at(5);
        if (!okT || !okTask || !okValue || r.tNs <= 0 || r.tNs >= MaxTimeNs) {
            ++m_rejected;
            continue;
        }
        m_records.push_back(std::move(r));
    }
}

} // namespace proclab
