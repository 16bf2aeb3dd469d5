#pragma once

// A result table a command prints, in the format the user asked for: an aligned text table,
// JSON (an array of objects, numbers as numbers) or CSV (RFC 4180 quoting).

#include <optional>

#include <QList>
#include <QStringList>
#include <QTextStream>
#include <QVariant>

namespace handoff {

struct OutputTable
{
    QStringList columns; // also the JSON keys
    QList<QVariantList> rows;
};

enum class OutputFormat { Table, Json, Csv };

std::optional<OutputFormat> outputFormatFrom(const QString &name);
void writeTable(QTextStream &out, const OutputTable &table, OutputFormat format);
// How a cell reads in the text and CSV formats: numbers with one decimal at most.
QString cellText(const QVariant &value);

} // namespace handoff
