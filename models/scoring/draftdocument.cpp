#include "scoring/draftdocument.h"

#include <algorithm>

#include <QUndoCommand>

namespace handoff {

namespace {

// The parts of a model an edit can change. Each reads its value, writes it (`from` says what
// was there: an absent weight or rule is added, a present one replaced, an emptied one
// removed) and says which part changed.

struct ThresholdPart
{
    using Value = double;
    Value get(const ScoringModel &m) const { return m.mqlThreshold; }
    void set(ScoringModel &m, const Value &, const Value &to) const { m.mqlThreshold = to; }
    void announce(DraftDocument *d) const { emit d->thresholdChanged(); }
};

struct HalfLifePart
{
    using Value = double;
    Value get(const ScoringModel &m) const { return m.halfLifeDays; }
    void set(ScoringModel &m, const Value &, const Value &to) const { m.halfLifeDays = to; }
    void announce(DraftDocument *d) const { emit d->halfLifeChanged(); }
};

// One activity type's weight; absent when the model gives the type none.
struct WeightPart
{
    using Value = std::optional<ActivityWeight>;
    QString type;

    Value get(const ScoringModel &m) const
    {
        const ActivityWeight *w = m.weightFor(type);
        return w ? Value(*w) : std::nullopt;
    }
    void set(ScoringModel &m, const Value &from, const Value &to) const
    {
        const auto at = std::find_if(m.activities.begin(), m.activities.end(),
                                     [&](const ActivityWeight &w) { return w.type == type; });
        if (!to)
            m.activities.erase(at);
        else if (!from)
            m.activities.append(*to);
        else
            *at = *to;
    }
    void announce(DraftDocument *d) const { emit d->weightChanged(type); }
    // The weight an edit starts from: the type's own, or none yet (no points, fades).
    ActivityWeight current(const ScoringModel &m) const
    {
        return get(m).value_or(ActivityWeight{type, 0, std::nullopt, true});
    }
};

// The rule at `index` of its kind's list; absent before it is added or after it is removed.
template <typename Rule> struct RulePart
{
    using Value = std::optional<Rule>;
    int index;

    static QList<Rule> &list(ScoringModel &m) { return m.*RuleList<Rule>::of; }
    Value get(const ScoringModel &m) const
    {
        const QList<Rule> &rules = m.*RuleList<Rule>::of;
        return index < rules.size() ? Value(rules[index]) : std::nullopt;
    }
    void set(ScoringModel &m, const Value &from, const Value &to) const
    {
        if (!to)
            list(m).removeAt(index);
        else if (!from)
            list(m).insert(index, *to);
        else
            list(m)[index] = *to;
    }
    void announce(DraftDocument *d) const { emit d->rulesChanged(RuleList<Rule>::kind); }
};

// The whole model: what a change of many parts at once replaces. It names no part.
struct WholePart
{
    using Value = ScoringModel;
    Value get(const ScoringModel &m) const { return m; }
    void set(ScoringModel &m, const Value &, const Value &to) const { m = to; }
    void announce(DraftDocument *d) const { emit d->replaced(); }
};

// An undo step's text about a rule: `fit` or `disqualification` by the rule's kind.
template <typename Rule>
QString ruleText(const Rule &rule, const char *fit, const char *disqualification)
{
    return DraftDocument::tr(RuleList<Rule>::kind == RuleKind::Fit ? fit : disqualification)
        .arg(rule.when.describe());
}

} // namespace

// One edit of one part of the draft: that part's value before and after, nothing else.
template <typename Part> class PartCommand : public QUndoCommand
{
public:
    using Value = typename Part::Value;

    PartCommand(DraftDocument *document, Part part, Value after, const QString &text,
                QString mergeKey)
        : QUndoCommand(text)
        , m_document(document)
        , m_mergeKey(std::move(mergeKey))
        , m_part(std::move(part))
        , m_before(m_part.get(document->m_model))
        , m_after(std::move(after))
    {}

    void undo() override { apply(m_after, m_before); }
    void redo() override { apply(m_before, m_after); }
    // QUndoStack only offers to merge commands with the same id; the key decides.
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        // The same key means the same part, so the same kind of command.
        const auto *next = dynamic_cast<const PartCommand *>(other);
        if (!next || next->m_mergeKey != m_mergeKey)
            return false;
        m_after = next->m_after;
        setText(next->text());
        // A run that ends where it started is no step at all.
        if (m_after == m_before)
            setObsolete(true);
        return true;
    }

private:
    void apply(const Value &from, const Value &to)
    {
        m_part.set(m_document->m_model, from, to);
        m_part.announce(m_document);
        emit m_document->modelChanged();
        emit m_document->edited();
    }

    DraftDocument *m_document;
    QString m_mergeKey;
    Part m_part;
    Value m_before;
    Value m_after;
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

QString DraftDocument::runKey(const QString &mergeKey) const
{
    return mergeKey.isEmpty() ? QString()
                              : mergeKey + QLatin1Char('#') + QString::number(m_mergeRun);
}

template <typename Part>
void DraftDocument::edit(const Part &part, const typename Part::Value &after, const QString &text,
                         const QString &mergeKey)
{
    if (part.get(m_model) == after)
        return;
    m_undo.push(new PartCommand<Part>(this, part, after, text, runKey(mergeKey)));
}

void DraftDocument::change(const ScoringModel &after, const QString &text, const QString &mergeKey)
{
    edit(WholePart{}, after, text, mergeKey);
}

void DraftDocument::apply(const ScoringModel &model)
{
    m_model = model;
    emit replaced();
    emit modelChanged();
}

void DraftDocument::setActivityPoints(const QString &type, double points)
{
    const WeightPart part{type};
    ActivityWeight after = part.current(m_model);
    after.points = points;
    edit(part, after, tr("Points for %1: %2").arg(type).arg(points),
         QStringLiteral("points:") + type);
}

void DraftDocument::setActivityCap(const QString &type, std::optional<double> cap)
{
    const WeightPart part{type};
    ActivityWeight after = part.current(m_model);
    after.cap = cap;
    edit(part, after,
         cap ? tr("Cap for %1: %2").arg(type).arg(*cap) : tr("No cap for %1").arg(type),
         QStringLiteral("cap:") + type);
}

void DraftDocument::setActivityDecays(const QString &type, bool decays)
{
    const WeightPart part{type};
    ActivityWeight after = part.current(m_model);
    after.decays = decays;
    edit(part, after, decays ? tr("%1 fades").arg(type) : tr("%1 does not fade").arg(type));
}

void DraftDocument::setMqlThreshold(double threshold)
{
    edit(ThresholdPart{}, threshold, tr("MQL threshold: %1").arg(threshold),
         QStringLiteral("threshold"));
}

void DraftDocument::setHalfLifeDays(double days)
{
    edit(HalfLifePart{}, days, tr("Half-life: %1 days").arg(days), QStringLiteral("half-life"));
}

template <typename Rule> void DraftDocument::addRule(const Rule &rule)
{
    const int end = int((m_model.*RuleList<Rule>::of).size());
    edit(RulePart<Rule>{end}, rule,
         ruleText(rule, QT_TR_NOOP("Add fit rule: %1"), QT_TR_NOOP("Add disqualification: %1")));
}

template <typename Rule> void DraftDocument::replaceRule(int index, const Rule &rule)
{
    edit(RulePart<Rule>{index}, rule,
         ruleText(rule, QT_TR_NOOP("Edit fit rule: %1"), QT_TR_NOOP("Edit disqualification: %1")));
}

template <typename Rule> void DraftDocument::removeRule(int index)
{
    const Rule &removed = (m_model.*RuleList<Rule>::of)[index];
    edit(RulePart<Rule>{index}, std::nullopt,
         ruleText(removed, QT_TR_NOOP("Remove fit rule: %1"),
                  QT_TR_NOOP("Remove disqualification: %1")));
}

template void DraftDocument::addRule(const FitRule &);
template void DraftDocument::addRule(const DisqualificationRule &);
template void DraftDocument::replaceRule(int, const FitRule &);
template void DraftDocument::replaceRule(int, const DisqualificationRule &);
template void DraftDocument::removeRule<FitRule>(int);
template void DraftDocument::removeRule<DisqualificationRule>(int);

} // namespace handoff
