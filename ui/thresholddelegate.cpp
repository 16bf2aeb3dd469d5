#include "ui/thresholddelegate.h"

#include <QHeaderView>
#include <QPainter>
#include <QTableView>

#include "ui/palette.h"

namespace handoff {

ThresholdDelegate::ThresholdDelegate(QTableView *view, int scoreColumn, int aboveRole)
    : QStyledItemDelegate(view)
    , m_view(view)
    , m_scoreColumn(scoreColumn)
    , m_aboveRole(aboveRole)
{}

void ThresholdDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    if (m_view->horizontalHeader()->sortIndicatorSection() != m_scoreColumn)
        return;
    const QModelIndex next = index.siblingAtRow(index.row() + 1);
    if (!next.isValid() || index.data(m_aboveRole).toBool() == next.data(m_aboveRole).toBool())
        return;
    painter->save();
    painter->setPen(QPen(palette::threshold(), 3));
    painter->drawLine(option.rect.bottomLeft(), option.rect.bottomRight());
    painter->restore();
}

} // namespace handoff
