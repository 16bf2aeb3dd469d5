#pragma once

// Asks why sales rejects a lead: a reason from the agreed list (what the weekly meeting
// counts) and an optional note.

#include <QDialog>

#include "ui/prompter.h"

class QComboBox;
class QDialogButtonBox;
class QLineEdit;

namespace handoff {

class RejectDialog : public QDialog
{
    Q_OBJECT

public:
    RejectDialog(const QString &lead, const QStringList &reasons, QWidget *parent = nullptr);

    RejectChoice choice() const;

private:
    QComboBox *m_reason;
    QLineEdit *m_note;
    QDialogButtonBox *m_buttons;
};

} // namespace handoff
