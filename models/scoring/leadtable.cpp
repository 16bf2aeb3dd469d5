#include "scoring/leadtable.h"

#include <algorithm>
#include <limits>

#include <QCoreApplication>

#include "scoring/leadfields.h"
#include "scoring/statestream.h"

namespace handoff {

LeadTable::LeadTable()
    : m_fieldNames(leadfields::names())
    , m_companyColumn(int(m_fieldNames.indexOf(QStringLiteral("company"))))
    , m_titleColumn(int(m_fieldNames.indexOf(QStringLiteral("title"))))
    , m_columns(size_t(m_fieldNames.size()))
{}

bool LeadTable::matches(int row, const QString &needle) const
{
    return displayName(row).contains(needle, Qt::CaseInsensitive) ||
           email(row).contains(needle, Qt::CaseInsensitive) ||
           externalId(row).contains(needle, Qt::CaseInsensitive) ||
           company(row).contains(needle, Qt::CaseInsensitive) ||
           title(row).contains(needle, Qt::CaseInsensitive);
}

int LeadTable::append(const Lead &lead)
{
    const int row = size();
    // The texts first: what cannot be held leaves the table as it was.
    m_names.set(row, lead.displayName());
    m_emails.set(row, lead.email);
    m_externalIds.set(row, lead.externalId);
    for (size_t c = 0; c < m_columns.size(); ++c) {
        const QString &field = m_fieldNames[qsizetype(c)];
        m_columns[c].set(row,
                         leadfields::isCustom(field) ? QString() : leadfields::value(lead, field));
    }
    m_stages.resize(row + 1, 0);
    m_createdAt.resize(row + 1, 0);
    m_createdUndated.resize(row + 1, 0);
    m_stages.write(row) = quint8(lead.stage);
    m_createdAt.write(row) = lead.createdAt;
    m_createdUndated.write(row) = lead.createdUndated ? 1 : 0;
    if (lead.id >= 0 && lead.id < MaxId) {
        m_rowById.resize(int(lead.id) + 1, -1);
        m_rowById.write(int(lead.id)) = row;
    }
    m_ids.resize(row + 1, 0);
    m_ids.write(row) = lead.id;
    return row;
}

void LeadTable::update(int row, const Lead &lead)
{
    m_stages.write(row) = quint8(lead.stage);
    m_createdAt.write(row) = lead.createdAt;
    m_createdUndated.write(row) = lead.createdUndated ? 1 : 0;
    m_names.set(row, lead.displayName());
    m_emails.set(row, lead.email);
    m_externalIds.set(row, lead.externalId);
    for (size_t c = 0; c < m_columns.size(); ++c) {
        const QString &field = m_fieldNames[qsizetype(c)];
        if (!leadfields::isCustom(field)) // custom fields come through setCustomFields()
            m_columns[c].set(row, leadfields::value(lead, field));
    }
}

std::optional<int> LeadTable::rowOf(qint64 id) const
{
    if (id < 0 || id >= m_rowById.size() || m_rowById[int(id)] < 0)
        return std::nullopt;
    return m_rowById[int(id)];
}

void LeadTable::setCustom(int row, const QString &name, const QString &value)
{
    const QString field = leadfields::customField(name);
    int c = columnIndex(field);
    if (c < 0) {
        m_fieldNames.append(field);
        InternedColumn column;
        if (size() > 0)
            column.set(size() - 1, QString()); // every row empty
        m_columns.push_back(std::move(column));
        c = int(m_columns.size()) - 1;
    }
    m_columns[size_t(c)].set(row, value);
}

void LeadTable::setCustomFields(int row, const QMap<QString, QString> &fields)
{
    for (int c = 0; c < int(m_columns.size()); ++c) {
        const QString &field = m_fieldNames[c];
        if (leadfields::isCustom(field))
            m_columns[size_t(c)].set(row, fields.value(leadfields::customName(field)));
    }
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        setCustom(row, it.key(), it.value());
}

int LeadTable::columnIndex(const QString &field) const
{
    return int(m_fieldNames.indexOf(field));
}

int LeadTable::filledCount(const QString &field) const
{
    const int c = columnIndex(field);
    return c < 0 ? 0 : m_columns[size_t(c)].filledCount();
}

void LeadTable::save(StateWriter &out) const
{
    out.texts(m_fieldNames);
    m_ids.save(out, size());
    m_stages.save(out, size());
    m_createdAt.save(out, size());
    m_createdUndated.save(out, size());
    for (const InternedColumn &c : m_columns)
        c.save(out);
    m_names.save(out);
    m_emails.save(out);
    m_externalIds.save(out);
}

void LeadTable::restore(StateReader &in)
{
    // A build with other standard fields lays the columns out otherwise: start afresh.
    const QStringList fields = in.texts(1 << 16);
    const QStringList standard = leadfields::names();
    if (fields.mid(0, standard.size()) != standard)
        in.refuse(QCoreApplication::translate("StartState", "made with other lead fields"));
    *this = LeadTable();
    m_fieldNames = fields;
    m_ids.restoreAll(in, size_t(MaxId));
    const int rows = size();
    m_stages.resize(rows, 0);
    m_createdAt.resize(rows, 0);
    m_createdUndated.resize(rows, 0);
    m_stages.restore(in, rows);
    m_createdAt.restore(in, rows);
    m_createdUndated.restore(in, rows);
    if (!m_stages.allOf(rows,
                        [](quint8 s) { return s <= quint8(Stage::Disqualified); })) // the last
        in.refuse(QCoreApplication::translate("StartState", "damaged (the lead columns)"));
    m_columns.assign(size_t(fields.size()), InternedColumn());
    for (InternedColumn &c : m_columns)
        c.restore(in, rows);
    m_names.restore(in, rows);
    m_emails.restore(in, rows);
    m_externalIds.restore(in, rows);
    // Ids are rowids, dense from 1 unless many leads were deleted: a table far sparser than
    // that is refused (and read afresh) rather than given a lookup of billions of entries.
    qint64 maxId = 0;
    bool positive = true;
    m_ids.forEachBlock(rows, [&](int, const qint64 *ids, int n) {
        maxId = std::max(maxId, *std::max_element(ids, ids + n));
        positive = positive && std::all_of(ids, ids + n, [](qint64 id) { return id >= 0; });
    });
    if (maxId > qint64(rows) * 64 + (1 << 24) || maxId >= MaxId || !positive)
        in.refuse(QCoreApplication::translate("StartState", "damaged (the lead ids)"));
    m_rowById.resize(int(maxId) + 1, -1);
    for (int row = 0; row < rows; ++row) {
        qint32 &slot = m_rowById.write(int(m_ids[row]));
        if (slot >= 0) // a lead twice
            in.refuse(QCoreApplication::translate("StartState", "damaged (the lead ids)"));
        slot = row;
    }
}

size_t LeadTable::memoryBytes() const
{
    size_t bytes = m_ids.memoryBytes() + m_rowById.memoryBytes() + m_stages.memoryBytes() +
                   m_createdAt.memoryBytes() + m_createdUndated.memoryBytes() +
                   m_names.memoryBytes() + m_emails.memoryBytes() + m_externalIds.memoryBytes();
    for (const InternedColumn &c : m_columns)
        bytes += c.memoryBytes();
    return bytes;
}

} // namespace handoff
