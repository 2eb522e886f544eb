#pragma once

// The File menu's runs: Save Run… and Open Run… (ProcLab's versioned JSON: events, process names, console,
// settings) and Export Chrome Trace… (for Perfetto or chrome://tracing), with their dialogs. An opened run shows
// its final picture and replays. GUI thread only.

#include <QObject>

class QAction;
class QWidget;

namespace proclab {

class RunController;
class SweepController;

class RunFile : public QObject {
    Q_OBJECT
public:
    // The actions are children of `window`, the dialogs' parent.
    RunFile(RunController* run, const SweepController* sweep, QWidget* window);

    QAction* saveAction() const { return m_saveAction; }
    QAction* openAction() const { return m_openAction; }
    QAction* exportChromeTraceAction() const { return m_exportAction; }

    // Errors come back as one line (the dialogs show them).
    bool save(const QString& fileName, QString* error) const;
    bool open(const QString& fileName, QString* error); // not while a run or a sweep is under way

public Q_SLOTS:
    void saveDialog();
    void openDialog();
    void exportChromeTraceDialog();

Q_SIGNALS:
    void opened(); // a recorded run is on the views
    void statusMessage(const QString& text);

private:
    QString suggestedName(const QString& suffix) const; // the run's workload or demo

    RunController* m_run;
    const SweepController* m_sweep;
    QWidget* m_window;
    QAction* m_saveAction;
    QAction* m_openAction;
    QAction* m_exportAction;
};

} // namespace proclab
