#include "backtest.h"

#include <algorithm>
#include <numeric>

#include <QDateTime>

#include "featureindex.h"
#include "leadtable.h"
#include "rocauc.h"

namespace {
QDate mondayOf(qint64 at)
{
    const QDate day = QDateTime::fromSecsSinceEpoch(at, Qt::UTC).date();
    return day.addDays(1 - day.dayOfWeek());
}
} // namespace

Backtest::Backtest(const LeadTable &leads, const ActivityCatalogue &types,
                   const LeadOutcomes &outcomes, const ActivityTimeline &timeline)
    : m_leads(leads)
    , m_types(types)
    , m_outcomes(outcomes)
    , m_timeline(timeline)
{}

bool Backtest::isSalesSourced(int row, int sourceColumn) const
{
    return sourceColumn >= 0 && m_leads.column(sourceColumn).value(row) == QLatin1String("sales");
}

Backtest::Replay Backtest::replay(int row, double fit,
                                  const std::vector<ScoreBoard::Weight> &weights,
                                  const ScoringModel &model, qint64 until) const
{
    // Per type: the decayed sum as of `last`, and the count. Between activities every
    // positive contribution only fades, so the score peaks right after an activity: checking
    // at creation and after each activity finds both the crossing and the peak.
    const size_t typeCount = weights.size();
    std::vector<double> decayed(typeCount, 0.0);
    std::vector<double> count(typeCount, 0.0);
    std::vector<qint64> last(typeCount, 0);
    Replay result;
    result.peak = fit;
    const qint64 created = m_leads.createdAt(row);
    if (fit >= model.mqlThreshold && created <= until)
        result.crossedAt = created;

    const auto check = [&](qint64 at) {
        double engagement = 0;
        for (size_t t = 0; t < typeCount; ++t) {
            if (weights[t].points == 0 || count[t] == 0)
                continue;
            const double faded =
                decayed[t] * FeatureIndex::decayFactor(double(at - last[t]), model.halfLifeDays);
            engagement += ScoreBoard::contribution(weights[t], faded, count[t]);
        }
        const double score = fit + engagement;
        result.peak = std::max(result.peak, score);
        if (result.crossedAt == 0 && score >= model.mqlThreshold)
            result.crossedAt = at;
    };
    const ActivityTimeline::Events events = m_timeline.events(row);
    for (size_t i = 0; i < events.at.size(); ++i) {
        const qint64 at = events.at[i];
        if (at > until)
            break;
        const size_t type = events.type[i];
        decayed[type] =
            decayed[type] * FeatureIndex::decayFactor(double(at - last[type]), model.halfLifeDays) +
            1.0;
        count[type] += 1;
        last[type] = at;
        if (weights[type].points != 0)
            check(at);
    }
    // Negative points fade too, so a score can also rise between activities: look once more
    // at the decision itself.
    if (until >= created)
        check(until);
    return result;
}

BacktestFigures Backtest::run(const ScoreBoard &board, const BacktestOptions &options) const
{
    const ScoringModel &model = board.model();
    const std::vector<ScoreBoard::Weight> weights = ScoreBoard::weightsFor(model, m_types);
    const qint64 windowStart = options.now - qint64(options.windowWeeks) * 7 * 86400;

    BacktestFigures figures;
    QDate monday = mondayOf(windowStart);
    const QDate lastMonday = mondayOf(options.now);
    for (; monday <= lastMonday; monday = monday.addDays(7))
        figures.weeks.append({monday, 0, 0});

    std::vector<double> peaks;
    std::vector<quint8> converted;
    const int sourceColumn = m_leads.columnIndex(QStringLiteral("source"));
    for (int row = 0; row < m_leads.size(); ++row) {
        const qint64 created = m_leads.createdAt(row);
        if (isSalesSourced(row, sourceColumn))
            continue;
        // Undated history cannot be replayed in time: its leads are counted, not replayed.
        const bool createdUndated = m_leads.createdUndated(row);
        if (createdUndated || m_outcomes.outcomeUndated(row)) {
            if (m_outcomes.known(row, created, createdUndated, options.now,
                                 options.maturitySeconds)) {
                ++figures.undatedLeads;
                figures.undatedConverted += m_outcomes.converted(row);
            }
            continue;
        }
        if (created < windowStart || created > options.now)
            continue;
        const bool didConvert = m_outcomes.converted(row);
        const qint64 decided = m_outcomes.decidedAt(row, options.now);
        Replay r;
        if (!board.isDisqualified(row))
            r = replay(row, board.fit(row), weights, model, decided);
        else
            r.peak = board.fit(row);
        const qint64 week =
            r.crossedAt == 0 ? -1 : figures.weeks.first().monday.daysTo(mondayOf(r.crossedAt)) / 7;
        if (week >= 0 && week < figures.weeks.size()) {
            ++figures.weeks[week].mqls; // the volume counts every lead, decided or not
            figures.weeks[week].converted += didConvert;
        }
        if (!m_outcomes.known(row, created, false, options.now, options.maturitySeconds))
            continue;

        ++figures.leads;
        figures.converted += didConvert;
        peaks.push_back(r.peak);
        converted.push_back(didConvert);
        if (r.crossedAt == 0)
            continue;
        ++figures.mqls;
        // The replay stops at the decision, so a converted MQL crossed before sales took it.
        figures.mqlsConverted += didConvert;
    }
    figures.precision = figures.mqls ? double(figures.mqlsConverted) / figures.mqls : 0;
    figures.recall = figures.converted ? double(figures.mqlsConverted) / figures.converted : 0;
    figures.auc = metrics::rocAuc(peaks, converted);

    // Deciles of the peak score, highest first; ties may straddle a boundary.
    std::vector<size_t> order(peaks.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return peaks[a] > peaks[b]; });
    const double base = figures.leads ? double(figures.converted) / figures.leads : 0;
    const size_t n = order.size();
    for (size_t d = 0; d < 10 && n > 0; ++d) {
        const size_t begin = d * n / 10;
        const size_t end = (d + 1) * n / 10;
        if (begin == end)
            continue;
        BacktestFigures::Decile decile;
        decile.maxScore = peaks[order[begin]];
        decile.minScore = peaks[order[end - 1]];
        for (size_t i = begin; i < end; ++i) {
            ++decile.leads;
            decile.converted += converted[order[i]];
        }
        decile.conversion = double(decile.converted) / decile.leads;
        decile.lift = base > 0 ? decile.conversion / base : 0;
        figures.deciles.append(decile);
    }
    return figures;
}

BacktestFigures Backtest::run(const ScoringModel &model, const FeatureIndex &index,
                              const BacktestOptions &options) const
{
    ScoreBoard board(m_leads, index, m_types);
    board.setModel(model);
    return run(board, options);
}
