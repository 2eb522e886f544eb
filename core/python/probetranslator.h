#pragma once

// Turns the Python probe's records (ProbeReader) into the engine's Events, so that a student's CPython program
// shows on the same stage, timeline, console, Save Run and Chrome export as ProcLab's own runs.
//
// Keys become object ids ("q4711.1" → 3), chunks ("c4711:0:3") get task ids when first seen (from TaskSubmit in
// the pool's owner or TaskDispatch in the worker, whichever arrives first: both carry the chunk's size). The
// connection's pid is authoritative: a process cannot report for another, except a ProcessSpawn or ProcessExit
// about its own child. Records of an unknown kind or that do not fit are counted and dropped. Not thread-safe (the
// run's I/O thread only).

#include "base/event.h"
#include "python/probereader.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <map>
#include <set>
#include <vector>

namespace proclab {

class ProbeTranslator {
public:
    struct Chunk {
        qint32 id = -1;
        qint64 base = 0; // task ids base .. base + size - 1
        qint64 size = 0;
        qint64 owner = 0; // the pid that submitted it
        qint64 worker = 0; // the pid that pulled it, 0 before
        qint64 next = 0; // the chunk's next task not yet ended
        bool submitted = false;
        bool dispatched = false;
        bool resulted = false; // the owner got the chunk's result (resultNs, resultOk)
        bool raised = false; // a task of it raised: the rest never run
        bool settled = false; // its TaskResult/TaskCancel/TaskLost events went out
        qint64 resultNs = 0;
    };
    struct Process {
        qint64 pid = 0;
        qint64 parent = 0;
        qint32 slot = -1;
        qint64 spawnNs = 0;
        QString name;
        bool ready = false;
        bool exited = false;
        qint64 exitCode = 0;
    };

    // The program's main process (started by the engine at spawnNs).
    void setMain(qint64 pid, qint64 spawnNs);
    // One record from the connection of `pid`; appends what it means to *out.
    void apply(qint64 pid, const ProbeRecord& r, EventBatch* out);
    // The main process's exit (the engine reaped it).
    void mainExited(qint64 tNs, int exitCode, EventBatch* out);
    // The end of the run: processes that never reported an exit, tasks that never ended (lost).
    void finish(qint64 tNs, EventBatch* out);

    const std::map<qint64, Process>& processes() const { return m_processes; }
    bool knows(qint64 pid) const { return m_processes.count(pid) > 0; }
    QString nameOf(qint64 pid) const;
    QStringList notes() const { return m_notes; }
    QStringList managerMethods() const { return m_methods; }
    qint64 dropped() const { return m_dropped; }

private:
    Process& process(qint64 pid);
    qint32 object(const QString& key);
    Chunk* chunk(const QString& key, qint64 size);
    void lose(qint64 pid, qint64 tNs, EventBatch* out);
    void settle(Chunk& c, EventBatch* out);
    void push(EventBatch* out, qint64 t, qint64 pid, EventKind kind, qint32 object, qint64 task, qint64 value);

    qint64 m_main = 0;
    std::map<qint64, Process> m_processes;
    QHash<QString, qint32> m_objects;
    std::map<QString, Chunk> m_chunks;
    QHash<qint32, qint64> m_lockHolder; // lock → pid holding it (0: free)
    QStringList m_methods; // ManagerCall's value: an index into this
    QStringList m_notes;
    qint32 m_nextObject = 0;
    qint64 m_nextTask = 0;
    qint32 m_nextSlot = 0;
    qint64 m_dropped = 0;
};

} // namespace proclab
