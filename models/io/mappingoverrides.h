#pragma once

// What a person says about how a file's columns are read, on top of the mapping Handoff
// guessed or saved for the file's header: `--map "Column=field"` (field in the TargetNames
// vocabulary), or a whole mapping in a JSON file (ColumnMapping::toJson, as `handoff import
// --show-mapping --format json` writes it) matched to the columns by label. Columns are found
// by their header label, exactly, else in any case, else as "#N" counting from 1.
//
// One object holds the overrides of one source, which must agree among themselves: a column
// named twice, or a single-valued field (a lead field, the last activity) given to two
// columns, is refused, naming both. Sources are applied one on top of another (the file,
// then --map); a later one wins over what came before it.

#include <optional>

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include "io/columnmapping.h"
#include "store/error.h"

namespace handoff {

class MappingOverrides
{
    Q_DECLARE_TR_FUNCTIONS(MappingOverrides)

public:
    // `fileName` names the file the header belongs to in messages.
    MappingOverrides(QString fileName, QStringList header);

    // The column `label` means. Throws Error at `where` (what asked for the column) naming
    // the file, a close match and the columns there are.
    int findColumn(const QString &label, const ErrorWhere &where = {}) const;

    // One "Column=field". Throws Error (where: the spec) when it is malformed, names a
    // column the file lacks or an unknown field, or disagrees with an earlier spec.
    void addSpec(const QString &spec);
    // A whole mapping; `origin` names its file. Throws Error whose where() is that file and,
    // for a bad entry, the entry ("entry 3") and the column it names; JSON that does not parse
    // gets the line and the character. Entries with a "column" label are matched by it; a
    // mapping without labels must have one entry per column, in order.
    void addMappingFile(const QByteArray &json, const QString &origin);

    bool isEmpty() const { return m_overrides.isEmpty(); }

    // `base` with every override (and a mapping file's preset). A column of `base` holding a
    // single-valued field that an override gives another column is kept as a custom field
    // instead; *notes says so, and names the columns a mapping file left as they were.
    ColumnMapping applyTo(const ColumnMapping &base, QStringList *notes) const;

private:
    struct Override
    {
        int column = -1;
        ColumnTarget target;
        ErrorWhere where; // the spec or the mapping entry that said so
        // For messages: "--map 'Email=email'", "m.json, entry 3"
        QString source() const { return where.text(); }
    };
    // Throws Error at o.where when `o` disagrees with an earlier override.
    void add(const Override &o);
    QString columnList() const;
    QString quoted(int column) const;

    QString m_fileName;
    QStringList m_header;
    QList<Override> m_overrides;
    QString m_mappingFile; // set when the overrides are a whole mapping
    QString m_preset;
};

} // namespace handoff
