#include "logview.h"

#include <QFontDatabase>

namespace proclab {

LogView::LogView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("logView"));
    setReadOnly(true);
    setMaximumBlockCount(5000);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("A line per run: time, workers, verification. Worker output appears here too."));
}

void LogView::appendLine(const QString& text, const QColor& color)
{
    // One paragraph per call; pre-wrap keeps the indentation and the line breaks of worker output.
    const QString style = color.isValid() ? QStringLiteral("white-space:pre-wrap; color:%1").arg(color.name())
                                          : QStringLiteral("white-space:pre-wrap");
    appendHtml(QStringLiteral("<span style=\"%1\">%2</span>")
                   .arg(style, text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
}

} // namespace proclab
