#pragma once

// A connection kept between one thread's occasional uses, a window's actions: opened at the
// first use, kept for the next, and opened again when the server closed it meanwhile (a
// restart). On a team server a connection of its own for every action cost each click a
// session's setup and the first run of every statement it made. Use it, and let it go, on
// one thread: a Qt SQL connection belongs to the thread that opened it.

#include <memory>

#include <QString>

namespace handoff {

class Database;

class KeptDatabase
{
public:
    // `location`: a file's path or a server's address, as Database::location() gives it.
    explicit KeptDatabase(QString location);
    ~KeptDatabase();
    KeptDatabase(const KeptDatabase &) = delete;
    KeptDatabase &operator=(const KeptDatabase &) = delete;

    // The connection, open and reaching its database. Throws Error when it cannot be opened
    // or the server cannot be reached; the next call tries again.
    Database &get();

private:
    QString m_location;
    std::unique_ptr<Database> m_db;
};

} // namespace handoff
