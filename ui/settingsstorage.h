#pragma once

// Where the window keeps what it remembers (settings, scaling-plot overlays, lesson answers): QSettings under
// the user's home. Without a HOME, or with one that cannot be written, all of it would be lost without a word.

#include <QString>

namespace proclab {

// Why settings cannot be saved, one translated line; empty when they can. Checks without writing anything.
QString settingsStorageProblem();

} // namespace proclab
