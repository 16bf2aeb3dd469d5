#pragma once

// Every scoring model version with its status, author, rationale and sign-offs, and the steps
// of its life: propose my draft (with a rationale), sign off for my side, take live (once
// marketing and sales have both signed), withdraw, start a new draft from any version, and
// compare two versions side by side.

#include <functional>

#include <QWidget>

#include "scoring/modeldiff.h"
#include "scoring/modelversions.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace handoff {

class Database;
class Prompter;

class VersionsPanel : public QWidget
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>;
    // What taking a version live would do, in a few lines: the leads handed to sales at
    // once (and how that falls on the reps), the leads that leave the MQL set, how long a
    // gradual handover would take; and the figures the gradual choice is offered with. The
    // text is empty when it cannot be told (the leads are still loading).
    struct Impact
    {
        QString text;
        int handed = 0;  // leads the version would hand to sales
        int perHour = 0; // the gradual pace offered (what the reps can take); 0: unknown
    };
    using ImpactText = std::function<Impact(qint64 versionId)>;

    VersionsPanel(Database &db, Prompter &prompter, Clock clock, QWidget *parent = nullptr);

    void setProfile(const Profile &profile);
    void setImpactText(ImpactText impact) { m_impact = std::move(impact); }
    // The version being edited in the workspace: what "propose" proposes.
    void setDraftId(qint64 id);
    void reload();
    void selectVersion(qint64 id);
    qint64 selectedVersion() const;
    QList<qint64> selectedVersions() const; // oldest first

    void proposeDraft();
    void signOff();
    void goLive();
    void withdraw();
    void newDraftFromSelected();
    // Side by side: the two selected versions, or the selected one and the live model.
    void compare();
    // What the last comparison showed; tests turn the dialog off and read this.
    const QList<ModelDiffRow> &lastComparison() const { return m_lastDiff; }
    void setShowDialogs(bool show) { m_showDialogs = show; }

    QTableWidget *table() const { return m_table; }
    // The selected version's name and rationale in full, under the list.
    QLabel *details() const { return m_details; }
    // The proposal selected for signing, or 0: what the preview and backtest should show.
    qint64 reviewedProposal() const;

signals:
    // The workspace now edits this draft.
    void draftOpened(qint64 id);
    void wentLive(qint64 id);
    // The selection moved to a proposal to sign (its id) or away from one (0).
    void reviewedProposalChanged(qint64 id);

private:
    template <typename Step> bool act(Step step);
    void updateButtons();

    Database &m_db;
    Prompter &m_prompter;
    Clock m_clock;
    ImpactText m_impact;
    Profile m_profile;
    qint64 m_draftId = 0;
    QList<ModelRecord> m_versions;
    QTableWidget *m_table;
    QLabel *m_details;
    qint64 m_reviewed = 0;
    QPushButton *m_propose;
    QPushButton *m_signOff;
    QPushButton *m_goLive;
    QPushButton *m_withdraw;
    QPushButton *m_newDraft;
    QPushButton *m_compare;
    QList<ModelDiffRow> m_lastDiff;
    bool m_showDialogs = true;
};

} // namespace handoff
