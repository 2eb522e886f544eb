#pragma once

// The centre of the window: the stage and the scaling lab, either as two tabs (one shown at a time) or split side
// by side (or one above the other when the centre is taller than wide), so that a sweep's processes and its plot
// are seen together. The split is shown only while both keep their minimum size: where the centre is too small
// (a side panel open on a projector) they fall back to tabs, and split again when the room comes back. The centre
// never asks for more than the tabs need, so the split never pushes the window past the screen's edge.

#include <QWidget>

#include <optional>

class QSplitter;
class QTabWidget;

namespace proclab {

class CentralArea : public QWidget {
    Q_OBJECT
public:
    // Takes both widgets (reparents them).
    CentralArea(QWidget* stage, QWidget* lab, QWidget* parent = nullptr);

    bool isSplit() const { return m_split; } // wanted (View → Stage and Plot Together)
    bool isSplitShown() const { return m_splitShown; } // and there is room for it now
    void setSplit(bool on);
    // Whether both would keep their minimum size side by side (or stacked) at the centre's size now.
    bool hasRoomForSplit() const;
    Qt::Orientation splitOrientation() const;

    void showStage(); // in tabs: the stage's tab; split: nothing to do
    void showLab();
    bool isStageVisible() const;
    bool isLabVisible() const;
    QTabWidget* tabs() const { return m_tabs; }

    void retranslate(); // the tabs' names

    // What the tabs need, split or not: the split falls back to tabs rather than widen the window.
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void splitChanged(bool on);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    static QSize minimumOf(const QWidget* w);
    std::optional<Qt::Orientation> splitFits(const QSize& size) const;
    void arrange(); // tabs or split, as wanted and as the room allows
    void share(); // the split's sizes, at the stage's share

    QWidget* m_stage = nullptr;
    QWidget* m_lab = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSplitter* m_splitter = nullptr;
    QWidget* m_lastTab = nullptr; // the tab shown before the split, shown again after it
    bool m_split = false;
    bool m_splitShown = false;
    double m_stageShare = 0.55; // of the split, the stage's; the user's once the handle is dragged
};

} // namespace proclab
