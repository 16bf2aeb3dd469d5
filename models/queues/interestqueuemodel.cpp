#include "queues/interestqueuemodel.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QDateTime>

#include "queues/rowruns.h"
#include "queues/speedtolead.h"
#include "scoring/scoringengine.h"
#include "store/lead.h"

namespace handoff {

namespace {
constexpr float Unknown = std::numeric_limits<float>::quiet_NaN();
}

InterestQueueModel::InterestQueueModel(const ScoringEngine &engine, QObject *parent)
    : LeadQueueModel(engine, ColumnCount, parent)
{}

void InterestQueueModel::forgetRows()
{
    beginResetModel();
    m_rows.clear();
    m_position.clear();
    m_changeCache.clear();
    m_keyColumn = -1;
    m_sortKeys.clear();
    endResetModel();
}

void InterestQueueModel::sync(const std::vector<char> &members, const std::vector<int> &changed)
{
    grow();
    std::vector<int> gone;
    for (size_t r = 0; r < m_rows.size(); ++r) {
        if (!members[size_t(m_rows[r])])
            gone.push_back(int(r));
    }
    std::vector<int> added;
    for (size_t engineRow = 0; engineRow < members.size(); ++engineRow) {
        if (members[engineRow] && m_position[engineRow] < 0)
            added.push_back(int(engineRow));
    }
    apply(gone, changed, added);
}

void InterestQueueModel::syncSome(const std::vector<std::pair<int, bool>> &membership,
                                  const std::vector<int> &changed)
{
    if (membership.empty() && changed.empty())
        return;
    grow();
    std::vector<int> gone;
    std::vector<int> added;
    for (const auto &[engineRow, member] : membership) {
        const int position = m_position[size_t(engineRow)];
        if (!member && position >= 0)
            gone.push_back(position);
        else if (member && position < 0)
            added.push_back(engineRow);
    }
    // A row may be listed twice (a changed lead whose handoff came too).
    for (std::vector<int> *rows : {&gone, &added}) {
        std::sort(rows->begin(), rows->end());
        rows->erase(std::unique(rows->begin(), rows->end()), rows->end());
    }
    apply(gone, changed, added);
}

void InterestQueueModel::grow()
{
    const size_t engineRows = size_t(m_engine.leads().size());
    if (m_position.size() < engineRows) {
        m_position.resize(engineRows, -1);
        m_changeCache.resize(engineRows, Unknown);
    }
}

void InterestQueueModel::apply(const std::vector<int> &gone, const std::vector<int> &changed,
                               const std::vector<int> &added)
{
    beginBatch();
    for (int row : changed)
        m_changeCache[size_t(row)] = Unknown;
    updateSortKeys(changed);
    removeModelRows(gone);
    showChanged(changed);
    append(added);
    endBatch();
}

void InterestQueueModel::removeModelRows(const std::vector<int> &sortedRows)
{
    if (sortedRows.empty())
        return;
    rowruns::removeEachRun(sortedRows, [&](int first, int last) {
        beginRemoveRows({}, first, last);
        for (int r = first; r <= last; ++r)
            m_position[size_t(m_rows[size_t(r)])] = -1;
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
    });
    // Only the rows below the first removed moved up.
    for (size_t r = size_t(sortedRows.front()); r < m_rows.size(); ++r)
        m_position[size_t(m_rows[r])] = int(r);
}

void InterestQueueModel::showChanged(const std::vector<int> &changed)
{
    // Changed and still there: their figures, and so their place, moved.
    std::vector<int> touched;
    for (int engineRow : changed) {
        if (size_t(engineRow) < m_position.size() && m_position[size_t(engineRow)] >= 0)
            touched.push_back(m_position[size_t(engineRow)]);
    }
    emitChanged(std::move(touched));
}

void InterestQueueModel::append(const std::vector<int> &engineRows)
{
    // New: appended at the end; the proxy sorts them in.
    updateSortKeys(engineRows);
    if (engineRows.empty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(engineRows.size()) - 1);
    for (int engineRow : engineRows) {
        m_position[size_t(engineRow)] = int(m_rows.size());
        m_rows.push_back(engineRow);
    }
    endInsertRows();
}

void InterestQueueModel::prepareSort(int column)
{
    if (column == Change) {
        for (int row : m_rows)
            change(row);
    }
    if (!isTextColumn(column) || column == m_keyColumn)
        return;
    m_keyColumn = column;
    m_sortKeys.assign(m_position.size(), QString());
    updateSortKeys(m_rows);
}

void InterestQueueModel::updateSortKeys(const std::vector<int> &engineRows)
{
    if (m_keyColumn < 0)
        return;
    if (m_sortKeys.size() < m_position.size())
        m_sortKeys.resize(m_position.size());
    for (int row : engineRows) {
        // Held leads by their release time (the text's "23:00" would sort before "tomorrow
        // 09:00" by letters), after the rejections, as their text sorts.
        const auto held =
            m_keyColumn == Returned ? m_held.constFind(m_engine.leads().id(row)) : m_held.cend();
        m_sortKeys[size_t(row)] = held != m_held.cend()
                                      ? QStringLiteral("~%1").arg(*held, 20, 10, QLatin1Char('0'))
                                      : text(row, m_keyColumn).toCaseFolded();
    }
}

void InterestQueueModel::emitChanged(std::vector<int> modelRows)
{
    std::sort(modelRows.begin(), modelRows.end());
    modelRows.erase(std::unique(modelRows.begin(), modelRows.end()), modelRows.end());
    for (size_t i = 0; i < modelRows.size();) {
        size_t j = i;
        while (j + 1 < modelRows.size() && modelRows[j + 1] == modelRows[j] + 1)
            ++j;
        emit dataChanged(index(modelRows[i], 0), index(modelRows[j], ColumnCount - 1));
        i = j + 1;
    }
}

void InterestQueueModel::refreshAll()
{
    std::fill(m_changeCache.begin(), m_changeCache.end(), Unknown);
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

qint64 InterestQueueModel::leadIdAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_engine.leads().id(m_rows[size_t(row)]) : 0;
}

std::optional<int> InterestQueueModel::rowOfLead(qint64 leadId) const
{
    const auto engineRow = m_engine.leads().rowOf(leadId);
    if (!engineRow || size_t(*engineRow) >= m_position.size() || m_position[size_t(*engineRow)] < 0)
        return std::nullopt;
    return m_position[size_t(*engineRow)];
}

int InterestQueueModel::aboveThresholdCount() const
{
    const ScoreBoard &scores = m_engine.scores();
    const double threshold = scores.model().mqlThreshold;
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [&](int row) { return scores.score(row) >= threshold; }));
}

double InterestQueueModel::change(int engineRow) const
{
    float &cached = m_changeCache[size_t(engineRow)];
    if (std::isnan(cached)) {
        const ScoreBoard &scores = m_engine.scores();
        cached = float(scores.score(engineRow) - scores.scoreBefore(engineRow));
    }
    return cached;
}

QString InterestQueueModel::text(int row, int column) const
{
    const LeadTable &leads = m_engine.leads();
    const ScoreBoard &scores = m_engine.scores();
    switch (Column(column)) {
    case Score:
        return QString::number(scores.score(row), 'f', 1);
    case Fit:
        return QStringLiteral("%1 (%2)").arg(scores.fit(row), 0, 'f', 0).arg(scores.grade(row));
    case Engagement:
        return QString::number(scores.engagement(row), 'f', 1);
    case Change: {
        const double delta = change(row);
        if (std::abs(delta) < 0.05)
            return QStringLiteral("0.0");
        const QString number = QString::number(delta, 'f', 1);
        return delta > 0 ? QLatin1Char('+') + number : number;
    }
    case LastActivity: {
        const int type = m_engine.index().lastActivityType(row);
        if (type < 0)
            return tr("none");
        if (m_engine.index().lastActivityAt(row) == UndatedTime) // only undated history
            return tr("%1, undated").arg(m_engine.catalogue().type(type).label);
        return tr("%1, %2 ago")
            .arg(m_engine.catalogue().type(type).label,
                 speedtolead::waitedText(m_now - m_engine.index().lastActivityAt(row)));
    }
    case LeadName:
        return leads.displayName(row);
    case Company:
        return leads.company(row);
    case Title:
        return leads.title(row);
    case Returned: {
        // Held back by a gradual handover: on its way to sales, which says more than an older
        // rejection.
        if (const auto held = m_held.constFind(leads.id(row)); held != m_held.cend())
            return heldText(*held, m_now);
        const auto it = m_rejections.find(leads.id(row));
        if (!it)
            return {};
        const QString when =
            it->at > 0
                ? QDateTime::fromSecsSinceEpoch(it->at).toString(QStringLiteral("yyyy-MM-dd"))
                : QString();
        return tr("Rejected %1: %2").arg(when, it->reason.isEmpty() ? tr("no reason") : it->reason);
    }
    case ColumnCount:
        break;
    }
    return {};
}

void InterestQueueModel::setRejections(const LatestRejections &rejections)
{
    replaceAnnotation(m_rejections, rejections);
}

void InterestQueueModel::setHeld(const QHash<qint64, qint64> &held)
{
    replaceAnnotation(m_held, held);
}

namespace {
// What replaceAnnotation asks of either kind of annotation: its leads, and one lead's.
template <typename F> void forEachLead(const QHash<qint64, qint64> &annotations, F f)
{
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it)
        f(it.key());
}
template <typename F> void forEachLead(const LatestRejections &annotations, F f)
{
    annotations.forEachLead(f);
}
std::optional<qint64> annotationOf(const QHash<qint64, qint64> &annotations, qint64 id)
{
    const auto it = annotations.constFind(id);
    return it == annotations.cend() ? std::nullopt : std::optional(*it);
}
std::optional<Rejection> annotationOf(const LatestRejections &annotations, qint64 id)
{
    return annotations.find(id);
}
} // namespace

template <typename Annotations>
void InterestQueueModel::replaceAnnotation(Annotations &current, const Annotations &next)
{
    if (next == current)
        return;
    // Only the rows shown whose annotation changed are redrawn: those of the leads annotated
    // before or now (a few thousand, where the queue may hold a million).
    std::vector<int> touched;
    const auto touch = [&](qint64 id) {
        const auto row = m_engine.leads().rowOf(id);
        if (!row || size_t(*row) >= m_position.size() || m_position[size_t(*row)] < 0)
            return;
        if (annotationOf(current, id) != annotationOf(next, id))
            touched.push_back(m_position[size_t(*row)]);
    };
    forEachLead(next, touch);
    forEachLead(current, [&](qint64 id) {
        if (!next.contains(id))
            touch(id);
    });
    current = next;
    if (m_keyColumn == Returned) // both annotations sort the Sales column
        updateSortKeys(m_rows);
    emitChanged(std::move(touched));
}

QString InterestQueueModel::heldText(qint64 releaseAt, qint64 now)
{
    return tr("waiting to be handed over at %1").arg(releaseTimeText(releaseAt, now));
}

QString InterestQueueModel::releaseTimeText(qint64 releaseAt, qint64 now)
{
    // A long wave runs past midnight: "14:00" today, "Wed 09:00" on another day.
    const QDateTime at = QDateTime::fromSecsSinceEpoch(releaseAt);
    return at.date() == QDateTime::fromSecsSinceEpoch(now).date()
               ? at.toString(QStringLiteral("HH:mm"))
               : at.toString(QStringLiteral("ddd HH:mm"));
}

bool InterestQueueModel::isRejected(int row) const
{
    return m_rejections.contains(leadIdAt(row));
}

int InterestQueueModel::rejectedCount() const
{
    return rejectedInQueue([](int) { return true; });
}

int InterestQueueModel::rejectedAboveThresholdCount() const
{
    const ScoreBoard &scores = m_engine.scores();
    const double threshold = scores.model().mqlThreshold;
    return rejectedInQueue([&](int engineRow) { return scores.score(engineRow) >= threshold; });
}

template <typename Test> int InterestQueueModel::rejectedInQueue(Test test) const
{
    // Through the rejections, far fewer than the queue's rows (counted at every refresh).
    int count = 0;
    m_rejections.forEachLead([&](qint64 leadId) {
        const auto engineRow = m_engine.leads().rowOf(leadId);
        count += engineRow && size_t(*engineRow) < m_position.size() &&
                         m_position[size_t(*engineRow)] >= 0 && test(*engineRow)
                     ? 1
                     : 0;
    });
    return count;
}

QVariant InterestQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = m_rows[size_t(index.row())];
    const ScoreBoard &scores = m_engine.scores();
    switch (role) {
    case Qt::DisplayRole:
        return text(row, index.column());
    case LeadIdRole:
        return m_engine.leads().id(row);
    case EngineRowRole:
        return row;
    case AboveThresholdRole:
        return scores.score(row) >= scores.model().mqlThreshold;
    case RejectedRole:
        return m_rejections.contains(m_engine.leads().id(row));
    case Qt::TextAlignmentRole:
        if (index.column() <= Change && index.column() != Returned)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Change)
            return tr("Score now against the score 7 days ago");
        if (index.column() == Fit)
            return tr("Fit points and grade");
        if (index.column() == Returned && m_held.contains(m_engine.leads().id(row)))
            return tr("A new scoring model lifted this lead over the threshold; it is handed to "
                      "sales gradually, best first, and goes at %1, its speed-to-lead clock "
                      "starting then")
                .arg(releaseTimeText(m_held.value(m_engine.leads().id(row)), m_now));
        if (const auto it = m_rejections.find(m_engine.leads().id(row))) {
            QString tip =
                tr("Rejected by %1 (%2) and recycled to nurture: it stays here, "
                   "whatever its score, until it raises its hand or crosses the threshold again")
                    .arg(it->by, it->reason);
            if (!it->note.isEmpty())
                tip += QLatin1Char('\n') + tr("Note: %1").arg(it->note);
            return tip;
        }
        return {};
    default:
        return {};
    }
}

bool InterestQueueModel::sortKeys(int column, std::vector<SortKey> &keys) const
{
    const ScoreBoard &scores = m_engine.scores();
    const auto number = [&](int row) -> std::optional<double> {
        switch (Column(column)) {
        case Score:
            return scores.score(row);
        case Fit:
            return scores.fit(row);
        case Engagement:
            return scores.engagement(row);
        case Change:
            return change(row);
        case LastActivity:
            return double(m_engine.index().lastActivityAt(row));
        default:
            return std::nullopt;
        }
    };
    if (m_rows.empty() || !number(m_rows.front()))
        return false;
    keys.resize(m_rows.size());
    // As lessThan(): equal numbers put the newer lead (the higher id) first.
    for (size_t i = 0; i < m_rows.size(); ++i)
        keys[i] = {*number(m_rows[i]), -m_engine.leads().id(m_rows[i])};
    return true;
}

bool InterestQueueModel::lessThan(int a, int b, int column) const
{
    const int x = m_rows[size_t(a)], y = m_rows[size_t(b)];
    const ScoreBoard &scores = m_engine.scores();
    const auto byNumber = [&](double vx, double vy) {
        return vx != vy ? vx < vy : m_engine.leads().id(x) > m_engine.leads().id(y);
    };
    switch (Column(column)) {
    case Score:
        return byNumber(scores.score(x), scores.score(y));
    case Fit:
        return byNumber(scores.fit(x), scores.fit(y));
    case Engagement:
        return byNumber(scores.engagement(x), scores.engagement(y));
    case Change:
        return byNumber(change(x), change(y));
    case LastActivity:
        return byNumber(double(m_engine.index().lastActivityAt(x)),
                        double(m_engine.index().lastActivityAt(y)));
    default: {
        const int order = column == m_keyColumn
                              ? m_sortKeys[size_t(x)].compare(m_sortKeys[size_t(y)])
                              : text(x, column).compare(text(y, column), Qt::CaseInsensitive);
        return order != 0 ? order < 0 : m_engine.leads().id(x) < m_engine.leads().id(y);
    }
    }
}

int InterestQueueModel::engineRow(int row) const
{
    return m_rows[size_t(row)];
}

QString InterestQueueModel::columnTitle(int column) const
{
    switch (Column(column)) {
    case Score:
        return tr("Score");
    case Fit:
        return tr("Fit");
    case Engagement:
        return tr("Engagement");
    case Change:
        return tr("7 days");
    case LastActivity:
        return tr("Last activity");
    case LeadName:
        return tr("Lead");
    case Company:
        return tr("Company");
    case Title:
        return tr("Title");
    case Returned:
        return tr("Sales");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace handoff
