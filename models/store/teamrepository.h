#pragma once

// The members of a team on a server: which database user works in which role. The server
// holds each member to the role (postgresqlschema's team rules); the audit log records the
// database user of every entry. A SQLite file has no members: one person's desk.

#include <optional>

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "store/profile.h"

namespace handoff {

struct TeamMember
{
    QString databaseUser;
    Profile::Role role = Profile::Role::Marketing;
};

class TeamRepository
{
public:
    explicit TeamRepository(QSqlDatabase db);

    // Lists an existing database user as a member in `role` and lets it work in the lead
    // database (run by the database's owner). Throws Error on a SQLite file, for a user the
    // server does not have, or when the caller may not grant.
    void admit(const QString &databaseUser, Profile::Role role);
    // Every member, by name (the owner's view). Throws Error on a SQLite file.
    QList<TeamMember> members() const;
    // The role the server holds the connection's user to; nullopt when it is not a member
    // (or on a SQLite file).
    std::optional<Profile::Role> ownRole() const;

private:
    void requireServer() const;

    QSqlDatabase m_db;
};

} // namespace handoff
