#include "ui/leadhistoryview.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHeaderView>
#include <QRegularExpression>

#include "scoring/activitycatalogue.h"

namespace handoff {

namespace {

QString when(qint64 secs, bool undated)
{
    // Imported without a date: saying 1970 (time 0) would be a made-up date.
    if (undated)
        return QCoreApplication::translate("LeadHistory", "undated");
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(secs), QLocale::ShortFormat);
}

void setRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int c = 0; c < int(cells.size()); ++c)
        table->setItem(row, c, new QTableWidgetItem(cells[c]));
}

} // namespace

namespace leadhistory {

QTableWidget *makeTable(const QStringList &headers, const QString &objectName, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void showActivities(QTableWidget *table, const QList<Activity> &activities,
                    const ActivityCatalogue &types)
{
    table->setRowCount(int(activities.size()));
    for (int row = 0; row < int(activities.size()); ++row) {
        const Activity &a = activities[row];
        const int t = types.indexOfId(a.typeId);
        setRow(table, row,
               {when(a.occurredAt, a.undated), t >= 0 ? types.type(t).label : QString(), a.asset,
                a.channel});
        if (t >= 0 && types.type(t).kind == ActivityKind::Intent) {
            QFont bold = table->font();
            bold.setBold(true);
            table->item(row, 1)->setFont(bold);
        }
    }
    table->resizeColumnsToContents();
}

QString withLabels(const QString &text, const ActivityCatalogue &types)
{
    // "Raised hand: webinar": the code after the colon, whatever it looks like.
    const qsizetype colon = text.lastIndexOf(QStringLiteral(": "));
    if (colon >= 0) {
        if (const int t = types.indexOfCode(text.mid(colon + 2).trimmed()); t >= 0)
            return text.left(colon + 2) + types.type(t).label;
    }
    if (!text.contains(QLatin1Char('_')))
        return text; // plain words: a word that happens to be a code stays a word
    // Elsewhere only codes no one writes in prose: those with an underscore.
    QString shown = text;
    for (const ActivityType &t : types.types()) {
        if (!t.code.contains(QLatin1Char('_')) || t.label.isEmpty() || !shown.contains(t.code))
            continue;
        shown.replace(
            QRegularExpression(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(t.code))),
            t.label);
    }
    return shown;
}

void showStages(QTableWidget *table, const QList<StageChange> &history,
                const ActivityCatalogue &types)
{
    table->setRowCount(int(history.size()));
    for (int row = 0; row < int(history.size()); ++row) {
        const StageChange &c = history[row];
        setRow(table, row,
               {when(c.changedAt, c.undated), c.from ? stage::label(*c.from) : QStringLiteral("—"),
                stage::label(c.to), c.changedBy, withLabels(c.reason, types)});
    }
    table->resizeColumnsToContents();
}

} // namespace leadhistory

} // namespace handoff
