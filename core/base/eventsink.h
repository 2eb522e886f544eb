#pragma once

// Where a process reports what it does. In a worker, events go over its channel to the engine (stamped
// here, merged there); in the engine, a Context records them directly.

#include "base/event.h"

namespace proclab {

class EventSink {
public:
    virtual ~EventSink() = default;
    // Stamps the event now, in this process, and queues it.
    virtual void emitEvent(EventKind kind, qint32 object, qint64 task, qint64 value) = 0;
    // Sends what is queued (call before blocking, so that a wait shows while it lasts).
    virtual void flushEvents() { }
    // False while nothing reads events: emitEvent() drops them, and a caller can skip working out their values.
    virtual bool wantsEvents() const { return true; }
};

// The worker's channel when this process is a worker, else nullptr.
EventSink* workerEventSink();
void setWorkerEventSink(EventSink* sink);

// The sink a primitive should use: the worker's channel in a worker, else `engine` (may be nullptr).
inline EventSink* eventSinkFor(EventSink* engine)
{
    EventSink* w = workerEventSink();
    return w ? w : engine;
}

} // namespace proclab
