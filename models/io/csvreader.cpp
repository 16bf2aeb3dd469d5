#include "io/csvreader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include <QFileInfo>
#include <QHash>
#include <QSet>

#include "store/error.h"

namespace handoff {

namespace {

constexpr qsizetype chunkBytes = 1 << 20;
// A record this long is a quote that never closes, not data: stop before it eats the memory.
constexpr qsizetype maxRecordBytes = 64 << 20;
// A NUL byte this early means a binary file, whatever follows.
constexpr qint64 BinaryHeadBytes = 1024;

// How much to read at a time when `left` bytes of the file remain: a chunk, or less for a
// small file (at least a page, should the file have grown since it was opened).
qsizetype stepFor(qint64 left)
{
    return qsizetype(std::clamp<qint64>(left, 4096, chunkBytes));
}

// Windows-1252 to UTF-16. Only 0x80-0x9F differ from Latin-1; the five bytes the code page
// leaves undefined keep their own value, as Windows itself decodes them.
constexpr std::array<char16_t, 256> makeCp1252Table()
{
    constexpr char16_t high[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                   0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                   0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                   0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    std::array<char16_t, 256> table{};
    for (int i = 0; i < 256; ++i)
        table[i] = char16_t(i);
    for (int i = 0; i < 32; ++i)
        table[0x80 + i] = high[i];
    return table;
}
constexpr std::array<char16_t, 256> cp1252 = makeCp1252Table();

enum class Utf8Check { Valid, Invalid, Incomplete };

// Checks [p, end) for well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF). A sequence cut by the end of the chunk is Incomplete, with *tail its length.
Utf8Check checkUtf8(const uchar *p, const uchar *end, qsizetype *tail)
{
    while (p < end) {
        // Exports are mostly ASCII: test eight bytes at a time.
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p == end)
            break;
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int follow = 0;
        uchar low = 0x80;
        uchar high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            follow = 1;
        } else if (c == 0xE0) {
            follow = 2;
            low = 0xA0;
        } else if (c == 0xED) {
            follow = 2;
            high = 0x9F;
        } else if (c >= 0xE1 && c <= 0xEF) {
            follow = 2;
        } else if (c == 0xF0) {
            follow = 3;
            low = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            follow = 3;
        } else if (c == 0xF4) {
            follow = 3;
            high = 0x8F;
        } else {
            return Utf8Check::Invalid;
        }
        const qsizetype available = qMin<qsizetype>(end - p - 1, follow);
        for (qsizetype i = 1; i <= available; ++i) {
            const uchar lo = i == 1 ? low : 0x80;
            const uchar hi = i == 1 ? high : 0xBF;
            if (p[i] < lo || p[i] > hi)
                return Utf8Check::Invalid;
        }
        if (available < follow) {
            *tail = end - p;
            return Utf8Check::Incomplete;
        }
        p += follow + 1;
    }
    return Utf8Check::Valid;
}

} // namespace

CsvReader::CsvReader(const QString &filePath)
    : m_filePath(filePath)
    , m_file(filePath)
{}

void CsvReader::open()
{
    m_file.close();
    m_header.clear();
    m_uniqueHeader.clear();
    m_error.clear();
    m_pos = m_len = 0;
    m_bufferStart = 0;
    m_atEof = m_finished = false;
    m_line = 1;

    if (!start()) {
        m_finished = true;
        throw Error(m_error);
    }
}

// Opens the file, detects encoding and delimiter, and reads the header into m_header and
// m_uniqueHeader.
bool CsvReader::start()
{
    if (!m_file.open(QIODevice::ReadOnly))
        return fail(tr("%1: cannot open the file: %2").arg(fileName(), m_file.errorString()));
    m_size = m_file.size();
    if (!detectEncoding())
        return false;
    if (!m_file.seek(0))
        return fail(tr("%1: cannot read the file: %2").arg(fileName(), m_file.errorString()));
    if (!fill())
        return false;
    if (m_encoding == Encoding::Utf8WithBom)
        m_pos = 3;
    if (m_pos == m_len)
        return fail(tr("%1: the file is empty").arg(fileName()));
    detectDelimiter();

    qint64 line = 0;
    switch (readRecord(&line)) {
    case Parse::Failed:
        return false;
    case Parse::End:
        return fail(tr("%1: the file has no header line").arg(fileName()));
    case Parse::Record:
        break;
    }
    for (const Span &span : m_spans)
        m_header.append(decode(span).trimmed());
    // A header ending in a delimiter names no column: drop it, and rows' fields there.
    while (!m_header.isEmpty() && m_header.constLast().isEmpty())
        m_header.removeLast();
    if (m_header.isEmpty())
        return fail(tr("%1: the file has no header line").arg(fileName()));

    QHash<QString, int> seen;
    QSet<QString> used(m_header.cbegin(), m_header.cend());
    for (const QString &name : std::as_const(m_header)) {
        int &suffix = seen[name];
        if (++suffix == 1 || name.isEmpty()) {
            m_uniqueHeader.append(name);
            continue;
        }
        // Skip suffixes a real column already has ("Email (2)" next to two "Email").
        QString unique = name + QStringLiteral(" (%1)").arg(suffix);
        while (used.contains(unique))
            unique = name + QStringLiteral(" (%1)").arg(++suffix);
        used.insert(unique);
        m_uniqueHeader.append(unique);
    }
    return true;
}

CsvReader::Encoding CsvReader::encoding() const
{
    return m_encoding;
}

QChar CsvReader::delimiter() const
{
    return QLatin1Char(m_delimiter);
}

QStringList CsvReader::header() const
{
    return m_header;
}

QStringList CsvReader::uniqueHeader() const
{
    return m_uniqueHeader;
}

std::optional<CsvReader::Record> CsvReader::next()
{
    Record record;
    if (!next(record))
        return std::nullopt;
    return record;
}

bool CsvReader::next(Record &record)
{
    if (m_finished)
        return false;
    if (readRecord(&record.line, &record.afterBlank) != Parse::Record) {
        m_finished = true;
        return false;
    }
    const qsizetype width = m_header.size();
    qsizetype extra = 0;
    for (qsizetype i = width; i < qsizetype(m_spans.size()); ++i)
        extra += m_spans[i].length > 0 ? 1 : 0;
    record.extraFields = int(extra);
    record.fields.resize(width + extra);
    qsizetype out = 0;
    for (qsizetype i = 0; i < qsizetype(m_spans.size()); ++i) {
        const Span &span = m_spans[i];
        if (i < width || span.length > 0)
            decodeInto(span, record.fields[out++]);
    }
    for (; out < width; ++out)
        record.fields[out].resize(0); // keeps the buffer, unlike clear()
    return true;
}

QString CsvReader::error() const
{
    return m_error;
}

qint64 CsvReader::bytesRead() const
{
    return m_bufferStart + m_pos;
}

qint64 CsvReader::size() const
{
    return m_size;
}

QString CsvReader::filePath() const
{
    return m_filePath;
}

// One pass over the raw bytes before parsing: a single invalid sequence anywhere means the
// file was not written as UTF-8, and decoding a prefix one way and the rest another would
// garble names silently.
// The same pass refuses what is not text at all (a program, a spreadsheet, a zip): NUL
// bytes in its first kilobyte or by the thousand.
bool CsvReader::detectEncoding()
{
    const auto unreadable = [this] {
        return fail(tr("%1: cannot read the file: %2").arg(fileName(), m_file.errorString()));
    };
    char bom[3];
    const qint64 head = m_file.peek(bom, 3);
    if (head < 0)
        return unreadable();
    if (head >= 2 && (std::memcmp(bom, "\xFF\xFE", 2) == 0 || std::memcmp(bom, "\xFE\xFF", 2) == 0))
        return fail(tr("%1: is UTF-16 text; save it again as \"CSV UTF-8\" (or comma-separated "
                       "values) and import that")
                        .arg(fileName()));
    // A BOM is the writer saying "UTF-8"; trust it rather than check every sequence.
    const bool bomSaysUtf8 = head == 3 && std::memcmp(bom, "\xEF\xBB\xBF", 3) == 0;
    m_encoding = bomSaysUtf8 ? Encoding::Utf8WithBom : Encoding::Utf8;
    m_dropNuls = false;
    bool utf8 = true;
    qint64 nuls = 0;
    // A small file is read whole without allocating (and zeroing) a chunk's megabyte.
    const qsizetype step = stepFor(m_size);
    std::vector<char> chunk(step + 4);
    qsizetype carried = 0;
    for (;;) {
        const qint64 offset = m_file.pos();
        const qint64 n = m_file.read(chunk.data() + carried, step);
        if (n < 0)
            return unreadable();
        // A program, a spreadsheet or a zip has NUL bytes from its first bytes on and by the
        // thousand; a CRM's rich-text field may leave a few in a real export, which are
        // dropped while reading.
        const char *from = chunk.data() + carried;
        const char *const to = from + n;
        while (const void *nul = std::memchr(from, 0, size_t(to - from))) {
            const qint64 at = offset + (static_cast<const char *>(nul) - (chunk.data() + carried));
            if (at < BinaryHeadBytes || ++nuls > std::max<qint64>(1, m_size / 1000))
                return fail(tr("%1: is not a text file (byte %2 is a NUL byte); export the "
                               "data as CSV and import that")
                                .arg(fileName())
                                .arg(at + 1));
            m_dropNuls = true;
            from = static_cast<const char *>(nul) + 1;
        }
        if (utf8 && !bomSaysUtf8) {
            const auto *begin = reinterpret_cast<const uchar *>(chunk.data());
            const auto *end = begin + carried + n;
            qsizetype tail = 0;
            const Utf8Check check = checkUtf8(begin, end, &tail);
            // A sequence the file itself cuts short is invalid too.
            if (check == Utf8Check::Invalid || (n == 0 && check == Utf8Check::Incomplete)) {
                m_encoding = Encoding::Windows1252;
                utf8 = false;
                carried = 0;
            } else {
                carried = check == Utf8Check::Incomplete ? tail : 0;
                std::memmove(chunk.data(), end - carried, carried);
            }
        }
        if (n == 0)
            return true;
    }
}

// The delimiter used most often in the header line outside quotes; comma wins ties.
void CsvReader::detectDelimiter()
{
    const char *p = m_buffer.data() + m_pos;
    const char *const end = m_buffer.data() + m_len;
    while (p < end && (*p == '\n' || *p == '\r'))
        ++p;
    qsizetype commas = 0;
    qsizetype semicolons = 0;
    qsizetype tabs = 0;
    bool quoted = false;
    for (; p < end; ++p) {
        const char c = *p;
        if (c == '"')
            quoted = !quoted; // a doubled quote toggles twice
        else if (quoted)
            continue;
        else if (c == '\n' || c == '\r')
            break;
        else if (c == ',')
            ++commas;
        else if (c == ';')
            ++semicolons;
        else if (c == '\t')
            ++tabs;
    }
    m_delimiter = ',';
    if (semicolons > commas && semicolons >= tabs)
        m_delimiter = ';';
    else if (tabs > commas && tabs > semicolons)
        m_delimiter = '\t';
}

// Moves the unparsed bytes to the front and reads more after them. A record that outgrows
// the buffer doubles it (up to the record limit) instead of being rescanned once per chunk.
bool CsvReader::fill()
{
    const qsizetype keep = m_len - m_pos;
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, keep);
        m_bufferStart += m_pos;
        m_pos = 0;
        m_len = keep;
    }
    const qint64 left = m_size - m_bufferStart - m_len; // by the size seen at open
    const qsizetype wanted = qMax(keep + stepFor(left), qMin(2 * keep, maxRecordBytes));
    if (qsizetype(m_buffer.size()) < wanted)
        m_buffer.resize(wanted);
    const qint64 n = m_file.read(m_buffer.data() + m_len, qsizetype(m_buffer.size()) - m_len);
    if (n < 0)
        return fail(tr("%1: cannot read the file: %2").arg(fileName(), m_file.errorString()));
    m_len += n;
    if (n == 0 || m_file.atEnd())
        m_atEof = true;
    return true;
}

// Splits the record at m_pos into m_spans without decoding anything. NeedMore when the
// buffer ends before the record does (the caller refills and scans the record again).
CsvReader::Scan CsvReader::scanRecord(qint64 *lineBreaks, qsizetype *consumed)
{
    const char *const base = m_buffer.data();
    const char *const end = base + m_len;
    const char delimiter = m_delimiter;
    const bool eof = m_atEof;
    const char *p = base + m_pos;
    qint64 breaks = 0;
    m_spans.clear();

    for (;;) {
        const char *q = p;
        if (q < end && *q == '"') {
            bool complex = false;
            ++q;
            for (;;) {
                while (q < end && *q != '"') {
                    // CRLF is one line break, and so is a lone CR.
                    if (*q == '\n' || (*q == '\r' && (q + 1 == end || q[1] != '\n')))
                        ++breaks;
                    ++q;
                }
                if (q == end)
                    return eof ? Scan::Unterminated : Scan::NeedMore;
                if (q + 1 < end && q[1] == '"') {
                    complex = true;
                    q += 2;
                    continue;
                }
                break;
            }
            const char *const close = q++;
            if (q < end && *q != delimiter && *q != '\n' && *q != '\r') {
                // Text after the closing quote is kept as it is.
                complex = true;
                while (q < end && *q != delimiter && *q != '\n' && *q != '\r')
                    ++q;
            }
            if (complex)
                m_spans.push_back({p - base, q - p, true});
            else
                m_spans.push_back({p + 1 - base, close - p - 1, false});
        } else {
            // Unquoted: a quote in here is an ordinary character.
            while (q < end && *q != delimiter && *q != '\n' && *q != '\r')
                ++q;
            m_spans.push_back({p - base, q - p, false});
        }

        if (q == end) {
            if (!eof)
                return Scan::NeedMore;
            *consumed = q - base;
            *lineBreaks = breaks;
            return Scan::Complete;
        }
        if (*q == delimiter) {
            p = q + 1;
            continue;
        }
        if (*q == '\r') {
            if (q + 1 == end && !eof)
                return Scan::NeedMore; // a LF may follow
            if (q + 1 < end && q[1] == '\n')
                ++q;
        }
        *consumed = q + 1 - base;
        *lineBreaks = breaks + 1;
        return Scan::Complete;
    }
}

// The next record that is not blank, in m_spans, with the line it starts on.
CsvReader::Parse CsvReader::readRecord(qint64 *line, bool *afterBlank)
{
    if (afterBlank)
        *afterBlank = false;
    for (;;) {
        if (m_pos == m_len) {
            if (!m_atEof && !fill())
                return Parse::Failed;
            if (m_pos == m_len)
                return Parse::End;
        }
        qint64 breaks = 0;
        qsizetype consumed = 0;
        const Scan scan = scanRecord(&breaks, &consumed);
        if (scan == Scan::NeedMore) {
            if (m_len - m_pos >= maxRecordBytes) {
                fail(tr("%1: line %2: a record is longer than %3 MiB; a quoted field is "
                        "probably never closed")
                         .arg(fileName(), QString::number(m_line),
                              QString::number(maxRecordBytes >> 20)));
                return Parse::Failed;
            }
            if (!fill())
                return Parse::Failed;
            continue;
        }
        if (scan == Scan::Unterminated) {
            fail(tr("%1: line %2: a quoted field is never closed")
                     .arg(fileName(), QString::number(m_line)));
            return Parse::Failed;
        }
        const qint64 start = m_line;
        m_line += breaks;
        m_pos = consumed;
        const bool blank = std::all_of(m_spans.cbegin(), m_spans.cend(), [](const Span &span) {
            return span.length == 0 && !span.complex;
        });
        if (!blank) {
            *line = start;
            return Parse::Record;
        }
        if (afterBlank)
            *afterBlank = true;
    }
}

QString CsvReader::decode(const Span &span)
{
    QString text;
    decodeInto(span, text);
    return text;
}

void CsvReader::decodeInto(const Span &span, QString &out)
{
    const char *data = m_buffer.data() + span.begin;
    if (!span.complex) {
        decodeBytes(data, span.length, out);
        return;
    }
    // Undo the quoting: `""` inside the quotes is one quote, anything after the closing
    // quote is literal (the scanner treated it the same way).
    m_scratch.clear();
    bool quoted = true;
    for (qsizetype i = 1; i < span.length; ++i) {
        const char c = data[i];
        if (quoted && c == '"') {
            if (i + 1 < span.length && data[i + 1] == '"') {
                m_scratch.append('"');
                ++i;
            } else {
                quoted = false;
            }
        } else {
            m_scratch.append(c);
        }
    }
    decodeBytes(m_scratch.constData(), m_scratch.size(), out);
}

// Into `out`'s own buffer when it has one to itself (resize() then keeps it), else a new one.
void CsvReader::decodeBytes(const char *data, qsizetype length, QString &out) const
{
    if (length == 0) {
        out.resize(0);
        return;
    }
    // UTF-8 never takes more UTF-16 units than bytes.
    out.resize(length);
    QChar *text = out.data();
    if (m_encoding == Encoding::Windows1252) {
        for (qsizetype i = 0; i < length; ++i)
            text[i] = QChar(cp1252[uchar(data[i])]);
        if (m_dropNuls)
            out.remove(QChar(0));
        return;
    }
    const QChar *end = m_utf8.appendToBuffer(text, QByteArrayView(data, length));
    out.resize(end - text);
    if (m_dropNuls)
        out.remove(QChar(0));
    // A byte order mark inside the file (exports joined with `cat`, a cell pasted from
    // another file) is never data, and SQLite drops it from the start of any text it stores:
    // kept, "\uFEFFNote" and "Note" would be two names here and one in the database.
    if (!out.isEmpty() && out.front() == QChar(0xFEFF))
        out.remove(0, 1);
}

bool CsvReader::fail(const QString &message)
{
    m_error = message;
    return false;
}

QString CsvReader::fileName() const
{
    return QFileInfo(m_filePath).fileName();
}

} // namespace handoff
