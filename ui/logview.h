#pragma once

// The Log panel: a line per sweep run (time, workers, verification), the sweeps' and lessons' news, and what
// the workers of a sweep printed. Keeps the last 5,000 paragraphs.

#include <QColor>
#include <QPlainTextEdit>

namespace proclab {

class LogView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit LogView(QWidget* parent = nullptr);

public Q_SLOTS:
    // One paragraph, in `color` if given; its line breaks and indentation are kept.
    void appendLine(const QString& text, const QColor& color = {});
};

} // namespace proclab
