// libFuzzer target: the recorded-run reader (Trace::fromJson) on arbitrary bytes.
//
// Checked: no crash or hang; an accepted trace is in time order and within the reader's limits, writes back to
// a document that reads as the same trace (a fixed point after one round), and exports to Chrome JSON.
#include "lab/trace.h"

#include <QJsonDocument>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace proclab;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort(); // libFuzzer reports it with the input that got here
}

void readUnderSmallLimits(const QByteArray& json);

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    readUnderSmallLimits(json);
    QString error;
    const std::optional<Trace> t = Trace::fromJson(json, &error);
    if (!t) {
        check(!error.isEmpty());
        return 0;
    }
    check(std::is_sorted(
        t->events.cbegin(), t->events.cend(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; }));
    check(qsizetype(t->events.size()) <= Trace::MaxEventsInFile);
    for (const Event& e : t->events)
        check(e.tNs >= 0 && e.tNs <= Trace::MaxTimeNs && e.pid >= 0 && e.worker >= -1 && e.kind <= EventKind::Error);

    const QByteArray written = QJsonDocument(t->toJson()).toJson(QJsonDocument::Compact);
    const std::optional<Trace> back = Trace::fromJson(written, &error);
    check(back.has_value());
    check(QJsonDocument(back->toJson()).toJson(QJsonDocument::Compact) == written);

    const QJsonObject chrome = t->toChromeTrace();
    check(chrome.value(QStringLiteral("traceEvents")).isArray());
    return 0;
}

namespace {

// The same bytes under small limits, so that inputs of a few KB reach every limit the reader has (the real ones,
// 20 M events and 1 GiB, are out of a fuzzer's reach): a trace read under them holds no more than they allow,
// and one refused under them says why.
void readUnderSmallLimits(const QByteArray& json)
{
    Trace::Limits limits;
    limits.fileBytes = 512 * 1024;
    limits.events = 40;
    limits.consoleRecords = 8;
    limits.memoryBytes = 4096;
    QString error;
    const std::optional<Trace> t = Trace::fromJson(json, &error, limits);
    if (!t) {
        check(!error.isEmpty());
        return;
    }
    check(qsizetype(t->events.size()) <= limits.events && qsizetype(t->console.size()) <= limits.consoleRecords);
    check(qint64(t->events.size() * sizeof(Event)) <= limits.memoryBytes);
}

} // namespace
