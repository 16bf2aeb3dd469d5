#include "io/handoffpackage.h"

#include <QDateTime>
#include <QJsonArray>

#include "io/csvwriter.h"
#include "scoring/activitycatalogue.h"

namespace handoff {

namespace {

QString when(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

QJsonObject HandoffPackage::toJson(const ActivityCatalogue &types) const
{
    const ScoreBreakdown &b = breakdown;
    QJsonArray fit;
    for (const auto &line : b.fit) {
        fit.append(QJsonObject{{QStringLiteral("rule"), line.rule},
                               {QStringLiteral("value"), line.value},
                               {QStringLiteral("origin"), line.origin},
                               {QStringLiteral("matched"), line.matched},
                               {QStringLiteral("points"), line.points}});
    }
    QJsonArray engagement;
    for (const auto &line : b.activities) {
        engagement.append(QJsonObject{{QStringLiteral("type"), line.type},
                                      {QStringLiteral("kind"), activitykind::toString(line.kind)},
                                      {QStringLiteral("count"), line.count},
                                      {QStringLiteral("points_each"), line.pointsEach},
                                      {QStringLiteral("raw"), line.raw},
                                      {QStringLiteral("decayed"), line.decayed},
                                      {QStringLiteral("points"), line.points},
                                      {QStringLiteral("capped"), line.capped},
                                      {QStringLiteral("undated"), line.undated}});
    }
    QJsonArray timeline;
    for (const Activity &a : activities) {
        const int t = types.indexOfId(a.typeId);
        timeline.append(
            QJsonObject{{QStringLiteral("type"), t >= 0 ? types.type(t).code : QString()},
                        {QStringLiteral("asset"), a.asset},
                        {QStringLiteral("channel"), a.channel},
                        {QStringLiteral("occurred_at"),
                         a.undated ? QJsonValue() : QJsonValue(when(a.occurredAt))},
                        {QStringLiteral("undated"), a.undated}});
    }
    QJsonArray stages;
    for (const StageChange &c : stageHistory) {
        stages.append(QJsonObject{
            {QStringLiteral("from"), c.from ? stage::toString(*c.from) : QString()},
            {QStringLiteral("to"), stage::toString(c.to)},
            {QStringLiteral("at"), c.undated ? QJsonValue() : QJsonValue(when(c.changedAt))},
            {QStringLiteral("undated"), c.undated},
            {QStringLiteral("by"), c.changedBy},
            {QStringLiteral("reason"), c.reason}});
    }
    QJsonObject package{
        {QStringLiteral("lead_id"), lead.id},
        {QStringLiteral("name"), lead.displayName()},
        {QStringLiteral("email"), lead.email},
        {QStringLiteral("company"), lead.company},
        {QStringLiteral("title"), lead.title},
        {QStringLiteral("stage"), stage::toString(lead.stage)},
        {QStringLiteral("score"), b.total},
        {QStringLiteral("fit_points"), b.fitPoints},
        {QStringLiteral("engagement_points"), b.engagementPoints},
        {QStringLiteral("grade"), b.gradeText()},
        {QStringLiteral("mql_threshold"), b.mqlThreshold},
        {QStringLiteral("above_threshold"), b.aboveThreshold},
        {QStringLiteral("raised_hand"), b.raisedHand},
        {QStringLiteral("disqualified"),
         b.disqualifiedBecause ? QJsonValue(*b.disqualifiedBecause) : QJsonValue()},
        {QStringLiteral("fit"), fit},
        {QStringLiteral("engagement"), engagement},
        {QStringLiteral("activities"), timeline},
        {QStringLiteral("stage_history"), stages},
    };
    package.insert(QStringLiteral("qualification"),
                   QJsonObject{{QStringLiteral("goals"), qualification.goals},
                               {QStringLiteral("authority"), qualification.authority},
                               {QStringLiteral("timeline"), qualification.timeline},
                               {QStringLiteral("budget"), qualification.budget},
                               {QStringLiteral("signup_reason"), qualification.signupReason},
                               {QStringLiteral("needed_by"), qualification.neededBy}});
    return package;
}

void HandoffPackage::writeCsv(const QString &filePath, const ActivityCatalogue &types,
                              CsvWriter::Options options) const
{
    // One "section, field, value" row per fact: opens in any spreadsheet as a readable sheet.
    CsvWriter writer(filePath, options);
    writer.open();
    writer.writeRow({tr("section"), tr("field"), tr("value")});
    // People read this sheet: labels, not JSON keys.
    const QString lead = tr("lead");
    writer.writeRow({lead, tr("Lead id"), QString::number(this->lead.id)});
    writer.writeRow({lead, tr("Name"), this->lead.displayName()});
    writer.writeRow({lead, tr("E-mail"), this->lead.email});
    writer.writeRow({lead, tr("Company"), this->lead.company});
    writer.writeRow({lead, tr("Title"), this->lead.title});
    writer.writeRow({lead, tr("Stage"), stage::label(this->lead.stage)});
    writer.writeRow({lead, tr("Score"), QString::number(breakdown.total, 'f', 1)});
    writer.writeRow({lead, tr("Fit points"), QString::number(breakdown.fitPoints, 'f', 1)});
    writer.writeRow(
        {lead, tr("Engagement points"), QString::number(breakdown.engagementPoints, 'f', 1)});
    writer.writeRow({lead, tr("Fit grade"), breakdown.gradeText()});
    writer.writeRow({lead, tr("MQL threshold"), QString::number(breakdown.mqlThreshold)});
    const QString q = tr("qualification");
    writer.writeRow({q, tr("Goals and challenges"), qualification.goals});
    writer.writeRow({q, tr("Authority"), qualification.authority});
    writer.writeRow({q, tr("Timeline"), qualification.timeline});
    writer.writeRow({q, tr("Budget"), qualification.budget});
    writer.writeRow({q, tr("Why they signed up"), qualification.signupReason});
    writer.writeRow({q, tr("Needed by"), qualification.neededBy});
    for (const auto &line : breakdown.fit) {
        if (line.matched)
            writer.writeRow({tr("fit"), line.rule, QString::number(line.points)});
    }
    for (const auto &line : breakdown.activities)
        writer.writeRow({tr("engagement"), line.label, QString::number(line.points, 'f', 1)});
    for (const Activity &a : activities) {
        const int t = types.indexOfId(a.typeId);
        writer.writeRow({tr("activity"), a.undated ? tr("undated") : when(a.occurredAt),
                         QStringLiteral("%1 %2")
                             .arg(t >= 0 ? types.type(t).label : QString(), a.asset)
                             .trimmed()});
    }
    for (const StageChange &c : stageHistory)
        writer.writeRow({tr("stage"), c.undated ? tr("undated") : when(c.changedAt),
                         QStringLiteral("%1 (%2) %3")
                             .arg(stage::label(c.to), c.changedBy, c.reason)
                             .trimmed()});
    writer.close();
}

} // namespace handoff
