#pragma once

// A person using a console: a name and a role. Every action is recorded under a profile;
// the role decides which actions the console offers.

#include <optional>

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace handoff {

struct Profile
{
    enum class Role { Marketing, Sales, SalesManager };

    qint64 id = 0;
    QString name;
    Role role = Role::Marketing;

    bool isSales() const { return role == Role::Sales || role == Role::SalesManager; }
    static QString roleName(Role role);  // stored spelling: marketing, sales, sales_manager
    static QString roleLabel(Role role); // what people read
    static std::optional<Role> roleFrom(const QString &name);
};

class ProfileRepository
{
public:
    explicit ProfileRepository(QSqlDatabase db);

    // Adds a profile; throws Error when the name is taken or empty.
    Profile add(const QString &name, Profile::Role role, qint64 at);
    std::optional<Profile> find(const QString &name) const;
    QList<Profile> all() const;

private:
    QSqlDatabase m_db;
};

} // namespace handoff
