#include "io/importrun.h"

#include "store/database.h"

namespace handoff {

ImportPace::ImportPace()
{
    m_timer.start();
}

void ImportPace::count(qint64 done, qint64 total)
{
    count(done, total, m_timer.elapsed());
}

void ImportPace::count(qint64 done, qint64 total, qint64 elapsedMs)
{
    m_rows += LeadImporter::ProgressEveryRows;
    m_elapsedMs = elapsedMs;
    m_fraction = total > 0 ? std::clamp(double(done) / double(total), 0.0, 1.0) : 0.0;
}

double ImportPace::rowsPerSecond() const
{
    return m_elapsedMs > 0 ? double(m_rows) * 1000.0 / double(m_elapsedMs) : 0.0;
}

int ImportPace::secondsLeft() const
{
    // Below 2% the estimate swings too much to be worth showing.
    if (m_fraction <= 0.02)
        return -1;
    return int(double(m_elapsedMs) / 1000.0 * (1.0 - m_fraction) / m_fraction);
}

QString ImportPace::text() const
{
    const qint64 rate = qint64(rowsPerSecond());
    const int left = secondsLeft();
    return left >= 0 ? tr("%L1 rows/s, %2 s left").arg(rate).arg(left) : tr("%L1 rows/s").arg(rate);
}

namespace ImportRun {

ImportSummary execute(const Request &request, qint64 now, const Report &report)
{
    Database db(request.databasePath); // a connection of this thread's own
    LeadImporter importer(db, request.leadsFile, request.activitiesFile);
    importer.open({});
    importer.setMapping(request.mapping);
    ImportPace pace;
    qint64 lastReportMs = -1000;
    const auto progress = [&](qint64 done, qint64 total) {
        pace.count(done, total);
        if (pace.elapsedMs() - lastReportMs < 200)
            return true;
        lastReportMs = pace.elapsedMs();
        return report(pace);
    };
    return request.dryRun ? importer.dryRun(progress)
                          : importer.run(request.policy, request.actor, now, progress);
}

} // namespace ImportRun

} // namespace handoff
