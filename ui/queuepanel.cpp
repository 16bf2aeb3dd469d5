#include "ui/queuepanel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "queues/queuesortproxy.h"
#include "queues/queuetablemodel.h"
#include "ui/rowselection.h"

namespace handoff {

QueuePanel::QueuePanel(QueueTableModel *model, int leadIdRole, bool searchable, QWidget *parent)
    : QWidget(parent)
    , m_leadIdRole(leadIdRole)
    , m_model(model)
    , m_proxy(new QueueSortProxy(model, this))
    , m_toolbar(new QToolBar(this))
    , m_view(new QTableView(this))
    , m_legend(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("queueTable"));
    // Row heights before the rows: set after them, each of a million leads' rows is resized
    // once and noted for the view's next layout (4 MB at a million).
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setModel(m_proxy);
    // Sorting is enabled once the order is known (restoreHeader): a queue of a million leads
    // is then sorted once, not by the default column first.
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolbar->setIconSize({16, 16});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    if (searchable) {
        m_search = new QLineEdit(this);
        m_search->setObjectName(QStringLiteral("queueSearch"));
        m_search->setPlaceholderText(
            tr("Search name, company, e-mail, external id or title (Ctrl+F)"));
        m_search->setClearButtonEnabled(true);
        layout->addWidget(m_search);
        // Filtering a large queue on every keystroke would stutter: wait for a pause.
        auto *debounce = new QTimer(this);
        debounce->setSingleShot(true);
        debounce->setInterval(150);
        connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
        connect(debounce, &QTimer::timeout, this,
                [this] { m_proxy->setSearchText(m_search->text()); });
        auto *focusSearch = new QAction(this);
        focusSearch->setShortcut(QKeySequence::Find);
        focusSearch->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(focusSearch, &QAction::triggered, m_search, [this] {
            m_search->setFocus();
            m_search->selectAll();
        });
        addAction(focusSearch);

        // A search that leaves the queue empty says so, and looks further on request: the
        // lead may have been accepted, closed or never handed over.
        m_noMatchBar = new QWidget(this);
        m_noMatchBar->setObjectName(QStringLiteral("noMatchBar"));
        m_noMatch = new QLabel(m_noMatchBar);
        m_noMatch->setObjectName(QStringLiteral("noMatch"));
        m_noMatch->setTextFormat(Qt::PlainText);
        m_noMatch->setWordWrap(true);
        m_searchAll = new QPushButton(tr("Search all leads"), m_noMatchBar);
        m_searchAll->setObjectName(QStringLiteral("searchAllLeads"));
        m_searchAll->setToolTip(tr("Look among every lead, whatever its stage: accepted, "
                                   "closed, rejected or in no queue"));
        auto *bar = new QHBoxLayout(m_noMatchBar);
        bar->setContentsMargins(4, 2, 4, 2);
        bar->addWidget(m_noMatch, 1);
        bar->addWidget(m_searchAll);
        layout->addWidget(m_noMatchBar);
        m_noMatchBar->hide();
        connect(m_searchAll, &QPushButton::clicked, this,
                [this] { emit searchAllLeads(m_search->text().trimmed()); });
        connect(m_search, &QLineEdit::returnPressed, this, [this] {
            m_proxy->setSearchText(m_search->text()); // now, not after the pause
            if (m_proxy->rowCount() == 0 && !m_search->text().trimmed().isEmpty())
                emit searchAllLeads(m_search->text().trimmed());
        });
        connect(m_proxy, &QAbstractItemModel::modelReset, this, &QueuePanel::updateNoMatch);
        connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &QueuePanel::updateNoMatch);
        connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &QueuePanel::updateNoMatch);
        connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &QueuePanel::updateNoMatch);
    }
    m_waitingBar = new QWidget(this);
    m_waitingBar->setObjectName(QStringLiteral("waitingBar"));
    m_waiting = new QLabel(m_waitingBar);
    m_waiting->setObjectName(QStringLiteral("waiting"));
    m_waiting->setTextFormat(Qt::PlainText);
    m_waiting->setWordWrap(true);
    m_waitingProgress = new QProgressBar(m_waitingBar);
    m_waitingProgress->setRange(0, 100);
    m_waitingProgress->setMaximumWidth(240);
    auto *waitingLayout = new QHBoxLayout(m_waitingBar);
    waitingLayout->setContentsMargins(4, 2, 4, 2);
    waitingLayout->addWidget(m_waiting, 1);
    waitingLayout->addWidget(m_waitingProgress);
    layout->addWidget(m_waitingBar);
    m_waitingBar->hide();
    layout->addWidget(m_toolbar);
    layout->addWidget(m_view);
    m_legend->setObjectName(QStringLiteral("queueLegend"));
    m_legend->setTextFormat(Qt::PlainText);
    m_legend->setWordWrap(true);
    m_legend->setContentsMargins(4, 0, 4, 2);
    layout->addWidget(m_legend);
    const auto showLegend = [this, model] {
        m_legend->setText(model->legend());
        m_legend->setVisible(!model->legend().isEmpty());
    };
    connect(model, &QueueTableModel::legendChanged, this, showLegend);
    showLegend();
    m_toolbar->hide();

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &QueuePanel::reportSelection);
    // A new search or a flood of arrivals resets the proxy: keep the user's lead selected if
    // it is still shown, and say so when it is not.
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_leadBeforeReset = currentLeadId(); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        if (m_leadBeforeReset && !selectLeadIfShown(m_leadBeforeReset))
            emit leadSelected(0);
    });
}

void QueuePanel::setWaiting(const QString &text, int percent)
{
    m_waiting->setText(text);
    m_waitingProgress->setValue(percent);
    m_waitingBar->setVisible(!text.isEmpty());
}

void QueuePanel::setActions(const QList<QAction *> &actions)
{
    m_toolbar->clear();
    m_toolbar->addActions(actions);
    m_toolbar->setVisible(!actions.isEmpty());
    for (QAction *a : m_view->actions())
        m_view->removeAction(a);
    m_view->addActions(actions);
}

qint64 QueuePanel::currentLeadId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(m_leadIdRole).toLongLong() : 0;
}

bool QueuePanel::selectLead(qint64 leadId)
{
    if (selectLeadIfShown(leadId))
        return true;
    if (!m_search || m_search->text().isEmpty())
        return false;
    m_search->clear();
    m_proxy->setSearchText({});
    return selectLeadIfShown(leadId);
}

void QueuePanel::clearSelection()
{
    m_view->clearSelection();
    m_view->selectionModel()->clearCurrentIndex();
}

bool QueuePanel::selectLeadIfShown(qint64 leadId)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(m_leadIdRole).toLongLong() == leadId) {
            const bool already = m_view->currentIndex().row() == row;
            rowselection::select(m_view, index);
            if (already)
                emit leadSelected(leadId); // picked again: this queue is the one in use
            return true;
        }
    }
    return false;
}

void QueuePanel::sortBy(int column, Qt::SortOrder order)
{
    if (m_view->isSortingEnabled())
        m_view->sortByColumn(column, order);
    else
        m_view->horizontalHeader()->setSortIndicator(column, order); // sorted once enabled
}

QByteArray QueuePanel::saveHeader() const
{
    return m_view->horizontalHeader()->saveState();
}

void QueuePanel::restoreHeader(const QByteArray &state)
{
    // Sorted first (by the order sortBy() set), then the saved header, which sorts again only
    // when it holds another order; then the columns are fitted to the rows shown at the top.
    m_view->setSortingEnabled(true);
    if (state.isEmpty() || !m_view->horizontalHeader()->restoreState(state))
        fitColumnsToContents(); // first start: fit the columns to what they hold
    else
        widenToWidestText();
}

void QueuePanel::fitColumnsToContents()
{
    m_view->resizeColumnsToContents();
    widenToWidestText();
}

void QueuePanel::widenToWidestText()
{
    // Wide enough for what the column may come to show, not only what it shows now.
    QHeaderView *header = m_view->horizontalHeader();
    for (int c = 0; c < m_proxy->columnCount(); ++c) {
        const QString widest = m_model->widestText(c);
        const int width = m_view->fontMetrics().horizontalAdvance(widest) + 16;
        if (!widest.isEmpty() && header->sectionSize(c) < width)
            header->resizeSection(c, width);
    }
}

void QueuePanel::updateNoMatch()
{
    const QString text = m_search->text().trimmed();
    const bool none = m_proxy->rowCount() == 0 && !text.isEmpty();
    if (none)
        m_noMatch->setText(tr("No leads in this queue match “%1”.").arg(text));
    m_noMatchBar->setVisible(none);
}

void QueuePanel::reportSelection()
{
    emit leadSelected(currentLeadId());
}

} // namespace handoff
