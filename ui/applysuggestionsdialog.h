#pragma once

// "Apply all" asks first: every change the suggestions would make to the draft (an activity
// type's points, a fit rule's points, a new rule, a value taken out of a rule), each with its
// current and suggested value, and how many there are, with Apply and Cancel. It only asks:
// the caller applies on accepted(), as one undo step.

#include <QDialog>

#include "scoring/suggestionchanges.h"

class QPushButton;
class QTableWidget;

namespace handoff {

class ApplySuggestionsDialog : public QDialog
{
    Q_OBJECT

public:
    ApplySuggestionsDialog(const QList<SuggestionChange> &changes, int suggestions,
                           QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    QTableWidget *m_table;
    QPushButton *m_apply;
    QPushButton *m_cancel;
};

} // namespace handoff
