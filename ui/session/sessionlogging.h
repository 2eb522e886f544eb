#pragma once

#include <QLoggingCategory>

namespace proclab {
Q_DECLARE_LOGGING_CATEGORY(lcSession) // "proclab.session": runs and sweeps driven for the window (ui/session/)
} // namespace proclab
