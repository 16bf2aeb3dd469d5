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
    // The lead fields a file can give, one bit each in `present` (a set of names cost more
    // per row than cleaning the row).
    enum Field : quint32 {
        ExternalId = 1u << 0,
        Email = 1u << 1,
        FirstName = 1u << 2,
        LastName = 1u << 3,
        Company = 1u << 4,
        Title = 1u << 5,
        Seniority = 1u << 6,
        Industry = 1u << 7,
        CompanySize = 1u << 8,
        Country = 1u << 9,
        Channel = 1u << 10,
        Owner = 1u << 11,
        CreatedAt = 1u << 12,
        StageField = 1u << 13,
    };

    qint64 line = 0;
    Lead lead;           // only the fields in `present` were in the file
    quint32 present = 0; // Field bits: the lead fields the row gave a value for
    bool has(Field field) const { return (present & field) != 0; }
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
    // What a lead-field column fills, decided once from its key.
    enum class LeadKey {
        None,
        ExternalId,
        Email,
        FirstName,
        LastName,
        FullName,
        Company,
        Title,
        Seniority,
        Industry,
        CompanySize,
        Country,
        Channel,
        Owner,
        CreatedAt,
        Stage,
        Converted,
    };
    // Each column's target worked out once from the mapping, not once per cell.
    struct Column
    {
        ColumnTarget::Kind kind = ColumnTarget::Kind::Ignore;
        LeadKey field = LeadKey::None;
        std::optional<int> typeId;  // ActivityCount: the type's id, when Handoff knows it
        std::optional<Stage> stage; // StageReachedAt: the stage
        bool date = false;          // holds dates, in a format learned per column
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
