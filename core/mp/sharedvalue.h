#pragma once

// Python's multiprocessing.Value and Array: typed C values in POSIX shared memory, that a parent and its children
// read and write in place (nothing is copied or sent). The engine creates them; a child attach()es the handle it
// received in its args.
//
// Typecodes (Python's array module / ctypes): 'b' 'B' (8 bits), 'h' 'H' (16), 'i' 'I' (32), 'l' 'L' 'q' 'Q' (64,
// as C long on Linux), 'f' (float), 'd' (double); lower case signed. Integers wrap on overflow as ctypes does; a
// float stored into an integer type is a TypeError. 'c' and 'u' are not supported.
//
// lock=true (the default) makes a synchronized object: every single access takes its own RLock, getLock(). A
// single access is then whole, but `v.setValue(v.value().toInteger() + 1)` (Python's `v.value += 1`) is still
// two accesses, and updates get lost between them; hold getLock() around both to make it one step. lock=false
// makes a raw object, with no lock at all.
//
// Events, one per access (the per-access locking of a synchronized object is not reported separately):
//   SharedRead / SharedWrite  object: the Value or Array
//   value: for a Value, the number read or written (rounded to an integer for 'f' and 'd'), so that a lost
//          update shows as two reads of the same number; for an Array, the element's index (-1: the whole array,
//          as arr[:] reads it and arr[:] = ... writes it).

#include "mp/sync.h"

#include <QCborArray>
#include <QCborValue>
#include <QString>

#include <memory>

namespace proclab {

class ObjectHost;

// What Value and Array share: typed cells in shared memory and their optional lock.
class SharedCells : public SharedObject {
public:
    SharedCells(SharedCells&&) noexcept;
    SharedCells& operator=(SharedCells&&) noexcept;
    ~SharedCells() override;

    char typecode() const { return m_typecode; }
    QString ctypeName() const; // "c_int", "c_double"...
    bool isSynchronized() const { return bool(m_lock); }
    // get_lock(): the RLock of a synchronized object. AttributeError for a raw one (lock=false), as in Python.
    RLock& getLock() const;

    // Python's typecodes, for messages: "b, B, h, H, i, I, l, L, q, Q, f or d".
    static QString typecodes();

protected:
    SharedCells() = default;
    void createCells(ObjectHost* host, const QString& kind, char typecode, qsizetype count, bool lock);
    void attachCells(const QCborValue& handle, const QString& kind, EventSink* engine);
    QCborMap handleExtras() const override;

    qsizetype cellCount() const { return m_count; }
    QCborValue load(qsizetype index) const; // caller holds the lock if synchronized
    void store(qsizetype index, const QCborValue& value); // caller holds the lock if synchronized
    void checkStorable(const QCborValue& value) const; // TypeError, as ctypes raises it

    // Holds the lock of a synchronized object for one access, without reporting it.
    class Access {
    public:
        explicit Access(const SharedCells& cells);
        ~Access();
        Access(const Access&) = delete;
        Access& operator=(const Access&) = delete;

    private:
        Lock* m_lock = nullptr;
    };

private:
    void* cells() const;
    static void holdQuietly(Lock* lock); // Lock befriends SharedCells, not its nested Access
    static void releaseQuietly(Lock* lock);

    char m_typecode = 'i';
    int m_size = 4;
    qsizetype m_count = 0;
    std::unique_ptr<RLock> m_lock;
};

// Python's multiprocessing.Value(typecode, value, lock=True).
class Value : public SharedCells {
public:
    Value(ObjectHost* host, char typecode, const QCborValue& initial = 0, bool lock = true);
    static Value attach(const QCborValue& handle, EventSink* engine = nullptr);

    QCborValue value() const; // v.value: an integer, or a double for 'f' and 'd'
    void setValue(const QCborValue& value); // v.value = x

private:
    Value() = default;
};

// Python's multiprocessing.Array(typecode, size_or_initializer, lock=True).
class Array : public SharedCells {
public:
    Array(ObjectHost* host, char typecode, qsizetype size, bool lock = true); // Array('i', 10): zeros
    Array(ObjectHost* host, char typecode, const QCborArray& initial, bool lock = true); // Array('i', range(10))
    static Array attach(const QCborValue& handle, EventSink* engine = nullptr);

    qsizetype size() const { return cellCount(); } // len(a)
    QCborValue at(qsizetype index) const; // a[i]; negative counts from the end; IndexError out of range
    void set(qsizetype index, const QCborValue& value); // a[i] = x
    QCborArray toList() const; // a[:], under one lock hold
    void assign(const QCborArray& values); // a[:] = values; ValueError unless of the same size

private:
    Array() = default;
    qsizetype checkedIndex(qsizetype index) const;
};

// range(n) as a list, for Array('i', range(10)).
QCborArray pyRange(qint64 stop);

} // namespace proclab
