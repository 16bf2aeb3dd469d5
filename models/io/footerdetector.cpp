#include "io/footerdetector.h"

#include <QRegularExpression>

#include "scoring/valueparsers.h"

namespace handoff {

using Kind = ColumnTarget::Kind;

namespace {

bool isFilled(const QString &value)
{
    return !valueparsers::isPlaceholder(value.trimmed());
}

int filledCount(const QStringList &fields)
{
    int filled = 0;
    for (const QString &f : fields)
        filled += isFilled(f) ? 1 : 0;
    return filled;
}

bool isNumeric(const QString &value)
{
    return valueparsers::number(value.trimmed()).has_value();
}

} // namespace

FooterDetector::FooterDetector(QStringList header, const ColumnMapping &mapping)
    : m_header(std::move(header))
    , m_emailColumn(mapping.indexOf(Kind::LeadField, QStringLiteral("email")))
    , m_externalIdColumn(mapping.indexOf(Kind::LeadField, QStringLiteral("external_id")))
    , m_textColumn(size_t(m_header.size()), false)
{}

void FooterDetector::learn(const QList<QStringList> &sample)
{
    // What a lead row looks like is learned from rows that name one: first the ids' shape,
    // then, from the rows whose id has it, which columns hold text.
    QStringList ids;
    for (const QStringList &fields : sample) {
        if (m_externalIdColumn >= 0 && namesALead(fields) && !isRepeatedHeader(fields))
            ids.append(fields.value(m_externalIdColumn).trimmed());
    }
    m_idShape = identity::commonShape(ids);
    std::vector<int> text(m_textColumn.size(), 0), numbers(m_textColumn.size(), 0);
    for (const QStringList &fields : sample) {
        if (!namesALead(fields) || isRepeatedHeader(fields))
            continue;
        for (qsizetype c = 0; c < fields.size() && c < qsizetype(text.size()); ++c) {
            if (!isFilled(fields[c]))
                continue;
            ++(isNumeric(fields[c]) ? numbers : text)[size_t(c)];
        }
    }
    for (size_t c = 0; c < m_textColumn.size(); ++c)
        m_textColumn[c] = text[c] >= 3 && numbers[c] * 20 <= text[c];
}

bool FooterDetector::namesALead(const QStringList &fields) const
{
    if (m_emailColumn >= 0 && fields.value(m_emailColumn).contains(u'@'))
        return true;
    if (m_externalIdColumn < 0)
        return false;
    const QString id = fields.value(m_externalIdColumn).trimmed();
    if (valueparsers::isPlaceholder(id))
        return false;
    // A statistics row's "0" under a column of record ids names nothing.
    return m_idShape == identity::Shape::None || identity::shapeOf(id) == m_idShape;
}

bool FooterDetector::isRepeatedHeader(const QStringList &fields) const
{
    int same = 0;
    for (qsizetype c = 0; c < fields.size() && c < m_header.size(); ++c) {
        const QString value = fields[c].trimmed();
        if (value.isEmpty())
            continue;
        if (value.compare(m_header[c], Qt::CaseInsensitive) != 0)
            return false;
        ++same;
    }
    return same >= std::min<qsizetype>(2, m_header.size());
}

bool FooterDetector::hasNumbersWhereTextBelongs(const QStringList &fields) const
{
    int numbersInText = 0;
    for (qsizetype c = 0; c < fields.size() && c < qsizetype(m_textColumn.size()); ++c) {
        if (!m_textColumn[size_t(c)] || !isFilled(fields[c]))
            continue;
        if (!isNumeric(fields[c]))
            return false;
        ++numbersInText;
    }
    return numbersInText > 0;
}

bool FooterDetector::isNotALead(const QStringList &fields, bool afterBlankLine)
{
    m_afterBlank |= afterBlankLine;
    const int filled = filledCount(fields);
    if (filled == 0) {
        m_afterBlank = true;
        return true;
    }
    if (isRepeatedHeader(fields))
        return true;
    if (namesALead(fields)) {
        m_afterBlank = false;
        return false;
    }
    static const QRegularExpression totals(
        QStringLiteral("^(grand )?(totals?|subtotals?|sum|average|count|record count)\\b|"
                       "^generated (by|on|at)\\b|^copyright\\b|^\\(c\\)|^©|^confidential|"
                       "^report (generated|run|created)|^\\d[\\d,. ]* records?\\b"),
        QRegularExpression::CaseInsensitiveOption);
    for (const QString &f : fields) {
        if (isFilled(f)) {
            if (totals.match(f.trimmed()).hasMatch())
                return true;
            break; // the label is the first thing in the row
        }
    }
    return filled == 1 || m_afterBlank || hasNumbersWhereTextBelongs(fields);
}

} // namespace handoff
