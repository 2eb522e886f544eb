#pragma once

// The window's command line (proclab --help). It is read into a WindowCommand before any window exists, so
// that --help, --version, the lists and a mistyped option answer on a machine without a display; then applied
// to the MainWindow (the experiment panel, the run mode, a lesson, presenter mode) through its public API, and
// started: the run, the screenshot and the exit it asks for. Options shared with proclab-cli are read by the
// same rules (lab/options.h).

#include "engine/startmethod.h"
#include "lab/options.h"

#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace proclab {

class MainWindow;

// What the command line asks for: plain values, checked as far as they can be without a window.
struct WindowCommand {
    // Text answered without a window (after which the program ends), or the window.
    enum class Action { OpenWindow, Help, Version, ListDemos, ListLessons, UnknownLesson };
    Action action = Action::OpenWindow;
    QString language; // --lang for this session; empty: the remembered choice, else the system's

    // The experiment panel. What is not given keeps its value from the last session.
    std::optional<QString> workload;
    QStringList params; // --set key=value, read against the workload once the window has chosen it
    std::optional<int> maxProcesses;
    std::optional<QList<ExecutorKind>> executors;
    std::optional<StartMethod> startMethod;
    std::optional<Scheduling> scheduling;
    std::optional<QList<int>> chunksizes;
    std::optional<options::ProblemSize> size;
    std::optional<QString> weakParam; // --weak KEY
    std::optional<int> repeats;
    std::optional<int> plotView; // a ScalingPlot::View
    bool presenter = false;
    QList<double> predictions; // speedups expected at p = 2, 3, ...; empty: no prediction
    std::optional<int> paceMs;
    QString hostfile; // --hosts FILE: the MPI executors' Open MPI hostfile (absolute)
    QString rshAgent; // --rsh-agent PROGRAM: what mpirun runs instead of ssh

    // What to start at once, and what to do when it ends.
    QString demo; // --demo: open on it and run it
    QString python; // --python FILE: open the script and run it (with --run: sweep it)
    QStringList pythonArguments; // what follows `--`
    QStringList overlays; // --overlay FILE: sweeps measured elsewhere, drawn as overlays
    bool single = false; // --single: the workload once, animated
    bool sweep = false; // --run: the scaling sweep (with --lesson: the lesson's experiment)
    QString lesson; // --lesson
    bool exitAfterRun = false;
    QString screenshot; // a picture of the window when the run ends (or at once when nothing runs)
    std::optional<int> screenshotAtMs; // with --single or --demo: this long after the run starts instead
    int screenshotAfterPoints = 0; // with a sweep: when this many points have landed instead (0: at the end)
};

class CommandLine {
public:
    CommandLine(); // defines the options

    // Reads the arguments (the program name first). False on bad input; error() then says why in one line.
    bool parse(const QStringList& arguments);
    const WindowCommand& command() const { return m_command; }
    QString error() const { return m_error; }

    // For an action other than OpenWindow: prints the help, the version or a list (the language set first)
    // and gives the exit code. Needs a QCoreApplication (--help and --version quit the program themselves).
    int answerWithoutWindow();

    // Puts the command to the window: the experiment panel's settings, the plot view, presenter mode,
    // predictions, pace and run mode. False on what only the window can check (the workload's parameters,
    // one prediction per p); error() then says why.
    bool apply(MainWindow* window);
    // Shows the window and starts what the command asks for: a lesson, a run, a sweep, a screenshot, the exit.
    void start(MainWindow* window) const;

private:
    bool fail(const QString& message);
    bool readExperiment();

    QCommandLineParser m_parser;
    QCommandLineOption m_helpOption;
    QCommandLineOption m_versionOption;
    WindowCommand m_command;
    QString m_error;
};

} // namespace proclab
