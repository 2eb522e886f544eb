#include "cborio.h"

#include <cstdlib>
#include <cstring>

namespace proclab::lean {

Item decode(const unsigned char* data, size_t size)
{
    cbor_load_result result;
    Item item(cbor_load(data, size, &result));
    if (result.error.code != CBOR_ERR_NONE || result.read != size)
        return Item();
    return item;
}

void appendEncoded(std::string& out, const cbor_item_t* item)
{
    unsigned char* buffer = nullptr;
    size_t capacity = 0;
    const size_t length = cbor_serialize_alloc(item, &buffer, &capacity);
    out.append(reinterpret_cast<const char*>(buffer), length);
    std::free(buffer);
}

std::optional<int64_t> toInt(const cbor_item_t* item)
{
    if (!item || !cbor_is_int(item))
        return std::nullopt;
    const uint64_t v = cbor_get_int(item);
    if (v > uint64_t(INT64_MAX))
        return std::nullopt; // beyond qint64, as QCborValue reads it (a double)
    return cbor_isa_uint(item) ? int64_t(v) : -1 - int64_t(v);
}

std::optional<double> toNumber(const cbor_item_t* item)
{
    if (const auto i = toInt(item))
        return double(*i);
    if (item && cbor_isa_float_ctrl(item) && !cbor_float_ctrl_is_ctrl(item))
        return cbor_float_get_float(item);
    return std::nullopt;
}

std::optional<std::string> toText(const cbor_item_t* item)
{
    if (!item || !cbor_isa_string(item))
        return std::nullopt;
    if (cbor_string_is_definite(item))
        return std::string(reinterpret_cast<const char*>(cbor_string_handle(item)), cbor_string_length(item));
    std::string text;
    cbor_item_t** chunks = cbor_string_chunks_handle(item);
    for (size_t i = 0; i < cbor_string_chunk_count(item); ++i)
        text.append(reinterpret_cast<const char*>(cbor_string_handle(chunks[i])), cbor_string_length(chunks[i]));
    return text;
}

size_t arraySize(const cbor_item_t* item)
{
    return item && cbor_isa_array(item) ? cbor_array_size(item) : 0;
}

cbor_item_t* arrayAt(const cbor_item_t* item, size_t i)
{
    return i < arraySize(item) ? cbor_array_handle(item)[i] : nullptr;
}

cbor_item_t* mapValue(const cbor_item_t* item, std::string_view key)
{
    if (!item || !cbor_isa_map(item))
        return nullptr;
    const cbor_pair* pairs = cbor_map_handle(item);
    for (size_t i = 0; i < cbor_map_size(item); ++i)
        if (const auto k = toText(pairs[i].key); k && *k == key)
            return pairs[i].value;
    return nullptr;
}

Item makeInt(int64_t value)
{
    const bool negative = value < 0;
    const uint64_t v = negative ? uint64_t(-1 - value) : uint64_t(value);
    if (v <= UINT8_MAX)
        return Item(negative ? cbor_build_negint8(uint8_t(v)) : cbor_build_uint8(uint8_t(v)));
    if (v <= UINT16_MAX)
        return Item(negative ? cbor_build_negint16(uint16_t(v)) : cbor_build_uint16(uint16_t(v)));
    if (v <= UINT32_MAX)
        return Item(negative ? cbor_build_negint32(uint32_t(v)) : cbor_build_uint32(uint32_t(v)));
    return Item(negative ? cbor_build_negint64(v) : cbor_build_uint64(v));
}

Item makeDouble(double value)
{
    return Item(cbor_build_float8(value));
}

Item makeText(std::string_view text)
{
    return Item(cbor_build_stringn(text.data(), text.size()));
}

Item makeNull()
{
    return Item(cbor_new_null());
}

Item makeUndefined()
{
    return Item(cbor_new_undef());
}

} // namespace proclab::lean
