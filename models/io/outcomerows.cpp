#include "io/outcomerows.h"

#include <QSet>

#include "io/filekind.h"
#include "store/error.h"

namespace handoff {

using filekind::findColumn;

OutcomeRows::OutcomeRows(QString fileName, QStringList header)
    : m_file(std::move(fileName))
    , m_header(std::move(header))
{
    m_isWon = findColumn(m_header, {"IsWon", "Won"});
    m_isClosed = findColumn(m_header, {"IsClosed", "Closed"});
    m_stage = findColumn(m_header, {"StageName", "Stage Name", "Deal Stage", "dealstage", "Stage",
                                    "Opportunity Stage", "status"});
    m_wonAt = findColumn(m_header, {"won_date", "Won Date", "won_at"});
    m_closedAt = findColumn(m_header, {"CloseDate", "Close Date", "Closing Date", "closed_at",
                                       "closedate", "Closed Date"});
    m_createdAt =
        findColumn(m_header, {"CreatedDate", "Created Date", "Create Date", "Created Time",
                              "created_at", "createdate", "first_contact_date"});
}

void OutcomeRows::learn(const QList<QStringList> &sample,
                        const std::function<bool(const QString &)> &isKnownLead)
{
    // Every column is tried: the one naming the most known leads is the link. Values a
    // deal shares with many (an owner, an account) rarely name a lead at all.
    const QSet<int> notLinks = {m_isWon, m_isClosed, m_stage, m_wonAt, m_closedAt, m_createdAt};
    int best = -1, bestMatches = 0;
    for (int c = 0; c < int(m_header.size()); ++c) {
        if (notLinks.contains(c))
            continue;
        int matches = 0;
        for (const QStringList &fields : sample) {
            const QString v = fields.value(c).trimmed();
            if (!valueparsers::isPlaceholder(v) && isKnownLead(v))
                ++matches;
        }
        if (matches > bestMatches) {
            best = c;
            bestMatches = matches;
        }
    }
    m_sampled = int(sample.size());
    if (best < 0)
        throw Error(tr("an opportunities (deals) export, but no column of its first %L1 rows "
                       "names a lead in the database")
                        .arg(sample.size()),
                    ErrorWhere::inFile(m_file),
                    tr("import the leads first (their ids or e-mails must be in this file "
                       "too)"));
    m_lead = best;
    m_matched = bestMatches;
    int emails = 0;
    for (const QStringList &fields : sample)
        emails += fields.value(best).contains(u'@') ? 1 : 0;
    m_leadByEmail = emails * 2 > int(sample.size());

    for (const int c : {m_wonAt, m_closedAt, m_createdAt}) {
        if (c < 0)
            continue;
        QStringList values;
        for (const QStringList &fields : sample)
            values.append(fields.value(c).trimmed());
        if (const auto format = valueparsers::detectDateFormat(values))
            m_formats.insert(c, *format);
    }
}

QString OutcomeRows::describe() const
{
    QString outcome;
    if (m_isWon >= 0)
        outcome = m_header[m_isWon];
    else if (m_stage >= 0)
        outcome = m_header[m_stage];
    else if (m_wonAt >= 0)
        outcome = m_header[m_wonAt];
    else
        outcome = tr("nothing: every deal counts as an open opportunity");
    return tr("Read as outcomes of the leads named by %1 (%L2 of the first %L3 rows name a "
              "known lead); won or lost from %4")
        .arg(m_header.value(m_lead))
        .arg(m_matched)
        .arg(m_sampled)
        .arg(outcome);
}

std::optional<qint64> OutcomeRows::date(int column, const QStringList &fields) const
{
    if (column < 0 || !m_formats.contains(column))
        return std::nullopt;
    return valueparsers::parseDate(fields.value(column).trimmed(), m_formats.value(column));
}

std::optional<ParsedRow> OutcomeRows::parse(qint64 line, const QStringList &fields,
                                            QList<ImportProblem> *problems) const
{
    ParsedRow row;
    row.line = line;
    const QString key = fields.value(m_lead).trimmed();
    if (valueparsers::isPlaceholder(key)) {
        problems->append({m_file, line, m_header.value(m_lead), {}, tr("names no lead")});
        return std::nullopt;
    }
    (m_leadByEmail ? row.lead.email : row.lead.externalId) = key;

    // Won, lost or still open, by the most explicit column the export has.
    std::optional<Stage> outcome;
    const auto flag = [&](int c) {
        return c >= 0 ? valueparsers::boolean(fields.value(c)) : std::nullopt;
    };
    if (const auto won = flag(m_isWon); won && *won) {
        outcome = Stage::Won;
    } else if (const auto closed = flag(m_isClosed); closed && *closed && won) {
        outcome = Stage::Lost;
    } else if (m_stage >= 0) {
        const auto code = valueparsers::stageCode(fields.value(m_stage).trimmed());
        const auto s = code ? stage::fromString(*code) : std::nullopt;
        if (s == Stage::Won || s == Stage::Lost)
            outcome = s;
    }
    if (!outcome && m_wonAt >= 0 && !valueparsers::isPlaceholder(fields.value(m_wonAt).trimmed()))
        outcome = Stage::Won;

    const auto created = date(m_createdAt, fields);
    if (created)
        row.stagesReached.append({*created, Stage::Opportunity});
    if (outcome) {
        const auto closed = m_wonAt >= 0 && *outcome == Stage::Won ? date(m_wonAt, fields)
                                                                   : date(m_closedAt, fields);
        const auto at = closed ? closed : created;
        if (!at) {
            problems->append({m_file, line, m_header.value(m_closedAt >= 0 ? m_closedAt : m_wonAt),
                              fields.value(m_closedAt >= 0 ? m_closedAt : m_wonAt),
                              tr("is not a date: when the deal closed is unknown")});
            return std::nullopt;
        }
        row.stagesReached.append({*at, *outcome});
    } else if (!created) {
        problems->append({m_file, line, m_header.value(m_createdAt), fields.value(m_createdAt),
                          tr("gives no date: when the lead became an opportunity is unknown")});
        return std::nullopt;
    }
    return row;
}

} // namespace handoff
