#pragma once

// The control stream between the engine and its forkserver (both sides include this): SEQPACKET packets, each
// the wire preamble and one CBOR array whose first element is the message type, with descriptors attached as
// SCM_RIGHTS where a fork request hands them over.

#include <QCborArray>

#include <vector>

namespace proclab::forkserver {

// [Hello, pid, tNs]; [Fork, request, [childFd...]] + fds; [Forked, request, pid];
// [Exited, pid, waitStatus, userUs, systemUs, voluntarySwitches, involuntarySwitches, peakRssKib];
// [ForkFailed, request, message]; [Signal, pid, signal] (engine to server: signal that child's group, if the server
// has not reaped it yet: only the parent knows that a pid still names its child and not a newcomer)
enum class Fs : int { Hello = 1, Fork = 2, Forked = 3, Exited = 4, ForkFailed = 5, Signal = 6 };
constexpr int MaxFds = 64; // channel, stderr and up to 62 inherited descriptors per fork

// One packet: the CBOR message, with `nfds` descriptors attached. False when the packet could not be sent whole.
bool sendPacket(int fd, const QCborArray& msg, const int* fds = nullptr, int nfds = 0);
// Returns 1 with a message, 0 on EOF, -1 on error or EAGAIN. Received descriptors go to fds (CLOEXEC), or are
// closed when fds is null.
int recvPacket(int fd, QCborArray* msg, std::vector<int>* fds, bool block);

} // namespace proclab::forkserver
