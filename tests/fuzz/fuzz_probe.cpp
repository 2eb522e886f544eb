// libFuzzer target: the Python probe's wire reader (ProbeReader) and the translation of its records into events
// (ProbeTranslator), on arbitrary bytes cut into arbitrary pieces.
//
// Checked: no crash or hang; every event made has a valid kind, a time within the reader's limits and a pid that
// is one of the connections' (or a child one of them reported); the run's end settles every task.
#include "python/probereader.h"
#include "python/probetranslator.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace proclab;

namespace {

void check(bool ok, const char* what, int line)
{
    if (ok)
        return;
    std::fprintf(stderr, "fuzz_probe.cpp:%d: check failed: %s\n", line, what);
    std::abort(); // libFuzzer reports it with the input that got here
}
#define CHECK(x) check((x), #x, __LINE__)

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // The first byte picks the piece size and how many connections share the stream (pids 100, 101, 102).
    if (size < 1)
        return 0;
    const size_t piece = 1 + data[0] % 97;
    const int connections = 1 + data[0] % 3;
    data += 1;
    size -= 1;
    ProbeTranslator translator;
    translator.setMain(100, 1);
    ProbeReader readers[3];
    EventBatch events;
    for (size_t at = 0, n = 0; at < size; at += piece, ++n) {
        const int c = int(n % size_t(connections));
        const QByteArray bytes(reinterpret_cast<const char*>(data + at), qsizetype(std::min(piece, size - at)));
        readers[c].feed(bytes);
        ProbeRecord r;
        while (readers[c].next(&r)) {
            CHECK(r.tNs > 0 && r.tNs < (qint64(1) << 62));
            translator.apply(100 + c, r, &events);
        }
    }
    translator.mainExited(qint64(1) << 61, 0, &events);
    translator.finish(qint64(1) << 61, &events);
    for (const Event& e : events) {
        CHECK(e.kind <= EventKind::Error);
        CHECK(e.tNs >= 0 && e.tNs < (qint64(1) << 62));
        CHECK(translator.knows(e.pid));
    }
    return 0;
}
