#include "playbackcontrols.h"

#include "format.h"
#include "session/eventplayer.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QStyle>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace proclab {

namespace {

// The replay speeds offered: 1x down to 1/1000x.
constexpr std::pair<double, const char*> replaySpeeds[]
    = { { 1.0, "1×" }, { 0.5, "1/2×" }, { 0.2, "1/5×" }, { 0.1, "1/10×" }, { 0.01, "1/100×" }, { 0.001, "1/1000×" } };

} // namespace

PlaybackControls::PlaybackControls(EventPlayer* player, QWidget* window)
    : QObject(window)
    , m_player(player)
    , m_pauseAction(new QAction(window->style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this))
    , m_stepAction(new QAction(window->style()->standardIcon(QStyle::SP_MediaSkipForward), tr("S&tep"), this))
    , m_replayAction(new QAction(window->style()->standardIcon(QStyle::SP_BrowserReload), tr("Re&play"), this))
    , m_speedCombo(new QComboBox(window))
    , m_statusLabel(new QLabel(window))
{
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction->setShortcut(QKeySequence(Qt::Key_Space));
    m_pauseAction->setStatusTip(tr("Pause or resume the animation; the processes go on (Space)"));
    connect(m_pauseAction, &QAction::triggered, m_player, &EventPlayer::togglePause);

    m_stepAction->setObjectName(QStringLiteral("stepAction"));
    m_stepAction->setShortcuts({ QKeySequence(Qt::Key_Period), QKeySequence(Qt::Key_F10) });
    m_stepAction->setStatusTip(tr("Pause, and show the next event (. or F10)"));
    connect(m_stepAction, &QAction::triggered, m_player, &EventPlayer::step);

    m_replayAction->setObjectName(QStringLiteral("replayAction"));
    m_replayAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_replayAction->setStatusTip(tr("Play the last run again from its start, at the chosen speed (Ctrl+Shift+R)"));
    connect(m_replayAction, &QAction::triggered, m_player, &EventPlayer::replay);

    m_speedCombo->setObjectName(QStringLiteral("speedCombo"));
    m_speedCombo->setToolTip(tr("Replay speed: real time down to a thousand times slower"));
    for (const auto& [speed, label] : replaySpeeds)
        m_speedCombo->addItem(QString::fromUtf8(label), speed);
    connect(m_speedCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_player->setSpeed(speed());
        Q_EMIT speedChanged(speed());
        updateStatus();
    });

    m_statusLabel->setObjectName(QStringLiteral("playerLabel"));
    connect(m_player, &EventPlayer::playheadMoved, this, &PlaybackControls::updateStatus);
    connect(m_player, &EventPlayer::modeChanged, this, &PlaybackControls::updateStatus);
    updateActions();
    updateStatus();
}

double PlaybackControls::speed() const
{
    return m_speedCombo->currentData().toDouble();
}

void PlaybackControls::setSpeed(double speed)
{
    // The offered speed nearest to the one asked for.
    int best = 0;
    for (int i = 1; i < m_speedCombo->count(); ++i) {
        if (std::abs(std::log(m_speedCombo->itemData(i).toDouble() / speed))
            < std::abs(std::log(m_speedCombo->itemData(best).toDouble() / speed)))
            best = i;
    }
    if (speed > 0)
        m_speedCombo->setCurrentIndex(best);
}

void PlaybackControls::updateActions()
{
    const bool haveRun = m_player->isLive() || !m_player->events().empty();
    m_pauseAction->setEnabled(haveRun);
    m_stepAction->setEnabled(haveRun);
    m_replayAction->setEnabled(!m_player->isLive() && !m_player->events().empty());
}

void PlaybackControls::updateStatus()
{
    const qint64 t = std::max<qint64>(0, m_player->playheadNs() - m_player->startNs());
    QString text;
    if (m_player->events().empty() && !m_player->isLive()) {
        text = tr("no run yet");
    } else if (m_player->mode() == EventPlayer::Mode::Following) {
        text = tr("live  %1").arg(formatPlayhead(t));
    } else if (m_player->mode() == EventPlayer::Mode::Playing) {
        text = tr("replay at %1  %2 of %3")
                   .arg(m_speedCombo->currentText(), formatPlayhead(t),
                       formatPlayhead(m_player->endNs() - m_player->startNs()));
    } else {
        text = tr("paused  %1 of %2 · event %L3 of %L4")
                   .arg(formatPlayhead(t), formatPlayhead(m_player->endNs() - m_player->startNs()))
                   .arg(m_player->appliedEvents())
                   .arg(m_player->events().size());
    }
    if (m_player->droppedEvents() > 0)
        text += tr(" · %L1 events not kept").arg(m_player->droppedEvents());
    m_statusLabel->setText(text);

    // Space resumes a paused run, and plays a finished one again.
    const bool paused = m_player->mode() == EventPlayer::Mode::Paused;
    const bool atEnd = m_player->isAtEnd() && !m_player->isLive();
    m_pauseAction->setText(!paused ? tr("&Pause") : atEnd ? tr("&Play") : tr("&Resume"));
    m_pauseAction->setIcon(m_speedCombo->style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
}

} // namespace proclab
