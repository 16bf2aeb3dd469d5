#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "importdialog.h"
#include "leadrepository.h"
#include "testdatabase.h"

// The import dialog as a user drives it: check, see the rejected row, import the good rows.
class TestImportDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("people.csv"));
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
        ImportDialog dialog(t.path(), path, QStringLiteral("Maya"));
        QString error;
        QVERIFY2(dialog.load(&error), qPrintable(error));
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
        QCOMPARE(problems->item(0, 0)->text(), QStringLiteral("3"));
        QCOMPARE(problems->item(0, 2)->text(), QStringLiteral("not-an-address"));
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
        ImportDialog dialog(t.path(), path, QStringLiteral("Maya"));
        QString error;
        QVERIFY(dialog.load(&error));
        dialog.findChild<QRadioButton *>(QStringLiteral("allOrNothingChoice"))->setChecked(true);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("checkButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(dialog.findChild<QPushButton *>(QStringLiteral("importButton"))->isEnabled());
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("importButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(dialog.resultText().startsWith(QStringLiteral("Nothing was imported")));
        QCOMPARE(LeadRepository(t.connection()).count(), 0);
    }
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
