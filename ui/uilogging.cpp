#include "uilogging.h"

namespace proclab {
Q_LOGGING_CATEGORY(lcUi, "proclab.ui", QtInfoMsg) // debug: QT_LOGGING_RULES="proclab.ui.debug=true"
} // namespace proclab
