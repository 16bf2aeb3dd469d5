#pragma once

// The words for what a column is read as, one vocabulary for `handoff import --map`,
// `--show-mapping` and the mapping JSON (ColumnMapping::toJson names the same kinds):
//
//   email, external_id, first_name, ...     a lead field (short for lead_field:email)
//   ignore                                  not imported
//   custom_field[:NAME]                     a custom field, named after the column unless NAME
//   activity_count:CODE                     how many activities of that type (page_view, ...)
//   last_activity  /  last_activity:type    the date / the type of the last activity
//   stage_reached_at:STAGE                  the date the lead reached mql, sql, opportunity, ...
//
// Kinds, lead fields, activity types and stages are read in any case; custom, count and
// reached are short for custom_field, activity_count and stage_reached_at.

#include <optional>

#include <QCoreApplication>
#include <QStringList>

#include "io/columnmapping.h"
#include "store/error.h"

namespace handoff {

class TargetNames
{
    Q_DECLARE_TR_FUNCTIONS(TargetNames)

public:
    static QStringList leadFields();
    static QStringList activityCodes();
    static QStringList stageCodes();
    // Every target a column may be read as, but a custom field (each column names its own).
    static QList<ColumnTarget> choices();

    // The target in the vocabulary above, as parse() reads it back.
    static QString format(const ColumnTarget &target);
    // `column` names a custom field given without a name. Throws Error at `where` (the spec
    // or the mapping entry the text came from) saying what is wrong and what would be right.
    static ColumnTarget parse(const QString &text, const QString &column,
                              const ErrorWhere &where = {});
    // The vocabulary in one line, for --help and error messages.
    static QString summary();
};

} // namespace handoff
