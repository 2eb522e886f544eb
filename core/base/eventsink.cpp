#include "base/eventsink.h"

#include <atomic>

namespace proclab {

namespace {
std::atomic<EventSink*> g_workerSink { nullptr };
}

EventSink* workerEventSink()
{
    return g_workerSink.load(std::memory_order_acquire);
}

void setWorkerEventSink(EventSink* sink)
{
    g_workerSink.store(sink, std::memory_order_release);
}

} // namespace proclab
