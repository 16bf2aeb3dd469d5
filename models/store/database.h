#pragma once

// Owns one lead database: the named Qt SQL connection, the schema and its stepwise
// migrations. A location is a SQLite file (PRAGMA user_version holds the schema version) or
// a PostgreSQL team server's address (postgresql://user@host/dbname; the handoff_schema
// table holds it). Opening checks before writing anything: a file that is not SQLite, is
// corrupt or has a newer schema, or a server database of another program, is refused
// untouched; an older file schema is copied to a dated backup beside it and then migrated
// in one transaction; an empty server database gets the whole schema in one transaction.

#include <functional>

#include <QSqlDatabase>
#include <QString>

#include "store/serverchanges.h"

class QFileInfo;
class QObject;

namespace handoff {

class Database
{
public:
    static constexpr int SchemaVersion = 17;
    // The latest version that changed a file's tables. The versions after it change a team
    // server's schema only (16) or a file's indexes (17): a file upgraded from it takes them
    // on opening, in one transaction, with no copy kept and no dialog shown (17's index
    // takes about 1.5 s at a million leads).
    static constexpr int FileSchemaVersion = 15;

    // Whether opening may create the database. Commands that only read (or add to an existing
    // database) use Existing, so a missing or 0-byte file left by a killed run is refused with
    // a message instead of silently becoming an empty database. ReadOnly never writes, not
    // even a migration or the journal mode: for checking a file that may be damaged.
    // ExistingOrEmpty opens an empty server database as it is, without a schema, for a caller
    // that writes the schema in the same transaction as what goes in it (createSchema()); a
    // file is opened as Existing opens it.
    enum class Open { CreateIfMissing, Existing, ReadOnly, ExistingOrEmpty };

    // Opens (creating when absent) and migrates up to targetVersion (tests write older
    // versions with it). Throws Error.
    explicit Database(const QString &location, int targetVersion = SchemaVersion);
    Database(const QString &location, Open mode);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    // The database as people may read it: a file's absolute path, or a server's address
    // without its password. For messages, titles and the recent list.
    QString filePath() const { return m_filePath; }
    // What opens the same database again (another thread's connection): the file's path, or
    // the server's address with its password if one was given.
    QString location() const { return m_location; }
    bool isServer() const { return m_server; }
    QString backupPath() const { return m_backupPath; } // empty unless this open migrated
    bool wasCreated() const { return m_created; }

    // Schema version stored in the file; 0 for an empty database.
    int schemaVersion() const;
    // Writes the whole schema, as a new database gets it, into an empty database opened with
    // Open::ExistingOrEmpty, inside the caller's write transaction: rolling that back leaves
    // the database empty again. Throws Error when the database already holds a schema.
    void createSchema();
    // Changes whenever another connection commits to the file: cheap to poll. On a team
    // server it moves with every commit to any database of the server (and may move with a
    // rollback): a reader then looks once for nothing, but never misses a change.
    qint64 dataVersion() const;
    // For a connection that reads a table once, in order (the tuning workspace's history):
    // a page it read is never wanted again, so SQLite's page cache (2 MB by default, per
    // connection) is kept to `kib`. A server keeps its own cache: nothing to do there.
    void readOnceInOrder(int kib = 256);

    // On a team server, calls `changed` on this connection's thread after every commit anyone
    // makes to the tables consoles show, pushed by the server (LISTEN), for as long as both
    // this Database and `context` live; takeChanges() says what those commits wrote. False
    // on a SQLite file, which pushes nothing: its readers poll dataVersion(). Throws Error
    // when the server refuses to listen.
    bool listenForChanges(QObject *context, std::function<void()> changed);
    // What the pushes since the last call said changed; after a reconnect, everything (what
    // was pushed while the connection was lost is gone).
    ServerChanges takeChanges();
    // Only what they said of named handoffs (ServerChanges::takeNamedHandoffs()).
    ServerChanges takeNamedHandoffChanges() { return m_heard.takeNamedHandoffs(); }
    // What the pushes have said since the last takeChanges(), left in place.
    const ServerChanges &changesHeard() const { return m_heard; }
    // Opened with Open::ReadOnly: every write is refused.
    bool isReadOnly() const { return m_readOnly; }

    // Whether the connection still reaches its database. A file always does; a server's can
    // be lost (the server restarted, the network went away), and every statement then fails
    // until reconnect() succeeds.
    bool isConnected() const;
    // isConnected() for a connection kept idle between uses (KeptDatabase), which does not
    // listen: it reads first whether the server closed it meanwhile. No round trip.
    bool isConnectedAfterIdle() const;
    // Opens a lost server connection again, with this session's settings (read-only, the
    // lock timeout) and its subscription to changes. Throws Error while the server cannot be
    // reached. What was not committed before the loss was rolled back by the server.
    void reconnect();

    // How long a write waits for another connection's write lock before it fails (5 s by
    // default: a person is waiting). Batch work such as an import may wait longer.
    void setBusyTimeout(int milliseconds);

    // Reads every page (PRAGMA quick_check) and throws Error when the file is damaged:
    // commands that write a lot check first, so nothing is added to a broken file.
    void requireIntact() const;

    // Schema version of a file without opening it as a Database; throws for a non-SQLite file.
    static int readSchemaVersion(const QString &filePath);

private:
    Database(const QString &location, int targetVersion, Open mode);
    void open(Open mode, int targetVersion);
    void openServer(Open mode, int targetVersion);
    // Connects the named QPSQL connection to the address; throws Error when it cannot.
    void connectToServer();
    // The session settings a server connection keeps across a reconnect.
    void configureServerSession();
    void subscribeToChanges();
    // The server database's schema version (0: empty); refuses another program's tables and
    // a newer schema.
    int checkServerDatabase() const;
    // Refuses what is not ours to open; says whether the file holds a schema at all.
    bool checkExistingFile() const;
    void checkWritable(const QFileInfo &info) const;
    void rollBackInterruptedWrite() const;
    void configureConnection();
    void backUp(int fromVersion);
    void migrate(int from, int to);
    // The statements of migrate(), inside a transaction already open.
    void writeSchema(int from, int to);

    QString m_filePath;
    QString m_location;
    bool m_server = false;
    QString m_connectionName;
    QString m_backupPath;
    bool m_created = false;
    bool m_readOnly = false;
    // A server session's settings, applied again after a reconnect (and m_readOnly).
    int m_lockTimeoutMs = -1; // the server's default until setBusyTimeout()
    bool m_listening = false;
    ServerChanges m_heard;
    // The server's snapshot at the last dataVersion(), and how often it has moved.
    mutable QString m_lastSnapshot;
    mutable qint64 m_snapshotMoves = 0;
};

} // namespace handoff
