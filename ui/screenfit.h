#pragma once

// Fitting the main window to the screen it is on, from a 1024×768 projector to a 4K monitor. It knows the
// window's side panels (the experiment panel on the left; the lessons and the code on the right) and decides
// what is shown for the screen's available size and the mode: the default window size, which side panels are
// open by default, whether the centre splits the stage and the plot. On a small screen the side panels are
// drawers: opening one closes the other when both would not fit. The window's size and layout are remembered
// per screen size (QSettings "window/<width>x<height>/..."), and a saved layout that does not fit the screen
// any more is replaced by the default for that size: the window never opens past the screen's edge.
// GUI thread only.

#include <QByteArray>
#include <QObject>
#include <QRect>
#include <QSize>

class QAction;
class QDockWidget;
class QMainWindow;
class QSettings;

namespace proclab {

class CentralArea;

class ScreenFit : public QObject {
    Q_OBJECT
public:
    ScreenFit(QMainWindow* window, CentralArea* centre, QObject* parent = nullptr);

    // The panels it may close to make room: the experiment panel (left) and the lessons and code (right), and the
    // layout of all docks that the default arrangement starts from (QMainWindow::saveState()).
    void setSidePanels(QDockWidget* experiment, QDockWidget* lessons, QDockWidget* code);
    void setDefaultState(const QByteArray& state, int version);
    void setBottomPanel(QDockWidget* dock); // the timeline: its height is set for the screen

    // The screen's area the window has to fit in: the one given (tests, a screen chosen before the window is
    // shown), else the available geometry of the window's screen.
    QRect availableGeometry() const;
    void setAvailableGeometry(const QRect& available) { m_available = available; }

    // "1024x768": the settings key of a screen size.
    static QString screenKey(const QSize& available);
    // A small screen: the side panels are drawers there, closed by default (they leave the stage too little room).
    bool isCompact(bool presenter) const;

    // The default arrangement for the screen and the mode: the window's size and place, the side panels,
    // the split view.
    void applyDefault(bool presenter);
    // Restores the window's geometry and layout saved for this screen size; false (and the default applied) when
    // none was saved or the saved one does not fit.
    bool restore(const QSettings& settings, bool presenter);
    void save(QSettings& settings) const;

    // The window's frame inside the available area, its minimum width within it: side panels are closed, the
    // one just opened (`keep`) last, until it fits; then the window is resized and moved onto the screen.
    void fit(QDockWidget* keep = nullptr);
    // Shows or hides a side panel (with its tab mate for the lessons and the code), closing others if needed.
    void toggle(QDockWidget* dock);
    void open(QDockWidget* dock);
    void fitSoon(QDockWidget* keep = nullptr); // fit() once the window's layout has caught up

    // View menu actions: the experiment panel (F8), the lessons and code panel (F9), the split view (F7).
    QAction* experimentAction() const { return m_experimentAction; }
    QAction* lessonAction() const { return m_lessonAction; }
    QAction* splitAction() const { return m_splitAction; }
    // A sweep starts: the split view where there is room, unless the user turned it off.
    void sweepStarted();
    // Presenter mode switched on (`changed`) tucks the side panels away and splits the centre; the larger type may
    // ask for more room than the screen has, which fit() makes.
    void presenterModeChanged(bool on, bool changed);

    // The window is shown: its frame's size is known now, and the screen it landed on (fit again when it moves to
    // another screen).
    void windowShown();

    // Whether the frame is inside the available area and its minimum size fits it.
    bool fitsScreen() const;

private:
    void screenChanged(); // the window shown on a screen, or moved to another
    QMargins frameMargins() const;
    QSize minimumSize() const; // of the window as its panels are now
    bool sidePanelsOpen(QDockWidget* dock) const;
    void setOpen(QDockWidget* dock, bool open); // the lessons and the code go together

    QMainWindow* m_window;
    CentralArea* m_centre;
    QDockWidget* m_experiment = nullptr;
    QDockWidget* m_lessons = nullptr;
    QDockWidget* m_code = nullptr;
    QDockWidget* m_bottom = nullptr;
    QAction* m_experimentAction = nullptr;
    QAction* m_lessonAction = nullptr;
    QAction* m_splitAction = nullptr;
    bool m_splitChosen = false; // the user turned the split view on or off: a sweep leaves it so
    QRect m_available; // empty: the screen's
    QByteArray m_defaultState;
    int m_stateVersion = 0;
};

} // namespace proclab
