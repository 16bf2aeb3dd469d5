#include "store/databasecheck.h"

#include <QSqlQuery>

#include "store/dialect.h"
#include "store/error.h"
#include "store/sqlquery.h"

namespace handoff {

namespace {
// Enough examples to act on; the count says how many there are.
constexpr int MaxExamples = 10;
} // namespace

DatabaseCheck::DatabaseCheck(QSqlDatabase db)
    : m_db(std::move(db))
{}

QList<DatabaseCheck::Finding> DatabaseCheck::run(const Progress &progress) const
{
    using Check = QStringList (DatabaseCheck::*)() const;
    QList<std::pair<QString, Check>> checks;
    // A team server checks references at every write and keeps its own pages (amcheck and
    // checksums are its keeper's); SQLite's PRAGMAs mean nothing there.
    if (dialect::backendOf(m_db) == Backend::SQLite)
        checks = {
            {tr("the file's pages and indexes (integrity check)"), &DatabaseCheck::integrity},
            {tr("references between tables (foreign keys)"), &DatabaseCheck::foreignKeys},
        };
    checks += {
        {tr("at most one open handoff per lead"), &DatabaseCheck::openHandoffs},
        {tr("claims and outcomes recorded whole"), &DatabaseCheck::wholeRecords},
        {tr("live scoring models signed off by marketing and sales"), &DatabaseCheck::liveModels},
        {tr("undone imports removed entirely"), &DatabaseCheck::importBatches},
    };
    const int total = int(checks.size());
    QList<Finding> findings;
    for (int i = 0; i < total; ++i) {
        if (progress && !progress(i, total))
            throw Error(tr("The check was cancelled"));
        Finding finding{checks[i].first, {}};
        try {
            finding.problems = (this->*checks[i].second)();
        } catch (const Error &e) {
            finding.problems = {tr("could not be checked: %1").arg(e.message())};
        }
        findings.append(finding);
    }
    if (progress)
        progress(total, total);
    return findings;
}

bool DatabaseCheck::passed(const QList<Finding> &findings)
{
    return std::all_of(findings.begin(), findings.end(),
                       [](const Finding &f) { return f.problems.isEmpty(); });
}

QStringList DatabaseCheck::rows(const QString &statement,
                                const std::function<QString(const QSqlQuery &)> &describe) const
{
    auto q = sql::prepare(m_db, statement);
    q.setForwardOnly(true);
    sql::exec(q);
    QStringList problems;
    int count = 0;
    while (sql::next(q)) {
        if (++count <= MaxExamples)
            problems.append(describe(q.query()));
    }
    if (count > MaxExamples)
        problems.append(tr("… and %n more", nullptr, count - MaxExamples));
    return problems;
}

QStringList DatabaseCheck::integrity() const
{
    const QStringList found = rows(QStringLiteral("PRAGMA integrity_check(%1)").arg(MaxExamples),
                                   [](const QSqlQuery &q) { return q.value(0).toString(); });
    if (found == QStringList{QStringLiteral("ok")})
        return {};
    // SQLite opens its list with a "*** in database main ***" line: noise for a person.
    QStringList problems;
    for (const QString &row : found) {
        for (const QString &line : row.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!line.startsWith(QLatin1String("***")))
                problems.append(line);
        }
    }
    return problems;
}

QStringList DatabaseCheck::foreignKeys() const
{
    return rows(QStringLiteral("PRAGMA foreign_key_check"), [](const QSqlQuery &q) {
        return tr("row %1 of %2 refers to a missing row of %3")
            .arg(q.value(1).toString(), q.value(0).toString(), q.value(2).toString());
    });
}

QStringList DatabaseCheck::openHandoffs() const
{
    return rows(QStringLiteral("SELECT lead_id, count(*) FROM handoffs WHERE outcome IS NULL "
                               "GROUP BY lead_id HAVING count(*) > 1"),
                [](const QSqlQuery &q) {
                    return tr("lead %1 has %2 open handoffs")
                        .arg(q.value(0).toString(), q.value(1).toString());
                });
}

QStringList DatabaseCheck::wholeRecords() const
{
    return rows(QStringLiteral("SELECT id, lead_id FROM handoffs "
                               "WHERE (claimed_by IS NULL) <> (claimed_at IS NULL) "
                               "OR (outcome IS NULL) <> (outcome_at IS NULL) "
                               "OR (outcome IS NULL) <> (outcome_by IS NULL)"),
                [](const QSqlQuery &q) {
                    return tr("handoff %1 (lead %2) has a claim or an outcome without its "
                              "time or person")
                        .arg(q.value(0).toString(), q.value(1).toString());
                });
}

QStringList DatabaseCheck::liveModels() const
{
    // The starting model (written by the system when the database was made) needs no
    // sign-off; every later one goes live only with both sides' signatures.
    QStringList problems = rows(
        QStringLiteral("SELECT m.id, m.name FROM scoring_models m WHERE m.status = 'live' "
                       "AND m.author <> 'system' AND ((SELECT count(DISTINCT s.side) FROM "
                       "model_signoffs s WHERE s.model_id = m.id) < 2 OR (SELECT "
                       "count(DISTINCT s.signed_by) FROM model_signoffs s WHERE s.model_id = m.id) "
                       "< 2)"),
        [](const QSqlQuery &q) {
            return tr("live model %1 (%2) lacks a marketing and a sales sign-off by two "
                      "different people")
                .arg(q.value(0).toString(), q.value(1).toString());
        });
    const qint64 live = sql::scalar(
        m_db, QStringLiteral("SELECT count(*) FROM scoring_models WHERE status = 'live'"));
    if (live > 1)
        problems.append(tr("%1 models are live at once").arg(live));
    return problems;
}

QStringList DatabaseCheck::importBatches() const
{
    return rows(QStringLiteral(
                    "SELECT b.id, b.file_name FROM import_batches b WHERE b.undone_at IS NOT NULL "
                    "AND (EXISTS (SELECT 1 FROM activities a WHERE a.import_batch_id = b.id) "
                    "OR EXISTS (SELECT 1 FROM stage_history h WHERE h.import_batch_id = b.id))"),
                [](const QSqlQuery &q) {
                    return tr("import %1 (%2) is marked undone but some of what it wrote is "
                              "still there")
                        .arg(q.value(0).toString(), q.value(1).toString());
                });
}

} // namespace handoff
