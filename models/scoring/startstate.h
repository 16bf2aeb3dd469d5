#pragma once

// A console's start state: the scoring engine's lead table and feature index, saved when a
// console closes, so the next console on the same database reads them back in one pass
// instead of reading every lead and activity. Exponential decay makes that exact: the sums at
// a later time are the saved sums times one factor, plus what was added since.
//
// It is a cache, never a second source of truth. Each file is stamped with where the
// database's history stood (store/historystamp.h) and hashed; it is used only when the file
// is whole, this build wrote it for this database, and the database's history continues it
// (nothing deleted or rewritten since, the same newest activity under the same id). What was
// added since is for the caller to count. Anything else and the caller loads afresh.

#include <functional>
#include <optional>

#include <QCoreApplication>
#include <QString>

#include "store/historystamp.h"

namespace handoff {

class Database;
class ScoringEngine;

class StartState
{
    Q_DECLARE_TR_FUNCTIONS(StartState)

public:
    // Keeps one file per database in `folder`.
    explicit StartState(QString folder = defaultFolder());
    // The user's cache folder: a start state can always be made again.
    static QString defaultFolder();
    QString filePathFor(const QString &databasePath) const;

    // Writes `engine`'s state, which counts the history up to `stamp`, replacing the file
    // whole (a reader sees the old one or the new one). Throws Error.
    void save(const ScoringEngine &engine, const HistoryStamp &stamp, Database &db) const;

    struct Restored
    {
        std::optional<HistoryStamp> stamp; // what the engine now counts up to
        QString whyNot;                    // when there is no stamp: why, for the log
    };
    // Reads the state saved for `db` into `engine`, faded to `now`, when it continues the
    // database's history as `current` stamps it. Call inside the read transaction `current`
    // was read in. When it cannot be used the engine is left to be loaded afresh, and whyNot
    // says why (empty when there was no file). `keepGoing`, asked every few megabytes,
    // returning false stops the read as a state that cannot be used.
    Restored restore(ScoringEngine &engine, Database &db, const HistoryStamp &current, qint64 now,
                     const std::function<bool()> &keepGoing = {}) const;

private:
    QString m_folder;
};

} // namespace handoff
