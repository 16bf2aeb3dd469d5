#include "store/postgrescopy.h"

#include <charconv>
#include <cmath>

#include <libpq-fe.h>

#include "store/dialect.h"
#include "store/error.h"

namespace handoff {

namespace {

// Held back before a send: large enough that the round trips do not count, small enough
// not to matter in memory.
constexpr qsizetype SendBytes = 1 << 20;

QString field(const PGresult *result, int code)
{
    return QString::fromUtf8(PQresultErrorField(result, code)).trimmed();
}

// What the server said of a statement it refused.
PostgresCopy::Refusal refusalOf(const PGresult *result)
{
    PostgresCopy::Refusal refusal;
    refusal.state = field(result, PG_DIAG_SQLSTATE);
    refusal.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
    refusal.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
    refusal.context = field(result, PG_DIAG_CONTEXT);
    refusal.column = field(result, PG_DIAG_COLUMN_NAME);
    refusal.constraint = field(result, PG_DIAG_CONSTRAINT_NAME);
    return refusal;
}

// One result at a time, cleared on every way out.
struct Result
{
    PGresult *result = nullptr;
    ~Result() { PQclear(result); }
};

} // namespace

QString PostgresCopy::Refusal::text() const
{
    QString text = message;
    for (const QString &part : {detail, context}) {
        if (!part.isEmpty())
            text += QStringLiteral(" (%1)").arg(part.simplified());
    }
    return text;
}

PostgresCopy::PostgresCopy(const QSqlDatabase &db, const QString &where, const QString &table,
                           const QStringList &columns)
    : m_conn(dialect::postgresHandle(db))
    , m_databaseName(where)
{
    if (!m_conn)
        throw Error(tr("%1: COPY needs a PostgreSQL connection").arg(m_databaseName));
    QStringList quoted;
    for (const QString &column : columns)
        quoted.append(identifier(column));
    const QByteArray statement = QStringLiteral("COPY %1 (%2) FROM STDIN")
                                     .arg(identifier(table), quoted.join(QStringLiteral(", ")))
                                     .toUtf8();
    Result start{PQexec(m_conn, statement.constData())};
    if (PQresultStatus(start.result) != PGRES_COPY_IN) {
        const Refusal refusal = refusalOf(start.result);
        throw Error(tr("%1: the server would not take rows for %2: %3")
                        .arg(m_databaseName, table,
                             refusal.message.isEmpty()
                                 ? QString::fromUtf8(PQerrorMessage(m_conn)).simplified()
                                 : refusal.text()));
    }
    m_open = true;
    m_buffer.reserve(SendBytes + 4096);
}

PostgresCopy::~PostgresCopy()
{
    if (!m_open)
        return;
    // Abandoned (an exception on the way): the server refuses the statement, and the
    // connection is ready for the caller's ROLLBACK.
    if (PQputCopyEnd(m_conn, "abandoned by the client") == 1) {
        while (PGresult *result = PQgetResult(m_conn))
            PQclear(result);
    }
}

QString PostgresCopy::identifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void PostgresCopy::separate()
{
    if (m_rowStarted)
        m_buffer.append('\t');
    m_rowStarted = true;
}

void PostgresCopy::addNull()
{
    separate();
    m_buffer.append("\\N", 2);
}

void PostgresCopy::addInteger(qint64 value)
{
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_buffer.append(digits, end - digits);
}

void PostgresCopy::addReal(double value)
{
    separate();
    if (std::isnan(value)) {
        m_buffer.append("NaN");
        return;
    }
    if (std::isinf(value)) {
        m_buffer.append(value > 0 ? "Infinity" : "-Infinity");
        return;
    }
    // The shortest digits that read back as the same double.
    char digits[32];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_buffer.append(digits, end - digits);
}

void PostgresCopy::addText(QByteArrayView utf8)
{
    separate();
    // COPY's text format: a backslash starts an escape, tab and newline end a field and a row.
    qsizetype plain = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        const char *escape = c == '\\'   ? "\\\\"
                             : c == '\t' ? "\\t"
                             : c == '\n' ? "\\n"
                             : c == '\r' ? "\\r"
                                         : nullptr;
        if (!escape)
            continue;
        m_buffer.append(utf8.data() + plain, i - plain);
        m_buffer.append(escape, 2);
        plain = i + 1;
    }
    m_buffer.append(utf8.data() + plain, utf8.size() - plain);
}

void PostgresCopy::endRow()
{
    m_buffer.append('\n');
    m_rowStarted = false;
    if (m_buffer.size() >= SendBytes)
        send();
}

void PostgresCopy::send()
{
    if (m_buffer.isEmpty())
        return;
    if (PQputCopyData(m_conn, m_buffer.constData(), int(m_buffer.size())) != 1)
        failConnection(tr("sending rows"));
    m_buffer.clear();
}

std::optional<PostgresCopy::Refusal> PostgresCopy::finish()
{
    send();
    m_open = false;
    if (PQputCopyEnd(m_conn, nullptr) != 1)
        failConnection(tr("ending the rows"));
    std::optional<Refusal> refusal;
    while (PGresult *next = PQgetResult(m_conn)) {
        const Result result{next};
        const ExecStatusType status = PQresultStatus(result.result);
        if (status != PGRES_COMMAND_OK && !refusal)
            refusal = refusalOf(result.result);
    }
    if (refusal && refusal->state.isEmpty() && PQstatus(m_conn) == CONNECTION_BAD)
        failConnection(tr("writing rows"));
    return refusal;
}

void PostgresCopy::failConnection(const QString &what) const
{
    throw Error(
        tr("%1: the connection to the server failed while %2 (%3); nothing of this "
           "change was written")
            .arg(m_databaseName, what, QString::fromUtf8(PQerrorMessage(m_conn)).simplified()));
}

} // namespace handoff
