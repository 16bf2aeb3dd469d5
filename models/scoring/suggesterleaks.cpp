#include "scoring/suggesterleaks.h"

#include <algorithm>
#include <vector>

#include "scoring/leadfields.h"
#include "scoring/rocauc.h"
#include "scoring/trainingset.h"

namespace handoff {

namespace {

// Words CRMs use for what sales records after contact, as whole words of the field name.
const char *const postContactPhrases[] = {
    "call outcome", "call result", "outcome",     "disposition",  "tags",     "tag",
    "lead quality", "quality",     "lead status", "status",       "rating",   "lifecycle",
    "stage",        "converted",   "conversion",  "lost reason",  "reason",   "closed",
    "won",          "lost",        "opportunity", "deal",         "sql",      "sales accepted",
    "contacted",    "owner",       "sales rep",   "disqualified", "rejected", "lead profile",
    "notified",     "notes",       "note",        "comment",      "comments", "feedback",
};

// "hs_lead_status", "CallOutcome", "Lead Quality" -> " hs lead status ", " call outcome ",
// " lead quality ".
QString words(const QString &name)
{
    QString out = QStringLiteral(" ");
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.isUpper() && i > 0 && name.at(i - 1).isLower())
            out += QLatin1Char(' ');
        out += c.isLetterOrNumber() ? c.toLower() : QLatin1Char(' ');
    }
    return out.simplified().prepend(QLatin1Char(' ')).append(QLatin1Char(' '));
}

QString percent(double share)
{
    return QString::number(share * 100.0, 'f', 0);
}

} // namespace

QString SuggesterLeaks::leakingPhrase(const QString &fieldName)
{
    const QString name =
        words(leadfields::isCustom(fieldName) ? leadfields::customName(fieldName) : fieldName);
    for (const char *phrase : postContactPhrases) {
        const QString wanted = QLatin1Char(' ') + QString::fromLatin1(phrase) + QLatin1Char(' ');
        if (name.contains(wanted))
            return QString::fromLatin1(phrase);
    }
    return {};
}

bool SuggesterLeaks::names(const QString &wanted, const QString &field, const QString &label)
{
    const QString w = wanted.trimmed();
    return w.compare(field, Qt::CaseInsensitive) == 0 ||
           w.compare(label, Qt::CaseInsensitive) == 0 ||
           leadfields::customField(w).compare(field, Qt::CaseInsensitive) == 0;
}

namespace {

// How well a field alone tells converted leads from the rest: each lead scored by its value
// group's conversion rate (values), and by whether it is filled at all.
struct Separation
{
    double values = 0.5;
    double filled = 0.5;
    double best() const { return std::max(values, filled); }
};

Separation separationOf(const TrainingSet &set, const TrainingSet::Field &field)
{
    const int n = set.size();
    Separation s;
    std::vector<double> rate;
    for (const TrainingSet::ValueGroup &g : field.groups)
        rate.push_back(g.leads > 0 ? double(g.converted) / g.leads : 0.0);
    if (field.groups.size() > 1) {
        std::vector<double> scores(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i)
            scores[size_t(i)] = rate[field.groupOf[size_t(i)]];
        s.values = metrics::rocAuc(scores, set.labels()).value_or(0.5);
    }
    // Filled or not, from the counts: the AUC of a yes/no score is the mean of its hit rate
    // among converted leads and its miss rate among the others.
    const int converted = set.convertedCount();
    const int others = n - converted;
    if (converted > 0 && others > 0) {
        const double hit = double(field.filledConverted) / converted;
        const double falseAlarm = double(field.filled - field.filledConverted) / others;
        s.filled = 0.5 * (1.0 + hit - falseAlarm);
    }
    return s;
}

} // namespace

QList<FlaggedField> SuggesterLeaks::find(const TrainingSet &set, const QStringList &keep)
{
    QList<FlaggedField> flagged;
    const int n = set.size();
    const double baseRate = n > 0 ? double(set.convertedCount()) / n : 0.0;
    std::vector<Separation> separation;
    for (const TrainingSet::Field &field : set.fields())
        separation.push_back(separationOf(set, field));
    std::vector<QStringList> reasonsOf(set.fields().size());
    for (size_t f = 0; f < set.fields().size(); ++f) {
        const TrainingSet::Field &field = set.fields()[f];
        QStringList &reasons = reasonsOf[f];
        if (const QString phrase = leakingPhrase(field.name); !phrase.isEmpty())
            reasons.append(tr("its name (\"%1\") is what sales records after contact").arg(phrase));
        if (field.filled >= FilledMinLeads && baseRate < FilledConvertedShare) {
            const double share = double(field.filledConverted) / field.filled;
            if (share >= FilledConvertedShare)
                reasons.append(tr("it is filled for %1 leads, %2% of which converted (%3% of all "
                                  "leads did): it is probably entered after sales contact")
                                   .arg(field.filled)
                                   .arg(percent(share), percent(baseRate)));
        }
        const double auc = separation[f].values;
        if (auc >= SeparationAuc)
            reasons.append(tr("on its own it separates converted from other leads almost "
                              "perfectly (AUC %1)")
                               .arg(auc, 0, 'f', 2));
    }
    // Far ahead of every field not flagged so far: what a lead is before contact rarely tells
    // the outcome that much better than everything else known about it.
    for (size_t f = 0; f < set.fields().size(); ++f) {
        QStringList &reasons = reasonsOf[f];
        double bestOther = 0.5;
        for (size_t o = 0; o < set.fields().size(); ++o) {
            if (o != f && reasonsOf[o].isEmpty())
                bestOther = std::max(bestOther, separation[o].best());
        }
        const double own = separation[f].best();
        if (reasons.isEmpty() && own >= FarAheadMinAuc && own - bestOther >= FarAheadMargin)
            reasons.append(tr("%1 alone tells converted from other leads far better (AUC %2) "
                              "than any field known before contact (at best %3)")
                               .arg(separation[f].filled > separation[f].values
                                        ? tr("whether it is filled")
                                        : tr("its value"))
                               .arg(own, 0, 'f', 2)
                               .arg(bestOther, 0, 'f', 2));
    }
    for (size_t f = 0; f < set.fields().size(); ++f) {
        const TrainingSet::Field &field = set.fields()[f];
        const QStringList &reasons = reasonsOf[f];
        if (reasons.isEmpty())
            continue;
        FlaggedField flag{field.name, field.label, reasons.join(QStringLiteral("; ")), false};
        for (const QString &wanted : keep)
            flag.kept = flag.kept || names(wanted, field.name, field.label);
        flagged.append(flag);
    }
    return flagged;
}

} // namespace handoff
