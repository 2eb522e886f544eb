#pragma once

// The MPI hosts panel: which machines the MPI executors run their ranks on (an Open MPI hostfile, and the remote
// shell mpirun uses), and "Check hosts", which asks every host at once the way a run does (mpi/hostcheck.h) and
// says for each whether it is ready, unreachable, lacks proclab-mpi-worker or cannot reach this machine back.
// What is set here is what every MPI run and sweep of the window uses (setMpiDefaults); no hostfile: this machine.

#include <QWidget>

#include <memory>
#include <thread>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace proclab {

namespace mpi {
struct HostCheck;
}

class HostsPanel : public QWidget {
    Q_OBJECT
public:
    explicit HostsPanel(QWidget* parent = nullptr);
    ~HostsPanel() override;

    bool checking() const { return m_checking; }

public Q_SLOTS:
    void checkHosts();

Q_SIGNALS:
    void checkFinished(int ready, int hosts);
    void message(const QString& line); // for the log

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void browse();
    void apply(); // the fields into the MPI defaults, the hosts into the table
    void showCheck(const mpi::HostCheck& c);
    void setStatus(const QString& text, bool error = false);

    QLabel* m_fileLabel = nullptr;
    QLineEdit* m_file = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_agentLabel = nullptr;
    QLineEdit* m_agent = nullptr;
    QPushButton* m_check = nullptr;
    QCheckBox* m_survive = nullptr; // MpiOptions::survive for every farm run
    QLabel* m_engine = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
    bool m_checking = false;
    struct Shared; // what the checking thread and this panel share (the panel may go first)
    std::shared_ptr<Shared> m_shared;
    std::thread m_thread; // the check under way: stopped and joined when the panel goes
};

} // namespace proclab
