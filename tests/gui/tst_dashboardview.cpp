// The dashboard on a demo database: the charts fill in from the worker thread, a filter
// recomputes them, and a chart saves as PNG and PDF.

#include <QComboBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include "chartpanel.h"
#include "dashboardview.h"
#include "database.h"
#include "demogenerator.h"

class TestDashboardView : public QObject
{
    Q_OBJECT

private slots:
    void showsTheChartsAndFilters()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        {
            Database db(path);
            DemoOptions options;
            options.leads = 1500;
            options.weeks = 8;
            DemoGenerator(db, options).run();
        }
        DashboardView view(path);
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
        if (!qEnvironmentVariableIsEmpty("HANDOFF_SCREENSHOT"))
            view.grab().save(qEnvironmentVariable("HANDOFF_SCREENSHOT"));
    }
};

QTEST_MAIN(TestDashboardView)
#include "tst_dashboardview.moc"
