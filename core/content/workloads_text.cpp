#include "content/kernels.h"
#include "content/workload.h"
#include "mp/kernel.h"

#include "base/clock.h"
#include "base/platform.h"

#include "base/pyformat.h"
#include "base/rng.h"
#include "engine/context.h"
#include "engine/process.h"
#include "mp/queue.h"

#include <QCborArray>
#include <QCborMap>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>
#include <array>
#include <numeric>

#include <cerrno>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace proclab {

namespace {

// ---- letters: the War-and-Peace exercise (Counter of Russian letters per file, per byte range) ----

// Letter slots: а..е ё ж..я (33), then a..z (26). Case folds onto these; every other character is ignored.
constexpr int CyrillicLetters = 33;
constexpr int LatinLetters = 26;
constexpr int Letters = CyrillicLetters + LatinLetters;
using Counts = std::array<qint64, Letters>;

// The slot of a Unicode code point, or -1 when it is not a letter we count.
constexpr int slotOf(char32_t c)
{
    if (c >= U'a' && c <= U'z')
        return CyrillicLetters + int(c - U'a');
    if (c >= U'A' && c <= U'Z')
        return CyrillicLetters + int(c - U'A');
    if (c >= 0x410 && c <= 0x42F) // А..Я
        c += 0x20;
    if (c == 0x401 || c == 0x451) // Ё ё
        return 6;
    if (c >= 0x430 && c <= 0x435) // а..е
        return int(c - 0x430);
    if (c >= 0x436 && c <= 0x44F) // ж..я
        return int(c - 0x436) + 7;
    return -1;
}

constexpr char32_t letterOf(int slot)
{
    if (slot >= CyrillicLetters)
        return U'a' + char32_t(slot - CyrillicLetters);
    if (slot == 6)
        return 0x451;
    return slot < 6 ? 0x430 + char32_t(slot) : 0x436 + char32_t(slot - 7);
}

QString letterString(int slot)
{
    const char32_t c = letterOf(slot);
    return QString::fromUcs4(&c, 1);
}

enum class Encoding { Utf8, Cp1251 };
enum class Alphabet { Cyrillic, Latin, Both };

// What a byte means in cp1251: a letter slot, NotLetter, or Invalid (0x98 is the one unassigned byte).
constexpr qint8 NotLetter = -1;
constexpr qint8 Invalid = -2;
constexpr std::array<qint8, 256> cp1251Table()
{
    std::array<qint8, 256> t {};
    for (int b = 0; b < 256; ++b) {
        char32_t c = 0;
        if (b < 0x80)
            c = char32_t(b);
        else if (b >= 0xC0)
            c = 0x410 + char32_t(b - 0xC0); // А..я, in order
        else if (b == 0xA8)
            c = 0x401; // Ё
        else if (b == 0xB8)
            c = 0x451; // ё
        const int slot = slotOf(c);
        t[size_t(b)] = b == 0x98 ? Invalid : qint8(slot < 0 ? NotLetter : slot);
    }
    return t;
}
constexpr std::array<qint8, 256> Cp1251 = cp1251Table();

// The letters that UTF-8 encodes in one byte.
constexpr std::array<qint8, 128> asciiTable()
{
    std::array<qint8, 128> t {};
    for (int b = 0; b < 128; ++b)
        t[size_t(b)] = qint8(slotOf(char32_t(b)));
    return t;
}
constexpr std::array<qint8, 128> Ascii = asciiTable();

constexpr bool isContinuation(uchar b)
{
    return (b & 0xC0) == 0x80;
}

// Counts the letters of `data`, adding to `counts`; returns the bytes that are not valid in the encoding.
// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF); an invalid lead or stray continuation
// byte is skipped alone and decoding resumes at the next byte. So decoding never crosses a position whose byte
// is not a continuation byte, which is what lets byte ranges be counted separately and still add up exactly.
qint64 countLetters(const char* data, qint64 size, Encoding encoding, Counts& counts, TaskContext* ctx)
{
    constexpr qint64 Block = 32 * 1024; // ~50 us of work between checkpoints
    const auto* p = reinterpret_cast<const uchar*>(data);
    qint64 skipped = 0;
    qint64 nextCheckpoint = Block;
    if (encoding == Encoding::Cp1251) {
        for (qint64 i = 0; i < size; ++i) {
            const qint8 s = Cp1251[p[i]];
            if (s >= 0)
                ++counts[size_t(s)];
            else if (s == Invalid)
                ++skipped;
            if (i == nextCheckpoint && ctx) {
                ctx->checkpoint();
                nextCheckpoint += Block;
            }
        }
        return skipped;
    }
    qint64 i = 0;
    while (i < size) {
        if (ctx && i >= nextCheckpoint) {
            ctx->checkpoint();
            nextCheckpoint += Block;
        }
        const uchar b = p[i];
        if (b < 0x80) {
            const qint8 s = Ascii[b];
            if (s >= 0)
                ++counts[size_t(s)];
            ++i;
            continue;
        }
        int length = 0;
        uchar low = 0x80, high = 0xBF; // allowed range of the second byte
        char32_t c = 0;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
            c = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            c = b & 0x0F;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            c = b & 0x07;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        }
        bool ok = length > 0 && i + length <= size && p[i + 1] >= low && p[i + 1] <= high;
        for (int k = 1; ok && k < length; ++k) {
            ok = isContinuation(p[i + k]);
            c = (c << 6) | (p[i + k] & 0x3F);
        }
        if (!ok) {
            ++skipped;
            ++i;
            continue;
        }
        const int s = slotOf(c);
        if (s >= 0)
            ++counts[size_t(s)];
        i += length;
    }
    return skipped;
}

void applyAlphabet(Alphabet alphabet, Counts& counts)
{
    if (alphabet == Alphabet::Latin)
        std::fill(counts.begin(), counts.begin() + CyrillicLetters, 0);
    else if (alphabet == Alphabet::Cyrillic)
        std::fill(counts.begin() + CyrillicLetters, counts.end(), 0);
}

struct RangeCount {
    Counts counts {};
    qint64 skipped = 0;
    qint64 bytes = 0;
};

// Where a UTF-8 range that nominally starts at `pos` really starts: past the continuation bytes of a character
// cut there (at most 3), so that the range before ends on the same byte and each character is counted once.
qint64 characterBoundary(QFile& file, qint64 pos, qint64 size)
{
    if (pos <= 0 || pos >= size)
        return std::clamp<qint64>(pos, 0, size);
    if (!file.seek(pos))
        return pos;
    const QByteArray next = file.read(3);
    qint64 k = 0;
    while (k < next.size() && isContinuation(uchar(next.at(k))))
        ++k;
    return pos + k;
}

// Counts bytes [begin, end) of a file (end < 0: to its end), adjusting both ends to character boundaries.
// Throws TaskException for a file that cannot be read.
RangeCount countFileRange(const QString& path, qint64 begin, qint64 end, Encoding encoding, TaskContext* ctx)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw TaskException(
            QStringLiteral("OSError"), QStringLiteral("cannot read '%1': %2").arg(path, file.errorString()));
    const qint64 size = file.size();
    if (end < 0 || end > size)
        end = size;
    if (encoding == Encoding::Utf8) {
        begin = characterBoundary(file, begin, size);
        end = characterBoundary(file, end, size);
    }
    // Read in blocks, cut the same way as ranges are, so a big file never has to fit in memory at once.
    constexpr qint64 ReadBlock = qint64(4) << 20;
    RangeCount r;
    for (qint64 at = begin; at < end;) {
        const qint64 next = encoding == Encoding::Utf8 ? std::min(end, characterBoundary(file, at + ReadBlock, size))
                                                       : std::min(end, at + ReadBlock);
        if (!file.seek(at))
            throw TaskException(
                QStringLiteral("OSError"), QStringLiteral("cannot seek in '%1': %2").arg(path, file.errorString()));
        const QByteArray data = file.read(next - at);
        if (data.size() != next - at)
            throw TaskException(QStringLiteral("OSError"), QStringLiteral("short read in '%1'").arg(path));
        r.skipped += countLetters(data.constData(), data.size(), encoding, r.counts, ctx);
        r.bytes += data.size();
        at = next;
    }
    return r;
}

QCborValue toCbor(const RangeCount& r)
{
    QCborArray counts;
    for (qint64 n : r.counts)
        counts.append(n);
    return QCborArray { counts, r.skipped, r.bytes };
}

RangeCount fromCbor(const QCborValue& v)
{
    RangeCount r;
    const QCborArray a = v.toArray();
    const QCborArray counts = a.at(0).toArray();
    for (int s = 0; s < Letters && s < counts.size(); ++s)
        r.counts[size_t(s)] = counts.at(s).toInteger();
    r.skipped = a.at(1).toInteger();
    r.bytes = a.at(2).toInteger();
    return r;
}

void add(RangeCount& total, const RangeCount& part)
{
    for (int s = 0; s < Letters; ++s)
        total.counts[size_t(s)] += part.counts[size_t(s)];
    total.skipped += part.skipped;
    total.bytes += part.bytes;
}

Encoding encodingOf(const QString& name)
{
    return name == QLatin1String("cp1251") ? Encoding::Cp1251 : Encoding::Utf8;
}

// Accepted spellings, folded onto utf-8 / cp1251; empty for an unknown name.
QString canonicalEncoding(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("utf-8") || n == QLatin1String("utf8"))
        return QStringLiteral("utf-8");
    if (n == QLatin1String("cp1251") || n == QLatin1String("windows-1251"))
        return QStringLiteral("cp1251");
    return {};
}

Alphabet alphabetOf(const QString& name)
{
    if (name == QLatin1String("cyrillic"))
        return Alphabet::Cyrillic;
    if (name == QLatin1String("latin"))
        return Alphabet::Latin;
    return Alphabet::Both;
}

constexpr QLatin1String SkippedKey("skipped_bytes");

// Counter-like: letter -> count for the letters seen, in alphabet order; "skipped_bytes" when some were.
QCborMap toResult(const RangeCount& total)
{
    QCborMap m;
    for (int s = 0; s < Letters; ++s)
        if (total.counts[size_t(s)] > 0)
            m.insert(letterString(s), total.counts[size_t(s)]);
    if (total.skipped > 0)
        m.insert(SkippedKey, total.skipped);
    return m;
}

// letters(args = [path, begin, end]) -> [[count per letter slot], invalid bytes, bytes read]
class LettersKernel final : public Kernel {
public:
    explicit LettersKernel(const QCborMap& config)
        : m_encoding(encodingOf(config.value(QStringLiteral("encoding")).toString()))
        , m_alphabet(alphabetOf(config.value(QStringLiteral("alphabet")).toString()))
    {
    }
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        RangeCount r = countFileRange(a.at(0).toString(), a.at(1).toInteger(), a.at(2).toInteger(-1), m_encoding, &ctx);
        applyAlphabet(m_alphabet, r.counts);
        return toCbor(r);
    }

private:
    Encoding m_encoding;
    Alphabet m_alphabet;
};

// The tutorial's fixed workers fed by a Queue (a Process target, not a pool task):
// counting(queue, output, encoding, alphabet[, raw]) takes file names from `queue` until None and puts one
// (file name, Counter) per file on `output`; a file it cannot read gives (file name, error message) instead,
// so the consumer still gets one answer per job. Returns the number of files it counted. With `raw` (the
// workload's queue mode), the answer is (file name, the letters kernel's result, pid), so that the engine
// can check the bytes read and tell which worker counted what.
class QueueCountingKernel final : public Kernel {
public:
    QCborValue call(const QCborValue& args, TaskContext& ctx) override
    {
        const QCborArray a = args.toArray();
        Queue queue = Queue::attach(a.at(0));
        Queue output = Queue::attach(a.at(1));
        const Encoding encoding = encodingOf(canonicalEncoding(a.at(2).toString()));
        const Alphabet alphabet = alphabetOf(a.at(3).toString());
        const bool raw = a.at(4).toBool(false);
        const qint64 pid = ::getpid();
        qint64 jobs = 0;
        for (QCborValue job = queue.get(); !job.isNull(); job = queue.get(), ++jobs) {
            const QString path = job.toString();
            try {
                RangeCount r = countFileRange(path, 0, -1, encoding, &ctx);
                applyAlphabet(alphabet, r.counts);
                output.put(raw ? pyTuple({ path, toCbor(r), pid }) : pyTuple({ path, toResult(r) }));
            } catch (const TaskException& e) {
                output.put(raw ? pyTuple({ path, e.message(), pid }) : pyTuple({ path, e.message() }));
            }
        }
        return jobs;
    }
};

// Exercise 4 of the tutorial as the tutorial wrote it: `workers` processes take file names from a Queue until
// they meet None (one sentinel each), and put one answer per file on a second Queue, which the main process
// collects. Results come back in input order, as from a Pool.map; a file whose worker died before answering
// is reported lost, and every other file still counts.
ExecResult runFedByQueue(
    Context* context, const QString& encoding, const QString& alphabet, const QCborArray& inputs, const ExecOptions& o)
{
    ExecResult r;
    r.chunksize = 1;
    const int workers = std::max(1, o.workers);
    Queue jobs(context);
    Queue answers(context);
    std::map<QString, std::vector<qsizetype>> waiting; // file → the inputs that name it, not answered yet
    for (qsizetype i = inputs.size() - 1; i >= 0; --i)
        waiting[inputs.at(i).toArray().at(0).toString()].push_back(i);

    const qint64 t0 = monotonicNs();
    std::vector<std::unique_ptr<Process>> processes;
    for (int i = 0; i < workers; ++i) {
        processes.push_back(
            std::make_unique<Process>(context, Function::named(QStringLiteral("letters.queue-counting")),
                QCborArray { jobs.handle(), answers.handle(), encoding, alphabet, true }));
        processes.back()->start();
    }
    r.startupNs = monotonicNs() - t0;

    const qint64 t1 = monotonicNs();
    if (o.serialPart)
        o.serialPart();
    for (const auto& input : inputs)
        jobs.put(input.toArray().at(0));
    for (int i = 0; i < workers; ++i)
        jobs.put(QCborValue(QCborValue::Null));

    for (qsizetype i = 0; i < inputs.size(); ++i)
        r.results.append(QCborValue(QCborValue::Null));
    std::map<qint64, qint64> counted; // pid → files
    const auto allExited = [&] {
        return std::all_of(processes.begin(), processes.end(), [](const auto& p) { return p->exitCode().has_value(); });
    };
    for (qsizetype left = inputs.size(); left > 0;) {
        if (o.cancelled && o.cancelled()) {
            for (const auto& p : processes)
                p->kill();
            throw CancelledError();
        }
        QCborValue answer;
        try {
            // After every worker exited, what they put is all in the queue already: drain it without waiting.
            const bool exited = allExited();
            answer = answers.get(!exited, 20);
        } catch (const QueueEmpty&) {
            if (allExited() && answers.empty())
                break;
            continue;
        }
        const QCborArray a = answer.taggedValue().toArray();
        const auto it = waiting.find(a.at(0).toString());
        if (it == waiting.end() || it->second.empty())
            continue;
        const qsizetype index = it->second.back();
        it->second.pop_back();
        --left;
        const qint64 pid = a.at(2).toInteger();
        ++counted[pid];
        if (a.at(1).isString())
            r.failures[index]
                = { index, QStringLiteral("OSError"), a.at(1).toString(), pid, -1, QStringLiteral("running") };
        else
            r.results[index] = a.at(1);
    }
    r.wallNs = monotonicNs() - t1;

    QStringList deaths;
    for (const auto& p : processes) {
        if (!p->join(10000))
            p->kill();
        if (!p->failure().isEmpty())
            deaths << QStringLiteral("%1 (pid %2): %3").arg(p->name()).arg(p->pid()).arg(p->failure());
        r.workers.append({ p->pid(), 0, p->name(), counted[p->pid()], 0 });
    }
    for (const auto& [file, indexes] : waiting)
        for (const qsizetype index : indexes)
            r.failures[index] = { index, QStringLiteral("WorkerLostError"),
                QStringLiteral("no worker answered for '%1'%2")
                    .arg(file, deaths.isEmpty() ? QString() : QStringLiteral("; ") + deaths.join(QStringLiteral("; "))),
                0, -1, QStringLiteral("running") };
    return r;
}

// ---- the generated sample corpus ----

// Common words, lower case. Deterministic pseudo-text is built from them: nothing is downloaded.
const char* const RussianWords
    = "и в не на я быть он с что а по это она этот к но они мы как из у который то за свой что весь год от так о "
      "для ты же все тот мочь вы человек такой его сказать только или ещё бы себя один как уже до время если "
      "сам когда другой вот говорить наш мой знать стать при чтобы дело жизнь кто первый очень два день её "
      "новый рука даже во со раз где там под можно ну какой после их работа без самый потом надо хотеть ли "
      "слово идти большой должен место иметь ничто то сейчас тут лицо каждый друг нет теперь ни глаз тоже тогда "
      "видеть вопрос через да здесь дом сторона думать сделать страна жить чем мир об последний случай голова "
      "более делать что-то смотреть ребёнок просто конечно сила российский конец перед несколько вид система "
      "всегда работать между три нет понять пойти часть спросить город дать также никто понимать получить "
      "отношение лишь второй именно вообще хорошо около совсем нога почему почти земля общий князь война мир "
      "наташа пьер андрей графиня армия полк генерал солдат лошадь поле лес река снег зима осень лето весна "
      "вечер утро ночь окно дверь стол письмо отец мать сын дочь брат сестра жена муж старый молодой белый "
      "чёрный тёмный светлый лёгкий тяжёлый зелёный ёлка ёж лёд пошёл нашёл идёт живёт берёт всё ещё щека "
      "вещь ищет площадь счастье объявить подъезд съезд фельдмаршал шёпот эхо этаж юность язык ящик цветок "
      "хлеб чай чашка шапка жёлтый щит цепь";

const char* const EnglishWords
    = "the be to of and a in that have i it for not on with he as you do at this but his by from they we say "
      "her she or an will my one all would there their what so up out if about who get which go me when make "
      "can like time no just him know take people into year your good some could them see other than then now "
      "look only come its over think also back after use two how our work first well way even new want because "
      "any these give day most us war peace prince count princess army general soldier horse field forest river "
      "snow winter autumn summer spring evening morning night window door table letter father mother son "
      "daughter brother sister wife husband old young white black dark light heavy green quick brown fox jumps "
      "lazy dog zero quiet jazz vex wizard box kept whisky quartz";

QStringList wordList(const char* words)
{
    return QString::fromUtf8(words).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Relative sizes of the sample files: different on purpose (uneven tasks).
constexpr std::array<int, 8> CorpusShares { 30, 22, 16, 12, 9, 6, 4, 1 };
constexpr int CorpusVersion = 1;
constexpr qint64 WordsPerMegabyte = 112'000; // of UTF-8 text, measured on the generated text

QString generateText(int index, qint64 words)
{
    static const QStringList russian = wordList(RussianWords);
    static const QStringList english = wordList(EnglishWords);
    Xoshiro256 rng(quint64(20240 + index));
    const auto pick = [&](int n) { return int(rng.next() % quint64(n)); };
    QString text;
    text.reserve(qsizetype(words) * 7);
    qint64 written = 0;
    while (written < words) {
        // A paragraph: mostly Russian, now and then English (as in the novel's French and English passages).
        const QStringList& vocabulary = pick(10) < 8 ? russian : english;
        const int sentences = 2 + pick(6);
        for (int s = 0; s < sentences; ++s) {
            const int length = 4 + pick(12);
            for (int w = 0; w < length; ++w) {
                QString word = vocabulary.at(pick(int(vocabulary.size())));
                if (w == 0)
                    word[0] = word.at(0).toUpper();
                text += word;
                if (w + 1 < length)
                    text += pick(9) == 0 ? QStringLiteral(", ") : QStringLiteral(" ");
            }
            text += pick(8) == 0 ? QStringLiteral("! ") : pick(7) == 0 ? QStringLiteral("? ") : QStringLiteral(". ");
            written += length;
        }
        text += QStringLiteral("\n\n");
    }
    return text;
}

QByteArray toCp1251(const QString& text)
{
    QByteArray out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80)
            out.append(char(u));
        else if (u >= 0x410 && u <= 0x44F)
            out.append(char(0xC0 + (u - 0x410)));
        else if (u == 0x401)
            out.append(char(0xA8));
        else if (u == 0x451)
            out.append(char(0xB8));
        else
            out.append('?');
    }
    return out;
}

// The per-user cache: $XDG_CACHE_HOME/proclab (~/.cache/proclab), shared by the window and the CLI. Never the
// shared /tmp: there another user could plant the folder or a symlink in it.
QString corpusRoot(qint64 megabytes)
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (cache.isEmpty())
        return {};
    return QDir(cache).filePath(QStringLiteral("proclab/letters-corpus-v%1-%2mb").arg(CorpusVersion).arg(megabytes));
}

// `path` is a directory of ours that nobody else can write into: made 0700 if missing; refused if it is a
// symlink, not a directory, or another user's; its mode narrowed to 0700 if it was wider.
bool ensurePrivateDir(const QString& path, QString* error)
{
    const QByteArray p = QFile::encodeName(path);
    if (::mkdir(p.constData(), 0700) != 0 && errno != EEXIST) {
        const int err = errno;
        *error = QStringLiteral("cannot create the sample corpus folder '%1': %2").arg(path, platform::errnoText(err));
        return false;
    }
    struct stat st { };
    if (::lstat(p.constData(), &st) != 0) {
        *error = QStringLiteral("cannot use the sample corpus folder '%1': %2").arg(path, platform::errnoText(errno));
        return false;
    }
    if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid()) {
        *error = QStringLiteral("refusing the sample corpus folder '%1': it is %2")
                     .arg(path,
                         S_ISLNK(st.st_mode)        ? QStringLiteral("a symbolic link")
                             : !S_ISDIR(st.st_mode) ? QStringLiteral("not a folder")
                                                    : QStringLiteral("another user's"));
        return false;
    }
    if ((st.st_mode & 077) != 0 && ::chmod(p.constData(), 0700) != 0) {
        *error = QStringLiteral("cannot make '%1' private: %2").arg(path, platform::errnoText(errno));
        return false;
    }
    return true;
}

// Every folder from the cache down to the corpus, private (the cache itself is the user's own: made if missing).
bool ensureCorpusFolders(const QString& root, QString* error)
{
    if (root.isEmpty()) {
        *error = QStringLiteral("no cache folder for the sample corpus (is HOME set?)");
        return false;
    }
    const QString proclab = QFileInfo(root).absolutePath();
    const QString cache = QFileInfo(proclab).absolutePath();
    if (!QDir().mkpath(cache)) {
        *error = QStringLiteral("cannot create the cache folder '%1'").arg(cache);
        return false;
    }
    for (const QString& dir :
        QStringList { proclab, root, root + QStringLiteral("/utf-8"), root + QStringLiteral("/cp1251") })
        if (!ensurePrivateDir(dir, error))
            return false;
    return true;
}

// A regular file of ours (not a symlink) of `size` bytes.
bool isOurFile(const QString& path, qint64 size)
{
    struct stat st { };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::getuid()
        && (size < 0 || qint64(st.st_size) == size);
}

// Writes `data` so that readers never see half a file (QSaveFile: a fresh unguessable temporary name in the same
// private folder, then an atomic rename), with a clear message when the disk is full or read-only.
bool writeCorpusFile(const QString& path, const QByteArray& data, QString* error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        const int err = errno;
        QString why = f.errorString();
        if (err == ENOSPC || err == EDQUOT)
            why = QStringLiteral("the disk is full (%1 MB needed)").arg((data.size() + 999'999) / 1'000'000);
        else if (err == EROFS)
            why = QStringLiteral("the disk is read-only");
        *error = QStringLiteral("cannot write the sample corpus to '%1': %2").arg(path, why);
        return false;
    }
    return true;
}

QString corpusFileName(size_t index)
{
    return QStringLiteral("volume-%1.txt").arg(int(index) + 1, 2, 10, QLatin1Char('0'));
}

// The stamp, written last: "<relative path> <size> <sha256>" per file. A corpus is used only when every file
// listed is there, ours, regular and of that size, and the first use in a process also checks the hashes (a
// corpus cut short by a full disk or a crash is made again).
bool corpusIsComplete(const QString& root)
{
    static std::mutex mutex;
    static QSet<QString> verified; // guarded by mutex: the roots whose hashes this process checked
    const QString stamp = root + QStringLiteral("/.complete");
    QFile f(stamp);
    if (!isOurFile(stamp, -1) || !f.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> lines = f.readAll().split('\n');
    if (lines.value(0) != "proclab-letters-corpus " + QByteArray::number(CorpusVersion))
        return false;
    std::lock_guard lock(mutex);
    const bool checkHashes = !verified.contains(root);
    int files = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines.at(i).split(' ');
        if (fields.size() != 3)
            continue;
        const QString file = root + QLatin1Char('/') + QString::fromUtf8(fields.at(0));
        if (fields.at(0).contains("..") || !isOurFile(file, fields.at(1).toLongLong()))
            return false;
        if (checkHashes) {
            QFile data(file);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (!data.open(QIODevice::ReadOnly) || !hash.addData(&data) || hash.result().toHex() != fields.at(2))
                return false;
        }
        ++files;
    }
    if (files != int(CorpusShares.size()) * 2)
        return false;
    verified.insert(root);
    return true;
}

// The folder of the sample corpus in this encoding, generated on first use in the per-user cache. Several
// processes of the same user may race to do it: they write the same bytes, each file appears whole (QSaveFile),
// and the stamp last.
QString ensureCorpus(qint64 megabytes, const QString& encoding, QString* error)
{
    const QString root = corpusRoot(megabytes);
    if (!ensureCorpusFolders(root, error))
        return {};
    if (!corpusIsComplete(root)) {
        QByteArray stamp = "proclab-letters-corpus " + QByteArray::number(CorpusVersion) + '\n';
        const int shares = std::accumulate(CorpusShares.begin(), CorpusShares.end(), 0);
        for (size_t i = 0; i < CorpusShares.size(); ++i) {
            const QString text = generateText(int(i), megabytes * WordsPerMegabyte * CorpusShares[i] / shares);
            const std::pair<QString, QByteArray> copies[]
                = { { QStringLiteral("utf-8/"), text.toUtf8() }, { QStringLiteral("cp1251/"), toCp1251(text) } };
            for (const auto& [sub, bytes] : copies) {
                const QString relative = sub + corpusFileName(i);
                if (!writeCorpusFile(root + QLatin1Char('/') + relative, bytes, error))
                    return {};
                stamp += relative.toUtf8() + ' ' + QByteArray::number(bytes.size()) + ' '
                    + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex() + '\n';
            }
        }
        if (!writeCorpusFile(root + QStringLiteral("/.complete"), stamp, error))
            return {};
    }
    return root + QLatin1Char('/') + encoding;
}

// ---- the workload ----

struct Input {
    QStringList files; // sorted, absolute
    QString error; // one line, when the input is unusable
};

qint64 chunksOf(const Params& p)
{
    return p.value(QStringLiteral("chunks")).toLongLong();
}
QString stringOf(const Params& p, const char* key)
{
    return p.value(QLatin1String(key)).toString();
}
QString encodingParam(const Params& p)
{
    return canonicalEncoding(stringOf(p, "encoding"));
}

// A file with NUL bytes near its start is not text in either encoding: say so instead of counting garbage.
// (Invalid bytes in text are another matter: they are skipped and reported.)
QString binaryFileError(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read '%1': %2").arg(file, f.errorString());
    if (f.read(64 * 1024).contains('\0'))
        return QStringLiteral("'%1' looks like a binary file (it holds NUL bytes), not text").arg(file);
    return {};
}

Input resolveInput(const Params& p)
{
    Input in;
    QString path = stringOf(p, "path");
    if (path.isEmpty()) {
        path = ensureCorpus(p.value(QStringLiteral("corpus_mb")).toLongLong(),
            encodingParam(p).isEmpty() ? QStringLiteral("utf-8") : encodingParam(p), &in.error);
        if (path.isEmpty())
            return in;
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        in.error = QStringLiteral("path '%1' does not exist").arg(path);
        return in;
    }
    if (info.isDir()) {
        const QDir dir(path);
        const QStringList names = dir.entryList(QDir::Files | QDir::Readable, QDir::Name);
        const QStringList all = dir.entryList(QDir::Files, QDir::Name);
        if (names.size() != all.size()) {
            for (const QString& n : all)
                if (!names.contains(n)) {
                    in.error = QStringLiteral("cannot read '%1'").arg(dir.absoluteFilePath(n));
                    return in;
                }
        }
        for (const QString& n : names) {
            in.files << dir.absoluteFilePath(n);
            in.error = binaryFileError(in.files.last());
            if (!in.error.isEmpty())
                return in;
        }
        if (in.files.isEmpty())
            in.error = QStringLiteral("no files in folder '%1'").arg(path);
        return in;
    }
    QFile f(path);
    if (!info.isFile() || !f.open(QIODevice::ReadOnly)) {
        in.error = QStringLiteral("cannot read '%1'%2")
                       .arg(path, f.errorString().isEmpty() ? QString() : QStringLiteral(": ") + f.errorString());
        return in;
    }
    in.files << info.absoluteFilePath();
    in.error = binaryFileError(in.files.last());
    return in;
}

class LettersWorkload final : public Workload {
public:
    QString name() const override { return QStringLiteral("letters"); }
    QString description() const override
    {
        return QStringLiteral("letter frequencies (Counter, case-insensitive) over text files or byte ranges of them, "
                              "UTF-8 or cp1251, as in the War-and-Peace exercise");
    }
    QList<ParamSpec> params() const override
    {
        return {
            { QStringLiteral("path"), ParamSpec::Type::String, QString(),
                QStringLiteral("a folder (its files) or one file; empty: a generated sample corpus"), 0, 0 },
            { QStringLiteral("encoding"), ParamSpec::Type::String, QStringLiteral("utf-8"),
                QStringLiteral("utf-8 or cp1251"), 0, 0 },
            { QStringLiteral("mode"), ParamSpec::Type::String, QStringLiteral("files"),
                QStringLiteral("files: one Pool task per file; queue: fixed worker processes fed file names by a Queue "
                               "with sentinels; bytes: byte-range chunks of the file(s)"),
                0, 0 },
            { QStringLiteral("chunks"), ParamSpec::Type::Int, 16,
                QStringLiteral("bytes mode: number of byte ranges, across all files"), 1, 1e7 },
            { QStringLiteral("alphabet"), ParamSpec::Type::String, QStringLiteral("both"),
                QStringLiteral("cyrillic, latin or both"), 0, 0 },
            { QStringLiteral("corpus_mb"), ParamSpec::Type::Int, 160,
                QStringLiteral("empty path: megabytes of UTF-8 text in the generated sample corpus (written once to "
                               "the user's cache folder)"),
                1, 4000 },
        };
    }
    QString validate(const Params& p) const override
    {
        if (encodingParam(p).isEmpty())
            return QStringLiteral("encoding=%1: expected utf-8 or cp1251").arg(stringOf(p, "encoding"));
        const QString mode = stringOf(p, "mode");
        if (mode != QLatin1String("files") && mode != QLatin1String("queue") && mode != QLatin1String("bytes"))
            return QStringLiteral("mode=%1: expected files, queue or bytes").arg(mode);
        const QString alphabet = stringOf(p, "alphabet");
        if (alphabet != QLatin1String("cyrillic") && alphabet != QLatin1String("latin")
            && alphabet != QLatin1String("both"))
            return QStringLiteral("alphabet=%1: expected cyrillic, latin or both").arg(alphabet);
        // The generated corpus is made by the run (inputs(), off the window's thread), not here: validate() runs
        // on the GUI thread, and writing hundreds of MB there would freeze the window. Only its folder is checked.
        if (stringOf(p, "path").isEmpty()) {
            QString error;
            ensureCorpusFolders(corpusRoot(p.value(QStringLiteral("corpus_mb")).toLongLong()), &error);
            return error;
        }
        return resolveInput(p).error;
    }
    Function function(const Params& p) const override
    {
        return Function::named(QStringLiteral("letters"),
            { { QStringLiteral("encoding"), encodingParam(p) },
                { QStringLiteral("alphabet"), stringOf(p, "alphabet") } });
    }
    ExecResult run(Context* context, const Params& p, const QCborArray& inputs, const ExecOptions& o) const override
    {
        if (stringOf(p, "mode") != QLatin1String("queue"))
            return Workload::run(context, p, inputs, o);
        if (o.executor != ExecutorKind::Process)
            throw PoolError(QStringLiteral("letters mode=queue starts its own worker processes: it runs with the "
                                           "process executor only"));
        return runFedByQueue(context, encodingParam(p), stringOf(p, "alphabet"), inputs, o);
    }
    QCborArray inputs(const Params& p) const override
    {
        const Input in = resolveInput(p);
        if (!in.error.isEmpty())
            throw TaskException(QStringLiteral("OSError"), in.error); // the corpus could not be made
        QCborArray tasks;
        if (stringOf(p, "mode") != QLatin1String("bytes")) {
            for (const QString& f : in.files)
                tasks.append(QCborArray { f, 0, -1 });
            return tasks;
        }
        // Byte ranges of about total/chunks bytes; a file never shares a range with another.
        std::vector<qint64> sizes;
        for (const QString& f : in.files)
            sizes.push_back(QFileInfo(f).size());
        const qint64 total = std::accumulate(sizes.begin(), sizes.end(), qint64(0));
        const qint64 chunk = std::max<qint64>(1, (total + chunksOf(p) - 1) / chunksOf(p));
        for (qsizetype i = 0; i < in.files.size(); ++i) {
            if (sizes[size_t(i)] == 0)
                tasks.append(QCborArray { in.files.at(i), 0, 0 });
            for (qint64 b = 0; b < sizes[size_t(i)]; b += chunk)
                tasks.append(QCborArray { in.files.at(i), b, std::min(b + chunk, sizes[size_t(i)]) });
        }
        return tasks;
    }
    QCborValue reduce(const Params&, const QCborArray& results) const override
    {
        RangeCount total;
        for (const auto& v : results)
            add(total, fromCbor(v));
        return toResult(total);
    }
    Verification verify(const Params& p, const QCborArray& results, const QCborValue& reduced) const override
    {
        const Input in = resolveInput(p);
        const Encoding encoding = encodingOf(encodingParam(p));
        RangeCount serial;
        try {
            for (const QString& f : in.files)
                add(serial, countFileRange(f, 0, -1, encoding, nullptr));
        } catch (const TaskException& e) {
            return { false, e.message() };
        }
        applyAlphabet(alphabetOf(stringOf(p, "alphabet")), serial.counts);
        RangeCount parallel;
        for (const auto& v : results)
            add(parallel, fromCbor(v));
        if (parallel.bytes != serial.bytes)
            return { false,
                QStringLiteral("the tasks read %1 bytes, the files hold %2").arg(parallel.bytes).arg(serial.bytes) };
        const QCborMap expected = toResult(serial);
        if (!(expected == reduced.toMap())) {
            for (int s = 0; s < Letters; ++s)
                if (parallel.counts[size_t(s)] != serial.counts[size_t(s)])
                    return { false,
                        QStringLiteral("'%1': counted %2, the serial count is %3")
                            .arg(letterString(s))
                            .arg(parallel.counts[size_t(s)])
                            .arg(serial.counts[size_t(s)]) };
            return { false,
                QStringLiteral("invalid bytes: counted %1, the serial count is %2")
                    .arg(parallel.skipped)
                    .arg(serial.skipped) };
        }
        return { true,
            QStringLiteral("the counts of all %1 letters equal the serial count over %2 file(s) exactly")
                .arg(std::accumulate(serial.counts.begin(), serial.counts.end(), qint64(0)))
                .arg(in.files.size()) };
    }
    QString summary(const Params& p, const QCborValue& reduced) const override
    {
        const QCborMap m = reduced.toMap();
        std::vector<std::pair<qint64, QString>> sorted;
        qint64 letters = 0;
        for (auto it = m.begin(); it != m.end(); ++it) {
            if (it.key().toString() == SkippedKey)
                continue;
            sorted.emplace_back(it.value().toInteger(), it.key().toString());
            letters += it.value().toInteger();
        }
        // Counter's order: most common first (ties keep the alphabet order).
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        constexpr size_t Shown = 10;
        QStringList top;
        for (size_t i = 0; i < std::min(Shown, sorted.size()); ++i)
            top << pyRepr(sorted[i].second) + QStringLiteral(": ") + QString::number(sorted[i].first);
        if (sorted.size() > Shown)
            top << QStringLiteral("...");
        const Input in = resolveInput(p);
        QString line = QStringLiteral("Counter({%1}): %2 letters (%3 distinct) in %4 file(s)")
                           .arg(top.join(QStringLiteral(", ")))
                           .arg(letters)
                           .arg(sorted.size())
                           .arg(in.files.size());
        const qint64 skipped = m.value(SkippedKey).toInteger(0);
        line += skipped > 0 ? QStringLiteral(", %1 invalid %2 byte(s) skipped").arg(skipped).arg(encodingParam(p))
                            : QStringLiteral(", no invalid bytes");
        return line;
    }
};

} // namespace

QList<const Workload*> textWorkloads()
{
    static const LettersWorkload letters;
    return { &letters };
}

int letterSlotCount()
{
    return Letters;
}

KernelTable textWorkloadKernels()
{
    return {
        { QStringLiteral("letters"), [](const QCborMap& c, QString*) { return std::make_unique<LettersKernel>(c); } },
        { QStringLiteral("letters.queue-counting"),
            [](const QCborMap&, QString*) { return std::make_unique<QueueCountingKernel>(); } },
    };
}

} // namespace proclab
