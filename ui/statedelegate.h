#pragma once

// Draws the states a model reports in the look palette.h gives them: the Waiting clock's SLA
// state, the unclaimed mark, a draft weight's change. The models say what a cell is; this is
// where that becomes a colour or a font.

#include <functional>

#include <QStyledItemDelegate>

namespace handoff {

class StateDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using Style = std::function<void(const QModelIndex &index, QStyleOptionViewItem *option)>;
    StateDelegate(Style style, QObject *parent);

    // The option an item is drawn with: its colours and font as the user sees them.
    QStyleOptionViewItem styledOption(const QModelIndex &index) const;

    // The styles of the sales queue (SalesQueueModel) and the weights table
    // (ActivityWeightsModel).
    static void salesQueue(const QModelIndex &index, QStyleOptionViewItem *option);
    static void activityWeights(const QModelIndex &index, QStyleOptionViewItem *option);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    Style m_style;
};

} // namespace handoff
