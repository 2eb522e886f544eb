#include "engine/process.h"

#include "base/handle.h"
#include "base/ioloop.h"
#include "base/messages.h"
#include "base/platform.h"
#include "engine/asyncresult.h"
#include "engine/context.h"
#include "engine/workerprocess.h"

#include <csignal>

namespace proclab {

Process::Process(Context* context, const Function& target, const QCborValue& args, const QString& name, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_target(target)
    , m_args(args)
    , m_name(name)
{
    const int number = context->nextProcessNumber();
    if (m_name.isEmpty())
        m_name = QStringLiteral("Process-%1").arg(number);
}

Process::~Process()
{
    if (isAlive()) {
        kill();
        join();
    }
    m_context->loop()->postAndWait([this] {
        delete m_proc;
        m_proc = nullptr;
    });
}

void Process::start()
{
    QString error;
    m_context->loop()->postAndWait([&] {
        if (m_proc) {
            error = QStringLiteral("AssertionError: cannot start a process twice");
            return;
        }
        m_proc = new WorkerProcess(m_context, -1, m_name);
        // Connections in the args go to the child as descriptors 10, 11, ... (the same fd twice, once).
        QList<platform::FdMapping> inherited;
        const QCborValue args = remapHandleFds(m_args, [&](int fd) {
            for (const auto& m : std::as_const(inherited))
                if (m.parentFd == fd)
                    return m.childFd;
            inherited.append({ fd, 10 + int(inherited.size()) });
            return inherited.last().childFd;
        });
        m_proc->setInheritedFds(inherited);
        m_proc->onReady = [this](int, qint64 pid) {
            {
                std::lock_guard lock(m_mutex);
                m_pid = pid;
                m_started = true;
            }
            m_cv.notify_all();
            Q_EMIT started(pid);
        };
        const auto onEnd = [this](qint64 pid, int code, const QString& why) {
            {
                std::lock_guard lock(m_mutex);
                if (pid > 0)
                    m_pid = pid;
                m_exited = true;
                m_started = true;
                m_exitCode = code;
                m_failure = why;
            }
            m_cv.notify_all();
            Q_EMIT finished(code);
        };
        m_proc->onFinished = [onEnd](int, qint64 pid, int code) { onEnd(pid, code, {}); };
        m_proc->onFailed = [this, onEnd](int, qint64 pid, const QString& why) { onEnd(pid, m_proc->exitCode(), why); };
        if (!m_proc->start(&error))
            return;
        m_proc->send(wire::Define { 1, m_target.kernel, m_target.config }.encode());
        m_proc->send(wire::Run { 1, args }.encode());
        m_proc->expectExit();
        m_proc->flush();
    });
    if (!error.isEmpty())
        throw PoolError(error);
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [&] { return m_started; });
}

bool Process::join(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    if (!m_started)
        throw PoolError(QStringLiteral("AssertionError: can only join a started process"));
    if (timeoutMs < 0) {
        m_cv.wait(lock, [&] { return m_exited; });
        return true;
    }
    return m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_exited; });
}

void Process::terminate()
{
    m_context->loop()->postAndWait([this] {
        if (m_proc)
            m_proc->terminate();
    });
}

void Process::kill()
{
    m_context->loop()->postAndWait([this] {
        if (m_proc)
            m_proc->kill();
    });
}

bool Process::isAlive() const
{
    std::lock_guard lock(m_mutex);
    return m_started && !m_exited;
}

qint64 Process::pid() const
{
    std::lock_guard lock(m_mutex);
    return m_pid;
}

std::optional<int> Process::exitCode() const
{
    std::lock_guard lock(m_mutex);
    if (!m_exited)
        return std::nullopt;
    return m_exitCode;
}

QString Process::failure() const
{
    std::lock_guard lock(m_mutex);
    return m_failure;
}

} // namespace proclab
