#pragma once

// Test helpers: a database in a temporary folder that disappears with the test, and small
// builders for leads and activities.

#include <memory>
#include <vector>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include "store/activityrepository.h"
#include "store/database.h"
#include "store/databaselocation.h"
#include "store/lead.h"

namespace handoff {

// The PostgreSQL server a test runs against, when ctest runs it as the team server's variant
// (tests/CMakeLists.txt: HANDOFF_TEST_POSTGRESQL names the file where the fixture wrote the
// server's address); empty for the SQLite run.
inline QString testServerAddress()
{
    const QString stateFile = qEnvironmentVariable("HANDOFF_TEST_POSTGRESQL");
    if (stateFile.isEmpty())
        return {};
    QFile state(stateFile);
    if (!state.open(QIODevice::ReadOnly))
        qFatal("HANDOFF_TEST_POSTGRESQL: %s cannot be read; is the server fixture running?",
               qPrintable(stateFile));
    return QString::fromUtf8(state.readLine()).trimmed();
}

// A database of its own on the test server, dropped with the object.
class ServerTestDatabase
{
public:
    explicit ServerTestDatabase(const QString &serverAddress)
        : m_serverAddress(serverAddress)
    {
        static int counter = 0;
        m_name = QStringLiteral("handoff_test_%1_%2")
                     .arg(QCoreApplication::applicationPid())
                     .arg(++counter);
        administer(QStringLiteral("CREATE DATABASE %1").arg(m_name));
    }
    ~ServerTestDatabase()
    {
        administer(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(m_name));
        for (const QString &user : std::as_const(m_users))
            administer(QStringLiteral("DROP ROLE %1").arg(user));
    }
    ServerTestDatabase(const ServerTestDatabase &) = delete;
    ServerTestDatabase &operator=(const ServerTestDatabase &) = delete;

    // The address of this test's database: the server's, with its own database name.
    QString address() const
    {
        return m_serverAddress.section(QLatin1Char('/'), 0, -2) + QLatin1Char('/') + m_name;
    }

    // A database user of this test's own (the server's users are shared by its databases;
    // this one goes with the database). Returns the address of this database as that user.
    QString addUser(const QString &name)
    {
        const QString user = m_name + QLatin1Char('_') + name;
        administer(QStringLiteral("CREATE ROLE %1 LOGIN").arg(user));
        m_users.append(user);
        const QString host =
            m_serverAddress.section(QLatin1Char('@'), 1).section(QLatin1Char('/'), 0, 0);
        return QStringLiteral("postgresql://%1@%2/%3").arg(user, host, m_name);
    }
    QString userName(const QString &name) const { return m_name + QLatin1Char('_') + name; }
    // A user of this test's own whom the server asks for `password` (pgserver.sh trusts
    // everyone else); the address of this database as that user, without the password.
    QString addPasswordUser(const QString &name, const QString &password)
    {
        administer(QStringLiteral("DO $$BEGIN CREATE ROLE handoff_password_login NOLOGIN; "
                                  "EXCEPTION WHEN duplicate_object THEN NULL; END$$"));
        const QString address = addUser(name);
        administer(QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(userName(name), password));
        administer(QStringLiteral("GRANT handoff_password_login TO %1").arg(userName(name)));
        return address;
    }

private:
    void administer(const QString &statement) const
    {
        const QString name = QStringLiteral("handoff-test-admin");
        {
            const DatabaseLocation where = DatabaseLocation::parse(m_serverAddress);
            QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            admin.setHostName(where.host());
            admin.setPort(where.port());
            admin.setUserName(where.userName());
            admin.setDatabaseName(where.databaseName());
            if (!admin.open())
                qFatal("test server: %s", qPrintable(admin.lastError().text()));
            QSqlQuery query(admin);
            if (!query.exec(statement))
                qFatal("test server: %s: %s", qPrintable(statement),
                       qPrintable(query.lastError().text()));
        }
        QSqlDatabase::removeDatabase(name);
    }

    QString m_serverAddress;
    QString m_name;
    QStringList m_users;
};

// Lead databases a test makes by name, for the windows it opens on them: files in its
// folder, or, in the team server's run, databases of their own on the test server (dropped
// with this object). The location is what a console is given (--db).
class TestDatabases
{
public:
    explicit TestDatabases(const QTemporaryDir &dir)
        : m_dir(dir)
        , m_serverAddress(testServerAddress())
    {}

    bool onServer() const { return !m_serverAddress.isEmpty(); }
    QString make(const QString &name)
    {
        if (!onServer())
            return m_dir.filePath(name + QStringLiteral(".sqlite"));
        m_servers.push_back(std::make_unique<ServerTestDatabase>(m_serverAddress));
        return m_servers.back()->address();
    }

private:
    const QTemporaryDir &m_dir;
    QString m_serverAddress;
    std::vector<std::unique_ptr<ServerTestDatabase>> m_servers;
};

// A lead database that disappears with the test: a file in a temporary folder, or, in the
// team server's run of a test, a database of its own on the test server.
class TestDatabase
{
public:
    TestDatabase()
        : m_server(serverFor(testServerAddress()))
        , m_db(std::make_unique<Database>(path()))
    {}

    // Where the database is: what opens it again (a file path, or the server address).
    QString path() const
    {
        return m_server ? m_server->address() : m_dir.filePath(QStringLiteral("test.sqlite"));
    }
    bool isServer() const { return m_server != nullptr; }
    // Where a test saves a picture of what it checked: beside the database, or in
    // HANDOFF_TEST_SHOTS to look at them after the run.
    QString picturePath(const QString &name) const
    {
        return QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS", m_dir.path())).filePath(name);
    }
    Database &db() { return *m_db; }
    QSqlDatabase connection() { return m_db->connection(); }

private:
    static std::unique_ptr<ServerTestDatabase> serverFor(const QString &address)
    {
        return address.isEmpty() ? nullptr : std::make_unique<ServerTestDatabase>(address);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerTestDatabase> m_server;
    std::unique_ptr<Database> m_db;
};

// Writes `bytes` to `name` in `dir`, as an export would arrive; the path, or empty when it
// cannot be written.
inline QString writeTestFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// A file's bytes, hashed: equal digests mean the file was not touched. Empty when it cannot
// be read.
inline QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly)
               ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
               : QByteArray();
}

inline Lead makeLead(const QString &email, const QString &title = {}, const QString &seniority = {},
                     qint64 createdAt = 1'700'000'000)
{
    Lead lead;
    lead.email = email;
    lead.firstName = email.section(QLatin1Char('@'), 0, 0);
    lead.title = title;
    lead.seniority = seniority;
    lead.createdAt = createdAt;
    return lead;
}

// The id of the activity type with this code (demo_request, webinar_attended...); -1 when the
// database has none.
inline int activityTypeId(Database &db, const QString &code)
{
    for (const ActivityType &type : ActivityRepository(db.connection()).types()) {
        if (type.code == code)
            return type.id;
    }
    return -1;
}

} // namespace handoff
