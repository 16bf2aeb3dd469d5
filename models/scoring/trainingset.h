#pragma once

// What "Suggest from history" learns from: the leads whose outcome is known (converted,
// closed, or old enough to have converted), each with its label (converted or not), its
// activity counts per type and the value group of every lead field. Activities are counted
// only before the lead's outcome was decided: those after a conversion would leak the
// answer. Sales-sourced leads (entered as SQL, never scored) are left out.
//
// How a field's values are grouped depends on what they are:
// - text: case-insensitively, a value becoming its own group when enough leads have it (see
//   supportNeeded(); at most `maxValuesPerField`, the most common first). Group 0 is the
//   baseline: rare and empty values pooled, or, when that pool is too small to compare with,
//   the most common value.
// - numbers (company size, "Time on site", "Page views per visit", however written): cut into
//   quantile bands, and neighbouring bands merged while their conversion does not differ
//   (two-proportion z below MergeZ). Group 0 is the leads without a number, or, when they are
//   too few, the lowest band.
// - dates, and text in which nearly every lead has a value of its own (ids, names, notes), are
//   left out, with the reason (leftOut()): a date's age would tell when a lead came in, not who
//   it is, and a value per lead teaches nothing about the next lead.
//
// Undated history (a file without dates) is kept: a lead whose conversion or creation has no
// date is not "converted on arrival"; its undated activities count (they cannot be placed
// before or after the decision, which came no later than the import that recorded it), and
// so do its dated ones from before that import.

#include <functional>
#include <vector>

#include <QCoreApplication>
#include <QStringList>

#include "scoring/condition.h"

namespace handoff {

class ActivityCatalogue;
class InternedColumn;
class LeadOutcomes;
class LeadTable;

class TrainingSet
{
    Q_DECLARE_TR_FUNCTIONS(TrainingSet)

public:
    struct Options
    {
        qint64 now = 0;
        qint64 maturitySeconds = 30 * 86400; // an unconverted lead this old counts as not
        // A value or band needs at least this many leads, and this share of them, to be a
        // group of its own: supportNeeded() is the larger.
        int minSupport = 30;
        double minSupportShare = 0.005;
        int maxValuesPerField = 20;
        int maxBands = 8; // before neighbours that convert alike are merged
    };

    // Neighbouring bands whose conversion differs by less than this many standard errors
    // are merged.
    static constexpr double MergeZ = 2.0;

    // A field not learned from, and why.
    struct LeftOutField
    {
        QString field;
        QString label;
        QString reason;
    };

    struct ValueGroup
    {
        QString label;  // what people read: the value, the band, or "other values"
        Condition when; // for groups 1..; group 0 has none
        int leads = 0;
        int converted = 0;
    };

    struct Field
    {
        QString name; // "industry", "custom:Lead Quality"
        QString label;
        std::vector<ValueGroup> groups; // [0] is the baseline
        std::vector<quint8> groupOf;    // per training row
        int filled = 0;                 // leads with a non-empty value
        int filledConverted = 0;
        bool banded = false; // numbers cut into bands
    };

    struct ActivityColumn
    {
        QString code;
        QString label;
        std::vector<quint16> counts; // per training row, before the decision
        int cap = 1;                 // counts above this (the 90th percentile) count as this
        int leadsWith = 0;
        int convertedWith = 0;
    };

    // Visits every activity as (lead id, activity type id, time).
    using ActivityVisitor = std::function<void(qint64 leadId, int typeId, qint64 at)>;
    using ActivityScan = std::function<void(const ActivityVisitor &)>;

    static TrainingSet build(const LeadTable &leads, const LeadOutcomes &outcomes,
                             const ActivityCatalogue &catalogue, const ActivityScan &scan,
                             const Options &options);

    int size() const { return int(m_leadRows.size()); }
    int leadRow(int row) const { return m_leadRows[size_t(row)]; }
    bool converted(int row) const { return m_labels[size_t(row)] != 0; }
    const std::vector<quint8> &labels() const { return m_labels; }
    int convertedCount() const { return m_converted; }
    // Leads whose creation or outcome has no date (undated history).
    int undatedCount() const { return m_undated; }
    // Activities counted that have no date (UndatedTime).
    qint64 undatedActivities() const { return m_undatedActivities; }
    // Leads that became an MQL or converted: the share the points scale is set against.
    int qualifiedCount() const { return m_qualified; }
    const std::vector<Field> &fields() const { return m_fields; }
    const std::vector<LeftOutField> &leftOut() const { return m_leftOut; }
    // The leads a value or band needs to be a group of its own on this history.
    int supportNeeded() const { return m_supportNeeded; }
    const std::vector<ActivityColumn> &activities() const { return m_activities; }

private:
    void addField(const LeadTable &leads, int column, const Options &options);
    // `perId`: the training rows holding each value of the column's dictionary.
    void addTextField(Field field, const InternedColumn &values, const std::vector<int> &perId,
                      const Options &options);
    void addNumberField(Field field, const InternedColumn &values, const Options &options);

    std::vector<int> m_leadRows;
    std::vector<quint8> m_labels;
    int m_converted = 0;
    int m_undated = 0;
    qint64 m_undatedActivities = 0;
    int m_qualified = 0;
    std::vector<Field> m_fields;
    std::vector<LeftOutField> m_leftOut;
    std::vector<ActivityColumn> m_activities;
    int m_supportNeeded = 0;
};

} // namespace handoff
