#pragma once

// The questions the console asks in modal dialogs, behind one seam: the window asks a
// Prompter, the application gives it DialogPrompter, and widget tests give it answers
// scripted in advance so nothing ever blocks.

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "scoring/scoringmodel.h"
#include "store/meetingtargets.h"
#include "store/profile.h"
#include "store/routingrepository.h"

class QWidget;

namespace handoff {

struct SaveChoice
{
    QString path;
    bool byteOrderMark = false; // for spreadsheet programs that need it to see UTF-8
};

struct RejectChoice
{
    QString reason;
    QString note;
};

class Prompter
{
public:
    virtual ~Prompter() = default;

    virtual std::optional<RejectChoice> askRejectReason(QWidget *parent, const QString &lead) = 0;
    virtual std::optional<QString> askReassignTo(QWidget *parent, const QStringList &reps) = 0;
    // Pick one of `profiles` or describe a new one (id 0).
    virtual std::optional<Profile> askProfile(QWidget *parent, const QList<Profile> &profiles,
                                              const QString &current) = 0;
    virtual void showError(QWidget *parent, const QString &message) = 0;
    virtual std::optional<QString> askOpenFile(QWidget *parent, const QString &title,
                                               const QString &filter) = 0;
    // `json`: offer JSON besides CSV.
    virtual std::optional<SaveChoice> askSaveFile(QWidget *parent, const QString &title,
                                                  const QString &suggestedName, bool json) = 0;
    // A few lines of free text (a rationale, say); nullopt when cancelled.
    virtual std::optional<QString> askText(QWidget *parent, const QString &title,
                                           const QString &label) = 0;
    // A new file to write, of the kind `filter` names (as QFileDialog takes it).
    virtual std::optional<QString> askNewFile(QWidget *parent, const QString &title,
                                              const QString &suggestedPath,
                                              const QString &filter) = 0;
    // A finding to read, with its details (a check's report, say).
    virtual void showReport(QWidget *parent, const QString &title, const QString &summary,
                            const QString &details) = 0;
    // One line of text (a key to look up, say); nullopt when cancelled.
    virtual std::optional<QString> askLine(QWidget *parent, const QString &title,
                                           const QString &label) = 0;
    // One of `items`, by its index; nullopt when cancelled.
    virtual std::optional<int> askChoice(QWidget *parent, const QString &title,
                                         const QString &label, const QStringList &items) = 0;
    // A whole number from `minimum` to `maximum`, offered at `value`; nullopt when cancelled.
    virtual std::optional<int> askNumber(QWidget *parent, const QString &title,
                                         const QString &label, int value, int minimum,
                                         int maximum) = 0;
    // Yes or no to `question` (close with unsaved notes, say); no when cancelled.
    virtual bool askConfirm(QWidget *parent, const QString &title, const QString &question) = 0;
    // A fit rule, new (`current` null) or edited, over the standard and `customFields`.
    virtual std::optional<FitRule> askFitRule(QWidget *parent, const QStringList &customFields,
                                              const FitRule *current) = 0;
    virtual std::optional<DisqualificationRule>
    askDisqualification(QWidget *parent, const QStringList &customFields,
                        const DisqualificationRule *current) = 0;
    // The meeting's targets from `current` on, with the agreed ones before for reference.
    virtual std::optional<MeetingTargets> askTargets(QWidget *parent, const MeetingTargets &current,
                                                     const QList<MeetingTargets> &history) = 0;
    // The routing settings and every rep's, from `current` on (a sales manager's).
    virtual std::optional<TeamRouting> askRouting(QWidget *parent, const TeamRouting &current) = 0;
};

// For unattended starts (--screenshot): asks nobody anything, answers every question with
// "cancel", and sends errors to standard error, remembering that there was one.
class UnattendedPrompter : public Prompter
{
public:
    std::optional<RejectChoice> askRejectReason(QWidget *, const QString &) override { return {}; }
    std::optional<QString> askReassignTo(QWidget *, const QStringList &) override { return {}; }
    std::optional<Profile> askProfile(QWidget *, const QList<Profile> &, const QString &) override
    {
        return {};
    }
    void showError(QWidget *parent, const QString &message) override;
    std::optional<QString> askOpenFile(QWidget *, const QString &, const QString &) override
    {
        return {};
    }
    std::optional<SaveChoice> askSaveFile(QWidget *, const QString &, const QString &,
                                          bool) override
    {
        return {};
    }
    std::optional<QString> askText(QWidget *, const QString &, const QString &) override
    {
        return {};
    }
    std::optional<QString> askNewFile(QWidget *, const QString &, const QString &,
                                      const QString &) override
    {
        return {};
    }
    void showReport(QWidget *, const QString &, const QString &, const QString &) override {}
    std::optional<QString> askLine(QWidget *, const QString &, const QString &) override
    {
        return {};
    }
    std::optional<int> askChoice(QWidget *, const QString &, const QString &,
                                 const QStringList &) override
    {
        return {};
    }
    std::optional<int> askNumber(QWidget *, const QString &, const QString &, int, int,
                                 int) override
    {
        return {};
    }
    bool askConfirm(QWidget *, const QString &, const QString &) override { return false; }
    std::optional<FitRule> askFitRule(QWidget *, const QStringList &, const FitRule *) override
    {
        return {};
    }
    std::optional<DisqualificationRule> askDisqualification(QWidget *, const QStringList &,
                                                            const DisqualificationRule *) override
    {
        return {};
    }
    std::optional<MeetingTargets> askTargets(QWidget *, const MeetingTargets &,
                                             const QList<MeetingTargets> &) override
    {
        return {};
    }
    std::optional<TeamRouting> askRouting(QWidget *, const TeamRouting &) override { return {}; }

    bool hadError() const { return m_hadError; }

private:
    bool m_hadError = false;
};

class DialogPrompter : public Prompter
{
public:
    std::optional<RejectChoice> askRejectReason(QWidget *parent, const QString &lead) override;
    std::optional<QString> askReassignTo(QWidget *parent, const QStringList &reps) override;
    std::optional<Profile> askProfile(QWidget *parent, const QList<Profile> &profiles,
                                      const QString &current) override;
    void showError(QWidget *parent, const QString &message) override;
    std::optional<QString> askOpenFile(QWidget *parent, const QString &title,
                                       const QString &filter) override;
    std::optional<SaveChoice> askSaveFile(QWidget *parent, const QString &title,
                                          const QString &suggestedName, bool json) override;
    std::optional<QString> askText(QWidget *parent, const QString &title,
                                   const QString &label) override;
    std::optional<QString> askNewFile(QWidget *parent, const QString &title,
                                      const QString &suggestedPath, const QString &filter) override;
    void showReport(QWidget *parent, const QString &title, const QString &summary,
                    const QString &details) override;
    std::optional<QString> askLine(QWidget *parent, const QString &title,
                                   const QString &label) override;
    std::optional<int> askChoice(QWidget *parent, const QString &title, const QString &label,
                                 const QStringList &items) override;
    std::optional<int> askNumber(QWidget *parent, const QString &title, const QString &label,
                                 int value, int minimum, int maximum) override;
    bool askConfirm(QWidget *parent, const QString &title, const QString &question) override;
    std::optional<FitRule> askFitRule(QWidget *parent, const QStringList &customFields,
                                      const FitRule *current) override;
    std::optional<DisqualificationRule>
    askDisqualification(QWidget *parent, const QStringList &customFields,
                        const DisqualificationRule *current) override;
    std::optional<MeetingTargets> askTargets(QWidget *parent, const MeetingTargets &current,
                                             const QList<MeetingTargets> &history) override;
    std::optional<TeamRouting> askRouting(QWidget *parent, const TeamRouting &current) override;
};

} // namespace handoff
