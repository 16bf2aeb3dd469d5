#include "store/profile.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

#include "store/error.h"
#include "store/sqlquery.h"

namespace handoff {

QString Profile::roleName(Role role)
{
    switch (role) {
    case Role::Marketing:
        return QStringLiteral("marketing");
    case Role::Sales:
        return QStringLiteral("sales");
    case Role::SalesManager:
        return QStringLiteral("sales_manager");
    }
    return {};
}

QString Profile::roleLabel(Role role)
{
    switch (role) {
    case Role::Marketing:
        return QCoreApplication::translate("Profile", "Marketing");
    case Role::Sales:
        return QCoreApplication::translate("Profile", "Sales rep");
    case Role::SalesManager:
        return QCoreApplication::translate("Profile", "Sales manager");
    }
    return {};
}

std::optional<Profile::Role> Profile::roleFrom(const QString &name)
{
    for (Role role : {Role::Marketing, Role::Sales, Role::SalesManager}) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

ProfileRepository::ProfileRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

Profile ProfileRepository::add(const QString &name, Profile::Role role, qint64 at)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        throw Error(QCoreApplication::translate("Profile", "A profile needs a name"));
    if (find(trimmed))
        throw Error(QCoreApplication::translate("Profile", "There is already a profile named %1")
                        .arg(trimmed));
    auto q = sql::prepare(m_db, QStringLiteral("INSERT INTO profiles (name, role, created_at) "
                                               "VALUES (:name, :role, :created_at) RETURNING id"));
    q.bindValue(QStringLiteral(":name"), trimmed);
    q.bindValue(QStringLiteral(":role"), Profile::roleName(role));
    q.bindValue(QStringLiteral(":created_at"), at);
    return {sql::insertReturningId(q), trimmed, role};
}

std::optional<Profile> ProfileRepository::find(const QString &name) const
{
    for (const Profile &p : all()) {
        if (p.name.compare(name.simplified(), Qt::CaseInsensitive) == 0)
            return p;
    }
    return std::nullopt;
}

QList<Profile> ProfileRepository::all() const
{
    auto q =
        sql::prepare(m_db, QStringLiteral("SELECT id, name, role FROM profiles ORDER BY name"));
    sql::exec(q);
    QList<Profile> profiles;
    while (sql::next(q)) {
        profiles.append(
            {q.value(0).toLongLong(), q.value(1).toString(),
             Profile::roleFrom(q.value(2).toString()).value_or(Profile::Role::Marketing)});
    }
    return profiles;
}

} // namespace handoff
