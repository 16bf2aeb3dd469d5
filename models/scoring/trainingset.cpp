#include "scoring/trainingset.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include <QHash>

#include "scoring/activitycatalogue.h"
#include "scoring/leadfields.h"
#include "scoring/leadoutcomes.h"
#include "scoring/leadtable.h"
#include "scoring/valueparsers.h"

namespace handoff {

namespace {

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
            set.m_undatedActivities += at == UndatedTime ? 1 : 0;
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

    set.m_supportNeeded =
        std::max(options.minSupport, int(std::ceil(options.minSupportShare * double(set.size()))));
    for (int c = 0; c < leads.columnCount(); ++c)
        set.addField(leads, c, options);
    return set;
}

namespace {

// The leads a baseline needs to compare with steadily.
int steadyBaseline(int rows, int support)
{
    return std::max(support, rows / 10);
}

// The baseline when the pool of everything else is too small: the group with the lowest
// conversion among those with `steady` leads or more (ties: the larger), so that points mostly
// reward and the MQL threshold sits above the baseline lead; the most common group when none
// is that large.
int lowestConverting(const std::vector<Candidate> &candidates, const std::vector<int> &groups,
                     int steady)
{
    int lowest = -1;
    int commonest = groups.front();
    for (int k : groups) {
        const Candidate &a = candidates[size_t(k)];
        if (a.leads > candidates[size_t(commonest)].leads)
            commonest = k;
        if (a.leads < steady)
            continue;
        if (lowest < 0) {
            lowest = k;
            continue;
        }
        const Candidate &b = candidates[size_t(lowest)];
        const double left = double(a.converted) * b.leads;
        const double right = double(b.converted) * a.leads;
        if (left < right || (left == right && a.leads > b.leads))
            lowest = k;
    }
    return lowest >= 0 ? lowest : commonest;
}

// Keeps the supported candidates (the most common first) and pools the rest into group 0;
// when that pool is too small to compare with steadily, the lowest-converting value becomes
// the baseline and joins it. `*baseline` is set to the value made the baseline, if any.
std::vector<int> chooseGroups(const std::vector<Candidate> &candidates, int rows, int support,
                              int maxGroups, int *baseline)
{
    *baseline = -1;
    std::vector<int> chosen;
    for (int k = 0; k < int(candidates.size()); ++k) {
        if (candidates[size_t(k)].leads >= support)
            chosen.push_back(k);
    }
    std::stable_sort(chosen.begin(), chosen.end(), [&](int a, int b) {
        return candidates[size_t(a)].leads > candidates[size_t(b)].leads;
    });
    if (int(chosen.size()) > maxGroups)
        chosen.resize(size_t(maxGroups));
    int rest = rows;
    for (int k : chosen)
        rest -= candidates[size_t(k)].leads;
    if (rest < steadyBaseline(rows, support) && !chosen.empty()) {
        *baseline = lowestConverting(candidates, chosen, steadyBaseline(rows, support));
        chosen.erase(std::find(chosen.begin(), chosen.end(), *baseline));
    }
    return chosen;
}

// Digits after the decimal point as written ("2.33" -> 2); what a band's edges are cut to.
int decimalsOf(const QString &text)
{
    const qsizetype dot = text.lastIndexOf(QLatin1Char('.'));
    if (dot < 0)
        return 0;
    int digits = 0;
    for (qsizetype i = dot + 1; i < text.size() && text.at(i).isDigit(); ++i)
        ++digits;
    return std::min(digits, 4);
}

// How far apart two groups' conversion is, in standard errors of the difference.
double zOf(const Candidate &a, const Candidate &b)
{
    if (a.leads == 0 || b.leads == 0)
        return 0;
    const double pa = double(a.converted) / a.leads;
    const double pb = double(b.converted) / b.leads;
    const double pooled = double(a.converted + b.converted) / (a.leads + b.leads);
    const double se = std::sqrt(pooled * (1 - pooled) * (1.0 / a.leads + 1.0 / b.leads));
    return se > 0 ? std::abs(pa - pb) / se : 0.0;
}

} // namespace

void TrainingSet::addField(const LeadTable &leads, int column, const Options &options)
{
    const InternedColumn &values = leads.column(column);
    Field field;
    field.name = leads.columnNames().at(column);
    field.label = leadfields::label(field.name);

    // What the filled values are: numbers, dates, or text, and how many distinct ones.
    std::vector<int> perId(size_t(values.dictionary().size()), 0);
    for (int i = 0; i < size(); ++i)
        ++perId[values.valueId(m_leadRows[size_t(i)])];
    int filled = 0;
    int numbers = 0;
    int distinct = 0;
    QStringList samples;
    for (size_t id = 0; id < perId.size(); ++id) {
        const QString &text = values.dictionary().at(qsizetype(id));
        if (perId[id] == 0 || text.trimmed().isEmpty())
            continue;
        filled += perId[id];
        ++distinct;
        if (valueparsers::number(text))
            numbers += perId[id];
        if (samples.size() < 200)
            samples.append(text);
    }
    if (filled == 0)
        return;
    const bool numeric = numbers >= filled * 9 / 10 && distinct > 2;
    if (!numeric && valueparsers::detectDateFormat(samples)) {
        m_leftOut.push_back({field.name, field.label,
                             tr("it holds dates; the age of a date tells when a lead came in "
                                "more than who it is")});
        return;
    }
    if (!numeric && distinct >= 50 && distinct * 2 >= filled) {
        m_leftOut.push_back({field.name, field.label,
                             tr("%1 different values among %2 leads: nearly every lead has its "
                                "own, so nothing carries over to the next lead")
                                 .arg(distinct)
                                 .arg(filled)});
        return;
    }
    if (numeric)
        addNumberField(std::move(field), values, options);
    else
        addTextField(std::move(field), values, perId, options);
}

void TrainingSet::addTextField(Field field, const InternedColumn &values,
                               const std::vector<int> &perId, const Options &options)
{
    const int n = size();

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
    for (int i = 0; i < n; ++i) {
        const int key = keyOfId[values.valueId(m_leadRows[size_t(i)])];
        if (key >= 0) {
            candidates[size_t(key)].converted += m_labels[size_t(i)];
            ++field.filled;
            field.filledConverted += m_labels[size_t(i)];
        }
    }
    int baseline = -1;
    const std::vector<int> chosen =
        chooseGroups(candidates, n, m_supportNeeded, options.maxValuesPerField, &baseline);
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

void TrainingSet::addNumberField(Field field, const InternedColumn &values, const Options &options)
{
    const int n = size();
    field.banded = true;
    // Each distinct number with its leads and conversions, in order.
    std::vector<std::optional<double>> numberOfId(size_t(values.dictionary().size()));
    int decimals = 0;
    for (size_t id = 0; id < numberOfId.size(); ++id) {
        const QString &text = values.dictionary().at(qsizetype(id));
        numberOfId[id] = valueparsers::number(text);
        if (numberOfId[id])
            decimals = std::max(decimals, decimalsOf(text));
    }
    std::map<double, Candidate> byNumber;
    for (int i = 0; i < n; ++i) {
        const auto &number = numberOfId[values.valueId(m_leadRows[size_t(i)])];
        if (!number)
            continue;
        Candidate &c = byNumber[*number];
        ++c.leads;
        c.converted += m_labels[size_t(i)];
        ++field.filled;
        field.filledConverted += m_labels[size_t(i)];
    }

    // Quantile bands (a band is never split inside one number, so ties make fewer), each
    // with enough leads; then neighbours that convert alike merge, closest first.
    struct Band
    {
        double low = 0; // the smallest number in it
        Candidate counts;
    };
    std::vector<Band> bands;
    const int bands0 = std::max(1, options.maxBands);
    int seen = 0;
    for (const auto &[number, c] : byNumber) {
        const bool full = !bands.empty() && bands.back().counts.leads >= m_supportNeeded &&
                          seen >= double(field.filled) * double(bands.size()) / bands0;
        if (bands.empty() || full)
            bands.push_back({number, {}});
        bands.back().counts.leads += c.leads;
        bands.back().counts.converted += c.converted;
        seen += c.leads;
    }
    if (bands.size() > 1 && bands.back().counts.leads < m_supportNeeded) {
        Band last = bands.back();
        bands.pop_back();
        bands.back().counts.leads += last.counts.leads;
        bands.back().counts.converted += last.counts.converted;
    }
    while (bands.size() > 1) {
        size_t closest = 0;
        double smallest = std::numeric_limits<double>::infinity();
        for (size_t b = 0; b + 1 < bands.size(); ++b) {
            const double z = zOf(bands[b].counts, bands[b + 1].counts);
            if (z < smallest) {
                smallest = z;
                closest = b;
            }
        }
        if (smallest >= MergeZ)
            break;
        bands[closest].counts.leads += bands[closest + 1].counts.leads;
        bands[closest].counts.converted += bands[closest + 1].counts.converted;
        bands.erase(bands.begin() + qsizetype(closest) + 1);
    }

    // Edges: the first band has no lower end and the last no upper end, so a number outside
    // what the history saw still falls in one; a band ends one step (of the precision the
    // numbers are written with) below the next one's start.
    const double step = std::pow(10.0, -decimals);
    std::vector<Condition> when;
    for (size_t b = 0; b < bands.size(); ++b) {
        Condition c{field.name, Condition::Operator::Range, {}, {}, {}};
        if (b > 0)
            c.min = bands[b].low;
        if (b + 1 < bands.size())
            c.max = bands[b + 1].low - step;
        when.push_back(c);
    }
    // The leads without a number are the baseline when there are enough of them to compare
    // with steadily; otherwise the lowest-converting band is, and they join it.
    const int unknown = n - field.filled;
    if (bands.size() == 1 && unknown < m_supportNeeded)
        return;        // one band and next to no unknowns: nothing to compare
    int baseline = -1; // the band that is the baseline
    if (unknown < steadyBaseline(n, m_supportNeeded) && bands.size() > 1) {
        std::vector<Candidate> counts;
        std::vector<int> all;
        for (const Band &b : bands) {
            all.push_back(int(counts.size()));
            counts.push_back(b.counts);
        }
        baseline = lowestConverting(counts, all, steadyBaseline(n, m_supportNeeded));
    }
    field.groups.push_back({baseline >= 0
                                ? tr("%1 (or unknown)").arg(when[size_t(baseline)].describe())
                                : tr("unknown"),
                            {},
                            0,
                            0});
    std::vector<quint8> groupOfBand(bands.size(), 0);
    for (size_t b = 0; b < bands.size(); ++b) {
        if (int(b) == baseline)
            continue;
        groupOfBand[b] = quint8(field.groups.size());
        field.groups.push_back(
            {when[b].describe(), when[b], bands[b].counts.leads, bands[b].counts.converted});
    }
    field.groupOf.resize(size_t(n));
    for (int i = 0; i < n; ++i) {
        const auto &number = numberOfId[values.valueId(m_leadRows[size_t(i)])];
        quint8 g = 0;
        if (number) {
            size_t b = 0;
            while (b + 1 < bands.size() && *number >= bands[b + 1].low)
                ++b;
            g = groupOfBand[b];
        }
        field.groupOf[size_t(i)] = g;
        if (g == 0) {
            ++field.groups[0].leads;
            field.groups[0].converted += m_labels[size_t(i)];
        }
    }
    m_fields.push_back(std::move(field));
}

} // namespace handoff
