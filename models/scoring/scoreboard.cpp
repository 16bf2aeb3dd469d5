#include "scoring/scoreboard.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace handoff {

ScoreBoard::ScoreBoard(const ScoreBoard &other, const LeadTable &leads, const FeatureIndex &index,
                       const ActivityCatalogue &types)
    : m_leads(leads)
    , m_index(index)
    , m_types(types)
    , m_model(other.m_model)
    , m_hasModel(other.m_hasModel)
    , m_engagementStale(other.m_engagementStale)
    , m_weights(other.m_weights)
    , m_intentTypes(other.m_intentTypes)
    , m_fitRules(other.m_fitRules)
    , m_disqualifiers(other.m_disqualifiers)
    , m_fit(other.m_fit)
    , m_engagement(other.m_engagement)
    , m_disqualifiedBy(other.m_disqualifiedBy)
{}

ScoreBoard::ScoreBoard(const LeadTable &leads, const FeatureIndex &index,
                       const ActivityCatalogue &types)
    : m_leads(leads)
    , m_index(index)
    , m_types(types)
{
    for (int t = 0; t < m_types.count(); ++t) {
        if (m_types.type(t).kind == ActivityKind::Intent)
            m_intentTypes.push_back(t);
    }
}

bool ScoreBoard::CompiledRule::matchesRow(const LeadTable &leads, int row) const
{
    if (column < 0)
        return false;
    const InternedColumn &values = leads.column(column);
    const quint32 id = values.valueId(row);
    if (id >= matches.size()) {
        const QStringList &dictionary = values.dictionary();
        const size_t from = matches.size();
        matches.resize(size_t(dictionary.size()));
        for (size_t v = from; v < matches.size(); ++v)
            matches[v] = condition.matches(dictionary[qsizetype(v)]) ? 1 : 0;
    }
    return matches[id] != 0;
}

double ScoreBoard::contribution(const Weight &w, double decayedSum, double count)
{
    const double points = w.points * (w.decays ? decayedSum : count);
    return std::clamp(points, -w.cap, w.cap);
}

std::vector<ScoreBoard::Weight> ScoreBoard::weightsFor(const ScoringModel &model,
                                                       const ActivityCatalogue &types)
{
    std::vector<Weight> weights(size_t(types.count()));
    for (const ActivityWeight &aw : model.activities) {
        const int t = types.indexOfCode(aw.type);
        if (t < 0)
            continue; // a type this database has never seen scores nothing
        weights[size_t(t)] = {aw.points, aw.cap.value_or(std::numeric_limits<double>::infinity()),
                              aw.decays};
    }
    return weights;
}

void ScoreBoard::compileRules()
{
    m_fitRules.clear();
    for (const FitRule &rule : m_model.fitRules)
        m_fitRules.push_back({m_leads.columnIndex(rule.when.field), rule.when, {}});
    m_disqualifiers.clear();
    for (const DisqualificationRule &rule : m_model.disqualifications)
        m_disqualifiers.push_back({m_leads.columnIndex(rule.when.field), rule.when, {}});
}

double ScoreBoard::fitOf(int row) const
{
    double points = 0;
    for (size_t r = 0; r < m_fitRules.size(); ++r) {
        if (m_fitRules[r].matchesRow(m_leads, row))
            points += m_model.fitRules[qsizetype(r)].points;
    }
    return points;
}

int ScoreBoard::disqualifierOf(int row) const
{
    for (size_t r = 0; r < m_disqualifiers.size(); ++r) {
        if (m_disqualifiers[r].matchesRow(m_leads, row))
            return int(r);
    }
    return -1;
}

double ScoreBoard::engagementOf(int row) const
{
    double points = 0;
    for (int t = 0; t < m_types.count(); ++t) {
        const Weight &w = m_weights[size_t(t)];
        if (w.points != 0)
            points += contribution(w, m_index.decayedSum(t, row), m_index.count(t, row));
    }
    return points;
}

void ScoreBoard::recomputeFit()
{
    m_fit.forEachBlockToWrite(size(), [this](int first, double *fit, int n) {
        for (int i = 0; i < n; ++i)
            fit[i] = fitOf(first + i);
    });
}

void ScoreBoard::recomputeDisqualification()
{
    m_disqualifiedBy.forEachBlockToWrite(size(), [this](int first, qint16 *rule, int n) {
        for (int i = 0; i < n; ++i)
            rule[i] = qint16(disqualifierOf(first + i));
    });
}

void ScoreBoard::recomputeEngagement()
{
    // Block by block, and within a block type by type: each row adds its types in the same
    // order as engagementOf(), so both agree to the bit.
    static_assert(SharedBlocks<double>::BlockSize == FeatureIndex::BlockSize);
    m_engagement.forEachBlockToWrite(size(), [this](int first, double *engagement, int n) {
        std::fill_n(engagement, n, 0.0);
        for (int t = 0; t < m_types.count(); ++t) {
            const Weight w = m_weights[size_t(t)];
            if (w.points == 0)
                continue;
            m_index.forEachRowOfBlock(t, first, n, [&](int row, float decayed, quint16 count) {
                engagement[row - first] += contribution(w, decayed, count);
            });
        }
    });
}

void ScoreBoard::applyWeightChange(int type, const Weight &before, const Weight &after)
{
    m_engagement.forEachBlockToWrite(size(), [&](int first, double *engagement, int n) {
        m_index.forEachRowOfBlock(type, first, n, [&](int row, float decayed, quint16 count) {
            if (count != 0)
                engagement[row - first] +=
                    contribution(after, decayed, count) - contribution(before, decayed, count);
        });
    });
}

void ScoreBoard::setModel(const ScoringModel &model)
{
    adopt(model, true);
}

void ScoreBoard::setModelExceptEngagement(const ScoringModel &model)
{
    adopt(model, false);
}

void ScoreBoard::adopt(const ScoringModel &model, bool engagement)
{
    const bool rowsChanged = m_leads.size() != m_fit.size();
    if (rowsChanged) { // every row is computed below
        m_fit = {};
        m_engagement = {};
        m_disqualifiedBy = {};
        m_fit.resize(m_leads.size(), 0.0);
        m_engagement.resize(m_leads.size(), 0.0);
        m_disqualifiedBy.resize(m_leads.size(), -1);
    }
    const bool full = !m_hasModel || rowsChanged;
    const bool fitChanged = full || model.fitRules != m_model.fitRules;
    const bool disqualificationChanged =
        full || model.disqualifications != m_model.disqualifications;
    std::vector<Weight> weights = weightsFor(model, m_types);

    const std::vector<Weight> before = m_weights;
    m_model = model;
    m_hasModel = true;
    m_weights = std::move(weights);
    if (fitChanged || disqualificationChanged)
        compileRules();
    if (fitChanged)
        recomputeFit();
    if (disqualificationChanged)
        recomputeDisqualification();

    if (!engagement) {
        m_engagementStale = true;
        return;
    }
    if (std::exchange(m_engagementStale, false) || full) {
        recomputeEngagement();
        return;
    }
    int changedTypes = 0;
    for (size_t t = 0; t < m_weights.size(); ++t)
        changedTypes += before[t] == m_weights[t] ? 0 : 1;
    // A few changed types: adjust by the difference; many: one clean pass is cheaper.
    if (changedTypes * 2 > m_types.count()) {
        recomputeEngagement();
        return;
    }
    for (size_t t = 0; t < m_weights.size(); ++t) {
        if (!(before[t] == m_weights[t]))
            applyWeightChange(int(t), before[t], m_weights[t]);
    }
}

void ScoreBoard::refreshRow(int row)
{
    if (row >= m_fit.size()) {
        const int rows = m_leads.size();
        m_fit.resize(rows, 0.0);
        m_engagement.resize(rows, 0.0);
        m_disqualifiedBy.resize(rows, -1);
    }
    m_fit.write(row) = fitOf(row);
    m_disqualifiedBy.write(row) = qint16(disqualifierOf(row));
    m_engagement.write(row) = engagementOf(row);
}

void ScoreBoard::refreshAll()
{
    // The clock moved: engagement faded, who the leads are did not.
    recomputeEngagement();
    m_engagementStale = false;
}

QString ScoreBoard::disqualificationReason(int row) const
{
    const int rule = m_disqualifiedBy[row];
    return rule < 0 ? QString() : m_model.disqualifications[rule].reason;
}

bool ScoreBoard::raisedHand(int row) const
{
    return std::any_of(m_intentTypes.begin(), m_intentTypes.end(),
                       [&](int t) { return m_index.count(t, row) > 0; });
}

double ScoreBoard::scoreBefore(int row) const
{
    // What the lead did within the window, by type.
    std::array<double, 256> recentDecayed{};
    std::array<int, 256> recentCounts{};
    m_index.recent().forEach(row, [&](int type, float decayed, int count) {
        if (type < 256) {
            recentDecayed[size_t(type)] += decayed;
            recentCounts[size_t(type)] += count;
        }
    });
    // A sum at the reference time was worth 2^(window / half-life) times more a window ago.
    const double back =
        m_index.halfLifeDays() > 0
            ? std::exp2(double(m_index.recent().window()) / (m_index.halfLifeDays() * 86400.0))
            : 1.0;
    double engagement = 0;
    for (int t = 0; t < m_types.count(); ++t) {
        const Weight &w = m_weights[size_t(t)];
        if (w.points == 0)
            continue;
        const double decayed = m_index.decayedSum(t, row) - recentDecayed[size_t(t)];
        const double count = m_index.count(t, row) - recentCounts[size_t(t)];
        engagement += contribution(w, std::max(0.0, decayed) * back, count);
    }
    return m_fit[row] + engagement;
}

ScoreBreakdown ScoreBoard::explain(int row) const
{
    ScoreBreakdown b;
    for (size_t r = 0; r < m_fitRules.size(); ++r) {
        const CompiledRule &rule = m_fitRules[r];
        ScoreBreakdown::FitLine line;
        line.rule = rule.condition.describe();
        line.field = rule.condition.field;
        line.value = rule.column >= 0 ? m_leads.column(rule.column).value(row) : QString();
        line.matched = rule.matchesRow(m_leads, row);
        line.points = line.matched ? m_model.fitRules[qsizetype(r)].points : 0.0;
        b.fitPoints += line.points;
        b.fit.append(line);
    }
    for (int t = 0; t < m_types.count(); ++t) {
        const int count = m_index.count(t, row);
        if (count == 0)
            continue;
        const Weight &w = m_weights[size_t(t)];
        const double decayedSum = m_index.decayedSum(t, row);
        ScoreBreakdown::ActivityLine line;
        line.type = m_types.type(t).code;
        line.label = m_types.type(t).label;
        line.kind = m_types.type(t).kind;
        line.count = count;
        line.pointsEach = w.points;
        line.raw = w.points * count;
        line.decays = w.decays;
        line.decayed = w.points * (w.decays ? decayedSum : double(count));
        line.points = w.points == 0 ? 0.0 : contribution(w, decayedSum, count);
        line.capped = std::abs(line.decayed) > w.cap;
        b.engagementPoints += line.points;
        b.activities.append(line);
    }
    b.total = b.fitPoints + b.engagementPoints;
    b.grade = m_model.fitGrade(b.fitPoints);
    b.mqlThreshold = m_model.mqlThreshold;
    b.halfLifeDays = m_index.halfLifeDays();
    b.aboveThreshold = b.total >= m_model.mqlThreshold;
    b.raisedHand = raisedHand(row);
    if (isDisqualified(row))
        b.disqualifiedBecause = disqualificationReason(row);
    return b;
}

} // namespace handoff
