#pragma once

// One queue on screen: an optional search box, a toolbar of actions, and a sortable table
// over a queue model through QueueSortProxy. Reports the lead the user selects, keeps the
// selection when rows move, and saves its header (widths and sort order). A search that
// leaves the table empty says so and offers the search over every lead; the model's legend
// (what the colours mean) shows under the table. Used for both the sales view and the
// interest queue.

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolBar;

namespace handoff {

class QueueSortProxy;
class QueueTableModel;

class QueuePanel : public QWidget
{
    Q_OBJECT

public:
    QueuePanel(QueueTableModel *model, int leadIdRole, bool searchable, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QueueSortProxy *proxy() const { return m_proxy; }
    QLineEdit *searchField() const { return m_search; }
    // "No leads in this queue match …": shown when a search leaves the table empty.
    QLabel *noMatchLabel() const { return m_noMatch; }

    // A bar above the table saying what the queue waits for and how far it got (0..100);
    // an empty text hides it.
    void setWaiting(const QString &text, int percent = 0);
    QWidget *waitingBar() const { return m_waitingBar; }

    // Toolbar buttons and the table's context menu.
    void setActions(const QList<QAction *> &actions);
    qint64 currentLeadId() const;
    // Selects the lead's row (clearing any search that hides it); false when not in the queue.
    bool selectLead(qint64 leadId);
    // No row selected (reports lead 0).
    void clearSelection();
    void sortBy(int column, Qt::SortOrder order);

    QByteArray saveHeader() const;
    // Puts back the columns' widths, order and sort as saved (empty: fits them to their
    // text), then sorts: call it once the panel is set up.
    void restoreHeader(const QByteArray &state);
    // Fits the columns to the rows at the top and to the widest text each may come to show.
    void fitColumnsToContents();

signals:
    void leadSelected(qint64 leadId);
    // The user asked to look for the search text among every lead, in a queue or not.
    void searchAllLeads(const QString &text);

private:
    void widenToWidestText();
    bool selectLeadIfShown(qint64 leadId);
    void reportSelection();
    void updateNoMatch();

    int m_leadIdRole;
    QueueTableModel *m_model;
    qint64 m_leadBeforeReset = 0;
    QueueSortProxy *m_proxy;
    QLineEdit *m_search = nullptr;
    QWidget *m_noMatchBar = nullptr;
    QLabel *m_noMatch = nullptr;
    QPushButton *m_searchAll = nullptr;
    QWidget *m_waitingBar;
    QLabel *m_waiting;
    QProgressBar *m_waitingProgress;
    QToolBar *m_toolbar;
    QTableView *m_view;
    QLabel *m_legend;
};

} // namespace handoff
