#include "io/closematch.h"

#include <algorithm>
#include <vector>

#include <QRegularExpression>

namespace handoff {

namespace closematch {

namespace {

// Edits (insert, delete, replace, swap two neighbours) turning a into b.
qsizetype distance(const QString &a, const QString &b)
{
    const size_t n = size_t(a.size()), m = size_t(b.size());
    std::vector<std::vector<qsizetype>> d(n + 1, std::vector<qsizetype>(m + 1));
    for (size_t i = 0; i <= n; ++i)
        d[i][0] = qsizetype(i);
    for (size_t j = 0; j <= m; ++j)
        d[0][j] = qsizetype(j);
    for (size_t i = 1; i <= n; ++i) {
        for (size_t j = 1; j <= m; ++j) {
            const qsizetype cost = a[qsizetype(i - 1)] == b[qsizetype(j - 1)] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[qsizetype(i - 1)] == b[qsizetype(j - 2)] &&
                a[qsizetype(i - 2)] == b[qsizetype(j - 1)])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

// The words of a label, folded: "Web_Visit count" -> web, visit, count.
QStringList words(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    return text.toCaseFolded().split(separators, Qt::SkipEmptyParts);
}

} // namespace

QString nearest(const QString &word, const QStringList &candidates)
{
    const QString folded = word.toCaseFolded();
    const qsizetype allowed = std::max<qsizetype>(1, folded.size() / 3);
    QString best;
    qsizetype bestDistance = allowed + 1;
    for (const QString &candidate : candidates) {
        const qsizetype d = distance(folded, candidate.toCaseFolded());
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    if (!best.isEmpty())
        return best;
    // Else the one candidate sharing a word of four letters or more ("web_visit" and
    // "site_visit"; "Prospect" and "Prospect ID").
    QStringList sharing;
    for (const QString &w : words(word)) {
        for (const QString &candidate : candidates) {
            if (w.size() >= 4 && words(candidate).contains(w) && !sharing.contains(candidate))
                sharing.append(candidate);
        }
    }
    return sharing.size() == 1 ? sharing.first() : QString();
}

} // namespace closematch

} // namespace handoff
