#include "mp/managerproxy.h"

#include "base/clock.h"
#include "base/handle.h"
#include "base/managerprotocol.h"
#include "base/platform.h"
#include "mp/managerclient.h"

namespace proclab {

using namespace managerproto;

// ---- Proxies ----

BaseProxy::BaseProxy(
    std::shared_ptr<ManagerClient> client, QString type, qint64 serverObject, qint32 eventObject, EventSink* sink)
    : m_client(std::move(client))
    , m_type(std::move(type))
    , m_serverObject(serverObject)
    , m_eventObject(eventObject)
    , m_sink(sink)
{
}

BaseProxy::BaseProxy(const QCborValue& handle, const QString& type, EventSink* engine)
    : m_type(type)
    , m_sink(eventSinkFor(engine))
{
    const QCborMap f = handleFields(handle);
    if (f.value(QStringLiteral("kind")).toString() != QLatin1String("manager-proxy")
        || f.value(QStringLiteral("type")).toString() != type)
        throw TaskException(QStringLiteral("TypeError"), QStringLiteral("not a %1 proxy").arg(type));
    ManagerClient::Peer peer;
    peer.address = f.value(QStringLiteral("address")).toString();
    peer.authkey = f.value(QStringLiteral("authkey")).toByteArray();
    peer.pid = f.value(QStringLiteral("pid")).toInteger();
    peer.name = f.value(QStringLiteral("name")).toString();
    peer.timeoutMs = int(f.value(QStringLiteral("timeout")).toInteger(managerproto::DefaultTimeoutMs));
    m_serverObject = f.value(QStringLiteral("object")).toInteger();
    m_eventObject = qint32(f.value(QStringLiteral("id")).toInteger());
    m_client = std::make_shared<ManagerClient>(std::move(peer));
    m_client->connect(); // as Python's proxy does on unpickling: a dead manager shows up here
}

QCborValue BaseProxy::handle() const
{
    if (!m_client)
        return {};
    const ManagerClient::Peer peer = m_client->peer();
    return makeHandle({ { QStringLiteral("kind"), QStringLiteral("manager-proxy") }, { QStringLiteral("type"), m_type },
        { QStringLiteral("address"), peer.address }, { QStringLiteral("authkey"), peer.authkey },
        { QStringLiteral("pid"), peer.pid }, { QStringLiteral("name"), peer.name },
        { QStringLiteral("timeout"), peer.timeoutMs }, { QStringLiteral("object"), m_serverObject },
        { QStringLiteral("id"), m_eventObject } });
}

void BaseProxy::setTimeout(int ms)
{
    if (m_client)
        m_client->setTimeout(ms);
}

QCborValue BaseProxy::call(ManagerMethod method, const QCborArray& args) const
{
    if (!m_client)
        throw TaskException(QStringLiteral("ValueError"), QStringLiteral("a proxy that refers to no object"));
    return m_client->call(m_serverObject, method, args, m_eventObject, m_sink);
}

DictProxy DictProxy::attach(const QCborValue& handle, EventSink* engine)
{
    return DictProxy(handle, engine);
}

void DictProxy::set(const QCborValue& key, const QCborValue& value)
{
    call(ManagerMethod::DictSet, { key, value });
}

QCborValue DictProxy::get(const QCborValue& key, const QCborValue& fallback) const
{
    return call(ManagerMethod::DictGet, { key, fallback });
}

QCborValue DictProxy::at(const QCborValue& key) const
{
    return call(ManagerMethod::DictAt, { key });
}

bool DictProxy::contains(const QCborValue& key) const
{
    return call(ManagerMethod::DictContains, { key }).toBool();
}

void DictProxy::remove(const QCborValue& key)
{
    call(ManagerMethod::DictRemove, { key });
}

QCborArray DictProxy::keys() const
{
    return call(ManagerMethod::DictKeys).toArray();
}

QCborArray DictProxy::items() const
{
    return call(ManagerMethod::DictItems).toArray();
}

qint64 DictProxy::size() const
{
    return call(ManagerMethod::DictSize).toInteger();
}

QCborMap DictProxy::toMap() const
{
    return call(ManagerMethod::DictCopy).toMap();
}

ListProxy ListProxy::attach(const QCborValue& handle, EventSink* engine)
{
    return ListProxy(handle, engine);
}

void ListProxy::append(const QCborValue& value)
{
    call(ManagerMethod::ListAppend, { value });
}

void ListProxy::extend(const QCborArray& values)
{
    call(ManagerMethod::ListExtend, { QCborValue(values) }); // not { values }: that would copy the array
}

QCborValue ListProxy::at(qint64 index) const
{
    return call(ManagerMethod::ListAt, { index });
}

void ListProxy::set(qint64 index, const QCborValue& value)
{
    call(ManagerMethod::ListSet, { index, value });
}

qint64 ListProxy::size() const
{
    return call(ManagerMethod::ListSize).toInteger();
}

void ListProxy::reverse()
{
    call(ManagerMethod::ListReverse);
}

QCborArray ListProxy::toList() const
{
    return call(ManagerMethod::ListCopy).toArray();
}

} // namespace proclab
