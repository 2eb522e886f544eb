#include "runfile.h"

#include "runcontroller.h"
#include "session/eventplayer.h"
#include "sweepcontroller.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QWidget>

#include <optional>

namespace proclab {

RunFile::RunFile(RunController* run, const SweepController* sweep, QWidget* window)
    : QObject(window)
    , m_run(run)
    , m_sweep(sweep)
    , m_window(window)
    , m_saveAction(new QAction(tr("Save &Run…"), this))
    , m_openAction(new QAction(tr("&Open Run…"), this))
    , m_exportAction(new QAction(tr("Export &Chrome Trace…"), this))
{
    m_saveAction->setObjectName(QStringLiteral("saveRunAction"));
    m_saveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_saveAction->setStatusTip(tr("Save the last run (events, processes, console, settings) to replay later"));
    connect(m_saveAction, &QAction::triggered, this, &RunFile::saveDialog);
    m_openAction->setObjectName(QStringLiteral("openRunAction"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &RunFile::openDialog);
    m_exportAction->setStatusTip(tr("The last run as Chrome Trace Event JSON, for Perfetto or chrome://tracing"));
    connect(m_exportAction, &QAction::triggered, this, &RunFile::exportChromeTraceDialog);
}

bool RunFile::save(const QString& fileName, QString* error) const
{
    if (m_run->player()->events().empty()) {
        *error = tr("There is no run to save yet: run a workload or a demo first.");
        return false;
    }
    return m_run->trace().save(fileName, error);
}

bool RunFile::open(const QString& fileName, QString* error)
{
    if (m_run->isActive() || m_sweep->isRunning()) {
        *error = tr("Stop the run under way first.");
        return false;
    }
    std::optional<Trace> trace = Trace::load(fileName, error);
    if (!trace)
        return false;
    m_run->load(std::move(*trace), tr("Opened %1").arg(QFileInfo(fileName).fileName()));
    Q_EMIT opened();
    Q_EMIT statusMessage(tr("Opened a recorded run (%L1 events). Replay (Ctrl+Shift+R) plays it again; Step (.) "
                            "goes event by event.")
                             .arg(m_run->player()->events().size()));
    return true;
}

QString RunFile::suggestedName(const QString& suffix) const
{
    const QString& name = m_run->request().name;
    return (name.isEmpty() ? QStringLiteral("run") : name) + suffix;
}

void RunFile::saveDialog()
{
    const QString file = QFileDialog::getSaveFileName(m_window, tr("Save Run"),
        suggestedName(QStringLiteral(".proclab.json")), tr("ProcLab run (*.proclab.json *.json)"));
    if (file.isEmpty())
        return;
    QString error;
    if (save(file, &error))
        Q_EMIT statusMessage(tr("Run saved to %1").arg(file));
    else
        QMessageBox::warning(m_window, tr("Save Run"), error);
}

void RunFile::openDialog()
{
    const QString file = QFileDialog::getOpenFileName(
        m_window, tr("Open Run"), {}, tr("ProcLab run (*.proclab.json *.json);;All files (*)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!open(file, &error))
        QMessageBox::warning(m_window, tr("Open Run"), tr("Could not open %1:\n%2").arg(file, error));
}

void RunFile::exportChromeTraceDialog()
{
    if (m_run->player()->events().empty()) {
        Q_EMIT statusMessage(tr("There is no run to export yet."));
        return;
    }
    const QString file = QFileDialog::getSaveFileName(m_window, tr("Export Chrome Trace"),
        suggestedName(QStringLiteral(".trace.json")), tr("Chrome Trace Event JSON (*.json)"));
    if (file.isEmpty())
        return;
    QString error;
    if (m_run->trace().saveChromeTrace(file, &error))
        Q_EMIT statusMessage(tr("Trace saved to %1: open it in https://ui.perfetto.dev or chrome://tracing").arg(file));
    else
        QMessageBox::warning(m_window, tr("Export Chrome Trace"), error);
}

} // namespace proclab
