#pragma once

// Where a lead database is, as people give it to `--db` or File > Open: a SQLite file path,
// or a PostgreSQL connection URI (libpq's form, "postgresql://user@host:port/dbname?sslmode=
// require", "postgres://" too). Parsing checks every part and says which one is wrong and at
// which column, before anything connects. A password given in the URI is kept for the
// connection only: displayText() (titles, recent files, messages, the audit log) leaves it out.

#include <optional>

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace handoff {

class DatabaseLocation
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseLocation)

public:
    enum class Kind { SqliteFile, PostgreSql };

    // Throws Error naming the column of what cannot be used.
    static DatabaseLocation parse(const QString &text);
    // Whether `text` is meant as a server address rather than a file.
    static bool looksLikeServer(const QString &text);
    // The address parse() reads back into these very parts: every part percent-encoded (an
    // '@', '/', ':', '%' or space in a user name or password, non-ASCII), an IPv6 host in
    // brackets, the port always written. An empty user name is left out (the system user's);
    // no password, none in the address.
    static QString serverUri(const QString &host, int port, const QString &databaseName,
                             const QString &userName,
                             const std::optional<QString> &password = std::nullopt,
                             const QList<QPair<QString, QString>> &options = {});

    Kind kind() const { return m_kind; }
    bool isServer() const { return m_kind == Kind::PostgreSql; }
    QString filePath() const { return m_filePath; } // SqliteFile only

    // PostgreSql only. An empty host means the local server's default socket.
    QString host() const { return m_host; }
    int port() const { return m_port; } // 5432 when not given
    QString databaseName() const { return m_databaseName; }
    QString userName() const { return m_userName; } // empty: the system user's name
    std::optional<QString> password() const { return m_password; }
    // The libpq parameters after '?', in the order given (sslmode, connect_timeout, ...).
    const QList<QPair<QString, QString>> &options() const { return m_options; }
    QString option(const QString &name) const;
    // What Qt's QPSQL driver takes as its connect options ("sslmode=require;connect_timeout=5").
    QString driverOptions() const;

    // The location without its password, as people may read it anywhere.
    QString displayText() const;
    // A few words for a window's title: the file's name, or "leads on db.example.com".
    QString shortText() const;
    // PostgreSql only: which database as whom, "user@host:port/dbname", the same however the
    // address was written (settings and password left out, the host's case ignored).
    QString serverIdentity() const;

private:
    static DatabaseLocation parseServer(const QString &text);

    Kind m_kind = Kind::SqliteFile;
    QString m_filePath;
    QString m_host;
    int m_port = 5432;
    QString m_databaseName;
    QString m_userName;
    std::optional<QString> m_password;
    QList<QPair<QString, QString>> m_options;
};

} // namespace handoff
