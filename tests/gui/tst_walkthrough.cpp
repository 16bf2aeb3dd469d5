// The weekly meeting's journey on a demo database, one picture a step: the console, the
// dashboard, the dashboard in presentation mode, the meeting view, the export dialog and the
// report it wrote. Under ctest it runs offscreen and checks each window stays within the
// screen; packaging/walkthrough runs it in Xvfb at 1920x1080 and 1280x720 with
// HANDOFF_WALK_DIR naming the folder the pictures (and report.pdf) go to.

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "appsettings.h"
#include "console.h"
#include "dashboardview.h"
#include "demogenerator.h"
#include "mainwindow.h"
#include "meetingview.h"
#include "presentationmode.h"
#include "reportexportdialog.h"
#include "scriptedprompter.h"

class TestWalkthrough : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_out;
    int m_step = 0;

    void picture(QWidget *window, const QString &name)
    {
        QTest::qWait(200); // let the last paint land
        const QString file = QDir(m_out).filePath(
            QStringLiteral("%1-%2.png").arg(++m_step, 2, 10, QLatin1Char('0')).arg(name));
        QVERIFY2(window->grab().save(file), qPrintable(file));
        // Within the screen, from a 1280x720 laptop up (ctest's offscreen screen is 800x600,
        // smaller than anything the console is made for).
        const QRect screen = window->screen()->availableGeometry();
        if (screen.width() >= 1280 && screen.height() >= 720)
            QVERIFY2(screen.contains(window->frameGeometry()), qPrintable(name));
    }

private slots:
    void initTestCase()
    {
        m_out = qEnvironmentVariable("HANDOFF_WALK_DIR", m_dir.path());
        QVERIFY(QDir().mkpath(m_out));
    }

    void theMeetingsJourney()
    {
        const QString db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        {
            Database database(db);
            DemoOptions options;
            options.leads = 3000;
            options.weeks = 8;
            DemoGenerator(database, options).run();
        }
        Console console(db);
        AppSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
        ScriptedPrompter prompter;
        prompter.profile = Profile{0, QStringLiteral("Mia"), Profile::Role::Marketing};
        MainWindow window(console, settings, prompter);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.ensureProfile());
        picture(&window, QStringLiteral("console"));

        DashboardView *dashboard = window.openDashboard();
        QSignalSpy computed(dashboard, &DashboardView::computed);
        QVERIFY(computed.wait(30000));
        picture(dashboard, QStringLiteral("dashboard"));
        window.presentation()->toggleAction()->trigger();
        QTest::qWait(100);
        picture(dashboard, QStringLiteral("dashboard-presenting"));
        window.presentation()->toggleAction()->trigger();
        dashboard->close();

        MeetingView *meeting = window.openMeeting();
        QVERIFY(QTest::qWaitForWindowExposed(meeting));
        picture(meeting, QStringLiteral("meeting"));

        const QString pdf = QDir(m_out).filePath(QStringLiteral("report.pdf"));
        QString said;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ReportExportDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setPath(pdf);
            picture(dialog, QStringLiteral("export-dialog"));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            if (dialog->isVisible())
                dialog->reject();
        });
        meeting->findChild<QPushButton *>(QStringLiteral("exportReport"))->click();
        QVERIFY(QFile::exists(pdf));
        picture(meeting, QStringLiteral("meeting-exported"));
        meeting->close();
        window.close();
    }
};

QTEST_MAIN(TestWalkthrough)
#include "tst_walkthrough.moc"
