#pragma once

// Each lead's latest verdict when it is a rejection (HandoffRepository::latestRejections):
// what the interest queue shows beside a recycled lead. A million-lead team has a hundred
// thousand of them, so they are kept as one sorted list of small entries, the texts (who
// rejected, why, the note: few distinct ones) once each, instead of a hash node of four
// values each (88 bytes a rejection, 14 MB at a million leads; 32 bytes now).

#include <optional>
#include <vector>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace handoff {

struct Rejection
{
    qint64 at = 0;
    QString by;
    QString reason;
    QString note;
    bool operator==(const Rejection &) const = default;
};

class LatestRejections
{
public:
    // Built from rows in any order; a lead noted again has the last one noted.
    class Builder;

    qsizetype size() const { return qsizetype(m_entries.size()); }
    bool isEmpty() const { return m_entries.empty(); }
    bool contains(qint64 leadId) const { return entry(leadId) != nullptr; }
    std::optional<Rejection> find(qint64 leadId) const;
    // Lead by lead, in lead id order.
    template <typename F> void forEachLead(F f) const
    {
        for (const Entry &e : m_entries)
            f(e.leadId);
    }
    bool operator==(const LatestRejections &other) const;
    // This list with what `now` holds for `leads` in place of what it held for them (a
    // lead of `leads` that `now` lacks has no latest rejection any more).
    LatestRejections withLeadsReplaced(const QSet<qint64> &leads,
                                       const LatestRejections &now) const;

private:
    struct Entry
    {
        qint64 leadId = 0;
        qint64 at = 0;
        quint32 by = 0; // indices into m_texts
        quint32 reason = 0;
        quint32 note = 0;
    };
    const Entry *entry(qint64 leadId) const;
    quint32 textId(const QString &text);
    void append(qint64 leadId, const Rejection &rejection);
    void sortByLead();
    Rejection rejection(const Entry &e) const;

    std::vector<Entry> m_entries; // by lead id
    QList<QString> m_texts;
    qsizetype m_textsWhenBuilt = 0; // withLeadsReplaced() numbers texts again past twice it
    QHash<QString, quint32> m_textIds;
};

class LatestRejections::Builder
{
public:
    void add(qint64 leadId, const Rejection &rejection);
    LatestRejections take();

private:
    LatestRejections m_list;
};

} // namespace handoff
