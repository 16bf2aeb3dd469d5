#pragma once

// Moves a team from a lead database file to a PostgreSQL team server (handoff migrate): every
// table of the file, each row with its id, in one server transaction, so a failure anywhere
// leaves the server database as it was. The file must be a Handoff database of this version's
// schema (an older one is upgraded by opening it once); it is read in one read transaction, so
// consoles may keep working in it meanwhile. An empty server database gets the schema in the
// same transaction; one that holds a team's data is refused unless replacing it is asked for.
// The rows travel by COPY, in groups. Every value is checked against the server's column
// first, so a value the server would refuse is named with the file, table, row and column;
// the counts of every table are compared before the commit, and the identity sequences are
// moved past the copied ids. Where this user owns the tables, their foreign keys are made
// again after the copy, each checked in one pass (row by row they took four fifths of the
// time); consoles then wait to read the tables with keys until the commit. Consoles
// listening to the server are told at the commit (the change triggers note the writes once
// per transaction). The copy gets a database identity of its own: no console's saved start
// state is taken for it, and a console open on the server reads everything again.

#include <functional>

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace handoff {

class TeamMigration
{
    Q_DECLARE_TR_FUNCTIONS(TeamMigration)

public:
    // What to do with a server database that already holds a team's data.
    enum class Existing { Refuse, Replace };

    struct TableCount
    {
        QString table;
        qint64 file = 0;   // rows in the file
        qint64 server = 0; // rows on the server after the copy, before the commit
    };

    struct Result
    {
        QString file;   // the file's absolute path
        QString server; // the server's address, without its password
        bool createdSchema = false;
        qint64 replacedLeads = 0; // what the server held before (Existing::Replace)
        qint64 replacedRows = 0;
        QList<TableCount> tables; // in the order they were copied
        qint64 rows = 0;
        qint64 milliseconds = 0;

        double rowsPerSecond() const;
    };

    // Rows of `table` copied so far, of `total`; called after every group and at each table's
    // end.
    using Progress = std::function<void(const QString &table, qint64 done, qint64 total)>;

    // Copies `file` into the server database at `serverAddress`. Throws Error naming what
    // and where; then nothing was written to the server.
    static Result copy(const QString &file, const QString &serverAddress, Existing existing,
                       const Progress &progress = {});
};

} // namespace handoff
