#pragma once

// What the queue models share with QueueSortProxy: typed comparison and search, so sorting
// a hundred thousand rows never goes through QVariant.

#include <QAbstractTableModel>

class QueueTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    // Whether source row a sorts before b by `column`, ascending.
    virtual bool lessThan(int a, int b, int column) const = 0;
    // Whether the row matches a search: `needle` is already case-folded and never empty.
    virtual bool matches(int row, const QString &needle) const = 0;
};
