#include "io/csvwriter.h"

namespace handoff {

CsvWriter::CsvWriter(const QString &filePath, Options options)
    : m_file(filePath)
    , m_options(options)
{}

bool CsvWriter::open(QString *error)
{
    if (!m_file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: cannot be written: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    if (m_options.byteOrderMark)
        m_failed = m_file.write("\xEF\xBB\xBF") != 3;
    return true;
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

bool CsvWriter::close(QString *error)
{
    if (m_failed) {
        *error = tr("%1: cannot be written: %2").arg(m_file.fileName(), m_file.errorString());
        m_file.cancelWriting();
        m_file.commit();
        return false;
    }
    if (!m_file.commit()) {
        *error = tr("%1: cannot be written: %2").arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

bool CsvWriter::writeModel(const QAbstractItemModel &model, const QString &filePath,
                           Options options, QString *error)
{
    CsvWriter writer(filePath, options);
    if (!writer.open(error))
        return false;
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
    return writer.close(error);
}

} // namespace handoff
