#pragma once

// The leads held in memory for scoring and the queues: id, stage, creation time and every
// rule-testable field (see leadfields), column by column. Rows are dense 0..size()-1 in the
// order leads were added; ids map back to rows in constant time. Copies share the columns'
// blocks until one of them writes (scoring/sharedblocks.h): the tuning workspace's copy of a
// console's table costs little while the console goes on adding and changing leads.

#include <limits>
#include <optional>
#include <vector>

#include <QMap>

#include "scoring/internedcolumn.h"
#include "scoring/packedstrings.h"
#include "scoring/sharedblocks.h"
#include "store/lead.h"

namespace handoff {

class StateReader;
class StateWriter;

class LeadTable
{
public:
    LeadTable();

    int size() const { return m_ids.size(); }
    int append(const Lead &lead);
    // Replaces the stored fields of an existing row.
    void update(int row, const Lead &lead);

    qint64 id(int row) const { return m_ids[row]; }
    std::optional<int> rowOf(qint64 id) const;
    Stage stage(int row) const { return Stage(m_stages[row]); }
    void setStage(int row, Stage stage) { m_stages.write(row) = quint8(stage); }
    qint64 createdAt(int row) const { return m_createdAt[row]; }
    // The file the lead came from gave no creation date: createdAt is when it reached Handoff.
    bool createdUndated(int row) const { return m_createdUndated[row] != 0; }
    // What the queues show and search: the name people read (the e-mail address or the
    // external id when there is no name), the e-mail address and the source system's id.
    QString displayName(int row) const { return m_names.at(row); }
    QString email(int row) const { return m_emails.at(row); }
    QString externalId(int row) const { return m_externalIds.at(row); }
    const QString &company(int row) const { return m_columns[size_t(m_companyColumn)].value(row); }
    const QString &title(int row) const { return m_columns[size_t(m_titleColumn)].value(row); }
    // The queues' search: name, e-mail, external id, company or title contains `needle`
    // (any case).
    bool matches(int row, const QString &needle) const;

    // Columns in leadfields::names() order, then the custom fields in the order first seen.
    int columnCount() const { return int(m_columns.size()); }
    int columnIndex(const QString &field) const; // -1 when unknown
    // The field name of each column ("industry", "custom:Lead Quality"), by column index.
    const QStringList &columnNames() const { return m_fieldNames; }
    // A custom field's value for a row ("custom:NAME" fields); adds the column on first use.
    void setCustom(int row, const QString &name, const QString &value);
    void setCustomFields(int row, const QMap<QString, QString> &fields);
    const InternedColumn &column(int index) const { return m_columns[size_t(index)]; }
    // How many leads have a value for the field, as rules see it; 0 for a field no column
    // holds. A rule on a field no lead has can never match: the tuning workspace says so.
    int filledCount(const QString &field) const;

    size_t memoryBytes() const;
    void save(StateWriter &out) const;
    // Replaces the table with what save() wrote; throws Error when it does not fit together.
    void restore(StateReader &in);

private:
    // Ids are SQLite rowids, dense from 1: a row is looked up by id below this one.
    static constexpr qint64 MaxId =
        std::numeric_limits<qint32>::max() - SharedBlocks<qint32>::BlockSize;

    QStringList m_fieldNames; // standard fields, then "custom:NAME" ones
    int m_companyColumn;
    int m_titleColumn;
    SharedBlocks<qint64> m_ids;
    SharedBlocks<qint32> m_rowById; // ids are SQLite rowids: dense from 1
    SharedBlocks<quint8> m_stages;
    SharedBlocks<qint64> m_createdAt;
    SharedBlocks<quint8> m_createdUndated;
    std::vector<InternedColumn> m_columns;
    PackedStrings m_names;
    PackedStrings m_emails;
    PackedStrings m_externalIds;
};

} // namespace handoff
