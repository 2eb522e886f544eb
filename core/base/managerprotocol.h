#pragma once

// The manager protocol. Every stream starts with wire.h's preamble and carries wire.h frames (a CBOR array
// whose first element is the message type).
//
// Control socket (engine <-> server, a socketpair given as fd 3):
//   engine: [Config, protocolVersion, address, authkey]   once, right after the spawn
//           [Shutdown]                                     exit now (EOF on the socket means the same)
//   server: [Ready, pid, tReadyNs]                         listening: proxies may connect
//           [Fatal, message]                               could not start (then exits 3)
// Proxy connections (abstract AF_UNIX stream socket, one per proxy connection, served one message at a time):
//   proxy:  [Hello, protocolVersion, authkey, pid]         first; a wrong key is refused (AuthenticationError)
//           [Call, requestId, object, method, [args...]]   object 0 is the manager itself (CreateDict/List)
//   server: [Welcome, protocolVersion, pid]
//           [Result, requestId, value]
//           [Error, requestId, type, message]              requestId 0: about the connection, which then closes

#include <QByteArray>
#include <QCborArray>
#include <QString>

#include <sys/socket.h>
#include <sys/un.h>

namespace proclab::managerproto {

inline constexpr int ProtocolVersion = 1;
inline constexpr qsizetype MaxFrame = 64 * 1024 * 1024;
inline constexpr qsizetype MaxPendingReplies = 64 * 1024 * 1024; // a proxy that never reads is dropped
// Before a client has shown the authkey it may send this much (the preamble and a greeting fit in ~100 bytes),
// within this long; and at most this many clients are connected at once. A stranger costs the server little.
inline constexpr qsizetype MaxHelloBytes = 512;
inline constexpr int HandshakeTimeoutMs = 10'000;
inline constexpr int MaxClients = 1024;

enum class Msg : int {
    Hello = 1,
    Call = 3,
    Welcome = 20,
    Result = 21,
    Error = 22,
    Config = 40,
    Shutdown = 41,
    Ready = 50,
    Fatal = 51,
};

// How long a proxy call waits for the server's reply, and a start for the server's Ready, by default (ms).
inline constexpr int DefaultTimeoutMs = 30'000;
inline constexpr int StartTimeoutMs = 5'000;

// The abstract-namespace AF_UNIX address called `name` (no file to clean up). False when the name does not fit.
bool fillAddress(const QString& name, sockaddr_un* sa, socklen_t* len);
// The wire preamble followed by one frame: the first bytes a side sends.
QByteArray frameWithPreamble(const QCborArray& msg);

} // namespace proclab::managerproto
