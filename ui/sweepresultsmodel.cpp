#include "sweepresultsmodel.h"

#include "format.h"

#include <QBrush>
#include <QColor>

namespace proclab {

namespace {

bool isThreadExecutor(ExecutorKind e)
{
    return e != ExecutorKind::Process;
}

} // namespace

SweepResultsModel::SweepResultsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int SweepResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

int SweepResultsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double SweepResultsModel::baselineSeconds(int series) const
{
    for (const SweepPoint& p : m_points) {
        if (p.series == series && p.processes == 1)
            return p.median;
    }
    return 0;
}

double SweepResultsModel::speedup(const SweepPoint& point) const
{
    const double t1 = baselineSeconds(point.series);
    return t1 > 0 && point.median > 0 ? t1 / point.median : 0;
}

QString SweepResultsModel::workersText(const SweepPoint& point)
{
    QStringList parts;
    for (const WorkerStat& w : point.workers) {
        parts << (isThreadExecutor(point.executor) ? tr("tid %1:%2") : tr("%1:%2"))
                     .arg(isThreadExecutor(point.executor) ? w.tid : w.pid)
                     .arg(w.tasks);
    }
    return parts.join(QStringLiteral(", "));
}

QVariant SweepResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SweepPoint& p = m_points.at(index.row());
    const double s = speedup(p);
    const int column = index.column();

    if (role == RawValueRole) {
        switch (column) {
        case Series:
            return p.series;
        case Processes:
            return p.processes;
        case Wall:
            return p.median;
        case Min:
            return p.min;
        case Max:
            return p.max;
        case Speedup:
            return s;
        case Efficiency:
            return s / p.processes;
        case Startup:
            return p.startupSeconds;
        case Verified:
            return p.verified;
        case Workers: {
            QVariantList pids;
            for (const WorkerStat& w : p.workers)
                pids << w.pid;
            return pids;
        }
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Series:
            return m_seriesLabels.value(p.series, QString::number(p.series));
        case Processes:
            return p.processes;
        case Wall:
            return formatSeconds(p.median);
        case Min:
            return formatSeconds(p.min);
        case Max:
            return formatSeconds(p.max);
        case Speedup:
            return s > 0 ? tr("%1×").arg(s, 0, 'f', 2) : QStringLiteral("–");
        case Efficiency:
            return s > 0 ? tr("%1 %").arg(100 * s / p.processes, 0, 'f', 0) : QStringLiteral("–");
        case Startup:
            return tr("%1 ms").arg(p.startupSeconds * 1e3, 0, 'f', 1);
        case Verified:
            return p.verified ? tr("yes") : tr("NO");
        case Workers:
            return workersText(p);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Wall:
        case Min:
        case Max: {
            QStringList runs;
            for (double w : p.wallSeconds)
                runs << formatSeconds(w);
            return tr("Runs at p = %1: %2").arg(p.processes).arg(runs.join(QStringLiteral(", ")));
        }
        case Verified:
            return p.verified ? tr("Every run gave the same result as the serial computation")
                              : tr("At least one run failed or disagreed with the serial computation (see the log)");
        case Workers: {
            QStringList lines;
            for (const WorkerStat& w : p.workers) {
                lines << tr("%1: pid %2%3, %4 task(s), ready after %5 ms")
                             .arg(w.name)
                             .arg(w.pid)
                             .arg(isThreadExecutor(p.executor) ? tr(" tid %1").arg(w.tid) : QString())
                             .arg(w.tasks)
                             .arg(double(w.startupNs) / 1e6, 0, 'f', 1);
            }
            return lines.join(QLatin1Char('\n'));
        }
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return int((column == Workers || column == Verified || column == Series ? Qt::AlignLeft : Qt::AlignRight)
            | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && column == Verified)
        return QBrush(p.verified ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xc6, 0x28, 0x28));
    return {};
}

QVariant SweepResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Series:
            return tr("Series");
        case Processes:
            return tr("Processes");
        case Wall:
            return tr("Wall (median)");
        case Min:
            return tr("Min");
        case Max:
            return tr("Max");
        case Speedup:
            return tr("Speedup");
        case Efficiency:
            return tr("Efficiency");
        case Startup:
            return tr("Start-up");
        case Verified:
            return tr("Verified");
        case Workers:
            return tr("Workers (pid:tasks)");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Series:
            return tr("Executor, chunksize and problem size of the point");
        case Processes:
            return tr("p: the number of workers the tasks were shared among");
        case Wall:
            return tr("Wall-clock time from the first task submitted to the last result, median over the repeats "
                      "(pool start-up not included)");
        case Min:
        case Max:
            return tr("Fastest and slowest of the repeats");
        case Speedup:
            return tr("S(p) = T(1) / T(p). Ideal: S(p) = p");
        case Efficiency:
            return tr("E(p) = S(p) / p. Ideal: 100 %");
        case Startup:
            return tr("Time to start the workers until all reported ready (median)");
        case Verified:
            return tr("Results compared with a serial computation done by the engine");
        case Workers:
            return tr("Real process ids of the workers of the median run, and how many tasks each one ran");
        }
    }
    if (role == Qt::TextAlignmentRole)
        return int((section == Workers || section == Verified || section == Series ? Qt::AlignLeft : Qt::AlignRight)
            | Qt::AlignVCenter);
    return {};
}

void SweepResultsModel::clear(const QStringList& seriesLabels)
{
    beginResetModel();
    m_points.clear();
    m_seriesLabels = seriesLabels;
    endResetModel();
}

void SweepResultsModel::addPoint(const SweepPoint& point)
{
    const bool newBaseline = point.processes == 1;
    const int row = int(m_points.size());
    beginInsertRows({}, row, row);
    m_points.append(point);
    endInsertRows();
    if (newBaseline && row > 0) // speedups of earlier rows (of its series) are relative to it
        Q_EMIT dataChanged(index(0, Speedup), index(row - 1, Efficiency));
}

} // namespace proclab
