#pragma once

// Reads the CSV files that CRM and marketing-automation systems export (HubSpot, Salesforce,
// Pardot, Marketo, Mautic), one record at a time so that a file of a million rows never sits
// in memory. It works out the encoding (UTF-8 with or without BOM, else Windows-1252) and the
// delimiter (comma, semicolon or tab) by itself, takes the first record as the header and
// reports problems with the physical line number a user can find in an editor.

#include <optional>
#include <vector>

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>
#include <QStringList>

namespace handoff {

class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    enum class Encoding { Utf8, Utf8WithBom, Windows1252 };
    struct Record
    {
        qint64 line = 0; // physical line where the record starts (1-based)
        // Exactly header().size() fields (missing ones are empty), followed by the non-empty
        // fields that came beyond the header's width, in order: empty ones there are dropped,
        // so fields.size() == header().size() + extraFields.
        QStringList fields;
        int extraFields = 0;     // how many non-empty fields came beyond the header's width
        bool afterBlank = false; // blank lines (skipped) came just before it
    };

    explicit CsvReader(const QString &filePath);
    // Detects the encoding and delimiter and reads the header. Throws Error naming the file
    // and the problem (cannot open, empty file, no header).
    void open();
    Encoding encoding() const;
    QChar delimiter() const;
    QStringList header() const;       // names as written (trimmed, doubled quotes undone)
    QStringList uniqueHeader() const; // same, duplicates suffixed " (2)", " (3)"
    // The next data record, skipping blank lines; nullopt at the end or on error (then error()
    // is non-empty, e.g. "leads.csv: line 7: a quoted field is never closed").
    std::optional<Record> next();
    // The same into `record`, reusing its strings where nothing else shares them: a loop over
    // a million rows then allocates almost nothing per field. False at the end or on error.
    bool next(Record &record);
    QString error() const;
    qint64 bytesRead() const; // for progress
    qint64 size() const;      // file size in bytes
    QString filePath() const;

private:
    // Where one field lies in m_buffer. A "complex" field is a quoted one that needs its
    // doubled quotes undone (begin/length then include the quotes); otherwise the bytes are
    // the field's text as they are.
    struct Span
    {
        qsizetype begin = 0;
        qsizetype length = 0;
        bool complex = false;
    };
    enum class Scan { Complete, NeedMore, Unterminated };
    enum class Parse { Record, End, Failed };

    bool start();
    bool detectEncoding();
    void detectDelimiter();
    bool fill();
    Scan scanRecord(qint64 *lineBreaks, qsizetype *consumed);
    Parse readRecord(qint64 *line, bool *afterBlank = nullptr);
    QString decode(const Span &span);
    void decodeInto(const Span &span, QString &out);
    void decodeBytes(const char *data, qsizetype length, QString &out) const;
    bool fail(const QString &message);
    QString fileName() const;

    QString m_filePath;
    QFile m_file;
    Encoding m_encoding = Encoding::Utf8;
    bool m_dropNuls = false; // a few stray NUL bytes in an otherwise text file
    char m_delimiter = ',';
    QStringList m_header;
    QStringList m_uniqueHeader;
    QString m_error;
    qint64 m_size = 0;

    std::vector<char> m_buffer;
    qsizetype m_pos = 0;      // start of the unparsed bytes in m_buffer
    qsizetype m_len = 0;      // bytes of m_buffer holding file data
    qint64 m_bufferStart = 0; // file offset of m_buffer[0]
    bool m_atEof = false;     // nothing left to read from the file
    bool m_finished = false;  // next() has returned the end or an error
    qint64 m_line = 1;        // physical line at m_pos
    std::vector<Span> m_spans;
    QByteArray m_scratch;
    // Each field on its own, a leading U+FEFF kept as a character (the file's BOM is gone).
    mutable QStringDecoder m_utf8{QStringDecoder::Utf8,
                                  QStringDecoder::Flag::Stateless |
                                      QStringDecoder::Flag::ConvertInitialBom};
};

} // namespace handoff
