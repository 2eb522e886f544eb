#include "engine/fault.h"

#include "mp/kernel.h"

#include <QStringList>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace proclab {

namespace {
struct KindName {
    Fault::Kind kind;
    const char* name;
};
constexpr KindName KindNames[]
    = { { Fault::Kind::Crash, "crash" }, { Fault::Kind::Abort, "abort" }, { Fault::Kind::Kill, "kill" },
          { Fault::Kind::Hang, "hang" }, { Fault::Kind::Exit, "exit" }, { Fault::Kind::Throw, "throw" } };

struct PhaseWord {
    TaskPhase phase;
    const char* word;
};
constexpr PhaseWord PhaseWords[]
    = { { TaskPhase::Decoding, "decode" }, { TaskPhase::Running, "run" }, { TaskPhase::Encoding, "encode" } };
} // namespace

QString phaseName(TaskPhase phase)
{
    switch (phase) {
    case TaskPhase::Idle:
        return QStringLiteral("idle");
    case TaskPhase::Decoding:
        return QStringLiteral("decoding arguments");
    case TaskPhase::Running:
        return QStringLiteral("running");
    case TaskPhase::Encoding:
        return QStringLiteral("encoding the result");
    }
    return QStringLiteral("idle");
}

std::optional<Fault> Fault::parse(const QString& text, QString* error)
{
    const QStringList parts = text.trimmed().split(QLatin1Char(':'));
    const auto bad = [&](const QString& why) {
        *error = QStringLiteral("bad --inject '%1': %2 (KIND[:TASK[:PHASE]], KIND crash|abort|kill|hang|exit|throw, "
                                "TASK a task number or 'start', PHASE decode|run|encode)")
                     .arg(text, why);
        return std::nullopt;
    };
    if (parts.size() > 3)
        return bad(QStringLiteral("too many parts"));
    Fault f;
    bool known = false;
    for (const auto& k : KindNames) {
        if (parts.at(0) == QLatin1String(k.name)) {
            f.kind = k.kind;
            known = true;
        }
    }
    if (!known)
        return bad(QStringLiteral("unknown kind '%1'").arg(parts.at(0)));
    if (parts.size() > 1) {
        if (parts.at(1) == QLatin1String("start")) {
            f.task = StartUp;
        } else {
            bool ok = false;
            f.task = parts.at(1).toLongLong(&ok);
            if (!ok || f.task < 0)
                return bad(QStringLiteral("'%1' is not a task number").arg(parts.at(1)));
        }
    }
    if (f.task == StartUp && f.kind == Kind::Throw)
        return bad(QStringLiteral("throw fails a task; to fail a start-up use crash, abort, kill, hang or exit"));
    if (parts.size() > 2) {
        if (f.task == StartUp)
            return bad(QStringLiteral("a start-up fault has no phase"));
        known = false;
        for (const auto& p : PhaseWords) {
            if (parts.at(2) == QLatin1String(p.word)) {
                f.phase = p.phase;
                known = true;
            }
        }
        if (!known)
            return bad(QStringLiteral("unknown phase '%1'").arg(parts.at(2)));
    }
    return f;
}

QString Fault::toString() const
{
    QString s;
    for (const auto& k : KindNames)
        if (k.kind == kind)
            s = QLatin1String(k.name);
    if (task == StartUp)
        return s + QStringLiteral(":start");
    s += QStringLiteral(":%1").arg(task);
    for (const auto& p : PhaseWords)
        if (p.phase == phase && phase != TaskPhase::Running)
            s += QLatin1Char(':') + QLatin1String(p.word);
    return s;
}

QCborArray Fault::toCbor() const
{
    return { int(kind), task, int(phase) };
}

Fault Fault::fromCbor(const QCborArray& a)
{
    return { Kind(a.at(0).toInteger()), a.at(1).toInteger(), TaskPhase(a.at(2).toInteger()) };
}

void triggerFault(const Fault& fault)
{
    std::fflush(stdout);
    switch (fault.kind) {
    case Fault::Kind::Crash:
        std::fprintf(stderr, "injected fault: segmentation fault\n");
        // The default action, even where a sanitizer installed its own handler: a real death by SIGSEGV.
        ::signal(SIGSEGV, SIG_DFL);
        ::raise(SIGSEGV);
        break;
    case Fault::Kind::Abort:
        std::fprintf(stderr, "injected fault: abort()\n");
        std::abort();
    case Fault::Kind::Kill:
        std::fprintf(stderr, "injected fault: the worker SIGKILLs itself\n");
        ::kill(::getpid(), SIGKILL);
        break;
    case Fault::Kind::Hang:
        ::signal(SIGTERM, SIG_IGN); // process-wide: no thread of ours takes the default action
        std::fprintf(stderr, "injected fault: hanging, deaf to SIGTERM\n");
        for (;;)
            ::pause();
    case Fault::Kind::Exit:
        std::fprintf(stderr, "injected fault: _exit(3)\n");
        ::_exit(3);
    case Fault::Kind::Throw:
        throw TaskException(
            QStringLiteral("RuntimeError"), QStringLiteral("injected failure (--inject %1)").arg(fault.toString()));
    }
    // raise() and kill() return only after the signal was delivered; never reached.
    ::_exit(70);
}

} // namespace proclab
