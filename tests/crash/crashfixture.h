#pragma once

// Prepares, once per harness run, what each operation starts from: a small demo database
// with the profiles the operations act as, the leads and activities files an import reads,
// a database holding that import (for the undo), and the figures the checker expects.

#include <QDir>

#include "crashoperation.h"

namespace handoff {

struct FixtureSizes
{
    int baseLeads = 400;    // the demo database every operation but demo starts from
    int importLeads = 4000; // new leads in the import file
    int updatedLeads = 200; // existing leads the import retitles
    int activitiesPerLead = 10;
    int demoLeads = 1500; // what the interrupted demo makes
};

class CrashFixture
{
public:
    CrashFixture(const QString &directory, FixtureSizes sizes);

    // Throws Error when the fixture cannot be made.
    Scenario scenario(Operation operation);

private:
    void makeBase();
    void writeImportFiles();
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QDir m_dir;
    FixtureSizes m_sizes;
    bool m_baseReady = false;
    bool m_filesReady = false;
    qint64 m_activities = 0;
};

} // namespace handoff
