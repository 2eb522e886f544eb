#pragma once

// proclab-cli: every subcommand, headless (Qt Core only), human-readable or --json.

#include <QStringList>

namespace proclab::cli {

enum ExitCode {
    Ok = 0,
    EngineError = 1, // the engine could not run (worker missing, pool broken)
    BadInput = 2, // a flag, expression, parameter or range that does not make sense
    TasksFailed = 3, // the run finished but some tasks raised or were lost
    VerifyFailed = 4, // the results differ from the serial reference
};

int run(const QStringList& arguments);

} // namespace proclab::cli
