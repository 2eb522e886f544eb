#include "base/handle.h"

#include <QCborArray>

namespace proclab {

QCborValue makeHandle(const QCborMap& fields)
{
    return QCborValue(QCborTag(HandleTag), fields);
}

bool isHandle(const QCborValue& v)
{
    return v.isTag() && v.tag() == QCborTag(HandleTag) && v.taggedValue().isMap();
}

QCborMap handleFields(const QCborValue& v)
{
    return isHandle(v) ? v.taggedValue().toMap() : QCborMap();
}

QCborValue remapHandleFds(const QCborValue& v, const std::function<int(int)>& remap)
{
    if (isHandle(v)) {
        QCborMap fields = handleFields(v);
        if (fields.contains(QStringLiteral("fd")))
            fields[QStringLiteral("fd")] = remap(int(fields.value(QStringLiteral("fd")).toInteger()));
        return makeHandle(fields);
    }
    if (v.isArray()) {
        QCborArray out;
        for (const auto& item : v.toArray())
            out.append(remapHandleFds(item, remap));
        return out;
    }
    if (v.isMap()) {
        QCborMap out;
        const QCborMap m = v.toMap();
        for (auto it = m.begin(); it != m.end(); ++it)
            out.insert(it.key(), remapHandleFds(it.value(), remap));
        return out;
    }
    if (v.isTag())
        return QCborValue(v.tag(), remapHandleFds(v.taggedValue(), remap));
    return v;
}

} // namespace proclab
