#pragma once

// One lead as stored: who they are (the fit fields), where they came from and where they
// stand. Times are seconds since the Unix epoch, UTC.

#include <optional>

#include <QString>

#include "stage.h"

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
    std::optional<int> companySize;
    QString country;
    QString source = QStringLiteral("marketing"); // "marketing" or "sales"
    QString channel;
    Stage stage = Stage::Suspect;
    QString owner;
    qint64 createdAt = 0;
    qint64 updatedAt = 0; // milliseconds, set by the store on every write: for people to read
    qint64 changeSeq = 0; // the change sequence number of the last write (see Transaction)

    QString displayName() const;
    // The part after '@', case-folded: what domain disqualification rules match.
    QString emailDomain() const;
};

struct Activity
{
    qint64 id = 0;
    qint64 leadId = 0;
    int typeId = 0;
    qint64 occurredAt = 0;
    QString asset;
    QString channel;
    qint64 importBatchId = 0; // the import that brought it; 0 when none
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
};
