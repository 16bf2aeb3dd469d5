#pragma once

// The candidate a mistyped word most likely meant ("Emial" -> "Email"), for the "did you
// mean" of an error message: the fewest single-letter edits, ignoring case, and close
// enough to be a slip rather than another word; failing that, the only candidate sharing a
// word of four letters or more with it.

#include <QString>
#include <QStringList>

namespace handoff {

namespace closematch {

// Empty when no candidate is close.
QString nearest(const QString &word, const QStringList &candidates);

} // namespace closematch

} // namespace handoff
