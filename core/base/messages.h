#pragma once

// The messages of ProcLab's three protocols, one struct each: engine <-> worker (wire.h frames), engine <->
// forkserver (forkserverprotocol.h packets) and engine/proxy <-> manager server (managerprotocol.h). Writers build the
// struct and encode() it; readers decode() and get either every field, checked for arity and type, or nothing and a
// reason (the caller treats that as a protocol error of the peer: a malformed message is never read as default values).
// The byte format is the positional CBOR array documented at wire::Msg, forkserver::Fs and managerproto::Msg:
// element 0 the type, then the fields in the order they are declared here.

#include "base/forkserverprotocol.h"
#include "base/managerprotocol.h"
#include "base/platform.h"
#include "base/wire.h"

#include <QByteArray>

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QString>

#include <optional>

namespace proclab::wire {

// engine -> worker

// The first message; the worker answers Ready.
struct Init {
    static constexpr Msg Type = Msg::Init;
    qint64 workerIndex = 0;
    QString name;
    // EventsPage: the engine's events page is at EventsWantedFd (engine/fault.h); make events only while it says 1.
    enum Flag : qint64 { EventsPage = 1 };
    qint64 flags = 0;
    qint64 paceNs = 0;
    QCborArray faults; // each a Fault::toCbor() array
    qint64 statusFd = -1; // the worker's status page, or -1

    QCborArray encode() const;
    static std::optional<Init> decode(const QCborArray& m, QString* why = nullptr);
};

struct Define {
    static constexpr Msg Type = Msg::Define;
    qint64 functionId = 0;
    QString kernel;
    QCborMap config;

    QCborArray encode() const;
    static std::optional<Define> decode(const QCborArray& m, QString* why = nullptr);
};

// Chunks firstChunkId, firstChunkId+1, ... of chunkSize consecutive tasks each (the last may be shorter).
struct Chunk {
    static constexpr Msg Type = Msg::Chunk;
    qint64 firstChunkId = 0;
    qint64 functionId = 0;
    qint64 firstTask = 0;
    qint64 chunkSize = 1; // >= 1
    QCborArray args;

    QCborArray encode() const;
    static std::optional<Chunk> decode(const QCborArray& m, QString* why = nullptr);
};

// A Process target: run once, then exit.
struct Run {
    static constexpr Msg Type = Msg::Run;
    qint64 functionId = 0;
    QCborValue args;

    QCborArray encode() const;
    static std::optional<Run> decode(const QCborArray& m, QString* why = nullptr);
};

struct Quit {
    static constexpr Msg Type = Msg::Quit;

    QCborArray encode() const;
    static std::optional<Quit> decode(const QCborArray& m, QString* why = nullptr);
};

// worker -> engine

struct Ready {
    static constexpr Msg Type = Msg::Ready;
    qint64 pid = 0;
    qint64 ppid = 0;
    qint64 tReadyNs = 0;

    QCborArray encode() const;
    static std::optional<Ready> decode(const QCborArray& m, QString* why = nullptr);
};

struct Started {
    static constexpr Msg Type = Msg::Started;
    qint64 chunkId = 0;
    qint64 tNs = 0;

    QCborArray encode() const;
    static std::optional<Started> decode(const QCborArray& m, QString* why = nullptr);
};

// A run of consecutive chunks completed, their tasks flattened in order.
struct Done {
    static constexpr Msg Type = Msg::Done;
    qint64 firstChunkId = 0;
    qint64 chunkCount = 0;
    QCborArray results; // one per task
    QCborArray times; // [tStart, tEnd] per task: twice as long as results
    // {flat task index: [type, message, phase]} for the tasks that raised; encoded as CBOR undefined when empty
    // (as workers always have; null is read as empty too)
    QCborMap errors;
    qint64 tSendNs = 0;

    QCborArray encode() const;
    static std::optional<Done> decode(const QCborArray& m, QString* why = nullptr);
};

struct RunDone {
    static constexpr Msg Type = Msg::RunDone;
    qint64 exitCode = 0;
    QString errorType; // empty when the target returned
    QString errorMessage;

    QCborArray encode() const;
    static std::optional<RunDone> decode(const QCborArray& m, QString* why = nullptr);
};

// Events the worker's code emitted, flattened: [t, kind, object, task, value] per event, all integers.
struct Events {
    static constexpr Msg Type = Msg::Events;
    QCborArray flat;

    QCborArray encode() const;
    static std::optional<Events> decode(const QCborArray& m, QString* why = nullptr);
};

// The worker cannot go on (it exits 3).
struct Fatal {
    static constexpr Msg Type = Msg::Fatal;
    QString message;

    QCborArray encode() const;
    static std::optional<Fatal> decode(const QCborArray& m, QString* why = nullptr);
};

// The name of a message type ("Done"), or its number when it has none.
QString messageName(int type);

} // namespace proclab::wire

namespace proclab::forkserver {

// forkserver -> engine, once it listens
struct Hello {
    static constexpr Fs Type = Fs::Hello;
    qint64 pid = 0;
    qint64 tNs = 0;

    QCborArray encode() const;
    static std::optional<Hello> decode(const QCborArray& m, QString* why = nullptr);
};

// engine -> forkserver, with the channel, stderr and inherited descriptors attached (in that order)
struct Fork {
    static constexpr Fs Type = Fs::Fork;
    qint64 request = 0;
    QCborArray targets; // the child's numbers for the inherited descriptors: integers

    QCborArray encode() const;
    static std::optional<Fork> decode(const QCborArray& m, QString* why = nullptr);
};

struct Forked {
    static constexpr Fs Type = Fs::Forked;
    qint64 request = 0;
    qint64 pid = 0;

    QCborArray encode() const;
    static std::optional<Forked> decode(const QCborArray& m, QString* why = nullptr);
};

struct Exited {
    static constexpr Fs Type = Fs::Exited;
    qint64 pid = 0;
    qint64 waitStatus = 0;
    platform::ProcessUsage usage; // the server's wait4 counted it

    QCborArray encode() const;
    static std::optional<Exited> decode(const QCborArray& m, QString* why = nullptr);
};

struct ForkFailed {
    static constexpr Fs Type = Fs::ForkFailed;
    qint64 request = 0;
    QString message;

    QCborArray encode() const;
    static std::optional<ForkFailed> decode(const QCborArray& m, QString* why = nullptr);
};

struct Signal {
    static constexpr Fs Type = Fs::Signal;
    qint64 pid = 0; // a child the server forked
    qint64 signal = 0;

    QCborArray encode() const;
    static std::optional<Signal> decode(const QCborArray& m, QString* why = nullptr);
};

QString messageName(int type);

} // namespace proclab::forkserver

namespace proclab::managerproto {

struct Hello {
    static constexpr Msg Type = Msg::Hello;
    qint64 protocolVersion = ProtocolVersion;
    QByteArray authkey;
    qint64 pid = 0;

    QCborArray encode() const;
    static std::optional<Hello> decode(const QCborArray& m, QString* why = nullptr);
};

struct Call {
    static constexpr Msg Type = Msg::Call;
    qint64 request = 0;
    qint64 object = 0; // 0: the manager itself
    qint64 method = 0; // a ManagerMethod
    QCborArray args;

    QCborArray encode() const;
    static std::optional<Call> decode(const QCborArray& m, QString* why = nullptr);
};

struct Welcome {
    static constexpr Msg Type = Msg::Welcome;
    qint64 protocolVersion = ProtocolVersion;
    qint64 pid = 0;

    QCborArray encode() const;
    static std::optional<Welcome> decode(const QCborArray& m, QString* why = nullptr);
};

struct Result {
    static constexpr Msg Type = Msg::Result;
    qint64 request = 0;
    QCborValue value;

    QCborArray encode() const;
    static std::optional<Result> decode(const QCborArray& m, QString* why = nullptr);
};

struct Error {
    static constexpr Msg Type = Msg::Error;
    qint64 request = 0; // 0: about the connection, which then closes
    QString type;
    QString message;

    QCborArray encode() const;
    static std::optional<Error> decode(const QCborArray& m, QString* why = nullptr);
};

struct Config {
    static constexpr Msg Type = Msg::Config;
    qint64 protocolVersion = ProtocolVersion;
    QString address;
    QByteArray authkey;

    QCborArray encode() const;
    static std::optional<Config> decode(const QCborArray& m, QString* why = nullptr);
};

struct Shutdown {
    static constexpr Msg Type = Msg::Shutdown;

    QCborArray encode() const;
    static std::optional<Shutdown> decode(const QCborArray& m, QString* why = nullptr);
};

struct Ready {
    static constexpr Msg Type = Msg::Ready;
    qint64 pid = 0;
    qint64 tReadyNs = 0;

    QCborArray encode() const;
    static std::optional<Ready> decode(const QCborArray& m, QString* why = nullptr);
};

struct Fatal {
    static constexpr Msg Type = Msg::Fatal;
    QString message;

    QCborArray encode() const;
    static std::optional<Fatal> decode(const QCborArray& m, QString* why = nullptr);
};

QString messageName(int type);

} // namespace proclab::managerproto
