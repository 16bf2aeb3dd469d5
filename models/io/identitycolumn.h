#pragma once

// Which column tells one lead from another when no preset knows the file's id column: a
// lead-scoring dataset keyed by "Prospect ID" (UUIDs) and "Lead Number", a connector table
// keyed by `mql_id`. A column qualifies when its values, in the first rows, are filled,
// unique and shaped like ids (UUIDs, whole numbers, CRM record ids, hashes, codes); its name
// decides between several ("Prospect ID" before "Lead Number", a lead's id before a
// page's), then its place in the header. Phone numbers, postcodes and the ids of owners,
// accounts or campaigns never qualify: many leads share them, or they are not the lead's.

#include <optional>

#include <QCoreApplication>
#include <QStringList>

namespace handoff {

namespace identity {

// What every filled value of a column looks like.
enum class Shape {
    None,   // not all alike, or not like an id at all
    Uuid,   // 8-4-4-4-12 hex digits
    CrmId,  // 15 or 18 letters and digits, as Salesforce record ids
    Hash,   // 16 or more hex digits: a hashed key
    Number, // digits only
    Code,   // letters, digits and - _ . : with at least one digit, no spaces
};

Shape shapeOf(QStringView value);
// The one shape all of `values` share (empty ones ignored), or None.
Shape commonShape(const QStringList &values);
QString shapeName(Shape shape); // "UUIDs", "numbers", ... for messages

struct Choice
{
    int column = -1;
    Shape shape = Shape::None;
    QString reason;         // "Prospect ID: unique in all 1,000 rows read, UUIDs"
    QStringList alsoUnique; // the other columns that qualified, best first
};

class Chooser
{
    Q_DECLARE_TR_FUNCTIONS(identity::Chooser)

public:
    // `candidates`: the columns free to become the id (not already read as something else).
    static std::optional<Choice> choose(const QStringList &header, const QList<int> &candidates,
                                        const QList<QStringList> &sample);
};

} // namespace identity

} // namespace handoff
