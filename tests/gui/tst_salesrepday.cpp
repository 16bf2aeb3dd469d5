// A day in the life of a sales rep working hand-raisers (issue 13, points 1-7): what the
// console did that surprised or misled them, each checked the way they would notice it.

#include <QAction>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include "demo/demogenerator.h"
#include "io/columnmapping.h"
#include "queues/console.h"
#include "queues/handoffactions.h"
#include "queues/queuesortproxy.h"
#include "scoring/leadtable.h"
#include "scriptedprompter.h"
#include "store/activityrepository.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/meetingrepository.h"
#include "testdatabase.h"
#include "ui/appsettings.h"
#include "ui/leadfinder.h"
#include "ui/leadpanel.h"
#include "ui/mainwindow.h"
#include "ui/notificationbanner.h"
#include "ui/qualificationform.h"
#include "ui/queuepanel.h"
#include "ui/salesactions.h"
#include "ui/statedelegate.h"

using namespace handoff;

namespace {

const QColor Green(0x2e, 0x7d, 0x32);
const QColor Amber(0xb2, 0x6a, 0x00);

} // namespace

// One rep's console on a database, with a clock the test moves.
struct RepDesk
{
    RepDesk(const QString &db, const QString &settingsFile, const QString &who)
        : console(db)
        , settings(settingsFile)
    {
        now = console.now();
        console.setClock([this] { return now; });
        prompter.profile = Profile{0, who, Profile::Role::Sales};
        window = std::make_unique<MainWindow>(console, settings, prompter);
        window->resize(1280, 720);
        window->show();
        window->ensureProfile();
    }

    QueuePanel *sales() const { return window->salesPanel(); }
    QualificationForm *form() const { return window->leadPanel()->qualificationForm(); }
    SalesActions *actions() const { return window->salesActions(); }
    bool settled() const
    {
        return QTest::qWaitFor([this] { return !actions()->isBusy(); }, 10000);
    }
    // The sales view's leads in the order on screen.
    QList<qint64> shownLeads() const
    {
        QList<qint64> ids;
        const QAbstractItemModel *model = sales()->view()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            ids.append(model->index(row, 0).data(SalesQueueModel::LeadIdRole).toLongLong());
        return ids;
    }
    QList<qint64> unclaimedShown() const
    {
        QList<qint64> ids;
        const QAbstractItemModel *model = sales()->view()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(SalesQueueModel::ClaimedByRole).toString().isEmpty())
                ids.append(index.data(SalesQueueModel::LeadIdRole).toLongLong());
        }
        return ids;
    }
    // Claims the lead as this rep, through the toolbar action.
    bool claim(qint64 leadId)
    {
        if (!sales()->selectLead(leadId))
            return false;
        actions()->claimAction()->trigger();
        return settled() && console.openHandoffFor(leadId)->claimedBy == console.profile().name;
    }
    QString waitingText(qint64 leadId) const
    {
        const auto row = console.salesQueue()->rowOfLead(leadId);
        return row ? console.salesQueue()->index(*row, SalesQueueModel::Waiting).data().toString()
                   : QString();
    }
    QColor waitingColour(qint64 leadId) const
    {
        const auto row = console.salesQueue()->rowOfLead(leadId);
        if (!row)
            return {};
        // As the sales table draws it: through its view, its proxy and its delegate.
        QTableView *view = window->salesPanel()->view();
        const QModelIndex shown = window->salesPanel()->proxy()->mapFromSource(
            console.salesQueue()->index(*row, SalesQueueModel::Waiting));
        const auto *delegate = qobject_cast<StateDelegate *>(view->itemDelegate());
        return delegate ? delegate->styledOption(shown).palette.color(QPalette::Text) : QColor();
    }
    void tick()
    {
        console.poll(true);
        console.salesQueue()->setNow(now);
    }

    qint64 now = 0;
    Console console;
    AppSettings settings;
    ScriptedPrompter prompter;
    std::unique_ptr<MainWindow> window;
};

class TestSalesRepDay : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestDatabases m_databases{m_dir}; // files, or on the test server in its run
    QString m_db;
    int m_count = 0;

    QString freshSettings()
    {
        return m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++m_count));
    }
    // HANDOFF_TEST_SHOTS=DIR keeps them to look at.
    QString picturePath(const QString &name) const
    {
        return QDir(qEnvironmentVariable("HANDOFF_TEST_SHOTS", m_dir.path())).filePath(name);
    }

    static QAction *action(RepDesk &desk, const char *name)
    {
        return desk.window->findChild<QAction *>(QString::fromLatin1(name));
    }

    // An unclaimed hand-raiser this rep claims, with its handoff.
    static Handoff claimedHandRaiser(RepDesk &desk)
    {
        for (qint64 leadId : desk.unclaimedShown()) {
            const auto h = desk.console.openHandoffFor(leadId);
            if (h && h->trigger == Handoff::Trigger::Intent && !h->firstContactAt) {
                if (!desk.claim(leadId))
                    return {};
                return *desk.console.openHandoffFor(leadId);
            }
        }
        return {};
    }

private slots:
    void init()
    {
        m_db = m_databases.make(QStringLiteral("day-%1").arg(++m_count));
        Database db(m_db);
        DemoGenerator(db, {600, 9, 0, 26}).run();
    }

    // 1. Typed qualification survives switching leads, accepting and clearing the search.
    void typedQualificationIsNeverLostSilently()
    {
        RepDesk desk(m_db, freshSettings(), QStringLiteral("Maya"));
        const Handoff first = claimedHandRaiser(desk);
        QVERIFY(first.id);
        QVERIFY(desk.sales()->selectLead(first.leadId));
        QCOMPARE(desk.window->leadPanel()->leadId(), first.leadId);
        auto *budget = desk.form()->findChild<QLineEdit *>(QStringLiteral("budget"));
        QVERIFY(budget && budget->isEnabled());

        // Switching to another lead.
        budget->setFocus();
        QTest::keyClicks(budget, QStringLiteral("40k this quarter"));
        const qint64 other = desk.unclaimedShown().value(0);
        QVERIFY(other && other != first.leadId);
        QVERIFY(desk.sales()->selectLead(other));
        QCOMPARE(desk.console.qualification(first.leadId).budget,
                 QStringLiteral("40k this quarter"));

        // Accepting with Ctrl+Return right after typing.
        QVERIFY(desk.sales()->selectLead(first.leadId));
        QCOMPARE(budget->text(), QStringLiteral("40k this quarter"));
        auto *goals = desk.form()->findChild<QPlainTextEdit *>(QStringLiteral("goals"));
        goals->setFocus();
        QTest::keyClicks(goals, QStringLiteral("Cut onboarding time"));
        QAction *accept = action(desk, "acceptAction");
        QVERIFY(accept && accept->isEnabled());
        accept->trigger();
        QVERIFY(desk.settled());
        QCOMPARE(desk.console.qualification(first.leadId).goals,
                 QStringLiteral("Cut onboarding time"));

        // Clearing the search that showed the lead.
        const Handoff second = claimedHandRaiser(desk);
        QVERIFY(second.id);
        const auto lead = desk.console.lead(second.leadId);
        QLineEdit *search = desk.sales()->searchField();
        QTest::keyClicks(search, lead->email);
        QTRY_COMPARE(desk.sales()->view()->model()->rowCount(), 1);
        QVERIFY(desk.sales()->selectLead(second.leadId));
        QCOMPARE(desk.window->leadPanel()->leadId(), second.leadId);
        budget->setFocus();
        QTest::keyClicks(budget, QStringLiteral("none yet"));
        search->clear();
        QTRY_VERIFY(desk.sales()->view()->model()->rowCount() > 1);
        QTRY_COMPARE(desk.console.qualification(second.leadId).budget, QStringLiteral("none yet"));
        QVERIFY(desk.prompter.errors.isEmpty());

        // Point 6 as well: the undo step names the lead, not its number.
        auto *undo = desk.window->findChild<QUndoStack *>();
        QVERIFY(undo && undo->count() >= 3);
        QVERIFY2(undo->undoText().contains(lead->displayName()), qPrintable(undo->undoText()));
        QVERIFY2(!undo->undoText().contains(QString::number(second.leadId)),
                 qPrintable(undo->undoText()));
    }

    // 1, closing: typed and not saved, then the window closed (File > Quit is the same
    // close). Saved as switching leads saves it; when that fails, the rep is asked.
    void typedQualificationSurvivesClosingTheWindow()
    {
        auto desk = std::make_unique<RepDesk>(m_db, freshSettings(), QStringLiteral("Maya"));
        const Handoff first = claimedHandRaiser(*desk);
        QVERIFY(first.id);
        QVERIFY(desk->sales()->selectLead(first.leadId));
        auto *budget = desk->form()->findChild<QLineEdit *>(QStringLiteral("budget"));
        budget->setFocus();
        QTest::keyClicks(budget, QStringLiteral("40k this quarter"));
        auto *status = desk->form()->findChild<QLabel *>(QStringLiteral("qualificationStatus"));
        QVERIFY2(status->text().startsWith(QStringLiteral("Not saved yet")),
                 qPrintable(status->text()));
        QVERIFY(desk->window->close());
        QCOMPARE(desk->console.qualification(first.leadId).budget,
                 QStringLiteral("40k this quarter"));
        QVERIFY(desk->prompter.choices.isEmpty()); // nothing asked when the save worked

        // Someone else saved the details meanwhile: this save fails, and closing asks.
        desk = std::make_unique<RepDesk>(m_db, freshSettings(), QStringLiteral("Maya"));
        QVERIFY(desk->sales()->selectLead(first.leadId));
        budget = desk->form()->findChild<QLineEdit *>(QStringLiteral("budget"));
        QCOMPARE(budget->text(), QStringLiteral("40k this quarter"));
        budget->setFocus();
        QTest::keyClicks(budget, QStringLiteral(", maybe more"));
        Qualification elsewhere = desk->console.qualification(first.leadId);
        elsewhere.timeline = QStringLiteral("Q3");
        desk->console.actions().saveQualification(first.leadId, elsewhere, desk->now);
        desk->prompter.choice = std::nullopt; // cancelled: the window stays, with the text
        QVERIFY(!desk->window->close());
        QCOMPARE(desk->prompter.choices.size(), 1);
        QVERIFY(desk->window->isVisible());
        QCOMPARE(budget->text(), QStringLiteral("40k this quarter, maybe more"));
        desk->prompter.choice = 1; // discard them and close
        QVERIFY(desk->window->close());
        QCOMPARE(desk->prompter.choices.size(), 2);
        QCOMPARE(desk->console.qualification(first.leadId).budget,
                 QStringLiteral("40k this quarter"));
    }

    // 2. Reached in 4:22: the row and the panel say so, green, and stop counting.
    void theClockStopsAtFirstContact()
    {
        RepDesk desk(m_db, freshSettings(), QStringLiteral("Maya"));
        const Handoff h = claimedHandRaiser(desk);
        QVERIFY(h.id);
        desk.now = h.raisedAt + 4 * 60 + 22;
        QVERIFY(desk.sales()->selectLead(h.leadId));
        action(desk, "firstContactAction")->trigger();
        QVERIFY(desk.settled());
        for (const qint64 later : {5 * 60 + 9, 3600 + 7}) {
            desk.now = h.raisedAt + later;
            desk.tick();
            QCOMPARE(desk.waitingText(h.leadId), QStringLiteral("contacted in 4:22"));
            QCOMPARE(desk.waitingColour(h.leadId), Green);
        }
        desk.window->openLead(h.leadId);
        const auto *summary = desk.window->findChild<QLabel *>(QStringLiteral("leadSummary"));
        QVERIFY2(summary->text().contains(QStringLiteral("contacted in 4:22")),
                 qPrintable(summary->text()));
        // Read in full, not cut to "contacte…".
        QTableView *view = desk.sales()->view();
        QVERIFY(view->columnWidth(SalesQueueModel::Waiting) >
                view->fontMetrics().horizontalAdvance(QStringLiteral("contacted in 4:22")));
        desk.sales()->grab().save(picturePath(QStringLiteral("contacted.png")));
    }

    // 3. The SLA the meeting agreed (15 minutes) colours the queue, the tooltip, the legend
    // and the banner.
    void theAgreedSlaIsTheOneShown()
    {
        RepDesk desk(m_db, freshSettings(), QStringLiteral("Maya"));
        const qint64 lead = desk.unclaimedShown().value(0);
        const auto h = desk.console.openHandoffFor(lead);
        QVERIFY(h);
        desk.now = h->raisedAt + 10 * 60;
        desk.tick();
        QCOMPARE(desk.waitingColour(lead), Amber); // none agreed: 5 minutes
        auto *legend = desk.sales()->findChild<QLabel *>(QStringLiteral("queueLegend"));
        QVERIFY(legend && legend->isVisible());
        QVERIFY2(legend->text().contains(QStringLiteral("5 minutes")), qPrintable(legend->text()));

        MeetingTargets targets;
        targets.slaMinutes = 15;
        MeetingRepository(desk.console.database().connection())
            .saveTargets(targets, QStringLiteral("Maya"), desk.now);
        desk.tick();
        QCOMPARE(desk.console.slaMinutes(), 15);
        QCOMPARE(desk.waitingColour(lead), Green);
        desk.now = h->raisedAt + 20 * 60;
        desk.tick();
        QCOMPARE(desk.waitingColour(lead), Amber);
        desk.now = h->raisedAt + 15 * 6 * 60;
        desk.tick();
        QCOMPARE(desk.waitingColour(lead), QColor(0xc6, 0x28, 0x28));
        const auto row = desk.console.salesQueue()->rowOfLead(lead);
        const QString tip = desk.console.salesQueue()
                                ->index(*row, SalesQueueModel::Waiting)
                                .data(Qt::ToolTipRole)
                                .toString();
        QVERIFY2(tip.contains(QStringLiteral("15 minutes")) &&
                     !tip.contains(QStringLiteral(" 5 minutes")),
                 qPrintable(tip));
        QVERIFY2(legend->text().contains(QStringLiteral("15 minutes")) &&
                     legend->text().contains(QStringLiteral("90 minutes")),
                 qPrintable(legend->text()));

        // A hand raised now: the banner asks for a call within the agreed SLA.
        const qint64 nurtured = desk.console.interestQueue()->leadIdAt(0);
        {
            Database other(m_db);
            int demo = -1;
            for (const ActivityType &t : ActivityRepository(other.connection()).types()) {
                if (t.code == QLatin1String("demo_request"))
                    demo = t.id;
            }
            ActivityRepository(other.connection()).insert({0, nurtured, demo, desk.now, {}, {}});
        }
        desk.tick();
        QTRY_VERIFY(desk.window->banner()->isVisible());
        QVERIFY2(desk.window->banner()->message().contains(QStringLiteral("within 15 minutes")),
                 qPrintable(desk.window->banner()->message()));
        desk.window->grab().save(picturePath(QStringLiteral("sla-legend.png")));
    }

    // 4. After a claim, an accept or a reject: the next unclaimed lead, oldest first, and
    // the claimed lead stays in view under "mine".
    void afterAnActionTheNextLeadToWorkIsSelected()
    {
        RepDesk desk(m_db, freshSettings(), QStringLiteral("Maya"));
        const QList<qint64> unclaimed = desk.unclaimedShown();
        QVERIFY(unclaimed.size() >= 4);
        const qint64 first = unclaimed[0];
        QVERIFY(desk.claim(first));
        QCOMPARE(desk.sales()->currentLeadId(), unclaimed[1]);
        QCOMPARE(desk.window->leadPanel()->leadId(), unclaimed[1]);
        // Mine first: the lead just claimed is at the top, in view.
        QCOMPARE(desk.shownLeads().value(0), first);
        QTableView *view = desk.sales()->view();
        QVERIFY(view->viewport()->rect().contains(view->visualRect(view->model()->index(0, 0))));

        QVERIFY(desk.sales()->selectLead(first));
        action(desk, "acceptAction")->trigger();
        QVERIFY(desk.settled());
        QCOMPARE(desk.sales()->currentLeadId(), unclaimed[1]);

        QVERIFY(desk.claim(unclaimed[1]));
        QCOMPARE(desk.sales()->currentLeadId(), unclaimed[2]);
        QVERIFY(desk.sales()->selectLead(unclaimed[1]));
        desk.prompter.reject = RejectChoice{QStringLiteral("No budget"), {}};
        action(desk, "rejectAction")->trigger();
        QVERIFY(desk.settled());
        QCOMPARE(desk.sales()->currentLeadId(), unclaimed[2]);
        QVERIFY(desk.prompter.errors.isEmpty());
    }

    // 5. The queue search says when nothing matches and finds accepted and closed leads.
    void aSearchWithNoMatchOffersEveryLead()
    {
        RepDesk desk(m_db, freshSettings(), QStringLiteral("Maya"));
        const LeadTable &leads = desk.console.engine().leads();
        const SalesQueueModel *queue = desk.console.salesQueue();
        // Its name is in no row of the sales view: the queue search finds nothing.
        const auto inQueue = [&](const QString &text) {
            for (int r = 0; r < queue->rowCount(); ++r) {
                if (leads.matches(queue->entryAt(r)->row, text.toCaseFolded()))
                    return true;
            }
            return false;
        };
        std::optional<int> closed;
        for (int row = 0; row < leads.size() && !closed; ++row) {
            if ((leads.stage(row) == Stage::Won || leads.stage(row) == Stage::Sql) &&
                !leads.email(row).isEmpty() && !inQueue(leads.displayName(row)) &&
                !inQueue(leads.email(row)))
                closed = row;
        }
        QVERIFY(closed);
        const qint64 id = leads.id(*closed);
        QLineEdit *search = desk.sales()->searchField();
        QTest::keyClicks(search, leads.email(*closed));
        QTRY_COMPARE(desk.sales()->view()->model()->rowCount(), 0);
        QLabel *none = desk.sales()->noMatchLabel();
        QTRY_VERIFY(none->isVisible());
        QVERIFY2(none->text().contains(QStringLiteral("No leads")), qPrintable(none->text()));
        desk.sales()->grab().save(picturePath(QStringLiteral("no-match.png")));
        auto *all = desk.sales()->findChild<QPushButton *>(QStringLiteral("searchAllLeads"));
        QVERIFY(all && all->isVisible());
        QTest::mouseClick(all, Qt::LeftButton);
        QCOMPARE(desk.window->leadPanel()->leadId(), id);

        // By name too: every lead whose name holds the text, whatever its stage.
        const QString name = leads.displayName(*closed);
        search->clear();
        QTest::keyClicks(search, name);
        QTRY_COMPARE(desk.sales()->view()->model()->rowCount(), 0);
        desk.prompter.choice = 0;
        QTest::mouseClick(all, Qt::LeftButton);
        const bool offered = desk.prompter.choices.isEmpty()
                                 ? desk.window->leadPanel()->leadId() == id
                                 : desk.prompter.choices.last()
                                       .join(QLatin1Char('\n'))
                                       .contains(QStringLiteral("lead %1,").arg(id));
        QVERIFY(offered);
    }

    // 6. Labels, not internal names: the stage history and the import mapping.
    void peopleSeeLabelsNotInternalNames()
    {
        RepDesk desk(m_db, freshSettings(), QStringLiteral("Maya"));
        const qint64 lead = desk.console.interestQueue()->leadIdAt(0);
        LeadRepository(desk.console.database().connection())
            .recordStageChange({lead, Stage::Suspect, Stage::Mql, desk.now - 60,
                                QStringLiteral("system"),
                                QStringLiteral("Raised hand: trial_signup")});
        desk.window->openLead(lead);
        auto *stages = desk.window->findChild<QTableWidget *>(QStringLiteral("stageHistory"));
        QVERIFY(stages && stages->rowCount() > 0);
        QStringList cells;
        for (int r = 0; r < stages->rowCount(); ++r) {
            for (int c = 0; c < stages->columnCount(); ++c)
                cells.append(stages->item(r, c) ? stages->item(r, c)->text() : QString());
        }
        const QString all = cells.join(QLatin1Char('|'));
        QVERIFY2(!all.contains(QStringLiteral("trial_signup")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Raised hand: Free trial sign-up")), qPrintable(all));

        const QString field =
            ColumnTarget{ColumnTarget::Kind::LeadField, QStringLiteral("first_name")}.describe();
        QVERIFY2(!field.contains(QStringLiteral("first_name")) &&
                     !field.contains(QStringLiteral("lead field")),
                 qPrintable(field));
        const QString count =
            ColumnTarget{ColumnTarget::Kind::ActivityCount, QStringLiteral("trial_signup")}
                .describe();
        QVERIFY2(count.contains(QStringLiteral("Free trial sign-up")), qPrintable(count));
    }

    // 7. The form keeps its rows together and does not move when saved.
    void theQualificationFormStaysPut()
    {
        RepDesk desk(m_db, freshSettings(), QStringLiteral("Maya"));
        const Handoff h = claimedHandRaiser(desk);
        QVERIFY(h.id);
        QVERIFY(desk.sales()->selectLead(h.leadId));
        desk.window->leadPanel()->tabs()->setCurrentWidget(desk.form());
        QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
        for (const QSize size : {QSize(1920, 1080), QSize(1280, 720)}) {
            desk.window->resize(size);
            QTest::qWait(50);
            desk.window->grab().save(picturePath(
                QStringLiteral("qualification-%1x%2.png").arg(size.width()).arg(size.height())));
        }
        auto *budget = desk.form()->findChild<QLineEdit *>(QStringLiteral("budget"));
        QList<QLineEdit *> edits = desk.form()->findChildren<QLineEdit *>();
        std::sort(edits.begin(), edits.end(),
                  [](QLineEdit *a, QLineEdit *b) { return a->y() < b->y(); });
        QVERIFY(edits.size() >= 5);
        auto *form = desk.form()->findChild<QFormLayout *>();
        for (int i = 1; i < int(edits.size()); ++i) {
            // From a field to the next row: its label when the labels sit above the fields.
            QWidget *label = form ? form->labelForField(edits[i]) : nullptr;
            const int top = label ? std::min(label->y(), edits[i]->y()) : edits[i]->y();
            const int gap = top - (edits[i - 1]->y() + edits[i - 1]->height());
            QVERIFY2(gap <= 12, qPrintable(QStringLiteral("gap of %1 px").arg(gap)));
        }
        desk.form()->grab().save(picturePath(QStringLiteral("qualification-before.png")));
        const QRect before = budget->geometry();
        budget->setFocus();
        QTest::keyClicks(budget, QStringLiteral("set aside"));
        auto *save = desk.form()->findChild<QPushButton *>(QStringLiteral("saveQualification"));
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(desk.console.qualification(h.leadId).budget, QStringLiteral("set aside"));
        QTest::qWait(50); // the layout settles after the status line changed
        desk.form()->grab().save(picturePath(QStringLiteral("qualification-after.png")));
        QCOMPARE(budget->geometry(), before);
    }
};

QTEST_MAIN(TestSalesRepDay)
#include "tst_salesrepday.moc"
