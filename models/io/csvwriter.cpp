#include "io/csvwriter.h"

#include "store/error.h"

namespace handoff {

CsvWriter::CsvWriter(const QString &filePath, Options options)
    : m_file(filePath)
    , m_options(options)
{}

void CsvWriter::fail()
{
    throw Error(tr("cannot be written: %1").arg(m_file.errorString()),
                ErrorWhere::inFile(m_file.fileName()));
}

void CsvWriter::open()
{
    if (!m_file.open(QIODevice::WriteOnly))
        fail();
    if (m_options.byteOrderMark)
        m_failed = m_file.write("\xEF\xBB\xBF") != 3;
}

QString CsvWriter::neutralised(const QString &value)
{
    if (value.isEmpty())
        return value;
    const QChar first = value.front();
    if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-') ||
        first == QLatin1Char('@') || first == QLatin1Char('\t') || first == QLatin1Char('\r'))
        return QLatin1Char('\'') + value;
    return value;
}

QString CsvWriter::field(const QString &value)
{
    const QString safe = neutralised(value);
    const bool quote = safe.contains(QLatin1Char(',')) || safe.contains(QLatin1Char('"')) ||
                       safe.contains(QLatin1Char('\n')) || safe.contains(QLatin1Char('\r')) ||
                       safe.contains(QLatin1Char(';'));
    if (!quote)
        return safe;
    QString quoted = safe;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void CsvWriter::writeRow(const QStringList &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString &f : fields)
        out.append(field(f));
    const QByteArray line = out.join(QLatin1Char(',')).toUtf8() + "\r\n";
    if (m_file.write(line) != line.size())
        m_failed = true;
}

void CsvWriter::close()
{
    if (m_failed) {
        const Error error(tr("cannot be written: %1").arg(m_file.errorString()),
                          ErrorWhere::inFile(m_file.fileName()));
        m_file.cancelWriting();
        m_file.commit();
        throw error;
    }
    if (!m_file.commit())
        fail();
}

void CsvWriter::writeModel(const QAbstractItemModel &model, const QString &filePath,
                           Options options)
{
    CsvWriter writer(filePath, options);
    writer.open();
    QStringList header;
    for (int c = 0; c < model.columnCount(); ++c)
        header.append(model.headerData(c, Qt::Horizontal).toString());
    writer.writeRow(header);
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < model.columnCount(); ++c)
            row.append(model.index(r, c).data().toString());
        writer.writeRow(row);
    }
    writer.close();
}

} // namespace handoff
