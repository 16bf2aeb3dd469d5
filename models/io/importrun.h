#pragma once

// One import (a dry run or the real thing) from start to summary, on a connection of the
// calling thread's own: the work the import dialog hands to a background task. It reports
// how far it got with the pace (rows per second, time left) and stops, rolling back, when
// told to.

#include <functional>

#include <QCoreApplication>
#include <QElapsedTimer>

#include "io/columnmapping.h"
#include "io/importsummary.h"
#include "io/leadimporter.h"

namespace handoff {

// Rows per second and time left from the importer's reports of how far it got.
class ImportPace
{
    Q_DECLARE_TR_FUNCTIONS(ImportPace)

public:
    ImportPace();
    // One report: `done` of `total` bytes read, LeadImporter::ProgressEveryRows more rows.
    void count(qint64 done, qint64 total);
    // count() at a chosen elapsed time in milliseconds (what count() does, testable).
    void count(qint64 done, qint64 total, qint64 elapsedMs);

    double fraction() const { return m_fraction; }
    qint64 elapsedMs() const { return m_elapsedMs; } // at the last count()
    double rowsPerSecond() const;
    int secondsLeft() const; // -1 while too little is read to tell
    // "12,345 rows/s, 20 s left"
    QString text() const;

private:
    QElapsedTimer m_timer;
    qint64 m_rows = 0;
    qint64 m_elapsedMs = 0;
    double m_fraction = 0.0;
};

namespace ImportRun {

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

// Told the pace every few hundred milliseconds; returning false stops the import, which then
// rolls back and returns a summary that says it was cancelled.
using Report = std::function<bool(const ImportPace &pace)>;

// Opens the database and the files, maps, and runs. Throws Error.
ImportSummary execute(const Request &request, qint64 now, const Report &report);

} // namespace ImportRun

} // namespace handoff
