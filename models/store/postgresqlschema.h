#pragma once

// The schema of a lead database on a PostgreSQL team server. A server database starts at
// the schema version SQLite files had reached when the team server came (12), in one set of
// statements; later versions migrate both backends alike. Types say what SQLite left
// implicit: ids and times are BIGINT, scores DOUBLE PRECISION, and the history rewrite
// count (schema version 12) is kept by plpgsql triggers.

#include <utility>

#include <QList>
#include <QString>
#include <QStringList>

namespace handoff::postgresqlschema {

inline constexpr int BaselineVersion = 12;

// The statements that create the baseline, in order, in one transaction.
QStringList baseline();
// Version 13 on a server: the intake's sources and requests, the business calendar
// (schemaV13 in database.cpp).
QStringList version13();
// Routing and the SLA ladder (see the file's version 14).
QStringList version14();
// A lead's activities straight from the index (schemaV15 in database.cpp).
QStringList version15();
// The history tables' references checked a statement at a time, not a row at a time.
QStringList version16();
// What version 16's triggers keep, (table, the table it references): what a foreign key
// would say of the order rows can be written in.
QList<std::pair<QString, QString>> historyReferences();

// The table that marks a server database as Handoff's and holds its schema version (SQLite
// keeps both in the file header: application_id and user_version).
inline constexpr char SchemaTable[] = "handoff_schema";

// The channel every commit to a table consoles show notifies, naming what it wrote
// (ServerChanges reads the payload).
inline constexpr char ChangesChannel[] = "handoff_changes";

} // namespace handoff::postgresqlschema
