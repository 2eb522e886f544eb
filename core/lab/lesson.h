#pragma once

// Lessons: a guided path through the tutorials' topics. Each lesson explains one idea in a few paragraphs,
// shows the equivalent Python program and the ProcLab call behind it, runs a real experiment (a demo, or a
// scaling sweep), points at what to notice, and checks understanding with one multiple-choice question.
//
// The texts are English source strings marked for Qt's translation tools (context "Lesson"); the accessors
// translate them when called, so a language switch at run time shows at the next read.

#include "engine/startmethod.h"
#include "lab/experiment.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace proclab {

class DemoOutput;

// What a lesson's Run button does.
struct LessonAction {
    enum class Kind { Demo, Sweep };
    Kind kind = Kind::Demo;
    QStringList demos; // Demo: run one after the other, each on a fresh Context
    int processes = 2; // Demo: the demo's -p; Sweep: p = 1..processes
    StartMethod startMethod = DefaultStartMethod;
    QString workload; // Sweep
    QStringList settings; // Sweep: workload parameters as key=value, the others take their defaults
    QList<ExecutorKind> executors { ExecutorKind::Process }; // Sweep: one series per executor × chunksize
    QList<int> chunksizes { 0 }; // 0: Python's default
    // Sweep: a workload parameter and its values, one series per value after executors × chunksizes: a mistake and
    // its fix measured side by side ("locked" = 1 and 0). Empty: one value, the settings' own.
    QString sizeParam;
    QStringList sizeValues;
    QString weakParam; // Sweep: weak scaling, this parameter grows with p (SweepSpec::weakParam); empty: strong
    int repeats = 1;
    // MPI hosts simulated on this machine for the action ("nodeA slots=2" lines, mpi/simulatedhosts.h): its MPI runs
    // go there, whatever hosts the window or the command line chose. Empty: those hosts.
    QStringList simulatedHosts;

    // Runs MPI ranks (an MPI demo, or a sweep with an MPI series): needs Open MPI's mpirun.
    bool needsMpi() const;
};

struct Lesson {
    QString name; // kebab-case, stable: command lines and saved progress use it
    const char* titleSource = nullptr;
    const char* textSource = nullptr; // simple HTML: <p>, <b>, <i>, <code>
    QString pythonFile; // resources/python/<pythonFile>.py, served as :/python/<pythonFile>.py
    QString cpp; // the ProcLab call, C++ (not translated)
    LessonAction action;
    QList<const char*> promptSources; // what to notice
    const char* questionSource = nullptr;
    QList<const char*> answerSources;
    int rightAnswer = 0; // index into answers
    const char* explanationSource = nullptr; // shown once the student has answered
    // One of the gallery of classic mistakes (a before/after measurement of a common error and its fix): the
    // catalogue puts them together at the end, and the lesson list shows them under that heading.
    bool classicMistake = false;

    // Translated for the current QCoreApplication translators.
    QString title() const;
    QString text() const;
    QStringList prompts() const;
    QString question() const;
    QStringList answers() const;
    QString explanation() const;
    QString python() const; // the program's text; empty if the resource is missing
    // "Run demo pool-map with 4 processes", "Sweep spin over p = 1..2: gil-thread, process".
    QString actionSummary() const;
};

// The catalogue, in curriculum order, the gallery of classic mistakes last.
const QList<Lesson>& lessons();
const Lesson* findLesson(const QString& name);
int lessonIndex(const QString& name); // -1 if unknown

// Checks that the action names a demo or a workload that exists, with parameters that parse. Empty when fine.
QString validateAction(const LessonAction& action);
// The sweep a Sweep action runs. False with a message when the action does not make sense.
bool sweepSpecFor(const LessonAction& action, SweepSpec* spec, QString* error);

// How many times the kernel took the CPU from the point's workers (their involuntary context switches, summed over
// the run closest to the median); -1 when no worker's usage was counted (threads, or not reaped by the run).
qint64 involuntarySwitches(const SweepPoint& point);

// Runs a lesson's action headless, blocking: the demos' output (the main process's prints and the workers'
// console, in arrival order) or a line per measured point and the Amdahl fit go to `out`. Returns 0 when
// every demo succeeded, or every sweep point completed and verified. `sweep` receives the sweep's result.
int runLessonAction(const Lesson& lesson, DemoOutput& out, SweepResult* sweep = nullptr);

} // namespace proclab
