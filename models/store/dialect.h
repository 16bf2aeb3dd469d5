#pragma once

// Where the SQL of the two backends differs, decided in one place: a lead database is a
// SQLite file (one desk) or a PostgreSQL database (a team server). Repositories write
// portable SQL and ask here for the few fragments and statements that are not.

#include <QSqlDatabase>
#include <QString>

struct pg_conn;

namespace handoff {

enum class Backend { SQLite, PostgreSQL };

namespace dialect {

Backend backendOf(const QSqlDatabase &db);

// Opens a write transaction. SQLite's BEGIN IMMEDIATE takes the file's write lock at once,
// so a read-then-write such as a claim waits instead of failing; PostgreSQL locks rows as
// it goes, and its default READ COMMITTED lets a conditional UPDATE see the winner's row.
QString beginWrite(const QSqlDatabase &db);
// Opens a read transaction: one consistent view of the database for every statement in it.
// PostgreSQL's READ COMMITTED would give each statement its own view.
QString beginRead(const QSqlDatabase &db);
// Whether a transaction is open on the connection.
bool inTransaction(const QSqlDatabase &db);
// Told by Transaction when it opens and ends one: on a server, while a streamed read is not
// finished (a forward-only query read to its end keeps its result until the connection's
// next statement), libpq says only that a command is in progress, in a transaction or not.
void noteTransaction(const QSqlDatabase &db, bool open);
// The libpq connection behind a team server's connection, for its bulk path (COPY, see
// PostgresCopy); nullptr on any other driver.
pg_conn *postgresHandle(const QSqlDatabase &db);
// Whether a server connection was lost (libpq marks it bad once a read or write fails). A
// SQLite connection is never lost.
bool connectionLost(const QSqlDatabase &db);
// connectionLost() for a server connection that sat idle and does not listen: first reads
// what the server sent it meanwhile (a server that stopped or restarted ends its sessions
// and closes them), with no round trip. Not for a listening connection: its driver reads the
// socket when it becomes readable, and reading it here would hold its notifications back.
bool connectionLostWhileIdle(const QSqlDatabase &db);

} // namespace dialect

} // namespace handoff
