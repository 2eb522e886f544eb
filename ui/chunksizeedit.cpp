#include "chunksizeedit.h"

#include "lab/options.h"

#include <QAction>
#include <QHelpEvent>
#include <QStyle>
#include <QToolTip>

namespace proclab {

ChunksizeEdit::ChunksizeEdit(QWidget* parent)
    : QLineEdit(options::chunksizesText({ 0 }), parent)
{
    m_warning = addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QLineEdit::TrailingPosition);
    m_warning->setVisible(false);
    connect(this, &QLineEdit::textChanged, this, &ChunksizeEdit::check);
}

void ChunksizeEdit::setChunksizes(const QList<int>& chunksizes)
{
    setText(options::chunksizesText(chunksizes));
}

void ChunksizeEdit::check(const QString& text)
{
    const auto parsed = options::chunksizes(text);
    if (parsed)
        m_chunksizes = *parsed;
    if (parsed.error == m_error)
        return;
    m_error = parsed.error;
    m_warning->setVisible(!m_error.isEmpty());
    m_warning->setToolTip(m_error);
    if (m_error.isEmpty()) {
        setPalette(QPalette()); // the inherited colours again
        return;
    }
    QPalette red = palette();
    red.setColor(QPalette::Base, QColor(0xff, 0xd6, 0xd6));
    red.setColor(QPalette::Text, QColor(0x8b, 0x00, 0x00));
    setPalette(red);
}

bool ChunksizeEdit::event(QEvent* event)
{
    // While the text does not read, the tooltip leads with why (the field's own help follows).
    if (event->type() == QEvent::ToolTip && !m_error.isEmpty()) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTip().isEmpty() ? m_error : m_error + QStringLiteral("\n\n") + toolTip();
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QLineEdit::event(event);
}

} // namespace proclab
