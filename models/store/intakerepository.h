#pragma once

// The intake's part of the store: the sources allowed to post hand-raisers to `handoff serve`
// (schema version 13), and the writing of one submission: its lead, found by e-mail address
// or new, and its activity, together with the request's idempotency key, in one transaction.
// A key seen before writes nothing and answers with what the first request wrote.

#include <optional>

#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

#include "store/lead.h"

namespace handoff {

// What posts to the intake, and so the body and signature it sends.
enum class IntakeKind { Form, HubSpot, Marketo };

namespace intakekind {
QString toString(IntakeKind kind);
std::optional<IntakeKind> fromString(const QString &text);
} // namespace intakekind

struct IntakeSource
{
    qint64 id = 0;
    QString name; // in the endpoint's path: /v1/<kind>/<name>
    IntakeKind kind = IntakeKind::Form;
    QString secret;      // the bearer token and the HMAC key
    QString mapping;     // JSON object: the source's field name -> Handoff's (fieldmapping.h)
    QString requestCode; // the activity a submission that does not say what it asks for gets
    int perMinute = 600; // requests a minute before it is answered 429
    qint64 createdAt = 0;
};

// One submission as the intake validated it: the lead's fields, what was asked for, and when.
struct IntakeSubmission
{
    Lead lead;           // e-mail (required), names, company, title, channel (the campaign)
    QString requestCode; // an activity type's code: demo_request, ... or form_submit
    QString page;        // where the form was sent from
    std::optional<bool> consent;
    qint64 askedAt = 0; // when the person asked (seconds since the epoch, UTC)
};

// What a submission wrote, or, for a key seen before, what the first one did.
struct IntakeRecord
{
    qint64 leadId = 0;
    qint64 activityId = 0;
    bool newLead = false;
    bool duplicate = false;
};

class IntakeRepository
{
public:
    explicit IntakeRepository(QSqlDatabase db);

    QList<IntakeSource> sources() const;
    std::optional<IntakeSource> source(const QString &name) const;
    // Adds the source, or replaces the one of the same name (its requests stay with it); the
    // audit log records who, never the secret.
    void save(const IntakeSource &source, const QString &actor);
    bool remove(const QString &name, const QString &actor, qint64 at);

    // Writes the submission in a transaction of its own: nothing of it is stored unless all
    // of it is. A known lead keeps what it has; the submission only fills its empty fields.
    // A key recorded before `keyKeptSince` (seconds; 0 keeps keys for ever) counts as new.
    // Throws Error when the request code names no activity type.
    IntakeRecord record(const IntakeSource &source, const QString &idempotencyKey,
                        const IntakeSubmission &submission, qint64 receivedAt,
                        qint64 keyKeptSince = 0);
    qint64 requestCount() const;
    // Forgets the requests received before `before` (seconds): their keys stop answering
    // retries, which no sender makes that late. Returns how many went.
    qint64 forgetRequestsBefore(qint64 before);
    qint64 sourceCount() const;

    // The name of the custom field a submission's consent is kept in.
    static QString consentField();

private:
    IntakeRecord write(qint64 sourceId, const QString &idempotencyKey,
                       const IntakeSubmission &submission);

    QSqlDatabase m_db;
};

} // namespace handoff
