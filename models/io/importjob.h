#pragma once

// Runs an import (a dry run or the real thing) on a worker thread with its own database
// connection, so the console stays responsive. Reports progress as rows per second and time
// left, can be cancelled (the transaction then rolls back), and hands back the summary.

#include <atomic>

#include <QObject>
#include <QThread>

#include "io/columnmapping.h"
#include "io/leadimporter.h"

namespace handoff {

class ImportJob : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QString databasePath;
        QString leadsFile;
        QString activitiesFile;
        ColumnMapping mapping;
        bool dryRun = true;
        LeadImporter::Policy policy = LeadImporter::Policy::GoodRows;
        QString actor;
    };

    explicit ImportJob(Request request, QObject *parent = nullptr);
    ~ImportJob() override;

    void start();
    void cancel() { m_cancel = true; }
    bool isRunning() const { return m_thread.isRunning(); }

signals:
    // `fraction` from 0 to 1 of the file read; rows per second; seconds left (-1 unknown).
    void progress(double fraction, double rowsPerSecond, int secondsLeft);
    void finished(const ImportSummary &summary);
    void failed(const QString &message);

private:
    void work();

    Request m_request;
    QThread m_thread;
    std::atomic<bool> m_cancel{false};
};

} // namespace handoff

Q_DECLARE_METATYPE(handoff::ImportSummary)
