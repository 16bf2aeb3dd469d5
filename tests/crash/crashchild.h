#pragma once

// The writer the harness kills: one operation on one database, in a process of its own. It
// says "ready" on standard output just before the operation starts and "done" once it has
// returned, so the harness can tell a kill that landed mid-operation from one that came
// too early or too late.

#include <QStringList>

namespace crashchild {

// `arguments`: --child OPERATION --db FILE and what that operation needs. Returns the exit
// code: 0 done, 1 the operation failed (message on stderr), 2 bad arguments.
int run(const QStringList &arguments);

} // namespace crashchild
