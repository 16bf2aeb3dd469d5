#include "analytics/analyticsengine.h"

#include <future>

#include "store/analyticsrepository.h"
#include "store/database.h"

namespace handoff {

AnalyticsEngine::AnalyticsEngine(Database &db)
    : m_db(db)
{}

bool AnalyticsEngine::refresh()
{
    const qint64 version = m_db.dataVersion();
    if (m_data && version == m_dataVersion)
        return false;
    m_data = std::make_unique<AnalyticsDataset>(AnalyticsRepository(m_db.connection()).load());
    m_dataVersion = version;
    return true;
}

const AnalyticsDataset &AnalyticsEngine::dataset()
{
    if (!m_data)
        refresh();
    return *m_data;
}

DashboardFigures AnalyticsEngine::compute(const AnalyticsDataset &data,
                                          const AnalyticsPeriod &period,
                                          const AnalyticsFilter &filter,
                                          const MeetingTargets &targets, qint64 now)
{
    DashboardFigures f;
    f.period = period;
    f.filter = filter;
    f.now = now;
    f.cohorts = CohortConversion::compute(data, period, filter);
    f.funnel = Funnel::compute(data, period, filter);
    f.speed = SpeedToLeadStats::compute(data, period, filter, now, targets.slaMinutes);
    f.verdicts = Verdicts::compute(data, period, filter);
    f.sourceMix = SourceMix::compute(data, period, filter, targets.marketingShareLow,
                                     targets.marketingShareHigh);
    f.velocity = Velocity::compute(data, period, filter);
    f.models = ModelConversion::compute(data, period, filter);
    return f;
}

DashboardFigures AnalyticsEngine::figures(const AnalyticsPeriod &period,
                                          const AnalyticsFilter &filter,
                                          const MeetingTargets &targets, qint64 now,
                                          int liftSampleCap)
{
    const AnalyticsDataset &data = dataset();
    // The figures in memory are computed on another thread while the activities are read:
    // fork-join inside this call (joined by get() below, or by the future's destructor when
    // the read throws), as in AnalyticsRepository::load(); see the note there.
    auto inMemory =
        std::async(std::launch::async, [&] { return compute(data, period, filter, targets, now); });
    qint64 cohortSize = 0;
    const std::vector<int> cohort =
        ConversionLift::cohort(data, period, filter, liftSampleCap, &cohortSize);
    std::vector<qint64> ids;
    ids.reserve(cohort.size());
    for (const int i : cohort)
        ids.push_back(data.leads[size_t(i)].id);
    const std::vector<ActivityTouch> touches = AnalyticsRepository(m_db.connection()).touches(ids);
    const std::vector<LiftSubject> subjects = ConversionLift::subjects(data, cohort, touches);
    DashboardFigures f = inMemory.get();
    f.lift =
        ConversionLift::compute(subjects, ConversionLift::defaultSupport(qint64(subjects.size())));
    f.lift.cohortLeads = cohortSize;
    return f;
}

} // namespace handoff
