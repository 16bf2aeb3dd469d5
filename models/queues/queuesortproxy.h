#pragma once

// Sorting and filtering for a QueueTableModel: compares through the model's typed lessThan()
// and filters on its matches(), re-sorting changed rows as the model reports them.

#include <QSortFilterProxyModel>

class QueueTableModel;

class QueueSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit QueueSortProxy(QueueTableModel *source, QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_needle; }

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QueueTableModel *m_source;
    QString m_needle;
};
