#include "consoleview.h"

#include "format.h"
#include "session/consolelog.h"
#include "session/eventplayer.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTimer>

#include <algorithm>

namespace proclab {

namespace {

// Distinct on a light background; a process keeps its colour for the whole run.
constexpr QRgb processColors[] = { 0x1f63b4, 0xc0392b, 0x23883a, 0x8e44ad, 0xb35c00, 0x0f8a8a, 0xc2185b, 0x5d6d1e };

} // namespace

ConsoleView::ConsoleView(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_flushTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("consoleView"));
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(maxLines);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(50);
    connect(m_flushTimer, &QTimer::timeout, this, &ConsoleView::flush);
}

void ConsoleView::attach(EventPlayer* player, const ConsoleLog* log)
{
    m_log = log;
    connect(player, &EventPlayer::resetRequested, this, &ConsoleView::restart);
    connect(player, &EventPlayer::playheadMoved, this, &ConsoleView::showLogUpTo);
    connect(player, &EventPlayer::overflowed, this, [this] {
        appendNote(tr("More than %L1 events: the rest of this run is drawn live but not kept for replay or saving.")
                       .arg(EventPlayer::MaxKeptEvents),
            tone::warning());
    });
}

void ConsoleView::setRunTitle(const QString& title)
{
    m_runTitle = title;
}

void ConsoleView::restart()
{
    clearConsole();
    m_logShown = 0;
    appendNote(m_runTitle, tone::info());
}

void ConsoleView::showLogUpTo(qint64 tNs)
{
    if (!m_log)
        return;
    const std::vector<ConsoleRecord>& records = m_log->records();
    while (m_logShown < records.size() && records[m_logShown].tNs <= tNs) {
        const ConsoleRecord& c = records[m_logShown++];
        appendChunk({ c.tNs, c.pid, c.stream, c.text.toUtf8() });
    }
}

void ConsoleView::setProcessName(qint64 pid, const QString& name)
{
    m_names.insert(pid, name);
}

QColor ConsoleView::colorOf(qint64 pid) const
{
    if (pid == m_enginePid)
        return palette().color(QPalette::Text);
    auto it = m_colorIndex.find(pid);
    if (it == m_colorIndex.end())
        it = m_colorIndex.insert(pid, int(m_colorIndex.size()));
    return QColor(processColors[*it % int(std::size(processColors))]);
}

void ConsoleView::appendChunk(const ConsoleChunk& chunk)
{
    m_pending.append(chunk);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void ConsoleView::appendNote(const QString& text, const QColor& color)
{
    flush();
    if (!m_openLine.isEmpty()) { // a process's unfinished line stays on its own
        writeLine(m_openLine, false);
        m_openLine.clear();
    }
    m_openLineShown = false;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    if (!document()->isEmpty())
        cursor.insertBlock();
    QTextCharFormat format;
    format.setForeground(color.isValid() ? color : palette().color(QPalette::PlaceholderText));
    format.setFontItalic(true);
    cursor.insertText(text, format);
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void ConsoleView::flush()
{
    m_flushTimer->stop();
    if (m_pending.isEmpty())
        return;
    QScrollBar* bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    const QList<ConsoleChunk> chunks = std::exchange(m_pending, {});
    for (const ConsoleChunk& chunk : chunks) {
        auto decoder = m_decoders.find(chunk.pid);
        if (decoder == m_decoders.end())
            decoder = m_decoders.emplace(chunk.pid, QStringDecoder(QStringDecoder::Utf8)).first;
        const QString text = decoder->second.decode(chunk.text);
        qsizetype from = 0;
        for (;;) {
            const qsizetype newline = text.indexOf(QLatin1Char('\n'), from);
            const QString piece = text.mid(from, newline < 0 ? -1 : newline - from);
            if (!piece.isEmpty() || (newline >= 0 && m_openLine.isEmpty()))
                m_openLine.append({ chunk.pid, chunk.stream, piece });
            if (newline < 0)
                break;
            writeLine(m_openLine, false);
            m_openLine.clear();
            from = newline + 1;
        }
    }
    if (!m_openLine.isEmpty())
        writeLine(m_openLine, true);
    if (atBottom)
        bar->setValue(bar->maximum());
}

QString ConsoleView::gutter(const QList<Piece>& pieces)
{
    QList<qint64> pids;
    for (const Piece& p : pieces)
        if (!pids.contains(p.pid))
            pids << p.pid;
    // Pieces of several processes on one line (no Lock): the first writer and how many others.
    const QString pidText = pids.size() > 2 ? QStringLiteral("%1+%2").arg(pids.first()).arg(pids.size() - 1)
        : pids.size() == 2                  ? QStringLiteral("%1+%2").arg(pids.first()).arg(pids.last())
                                            : QString::number(pids.value(0));
    const QString name = pids.size() == 1 ? m_names.value(pids.first()) : tr("%1 processes").arg(pids.size());
    // As wide as the longest name so far: the text column stays put without wasting a narrow dock.
    m_nameWidth = std::max(m_nameWidth, int(std::min<qsizetype>(name.size(), 20)));
    return QStringLiteral("%1 %2 │ ").arg(pidText, 6).arg(name.leftJustified(m_nameWidth, QLatin1Char(' '), true));
}

void ConsoleView::writeLine(const QList<Piece>& pieces, bool provisional)
{
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    cursor.movePosition(QTextCursor::End);
    if (m_openLineShown) { // redraw the unfinished line as it is now
        cursor.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
    } else if (!document()->isEmpty()) {
        cursor.insertBlock();
    }
    QTextCharFormat gutterFormat;
    gutterFormat.setForeground(pieces.isEmpty() ? QColor() : colorOf(pieces.first().pid));
    gutterFormat.setFontWeight(QFont::Bold);
    cursor.insertText(gutter(pieces), gutterFormat);
    for (const Piece& p : pieces) {
        QTextCharFormat format;
        format.setForeground(colorOf(p.pid));
        if (p.stream == 2) // the process's stderr: a traceback, say
            format.setFontItalic(true);
        cursor.insertText(p.text, format);
    }
    cursor.endEditBlock();
    m_openLineShown = provisional;
}

QString ConsoleView::text()
{
    flush();
    return toPlainText();
}

void ConsoleView::clearConsole()
{
    m_pending.clear();
    m_openLine.clear();
    m_openLineShown = false;
    m_decoders.clear();
    m_colorIndex.clear();
    m_nameWidth = 0;
    clear();
}

void ConsoleView::copyAll()
{
    QApplication::clipboard()->setText(text());
}

void ConsoleView::setPresenterMode(bool on)
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QFont base = parentWidget() ? parentWidget()->font() : QApplication::font();
    mono.setPointSizeF(base.pointSizeF() * (on ? 1.25 : 0.95));
    if (on)
        mono.setWeight(QFont::Medium);
    setFont(mono);
}

void ConsoleView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu* menu = createStandardContextMenu(event->pos());
    menu->addSeparator();
    menu->addAction(tr("Copy &All"), this, &ConsoleView::copyAll);
    menu->addAction(tr("C&lear"), this, &ConsoleView::clearConsole);
    menu->exec(event->globalPos());
    delete menu;
}

} // namespace proclab
