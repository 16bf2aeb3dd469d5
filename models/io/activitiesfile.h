#pragma once

// An activities export: one event a row, naming the lead (by e-mail or id), the activity
// type and when, perhaps the content and the channel. Finds those columns by the names each
// system gives them, decides the date format from the first rows, and reads each row's type
// and time, looking every spelling of a type up once. The importer reads the file through it,
// and the import dialog shows its first rows with the problems it can see without the leads.

#include <optional>
#include <utility>
#include <vector>

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include "io/csvreader.h"
#include "io/rowparser.h"
#include "scoring/valueparsers.h"

namespace handoff {

class ActivityCatalogue;

class ActivitiesFile
{
    Q_DECLARE_TR_FUNCTIONS(ActivitiesFile)

public:
    // Where the file keeps what Handoff needs; -1 for a column it lacks.
    struct Columns
    {
        int email = -1;
        int externalId = -1;
        int type = -1;
        int when = -1;
        int asset = -1;
        int channel = -1;
    };
    struct Event
    {
        int typeId = 0;
        qint64 at = 0;
    };

    // `fixedType`: the type of every row, for an export of one type ("opens.csv") that has
    // no type column; a type column, when there is one, still wins.
    explicit ActivitiesFile(const QString &path, QString fixedType = {});

    // Reads the header, finds the columns and learns the date format from the first rows.
    // False with *error naming the file and what it lacks.
    void open();
    QString fileName() const { return m_fileName; }
    QStringList header() const { return m_header; }
    const Columns &columns() const { return m_columns; }
    // Which column gives what: "lead from Email, type from Activity, date from Date
    // (YYYY-MM-DD HH:MM:SS)".
    QString describe() const;

    // The next row, the ones read ahead first; false at the end. Throws Error when the
    // file cannot be read on.
    bool next(CsvReader::Record &record);
    qint64 bytesRead() const { return m_reader.bytesRead(); }
    qint64 size() const { return m_reader.size(); }

    // The row's activity type and time, or nullopt with *problem saying which cell is wrong.
    std::optional<Event> read(const CsvReader::Record &record, const ActivityCatalogue &types,
                              ImportProblem *problem);
    // The problem with a row that names no lead.
    ImportProblem unknownLead(const CsvReader::Record &record) const;

private:
    ImportProblem problem(const CsvReader::Record &record, int column, const QString &reason) const;

    CsvReader m_reader;
    QString m_fileName;
    QString m_fixedType;
    bool m_marketoCodes = false; // the type column holds Marketo's numeric activity type ids
    QStringList m_header;
    Columns m_columns;
    std::optional<valueparsers::DateFormat> m_format;
    QList<CsvReader::Record> m_sample; // read ahead to learn the date format
    std::vector<std::pair<QString, std::optional<int>>> m_typeSpellings;
};

} // namespace handoff
