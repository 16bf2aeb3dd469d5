#pragma once

// Finds the lead fields that leak the answer into "Suggest from history": fields sales fills
// in after contact (call outcome, tags, lead quality, lead status, ...). A field is flagged
// by its name (a post-contact vocabulary, any case, custom fields included) or by the data:
// it is filled almost only for leads that converted, its values alone separate converted
// from other leads almost perfectly, or being filled or its values tell the outcome far better
// than any other field does. Each flag says why in words people can check.

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace handoff {

class TrainingSet;

struct FlaggedField
{
    QString field; // "custom:Lead Quality"
    QString label; // "Lead Quality"
    QString reason;
    bool kept = false; // the user insisted on using it anyway

    bool operator==(const FlaggedField &) const = default;
};

class SuggesterLeaks
{
    Q_DECLARE_TR_FUNCTIONS(SuggesterLeaks)

public:
    // Above this AUC a single field "separates almost perfectly".
    static constexpr double SeparationAuc = 0.9;
    // Whether it is filled, or its values, tell the outcome at least this well, and this much
    // better than any field whose name does not give it away: "far better than anything
    // known before contact".
    static constexpr double FarAheadMinAuc = 0.8;
    static constexpr double FarAheadMargin = 0.15;
    // Filled for at least this many leads, this share of which converted.
    static constexpr int FilledMinLeads = 10;
    static constexpr double FilledConvertedShare = 0.9;

    // `keep` lists fields to use anyway, by name ("custom:Lead Quality") or label.
    static QList<FlaggedField> find(const TrainingSet &set, const QStringList &keep);
    // The post-contact phrase the field's name contains, or an empty string.
    static QString leakingPhrase(const QString &fieldName);
    // Whether `wanted` (a name or label, any case) names `field`.
    static bool names(const QString &wanted, const QString &field, const QString &label);
};

} // namespace handoff
