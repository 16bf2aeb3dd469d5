#pragma once

// A folder a team's systems drop CSV exports into, for those that cannot post to the intake.
// Each new file, once it has stopped growing (the same size and time at two looks a second or
// more apart), is imported as `handoff import FILE` would: the mapping saved for its header,
// else the preset that fits it best; its good rows go in as one batch (undo-import takes it
// back) and its bad rows are reported. It is then moved to done/ (or failed/, when nothing of
// it could go in), with a report beside it saying what happened, line by line. Files whose
// names start with a dot or end in .part or .tmp are still being written and are left alone.

#include <QDateTime>
#include <QDir>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace handoff {

class Database;

class DropFolder : public QObject
{
    Q_OBJECT

public:
    // Makes done/ and failed/ in `folder`; throws Error when it cannot.
    DropFolder(Database &db, const QString &folder, QObject *parent = nullptr);

    // Looks now, on every change the system reports, and every `everyMs` (a network folder
    // reports nothing).
    void start(int everyMs = 2000);
    // One look: imports the files that have stopped growing. Returns how many it took.
    int look();

    QString folder() const { return m_folder.path(); }

    static constexpr qint64 SettleMs = 1000;

signals:
    // A file was taken: moved to `movedTo`, its report at `reportPath`.
    void taken(const QString &fileName, bool imported, const QString &movedTo,
               const QString &reportPath);

private:
    // Imports one file; the report's text, and whether anything of it went in.
    std::pair<bool, QString> import(const QString &path);
    void take(const QString &fileName);

    struct Seen
    {
        qint64 size = -1;
        QDateTime modified;
        qint64 sinceMs = 0; // when it was first seen like this
    };

    Database &m_db;
    QDir m_folder;
    QFileSystemWatcher m_watcher;
    QTimer m_timer;
    QTimer m_settle;
    QHash<QString, Seen> m_seen;
    QSet<QString> m_stuck; // taken but not moved away: never imported twice by this service
};

} // namespace handoff
