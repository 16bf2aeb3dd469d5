#pragma once

// Test helpers: a database in a temporary folder that disappears with the test, and small
// builders for leads and activities.

#include <memory>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "store/database.h"
#include "store/lead.h"

namespace handoff {

class TestDatabase
{
public:
    TestDatabase()
        : m_db(std::make_unique<Database>(path()))
    {}

    QString path() const { return m_dir.filePath(QStringLiteral("test.sqlite")); }
    // Where a test saves a picture of what it checked: beside the database, or in
    // HANDOFF_TEST_SHOTS to look at them after the run.
    QString picturePath(const QString &name) const
    {
        return QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS", m_dir.path())).filePath(name);
    }
    Database &db() { return *m_db; }
    QSqlDatabase connection() { return m_db->connection(); }

private:
    QTemporaryDir m_dir;
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

} // namespace handoff
