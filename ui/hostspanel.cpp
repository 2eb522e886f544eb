#include "hostspanel.h"

#include "format.h"
#include "mpi/hostcheck.h"
#include "mpi/mpiexecutor.h"

#include <QApplication>
#include <QCheckBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>

#include <atomic>

namespace proclab {

namespace {
enum Column { HostColumn, SlotsColumn, StateColumn, DetailColumn, Columns };
}

struct HostsPanel::Shared {
    QPointer<HostsPanel> panel;
    std::atomic<bool> stop { false };
};

HostsPanel::HostsPanel(QWidget* parent)
    : QWidget(parent)
    , m_fileLabel(new QLabel(this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(this))
    , m_agentLabel(new QLabel(this))
    , m_agent(new QLineEdit(this))
    , m_check(new QPushButton(this))
    , m_survive(new QCheckBox(this))
    , m_engine(new QLabel(this))
    , m_table(new QTableWidget(0, Columns, this))
    , m_status(new QLabel(this))
    , m_shared(std::make_shared<Shared>())
{
    setObjectName(QStringLiteral("hostsPanel"));
    m_shared->panel = this;
    m_file->setObjectName(QStringLiteral("hostfileEdit"));
    m_agent->setObjectName(QStringLiteral("rshAgentEdit"));
    m_check->setObjectName(QStringLiteral("checkHostsButton"));
    m_survive->setObjectName(QStringLiteral("surviveCheck"));
    m_table->setObjectName(QStringLiteral("hostsTable"));
    m_file->setClearButtonEnabled(true);
    m_fileLabel->setBuddy(m_file);
    m_agentLabel->setBuddy(m_agent);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    // The panel shares the bottom of the window with the timeline: it asks for little, so that the window still fits
    // a 1024x768 projector (tst_screenfit); long lines wrap, the table scrolls.
    for (QLabel* l : { m_engine, m_status }) {
        l->setWordWrap(true);
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_table->setMinimumSize(160, m_table->horizontalHeader()->sizeHint().height() + fontMetrics().height() + 12);
    m_file->setMinimumWidth(80);
    m_agent->setMinimumWidth(80);

    auto* grid = new QGridLayout(this);
    grid->addWidget(m_fileLabel, 0, 0);
    grid->addWidget(m_file, 0, 1);
    grid->addWidget(m_browse, 0, 2);
    grid->addWidget(m_agentLabel, 1, 0);
    grid->addWidget(m_agent, 1, 1);
    grid->addWidget(m_check, 1, 2);
    grid->addWidget(m_table, 2, 0, 1, 3);
    grid->addWidget(m_survive, 3, 0, 1, 3);
    grid->addWidget(m_engine, 4, 0, 1, 3);
    grid->addWidget(m_status, 5, 0, 1, 3);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(2, 1);

    const MpiOptions o = mpiDefaults(); // --hosts and --rsh-agent on the command line set them
    m_file->setText(o.hostfile);
    m_agent->setText(o.rshAgent);
    m_survive->setChecked(o.survive);
    connect(m_survive, &QCheckBox::toggled, this, [](bool on) {
        MpiOptions defaults = mpiDefaults();
        defaults.survive = on;
        setMpiDefaults(defaults);
    });
    connect(m_browse, &QPushButton::clicked, this, &HostsPanel::browse);
    connect(m_file, &QLineEdit::editingFinished, this, &HostsPanel::apply);
    connect(m_agent, &QLineEdit::editingFinished, this, &HostsPanel::apply);
    connect(m_check, &QPushButton::clicked, this, &HostsPanel::checkHosts);
    retranslate();
    apply();
}

HostsPanel::~HostsPanel()
{
    m_shared->stop.store(true); // its mpiruns are terminated within a few seconds
    if (m_thread.joinable())
        m_thread.join();
}

void HostsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HostsPanel::retranslate()
{
    m_fileLabel->setText(tr("&Hostfile:"));
    m_file->setPlaceholderText(tr("none: MPI ranks run on this machine"));
    m_file->setToolTip(tr("An Open MPI hostfile, one machine per line: \"pc07 slots=4\". proclab-mpi-worker must be "
                          "installed at the same path on every machine."));
    m_browse->setText(tr("&Browse..."));
    m_agentLabel->setText(tr("Remote &shell:"));
    m_agent->setPlaceholderText(tr("ssh"));
    m_agent->setToolTip(tr("What mpirun runs to reach the other machines (its plm_rsh_agent); empty: ssh"));
    m_check->setText(tr("&Check hosts"));
    m_check->setToolTip(tr("Ask every host at once, as an MPI run would: is it reachable, does it have the worker, "
                           "can it connect back to this machine?"));
    m_table->setHorizontalHeaderLabels({ tr("Host"), tr("Slots"), tr("State"), tr("What it said") });
    m_survive->setText(tr("A farm r&uns on when a rank dies"));
    m_survive->setToolTip(tr("mpi-farm only: rank 0 deals a dead rank's chunk to the others (mpirun "
                             "--enable-recovery). Off: MPI is fail-stop, the whole job ends (MPI's default)."));
    apply();
}

void HostsPanel::browse()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open MPI hostfile"), m_file->text());
    if (file.isEmpty())
        return;
    m_file->setText(file);
    apply();
}

void HostsPanel::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: %1;").arg(tone::bad().name()) : QString());
}

void HostsPanel::apply()
{
    MpiOptions o = mpiDefaults();
    const QString file = m_file->text().trimmed();
    o.rshAgent = m_agent->text().trimmed();
    m_table->setRowCount(0);
    if (file.isEmpty()) {
        o.hostfile.clear();
        setMpiDefaults(o);
        m_check->setEnabled(false);
        m_engine->setText(tr("MPI runs: every rank on this machine."));
        setStatus({});
        return;
    }
    QString error;
    const auto hosts = mpi::readHostfile(file, &error);
    if (!hosts) {
        m_check->setEnabled(false);
        setStatus(error + QLatin1Char(' ') + tr("MPI runs keep the previous hosts."), true);
        return;
    }
    o.hostfile = QFileInfo(file).absoluteFilePath();
    setMpiDefaults(o);
    m_check->setEnabled(!m_checking);
    m_engine->setText(
        tr("MPI runs: ranks on these hosts, connecting back to %1 (this machine).").arg(MpiJob::engineAddress(o)));
    int slotTotal = 0;
    for (const mpi::HostfileEntry& h : *hosts) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, HostColumn, new QTableWidgetItem(h.host));
        auto* s = new QTableWidgetItem(QString::number(h.slotCount));
        s->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, SlotsColumn, s);
        m_table->setItem(row, StateColumn, new QTableWidgetItem(tr("not checked")));
        m_table->setItem(row, DetailColumn, new QTableWidgetItem());
        slotTotal += h.slotCount;
    }
    m_table->resizeColumnsToContents();
    setStatus(tr("%n host(s), %1 slot(s) in all.", nullptr, int(hosts->size())).arg(slotTotal));
}

void HostsPanel::showCheck(const mpi::HostCheck& c)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, HostColumn)->text() != c.host || !m_table->item(row, DetailColumn)->text().isEmpty())
            continue;
        QString state;
        switch (c.verdict) {
        case mpi::HostCheck::Verdict::Ready:
            state = tr("ready");
            break;
        case mpi::HostCheck::Verdict::Unreachable:
            state = tr("unreachable");
            break;
        case mpi::HostCheck::Verdict::NoWorker:
            state = tr("no worker");
            break;
        case mpi::HostCheck::Verdict::NoEngine:
            state = tr("cannot reach this machine");
            break;
        case mpi::HostCheck::Verdict::Failed:
            state = tr("failed");
            break;
        }
        m_table->item(row, StateColumn)->setText(state);
        m_table->item(row, StateColumn)
            ->setForeground(c.verdict == mpi::HostCheck::Verdict::Ready ? tone::good() : tone::bad());
        const QString detail = c.verdict == mpi::HostCheck::Verdict::Ready
            ? tr("runs as %1, %2 (%3 s)").arg(c.reportedName, c.mpiVersion).arg(double(c.elapsedNs) / 1e9, 0, 'f', 1)
                + (c.detail.isEmpty() ? QString() : QStringLiteral("; ") + c.detail)
            : QStringLiteral("%1 (%2 s)").arg(c.detail).arg(double(c.elapsedNs) / 1e9, 0, 'f', 1);
        m_table->item(row, DetailColumn)->setText(detail);
        m_table->item(row, DetailColumn)->setToolTip(detail);
        break;
    }
    m_table->resizeColumnToContents(StateColumn);
}

void HostsPanel::checkHosts()
{
    if (m_checking)
        return;
    apply();
    MpiOptions o = mpiDefaults();
    if (o.hostfile.isEmpty() || !m_check->isEnabled())
        return;
    if (m_thread.joinable())
        m_thread.join(); // the last check's thread, over: it posted its result before ending
    o.cancelled = [shared = m_shared] { return shared->stop.load(); };
    m_checking = true;
    m_check->setEnabled(false);
    for (int row = 0; row < m_table->rowCount(); ++row)
        m_table->item(row, StateColumn)->setText(tr("checking..."));
    setStatus(tr("Asking every host at once..."));
    Q_EMIT message(tr("Checking the MPI hosts of %1").arg(o.hostfile));
    // mpirun per host, waited for on a thread of its own: the window stays live meanwhile.
    m_thread = std::thread([shared = m_shared, o] {
        QList<mpi::HostCheck> checks;
        QString failure;
        try {
            checks = mpi::checkHosts(o, [&](const mpi::HostCheck& c) {
                QMetaObject::invokeMethod(
                    qApp,
                    [shared, c] {
                        if (shared->panel)
                            shared->panel->showCheck(c);
                    },
                    Qt::QueuedConnection);
            });
        } catch (const std::exception& e) {
            failure = QString::fromLocal8Bit(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [shared, checks, failure] {
                HostsPanel* p = shared->panel;
                if (!p)
                    return;
                p->m_checking = false;
                p->m_check->setEnabled(true);
                int ready = 0, slotTotal = 0;
                for (const mpi::HostCheck& c : checks) {
                    if (c.verdict == mpi::HostCheck::Verdict::Ready) {
                        ++ready;
                        slotTotal += c.slotCount;
                    }
                    Q_EMIT p->message(mpi::describe(c));
                }
                if (!failure.isEmpty())
                    p->setStatus(failure, true);
                else
                    p->setStatus(tr("%1 of %n host(s) ready, %2 slot(s) for MPI ranks.", nullptr, int(checks.size()))
                                     .arg(ready)
                                     .arg(slotTotal),
                        ready < checks.size());
                Q_EMIT p->checkFinished(ready, int(checks.size()));
            },
            Qt::QueuedConnection);
    });
}

} // namespace proclab
