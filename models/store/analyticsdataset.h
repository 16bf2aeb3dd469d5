#pragma once

// What the figures are computed from, kept compact so a million leads fit in memory and a
// change of period or filter recomputes in milliseconds: per lead the first time it reached
// each stage of the funnel and the attributes the dashboard filters on, and per handoff its
// timings and verdict. AnalyticsRepository fills it from the database; tests build it by hand.

#include <optional>
#include <vector>

#include <QHash>
#include <QString>
#include <QStringList>

#include "store/businesscalendar.h"

namespace handoff {

// 0 in a time field means "never", or "not at a known time": stage changes imported without a
// date (undated history) stay out of every time series, so an import of old leads does not show
// as a spike of MQLs and conversions in its week. They are kept in `undatedStages`, for the
// totals that need no date (how far a lead got), and counted in the dataset.
struct LeadJourney
{
    qint64 id = 0;
    qint64 createdAt = 0;
    qint64 mqlAt = 0;
    qint64 sqlAt = 0;
    qint64 opportunityAt = 0;
    qint64 wonAt = 0;
    quint16 channel = 0;         // index into AnalyticsDataset::channels
    qint32 companySize = -1;     // employees; -1: not known (analytics bands it: segment.h)
    bool marketing = true;       // source: marketing, or sourced by sales
    bool createdUndated = false; // createdAt is a bound: the file gave no creation date
    quint8 undatedStages = 0;    // bit i: reached MQL, SQL, opportunity, won (i = 0..3) undated

    // The furthest funnel stage reached, dated or not: 0 suspect, 1 MQL, 2 SQL, 3 opportunity,
    // 4 won.
    std::optional<int> knownCompanySize() const
    {
        return companySize < 0 ? std::nullopt : std::optional<int>(companySize);
    }

    int furthestStage() const
    {
        const auto reached = [&](qint64 at, int bit) {
            return at != 0 || (undatedStages >> bit) & 1;
        };
        return reached(wonAt, 3)           ? 4
               : reached(opportunityAt, 2) ? 3
               : reached(sqlAt, 1)         ? 2
               : reached(mqlAt, 0)         ? 1
                                           : 0;
    }
};

// One activity of a lead, for what converting leads had in common (conversionlift.h).
struct ActivityTouch
{
    qint64 leadId = 0;
    QString type; // the activity type's label
    QString asset;
    qint64 occurredAt = 0;
};

struct HandoffFact
{
    enum class Outcome : quint8 { Open, Accepted, Rejected };

    int lead = 0; // index into AnalyticsDataset::leads
    bool intent = false;
    qint64 modelId = 0; // 0: no model recorded
    qint64 raisedAt = 0;
    qint64 firstContactAt = 0;
    Outcome outcome = Outcome::Open;
    qint64 outcomeAt = 0;
    quint16 reason = 0;     // index into AnalyticsDataset::reasons; 0 is "no reason"
    bool slaExempt = false; // handed over in a batch: not in the speed-to-lead figures
    // When the SLA ladder recorded its steps' deadlines (0: not reached, or before routing
    // existed): the SLA passed without a first contact, and twice it (the manager told).
    qint64 slaBreachDueAt = 0;
    qint64 escalationDueAt = 0;
};

class AnalyticsDataset
{
public:
    AnalyticsDataset();

    std::vector<LeadJourney> leads; // ascending id
    std::vector<HandoffFact> handoffs;
    QStringList channels; // [0] is "" (no channel)
    QStringList reasons;  // [0] is "" (no reason)
    QHash<qint64, QString> modelNames;
    qint64 undatedStageChanges = 0; // to MQL, SQL, opportunity or won, left out of the weeks
    // The team's working time: what the speed-to-lead clock counts.
    BusinessCalendar calendar = BusinessCalendar::always();

    quint16 internChannel(const QString &channel);
    quint16 internReason(const QString &reason);
    // Position of a lead in `leads`, or -1.
    int indexOf(qint64 leadId) const;

private:
    QHash<QString, quint16> m_channelIndex;
    QHash<QString, quint16> m_reasonIndex;
};

} // namespace handoff
