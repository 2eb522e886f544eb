#include "centralarea.h"

#include <QEvent>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

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
    if (on) {
        m_tabs->hide();
        m_splitter->addWidget(m_stage);
        m_splitter->addWidget(m_lab);
        m_stage->show();
        m_lab->show();
        updateOrientation();
        // The stage a little larger: its boxes carry text, the plot reads at any size.
        const int total = m_splitter->orientation() == Qt::Horizontal ? width() : height();
        m_splitter->setSizes({ total * 11 / 20, total * 9 / 20 });
        m_splitter->show();
    } else {
        m_splitter->hide();
        m_tabs->addTab(m_stage, QString());
        m_tabs->addTab(m_lab, QString());
        retranslate();
        m_tabs->show();
    }
    updateGeometry();
    Q_EMIT splitChanged(on);
}

Qt::Orientation CentralArea::splitOrientation() const
{
    return m_splitter->orientation();
}

bool CentralArea::hasRoomForSplit() const
{
    const QSize a = m_stage->minimumSizeHint().expandedTo(m_stage->minimumSize());
    const QSize b = m_lab->minimumSizeHint().expandedTo(m_lab->minimumSize());
    const int handle = m_splitter->handleWidth();
    return width() >= a.width() + b.width() + handle || height() >= a.height() + b.height() + handle;
}

QSize CentralArea::minimumSizeHint() const
{
    if (!m_split)
        return QWidget::minimumSizeHint();
    const QSize a = m_stage->minimumSizeHint().expandedTo(m_stage->minimumSize());
    const QSize b = m_lab->minimumSizeHint().expandedTo(m_lab->minimumSize());
    return a.expandedTo(b);
}

void CentralArea::updateOrientation()
{
    // Side by side where the centre is wide enough for both at their minimum and wider than tall; else stacked.
    const QSize a = m_stage->minimumSizeHint().expandedTo(m_stage->minimumSize());
    const QSize b = m_lab->minimumSizeHint().expandedTo(m_lab->minimumSize());
    const bool sideBySide = width() >= a.width() + b.width() + m_splitter->handleWidth() && width() * 3 >= height() * 4;
    const Qt::Orientation o = sideBySide ? Qt::Horizontal : Qt::Vertical;
    if (m_splitter->orientation() != o)
        m_splitter->setOrientation(o);
}

void CentralArea::showStage()
{
    if (!m_split)
        m_tabs->setCurrentWidget(m_stage);
}

void CentralArea::showLab()
{
    if (!m_split)
        m_tabs->setCurrentWidget(m_lab);
}

bool CentralArea::isStageVisible() const
{
    return m_split || m_tabs->currentWidget() == m_stage;
}

bool CentralArea::isLabVisible() const
{
    return m_split || m_tabs->currentWidget() == m_lab;
}

void CentralArea::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_split)
        updateOrientation();
}

void CentralArea::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace proclab
