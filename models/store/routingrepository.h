#pragma once

// How hand-raisers are handed out and what the SLA ladder did (schema version 14): the team's
// routing settings, each sales-side rep's availability, weight and territory, and the record
// of every assignment, timed-out claim and step of the ladder. The record is what desks are
// told from (a rep: "assigned to you"; the manager: "nobody worked it") and what the meeting
// counts (every breach, whose, when and how late).

#include <optional>

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace handoff {

struct RoutingSettings
{
    enum class Mode { Off, RoundRobin, Weighted };

    Mode mode = Mode::Off;
    // An assigned or claimed hand-raiser nobody contacted within this (SLA clock) time goes
    // back to the pool; 0: never.
    int claimTimeoutMinutes = 0;

    static QString modeName(Mode mode); // stored spelling: off, round_robin, weighted
    static std::optional<Mode> modeFrom(const QString &name);
    bool operator==(const RoutingSettings &) const = default;
};

// One rep as routing sees them. A rep nobody set up is away, weight 1, with no territory.
struct RepRouting
{
    QString rep; // the profile's name, as handoffs name who claimed
    bool available = false;
    qint64 availableSince = 0;
    int weight = 1;
    // The lead field the territory is drawn on (country, industry, seniority, channel,
    // segment) and the values it covers, any case; empty: the rep takes any lead.
    QString territoryField;
    QStringList territoryValues;

    bool hasTerritory() const { return !territoryField.isEmpty(); }
    bool operator==(const RepRouting &) const = default;
};

// The team's routing as a sales manager edits it: the settings and every rep's.
struct TeamRouting
{
    RoutingSettings settings;
    QList<RepRouting> reps;
};

struct RoutingEvent
{
    enum class Kind { Assigned, TimedOut, SlaPassed, SlaEscalated };

    qint64 id = 0;
    qint64 handoffId = 0;
    qint64 leadId = 0;
    Kind kind = Kind::Assigned;
    QString rep; // assigned to, whose claim timed out, who held the lead at the breach
    qint64 at = 0;
    std::optional<qint64> dueAt; // a breach: when the SLA (or twice it) ran out

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFrom(const QString &name);
    bool isBreach() const { return kind == Kind::SlaPassed || kind == Kind::SlaEscalated; }
    bool operator==(const RoutingEvent &) const = default;
};

class RoutingRepository
{
    Q_DECLARE_TR_FUNCTIONS(RoutingRepository)

public:
    explicit RoutingRepository(QSqlDatabase db);

    RoutingSettings settings() const;
    // Saves the settings with an audit entry, in the caller's transaction or one of its own.
    void saveSettings(const RoutingSettings &settings, const QString &actor, qint64 at);

    // Every rep set up, by name.
    QList<RepRouting> reps() const;
    std::optional<RepRouting> rep(const QString &name) const;
    // Saves a rep's availability (availableSince set to `at` when it turns on), weight and
    // territory, with an audit entry. Throws Error on a weight outside 1..100 or a territory
    // field routing cannot read.
    void saveRep(RepRouting rep, const QString &actor, qint64 at);
    // Puts a rep on shift or away, leaving their weight and territory (the manager's) as
    // stored, with an audit entry.
    void setAvailable(const QString &rep, bool available, const QString &actor, qint64 at);
    // The fields a territory may be drawn on.
    static QStringList territoryFields();

    // Records an event and gives its id; a step of the ladder already recorded for the
    // handoff is not recorded again (nullopt): two desks running the ladder at once tell once.
    std::optional<qint64> record(const RoutingEvent &event);
    // Records a step of the ladder only while its handoff is open and nobody has contacted the
    // lead (what the caller read may be a moment old), naming who holds it as stored, and
    // once: the step as recorded, or nullopt.
    std::optional<RoutingEvent> recordStep(const RoutingEvent &step);
    // Holds every other routing pass off until the caller's transaction ends: on a team
    // server passes would otherwise overlap (each counting shares without the others'
    // uncommitted assignments, locking rows in different orders); a file's write
    // transactions take turns already.
    void lockForPass();
    // The events after `afterId`, oldest first: what a desk has not been told yet.
    QList<RoutingEvent> eventsAfter(qint64 afterId) const;
    qint64 lastEventId() const;
    // The events recorded for these handoffs (the ladder's steps already taken, the reps
    // whose claim on one timed out).
    QList<RoutingEvent> eventsFor(const QList<qint64> &handoffIds) const;
    // Per rep, the leads routing assigned them at `since` or later, and when last.
    struct Share
    {
        int assigned = 0;
        qint64 lastAt = 0;
    };
    QHash<QString, Share> assignedSince(qint64 since) const;
    // The breaches recorded in [from, to), oldest first.
    QList<RoutingEvent> breaches(qint64 from, qint64 to) const;

private:
    QSqlDatabase m_db;
};

} // namespace handoff
