#include "ui/rejectdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace handoff {

RejectDialog::RejectDialog(const QString &lead, const QStringList &reasons, QWidget *parent)
    : QDialog(parent)
    , m_reason(new QComboBox(this))
    , m_note(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Reject %1").arg(lead));
    m_reason->setObjectName(QStringLiteral("rejectReason"));
    m_note->setObjectName(QStringLiteral("rejectNote"));
    m_reason->addItem(tr("Pick a reason…"));
    m_reason->addItems(reasons);
    m_note->setPlaceholderText(tr("What sales learned (optional)"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Reject and return to nurture"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto *form = new QFormLayout(this);
    form->addRow(new QLabel(tr("The lead goes back to marketing's nurture queue."), this));
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(m_buttons);

    connect(m_reason, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(index > 0); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

RejectChoice RejectDialog::choice() const
{
    return {m_reason->currentIndex() > 0 ? m_reason->currentText() : QString(), m_note->text()};
}

} // namespace handoff
