#pragma once

// A lesson's experiment, run with the window's own machinery. A sweep lesson is one sweep set up in the experiment
// panel (a series per executor × chunksize, side by side in the scaling lab); a demo lesson runs its demos one
// after the other, each animated on the stage like any demo (Stop works too) until one fails. lessonFinished()
// says whether it all went well. GUI thread only.

#include <QColor>
#include <QObject>
#include <QStringList>

#include <memory>

namespace proclab {

class ExperimentPanel;
struct Lesson;
class LessonView;
class RunController;
class SweepController;

namespace mpi {
class SimulatedHosts;
}

class LessonController : public QObject {
    Q_OBJECT
public:
    LessonController(LessonView* view, ExperimentPanel* panel, RunController* run, SweepController* sweep,
        QObject* parent = nullptr);
    ~LessonController() override;

public Q_SLOTS:
    // Unless a lesson, a run or a sweep is under way.
    void run(const proclab::Lesson& lesson);

Q_SIGNALS:
    // `ok`: every demo succeeded, or the sweep completed and every run was verified.
    void lessonFinished(bool ok);
    void sweepStarting(); // a sweep lesson: its results are worth seeing
    void logLine(const QString& text, const QColor& color = {});

private:
    void runDemos(const proclab::Lesson& lesson);
    void startNextDemo();
    void onDemoDrawn();
    void onSweepFinished();
    void finish(bool ok);

    LessonView* m_view;
    ExperimentPanel* m_panel;
    RunController* m_run;
    SweepController* m_sweep;
    QStringList m_demos; // the current lesson's demos still to run
    bool m_running = false;
    std::unique_ptr<mpi::SimulatedHosts> m_simulatedHosts; // the running lesson's MPI hosts, when it simulates some
};

} // namespace proclab
