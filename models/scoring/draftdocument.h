#pragma once

// The scoring model draft being tuned, with its undo history. Every edit is one undoable
// step (a QUndoCommand holding the model before and after: models are small); the steps of
// one slider drag or spin-box run merge into one until closeMerge() is called. Widgets and
// the command line change the draft only through here.

#include <optional>

#include <QObject>
#include <QUndoStack>

#include "scoring/scoringmodel.h"

namespace handoff {

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

    // One undoable step to `after`. Steps with the same non-empty `mergeKey` in a row merge.
    void change(const ScoringModel &after, const QString &text, const QString &mergeKey = {});
    // Ends the current merge run (a slider released): the next step stands alone.
    void closeMerge() { ++m_mergeRun; }

    void setActivityPoints(const QString &type, double points);
    void setActivityCap(const QString &type, std::optional<double> cap);
    void setActivityDecays(const QString &type, bool decays);
    void setMqlThreshold(double threshold);
    void setHalfLifeDays(double days);
    void addFitRule(const FitRule &rule);
    void replaceFitRule(int index, const FitRule &rule);
    void removeFitRule(int index);
    void addDisqualification(const DisqualificationRule &rule);
    void replaceDisqualification(int index, const DisqualificationRule &rule);
    void removeDisqualification(int index);

signals:
    // After every edit, undo, redo and reset(): the draft to preview.
    void modelChanged();
    // After every edit, undo and redo, not after reset(): the draft to save.
    void edited();

private:
    friend class ModelChangeCommand;
    void apply(const ScoringModel &model);
    void applyEdit(const ScoringModel &model);
    ActivityWeight &weightFor(ScoringModel &model, const QString &type) const;

    ScoringModel m_model;
    qint64 m_versionId = 0;
    int m_mergeRun = 0;
    QUndoStack m_undo;
};

} // namespace handoff
