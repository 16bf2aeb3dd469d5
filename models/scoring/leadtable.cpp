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

void LeadTable::reserve(const LeadTextBytes &room)
{
    const int leads = int(room.leads);
    // With a little more for what the database and Qt count differently (whitespace only Qt
    // trims, say): less than squeeze() gives back, so the texts are not copied then either.
    const auto bytes = [](qint64 n) { return n + n / 128 + 64; };
    m_ids.reserve(size_t(leads));
    m_stages.reserve(size_t(leads));
    m_createdAt.reserve(size_t(leads));
    m_createdUndated.reserve(size_t(leads));
    m_names.reserve(leads, bytes(room.displayNames));
    m_emails.reserve(leads, bytes(room.emails));
    m_externalIds.reserve(leads, bytes(room.externalIds));
    for (InternedColumn &column : m_columns)
        column.reserve(leads);
}

void LeadTable::squeeze()
{
    m_names.squeeze();
    m_emails.squeeze();
    m_externalIds.squeeze();
    m_ids.shrink_to_fit();
    m_rowById.shrink_to_fit();
    m_stages.shrink_to_fit();
    m_createdAt.shrink_to_fit();
    m_createdUndated.shrink_to_fit();
}

int LeadTable::append(const Lead &lead)
{
    const int row = size();
    m_ids.push_back(lead.id);
    if (lead.id >= 0) {
        if (size_t(lead.id) >= m_rowById.size())
            m_rowById.resize(std::max(size_t(lead.id) + 1, m_rowById.size() * 3 / 2), -1);
        m_rowById[size_t(lead.id)] = row;
    }
    m_stages.push_back(quint8(lead.stage));
    m_createdAt.push_back(lead.createdAt);
    m_createdUndated.push_back(lead.createdUndated);
    m_names.append(lead.displayName());
    m_emails.append(lead.email);
    m_externalIds.append(lead.externalId);
    for (size_t c = 0; c < m_columns.size(); ++c) {
        const QString &field = m_fieldNames[qsizetype(c)];
        m_columns[c].append(leadfields::isCustom(field) ? QString()
                                                        : leadfields::value(lead, field));
    }
    return row;
}

void LeadTable::update(int row, const Lead &lead)
{
    m_stages[size_t(row)] = quint8(lead.stage);
    m_createdAt[size_t(row)] = lead.createdAt;
    m_createdUndated[size_t(row)] = lead.createdUndated;
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
    if (id < 0 || size_t(id) >= m_rowById.size() || m_rowById[size_t(id)] < 0)
        return std::nullopt;
    return m_rowById[size_t(id)];
}

void LeadTable::setCustom(int row, const QString &name, const QString &value)
{
    const QString field = leadfields::customField(name);
    int c = columnIndex(field);
    if (c < 0) {
        m_fieldNames.append(field);
        InternedColumn column;
        for (int r = 0; r < size(); ++r)
            column.append(QString());
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
    out.array(m_ids);
    out.array(m_stages);
    out.array(m_createdAt);
    const std::vector<quint8> undated(m_createdUndated.cbegin(), m_createdUndated.cend());
    out.array(undated);
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
    constexpr size_t MaxRows = std::numeric_limits<qint32>::max();
    in.array(m_ids, MaxRows);
    const size_t rows = m_ids.size();
    in.array(m_stages, rows);
    in.array(m_createdAt, rows);
    std::vector<quint8> undated;
    in.array(undated, rows);
    if (m_stages.size() != rows || m_createdAt.size() != rows || undated.size() != rows ||
        std::any_of(m_stages.cbegin(), m_stages.cend(),
                    [](quint8 s) { return s > quint8(Stage::Disqualified); })) // the last
        in.refuse(QCoreApplication::translate("StartState", "damaged (the lead columns)"));
    m_createdUndated.assign(undated.cbegin(), undated.cend());
    m_columns.assign(size_t(fields.size()), InternedColumn());
    for (InternedColumn &c : m_columns)
        c.restore(in, rows);
    m_names.restore(in, rows);
    m_emails.restore(in, rows);
    m_externalIds.restore(in, rows);
    // Ids are rowids, dense from 1 unless many leads were deleted: a table far sparser than
    // that is refused (and read afresh) rather than given a lookup of billions of entries.
    const qint64 maxId = rows == 0 ? 0 : *std::max_element(m_ids.cbegin(), m_ids.cend());
    if (maxId > qint64(rows) * 64 + (1 << 24) ||
        std::any_of(m_ids.cbegin(), m_ids.cend(), [](qint64 id) { return id < 0; }))
        in.refuse(QCoreApplication::translate("StartState", "damaged (the lead ids)"));
    m_rowById.assign(size_t(maxId) + 1, -1);
    for (size_t row = 0; row < rows; ++row) {
        qint32 &slot = m_rowById[size_t(m_ids[row])];
        if (slot >= 0) // a lead twice
            in.refuse(QCoreApplication::translate("StartState", "damaged (the lead ids)"));
        slot = qint32(row);
    }
}

size_t LeadTable::memoryBytes() const
{
    size_t bytes = m_ids.capacity() * sizeof(qint64) + m_rowById.capacity() * sizeof(qint32) +
                   m_stages.capacity() + m_createdAt.capacity() * sizeof(qint64) +
                   m_names.memoryBytes() + m_emails.memoryBytes() + m_externalIds.memoryBytes();
    for (const InternedColumn &c : m_columns)
        bytes += c.memoryBytes();
    return bytes;
}

} // namespace handoff
