#include "store/teamrepository.h"

#include <QObject>
#include <QSqlQuery>

#include "store/dialect.h"
#include "store/error.h"
#include "store/sqlquery.h"
#include "store/transaction.h"

namespace handoff {

TeamRepository::TeamRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

void TeamRepository::requireServer() const
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL)
        throw Error(QObject::tr("%1: a database file has no team members; a team on a server "
                                "has (postgresql://...)")
                        .arg(m_db.databaseName()));
}

void TeamRepository::admit(const QString &databaseUser, Profile::Role role)
{
    requireServer();
    if (databaseUser.trimmed().isEmpty())
        throw Error(QObject::tr("Name the database user to add to the team"));
    auto known = sql::prepare(m_db, QStringLiteral("SELECT count(*) FROM pg_roles "
                                                   "WHERE rolname = :name"));
    known.bindValue(QStringLiteral(":name"), databaseUser);
    sql::exec(known);
    if (!sql::next(known) || known.value(0).toInt() == 0)
        throw Error(QObject::tr("The server has no database user '%1': whoever runs the server "
                                "creates it first (CREATE ROLE \"%1\" LOGIN PASSWORD '...')")
                        .arg(databaseUser));
    Transaction transaction(m_db, Transaction::Kind::Schema);
    auto q = sql::prepare(m_db, QStringLiteral("SELECT handoff_admit(:user, :role)"));
    q.bindValue(QStringLiteral(":user"), databaseUser);
    q.bindValue(QStringLiteral(":role"), Profile::roleName(role));
    sql::exec(q);
    q.finish();
    transaction.commit();
}

QList<TeamMember> TeamRepository::members() const
{
    requireServer();
    auto q = sql::prepare(
        m_db, QStringLiteral("SELECT db_user, role FROM team_members ORDER BY db_user"));
    sql::exec(q);
    QList<TeamMember> result;
    while (sql::next(q)) {
        const auto role = Profile::roleFrom(q.value(1).toString());
        result.append({q.value(0).toString(), role.value_or(Profile::Role::Marketing)});
    }
    return result;
}

std::optional<Profile::Role> TeamRepository::ownRole() const
{
    if (dialect::backendOf(m_db) != Backend::PostgreSQL)
        return std::nullopt;
    auto q = sql::prepare(m_db, QStringLiteral("SELECT handoff_team_role()"));
    sql::exec(q);
    if (!sql::next(q) || q.isNull(0))
        return std::nullopt;
    return Profile::roleFrom(q.value(0).toString());
}

} // namespace handoff
