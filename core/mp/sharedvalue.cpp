#include "mp/sharedvalue.h"
#include "mp/objecthost.h"

#include "base/handle.h"
#include "mp/kernel.h"

#include <QCborMap>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>

namespace proclab {

namespace {

struct CellType {
    char code;
    int size;
    bool isFloat;
    bool isSigned;
    const char* ctype;
};

// Linux LP64: C long is 64 bits, so 'l' and 'q' are the same.
constexpr CellType CellTypes[] = {
    { 'b', 1, false, true, "c_byte" },
    { 'B', 1, false, false, "c_ubyte" },
    { 'h', 2, false, true, "c_short" },
    { 'H', 2, false, false, "c_ushort" },
    { 'i', 4, false, true, "c_int" },
    { 'I', 4, false, false, "c_uint" },
    { 'l', 8, false, true, "c_long" },
    { 'L', 8, false, false, "c_ulong" },
    { 'q', 8, false, true, "c_longlong" },
    { 'Q', 8, false, false, "c_ulonglong" },
    { 'f', 4, true, true, "c_float" },
    { 'd', 8, true, true, "c_double" },
};

const CellType* cellType(char code)
{
    for (const CellType& t : CellTypes)
        if (t.code == code)
            return &t;
    return nullptr;
}

const CellType& checkedCellType(char code)
{
    const CellType* t = cellType(code);
    if (!t)
        throw TaskException(
            QStringLiteral("ValueError"), QStringLiteral("bad typecode (must be %1)").arg(SharedCells::typecodes()));
    return *t;
}

// The payload: this header, then the cells, 8-byte aligned.
struct CellsHeader {
    qint64 count;
    qint32 size;
    char typecode;
};
constexpr qsizetype CellsOffset = 16;
static_assert(sizeof(CellsHeader) <= CellsOffset);

// One element, read or written whole (relaxed atomics: no torn values, and no ordering either, as in C).
template <class T> T loadCell(const void* p)
{
    return __atomic_load_n(static_cast<const T*>(p), __ATOMIC_RELAXED);
}
template <class T> void storeCell(void* p, T v)
{
    __atomic_store_n(static_cast<T*>(p), v, __ATOMIC_RELAXED);
}

const QString TypecodeKey = QStringLiteral("typecode");
const QString LockKey = QStringLiteral("lock");

} // namespace

// --- SharedCells -----------------------------------------------------------------------------------------------

SharedCells::SharedCells(SharedCells&&) noexcept = default;
SharedCells& SharedCells::operator=(SharedCells&&) noexcept = default;
SharedCells::~SharedCells() = default;

QString SharedCells::typecodes()
{
    QString list;
    for (qsizetype i = 0; i < qsizetype(std::size(CellTypes)); ++i) {
        if (i > 0)
            list += i + 1 == qsizetype(std::size(CellTypes)) ? QStringLiteral(" or ") : QStringLiteral(", ");
        list += QLatin1Char(CellTypes[i].code);
    }
    return list;
}

QString SharedCells::ctypeName() const
{
    return QLatin1String(checkedCellType(m_typecode).ctype);
}

RLock& SharedCells::getLock() const
{
    if (!m_lock) {
        const QString type = m_kind == QLatin1String("array")
            ? QStringLiteral("%1_Array_%2").arg(ctypeName()).arg(m_count)
            : ctypeName();
        throw TaskException(
            QStringLiteral("AttributeError"), QStringLiteral("'%1' object has no attribute 'get_lock'").arg(type));
    }
    return *m_lock;
}

void SharedCells::createCells(ObjectHost* host, const QString& kind, char typecode, qsizetype count, bool lock)
{
    const CellType& t = checkedCellType(typecode);
    if (count < 0)
        throw TaskException(QStringLiteral("ValueError"), QStringLiteral("array size must be >= 0"));
    if (lock)
        m_lock = std::make_unique<RLock>(host);
    create(host, kind, CellsOffset + count * t.size, count);
    auto* header = static_cast<CellsHeader*>(data());
    header->count = count;
    header->size = t.size;
    header->typecode = typecode;
    m_typecode = typecode;
    m_size = t.size;
    m_count = count;
}

void SharedCells::attachCells(const QCborValue& handle, const QString& kind, EventSink* engine)
{
    attachTo(handle, { kind }, CellsOffset, engine);
    const auto* header = static_cast<const CellsHeader*>(data());
    const CellType* t = cellType(header->typecode);
    if (!t || header->size != t->size || header->count < 0)
        throw TaskException(QStringLiteral("TypeError"), QStringLiteral("%1 holds no %2").arg(shmName(), kind));
    m_typecode = header->typecode;
    m_size = t->size;
    m_count = qsizetype(header->count);
    const QCborValue lock = handleFields(handle).value(LockKey);
    if (isHandle(lock))
        m_lock = std::make_unique<RLock>(RLock::attach(lock, engine));
}

QCborMap SharedCells::handleExtras() const
{
    return { { TypecodeKey, QString(QLatin1Char(m_typecode)) },
        { LockKey, m_lock ? m_lock->handle() : QCborValue(QCborValue::Null) } };
}

void* SharedCells::cells() const
{
    return static_cast<char*>(data()) + CellsOffset;
}

QCborValue SharedCells::load(qsizetype index) const
{
    const void* p = static_cast<const char*>(cells()) + index * m_size;
    switch (m_typecode) {
    case 'b':
        return loadCell<qint8>(p);
    case 'B':
        return loadCell<quint8>(p);
    case 'h':
        return loadCell<qint16>(p);
    case 'H':
        return loadCell<quint16>(p);
    case 'i':
        return loadCell<qint32>(p);
    case 'I':
        return qint64(loadCell<quint32>(p));
    case 'l':
    case 'q':
        return loadCell<qint64>(p);
    case 'L':
    case 'Q': {
        const quint64 v = loadCell<quint64>(p);
        // CBOR integers here are signed 64-bit: beyond that, the nearest double (Python would print the int).
        return v <= quint64(std::numeric_limits<qint64>::max()) ? QCborValue(qint64(v)) : QCborValue(double(v));
    }
    case 'f': {
        float f;
        const quint32 bits = loadCell<quint32>(p);
        std::memcpy(&f, &bits, sizeof f);
        return double(f);
    }
    case 'd': {
        double d;
        const quint64 bits = loadCell<quint64>(p);
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }
    }
    return {};
}

void SharedCells::checkStorable(const QCborValue& value) const
{
    const CellType& t = checkedCellType(m_typecode);
    const bool number = value.isInteger() || value.isBool() || (t.isFloat && value.isDouble());
    if (number)
        return;
    if (!t.isFloat && value.isDouble())
        throw TaskException(QStringLiteral("TypeError"), QStringLiteral("int expected instead of float"));
    throw TaskException(QStringLiteral("TypeError"),
        t.isFloat ? QStringLiteral("must be real number, not %1")
                        .arg(value.isString() ? QStringLiteral("str") : QStringLiteral("object"))
                  : QStringLiteral("an integer is required"));
}

void SharedCells::store(qsizetype index, const QCborValue& value)
{
    void* p = static_cast<char*>(cells()) + index * m_size;
    // Integers keep their low bits, as ctypes does: c_byte(200).value == -56.
    const qint64 i = value.isBool() ? qint64(value.toBool()) : value.toInteger();
    const double d = value.isDouble() ? value.toDouble() : double(i);
    switch (m_typecode) {
    case 'b':
    case 'B':
        storeCell<quint8>(p, quint8(i));
        break;
    case 'h':
    case 'H':
        storeCell<quint16>(p, quint16(i));
        break;
    case 'i':
    case 'I':
        storeCell<quint32>(p, quint32(i));
        break;
    case 'l':
    case 'L':
    case 'q':
    case 'Q':
        storeCell<quint64>(p, quint64(i));
        break;
    case 'f': {
        const float f = float(d);
        quint32 bits;
        std::memcpy(&bits, &f, sizeof bits);
        storeCell<quint32>(p, bits);
        break;
    }
    case 'd': {
        quint64 bits;
        std::memcpy(&bits, &d, sizeof bits);
        storeCell<quint64>(p, bits);
        break;
    }
    }
}

void SharedCells::holdQuietly(Lock* lock)
{
    try {
        lock->acquireImpl(true, -1, true);
    } catch (const OwnerDiedError&) {
        // A single access cannot repair anything: let the lock go again and tell the caller.
        lock->releaseImpl(true);
        throw;
    }
}

void SharedCells::releaseQuietly(Lock* lock)
{
    lock->releaseImpl(true);
}

SharedCells::Access::Access(const SharedCells& cells)
    : m_lock(cells.m_lock.get())
{
    if (m_lock)
        holdQuietly(m_lock);
}

SharedCells::Access::~Access()
{
    if (m_lock)
        releaseQuietly(m_lock);
}

// --- Value -----------------------------------------------------------------------------------------------------

namespace {
qint64 eventNumber(const QCborValue& v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        return std::isfinite(d) ? qint64(std::llround(std::clamp(d, -9.2e18, 9.2e18))) : 0;
    }
    return v.toInteger();
}
} // namespace

Value::Value(ObjectHost* host, char typecode, const QCborValue& initial, bool lock)
{
    createCells(host, QStringLiteral("value"), typecode, 1, lock);
    checkStorable(initial);
    store(0, initial);
}

Value Value::attach(const QCborValue& handle, EventSink* engine)
{
    Value v;
    v.attachCells(handle, QStringLiteral("value"), engine);
    if (v.cellCount() != 1)
        throw TaskException(QStringLiteral("TypeError"), QStringLiteral("%1 is not a Value").arg(v.shmName()));
    return v;
}

QCborValue Value::value() const
{
    QCborValue v;
    {
        Access access(*this);
        v = load(0);
    }
    emitEvent(EventKind::SharedRead, eventNumber(v));
    return v;
}

void Value::setValue(const QCborValue& value)
{
    checkStorable(value);
    QCborValue stored;
    {
        Access access(*this);
        store(0, value);
        stored = load(0); // what the cell holds now (wrapped, rounded to float)
    }
    emitEvent(EventKind::SharedWrite, eventNumber(stored));
}

// --- Array -----------------------------------------------------------------------------------------------------

Array::Array(ObjectHost* host, char typecode, qsizetype size, bool lock)
{
    createCells(host, QStringLiteral("array"), typecode, size, lock);
}

Array::Array(ObjectHost* host, char typecode, const QCborArray& initial, bool lock)
{
    createCells(host, QStringLiteral("array"), typecode, initial.size(), lock);
    for (qsizetype i = 0; i < initial.size(); ++i) {
        checkStorable(initial.at(i));
        store(i, initial.at(i));
    }
}

Array Array::attach(const QCborValue& handle, EventSink* engine)
{
    Array a;
    a.attachCells(handle, QStringLiteral("array"), engine);
    return a;
}

qsizetype Array::checkedIndex(qsizetype index) const
{
    const qsizetype i = index < 0 ? index + cellCount() : index;
    if (i < 0 || i >= cellCount())
        throw TaskException(QStringLiteral("IndexError"), QStringLiteral("invalid index"));
    return i;
}

QCborValue Array::at(qsizetype index) const
{
    const qsizetype i = checkedIndex(index);
    QCborValue v;
    {
        Access access(*this);
        v = load(i);
    }
    emitEvent(EventKind::SharedRead, i, eventNumber(v)); // the cell and the number in it
    return v;
}

void Array::set(qsizetype index, const QCborValue& value)
{
    const qsizetype i = checkedIndex(index);
    checkStorable(value);
    QCborValue stored;
    {
        Access access(*this);
        store(i, value);
        stored = load(i); // what the cell holds now (wrapped, rounded to float)
    }
    emitEvent(EventKind::SharedWrite, i, eventNumber(stored));
}

QCborArray Array::toList() const
{
    QCborArray list;
    {
        Access access(*this);
        for (qsizetype i = 0; i < cellCount(); ++i)
            list.append(load(i));
    }
    emitEvent(EventKind::SharedRead, -1);
    return list;
}

void Array::assign(const QCborArray& values)
{
    if (values.size() != cellCount())
        throw TaskException(QStringLiteral("ValueError"), QStringLiteral("Can only assign sequence of same size"));
    for (const QCborValue& v : values)
        checkStorable(v);
    {
        Access access(*this);
        for (qsizetype i = 0; i < cellCount(); ++i)
            store(i, values.at(i));
    }
    emitEvent(EventKind::SharedWrite, -1);
}

QCborArray pyRange(qint64 stop)
{
    QCborArray list;
    for (qint64 i = 0; i < stop; ++i)
        list.append(i);
    return list;
}

} // namespace proclab
