#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>

#include "demo/demogenerator.h"
#include "doubledmodel.h"
#include "queues/console.h"
#include "queues/handoffactions.h"
#include "queues/queuesortproxy.h"
#include "scoring/draftdocument.h"
#include "scoring/modelversions.h"
#include "scriptedprompter.h"
#include "store/activityrepository.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/transaction.h"
#include "testdatabase.h"
#include "ui/appsettings.h"
#include "ui/databaseactions.h"
#include "ui/fileactions.h"
#include "ui/leadfinder.h"
#include "ui/leadpanel.h"
#include "ui/mainwindow.h"
#include "ui/notificationbanner.h"
#include "ui/profiledialog.h"
#include "ui/queuepanel.h"
#include "ui/salesactions.h"
#include "ui/tuningworkspace.h"

using namespace handoff;

// One console window on a database, as someone at a desk sees it.
struct Desk
{
    Desk(const QString &db, const QString &settingsFile, const QString &who, Profile::Role role)
        : console(db)
        , settings(settingsFile)
    {
        prompter.profile = Profile{0, who, role};
        window = std::make_unique<MainWindow>(console, settings, prompter);
        window->show();
        window->ensureProfile();
    }

    QTableView *salesView() const { return window->salesPanel()->view(); }
    QTableView *interestView() const { return window->interestPanel()->view(); }

    // Selects the sales row of the given lead; false when it is not there.
    bool select(qint64 leadId) { return window->salesPanel()->selectLead(leadId); }

    Console console;
    AppSettings settings;
    ScriptedPrompter prompter;
    std::unique_ptr<MainWindow> window;
};

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestDatabases m_databases{m_dir}; // files, or on the test server in its run
    QString m_db;
    int m_settingsCount = 0;

    QString freshSettings()
    {
        return m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_settingsCount));
    }

    static qint64 firstUnclaimed(Desk &desk)
    {
        QAbstractItemModel *model = desk.salesView()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(SalesQueueModel::ClaimedByRole).toString().isEmpty())
                return index.data(SalesQueueModel::LeadIdRole).toLongLong();
        }
        return 0;
    }

    // Sales actions are written off the GUI thread: wait until the desk's action is done.
    static bool settled(Desk &desk)
    {
        return QTest::qWaitFor([&] { return !desk.window->salesActions()->isBusy(); }, 10000);
    }

    static QString claimedBy(Desk &desk, qint64 leadId)
    {
        const auto h = desk.console.openHandoffFor(leadId);
        return h ? h->claimedBy : QStringLiteral("<not open>");
    }

    // For looking at it: HANDOFF_SCREENSHOT_DIR=/tmp/shots tst_mainwindow
    void keepPicture(QWidget *widget, const QString &name) const
    {
        const QPixmap picture = widget->grab();
        picture.save(m_dir.filePath(name));
        if (qEnvironmentVariableIsSet("HANDOFF_SCREENSHOT_DIR"))
            picture.save(qEnvironmentVariable("HANDOFF_SCREENSHOT_DIR") + QLatin1Char('/') + name);
    }

private slots:
    void init()
    {
        m_db = m_databases.make(QStringLiteral("console-%1").arg(++m_settingsCount));
        Database db(m_db);
        DemoGenerator(db, {600, 9, 0, 26}).run();
    }

    // An existing profile shows its own role, a sales manager's too, not the default.
    void theProfileDialogShowsTheChosenProfilesRole()
    {
        const QList<Profile> profiles = {{1, QStringLiteral("Maya"), Profile::Role::Marketing},
                                         {2, QStringLiteral("Lee"), Profile::Role::SalesManager}};
        ProfileDialog dialog(profiles, QStringLiteral("Lee"));
        auto *role = dialog.findChild<QComboBox *>(QStringLiteral("profileRole"));
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("profileName"));
        auto *existing = dialog.findChild<QComboBox *>(QStringLiteral("profileExisting"));
        QCOMPARE(role->currentText(), Profile::roleLabel(Profile::Role::SalesManager));
        QCOMPARE(name->text(), QStringLiteral("Lee"));
        existing->setCurrentIndex(1);
        QCOMPARE(role->currentText(), Profile::roleLabel(Profile::Role::Marketing));
        existing->setCurrentIndex(0); // a new one: the name is typed afresh
        QVERIFY(name->isEnabled());
        QCOMPARE(dialog.profile().role, Profile::Role::Marketing);
    }

    // A lead above the threshold that sales sent back sits in the interest queue marked as
    // such; the dock's title says how many, and one click shows only them.
    void leadsSalesRejectedAreMarkedInTheInterestQueue()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        desk.window->resize(1280, 720);
        QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
        const double threshold = desk.console.engine().scores().model().mqlThreshold;
        std::optional<Handoff> mql; // an unclaimed lead above the threshold
        const ScoringEngine &engine = desk.console.engine();
        for (const Handoff &h : HandoffRepository(desk.console.database().connection()).openAll()) {
            const auto row = engine.leads().rowOf(h.leadId);
            if (h.claimedBy.isEmpty() && row && engine.scores().score(*row) >= threshold)
                mql = h;
        }
        QVERIFY(mql);
        {
            HandoffActions sam(desk.console.database(),
                               {0, QStringLiteral("Sam"), Profile::Role::Sales});
            sam.claim(mql->id, desk.console.now());
            sam.reject(mql->id, QStringLiteral("No budget"), QStringLiteral("maybe next year"),
                       desk.console.now());
        }
        desk.console.refresh(true);
        auto *dock = desk.window->findChild<QDockWidget *>(QStringLiteral("interestDock"));
        QTRY_VERIFY2(dock->windowTitle().contains(QStringLiteral("rejected by sales")),
                     qPrintable(dock->windowTitle()));
        auto *only = desk.window->findChild<QAction *>(QStringLiteral("rejectedOnlyAction"));
        QVERIFY(only);
        only->trigger();
        QTableView *view = desk.interestView();
        QCOMPARE(view->model()->rowCount(), desk.console.interestQueue()->rejectedCount());
        QVERIFY(view->model()->rowCount() >= 1);
        bool found = false;
        for (int row = 0; row < view->model()->rowCount(); ++row)
            found =
                found ||
                view->model()->index(row, 0).data(InterestQueueModel::LeadIdRole).toLongLong() ==
                    mql->leadId;
        QVERIFY(found);
        keepPicture(desk.window.get(), QStringLiteral("interest-rejected-1280.png"));
        only->trigger();
        QCOMPARE(view->model()->rowCount(), desk.console.interestQueue()->rowCount());
    }

    void showsBothQueuesAndExplainsTheSelectedLead()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
        QTableView *view = desk.interestView();
        QVERIFY(view->model()->rowCount() > 0);
        const QModelIndex second = view->model()->index(1, InterestQueueModel::LeadName);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(second).center());
        auto *heading = desk.window->findChild<QLabel *>(QStringLiteral("leadHeading"));
        QTRY_VERIFY(heading->text().startsWith(second.data().toString()));
        auto *breakdown = desk.window->findChild<QTreeWidget *>(QStringLiteral("scoreBreakdown"));
        QCOMPARE(breakdown->topLevelItemCount(), 3); // fit, engagement, total
        const double total = breakdown->topLevelItem(2)->text(1).toDouble();
        QCOMPARE(total,
                 view->model()->index(1, InterestQueueModel::Score).data().toString().toDouble());
        // The Note column is in view, not cut off behind a long rule.
        QHeaderView *breakdownHeader = breakdown->header();
        QVERIFY2(breakdownHeader->sectionViewportPosition(3) + breakdownHeader->sectionSize(3) <=
                     breakdown->viewport()->width(),
                 qPrintable(QStringLiteral("%1 + %2 > %3")
                                .arg(breakdownHeader->sectionViewportPosition(3))
                                .arg(breakdownHeader->sectionSize(3))
                                .arg(breakdown->viewport()->width())));
        const QList<QDockWidget *> docks = desk.window->findChildren<QDockWidget *>();
        QCOMPARE(docks.size(), 2);
        for (QDockWidget *dock : docks)
            QVERIFY(dock->isVisible() && dock->windowTitle().contains(QLatin1Char('(')));
        // Marketing does not claim.
        QVERIFY(!desk.window->salesActions()->claimAction()->isEnabled());
    }

    void aRepClaimsByMouseAndByShortcut()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Sam"), Profile::Role::Sales);
        const qint64 first = firstUnclaimed(desk);
        QVERIFY(first);
        QVERIFY(desk.select(first));
        QToolBar *toolbar = desk.window->salesPanel()->findChild<QToolBar *>();
        QWidget *button = toolbar->widgetForAction(desk.window->salesActions()->claimAction());
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(settled(desk));
        QCOMPARE(claimedBy(desk, first), QStringLiteral("Sam"));
        // On to the next lead to work (issue 13): claimable; the one claimed is not.
        QVERIFY(desk.window->salesPanel()->currentLeadId() != first);
        QVERIFY(desk.select(first));
        QVERIFY(!desk.window->salesActions()->claimAction()->isEnabled());

        const qint64 second = firstUnclaimed(desk);
        QVERIFY(second && second != first);
        QVERIFY(desk.select(second));
        desk.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
        desk.salesView()->setFocus();
        QTest::keyClick(desk.salesView(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(settled(desk));
        QCOMPARE(claimedBy(desk, second), QStringLiteral("Sam"));
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    void twoConsolesRaceForOneLeadAndOneWins()
    {
        Desk sam(m_db, freshSettings(), QStringLiteral("Sam"), Profile::Role::Sales);
        Desk alex(m_db, freshSettings(), QStringLiteral("Alex"), Profile::Role::Sales);
        const qint64 lead = firstUnclaimed(sam);
        QVERIFY(sam.select(lead));
        QVERIFY(alex.select(lead));
        // Both see it unclaimed and press Claim, Sam a moment sooner.
        QVERIFY(alex.window->salesActions()->claimAction()->isEnabled());
        if (m_databases.onServer()) {
            // A server pushes Sam's claim to Alex's console at once, which would take Alex's
            // Claim away before the race: another program holds the handoff's row while both
            // press, Sam first.
            Database other(m_db);
            Transaction holding(other.connection());
            QSqlQuery row(other.connection());
            QVERIFY(row.exec(QStringLiteral("SELECT id FROM handoffs WHERE lead_id = %1 AND "
                                            "outcome IS NULL FOR UPDATE")
                                 .arg(lead)));
            QSignalSpy samWaits(sam.window->salesActions(), &SalesActions::done);
            QSignalSpy alexWaits(alex.window->salesActions(), &SalesActions::done);
            sam.window->salesActions()->claimAction()->trigger();
            QTRY_VERIFY(!samWaits.isEmpty()); // Sam's claim waits at the server
            alex.window->salesActions()->claimAction()->trigger();
            QTRY_VERIFY(!alexWaits.isEmpty());
            holding.commit();
            QVERIFY(settled(sam));
        } else {
            sam.window->salesActions()->claimAction()->trigger();
            QVERIFY(settled(sam));
            alex.window->salesActions()->claimAction()->trigger();
        }
        QVERIFY(settled(alex));
        // One wins. On a file, the first to press; on a server the row was held by another
        // program while both pressed, and a claim meeting a busy row tries again once it is
        // free, so either may (claims skip a busy row: HandoffRepository::claim).
        const QString winner = claimedBy(sam, lead);
        if (!m_databases.onServer())
            QCOMPARE(winner, QStringLiteral("Sam"));
        QVERIFY2(winner == QStringLiteral("Sam") || winner == QStringLiteral("Alex"),
                 qPrintable(winner));
        Desk &won = winner == QStringLiteral("Sam") ? sam : alex;
        Desk &lost = winner == QStringLiteral("Sam") ? alex : sam;
        QVERIFY(won.prompter.errors.isEmpty());
        QCOMPARE(lost.prompter.errors.size(), 1);
        QVERIFY2(lost.prompter.errors.first().contains(winner +
                                                       QStringLiteral(" claimed this lead first")),
                 qPrintable(lost.prompter.errors.first()));
        // The losing console now shows who has it.
        QCOMPARE(claimedBy(lost, lead), winner);
        const auto row = lost.console.salesQueue()->rowOfLead(lead);
        QVERIFY(row);
        QCOMPARE(
            lost.console.salesQueue()->index(*row, SalesQueueModel::ClaimedBy).data().toString(),
            winner);
    }

    // A rep looking at a hand-raiser sees it claimed at another desk without touching
    // anything: the lead itself did not change, only its handoff.
    void theLeadPanelFollowsAClaimMadeAtAnotherDesk()
    {
        Desk sam(m_db, freshSettings(), QStringLiteral("Sam"), Profile::Role::Sales);
        Desk alex(m_db, freshSettings(), QStringLiteral("Alex"), Profile::Role::Sales);
        const qint64 lead = firstUnclaimed(sam);
        QVERIFY(alex.select(lead));
        auto *summary = alex.window->findChild<QLabel *>(QStringLiteral("leadSummary"));
        QVERIFY(summary);
        QVERIFY2(summary->text().contains(QStringLiteral("With sales, unclaimed")),
                 qPrintable(summary->text()));
        // Alex is typing the lead's goals meanwhile: the claim does not interrupt him.
        auto *goals = alex.window->findChild<QPlainTextEdit *>(QStringLiteral("goals"));
        QVERIFY(goals);
        goals->setPlainText(QStringLiteral("Wants a pilot"));
        QTextCursor cursor = goals->textCursor();
        cursor.setPosition(5);
        goals->setTextCursor(cursor);
        QVERIFY(sam.select(lead));
        sam.window->salesActions()->claimAction()->trigger();
        QVERIFY(settled(sam));
        alex.console.refresh(); // what the watch or the server's push brings
        QTRY_VERIFY2(summary->text().contains(QStringLiteral("With sales, claimed by Sam")),
                     qPrintable(summary->text()));
        QCOMPARE(alex.window->leadPanel()->leadId(), lead);
        QCOMPARE(goals->toPlainText(), QStringLiteral("Wants a pilot"));
        QCOMPARE(goals->textCursor().position(), 5);
    }

    void rejectingWithAReasonSendsTheLeadBackToNurture()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Sam"), Profile::Role::Sales);
        const qint64 lead = firstUnclaimed(desk);
        QVERIFY(desk.select(lead));
        desk.window->salesActions()->claimAction()->trigger();
        QVERIFY(settled(desk));
        QVERIFY(desk.select(lead)); // the claim moved on to the next lead to work
        QVERIFY(desk.window->salesActions()->rejectAction()->isEnabled());
        desk.prompter.reject =
            RejectChoice{QStringLiteral("No budget"), QStringLiteral("next fiscal year")};
        desk.window->salesActions()->rejectAction()->trigger();
        QVERIFY(settled(desk));
        QVERIFY(desk.prompter.errors.isEmpty());
        QVERIFY(!desk.console.salesQueue()->rowOfLead(lead));
        QVERIFY(desk.console.interestQueue()->rowOfLead(lead));
        const auto history =
            LeadRepository(desk.console.database().connection()).stageHistory(lead);
        QCOMPARE(history.last().to, Stage::Recycled);
        QCOMPARE(history.last().reason, QStringLiteral("No budget: next fiscal year"));
        QCOMPARE(history.last().changedBy, QStringLiteral("Sam"));
    }

    // Another program holds the write lock (a long import): the claim waits for it off the
    // GUI thread, the window keeps answering and says it is waiting, and the claim lands.
    void aClaimWaitingForTheDatabaseDoesNotFreezeTheWindow()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Sam"), Profile::Role::Sales);
        const qint64 lead = firstUnclaimed(desk);
        QVERIFY(desk.select(lead));
        QSignalSpy messages(desk.window->salesActions(), &SalesActions::done);
        auto importer = std::make_unique<Database>(m_db);
        auto lock = std::make_unique<Transaction>(importer->connection());
        // A server has no lock on the whole database: the other program holds the row.
        if (m_databases.onServer()) {
            QSqlQuery row(importer->connection());
            QVERIFY(row.exec(QStringLiteral("SELECT id FROM handoffs WHERE lead_id = %1 AND "
                                            "outcome IS NULL FOR UPDATE")
                                 .arg(lead)));
            QVERIFY(row.next());
        }

        desk.window->salesActions()->claimAction()->trigger();
        // The event loop runs meanwhile: timers fire, the window repaints.
        int ticks = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, [&] { ++ticks; });
        tick.start(50);
        QTRY_VERIFY(!messages.isEmpty());
        QVERIFY(messages.last().first().toString().contains(QStringLiteral("Waiting")));
        QVERIFY(desk.window->salesActions()->isBusy());
        QVERIFY(!desk.window->salesActions()->claimAction()->isEnabled());
        QVERIFY(ticks > 2);

        lock->commit(); // the import is done
        lock.reset();
        QVERIFY(settled(desk));
        QCOMPARE(claimedBy(desk, lead), QStringLiteral("Sam"));
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    // File > Check the database and File > Back up the database, while the console works.
    void checkAndBackUpFromTheFileMenu()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        DatabaseActions *actions = desk.window->databaseActions();
        actions->checkAction()->trigger();
        QTRY_COMPARE(desk.prompter.reports.size(), 1);
        QVERIFY2(desk.prompter.reports.first().summary.contains(QStringLiteral("No problems")),
                 qPrintable(desk.prompter.reports.first().summary));
        QVERIFY(desk.prompter.reports.first().details.contains(QStringLiteral("open handoff")));
        if (m_databases.onServer()) {
            // Backed up by whoever runs the server, and the action says so.
            QVERIFY(!actions->backupAction()->isEnabled());
            QVERIFY(actions->backupAction()->toolTip().contains(QStringLiteral("pg_dump")));
            return;
        }
        QVERIFY(desk.prompter.reports.first().details.contains(QStringLiteral("foreign keys")));

        const QString copy = m_dir.filePath(QStringLiteral("backup-from-menu.sqlite"));
        desk.prompter.newFile = copy;
        actions->backupAction()->trigger();
        QTRY_VERIFY(!actions->isBusy());
        QVERIFY2(desk.prompter.errors.isEmpty(), qPrintable(desk.prompter.errors.join(u'\n')));
        Database backup(copy, Database::Open::ReadOnly);
        QCOMPARE(LeadRepository(backup.connection()).count(),
                 LeadRepository(desk.console.database().connection()).count());

        // A second backup to the same file is refused and says why.
        actions->backupAction()->trigger();
        QTRY_VERIFY(!actions->isBusy());
        QCOMPARE(desk.prompter.errors.size(), 1);
        QVERIFY(desk.prompter.errors.first().contains(QStringLiteral("already exists")));
    }

    void aLeadCrossingTheThresholdReachesSalesWithANotice()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        // A nurtured lead below the threshold, from the bottom of the interest queue.
        InterestQueueModel *interest = desk.console.interestQueue();
        qint64 lead = 0;
        for (int row = 0; row < interest->rowCount() && !lead; ++row) {
            if (!interest->index(row, 0).data(InterestQueueModel::AboveThresholdRole).toBool())
                lead = interest->leadIdAt(row);
        }
        QVERIFY(lead);
        QVERIFY(!desk.console.salesQueue()->rowOfLead(lead));
        // Another writer records a burst of engagement for it.
        {
            Database other(m_db);
            ActivityRepository activities(other.connection());
            for (const char *type :
                 {"webinar_attended", "webinar_attended", "webinar_attended", "pricing_page_view",
                  "pricing_page_view", "pricing_page_view", "pricing_page_view",
                  "whitepaper_download", "whitepaper_download", "whitepaper_download",
                  "form_submit", "form_submit", "form_submit"})
                activities.insert({0,
                                   lead,
                                   activityTypeId(other, QString::fromLatin1(type)),
                                   desk.console.now(),
                                   {},
                                   {}});
        }
        desk.console.refresh();
        const auto row = desk.console.salesQueue()->rowOfLead(lead);
        QVERIFY(row);
        QCOMPARE(
            desk.console.salesQueue()->index(*row, SalesQueueModel::AskedFor).data().toString(),
            QStringLiteral("Crossed the MQL threshold"));
        // The notice follows once the window has the wave of this refresh together.
        QTRY_VERIFY(desk.window->banner()->isVisible());
        QVERIFY(
            desk.window->banner()->message().contains(QStringLiteral("crossed the MQL threshold")));
        QCOMPARE(LeadRepository(desk.console.database().connection()).find(lead)->stage,
                 Stage::Mql);
    }

    void aHandRaiseFromElsewhereShowsUpWithinTheWatchInterval()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Sam"), Profile::Role::Sales);
        desk.console.watch(200);
        InterestQueueModel *interest = desk.console.interestQueue();
        const qint64 lead = interest->leadIdAt(interest->rowCount() - 1);
        // Keep the user's place: select a row in the interest queue first.
        QVERIFY(desk.window->interestPanel()->selectLead(interest->leadIdAt(3)));
        const qint64 selected = desk.window->interestPanel()->currentLeadId();
        {
            Database other(m_db);
            ActivityRepository(other.connection())
                .insert({0,
                         lead,
                         activityTypeId(other, QStringLiteral("demo_request")),
                         desk.console.now(),
                         {},
                         {}});
        }
        QTRY_VERIFY_WITH_TIMEOUT(desk.console.salesQueue()->rowOfLead(lead).has_value(), 2000);
        // The notice follows once the window has the wave of this refresh together (a slow,
        // sanitized build can show the row a moment before it).
        QTRY_VERIFY(desk.window->banner()->message().contains(QStringLiteral("raised a hand")));
        QCOMPARE(desk.window->interestPanel()->currentLeadId(), selected);
        QVERIFY(!desk.console.interestQueue()->rowOfLead(lead));
    }

    // Another console takes live a version with another half-life: this window keeps working
    // while every activity is counted again, says so, then says the version is live.
    void aNewHalfLifeIsTakenOnWhileTheWindowWorks()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        QSignalSpy modelChanged(&desk.console, &Console::modelChanged);
        const ModelRecord version = takeSlowerFadingLive(m_db, desk.console.now(), 2);
        desk.console.refresh();
        QVERIFY2(desk.window->statusBar()->currentMessage().contains(
                     QStringLiteral("counting every activity again")),
                 qPrintable(desk.window->statusBar()->currentMessage()));
        QTRY_COMPARE_WITH_TIMEOUT(modelChanged.size(), 1, 20000);
        QCOMPARE(*desk.console.engine().liveModelId(), version.id);
        QVERIFY2(desk.window->statusBar()->currentMessage().contains(
                     QStringLiteral("version %1 is live").arg(version.id)),
                 qPrintable(desk.window->statusBar()->currentMessage()));
        keepPicture(desk.window.get(), QStringLiteral("rescored.png"));
    }

    void searchFiltersTheInterestQueue()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        QueuePanel *panel = desk.window->interestPanel();
        const int all = panel->view()->model()->rowCount();
        const QString name =
            panel->view()->model()->index(0, InterestQueueModel::LeadName).data().toString();
        QTest::keyClicks(panel->searchField(), name);
        QTRY_VERIFY(panel->view()->model()->rowCount() < all);
        for (int row = 0; row < panel->view()->model()->rowCount(); ++row) {
            const QModelIndex index = panel->view()->model()->index(row, 0);
            QVERIFY(desk.console.lead(index.data(InterestQueueModel::LeadIdRole).toLongLong())
                            ->displayName() == name ||
                    panel->view()
                        ->model()
                        ->index(row, InterestQueueModel::Company)
                        .data()
                        .toString()
                        .contains(name) ||
                    panel->view()
                        ->model()
                        ->index(row, InterestQueueModel::Title)
                        .data()
                        .toString()
                        .contains(name));
        }
        panel->searchField()->clear();
        QTRY_COMPARE(panel->view()->model()->rowCount(), all);
    }

    // What a CRM export gives to find a lead by: its id and its e-mail address.
    void theSearchFindsALeadByExternalIdAndByEmail()
    {
        Lead bare; // an export with ids only
        bare.externalId = QStringLiteral("0035e00000Bare01");
        bare.createdAt = QDateTime::currentSecsSinceEpoch();
        const qint64 bareId = [&] {
            Database db(m_db);
            return LeadRepository(db.connection()).insert(bare);
        }();
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        QueuePanel *panel = desk.window->interestPanel();
        QAbstractItemModel *shown = panel->view()->model();
        const int all = shown->rowCount();
        const auto leadAt = [&](int row) {
            return shown->index(row, 0).data(InterestQueueModel::LeadIdRole).toLongLong();
        };
        // Types into the search box, as a person does, and waits for the filter to apply.
        const auto search = [&](const QString &text) {
            panel->searchField()->clear();
            QTest::keyClicks(panel->searchField(), text);
            return QTest::qWaitFor(
                [&] { return panel->proxy()->searchText() == text.toCaseFolded(); });
        };
        // Pick a named lead whose id is a part of no other (DEMO-0000123, not DEMO-0000012).
        qint64 named = 0;
        for (int row = 0; row < all && !named; ++row) {
            if (leadAt(row) >= 100 && leadAt(row) != bareId)
                named = leadAt(row);
        }
        QVERIFY(named);
        const Lead lead = *desk.console.lead(named);

        QVERIFY(search(lead.externalId.toLower()));
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(leadAt(0), named);
        QCOMPARE(shown->index(0, InterestQueueModel::LeadName).data().toString(),
                 lead.displayName());

        QVERIFY(search(lead.email.toUpper()));
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(leadAt(0), named);

        // The lead with no name and no e-mail shows its id, and is found by a part of it.
        QVERIFY(search(QStringLiteral("e00000bare")));
        QCOMPARE(shown->rowCount(), 1);
        QCOMPARE(leadAt(0), bareId);
        QCOMPARE(shown->index(0, InterestQueueModel::LeadName).data().toString(), bare.externalId);
        QVERIFY(panel->selectLead(bareId));
        auto *heading = desk.window->findChild<QLabel *>(QStringLiteral("leadHeading"));
        QVERIFY2(heading->text().startsWith(bare.externalId), qPrintable(heading->text()));
        panel->searchField()->clear();
        QTRY_COMPARE(shown->rowCount(), all);
    }

    // Lead > Find lead opens a lead by id, e-mail or number, in a queue or in none.
    void findLeadOpensALeadInNoQueue()
    {
        Lead won;
        won.externalId = QStringLiteral("SF-0061x00000Won");
        won.firstName = QStringLiteral("Wanda");
        won.lastName = QStringLiteral("Winner");
        won.email = QStringLiteral("wanda@won.example");
        won.company = QStringLiteral("Closed Deals Ltd");
        won.stage = Stage::Won;
        won.createdAt = QDateTime::currentSecsSinceEpoch() - 86400;
        const qint64 wonId = [&] {
            Database db(m_db);
            return LeadRepository(db.connection()).insert(won);
        }();
        Desk desk(m_db, freshSettings(), QStringLiteral("Sam"), Profile::Role::Sales);
        QVERIFY(!desk.console.salesQueue()->rowOfLead(wonId));
        QVERIFY(!desk.console.interestQueue()->rowOfLead(wonId));
        auto *find = desk.window->findChild<QAction *>(QStringLiteral("findLeadAction"));
        QVERIFY(find);
        QCOMPARE(find->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        // Working on a queued lead first.
        const qint64 queued = firstUnclaimed(desk);
        QVERIFY(desk.select(queued));

        desk.prompter.lines = {QStringLiteral("  SF-0061x00000Won  ")};
        desk.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
        QTest::keyClick(desk.window.get(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY2(desk.prompter.errors.isEmpty(), qPrintable(desk.prompter.errors.join(u'\n')));
        QCOMPARE(desk.window->leadPanel()->leadId(), wonId);
        auto *heading = desk.window->findChild<QLabel *>(QStringLiteral("leadHeading"));
        // What the lead lacks (here a title) leaves no dangling "at" or separator.
        QCOMPARE(heading->text(), QStringLiteral("Wanda Winner · Closed Deals Ltd"));
        // No queue row claims to be the lead on show, and nothing sales-only applies to it.
        QCOMPARE(desk.window->salesPanel()->currentLeadId(), 0);
        QCOMPARE(desk.window->interestPanel()->currentLeadId(), 0);
        QVERIFY(!desk.window->salesActions()->claimAction()->isEnabled());
        QVERIFY(desk.window->fileActions()->exportPackageAction()->isEnabled());
        desk.window->resize(1280, 720);
        keepPicture(desk.window.get(), QStringLiteral("find-lead-in-no-queue.png"));

        // By its e-mail in another case, and by its number: the same lead.
        desk.window->salesPanel()->selectLead(queued);
        QVERIFY(desk.window->leadFinder()->find(QStringLiteral("WANDA@Won.example")));
        QCOMPARE(desk.window->leadPanel()->leadId(), wonId);
        desk.window->salesPanel()->selectLead(queued);
        QVERIFY(desk.window->leadFinder()->find(QStringLiteral("#%1").arg(wonId)));
        QCOMPARE(desk.window->leadPanel()->leadId(), wonId);

        // An imported lead known only by its CRM id: the id, nothing around it.
        Lead bare;
        bare.externalId = QStringLiteral("7927b2df-8bba-4d29-b9a2-b6e0beafe620");
        bare.createdAt = QDateTime::currentSecsSinceEpoch() - 86400;
        const qint64 bareId = [&] {
            Database db(m_db);
            return LeadRepository(db.connection()).insert(bare);
        }();
        QVERIFY(desk.window->leadFinder()->find(bare.externalId));
        QCOMPARE(desk.window->leadPanel()->leadId(), bareId);
        QCOMPARE(heading->text(), bare.externalId);
        const QString summary =
            desk.window->findChild<QLabel *>(QStringLiteral("leadSummary"))->text();
        QVERIFY2(summary.startsWith(stage::label(Stage::Suspect)) &&
                     !summary.contains(QStringLiteral("()")),
                 qPrintable(summary));

        // A lead in a queue is selected there.
        const qint64 nurtured = desk.console.interestQueue()->leadIdAt(5);
        QVERIFY(desk.window->leadFinder()->find(desk.console.lead(nurtured)->externalId));
        QCOMPARE(desk.window->interestPanel()->currentLeadId(), nurtured);
        QCOMPARE(desk.window->leadPanel()->leadId(), nurtured);
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    // A lead as a CRM exported it ("USA", a typed-in title, a size band): the panel shows
    // what the rules read with what the file said, and the breakdown says the seniority
    // rule matched a seniority derived from the title.
    void theLeadPanelShowsTheRawValueBesideWhatRulesRead()
    {
        Lead lead;
        lead.email = QStringLiteral("ann@acme.example");
        lead.firstName = QStringLiteral("Ann");
        lead.title = QStringLiteral("VP of Marketing");
        lead.country = QStringLiteral("USA");
        lead.companySize = 51;
        lead.companySizeText = QStringLiteral("51-200");
        lead.createdAt = QDateTime::currentSecsSinceEpoch() - 86400;
        const qint64 id = [&] {
            Database db(m_db);
            return LeadRepository(db.connection()).insert(lead);
        }();
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        QVERIFY(desk.window->leadFinder()->find(lead.email));
        QCOMPARE(desk.window->leadPanel()->leadId(), id);
        const QString summary =
            desk.window->findChild<QLabel *>(QStringLiteral("leadSummary"))->text();
        QVERIFY2(
            summary.contains(QStringLiteral("Seniority VP (from the title \"VP of Marketing\")")) &&
                summary.contains(QStringLiteral("Country US (USA)")) &&
                summary.contains(QStringLiteral("Company size 51 (51-200)")),
            qPrintable(summary));
        auto *breakdown = desk.window->findChild<QTreeWidget *>(QStringLiteral("scoreBreakdown"));
        const QList<QTreeWidgetItem *> seniority = breakdown->findItems(
            QStringLiteral("Seniority is one of C-level, VP"), Qt::MatchRecursive);
        QCOMPARE(seniority.size(), 1);
        QCOMPARE(seniority.first()->text(1), QStringLiteral("+20.0"));
        QCOMPARE(seniority.first()->text(2),
                 QStringLiteral("VP (from the title \"VP of Marketing\")"));
        // Said once: the rules that did not match show the value alone.
        const QList<QTreeWidgetItem *> director =
            breakdown->findItems(QStringLiteral("Seniority is Director"), Qt::MatchRecursive);
        QCOMPARE(director.size(), 1);
        QCOMPARE(director.first()->text(2), QStringLiteral("VP"));
        const QList<QTreeWidgetItem *> country = breakdown->findItems(
            QStringLiteral("Country is one of US, GB, DE, CA, NL"), Qt::MatchRecursive);
        QCOMPARE(country.size(), 1);
        QCOMPARE(country.first()->text(2), QStringLiteral("US (USA)"));
        desk.window->leadPanel()->grab().save(QStringLiteral("/tmp/lead-panel-normalised.png"));
    }

    void findLeadSaysSoWhenNothingMatches()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        const qint64 before = desk.console.interestQueue()->leadIdAt(0);
        QVERIFY(desk.window->interestPanel()->selectLead(before));
        LeadFinder *finder = desk.window->leadFinder();

        desk.prompter.lines = {QStringLiteral("nobody@nowhere.example")};
        finder->findAction()->trigger();
        QCOMPARE(desk.prompter.errors.size(), 1);
        QVERIFY2(
            desk.prompter.errors.first().contains(QStringLiteral("No lead has")) &&
                desk.prompter.errors.first().contains(QStringLiteral("nobody@nowhere.example")),
            qPrintable(desk.prompter.errors.first()));
        QCOMPARE(desk.window->leadPanel()->leadId(), before); // still where the user was

        desk.prompter.lines = {QStringLiteral("   ")};
        finder->findAction()->trigger();
        QCOMPARE(desk.prompter.errors.size(), 2);
        QVERIFY2(desk.prompter.errors.last().contains(QStringLiteral("Type a lead number")),
                 qPrintable(desk.prompter.errors.last()));

        finder->findAction()->trigger(); // cancelled: no answer scripted
        QCOMPARE(desk.prompter.errors.size(), 2);
        QCOMPARE(desk.window->leadPanel()->leadId(), before);
    }

    void findLeadLetsTheUserPickWhenSeveralMatch()
    {
        QList<qint64> ids;
        {
            Database db(m_db);
            LeadRepository leads(db.connection());
            for (const char *name : {"Pat One", "Pat Two"}) {
                Lead pat;
                pat.firstName = QString::fromLatin1(name).section(u' ', 0, 0);
                pat.lastName = QString::fromLatin1(name).section(u' ', 1);
                pat.email = ids.isEmpty() ? QStringLiteral("Pat@Shared.example")
                                          : QStringLiteral("pat@shared.example");
                pat.stage = Stage::Lost;
                pat.createdAt = QDateTime::currentSecsSinceEpoch();
                ids.append(leads.insert(pat));
            }
        }
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        LeadFinder *finder = desk.window->leadFinder();
        desk.prompter.choice = 1;
        QVERIFY(finder->find(QStringLiteral("PAT@shared.example")));
        QCOMPARE(desk.prompter.choices.size(), 1);
        const QStringList offered = desk.prompter.choices.first();
        QCOMPARE(offered.size(), 2);
        QVERIFY2(offered.at(0).startsWith(QStringLiteral("Pat One")) &&
                     offered.at(1).startsWith(QStringLiteral("Pat Two")) &&
                     offered.at(1).contains(QStringLiteral("lead %1").arg(ids.at(1))),
                 qPrintable(offered.join(u'\n')));
        QCOMPARE(desk.window->leadPanel()->leadId(), ids.at(1));

        desk.prompter.choice.reset(); // cancelled: nothing else opens
        QVERIFY(!finder->find(QStringLiteral("pat@shared.example")));
        QCOMPARE(desk.window->leadPanel()->leadId(), ids.at(1));
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    // The dialogs the real prompter shows for Find lead: one line, then a pick from a list.
    void theFindDialogsAnswerWhatWasTyped()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        desk.window->resize(1280, 720);
        QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
        DialogPrompter dialogs;
        QTimer::singleShot(0, this, [this] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *line = dialog->findChild<QLineEdit *>();
            QVERIFY(line);
            QTest::keyClicks(line, QStringLiteral("DEMO-0000042"));
            keepPicture(dialog, QStringLiteral("find-lead-dialog.png"));
            dialog->accept();
        });
        const auto key = dialogs.askLine(desk.window.get(), QStringLiteral("Find lead"),
                                         QStringLiteral("Lead number, external id or e-mail:"));
        QCOMPARE(key, std::optional<QString>(QStringLiteral("DEMO-0000042")));

        QTimer::singleShot(0, this, [this] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *box = dialog->findChild<QComboBox *>();
            QVERIFY(box && box->count() == 3 && !box->isEditable());
            box->setCurrentIndex(2);
            keepPicture(dialog, QStringLiteral("find-lead-choice.png"));
            dialog->accept();
        });
        const auto chosen =
            dialogs.askChoice(desk.window.get(), QStringLiteral("Find lead"),
                              QStringLiteral("3 leads match. Open which?"),
                              {QStringLiteral("A · lead 1"), QStringLiteral("B · lead 2"),
                               QStringLiteral("C · lead 3")});
        QCOMPARE(chosen, std::optional<int>(2));
    }

    void theQueueOnScreenAndAHandoffPackageAreExported()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
        QueuePanel *panel = desk.window->interestPanel();
        const QString name =
            panel->view()->model()->index(0, InterestQueueModel::LeadName).data().toString();
        panel->searchField()->setText(name);
        QTRY_VERIFY(panel->view()->model()->rowCount() < desk.console.interestQueue()->rowCount());
        QVERIFY(panel->selectLead(
            panel->view()->model()->index(0, 0).data(InterestQueueModel::LeadIdRole).toLongLong()));
        const int shown = panel->view()->model()->rowCount();

        desk.prompter.saveFile = SaveChoice{m_dir.filePath(QStringLiteral("queue.csv")), true};
        desk.window->fileActions()->exportQueueAction()->trigger();
        QFile csv(desk.prompter.saveFile->path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray bytes = csv.readAll();
        QVERIFY2(bytes.startsWith("\xEF\xBB\xBFScore,"), bytes.left(60).constData());
        QCOMPARE(bytes.count("\r\n"), shown + 1); // the header and exactly the rows shown

        desk.prompter.saveFile = SaveChoice{m_dir.filePath(QStringLiteral("lead.json")), false};
        desk.window->fileActions()->exportPackageAction()->trigger();
        QFile json(desk.prompter.saveFile->path);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject package = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(package.value(QStringLiteral("lead_id")).toInteger(), panel->currentLeadId());
        QVERIFY(package.contains(QStringLiteral("qualification")));
        QVERIFY(!package.value(QStringLiteral("activities")).toArray().isEmpty());
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    void theTuningWorkspaceOpensFromTheMenuAndFollowsAProfileSwitch()
    {
        Desk desk(m_db, freshSettings(), QStringLiteral("Mia"), Profile::Role::Marketing);
        auto *tune = desk.window->findChild<QAction *>(QStringLiteral("tuneAction"));
        QVERIFY(tune);
        QCOMPARE(tune->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
        tune->trigger();
        TuningWorkspace *workspace = desk.window->openTuningWorkspace(); // the same window again
        QVERIFY(workspace->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(workspace->isLoaded(), 20000);
        const qint64 miasDraft = workspace->document()->versionId();
        workspace->document()->setMqlThreshold(50);

        // Sam sits down: Mia's edit is kept in her draft, Sam edits his own.
        desk.prompter.profile = Profile{0, QStringLiteral("Sam"), Profile::Role::Sales};
        QVERIFY(desk.window->switchProfile());
        QVERIFY(workspace->document()->versionId() != miasDraft);
        QCOMPARE(ModelVersions(desk.console.database(), {}).definition(miasDraft).mqlThreshold,
                 50.0);
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    // A first start on a database whose leads are read behind the window: the interest queue
    // is empty when the window lays its columns out. Once every lead is read they are laid
    // out as on a start that read everything first, not left as narrow as their headers
    // ("Lead" cut to "Victor..." at a million leads) and remembered so.
    void aFirstStartBehindTheWindowFitsTheInterestColumnsOnceFilled()
    {
        const auto widths = [](QTableView *view) {
            QList<int> w;
            for (int c = 0; c < view->model()->columnCount(); ++c)
                w << view->columnWidth(c);
            return w;
        };
        QList<int> readFirst;
        {
            Desk desk(m_db, freshSettings(), QStringLiteral("Maya"), Profile::Role::Marketing);
            readFirst = widths(desk.interestView());
        }
        Console console(m_db, Database::Open::Existing, Console::Load::InBackground);
        QVERIFY(console.isLoading());
        AppSettings settings(freshSettings());
        ScriptedPrompter prompter;
        prompter.profile = Profile{0, QStringLiteral("Maya"), Profile::Role::Marketing};
        MainWindow window(console, settings, prompter);
        window.show();
        window.ensureProfile();
        QTableView *view = window.interestPanel()->view();
        QCOMPARE(view->model()->rowCount(), 0);
        QSignalSpy loaded(&console, &Console::loaded);
        QVERIFY(loaded.wait(20000));
        QVERIFY(view->model()->rowCount() > 0);
        QCOMPARE(widths(view), readFirst);
        QVERIFY(view->columnWidth(InterestQueueModel::LeadName) >=
                view->fontMetrics().horizontalAdvance(
                    view->model()->index(0, InterestQueueModel::LeadName).data().toString()));
        keepPicture(&window, QStringLiteral("interest-columns-after-background-read.png"));
    }

    void layoutAndSortOrderAreRemembered()
    {
        const QString settings = freshSettings();
        {
            Desk desk(m_db, settings, QStringLiteral("Maya"), Profile::Role::Marketing);
            desk.window->interestPanel()->sortBy(InterestQueueModel::Engagement,
                                                 Qt::AscendingOrder);
            desk.interestView()->setColumnWidth(InterestQueueModel::Company, 333);
            desk.window->close();
        }
        Desk again(m_db, settings, QStringLiteral("ignored"), Profile::Role::Sales);
        QCOMPARE(again.console.profile().name, QStringLiteral("Maya")); // remembered, not asked
        QHeaderView *header = again.interestView()->horizontalHeader();
        QCOMPARE(header->sortIndicatorSection(), int(InterestQueueModel::Engagement));
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(again.interestView()->columnWidth(InterestQueueModel::Company), 333);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
