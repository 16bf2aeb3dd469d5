#include "mainwindow.h"

#include <QDateTime>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

#include "console.h"
#include "leadpanel.h"
#include "queuepanel.h"

MainWindow::MainWindow(Console &console, QWidget *parent)
    : QMainWindow(parent)
    , m_console(console)
    , m_intentPanel(new QueuePanel(console.intentQueue(), IntentQueueModel::LeadIdRole, this))
    , m_interestPanel(new QueuePanel(console.interestQueue(), InterestQueueModel::LeadIdRole, this))
    , m_leadPanel(new LeadPanel(this))
    , m_clock(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_intentPanel->setObjectName(QStringLiteral("intentQueue"));
    m_interestPanel->setObjectName(QStringLiteral("interestQueue"));
    setCentralWidget(m_leadPanel);
    m_intentDock =
        addQueueDock(m_intentPanel, QStringLiteral("intentDock"), Qt::LeftDockWidgetArea);
    m_interestDock =
        addQueueDock(m_interestPanel, QStringLiteral("interestDock"), Qt::LeftDockWidgetArea);
    splitDockWidget(m_intentDock, m_interestDock, Qt::Vertical);
    resizeDocks({m_intentDock}, {1000}, Qt::Horizontal);

    connect(m_intentPanel, &QueuePanel::leadSelected, this, &MainWindow::showLead);
    connect(m_interestPanel, &QueuePanel::leadSelected, this, &MainWindow::showLead);
    connect(&m_console, &Console::queuesChanged, this, &MainWindow::updateTitles);

    // The speed-to-lead clock ticks every second.
    connect(m_clock, &QTimer::timeout, this,
            [this] { m_console.intentQueue()->setNow(QDateTime::currentSecsSinceEpoch()); });
    m_clock->start(1000);

    const auto live = m_console.engine().liveModelId();
    statusBar()->showMessage(tr("%1 · model %2")
                                 .arg(QFileInfo(m_console.database().filePath()).fileName(),
                                      live ? tr("v%1").arg(*live) : tr("standard (none live)")));
    for (QueuePanel *panel : {m_intentPanel, m_interestPanel})
        panel->view()->horizontalHeader()->resizeSections(QHeaderView::ResizeToContents);
    updateTitles();
    // Start on the next lead to call: the top of the intent queue.
    if (m_intentPanel->view()->model()->rowCount() > 0)
        m_intentPanel->view()->selectRow(0);
    setWindowTitle(tr("Handoff"));
    resize(1600, 900);
}

QDockWidget *MainWindow::addQueueDock(QueuePanel *panel, const QString &objectName,
                                      Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::updateTitles()
{
    m_intentDock->setWindowTitle(
        tr("Intent: hand-raisers (%1)").arg(m_console.intentQueue()->rowCount()));
    m_interestDock->setWindowTitle(tr("Interest: nurture (%1, %2 above the MQL threshold)")
                                       .arg(m_console.interestQueue()->rowCount())
                                       .arg(m_console.interestQueue()->aboveThresholdCount()));
}

void MainWindow::showLead(qint64 leadId)
{
    const Lead &lead = m_console.leads().lead(leadId);
    if (lead.id == 0) {
        m_leadPanel->clear();
        return;
    }
    m_leadPanel->showLead(lead, m_console.explain(leadId));
}
