#pragma once

// Where primitives are made: an ObjectHost gives each Queue, Lock, Pipe, Value... a run-unique id for its events
// and is the sink of the process that made it. The engine's Context is one. A primitive made with none (nullptr,
// as in a worker) has no id and reports to the worker's channel when there is one.

#include "base/eventsink.h"

namespace proclab {

class ObjectHost : public EventSink {
public:
    // A new id for a queue, lock, pipe... shown in events and on the stage. Thread-safe.
    virtual qint32 nextObjectId() = 0;
};

} // namespace proclab
