#include "mp/managerclient.h"

namespace proclab {

QString managerMethodDisplay(ManagerMethod method)
{
    switch (method) {
    case ManagerMethod::CreateDict:
        return QStringLiteral("manager.dict()");
    case ManagerMethod::CreateList:
        return QStringLiteral("manager.list()");
    case ManagerMethod::DictSet:
        return QStringLiteral("d[k] = v");
    case ManagerMethod::DictGet:
        return QStringLiteral("d.get(k)");
    case ManagerMethod::DictAt:
        return QStringLiteral("d[k]");
    case ManagerMethod::DictContains:
        return QStringLiteral("k in d");
    case ManagerMethod::DictRemove:
        return QStringLiteral("del d[k]");
    case ManagerMethod::DictKeys:
        return QStringLiteral("d.keys()");
    case ManagerMethod::DictItems:
        return QStringLiteral("d.items()");
    case ManagerMethod::DictSize:
        return QStringLiteral("len(d)");
    case ManagerMethod::DictCopy:
        return QStringLiteral("d.copy()");
    case ManagerMethod::ListAppend:
        return QStringLiteral("l.append(v)");
    case ManagerMethod::ListAt:
        return QStringLiteral("l[i]");
    case ManagerMethod::ListSet:
        return QStringLiteral("l[i] = v");
    case ManagerMethod::ListSize:
        return QStringLiteral("len(l)");
    case ManagerMethod::ListReverse:
        return QStringLiteral("l.reverse()");
    case ManagerMethod::ListCopy:
        return QStringLiteral("l[:]");
    case ManagerMethod::ListExtend:
        return QStringLiteral("l.extend(items)");
    }
    return QStringLiteral("method %1").arg(int(method));
}

} // namespace proclab
