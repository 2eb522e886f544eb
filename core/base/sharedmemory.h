#pragma once

// POSIX shared memory objects named /proclab-<creator pid>.<creator start time>-<n>-<random>-<tag>. The creator
// unlinks them when their owner goes away; others only attach. If a creator is SIGKILLed, the next Context to
// start (or end) removes what it left: its pid and start time are in the name, and no live process has both (pid
// alone would not do: pids are reused). The random part makes names unguessable, so another user cannot squat
// the next name (O_EXCL fails, we draw again).

#include <QString>
#include <QStringList>

#include <memory>

namespace proclab {

class SharedMemory {
public:
    // A new zero-filled object of `size` bytes, owned (unlinked on destruction). nullptr with a message.
    static std::unique_ptr<SharedMemory> create(const QString& tag, qsizetype size, QString* error);
    // An existing object, not owned. nullptr with a message.
    static std::unique_ptr<SharedMemory> attach(const QString& name, QString* error);
    ~SharedMemory();
    SharedMemory(const SharedMemory&) = delete;
    SharedMemory& operator=(const SharedMemory&) = delete;

    void* data() const { return m_data; }
    qsizetype size() const { return m_size; }
    QString name() const { return m_name; } // "/proclab-..."
    bool isOwner() const { return m_owner; }
    void unlink(); // the name goes; mappings stay valid

private:
    SharedMemory() = default;
    void* m_data = nullptr;
    qsizetype m_size = 0;
    QString m_name;
    bool m_owner = false;
};

// Names (without the leading '/') of every object of ours in /dev/shm.
QStringList proclabSharedMemoryObjects();
// The process that created object `name` (with or without the leading '/'): pid, and start time (0 in names
// made before start times were recorded). False if the name is not one of ours.
bool sharedMemoryCreator(const QString& name, qint64* pid, quint64* startTime);
// Removes the objects of creators that are no longer alive. Returns how many went.
int removeStaleSharedMemory();
// How many objects removeStaleSharedMemory() removed in this process so far (each one a leak it repaired).
int staleSharedMemoryRemoved();
// The creators of the objects it removed, in order (the i-th removed object's creator at i), the most recent 4,096
// (earlier ones read as 0).
qint64 staleSharedMemoryCreator(int index);

} // namespace proclab
