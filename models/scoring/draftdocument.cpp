#include "scoring/draftdocument.h"

#include <QUndoCommand>

namespace handoff {

// One edit of the draft: the whole model before and after.
class ModelChangeCommand : public QUndoCommand
{
public:
    ModelChangeCommand(DraftDocument *document, ScoringModel before, ScoringModel after,
                       const QString &text, QString mergeKey)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeKey(std::move(mergeKey))
    {}

    void undo() override { m_document->applyEdit(m_before); }
    void redo() override { m_document->applyEdit(m_after); }
    // QUndoStack only offers to merge commands with the same id; the key decides.
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const ModelChangeCommand *>(other);
        if (next->m_mergeKey != m_mergeKey)
            return false;
        m_after = next->m_after;
        setText(next->text());
        // A run that ends where it started is no step at all.
        if (m_after == m_before)
            setObsolete(true);
        return true;
    }

private:
    DraftDocument *m_document;
    ScoringModel m_before;
    ScoringModel m_after;
    QString m_mergeKey;
};

DraftDocument::DraftDocument(QObject *parent)
    : QObject(parent)
{}

void DraftDocument::reset(const ScoringModel &model, qint64 versionId)
{
    m_undo.clear();
    m_versionId = versionId;
    apply(model);
}

void DraftDocument::change(const ScoringModel &after, const QString &text, const QString &mergeKey)
{
    if (after == m_model)
        return;
    const QString key =
        mergeKey.isEmpty() ? QString() : mergeKey + QLatin1Char('#') + QString::number(m_mergeRun);
    m_undo.push(new ModelChangeCommand(this, m_model, after, text, key));
}

void DraftDocument::apply(const ScoringModel &model)
{
    m_model = model;
    emit modelChanged();
}

void DraftDocument::applyEdit(const ScoringModel &model)
{
    apply(model);
    emit edited();
}

ActivityWeight &DraftDocument::weightFor(ScoringModel &model, const QString &type) const
{
    for (ActivityWeight &w : model.activities) {
        if (w.type == type)
            return w;
    }
    model.activities.append(ActivityWeight{type, 0, std::nullopt, true});
    return model.activities.last();
}

void DraftDocument::setActivityPoints(const QString &type, double points)
{
    ScoringModel after = m_model;
    weightFor(after, type).points = points;
    change(after, tr("Points for %1: %2").arg(type).arg(points), QStringLiteral("points:") + type);
}

void DraftDocument::setActivityCap(const QString &type, std::optional<double> cap)
{
    ScoringModel after = m_model;
    weightFor(after, type).cap = cap;
    change(after, cap ? tr("Cap for %1: %2").arg(type).arg(*cap) : tr("No cap for %1").arg(type),
           QStringLiteral("cap:") + type);
}

void DraftDocument::setActivityDecays(const QString &type, bool decays)
{
    ScoringModel after = m_model;
    weightFor(after, type).decays = decays;
    change(after, decays ? tr("%1 fades").arg(type) : tr("%1 does not fade").arg(type));
}

void DraftDocument::setMqlThreshold(double threshold)
{
    ScoringModel after = m_model;
    after.mqlThreshold = threshold;
    change(after, tr("MQL threshold: %1").arg(threshold), QStringLiteral("threshold"));
}

void DraftDocument::setHalfLifeDays(double days)
{
    ScoringModel after = m_model;
    after.halfLifeDays = days;
    change(after, tr("Half-life: %1 days").arg(days), QStringLiteral("half-life"));
}

void DraftDocument::addFitRule(const FitRule &rule)
{
    ScoringModel after = m_model;
    after.fitRules.append(rule);
    change(after, tr("Add fit rule: %1").arg(rule.when.describe()));
}

void DraftDocument::replaceFitRule(int index, const FitRule &rule)
{
    ScoringModel after = m_model;
    after.fitRules[index] = rule;
    change(after, tr("Edit fit rule: %1").arg(rule.when.describe()));
}

void DraftDocument::removeFitRule(int index)
{
    ScoringModel after = m_model;
    const FitRule removed = after.fitRules.takeAt(index);
    change(after, tr("Remove fit rule: %1").arg(removed.when.describe()));
}

void DraftDocument::addDisqualification(const DisqualificationRule &rule)
{
    ScoringModel after = m_model;
    after.disqualifications.append(rule);
    change(after, tr("Add disqualification: %1").arg(rule.when.describe()));
}

void DraftDocument::replaceDisqualification(int index, const DisqualificationRule &rule)
{
    ScoringModel after = m_model;
    after.disqualifications[index] = rule;
    change(after, tr("Edit disqualification: %1").arg(rule.when.describe()));
}

void DraftDocument::removeDisqualification(int index)
{
    ScoringModel after = m_model;
    const DisqualificationRule removed = after.disqualifications.takeAt(index);
    change(after, tr("Remove disqualification: %1").arg(removed.when.describe()));
}

} // namespace handoff
