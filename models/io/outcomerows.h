#pragma once

// Reads an opportunities (deals) export as outcomes of the leads it names: each row becomes
// the stages its lead reached (an opportunity when it was created; won or lost when it
// closed), never a lead of its own. Which column names the lead is found from the data: the
// column whose values, in the first rows, are most often a known lead's id or e-mail (a lead
// id, a converted lead's id, an e-mail, a key both files share such as `mql_id`). Whether a
// deal was won comes from IsWon/IsClosed, a stage column, or a won date.

#include <functional>
#include <optional>

#include <QCoreApplication>
#include <QHash>

#include "io/rowparser.h"
#include "scoring/valueparsers.h"

namespace handoff {

class OutcomeRows
{
    Q_DECLARE_TR_FUNCTIONS(OutcomeRows)

public:
    OutcomeRows(QString fileName, QStringList header);

    // Picks the column that names leads and learns the date formats. Throws Error naming
    // the file when no column names a known lead.
    void learn(const QList<QStringList> &sample,
               const std::function<bool(const QString &value)> &isKnownLead);
    // "leads found by mql_id (380 of 380 rows read name a known lead); outcome from won_date"
    QString describe() const;

    // The row as what it says about its lead (the lead named in lead.externalId or
    // lead.email, no field of its own), or nullopt with *problems saying why not.
    std::optional<ParsedRow> parse(qint64 line, const QStringList &fields,
                                   QList<ImportProblem> *problems) const;
    int leadColumn() const { return m_lead; }

private:
    std::optional<qint64> date(int column, const QStringList &fields) const;

    QString m_file;
    QStringList m_header;
    int m_lead = -1;
    bool m_leadByEmail = false;
    int m_matched = 0, m_sampled = 0;
    int m_isWon = -1, m_isClosed = -1, m_stage = -1;
    int m_closedAt = -1, m_wonAt = -1, m_createdAt = -1;
    QHash<int, valueparsers::DateFormat> m_formats;
};

} // namespace handoff
