// The backtest panel on undated history (a CRM export without dates): its figures on final
// scores are what the panel shows, not a chart of empty weeks; beside dated history, both
// parts are shown, each labelled.

#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

#include "io/leadimporter.h"
#include "queues/console.h"
#include "scoring/draftdocument.h"
#include "scoring/tuningdata.h"
#include "scriptedprompter.h"
#include "testdatabase.h"
#include "ui/backtestpanel.h"
#include "ui/tuningworkspace.h"

using namespace handoff;

class TestBacktestPanel : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_t;
    QTemporaryDir m_dir;

    // Pictures go to the test's folder, or to HANDOFF_TEST_SHOTS to look at them.
    QString shot(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("HANDOFF_TEST_SHOTS", m_dir.path());
        return dir + QLatin1Char('/') + name;
    }

private slots:
    // 30 leads from a file without dates: 10 at opportunity (converted) with 6 to 9 visits,
    // 20 still leads with 0 to 3; their creation, outcome and visits are all undated.
    void initTestCase()
    {
        QByteArray csv = "Email,Lifecycle Stage,TotalVisits\n";
        for (int i = 0; i < 30; ++i) {
            const bool converted = i < 10;
            csv += QStringLiteral("lead%1@x.example,%2,%3\n")
                       .arg(i)
                       .arg(converted ? QStringLiteral("opportunity") : QStringLiteral("lead"))
                       .arg(converted ? 6 + i % 4 : i % 4)
                       .toUtf8();
        }
        const QString path = m_dir.filePath(QStringLiteral("undated.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv);
        file.close();
        LeadImporter importer(m_t.db(), path);
        QString error;
        importer.open({});
        const qint64 imported = QDateTime::currentSecsSinceEpoch() - 86400;
        QCOMPARE(
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("t"), imported).created,
            30);
    }

    void onlyUndatedHistoryShowsItsFinalScoreFigures()
    {
        Console console(m_t.path());
        console.setProfile({0, QStringLiteral("Mia"), Profile::Role::Marketing});
        ScriptedPrompter prompter;
        TuningWorkspace w(console, prompter);
        QTRY_VERIFY_WITH_TIMEOUT(w.isLoaded(), 20000);
        // The draft counts undated visits in full (they do not fade) and without a cap, so
        // its final score ranks every converted lead (6+ visits) above the rest (3 at most).
        w.document()->setActivityDecays(QStringLiteral("site_visit"), false);
        w.document()->setActivityCap(QStringLiteral("site_visit"), std::nullopt);
        w.document()->setActivityPoints(QStringLiteral("site_visit"), 5);
        const ScoringModel draft = w.document()->model();
        QSignalSpy finished(&w, &TuningWorkspace::backtestFinished);
        w.runBacktest(26);
        QVERIFY(finished.wait(60000));

        BacktestPanel *panel = w.backtestPanel();
        QTableWidget *table = panel->table();
        // Nothing dated: the replayed columns and the weekly chart give way.
        QVERIFY(table->isColumnHidden(BacktestPanel::LiveReplayed));
        QVERIFY(table->isColumnHidden(BacktestPanel::DraftReplayed));
        QVERIFY(!table->isColumnHidden(BacktestPanel::LiveUndated));
        QVERIFY(!table->isColumnHidden(BacktestPanel::DraftUndated));
        QVERIFY(panel->weeksChart()->isHidden());
        QVERIFY(!panel->undatedSummary()->isHidden());
        QCOMPARE(table->item(0, BacktestPanel::LiveUndated)->text(), QStringLiteral("30"));
        QCOMPARE(table->item(1, BacktestPanel::LiveUndated)->text(), QStringLiteral("10"));
        QCOMPARE(table->item(5, BacktestPanel::DraftUndated)->text(), QStringLiteral("1.000"));
        // Under the live model every visit fades to nothing: all score the same, so the
        // score ranks nobody (not by the traces 1970 would leave).
        QCOMPARE(table->item(5, BacktestPanel::LiveUndated)->text(), QStringLiteral("0.500"));

        // The figures are the backtest's, for both models.
        const auto data = TuningData::load(m_t.path(), console.now());
        const Backtest backtest(data->engine.leads(), data->engine.catalogue(), data->outcomes,
                                data->timeline);
        BacktestOptions options;
        options.now = console.now();
        const BacktestFigures live = backtest.run(data->engine.scores(), options);
        const BacktestFigures drafted = backtest.run(draft, data->engine.scores(), options);
        QCOMPARE(drafted.undated.auc.value(), 1.0);
        QCOMPARE(table->item(2, BacktestPanel::LiveUndated)->text(),
                 QString::number(live.undated.mqls));
        QCOMPARE(table->item(2, BacktestPanel::DraftUndated)->text(),
                 QString::number(drafted.undated.mqls));
        const QString summary = panel->undatedSummary()->text();
        QVERIFY2(summary.contains(QStringLiteral("30 leads with a known outcome, 10 became SQL")),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Draft: ROC AUC 1.000")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("cannot be replayed in time")),
                 qPrintable(summary));
        // The live model's visits fade: said, with how many add nothing (the draft's do not).
        QVERIFY(live.undated.fadedActivities > 0);
        QVERIFY2(summary.contains(
                     QStringLiteral("%1 (live) and 0 (draft)").arg(live.undated.fadedActivities)),
                 qPrintable(summary));

        w.findChild<QTabWidget *>(QStringLiteral("tuningTabs"))->setCurrentWidget(panel);
        for (const QSize size : {QSize(1920, 1080), QSize(1280, 720)}) {
            w.resize(size);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(
                w.grab().save(shot(QStringLiteral("backtest-undated-%1.png").arg(size.width()))));
        }
    }

    void datedAndUndatedAreShownApart()
    {
        BacktestFigures live;
        live.leads = 40;
        live.converted = 12;
        live.mqls = 10;
        live.auc = 0.8;
        live.weeks = {{QDate(2026, 6, 1), 4, 2}, {QDate(2026, 6, 8), 6, 3}};
        live.undated.leads = 7;
        live.undated.converted = 3;
        live.undated.mqls = 3;
        live.undated.auc = 6.5 / 12;
        BacktestFigures draft = live;
        draft.undated.mqls = 4;
        BacktestPanel panel;
        panel.resize(900, 700);
        panel.showFigures(live, draft);
        QTableWidget *table = panel.table();
        for (int c = 0; c < BacktestPanel::ColumnCount; ++c)
            QVERIFY(!table->isColumnHidden(c));
        // Each column says which part it is.
        QVERIFY(table->horizontalHeaderItem(BacktestPanel::LiveReplayed)
                    ->text()
                    .contains(QStringLiteral("replayed")));
        QVERIFY(table->horizontalHeaderItem(BacktestPanel::DraftUndated)
                    ->text()
                    .contains(QStringLiteral("undated")));
        QCOMPARE(table->item(0, BacktestPanel::LiveReplayed)->text(), QStringLiteral("40"));
        QCOMPARE(table->item(0, BacktestPanel::LiveUndated)->text(), QStringLiteral("7"));
        QCOMPARE(table->item(2, BacktestPanel::DraftUndated)->text(), QStringLiteral("4"));
        QCOMPARE(table->item(5, BacktestPanel::LiveUndated)->text(), QStringLiteral("0.542"));
        QVERIFY(!panel.weeksChart()->isHidden());
        QVERIFY(!panel.undatedSummary()->isHidden());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.grab().save(shot(QStringLiteral("backtest-mixed.png"))));

        // Dated history alone: no undated columns, no summary.
        live.undated = {};
        draft.undated = {};
        panel.showFigures(live, draft);
        QVERIFY(table->isColumnHidden(BacktestPanel::LiveUndated));
        QVERIFY(panel.undatedSummary()->isHidden());
        QVERIFY(!panel.weeksChart()->isHidden());
    }

    // The legend sits in a row of its own above each chart, never over the peaks, and a
    // proposal under review is named as such.
    void theLegendHidesNothing()
    {
        BacktestFigures live;
        live.leads = 40;
        live.mqls = 10;
        live.weeks = {{QDate(2026, 6, 1), 4, 2}, {QDate(2026, 6, 8), 16, 3}};
        for (int i = 0; i < 10; ++i) {
            BacktestFigures::Decile d;
            d.leads = 4;
            d.lift = 3.0 / (i + 1);
            live.deciles.append(d);
        }
        BacktestFigures draft = live;
        BacktestPanel panel;
        panel.resize(1280, 720);
        panel.showFigures(live, draft, QStringLiteral("Proposal 7"));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        for (QCustomPlot *plot : {panel.weeksChart(), panel.liftChart()}) {
            plot->replot();
            QVERIFY(plot->legend->visible());
            const QRect legend = plot->legend->outerRect();
            const QRect axes = plot->axisRect()->rect();
            QVERIFY2(!legend.intersects(axes), qPrintable(plot->objectName()));
        }
        QVERIFY(panel.table()
                    ->horizontalHeaderItem(BacktestPanel::DraftReplayed)
                    ->text()
                    .contains(QStringLiteral("Proposal 7")));
        QVERIFY(panel.grab().save(shot(QStringLiteral("backtest-legend.png"))));
    }
};

QTEST_MAIN(TestBacktestPanel)
#include "tst_backtestpanel.moc"
