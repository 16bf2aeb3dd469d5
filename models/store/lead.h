#pragma once

// One lead as stored: who they are (the fit fields), where they came from and where they
// stand. Times are seconds since the Unix epoch, UTC.
//
// Undated history: an import whose file gives no date for a stage change or an activity
// stores it with `undated` set and its time at UndatedTime (0), so whatever selects by time
// takes it for the oldest history there is (see schema version 8 in database.cpp). A lead
// whose creation date the file did not give has `createdUndated` set; its createdAt is then a
// bound (the earliest date the file knows of the lead, else the import), not a date for charts.

#include <optional>

#include <QString>

#include "store/stage.h"

namespace handoff {

// The time an undated stage change or activity is stored at: before anything dated.
inline constexpr qint64 UndatedTime = 0;

struct Lead
{
    qint64 id = 0;
    QString externalId;
    QString email;
    QString firstName;
    QString lastName;
    QString company;
    QString title;
    QString seniority;
    QString industry;
    // The smallest number of employees the file's text allows (see valueparsers::companySize)
    std::optional<int> companySize;
    // The size as the file wrote it when that was not a plain number ("51-200", "10,001+",
    // "Self-employed"): shown beside the number. Empty when the number says it all.
    QString companySizeText;
    QString country;
    QString source = QStringLiteral("marketing"); // "marketing" or "sales"
    QString channel;
    Stage stage = Stage::Suspect;
    QString owner;
    qint64 createdAt = 0;
    bool createdUndated = false; // the file that brought the lead gave no creation date
    qint64 updatedAt = 0; // milliseconds, set by the store on every write: for people to read
    qint64 changeSeq = 0; // the change sequence number of the last write (see Transaction)

    QString displayName() const;
    // The part after '@', case-folded: what domain disqualification rules match.
    QString emailDomain() const;
};

// Which leads a bulk read covers: every lead, or only those with an open handoff (the sales
// view's, read first when a console starts without its saved state).
enum class LeadScope { Every, WithOpenHandoff };

struct Activity
{
    qint64 id = 0;
    qint64 leadId = 0;
    int typeId = 0;
    qint64 occurredAt = 0;
    QString asset;
    QString channel;
    qint64 importBatchId = 0; // the import that brought it; 0 when none
    bool undated = false;     // its file gave no date: occurredAt is UndatedTime
};

struct StageChange
{
    qint64 leadId = 0;
    std::optional<Stage> from;
    Stage to = Stage::Suspect;
    qint64 changedAt = 0;
    QString changedBy;
    QString reason;
    qint64 importBatchId = 0; // the import that recorded it; 0 when none
    bool undated = false;     // its file gave no date: changedAt is UndatedTime
};

} // namespace handoff
