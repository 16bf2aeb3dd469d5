#pragma once

// The writer the harness kills: one operation on one database, in a process of its own. On
// standard output it says "ready" just before the operation starts, "committed" once it has
// returned, and "done OPERATION_US TOTAL_US" once the database is closed too (how long each
// took), so the harness can tell where a kill landed and knows the spans to spread its
// kills over.

#include <QStringList>

namespace handoff {

namespace crashchild {

// `arguments`: --child OPERATION --db FILE and what that operation needs. Returns the exit
// code: 0 done, 1 the operation failed (message on stderr), 2 bad arguments.
int run(const QStringList &arguments);

} // namespace crashchild

} // namespace handoff
