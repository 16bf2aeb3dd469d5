#include "scoring/backtest.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <future>

#include <QDateTime>

#include "scoring/featureindex.h"
#include "scoring/leadtable.h"
#include "scoring/rocauc.h"

namespace handoff {

namespace {
QDate mondayOf(qint64 at)
{
    const QDate day = QDateTime::fromSecsSinceEpoch(at, Qt::UTC).date();
    return day.addDays(1 - day.dayOfWeek());
}

// What an undated activity adds to a decayed sum: nothing under a half-life (it has faded to
// nothing, as in the engine's index, where 1970 is that far back; computed in double, its age
// would leave a trace of 1e-200 that ranks leads by nothing anyone can see), all of it
// without one.
double undatedWeight(const ScoringModel &model)
{
    return model.halfLifeDays > 0 ? 0.0 : 1.0;
}

// Deciles of `scores` (sorted), highest first. Leads with the same score that straddle a
// boundary share their conversions: each counts as its tie group's rate, so a score that
// ranks nobody (everyone at 0) shows a flat lift of 1, not whatever order the leads were read
// in.
QList<BacktestFigures::Decile> decilesOf(const metrics::ScoresByOutcome &scores)
{
    const size_t n = scores.size();
    // Decile d holds the sorted positions [bounds[d], bounds[d + 1]).
    std::array<size_t, 11> bounds{};
    for (size_t d = 0; d <= 10; ++d)
        bounds[d] = d * n / 10;
    // Each tie group adds its conversion rate for every position it holds in a decile.
    std::array<double, 10> expected{};
    std::array<double, 10> maxScore{};
    std::array<double, 10> minScore{};
    size_t decile = 0;
    size_t i = 0; // the tie group's first sorted position
    scores.forEachTie([&](double score, size_t positives, size_t negatives) {
        const size_t j = i + positives + negatives;
        const double rate = double(positives) / double(j - i);
        for (size_t from = i; from < j;) {
            while (bounds[decile + 1] <= from)
                ++decile;
            const size_t to = std::min(j, bounds[decile + 1]);
            expected[decile] += rate * double(to - from);
            if (from == bounds[decile])
                maxScore[decile] = score;
            if (to == bounds[decile + 1])
                minScore[decile] = score;
            from = to;
        }
        i = j;
    });
    const double base = n ? double(scores.positive.size()) / double(n) : 0;
    QList<BacktestFigures::Decile> deciles;
    for (size_t d = 0; d < 10 && n > 0; ++d) {
        const size_t begin = bounds[d];
        const size_t end = bounds[d + 1];
        if (begin == end)
            continue;
        BacktestFigures::Decile decile;
        decile.maxScore = maxScore[d];
        decile.minScore = minScore[d];
        decile.leads = int(end - begin);
        decile.converted = int(std::lround(expected[d]));
        decile.conversion = expected[d] / decile.leads;
        decile.lift = base > 0 ? decile.conversion / base : 0;
        deciles.append(decile);
    }
    return deciles;
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
    // Undated activities come first (UndatedTime is the oldest time there is): they are there
    // from the creation on, faded as the scoring engine fades them.
    size_t i = 0;
    for (; i < events.size() && qint64(events.at(i)) == UndatedTime; ++i) {
        const size_t type = events.type(i);
        decayed[type] += undatedWeight(model);
        count[type] += 1;
    }
    if (created <= until)
        check(created);
    for (; i < events.size(); ++i) {
        const qint64 at = events.at(i);
        if (at > until)
            break;
        const size_t type = events.type(i);
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

double Backtest::finalScore(int row, double fit, const std::vector<ScoreBoard::Weight> &weights,
                            const ScoringModel &model, qint64 until,
                            BacktestFigures::Undated &figures) const
{
    // Each activity faded from its own time to `until`, as FeatureIndex::add does.
    std::vector<double> decayed(weights.size(), 0.0);
    std::vector<double> count(weights.size(), 0.0);
    const ActivityTimeline::Events events = m_timeline.events(row);
    for (size_t i = 0; i < events.size(); ++i) {
        const qint64 at = events.at(i);
        if (at > until)
            break;
        const size_t type = events.type(i);
        decayed[type] += at == UndatedTime
                             ? undatedWeight(model)
                             : FeatureIndex::decayFactor(double(until - at), model.halfLifeDays);
        count[type] += 1;
        if (at == UndatedTime && weights[type].points != 0) {
            ++figures.activities;
            figures.fadedActivities += weights[type].decays && model.halfLifeDays > 0;
        }
    }
    double score = fit;
    for (size_t t = 0; t < weights.size(); ++t) {
        if (weights[t].points != 0 && count[t] > 0)
            score += ScoreBoard::contribution(weights[t], decayed[t], count[t]);
    }
    return score;
}

Backtest::Judged Backtest::judged(int row, int sourceColumn, qint64 windowStart,
                                  const BacktestOptions &options) const
{
    if (isSalesSourced(row, sourceColumn))
        return Judged::Not;
    // Undated history cannot be replayed in time: its leads are judged on the final score.
    if (m_leads.createdUndated(row) || m_outcomes.outcomeUndated(row))
        return Judged::OnFinalScore;
    const qint64 created = m_leads.createdAt(row);
    return created < windowStart || created > options.now ? Judged::Not : Judged::ByReplay;
}

bool Backtest::outcomeKnown(int row, const BacktestOptions &options) const
{
    return m_outcomes.known(row, m_leads.createdAt(row), m_leads.createdUndated(row), options.now,
                            options.maturitySeconds);
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
    const int sourceColumn = m_leads.columnIndex(QStringLiteral("source"));

    // The leads in two halves, replayed on two cores, each half's scores written to its own
    // part of the lists. The lists are sized by a cheap first pass: grown by doubling, they
    // took up to twice their room, and were copied, at the tuning workspace's peak. A score
    // goes to the list of its lead's outcome.
    struct Places // where a half's scores go in the lists, up to the next half's
    {
        size_t positive = 0;
        size_t negative = 0;
    };
    struct Half
    {
        int from = 0;
        int to = 0;
        Places replayed;
        Places undated;
        Places replayedEnd;
        Places undatedEnd;
        BacktestFigures figures; // its counts
    };
    std::array<Half, 2> halves;
    halves[0].to = halves[1].from = m_leads.size() / 2;
    halves[1].to = m_leads.size();
    Places replayed;
    Places onFinalScore;
    for (Half &half : halves) {
        half.figures.weeks = figures.weeks;
        half.replayed = replayed;
        half.undated = onFinalScore;
        for (int row = half.from; row < half.to; ++row) {
            const Judged j = judged(row, sourceColumn, windowStart, options);
            if (j == Judged::Not || !outcomeKnown(row, options))
                continue;
            Places &places = j == Judged::ByReplay ? replayed : onFinalScore;
            ++(m_outcomes.converted(row) ? places.positive : places.negative);
        }
        half.replayedEnd = replayed;
        half.undatedEnd = onFinalScore;
    }
    metrics::ScoresByOutcome peaks;
    peaks.positive.resize(replayed.positive);
    peaks.negative.resize(replayed.negative);
    metrics::ScoresByOutcome finals; // undated history
    finals.positive.resize(onFinalScore.positive);
    finals.negative.resize(onFinalScore.negative);
    const auto note = [](metrics::ScoresByOutcome &scores, Places &next, bool didConvert,
                         double score) {
        if (didConvert)
            scores.positive[next.positive++] = score;
        else
            scores.negative[next.negative++] = score;
    };

    const auto judge = [&](Half &half) {
        BacktestFigures &f = half.figures;
        BacktestFigures::Undated &undated = f.undated;
        Places nextReplayed = half.replayed;
        Places nextUndated = half.undated;
        for (int row = half.from; row < half.to; ++row) {
            const Judged j = judged(row, sourceColumn, windowStart, options);
            if (j == Judged::Not)
                continue;
            if (j == Judged::OnFinalScore) {
                if (!outcomeKnown(row, options))
                    continue;
                const bool didConvert = m_outcomes.converted(row);
                const bool disqualified = board.isDisqualified(row);
                // A disqualified lead scores its fit alone, as in the replay.
                const double score =
                    disqualified ? board.fit(row)
                                 : finalScore(row, board.fit(row), weights, model,
                                              m_outcomes.decidedAt(row, options.now), undated);
                ++undated.leads;
                undated.converted += didConvert;
                note(finals, nextUndated, didConvert, score);
                if (!disqualified && score >= model.mqlThreshold) {
                    ++undated.mqls;
                    undated.mqlsConverted += didConvert;
                }
                continue;
            }
            const bool didConvert = m_outcomes.converted(row);
            const qint64 decided = m_outcomes.decidedAt(row, options.now);
            Replay r;
            if (!board.isDisqualified(row))
                r = replay(row, board.fit(row), weights, model, decided);
            else
                r.peak = board.fit(row);
            const qint64 week =
                r.crossedAt == 0 ? -1 : f.weeks.first().monday.daysTo(mondayOf(r.crossedAt)) / 7;
            if (week >= 0 && week < f.weeks.size()) {
                ++f.weeks[week].mqls; // the volume counts every lead, decided or not
                f.weeks[week].converted += didConvert;
            }
            if (!outcomeKnown(row, options))
                continue;

            ++f.leads;
            f.converted += didConvert;
            note(peaks, nextReplayed, didConvert, r.peak);
            if (r.crossedAt == 0)
                continue;
            ++f.mqls;
            // The replay stops at the decision, so a converted MQL crossed before sales took it.
            f.mqlsConverted += didConvert;
        }
        // Both passes judge alike, or one half would write into the other's part.
        Q_ASSERT(nextReplayed.positive == half.replayedEnd.positive &&
                 nextReplayed.negative == half.replayedEnd.negative &&
                 nextUndated.positive == half.undatedEnd.positive &&
                 nextUndated.negative == half.undatedEnd.negative);
    };
    auto newer = std::async(std::launch::async, [&] { judge(halves[1]); });
    judge(halves[0]);
    newer.get();

    BacktestFigures::Undated &undated = figures.undated;
    for (const Half &half : halves) {
        const BacktestFigures &f = half.figures;
        for (qsizetype w = 0; w < figures.weeks.size(); ++w) {
            figures.weeks[w].mqls += f.weeks[w].mqls;
            figures.weeks[w].converted += f.weeks[w].converted;
        }
        figures.leads += f.leads;
        figures.converted += f.converted;
        figures.mqls += f.mqls;
        figures.mqlsConverted += f.mqlsConverted;
        undated.leads += f.undated.leads;
        undated.converted += f.undated.converted;
        undated.mqls += f.undated.mqls;
        undated.mqlsConverted += f.undated.mqlsConverted;
        undated.activities += f.undated.activities;
        undated.fadedActivities += f.undated.fadedActivities;
    }
    figures.precision = figures.mqls ? double(figures.mqlsConverted) / figures.mqls : 0;
    figures.recall = figures.converted ? double(figures.mqlsConverted) / figures.converted : 0;
    peaks.sort();
    figures.auc = metrics::rocAuc(peaks);
    figures.deciles = decilesOf(peaks);

    undated.precision = undated.mqls ? double(undated.mqlsConverted) / undated.mqls : 0;
    undated.recall = undated.converted ? double(undated.mqlsConverted) / undated.converted : 0;
    finals.sort();
    undated.auc = metrics::rocAuc(finals);
    undated.deciles = decilesOf(finals);
    return figures;
}

BacktestFigures Backtest::run(const ScoringModel &model, const ScoreBoard &live,
                              const BacktestOptions &options) const
{
    ScoreBoard board(live);
    board.setModelExceptEngagement(model); // the replay counts engagement itself
    return run(board, options);
}

} // namespace handoff
