#pragma once

// The player's controls: Pause/Resume/Play (Space), Step (. or F10), Replay (Ctrl+Shift+R), the replay speed
// (1x down to 1/1000x) and the status bar's "live 1.234 s" / "paused … event 12 of 340". They act on the
// EventPlayer directly and follow it. The actions and widgets are children of the window given, whose menus and
// toolbar show them.

#include <QObject>

class QAction;
class QComboBox;
class QLabel;
class QWidget;

namespace proclab {

class EventPlayer;

class PlaybackControls : public QObject {
    Q_OBJECT
public:
    PlaybackControls(EventPlayer* player, QWidget* window);

    QAction* pauseAction() const { return m_pauseAction; }
    QAction* stepAction() const { return m_stepAction; }
    QAction* replayAction() const { return m_replayAction; }
    QComboBox* speedCombo() const { return m_speedCombo; }
    QLabel* statusLabel() const { return m_statusLabel; }

    double speed() const;
    void setSpeed(double speed); // the offered speed nearest to it: 1, 1/2, 1/5, 1/10, 1/100 or 1/1000

public Q_SLOTS:
    void updateActions(); // what there is to pause, step and replay
    void updateStatus();

Q_SIGNALS:
    void speedChanged(double speed); // the player has it already

private:
    EventPlayer* m_player;
    QAction* m_pauseAction;
    QAction* m_stepAction;
    QAction* m_replayAction;
    QComboBox* m_speedCombo;
    QLabel* m_statusLabel;
};

} // namespace proclab
