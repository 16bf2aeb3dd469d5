#pragma once

// Draws the MQL threshold in the interest queue: a strong line between the last lead at or
// above the threshold and the first below it, when the queue is sorted by score.

#include <QStyledItemDelegate>

class QTableView;

namespace handoff {

class ThresholdDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    ThresholdDelegate(QTableView *view, int scoreColumn, int aboveRole);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    QTableView *m_view;
    int m_scoreColumn;
    int m_aboveRole;
};

} // namespace handoff
