#include "trainingset.h"

#include <algorithm>
#include <limits>
#include <optional>

#include <QHash>

#include "activitycatalogue.h"
#include "leadfields.h"
#include "leadoutcomes.h"
#include "leadtable.h"

namespace {

// Company-size bands, cut where the standard model's rules cut (10, 200, 5000 employees).
struct Band
{
    std::optional<double> min;
    std::optional<double> max;
};
const Band sizeBands[] = {{1, 10},    {11, 49},     {50, 199},
                          {200, 999}, {1000, 5000}, {5001, std::nullopt}};

// One candidate group while a field is being sorted out.
struct Candidate
{
    QString label;
    Condition when;
    int leads = 0;
    int converted = 0;
};

} // namespace

TrainingSet TrainingSet::build(const LeadTable &leads, const LeadOutcomes &outcomes,
                               const ActivityCatalogue &catalogue, const ActivityScan &scan,
                               const Options &options)
{
    TrainingSet set;
    const int sourceColumn = leads.columnIndex(QStringLiteral("source"));
    std::vector<int> rowOfLead(size_t(leads.size()), -1);
    std::vector<qint64> decidedAt;
    for (int r = 0; r < leads.size(); ++r) {
        const qint64 created = leads.createdAt(r);
        const bool createdUndated = leads.createdUndated(r);
        if (!outcomes.known(r, created, createdUndated, options.now, options.maturitySeconds))
            continue;
        // Entered by sales or converted on arrival: nothing marketing scored came first. A
        // conversion or a creation without a date (undated history) says nothing about which
        // came first: such a lead stays.
        const bool convertedOnArrival = outcomes.converted(r) && !outcomes.outcomeUndated(r) &&
                                        !createdUndated && outcomes.sqlAt(r) <= created;
        if (leads.column(sourceColumn).value(r) == QLatin1String("sales") || convertedOnArrival)
            continue;
        rowOfLead[size_t(r)] = set.size();
        set.m_leadRows.push_back(r);
        set.m_labels.push_back(outcomes.converted(r) ? 1 : 0);
        set.m_converted += outcomes.converted(r) ? 1 : 0;
        set.m_undated += createdUndated || outcomes.outcomeUndated(r) ? 1 : 0;
        set.m_qualified += outcomes.converted(r) || outcomes.reachedMql(r) ? 1 : 0;
        decidedAt.push_back(outcomes.decidedAt(r, options.now));
    }
    const int n = set.size();

    set.m_activities.resize(size_t(catalogue.count()));
    for (int t = 0; t < catalogue.count(); ++t) {
        set.m_activities[size_t(t)].code = catalogue.type(t).code;
        set.m_activities[size_t(t)].label = catalogue.type(t).label;
        set.m_activities[size_t(t)].counts.assign(size_t(n), 0);
    }
    if (scan) {
        scan([&](qint64 leadId, int typeId, qint64 at) {
            const auto leadRow = leads.rowOf(leadId);
            const int type = catalogue.indexOfId(typeId);
            if (!leadRow || type < 0)
                return;
            const int row = rowOfLead[size_t(*leadRow)];
            if (row < 0 || at >= decidedAt[size_t(row)])
                return;
            quint16 &count = set.m_activities[size_t(type)].counts[size_t(row)];
            if (count < std::numeric_limits<quint16>::max())
                ++count;
        });
    }
    for (ActivityColumn &a : set.m_activities) {
        std::vector<quint16> positive;
        for (int i = 0; i < n; ++i) {
            if (a.counts[size_t(i)] == 0)
                continue;
            positive.push_back(a.counts[size_t(i)]);
            ++a.leadsWith;
            a.convertedWith += set.m_labels[size_t(i)];
        }
        if (!positive.empty()) {
            // Beyond the 90th percentile a few heavy users would set the slope alone.
            const auto at = positive.begin() + qsizetype(double(positive.size() - 1) * 0.9);
            std::nth_element(positive.begin(), at, positive.end());
            a.cap = std::max<int>(1, *at);
        }
    }

    for (int c = 0; c < leads.columnCount(); ++c) {
        if (leads.columnNames().at(c) == QLatin1String("company_size"))
            set.addBandedField(leads, c, options);
        else
            set.addField(leads, c, options);
    }
    return set;
}

namespace {

// Keeps the supported candidates (the most common first), pools the rest into group 0 and,
// when that pool is too small to compare with, makes the most common value the baseline.
// `*baseline` is set to the value made the baseline, if any.
std::vector<int> chooseGroups(const std::vector<Candidate> &candidates, int rows,
                              const TrainingSet::Options &options, int *baseline)
{
    *baseline = -1;
    std::vector<int> chosen;
    for (int k = 0; k < int(candidates.size()); ++k) {
        if (candidates[size_t(k)].leads >= options.minSupport)
            chosen.push_back(k);
    }
    std::stable_sort(chosen.begin(), chosen.end(), [&](int a, int b) {
        return candidates[size_t(a)].leads > candidates[size_t(b)].leads;
    });
    if (int(chosen.size()) > options.maxValuesPerField)
        chosen.resize(size_t(options.maxValuesPerField));
    int rest = rows;
    for (int k : chosen)
        rest -= candidates[size_t(k)].leads;
    if (rest < options.minSupport && !chosen.empty()) {
        *baseline = chosen.front();
        chosen.erase(chosen.begin());
    }
    return chosen;
}

} // namespace

void TrainingSet::addField(const LeadTable &leads, int column, const Options &options)
{
    const InternedColumn &values = leads.column(column);
    const int n = size();
    std::vector<int> perId(size_t(values.dictionary().size()), 0);
    for (int i = 0; i < n; ++i)
        ++perId[values.valueId(m_leadRows[size_t(i)])];

    // Spellings of one value ("google", "Google") fold together; the commonest names it.
    std::vector<int> keyOfId(perId.size(), -1);
    std::vector<Candidate> candidates;
    std::vector<int> bestSpelling;
    QHash<QString, int> keys;
    for (size_t id = 0; id < perId.size(); ++id) {
        const QString text = values.dictionary().at(qsizetype(id)).trimmed();
        if (text.isEmpty() || perId[id] == 0)
            continue;
        const QString key = text.toCaseFolded();
        auto it = keys.find(key);
        if (it == keys.end()) {
            it = keys.insert(key, int(candidates.size()));
            candidates.push_back({});
            bestSpelling.push_back(0);
        }
        Candidate &c = candidates[size_t(*it)];
        c.leads += perId[id];
        if (perId[id] > bestSpelling[size_t(*it)]) {
            bestSpelling[size_t(*it)] = perId[id];
            c.label = text;
        }
        keyOfId[id] = *it;
    }
    Field field;
    field.name = leads.columnNames().at(column);
    field.label = leadfields::label(field.name);
    for (int i = 0; i < n; ++i) {
        const int key = keyOfId[values.valueId(m_leadRows[size_t(i)])];
        if (key >= 0) {
            candidates[size_t(key)].converted += m_labels[size_t(i)];
            ++field.filled;
            field.filledConverted += m_labels[size_t(i)];
        }
    }
    int baseline = -1;
    const std::vector<int> chosen = chooseGroups(candidates, n, options, &baseline);
    std::vector<quint8> groupOfKey(candidates.size(), 0);
    field.groups.push_back(
        {baseline >= 0 ? tr("%1 (or any value not listed)").arg(candidates[size_t(baseline)].label)
                       : tr("any value not listed, or none"),
         {},
         0,
         0});
    for (int k : chosen) {
        Candidate c = candidates[size_t(k)];
        c.when = {field.name, Condition::Operator::Equals, {c.label}, {}, {}};
        groupOfKey[size_t(k)] = quint8(field.groups.size());
        field.groups.push_back({c.label, c.when, c.leads, c.converted});
    }
    field.groupOf.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        const int key = keyOfId[values.valueId(m_leadRows[size_t(i)])];
        const quint8 g = key >= 0 ? groupOfKey[size_t(key)] : 0;
        field.groupOf[size_t(i)] = g;
        if (g == 0) {
            ++field.groups[0].leads;
            field.groups[0].converted += m_labels[size_t(i)];
        }
    }
    m_fields.push_back(std::move(field));
}

void TrainingSet::addBandedField(const LeadTable &leads, int column, const Options &options)
{
    const InternedColumn &values = leads.column(column);
    const int n = size();
    Field field;
    field.name = leads.columnNames().at(column);
    field.label = leadfields::label(field.name);
    std::vector<Candidate> candidates;
    for (const Band &b : sizeBands) {
        Condition when{field.name, Condition::Operator::Range, {}, b.min, b.max};
        candidates.push_back({when.describe(), when, 0, 0});
    }
    std::vector<int> bandOfId;
    for (const QString &text : values.dictionary()) {
        bandOfId.push_back(-1);
        for (int b = 0; b < int(candidates.size()); ++b) {
            if (!text.trimmed().isEmpty() && candidates[size_t(b)].when.matches(text)) {
                bandOfId.back() = b;
                break;
            }
        }
    }
    for (int i = 0; i < n; ++i) {
        const int b = bandOfId[values.valueId(m_leadRows[size_t(i)])];
        if (b < 0)
            continue;
        ++candidates[size_t(b)].leads;
        candidates[size_t(b)].converted += m_labels[size_t(i)];
        ++field.filled;
        field.filledConverted += m_labels[size_t(i)];
    }
    int baseline = -1;
    std::vector<int> chosen = chooseGroups(candidates, n, options, &baseline);
    std::sort(chosen.begin(), chosen.end()); // bands read best in size order
    std::vector<quint8> groupOfBand(candidates.size(), 0);
    field.groups.push_back(
        {baseline >= 0 ? tr("%1 (or a size not listed)").arg(candidates[size_t(baseline)].label)
                       : tr("unknown, or a size not listed"),
         {},
         0,
         0});
    for (int b : chosen) {
        groupOfBand[size_t(b)] = quint8(field.groups.size());
        const Candidate &c = candidates[size_t(b)];
        field.groups.push_back({c.label, c.when, c.leads, c.converted});
    }
    field.groupOf.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        const int b = bandOfId[values.valueId(m_leadRows[size_t(i)])];
        const quint8 g = b >= 0 ? groupOfBand[size_t(b)] : 0;
        field.groupOf[size_t(i)] = g;
        if (g == 0) {
            ++field.groups[0].leads;
            field.groups[0].converted += m_labels[size_t(i)];
        }
    }
    m_fields.push_back(std::move(field));
}
