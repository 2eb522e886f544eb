#pragma once

// POSIX shared memory objects named /proclab-<engine pid>-<n>-<tag>. The engine creates them and unlinks
// them when their owner goes away; a worker only attaches. If an engine is SIGKILLed, the next Context
// to start removes what it left (its pid is in the name, and it is dead).

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
// Removes the objects of engines that are no longer alive. Returns how many went.
int removeStaleSharedMemory();

} // namespace proclab
