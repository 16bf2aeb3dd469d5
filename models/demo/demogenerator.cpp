#include "demo/demogenerator.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <QDateTime>
#include <QHash>

#include "demo/demovocabulary.h"
#include "scoring/leadfields.h"
#include "scoring/scoringmodel.h"
#include "store/activitybulkwriter.h"
#include "store/activityrepository.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/modelrepository.h"
#include "store/transaction.h"

namespace handoff {

namespace {

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

// The interest activity mix, with each type's real effect on conversion in the demo world.
struct ActivityMix
{
    const char *type;
    double weight;
    double effect;
};

const ActivityMix interestMix[] = {
    {"page_view", 30, 0.01},        {"site_visit", 14, 0.02},
    {"email_open", 18, 0.0},        {"email_click", 8, 0.04},
    {"ebook_download", 3, 0.03},    {"whitepaper_download", 3, 0.12},
    {"webinar_registered", 2, 0.1}, {"webinar_attended", 1.5, 0.45},
    {"video_watched", 3, 0.15},     {"pricing_page_view", 2, 0.35},
    {"site_search", 2, 0.05},       {"newsletter_signup", 0.6, 0.05},
    {"ad_click", 3, -0.02},         {"social_follow", 1, 0.0},
    {"form_submit", 2, 0.1},        {"form_error", 0.5, -0.05},
    {"careers_page_view", 1, -0.7}, {"email_bounce", 0.2, -1.0},
    {"unsubscribe", 0.2, -1.2},
};

class DemoWorld
{
    Q_DECLARE_TR_FUNCTIONS(DemoGenerator)

public:
    DemoWorld(Database &db, const DemoOptions &options)
        : m_options(options)
        , m_rng(options.seed)
        , m_leads(db.connection())
        , m_activities(db.connection())
        , m_bulk(db.connection())
        , m_handoffs(db.connection())
        , m_model(ScoringModel::standard())
    {
        for (const ActivityType &t : m_activities.types())
            m_typeIds.insert(t.code, t.id);
        std::vector<double> weights;
        for (const ActivityMix &m : interestMix)
            weights.push_back(m.weight);
        m_mix = std::discrete_distribution<size_t>(weights.begin(), weights.end());
    }

    void setModelId(qint64 id) { m_modelId = id; }
    DemoSummary summary() const { return m_summary; }
    // Writes the activities held back; before the commit.
    void finish() { m_bulk.flush(); }

    void addLead(bool raisingHandToday)
    {
        Lead lead = makeLead();
        const bool salesSourced = !raisingHandToday && chance(0.12);
        double truth = fitTruth(lead);
        if (salesSourced) {
            lead.source = QStringLiteral("sales");
            const WeightedChoice &channel = demovocabulary::salesChannels().pick(m_rng);
            lead.channel = channel.value;
            truth += channel.fitEffect;
        } else {
            const WeightedChoice &channel = demovocabulary::marketingChannels().pick(m_rng);
            lead.channel = channel.value;
            truth += channel.fitEffect;
        }
        const qint64 span = qint64(m_options.weeks) * 7 * Day;
        lead.createdAt =
            raisingHandToday ? now() - uniform(10 * Minute, 8 * Hour) : now() - uniform(Day, span);
        lead.id = m_leads.insert(lead);
        ++m_summary.leads;

        if (salesSourced) {
            changeStage(lead, {}, Stage::Sql, lead.createdAt, pickRep(),
                        tr("Sales-sourced: %1").arg(lead.channel));
            addActivities(lead, 0.25);
            progressDeal(lead, truth + 0.5, lead.createdAt);
            return;
        }
        changeStage(lead, {}, Stage::Suspect, lead.createdAt, QStringLiteral("system"), {});
        if (raisingHandToday) {
            addActivities(lead, 0.1);
            raiseHandToday(lead);
            return;
        }
        double logit = truth + addActivities(lead, 1.0);
        if (chance(0.01)) {
            const QString rep = pickRep(); // before the date, as in makeLead()
            changeStage(lead, Stage::Suspect, Stage::Disqualified,
                        lead.createdAt + uniform(Hour, 5 * Day), rep, tr("Spam"));
            return;
        }
        handOff(lead, logit);
    }

private:
    qint64 now() const { return m_options.now; }
    bool chance(double p) { return std::bernoulli_distribution(std::clamp(p, 0.0, 1.0))(m_rng); }
    qint64 uniform(qint64 from, qint64 to)
    {
        return std::uniform_int_distribution<qint64>(from, std::max(from, to))(m_rng);
    }
    template <typename T> const T &any(const std::vector<T> &items)
    {
        return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(m_rng)];
    }
    QString pickRep() { return any(demovocabulary::salesReps()); }

    Lead makeLead()
    {
        Lead lead;
        lead.firstName = any(demovocabulary::firstNames());
        lead.lastName = any(demovocabulary::lastNames());
        const QString base = any(demovocabulary::companyWords());
        static const std::vector<QString> suffixes = {
            QStringLiteral("Inc."),  QStringLiteral("GmbH"), QStringLiteral("Ltd"),
            QStringLiteral("Group"), QStringLiteral("Labs"), QStringLiteral("Systems")};
        // One draw a statement: the order of a call's arguments is the compiler's choice, and
        // the same seed must give the same world from a gcc and a clang build. (This is the
        // order gcc took, so existing demo databases stay as they were.)
        const QString suffix = any(suffixes);
        const QString second = any(demovocabulary::companyWords());
        lead.company = QStringLiteral("%1 %2 %3").arg(base, second, suffix);
        m_seniority = &demovocabulary::seniorities().pick(m_rng);
        lead.seniority =
            m_seniority->value == QLatin1String("Student") ? QString() : m_seniority->value;
        lead.title =
            demovocabulary::titleFor(m_seniority->value, any(demovocabulary::functions()), m_rng);
        m_industry = &demovocabulary::industries().pick(m_rng);
        lead.industry = m_industry->value;
        m_country = &demovocabulary::countries().pick(m_rng);
        lead.country = m_country->value;
        if (!chance(0.05)) {
            const double size = std::exp(std::normal_distribution<double>(5.0, 1.7)(m_rng));
            lead.companySize = int(std::clamp(size, 1.0, 250000.0));
        }
        QString domain = base.toLower().remove(QLatin1Char(' ')) + QStringLiteral(".example");
        const double d = std::uniform_real_distribution<double>(0, 1)(m_rng);
        if (d < 0.01)
            domain = QStringLiteral("rivalsoft.com");
        else if (d < 0.015)
            domain = QStringLiteral("handoff.example");
        else if (d < 0.03)
            domain = any(std::vector<QString>{QStringLiteral("mailinator.com"),
                                              QStringLiteral("yopmail.com")});
        const QString local = QStringLiteral("%1.%2")
                                  .arg(lead.firstName, lead.lastName)
                                  .toLower()
                                  .remove(QLatin1Char(' '))
                                  .remove(QLatin1Char('\''));
        lead.email = QStringLiteral("%1%2@%3").arg(local).arg(m_summary.leads + 1).arg(domain);
        lead.externalId =
            QStringLiteral("DEMO-%1").arg(m_summary.leads + 1, 7, 10, QLatin1Char('0'));
        return lead;
    }

    double fitTruth(const Lead &lead) const
    {
        double truth = m_seniority->fitEffect + m_industry->fitEffect + m_country->fitEffect;
        if (lead.companySize) {
            const int size = *lead.companySize;
            truth += size >= 200 && size <= 5000 ? 0.5 : size > 5000 ? 0.3 : size < 10 ? -0.5 : 0.0;
        }
        return truth;
    }

    // Adds the lead's interest activities and returns their real effect on conversion.
    double addActivities(const Lead &lead, double volume)
    {
        const double propensity = std::exp(std::normal_distribution<double>(0.0, 0.8)(m_rng));
        const int count = std::poisson_distribution<int>(volume * 22.0 * propensity / 1.377)(m_rng);
        double effect = 0;
        bool unsubscribed = false;
        m_timeline.clear();
        for (int i = 0; i < count; ++i) {
            const ActivityMix &mix = interestMix[m_mix(m_rng)];
            if (unsubscribed && std::string_view(mix.type) == "unsubscribe")
                continue;
            unsubscribed = unsubscribed || std::string_view(mix.type) == "unsubscribe";
            const double u = std::uniform_real_distribution<double>(0, 1)(m_rng);
            const qint64 at =
                lead.createdAt + qint64(double(now() - lead.createdAt) * std::pow(u, 0.6));
            insertActivity(lead, QString::fromLatin1(mix.type), at);
            effect += mix.effect;
        }
        return effect;
    }

    void insertActivity(const Lead &lead, const QString &type, qint64 at)
    {
        Activity a;
        a.leadId = lead.id;
        a.typeId = m_typeIds.value(type);
        a.occurredAt = at;
        a.asset = any(demovocabulary::assetsFor(type));
        a.channel = lead.channel;
        m_bulk.insert(a.leadId, a.typeId, a.occurredAt, a.asset, a.channel, 0, false);
        m_timeline.push_back({type, at});
        ++m_summary.activities;
    }

    // When the lead's score under the standard model, decay included, first reached the
    // threshold: the model replayed over the lead's activities in time order.
    std::optional<qint64> crossedThresholdAt(const Lead &lead)
    {
        double fit = 0;
        for (const FitRule &rule : m_model.fitRules) {
            if (rule.when.matches(leadfields::value(lead, rule.when.field)))
                fit += rule.points;
        }
        std::sort(m_timeline.begin(), m_timeline.end(),
                  [](const auto &a, const auto &b) { return a.second < b.second; });
        struct Sum
        {
            const ActivityWeight *weight = nullptr;
            double decayed = 0;
            int count = 0;
        };
        QHash<QString, Sum> sums;
        qint64 previous = m_timeline.empty() ? 0 : m_timeline.front().second;
        for (const auto &[type, at] : m_timeline) {
            const double fade = std::exp2(-double(at - previous) / (m_model.halfLifeDays * Day));
            previous = at;
            double score = fit;
            for (Sum &sum : sums)
                sum.decayed *= fade;
            Sum &sum = sums[type];
            sum.weight = m_model.weightFor(type);
            sum.decayed += 1;
            sum.count += 1;
            for (const Sum &s : std::as_const(sums)) {
                if (!s.weight)
                    continue;
                const double cap = s.weight->cap.value_or(1e9);
                score += std::clamp(s.weight->points * (s.weight->decays ? s.decayed : s.count),
                                    -cap, cap);
            }
            if (score >= m_model.mqlThreshold)
                return at;
        }
        return std::nullopt;
    }

    void handOff(Lead &lead, double logit)
    {
        // When engagement alone took the lead over the threshold, and whether (and when) it
        // raised a hand. Whichever came first hands it to sales; a hand raised after an MQL
        // handoff is not generated, so every hand-raise in the demo has its handoff.
        const std::optional<qint64> mqlAt = crossedThresholdAt(lead);
        std::optional<qint64> intentAt;
        QString request;
        if (chance(sigmoid(-2.4 + 0.6 * logit))) {
            const qint64 at =
                lead.createdAt + qint64(double(now() - lead.createdAt) *
                                        std::uniform_real_distribution<double>(0.15, 1.0)(m_rng));
            if (!mqlAt || at <= *mqlAt) {
                intentAt = at;
                request = demovocabulary::intentRequests().pick(m_rng).value;
                insertActivity(lead, request, at);
                logit += 0.8;
            }
        }
        const bool byIntent = intentAt.has_value();
        if (!byIntent && !mqlAt)
            return; // still being nurtured
        Handoff h;
        h.leadId = lead.id;
        h.trigger = byIntent ? Handoff::Trigger::Intent : Handoff::Trigger::Mql;
        if (byIntent)
            h.requestTypeId = m_typeIds.value(request);
        h.modelId = m_modelId;
        h.raisedAt = byIntent ? *intentAt : *mqlAt;
        changeStage(lead, Stage::Suspect, Stage::Mql, h.raisedAt, QStringLiteral("system"),
                    byIntent ? tr("Raised hand: %1").arg(request)
                             : tr("Crossed the MQL threshold"));

        // Sales responds in minutes to hand-raisers and in hours to MQLs; speed pays.
        const double medianMinutes = byIntent ? 25 : 360;
        const double delayMinutes =
            medianMinutes * std::exp(std::normal_distribution<double>(0, 1.3)(m_rng));
        logit += delayMinutes < 5         ? 0.9
                 : delayMinutes < 30      ? 0.4
                 : delayMinutes > 24 * 60 ? -0.7
                                          : 0.0;
        const qint64 claimedAt = h.raisedAt + qint64(delayMinutes * 0.6 * Minute);
        const qint64 contactAt = h.raisedAt + qint64(delayMinutes * Minute);
        if (contactAt > now() - 2 * Day) {
            // Recent: still open in the sales view, perhaps claimed.
            // Most are picked up within hours; a few slip through, which the clock shows.
            if (claimedAt < now() && chance(now() - h.raisedAt > 2 * Hour ? 0.85 : 0.3)) {
                h.claimedBy = pickRep();
                h.claimedAt = claimedAt;
            }
            m_handoffs.raise(h);
            ++m_summary.handoffs;
            return;
        }
        h.claimedBy = pickRep();
        h.claimedAt = claimedAt;
        h.firstContactAt = contactAt;
        h.outcomeAt = contactAt + uniform(10 * Minute, 2 * Day);
        h.outcomeBy = h.claimedBy;
        const bool accepted = chance(sigmoid(logit - 2.3));
        h.outcome = accepted ? Handoff::Outcome::Accepted : Handoff::Outcome::Rejected;
        h.reason = accepted ? QString() : demovocabulary::rejectReasons().pick(m_rng).value;
        m_handoffs.raise(h);
        ++m_summary.handoffs;
        if (!accepted) {
            changeStage(lead, Stage::Mql, Stage::Recycled, *h.outcomeAt, h.outcomeBy, h.reason);
            return;
        }
        lead.owner = h.claimedBy;
        changeStage(lead, Stage::Mql, Stage::Sql, *h.outcomeAt, h.outcomeBy, tr("Accepted"));
        progressDeal(lead, logit, *h.outcomeAt);
    }

    void progressDeal(Lead &lead, double logit, qint64 sqlAt)
    {
        const qint64 opportunityAt = sqlAt + uniform(3 * Day, 20 * Day);
        if (opportunityAt > now() || !chance(sigmoid(logit - 1.6)))
            return;
        const QString rep = lead.owner.isEmpty() ? pickRep() : lead.owner;
        changeStage(lead, Stage::Sql, Stage::Opportunity, opportunityAt, rep, {});
        const qint64 closedAt = opportunityAt + uniform(15 * Day, 60 * Day);
        if (closedAt > now())
            return;
        const bool won = chance(sigmoid(logit - 2.4));
        changeStage(lead, Stage::Opportunity, won ? Stage::Won : Stage::Lost, closedAt, rep,
                    won ? QString() : lostReason());
    }

    QString lostReason()
    {
        static const std::vector<QString> reasons = {tr("Chose a competitor"), tr("No decision"),
                                                     tr("Price")};
        return any(reasons);
    }

    void raiseHandToday(Lead &lead)
    {
        static const qint64 minutesAgo[] = {1, 3, 4, 7, 12, 18, 26, 41, 55, 75, 95, 130, 170, 240};
        const qint64 at =
            now() - minutesAgo[m_today++ % std::size(minutesAgo)] * Minute - uniform(0, 50);
        const QString request = demovocabulary::intentRequests().pick(m_rng).value;
        insertActivity(lead, request, at);
        Handoff h;
        h.leadId = lead.id;
        h.trigger = Handoff::Trigger::Intent;
        h.requestTypeId = m_typeIds.value(request);
        h.modelId = m_modelId;
        h.raisedAt = at;
        if (now() - at > 20 * Minute && chance(0.35)) {
            h.claimedBy = pickRep();
            h.claimedAt = at + uniform(2 * Minute, 15 * Minute);
        }
        changeStage(lead, Stage::Suspect, Stage::Mql, at, QStringLiteral("system"),
                    tr("Raised hand: %1").arg(request));
        m_handoffs.raise(h);
        ++m_summary.handoffs;
    }

    void changeStage(Lead &lead, std::optional<Stage> from, Stage to, qint64 at, const QString &by,
                     const QString &reason)
    {
        // A lead is stored as a suspect: its first entry only records that.
        if (to == lead.stage)
            m_leads.recordStageChange({lead.id, from, to, at, by, reason});
        else
            m_leads.changeStage({lead.id, from, to, at, by, reason});
        lead.stage = to;
        ++m_summary.stageChanges;
    }

    DemoOptions m_options;
    std::mt19937_64 m_rng;
    LeadRepository m_leads;
    ActivityRepository m_activities;
    ActivityBulkWriter m_bulk; // millions of them: in groups on a file, by COPY on a server
    HandoffRepository m_handoffs;
    ScoringModel m_model;
    qint64 m_modelId = 0;
    QHash<QString, int> m_typeIds;
    std::discrete_distribution<size_t> m_mix;
    std::vector<std::pair<QString, qint64>> m_timeline;
    const WeightedChoice *m_seniority = nullptr;
    const WeightedChoice *m_industry = nullptr;
    const WeightedChoice *m_country = nullptr;
    int m_today = 0;
    DemoSummary m_summary;
};

} // namespace

DemoGenerator::DemoGenerator(Database &db, DemoOptions options)
    : m_db(db)
    , m_options(options)
{
    if (m_options.now == 0)
        m_options.now = QDateTime::currentSecsSinceEpoch();
}

DemoSummary DemoGenerator::run(const Progress &progress)
{
    if (m_options.leads < 1 || m_options.weeks < 1)
        throw Error(tr("The demo needs at least one lead and one week"));
    if (LeadRepository(m_db.connection()).count() > 0)
        throw Error(
            tr("%1: already holds leads; demo data goes into a new database").arg(m_db.filePath()));
    Transaction transaction(m_db.connection());
    const qint64 start = m_options.now - qint64(m_options.weeks) * 7 * Day;
    ModelRecord model;
    model.status = ModelRecord::Status::Live;
    model.name = tr("Standard model");
    model.author = QStringLiteral("system");
    model.rationale = tr("Starting point after the market leaders' defaults");
    model.createdAt = start;
    model.liveAt = start;
    model.definition = ScoringModel::standard().toJson();
    const qint64 modelId = ModelRepository(m_db.connection()).insert(model);
    AuditLog(m_db.connection())
        .record({start, QStringLiteral("system"), QStringLiteral("model.live"),
                 QStringLiteral("scoring_model"), modelId, model.name});

    DemoWorld world(m_db, m_options);
    world.setModelId(modelId);
    const int today = std::clamp(m_options.leads / 400, std::min(5, m_options.leads), 40);
    for (int i = 0; i < m_options.leads; ++i) {
        world.addLead(i >= m_options.leads - today);
        if (progress && (i % 1000 == 999 || i + 1 == m_options.leads) &&
            !progress(i + 1, m_options.leads))
            return {}; // the transaction rolls back
    }
    world.finish();
    transaction.commit();
    return world.summary();
}

} // namespace handoff
