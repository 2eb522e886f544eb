#pragma once

// The one place that includes QCustomPlot. Its 2.1 header still uses `foreach`, which our strict flags remove
// (QT_NO_FOREACH), so the macro is lifted around the include and restored after it, as KDAB hotspot does.
// Qt's qforeach.h defines `foreach` only when it is first included, so this header has to come before any
// other Qt header in a .cpp file; no header of ours includes it (that would break the moc compilation unit).

#if defined(QFOREACH_H) && !defined(Q_FOREACH)
#error "include qcp.h before any Qt header: qcustomplot.h needs foreach, and QT_NO_FOREACH already removed it"
#endif

#ifdef QT_NO_FOREACH
#undef QT_NO_FOREACH
#define PROCLAB_RESTORE_QT_NO_FOREACH
#endif

#include <qcustomplot.h>

#ifdef PROCLAB_RESTORE_QT_NO_FOREACH
#undef foreach
#define QT_NO_FOREACH
#undef PROCLAB_RESTORE_QT_NO_FOREACH
#endif
