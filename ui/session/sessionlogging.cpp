#include "sessionlogging.h"

namespace proclab {
Q_LOGGING_CATEGORY(lcSession, "proclab.session", QtInfoMsg) // debug: QT_LOGGING_RULES="proclab.session.debug=true"
} // namespace proclab
