#include "io/importjob.h"

#include <QDateTime>
#include <QElapsedTimer>

#include "store/database.h"
#include "store/error.h"

namespace handoff {

ImportJob::ImportJob(Request request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
{
    qRegisterMetaType<ImportSummary>();
}

ImportJob::~ImportJob()
{
    m_cancel = true;
    m_thread.quit();
    m_thread.wait();
}

void ImportJob::start()
{
    m_cancel = false;
    // The work runs in the thread's own context; signals reach the GUI queued.
    QObject *context = new QObject;
    context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, context, [this, context] {
        work();
        context->deleteLater();
        m_thread.quit();
    });
    m_thread.start();
}

void ImportJob::work()
{
    try {
        Database db(m_request.databasePath); // a connection of this thread's own
        LeadImporter importer(db, m_request.leadsFile, m_request.activitiesFile);
        importer.open({}); // throws Error, reported below like every other failure
        importer.setMapping(m_request.mapping);
        QElapsedTimer timer;
        timer.start();
        qint64 lastReport = -1000;
        qint64 rows = 0;
        const auto report = [&](qint64 done, qint64 total) {
            rows += LeadImporter::ProgressEveryRows;
            const qint64 elapsed = timer.elapsed();
            if (elapsed - lastReport >= 200) {
                lastReport = elapsed;
                const double fraction = total > 0 ? double(done) / double(total) : 0.0;
                const double seconds = double(elapsed) / 1000.0;
                const double rowsPerSecond = seconds > 0 ? double(rows) / seconds : 0.0;
                const int left = fraction > 0.02 ? int(seconds * (1.0 - fraction) / fraction) : -1;
                emit progress(fraction, rowsPerSecond, left);
            }
            return !m_cancel.load();
        };
        const ImportSummary summary =
            m_request.dryRun ? importer.dryRun(report)
                             : importer.run(m_request.policy, m_request.actor,
                                            QDateTime::currentSecsSinceEpoch(), report);
        emit finished(summary);
    } catch (const Error &e) {
        emit failed(e.message());
    } catch (const std::exception &e) {
        // Nothing may leave the thread: out of memory on a huge file ends up here.
        emit failed(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        emit failed(tr("an unexpected error stopped the import"));
    }
}

} // namespace handoff
