// The dashboard on a demo database: the charts fill in from the worker thread, a filter
// recomputes them, and a chart saves as PNG and PDF. Run on a file and on a team server.

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include "demo/demogenerator.h"
#include "scriptedprompter.h"
#include "store/database.h"
#include "testdatabase.h"
#include "ui/appsettings.h"
#include "ui/chartpanel.h"
#include "ui/chartplotter.h"
#include "ui/dashboardview.h"
#include "ui/presentationmode.h"

using namespace handoff;

class TestDashboardView : public QObject
{
    Q_OBJECT

    // A demo database (a file in `databases`' folder, or a database on the test server); six
    // weeks of 800 leads are enough for every chart to draw.
    static QString demoDatabase(TestDatabases &databases, int leads = 800, int weeks = 6)
    {
        const QString path = databases.make(QStringLiteral("demo"));
        Database db(path);
        DemoOptions options;
        options.leads = leads;
        options.weeks = weeks;
        DemoGenerator(db, options).run();
        return path;
    }

private slots:
    // On a projector: every chart names its axes with their units, and presentation mode
    // (Ctrl+=, remembered) enlarges the charts' and the tables' text.
    void axesAreTitledAndPresentationModeEnlargesTheText()
    {
        QTemporaryDir dir;
        TestDatabases databases(dir);
        const QString path = demoDatabase(databases);
        const QString ini = dir.filePath(QStringLiteral("settings.ini"));
        AppSettings settings(ini);
        PresentationMode presentation(settings);
        ScriptedPrompter prompter;
        DashboardView view(path, prompter);
        presentation.follow(&view);
        view.resize(1920, 1080);
        QSignalSpy computed(&view, &DashboardView::computed);
        QVERIFY(computed.wait(20000));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QList<ChartPanel *> panels = view.findChildren<ChartPanel *>();
        QVERIFY(!panels.isEmpty());
        for (ChartPanel *panel : panels) {
            QCustomPlot *plot = panel->plot();
            QVERIFY2(!plot->xAxis->label().isEmpty(), qPrintable(panel->objectName()));
            if (plot->yAxis->visible())
                QVERIFY2(!plot->yAxis->label().isEmpty(), qPrintable(panel->objectName()));
            if (plot->yAxis2->visible())
                QCOMPARE(plot->yAxis2->label(), QStringLiteral("Share (%)"));
        }
        ChartPanel *cohorts = view.findChild<ChartPanel *>(QStringLiteral("cohorts"));
        const double tickBefore = cohorts->plot()->xAxis->tickLabelFont().pointSizeF();
        auto *table = cohorts->findChild<QTableWidget *>();
        const double tableBefore = table->font().pointSizeF();
        view.grab().save(dir.filePath(QStringLiteral("dashboard-normal.png")));
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));

        QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(presentation.scale(), 1.5);
        QVERIFY(presentation.toggleAction()->isChecked());
        QVERIFY(cohorts->plot()->xAxis->tickLabelFont().pointSizeF() >= tickBefore * 1.4);
        QVERIFY(table->font().pointSizeF() >= tableBefore * 1.4);
        QVERIFY(table->verticalHeader()->defaultSectionSize() >= table->fontMetrics().height());
        // The larger text still fits: every table shows all its columns.
        QTest::qWait(50);
        for (ChartPanel *panel : panels) {
            auto *t = panel->findChild<QTableWidget *>();
            QTRY_VERIFY2(!t->horizontalScrollBar()->isVisible(), qPrintable(panel->objectName()));
        }
        view.grab().save(qEnvironmentVariableIsSet("HANDOFF_TEST_SHOTS")
                             ? QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS"))
                                   .filePath(QStringLiteral("dashboard-presenting-1920.png"))
                             : dir.filePath(QStringLiteral("dashboard-presenting.png")));
        // Remembered for the next start.
        QCOMPARE(PresentationMode(settings).scale(), 1.5);
        QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(presentation.scale(), 1.25);
        presentation.toggleAction()->trigger(); // off
        QCOMPARE(presentation.scale(), 1.0);
        QCOMPARE(cohorts->plot()->xAxis->tickLabelFont().pointSizeF(), tickBefore);
    }

    // On a laptop's 1280x720 in presentation mode the larger text must not squeeze the
    // plots to a strip: each keeps a height its axis labels and title fit in (the grid
    // scrolls instead), and so at 1920x1080.
    void presentationModeKeepsEveryPlotReadable_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x720") << QSize(1280, 720);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }
    void presentationModeKeepsEveryPlotReadable()
    {
        QFETCH(QSize, size);
        QTemporaryDir dir;
        TestDatabases databases(dir);
        const QString path = demoDatabase(databases);
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        PresentationMode presentation(settings);
        ScriptedPrompter prompter;
        DashboardView view(path, prompter);
        presentation.follow(&view);
        presentation.setScale(PresentationMode::Presenting);
        view.resize(size);
        QSignalSpy computed(&view, &DashboardView::computed);
        QVERIFY(computed.wait(20000));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(100); // the panels rearrange for the font after it is applied
        const QList<ChartPanel *> panels = view.findChildren<ChartPanel *>();
        if (qEnvironmentVariableIsSet("HANDOFF_TEST_SHOTS"))
            view.grab().save(QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS"))
                                 .filePath(QStringLiteral("dashboard-presenting-%1x%2.png")
                                               .arg(size.width())
                                               .arg(size.height())));
        if (qEnvironmentVariableIsSet("HANDOFF_TEST_SHOTS")) // all of it, scrolled or not
            view.findChild<QScrollArea *>()->widget()->grab().save(
                QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS"))
                    .filePath(QStringLiteral("dashboard-presenting-%1x%2-all.png")
                                  .arg(size.width())
                                  .arg(size.height())));
        QCOMPARE(panels.size(), 8);
        for (ChartPanel *panel : panels) {
            QCustomPlot *plot = panel->plot();
            const int line = QFontMetrics(plot->xAxis->tickLabelFont()).height();
            // Room for the x tick labels and title, the legend and some ten lines of bars.
            QVERIFY2(plot->height() >= 14 * line,
                     qPrintable(QStringLiteral("%1: %2 px for %3 px lines")
                                    .arg(panel->objectName())
                                    .arg(plot->height())
                                    .arg(line)));
            QVERIFY2(plot->height() >= 220, qPrintable(panel->objectName()));
            // The axis rect (where the bars are) keeps a good part of it.
            QVERIFY2(plot->axisRect()->height() >= plot->height() / 3,
                     qPrintable(QStringLiteral("%1: axis rect %2 of %3 px")
                                    .arg(panel->objectName())
                                    .arg(plot->axisRect()->height())
                                    .arg(plot->height())));
        }
    }

    void showsTheChartsAndFilters()
    {
        QTemporaryDir dir;
        TestDatabases databases(dir);
        const QString path = demoDatabase(databases, 1500, 8);
        ScriptedPrompter prompter;
        DashboardView view(path, prompter);
        view.resize(1400, 1000);
        QSignalSpy computed(&view, &DashboardView::computed);
        QVERIFY(computed.wait(20000));
        ChartPanel *cohorts = view.findChild<ChartPanel *>(QStringLiteral("cohorts"));
        QVERIFY(cohorts);
        QCOMPARE(cohorts->chart().categories.size(), 4); // the last 4 weeks
        const QString allMqls = cohorts->chart().summary;
        auto *channel = view.findChild<QComboBox *>(QStringLiteral("channel"));
        QVERIFY(channel->count() > 2); // the demo's channels arrived from the worker
        channel->setCurrentIndex(channel->findData(QStringLiteral("Webinar")));
        view.recompute();
        QVERIFY(computed.wait(20000));
        QVERIFY(cohorts->chart().summary != allMqls); // fewer MQLs for one channel
        QVERIFY(cohorts->saveTo(dir.filePath(QStringLiteral("c.png"))));
        QVERIFY(cohorts->saveTo(dir.filePath(QStringLiteral("c.pdf"))));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("c.png"))).size() > 1000);
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("c.pdf"))).size() > 1000);
        // The Save button asks the prompter where, and tells it when the file cannot be written.
        auto *save = cohorts->findChild<QPushButton *>(QStringLiteral("saveChart"));
        QVERIFY(save);
        prompter.newFile = dir.filePath(QStringLiteral("asked.pdf"));
        save->click();
        QVERIFY(QFileInfo(*prompter.newFile).size() > 1000);
        QVERIFY2(prompter.errors.isEmpty(), qPrintable(prompter.errors.join(QLatin1Char('\n'))));
        prompter.newFile = dir.filePath(QStringLiteral("no-such-folder/asked.png"));
        save->click();
        QCOMPARE(prompter.errors.size(), 1);
        QVERIFY2(prompter.errors.first().contains(*prompter.newFile),
                 qPrintable(prompter.errors.first()));
        QVERIFY(!QFile::exists(*prompter.newFile));
        prompter.newFile.reset(); // cancelled: nothing is written, nothing is said
        save->click();
        QCOMPARE(prompter.errors.size(), 1);

        // What a user sees at 1400x1000: every table shows all its columns without a
        // horizontal scroll bar, legends sit above the plot instead of over the bars, and the
        // share axis reads in percent.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QList<ChartPanel *> panels = view.findChildren<ChartPanel *>();
        QCOMPARE(panels.size(), 8);
        for (ChartPanel *panel : panels) {
            auto *table = panel->findChild<QTableWidget *>();
            QVERIFY(table);
            QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width(),
                     qPrintable(panel->objectName()));
            QVERIFY2(!table->horizontalScrollBar()->isVisible(), qPrintable(panel->objectName()));
            QCustomPlot *plot = panel->plot();
            plot->replot();
            if (panel->chart().series.size() > 1) {
                QVERIFY(plot->legend->visible());
                QVERIFY2(!plot->axisRect()->outerRect().intersects(plot->legend->outerRect()),
                         qPrintable(panel->objectName()));
            }
        }
        QCustomPlot *cohortPlot = cohorts->plot();
        QVERIFY(cohortPlot->yAxis2->visible());
        QVERIFY(cohortPlot->yAxis2->tickVectorLabels().contains(QStringLiteral("50%")));
        QVERIFY(cohortPlot->yAxis2->tickVectorLabels().contains(QStringLiteral("100%")));
        // The tooltip keeps the exact share: 0.5 would read 50.0%, not rounded to the tick.
        QVERIFY(QRegularExpression(QStringLiteral("Conversion: \\d+\\.\\d%"))
                    .match(chartplotter::describe(cohorts->chart(), 0))
                    .hasMatch());

        if (!qEnvironmentVariableIsEmpty("HANDOFF_SCREENSHOT"))
            view.grab().save(qEnvironmentVariable("HANDOFF_SCREENSHOT"));
    }
};

QTEST_MAIN(TestDashboardView)
#include "tst_dashboardview.moc"
