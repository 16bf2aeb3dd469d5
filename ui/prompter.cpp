#include "ui/prompter.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QTextStream>

#include "queues/handoffactions.h"
#include "ui/profiledialog.h"
#include "ui/rejectdialog.h"
#include "ui/routingdialog.h"
#include "ui/ruledialog.h"
#include "ui/targetsdialog.h"
#include "ui/textdialog.h"

namespace handoff {

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

void UnattendedPrompter::showError(QWidget *, const QString &message)
{
    QTextStream(stderr) << "handoff: " << message << '\n';
    m_hadError = true;
}

void DialogPrompter::showError(QWidget *parent, const QString &message)
{
    QMessageBox::warning(parent, QObject::tr("Handoff"), message);
}

std::optional<QString> DialogPrompter::askOpenFile(QWidget *parent, const QString &title,
                                                   const QString &filter)
{
    const QString path = QFileDialog::getOpenFileName(parent, title, {}, filter);
    return path.isEmpty() ? std::nullopt : std::optional(path);
}

std::optional<SaveChoice> DialogPrompter::askSaveFile(QWidget *parent, const QString &title,
                                                      const QString &suggestedName, bool json)
{
    const QString spreadsheet = QObject::tr("CSV for spreadsheet programs, UTF-8 with BOM (*.csv)");
    const QString plain = QObject::tr("CSV, UTF-8 (*.csv)");
    const QString jsonFilter = QObject::tr("JSON (*.json)");
    QStringList filters = {spreadsheet, plain};
    if (json)
        filters.prepend(jsonFilter);
    QString selected = filters.first();
    QString path = QFileDialog::getSaveFileName(parent, title, suggestedName,
                                                filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return std::nullopt;
    const bool isJson = selected == jsonFilter;
    if (!path.contains(QLatin1Char('.')))
        path += isJson ? QStringLiteral(".json") : QStringLiteral(".csv");
    return SaveChoice{path, selected == spreadsheet};
}

std::optional<QString> DialogPrompter::askText(QWidget *parent, const QString &title,
                                               const QString &label)
{
    TextDialog dialog(title, label, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.text();
}

std::optional<QString> DialogPrompter::askNewFile(QWidget *parent, const QString &title,
                                                  const QString &suggestedPath,
                                                  const QString &filter)
{
    const QString path = QFileDialog::getSaveFileName(parent, title, suggestedPath, filter);
    return path.isEmpty() ? std::nullopt : std::optional(path);
}

void DialogPrompter::showReport(QWidget *parent, const QString &title, const QString &summary,
                                const QString &details)
{
    QMessageBox box(QMessageBox::Information, title, summary, QMessageBox::Ok, parent);
    box.setDetailedText(details);
    box.exec();
}

std::optional<QString> DialogPrompter::askLine(QWidget *parent, const QString &title,
                                               const QString &label)
{
    bool ok = false;
    const QString text =
        QInputDialog::getText(parent, title, label, QLineEdit::Normal, QString(), &ok);
    return ok ? std::optional(text) : std::nullopt;
}

std::optional<int> DialogPrompter::askChoice(QWidget *parent, const QString &title,
                                             const QString &label, const QStringList &items)
{
    bool ok = false;
    const QString chosen = QInputDialog::getItem(parent, title, label, items, 0, false, &ok);
    const qsizetype index = items.indexOf(chosen);
    return ok && index >= 0 ? std::optional(int(index)) : std::nullopt;
}

std::optional<int> DialogPrompter::askNumber(QWidget *parent, const QString &title,
                                             const QString &label, int value, int minimum,
                                             int maximum)
{
    bool ok = false;
    const int number = QInputDialog::getInt(parent, title, label, value, minimum, maximum, 1, &ok);
    return ok ? std::optional(number) : std::nullopt;
}

bool DialogPrompter::askConfirm(QWidget *parent, const QString &title, const QString &question)
{
    return QMessageBox::question(parent, title, question) == QMessageBox::Yes;
}

namespace {

// The rule dialog for either kind of rule: a new one, or `current` edited.
template <typename Rule>
std::optional<Rule> askRuleIn(RuleDialog::Kind kind, QWidget *parent,
                              const QStringList &customFields, const Rule *current)
{
    RuleDialog dialog(kind, customFields, parent);
    if (current)
        dialog.setRule(*current);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.rule<Rule>();
}

} // namespace

std::optional<FitRule> DialogPrompter::askFitRule(QWidget *parent, const QStringList &customFields,
                                                  const FitRule *current)
{
    return askRuleIn(RuleDialog::Kind::Fit, parent, customFields, current);
}

std::optional<DisqualificationRule>
DialogPrompter::askDisqualification(QWidget *parent, const QStringList &customFields,
                                    const DisqualificationRule *current)
{
    return askRuleIn(RuleDialog::Kind::Disqualification, parent, customFields, current);
}

std::optional<MeetingTargets> DialogPrompter::askTargets(QWidget *parent,
                                                         const MeetingTargets &current,
                                                         const QList<MeetingTargets> &history)
{
    TargetsDialog dialog(current, history, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.targets();
}

std::optional<TeamRouting> DialogPrompter::askRouting(QWidget *parent, const TeamRouting &current)
{
    RoutingDialog dialog(current, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.choice();
}

} // namespace handoff
