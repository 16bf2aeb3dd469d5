#pragma once

// One queue on screen: a sortable table over a queue model, reporting the lead the user
// selects. Used for both the intent and the interest queue.

#include <QWidget>

class QAbstractItemModel;
class QSortFilterProxyModel;
class QTableView;

class QueuePanel : public QWidget
{
    Q_OBJECT

public:
    QueuePanel(QAbstractItemModel *model, int leadIdRole, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }

signals:
    void leadSelected(qint64 leadId);

private:
    void reportSelection();

    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    int m_leadIdRole;
};
