#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/cli.h"
#include "cli/output.h"
#include "demo/demodatabase.h"
#include "queues/leadlookup.h"
#include "queues/leadqueues.h"
#include "queues/salesqueuemodel.h"
#include "queues/speedtolead.h"
#include "scoring/scoringengine.h"
#include "store/activityrepository.h"
#include "store/businesscalendarrepository.h"
#include "store/database.h"
#include "store/databaselocation.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/leadrepository.h"

namespace handoff {

using namespace commandsupport;

namespace {

OutputTable intentTable(Database &db, qint64 now, int limit)
{
    const QList<Handoff> open = HandoffRepository(db.connection()).open(Handoff::Trigger::Intent);
    QList<qint64> ids;
    for (const Handoff &h : open)
        ids.append(h.leadId);
    ScoringEngine engine;
    engine.loadSubset(db, ids, now); // the queue's leads are all this needs
    QList<IntentQueueEntry> entries = queues::intent(engine, open);
    if (limit > 0 && entries.size() > limit)
        entries.resize(limit);
    const LeadLookup leads(db.connection());
    const BusinessCalendar calendar = BusinessCalendarRepository(db.connection()).load();
    const ActivityCatalogue &types = engine.catalogue();
    OutputTable table;
    table.columns = {QStringLiteral("lead_id"),    QStringLiteral("waiting"),
                     QStringLiteral("lead"),       QStringLiteral("company"),
                     QStringLiteral("title"),      QStringLiteral("asked_for"),
                     QStringLiteral("grade"),      QStringLiteral("score"),
                     QStringLiteral("claimed_by"), QStringLiteral("raised_at")};
    for (const IntentQueueEntry &e : std::as_const(entries)) {
        const Lead lead = leads.lead(e.handoff.leadId);
        const int type = e.handoff.requestTypeId ? types.indexOfId(*e.handoff.requestTypeId) : -1;
        table.rows.append(
            {lead.id,
             // A batch handoff runs no clock (it is outside the SLA): no time to print.
             e.handoff.slaExempt && !e.handoff.firstContactAt
                 ? SalesQueueModel::batchText()
                 : speedtolead::clockText(e.handoff.raisedAt, e.handoff.firstContactAt, now,
                                          calendar),
             lead.displayName(), lead.company, lead.title,
             type >= 0 ? types.type(type).label : QString(), QString(engine.scores().grade(e.row)),
             rounded(engine.scores().score(e.row)), e.handoff.claimedBy,
             QDateTime::fromSecsSinceEpoch(e.handoff.raisedAt, Qt::UTC).toString(Qt::ISODate)});
    }
    return table;
}

OutputTable interestTable(Database &db, qint64 now, int limit)
{
    ScoringEngine engine;
    engine.load(db, now);
    const QList<Handoff> open = HandoffRepository(db.connection()).openAll();
    const std::vector<int> rows = queues::interest(engine, open, limit);
    const LeadLookup leads(db.connection());
    const ScoreBoard &scores = engine.scores();
    OutputTable table;
    table.columns = {QStringLiteral("rank"),       QStringLiteral("lead_id"),
                     QStringLiteral("score"),      QStringLiteral("fit"),
                     QStringLiteral("engagement"), QStringLiteral("grade"),
                     QStringLiteral("mql"),        QStringLiteral("lead"),
                     QStringLiteral("company"),    QStringLiteral("title")};
    for (size_t i = 0; i < rows.size(); ++i) {
        const int row = rows[i];
        const Lead lead = leads.lead(engine.leads().id(row));
        table.rows.append({qint64(i + 1), lead.id, rounded(scores.score(row)),
                           rounded(scores.fit(row)), rounded(scores.engagement(row)),
                           QString(scores.grade(row)),
                           scores.score(row) >= scores.model().mqlThreshold, lead.displayName(),
                           lead.company, lead.title});
    }
    return table;
}

} // namespace

namespace commands {

int demo(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions(
        {{QStringLiteral("db"),
          tr("The database to create: a new file, or an empty database "
             "on a team server."),
          QStringLiteral("FILE")},
         {QStringLiteral("leads"), tr("How many leads (default 5000)."), QStringLiteral("N")},
         {QStringLiteral("seed"), tr("Random seed (default 42)."), QStringLiteral("S")}});
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    DemoOptions options;
    const QString path = requiredDb(parser);
    options.leads = positiveInt(parser, QStringLiteral("leads"), options.leads, 10'000'000);
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            throw UsageError(tr("--seed must be a whole number, not '%1'")
                                 .arg(parser.value(QStringLiteral("seed"))));
    }
    QElapsedTimer timer;
    timer.start();
    // Nobody cancels from the command line, so there is always a summary.
    const DemoSummary summary =
        *DemoDatabase::create(path, options, [&](qint64 done, qint64 total) {
            if (done % 100'000 == 0)
                io.err << tr("%1 of %2 leads\n").arg(done).arg(total) << Qt::flush;
            return true;
        });
    io.out << tr("%1: %2 leads, %3 activities, %4 handoffs, %5 stage changes in %6 s\n")
                  .arg(DatabaseLocation::looksLikeServer(path)
                           ? DatabaseLocation::parse(path).displayText()
                           : QFileInfo(path).absoluteFilePath())
                  .arg(summary.leads)
                  .arg(summary.activities)
                  .arg(summary.handoffs)
                  .arg(summary.stageChanges)
                  .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1);
    return cli::Success;
}

int queue(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({{QStringLiteral("db"), tr("The database."), QStringLiteral("FILE")},
                       {QStringLiteral("format"), tr("table, json or csv."),
                        QStringLiteral("FORMAT"), QStringLiteral("table")},
                       {QStringLiteral("limit"), tr("At most N leads."), QStringLiteral("N")}});
    parser.addPositionalArgument(QStringLiteral("queue"), tr("intent or interest"));
    parse(parser, arguments);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || (positional.first() != QLatin1String("intent") &&
                                   positional.first() != QLatin1String("interest")))
        throw UsageError(tr("name one queue: intent or interest"));
    const auto format = outputFormatFrom(parser.value(QStringLiteral("format")));
    if (!format)
        throw UsageError(tr("--format must be table, json or csv, not '%1'")
                             .arg(parser.value(QStringLiteral("format"))));
    const int limit = positiveInt(parser, QStringLiteral("limit"), -1, 100'000'000);
    const QString path = requiredDb(parser);

    Database db = openExisting(path);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const OutputTable table = positional.first() == QLatin1String("intent")
                                  ? intentTable(db, now, limit)
                                  : interestTable(db, now, limit);
    writeTable(io.out, table, *format);
    return cli::Success;
}

} // namespace commands

} // namespace handoff
