// libFuzzer target for CsvReader: any bytes as a file. Besides what the sanitizers catch, it
// checks what callers rely on: both ways of reading (next() and next(Record &), which reuses
// strings) give the same records, lines and error; every record has the header's width plus
// its extra fields; lines only grow; progress stays within the file.
//
// Built twice. fuzz_csvreader reads the input as the whole file. fuzz_csvboundary
// (HANDOFF_FUZZ_CHUNK_BOUNDARY) places it behind a one-megabyte first record instead, so that
// its byte at the offset the first byte gives lands on the reader's first buffer boundary:
// quotes, line ends and multi-byte characters cut in two are where a streaming reader breaks.
// Each of those inputs reads a megabyte, so it is its own target, not a mode of the fast one.

#include <cstdint>

#include "fuzzsupport.h"
#include "io/csvreader.h"
#include "store/error.h"

using namespace handoff;

using fuzzsupport::check;

namespace {

constexpr qsizetype chunkBytes = 1 << 20; // CsvReader's buffer size

[[maybe_unused]] QByteArray padded(const uint8_t *data, size_t size)
{
    // "a,b\n" then one record "xxx…x,y\n" ending just before the boundary point.
    const size_t offset = size > 0 ? data[0] : 0;
    const QByteArray rest(reinterpret_cast<const char *>(data) + 1,
                          qsizetype(size > 1 ? size - 1 : 0));
    const qsizetype at = chunkBytes - 1 - qsizetype(offset % (rest.size() + 1));
    QByteArray bytes("a,b\n");
    bytes.append(QByteArray(at - bytes.size() - 3, 'x')).append(",y\n");
    return bytes + rest;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzzsupport::start(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef HANDOFF_FUZZ_CHUNK_BOUNDARY
    const QByteArray bytes = padded(data, size);
#else
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
#endif
    const QString path = fuzzsupport::writeScratch(QStringLiteral("input.csv"), bytes);

    CsvReader a(path);
    CsvReader b(path);
    QString errorA;
    QString errorB;
    const auto opens = [](CsvReader &reader, QString *error) {
        try {
            reader.open();
            return true;
        } catch (const Error &e) {
            *error = e.message();
            return false;
        }
    };
    const bool openA = opens(a, &errorA);
    check(openA == opens(b, &errorB) && errorA == errorB, "open is deterministic");
    if (!openA) {
        check(!errorA.isEmpty(), "a refused file comes with a message");
        return 0;
    }
    check(!a.header().isEmpty(), "an opened file has a header");
    check(a.uniqueHeader().size() == a.header().size(), "unique header has the header's width");
    // Empty names stay empty (columns nobody named); every other name is made unique.
    QStringList named = a.uniqueHeader();
    named.removeAll(QString());
    check(named.removeDuplicates() == 0, "unique header names are unique",
          a.header().join(u'|') + QStringLiteral(" -> ") + a.uniqueHeader().join(u'|'));

    CsvReader::Record reused;
    qint64 lastLine = 0;
    for (;;) {
        const std::optional<CsvReader::Record> fresh = a.next();
        const bool more = b.next(reused);
        check(fresh.has_value() == more, "both next() end together");
        if (!more)
            break;
        check(fresh->fields == reused.fields, "both next() give the same fields",
              fresh->fields.join(u'|') + QStringLiteral(" vs ") + reused.fields.join(u'|'));
        check(fresh->line == reused.line && fresh->extraFields == reused.extraFields,
              "both next() give the same line and extra fields");
        check(fresh->fields.size() == a.header().size() + fresh->extraFields,
              "a record has the header's width plus its extra fields");
        check(fresh->line > lastLine, "record lines increase");
        lastLine = fresh->line;
        check(a.bytesRead() >= 0 && a.bytesRead() <= a.size(), "progress stays within the file");
    }
    check(a.error() == b.error(), "both next() fail alike",
          a.error() + QStringLiteral(" vs ") + b.error());
    check(!a.next() && !b.next(reused), "the end stays the end");
    return 0;
}
