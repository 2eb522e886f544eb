#include "base/managerprotocol.h"

#include "base/wire.h"

#include <cstddef>
#include <cstring>

namespace proclab::managerproto {

bool fillAddress(const QString& name, sockaddr_un* sa, socklen_t* len)
{
    const QByteArray bytes = name.toUtf8();
    if (bytes.isEmpty() || size_t(bytes.size()) + 1 > sizeof sa->sun_path)
        return false;
    std::memset(sa, 0, sizeof *sa);
    sa->sun_family = AF_UNIX;
    sa->sun_path[0] = '\0'; // abstract namespace: no file to clean up, gone with the last descriptor
    std::memcpy(sa->sun_path + 1, bytes.constData(), size_t(bytes.size()));
    *len = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(bytes.size()));
    return true;
}

QByteArray frameWithPreamble(const QCborArray& msg)
{
    QByteArray out = wire::preamble();
    wire::appendFrame(out, msg);
    return out;
}

} // namespace proclab::managerproto
