#pragma once

// proclab-lean-worker's view of CBOR: libcbor items held by a small owning handle, and the few readings and
// builders the worker's messages need (wire.h and messages.h say what the messages hold).

#include <cbor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace proclab::lean {

// Owns one reference to a libcbor item.
class Item {
public:
    Item() = default;
    explicit Item(cbor_item_t* item)
        : m_item(item)
    {
    }
    Item(const Item&) = delete;
    Item& operator=(const Item&) = delete;
    Item(Item&& other) noexcept
        : m_item(std::exchange(other.m_item, nullptr))
    {
    }
    Item& operator=(Item&& other) noexcept
    {
        std::swap(m_item, other.m_item);
        return *this;
    }
    ~Item()
    {
        if (m_item)
            cbor_decref(&m_item);
    }

    // Another reference to `item` (borrowed from an array or a map).
    static Item share(cbor_item_t* item) { return Item(cbor_incref(item)); }

    cbor_item_t* get() const { return m_item; }
    // Gives the reference away (to cbor_array_push and the like, through cbor_move).
    cbor_item_t* release() { return std::exchange(m_item, nullptr); }
    explicit operator bool() const { return m_item != nullptr; }

private:
    cbor_item_t* m_item = nullptr;
};

// Decodes exactly one item from `size` bytes; empty when they are not that.
Item decode(const unsigned char* data, size_t size);

// Appends the encoding of `item` to `out`.
void appendEncoded(std::string& out, const cbor_item_t* item);

// Readings: empty when the item is not of that kind.
std::optional<int64_t> toInt(const cbor_item_t* item);
std::optional<double> toNumber(const cbor_item_t* item); // an integer or a float, as QCborValue reads numbers
std::optional<std::string> toText(const cbor_item_t* item);
size_t arraySize(const cbor_item_t* item); // 0 when not an array
cbor_item_t* arrayAt(const cbor_item_t* item, size_t i); // borrowed; nullptr past the end or when not an array
// The value under text key `key` in map `item` (borrowed), or nullptr.
cbor_item_t* mapValue(const cbor_item_t* item, std::string_view key);

// Builders (each a new item).
Item makeInt(int64_t value); // the shortest encoding, as Qt writes integers
Item makeDouble(double value);
Item makeText(std::string_view text);
Item makeNull();
Item makeUndefined();
// A definite array of the given items (their references move into it).
template <typename... Items> Item makeArray(Items&&... items)
{
    Item array(cbor_new_definite_array(sizeof...(items)));
    (cbor_array_push(array.get(), cbor_move(items.release())), ...);
    return array;
}

} // namespace proclab::lean
