// handoff::Error, the one exception for a failure a person reads: how its parts compose into
// the message people see, and a converted function's failure path (it throws, with the
// words it always had, and says where).

#include <QTemporaryDir>
#include <QTest>

#include "io/leadimporter.h"
#include "store/error.h"
#include "testdatabase.h"

using namespace handoff;

class TestError : public QObject
{
    Q_OBJECT

private slots:
    void whatAlone()
    {
        const Error e(QStringLiteral("Claim the lead first"));
        QCOMPARE(e.message(), QStringLiteral("Claim the lead first"));
        QCOMPARE(QString::fromStdString(e.what()), e.message()); // for std::exception catchers
        QVERIFY(e.where().isEmpty());
    }

    void whatWhereAndWhatToDo()
    {
        const Error e(QStringLiteral("a quoted field is never closed"),
                      ErrorWhere::inFile(QStringLiteral("leads.csv"), 7, QStringLiteral("Email")),
                      QStringLiteral("close the quote and import the file again"));
        QCOMPARE(e.message(), QStringLiteral("leads.csv, line 7, column Email: a quoted field is "
                                             "never closed; close the quote and import the file "
                                             "again"));
        QCOMPARE(e.problem(), QStringLiteral("a quoted field is never closed"));
        QCOMPARE(e.where().line, 7);
        QCOMPARE(e.whatToDo(), QStringLiteral("close the quote and import the file again"));
    }

    void whereWithoutAFile()
    {
        const Error record(QStringLiteral("has no e-mail"),
                           ErrorWhere::forRecord(QStringLiteral("lead 42")));
        QCOMPARE(record.message(), QStringLiteral("lead 42: has no e-mail"));
        ErrorWhere fileAndRecord = ErrorWhere::inFile(QStringLiteral("team.sqlite"));
        fileAndRecord.record = QStringLiteral("lead 42");
        const Error both(QStringLiteral("is damaged"), fileAndRecord,
                         QStringLiteral("restore it from a backup"));
        QCOMPARE(both.message(),
                 QStringLiteral("team.sqlite, lead 42: is damaged; restore it from a backup"));
        const Error toDoOnly(QStringLiteral("The backup was cancelled"), {},
                             QStringLiteral("start it again"));
        QCOMPARE(toDoOnly.message(), QStringLiteral("The backup was cancelled; start it again"));
    }

    // LeadImporter::previewActivities mixed an optional, an out-parameter and a caught
    // exception; now it throws, and the reader's words say where.
    void aConvertedFunctionThrowsWithWhereAndTheSameWords()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QByteArray &bytes) {
            QFile file(dir.filePath(name));
            file.open(QIODevice::WriteOnly);
            file.write(bytes);
            return file.fileName();
        };
        TestDatabase t;
        const QString leads = write(QStringLiteral("leads.csv"), "Email\nada@one.example\n");
        const QString events = write(QStringLiteral("events.csv"),
                                     "Email,Activity,Date\nada@one.example,Page view,someday\n"
                                     "ada@one.example,Page view,sometime\n");
        LeadImporter importer(t.db(), leads, events);
        importer.open({});
        try {
            importer.previewActivities(5);
            QFAIL("an activities file whose dates no format fits was previewed");
        } catch (const Error &e) {
            QCOMPARE(e.where().file, QStringLiteral("events.csv"));
            QCOMPARE(e.where().column, QStringLiteral("Date"));
            QCOMPARE(e.message(), QStringLiteral("events.csv, column Date: no single date format "
                                                 "fits its values"));
        }

        LeadImporter unknownPreset(t.db(), leads);
        try {
            unknownPreset.open(QStringLiteral("nosuchsystem"));
            QFAIL("an unknown preset was taken");
        } catch (const Error &e) {
            QVERIFY2(e.message().startsWith(QStringLiteral("there is no preset 'nosuchsystem'")),
                     qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
