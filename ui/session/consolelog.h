#pragma once

// What the processes of a run printed, in the order the shared console received it. Kept with the run's events:
// the console shows each write when the playhead passes it (live, in a replay, in an opened run), and a saved
// run carries it. At most maxRecords writes are kept; later ones are only counted (the window shows them at once,
// as it draws events past the player's bound). GUI thread only.

#include "engine/context.h"
#include "lab/trace.h"

#include <vector>

namespace proclab {

class ConsoleLog {
public:
    static constexpr qsizetype maxRecords = 100'000;

    void clear();
    void assign(std::vector<ConsoleRecord> records); // a recorded run's
    bool append(const ConsoleChunk& chunk); // false past maxRecords: not kept, counted in dropped()

    const std::vector<ConsoleRecord>& records() const { return m_records; }
    qint64 dropped() const { return m_dropped; }

private:
    std::vector<ConsoleRecord> m_records;
    qint64 m_dropped = 0;
};

} // namespace proclab
