#pragma once

// Answers to the console's questions, scripted in advance by a widget test, so no dialog
// ever blocks; errors shown are collected for the test to check.

#include <QStringList>

#include "ui/prompter.h"

namespace handoff {

class ScriptedPrompter : public Prompter
{
public:
    std::optional<RejectChoice> reject;
    std::optional<Profile> profile;
    QStringList errors;

    std::optional<RejectChoice> askRejectReason(QWidget *, const QString &) override
    {
        return reject;
    }
    std::optional<QString> askReassignTo(QWidget *, const QStringList &) override
    {
        return std::nullopt;
    }
    // A person whose name is already in the list picks it there, as the dialog offers
    // (answering "new profile, same name" again and again would be asked again forever).
    std::optional<Profile> askProfile(QWidget *, const QList<Profile> &existing,
                                      const QString &) override
    {
        for (const Profile &p : existing) {
            if (profile && p.name == profile->name)
                return p;
        }
        return profile;
    }
    void showError(QWidget *, const QString &message) override { errors.append(message); }
    std::optional<QString> openFile;
    std::optional<SaveChoice> saveFile;
    QStringList openFiles; // answers asked first, before `openFile`
    std::optional<QString> askOpenFile(QWidget *, const QString &, const QString &) override
    {
        if (!openFiles.isEmpty())
            return openFiles.takeFirst();
        return openFile;
    }
    std::optional<SaveChoice> askSaveFile(QWidget *, const QString &, const QString &,
                                          bool) override
    {
        return saveFile;
    }
    std::optional<QString> newFile;
    std::optional<QString> askNewFile(QWidget *, const QString &, const QString &,
                                      const QString &) override
    {
        return newFile;
    }
    struct Report
    {
        QString title;
        QString summary;
        QString details;
    };
    QList<Report> reports;
    void showReport(QWidget *, const QString &title, const QString &summary,
                    const QString &details) override
    {
        reports.append({title, summary, details});
    }
    QStringList lines; // answers to askLine, first asked first answered; none: cancelled
    std::optional<QString> askLine(QWidget *, const QString &, const QString &) override
    {
        if (lines.isEmpty())
            return std::nullopt;
        return lines.takeFirst();
    }
    std::optional<int> choice;  // the answer to askChoice; none: cancelled
    QList<QStringList> choices; // the items each askChoice offered
    QStringList choiceLabels;   // what each askChoice said above its items
    std::optional<int> askChoice(QWidget *, const QString &, const QString &label,
                                 const QStringList &items) override
    {
        choices.append(items);
        choiceLabels.append(label);
        return choice;
    }
    // The answer to askNumber; none: the value offered. `numberOffered` is what was offered.
    std::optional<int> number;
    std::optional<int> numberOffered;
    bool cancelNumber = false;
    std::optional<int> askNumber(QWidget *, const QString &, const QString &, int value, int,
                                 int) override
    {
        numberOffered = value;
        if (cancelNumber)
            return std::nullopt;
        return number.value_or(value);
    }
    QStringList texts; // answers to askText, first asked first answered; none: cancelled
    std::optional<QString> askText(QWidget *, const QString &, const QString &) override
    {
        if (texts.isEmpty())
            return std::nullopt;
        return texts.takeFirst();
    }
    bool confirm = false;  // the answer to every askConfirm
    QStringList questions; // what each askConfirm asked
    bool askConfirm(QWidget *, const QString &, const QString &question) override
    {
        questions.append(question);
        return confirm;
    }
    // Answers to the rule questions, first asked first answered; none: cancelled. What each
    // question offered to edit is kept (nullopt: a new rule).
    QList<FitRule> fitRules;
    QList<std::optional<FitRule>> fitRulesOffered;
    std::optional<FitRule> askFitRule(QWidget *, const QStringList &,
                                      const FitRule *current) override
    {
        fitRulesOffered.append(current ? std::optional(*current) : std::nullopt);
        if (fitRules.isEmpty())
            return std::nullopt;
        return fitRules.takeFirst();
    }
    QList<DisqualificationRule> disqualifications;
    QList<std::optional<DisqualificationRule>> disqualificationsOffered;
    std::optional<DisqualificationRule>
    askDisqualification(QWidget *, const QStringList &,
                        const DisqualificationRule *current) override
    {
        disqualificationsOffered.append(current ? std::optional(*current) : std::nullopt);
        if (disqualifications.isEmpty())
            return std::nullopt;
        return disqualifications.takeFirst();
    }
    std::optional<MeetingTargets> targets;        // the answer to askTargets; none: cancelled
    QList<QList<MeetingTargets>> targetHistories; // the history each askTargets showed
    std::optional<MeetingTargets> askTargets(QWidget *, const MeetingTargets &,
                                             const QList<MeetingTargets> &history) override
    {
        targetHistories.append(history);
        return targets;
    }
    std::optional<TeamRouting> routing; // the answer to askRouting; none: cancelled
    QList<TeamRouting> routingShown;    // what each askRouting showed
    std::optional<TeamRouting> askRouting(QWidget *, const TeamRouting &current) override
    {
        routingShown.append(current);
        return routing;
    }
};

} // namespace handoff
