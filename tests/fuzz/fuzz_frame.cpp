// libFuzzer target: the worker channel's frame decoder (wire::FrameReader) on arbitrary bytes.
//
// Input: one control byte, then the stream. The control byte chooses how the stream is cut into appends (as
// recv() cuts it), whether the valid preamble is put in front (so that the fuzzer spends its time on frames),
// and how many times the body is repeated (to cross the reader's 64 KiB compaction point). Checked: no crash,
// the same messages and the same error whether the stream comes at once or in pieces, an error is final,
// and every decoded message re-encodes to a frame that decodes to the same bytes.
#include "base/wire.h"

#include <QCborArray>
#include <QCborValue>

#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace proclab;

namespace {

constexpr qsizetype MaxFrame = 1 << 20;

void check(bool ok)
{
    if (!ok)
        std::abort(); // libFuzzer reports it with the input that got here
}

struct Decoded {
    std::vector<QByteArray> messages; // each as canonical CBOR
    QString error;
};

// Feeds `stream` in pieces of `step` bytes (all at once when 0), draining after each.
Decoded decode(const QByteArray& stream, qsizetype step)
{
    wire::FrameReader reader(MaxFrame);
    Decoded d;
    const auto drain = [&] {
        QCborArray msg;
        while (reader.next(&msg)) {
            check(!msg.isEmpty() && msg.at(0).isInteger()); // what the reader promises
            d.messages.push_back(msg.toCborValue().toCbor());
        }
    };
    if (step <= 0)
        step = stream.size();
    for (qsizetype pos = 0; pos < stream.size(); pos += step) {
        reader.append(stream.constData() + pos, std::min(step, stream.size() - pos));
        drain();
        if (reader.hasError())
            break;
    }
    d.error = reader.errorString();
    if (reader.hasError()) {
        reader.append(wire::preamble());
        QCborArray msg;
        check(!reader.next(&msg)); // an error is final
    }
    return d;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const quint8 control = data[0];
    const qsizetype step = control & 0x0f; // 0: all at once
    const bool withPreamble = control & 0x10;
    const int repeats = 1 + 7 * ((control >> 5) & 0x07); // 1 .. 50
    const QByteArray body(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    QByteArray stream = withPreamble ? wire::preamble() : QByteArray();
    for (int i = 0; i < repeats; ++i)
        stream += body;

    const Decoded whole = decode(stream, 0);
    const Decoded pieces = decode(stream, step == 0 ? 1 : step);
    check(whole.messages == pieces.messages);
    check(whole.error == pieces.error);

    for (const QByteArray& cbor : whole.messages) {
        QByteArray frame = wire::preamble();
        wire::appendFrame(frame, QCborValue::fromCbor(cbor).toArray());
        const Decoded again = decode(frame, 0);
        check(again.error.isEmpty() && again.messages.size() == 1 && again.messages.front() == cbor);
    }
    return 0;
}
