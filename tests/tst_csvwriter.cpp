#include <QFile>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

#include "errorof.h"
#include "io/csvreader.h"
#include "io/csvwriter.h"
#include "io/handoffpackage.h"
#include "scoring/activitycatalogue.h"

using namespace handoff;

class TestCsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void formulasAreNeutralised_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("written");
        QTest::newRow("sum") << "=SUM(A1:A9)"
                             << "'=SUM(A1:A9)";
        QTest::newRow("plus") << "+1-555-0100"
                              << "'+1-555-0100";
        QTest::newRow("minus") << "-2+3"
                               << "'-2+3";
        QTest::newRow("at") << "@cmd"
                            << "'@cmd";
        QTest::newRow("tab") << "\tx"
                             << "'\tx";
        QTest::newRow("carriage return") << "\rx"
                                         << "\"'\rx\"";
        QTest::newRow("plain") << "Acme"
                               << "Acme";
        QTest::newRow("comma") << "Acme, Inc."
                               << "\"Acme, Inc.\"";
        QTest::newRow("quotes") << "say \"hi\""
                                << "\"say \"\"hi\"\"\"";
        QTest::newRow("line break") << "a\nb"
                                    << "\"a\nb\"";
        QTest::newRow("empty") << ""
                               << "";
    }

    void formulasAreNeutralised()
    {
        QFETCH(QString, cell);
        QFETCH(QString, written);
        QCOMPARE(CsvWriter::field(cell), written);
    }

    void aTableRoundTripsThroughTheReaderWithAndWithoutBom()
    {
        QStandardItemModel model(2, 2);
        model.setHorizontalHeaderLabels({QStringLiteral("Lead"), QStringLiteral("Note")});
        model.setItem(0, 0, new QStandardItem(QStringLiteral("Zoë Ørsted")));
        model.setItem(0, 1, new QStandardItem(QStringLiteral("=HYPERLINK(\"x\")")));
        model.setItem(1, 0, new QStandardItem(QStringLiteral("Ben, Jr.")));
        model.setItem(1, 1, new QStandardItem(QStringLiteral("two\nlines")));
        QTemporaryDir dir;
        for (const bool bom : {false, true}) {
            const QString path =
                dir.filePath(bom ? QStringLiteral("bom.csv") : QStringLiteral("plain.csv"));
            CsvWriter::writeModel(model, path, {bom});
            QFile raw(path);
            QVERIFY(raw.open(QIODevice::ReadOnly));
            QCOMPARE(raw.read(3) == QByteArray("\xEF\xBB\xBF"), bom);
            CsvReader reader(path);
            reader.open();
            QCOMPARE(reader.header(),
                     (QStringList{QStringLiteral("Lead"), QStringLiteral("Note")}));
            const auto first = reader.next();
            QCOMPARE(first->fields, (QStringList{QStringLiteral("Zoë Ørsted"),
                                                 QStringLiteral("'=HYPERLINK(\"x\")")}));
            const auto second = reader.next();
            QCOMPARE(second->fields.value(0), QStringLiteral("Ben, Jr."));
            QVERIFY(second->fields.value(1).contains(QLatin1Char('\n')));
        }
    }

    void aHandoffPackageReadsAsASheet()
    {
        QList<ActivityType> types = standardActivityTypes();
        for (int i = 0; i < types.size(); ++i)
            types[i].id = i + 1;
        const ActivityCatalogue catalogue(types);
        HandoffPackage package;
        package.lead.id = 7;
        package.lead.firstName = QStringLiteral("Ada");
        package.lead.lastName = QStringLiteral("Lovelace");
        package.lead.stage = Stage::Mql;
        package.breakdown.total = 81.5;
        package.qualification.budget = QStringLiteral("=approved");
        package.activities = {{1, 7, 1, 1'700'000'000, QStringLiteral("Pricing"), {}, 0}};
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("package.csv"));
        package.writeCsv(path, catalogue, {});
        CsvReader reader(path);
        reader.open();
        QMap<QString, QString> facts;
        while (const auto record = reader.next())
            facts.insert(record->fields.value(1), record->fields.value(2));
        QCOMPARE(facts.value(QStringLiteral("Name")), QStringLiteral("Ada Lovelace"));
        QCOMPARE(facts.value(QStringLiteral("Stage")), QStringLiteral("MQL"));
        QCOMPARE(facts.value(QStringLiteral("Score")), QStringLiteral("81.5"));
        QCOMPARE(facts.value(QStringLiteral("Budget")),
                 QStringLiteral("'=approved")); // neutralised
        QCOMPARE(package.toJson(catalogue).value(QStringLiteral("lead_id")).toInt(), 7);
    }

    // A file that cannot be written throws an Error naming it, and nothing is left behind.
    void anUnwritableFileIsReported()
    {
        QStandardItemModel model(1, 1);
        const QString path = QStringLiteral("/nonexistent-dir/x.csv");
        const auto error = errorOf([&] { CsvWriter::writeModel(model, path, {}); });
        QVERIFY(error);
        QCOMPARE(error->where().file, path);
        QVERIFY2(error->message().startsWith(path + QStringLiteral(": cannot be written")),
                 qPrintable(error->message()));
        QVERIFY(!QFile::exists(path));

        const ActivityCatalogue catalogue(standardActivityTypes());
        const QString package = QStringLiteral("/nonexistent-dir/package.csv");
        const auto packageError =
            errorOf([&] { HandoffPackage().writeCsv(package, catalogue, {}); });
        QVERIFY(packageError);
        QCOMPARE(packageError->where().file, package);
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
