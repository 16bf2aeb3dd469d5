#include "prompter.h"

#include <QInputDialog>
#include <QMessageBox>

#include "handoffactions.h"
#include "profiledialog.h"
#include "rejectdialog.h"

std::optional<RejectChoice> DialogPrompter::askRejectReason(QWidget *parent, const QString &lead)
{
    RejectDialog dialog(lead, HandoffActions::rejectReasons(), parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.choice();
}

std::optional<QString> DialogPrompter::askReassignTo(QWidget *parent, const QStringList &reps)
{
    bool ok = false;
    const QString rep = QInputDialog::getItem(parent, QObject::tr("Reassign lead"),
                                              QObject::tr("Give the lead to:"), reps, 0, true, &ok);
    if (!ok || rep.trimmed().isEmpty())
        return std::nullopt;
    return rep.trimmed();
}

std::optional<Profile> DialogPrompter::askProfile(QWidget *parent, const QList<Profile> &profiles,
                                                  const QString &current)
{
    ProfileDialog dialog(profiles, current, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.profile();
}

void DialogPrompter::showError(QWidget *parent, const QString &message)
{
    QMessageBox::warning(parent, QObject::tr("Handoff"), message);
}
