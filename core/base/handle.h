#pragma once

// A handle is how a primitive travels to another process inside a task's arguments, as Python pickles a
// Queue or a Connection into a Process's args: a CBOR value tagged HandleTag holding a map with at least
// "kind". Shared-memory primitives carry their object's name; connections carry a descriptor ("fd"),
// which Process::start() hands to the child and renumbers.

#include <QCborMap>
#include <QCborValue>

#include <functional>

namespace proclab {

inline constexpr quint64 HandleTag = 27002;

QCborValue makeHandle(const QCborMap& fields);
bool isHandle(const QCborValue& v);
QCborMap handleFields(const QCborValue& v); // empty when v is not a handle

// Calls `remap` for the "fd" of every handle inside v (recursively) and returns v with the fds replaced.
QCborValue remapHandleFds(const QCborValue& v, const std::function<int(int)>& remap);

} // namespace proclab
