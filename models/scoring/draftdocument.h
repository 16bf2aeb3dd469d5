#pragma once

// The scoring model draft being tuned, with its undo history. Every edit is one undoable
// step that records only the part it changes (the threshold, one type's weight, one rule at
// its index) and, done or undone, says which part changed, so a listener redraws that part
// alone; the steps of one slider drag or spin-box run merge into one until closeMerge() is
// called. Widgets and the command line change the draft only through here.

#include <optional>

#include <QObject>
#include <QUndoStack>

#include "scoring/rulelist.h"

namespace handoff {

template <typename Part> class PartCommand;

class DraftDocument : public QObject
{
    Q_OBJECT

public:
    explicit DraftDocument(QObject *parent = nullptr);

    // Starts over on another draft; the undo history is cleared.
    void reset(const ScoringModel &model, qint64 versionId);
    const ScoringModel &model() const { return m_model; }
    qint64 versionId() const { return m_versionId; }
    QUndoStack *undoStack() { return &m_undo; }

    // One undoable step to the whole model `after` (applied suggestions change many parts at
    // once); it says replaced(). Steps with the same non-empty `mergeKey` in a row
    // merge.
    void change(const ScoringModel &after, const QString &text, const QString &mergeKey = {});
    // Ends the current merge run (a slider released): the next step stands alone.
    void closeMerge() { ++m_mergeRun; }

    void setActivityPoints(const QString &type, double points);
    void setActivityCap(const QString &type, std::optional<double> cap);
    void setActivityDecays(const QString &type, bool decays);
    void setMqlThreshold(double threshold);
    void setHalfLifeDays(double days);
    // A rule of either kind (FitRule, DisqualificationRule) added at the end, replaced or
    // removed at `index`.
    template <typename Rule> void addRule(const Rule &rule);
    template <typename Rule> void replaceRule(int index, const Rule &rule);
    template <typename Rule> void removeRule(int index);

signals:
    // What a step changed, done or undone, before modelChanged().
    void thresholdChanged();
    void halfLifeChanged();
    void weightChanged(const QString &type);
    void rulesChanged(RuleKind kind);
    // Any part may have changed: a whole-model step (applied suggestions) or reset().
    void replaced();
    // After every edit, undo, redo and reset(): the draft to preview.
    void modelChanged();
    // After every edit, undo and redo, not after reset(): the draft to save.
    void edited();

private:
    template <typename Part> friend class PartCommand;
    void apply(const ScoringModel &model);
    // One step that changes `part` to `after`; nothing when it already is. Steps with the
    // same non-empty `mergeKey` in a row merge.
    template <typename Part>
    void edit(const Part &part, const typename Part::Value &after, const QString &text,
              const QString &mergeKey = {});
    // `mergeKey` made unique to the current merge run; empty stays empty.
    QString runKey(const QString &mergeKey) const;

    ScoringModel m_model;
    qint64 m_versionId = 0;
    int m_mergeRun = 0;
    QUndoStack m_undo;
};

} // namespace handoff
