#include "ui/applysuggestionsdialog.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace handoff {

namespace {
QString kindText(SuggestionChange::Kind kind)
{
    using Kind = SuggestionChange::Kind;
    switch (kind) {
    case Kind::ActivityPoints:
        return ApplySuggestionsDialog::tr("Activity points");
    case Kind::NewActivity:
        return ApplySuggestionsDialog::tr("New activity weight");
    case Kind::RulePoints:
        return ApplySuggestionsDialog::tr("Rule points");
    case Kind::NewRule:
        return ApplySuggestionsDialog::tr("New rule");
    case Kind::RuleRemoved:
        return ApplySuggestionsDialog::tr("Rule taken out");
    case Kind::Replaced:
        return ApplySuggestionsDialog::tr("Rule replaced");
    }
    return {};
}
} // namespace

ApplySuggestionsDialog::ApplySuggestionsDialog(const QList<SuggestionChange> &changes,
                                               int suggestions, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(int(changes.size()), 4, this))
    , m_apply(new QPushButton(tr("&Apply"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("applySuggestionsDialog"));
    setWindowTitle(tr("Apply all suggestions"));
    auto *summary = new QLabel(this);
    summary->setObjectName(QStringLiteral("applySummary"));
    summary->setWordWrap(true);
    const int count = int(changes.size());
    summary->setText(count == 0
                         ? tr("The draft already has every suggested value: nothing would change.")
                         : (count == 1 ? tr("1 change to the draft")
                                       : tr("%1 changes to the draft").arg(count)) +
                               (suggestions == 1 ? tr(", from 1 suggestion.")
                                                 : tr(", from %1 suggestions.").arg(suggestions)) +
                               QLatin1Char(' ') + tr("One undo (Ctrl+Z) takes them all back."));
    m_table->setObjectName(QStringLiteral("changes"));
    m_table->setHorizontalHeaderLabels({tr("Change"), tr("What"), tr("Now"), tr("Suggested")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(false);
    for (int row = 0; row < changes.size(); ++row) {
        const SuggestionChange &c = changes[row];
        const QStringList cells = {kindText(c.kind), c.item, c.before, c.after};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setToolTip(cells[column]);
            m_table->setItem(row, column, item);
        }
    }
    // What changes takes the room; the values keep theirs, a long one elided (its tooltip
    // has it whole), so "now" and "suggested" stay in view beside every line.
    m_table->resizeColumnsToContents();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int column : {2, 3})
        header->resizeSection(column, std::min(header->sectionSize(column), 300));
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_apply->setObjectName(QStringLiteral("applyChanges"));
    m_apply->setEnabled(!changes.isEmpty());
    m_apply->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelChanges"));
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(1000, 560);
}

} // namespace handoff
