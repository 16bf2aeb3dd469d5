#pragma once

// Where a database's history stands: what a saved start state records when it is written
// and is checked against when it is read (see scoring/startstate.h). Additions move the
// activity id and the lead change number forward; anything else (a deletion, a rewrite)
// moves the rewrite count, which triggers keep whoever writes (schema version 12).

#include <optional>

#include <QSqlDatabase>
#include <QString>

namespace handoff {

struct HistoryStamp
{
    QString databaseId;  // random, made when the schema was created or upgraded
    qint64 rewrites = 0; // activities deleted or rewritten, leads deleted
    qint64 lastActivityId = 0;
    qint64 leadChangeSeq = 0;
    // The newest activity counted, (lead, type, time): a copy of the file written to apart
    // from the original keeps its identity, but not the same activity under the same id.
    qint64 lastActivityLead = 0;
    int lastActivityType = 0;
    qint64 lastActivityAt = 0;

    bool operator==(const HistoryStamp &) const = default;
};

class HistoryStampRepository
{
public:
    explicit HistoryStampRepository(QSqlDatabase db);

    // The stamp as of now; read it inside the read transaction the state is read in.
    HistoryStamp current() const;
    // The database's identity alone, one row: a new one says the database was replaced
    // (a team copied onto its server, handoff migrate).
    QString databaseId() const;
    // The stamp of what counts the activities up to `lastActivityId` and the lead changes up
    // to `leadChangeSeq`, with the identity and rewrite count as of now.
    HistoryStamp at(qint64 lastActivityId, qint64 leadChangeSeq) const;
    // Whether the history a state stamped `saved` counted is still, unchanged, the start of
    // this database's history as `current` (read in the same transaction) stamps it: same
    // file, nothing rewritten since, nothing counted that is not here. What was added since
    // is for the caller to count.
    bool continues(const HistoryStamp &saved, const HistoryStamp &current) const;

private:
    QSqlDatabase m_db;
};

} // namespace handoff
