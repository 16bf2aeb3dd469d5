#pragma once

// Writes CSV that spreadsheet programs open safely: UTF-8 (with a byte-order mark when asked,
// which Excel needs to see UTF-8), CRLF line ends, quotes where a field needs them, and every
// cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
// return) neutralised with a leading apostrophe.

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSaveFile>
#include <QStringList>

namespace handoff {

class CsvWriter
{
    Q_DECLARE_TR_FUNCTIONS(CsvWriter)

public:
    struct Options
    {
        bool byteOrderMark = false;
    };

    CsvWriter(const QString &filePath, Options options);
    // Throws Error naming the file and the problem.
    void open();
    void writeRow(const QStringList &fields);
    // Saves the file (replacing any old one at once); throws Error naming the file when the
    // disk refused, and then the old file is untouched.
    void close();

    // One cell as written: neutralised, then quoted when needed.
    static QString field(const QString &value);
    // What a spreadsheet shows of a cell that would otherwise have been a formula.
    static QString neutralised(const QString &value);

    // Writes a table as it is shown: the header, then every row's display text. Throws Error
    // as close() does.
    static void writeModel(const QAbstractItemModel &model, const QString &filePath,
                           Options options);

private:
    [[noreturn]] void fail();

    QSaveFile m_file; // the target is replaced only when everything was written
    Options m_options;
    bool m_failed = false;
};

} // namespace handoff
