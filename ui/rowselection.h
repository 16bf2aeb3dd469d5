#pragma once

// Selecting a row from code, whatever keys are held: QAbstractItemView::setCurrentIndex() and
// QTableView::selectRow() read the keyboard's modifiers, so a selection made while Ctrl is
// still down (Ctrl+Return accepted a lead, Ctrl+B ran a backtest) toggled the row off instead.

#include <QAbstractItemView>
#include <QItemSelectionModel>

namespace handoff {

namespace rowselection {

inline void select(QAbstractItemView *view, const QModelIndex &index)
{
    view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    view->scrollTo(index);
}

inline void select(QAbstractItemView *view, int row)
{
    select(view, view->model()->index(row, 0, view->rootIndex()));
}

} // namespace rowselection

} // namespace handoff
