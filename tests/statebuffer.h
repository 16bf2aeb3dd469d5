#pragma once

// A start state's round trip in memory for tests: what `save` writes, read back by `restore`,
// through the same StateWriter and StateReader (hash and length checks included) a saved
// state goes through.

#include <QBuffer>

#include "scoring/statestream.h"

namespace handoff {

template <typename Save, typename Restore> void throughState(Save save, Restore restore)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    StateWriter out(buffer);
    save(out);
    out.finish();
    buffer.seek(0);
    StateReader in(buffer, QStringLiteral("state"));
    restore(in);
    in.finish();
}

} // namespace handoff
