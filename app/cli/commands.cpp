#include "commands.h"
#include "commandsupport.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "activityrepository.h"
#include "cli.h"
#include "database.h"
#include "demogenerator.h"
#include "handoffrepository.h"
#include "leadqueues.h"
#include "leadrepository.h"
#include "output.h"
#include "scoringengine.h"
#include "speedtolead.h"
#include "storeerror.h"

using namespace commandsupport;

namespace commands {

int demo(const QStringList &arguments, CommandIo io)
{
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("db"), tr("The database to create."), QStringLiteral("FILE")},
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
    Database db(path);
    QElapsedTimer timer;
    timer.start();
    const DemoSummary summary = DemoGenerator(db, options).run([&](qint64 done, qint64 total) {
        if (done % 100'000 == 0)
            io.err << tr("%1 of %2 leads\n").arg(done).arg(total) << Qt::flush;
        return true;
    });
    io.out << tr("%1: %2 leads, %3 activities, %4 handoffs, %5 stage changes in %6 s\n")
                  .arg(db.filePath())
                  .arg(summary.leads)
                  .arg(summary.activities)
                  .arg(summary.handoffs)
                  .arg(summary.stageChanges)
                  .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1);
    return cli::Success;
}

int queue(const QStringList &arguments, CommandIo io)
{
    QCommandLineParser parser;
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
    const QList<Handoff> openIntent =
        HandoffRepository(db.connection()).open(Handoff::Trigger::Intent);
    ScoringEngine engine;
    OutputTable table;
    QList<qint64> ids;
    std::vector<int> rows;
    if (positional.first() == QLatin1String("intent")) {
        for (const Handoff &h : openIntent)
            ids.append(h.leadId);
        engine.loadSubset(db, ids, now);
        QList<IntentQueueEntry> entries = queues::intent(engine, openIntent);
        if (limit > 0 && entries.size() > limit)
            entries.resize(limit);
        ids.clear();
        for (const IntentQueueEntry &e : entries)
            ids.append(e.handoff.leadId);
        const QList<Lead> leads = LeadRepository(db.connection()).find(ids);
        const ActivityCatalogue &types = engine.catalogue();
        table.columns = {QStringLiteral("lead_id"),    QStringLiteral("waiting"),
                         QStringLiteral("lead"),       QStringLiteral("company"),
                         QStringLiteral("title"),      QStringLiteral("asked_for"),
                         QStringLiteral("grade"),      QStringLiteral("score"),
                         QStringLiteral("claimed_by"), QStringLiteral("raised_at")};
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const IntentQueueEntry &e = entries[i];
            const Lead &lead = leads[i];
            const int type =
                e.handoff.requestTypeId ? types.indexOfId(*e.handoff.requestTypeId) : -1;
            table.rows.append(
                {lead.id, speedtolead::waitedText(now - e.handoff.raisedAt), lead.displayName(),
                 lead.company, lead.title, type >= 0 ? types.type(type).label : QString(),
                 QString(engine.scores().grade(e.row)), rounded(engine.scores().score(e.row)),
                 e.handoff.claimedBy,
                 QDateTime::fromSecsSinceEpoch(e.handoff.raisedAt, Qt::UTC).toString(Qt::ISODate)});
        }
    } else {
        engine.load(db, now);
        rows = queues::interest(engine, openIntent, limit);
        for (int row : rows)
            ids.append(engine.leads().id(row));
        const QList<Lead> leads = LeadRepository(db.connection()).find(ids);
        const ScoreBoard &scores = engine.scores();
        table.columns = {QStringLiteral("rank"),       QStringLiteral("lead_id"),
                         QStringLiteral("score"),      QStringLiteral("fit"),
                         QStringLiteral("engagement"), QStringLiteral("grade"),
                         QStringLiteral("mql"),        QStringLiteral("lead"),
                         QStringLiteral("company"),    QStringLiteral("title")};
        for (size_t i = 0; i < rows.size(); ++i) {
            const int row = rows[i];
            const Lead &lead = leads[qsizetype(i)];
            table.rows.append({qint64(i + 1), lead.id, rounded(scores.score(row)),
                               rounded(scores.fit(row)), rounded(scores.engagement(row)),
                               QString(scores.grade(row)),
                               scores.score(row) >= scores.model().mqlThreshold, lead.displayName(),
                               lead.company, lead.title});
        }
    }
    writeTable(io.out, table, *format);
    return cli::Success;
}

} // namespace commands
