#pragma once

// Owns one SQLite lead database: the named Qt SQL connection, the schema and its stepwise
// migrations (PRAGMA user_version). Opening checks the file before writing anything: a file
// that is not SQLite, is corrupt or has a newer schema is refused untouched; an older schema
// is copied to a dated backup beside it and then migrated in one transaction.

#include <QSqlDatabase>
#include <QString>

class Database
{
public:
    static constexpr int SchemaVersion = 6;

    // Opens (creating when absent) and migrates up to targetVersion (tests write older
    // versions with it). Throws StoreError.
    explicit Database(const QString &filePath, int targetVersion = SchemaVersion);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    QString filePath() const { return m_filePath; }
    QString backupPath() const { return m_backupPath; } // empty unless this open migrated
    bool wasCreated() const { return m_created; }

    // Schema version stored in the file; 0 for an empty database.
    int schemaVersion() const;
    // Changes whenever another connection commits to the file: cheap to poll.
    qint64 dataVersion() const;

    // Schema version of a file without opening it as a Database; throws for a non-SQLite file.
    static int readSchemaVersion(const QString &filePath);

private:
    void checkExistingFile() const;
    void configureConnection();
    void backUp(int fromVersion);
    void migrate(int from, int to);

    QString m_filePath;
    QString m_connectionName;
    QString m_backupPath;
    bool m_created = false;
};
