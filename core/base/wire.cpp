#include "base/wire.h"

#include <QtEndian>

#include <cstring>

namespace proclab::wire {

QByteArray preamble()
{
    QByteArray p(Magic, 4);
    char v[4];
    qToLittleEndian<quint16>(Version, v);
    v[2] = v[3] = 0;
    p.append(v, 4);
    return p;
}

void appendFrame(QByteArray& out, const QCborArray& message)
{
    const QByteArray body = message.toCborValue().toCbor();
    char len[4];
    qToLittleEndian<quint32>(quint32(body.size()), len);
    out.append(len, 4);
    out.append(body);
}

bool FrameReader::fail(const QString& why)
{
    if (m_error.isEmpty())
        m_error = why;
    return false;
}

bool FrameReader::next(QCborArray* out)
{
    if (hasError())
        return false;
    if (!m_sawPreamble) {
        if (m_buffer.size() - m_pos < PreambleSize)
            return false;
        const char* p = m_buffer.constData() + m_pos;
        if (std::memcmp(p, Magic, 4) != 0)
            return fail(QStringLiteral("bad magic: the peer is not a ProcLab stream"));
        const quint16 version = qFromLittleEndian<quint16>(p + 4);
        if (version != Version)
            return fail(QStringLiteral("protocol version %1, expected %2").arg(version).arg(Version));
        m_pos += PreambleSize;
        m_sawPreamble = true;
    }
    if (m_buffer.size() - m_pos < 4)
        return false;
    const quint32 len = qFromLittleEndian<quint32>(m_buffer.constData() + m_pos);
    if (qsizetype(len) > m_maxFrame)
        return fail(QStringLiteral("frame of %1 bytes exceeds the limit of %2").arg(len).arg(m_maxFrame));
    if (m_buffer.size() - m_pos - 4 < qsizetype(len))
        return false;

    QCborParserError err;
    const QCborValue value = QCborValue::fromCbor(m_buffer.constData() + m_pos + 4, qsizetype(len), &err);
    m_pos += 4 + qsizetype(len);
    if (err.error != QCborError::NoError)
        return fail(QStringLiteral("malformed frame: %1").arg(err.errorString()));
    if (!value.isArray() || value.toArray().isEmpty() || !value.toArray().at(0).isInteger())
        return fail(QStringLiteral("malformed frame: not a typed message"));
    *out = value.toArray();

    // Compact once the consumed prefix dominates, keeping appends amortised O(1).
    if (m_pos > 65536 && m_pos * 2 > m_buffer.size()) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    } else if (m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    }
    return true;
}

} // namespace proclab::wire
