// The drop folder: an export dropped into it is imported once it has stopped growing and
// moved to done/ with a report; a file nothing of which can go in is moved to failed/ with
// the reason; a file still being written is left alone.

#include <QSignalSpy>
#include <QTest>

#include "intake/dropfolder.h"
#include "store/leadrepository.h"
#include "testdatabase.h"

using namespace handoff;

namespace {

const QByteArray goodExport = "Email,First Name,Company,Lead Source\n"
                              "ada@example.com,Ada,Analytical,Web\n"
                              "grace@example.com,Grace,Navy,Web\n"
                              "not-an-address,Bad,Row,Web\n";

QString readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Looks until the folder has taken `expected` files in all (by its signal: the folder also
// looks by itself, on a timer, while the test waits), or 10 s pass.
int lookUntilTaken(DropFolder &folder, const QSignalSpy &taken, int expected)
{
    for (int i = 0; i < 100 && taken.size() < expected; ++i) {
        folder.look();
        if (taken.size() < expected)
            QTest::qWait(100);
    }
    return int(taken.size());
}

} // namespace

class TestDropFolder : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        m_folder = std::make_unique<QTemporaryDir>();
    }
    void cleanup()
    {
        m_folder.reset();
        m_db.reset();
    }

    void anExportIsImportedAndMovedToDoneWithItsReport()
    {
        DropFolder folder(m_db->db(), m_folder->path());
        QSignalSpy taken(&folder, &DropFolder::taken);
        QVERIFY(!writeTestFile(*m_folder, QStringLiteral("leads.csv"), goodExport).isEmpty());
        QCOMPARE(folder.look(), 0); // just seen: it may still be growing
        QCOMPARE(lookUntilTaken(folder, taken, 1), 1);
        QCOMPARE(taken[0][1].toBool(), true);
        QVERIFY(!QFile::exists(m_folder->filePath(QStringLiteral("leads.csv"))));
        QVERIFY(QFile::exists(m_folder->filePath(QStringLiteral("done/leads.csv"))));
        const QString report =
            readAll(m_folder->filePath(QStringLiteral("done/leads.csv.report.txt")));
        QVERIFY2(report.contains(QStringLiteral("2 new")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("line 4")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("undo-import")), qPrintable(report));
        QCOMPARE(LeadRepository(m_db->connection()).count(), 2);

        // The same name dropped again lands beside the first, not over it.
        QVERIFY(!writeTestFile(*m_folder, QStringLiteral("leads.csv"), goodExport).isEmpty());
        QCOMPARE(lookUntilTaken(folder, taken, 2), 2);
        QCOMPARE(QDir(m_folder->filePath(QStringLiteral("done")))
                     .entryList({QStringLiteral("leads*.csv")}, QDir::Files)
                     .size(),
                 2);
        QVERIFY(taken[1][2].toString() != taken[0][2].toString());
        QCOMPARE(LeadRepository(m_db->connection()).count(), 2); // nothing new the second time
    }

    void whatCannotBeImportedGoesToFailed()
    {
        DropFolder folder(m_db->db(), m_folder->path());
        QSignalSpy taken(&folder, &DropFolder::taken);
        QVERIFY(!writeTestFile(*m_folder, QStringLiteral("export.xlsx.csv"),
                               QByteArray("PK\x03\x04\x00\x00binary", 12))
                     .isEmpty());
        QCOMPARE(lookUntilTaken(folder, taken, 1), 1);
        QCOMPARE(taken[0][1].toBool(), false);
        QVERIFY(QFile::exists(m_folder->filePath(QStringLiteral("failed/export.xlsx.csv"))));
        const QString report =
            readAll(m_folder->filePath(QStringLiteral("failed/export.xlsx.csv.report.txt")));
        QVERIFY2(report.contains(QStringLiteral("Nothing was imported")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("NUL")), qPrintable(report));
        QCOMPARE(LeadRepository(m_db->connection()).count(), 0);
    }

    void aFileStillBeingWrittenIsLeftAlone()
    {
        DropFolder folder(m_db->db(), m_folder->path());
        QSignalSpy taken(&folder, &DropFolder::taken);
        const QString part = writeTestFile(*m_folder, QStringLiteral("leads.csv.part"), goodExport);
        QVERIFY(!part.isEmpty());
        QFile growing(m_folder->filePath(QStringLiteral("growing.csv")));
        QVERIFY(growing.open(QIODevice::WriteOnly));
        growing.write("Email,First Name\n");
        growing.flush();
        for (int i = 0; i < 8; ++i) { // 1.6 s of a file that grows between every look
            folder.look();
            QCOMPARE(taken.size(), 0);
            growing.write(QStringLiteral("p%1@example.com,P%1\n").arg(i).toUtf8());
            growing.flush();
            QTest::qWait(200);
        }
        growing.close();
        QCOMPARE(lookUntilTaken(folder, taken, 1), 1); // once it stops, it is taken
        QVERIFY(QFile::exists(part));                  // the .part never is
        QCOMPARE(LeadRepository(m_db->connection()).count(), 8);
    }

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<QTemporaryDir> m_folder;
};

QTEST_GUILESS_MAIN(TestDropFolder)
#include "tst_dropfolder.moc"
