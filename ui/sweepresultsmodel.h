#pragma once

// The points of one sweep as a table: one row per point (series, number of processes), with speedup and
// efficiency against the p = 1 point of the same series. GUI thread only.

#include "session/experimentrunner.h"

#include <QAbstractTableModel>
#include <QList>

namespace proclab {

class SweepResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Series, Processes, Wall, Min, Max, Speedup, Efficiency, Startup, Verified, Workers, ColumnCount };
    Q_ENUM(Column)
    // Qt::UserRole gives the raw number behind a cell (seconds, ratio), for sorting and for tests.
    static constexpr int RawValueRole = Qt::UserRole;

    explicit SweepResultsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Empties the table for a sweep with these series (their labels, by index).
    void clear(const QStringList& seriesLabels = {});
    void addPoint(const SweepPoint& point);
    const QList<SweepPoint>& points() const { return m_points; }

    // The median wall time at p = 1 in a series, or 0 while it is not measured.
    double baselineSeconds(int series) const;
    double speedup(const SweepPoint& point) const;

    // "4711:8, 4712:8" (pid:tasks); threads show their thread ids.
    static QString workersText(const SweepPoint& point);

private:
    QList<SweepPoint> m_points;
    QStringList m_seriesLabels;
};

} // namespace proclab
