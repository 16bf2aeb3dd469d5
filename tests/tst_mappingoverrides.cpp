#include <QTest>

#include "errorof.h"
#include "io/columnmapping.h"
#include "io/mappingoverrides.h"
#include "io/targetnames.h"

using namespace handoff;

// How `--map "Column=field"` and a mapping file change the way a file's columns are read,
// and what a person is told when they name a column or a field that is not there.
class TestMappingOverrides : public QObject
{
    Q_OBJECT

private:
    using Kind = ColumnTarget::Kind;
    const QStringList m_header = {QStringLiteral("Prospect ID"), QStringLiteral("Email"),
                                  QStringLiteral("Visits"), QStringLiteral("Notes"),
                                  QStringLiteral("Last Touch")};

    MappingOverrides overrides() const { return {QStringLiteral("leads.csv"), m_header}; }
    // A --map list applied to the guess for m_header; fails the test when one is refused.
    ColumnMapping mapped(const QStringList &specs, QStringList *notes = nullptr) const
    {
        MappingOverrides o = overrides();
        for (const QString &spec : specs) {
            if (const auto error = errorOf([&] { o.addSpec(spec); }))
                qWarning("%s", qPrintable(error->message()));
        }
        QStringList ignored;
        return o.applyTo(ColumnMapping::guess(m_header), notes ? notes : &ignored);
    }
    QString refusal(const QStringList &specs) const
    {
        MappingOverrides o = overrides();
        for (const QString &spec : specs) {
            if (const auto error = errorOf([&] { o.addSpec(spec); }))
                return error->message();
        }
        return QStringLiteral("(accepted)");
    }

private slots:
    void fieldsAreWrittenAsTheMappingJsonNamesThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key");
        const auto row = [](const char *text, Kind kind, const char *key) {
            QTest::newRow(text) << QString::fromUtf8(text) << int(kind) << QString::fromUtf8(key);
        };
        row("email", Kind::LeadField, "email");
        row("External_ID", Kind::LeadField, "external_id");
        row("lead_field:company", Kind::LeadField, "company");
        row("ignore", Kind::Ignore, "");
        row("custom_field", Kind::CustomField, "Notes");
        row("custom_field:Budget Q3", Kind::CustomField, "Budget Q3");
        row("custom:Budget", Kind::CustomField, "Budget");
        row("activity_count:page_view", Kind::ActivityCount, "page_view");
        row("count:Site_Visit", Kind::ActivityCount, "site_visit");
        row("last_activity", Kind::LastActivity, "");
        row("last_activity:type", Kind::LastActivity, "type");
        row("stage_reached_at:sql", Kind::StageReachedAt, "sql");
        row("reached:won", Kind::StageReachedAt, "won");
    }

    void fieldsAreWrittenAsTheMappingJsonNamesThem()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, key);
        const ColumnTarget target = TargetNames::parse(text, QStringLiteral("Notes"));
        QCOMPARE(int(target.kind), kind);
        QCOMPARE(target.key, key);
    }

    // What --show-mapping prints is what --map reads back, for every target there is.
    void everyTargetReadsBackAsItIsShown()
    {
        QList<ColumnTarget> all = TargetNames::choices();
        all.append({Kind::CustomField, QStringLiteral("Budget: Q3")});
        QVERIFY(all.size() > 40);
        for (const ColumnTarget &target : std::as_const(all)) {
            const auto error =
                errorOf([&] { TargetNames::parse(TargetNames::format(target), {}); });
            QVERIFY2(!error, qPrintable(TargetNames::format(target) + QStringLiteral(": ") +
                                        (error ? error->message() : QString())));
            QCOMPARE(TargetNames::parse(TargetNames::format(target), {}), target);
        }
    }

    void aColumnIsFoundByLabelThenInAnyCaseThenByNumber()
    {
        QCOMPARE(mapped({QStringLiteral("Prospect ID=external_id")}).columns[0],
                 (ColumnTarget{Kind::LeadField, QStringLiteral("external_id")}));
        QCOMPARE(mapped({QStringLiteral("prospect id=external_id")}).columns[0],
                 (ColumnTarget{Kind::LeadField, QStringLiteral("external_id")}));
        QCOMPARE(mapped({QStringLiteral("#4=ignore")}).columns[3], ColumnTarget{});
        // A label that is itself "#2" is that column, not the second one.
        MappingOverrides odd(QStringLiteral("odd.csv"),
                             {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("#2")});
        QCOMPARE(odd.findColumn(QStringLiteral("#2")), 2);
        QCOMPARE(odd.findColumn(QStringLiteral("#1")), 0);
    }

    void aColumnTheFileLacksIsNamedWithItsNearestAndTheList()
    {
        const QString error = refusal({QStringLiteral("Prospekt ID=external_id")});
        QVERIFY2(error.startsWith(QStringLiteral("--map 'Prospekt ID=external_id': no column "
                                                 "named 'Prospekt ID' in leads.csv (did you "
                                                 "mean 'Prospect ID'?); its columns are: "
                                                 "'Prospect ID', 'Email', 'Visits'")),
                 qPrintable(error));
        QVERIFY2(refusal({QStringLiteral("#9=email")})
                     .contains(QStringLiteral("leads.csv has 5 columns; there is no column #9")),
                 qPrintable(refusal({QStringLiteral("#9=email")})));
        MappingOverrides twoCases(QStringLiteral("c.csv"),
                                  {QStringLiteral("Email"), QStringLiteral("EMAIL")});
        const auto ambiguous = errorOf([&] { twoCases.findColumn(QStringLiteral("email")); });
        QVERIFY(ambiguous);
        QVERIFY2(ambiguous->message().contains(QStringLiteral("'Email' (#1), 'EMAIL' (#2)")),
                 qPrintable(ambiguous->message()));
        QCOMPARE(ambiguous->whatToDo(),
                 QStringLiteral("give the exact label or the column's number"));
    }

    void anUnknownFieldListsTheFieldsAndTheNearestOne()
    {
        QString error = refusal({QStringLiteral("Email=emial")});
        QVERIFY2(error.contains(QStringLiteral("unknown field 'emial'; did you mean 'email'?")),
                 qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("external_id, email, first_name")),
                 qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("stage_reached_at:STAGE")));
        error = refusal({QStringLiteral("Visits=count:web_visit")});
        QVERIFY2(error.contains(QStringLiteral("unknown activity type 'web_visit' in "
                                               "'count:web_visit'; did you mean 'site_visit'?")),
                 qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("page_view")));
        error = refusal({QStringLiteral("Last Touch=reached:customer")});
        QVERIFY2(error.contains(QStringLiteral("unknown stage 'customer'")), qPrintable(error));
        error = refusal({QStringLiteral("Visits=activity_count")});
        QVERIFY2(error.contains(QStringLiteral("needs an activity type after a colon")),
                 qPrintable(error));
    }

    void aMalformedSpecSaysHowToWriteIt()
    {
        QCOMPARE(refusal({QStringLiteral("Email")}),
                 QStringLiteral("--map 'Email': write COLUMN=FIELD, as in --map \"Prospect "
                                "ID=external_id\""));
        QVERIFY(refusal({QStringLiteral("=email")}).contains(QStringLiteral("no column named")));
        QVERIFY(refusal({QStringLiteral("Email=")}).contains(QStringLiteral("no field given")));
    }

    void aColumnMappedTwiceIsRefusedNamingBoth()
    {
        QCOMPARE(refusal({QStringLiteral("Email=email"), QStringLiteral("email=ignore")}),
                 QStringLiteral("--map 'email=ignore': column 'Email' is mapped already, by "
                                "--map 'Email=email'"));
    }

    void twoColumnsForOneLeadFieldAreRefusedNamingBoth()
    {
        const QString error =
            refusal({QStringLiteral("Prospect ID=email"), QStringLiteral("Email=email")});
        QVERIFY2(error.startsWith(QStringLiteral("--map 'Email=email': --map 'Prospect ID=email' "
                                                 "reads email too")),
                 qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("columns 'Prospect ID' and 'Email'")));
        // Counts add up, so two count columns of one type are fine.
        QCOMPARE(refusal({QStringLiteral("Visits=count:site_visit"),
                          QStringLiteral("Notes=count:site_visit")}),
                 QStringLiteral("(accepted)"));
    }

    // The guess read Email as the e-mail; mapping another column to it keeps Email's values
    // as a custom field instead of losing them, and says so.
    void anOverrideTakesASingleFieldFromTheGuessAndSaysSo()
    {
        QStringList notes;
        const ColumnMapping m = mapped({QStringLiteral("Notes=email")}, &notes);
        QCOMPARE(m.columns[3], (ColumnTarget{Kind::LeadField, QStringLiteral("email")}));
        QCOMPARE(m.columns[1], (ColumnTarget{Kind::CustomField, QStringLiteral("Email")}));
        QCOMPARE(notes, QStringList{QStringLiteral(
                            "column 'Email' was read as email; it is read as custom_field:Email "
                            "now that --map 'Notes=email' gives email to column 'Notes'")});
        QCOMPARE(m.labels, m_header);
    }

    // A mapping written for one file reads another with the same columns in another order.
    void aMappingFileIsMatchedByLabel()
    {
        ColumnMapping written = mapped(
            {QStringLiteral("Prospect ID=external_id"), QStringLiteral("Visits=count:page_view")});
        const QStringList shuffled = {QStringLiteral("Visits"), QStringLiteral("Notes"),
                                      QStringLiteral("Email"), QStringLiteral("Prospect ID"),
                                      QStringLiteral("Last Touch")};
        MappingOverrides file(QStringLiteral("other.csv"), shuffled);
        file.addMappingFile(written.toJson(), QStringLiteral("m.json"));
        QStringList notes;
        const ColumnMapping read = file.applyTo(ColumnMapping::guess(shuffled), &notes);
        QVERIFY2(notes.isEmpty(), qPrintable(notes.join(QLatin1Char('\n'))));
        QCOMPARE(read.columns[3], (ColumnTarget{Kind::LeadField, QStringLiteral("external_id")}));
        QCOMPARE(read.columns[0], (ColumnTarget{Kind::ActivityCount, QStringLiteral("page_view")}));
        QCOMPARE(read.columns[2], (ColumnTarget{Kind::LeadField, QStringLiteral("email")}));
        QCOMPARE(read.preset, written.preset);
    }

    void aMappingFileThatDoesNotParseSaysWhere()
    {
        MappingOverrides file = overrides();
        auto error = errorOf([&] {
            file.addMappingFile("{\n  \"columns\": [\n    {\"kind\": \"ignore\",}\n  ]\n}\n",
                                QStringLiteral("m.json"));
        });
        QVERIFY(error);
        // Line 3, at the brace after the stray comma.
        QCOMPARE(error->where().file, QStringLiteral("m.json"));
        QCOMPARE(error->where().line, 3);
        QCOMPARE(error->where().column, QStringLiteral("23"));
        QVERIFY2(error->message().startsWith(
                     QStringLiteral("m.json, line 3, column 23: not valid JSON")),
                 qPrintable(error->message()));
        error = errorOf([&] { file.addMappingFile("[1, 2]", QStringLiteral("m.json")); });
        QVERIFY(error);
        QCOMPARE(error->where().file, QStringLiteral("m.json"));
        QVERIFY2(error->message().contains(
                     QStringLiteral("expected an object with a \"columns\" array")),
                 qPrintable(error->message()));
    }

    void aMappingFileNamingAColumnTheFileLacksIsRefused()
    {
        MappingOverrides file = overrides();
        auto error = errorOf([&] {
            file.addMappingFile(
                R"({"columns": [{"column": "Email", "kind": "lead_field", "key": "email"},
                                {"column": "Lead Score", "kind": "custom_field", "key": ""}]})",
                QStringLiteral("m.json"));
        });
        QVERIFY(error);
        QCOMPARE(error->where().file, QStringLiteral("m.json"));
        QCOMPARE(error->where().record, QStringLiteral("entry 2"));
        QVERIFY2(error->message().startsWith(
                     QStringLiteral("m.json, entry 2: no column named 'Lead Score' in leads.csv")),
                 qPrintable(error->message()));
        error = errorOf([&] {
            overrides().addMappingFile(
                R"({"columns": [{"column": "Email", "kind": "lead_field", "key": "mail"}]})",
                QStringLiteral("m.json"));
        });
        QVERIFY(error);
        QCOMPARE(error->where().file, QStringLiteral("m.json"));
        QCOMPARE(error->where().record, QStringLiteral("entry 1"));
        QCOMPARE(error->where().column, QStringLiteral("Email"));
        QVERIFY2(error->message().startsWith(
                     QStringLiteral("m.json, entry 1, column Email: unknown lead field 'mail'")),
                 qPrintable(error->message()));
        // An unknown kind, and two entries for one column, name the entry too.
        error = errorOf([&] {
            overrides().addMappingFile(
                R"({"columns": [{"column": "Notes", "kind": "ignore"},
                                {"column": "Email", "kind": "lead_feld", "key": "email"}]})",
                QStringLiteral("m.json"));
        });
        QVERIFY(error);
        QCOMPARE(error->where().record, QStringLiteral("entry 2"));
        QVERIFY2(error->message().startsWith(
                     QStringLiteral("m.json, entry 2, column Email: unknown kind 'lead_feld'; "
                                    "the kinds are: ")),
                 qPrintable(error->message()));
        error = errorOf([&] {
            overrides().addMappingFile(
                R"({"columns": [{"column": "Notes", "kind": "ignore"},
                                {"column": "notes", "kind": "custom_field"}]})",
                QStringLiteral("m.json"));
        });
        QVERIFY(error);
        QCOMPARE(error->message(), QStringLiteral("m.json, entry 2: column 'Notes' is mapped "
                                                  "already, by m.json, entry 1"));
    }

    // Mappings saved before entries carried labels are positional; they still read.
    void aMappingWithoutLabelsIsReadByPosition()
    {
        ColumnMapping old = ColumnMapping::guess(m_header);
        old.columns[0] = {Kind::LeadField, QStringLiteral("external_id")};
        old.labels.clear();
        QVERIFY(!old.toJson().contains("\"column\""));
        MappingOverrides file = overrides();
        file.addMappingFile(old.toJson(), QStringLiteral("old.json"));
        QStringList notes;
        QCOMPARE(file.applyTo(ColumnMapping::guess(m_header), &notes).columns, old.columns);
        MappingOverrides shorter(QStringLiteral("short.csv"), m_header.mid(1));
        const auto error =
            errorOf([&] { shorter.addMappingFile(old.toJson(), QStringLiteral("old.json")); });
        QVERIFY(error);
        QCOMPARE(error->where().file, QStringLiteral("old.json"));
        QVERIFY2(error->message().startsWith(
                     QStringLiteral("old.json: 5 entries map columns by position and short.csv "
                                    "has 4 columns")),
                 qPrintable(error->message()));
    }

    void columnsAMappingFileLeavesOutAreReadAsBeforeAndNamed()
    {
        MappingOverrides file = overrides();
        file.addMappingFile(R"({"columns": [{"column": "Notes", "kind": "ignore"}]})",
                            QStringLiteral("m.json"));
        QStringList notes;
        const ColumnMapping m = file.applyTo(ColumnMapping::guess(m_header), &notes);
        QCOMPARE(m.columns[3], ColumnTarget{});
        QCOMPARE(m.columns[1], (ColumnTarget{Kind::LeadField, QStringLiteral("email")}));
        QCOMPARE(notes,
                 QStringList{QStringLiteral(
                     "m.json does not name these columns; they are read as before: 'Prospect ID' "
                     "(custom_field:Prospect ID), 'Email' (email), 'Visits' "
                     "(custom_field:Visits), 'Last Touch' (custom_field:Last Touch)")});
    }
};

QTEST_GUILESS_MAIN(TestMappingOverrides)
#include "tst_mappingoverrides.moc"
