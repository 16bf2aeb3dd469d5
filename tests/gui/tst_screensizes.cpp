// Every window on a 1280x720 laptop screen (the offscreen platform given a screen of that
// size): the main window, the tuning workspace, the dashboard and the meeting view open
// within the screen's available area, the lead panel keeps the score breakdown's Points
// column in view and the status bar on screen, and a geometry remembered on a 1920x1080
// projector comes back onto the laptop. The rectangle arithmetic is checked for 1366x768
// too. Pictures of each window go beside the database (or into HANDOFF_TEST_SHOTS).

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "demo/demogenerator.h"
#include "queues/console.h"
#include "scriptedprompter.h"
#include "ui/appsettings.h"
#include "ui/dashboardview.h"
#include "ui/leadpanel.h"
#include "ui/mainwindow.h"
#include "ui/meetingview.h"
#include "ui/queuepanel.h"
#include "ui/tuningworkspace.h"
#include "ui/windowfit.h"

using namespace handoff;

class TestScreenSizes : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;

    QString picture(const QString &name) const
    {
        return QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS", m_dir.path())).filePath(name);
    }
    static QRect available() { return QGuiApplication::primaryScreen()->availableGeometry(); }

private slots:
    void initTestCase()
    {
        QCOMPARE(available().size(), QSize(1280, 720)); // the screen main() asked for
        m_db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        Database db(m_db);
        DemoGenerator(db, {600, 9, 0, 26}).run();
    }

    void rectanglesFitTheScreen_data()
    {
        QTest::addColumn<QRect>("screen");
        QTest::newRow("1280x720") << QRect(0, 0, 1280, 720);
        QTest::newRow("1366x768 with a top panel") << QRect(0, 27, 1366, 741);
        QTest::newRow("a second monitor") << QRect(1920, 0, 1280, 720);
    }
    void rectanglesFitTheScreen()
    {
        QFETCH(QRect, screen);
        QVERIFY(screen.contains(windowfit::placed({1800, 1000}, screen)));
        QCOMPARE(windowfit::placed({1800, 1000}, screen).size(), screen.size());
        QCOMPARE(windowfit::placed({800, 600}, screen).size(), QSize(800, 600));
        QCOMPARE(windowfit::placed({800, 600}, screen).center(), screen.center());
        // Remembered on a 1920x1080 projector, or on a monitor to the right that is gone.
        for (const QRect &remembered : {QRect(60, 40, 1800, 1000), QRect(3400, 200, 1000, 700),
                                        QRect(-900, -50, 1000, 600)}) {
            const QRect fitted = windowfit::within(remembered, screen);
            QVERIFY2(screen.contains(fitted), qPrintable(QStringLiteral("%1,%2 %3x%4")
                                                             .arg(fitted.x())
                                                             .arg(fitted.y())
                                                             .arg(fitted.width())
                                                             .arg(fitted.height())));
        }
        // One that fits stays where it is.
        const QRect fits(screen.topLeft() + QPoint(10, 10), QSize(600, 400));
        QCOMPARE(windowfit::within(fits, screen), fits);
    }

    void everyWindowOpensWithinTheScreen()
    {
        Console console(m_db);
        AppSettings settings(m_dir.filePath(QStringLiteral("fresh.ini")));
        ScriptedPrompter prompter;
        prompter.profile = Profile{0, QStringLiteral("Sam"), Profile::Role::Sales};
        MainWindow window(console, settings, prompter);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.ensureProfile());
        QTRY_VERIFY2(available().contains(window.frameGeometry()),
                     qPrintable(QStringLiteral("%1x%2").arg(window.width()).arg(window.height())));
        QVERIFY(window.statusBar()->isVisible());
        QVERIFY(available().contains(
            window.statusBar()->mapToGlobal(window.statusBar()->rect().bottomRight())));

        // The lead panel has room: the breakdown's Points column is wholly in view.
        QTRY_VERIFY(window.leadPanel()->leadId() > 0);
        auto *breakdown = window.findChild<QTreeWidget *>(QStringLiteral("scoreBreakdown"));
        QVERIFY(breakdown);
        window.leadPanel()->tabs()->setCurrentWidget(breakdown);
        QTest::qWait(50);
        QHeaderView *header = breakdown->header();
        const int pointsRight = header->sectionViewportPosition(1) + header->sectionSize(1);
        QVERIFY2(pointsRight <= breakdown->viewport()->width(),
                 qPrintable(QStringLiteral("Points end at %1 of %2")
                                .arg(pointsRight)
                                .arg(breakdown->viewport()->width())));
        QVERIFY(window.leadPanel()->width() >= window.width() * 4 / 10);
        // Every queue column is in view, Claimed by and Score too.
        for (QueuePanel *panel : {window.salesPanel(), window.interestPanel()}) {
            QHeaderView *columns = panel->view()->horizontalHeader();
            const int last = columns->logicalIndex(columns->count() - 1);
            QVERIFY2(columns->sectionViewportPosition(last) + 40 <=
                         panel->view()->viewport()->width(),
                     qPrintable(QStringLiteral("%1: the last column starts at %2 of %3")
                                    .arg(panel->objectName())
                                    .arg(columns->sectionViewportPosition(last))
                                    .arg(panel->view()->viewport()->width())));
        }
        window.grab().save(picture(QStringLiteral("screen-1280x720-main.png")));

        DashboardView *dashboard = window.openDashboard();
        QVERIFY(QTest::qWaitForWindowExposed(dashboard));
        QTRY_VERIFY(available().contains(dashboard->frameGeometry()));
        MeetingView *meeting = window.openMeeting();
        QVERIFY(QTest::qWaitForWindowExposed(meeting));
        QTRY_VERIFY(available().contains(meeting->frameGeometry()));
        meeting->grab().save(picture(QStringLiteral("screen-1280x720-meeting.png")));
        TuningWorkspace *tuning = window.openTuningWorkspace();
        QVERIFY(QTest::qWaitForWindowExposed(tuning));
        QTRY_VERIFY2(
            available().contains(tuning->frameGeometry()),
            qPrintable(QStringLiteral("%1x%2").arg(tuning->width()).arg(tuning->height())));
        tuning->grab().save(picture(QStringLiteral("screen-1280x720-tuning.png")));
        dashboard->close();
        meeting->close();
        tuning->close();
        window.close();
    }

    void aGeometryRememberedOnAProjectorComesBackOntoTheLaptop()
    {
        const QString ini = m_dir.filePath(QStringLiteral("projector.ini"));
        {
            // What a 1920x1080 session left behind.
            QWidget big;
            big.setGeometry(100, 60, 1800, 1000);
            AppSettings(ini).setValue(AppSettings::Key::WindowGeometry, big.saveGeometry());
        }
        Console console(m_db);
        AppSettings settings(ini);
        ScriptedPrompter prompter;
        prompter.profile = Profile{0, QStringLiteral("Sam"), Profile::Role::Sales};
        MainWindow window(console, settings, prompter);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY2(available().contains(window.frameGeometry()),
                     qPrintable(QStringLiteral("%1,%2 %3x%4")
                                    .arg(window.x())
                                    .arg(window.y())
                                    .arg(window.width())
                                    .arg(window.height())));
        window.close();
    }

    // A projector session that gave the queues most of an 1800-pixel window: on the laptop
    // the lead panel keeps room for the score breakdown, rule names and all.
    void theLeadPanelKeepsItsRoomWhenTheQueuesWereWideOnAProjector()
    {
        const QString ini = m_dir.filePath(QStringLiteral("wide-queues.ini"));
        Console console(m_db);
        ScriptedPrompter prompter;
        prompter.profile = Profile{0, QStringLiteral("Sam"), Profile::Role::Sales};
        {
            AppSettings settings(ini);
            MainWindow projector(console, settings, prompter);
            projector.show();
            QVERIFY(QTest::qWaitForWindowExposed(&projector));
            projector.setGeometry(60, 40, 1800, 1000);
            QTRY_COMPARE(projector.width(), 1800);
            auto *queues = projector.findChild<QDockWidget *>(QStringLiteral("salesDock"));
            QVERIFY(queues);
            projector.resizeDocks({queues}, {1500}, Qt::Horizontal);
            QTRY_VERIFY2(queues->width() >= 1300, qPrintable(QString::number(queues->width())));
            projector.close();
        }
        AppSettings settings(ini);
        MainWindow window(console, settings, prompter);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.leadPanel()->leadId() > 0);
        auto *breakdown = window.findChild<QTreeWidget *>(QStringLiteral("scoreBreakdown"));
        window.leadPanel()->tabs()->setCurrentWidget(breakdown);
        QTest::qWait(50);
        window.grab().save(picture(QStringLiteral("screen-1280x720-after-wide-queues.png")));
        QVERIFY2(window.leadPanel()->width() >= window.width() * 4 / 10,
                 qPrintable(QStringLiteral("the lead panel is %1 of %2 pixels")
                                .arg(window.leadPanel()->width())
                                .arg(window.width())));
        QVERIFY2(
            breakdown->columnWidth(0) >= 120,
            qPrintable(QStringLiteral("rule names get %1 pixels").arg(breakdown->columnWidth(0))));
        window.close();
    }
};

// The offscreen platform's screen is 800x600 unless a configuration file says otherwise.
int main(int argc, char *argv[])
{
    QTemporaryDir config;
    const QString file = config.filePath(QStringLiteral("screens.json"));
    QFile json(file);
    if (!json.open(QIODevice::WriteOnly))
        return 1;
    json.write(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720,
                   "logicalDpi": 96, "logicalBase": 96, "dpr": 1}]})");
    json.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + file.toLocal8Bit());
    QApplication app(argc, argv);
    TestScreenSizes test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_screensizes.moc"
