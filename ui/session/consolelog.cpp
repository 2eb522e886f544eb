#include "consolelog.h"

namespace proclab {

void ConsoleLog::clear()
{
    m_records.clear();
    m_dropped = 0;
}

void ConsoleLog::assign(std::vector<ConsoleRecord> records)
{
    m_records = std::move(records);
    m_dropped = 0;
}

bool ConsoleLog::append(const ConsoleChunk& chunk)
{
    if (qsizetype(m_records.size()) >= maxRecords) {
        ++m_dropped;
        return false;
    }
    m_records.push_back({ chunk.tNs, chunk.pid, chunk.stream, QString::fromUtf8(chunk.text) });
    return true;
}

} // namespace proclab
