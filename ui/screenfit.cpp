// qcp.h has to come first (it needs Qt's foreach before any other Qt header hides it): see ui/qcp.h.
#include "qcp.h"

#include "screenfit.h"

#include "centralarea.h"

#include <QAction>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLayout>
#include <QMainWindow>
#include <QPointer>
#include <QScreen>
#include <QSettings>
#include <QTimer>
#include <QWindow>

#include <algorithm>

namespace proclab {

namespace {

// Where a larger screen stops giving the window more room: the stage and the plot read well at this size, and a
// window filling a 4K monitor at 100 % would spread them thin.
constexpr QSize largestDefault(1600, 1000);
// What the centre (stage, or stage and plot) should keep of the width for a side panel to be open by default.
constexpr int comfortableCentreWidth = 640;

QString key(const QSize& available, const char* what)
{
    return QStringLiteral("window/%1/%2").arg(ScreenFit::screenKey(available), QLatin1String(what));
}

} // namespace

ScreenFit::ScreenFit(QMainWindow* window, CentralArea* centre, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_centre(centre)
    , m_experimentAction(new QAction(tr("E&xperiment Panel"), window))
    , m_lessonAction(new QAction(tr("Lessons and &Code Panel"), window))
    , m_splitAction(new QAction(tr("&Stage and Plot Together"), window))
{
    // The side panels are drawers on a small screen and in presenter mode: one key each.
    m_experimentAction->setObjectName(QStringLiteral("experimentPanelAction"));
    m_experimentAction->setShortcut(QKeySequence(Qt::Key_F8));
    m_experimentAction->setStatusTip(tr("Open or close the experiment panel (F8)"));
    connect(m_experimentAction, &QAction::triggered, this, [this] { toggle(m_experiment); });
    m_lessonAction->setObjectName(QStringLiteral("lessonPanelAction"));
    m_lessonAction->setShortcut(QKeySequence(Qt::Key_F9));
    m_lessonAction->setStatusTip(tr("Open or close the lessons and their code (F9)"));
    connect(m_lessonAction, &QAction::triggered, this, [this] { toggle(m_lessons); });
    m_splitAction->setObjectName(QStringLiteral("splitAction"));
    m_splitAction->setCheckable(true);
    m_splitAction->setShortcut(QKeySequence(Qt::Key_F7));
    m_splitAction->setStatusTip(tr("Show the stage and the scaling plot together instead of as tabs (F7)"));
    connect(m_splitAction, &QAction::triggered, this, [this](bool on) {
        m_splitChosen = true;
        m_centre->setSplit(on);
    });
    connect(m_centre, &CentralArea::splitChanged, m_splitAction, &QAction::setChecked);
}

void ScreenFit::sweepStarted()
{
    if (!m_splitChosen)
        m_centre->setSplit(true); // shown where there is room (see CentralArea)
}

void ScreenFit::presenterModeChanged(bool on, bool changed)
{
    if (changed && on) { // a key away; the processes and their plot together
        setOpen(m_experiment, false);
        setOpen(m_lessons, false);
        if (!m_splitChosen || m_centre->isSplit())
            m_centre->setSplit(true);
    }
    fitSoon();
}

void ScreenFit::setSidePanels(QDockWidget* experiment, QDockWidget* lessons, QDockWidget* code)
{
    m_experiment = experiment;
    m_lessons = lessons;
    m_code = code;
    // A panel opened from any menu makes its own room.
    for (QDockWidget* dock : { experiment, lessons, code }) {
        connect(dock->toggleViewAction(), &QAction::triggered, this, [this, dock](bool on) {
            if (on)
                fitSoon(dock);
        });
    }
}

void ScreenFit::setBottomPanel(QDockWidget* dock)
{
    m_bottom = dock;
}

void ScreenFit::setDefaultState(const QByteArray& state, int version)
{
    m_defaultState = state;
    m_stateVersion = version;
}

QRect ScreenFit::availableGeometry() const
{
    if (m_available.isValid())
        return m_available;
    if (const QScreen* screen = m_window->screen())
        return screen->availableGeometry();
    return { 0, 0, 1280, 800 };
}

QString ScreenFit::screenKey(const QSize& available)
{
    return QStringLiteral("%1x%2").arg(available.width()).arg(available.height());
}

QMargins ScreenFit::frameMargins() const
{
    // Known once the window exists on the screen (0 under a bare X server, the decoration under a window manager).
    if (const QWindow* w = m_window->windowHandle(); w && m_window->isVisible())
        return w->frameMargins();
    return {};
}

QSize ScreenFit::minimumSize() const
{
    m_window->layout()->invalidate(); // panels just hidden or shown, fonts just changed
    return m_window->minimumSizeHint().expandedTo(m_window->minimumSize());
}

bool ScreenFit::isCompact(bool presenter) const
{
    if (presenter)
        return true; // the stage, the timeline and the plot first; the panels are a key away (F8, F9)
    const int panel = m_experiment ? m_experiment->minimumSizeHint().width() : 0;
    return availableGeometry().width() - panel < comfortableCentreWidth;
}

bool ScreenFit::sidePanelsOpen(QDockWidget* dock) const
{
    if (dock == m_lessons || dock == m_code)
        return m_lessons->isVisible() || m_code->isVisible();
    return dock->isVisible();
}

void ScreenFit::setOpen(QDockWidget* dock, bool open)
{
    if (dock == m_lessons || dock == m_code) {
        m_code->setVisible(open);
        m_lessons->setVisible(open);
        if (open)
            (dock == m_code ? m_code : m_lessons)->raise();
    } else {
        dock->setVisible(open);
    }
}

void ScreenFit::applyDefault(bool presenter)
{
    if (!m_defaultState.isEmpty())
        m_window->restoreState(m_defaultState, m_stateVersion);
    const bool compact = isCompact(presenter);
    setOpen(m_experiment, !compact);
    setOpen(m_lessons, false); // until a lesson is opened (Lessons menu, --lesson)

    const QRect available = availableGeometry();
    const QMargins m = frameMargins();
    const QSize room(available.width() - m.left() - m.right(), available.height() - m.top() - m.bottom());
    const QSize size = room.boundedTo(largestDefault);
    m_window->resize(size);
    if (m_bottom) // the timeline keeps a third of a short screen, 300 px of a tall one
        m_window->resizeDocks({ m_bottom }, { std::clamp(size.height() * 3 / 10, 180, 300) }, Qt::Vertical);
    m_window->move(available.left() + (available.width() - size.width() - m.left() - m.right()) / 2,
        available.top() + (available.height() - size.height() - m.top() - m.bottom()) / 2);
    // Presenter mode shows the processes and their plot together; otherwise the split comes with a sweep.
    m_centre->setSplit(presenter);
    fit();
}

bool ScreenFit::restore(const QSettings& settings, bool presenter)
{
    const QSize available = availableGeometry().size();
    const QByteArray geometry = settings.value(key(available, "geometry")).toByteArray();
    const QByteArray state = settings.value(key(available, "state")).toByteArray();
    if (geometry.isEmpty() || state.isEmpty() || !m_window->restoreGeometry(geometry)
        || !m_window->restoreState(state, m_stateVersion)) {
        applyDefault(presenter);
        return false;
    }
    m_centre->setSplit(settings.value(key(available, "split"), presenter).toBool());
    if (!fitsScreen()) {
        applyDefault(presenter); // the screen or the fonts changed since: never past the edge
        return false;
    }
    return true;
}

void ScreenFit::save(QSettings& settings) const
{
    const QSize available = availableGeometry().size();
    settings.setValue(key(available, "geometry"), m_window->saveGeometry());
    settings.setValue(key(available, "state"), m_window->saveState(m_stateVersion));
    settings.setValue(key(available, "split"), m_centre->isSplit());
}

bool ScreenFit::fitsScreen() const
{
    const QRect available = availableGeometry();
    const QMargins m = frameMargins();
    const QRect frame = m_window->geometry().marginsAdded(m);
    const QSize minimum = minimumSize().grownBy(m);
    return available.contains(frame) && minimum.width() <= available.width() && minimum.height() <= available.height();
}

void ScreenFit::fit(QDockWidget* keep)
{
    const QRect available = availableGeometry();
    const QMargins m = frameMargins();
    const QSize room(available.width() - m.left() - m.right(), available.height() - m.top() - m.bottom());

    // Drawers: close the side panels (the one just opened last) until the window's minimum fits.
    QList<QDockWidget*> closable;
    if (keep == m_experiment)
        closable = { m_lessons };
    else if (keep)
        closable = { m_experiment };
    else
        closable = { m_lessons, m_experiment };
    for (QDockWidget* dock : closable) {
        const QSize minimum = minimumSize();
        if (minimum.width() <= room.width() && minimum.height() <= room.height())
            break;
        if (dock && sidePanelsOpen(dock))
            setOpen(dock, false);
    }

    // Onto the screen: no larger than it, and inside it.
    const QSize size = m_window->size().boundedTo(room).expandedTo(minimumSize());
    if (size != m_window->size())
        m_window->resize(size);
    const QRect frame = m_window->geometry().marginsAdded(m);
    const int x
        = std::clamp(frame.left(), available.left(), std::max(available.left(), available.right() + 1 - frame.width()));
    const int y
        = std::clamp(frame.top(), available.top(), std::max(available.top(), available.bottom() + 1 - frame.height()));
    if (x != frame.left() || y != frame.top())
        m_window->move(x, y);
}

void ScreenFit::windowShown()
{
    QTimer::singleShot(0, this, &ScreenFit::screenChanged);
    if (QWindow* w = m_window->windowHandle())
        connect(w, &QWindow::screenChanged, this, &ScreenFit::screenChanged, Qt::UniqueConnection);
}

void ScreenFit::screenChanged()
{
    // The plots draw into buffers of the screen's own pixels (2× at 200 %): crisp, not scaled up. The stage and the
    // timeline paint straight onto the window and need nothing.
    const qreal ratio = m_window->devicePixelRatioF();
    for (QCustomPlot* plot : m_window->findChildren<QCustomPlot*>()) {
        if (!qFuzzyCompare(plot->bufferDevicePixelRatio(), ratio)) {
            plot->setBufferDevicePixelRatio(ratio);
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    fit();
}

void ScreenFit::toggle(QDockWidget* dock)
{
    if (sidePanelsOpen(dock))
        setOpen(dock, false);
    else
        open(dock);
}

void ScreenFit::open(QDockWidget* dock)
{
    setOpen(dock, true);
    fit(dock);
    fitSoon(dock);
}

void ScreenFit::fitSoon(QDockWidget* keep)
{
    // Once the main window's layout has taken in what was just shown (its minimum is up to date then).
    QTimer::singleShot(0, this, [this, keep = QPointer<QDockWidget>(keep)] { fit(keep); });
}

} // namespace proclab
