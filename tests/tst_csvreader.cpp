#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "io/csvreader.h"
#include "store/error.h"

using namespace handoff;

// CSV files as CRM exports write them, byte for byte, and what a user sees of them after
// reading: the right text in each column, the right line in each message.
class TestCsvReader : public QObject
{
    Q_OBJECT

private:
    // The reader's first buffer and its encoding scan both end here.
    static constexpr qsizetype chunk = 1 << 20;

    struct Result
    {
        bool opened = false;
        QString error;
        CsvReader::Encoding encoding = CsvReader::Encoding::Utf8;
        QChar delimiter;
        QStringList header;
        QStringList uniqueHeader;
        QList<QStringList> rows;
        QList<qint64> lines;
        QList<int> extraFields;
    };

    QTemporaryDir m_dir;
    int m_fileCount = 0;

    QString write(const QByteArray &bytes, const QString &name = {})
    {
        const QString path =
            m_dir.filePath(name.isEmpty() ? QStringLiteral("file%1.csv").arg(++m_fileCount) : name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(bytes) != bytes.size())
            qFatal("cannot write the fixture %s", qPrintable(path));
        return path;
    }

    static Result readAll(const QString &path)
    {
        Result result;
        CsvReader reader(path);
        try {
            reader.open();
            result.opened = true;
        } catch (const Error &e) {
            result.error = e.message();
            return result;
        }
        result.encoding = reader.encoding();
        result.delimiter = reader.delimiter();
        result.header = reader.header();
        result.uniqueHeader = reader.uniqueHeader();
        while (const auto record = reader.next()) {
            result.rows.append(record->fields);
            result.lines.append(record->line);
            result.extraFields.append(record->extraFields);
        }
        result.error = reader.error();
        return result;
    }

    Result read(const QByteArray &bytes) { return readAll(write(bytes)); }

    // Appends LF rows "x,y" (the last one longer if needed) until bytes is `size` long.
    static void padTo(QByteArray &bytes, qsizetype size)
    {
        const qsizetype need = size - bytes.size();
        Q_ASSERT(need >= 4);
        const qsizetype rows = need / 4 - 1;
        for (qsizetype i = 0; i < rows; ++i)
            bytes.append("x,y\n");
        bytes.append(QByteArray(need - 4 * rows - 3, 'x')).append(",y\n");
        Q_ASSERT(bytes.size() == size);
    }

    static QStringList list(std::initializer_list<const char16_t *> items)
    {
        QStringList out;
        for (const char16_t *item : items)
            out.append(QString::fromUtf16(item));
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // What is not text is refused before anything is read from it: a program, a spreadsheet,
    // a UTF-16 "Unicode text" export, each with what to do.
    void refusesWhatIsNotText_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("a program") << QByteArray("\x7f"
                                                 "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                                 16)
                                   << QStringLiteral("is not a text file (byte 8 is a NUL byte)");
        QTest::newRow("a zip (xlsx)") << QByteArray("PK\x03\x04\x14\0\x06\0", 8)
                                      << QStringLiteral("is not a text file (byte 6");
        // Text for a while, then binary: NUL bytes by the hundred are no export's.
        QByteArray late(70000, 'a');
        late.prepend("Email,Name\n");
        for (int i = 68000; i < 68200; ++i)
            late[i] = '\0';
        QTest::newRow("NULs after the first chunk")
            << late << QStringLiteral("is not a text file (byte 68071");
        QTest::newRow("UTF-16") << QByteArray("\xFF\xFE"
                                              "E\0m\0",
                                              6)
                                << QStringLiteral("is UTF-16 text; save it again as \"CSV UTF-8\"");
    }

    void refusesWhatIsNotText()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const QString path = write(bytes);
        CsvReader reader(path);
        QString error;
        try {
            reader.open();
            QFAIL("it opened");
        } catch (const Error &e) {
            error = e.message();
        }
        QVERIFY2(error.contains(message) && error.contains(QFileInfo(path).fileName()),
                 qPrintable(error));
        QVERIFY(!reader.next());
    }

    // A real Salesforce export left a few NUL bytes inside rich-text descriptions: the
    // file is text, and the NULs are no part of any value.
    void strayNulsInsideAValueAreDropped()
    {
        QByteArray bytes("Email,Description\n");
        for (int i = 0; i < 40; ++i)
            bytes += "row" + QByteArray::number(i) + "@x.example,plain text here\n";
        bytes += "rich@x.example,\"bold";
        bytes += '\0';
        bytes += " text\"\n";
        const QString path = write(bytes);
        CsvReader reader(path);
        QString error;
        reader.open();
        std::optional<CsvReader::Record> last;
        while (auto record = reader.next())
            last = record;
        QVERIFY(last);
        QCOMPARE(last->fields,
                 (QStringList{QStringLiteral("rich@x.example"), QStringLiteral("bold text")}));
    }

    void encoding_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QStringList>("lastRow");

        const QByteArray utf8 = QStringLiteral("Name,City\nJosé,Zürich\n").toUtf8();
        const int plain = int(CsvReader::Encoding::Utf8);
        const int bom = int(CsvReader::Encoding::Utf8WithBom);
        const int cp1252 = int(CsvReader::Encoding::Windows1252);
        const QStringList nameCity = list({u"Name", u"City"});

        QTest::newRow("utf-8") << utf8 << plain << nameCity << list({u"José", u"Zürich"});
        QTest::newRow("utf-8 with BOM")
            << QByteArray("\xEF\xBB\xBF") + utf8 << bom << nameCity << list({u"José", u"Zürich"});
        QTest::newRow("windows-1252 Ø and €") << QByteArray("Name,City,Price\n\xD8rsted,K\xF8"
                                                            "benhavn,\x80 100\n")
                                              << cp1252 << list({u"Name", u"City", u"Price"})
                                              << list({u"Ørsted", u"København", u"€ 100"});
        QTest::newRow("windows-1252 0x80-0x9F") << QByteArray("Name,City\n\x9F\x81,\x93x\x94\n")
                                                << cp1252 << nameCity << list({u"Ÿ\u0081", u"“x”"});
        QTest::newRow("windows-1252 header")
            << QByteArray("Pr\xE9nom,Soci\xE9t\xE9\nA,B\n") << cp1252
            << list({u"Prénom", u"Société"}) << list({u"A", u"B"});

        // Only the last row gives the encoding away: the whole file must be scanned.
        QByteArray late = "Name,City\n";
        padTo(late, 3 * chunk);
        late.append("\xD8rsted,K\xF8"
                    "benhavn\n");
        QTest::newRow("windows-1252 only at the end")
            << late << cp1252 << nameCity << list({u"Ørsted", u"København"});

        // Valid UTF-8 whose 2-, 3- and 4-byte characters straddle the reader's chunk boundary.
        for (int offset = 1; offset <= 8; ++offset) {
            QByteArray straddle = "Name,City\n";
            padTo(straddle, chunk - offset);
            straddle.append(QStringLiteral("é€😀,Zürich\n").toUtf8());
            QTest::addRow("utf-8 across chunks, %d", offset)
                << straddle << plain << nameCity << list({u"é€😀", u"Zürich"});
        }
    }

    void encoding()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, encoding);
        QFETCH(QStringList, header);
        QFETCH(QStringList, lastRow);

        const Result result = read(bytes);
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(int(result.encoding), encoding);
        QCOMPARE(result.header, header);
        QVERIFY(!result.rows.isEmpty());
        QCOMPARE(result.rows.constLast(), lastRow);
        QVERIFY(result.error.isEmpty());
    }

    void lineEndings_data()
    {
        QTest::addColumn<QByteArray>("bytes");

        QTest::newRow("LF") << QByteArray("a,b\n1,2\n3,4\n");
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n3,4\r\n");
        QTest::newRow("CR") << QByteArray("a,b\r1,2\r3,4\r");
        QTest::newRow("LF, no final newline") << QByteArray("a,b\n1,2\n3,4");
        QTest::newRow("CRLF, no final newline") << QByteArray("a,b\r\n1,2\r\n3,4");
        QTest::newRow("mixed") << QByteArray("a,b\r\n1,2\n3,4\r");
    }

    void lineEndings()
    {
        QFETCH(QByteArray, bytes);

        const Result result = read(bytes);
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.header, list({u"a", u"b"}));
        QCOMPARE(result.rows, QList<QStringList>({list({u"1", u"2"}), list({u"3", u"4"})}));
        QCOMPARE(result.lines, QList<qint64>({2, 3}));
        QVERIFY(result.error.isEmpty());
    }

    void delimiter_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QChar>("delimiter");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QStringList>("row");

        QTest::newRow("comma") << QByteArray("Email,Name,Score\na@x.com,Ann,5.5\n") << QChar(u',')
                               << list({u"Email", u"Name", u"Score"})
                               << list({u"a@x.com", u"Ann", u"5.5"});
        QTest::newRow("semicolon")
            << QByteArray("Email;Name;Score\na@x.com;Ann;5,5\n") << QChar(u';')
            << list({u"Email", u"Name", u"Score"}) << list({u"a@x.com", u"Ann", u"5,5"});
        QTest::newRow("tab") << QByteArray("Email\tName\tScore\na@x.com\tAnn, B.\t5\n")
                             << QChar(u'\t') << list({u"Email", u"Name", u"Score"})
                             << list({u"a@x.com", u"Ann, B.", u"5"});
        // Commas inside quotes do not count.
        QTest::newRow("semicolon, quoted commas")
            << QByteArray("\"Last, First\";\"Company, Inc\";Email\n\"Doe, Jane\";Acme;j@x.com\n")
            << QChar(u';') << list({u"Last, First", u"Company, Inc", u"Email"})
            << list({u"Doe, Jane", u"Acme", u"j@x.com"});
        QTest::newRow("tie goes to comma") << QByteArray("a,b;c\td\n1,2;3\t4\n") << QChar(u',')
                                           << list({u"a", u"b;c\td"}) << list({u"1", u"2;3\t4"});
        QTest::newRow("single column") << QByteArray("Email\na@x.com\n") << QChar(u',')
                                       << list({u"Email"}) << list({u"a@x.com"});
    }

    void delimiter()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QChar, delimiter);
        QFETCH(QStringList, header);
        QFETCH(QStringList, row);

        const Result result = read(bytes);
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.delimiter, delimiter);
        QCOMPARE(result.header, header);
        QCOMPARE(result.rows, QList<QStringList>{row});
    }

    void quoting_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("row");

        QTest::newRow("all quoted")
            << QByteArray("\"a\",\"b\",\"c\"\r\n\"1\",\"2\",\"3\"\r\n") << list({u"1", u"2", u"3"});
        QTest::newRow("partly quoted")
            << QByteArray("a,\"b\",c\n\"1\",2,\"3\"\n") << list({u"1", u"2", u"3"});
        QTest::newRow("embedded comma") << QByteArray("a,b,c\n\"Acme, Inc.\",\"1,000\",x\n")
                                        << list({u"Acme, Inc.", u"1,000", u"x"});
        QTest::newRow("embedded semicolon")
            << QByteArray("a;b;c\n\"x;y\";2;\"\"\n") << list({u"x;y", u"2", u""});
        QTest::newRow("doubled quotes")
            << QByteArray("a,b,c\n\"say \"\"hi\"\"\",\"\"\"\"\"\",\"\"\"\"\n")
            << list({u"say \"hi\"", u"\"\"", u"\""});
        QTest::newRow("empty quoted fields")
            << QByteArray("a,b,c\n\"\",x,\"\"\n") << list({u"", u"x", u""});
        QTest::newRow("quote inside an unquoted field")
            << QByteArray("a,b,c\n5\" screen,O'Brien,x\"y\"\n")
            << list({u"5\" screen", u"O'Brien", u"x\"y\""});
        QTest::newRow("text after the closing quote")
            << QByteArray("a,b,c\n\"abc\"def,\"x\" ,3\n") << list({u"abcdef", u"x ", u"3"});
        QTest::newRow("spaces kept in data")
            << QByteArray("a,b,c\n  1 ,\" 2 \",3\n") << list({u"  1 ", u" 2 ", u"3"});
    }

    void quoting()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, row);

        const Result result = read(bytes);
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.header, list({u"a", u"b", u"c"}));
        QCOMPARE(result.rows, QList<QStringList>{row});
        QCOMPARE(result.lines, QList<qint64>{2});
    }

    void lineBreakInQuotedField()
    {
        const Result result = read("id,notes,owner\n"
                                   "1,\"first line\nsecond line\",Ann\n"
                                   "2,\"a\r\nb\r\n\r\nc\",Bob\n"
                                   "3,\"\"\"quoted\"\"\n\",Cid\n"
                                   "4,plain,Dee");
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.rows, QList<QStringList>({
                                  list({u"1", u"first line\nsecond line", u"Ann"}),
                                  list({u"2", u"a\r\nb\r\n\r\nc", u"Bob"}),
                                  list({u"3", u"\"quoted\"\n", u"Cid"}),
                                  list({u"4", u"plain", u"Dee"}),
                              }));
        QCOMPARE(result.lines, QList<qint64>({2, 4, 8, 10}));
    }

    void lineBreakInHeader()
    {
        const Result result = read("\"Lead\nName\",Email\nAnn,a@x.com\n");
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.header, list({u"Lead\nName", u"Email"}));
        QCOMPARE(result.lines, QList<qint64>{3});
    }

    void trailingEmptyHeader_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("row");
        QTest::addColumn<int>("extraFields");

        QTest::newRow("row ends with a delimiter too")
            << QByteArray("Email,Name,\r\na@x.com,Ann,\r\n") << list({u"a@x.com", u"Ann"}) << 0;
        QTest::newRow("several empty names")
            << QByteArray("Email,Name,,,\na@x.com,Ann,,,\n") << list({u"a@x.com", u"Ann"}) << 0;
        QTest::newRow("row without the delimiter")
            << QByteArray("Email,Name,\na@x.com,Ann\n") << list({u"a@x.com", u"Ann"}) << 0;
        QTest::newRow("value under the empty name")
            << QByteArray("Email,Name,\na@x.com,Ann,x\n") << list({u"a@x.com", u"Ann", u"x"}) << 1;
        QTest::newRow("quoted empty name")
            << QByteArray("\"Email\",\"Name\",\"\"\n\"a@x.com\",\"Ann\",\"\"\n")
            << list({u"a@x.com", u"Ann"}) << 0;
    }

    void trailingEmptyHeader()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, row);
        QFETCH(int, extraFields);

        const Result result = read(bytes);
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.header, list({u"Email", u"Name"}));
        QCOMPARE(result.rows, QList<QStringList>{row});
        QCOMPARE(result.extraFields, QList<int>{extraFields});
    }

    void duplicateHeaders_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QStringList>("unique");

        QTest::newRow("three times")
            << QByteArray("Email,Name,Email,Phone,Email\n1,2,3,4,5\n")
            << list({u"Email", u"Name", u"Email", u"Phone", u"Email"})
            << list({u"Email", u"Name", u"Email (2)", u"Phone", u"Email (3)"});
        QTest::newRow("suffix already taken") << QByteArray("Email,Email,Email (2)\n1,2,3\n")
                                              << list({u"Email", u"Email", u"Email (2)"})
                                              << list({u"Email", u"Email (3)", u"Email (2)"});
        QTest::newRow("same after trimming")
            << QByteArray("Owner, Owner \n1,2\n") << list({u"Owner", u"Owner"})
            << list({u"Owner", u"Owner (2)"});
        QTest::newRow("no duplicates")
            << QByteArray("a,b\n1,2\n") << list({u"a", u"b"}) << list({u"a", u"b"});
    }

    void duplicateHeaders()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QStringList, header);
        QFETCH(QStringList, unique);

        const Result result = read(bytes);
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.header, header);
        QCOMPARE(result.uniqueHeader, unique);
        QCOMPARE(result.rows.size(), 1);
        QCOMPARE(result.rows.constFirst().size(), header.size());
    }

    void headerQuotesAndSpaces()
    {
        const Result result = read(
            "\"Record ID\",\"Date entered \"\"Lead (Lifecycle Stage Pipeline)\"\"\", First Name "
            ",\"  Last Name  \"\n"
            "17,2024-03-01,Ann,Lee\n");
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.header,
                 list({u"Record ID", u"Date entered \"Lead (Lifecycle Stage Pipeline)\"",
                       u"First Name", u"Last Name"}));
        QCOMPARE(result.rows, QList<QStringList>{list({u"17", u"2024-03-01", u"Ann", u"Lee"})});
    }

    void nonLatinHeaders()
    {
        const Result result = read(
            QStringLiteral("Имя;Фамилия;Πόλη;Ηλεκτρονικό ταχυδρομείο\nИван;Петров;Αθήνα;i@p.ru\n")
                .toUtf8());
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(int(result.encoding), int(CsvReader::Encoding::Utf8));
        QCOMPARE(result.delimiter, QChar(u';'));
        QCOMPARE(result.header, list({u"Имя", u"Фамилия", u"Πόλη", u"Ηλεκτρονικό ταχυδρομείο"}));
        QCOMPARE(result.rows, QList<QStringList>{list({u"Иван", u"Петров", u"Αθήνα", u"i@p.ru"})});
    }

    void blankLines_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QList<qint64>>("lines");

        QTest::newRow("empty, delimiters only, quoted empties")
            << QByteArray("a,b\n1,2\n\n,\n3,4\r\n\r\n\"\",\"\"\n5,6") << QList<qint64>({2, 5, 8});
        QTest::newRow("before the header")
            << QByteArray("\n\r\na,b\n1,2\n\n\n3,4\n5,6\n\n") << QList<qint64>({4, 7, 8});
    }

    void blankLines()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QList<qint64>, lines);

        const Result result = read(bytes);
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.header, list({u"a", u"b"}));
        QCOMPARE(result.rows,
                 QList<QStringList>({list({u"1", u"2"}), list({u"3", u"4"}), list({u"5", u"6"})}));
        QCOMPARE(result.lines, lines);
        QVERIFY(result.error.isEmpty());
    }

    void shortAndLongRows()
    {
        const Result result = read("a,b,c\n"
                                   "1\n"
                                   "1,2\n"
                                   "1,2,3,x\n"
                                   "1,2,3,,\n"
                                   "1,,3,,y,\"z\",\n");
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.rows, QList<QStringList>({
                                  list({u"1", u"", u""}),
                                  list({u"1", u"2", u""}),
                                  list({u"1", u"2", u"3", u"x"}),
                                  list({u"1", u"2", u"3"}),
                                  list({u"1", u"", u"3", u"y", u"z"}),
                              }));
        QCOMPARE(result.extraFields, QList<int>({0, 0, 1, 0, 2}));
        QCOMPARE(result.lines, QList<qint64>({2, 3, 4, 5, 6}));
    }

    void unterminatedQuote_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("goodRows");
        QTest::addColumn<QString>("where");

        QTest::newRow("in a row") << QByteArray("a,b\n1,2\n3,\"open\n4,5\n6,7\n") << 1
                                  << QStringLiteral("line 3:");
        QTest::newRow("after a multi-line record")
            << QByteArray("a,b\r\n1,\"x\r\ny\"\r\n\r\n2,\"open,\r\n5\r\n") << 1
            << QStringLiteral("line 5:");
        QTest::newRow("last field of the file")
            << QByteArray("a,b\n1,2\n3,4\n5,\"") << 2 << QStringLiteral("line 4:");
    }

    void unterminatedQuote()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, goodRows);
        QFETCH(QString, where);

        const QString path = write(bytes, QStringLiteral("leads.csv"));
        CsvReader reader(path);
        QString error;
        reader.open();
        for (int i = 0; i < goodRows; ++i)
            QVERIFY2(reader.next(), qPrintable(reader.error()));
        QVERIFY(!reader.next());
        QCOMPARE(reader.error(),
                 QStringLiteral("leads.csv: %1 a quoted field is never closed").arg(where));
        QVERIFY(!reader.next());
    }

    void unterminatedQuoteInHeader()
    {
        const QString path = write("a,\"b\nc,d\n", QStringLiteral("contacts.csv"));
        CsvReader reader(path);
        QString error;
        try {
            reader.open();
            QFAIL("it opened");
        } catch (const Error &e) {
            error = e.message();
        }
        QCOMPARE(error, QStringLiteral("contacts.csv: line 1: a quoted field is never closed"));
        QCOMPARE(reader.error(), error);
        QVERIFY(!reader.next());
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");

        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << QStringLiteral("empty");
        QTest::newRow("blank lines only") << QByteArray("\r\n\n\n") << QStringLiteral("header");
        QTest::newRow("delimiters only") << QByteArray(",,,\n,,\n") << QStringLiteral("header");
    }

    void refused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);

        const QString path = write(bytes, QStringLiteral("export.csv"));
        CsvReader reader(path);
        QString error;
        try {
            reader.open();
            QFAIL("it opened");
        } catch (const Error &e) {
            error = e.message();
        }
        QVERIFY2(error.startsWith(QStringLiteral("export.csv: ")), qPrintable(error));
        QVERIFY2(error.contains(problem), qPrintable(error));
        QVERIFY(!reader.next());
    }

    void missingFile()
    {
        CsvReader reader(m_dir.filePath(QStringLiteral("missing.csv")));
        QString error;
        try {
            reader.open();
            QFAIL("it opened");
        } catch (const Error &e) {
            error = e.message();
        }
        QVERIFY2(error.startsWith(QStringLiteral("missing.csv: cannot open")), qPrintable(error));
    }

    // Quotes, line ends and doubled quotes cut in two by the reader's first buffer.
    void chunkBoundary_data()
    {
        QTest::addColumn<QByteArray>("record");
        QTest::addColumn<int>("offset"); // index in `record` of the buffer's last byte
        QTest::addColumn<int>("lineBreaks");
        QTest::addColumn<QStringList>("fields");

        QTest::newRow("CR|LF") << QByteArray("p,q\r\n") << 3 << 1 << list({u"p", u"q"});
        QTest::newRow("lone CR|") << QByteArray("p,q\r") << 3 << 1 << list({u"p", u"q"});
        QTest::newRow("\"|\" doubled")
            << QByteArray("\"a\"\"b\",q\n") << 2 << 1 << list({u"a\"b", u"q"});
        QTest::newRow("closing \"|,") << QByteArray("\"ab\",q\n") << 3 << 1 << list({u"ab", u"q"});
        QTest::newRow("closing \"|LF") << QByteArray("p,\"ab\"\n") << 5 << 1 << list({u"p", u"ab"});
        QTest::newRow("quoted CR|LF")
            << QByteArray("\"x\r\ny\",q\n") << 2 << 2 << list({u"x\r\ny", u"q"});
        QTest::newRow("opening \"|") << QByteArray("p,\"a,b\"\n") << 2 << 1 << list({u"p", u"a,b"});
        QTest::newRow("delimiter|") << QByteArray("p,q\n") << 1 << 1 << list({u"p", u"q"});
    }

    void chunkBoundary()
    {
        QFETCH(QByteArray, record);
        QFETCH(int, offset);
        QFETCH(int, lineBreaks);
        QFETCH(QStringList, fields);

        QByteArray bytes = "a,b\n";
        padTo(bytes, chunk - 1 - offset);
        const qint64 line = bytes.count('\n') + 1;
        bytes.append(record).append("last,row\n");

        const Result result = read(bytes);
        QVERIFY2(result.opened, qPrintable(result.error));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(qint64(result.rows.size()), line);
        QCOMPARE(result.rows.at(line - 2), fields);
        QCOMPARE(result.lines.at(line - 2), line);
        QCOMPARE(result.rows.constLast(), list({u"last", u"row"}));
        QCOMPARE(result.lines.constLast(), line + lineBreaks);
    }

    void progress()
    {
        const QByteArray bytes = "\xEF\xBB\xBF"
                                 "a,b\n1,2\n3,4\n";
        CsvReader reader(write(bytes));
        QString error;
        reader.open();
        QCOMPARE(reader.size(), qint64(bytes.size()));
        QCOMPARE(reader.bytesRead(), qint64(3 + 4));
        QVERIFY(reader.next());
        QCOMPARE(reader.bytesRead(), qint64(3 + 4 + 4));
        QVERIFY(reader.next());
        QVERIFY(!reader.next());
        QVERIFY(reader.error().isEmpty());
        QCOMPARE(reader.bytesRead(), reader.size());
    }

    // A generated export: every row read back with its values and line, across many buffer
    // refills, one record larger than the buffer included.
    void largeFile_data()
    {
        QTest::addColumn<bool>("windows");
        QTest::newRow("utf-8, LF") << false;
        QTest::newRow("windows-1252, CRLF") << true;
    }

    void largeFile()
    {
        QFETCH(bool, windows);
        const int rowCount = 200000;
        const int giantRow = 100000;
        const QString newline = windows ? QStringLiteral("\r\n") : QStringLiteral("\n");

        const auto rowFor = [&](int i) {
            QStringList f;
            f << QString::number(i) << QStringLiteral("lead%1@example.com").arg(i)
              << (i % 5 == 0 ? QStringLiteral("Søren Ørsted %1").arg(i)
                             : QStringLiteral("Name %1").arg(i))
              << (i % 7 == 0 ? QStringLiteral("Acme, Inc. %1").arg(i)
                             : QStringLiteral("Company %1").arg(i))
              << (i % 11 == 0 ? QStringLiteral("5\" screen \"big\"") : QString())
              << (i % 13 == 0 ? QStringLiteral("line one") + newline + QStringLiteral("two")
                              : QStringLiteral("€%1").arg(i % 100));
            if (i == giantRow)
                f[5] = QString(3 << 20, QLatin1Char('x')) + newline + QStringLiteral("end");
            return f;
        };
        const auto encode = [&](const QString &text) {
            if (!windows)
                return text.toUtf8();
            QByteArray out;
            out.reserve(text.size());
            for (const QChar c : text)
                out.append(c == QChar(0x20AC) ? '\x80' : char(c.unicode()));
            return out;
        };

        QByteArray bytes = encode(QStringLiteral("Id,Email,Name,Company,Note,Details") + newline);
        QList<qint64> lines;
        qint64 line = 2;
        for (int i = 0; i < rowCount; ++i) {
            const QStringList fields = rowFor(i);
            QStringList cells;
            for (const QString &field : fields) {
                const bool quote = i % 17 == 0 || field.contains(QLatin1Char(',')) ||
                                   field.contains(QLatin1Char('"')) ||
                                   field.contains(QLatin1Char('\n'));
                QString cell = field;
                if (quote) {
                    cell.replace(QLatin1Char('"'), QStringLiteral("\"\""));
                    cell = QLatin1Char('"') + cell + QLatin1Char('"');
                }
                cells << cell;
            }
            bytes.append(encode(cells.join(QLatin1Char(',')) + newline));
            lines << line;
            line += 1 + fields.join(QString()).count(QLatin1Char('\n'));
        }

        const QString path = write(bytes);
        CsvReader reader(path);
        QString error;
        reader.open();
        QCOMPARE(int(reader.encoding()),
                 int(windows ? CsvReader::Encoding::Windows1252 : CsvReader::Encoding::Utf8));
        QCOMPARE(reader.header(),
                 list({u"Id", u"Email", u"Name", u"Company", u"Note", u"Details"}));
        QCOMPARE(reader.size(), qint64(bytes.size()));

        int count = 0;
        qint64 lastProgress = reader.bytesRead();
        while (const auto record = reader.next()) {
            QVERIFY(count < rowCount);
            QCOMPARE(record->line, lines.at(count));
            QCOMPARE(record->fields, rowFor(count));
            QCOMPARE(record->extraFields, 0);
            QVERIFY(reader.bytesRead() > lastProgress);
            lastProgress = reader.bytesRead();
            ++count;
        }
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        QCOMPARE(count, rowCount);
        QCOMPARE(reader.bytesRead(), reader.size());
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
