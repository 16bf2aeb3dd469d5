#include "ui/statedelegate.h"

#include "ui/palette.h"

namespace handoff {

StateDelegate::StateDelegate(Style style, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_style(std::move(style))
{}

QStyleOptionViewItem StateDelegate::styledOption(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    initStyleOption(&option, index);
    return option;
}

void StateDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    m_style(index, option);
}

void StateDelegate::salesQueue(const QModelIndex &index, QStyleOptionViewItem *option)
{
    if (index.column() == SalesQueueModel::Waiting) {
        option->palette.setColor(
            QPalette::Text,
            palette::sla(SlaState(index.data(SalesQueueModel::SlaStateRole).toInt())));
    }
    // Nobody has it yet: set apart from the reps' names.
    if (index.column() == SalesQueueModel::ClaimedBy &&
        index.data(SalesQueueModel::ClaimedByRole).toString().isEmpty())
        option->font.setItalic(true);
}

void StateDelegate::activityWeights(const QModelIndex &index, QStyleOptionViewItem *option)
{
    if (index.column() != ActivityWeightsModel::Points)
        return;
    const QColor colour = palette::weightChange(
        WeightChange(index.data(ActivityWeightsModel::WeightChangeRole).toInt()));
    if (colour.isValid())
        option->palette.setColor(QPalette::Text, colour);
}

} // namespace handoff
