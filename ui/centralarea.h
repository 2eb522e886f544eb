#pragma once

// The centre of the window: the stage and the scaling lab, either as two tabs (one shown at a time) or split side
// by side (or one above the other when the centre is taller than wide), so that a sweep's processes and its plot
// are seen together. Which widget is "current" only matters in tabs; in the split both are.

#include <QWidget>

class QSplitter;
class QTabWidget;

namespace proclab {

class CentralArea : public QWidget {
    Q_OBJECT
public:
    // Takes both widgets (reparents them).
    CentralArea(QWidget* stage, QWidget* lab, QWidget* parent = nullptr);

    bool isSplit() const { return m_split; }
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

    // Split, the centre asks only for what one of its two needs: it stacks them when too narrow for both side by
    // side, so that opening a side panel never pushes the window past the screen.
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void splitChanged(bool on);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateOrientation();

    QWidget* m_stage = nullptr;
    QWidget* m_lab = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSplitter* m_splitter = nullptr;
    bool m_split = false;
};

} // namespace proclab
