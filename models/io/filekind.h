#pragma once

// What an export holds, told by its header: people (leads or contacts), accounts
// (companies), opportunities (deals) or activities (one event a row). Each is imported its
// own way, or refused with what the file looks like and what to pass; an accounts export
// imported as leads made every company a person, a deals export made every deal one.

#include <initializer_list>
#include <optional>

#include <QCoreApplication>
#include <QStringList>

namespace handoff {

namespace filekind {

enum class Kind { Leads, Accounts, Opportunities, Activities };

struct Verdict
{
    Kind kind = Kind::Leads;
    QStringList evidence; // the columns that said so, as the header spells them
};

Verdict classify(const QStringList &header);
// A column label as compared: letters and digits, case-folded, without the "property_"
// connector tables put before HubSpot's field names.
QString foldLabel(const QString &label);
// The column named like the first of `names` the header has (compared folded), or -1.
int findColumn(const QStringList &header, std::initializer_list<const char *> names);
QString describe(Kind kind);   // "opportunities (deals)"
QString optionName(Kind kind); // "opportunities", as --kind takes it
std::optional<Kind> fromOptionName(const QString &name);
QStringList optionNames();

} // namespace filekind

} // namespace handoff
