#include "queues/salesqueuemodel.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include "queues/rowruns.h"
#include "queues/speedtolead.h"
#include "scoring/scoringengine.h"

namespace handoff {

QString SalesQueueModel::batchText()
{
    return tr("batch, outside the SLA");
}

SalesQueueModel::SalesQueueModel(const ScoringEngine &engine, QObject *parent)
    : LeadQueueModel(engine, ColumnCount, parent)
{}

void SalesQueueModel::sync(const QList<Handoff> &open, const std::vector<int> &changedRows)
{
    syncWhere(open, changedRows, [](const Handoff &) { return true; });
}

void SalesQueueModel::syncSome(const QList<Handoff> &open, const QSet<qint64> &handoffIds,
                               const std::vector<int> &changedRows)
{
    if (handoffIds.isEmpty() && changedRows.empty())
        return;
    QSet<qint64> leadIds;
    for (int row : changedRows) {
        if (row < m_engine.leads().size())
            leadIds.insert(m_engine.leads().id(row));
    }
    syncWhere(open, changedRows, [&](const Handoff &h) {
        return handoffIds.contains(h.id) || leadIds.contains(h.leadId);
    });
}

template <typename Concerns>
void SalesQueueModel::syncWhere(const QList<Handoff> &open, const std::vector<int> &changedRows,
                                Concerns concerns)
{
    // At every desk, at every push: a hash of the handoffs concerned and a row each, nothing
    // more (no entry copied for a handoff already shown as it is).
    const QSet<int> changedLeads(changedRows.begin(), changedRows.end());
    beginBatch();
    std::vector<int> rows(size_t(open.size()), -1); // the lead's engine row, when shown
    QHash<qint64, int> wanted;                      // handoff id -> index in open
    for (int i = 0; i < int(open.size()); ++i) {
        if (!concerns(open[i]))
            continue;
        if (const auto row = queues::salesRow(m_engine, open[i])) {
            rows[size_t(i)] = *row;
            wanted.insert(open[i].id, i);
        }
    }

    // Gone: remove from the bottom up, a contiguous block at a time.
    rowruns::removeFromBottom(
        int(m_rows.size()),
        [&](int row) {
            const Handoff &shown = m_rows[row].entry.handoff;
            return concerns(shown) && !wanted.contains(shown.id);
        },
        [&](int first, int last) {
            beginRemoveRows({}, first, last);
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
        });

    // Still there: update in place when anything shown changed, the lead's own fields too.
    std::vector<char> shown(size_t(open.size()), 0);
    for (int row = 0; row < int(m_rows.size()); ++row) {
        Row &current = m_rows[row];
        if (!concerns(current.entry.handoff))
            continue;
        const int at = wanted.value(current.entry.handoff.id);
        shown[size_t(at)] = 1;
        const int engineRow = rows[size_t(at)];
        const double score = m_engine.scores().score(engineRow);
        if (current.entry.row == engineRow && current.score == score &&
            !changedLeads.contains(engineRow) && current.entry.handoff == open[at])
            continue;
        current = {{open[at], engineRow}, score};
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }

    // New: appended; the proxy puts them in their place. Counted first and moved in: at a
    // start, 32,000 rows grown into and copied over cost 90 ms.
    const auto isNew = [&](int i) { return rows[size_t(i)] >= 0 && !shown[size_t(i)]; };
    qsizetype newCount = 0;
    for (int i = 0; i < int(open.size()); ++i)
        newCount += isNew(i) ? 1 : 0;
    if (newCount > 0) {
        QList<Row> added;
        added.reserve(newCount);
        for (int i = 0; i < int(open.size()); ++i) {
            if (isNew(i))
                added.append(
                    {{open[i], rows[size_t(i)]}, m_engine.scores().score(rows[size_t(i)])});
        }
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        if (m_rows.isEmpty())
            m_rows = std::move(added);
        else
            m_rows.append(std::move(added));
        endInsertRows();
    }
    endBatch();
}

void SalesQueueModel::setNow(qint64 now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Waiting), index(rowCount() - 1, Waiting),
                         {Qt::DisplayRole, SlaStateRole});
}

void SalesQueueModel::setSlaMinutes(int minutes)
{
    if (minutes <= 0)
        minutes = speedtolead::DefaultSlaMinutes;
    if (minutes == m_slaMinutes)
        return;
    m_slaMinutes = minutes;
    setNow(m_now);
    emit legendChanged();
}

void SalesQueueModel::setCalendar(const BusinessCalendar &calendar)
{
    if (calendar == m_calendar)
        return;
    m_calendar = calendar;
    setNow(m_now);
    emit legendChanged();
}

void SalesQueueModel::setMe(const QString &name)
{
    if (name == m_me)
        return;
    beginBatch(); // the order changes: the proxy sorts again once
    m_me = name;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    endBatch();
}

qint64 SalesQueueModel::nextToWork(qint64 except) const
{
    const Row *best = nullptr;
    for (const Row &r : m_rows) {
        const Handoff &h = r.entry.handoff;
        if (!h.claimedBy.isEmpty() || h.leadId == except)
            continue;
        if (!best || order(h) < order(best->entry.handoff))
            best = &r;
    }
    return best ? best->entry.handoff.leadId : 0;
}

QString SalesQueueModel::legend() const
{
    return speedtolead::legend(m_slaMinutes, m_calendar.businessTimeOnly());
}

QString SalesQueueModel::widestText(int column) const
{
    // A contact reached within the hour: "contacted in 59:59", or the batch mark if wider.
    if (column != Waiting)
        return {};
    const QString contacted = speedtolead::clockText(0, 59 * 60 + 59, 0);
    return batchText().size() > contacted.size() ? batchText() : contacted;
}

const IntentQueueEntry *SalesQueueModel::entryAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[row].entry : nullptr;
}

std::optional<int> SalesQueueModel::rowOfLead(qint64 leadId) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_rows[row].entry.handoff.leadId == leadId)
            return row;
    }
    return std::nullopt;
}

int SalesQueueModel::countOf(Handoff::Trigger trigger) const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [&](const Row &r) { return r.entry.handoff.trigger == trigger; }));
}

QString SalesQueueModel::batchToolTip(const Handoff &h)
{
    const QString when =
        QDateTime::fromSecsSinceEpoch(h.raisedAt).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return h.modelId
               ? tr("Handed over in one batch when scoring model version %1 went live (%2): "
                    "outside the speed-to-lead SLA, so no clock runs and it counts in no "
                    "speed-to-lead figure")
                     .arg(*h.modelId)
                     .arg(when)
               : tr("Handed over in one batch by a model change (%1): outside the speed-to-lead "
                    "SLA, so no clock runs and it counts in no speed-to-lead figure")
                     .arg(when);
}

QString SalesQueueModel::askedFor(const Handoff &h) const
{
    if (h.trigger == Handoff::Trigger::Mql)
        return tr("Crossed the MQL threshold");
    const int t = h.requestTypeId ? m_engine.catalogue().indexOfId(*h.requestTypeId) : -1;
    return t >= 0 ? m_engine.catalogue().type(t).label : tr("Hand-raise");
}

SlaState SalesQueueModel::slaState(const Handoff &h, qint64 waited) const
{
    if (h.slaExempt)
        return SlaState::Batch;
    switch (speedtolead::band(waited, m_slaMinutes)) {
    case speedtolead::Band::Fast:
        return SlaState::OnTime;
    case speedtolead::Band::Slow:
        return SlaState::DueSoon;
    case speedtolead::Band::Late:
        break;
    }
    return SlaState::Late;
}

QVariant SalesQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IntentQueueEntry &e = m_rows[index.row()].entry;
    // What the clock counts (up to first contact once made, when it stops), worked out only
    // for the roles that show it: in working time it walks the days waited.
    const bool contacted = e.handoff.firstContactAt.has_value();
    const auto waited = [&] {
        return speedtolead::clockSeconds(e.handoff.raisedAt, e.handoff.firstContactAt, m_now,
                                         m_calendar);
    };
    switch (role) {
    case LeadIdRole:
        return e.handoff.leadId;
    case HandoffIdRole:
        return e.handoff.id;
    case RaisedAtRole:
        return e.handoff.raisedAt;
    case ClaimedByRole:
        return e.handoff.claimedBy;
    case SlaStateRole:
        return int(slaState(e.handoff, waited()));
    case Qt::TextAlignmentRole:
        if (index.column() == Score || index.column() == Waiting)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Waiting && e.handoff.slaExempt)
            return batchToolTip(e.handoff);
        if (index.column() == Waiting && contacted)
            return tr("Contacted %1 after the hand was raised; the agreed SLA is %2")
                .arg(speedtolead::waitedText(waited()), speedtolead::minutesText(m_slaMinutes));
        if (index.column() == Waiting)
            return tr("Raised %1 ago; the agreed SLA is a call within %2: a lead called that "
                      "fast is far easier to reach")
                .arg(speedtolead::waitedText(waited()), speedtolead::minutesText(m_slaMinutes));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const LeadTable &leads = m_engine.leads();
    switch (Column(index.column())) {
    case Waiting:
        // No running clock: the batch came in all at once by a decision, not a raised hand.
        if (e.handoff.slaExempt && !contacted)
            return batchText();
        return speedtolead::clockText(e.handoff.raisedAt, e.handoff.firstContactAt, m_now,
                                      m_calendar);
    case LeadName:
        return leads.displayName(e.row);
    case Company:
        return leads.company(e.row);
    case Title:
        return leads.title(e.row);
    case AskedFor:
        return askedFor(e.handoff);
    case Grade:
        return QString(m_engine.scores().grade(e.row));
    case Score:
        return QString::number(m_engine.scores().score(e.row), 'f', 1);
    case ClaimedBy:
        return e.handoff.claimedBy.isEmpty() ? tr("unclaimed") : e.handoff.claimedBy;
    case ColumnCount:
        break;
    }
    return {};
}

bool SalesQueueModel::lessThan(int a, int b, int column) const
{
    const IntentQueueEntry &x = m_rows[a].entry;
    const IntentQueueEntry &y = m_rows[b].entry;
    const ScoreBoard &scores = m_engine.scores();
    const LeadTable &leads = m_engine.leads();
    const auto byText = [&](const QString &tx, const QString &ty) {
        const int order = tx.compare(ty, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : x.handoff.id < y.handoff.id;
    };
    const auto byNumber = [&](double vx, double vy) {
        return vx != vy ? vx < vy : x.handoff.id < y.handoff.id;
    };
    switch (Column(column)) {
    case Waiting:
        return order(x.handoff) < order(y.handoff);
    case LeadName:
        return byText(leads.displayName(x.row), leads.displayName(y.row));
    case Company:
        return byText(leads.company(x.row), leads.company(y.row));
    case Title:
        return byText(leads.title(x.row), leads.title(y.row));
    case AskedFor:
        return byText(askedFor(x.handoff), askedFor(y.handoff));
    case Grade:
        return byNumber(scores.fit(x.row), scores.fit(y.row));
    case Score:
        return byNumber(scores.score(x.row), scores.score(y.row));
    case ClaimedBy: // unclaimed ones sort first
        return byText(x.handoff.claimedBy, y.handoff.claimedBy);
    case ColumnCount:
        break;
    }
    return false;
}

int SalesQueueModel::engineRow(int row) const
{
    return m_rows[row].entry.row;
}

QString SalesQueueModel::columnTitle(int column) const
{
    switch (Column(column)) {
    case Waiting:
        return tr("Waiting");
    case LeadName:
        return tr("Lead");
    case Company:
        return tr("Company");
    case Title:
        return tr("Title");
    case AskedFor:
        return tr("Asked for");
    case Grade:
        return tr("Fit");
    case Score:
        return tr("Score");
    case ClaimedBy:
        return tr("Claimed by");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace handoff
