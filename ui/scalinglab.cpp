#include "scalinglab.h"

#include "format.h"

#include <QAction>
#include <QActionGroup>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QProgressBar>
#include <QSettings>
#include <QTableWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

enum PredictionColumn { ExpectedColumn, MeasuredColumn, VerdictColumn };

QIcon swatch(const QColor& color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(color);
    painter.setPen(color.darker(130));
    painter.drawEllipse(QRectF(1.5, 1.5, 11, 11));
    return QIcon(pixmap);
}

QString overlayTitle(const SweepOverlay& o)
{
    return QStringLiteral("%1 (%2)").arg(o.label, takenText(o.taken));
}

// Every run the sweep will make, warm-ups included: the progress bar's 100 %.
int runsOf(const SweepSpec& spec)
{
    const int series = int(plannedSeries(spec).size());
    const int points = int(spec.processes.size());
    const int warmups = spec.warmup * (spec.warmupFirstPointOnly ? 1 : points);
    return series * (points * spec.repeats + warmups);
}

} // namespace

ScalingLab::ScalingLab(QWidget* parent)
    : QWidget(parent)
    , m_plot(new ScalingPlot(this))
{
    setObjectName(QStringLiteral("scalingLab"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    createToolBar();
    layout->addWidget(m_toolBar);
    // A click on a legend entry hides or shows its series: the Series menu follows.
    connect(m_plot, &ScalingPlot::seriesVisibilityChanged, this, &ScalingLab::rebuildSeriesMenu, Qt::QueuedConnection);

    // The prediction table sits beside the plot, shown in predict-first mode.
    m_predictionPanel = new QWidget(this);
    m_predictionPanel->setObjectName(QStringLiteral("predictionPanel"));
    auto* panelLayout = new QVBoxLayout(m_predictionPanel);
    panelLayout->setContentsMargins(4, 0, 4, 0);
    auto* intro = new QLabel(tr("<b>Predict first.</b> How many times faster than one process will p processes "
                                "be? Type your guess for every p, then run."),
        m_predictionPanel);
    intro->setWordWrap(true);
    panelLayout->addWidget(intro);
    m_predictionTable = new QTableWidget(0, 3, m_predictionPanel);
    m_predictionTable->setObjectName(QStringLiteral("predictionTable"));
    m_predictionTable->setHorizontalHeaderLabels({ tr("you expect"), tr("measured"), tr("verdict") });
    // The verdicts wrap in the last column; the numbers take what they need.
    m_predictionTable->horizontalHeader()->setSectionResizeMode(ExpectedColumn, QHeaderView::ResizeToContents);
    m_predictionTable->horizontalHeader()->setSectionResizeMode(MeasuredColumn, QHeaderView::ResizeToContents);
    m_predictionTable->horizontalHeader()->setSectionResizeMode(VerdictColumn, QHeaderView::Stretch);
    m_predictionTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_predictionTable->setWordWrap(true);
    m_predictionTable->setToolTip(
        tr("Speedup T(1) / T(p) you expect, e.g. 1.8 for p = 2; every series is compared with it"));
    panelLayout->addWidget(m_predictionTable, 1);
    m_predictionPanel->setMinimumWidth(360);
    m_predictionPanel->setVisible(false);
    connect(m_predictionTable, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_filling || item->column() != ExpectedColumn)
            return;
        // The user's locale first ("3,5" in many classrooms), then the C locale's "3.5".
        const QString text = item->text().trimmed();
        bool ok = false;
        double value = QLocale().toDouble(text, &ok);
        if (!ok)
            value = QLocale::c().toDouble(text, &ok);
        setPrediction(item->row() + 1, ok ? value : 0);
    });

    auto* middle = new QHBoxLayout;
    middle->setSpacing(0);
    middle->addWidget(m_plot, 1);
    middle->addWidget(m_predictionPanel);
    layout->addLayout(middle, 1);

    auto* progressRow = new QHBoxLayout;
    progressRow->setContentsMargins(6, 0, 6, 2);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_eta = new QLabel(this);
    m_eta->setObjectName(QStringLiteral("sweepEta"));
    m_eta->setMinimumWidth(fontMetrics().horizontalAdvance(tr("about 00 min 00 s left")));
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_eta);
    layout->addLayout(progressRow);

    loadOverlays();
    m_plot->setOverlays(m_overlays);
    rebuildOverlayMenu();
    prepare(m_maxProcesses);
}

ScalingLab::~ScalingLab() = default;

void ScalingLab::createToolBar()
{
    m_toolBar = new QToolBar(tr("Scaling lab"), this);
    m_toolBar->setObjectName(QStringLiteral("labToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_viewGroup = new QActionGroup(this);
    const std::pair<ScalingPlot::View, int> views[]
        = { { ScalingPlot::View::WallTime, Qt::Key_1 }, { ScalingPlot::View::Speedup, Qt::Key_2 },
              { ScalingPlot::View::Efficiency, Qt::Key_3 }, { ScalingPlot::View::Breakdown, Qt::Key_4 } };
    for (const auto& [view, key] : views) {
        auto* action = new QAction(ScalingPlot::viewName(view), m_viewGroup);
        action->setCheckable(true);
        action->setChecked(view == m_plot->view());
        action->setShortcut(QKeySequence(Qt::CTRL | key));
        action->setData(int(view));
        action->setObjectName(QStringLiteral("view%1Action").arg(int(view)));
        action->setStatusTip(view == ScalingPlot::View::Breakdown
                ? tr("Show where p × time went at each p, for every series side by side")
                : tr("Plot %1 against the number of processes").arg(ScalingPlot::viewName(view).toLower()));
        connect(action, &QAction::triggered, this, [this, view = view] { setView(view); });
    }
    m_toolBar->addActions(m_viewGroup->actions());
    m_toolBar->addSeparator();

    m_seriesMenu = new QMenu(this);
    m_seriesButton = new QToolButton(m_toolBar);
    m_seriesButton->setObjectName(QStringLiteral("seriesButton"));
    m_seriesButton->setText(tr("Series"));
    m_seriesButton->setToolTip(tr("Show or hide each series of the sweep"));
    m_seriesButton->setMenu(m_seriesMenu);
    m_seriesButton->setPopupMode(QToolButton::InstantPopup);
    m_toolBar->addWidget(m_seriesButton);

    m_keepAction = m_toolBar->addAction(tr("Keep as Overlay"));
    m_keepAction->setObjectName(QStringLiteral("keepOverlayAction"));
    m_keepAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_keepAction->setToolTip(tr("Pin this run on the plot (dashed) to compare the next runs with it"));
    connect(m_keepAction, &QAction::triggered, this, [this] {
        if (!keepAsOverlay())
            Q_EMIT message(tr("Nothing to keep yet: measure a sweep first."));
    });
    m_overlayMenu = new QMenu(this);
    m_overlayButton = new QToolButton(m_toolBar);
    m_overlayButton->setObjectName(QStringLiteral("overlayButton"));
    m_overlayButton->setMenu(m_overlayMenu);
    m_overlayButton->setPopupMode(QToolButton::InstantPopup);
    m_overlayButton->setToolTip(tr("The runs kept for comparison"));
    m_toolBar->addWidget(m_overlayButton);
    m_toolBar->addSeparator();

    m_predictAction = m_toolBar->addAction(tr("Predict First"));
    m_predictAction->setObjectName(QStringLiteral("predictAction"));
    m_predictAction->setCheckable(true);
    m_predictAction->setToolTip(tr("Type the speedups you expect before running, then compare"));
    connect(m_predictAction, &QAction::toggled, this, &ScalingLab::setPredictMode);
    m_toolBar->addSeparator();

    m_exportMenu = new QMenu(tr("&Export"), this);
    const std::pair<QString, QString> formats[] = { { QStringLiteral("png"), tr("Plot as &PNG Image…") },
        { QStringLiteral("pdf"), tr("Plot as P&DF…") }, { QStringLiteral("svg"), tr("Plot as &SVG…") },
        { QStringLiteral("csv"), tr("Data as &CSV…") }, { QStringLiteral("json"), tr("Data as &JSON…") } };
    for (const auto& [suffix, text] : formats) {
        QAction* action = m_exportMenu->addAction(text);
        action->setObjectName(QStringLiteral("export_") + suffix);
        connect(action, &QAction::triggered, this, [this, suffix = suffix] { exportWithDialog(suffix); });
        if (suffix == QLatin1String("png"))
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
        if (suffix == QLatin1String("csv"))
            action->setShortcut(QKeySequence::Save);
        if (suffix == QLatin1String("svg"))
            m_exportMenu->addSeparator();
    }
    auto* exportButton = new QToolButton(m_toolBar);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setText(tr("Export"));
    exportButton->setMenu(m_exportMenu);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    m_toolBar->addWidget(exportButton);
}

QList<QAction*> ScalingLab::viewActions() const
{
    return m_viewGroup->actions();
}

void ScalingLab::setView(ScalingPlot::View view)
{
    for (QAction* action : m_viewGroup->actions()) {
        if (action->data().toInt() == int(view) && !action->isChecked())
            action->setChecked(true);
    }
    if (view == m_plot->view())
        return;
    m_plot->setView(view);
    Q_EMIT viewChanged(view);
}

void ScalingLab::setPresenterMode(bool on)
{
    m_plot->setPresenterMode(on);
}

void ScalingLab::prepare(int maxProcesses)
{
    m_maxProcesses = std::max(1, maxProcesses);
    rebuildPredictionTable();
    if (hasPoints())
        return; // a measured sweep stays on show until the next one begins
    m_result = {};
    m_plot->reset(m_maxProcesses);
    m_runsDone = 0;
    m_runsTotal = 0;
    updateProgress();
    rebuildSeriesMenu();
}

bool ScalingLab::hasPoints() const
{
    return std::any_of(
        m_result.series.cbegin(), m_result.series.cend(), [](const SweepSeries& s) { return !s.points.isEmpty(); });
}

bool ScalingLab::readyToRun(QString* why) const
{
    if (!predictMode())
        return true;
    QList<int> missing;
    for (int p = 2; p <= m_maxProcesses; ++p) {
        if (!m_predictions.contains(p))
            missing << p;
    }
    if (missing.isEmpty())
        return true;
    if (why) {
        QStringList ps;
        for (int p : missing)
            ps << QString::number(p);
        *why = tr("Predict first: type the speedup you expect for p = %1.").arg(ps.join(QStringLiteral(", ")));
    }
    return false;
}

void ScalingLab::beginSweep(const SweepSpec& spec, const QString& label)
{
    m_maxProcesses = spec.processes.isEmpty() ? m_maxProcesses : spec.processes.last();
    m_label = label;
    m_result = {};
    m_result.spec = spec;
    m_result.series = plannedSeries(spec);
    m_plot->reset(m_maxProcesses);
    m_plot->setResult(m_result);
    m_runsDone = 0;
    m_runsTotal = runsOf(spec);
    m_clock.start();
    updateProgress();
    rebuildSeriesMenu();
    updateVerdicts();
}

void ScalingLab::addRun(const RunReport& report)
{
    if (report.job != m_result.spec.id)
        return;
    m_runsDone = std::min(m_runsDone + 1, m_runsTotal);
    updateProgress();
}

void ScalingLab::addPoint(const SweepPoint& point)
{
    if (point.job != m_result.spec.id || point.series < 0 || point.series >= m_result.series.size())
        return;
    m_result.series[point.series].points.append(point);
    m_result.recompute(); // the fit follows every point
    m_plot->setResult(m_result);
    updateVerdicts();
}

void ScalingLab::endSweep(SweepResult::Outcome outcome)
{
    m_result.outcome = outcome;
    if (outcome == SweepResult::Outcome::Completed)
        m_runsDone = m_runsTotal;
    m_clock.invalidate();
    updateProgress();
}

void ScalingLab::updateProgress()
{
    m_progress->setRange(0, std::max(1, m_runsTotal));
    m_progress->setValue(m_runsDone);
    m_progress->setEnabled(m_runsTotal > 0);
    m_progress->setFormat(m_runsTotal > 0 ? tr("%v of %m runs (%p %)") : QString());
    // The rest at the pace of the runs so far (later points have more processes: a rough, honest guess).
    if (m_clock.isValid() && m_runsDone > 0 && m_runsDone < m_runsTotal) {
        const double left = double(m_clock.elapsed()) / 1e3 / m_runsDone * (m_runsTotal - m_runsDone);
        m_eta->setText(left < 60 ? tr("about %1 s left").arg(std::ceil(left))
                                 : tr("about %1 min %2 s left").arg(int(left) / 60).arg(int(left) % 60));
    } else if (m_runsTotal > 0 && m_runsDone == m_runsTotal) {
        m_eta->setText(tr("done"));
    } else {
        m_eta->setText(m_clock.isValid() ? tr("measuring…") : QString());
    }
}

void ScalingLab::rebuildSeriesMenu()
{
    m_seriesMenu->clear();
    for (const SweepSeries& s : std::as_const(m_result.series)) {
        QAction* action = m_seriesMenu->addAction(swatch(ScalingPlot::seriesColor(s.index)), s.label());
        action->setCheckable(true);
        action->setChecked(m_plot->isSeriesVisible(s.index));
        connect(
            action, &QAction::toggled, this, [this, index = s.index](bool on) { m_plot->setSeriesVisible(index, on); });
    }
    m_seriesButton->setEnabled(m_result.series.size() > 1);
    m_seriesButton->setText(tr("Series (%1)").arg(m_result.series.size()));
}

void ScalingLab::rebuildOverlayMenu()
{
    m_overlayMenu->clear();
    for (qsizetype i = 0; i < m_overlays.size(); ++i) {
        QAction* action = m_overlayMenu->addAction(tr("Remove %1").arg(overlayTitle(m_overlays.at(i))));
        connect(action, &QAction::triggered, this, [this, i] { removeOverlay(int(i)); });
    }
    if (!m_overlays.isEmpty()) {
        m_overlayMenu->addSeparator();
        connect(m_overlayMenu->addAction(tr("Remove All")), &QAction::triggered, this, &ScalingLab::clearOverlays);
    }
    m_overlayButton->setText(tr("Overlays (%1)").arg(m_overlays.size()));
    m_overlayButton->setEnabled(!m_overlays.isEmpty());
}

bool ScalingLab::keepAsOverlay()
{
    if (!hasPoints())
        return false;
    m_overlays.append({ m_label, QDateTime::currentDateTime(), m_result });
    while (m_overlays.size() > maxOverlays)
        m_overlays.removeFirst();
    saveOverlays();
    m_plot->setOverlays(m_overlays);
    rebuildOverlayMenu();
    Q_EMIT message(tr("Kept as an overlay: %1").arg(overlayTitle(m_overlays.last())));
    return true;
}

bool ScalingLab::addOverlayFile(const QString& fileName, QString* error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(fileName, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(64 * 1024 * 1024), &parseError);
    if (!doc.isObject()) {
        *error = tr("%1: not JSON (%2)").arg(fileName, parseError.errorString());
        return false;
    }
    QString why;
    const std::optional<SweepResult> result = SweepResult::fromJson(doc.object(), &why);
    if (!result) {
        *error = tr("%1: %2").arg(fileName, why);
        return false;
    }
    bool points = false;
    for (const SweepSeries& s : result->series)
        points = points || !s.points.isEmpty();
    if (!points) {
        *error = tr("%1: the sweep has no point").arg(fileName);
        return false;
    }
    QString label = result->spec.workload;
    if (label.isEmpty() && !result->series.isEmpty())
        label = result->series.first().label(); // a program's sweep: "python pi-sweep.py"
    else if (const Workload* w = findWorkload(label))
        label = QStringLiteral("%1 (%2)").arg(label, formatParams(w, result->spec.params));
    m_overlays.append({ label, QFileInfo(fileName).lastModified(), *result });
    while (m_overlays.size() > maxOverlays)
        m_overlays.removeFirst();
    saveOverlays();
    m_plot->setOverlays(m_overlays);
    rebuildOverlayMenu();
    return true;
}

void ScalingLab::removeOverlay(int index)
{
    if (index < 0 || index >= m_overlays.size())
        return;
    m_overlays.removeAt(index);
    saveOverlays();
    m_plot->setOverlays(m_overlays);
    rebuildOverlayMenu();
}

void ScalingLab::clearOverlays()
{
    m_overlays.clear();
    saveOverlays();
    m_plot->setOverlays(m_overlays);
    rebuildOverlayMenu();
}

void ScalingLab::loadOverlays()
{
    const QJsonArray list = QJsonDocument::fromJson(QSettings().value(overlaysKey()).toByteArray()).array();
    for (const auto& v : list) {
        const QJsonObject o = v.toObject();
        QString error;
        const auto result = SweepResult::fromJson(o.value(QStringLiteral("result")).toObject(), &error);
        if (!result)
            continue; // written by another version: drop it rather than show it wrong
        m_overlays.append({ o.value(QStringLiteral("label")).toString(),
            QDateTime::fromString(o.value(QStringLiteral("taken")).toString(), Qt::ISODate), *result });
    }
    while (m_overlays.size() > maxOverlays)
        m_overlays.removeFirst();
}

void ScalingLab::saveOverlays() const
{
    QJsonArray list;
    for (const SweepOverlay& o : m_overlays) {
        list.append(QJsonObject { { QStringLiteral("label"), o.label },
            { QStringLiteral("taken"), o.taken.toString(Qt::ISODate) },
            { QStringLiteral("result"), o.result.toJson() } });
    }
    QSettings().setValue(overlaysKey(), QJsonDocument(list).toJson(QJsonDocument::Compact));
}

bool ScalingLab::predictMode() const
{
    return m_predictAction->isChecked();
}

void ScalingLab::setPredictMode(bool on)
{
    if (m_predictAction->isChecked() != on) {
        m_predictAction->setChecked(on); // comes back here through toggled
        return;
    }
    m_predictionPanel->setVisible(on);
    m_plot->setPredictions(on ? m_predictions : QMap<int, double> {});
    if (on)
        Q_EMIT message(tr("Predict first: type the speedup you expect for each p, then press Run."));
}

void ScalingLab::setPrediction(int processes, double speedup)
{
    if (speedup > 0 && std::isfinite(speedup))
        m_predictions.insert(processes, speedup);
    else
        m_predictions.remove(processes);
    if (QTableWidgetItem* item = m_predictionTable->item(processes - 1, ExpectedColumn)) {
        m_filling = true;
        item->setText(m_predictions.contains(processes) ? QLocale().toString(speedup, 'g', 3) : QString());
        m_filling = false;
    }
    if (predictMode())
        m_plot->setPredictions(m_predictions);
    updateVerdicts();
}

void ScalingLab::rebuildPredictionTable()
{
    m_filling = true;
    m_predictionTable->setRowCount(m_maxProcesses);
    QStringList rows;
    for (int p = 1; p <= m_maxProcesses; ++p) {
        rows << QStringLiteral("p = %1").arg(p);
        auto* expected = new QTableWidgetItem;
        if (p == 1) {
            // One process against itself: 1× by definition.
            expected->setText(QStringLiteral("1"));
            expected->setFlags(Qt::ItemIsEnabled);
        } else if (m_predictions.contains(p)) {
            expected->setText(QLocale().toString(m_predictions.value(p), 'g', 3));
        }
        m_predictionTable->setItem(p - 1, ExpectedColumn, expected);
        for (int column : { MeasuredColumn, VerdictColumn }) {
            auto* item = new QTableWidgetItem;
            item->setFlags(Qt::ItemIsEnabled);
            m_predictionTable->setItem(p - 1, column, item);
        }
    }
    m_predictionTable->setVerticalHeaderLabels(rows);
    m_filling = false;
    updateVerdicts();
}

QString ScalingLab::verdict(int processes) const
{
    if (processes < 2 || !m_predictions.contains(processes) || m_result.series.isEmpty())
        return {};
    const double expected = m_predictions.value(processes);
    const bool several = m_result.series.size() > 1;
    QStringList verdicts; // one per series that has the point: every series is compared with the guess
    for (const SweepSeries& s : m_result.series) {
        for (const SweepPoint& p : s.points) {
            if (p.processes != processes || !std::isfinite(p.speedup))
                continue;
            const double ratio = p.speedup / expected;
            const QString how = ratio < 0.9 ? tr("less than you thought")
                : ratio > 1.1               ? tr("more than you thought")
                                            : tr("close!");
            if (!several)
                return tr("you expected %1×, measured %2×: %3")
                    .arg(QLocale().toString(expected, 'f', 1), QLocale().toString(p.speedup, 'f', 1), how);
            verdicts << tr("%1 %2×, %3").arg(s.label(), QLocale().toString(p.speedup, 'f', 1), how);
        }
    }
    if (verdicts.isEmpty())
        return {};
    return tr("you expected %1×, measured: %2")
        .arg(QLocale().toString(expected, 'f', 1), verdicts.join(QStringLiteral("; ")));
}

void ScalingLab::updateVerdicts()
{
    m_filling = true;
    for (int p = 1; p <= m_predictionTable->rowCount(); ++p) {
        QStringList measured;
        for (const SweepSeries& s : std::as_const(m_result.series)) {
            for (const SweepPoint& point : s.points) {
                if (point.processes == p && std::isfinite(point.speedup))
                    measured << tr("%1×").arg(QLocale().toString(point.speedup, 'f', 2));
            }
        }
        m_predictionTable->item(p - 1, MeasuredColumn)->setText(measured.join(QStringLiteral(" · ")));
        const QString v = verdict(p);
        // One series: "less than you thought"; several: one line each, "process 1.9×, less than you thought".
        const QString shown = m_result.series.size() > 1
            ? v.section(QStringLiteral(": "), 1).replace(QStringLiteral("; "), QStringLiteral("\n"))
            : v.section(QStringLiteral(": "), 1);
        m_predictionTable->item(p - 1, VerdictColumn)->setText(shown);
        m_predictionTable->item(p - 1, VerdictColumn)->setToolTip(v);
    }
    m_filling = false;
}

bool ScalingLab::exportTo(const QString& fileName, QString* error)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("json"))
        return m_result.save(fileName, error);
    return m_plot->exportTo(fileName, error);
}

void ScalingLab::exportWithDialog(const QString& suffix)
{
    const QString base = m_result.spec.workload.isEmpty() ? QStringLiteral("scaling")
                                                          : m_result.spec.workload + QStringLiteral("-scaling");
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export"), base + QLatin1Char('.') + suffix, tr("%1 file (*.%2)").arg(suffix.toUpper(), suffix));
    if (file.isEmpty())
        return;
    QString error;
    if (exportTo(file, &error))
        Q_EMIT message(tr("Saved %1").arg(file));
    else
        QMessageBox::warning(this, tr("Export"), error);
}

} // namespace proclab
