#pragma once

// How a source's field names map onto what Handoff takes from a submission. Each kind of
// source starts from the names its senders use (a web form's email/first_name/company, HubSpot's
// email/firstname/jobtitle, Marketo's email/firstName/title); the source's own mapping, kept
// in the database as a JSON object {"Their field": "target"}, adds to or overrides them.
// submission() validates what it maps: the e-mail address, what was asked for, the consent,
// the time the form was sent.

#include <optional>

#include <QHash>
#include <QString>
#include <QStringList>

#include "intake/requestbody.h"
#include "store/intakerepository.h"

namespace handoff {

enum class IntakeTarget {
    Email,
    FirstName,
    LastName,
    FullName, // split into first and last when those are not given
    Company,
    Title,
    Country,
    Request, // what they asked for: demo, quote, trial, pricing, contact
    Page,
    Campaign,
    Consent,
    SubmittedAt, // when the form was sent (seconds or milliseconds since the epoch, or ISO 8601)
    EventId,     // the sender's own id for this event: the idempotency key when none is given
    Ignore,
};

class FieldMapping
{
public:
    // The kind's names with `mappingJson` over them (checked when the source was saved, see
    // check(); an entry that is not a known target is passed over).
    FieldMapping(IntakeKind kind, const QString &mappingJson);

    // Checks a mapping before it is stored; the problem in words, or empty when it is fine.
    static QString check(const QString &mappingJson);
    static QStringList targetNames();

    // The source field names that feed `target`, in the order they are tried.
    QStringList sourcesOf(IntakeTarget target) const;

    // The submission the fields hold. `requestCode` is the source's default for a request
    // that does not say what it asks for. askedAt is left to the caller (only a signed body's
    // time is believed). Throws IntakeRejection (422) naming the field.
    IntakeSubmission submission(const BodyFields &body, const QString &requestCode) const;
    // The time the body says the form was sent, if it says one; seconds since the epoch.
    std::optional<qint64> submittedAt(const BodyFields &body) const;
    // The sender's event id, if the body has one.
    QString eventId(const BodyFields &body) const;

    // The activity code for what a person asked for ("Request a demo" -> demo_request);
    // empty when the text is not a request Handoff knows.
    static QString requestCodeFor(const QString &text);

private:
    // The first of the target's fields the body holds (trimmed), and its name in `field`.
    std::optional<QString> given(const BodyFields &body, IntakeTarget target,
                                 QString *field = nullptr) const;
    // The same, empty when the body has none of them.
    QString first(const BodyFields &body, IntakeTarget target, QString *field = nullptr) const;

    QHash<QString, IntakeTarget> m_targets; // source field name -> target
    QList<std::pair<QString, IntakeTarget>> m_order;
};

} // namespace handoff
