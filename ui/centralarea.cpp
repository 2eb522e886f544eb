#include "centralarea.h"

#include <QEvent>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace proclab {

CentralArea::CentralArea(QWidget* stage, QWidget* lab, QWidget* parent)
    : QWidget(parent)
    , m_stage(stage)
    , m_lab(lab)
{
    setObjectName(QStringLiteral("centralArea"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("centralTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_stage, QString());
    m_tabs->addTab(m_lab, QString());
    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(QStringLiteral("centralSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->hide();
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        const QList<int> sizes = m_splitter->sizes();
        if (sizes.size() == 2 && sizes[0] + sizes[1] > 0)
            m_stageShare = double(sizes[0]) / (sizes[0] + sizes[1]);
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_tabs);
    layout->addWidget(m_splitter);
    retranslate();
}

void CentralArea::retranslate()
{
    if (const int i = m_tabs->indexOf(m_stage); i >= 0)
        m_tabs->setTabText(i, tr("Stage"));
    if (const int i = m_tabs->indexOf(m_lab); i >= 0)
        m_tabs->setTabText(i, tr("Scaling"));
}

void CentralArea::setSplit(bool on)
{
    if (on == m_split)
        return;
    m_split = on;
    arrange();
    Q_EMIT splitChanged(on);
}

QSize CentralArea::minimumOf(const QWidget* w)
{
    return w->minimumSizeHint().expandedTo(w->minimumSize());
}

std::optional<Qt::Orientation> CentralArea::splitFits(const QSize& size) const
{
    // Readable, not only drawable: the stage's main process column and a column of workers at the current type
    // size (larger in presenter mode), the plot's axes and a few points.
    const QSize a = minimumOf(m_stage).expandedTo(QSize(m_stage->fontMetrics().height() * 30, 0));
    const QSize b = minimumOf(m_lab).expandedTo(QSize(360, 0));
    const int handle = m_splitter->handleWidth();
    // Side by side where both keep their minimum width and the centre is wider than tall; else stacked if both keep
    // their minimum height.
    const bool sideBySide
        = size.width() >= a.width() + b.width() + handle && size.height() >= std::max(a.height(), b.height());
    const bool stacked
        = size.height() >= a.height() + b.height() + handle && size.width() >= std::max(a.width(), b.width());
    if (sideBySide && (!stacked || size.width() * 3 >= size.height() * 4))
        return Qt::Horizontal;
    if (stacked)
        return Qt::Vertical;
    return std::nullopt;
}

bool CentralArea::hasRoomForSplit() const
{
    return splitFits(size()).has_value();
}

Qt::Orientation CentralArea::splitOrientation() const
{
    return m_splitter->orientation();
}

void CentralArea::arrange()
{
    const std::optional<Qt::Orientation> fits = m_split ? splitFits(size()) : std::nullopt;
    const bool show = fits.has_value();
    if (show && (!m_splitShown || m_splitter->orientation() != *fits)) {
        QWidget* current = m_tabs->currentWidget();
        m_splitter->setOrientation(*fits);
        m_splitter->addWidget(m_stage);
        m_splitter->addWidget(m_lab);
        m_splitter->setStretchFactor(0, 1);
        m_splitter->setStretchFactor(1, 1);
        m_stage->show();
        m_lab->show();
        m_tabs->hide();
        m_splitter->show();
        m_splitShown = true;
        m_lastTab = current;
        share();
    } else if (!show && m_splitShown) {
        m_splitter->hide();
        m_tabs->addTab(m_stage, QString());
        m_tabs->addTab(m_lab, QString());
        retranslate();
        if (m_lastTab)
            m_tabs->setCurrentWidget(m_lastTab);
        m_tabs->show();
        m_splitShown = false;
    }
}

void CentralArea::share()
{
    // The stage a little larger by default: its boxes carry text, the plot reads at any size.
    const bool across = m_splitter->orientation() == Qt::Horizontal;
    const int total = across ? width() : height();
    const int stageMin = across ? minimumOf(m_stage).width() : minimumOf(m_stage).height();
    const int labMin = across ? minimumOf(m_lab).width() : minimumOf(m_lab).height();
    const int stage = std::max(stageMin, std::min(int(total * m_stageShare), total - labMin));
    m_splitter->setSizes({ stage, total - stage });
}

QSize CentralArea::minimumSizeHint() const
{
    const QSize a = minimumOf(m_stage);
    const QSize b = minimumOf(m_lab);
    const int tabBar = m_tabs->tabBar()->sizeHint().height();
    return a.expandedTo(b) + QSize(0, tabBar);
}

void CentralArea::showStage()
{
    m_lastTab = m_stage;
    if (!m_splitShown)
        m_tabs->setCurrentWidget(m_stage);
}

void CentralArea::showLab()
{
    m_lastTab = m_lab;
    if (!m_splitShown)
        m_tabs->setCurrentWidget(m_lab);
}

bool CentralArea::isStageVisible() const
{
    return m_splitShown || m_tabs->currentWidget() == m_stage;
}

bool CentralArea::isLabVisible() const
{
    return m_splitShown || m_tabs->currentWidget() == m_lab;
}

void CentralArea::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_splitShown)
        share();
    // After the layout pass that resized us: the widgets move between the tabs and the splitter then.
    if (m_split)
        QTimer::singleShot(0, this, &CentralArea::arrange);
}

void CentralArea::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace proclab
