#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/cli.h"
#include "io/handoffpackage.h"
#include "queues/console.h"
#include "scoring/scoringengine.h"
#include "store/activityrepository.h"
#include "store/database.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"
#include "store/qualificationrepository.h"

namespace handoff {

using namespace commandsupport;

namespace {

QString when(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// A time as the history shows it: "undated" where the imported file gave none.
QString when(qint64 secs, bool undated)
{
    return undated ? tr("undated").leftJustified(16) : when(secs);
}

QString signedPoints(double points)
{
    const double r = rounded(points);
    return r > 0 ? QStringLiteral("+%1").arg(r) : QString::number(r);
}

// What became of the lead's latest raised hand: handed to sales, or history (an imported
// request older than the intake window, or one its file gave no date for, opens no handoff).
QString handRaiseFate(const QList<Activity> &activities, const ActivityCatalogue &types,
                      const QList<Handoff> &handoffs, qint64 now)
{
    qint64 raisedAt = 0;
    bool raisedUndated = false;
    for (const Activity &a : activities) {
        const int t = types.indexOfId(a.typeId);
        if (t < 0 || types.type(t).kind != ActivityKind::Intent)
            continue;
        if (a.undated)
            raisedUndated = true;
        else
            raisedAt = std::max(raisedAt, a.occurredAt);
    }
    if (raisedAt == 0 && raisedUndated)
        return tr("Raised a hand at a time nobody knows: undated history (its import gave no "
                  "date), so it opened no handoff.\n");
    if (raisedAt == 0)
        return {};
    for (const Handoff &h : handoffs) {
        if (h.trigger == Handoff::Trigger::Intent && h.raisedAt >= raisedAt)
            return tr("Raised a hand on %1: handed to sales (handoff %2).\n")
                .arg(when(raisedAt))
                .arg(h.id);
    }
    if (raisedAt < now - qint64(Console::DefaultIntakeWindowDays) * 24 * 3600)
        return tr("Raised a hand on %1: history, older than the %2-day intake window, so it "
                  "opened no handoff.\n")
            .arg(when(raisedAt))
            .arg(Console::DefaultIntakeWindowDays);
    return tr("Raised a hand on %1: the next console to open hands it to sales.\n")
        .arg(when(raisedAt));
}

void writeText(QTextStream &out, const Lead &lead, const ScoreBreakdown &b,
               const QList<Activity> &activities, const ActivityCatalogue &types,
               const QList<StageChange> &history, const QString &handRaise)
{
    out << tr("Lead %1: %2 <%3>, %4 at %5 (%6)\n")
               .arg(lead.id)
               .arg(lead.displayName(), lead.email, lead.title, lead.company,
                    stage::toString(lead.stage));
    out << tr("Score %1 = fit %2 + engagement %3, fit grade %4; MQL threshold %5: %6\n")
               .arg(rounded(b.total))
               .arg(rounded(b.fitPoints))
               .arg(rounded(b.engagementPoints))
               .arg(b.gradeText())
               .arg(b.mqlThreshold)
               .arg(b.aboveThreshold ? tr("above") : tr("below"));
    out << handRaise;
    if (b.disqualifiedBecause)
        out << tr("Disqualified: %1 (in neither queue)\n").arg(*b.disqualifiedBecause);
    out << '\n' << tr("Fit rules") << '\n';
    for (const auto &line : b.fit) {
        out << QStringLiteral("  %1 %2 [%3]\n")
                   .arg(line.matched ? signedPoints(line.points).rightJustified(6)
                                     : QStringLiteral("     -"),
                        line.rule, line.value.isEmpty() ? tr("unknown") : line.shownValue());
    }
    out << '\n' << tr("Engagement (count x points each = raw; after decay; after cap)") << '\n';
    for (const auto &line : b.activities) {
        out << QStringLiteral("  %1 %2 %3 x %4 = %5; %6%7\n")
                   .arg(signedPoints(line.points).rightJustified(6), line.label.leftJustified(24))
                   .arg(line.count, 3)
                   .arg(line.pointsEach)
                   .arg(rounded(line.raw))
                   .arg(line.decays ? tr("decayed %1").arg(rounded(line.decayed))
                                    : tr("does not decay"))
                   .arg((line.capped ? tr("; capped") : QString()) +
                        (line.undated
                             ? tr("; %1 undated, counted as the oldest (%2)")
                                   .arg(line.undated)
                                   .arg(line.decays && b.halfLifeDays > 0 ? tr("faded to nothing")
                                                                          : tr("no decay: in full"))
                             : QString()));
    }
    out << '\n' << tr("Activity (newest first)") << '\n';
    for (const Activity &a : activities.mid(0, 15)) {
        const int t = types.indexOfId(a.typeId);
        out << QStringLiteral("  %1  %2 %3\n")
                   .arg(when(a.occurredAt, a.undated), t >= 0 ? types.type(t).label : QString(),
                        a.asset);
    }
    if (activities.size() > 15)
        out << tr("  ... and %1 more\n").arg(activities.size() - 15);
    out << '\n' << tr("Stage history") << '\n';
    for (const StageChange &c : history) {
        out << QStringLiteral("  %1  %2 -> %3 %4 %5\n")
                   .arg(when(c.changedAt, c.undated),
                        c.from ? stage::toString(*c.from) : QStringLiteral("(new)"),
                        stage::toString(c.to), c.changedBy, c.reason);
    }
}

} // namespace

namespace commands {

int explain(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({{QStringLiteral("db"), tr("The database."), QStringLiteral("FILE")},
                       {QStringLiteral("format"), tr("text or json."), QStringLiteral("FORMAT"),
                        QStringLiteral("text")}});
    parser.addPositionalArgument(
        QStringLiteral("LEAD"),
        tr("The lead to explain: its number, its external id (from the system it came from) "
           "or its e-mail address."));
    parse(parser, arguments);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || positional.first().trimmed().isEmpty())
        throw UsageError(tr("name exactly one LEAD: a number, an external id or an e-mail"));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        throw UsageError(tr("--format must be text or json, not '%1'").arg(format));

    Database db = openExisting(requiredDb(parser));
    const LeadRepository leads(db.connection());
    const QList<qint64> matches = leads.findByKey(positional.first());
    if (matches.isEmpty())
        throw Error(tr("%1: no lead has the number, external id or e-mail '%2'")
                        .arg(db.filePath(), positional.first()));
    if (matches.size() > 1) {
        QStringList described;
        for (const Lead &l : leads.find(matches))
            described.append(tr("lead %1 (%2)").arg(l.id).arg(l.displayName()));
        throw Error(tr("'%1' names %2 leads: %3; give the number of the one you mean")
                        .arg(positional.first())
                        .arg(matches.size())
                        .arg(described.join(QStringLiteral(", "))));
    }
    const qint64 leadId = matches.first();
    const auto lead = leads.find(leadId);
    if (!lead)
        throw Error(tr("%1: there is no lead %2").arg(db.filePath()).arg(leadId));
    ScoringEngine engine;
    engine.loadSubset(db, {leadId}, QDateTime::currentSecsSinceEpoch());
    ScoreBreakdown breakdown = engine.scores().explain(0);
    const QList<Activity> activities = ActivityRepository(db.connection()).forLead(leadId);
    breakdown.countUndated(activities, engine.catalogue());
    leadfields::noteOrigins(breakdown, *lead);
    const QList<StageChange> history = leads.stageHistory(leadId);
    if (format == QLatin1String("json"))
        io.out << QJsonDocument(
                      HandoffPackage{*lead, breakdown, activities, history,
                                     QualificationRepository(db.connection()).find(leadId)}
                          .toJson(engine.catalogue()))
                      .toJson();
    else
        writeText(io.out, *lead, breakdown, activities, engine.catalogue(), history,
                  handRaiseFate(activities, engine.catalogue(),
                                HandoffRepository(db.connection()).forLead(leadId),
                                QDateTime::currentSecsSinceEpoch()));
    return cli::Success;
}

} // namespace commands

} // namespace handoff
