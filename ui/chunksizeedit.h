#pragma once

// The experiment panel's chunksizes, typed as a list ("auto, 10, 100"), read by the option rules that the
// command lines share (lab/options.h). Text that does not read turns the field red, with the reason in a
// warning icon and in the tooltip; chunksizes() keeps the last list that read meanwhile.

#include <QLineEdit>

class QAction;

namespace proclab {

class ChunksizeEdit : public QLineEdit {
    Q_OBJECT
public:
    explicit ChunksizeEdit(QWidget* parent = nullptr); // "auto"

    // The last chunksizes that read (0: Python's default).
    QList<int> chunksizes() const { return m_chunksizes; }
    void setChunksizes(const QList<int>& chunksizes);
    // Why the text does not read as chunksizes; empty when it does.
    QString error() const { return m_error; }

protected:
    bool event(QEvent* event) override;

private:
    void check(const QString& text);

    QList<int> m_chunksizes { 0 };
    QString m_error;
    QAction* m_warning = nullptr;
};

} // namespace proclab
