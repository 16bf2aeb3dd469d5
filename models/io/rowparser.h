#pragma once

// Turns one record of a leads file into what it says about a lead, by the column mapping:
// the lead's fields, its custom fields, activity counts, the last activity and the dates it
// reached stages. Cleans values on the way (placeholders, numbers with separators and
// currency, booleans, each date column in its own detected format, each system's stage
// names) and reports every cell it cannot use with its line, column, value and reason.

#include <optional>
#include <vector>

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QSet>

#include "io/columnmapping.h"
#include "scoring/valueparsers.h"
#include "store/lead.h"
#include "store/leadfield.h"

namespace handoff {

class ActivityCatalogue;

struct ImportProblem
{
    // A rejection keeps the row out; a note says what was left out of a row that went in.
    enum class Severity { Rejection, Note };

    QString file;
    qint64 line = 0;
    QString column; // empty for a problem with the whole row
    QString value;
    QString reason;
    Severity severity = Severity::Rejection;

    QString describe() const; // "leads.csv, line 7, column Email: 'x@' is not an e-mail address"
};

struct ParsedRow
{
    qint64 line = 0;
    Lead lead;          // only the fields in `given` were in the file
    LeadFieldSet given; // the lead fields the row gave a value for (a bit each: cheap per row)
    QMap<QString, QString> custom;
    QHash<int, int> activityCounts; // type id -> how many
    std::optional<qint64> lastActivityAt;
    std::optional<int> lastActivityType;           // type id
    QList<std::pair<qint64, Stage>> stagesReached; // (when, stage): several on one day is fine
    bool converted = false;
};

class RowParser
{
    Q_DECLARE_TR_FUNCTIONS(RowParser)

public:
    RowParser(QString fileName, QStringList header, ColumnMapping mapping,
              const ActivityCatalogue &types);

    // Decides the date format of each date column from the first rows of the file.
    // Returns the columns whose format could not be decided, as problems.
    QList<ImportProblem> learnDateFormats(const QList<QStringList> &sample);
    std::optional<valueparsers::DateFormat> dateFormat(int column) const;

    // The row, or nullopt with *problems listing why it cannot be imported.
    std::optional<ParsedRow> parse(qint64 line, const QStringList &fields, int extraFields,
                                   QList<ImportProblem> *problems) const;

    // An activity type named in a file ("Email Opened", "page_view", "Page Visited on
    // Website"): its type id, or nullopt.
    static std::optional<int> activityType(const ActivityCatalogue &types, const QString &name);

private:
    // A lead-field column's key that is not a stored field as it is.
    enum class Derived {
        None,
        FullName,  // split into first and last name
        Converted, // whether the lead became a customer
    };
    // Each column's target worked out once from the mapping, not once per cell.
    struct Column
    {
        ColumnTarget::Kind kind = ColumnTarget::Kind::Ignore;
        const LeadField *field = nullptr; // LeadField: the stored field it fills, if any
        Derived derived = Derived::None;  // ... or what else it says
        std::optional<int> typeId;        // ActivityCount: the type's id, when Handoff knows it
        std::optional<Stage> stage;       // StageReachedAt: the stage
        bool date = false;                // holds dates, in a format learned per column
    };

    std::optional<valueparsers::DateFormat> dateFormatFor(int column, const QString &value) const;

    QString m_file;
    QStringList m_header;
    ColumnMapping m_mapping;
    const ActivityCatalogue &m_types;
    std::vector<Column> m_columns;
    // Learned from the first rows; a column empty there learns from its first value later.
    mutable QHash<int, valueparsers::DateFormat> m_dateFormats;
};

} // namespace handoff
