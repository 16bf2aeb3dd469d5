// Routing at the desks, as a rep and a sales manager meet it: the rep goes on shift from the
// console, a hand-raiser is routed to them and the banner says so; nobody calls, and at twice
// the SLA the manager's banner offers the lead for reassigning, one click from the Reassign
// action. Off shift, the rep is routed nothing.

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "queues/console.h"
#include "queues/routingdesk.h"
#include "scriptedprompter.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/routingrepository.h"
#include "testdatabase.h"
#include "ui/appsettings.h"
#include "ui/leadpanel.h"
#include "ui/mainwindow.h"
#include "ui/notificationbanner.h"
#include "ui/queuepanel.h"
#include "ui/routingdialog.h"
#include "ui/routingnotices.h"

using namespace handoff;

namespace {

constexpr qint64 Start = 1'790'000'000;

struct Desk
{
    Desk(const QString &db, const QString &settingsFile, const QString &who, Profile::Role role)
        : console(db)
        , settings(settingsFile)
    {
        console.setClock([this] { return now; });
        prompter.profile = Profile{0, who, role};
        window = std::make_unique<MainWindow>(console, settings, prompter);
        window->resize(1280, 720);
        window->show();
        window->ensureProfile();
    }

    QAction *action(const char *name) const
    {
        return window->findChild<QAction *>(QString::fromLatin1(name));
    }
    // One look by routing and the queues, as the desk's timers would make.
    void look()
    {
        window->routingNotices()->desk()->look();
        console.poll();
    }
    QString banner() const
    {
        return window->banner()->isVisible() ? window->banner()->message() : QString();
    }

    qint64 now = Start;
    Console console;
    AppSettings settings;
    ScriptedPrompter prompter;
    std::unique_ptr<MainWindow> window;
};

} // namespace

class TestRoutingDesk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestDatabases m_databases{m_dir};
    int m_count = 0;

    QString settingsFile()
    {
        return m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_count));
    }
    // A hand-raiser asking for a demo at `at`: its lead's id.
    static qint64 handRaiser(Database &db, const QString &email, qint64 at)
    {
        Lead lead = makeLead(email);
        lead.firstName = QStringLiteral("Rosa");
        lead.lastName = email.section(QLatin1Char('@'), 0, 0);
        lead.company = QStringLiteral("Brightline");
        const qint64 leadId = LeadRepository(db.connection()).insert(lead);
        Handoff h;
        h.leadId = leadId;
        h.raisedAt = at;
        HandoffRepository(db.connection()).raise(h);
        return leadId;
    }

private slots:
    void aRoutedLeadReachesTheRepAndAnUnworkedOneTheManager()
    {
        const QString location = m_databases.make(QStringLiteral("routing"));
        Database db(location);
        Desk ana(location, settingsFile(), QStringLiteral("Ana"), Profile::Role::Sales);
        Desk max(location, settingsFile(), QStringLiteral("Max"), Profile::Role::SalesManager);
        RoutingRepository(db.connection())
            .saveSettings({RoutingSettings::Mode::RoundRobin, 0}, QStringLiteral("Max"), Start);

        // The rep goes on shift from the console; a marketing desk would not offer it.
        QAction *onShift = ana.action("takeRoutedLeadsAction");
        QVERIFY(onShift && onShift->isVisible() && !onShift->isChecked());
        onShift->trigger();
        QVERIFY(onShift->isChecked());
        QVERIFY(RoutingRepository(db.connection()).rep(QStringLiteral("Ana"))->available);

        const qint64 rosa = handRaiser(db, QStringLiteral("rosa@brightline.example"), Start);
        ana.console.poll(); // the hand-raiser reaches the desk
        QVERIFY(ana.console.openHandoffFor(rosa));
        ana.look();
        // The desk's own pass assigned it: the queue shows it at once, without a forced look.
        QCOMPARE(ana.console.openHandoffFor(rosa)->claimedBy, QStringLiteral("Ana"));
        QVERIFY2(ana.banner().contains(QStringLiteral("routed to you")), qPrintable(ana.banner()));
        max.look();
        QVERIFY2(max.banner().isEmpty(), qPrintable(max.banner())); // not the manager's news

        // Nobody calls. At the SLA the rep is told again; at twice it, the manager.
        ana.now = max.now = Start + 5 * 60 + 1;
        ana.look();
        QVERIFY2(ana.banner().contains(QStringLiteral("The SLA ran out on Rosa")),
                 qPrintable(ana.banner()));
        ana.now = max.now = Start + 10 * 60 + 1;
        max.look();
        QVERIFY2(max.banner().contains(QStringLiteral("has waited twice the SLA with Ana: open it "
                                                      "to reassign")),
                 qPrintable(max.banner()));
        max.window->grab().save(QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS", m_dir.path()))
                                    .filePath(QStringLiteral("routing-manager.png")));
        auto *open = max.window->banner()->findChild<QPushButton *>();
        QVERIFY(open);
        QCOMPARE(open->text(), QStringLiteral("Open lead"));
        open->click();
        QCOMPARE(max.window->leadPanel()->leadId(), rosa);
        QAction *reassign = max.action("reassignAction");
        QVERIFY(reassign && reassign->isEnabled());
        // Both steps are on record once, for the meeting, whichever desk took them.
        QCOMPARE(RoutingRepository(db.connection()).breaches(Start, Start + 3600).size(), 2);

        // Off shift: the next hand-raiser waits in the pool for anyone to claim.
        onShift->trigger();
        QVERIFY(!onShift->isChecked());
        const qint64 next = handRaiser(db, QStringLiteral("li@brightline.example"), ana.now);
        ana.console.poll();
        QVERIFY(ana.console.openHandoffFor(next));
        ana.look();
        QVERIFY(ana.console.openHandoffFor(next)->claimedBy.isEmpty());
        // Back on shift, the same lead is hers at the next look.
        onShift->trigger();
        ana.look();
        QCOMPARE(ana.console.openHandoffFor(next)->claimedBy, QStringLiteral("Ana"));
    }

    // The sales manager sets the team's routing from the console; a rep does not see it.
    void theManagerSetsRoutingFromTheConsole()
    {
        const QString location = m_databases.make(QStringLiteral("settings"));
        Desk ana(location, settingsFile(), QStringLiteral("Ana"), Profile::Role::Sales);
        Desk max(location, settingsFile(), QStringLiteral("Max"), Profile::Role::SalesManager);
        QVERIFY(!ana.action("routingSettingsAction")->isVisible());
        QAction *settings = max.action("routingSettingsAction");
        QVERIFY(settings && settings->isVisible());

        TeamRouting chosen;
        chosen.settings = {RoutingSettings::Mode::Weighted, 20};
        RepRouting anaRouting;
        anaRouting.rep = QStringLiteral("Ana");
        anaRouting.available = true;
        anaRouting.weight = 3;
        anaRouting.territoryField = QStringLiteral("country");
        anaRouting.territoryValues = {QStringLiteral("DE")};
        chosen.reps = {anaRouting};
        max.prompter.routing = chosen;
        settings->trigger();
        // It showed every sales-side profile, set up or not.
        QCOMPARE(max.prompter.routingShown.size(), 1);
        QStringList shown;
        for (const RepRouting &rep : max.prompter.routingShown.first().reps)
            shown.append(rep.rep);
        QCOMPARE(shown, (QStringList{QStringLiteral("Ana"), QStringLiteral("Max")}));
        Database db(location);
        RoutingRepository routing(db.connection());
        QCOMPARE(routing.settings(), chosen.settings);
        QCOMPARE(routing.rep(QStringLiteral("Ana"))->weight, 3);
        QVERIFY(!routing.rep(QStringLiteral("Max"))); // left as never set up: nothing saved
        QVERIFY(max.prompter.errors.isEmpty());
        // Ana's console shows her on shift once she looks again (set by her manager).
        ana.window->routingNotices()->profileChanged();
        QVERIFY(ana.action("takeRoutedLeadsAction")->isChecked());
    }

    // The dialog shows what is set, names what cannot be saved, and gives back what was set.
    void theRoutingDialogChecksBeforeItSaves()
    {
        TeamRouting current;
        current.settings = {RoutingSettings::Mode::RoundRobin, 15};
        RepRouting dora;
        dora.rep = QStringLiteral("Dora Klein");
        dora.available = true;
        dora.weight = 2;
        dora.territoryField = QStringLiteral("country");
        dora.territoryValues = {QStringLiteral("DE"), QStringLiteral("AT")};
        RepRouting gus;
        gus.rep = QStringLiteral("Gus Lee");
        current.reps = {dora, gus};
        RoutingDialog dialog(current);
        dialog.show();
        QCOMPARE(dialog.choice().settings, current.settings);
        QCOMPARE(dialog.choice().reps, current.reps);

        // Gus gets a territory field but no values: OK names the problem and stays open.
        auto *reps = dialog.findChild<QTableWidget *>(QStringLiteral("routingReps"));
        auto *field = qobject_cast<QComboBox *>(reps->cellWidget(1, RoutingDialog::TerritoryField));
        field->setCurrentIndex(field->findData(QStringLiteral("segment")));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        auto *problems = dialog.findChild<QLabel *>(QStringLiteral("routingProblems"));
        QVERIFY(problems->isVisible());
        QCOMPARE(problems->text(),
                 QStringLiteral("Gus Lee: a territory on segment (company size) needs at least "
                                "one value"));
        dialog.grab().save(QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS", m_dir.path()))
                               .filePath(QStringLiteral("routing-dialog.png")));
        qobject_cast<QLineEdit *>(reps->cellWidget(1, RoutingDialog::TerritoryValues))
            ->setText(QStringLiteral("enterprise, large"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.choice().reps[1].territoryValues,
                 (QStringList{QStringLiteral("enterprise"), QStringLiteral("large")}));
    }

    void marketingDesksRouteNothing()
    {
        const QString location = m_databases.make(QStringLiteral("marketing"));
        Database db(location);
        Desk mia(location, settingsFile(), QStringLiteral("Mia"), Profile::Role::Marketing);
        QVERIFY(!mia.action("takeRoutedLeadsAction")->isVisible());
        QVERIFY(!mia.window->routingNotices()->desk());
    }
};

QTEST_MAIN(TestRoutingDesk)
#include "tst_routingdesk.moc"
