#include "cli/output.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace handoff {

std::optional<OutputFormat> outputFormatFrom(const QString &name)
{
    if (name == QLatin1String("table"))
        return OutputFormat::Table;
    if (name == QLatin1String("json"))
        return OutputFormat::Json;
    if (name == QLatin1String("csv"))
        return OutputFormat::Csv;
    return std::nullopt;
}

QString cellText(const QVariant &value)
{
    if (value.typeId() == QMetaType::Double) {
        const double d = value.toDouble();
        return d == std::round(d) ? QString::number(qint64(d)) : QString::number(d, 'f', 1);
    }
    return value.toString();
}

namespace {

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void writeText(QTextStream &out, const OutputTable &table)
{
    QList<qsizetype> widths;
    for (const QString &c : table.columns)
        widths.append(c.size());
    QList<QStringList> cells;
    for (const QVariantList &row : table.rows) {
        QStringList texts;
        for (qsizetype i = 0; i < row.size(); ++i) {
            texts.append(cellText(row[i]));
            widths[i] = std::max(widths[i], texts.last().size());
        }
        cells.append(texts);
    }
    const auto line = [&](const QStringList &texts) {
        QString text;
        for (qsizetype i = 0; i < texts.size(); ++i)
            text += texts[i].leftJustified(widths[i] + 2);
        out << text.trimmed() << '\n';
    };
    line(table.columns);
    for (const QStringList &texts : cells)
        line(texts);
}

} // namespace

void writeTable(QTextStream &out, const OutputTable &table, OutputFormat format)
{
    switch (format) {
    case OutputFormat::Table:
        writeText(out, table);
        break;
    case OutputFormat::Json: {
        QJsonArray array;
        for (const QVariantList &row : table.rows) {
            QJsonObject object;
            for (qsizetype i = 0; i < row.size(); ++i)
                object.insert(table.columns[i], QJsonValue::fromVariant(row[i]));
            array.append(object);
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        break;
    }
    case OutputFormat::Csv: {
        QStringList header;
        for (const QString &c : table.columns)
            header.append(csvField(c));
        out << header.join(QLatin1Char(',')) << "\r\n";
        for (const QVariantList &row : table.rows) {
            QStringList fields;
            for (const QVariant &v : row)
                fields.append(csvField(cellText(v)));
            out << fields.join(QLatin1Char(',')) << "\r\n";
        }
        break;
    }
    }
}

} // namespace handoff
