#pragma once

// The stage: the parent process and a box per worker (real pid, name, state badge, tasks done, the chunk it
// holds), the pool's task queue and result tray, cards travelling between them, and a band with the run's
// queues, pipes, locks, shared cells, synchronisation objects and the Manager. Draws the StageModel at its
// playhead; repaints are coalesced to at most 60 per second however often the model changes.

#include "session/stagemodel.h" // QPointer needs the complete type

#include <QHash>
#include <QList>
#include <QPointer>
#include <QRectF>
#include <QWidget>

namespace proclab {

class EventPlayer;
class StageFramePacer;
struct StagePalette;

class StageView : public QWidget {
    Q_OBJECT
public:
    static constexpr int MaxWorkerBoxes = 16; // more workers: the first 16 by slot, and "+N more"

    explicit StageView(QWidget* parent = nullptr);

    void setModel(StageModel* model);
    // The model follows the player: it starts again from nothing when the player rewinds, applies the events the
    // playhead passes and animates at the playhead.
    void attach(EventPlayer* player);
    StageModel* model() const { return m_model; }
    void setPresenterMode(bool on);
    bool presenterMode() const { return m_presenter; }
    QList<qint64> workerPidsShown() const; // pids drawn in worker boxes right now (for GUI tests)
    qint64 selectedPid() const { return m_selected; }
    void setSelectedPid(qint64 pid);
    int framesPainted() const { return m_frames; }
    // The part of the run on show ("p = 3, repeat 2/3" in a sweep, from the player's marks), top right; empty: none.
    QString caption() const { return m_caption; }
    // Where a process's box is, in widget coordinates, after the latest layout (empty if not shown).
    QRectF boxOf(qint64 pid) const { return m_boxes.value(pid); }
    // An MPI run: each host as a frame around its ranks' boxes, after the latest layout (empty: not one).
    struct HostFrame {
        QString host;
        QRectF rect;
        int ranks = 0;
    };
    QList<HostFrame> hostFrames() const { return m_hostFrames; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void killRequested(qint64 pid); // the user asked to SIGKILL this worker (context menu / Del)

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;

private:
    void scheduleRepaint();
    void layoutBoxes();
    qint64 pidAt(const QPointF& p) const;
    QString tooltipAt(const QPointF& p) const;
    QString objectTooltip(qint32 id) const;
    void paintProcess(QPainter& p, const StagePalette& pal, qint64 pid, const QRectF& r) const;
    bool poolInUse() const; // tasks were submitted: show the task queue and the results
    void paintPoolColumn(QPainter& p, const StagePalette& pal) const;
    void paintObjects(QPainter& p, const StagePalette& pal);
    void paintDeadlock(QPainter& p, const StagePalette& pal);
    void paintMpiDeadlock(QPainter& p);
    void paintDeadlockBanner(
        QPainter& p, const QStringList& lines, qreal top, const QStringList& shortLines = {}) const;
    void paintFlights(QPainter& p, const StagePalette& pal) const;
    void paintTile(QPainter& p, const StagePalette& pal, const QRectF& r, const QString& title) const;
    void paintHosts(QPainter& p, const StagePalette& pal) const;
    void paintCollectives(QPainter& p, const StagePalette& pal) const;
    void paintMpiLinks(QPainter& p, const StagePalette& pal, const QRectF& r) const;
    bool betweenHosts(int fromRank, int toRank) const;
    void paintLegend(QPainter& p, const StagePalette& pal, const QRectF& r) const;
    QPointF anchorOf(qint64 pid) const;
    qreal unit() const; // the base size: font height, larger in presenter mode

    QPointer<StageModel> m_model;
    bool m_presenter = false;
    qint64 m_selected = 0;
    int m_frames = 0;
    QString m_caption;
    StageFramePacer* m_pacer; // repaints at most once per frame

    // The latest layout (GUI thread only).
    QHash<qint64, QRectF> m_boxes; // process pid -> box (parent, workers, Manager)
    QHash<qint32, QRectF> m_objectTiles; // object id -> tile in the objects band
    QRectF m_queueRect; // the pool's task queue
    QRectF m_resultsRect; // the results the pool received, in completion order
    QRectF m_deliveredRect; // the results handed to the caller, in the order map/imap/imap_unordered gives them
    QRectF m_workersRect;
    QRectF m_objectsRect;
    QRectF m_legendRect;
    QList<HostFrame> m_hostFrames;
    QRectF m_linksRect; // MPI runs: the matrix of messages between ranks, in the objects band
    int m_workerCount = 0; // workers laid out
    int m_hiddenWorkers = 0;
};

} // namespace proclab
