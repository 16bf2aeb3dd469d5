// The printed meeting report, rendered back to images and text with poppler (pdftoppm,
// pdftotext): the page count and size, no blank page, and the headings, figures, notes and
// action items where a reader looks for them. Run on a file and on a team server.

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "analytics/analyticsengine.h"
#include "analytics/isoweek.h"
#include "analytics/meetingbrief.h"
#include "demo/demogenerator.h"
#include "scriptedprompter.h"
#include "store/database.h"
#include "store/meetingrepository.h"
#include "testdatabase.h"
#include "ui/meetingreport.h"
#include "ui/reportexportdialog.h"

using namespace handoff;

namespace {
constexpr qint64 Now = 1795430000; // Monday 2026-11-23, early in 2026-W48

QString run(const QString &program, const QStringList &arguments)
{
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QStringLiteral("FAILED: %1 %2")
            .arg(program, QString::fromUtf8(p.readAllStandardError()));
    return QString::fromUtf8(p.readAllStandardOutput());
}
} // namespace

class TestMeetingReport : public QObject
{
    Q_OBJECT

private slots:
    void rendersEveryPartOnA4AndLetter_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<QString>("size");
        QTest::newRow("A4") << int(QPageSize::A4) << QStringLiteral("595 x 842");
        QTest::newRow("Letter") << int(QPageSize::Letter) << QStringLiteral("612 x 792");
    }

    void rendersEveryPartOnA4AndLetter()
    {
        QFETCH(int, page);
        QFETCH(QString, size);
        QTemporaryDir dir;
        TestDatabases databases(dir);
        Database db(databases.make(QStringLiteral("demo")));
        DemoOptions options;
        options.leads = 1500;
        options.now = Now;
        options.weeks = 8;
        DemoGenerator(db, options).run();
        const qint64 week = *isoweek::parse(QStringLiteral("2026-W47"));
        MeetingRecord meeting;
        meeting.week = QStringLiteral("2026-W47");
        meeting.heldAt = week + 3 * 86400;
        meeting.notes = QStringLiteral("Webinar attendees convert best; double the invitations.");
        meeting.actions = {{QStringLiteral("Call back the late hand-raisers"),
                            QStringLiteral("Sam Rivera"), QStringLiteral("Friday"), false}};
        meeting.savedBy = QStringLiteral("Mia");
        meeting.savedAt = meeting.heldAt;
        MeetingRepository(db.connection()).saveMeeting(meeting);

        AnalyticsEngine engine(db);
        const MeetingBrief brief =
            MeetingBrief::gather(db, engine, week, week + 7 * 86400); // as it ended
        QVERIFY(brief.figures.cohorts.mqls > 0);
        MeetingReport report(brief, QPageSize::PageSizeId(page));
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        report.write(pdf);
        // For looking at it: HANDOFF_REPORT_COPY=/tmp/report tst_meetingreport
        if (qEnvironmentVariableIsSet("HANDOFF_REPORT_COPY"))
            QFile::copy(pdf, qEnvironmentVariable("HANDOFF_REPORT_COPY") +
                                 QStringLiteral("-%1.pdf").arg(page));

        const QString info = run(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY2(info.contains(size), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Pages:           %1").arg(report.pageCount())),
                 qPrintable(info));
        QVERIFY(report.pageCount() >= 5); // summary, rejections, then the charts

        // Every page has ink: rendered at 30 dpi, a fair share of pixels is not white.
        run(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-png"), pdf,
             dir.filePath(QStringLiteral("page"))});
        for (int p = 1; p <= report.pageCount(); ++p) {
            const QString name =
                dir.filePath(QStringLiteral("page-%1.png").arg(p, 1, 10, QLatin1Char('0')));
            QImage image(name);
            QVERIFY2(!image.isNull(), qPrintable(name));
            int ink = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    ink += qGray(image.pixel(x, y)) < 200;
            QVERIFY2(ink > image.width() * image.height() / 200,
                     qPrintable(QStringLiteral("page %1 is blank").arg(p)));
        }

        // NFKC folds the typesetter's ligatures ("ﬀ") back into letters.
        const QString text =
            run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")})
                .normalized(QString::NormalizationForm_KC);
        for (const QString &expected :
             {QStringLiteral("Weekly alignment meeting: 2026-W47"),
              QStringLiteral("This week against last week and the targets"),
              QStringLiteral("MQL volume"), QStringLiteral("Meeting notes"),
              QStringLiteral("double the invitations"), QStringLiteral("Call back the late"),
              QStringLiteral("Sam Rivera"), QStringLiteral("Rejected handoffs to discuss"),
              QStringLiteral("MQL to SQL conversion by weekly cohort"),
              QStringLiteral("Speed to lead for hand-raisers"),
              QStringLiteral("What converting leads had in common"),
              QStringLiteral("Share of new pipeline marketing supplied")})
            QVERIFY2(text.contains(expected), qPrintable(expected));
        // No targets were agreed in the demo: the paper says so, as the app does.
        QVERIFY(text.contains(QStringLiteral("Default targets (none agreed yet)")));
        QVERIFY(!text.contains(QStringLiteral("version 0")));
        // Every page is numbered; columns take the width their text needs.
        QVERIFY(text.contains(QStringLiteral("Page 1")));
        QVERIFY(text.contains(QStringLiteral("Page %1").arg(report.pageCount())));
        QVERIFY(text.contains(QStringLiteral("Call back the late hand-raisers")));
        // Nothing waits for sign-off: said, not an empty table.
        if (brief.proposals.isEmpty())
            QVERIFY(text.contains(QStringLiteral("No sign-offs yet")));
        // The week's MQL volume as the summary table states it, and its cohort row.
        const QString mqls = QString::number(qint64(brief.metrics.front().thisWeek));
        QVERIFY(text.contains(QRegularExpression(QStringLiteral("MQL volume\\s+%1\\s").arg(mqls))));
        QVERIFY(text.contains(QRegularExpression(
            QStringLiteral("2026-W47\\s+%1\\s").arg(brief.figures.cohorts.weeks.back().mqls))));
        // A rejected handoff of the week is listed with its reason.
        if (!brief.rejected.empty())
            QVERIFY(text.contains(brief.rejected.front().company.left(20)));
    }

    void theExportDialogWritesTheChosenWeekAndSaysWhatWentWrong()
    {
        QTemporaryDir dir;
        TestDatabases databases(dir);
        Database db(databases.make(QStringLiteral("demo")));
        DemoOptions options;
        options.leads = 600;
        options.now = Now;
        options.weeks = 4;
        DemoGenerator(db, options).run();
        ScriptedPrompter prompter;
        ReportExportDialog dialog(
            db.location(), [] { return Now; }, prompter);
        dialog.setWeek(*isoweek::parse(QStringLiteral("2026-W47")));
        dialog.findChild<QComboBox *>(QStringLiteral("reportPage"))->setCurrentIndex(1); // Letter

        // Every label with a mnemonic has a buddy, so none shows a literal "&".
        for (QLabel *label : dialog.findChildren<QLabel *>()) {
            if (label->text().contains(QLatin1Char('&')))
                QVERIFY2(label->buddy(), qPrintable(label->text()));
        }

        // A folder that does not exist: refused, said, nothing written.
        const QString missing = dir.filePath(QStringLiteral("nowhere/report.pdf"));
        dialog.setPath(missing);
        QVERIFY(!dialog.exportReport());
        QVERIFY2(dialog.message().contains(QStringLiteral("the folder does not exist")),
                 qPrintable(dialog.message()));
        QVERIFY(!QFile::exists(missing));

        // Without the extension: .pdf is added.
        const QString pdf = dir.filePath(QStringLiteral("week47"));
        dialog.setPath(pdf);
        QSignalSpy finished(&dialog, &ReportExportDialog::finished);
        QVERIFY2(dialog.exportReport(), qPrintable(dialog.message()));
        // The figures are gathered in the background: the dialog says so meanwhile and
        // takes no second export.
        QVERIFY(dialog.isBusy());
        QCOMPARE(dialog.message(), QStringLiteral("Gathering the week's figures…"));
        QVERIFY(!dialog.exportReport());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(QFile::exists(pdf + QStringLiteral(".pdf")));
        QVERIFY2(dialog.message().contains(QStringLiteral("2026-W47")),
                 qPrintable(dialog.message()));
        const QString info = run(QStringLiteral("pdfinfo"), {pdf + QStringLiteral(".pdf")});
        QVERIFY2(info.contains(QStringLiteral("612 x 792")), qPrintable(info));
    }
};

QTEST_MAIN(TestMeetingReport)
#include "tst_meetingreport.moc"
