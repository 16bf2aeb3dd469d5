#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include "io/filekind.h"
#include "io/importrun.h"
#include "io/leadimporter.h"
#include "queues/handoffactions.h"
#include "scoring/scoringengine.h"
#include "store/activityrepository.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/importrepository.h"
#include "store/leadrepository.h"
#include "store/modelrepository.h"
#include "store/qualificationrepository.h"
#include "testdatabase.h"

using namespace handoff;

// Imports as users run them: real-looking exports of each system, written by the test as
// bytes, and what lands in the database, or does not.
class TestLeadImporter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    static constexpr qint64 Now = 1'795'000'000;

    QString write(const QString &name, const QByteArray &bytes)
    {
        return writeTestFile(m_dir, name, bytes);
    }

    // Every table's rows, hashed: equal digests mean not a byte of data changed.
    static QByteArray digest(Database &db)
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QSqlQuery tables(db.connection());
        tables.exec(db.isServer() ? QStringLiteral("SELECT tablename FROM pg_tables WHERE "
                                                   "schemaname = current_schema() ORDER BY 1")
                                  : QStringLiteral("SELECT name FROM sqlite_master WHERE "
                                                   "type = 'table' ORDER BY name"));
        QStringList names;
        while (tables.next())
            names.append(tables.value(0).toString());
        for (const QString &table : names) {
            QSqlQuery rows(db.connection());
            rows.exec((db.isServer() ? QStringLiteral("SELECT * FROM %1 AS t ORDER BY t::text")
                                     : QStringLiteral("SELECT * FROM %1 ORDER BY rowid"))
                          .arg(table));
            hash.addData(table.toUtf8());
            while (rows.next()) {
                for (int c = 0; c < rows.record().count(); ++c)
                    hash.addData(rows.value(c).toString().toUtf8() + '\x1f');
            }
        }
        return hash.result();
    }

    static qint64 scalar(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    static std::optional<Lead> byEmail(Database &db, const QString &email)
    {
        LeadRepository leads(db.connection());
        const auto ids = leads.identities();
        const auto it = ids.byEmail.constFind(email.toCaseFolded());
        return it == ids.byEmail.cend() ? std::nullopt : leads.find(it.value());
    }

    ImportSummary importFile(Database &db, const QString &path,
                             LeadImporter::Policy policy = LeadImporter::Policy::GoodRows,
                             const QString &preset = {}, const QString &activities = {})
    {
        LeadImporter importer(db, path, activities);
        try {
            importer.open(preset);
        } catch (const Error &e) {
            qWarning() << e.message(); // run() then says the same, for the test to see
        }
        return importer.run(policy, QStringLiteral("tester"), Now);
    }

    static QString refusal(const std::function<void()> &action)
    {
        try {
            action();
        } catch (const Error &e) {
            return e.message();
        }
        return {};
    }

    QByteArray hubspot() const
    {
        // UTF-8 with a BOM, CRLF, a trailing empty header column, quoted thousands, an
        // invalid e-mail and no id on line 4, a placeholder, HubSpot's own column names.
        return QByteArray("\xEF\xBB\xBF") +
               "Record ID,First Name,Last Name,Email,Job Title,Company Name,Number of Employees,"
               "Lifecycle Stage,Became a Marketing Qualified Lead Date,Number of Pageviews,"
               "Create Date,Favourite Colour,\r\n"
               "101,Anna,Smith,Anna.Smith@Acme.example,VP of "
               "Sales,Acme,\"1,098\",marketingqualifiedlead,"
               "2026-10-02 09:15:00,4,2026-09-01 08:00:00,teal,\r\n"
               "102,Ben,Øster,ben@beta.example,Engineer,Beta,N/A,lead,,0,2026-09-03 10:00:00,,\r\n"
               ",Carl,Broken,carl-at-nowhere,CTO,Gamma,12,lead,,1,2026-09-04 11:00:00,red,\r\n"
               "104,Dora,Diaz,dora@delta.example,CFO,Delta,250,salesqualifiedlead,2026-10-05 "
               "12:00:00,2,"
               "2026-09-05 12:00:00,,\r\n";
    }

private slots:
    // The disk fills up halfway through an import (SQLite's page limit stands in for the
    // disk): the import stops with a message that says so, and nothing of it was written.
    void aFullDiskStopsTheImportWithNothingWritten()
    {
        TestDatabase t;
        if (t.isServer())
            QSKIP("a full disk is simulated with SQLite's max_page_count");
        const qint64 before = LeadRepository(t.connection()).count();
        QByteArray csv = "Email,First Name,Company,Job Title\n";
        for (int i = 0; i < 5000; ++i)
            csv += QStringLiteral("full%1@example.com,Name%1,Company %1,Director of Things\n")
                       .arg(i)
                       .toUtf8();
        const QString path = write(QStringLiteral("full.csv"), csv);
        QSqlQuery limit(t.connection());
        QVERIFY(limit.exec(QStringLiteral("PRAGMA page_count")) && limit.next());
        const qint64 pages = limit.value(0).toLongLong();
        QVERIFY(limit.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 20)));

        const QString message = refusal([&] { importFile(t.db(), path); });
        QVERIFY2(message.contains(QStringLiteral("disk is full")) && message.contains(t.path()),
                 qPrintable(message));
        QCOMPARE(LeadRepository(t.connection()).count(), before);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM import_batches")), 0);
        QVERIFY(limit.exec(QStringLiteral("PRAGMA integrity_check")) && limit.next());
        QCOMPARE(limit.value(0).toString(), QStringLiteral("ok"));
    }

    void aHubSpotExportLandsWithEveryRejectedRowNamed()
    {
        TestDatabase t;
        const QString path = write(QStringLiteral("hubspot.csv"), hubspot());
        const ImportSummary s = importFile(t.db(), path);
        QCOMPARE(s.rows, 4);
        QCOMPARE(s.created, 3);
        QCOMPARE(s.rejected, 1);
        QVERIFY(s.batchId);
        QCOMPARE(s.problems.size(), 1);
        const ImportProblem &p = s.problems.first();
        QCOMPARE(p.line, 4);
        QCOMPARE(p.column, QStringLiteral("Email"));
        QCOMPARE(p.value, QStringLiteral("carl-at-nowhere"));
        QVERIFY(p.describe().startsWith(QStringLiteral("hubspot.csv, line 4, column Email")));

        const auto anna = byEmail(t.db(), QStringLiteral("anna.smith@acme.example"));
        QVERIFY(anna);
        QCOMPARE(anna->externalId, QStringLiteral("101"));
        QCOMPARE(anna->companySize, std::optional<int>(1098));
        QCOMPARE(anna->stage, Stage::Mql);
        QCOMPARE(anna->title, QStringLiteral("VP of Sales"));
        QCOMPARE(LeadRepository(t.connection())
                     .customFields(anna->id)
                     .value(QStringLiteral("Favourite Colour")),
                 QStringLiteral("teal"));
        QCOMPARE(ActivityRepository(t.connection()).forLead(anna->id).size(), 4); // page views
        const auto history = LeadRepository(t.connection()).stageHistory(anna->id);
        QCOMPARE(history.last().to, Stage::Mql);
        const auto ben = byEmail(t.db(), QStringLiteral("ben@beta.example"));
        QCOMPARE(ben->lastName, QStringLiteral("Øster"));
        QVERIFY(!ben->companySize); // N/A is no answer
    }

    // A connector's prospect table: hashed or mistyped addresses next to a valid id. The
    // lead goes in without the address, and the note says so; without an id it cannot.
    void aHashedEmailNextToAnIdKeepsTheRowWithoutIt()
    {
        TestDatabase t;
        const ImportSummary s =
            importFile(t.db(), write(QStringLiteral("prospects.csv"),
                                     "id,email,first_name,company\n"
                                     "5001,5f4dcc3b5aa765d61d8327deb882cf99,Ann,Acme\n"
                                     "5002,bob@beta.example,Bob,Beta\n"
                                     ",not-an-address,Cy,Gamma\n"));
        QCOMPARE(s.created, 2);
        QCOMPARE(s.rejected, 1);
        QCOMPARE(s.problems.size(), 2);
        QCOMPARE(s.problems[0].line, 2);
        QCOMPARE(s.problems[0].severity, ImportProblem::Severity::Note);
        QVERIFY2(s.problems[0].describe().contains(QStringLiteral("imported without it")),
                 qPrintable(s.problems[0].describe()));
        QCOMPARE(s.problems[1].line, 4);
        QCOMPARE(s.problems[1].severity, ImportProblem::Severity::Rejection);
        LeadRepository leads(t.connection());
        const QList<qint64> ann = leads.findByKey(QStringLiteral("5001"));
        QCOMPARE(ann.size(), 1);
        QCOMPARE(leads.find(ann.first())->email, QString());
        QCOMPARE(leads.find(ann.first())->firstName, QStringLiteral("Ann"));
    }

    // A public lead-scoring dataset: no e-mail, no column any system's preset calls its id;
    // "Prospect ID" holds UUIDs and "Lead Number" numbers, both filled and unique. The
    // UUIDs are the better key by rule; the other is named as also unique.
    void aDatasetKnownOnlyByItsOwnIdsImportsWhole()
    {
        TestDatabase t;
        QByteArray bytes(
            "Prospect ID,Lead Number,Lead Origin,Phone Number,Converted,TotalVisits\n");
        for (int i = 0; i < 30; ++i)
            bytes += QStringLiteral("%1-7f3c-4b1e-9a2d-%2,%3,API,+44 20 7946 %4,%5,%6\n")
                         .arg(QString::number(0x1000a000 + i, 16))
                         .arg(QString::number(0x100000000000LL + i * 7919, 16))
                         .arg(660737 - i * 3)
                         .arg(1000 + i)
                         .arg(i % 3 == 0 ? 1 : 0)
                         .arg(i % 5)
                         .toUtf8();
        const QString path = write(QStringLiteral("Leads.csv"), bytes);
        LeadImporter importer(t.db(), path);
        QString error;
        importer.open({});
        const auto &choice = importer.identityChoice();
        QVERIFY(choice);
        QCOMPARE(choice->column, 0);
        QCOMPARE(choice->alsoUnique, QStringList{QStringLiteral("Lead Number")});
        QVERIFY2(choice->reason.contains(QStringLiteral("UUIDs")), qPrintable(choice->reason));
        const ImportSummary s =
            importer.run(LeadImporter::Policy::AllOrNothing, QStringLiteral("tester"), Now);
        QCOMPARE(s.created, 30);
        QCOMPARE(s.rejected, 0);
        LeadRepository leads(t.connection());
        QCOMPARE(leads.findByKey(QStringLiteral("1000a000-7f3c-4b1e-9a2d-100000000000")).size(), 1);
        // The saved mapping keeps the choice: the same file again changes nothing.
        const ImportSummary again = importFile(t.db(), path);
        QCOMPARE(again.unchanged, 30);
        QCOMPARE(again.created, 0);
        QVERIFY(!again.batchId);
    }

    // Unique is not enough: a phone number is unique and a landing page's id is not the
    // lead's. The MQL's own id is.
    void theLeadsIdIsNeverAPhoneNumberOrAPagesId()
    {
        TestDatabase t;
        QByteArray bytes("landing_page_id,Phone Number,mql_id,first_contact_date,origin\n");
        for (int i = 0; i < 12; ++i)
            bytes +=
                QStringLiteral("%1,555-01%2,%3,2018-02-%4,organic_search\n")
                    .arg(i % 2 ? QStringLiteral("22c29808c4f815213303f8933030604c")
                               : QStringLiteral("58326e62183c14b0c03085c33b9fdc44"))
                    .arg(10 + i)
                    .arg(
                        QStringLiteral("%1c8a3f21d1f9e1b6fa2ec0d5b4b21a%2").arg(i % 10).arg(10 + i))
                    .arg(10 + i)
                    .toUtf8();
        LeadImporter importer(t.db(), write(QStringLiteral("olist_mql.csv"), bytes));
        QString error;
        importer.open({});
        QVERIFY(importer.identityChoice());
        QCOMPARE(importer.header().value(importer.identityChoice()->column),
                 QStringLiteral("mql_id"));
        QVERIFY(importer.identityChoice()->alsoUnique.isEmpty());

        // A Salesforce custom field holding the org's own lead key.
        LeadImporter custom(t.db(), write(QStringLiteral("Lead.csv"),
                                          "Owner.External_Id__c,External_Id__c,FirstName,Status\n"
                                          "W_Sales_User.10,W_Lead.1,Tiffany,Working\n"
                                          "W_Sales_User.1,W_Lead.2,Marvin,Working\n"
                                          "W_Sales_User.1,W_Lead.3,Ann,Working\n"));
        custom.open({});
        QVERIFY(custom.identityChoice());
        QCOMPARE(custom.identityChoice()->column, 1);

        // Nothing id-like at all: no choice, and rows are rejected saying why.
        LeadImporter none(t.db(), write(QStringLiteral("names.csv"),
                                        "Name,Phone Number,City\nAnn,555-0100,Oslo\n"
                                        "Bob,555-0101,Bergen\nCy,555-0102,Molde\n"));
        none.open({});
        QVERIFY(!none.identityChoice());
    }

    // Report exports end in rows that are not leads. Each shape is skipped and counted,
    // and none of them fails an all-or-nothing import.
    void reportFootersAreSkippedByTheirShape_data()
    {
        QTest::addColumn<QByteArray>("footer");
        QTest::addColumn<int>("skipped");
        QTest::newRow("a statistics row after a blank line")
            << QByteArray(",,,,\n0,0,0.0016,0,0.3821\n") << 1;
        QTest::newRow("grand totals and a copyright")
            << QByteArray("\"Grand Totals (3 records)\",,,,\n\n"
                          "\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\""
                          ",,,,\n")
            << 2;
        QTest::newRow("generated by, confidential")
            << QByteArray("Generated By: Sam Rep 11/20/2026 9:01 AM\nConfidential Information - "
                          "Do Not Distribute\n")
            << 2;
        QTest::newRow("numbers where names belong, no blank line") << QByteArray(",3,3,3,3\n") << 1;
        QTest::newRow("the header again")
            << QByteArray("Lead ID,First Name,Company,Email,Title\n") << 1;
    }

    void reportFootersAreSkippedByTheirShape()
    {
        QFETCH(QByteArray, footer);
        QFETCH(int, skipped);
        TestDatabase t;
        const QByteArray rows("Lead ID,First Name,Company,Email,Title\n"
                              "00Q5A00001OX9pHUAT,Ann,Acme,ann@acme.example,CEO\n"
                              "00Q5A00001OaADrUAN,Bob,Beta,,CTO\n"
                              "00Q5A00001Oa7z2UAB,Cy,Gamma,cy@gamma.example,CFO\n");
        const ImportSummary s =
            importFile(t.db(), write(QStringLiteral("report.csv"), rows + footer),
                       LeadImporter::Policy::AllOrNothing, QStringLiteral("salesforce-report"));
        QVERIFY2(s.batchId, qPrintable(s.problems.value(0).describe()));
        QCOMPARE(s.created, 3);
        QCOMPARE(s.rejected, 0);
        QCOMPARE(s.skipped, qint64(skipped));
        QVERIFY(s.countsText().contains(QStringLiteral("report footer rows skipped")));
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM leads")), 3);
    }

    // A real lead after a blank line is still a lead; a row that names none is rejected
    // when nothing about its shape says footer.
    void aLeadAfterABlankLineIsStillALead()
    {
        TestDatabase t;
        const ImportSummary s =
            importFile(t.db(), write(QStringLiteral("gaps.csv"), "Email,First Name,Company\n"
                                                                 "ann@acme.example,Ann,Acme\n"
                                                                 ",,\n"
                                                                 "bob@beta.example,Bob,Beta\n"
                                                                 ",Cy,Gamma\n"));
        QCOMPARE(s.created, 2);
        QCOMPARE(s.skipped, 0); // a blank line is no row at all
        QCOMPARE(s.rejected, 1);
        QCOMPARE(s.problems.first().line, 5);
    }

    // An org's own lead status is no reason to lose the lead: it goes in at the stage it
    // has, the status is kept as a custom field, and the note says so.
    void anUnknownStatusKeepsTheLeadAndTheValue()
    {
        TestDatabase t;
        const ImportSummary s = importFile(t.db(), write(QStringLiteral("zoho.csv"),
                                                         "Email,Lead Status\n"
                                                         "ann@acme.example,Awaiting Budget\n"
                                                         "bob@beta.example,Junk Lead\n"
                                                         "cy@gamma.example,6 - Won\n"));
        QCOMPARE(s.created, 3);
        QCOMPARE(s.rejected, 0);
        QCOMPARE(s.notes, 1);
        const auto ann = byEmail(t.db(), QStringLiteral("ann@acme.example"));
        QCOMPARE(ann->stage, Stage::Suspect);
        QCOMPARE(LeadRepository(t.connection())
                     .customFields(ann->id)
                     .value(QStringLiteral("Lead Status")),
                 QStringLiteral("Awaiting Budget"));
        QCOMPARE(byEmail(t.db(), QStringLiteral("bob@beta.example"))->stage, Stage::Disqualified);
        QCOMPARE(byEmail(t.db(), QStringLiteral("cy@gamma.example"))->stage, Stage::Won);
    }

    // Zoho CRM's Leads export, as it writes it: "Created Time" with month names and a comma
    // inside the quoted date, "No. of Employees", "Lead Owner", its own statuses.
    void aZohoLeadsExportKeepsItsCreationTimes()
    {
        TestDatabase t;
        const ImportSummary s = importFile(
            t.db(),
            write(QStringLiteral("Leads_001.csv"),
                  "Record Id,Lead Owner,Company,First Name,Last Name,Email,Lead Source,"
                  "Lead Status,No. of Employees,Created Time,Modified Time\n"
                  "zcrm_4150868000000512001,Ana Reyes,Acme,Ann,Lee,ann@acme.example,Web Download,"
                  "Contacted,250,\"16 Apr, 2021 00:03:00\",\"17 Apr, 2021 09:10:11\"\n"
                  "zcrm_4150868000000512002,Ana Reyes,Beta,Bob,Kay,bob@beta.example,Trade Show,"
                  "Not Contacted,,\"3 Jan, 2022 17:45:10\",\"3 Jan, 2022 17:45:10\"\n"));
        QCOMPARE(s.rejected, 0);
        QCOMPARE(s.created, 2);
        const auto ann = byEmail(t.db(), QStringLiteral("ann@acme.example"));
        QCOMPARE(ann->createdAt,
                 QDateTime(QDate(2021, 4, 16), QTime(0, 3), Qt::UTC).toSecsSinceEpoch());
        QVERIFY(!ann->createdUndated);
        QCOMPARE(ann->externalId, QStringLiteral("zcrm_4150868000000512001"));
        QCOMPARE(ann->companySize, std::optional(250));
        QCOMPARE(ann->owner, QStringLiteral("Ana Reyes"));
        QCOMPARE(byEmail(t.db(), QStringLiteral("bob@beta.example"))->createdAt,
                 QDateTime(QDate(2022, 1, 3), QTime(17, 45, 10), Qt::UTC).toSecsSinceEpoch());
    }

    // Which export is which, by its header alone: deals and activities are not people,
    // and neither are companies.
    void eachKindOfExportIsToldByItsHeader_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<int>("kind");
        using filekind::Kind;
        QTest::newRow("salesforce opportunity")
            << "Id,AccountId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,LeadSource"
            << int(Kind::Opportunities);
        QTest::newRow("hubspot deals")
            << "Deal Name,Deal Stage,Amount,Close Date" << int(Kind::Opportunities);
        QTest::newRow("olist closed deals")
            << "mql_id,seller_id,won_date,business_segment" << int(Kind::Opportunities);
        QTest::newRow("marketo activity")
            << "activity_date,activity_type_id,campaign_id,lead_id" << int(Kind::Activities);
        QTest::newRow("salesforce task")
            << "Id,WhoId,Subject,ActivityDate,Status,Type" << int(Kind::Activities);
        QTest::newRow("hubspot companies")
            << "Record ID,Company name,Company Domain Name,Industry,Annual Revenue"
            << int(Kind::Accounts);
        QTest::newRow("salesforce lead with company fields")
            << "Id,FirstName,LastName,Email,Title,Company,Industry,AnnualRevenue,Website"
            << int(Kind::Leads);
        QTest::newRow("lead-scoring dataset")
            << "Prospect ID,Lead Number,Lead Origin,Converted" << int(Kind::Leads);
    }

    void eachKindOfExportIsToldByItsHeader()
    {
        QFETCH(QString, header);
        QFETCH(int, kind);
        const filekind::Verdict v = filekind::classify(header.split(u','));
        QCOMPARE(int(v.kind), kind);
        if (v.kind != filekind::Kind::Leads)
            QVERIFY(!v.evidence.isEmpty());
    }

    // A deals export names leads it does not make: won and lost, with their dates, become
    // the leads' stage history, joined by a key both files share (here mql_id), or by
    // e-mail. A deal naming no known lead is rejected; the same file again is a no-op.
    void anOpportunitiesExportBecomesOutcomesOfItsLeads()
    {
        TestDatabase t;
        QByteArray mqls("mql_id,first_contact_date,origin\n");
        for (int i = 0; i < 6; ++i)
            mqls += QStringLiteral("5f2a%1b7c9d0e1f2a3b4c5d6e7f8a9b0c%2,2018-02-1%1,paid_search\n")
                        .arg(i)
                        .arg(i, 2, 10, QLatin1Char('0'))
                        .toUtf8();
        const ImportSummary leads = importFile(t.db(), write(QStringLiteral("mql.csv"), mqls));
        QCOMPARE(leads.created, 6);
        const QString deals =
            write(QStringLiteral("closed_deals.csv"),
                  "mql_id,seller_id,won_date,business_segment\n"
                  "5f2a0b7c9d0e1f2a3b4c5d6e7f8a9b0c00,2c43fb513632d29b3b58df74816f1b06,2018-03-20 "
                  "10:00:00,pet\n"
                  "5f2a3b7c9d0e1f2a3b4c5d6e7f8a9b0c03,612170e34b97004b3ba37eae81836b4c,2018-04-02 "
                  "09:30:00,car_accessories\n"
                  "ffffffffffffffffffffffffffffffff,7f4d8c2ab1e9e0d9cf0ac21d8d7bd0f1,2018-04-03 "
                  "09:30:00,toys\n");
        LeadImporter importer(t.db(), deals);
        QString error;
        importer.open({});
        QCOMPARE(importer.kind(), filekind::Kind::Opportunities);
        const ImportSummary s =
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("tester"), Now);
        QCOMPARE(s.created, 0);
        QCOMPARE(s.updated, 2);
        QCOMPARE(s.rejected, 1);
        QCOMPARE(s.problems.first().line, 4);
        QVERIFY2(s.readAs.contains(QStringLiteral("mql_id")), qPrintable(s.readAs));
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM leads")), 6);
        LeadRepository repo(t.connection());
        const qint64 won =
            repo.findByKey(QStringLiteral("5f2a0b7c9d0e1f2a3b4c5d6e7f8a9b0c00")).value(0);
        QCOMPARE(repo.find(won)->stage, Stage::Won);
        const auto history = repo.stageHistory(won);
        const auto wonChange =
            std::find_if(history.cbegin(), history.cend(),
                         [](const StageChange &c) { return c.to == Stage::Won; });
        QVERIFY(wonChange != history.cend());
        QCOMPARE(QDateTime::fromSecsSinceEpoch(wonChange->changedAt, Qt::UTC).date(),
                 QDate(2018, 3, 20));
        const ImportSummary again = importFile(t.db(), deals);
        QCOMPARE(again.updated, 0);
        QVERIFY(!again.batchId);

        // Lost deals, joined by e-mail, with Salesforce's flags.
        TestDatabase u;
        importFile(u.db(), write(QStringLiteral("people.csv"),
                                 "Email,First Name\nann@acme.example,Ann\nbob@beta.example,Bob\n"));
        const ImportSummary sf = importFile(
            u.db(), write(QStringLiteral("Opportunity.csv"),
                          "Id,Name,StageName,Amount,CloseDate,IsClosed,IsWon,CreatedDate,"
                          "Contact Email\n"
                          "006A,Acme deal,Closed Lost,5000,2026-05-01,true,false,2026-03-01,"
                          "ann@acme.example\n"
                          "006B,Beta deal,Negotiation/Review,9000,2026-09-01,false,false,"
                          "2026-04-01,BOB@beta.example\n"));
        QCOMPARE(sf.updated, 2);
        QCOMPARE(byEmail(u.db(), QStringLiteral("ann@acme.example"))->stage, Stage::Lost);
        QCOMPARE(byEmail(u.db(), QStringLiteral("bob@beta.example"))->stage, Stage::Opportunity);
    }

    // An event export of one type per file, or with Marketo's numeric type ids.
    void activitiesOfOneTypeOrCodedTypesImportForKnownLeads()
    {
        TestDatabase t;
        importFile(t.db(), write(QStringLiteral("leads.csv"),
                                 "id,email,firstName\n1031229,ann@acme.example,Ann\n"
                                 "1031551,bob@beta.example,Bob\n"));
        const QString coded = write(QStringLiteral("activities_open_email.csv"),
                                    "activity_date,activity_type_id,campaign_id,lead_id\n"
                                    "2026-10-01 10:00:00,10,77,1031229\n"
                                    "2026-10-02 10:00:00,11,77,1031229\n"
                                    "2026-10-02 11:00:00,6,77,1031551\n");
        const ImportSummary s = importFile(t.db(), coded);
        QCOMPARE(s.activities, 2);
        QCOMPARE(s.rejected, 1);
        QVERIFY2(s.problems.first().describe().contains(QStringLiteral("Marketo")),
                 qPrintable(s.problems.first().describe()));

        const QString opens = write(QStringLiteral("opens.csv"),
                                    "lead_id,activity_date\n1031551,2026-10-03 09:00:00\n");
        LeadImporter refused(t.db(), opens);
        QString error;
        refused.open({});
        QCOMPARE(refused.kind(), filekind::Kind::Leads); // two columns say nothing
        refused.setKind(filekind::Kind::Activities);
        const QString why = refusal([&] { refused.dryRun(); });
        QVERIFY2(why.contains(QStringLiteral("--activity-type")), qPrintable(why));
        LeadImporter typed(t.db(), opens);
        typed.open({});
        typed.setKind(filekind::Kind::Activities);
        typed.setActivityType(QStringLiteral("email_open"));
        QCOMPARE(
            typed.run(LeadImporter::Policy::GoodRows, QStringLiteral("tester"), Now).activities, 1);
    }

    // Companies are not people: refused, saying what the file looks like and what to do.
    void anAccountsExportIsRefusedWithWhatToDo()
    {
        TestDatabase t;
        const QByteArray before = digest(t.db());
        LeadImporter importer(t.db(), write(QStringLiteral("companies.csv"),
                                            "Record ID,Company name,Company Domain Name,Industry\n"
                                            "9001,Acme,acme.example,Retail\n"));
        QString error;
        importer.open({});
        const QString why = refusal(
            [&] { importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("tester"), Now); });
        QVERIFY2(why.contains(QStringLiteral("accounts (companies)")) &&
                     why.contains(QStringLiteral("--kind leads")),
                 qPrintable(why));
        QCOMPARE(digest(t.db()), before);
    }

    void importingTheSameFileAgainChangesNothing()
    {
        TestDatabase t;
        const QString path = write(QStringLiteral("again.csv"), hubspot());
        importFile(t.db(), path);
        const QByteArray before = digest(t.db());
        LeadImporter importer(t.db(), path);
        QString error;
        importer.open({});
        QVERIFY(importer.mappingWasSaved()); // remembered for this header
        const ImportSummary dry = importer.dryRun();
        QCOMPARE(dry.created, 0);
        QCOMPARE(dry.updated, 0);
        QCOMPARE(dry.unchanged, 3);
        QCOMPARE(dry.activities, 0);
        QCOMPARE(digest(t.db()), before);
    }

    void anExistingLeadIsUpdatedNotDuplicatedMatchingEmailWhateverItsCase()
    {
        TestDatabase t;
        Lead existing =
            makeLead(QStringLiteral("ANNA.SMITH@acme.example"), QStringLiteral("Manager"));
        const qint64 id = LeadRepository(t.connection()).insert(existing);
        const ImportSummary s = importFile(t.db(), write(QStringLiteral("update.csv"), hubspot()));
        QCOMPARE(s.created, 2);
        QCOMPARE(s.updated, 1);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM leads")), 3);
        QCOMPARE(LeadRepository(t.connection()).find(id)->title, QStringLiteral("VP of Sales"));
    }

    void allOrNothingWithABadRowWritesNothing()
    {
        TestDatabase t;
        LeadRepository(t.connection()).insert(makeLead(QStringLiteral("someone@else.example")));
        const QByteArray before = digest(t.db());
        const ImportSummary s = importFile(t.db(), write(QStringLiteral("bad.csv"), hubspot()),
                                           LeadImporter::Policy::AllOrNothing);
        QVERIFY(!s.batchId);
        QCOMPARE(s.rejected, 1);
        QCOMPARE(digest(t.db()), before);
    }

    void aCancelledImportLeavesEveryTableAsItWas()
    {
        TestDatabase t;
        QByteArray big = "Email,First Name,Number of Pageviews\n";
        for (int i = 0; i < 5000; ++i)
            big += QStringLiteral("lead%1@big.example,Lead %1,3\n").arg(i).toUtf8();
        const QString path = write(QStringLiteral("big.csv"), big);
        const QByteArray before = digest(t.db());
        LeadImporter importer(t.db(), path);
        QString error;
        importer.open({});
        int calls = 0;
        const ImportSummary s =
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("tester"), Now,
                         [&](qint64, qint64) { return ++calls < 3; });
        QVERIFY(s.cancelled);
        QVERIFY(s.rows > 0 && s.rows < 5000); // it had written part of it
        QCOMPARE(digest(t.db()), before);
    }

    void undoingABatchRestoresWhatWasThere()
    {
        TestDatabase t;
        Lead existing =
            makeLead(QStringLiteral("anna.smith@acme.example"), QStringLiteral("Manager"));
        LeadRepository(t.connection()).insert(existing);
        const QByteArray before = digest(t.db());
        const ImportSummary s = importFile(t.db(), write(QStringLiteral("undo.csv"), hubspot()));
        QVERIFY(s.batchId);
        QVERIFY(digest(t.db()) != before);
        LeadImporter::undo(t.db(), *s.batchId, QStringLiteral("tester"), Now);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM leads")), 1);
        QCOMPARE(byEmail(t.db(), QStringLiteral("anna.smith@acme.example"))->title,
                 QStringLiteral("Manager"));
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM activities")), 0);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM lead_custom_fields")), 0);
        QVERIFY(ImportRepository(t.connection()).find(*s.batchId)->undoneAt);
        QVERIFY_THROWS_EXCEPTION(
            Error, LeadImporter::undo(t.db(), *s.batchId, QStringLiteral("tester"), Now));
    }

    void eachSystemsExportIsRecognised_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("stage");
        QTest::newRow("salesforce api")
            << QByteArray("Id,FirstName,LastName,Email,Title,Company,NumberOfEmployees,LeadSource,"
                          "Status,IsConverted,ConvertedDate,CreatedDate,OwnerId\n"
                          "00Q1,Eva,Lind,eva@sf.example,Head of IT,SF Co,\"2,500\",Web,Working - "
                          "Contacted,false,,2026-09-01T10:00:00Z,005A\n"
                          "00Q2,Finn,Berg,finn@sf.example,Analyst,SF Co,40,Partner,Closed - "
                          "Converted,true,9/20/2026,2026-09-02T10:00:00Z,005A\n")
            << "salesforce"
            << "finn@sf.example"
            << "Analyst" << int(Stage::Opportunity);
        QTest::newRow("salesforce report with footer")
            << QByteArray("\"Lead ID\",\"First Name\",\"Last Name\",\"Email\",\"Title\",\"Company "
                          "/ Account\",\"Lead Source\",\"Lead Status\",\"Create Date\"\n"
                          "\"00Q9\",\"Gus\",\"Holm\",\"gus@report.example\",\"COO\",\"Rep "
                          "AB\",\"Webinar\",\"Open - Not Contacted\",\"3/4/2026\"\n"
                          "\n"
                          "\"Grand Totals (1 records)\"\n"
                          "\"Generated By:  Someone  11/20/2026 9:01 AM\"\n")
            << "salesforce-report"
            << "gus@report.example"
            << "COO" << int(Stage::Mql);
        QTest::newRow("pardot in windows-1252")
            << QByteArray("id,email,first_name,last_name,job_title,company,score,grade,created_at\n"
                          "7,h\xF8ga@pardot.example,H\xF8ga,Str\xF8m,Directeur "
                          "g\xE9n\xE9ral,Caf\xE9 SA,45,B+,2026-08-01 09:00:00\n")
            << "pardot" << QStringLiteral("høga@pardot.example")
            << QStringLiteral("Directeur général") << int(Stage::Suspect);
        QTest::newRow("marketo")
            << QByteArray(
                   "id,email,firstName,lastName,title,company,leadScore,leadStatus,createdAt\n"
                   "55,ivy@mkto.example,Ivy,Ng,VP Marketing,Mkto Inc,80,MQL,2026-07-01T08:00:00Z\n")
            << "marketo"
            << "ivy@mkto.example"
            << "VP Marketing" << int(Stage::Mql);
        QTest::newRow("mautic with semicolons")
            << QByteArray(
                   "id;firstname;lastname;email;company;position;points;stage;date_added\n"
                   "9;Jon;Vik;jon@mautic.example;Mau AS;Buyer;12;Nurturing;2026-06-01 10:00:00\n")
            << "mautic"
            << "jon@mautic.example"
            << "Buyer" << int(Stage::Nurture);
    }

    void eachSystemsExportIsRecognised()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, preset);
        QFETCH(QString, email);
        QFETCH(QString, title);
        QFETCH(int, stage);
        TestDatabase t;
        const QString path = write(preset + QStringLiteral(".csv"), file);
        LeadImporter importer(t.db(), path);
        QString error;
        importer.open({});
        QCOMPARE(importer.mapping().preset, preset);
        const ImportSummary s =
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("tester"), Now);
        QVERIFY2(s.rejected == 0,
                 qPrintable(s.problems.isEmpty() ? QString() : s.problems.first().describe()));
        const auto lead = byEmail(t.db(), email);
        QVERIFY(lead);
        QCOMPARE(lead->title, title);
        QCOMPARE(int(lead->stage), stage);
    }

    void activitiesFromTheirOwnFileAndOnlyOnce()
    {
        TestDatabase t;
        const QString leads = write(QStringLiteral("acts-leads.csv"), hubspot());
        const QString activities =
            write(QStringLiteral("acts.csv"),
                  "Email,Activity,Date,Content\n"
                  "anna.smith@acme.example,Email Opened,2026-10-10 10:00,Newsletter\n"
                  "ANNA.SMITH@ACME.EXAMPLE,webinar_attended,2026-10-11 10:00,Scoring webinar\n"
                  "nobody@nowhere.example,page_view,2026-10-11 10:00,\n"
                  "dora@delta.example,Teleportation,2026-10-11 10:00,\n");
        const ImportSummary s =
            importFile(t.db(), leads, LeadImporter::Policy::GoodRows, {}, activities);
        QCOMPARE(s.rejected, 3); // carl's bad e-mail, an unknown lead, an unknown type
        const auto anna = byEmail(t.db(), QStringLiteral("anna.smith@acme.example"));
        // With a file of real, dated events, the page-view count column is not made into
        // undated ones besides: only the file's two activities.
        QCOMPARE(ActivityRepository(t.connection()).forLead(anna->id).size(), 2);
        const ImportSummary again =
            importFile(t.db(), leads, LeadImporter::Policy::GoodRows, {}, activities);
        QCOMPARE(again.activities, 0);
    }

    void customFieldsCanBeScoredByFitRules()
    {
        TestDatabase t;
        importFile(t.db(), write(QStringLiteral("custom.csv"),
                                 "Email,Lead Quality\nhigh@q.example,High\nlow@q.example,Low\n"));
        ScoringModel model;
        model.activities.clear();
        const Condition rule = Condition::fromJson(
            QJsonObject{{QStringLiteral("field"), QStringLiteral("custom:Lead Quality")},
                        {QStringLiteral("op"), QStringLiteral("equals")},
                        {QStringLiteral("values"), QJsonArray{QStringLiteral("high")}}},
            ErrorWhere::forRecord(QStringLiteral("fit_rules[0]")));
        model.fitRules = {{rule, 15}};
        ModelRecord record;
        record.status = ModelRecord::Status::Live;
        record.createdAt = Now;
        record.definition = model.toJson();
        ModelRepository(t.connection()).insert(record);
        ScoringEngine engine;
        engine.load(t.db(), Now);
        const auto high = byEmail(t.db(), QStringLiteral("high@q.example"));
        const auto low = byEmail(t.db(), QStringLiteral("low@q.example"));
        QCOMPARE(engine.scores().fit(*engine.leads().rowOf(high->id)), 15.0);
        QCOMPARE(engine.scores().fit(*engine.leads().rowOf(low->id)), 0.0);
        QCOMPARE(engine.scores().explain(*engine.leads().rowOf(high->id)).fit.first().rule,
                 QStringLiteral("Lead Quality is high"));
    }

    // The case seen on a real 10,000-lead Salesforce export: countries written out in
    // capitals, titles typed in, no seniority column. Under the standard model nearly every
    // lead scored 0 because its country rule ("US, GB, DE, ...") read "USA" as no match and
    // nothing else fed a rule. Now the country and the seniority from the title score.
    void aSalesforceExportWithSpelledOutCountriesScoresTheStandardModel()
    {
        TestDatabase t;
        const ImportSummary s = importFile(
            t.db(), write(QStringLiteral("salesforce.csv"),
                          "Id,FirstName,LastName,Email,Title,Company,Country,NumberOfEmployees\n"
                          "00Q5g00000A1,Ann,Lee,ann@acme.example,VP of Marketing,Acme,USA,51-200\n"
                          "00Q5g00000A2,Bob,Ray,bob@brit.example,Analyst,Brit,UNITED KINGDOM,\n"
                          "00Q5g00000A3,Cem,Uz,cem@kraft.example,Engineer,Kraft,GERMANY,\n"
                          "00Q5g00000A4,Dan,Oh,dan@none.example,Engineer,None,Atlantis,\n"));
        QCOMPARE(s.rejected, 0);
        ScoringEngine engine;
        engine.load(t.db(), Now);
        const auto fitOf = [&](const char *email) {
            return engine.scores().fit(
                *engine.leads().rowOf(byEmail(t.db(), QString::fromLatin1(email))->id));
        };
        QCOMPARE(fitOf("ann@acme.example"), 25.0); // VP 20 + country 5
        QCOMPARE(fitOf("bob@brit.example"), 5.0);
        QCOMPARE(fitOf("cem@kraft.example"), 5.0);
        QCOMPARE(fitOf("dan@none.example"), 0.0); // not a country: as it was, no match
        // The database keeps what the file said.
        QCOMPARE(byEmail(t.db(), QStringLiteral("ann@acme.example"))->country,
                 QStringLiteral("USA"));
        QCOMPARE(byEmail(t.db(), QStringLiteral("ann@acme.example"))->seniority, QString());
        const ScoreBreakdown b = engine.scores().explain(
            *engine.leads().rowOf(byEmail(t.db(), QStringLiteral("ann@acme.example"))->id));
        int countryLines = 0;
        for (const auto &line : b.fit) {
            if (line.field == QLatin1String("country")) {
                ++countryLines;
                QVERIFY(line.matched);
                QCOMPARE(line.value, QStringLiteral("US"));
            }
        }
        QCOMPARE(countryLines, 1);
    }

    // Company sizes as forms and CRMs write them are imported, not rejected: the number kept
    // is the smallest the text allows, and the text is kept to be shown. A plain number
    // keeps no text. Undoing the import restores the earlier size and text.
    void companySizeRangesAreImportedWithTheirText()
    {
        TestDatabase t;
        Lead existing = makeLead(QStringLiteral("e@e.example"));
        existing.companySize = 7;
        existing.companySizeText = QStringLiteral("1-10 employees");
        LeadRepository(t.connection()).insert(existing);
        const ImportSummary s =
            importFile(t.db(), write(QStringLiteral("sizes.csv"), "Email,Employees\n"
                                                                  "a@a.example,51-200\n"
                                                                  "b@b.example,\"1,001-5,000\"\n"
                                                                  "c@c.example,\"10,001+\"\n"
                                                                  "d@d.example,Self-employed\n"
                                                                  "e@e.example,250\n"
                                                                  "f@f.example,<50\n"
                                                                  "g@g.example,a few\n"));
        QCOMPARE(s.rejected, 1);
        QCOMPARE(s.problems.size(), 1);
        QCOMPARE(s.problems.first().line, 8);
        QVERIFY2(s.problems.first().describe().contains(QStringLiteral("column Employees")),
                 qPrintable(s.problems.first().describe()));
        QVERIFY2(s.problems.first().describe().contains(QStringLiteral("51-200")),
                 qPrintable(s.problems.first().describe()));
        const auto sizeOf = [&](const char *email) {
            const auto lead = byEmail(t.db(), QString::fromLatin1(email));
            return lead ? std::pair(lead->companySize.value_or(-1), lead->companySizeText)
                        : std::pair(-2, QStringLiteral("no such lead"));
        };
        QCOMPARE(sizeOf("a@a.example"), std::pair(51, QStringLiteral("51-200")));
        QCOMPARE(sizeOf("b@b.example"), std::pair(1001, QStringLiteral("1,001-5,000")));
        QCOMPARE(sizeOf("c@c.example"), std::pair(10001, QStringLiteral("10,001+")));
        QCOMPARE(sizeOf("d@d.example"), std::pair(1, QStringLiteral("Self-employed")));
        QCOMPARE(sizeOf("e@e.example"), std::pair(250, QString()));
        QCOMPARE(sizeOf("f@f.example"), std::pair(1, QStringLiteral("<50")));
        QVERIFY(!byEmail(t.db(), QStringLiteral("g@g.example")));
        const auto stored = byEmail(t.db(), QStringLiteral("b@b.example"));
        QCOMPARE(leadfields::shown(*stored, QStringLiteral("company_size")),
                 QStringLiteral("1001 (1,001-5,000)"));

        // The same file again changes nothing; undo brings back the old size and its text.
        const ImportSummary again =
            importFile(t.db(), write(QStringLiteral("sizes2.csv"), "Email,Employees\na@a.example,"
                                                                   "51-200\ne@e.example,250\n"));
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 2);
        LeadImporter::undo(t.db(), *s.batchId, QStringLiteral("tester"), Now);
        QCOMPARE(sizeOf("e@e.example"), std::pair(7, QStringLiteral("1-10 employees")));
    }

    // Two exports joined with `cat`: the second starts with its own byte order mark and
    // header. The header is not a lead, and the mark is not part of any name: SQLite would
    // drop it, making "\uFEFFNote" and "Note" one custom field (the fuzzer found this).
    void exportsJoinedWithCatImportAsOne()
    {
        TestDatabase t;
        const QByteArray bom("\xEF\xBB\xBF");
        const ImportSummary s = importFile(
            t.db(), write(QStringLiteral("joined.csv"), bom + "Email,Note\nann@x.example,first\n" +
                                                            bom + "Email,Note\nbob@x.example," +
                                                            bom + "second\nann@x.example,again\n"));
        QCOMPARE(s.created, 2);
        QCOMPARE(s.updated, 1);
        QCOMPARE(s.rejected, 0);
        QCOMPARE(s.skipped, 1);
        LeadRepository leads(t.connection());
        const auto bob = byEmail(t.db(), QStringLiteral("bob@x.example"));
        QCOMPARE(leads.customFields(bob->id),
                 (QMap<QString, QString>{{QStringLiteral("Note"), QStringLiteral("second")}}));
        const auto ann = byEmail(t.db(), QStringLiteral("ann@x.example"));
        QCOMPARE(leads.customFields(ann->id),
                 (QMap<QString, QString>{{QStringLiteral("Note"), QStringLiteral("again")}}));

        // A stray mark at the start of a label names the same column as one without.
        const ImportSummary marked = importFile(
            t.db(), write(QStringLiteral("marked.csv"),
                          "Email," + bom + "Note,Note\ncat@x.example,1,2\ncat@x.example,3,4\n"));
        QCOMPARE(marked.created, 1);
        QCOMPARE(marked.updated, 1);
        const auto cat = byEmail(t.db(), QStringLiteral("cat@x.example"));
        QCOMPARE(leads.customFields(cat->id).value(QStringLiteral("Note")), QStringLiteral("3"));
        QCOMPARE(leads.customFields(cat->id).value(QStringLiteral("Note (2)")),
                 QStringLiteral("4"));
    }

    void aLeadTwiceInOneFileAndSameDayStagesAndShiftedRows()
    {
        TestDatabase t;
        const ImportSummary s = importFile(
            t.db(), write(QStringLiteral("twice.csv"),
                          "Email,Job Title,Lifecycle Stage,Became a Marketing Qualified Lead "
                          "Date,Became a Sales Qualified Lead Date\n"
                          "eve@x.example,Analyst,lead,,\n"
                          "eve@x.example,Head of Data,salesqualifiedlead,2026-10-01,2026-10-01\n"
                          "zed@x.example,Acme, Inc,lead,2026-10-01,2026-10-02\n"));
        QCOMPARE(s.created, 1);
        QCOMPARE(s.updated, 1);
        QCOMPARE(s.rejected, 1); // the shifted row is named, not imported
        QCOMPARE(s.problems.first().line, 4);
        const auto eve = byEmail(t.db(), QStringLiteral("eve@x.example"));
        QCOMPARE(eve->title, QStringLiteral("Head of Data"));
        QCOMPARE(eve->stage, Stage::Sql);
        // Both stages reached on the same day are kept, MQL before SQL.
        QList<Stage> stages;
        for (const StageChange &c : LeadRepository(t.connection()).stageHistory(eve->id))
            stages.append(c.to);
        QCOMPARE(stages.size(), 3);
        QVERIFY(stages.contains(Stage::Suspect));
        QVERIFY(stages.indexOf(Stage::Mql) >= 0 &&
                stages.indexOf(Stage::Mql) < stages.indexOf(Stage::Sql));
    }

    void undoTakesTheLatestBatchFirst()
    {
        TestDatabase t;
        const auto first = importFile(
            t.db(), write(QStringLiteral("b1.csv"), "Email,Job Title\na@x.example,One\n"));
        const auto second = importFile(
            t.db(), write(QStringLiteral("b2.csv"), "Email,Job Title\na@x.example,Two\n"));
        QVERIFY_THROWS_EXCEPTION(
            Error, LeadImporter::undo(t.db(), *first.batchId, QStringLiteral("t"), Now));
        LeadImporter::undo(t.db(), *second.batchId, QStringLiteral("t"), Now);
        QCOMPARE(byEmail(t.db(), QStringLiteral("a@x.example"))->title, QStringLiteral("One"));
        LeadImporter::undo(t.db(), *first.batchId, QStringLiteral("t"), Now);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM leads")), 0);
    }

    void undoIsRefusedOnceAConsoleChangedOneOfItsLeads_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("lead"); // whose change it is, named in the refusal
        QTest::newRow("claim of a lead the import updated") << "claim"
                                                            << "anna.smith@acme.example";
        QTest::newRow("stage change of a lead it created") << "stage"
                                                           << "ben@beta.example";
        QTest::newRow("qualification edit") << "qualification"
                                            << "dora@delta.example";
        QTest::newRow("owner written") << "owner"
                                       << "anna.smith@acme.example";
    }

    void undoIsRefusedOnceAConsoleChangedOneOfItsLeads()
    {
        QFETCH(QString, change);
        QFETCH(QString, lead);
        TestDatabase t;
        // Sales is already working on Anna when the import updates her and adds Ben and Dora.
        const qint64 anna = LeadRepository(t.connection())
                                .insert(makeLead(QStringLiteral("anna.smith@acme.example")));
        Handoff raised;
        raised.leadId = anna;
        raised.raisedAt = Now - 600;
        const Profile system{0, QStringLiteral("system"), Profile::Role::Marketing};
        const qint64 handoff = *HandoffActions(t.db(), system).escalate(raised);
        const ImportSummary s = importFile(t.db(), write(QStringLiteral("worked.csv"), hubspot()));
        QCOMPARE(s.created, 2);
        QCOMPARE(s.updated, 1);

        const Profile sam{2, QStringLiteral("Sam"), Profile::Role::Sales};
        HandoffActions console(t.db(), sam);
        LeadRepository leads(t.connection());
        const qint64 changed = byEmail(t.db(), lead)->id;
        if (change == QLatin1String("claim")) {
            QVERIFY(console.claim(handoff, Now + 60).won);
        } else if (change == QLatin1String("stage")) {
            leads.changeStage({changed, Stage::Suspect, Stage::Nurture, Now + 60,
                               QStringLiteral("Sam"), QStringLiteral("not yet")});
        } else if (change == QLatin1String("qualification")) {
            Qualification q;
            q.budget = QStringLiteral("50k");
            console.saveQualification(changed, q, Now + 60);
        } else {
            leads.setOwner(changed, QStringLiteral("Sam"));
        }
        const QByteArray before = digest(t.db());
        const QString why =
            refusal([&] { LeadImporter::undo(t.db(), *s.batchId, QStringLiteral("t"), Now); });
        QVERIFY2(why.contains(QStringLiteral("worked on 1 of its leads")), qPrintable(why));
        QVERIFY2(why.contains(lead, Qt::CaseInsensitive), qPrintable(why));
        QCOMPARE(digest(t.db()), before); // nothing taken back, the work kept
        QVERIFY(!ImportRepository(t.connection()).find(*s.batchId)->undoneAt);
    }

    void undoRefusalNamesTheFirstChangedLeadsAndCountsTheRest()
    {
        TestDatabase t;
        QByteArray file = "Email\n";
        for (int i = 1; i <= 8; ++i)
            file += QByteArray("l") + QByteArray::number(i) + "@x.example\n";
        const ImportSummary s = importFile(t.db(), write(QStringLiteral("eight.csv"), file));
        QCOMPARE(s.created, 8);
        LeadRepository leads(t.connection());
        for (int i = 1; i <= 8; ++i) {
            leads.setOwner(byEmail(t.db(), QStringLiteral("l%1@x.example").arg(i))->id,
                           QStringLiteral("Sam"));
        }
        const QString why =
            refusal([&] { LeadImporter::undo(t.db(), *s.batchId, QStringLiteral("t"), Now); });
        // Eight changed: the first five by id are named, three are counted.
        QVERIFY2(why.contains(QStringLiteral("worked on 8 of its leads")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("l5@x.example")), qPrintable(why));
        QVERIFY2(!why.contains(QStringLiteral("l6@x.example")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("and 3 more")), qPrintable(why));
    }

    void undoGoesAheadWhenOnlyOtherLeadsChanged()
    {
        TestDatabase t;
        const qint64 other =
            LeadRepository(t.connection()).insert(makeLead(QStringLiteral("other@x.example")));
        const ImportSummary s = importFile(
            t.db(), write(QStringLiteral("one.csv"), "Email,Job Title\nnew@x.example,CTO\n"));
        LeadRepository(t.connection()).setOwner(other, QStringLiteral("Sam"));
        LeadImporter::undo(t.db(), *s.batchId, QStringLiteral("t"), Now);
        QVERIFY(!byEmail(t.db(), QStringLiteral("new@x.example")));
        QCOMPARE(LeadRepository(t.connection()).find(other)->owner, QStringLiteral("Sam"));
    }

    void aDryRunCountsWhatTheRunWrites()
    {
        TestDatabase t;
        const qint64 x =
            LeadRepository(t.connection()).insert(makeLead(QStringLiteral("x@d.example")));
        ActivityRepository activities(t.connection());
        int pageView = 0;
        for (const ActivityType &type : activities.types()) {
            if (type.code == QLatin1String("page_view"))
                pageView = type.id;
        }
        const qint64 t1 = QDateTime::fromString(QStringLiteral("2026-10-01T10:00:00Z"), Qt::ISODate)
                              .toSecsSinceEpoch();
        activities.insert({0, x, pageView, t1, {}, {}, 0});
        const QString leads =
            write(QStringLiteral("dry-leads.csv"), "Email\nx@d.example\ny@d.example\n");
        // x: the 1 Oct view is stored already (0); 2 Oct is new (1), and its repeat finds the
        // first in the database in a real run (0). y is new: its rows are taken as they are,
        // both 3 Oct views (2). 3 activities in all, and the dry run must say the same.
        const QString file =
            write(QStringLiteral("dry-acts.csv"), "Email,Activity,Date\n"
                                                  "x@d.example,page_view,2026-10-01 10:00:00\n"
                                                  "x@d.example,page_view,2026-10-02 10:00:00\n"
                                                  "x@d.example,page_view,2026-10-02 10:00:00\n"
                                                  "y@d.example,page_view,2026-10-03 10:00:00\n"
                                                  "y@d.example,page_view,2026-10-03 10:00:00\n");
        LeadImporter importer(t.db(), leads, file);
        importer.open({});
        const ImportSummary dry = importer.dryRun();
        const ImportSummary real =
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("t"), Now);
        QCOMPARE(real.activities, 3);
        QCOMPARE(dry.activities, real.activities);
        QCOMPARE(dry.created, real.created);
        QCOMPARE(dry.updated, real.updated);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM activities")), 4);
    }

    // What the import dialog runs in the background: told to stop, it rolls back and its
    // summary says so; left alone, it writes, reporting its pace on the way.
    void anImportRunToldToStopWritesNothingAndSaysSo()
    {
        TestDatabase t;
        QByteArray csv = "Email,First Name\n";
        for (int i = 0; i < 3000; ++i)
            csv += QByteArray("lead") + QByteArray::number(i) + "@stop.example,Ann\n";
        const QString path = write(QStringLiteral("stop.csv"), csv);
        const QByteArray before = digest(t.db());

        ImportRun::Request request;
        request.databasePath = t.path();
        request.leadsFile = path;
        request.dryRun = false;
        request.actor = QStringLiteral("tester");
        {
            LeadImporter guess(t.db(), path);
            guess.open({});
            request.mapping = guess.mapping();
        }
        int reports = 0;
        const ImportSummary stopped = ImportRun::execute(request, Now, [&](const ImportPace &) {
            ++reports;
            return false;
        });
        QVERIFY(stopped.cancelled);
        QCOMPARE(reports, 1);
        QCOMPARE(digest(t.db()), before);

        double lastFraction = -1;
        const ImportSummary done = ImportRun::execute(request, Now, [&](const ImportPace &pace) {
            lastFraction = pace.fraction();
            return true;
        });
        QVERIFY(!done.cancelled);
        QCOMPARE(done.created, 3000);
        QVERIFY(lastFraction > 0 && lastFraction <= 1);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM leads")), 3000);
    }

    void thePaceSaysRowsPerSecondAndTimeLeft()
    {
        ImportPace pace;
        pace.count(10, 1000, 500); // 1% read: too early to tell the time left
        QCOMPARE(pace.secondsLeft(), -1);
        QCOMPARE(pace.text(), QLocale().toString(2048) + QStringLiteral(" rows/s"));
        pace.count(250, 1000, 1000); // a quarter read in a second: 3 s to go
        QCOMPARE(pace.rowsPerSecond(), 2.0 * LeadImporter::ProgressEveryRows);
        QCOMPARE(pace.secondsLeft(), 3);
        QCOMPARE(pace.text(), QLocale().toString(2048) + QStringLiteral(" rows/s, 3 s left"));
    }

    void countsForALeadListedTwiceAreNotAddedTwice()
    {
        TestDatabase t;
        // Three page views, then five: the second row adds the two missing, 5 in all.
        const QString path = write(QStringLiteral("counts.csv"),
                                   "Email,Number of Pageviews\nq@x.example,3\nq@x.example,5\n");
        LeadImporter importer(t.db(), path);
        QString error;
        importer.open({});
        QCOMPARE(importer.dryRun().activities, 5);
        QCOMPARE(importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("t"), Now).activities,
                 5);
        QCOMPARE(scalar(t.db(), QStringLiteral("SELECT count(*) FROM activities")), 5);
    }

    // A public lead-scoring dataset's shape: where each lead got and how much it did, no date
    // at all. What the file does not date is written undated, never at the moment of import;
    // importing it again changes nothing.
    void aFileWithoutDatesIsUndatedHistory()
    {
        TestDatabase t;
        const QString path = write(QStringLiteral("undated.csv"),
                                   "Email,Lifecycle Stage,Converted,TotalVisits,Last Activity\n"
                                   "ann@x.example,opportunity,1,5,Demo requested\n"
                                   "bob@x.example,lead,0,40,\n");
        const ImportSummary s = importFile(t.db(), path);
        QCOMPARE(s.created, 2);
        QCOMPARE(s.activities, 46); // 5 + 40 visits (a full group of rows) and the demo request
        const auto stamped = [&](const char *table, const char *column) {
            return scalar(t.db(), QStringLiteral("SELECT count(*) FROM %1 WHERE %2 = %3")
                                      .arg(QLatin1String(table), QLatin1String(column))
                                      .arg(Now));
        };
        QCOMPARE(stamped("stage_history", "changed_at"), 0);
        QCOMPARE(stamped("activities", "occurred_at"), 0);
        QCOMPARE(stamped("leads", "created_at"), 2); // when they reached Handoff, flagged below
        QCOMPARE(
            scalar(t.db(), QStringLiteral("SELECT count(*) FROM leads WHERE created_undated <> 0")),
            2);
        QCOMPARE(
            scalar(t.db(), QStringLiteral("SELECT count(*) FROM activities WHERE undated <> 0")),
            46);
        const auto ann = byEmail(t.db(), QStringLiteral("ann@x.example"));
        QCOMPARE(ann->stage, Stage::Opportunity);
        QVERIFY(ann->createdUndated);
        const QList<StageChange> history = LeadRepository(t.connection()).stageHistory(ann->id);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(0).to, Stage::Suspect);
        QCOMPARE(history.at(1).to, Stage::Opportunity);
        for (const StageChange &c : history) {
            QVERIFY(c.undated);
            QCOMPARE(c.changedAt, UndatedTime);
        }
        for (const Activity &a : ActivityRepository(t.connection()).forLead(ann->id))
            QVERIFY(a.undated && a.occurredAt == UndatedTime);

        const ImportSummary again = importFile(t.db(), path);
        QCOMPARE(again.created, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.activities, 0);
        QCOMPARE(again.stageChanges, 0);
    }

    // The same kind of file with its dates keeps them: creation, the stage date the file
    // gives and the activities spread up to the last activity date. Only the final stage,
    // which the file does not date, is undated.
    void aFileWithDatesStaysDated()
    {
        TestDatabase t;
        importFile(t.db(), write(QStringLiteral("dated.csv"),
                                 "Email,Lifecycle Stage,Create Date,Became a Sales Qualified Lead "
                                 "Date,Number of Pageviews,Last Activity Date\n"
                                 "cy@x.example,opportunity,2026-09-01 08:00,2026-10-01 09:00,3,"
                                 "2026-10-05 10:00\n"));
        const auto cy = byEmail(t.db(), QStringLiteral("cy@x.example"));
        QVERIFY(!cy->createdUndated);
        QCOMPARE(cy->createdAt,
                 QDateTime(QDate(2026, 9, 1), QTime(8, 0), Qt::UTC).toSecsSinceEpoch());
        const QList<StageChange> history = LeadRepository(t.connection()).stageHistory(cy->id);
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.at(0).changedAt, cy->createdAt);
        QVERIFY(!history.at(0).undated);
        QCOMPARE(history.at(1).to, Stage::Sql);
        QCOMPARE(history.at(1).changedAt,
                 QDateTime(QDate(2026, 10, 1), QTime(9, 0), Qt::UTC).toSecsSinceEpoch());
        QVERIFY(!history.at(1).undated);
        QCOMPARE(history.at(2).to, Stage::Opportunity);
        QVERIFY(history.at(2).undated);
        const QList<Activity> views = ActivityRepository(t.connection()).forLead(cy->id);
        QCOMPARE(views.size(), 3);
        QCOMPARE(views.first().occurredAt,
                 QDateTime(QDate(2026, 10, 5), QTime(10, 0), Qt::UTC).toSecsSinceEpoch());
        for (const Activity &a : views)
            QVERIFY(!a.undated && a.occurredAt >= cy->createdAt);
    }

    void referencesStayWholeAndTheChecksComeBackOn()
    {
        // An import writes without SQLite's foreign-key checks (BulkLoadScope): what it wrote
        // must pass them all, and they must be on again afterwards, also after a failure.
        TestDatabase t;
        LeadRepository(t.connection())
            .insert(makeLead(QStringLiteral("anna.smith@acme.example"), QStringLiteral("CEO")));
        const QString leads = write(QStringLiteral("fk-leads.csv"), hubspot());
        const QString activities = write(QStringLiteral("fk-acts.csv"),
                                         "Email,Activity,Date\n"
                                         "anna.smith@acme.example,Email Opened,2026-10-10 10:00\n"
                                         "ben@beta.example,page_view,2026-10-11 10:00\n");
        const ImportSummary s =
            importFile(t.db(), leads, LeadImporter::Policy::GoodRows, {}, activities);
        QCOMPARE(s.activities, 2);
        QVERIFY(s.stageChanges > 0);
        LeadImporter failing(t.db(), leads,
                             write(QStringLiteral("fk-undated.csv"),
                                   "Email,Activity\nben@beta.example,page_view\n"));
        QString error;
        failing.open({});
        QVERIFY_THROWS_EXCEPTION(
            Error, failing.run(LeadImporter::Policy::GoodRows, QStringLiteral("t"), Now));
        if (!t.isServer()) { // a server checks every reference, always
            QCOMPARE(scalar(t.db(), QStringLiteral("PRAGMA foreign_keys")), 1);
            QSqlQuery check(t.connection());
            QVERIFY(check.exec(QStringLiteral("PRAGMA foreign_key_check")));
            QVERIFY(!check.next());
        }
        QSqlQuery orphan(t.connection());
        QVERIFY(!orphan.exec(QStringLiteral("INSERT INTO activities (lead_id, type_id, "
                                            "occurred_at) VALUES (999999, 1, 0)")));
    }

    void refusesAFileItCannotRead()
    {
        TestDatabase t;
        LeadImporter importer(t.db(), m_dir.filePath(QStringLiteral("missing.csv")));
        QString error;
        try {
            importer.open({});
            QFAIL("it opened");
        } catch (const Error &e) {
            error = e.message();
        }
        QVERIFY2(error.contains(QStringLiteral("missing.csv")), qPrintable(error));
        LeadImporter withPreset(t.db(), write(QStringLiteral("p.csv"), hubspot()));
        try {
            withPreset.open(QStringLiteral("nosuchsystem"));
            QFAIL("it opened");
        } catch (const Error &e) {
            error = e.message();
        }
        QVERIFY(error.contains(QStringLiteral("hubspot")));
    }
};

QTEST_GUILESS_MAIN(TestLeadImporter)
#include "tst_leadimporter.moc"
