#pragma once

// The one place that talks to the operating system about processes, descriptors and signals.
// Linux is what we build and test on; a port replaces this file's implementation.

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <atomic>
#include <sys/resource.h>
#include <sys/types.h>

namespace proclab::platform {

struct FdMapping {
    int parentFd = -1; // descriptor in the engine
    int childFd = -1; // number it gets in the child
};

struct SpawnSpec {
    QString program;
    QStringList arguments; // without argv[0]
    QList<FdMapping> fds; // every other descriptor is closed in the child
    QStringList extraEnvironment; // "KEY=value" added to the engine's environment
    pid_t processGroup = -1; // -1: keep the engine's group, 0: lead a new group, >0: join that group
};

// posix_spawn: vfork + exec, never a fork of the (multi-threaded) engine without exec.
pid_t spawn(const SpawnSpec& spec, QString* error);

// The processes this process started: by spawn() (noted there) or through its forkserver (noted by the engine when
// it learns the pid); the most recent 65,536. Thread-safe. What another program's sweep removed of theirs is theirs:
// the tests count only their own processes' leftovers with it, never a suite's running beside them.
void noteStartedProcess(qint64 pid);
bool startedProcess(qint64 pid);

// A pollable descriptor that becomes readable when `pid` exits (pidfd), or -1 where unsupported.
int openPidFd(pid_t pid);

// What the kernel counted for one reaped child (wait4's rusage): its own CPU time, context switches and peak
// resident set, not those of its children.
struct ProcessUsage {
    qint64 userUs = 0;
    qint64 systemUs = 0;
    qint64 voluntarySwitches = 0; // it blocked (waited for I/O, a lock, a message)
    qint64 involuntarySwitches = 0; // the scheduler took the CPU from it
    qint64 peakRssKib = 0;
};
ProcessUsage usageFrom(const rusage& ru);

// Reaps `pid` if it has exited. Returns true and fills the wait status (and, when given, what the child used) when
// it did.
bool reap(pid_t pid, int* status, bool block, ProcessUsage* usage = nullptr);

// Python's convention: exit code, or minus the signal number for a death by signal.
int exitCodeFromStatus(int status);
QString describeStatus(int status); // "exit code 3", "killed by SIGKILL"
// In words a student reads: "exited with code 3", "segmentation fault (SIGSEGV)", "killed by SIGKILL".
QString describeDeath(int status);
int signalOf(int status); // the signal that ended it, 0 if it exited
QString signalName(int signal); // "SIGKILL"

bool isAlive(pid_t pid); // exists and is not a zombie
// When the process started (/proc/PID/stat field 22, clock ticks since boot), 0 if it is gone. With the pid it
// names one process for good: a reused pid has a later start time.
quint64 processStartTime(pid_t pid);
// Alive, not a zombie, and still the process that started at `startTime` (not a reuse of its pid).
bool isSameProcessAlive(pid_t pid, quint64 startTime);
// One reading of a live process's counters (Linux: /proc/PID/stat, one read): what a sampler turns into CPU % and
// resident memory. Counters cover every thread of the process, not its children.
struct ProcessReading {
    char state = '?'; // R running, S sleeping, D uninterruptible (disk, swap), Z zombie, T stopped...
    qint64 cpuTicks = 0; // user + system time, in clockTicksPerSecond() units
    qint64 rssKib = 0; // resident set
    int threads = 1;
    quint64 startTime = 0; // as processStartTime(): with the pid, names the process for good
};
// False when the process is gone (or its counters cannot be read: another platform, a hidepid /proc).
bool readProcess(pid_t pid, ProcessReading* reading);
qint64 clockTicksPerSecond();
int onlineCpus();
// Tells the CPU this thread is spinning (a pause): kinder to a sibling hyperthread and to the bus.
inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}
pid_t parentPid();
pid_t currentPid(); // cached: no system call after the first (reset in a fork's child)
pid_t currentTid(); // the calling thread's id, cached likewise
QString processExecutableDir();

// Descriptor helpers. All return false (errno set) on failure.
bool setNonBlocking(int fd, bool on = true);
bool setCloseOnExec(int fd, bool on = true);
bool makeSocketPair(int type, int fds[2]); // AF_UNIX, CLOEXEC on both ends
bool makePipe(int fds[2]); // CLOEXEC on both ends
// An anonymous, zero-filled shared memory object of `size` bytes (memfd, CLOEXEC): nothing in /dev/shm to leak.
int makeAnonymousShared(qsizetype size);
void closeFd(int& fd); // closes and sets to -1; EINTR-safe

// Writes everything (blocking descriptor) or fails. Never raises SIGPIPE.
bool writeAll(int fd, const char* data, qsizetype size);

// Linux: deliver SIGKILL to this process when its parent dies, then check that the parent is still
// `expectedParent` (closing the race where it died before the call). Returns false if it already died.
bool dieWithParent(pid_t expectedParent);

void ignoreSigPipe();

// Before QCoreApplication: under a locale whose character set is not UTF-8 (LANG=C, POSIX), switch the
// character type to C.UTF-8 in this process and its children. Qt would do the same on its own, but first print a
// warning about it on stderr, which would come before every one-line error message.
void useUtf8Locale();

// strerror(err) as text, in the user's locale: "No such file or directory".
QString errnoText(int err);

// A wake-up word in memory shared between processes (Linux: a futex, not FUTEX_PRIVATE). Waiters keep no
// state in it, so a waiter that is SIGKILLed leaves nothing behind; glibc's process-shared condition
// variables do (2.36: a broadcast after a killed waiter can block forever), which is why the primitives
// sleep on these words. Sleeps while *word == expected until woken or deadlineNs (CLOCK_MONOTONIC; -1: no
// deadline). Returning says nothing: the caller looks at its state again.
void sharedWordWait(std::atomic<quint32>* word, quint32 expected, qint64 deadlineNs);
void sharedWordWake(std::atomic<quint32>* word, int count); // count: INT_MAX for all

} // namespace proclab::platform
