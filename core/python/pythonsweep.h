#pragma once

// A student's Python script as a sweep's program: at each p it runs under the probe with `os.cpu_count()`,
// `Pool()` and `ProcessPoolExecutor()` without an argument (and PROCLAB_PROCESSES) set to p. The wall time is the
// script's own run, from the moment its main module starts to the exit of its main process; the interpreter's
// start-up before that (and the probe's loading) is the point's start-up, stated apart. A run that exits with a
// non-zero code is a failed run: its point is drawn unverified, with the exit code as the reason.

#include "lab/experiment.h"
#include "python/pythonrun.h"

namespace proclab {

class PythonSweepProgram : public SweepProgram {
public:
    explicit PythonSweepProgram(PythonRunOptions options);

    const PythonRunOptions& options() const { return m_options; }
    QString label() const override; // "python my_pi.py"
    QJsonObject toJson() const override; // script, arguments, interpreter, start method
    QString validate() const override; // the script is readable, the interpreter answers
    RunReport measure(int processes, Context& context, const std::function<bool()>& cancelled) override;

private:
    PythonRunOptions m_options;
};

} // namespace proclab
