#pragma once

// What each column of an import file means to Handoff: a lead field, a count of some
// activity type, the date a stage was reached, the lead's last activity, a custom field kept
// as it is, or nothing. Guessed from the header with the presets of each system, adjusted by
// hand in the wizard, and saved as JSON for the next file with the same header.

#include <optional>

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace handoff {

struct ColumnTarget
{
    enum class Kind {
        Ignore,
        LeadField,      // key: external_id, email, first_name, last_name, full_name, company,
                        // title, seniority, industry, company_size, country, channel, owner,
                        // created_at, stage, converted
        ActivityCount,  // key: activity type code; the cell says how many
        LastActivity,   // key empty: the cell is a date; key "type": the cell names a type
        StageReachedAt, // key: stage code; the cell is the date the lead reached it
        CustomField,    // key: field name
    };

    Kind kind = Kind::Ignore;
    QString key;

    bool operator==(const ColumnTarget &) const = default;
    QString describe() const;
    // A lead has one of these: two columns cannot both be read as it.
    bool isSingleValued() const { return kind == Kind::LeadField || kind == Kind::LastActivity; }

    // Each kind's name in the mapping JSON ("lead_field", "custom_field", ...), which the
    // command line's --map uses too.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
    static QStringList kindNames();
};

struct ColumnMapping
{
    Q_DECLARE_TR_FUNCTIONS(ColumnMapping)

public:
    QString preset; // the system whose export this looks like, or empty
    QList<ColumnTarget> columns;
    // The header label of each column, when known (guess() and a labelled JSON set them):
    // written with the mapping so a mapping file is matched to a file's columns by label.
    QStringList labels;

    int indexOf(ColumnTarget::Kind kind, const QString &key = {}) const;
    bool has(ColumnTarget::Kind kind, const QString &key = {}) const
    {
        return indexOf(kind, key) >= 0;
    }

    // How well each system's export fits a header, best first: by the columns whose label
    // matches exactly (in any case), then by those that match only once spaces and
    // punctuation are ignored ("Created Date" is a report label, not the
    // API name "CreatedDate").
    struct PresetMatch
    {
        QString name;
        int columns = 0; // recognised at all
        int exact = 0;   // of those, by their exact label
        bool operator==(const PresetMatch &) const = default;
    };
    static QList<PresetMatch> rankPresets(const QStringList &header);
    // Two presets recognising the same columns equally well: the file does not say which.
    static bool isTie(const QList<PresetMatch> &ranking);

    // The best guess for a header: the best-ranked preset, then generic names;
    // columns nothing recognises become custom fields. `preset` forces one system.
    static ColumnMapping guess(const QStringList &header, const QString &preset = {});
    static QStringList presetNames();
    // A stable key for "a file with this header", to find a saved mapping again.
    static QString signature(const QStringList &header);

    // {"preset": ..., "columns": [{"column": LABEL, "kind": ..., "key": ...}, ...]}, one
    // entry per column in file order; "column" only when the labels are known.
    QByteArray toJson() const;
    // By position, for a saved mapping found by the header's signature; labels are read
    // when every entry has one. A mapping file given by hand is read by MappingOverrides.
    // Throws Error (where: the column, by number, for an entry that does not read) when the
    // mapping does not fit `columnCount` columns.
    static ColumnMapping fromJson(const QByteArray &json, int columnCount);
};

} // namespace handoff
