#include "scoring/modeldiff.h"

#include <QMap>

namespace handoff {

namespace modeldiff {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ModelDiff", text, disambiguation, n);
}

QString weightText(const ActivityWeight &w)
{
    QString text = QString::number(w.points);
    if (w.cap)
        text += tr(", cap %1").arg(*w.cap);
    if (!w.decays)
        text += tr(", does not fade");
    return text;
}

// Keyed rows of one model, in first-seen order.
void addRows(QList<QString> &order, QMap<QString, std::pair<QString, QString>> &rows,
             const QString &key, const QString &value, bool left)
{
    if (!rows.contains(key))
        order.append(key);
    auto &row = rows[key];
    (left ? row.first : row.second) = value;
}

} // namespace

QList<ModelDiffRow> compare(const ScoringModel &left, const ScoringModel &right,
                            const QHash<QString, QString> &labels)
{
    QList<ModelDiffRow> result = {
        {tr("MQL threshold"), QString::number(left.mqlThreshold),
         QString::number(right.mqlThreshold)},
        {tr("Half-life (days)"), QString::number(left.halfLifeDays),
         QString::number(right.halfLifeDays)},
        {tr("Fit grades A / B / C"),
         QStringLiteral("%1 / %2 / %3").arg(left.gradeA).arg(left.gradeB).arg(left.gradeC),
         QStringLiteral("%1 / %2 / %3").arg(right.gradeA).arg(right.gradeB).arg(right.gradeC)},
    };
    QList<QString> order;
    QMap<QString, std::pair<QString, QString>> rows;
    for (const auto &[model, isLeft] : {std::pair{&left, true}, std::pair{&right, false}}) {
        // The same condition twice is two rows ("#2"): each adds its points.
        QMap<QString, int> seen;
        const auto keyed = [&seen](const QString &key) {
            const int n = ++seen[key];
            return n == 1 ? key : QStringLiteral("%1 #%2").arg(key).arg(n);
        };
        for (const ActivityWeight &w : model->activities)
            addRows(order, rows, keyed(tr("Points: %1").arg(labels.value(w.type, w.type))),
                    weightText(w), isLeft);
        for (const FitRule &r : model->fitRules)
            addRows(order, rows, keyed(tr("Fit: %1").arg(r.when.describe())),
                    QString::number(r.points), isLeft);
        for (const DisqualificationRule &r : model->disqualifications)
            addRows(order, rows, keyed(tr("Disqualify: %1").arg(r.when.describe())), r.reason,
                    isLeft);
    }
    for (const QString &key : order)
        result.append({key, rows[key].first, rows[key].second});
    return result;
}

QString summary(const QList<ModelDiffRow> &rows, int items)
{
    QStringList parts;
    int changed = 0;
    for (const ModelDiffRow &r : rows) {
        if (!r.changed())
            continue;
        if (++changed > items)
            continue;
        if (r.left.isEmpty())
            parts << tr("%1 added").arg(r.item);
        else if (r.right.isEmpty())
            parts << tr("%1 removed").arg(r.item);
        else
            parts << tr("%1 %2 → %3").arg(r.item, r.left, r.right);
    }
    QString text = parts.join(QStringLiteral(", "));
    if (changed > items)
        text = tr("%1 and %n more change(s)", nullptr, changed - items).arg(text);
    return text;
}

} // namespace modeldiff

} // namespace handoff
