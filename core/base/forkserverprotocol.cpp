#include "base/forkserverprotocol.h"

#include "base/wire.h"

#include <QByteArray>
#include <QCborValue>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace proclab::forkserver {

bool sendPacket(int fd, const QCborArray& msg, const int* fds, int nfds)
{
    const QByteArray body = wire::preamble() + msg.toCborValue().toCbor();
    iovec iov { const_cast<char*>(body.constData()), size_t(body.size()) };
    msghdr mh {};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * MaxFds)] = {};
    if (nfds > 0) {
        mh.msg_control = control;
        mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
        cmsghdr* c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
        std::memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
    }
    for (;;) {
        const ssize_t n = ::sendmsg(fd, &mh, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        return n == ssize_t(body.size());
    }
}

int recvPacket(int fd, QCborArray* msg, std::vector<int>* fds, bool block)
{
    char buf[4096];
    iovec iov { buf, sizeof buf };
    msghdr mh {};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * MaxFds)];
    mh.msg_control = control;
    mh.msg_controllen = sizeof control;
    ssize_t n;
    do {
        n = ::recvmsg(fd, &mh, MSG_CMSG_CLOEXEC | (block ? 0 : MSG_DONTWAIT));
    } while (n < 0 && errno == EINTR);
    if (n == 0)
        return 0;
    if (n < 0)
        return -1;
    for (cmsghdr* c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            const int count = int((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < count; ++i) {
                int received;
                std::memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
                if (fds)
                    fds->push_back(received);
                else
                    ::close(received);
            }
        }
    }
    const QByteArray pre = wire::preamble();
    if (n < pre.size() || std::memcmp(buf, pre.constData(), size_t(pre.size())) != 0)
        return -1;
    QCborParserError err;
    const QCborValue v = QCborValue::fromCbor(buf + pre.size(), n - pre.size(), &err);
    if (err.error != QCborError::NoError || !v.isArray())
        return -1;
    *msg = v.toArray();
    return 1;
}

} // namespace proclab::forkserver
