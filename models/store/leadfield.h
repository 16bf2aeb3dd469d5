#pragma once

// The fields a lead stores, written out once: the column each lives in (also its name in
// import mappings and snapshots), the label people see, its kind and whether a file's column
// may give it. The repository's column lists, reads and binds and the lead snapshot derive
// from this table; a new field is one row here (and its schema migration).

#include <span>

#include <QVariant>

#include "store/lead.h"

namespace handoff {

struct LeadField
{
    enum class Kind {
        Text,      // NOT NULL text
        Key,       // text, NULL when empty (unique when given)
        Count,     // an optional whole number
        Time,      // seconds since the epoch
        Flag,      // yes or no
        StageName, // a Stage by its stored name
    };

    const char *column;
    const char *label; // QT_TRANSLATE_NOOP("LeadField", ...)
    Kind kind;
    bool importable; // a file's column may map to it
    // The field's value as a plain QVariant (a Stage as its name, a missing count as null),
    // and back: what the store binds and reads and a snapshot writes.
    QVariant (*get)(const Lead &);
    void (*set)(Lead &, const QVariant &);

    QString name() const { return QString::fromLatin1(column); }
    // Its position in leadFields().
    int index() const;
    // Stored as an integer (a count, a time, a flag) rather than text.
    bool isInteger() const
    {
        return kind == Kind::Count || kind == Kind::Time || kind == Kind::Flag;
    }
    QString translatedLabel() const;
    // The value as the store binds it: text never NULL, a key NULL when empty, a flag 1 or 0.
    QVariant bound(const Lead &lead) const;
};

// Some of the lead fields (what an import row gave, say), one bit each.
class LeadFieldSet
{
public:
    void insert(const LeadField &field) { m_bits |= bit(field); }
    bool contains(const LeadField &field) const { return (m_bits & bit(field)) != 0; }
    bool isEmpty() const { return m_bits == 0; }

private:
    static quint32 bit(const LeadField &field) { return 1u << field.index(); }
    quint32 m_bits = 0;
};

// Every stored field, in the order the store reads and writes them.
std::span<const LeadField> leadFields();
// The field stored in `column`; null when no field is.
const LeadField *leadField(QStringView column);
// The same for a column that must exist (a name written in the code): found once, by the
// caller's static.
const LeadField &requiredLeadField(QStringView column);
// The stored fields' columns, each as `pattern` makes it ("%1" is the column: "%1 = :%1"),
// joined by commas: the column lists of the store's statements.
QString leadFieldList(const QString &pattern = QStringLiteral("%1"));

} // namespace handoff
