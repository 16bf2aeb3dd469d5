#include "ui/mainwindow.h"

#include <utility>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include "queues/console.h"
#include "queues/queuesortproxy.h"
#include "queues/speedtolead.h"
#include "store/databaselocation.h"
#include "store/error.h"
#include "ui/aboutdialog.h"
#include "ui/appsettings.h"
#include "ui/connectionindicator.h"
#include "ui/dashboardview.h"
#include "ui/databaseactions.h"
#include "ui/databasefiles.h"
#include "ui/fileactions.h"
#include "ui/leadfinder.h"
#include "ui/leadpanel.h"
#include "ui/meetingview.h"
#include "ui/notificationbanner.h"
#include "ui/presentationmode.h"
#include "ui/prompter.h"
#include "ui/qualificationform.h"
#include "ui/queuepanel.h"
#include "ui/reportexportdialog.h"
#include "ui/routingnotices.h"
#include "ui/rowselection.h"
#include "ui/salesactions.h"
#include "ui/statedelegate.h"
#include "ui/thresholddelegate.h"
#include "ui/tuningworkspace.h"
#include "ui/windowfit.h"

namespace handoff {

MainWindow::MainWindow(Console &console, AppSettings &settings, Prompter &prompter, QWidget *parent)
    : QMainWindow(parent)
    , m_console(console)
    , m_settings(settings)
    , m_prompter(prompter)
    , m_undo(new QUndoStack(this))
    , m_salesPanel(new QueuePanel(console.salesQueue(), SalesQueueModel::LeadIdRole, true, this))
    , m_interestPanel(
          new QueuePanel(console.interestQueue(), InterestQueueModel::LeadIdRole, true, this))
    , m_leadPanel(new LeadPanel(console, m_undo, this))
    , m_banner(new NotificationBanner(this))
    , m_salesActions(new SalesActions(console, prompter, this))
    , m_routing(new RoutingNotices(console, m_banner, prompter, this))
    , m_fileActions(new FileActions(console, prompter, this,
                                    [this] {
                                        const bool sales = m_lastQueue == m_salesPanel;
                                        return std::pair<const QAbstractItemModel *, QString>(
                                            m_lastQueue->proxy(),
                                            sales ? tr("sales-queue") : tr("interest-queue"));
                                    }))
    , m_databaseActions(new DatabaseActions(console.database(), prompter, this))
    , m_databaseFiles(new DatabaseFiles(console.database().filePath(), prompter, this))
    , m_leadFinder(new LeadFinder(console, prompter, this))
    , m_lastQueue(m_salesPanel)
    , m_fileLabel(new QLabel(this))
    , m_userLabel(new QLabel(this))
    , m_modelLabel(new QLabel(this))
    , m_clock(new QTimer(this))
    , m_presentation(new PresentationMode(settings, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    // Each database has a window of its own: the title says whose.
    setWindowTitle(
        tr("%1 – Handoff").arg(DatabaseLocation::parse(console.database().location()).shortText()));
    setWindowIcon(QIcon(QStringLiteral(":/icons/handoff.svg")));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    setAcceptDrops(true); // a CSV dropped on the window is imported
    m_salesPanel->setObjectName(QStringLiteral("salesQueue"));
    m_interestPanel->setObjectName(QStringLiteral("interestQueue"));
    m_salesPanel->setActions(m_salesActions->actions() << m_routing->availableAction());
    m_salesPanel->view()->setItemDelegate(
        new StateDelegate(&StateDelegate::salesQueue, m_salesPanel->view()));
    m_interestPanel->view()->setItemDelegate(
        new ThresholdDelegate(m_interestPanel->view(), InterestQueueModel::Score,
                              InterestQueueModel::AboveThresholdRole));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_leadPanel, 1);
    setCentralWidget(central);
    m_salesDock = addQueueDock(m_salesPanel, QStringLiteral("salesDock"));
    m_interestDock = addQueueDock(m_interestPanel, QStringLiteral("interestDock"));
    splitDockWidget(m_salesDock, m_interestDock, Qt::Vertical);
    m_salesPanel->sortBy(SalesQueueModel::Waiting, Qt::AscendingOrder);
    m_interestPanel->sortBy(InterestQueueModel::Score, Qt::DescendingOrder);
    // Leads sales sent back, marked in the Sales column, on their own at a click.
    auto *rejectedOnly = new QAction(tr("Rejected by sales only"), this);
    rejectedOnly->setObjectName(QStringLiteral("rejectedOnlyAction"));
    rejectedOnly->setCheckable(true);
    rejectedOnly->setToolTip(tr("Show only the leads sales rejected and sent back to nurture"));
    connect(rejectedOnly, &QAction::toggled, this, [this](bool only) {
        InterestQueueModel *interest = m_console.interestQueue();
        m_interestPanel->proxy()->setRowFilter(only ? std::function<bool(int)>([interest](int row) {
            return interest->isRejected(row);
        })
                                                    : std::function<bool(int)>());
    });
    m_interestPanel->setActions({rejectedOnly});

    statusBar()->addPermanentWidget(m_fileLabel);
    statusBar()->addPermanentWidget(m_userLabel);
    statusBar()->addPermanentWidget(m_modelLabel);
    auto *connection = new ConnectionIndicator(m_console, this);
    statusBar()->addPermanentWidget(connection);
    connect(connection, &ConnectionIndicator::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("Handoff"));
        m_tray->show();
        m_routing->setTray(m_tray);
    }
    buildMenus();

    connect(m_salesPanel, &QueuePanel::leadSelected, this, &MainWindow::showLead);
    connect(m_interestPanel, &QueuePanel::leadSelected, this, &MainWindow::showLead);
    // The actions work on the lead the panel shows, whichever queue it was picked in.
    connect(m_salesPanel, &QueuePanel::leadSelected, m_salesActions, &SalesActions::setCurrentLead);
    connect(m_interestPanel, &QueuePanel::leadSelected, m_salesActions,
            &SalesActions::setCurrentLead);
    for (QueuePanel *panel : {m_salesPanel, m_interestPanel}) {
        connect(panel, &QueuePanel::leadSelected, m_fileActions, &FileActions::setCurrentLead);
        connect(panel, &QueuePanel::leadSelected, this, [this, panel] { m_lastQueue = panel; });
    }
    connect(m_fileActions, &FileActions::done, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_databaseActions, &DatabaseActions::done, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(&m_console, &Console::failed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    followLoading();
    connect(m_salesActions, &SalesActions::done, this, [this](const QString &text) {
        statusBar()->showMessage(text, 5000);
        m_leadPanel->reload();
    });
    // After a claim, an accept or a reject: on to the next lead this rep should work (the
    // lead just claimed stays in view at the top, under "mine").
    connect(m_salesActions, &SalesActions::movedOn, this, [this](qint64 leadId) {
        if (const qint64 next = m_console.salesQueue()->nextToWork(leadId))
            m_salesPanel->selectLead(next);
        else if (!m_salesPanel->selectLead(leadId)) // none unclaimed: stay with the lead,
            m_salesPanel->clearSelection();         // or, gone, on nobody else's
    });
    connect(m_salesPanel, &QueuePanel::searchAllLeads, m_leadFinder, &LeadFinder::find);
    connect(m_interestPanel, &QueuePanel::searchAllLeads, m_leadFinder, &LeadFinder::find);
    connect(m_leadPanel, &LeadPanel::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(&m_console, &Console::queuesChanged, this, &MainWindow::updateTitles);
    connect(&m_console, &Console::queuesChanged, m_leadPanel, &LeadPanel::followHandoff);
    connect(&m_console, &Console::escalated, this, [this](qint64 leadId, Handoff::Trigger trigger) {
        if (m_escalations.isEmpty())
            QTimer::singleShot(0, this, &MainWindow::notifyEscalations);
        m_escalations.append({leadId, int(trigger)});
    });
    connect(&m_console, &Console::handingOver, this, [this](int remaining) {
        if (remaining > 0)
            statusBar()->showMessage(tr("Handing %Ln more leads to sales…", nullptr, remaining));
        else
            statusBar()->clearMessage();
    });
    connect(&m_console, &Console::leadsChanged, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_leadPanel->leadId()))
            m_leadPanel->reload();
        m_salesActions->updateState();
    });
    connect(m_banner, &NotificationBanner::openLead, this, &MainWindow::openLead);
    connect(m_routing, &RoutingNotices::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_leadFinder, &LeadFinder::found, this, &MainWindow::openLead);
    connect(&m_console, &Console::rescoring, this, [this](double halfLifeDays) {
        statusBar()->showMessage(tr("A scoring model with a %1-day half-life went live: "
                                    "counting every activity again in the background; the "
                                    "queues keep the current scores until it is done")
                                     .arg(halfLifeDays));
    });
    connect(&m_console, &Console::replaced, this, [this] {
        updateTitles();
        updateStatus();
        m_leadPanel->reload();
        statusBar()->showMessage(tr("The database was replaced (a team copied onto the "
                                    "server): every lead was read again"),
                                 15000);
    });
    connect(&m_console, &Console::modelChanged, this, [this](qint64 version) {
        updateStatus();
        m_leadPanel->reload();
        statusBar()->showMessage(
            tr("Scoring model version %1 is live: every lead was rescored").arg(version), 15000);
    });

    // The speed-to-lead clock ticks every second.
    connect(m_clock, &QTimer::timeout, this,
            [this] { m_console.salesQueue()->setNow(m_console.now()); });
    m_clock->start(1000);
    m_console.salesQueue()->setNow(m_console.now());

    // 1800x1000 where the screen has room, the screen's available area where it has not; the
    // queues take 55% of the width and the lead panel the rest, so at 1280x720 the score
    // breakdown keeps its Points column in view.
    windowfit::open(this, {1800, 1000});
    resizeDocks({m_salesDock}, {width() * 55 / 100}, Qt::Horizontal);
    restoreLayout();
    m_presentation->follow(this);
    updateTitles();
    updateStatus();
    // Start on the next lead to call: the top of the sales view.
    if (m_salesPanel->view()->model()->rowCount() > 0)
        rowselection::select(m_salesPanel->view(), 0);
}

void MainWindow::followLoading()
{
    if (!m_console.isLoading())
        return;
    const auto waiting = [this](int percent) {
        m_interestPanel->setWaiting(tr("Reading every lead and its activity: the interest "
                                       "queue fills in when done. The sales view works now."),
                                    percent);
    };
    waiting(0);
    connect(&m_console, &Console::loadProgress, this, waiting);
    // The interest queue stays empty meanwhile: it says why where it shows.
    connect(&m_console, &Console::loadFailed, this,
            [this](const QString &message) { m_interestPanel->setWaiting(message, 0); });
    connect(&m_console, &Console::loaded, this, [this] {
        m_interestPanel->setWaiting({});
        // Fitted to an empty queue, the names were as narrow as their header, and would be
        // remembered so.
        if (std::exchange(m_interestColumnsUnfitted, false)) {
            m_interestPanel->fitColumnsToContents();
            fitInterestColumns();
        }
        updateTitles();
        updateStatus();
        statusBar()->showMessage(tr("Every lead is read: the interest queue is complete"), 8000);
    });
}

QDockWidget *MainWindow::addQueueDock(QueuePanel *panel, const QString &objectName)
{
    auto *dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    return dock;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_databaseFiles->newAction());
    file->addAction(m_databaseFiles->openAction());
    file->addAction(m_databaseFiles->connectAction());
    file->addSeparator();
    file->addAction(m_fileActions->importAction());
    file->addAction(m_fileActions->exportQueueAction());
    file->addAction(tr("Export &meeting report…"), this, [this] {
        ReportExportDialog dialog(
            m_console.database().location(), [this] { return m_console.now(); }, m_prompter, this);
        if (dialog.exec() == QDialog::Accepted)
            statusBar()->showMessage(dialog.message(), 10000);
    });
    file->addSeparator();
    file->addAction(m_databaseActions->checkAction());
    file->addAction(m_databaseActions->backupAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *lead = menuBar()->addMenu(tr("&Lead"));
    lead->setObjectName(QStringLiteral("leadMenu"));
    lead->addAction(m_leadFinder->findAction());
    lead->addSeparator();
    lead->addActions(m_salesActions->actions());
    lead->addSeparator();
    lead->addAction(m_fileActions->exportPackageAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("&Refresh now"), this, [this] { m_console.poll(true); });
    refresh->setShortcut(QKeySequence::Refresh);
    view->addSeparator();
    view->addAction(m_salesDock->toggleViewAction());
    view->addAction(m_interestDock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Dashboard"), this, &MainWindow::openDashboard);
    QAction *meeting = view->addAction(tr("&Meeting"), this, &MainWindow::openMeeting);
    meeting->setObjectName(QStringLiteral("meetingAction"));
    meeting->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_M);
    view->addSeparator();
    view->addAction(m_presentation->toggleAction());
    view->addAction(m_presentation->largerAction());
    view->addAction(m_presentation->smallerAction());

    QMenu *scoring = menuBar()->addMenu(tr("&Scoring"));
    QAction *tune =
        scoring->addAction(tr("&Tune the scoring model…"), this, &MainWindow::openTuningWorkspace);
    tune->setObjectName(QStringLiteral("tuneAction"));
    tune->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_T);

    QMenu *profile = menuBar()->addMenu(tr("&Profile"));
    profile->addAction(tr("&Switch profile…"), this, &MainWindow::switchProfile);
    profile->addAction(m_routing->availableAction());
    profile->addAction(m_routing->settingsAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Handoff"), this, [this] {
        // open(), not exec(): nothing waits for it to close, so tests read it as it is.
        auto *dialog = new AboutDialog(m_console.database(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    about->setObjectName(QStringLiteral("aboutAction"));
}

bool MainWindow::ensureProfile()
{
    const QString remembered = m_settings.text(AppSettings::Key::ProfileName);
    for (const Profile &p : m_console.profiles()) {
        if (p.name == remembered) {
            m_console.setProfile(p);
            updateStatus();
            m_salesActions->updateState();
            m_routing->profileChanged();
            return true;
        }
    }
    return switchProfile();
}

bool MainWindow::switchProfile()
{
    for (;;) {
        const auto chosen =
            m_prompter.askProfile(this, m_console.profiles(), m_console.profile().name);
        if (!chosen)
            return !m_console.profile().name.isEmpty();
        try {
            const Profile profile =
                chosen->id ? *chosen : m_console.addProfile(chosen->name, chosen->role);
            if (m_tuning)
                m_tuning->saveDraft(); // still as its author
            // Also still as its author: another profile may not record qualification.
            m_leadPanel->qualificationForm()->saveEdits();
            m_console.setProfile(profile);
            if (m_tuning)
                m_tuning->setProfile(profile);
            m_settings.setValue(AppSettings::Key::ProfileName, profile.name);
            m_undo->clear(); // one person's edits are not another's to undo
            break;
        } catch (const Error &e) {
            m_prompter.showError(this, e.message());
        }
    }
    updateStatus();
    m_salesActions->updateState();
    m_routing->profileChanged();
    m_leadPanel->reload();
    return true;
}

DashboardView *MainWindow::openDashboard()
{
    auto *dashboard = new DashboardView(m_console.database().location(), m_prompter, this);
    dashboard->setWindowFlag(Qt::Window);
    dashboard->setAttribute(Qt::WA_DeleteOnClose);
    dashboard->setWindowTitle(tr("Dashboard"));
    m_presentation->follow(dashboard);
    windowfit::open(dashboard, {1400, 900});
    dashboard->show();
    return dashboard;
}

MeetingView *MainWindow::openMeeting()
{
    auto *meetingView = new MeetingView(m_console.database(), m_prompter, m_console.profile().name,
                                        m_console.now(), this);
    meetingView->setWindowFlag(Qt::Window);
    meetingView->setAttribute(Qt::WA_DeleteOnClose);
    m_presentation->follow(meetingView);
    windowfit::open(meetingView, {1400, 900});
    meetingView->show();
    return meetingView;
}

void MainWindow::restoreLayout()
{
    // A geometry remembered on a larger or another screen comes back onto this one (Qt
    // refuses one from a screen much unlike this one: the window keeps its first size).
    const QByteArray geometry = m_settings.bytes(AppSettings::Key::WindowGeometry);
    bool narrowed = false;
    if (restoreGeometry(geometry)) {
        const int remembered = width();
        windowfit::keepOnScreen(this);
        narrowed = remembered > width();
    } else {
        narrowed = !geometry.isEmpty();
    }
    restoreState(m_settings.bytes(AppSettings::Key::WindowState));
    // The queues' width too, which is in pixels: queues given 990 of a projector's 1800 left
    // a laptop's lead panel 250. On another or a narrower screen, the window splits as at
    // first.
    if (narrowed)
        resizeDocks({m_salesDock}, {width() * 55 / 100}, Qt::Horizontal);
    const QByteArray salesHeader = m_settings.bytes(AppSettings::Key::SalesQueueHeader);
    const QByteArray interestHeader = m_settings.bytes(AppSettings::Key::InterestQueueHeader);
    m_salesPanel->restoreHeader(salesHeader);
    m_interestPanel->restoreHeader(interestHeader);
    // First start: the columns fitted to their text may not all fit the queue's width (at
    // 1280x720 Score and Claimed by were off to the right); the long text columns give way.
    if (salesHeader.isEmpty())
        fitColumns(m_salesPanel->view(), queueWidth(),
                   {SalesQueueModel::LeadName, SalesQueueModel::Company, SalesQueueModel::Title,
                    SalesQueueModel::AskedFor});
    if (interestHeader.isEmpty()) {
        fitInterestColumns();
        m_interestColumnsUnfitted = m_console.isLoading();
    }
    m_leadPanel->tabs()->setCurrentIndex(m_settings.number(AppSettings::Key::LeadPanelTab));
}

int MainWindow::queueWidth() const
{
    return width() * 55 / 100 - 24; // the dock's frame and scroll bar
}

void MainWindow::fitInterestColumns()
{
    fitColumns(m_interestPanel->view(), queueWidth(),
               {InterestQueueModel::Returned, InterestQueueModel::LastActivity,
                InterestQueueModel::LeadName, InterestQueueModel::Company,
                InterestQueueModel::Title});
}

void MainWindow::fitColumns(QTableView *view, int width, const QList<int> &shrinkable)
{
    constexpr int Narrowest = 90;
    const QHeaderView *header = view->horizontalHeader();
    int total = 0;
    int slack = 0;
    for (int c = 0; c < header->count(); ++c) {
        total += header->sectionSize(c);
        if (shrinkable.contains(c))
            slack += std::max(0, header->sectionSize(c) - Narrowest);
    }
    const int excess = total - width;
    if (excess <= 0 || slack <= 0)
        return;
    for (const int c : shrinkable) {
        const int size = header->sectionSize(c);
        const int give =
            int(qint64(std::min(excess, slack)) * std::max(0, size - Narrowest) / slack);
        view->setColumnWidth(c, size - give);
    }
}

void MainWindow::saveLayout()
{
    m_settings.setValue(AppSettings::Key::WindowGeometry, saveGeometry());
    m_settings.setValue(AppSettings::Key::WindowState, saveState());
    m_settings.setValue(AppSettings::Key::SalesQueueHeader, m_salesPanel->saveHeader());
    m_settings.setValue(AppSettings::Key::InterestQueueHeader, m_interestPanel->saveHeader());
    m_settings.setValue(AppSettings::Key::LeadPanelTab, m_leadPanel->tabs()->currentIndex());
}

bool MainWindow::keepQualificationEdits()
{
    // As when switching leads: what was typed is saved, not asked about.
    QualificationForm *form = m_leadPanel->qualificationForm();
    form->saveEdits();
    if (!form->hasUnsavedEdits())
        return true;
    // The save failed (its reason is in the status bar): closing now would lose the text.
    const auto answer =
        m_prompter.askChoice(this, tr("Qualification details"),
                             tr("The qualification details you typed could not be saved: %1")
                                 .arg(statusBar()->currentMessage()),
                             {tr("Keep the window open"), tr("Discard them and close")});
    return answer == 1;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!keepQualificationEdits()) {
        event->ignore();
        return;
    }
    // This window's own windows (tuning, meeting, dashboard) close first, saving what they
    // hold; one that will not close (notes that could not be saved) keeps this one open.
    for (QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (child->isWindow() && child->isVisible() && !qobject_cast<QDockWidget *>(child) &&
            !child->close()) {
            event->ignore();
            return;
        }
    }
    saveLayout();
    event->accept();
    emit closed();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() &&
            url.toLocalFile().endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() &&
            url.toLocalFile().endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
            event->acceptProposedAction();
            // After the drop has finished: the import dialog is modal.
            QTimer::singleShot(
                0, this, [this, path = url.toLocalFile()] { m_fileActions->importFile(path); });
            return;
        }
    }
}

void MainWindow::showLead(qint64 leadId)
{
    m_leadPanel->showLead(leadId);
}

void MainWindow::openLead(qint64 leadId)
{
    m_salesDock->raise();
    if (m_salesPanel->selectLead(leadId))
        return;
    if (m_interestPanel->selectLead(leadId)) {
        m_interestDock->raise();
        return;
    }
    // In neither queue: no row stays selected that would say otherwise; the panel and the
    // actions follow the lead itself.
    m_salesPanel->clearSelection();
    m_interestPanel->clearSelection();
    m_leadPanel->showLead(leadId);
    m_salesActions->setCurrentLead(leadId);
    m_fileActions->setCurrentLead(leadId);
    if (const auto lead = m_leadPanel->leadId() == leadId ? m_console.lead(leadId) : std::nullopt)
        statusBar()->showMessage(tr("%1 is in neither queue (stage %2)")
                                     .arg(lead->displayName(), stage::label(lead->stage)),
                                 8000);
}

void MainWindow::updateTitles()
{
    const SalesQueueModel *sales = m_console.salesQueue();
    m_salesDock->setWindowTitle(tr("Sales: hand-raisers (%1) and MQLs (%2)")
                                    .arg(sales->countOf(Handoff::Trigger::Intent))
                                    .arg(sales->countOf(Handoff::Trigger::Mql)));
    const InterestQueueModel *interest = m_console.interestQueue();
    if (m_console.isLoading()) {
        m_interestDock->setWindowTitle(tr("Interest: nurture (reading every lead…)"));
        return;
    }
    QString title = tr("Interest: nurture (%1, %2 above the MQL threshold of %3)")
                        .arg(interest->rowCount())
                        .arg(interest->aboveThresholdCount())
                        .arg(m_console.engine().scores().model().mqlThreshold);
    // Leads above the threshold that sales sent back are why the count above is not zero.
    if (const int returned = interest->rejectedAboveThresholdCount())
        title += tr(", %n of them rejected by sales", nullptr, returned);
    m_interestDock->setWindowTitle(title);
}

void MainWindow::updateStatus()
{
    m_fileLabel->setText(QFileInfo(m_console.database().filePath()).fileName());
    m_fileLabel->setToolTip(m_console.database().filePath());
    const Profile &p = m_console.profile();
    m_userLabel->setText(p.name.isEmpty() ? tr("no profile")
                                          : tr("%1 (%2)").arg(p.name, Profile::roleLabel(p.role)));
    const auto live = m_console.engine().liveModelId();
    m_modelLabel->setText(live ? tr("model v%1").arg(*live) : tr("standard model (none live)"));
}

void MainWindow::notifyEscalations()
{
    const auto escalations = std::exchange(m_escalations, {});
    constexpr int TellEach = 3;
    if (escalations.size() <= TellEach) {
        for (const auto &[leadId, trigger] : escalations)
            notifyEscalation(leadId, trigger);
        return;
    }
    const auto handRaisers = std::count_if(escalations.begin(), escalations.end(), [](auto &e) {
        return Handoff::Trigger(e.second) == Handoff::Trigger::Intent;
    });
    const QString message =
        tr("%Ln leads went to sales, %1 of them hand-raisers", nullptr, int(escalations.size()))
            .arg(handRaisers);
    m_banner->notify(escalations.first().first, message);
    if (m_tray)
        m_tray->showMessage(tr("Leads for sales"), message, QSystemTrayIcon::Information, 8000);
}

void MainWindow::notifyEscalation(qint64 leadId, int trigger)
{
    const auto lead = m_console.lead(leadId);
    const QString name = lead ? lead->displayName() : tr("lead %1").arg(leadId);
    const QString message = Handoff::Trigger(trigger) == Handoff::Trigger::Intent
                                ? tr("%1 raised a hand: call within %2 (the agreed SLA)")
                                      .arg(name, speedtolead::minutesText(m_console.slaMinutes()))
                                : tr("%1 crossed the MQL threshold and went to sales").arg(name);
    m_banner->notify(leadId, message);
    if (m_tray)
        m_tray->showMessage(tr("Lead for sales"), message, QSystemTrayIcon::Information, 8000);
}

TuningWorkspace *MainWindow::openTuningWorkspace()
{
    if (!m_tuning) {
        m_tuning = new TuningWorkspace(m_console, m_prompter, &m_settings, this);
        m_tuning->setWindowFlag(Qt::Window);
        m_tuning->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_tuning->show();
    m_tuning->raise();
    m_tuning->activateWindow();
    return m_tuning;
}

} // namespace handoff
