#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include "io/leadimporter.h"
#include "store/activitybulkwriter.h"
#include "store/bulkloadscope.h"
#include "store/nativestatement.h"
#include "store/rowscanner.h"
#include "testdatabase.h"

using namespace handoff;

// Every bulk write and read has a native SQLite branch and a portable Qt SQL one, for any
// other driver. Only the native one runs in the application today, so these tests hold a
// connection to the portable branch and check that the same imports leave the same rows.
class TestPortableSql : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    static constexpr qint64 Now = 1'795'000'000;

    QString write(const QString &name, const QByteArray &bytes)
    {
        return writeTestFile(m_dir, name, bytes);
    }

    // Enough leads and activities that the bulk writer fills whole groups of rows and a
    // partial last one; a page-view count gives undated activities besides.
    QString leadsFile()
    {
        QByteArray csv =
            "Email,First Name,Company Name,Job Title,Number of Pageviews,Create Date\n";
        for (int i = 0; i < 90; ++i)
            csv +=
                QStringLiteral("lead%1@firm%2.example,Name%1,Firm %2,%3,%4,2026-09-%5 08:00:00\n")
                    .arg(i)
                    .arg(i % 7)
                    .arg(i % 3 == 0 ? QStringLiteral("VP of Sales") : QStringLiteral("Engineer"))
                    .arg(i % 4)
                    .arg(i % 28 + 1, 2, 10, QLatin1Char('0'))
                    .toUtf8();
        return write(QStringLiteral("leads.csv"), csv);
    }

    QString activitiesFile()
    {
        static const char *const types[] = {"Email Opened", "webinar_attended", "page_view"};
        QByteArray csv = "Email,Activity,Date,Content\n";
        for (int i = 0; i < 150; ++i)
            csv += QStringLiteral("lead%1@firm%2.example,%3,2026-10-%4 %5:00,Asset %6\n")
                       .arg(i % 90)
                       .arg(i % 90 % 7)
                       .arg(QLatin1String(types[i % 3]))
                       .arg(i % 28 + 1, 2, 10, QLatin1Char('0'))
                       .arg(i % 24, 2, 10, QLatin1Char('0'))
                       .arg(i % 5)
                       .toUtf8();
        // The same activity twice in one file, and a lead the leads file does not have.
        csv += "lead1@firm1.example,Email Opened,2026-10-02 01:00,Asset 1\n"
               "nobody@nowhere.example,page_view,2026-10-11 10:00,\n";
        return write(QStringLiteral("activities.csv"), csv);
    }

    static void import(Database &db, const QString &leads, const QString &activities = {})
    {
        LeadImporter importer(db, leads, activities);
        importer.open({});
        importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("tester"), Now);
    }

    // Every table's rows in order, one line a row (what differs shows in the comparison),
    // but for the wall-clock time of each write.
    static QStringList rows(Database &db)
    {
        QStringList out;
        QSqlQuery tables(db.connection());
        tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                   "name NOT LIKE 'sqlite_%' ORDER BY name"));
        QStringList names;
        while (tables.next())
            names.append(tables.value(0).toString());
        for (const QString &table : names) {
            QSqlQuery q(db.connection());
            q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(table));
            while (q.next()) {
                QStringList cells{table};
                for (int c = 0; c < q.record().count(); ++c) {
                    // The moment of each write, by the wall clock: never the same twice.
                    if (q.record().fieldName(c) == QLatin1String("updated_at"))
                        continue;
                    // Each database's identity, random, its own.
                    if (q.record().fieldName(c) == QLatin1String("database_id"))
                        continue;
                    cells.append(q.isNull(c) ? QStringLiteral("NULL") : q.value(c).toString());
                }
                out.append(cells.join(QLatin1Char('|')));
            }
        }
        return out;
    }

    static qint64 count(Database &db, const QString &table)
    {
        QSqlQuery q(db.connection());
        return q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) && q.next()
                   ? q.value(0).toLongLong()
                   : -1;
    }

private slots:
    void theSeamHoldsOnlyItsConnection()
    {
        TestDatabase portable;
        TestDatabase native;
        QVERIFY(NativeStatement::bulkHandle(portable.connection()));
        NativeStatement::setPortableOnly(portable.connection(), true);
        QVERIFY(NativeStatement::isPortableOnly(portable.connection()));
        QVERIFY(!NativeStatement::bulkHandle(portable.connection()));
        QVERIFY(!NativeStatement::prepare(portable.connection(), "SELECT 1"));
        // The handle itself stays reachable (a backup needs it), and other connections keep
        // the native path.
        QVERIFY(NativeStatement::sqliteHandle(portable.connection()));
        QVERIFY(NativeStatement::bulkHandle(native.connection()));
    }

    void anImportLeavesTheSameRowsOnBothPaths()
    {
        const QString leads = leadsFile();
        const QString activities = activitiesFile();
        TestDatabase native;
        TestDatabase portable;
        NativeStatement::setPortableOnly(portable.connection(), true);
        for (TestDatabase *t : {&native, &portable}) {
            import(t->db(), leads);             // leads, and undated activities from the page views
            import(t->db(), leads, activities); // dated activities
            import(t->db(), leads, activities); // again: nothing doubles
        }
        QVERIFY(count(native.db(), QStringLiteral("leads")) >= 90);
        QVERIFY(count(native.db(), QStringLiteral("activities")) > 150);
        QCOMPARE(rows(portable.db()), rows(native.db()));
    }

    void theBulkWriterWritesTheSameRowsOnBothPaths()
    {
        TestDatabase native;
        TestDatabase portable;
        NativeStatement::setPortableOnly(portable.connection(), true);
        for (TestDatabase *t : {&native, &portable})
            import(t->db(), leadsFile());
        for (TestDatabase *t : {&native, &portable}) {
            QSqlDatabase db = t->connection();
            const BulkLoadScope scope(db);
            QVERIFY(db.transaction());
            ActivityBulkWriter writer(db);
            // Dated and undated rows interleaved, so both kinds of held-back group flush.
            for (int i = 0; i < 100; ++i)
                writer.insert(1 + i % 40, 1 + i % 3, Now - i * 60,
                              QStringLiteral("Åsset %1").arg(i),
                              i % 2 ? QStringLiteral("email") : QString(), 0, i % 10 == 9);
            writer.flush();
            QVERIFY(writer.exists(1, 1, Now));
            QVERIFY(!writer.exists(1, 1, Now + 1));
            QVERIFY(db.commit());
        }
        QCOMPARE(rows(portable.db()), rows(native.db()));
    }

    void aScanReadsTheSameValuesOnBothPaths()
    {
        TestDatabase t;
        import(t.db(), leadsFile());
        const QString statement = QStringLiteral(
            "SELECT id, email, company, created_at, NULL FROM leads WHERE id > ? ORDER BY id");
        auto scan = [&] {
            RowScanner scanner(t.connection(), statement);
            scanner.bind(1, 10);
            scanner.run();
            QStringList out;
            while (scanner.next())
                out.append(QStringLiteral("%1|%2|%3|%4|%5")
                               .arg(scanner.integer(0))
                               .arg(scanner.text(1), scanner.text(2))
                               .arg(scanner.integer(3))
                               .arg(scanner.isNull(4)));
            return out;
        };
        const QStringList native = scan();
        NativeStatement::setPortableOnly(t.connection(), true);
        const QStringList portable = scan();
        QCOMPARE(native.size(), 80);
        QCOMPARE(portable, native);
    }
};

QTEST_GUILESS_MAIN(TestPortableSql)
#include "tst_portablesql.moc"
