#include <QTest>

#include "scoring/leadtable.h"
#include "statebuffer.h"

using namespace handoff;

namespace {

Lead makeLead(qint64 id, const QString &name)
{
    Lead lead;
    lead.id = id;
    lead.firstName = name;
    lead.email = QStringLiteral("%1@example.com").arg(id);
    lead.externalId = QStringLiteral("HS-%1").arg(id);
    lead.company = QStringLiteral("Company %1").arg(id % 50);
    lead.stage = Stage::Nurture;
    lead.createdAt = 1'700'000'000 + id;
    return lead;
}

// The table written as a start state writes it, and read back.
LeadTable savedAndRead(const LeadTable &table)
{
    LeadTable read;
    throughState([&](StateWriter &out) { table.save(out); },
                 [&](StateReader &in) { read.restore(in); });
    return read;
}

} // namespace

class TestLeadTable : public QObject
{
    Q_OBJECT

private slots:
    // The tuning workspace works on a copy of the console's table while the console goes on
    // adding and changing leads: the copy keeps the leads as they were.
    void aCopyKeepsItsLeadsWhileTheOriginalChanges()
    {
        LeadTable table;
        for (qint64 id = 1; id <= 30'000; ++id)
            table.append(makeLead(id, QStringLiteral("Lead %1").arg(id)));
        const LeadTable copy = table;

        Lead renamed = makeLead(7, QStringLiteral("Renamed"));
        renamed.stage = Stage::Sql;
        renamed.company = QStringLiteral("A company new to the column");
        table.update(6, renamed);
        table.setStage(20'000, Stage::Disqualified);
        table.setCustom(9, QStringLiteral("Region"), QStringLiteral("EMEA"));
        for (qint64 id = 30'001; id <= 30'100; ++id)
            table.append(makeLead(id, QStringLiteral("New %1").arg(id)));

        QCOMPARE(table.displayName(6), QStringLiteral("Renamed"));
        QCOMPARE(table.company(6), QStringLiteral("A company new to the column"));
        QCOMPARE(table.stage(6), Stage::Sql);
        QCOMPARE(table.stage(20'000), Stage::Disqualified);
        QCOMPARE(table.column(table.columnIndex(QStringLiteral("custom:Region"))).value(9),
                 QStringLiteral("EMEA"));
        QCOMPARE(table.rowOf(30'100), 30'099);

        QCOMPARE(copy.size(), 30'000);
        QCOMPARE(copy.displayName(6), QStringLiteral("Lead 7"));
        QCOMPARE(copy.email(6), QStringLiteral("7@example.com"));
        QCOMPARE(copy.company(6), QStringLiteral("Company 7"));
        QCOMPARE(copy.stage(6), Stage::Nurture);
        QCOMPARE(copy.stage(20'000), Stage::Nurture);
        QCOMPARE(copy.columnIndex(QStringLiteral("custom:Region")), -1);
        QCOMPARE(copy.rowOf(30'100), std::nullopt);
        QCOMPARE(copy.displayName(29'999), QStringLiteral("Lead 30000"));
        QCOMPARE(copy.externalId(29'999), QStringLiteral("HS-30000"));
    }

    // A column's values take a byte each while it has at most 256 distinct values, then two,
    // then four: every value reads back the same as the column outgrows each width, in copies
    // taken before, and from a saved state.
    void aColumnKeepsEveryValueAsItOutgrowsEachWidth()
    {
        const auto companyOf = [](int i) {
            const int distinct = i < 1'000 ? 200 : i < 5'000 ? 3'000 : 70'000;
            return QStringLiteral("Company %1").arg(i % distinct);
        };
        LeadTable table;
        std::vector<LeadTable> copies;
        for (int i = 0; i < 80'000; ++i) {
            Lead lead = makeLead(i + 1, QStringLiteral("Lead %1").arg(i));
            lead.company = companyOf(i);
            table.append(lead);
            if (i == 999 || i == 4'999)
                copies.push_back(table);
        }
        const int column = table.columnIndex(QStringLiteral("company"));
        QCOMPARE(table.column(column).dictionary().size(), 70'001); // and the empty value
        QVERIFY(table.column(column).memoryBytes() < 80'000 * 4 + 70'001 * 100);
        const LeadTable read = savedAndRead(table);
        for (int i = 0; i < 80'000; ++i) {
            if (table.company(i) != companyOf(i) || read.company(i) != companyOf(i) ||
                (i < 1'000 && copies[0].company(i) != companyOf(i)) ||
                (i < 5'000 && copies[1].company(i) != companyOf(i)))
                QFAIL(qPrintable(QStringLiteral("lead %1's company reads otherwise").arg(i)));
        }
        QCOMPARE(copies[0].column(column).dictionary().size(), 201);

        // A few values over many rows: a byte a row (in blocks of 8,192), not four.
        LeadTable few;
        for (int i = 0; i < 81'920; ++i)
            few.append(makeLead(i + 1, QStringLiteral("Lead %1").arg(i)));
        QCOMPARE(few.column(column).dictionary().size(), 51);
        QVERIFY(few.column(column).memoryBytes() < 81'920 + 51 * 100);
        QCOMPARE(savedAndRead(few).column(column).memoryBytes(), few.column(column).memoryBytes());
        QCOMPARE(savedAndRead(few).company(81'919), QStringLiteral("Company %1").arg(81'920 % 50));
    }

    // Texts are kept in chunks of 1 MiB: texts around and beyond that size, and many small
    // ones across chunk edges, read back as written, also from a saved state.
    void textsOfAnySizeReadBackAsWritten()
    {
        LeadTable table;
        QStringList names;
        const int MiB = 1 << 20;
        // Lengths about the byte a short text's length takes, too (255 and more kept apart).
        for (const int size :
             {10, MiB - 20, 30, MiB, MiB + MiB / 2, 5, 3 * MiB, 0, MiB - 1, 7, 254, 255, 256})
            names.append(QString(size, QLatin1Char('a' + char(names.size()))));
        for (int i = 0; i < 60'000; ++i) // a few MiB of short names after them
            names.append(QStringLiteral("N\u00e4me %1").arg(i));
        for (int i = 0; i < names.size(); ++i) {
            const Lead lead = makeLead(i + 1, names[i]);
            table.append(lead);
            names[i] = lead.displayName(); // the e-mail address for no name
        }
        const LeadTable copy = table;
        // Rewritten: a short text, a long one shorter, a short one long.
        const QHash<int, QString> rewritten{{2, QStringLiteral("short now")},
                                            {3, QStringLiteral("was a MiB")},
                                            {0, QString(300, QLatin1Char('L'))}};
        for (auto it = rewritten.cbegin(); it != rewritten.cend(); ++it)
            table.update(it.key(), makeLead(it.key() + 1, it.value()));
        const LeadTable read = savedAndRead(table);
        for (int i = 0; i < names.size(); ++i) {
            const QString expected = rewritten.value(i, names[i]);
            if (table.displayName(i) != expected || read.displayName(i) != expected ||
                copy.displayName(i) != names[i])
                QFAIL(qPrintable(QStringLiteral("lead %1 (%2 characters) reads otherwise")
                                     .arg(i)
                                     .arg(names[i].size())));
        }
        QCOMPARE(read.size(), names.size());
        QCOMPARE(read.rowOf(names.size()), int(names.size()) - 1);
        // What a table read from a state adds afterwards goes after what it read.
        LeadTable grown = read;
        grown.append(makeLead(names.size() + 1, QStringLiteral("after the state")));
        QCOMPARE(grown.displayName(int(names.size())), QStringLiteral("after the state"));
        QCOMPARE(grown.displayName(1), names[1]);

        // A state whose last text is longer than a chunk, or fills one exactly: what is added
        // after it is read from where it was put.
        for (const int last : {3 * MiB, MiB, MiB - 10}) {
            LeadTable ending;
            ending.append(makeLead(1, QStringLiteral("first")));
            ending.append(makeLead(2, QString(last, QLatin1Char('x'))));
            LeadTable after = savedAndRead(ending);
            after.append(makeLead(3, QStringLiteral("third")));
            after.append(makeLead(4, QString(20, QLatin1Char('y'))));
            QCOMPARE(after.displayName(0), QStringLiteral("first"));
            QCOMPARE(after.displayName(1).size(), last);
            QCOMPARE(after.displayName(2), QStringLiteral("third"));
            QCOMPARE(after.displayName(3), QString(20, QLatin1Char('y')));
        }
    }
};

QTEST_GUILESS_MAIN(TestLeadTable)
#include "tst_leadtable.moc"
