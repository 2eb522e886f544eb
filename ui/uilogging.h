#pragma once

#include <QLoggingCategory>

namespace proclab {
Q_DECLARE_LOGGING_CATEGORY(lcUi) // "proclab.ui": everything under ui/
} // namespace proclab
