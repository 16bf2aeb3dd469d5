#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "scriptedprompter.h"
#include "store/activityrepository.h"
#include "store/leadrepository.h"
#include "testdatabase.h"
#include "ui/importdialog.h"

using namespace handoff;

// The import dialog as a user drives it: check, see the rejected row, import the good rows.
class TestImportDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ScriptedPrompter m_prompter;

    QString write(const QByteArray &bytes, const QString &name = QStringLiteral("people.csv"))
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(bytes);
        return path;
    }

private slots:
    void checkThenImportTheGoodRows()
    {
        TestDatabase t;
        const QString path =
            write("Email,First Name,Last Name,Job Title,Number of Employees,Shoe Size\n"
                  "ada@one.example,Ada,Lovelace,CTO,120,38\n"
                  "not-an-address,Bad,Row,Intern,5,40\n"
                  "alan@two.example,Alan,Turing,Director,\"1,200\",44\n");
        ImportDialog dialog(t.path(), path, QStringLiteral("Maya"), m_prompter);
        dialog.load();
        dialog.show();

        // The unknown column is kept as a custom field; the user decides to ignore it.
        auto *mapping = dialog.findChild<QTableWidget *>(QStringLiteral("mappingTable"));
        QCOMPARE(mapping->rowCount(), 6);
        auto *shoe = qobject_cast<QComboBox *>(mapping->cellWidget(5, 2));
        QVERIFY(shoe->currentText().contains(QStringLiteral("Shoe Size")));
        shoe->setCurrentIndex(0); // (not imported)

        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("checkButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(dialog.summaryText().startsWith(QStringLiteral("If you import")));
        QVERIFY(dialog.summaryText().contains(QStringLiteral("2 new")));
        QVERIFY(dialog.summaryText().contains(QStringLiteral("1 rejected")));
        auto *problems = dialog.findChild<QTableWidget *>(QStringLiteral("problemsTable"));
        QCOMPARE(problems->rowCount(), 1);
        QCOMPARE(problems->item(0, 0)->text(), QStringLiteral("people.csv"));
        QCOMPARE(problems->item(0, 1)->text(), QStringLiteral("3"));
        QCOMPARE(problems->item(0, 3)->text(), QStringLiteral("not-an-address"));
        // The bad cell is marked in the preview.
        auto *preview = dialog.findChild<QTableWidget *>(QStringLiteral("previewTable"));
        QVERIFY(!preview->item(1, 0)->toolTip().isEmpty());
        QCOMPARE(LeadRepository(t.connection()).count(), 0); // a check writes nothing

        // For looking at it: HANDOFF_SCREENSHOT_DIR=/tmp/shots tst_importdialog
        if (qEnvironmentVariableIsSet("HANDOFF_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("HANDOFF_SCREENSHOT_DIR") +
                               QStringLiteral("/import-dialog.png"));
        auto *import = dialog.findChild<QPushButton *>(QStringLiteral("importButton"));
        QVERIFY(import->isEnabled());
        QTest::mouseClick(import, Qt::LeftButton);
        QTRY_VERIFY(dialog.resultText().startsWith(QStringLiteral("Imported as batch")));
        QCOMPARE(LeadRepository(t.connection()).count(), 2);
        const auto ids = LeadRepository(t.connection()).identities();
        QVERIFY(LeadRepository(t.connection())
                    .customFields(ids.byEmail.value(QStringLiteral("ada@one.example")))
                    .isEmpty());
        QCOMPARE(LeadRepository(t.connection())
                     .find(ids.byEmail.value(QStringLiteral("alan@two.example")))
                     ->companySize,
                 std::optional<int>(1200));
    }

    void allOrNothingImportsNothing()
    {
        TestDatabase t;
        const QString path = write("Email,First Name\nok@x.example,Ok\nbroken,Broken\n");
        ImportDialog dialog(t.path(), path, QStringLiteral("Maya"), m_prompter);
        dialog.load();
        dialog.findChild<QRadioButton *>(QStringLiteral("allOrNothingChoice"))->setChecked(true);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("checkButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(dialog.findChild<QPushButton *>(QStringLiteral("importButton"))->isEnabled());
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("importButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(dialog.resultText().startsWith(QStringLiteral("Nothing was imported")));
        QCOMPARE(LeadRepository(t.connection()).count(), 0);
    }

    void anActivitiesFileIsShownCheckedAndImportedWithTheLeads()
    {
        TestDatabase t;
        const QString leads = write("Email,First Name,Number of Pageviews\n"
                                    "ada@one.example,Ada,7\n"
                                    "alan@two.example,Alan,3\n");
        // Line 3 names an activity type Handoff does not know; line 5 a lead that is nowhere.
        const QString activities = write("Email,Activity,Date,Content\n"
                                         "ada@one.example,Page view,2026-10-01 09:00:00,Pricing\n"
                                         "ada@one.example,Teleportation,2026-10-01 09:05:00,\n"
                                         "alan@two.example,E-mail opened,2026-10-02 10:00:00,News\n"
                                         "nobody@three.example,Page view,2026-10-03 11:00:00,\n",
                                         QStringLiteral("events.csv"));
        ImportDialog dialog(t.path(), leads, QStringLiteral("Maya"), m_prompter);
        dialog.load();
        dialog.show();
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("activitiesPreviewTable"));
        QVERIFY(!table->isVisible()); // optional: nothing until one is chosen

        m_prompter.openFiles = {activities};
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("chooseActivitiesButton")),
                          Qt::LeftButton);
        QCOMPARE(dialog.activitiesFile(), activities);
        const QString status =
            dialog.findChild<QLabel *>(QStringLiteral("activitiesStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("lead from Email, type from Activity, date from "
                                                "Date (YYYY-MM-DD HH:MM:SS)")),
                 qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("1 of the first rows")), qPrintable(status));
        QVERIFY(table->isVisible());
        QCOMPARE(table->rowCount(), 4);
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Pricing"));
        // Before any check, what the file alone shows: the unknown type, marked.
        QVERIFY(!table->item(1, 1)->toolTip().isEmpty());
        QVERIFY(table->item(0, 1)->toolTip().isEmpty());

        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("checkButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(dialog.summaryText().startsWith(QStringLiteral("If you import")));
        // Two dated events instead of the 7 + 3 counted page views; two of the four event
        // rows rejected, none of the leads.
        const QString summary = dialog.summaryText();
        QVERIFY2(summary.contains(QStringLiteral("2 rows: 2 new, 0 updated, 0 unchanged, "
                                                 "0 rejected; activities file: 4 rows, "
                                                 "2 rejected; 2 activities")),
                 qPrintable(summary));
        auto *problems = dialog.findChild<QTableWidget *>(QStringLiteral("problemsTable"));
        QCOMPARE(problems->rowCount(), 2);
        QCOMPARE(problems->item(1, 0)->text(), QStringLiteral("events.csv"));
        QCOMPARE(problems->item(1, 1)->text(), QStringLiteral("5"));
        QCOMPARE(problems->item(1, 3)->text(), QStringLiteral("nobody@three.example"));
        QVERIFY(!table->item(3, 0)->toolTip().isEmpty()); // the unknown lead, marked now
        // Line 5 of the events is not line 5 of the leads file: no mark there.
        auto *preview = dialog.findChild<QTableWidget *>(QStringLiteral("previewTable"));
        for (int r = 0; r < preview->rowCount(); ++r) {
            for (int c = 0; c < preview->columnCount(); ++c)
                QVERIFY(preview->item(r, c)->toolTip().isEmpty());
        }
        if (qEnvironmentVariableIsSet("HANDOFF_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("HANDOFF_SCREENSHOT_DIR") +
                               QStringLiteral("/import-dialog-activities.png"));

        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("importButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(dialog.resultText().startsWith(QStringLiteral("Imported as batch")));
        QCOMPARE(LeadRepository(t.connection()).count(), 2);
        QCOMPARE(ActivityRepository(t.connection()).count(), 2);
    }

    void anActivitiesFileWithoutADateIsNotUsedAndSaysWhy()
    {
        TestDatabase t;
        const QString leads = write("Email\nada@one.example\n");
        const QString undated =
            write("Email,Activity\nada@one.example,Page view\n", QStringLiteral("undated.csv"));
        const QString dated = write("Email,Activity,Date\nada@one.example,Page view,2026-10-01\n",
                                    QStringLiteral("dated.csv"));
        ImportDialog dialog(t.path(), leads, QStringLiteral("Maya"), m_prompter);
        dialog.load();
        dialog.show();
        QVERIFY(dialog.setActivitiesFile(dated));
        auto *remove = dialog.findChild<QPushButton *>(QStringLiteral("removeActivitiesButton"));
        QVERIFY(remove->isVisible());

        m_prompter.openFiles = {undated};
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("chooseActivitiesButton")),
                          Qt::LeftButton);
        const QString status =
            dialog.findChild<QLabel *>(QStringLiteral("activitiesStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("undated.csv")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("needs a date column")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("its columns are Email, Activity")),
                 qPrintable(status));
        QVERIFY(dialog.activitiesFile().isEmpty()); // the earlier one is not kept either
        QVERIFY(!remove->isVisible());
        QVERIFY(!dialog.findChild<QTableWidget *>(QStringLiteral("activitiesPreviewTable"))
                     ->isVisible());

        // Taken out again, the import is of the leads file alone.
        QVERIFY(dialog.setActivitiesFile(dated));
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(dialog.activitiesFile().isEmpty());
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("checkButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(dialog.summaryText().startsWith(QStringLiteral("If you import")));
        QVERIFY(dialog.summaryText().contains(QStringLiteral("0 activities")));
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
