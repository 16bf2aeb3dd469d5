#include <QDockWidget>
#include <QLabel>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include "console.h"
#include "demogenerator.h"
#include "mainwindow.h"
#include "queuepanel.h"
#include "testdatabase.h"

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void clickingALeadExplainsItsScore()
    {
        TestDatabase t;
        DemoGenerator(t.db(), {500, 9, 0, 26}).run();
        Console console(t.path());
        MainWindow window(console);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *interest = window.findChild<QueuePanel *>(QStringLiteral("interestQueue"));
        QVERIFY(interest);
        QTableView *view = interest->view();
        QVERIFY(view->model()->rowCount() > 0);
        const QModelIndex second = view->model()->index(1, InterestQueueModel::LeadName);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(second).center());

        auto *heading = window.findChild<QLabel *>(QStringLiteral("leadHeading"));
        QVERIFY(heading);
        QTRY_VERIFY(heading->text().startsWith(second.data().toString()));
        auto *breakdown = window.findChild<QTreeWidget *>(QStringLiteral("scoreBreakdown"));
        QVERIFY(breakdown);
        QCOMPARE(breakdown->topLevelItemCount(), 3); // fit, engagement, total
        const QString total = breakdown->topLevelItem(2)->text(1);
        const QString score = view->model()->index(1, InterestQueueModel::Score).data().toString();
        QCOMPARE(total.toDouble(), score.toDouble());

        // Both queues are on screen, their counts in the dock titles.
        const QList<QDockWidget *> docks = window.findChildren<QDockWidget *>();
        QCOMPARE(docks.size(), 2);
        for (QDockWidget *dock : docks) {
            QVERIFY(dock->isVisible());
            QVERIFY(dock->windowTitle().contains(QLatin1Char('(')));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
