#pragma once

// Python's multiprocessing.Pipe() and its Connection objects on real descriptors: a duplex Pipe is an
// AF_UNIX stream socketpair, a one-way Pipe is a pipe() whose first end only receives and second end only
// sends. Messages are CBOR, framed by a 4-byte big-endian length (as Python frames its pickles).
//
// A Connection travels to a child Process inside its args (handle()): the engine passes the descriptor
// and the child attaches to it. As in Python, the parent keeps its own copy of that end, and must close
// it to let recv() see end-of-file once the child is gone.

#include "mp/kernel.h"

#include <QByteArray>
#include <QCborValue>

#include <utility>

namespace proclab {

class ObjectHost;
class EventSink;

class Connection {
public:
    Connection() = default; // closed
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The end a handle names, in the process that received it; it owns the descriptor from now on.
    // Throws TaskException (TypeError) for anything else.
    static Connection attach(const QCborValue& handle);
    // {"kind": "conn", "fd", "readable", "writable", "id"}: put it in a Process's args.
    QCborValue handle() const;

    // All may throw TaskException with Python's types: OSError ("handle is closed", "connection is
    // read-only"/"write-only"), EOFError (recv: the other end closed), BrokenPipeError (send: the other end
    // is gone; never a SIGPIPE death), ValueError (a message of 2 GiB or more).
    void send(const QCborValue& value);
    QCborValue recv(); // blocks until a whole message arrived
    void sendBytes(const QByteArray& bytes);
    QByteArray recvBytes();
    // Whether recv() would not block: a message (or end-of-file) is there. timeoutMs < 0: wait for it.
    bool poll(int timeoutMs = 0) const;
    void close();

    bool closed() const { return m_fd < 0; }
    bool readable() const { return m_readable; }
    bool writable() const { return m_writable; }
    int fileno() const; // throws OSError when closed
    qint32 id() const { return m_id; } // the pipe's object id, shared by both ends

private:
    friend std::pair<Connection, Connection> Pipe(ObjectHost*, bool);
    Connection(int fd, bool readable, bool writable, qint32 id, EventSink* sink); // takes the fd
    void checkOpen() const;
    void writeFrame(const QByteArray& payload);
    QByteArray readFrame();

    int m_fd = -1;
    bool m_readable = false;
    bool m_writable = false;
    bool m_socket = false; // else a pipe(): no MSG_NOSIGNAL there
    qint32 m_id = -1;
    EventSink* m_sink = nullptr;
};

// Python's Pipe(duplex=True): (conn1, conn2). One-way: conn1 receives only, conn2 sends only.
// Throws TaskException (OSError) when the descriptors cannot be made.
std::pair<Connection, Connection> Pipe(ObjectHost* host, bool duplex = true);

} // namespace proclab
