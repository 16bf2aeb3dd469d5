#include "store/error.h"

#include <QCoreApplication>

namespace handoff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("handoff::Error", text);
}

} // namespace

ErrorWhere ErrorWhere::inFile(QString file, qint64 line, QString column)
{
    ErrorWhere where;
    where.file = std::move(file);
    where.line = line;
    where.column = std::move(column);
    return where;
}

ErrorWhere ErrorWhere::forRecord(QString record)
{
    ErrorWhere where;
    where.record = std::move(record);
    return where;
}

bool ErrorWhere::isEmpty() const
{
    return file.isEmpty() && line <= 0 && column.isEmpty() && record.isEmpty();
}

QString ErrorWhere::text() const
{
    // The same words ImportProblem::describe() and the readers have always used.
    QString where = !file.isEmpty() ? file : record;
    const auto append = [&where](const QString &part) {
        where = where.isEmpty() ? part : tr("%1, %2").arg(where, part);
    };
    if (!file.isEmpty() && !record.isEmpty())
        append(record);
    if (line > 0)
        append(tr("line %1").arg(line));
    if (!column.isEmpty())
        append(tr("column %1").arg(column));
    return where;
}

QString Error::compose(const QString &what, const Where &where, const QString &whatToDo)
{
    QString message = where.isEmpty() ? what : tr("%1: %2").arg(where.text(), what);
    if (!whatToDo.isEmpty())
        message = tr("%1; %2").arg(message, whatToDo);
    return message;
}

Error::Error(QString what, Where where, QString whatToDo)
    : std::runtime_error(compose(what, where, whatToDo).toStdString())
    , m_what(std::move(what))
    , m_where(std::move(where))
    , m_whatToDo(std::move(whatToDo))
    , m_message(compose(m_what, m_where, m_whatToDo))
{}

} // namespace handoff
