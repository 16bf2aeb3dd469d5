// handoff model export|import and handoff backtest: scoring model versions as JSON files
// for review outside the app, and what a model file would have done on past leads.

#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <functional>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "cli/cli.h"
#include "scoring/backtest.h"
#include "scoring/modelversions.h"
#include "scoring/tuningdata.h"
#include "store/database.h"
#include "store/error.h"
#include "store/profile.h"

namespace handoff {

using namespace commandsupport;

namespace {

ScoringModel readModelFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(tr("cannot be read: %1").arg(file.errorString()), ErrorWhere::inFile(path));
    try {
        return ScoringModel::fromJson(file.readAll());
    } catch (const Error &e) {
        throw Error(tr("not a scoring model: %1").arg(e.message()), ErrorWhere::inFile(path));
    }
}

// The profile the command acts as: --as names one the console knows, or --role creates it,
// since only a draft's author may later propose it and a typo should not invent a person.
Profile cliProfile(const QCommandLineParser &parser, Database &db)
{
    const QString name = parser.value(QStringLiteral("as")).trimmed();
    ProfileRepository profiles(db.connection());
    if (const auto profile = profiles.find(name))
        return *profile;
    if (parser.isSet(QStringLiteral("role"))) {
        const auto role = Profile::roleFrom(parser.value(QStringLiteral("role")));
        if (!role)
            throw UsageError(tr("--role must be marketing, sales or sales_manager, not '%1'")
                                 .arg(parser.value(QStringLiteral("role"))));
        return profiles.add(name, *role, QDateTime::currentSecsSinceEpoch());
    }
    QStringList known;
    for (const Profile &p : profiles.all())
        known << p.name;
    throw Error(tr("%1: there is no profile '%2' (profiles: %3); add --role to create it")
                    .arg(db.filePath(), name,
                         known.isEmpty() ? tr("none yet") : known.join(QStringLiteral(", "))));
}

int exportModel(const QCommandLineParser &parser, const QString &target, CommandIo io)
{
    Database db = openExisting(requiredDb(parser));
    ModelVersions versions(db, Profile{}); // reading needs nobody
    ScoringModel model = versions.liveDefinition();
    QString described = tr("the live model");
    if (parser.isSet(QStringLiteral("version"))) {
        const qint64 id = positiveInt(parser, QStringLiteral("version"), 1, INT_MAX);
        model = versions.definition(id);
        described = tr("version %1").arg(id);
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(model.toJson()) < 0 || !file.commit())
        throw Error(tr("%1: cannot be written: %2").arg(target, file.errorString()));
    io.out << tr("Wrote %1 to %2\n").arg(described, target);
    return cli::Success;
}

int importModel(const QCommandLineParser &parser, const QString &source, CommandIo io)
{
    const ScoringModel model = readModelFile(source);
    Database db = openExisting(requiredDb(parser));
    ModelVersions versions(db, cliProfile(parser, db));
    const ModelRecord draft =
        versions.createDraft(model, tr("Imported from %1").arg(QFileInfo(source).fileName()),
                             QDateTime::currentSecsSinceEpoch());
    io.out << tr("Imported %1 as draft version %2 by %3; propose it and have it signed off in "
                 "the tuning workspace\n")
                  .arg(source)
                  .arg(draft.id)
                  .arg(draft.author);
    return cli::Success;
}

QString percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100, 0, 'f', 1);
}

QString aucText(const std::optional<double> &auc)
{
    return auc ? QString::number(*auc, 'f', 3) : commandsupport::tr("n/a");
}

QJsonArray decilesJson(const QList<BacktestFigures::Decile> &list)
{
    QJsonArray deciles;
    for (const auto &d : list) {
        deciles.append(QJsonObject{{QStringLiteral("leads"), d.leads},
                                   {QStringLiteral("converted"), d.converted},
                                   {QStringLiteral("min_score"), rounded(d.minScore)},
                                   {QStringLiteral("max_score"), rounded(d.maxScore)},
                                   {QStringLiteral("conversion"), d.conversion},
                                   {QStringLiteral("lift"), d.lift}});
    }
    return deciles;
}

QJsonObject figuresJson(const BacktestFigures &f)
{
    QJsonArray weeks;
    for (const auto &w : f.weeks) {
        weeks.append(QJsonObject{{QStringLiteral("week_of"), w.monday.toString(Qt::ISODate)},
                                 {QStringLiteral("mqls"), w.mqls},
                                 {QStringLiteral("converted"), w.converted}});
    }
    const BacktestFigures::Undated &u = f.undated;
    return {{QStringLiteral("mqls"), f.mqls},
            {QStringLiteral("mqls_converted"), f.mqlsConverted},
            {QStringLiteral("precision"), f.precision},
            {QStringLiteral("recall"), f.recall},
            {QStringLiteral("auc"), f.auc ? QJsonValue(*f.auc) : QJsonValue()},
            {QStringLiteral("mqls_per_week"), weeks},
            {QStringLiteral("deciles"), decilesJson(f.deciles)},
            {QStringLiteral("undated"),
             QJsonObject{{QStringLiteral("leads"), u.leads},
                         {QStringLiteral("converted"), u.converted},
                         {QStringLiteral("mqls"), u.mqls},
                         {QStringLiteral("mqls_converted"), u.mqlsConverted},
                         {QStringLiteral("precision"), u.precision},
                         {QStringLiteral("recall"), u.recall},
                         {QStringLiteral("auc"), u.auc ? QJsonValue(*u.auc) : QJsonValue()},
                         {QStringLiteral("undated_activities"), u.activities},
                         {QStringLiteral("faded_activities"), u.fadedActivities},
                         {QStringLiteral("deciles"), decilesJson(u.deciles)}}}};
}

using Row = std::function<void(const QString &, const QString &, const QString &)>;

void writeDeciles(QTextStream &out, const QList<BacktestFigures::Decile> &live,
                  const QList<BacktestFigures::Decile> &file)
{
    for (qsizetype i = 0; i < std::max(live.size(), file.size()); ++i) {
        const auto text = [](const QList<BacktestFigures::Decile> &deciles, qsizetype i) {
            if (i >= deciles.size())
                return QString();
            const auto &d = deciles[i];
            return tr("%1 of %2 (%3, lift %4)")
                .arg(d.converted)
                .arg(d.leads)
                .arg(percent(d.conversion))
                .arg(d.lift, 0, 'f', 2);
        };
        out << QStringLiteral("  %1  %2 | %3\n")
                   .arg(i + 1, 2)
                   .arg(text(live, i).leftJustified(30), text(file, i));
    }
}

// Leads whose history has no dates: what cannot be replayed, then their final-score figures.
void writeUndatedText(QTextStream &out, const BacktestFigures &live, const BacktestFigures &file,
                      const Row &row)
{
    const BacktestFigures::Undated &l = live.undated;
    const BacktestFigures::Undated &f = file.undated;
    out << tr("Undated history (imported without dates): %1 leads with a known outcome, %2 "
              "became SQL\n")
               .arg(l.leads)
               .arg(l.converted);
    out << tr("Not replayed in time: no MQLs per week, no moment of crossing, no window (all "
              "of them are counted). Judged instead on each lead's final score: the score with "
              "every activity from before its outcome. Undated activities count as the oldest, "
              "as in the console's scores: types that fade add nothing, types that do not fade "
              "count in full.\n");
    if (l.activities > 0 || f.activities > 0)
        out << tr("Undated activities of scored types: %1 (live), %2 (file); of those, of fading "
                  "types and adding no points: %3 (live), %4 (file)\n")
                   .arg(l.activities)
                   .arg(f.activities)
                   .arg(l.fadedActivities)
                   .arg(f.fadedActivities);
    out << '\n';
    row(QString(), tr("live"), tr("file"));
    row(tr("MQLs (final score >= threshold)"), QString::number(l.mqls), QString::number(f.mqls));
    row(tr("MQLs that became SQL"), QString::number(l.mqlsConverted),
        QString::number(f.mqlsConverted));
    row(tr("Precision (MQLs that became SQL)"), percent(l.precision), percent(f.precision));
    row(tr("Recall (SQLs that were MQL)"), percent(l.recall), percent(f.recall));
    row(tr("ROC AUC of the final score"), aucText(l.auc), aucText(f.auc));
    out << '\n' << tr("Conversion by final-score decile, highest first (live | file)") << '\n';
    writeDeciles(out, l.deciles, f.deciles);
}

void writeDatedText(QTextStream &out, const BacktestFigures &live, const BacktestFigures &file,
                    int windowWeeks, const Row &row)
{
    out << tr("Replayed in time: leads created in the last %1 weeks with a known outcome: %2 "
              "leads, %3 became SQL\n\n")
               .arg(windowWeeks)
               .arg(live.leads)
               .arg(live.converted);
    row(QString(), tr("live"), tr("file"));
    row(tr("MQLs"), QString::number(live.mqls), QString::number(file.mqls));
    row(tr("MQLs that became SQL"), QString::number(live.mqlsConverted),
        QString::number(file.mqlsConverted));
    row(tr("Precision (MQLs that became SQL)"), percent(live.precision), percent(file.precision));
    row(tr("Recall (SQLs that were MQL)"), percent(live.recall), percent(file.recall));
    row(tr("ROC AUC of the peak score"), aucText(live.auc), aucText(file.auc));
    out << '\n' << tr("MQLs per week (live / file)") << '\n';
    for (qsizetype i = 0; i < live.weeks.size(); ++i) {
        out << QStringLiteral("  %1  %2 / %3\n")
                   .arg(live.weeks[i].monday.toString(Qt::ISODate))
                   .arg(live.weeks[i].mqls, 5)
                   .arg(file.weeks[i].mqls, 5);
    }
    out << '\n' << tr("Conversion by peak-score decile, highest first (live | file)") << '\n';
    writeDeciles(out, live.deciles, file.deciles);
}

void writeBacktestText(QTextStream &out, const BacktestFigures &live, const BacktestFigures &file,
                       int windowWeeks)
{
    const Row row = [&](const QString &name, const QString &a, const QString &b) {
        out << name.leftJustified(34) << a.rightJustified(10) << b.rightJustified(10) << '\n';
    };
    // Undated history alone (a whole CRM export without dates): its figures are the result,
    // and the empty weeks are one line, not a table of zeros.
    if (!live.hasDated() && live.hasUndated()) {
        writeUndatedText(out, live, file, row);
        out << '\n'
            << tr("No lead created in the last %1 weeks has a dated history with a known "
                  "outcome: nothing to replay week by week.\n")
                   .arg(windowWeeks);
        return;
    }
    writeDatedText(out, live, file, windowWeeks, row);
    if (live.hasUndated()) {
        out << '\n';
        writeUndatedText(out, live, file, row);
    }
}

} // namespace

namespace commands {

int model(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions(
        {{QStringLiteral("db"), tr("The database."), QStringLiteral("FILE")},
         {QStringLiteral("version"), tr("The version to export (default: live)."),
          QStringLiteral("N")},
         {QStringLiteral("as"), tr("Who imports: a profile, the draft's author."),
          QStringLiteral("NAME")},
         {QStringLiteral("role"), tr("Creates the --as profile with this role when it is new."),
          QStringLiteral("ROLE")}});
    parser.addPositionalArgument(QStringLiteral("export|import"), tr("What to do."));
    parser.addPositionalArgument(QStringLiteral("FILE.json"), tr("The model file."));
    parse(parser, arguments);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        throw UsageError(tr("name export or import, then one FILE.json"));
    const QString action = positional[0];
    if (action == QLatin1String("export"))
        return exportModel(parser, positional[1], io);
    if (action == QLatin1String("import")) {
        if (parser.isSet(QStringLiteral("version")))
            throw UsageError(tr("--version applies to export only"));
        if (!parser.isSet(QStringLiteral("as")))
            throw UsageError(tr("import needs --as NAME: the profile whose draft it becomes"));
        return importModel(parser, positional[1], io);
    }
    throw UsageError(tr("the first argument must be export or import, not '%1'").arg(action));
}

int backtest(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({{QStringLiteral("db"), tr("The database."), QStringLiteral("FILE")},
                       {QStringLiteral("model"), tr("The scoring model file to try."),
                        QStringLiteral("FILE.json")},
                       {QStringLiteral("window"), tr("Weeks of past leads (default 26)."),
                        QStringLiteral("WEEKS"), QStringLiteral("26")},
                       {QStringLiteral("format"), tr("text or json."), QStringLiteral("FORMAT"),
                        QStringLiteral("text")}});
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (!parser.isSet(QStringLiteral("model")))
        throw UsageError(tr("--model FILE.json is required"));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        throw UsageError(tr("--format must be text or json, not '%1'").arg(format));
    BacktestOptions options;
    options.windowWeeks = positiveInt(parser, QStringLiteral("window"), 26, 520);
    options.now = QDateTime::currentSecsSinceEpoch();

    const ScoringModel candidate = readModelFile(parser.value(QStringLiteral("model")));
    const QString path = requiredDb(parser);
    openExisting(path); // refuses a missing or foreign file with the usual message
    const auto data = TuningData::load(path, options.now);
    const Backtest backtest(data->engine.leads(), data->engine.catalogue(), data->outcomes,
                            data->timeline);
    const BacktestFigures live = backtest.run(data->engine.scores(), options);
    const BacktestFigures file = backtest.run(candidate, data->engine.scores(), options);

    if (format == QLatin1String("json")) {
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("window_weeks"), options.windowWeeks},
                                            {QStringLiteral("leads"), live.leads},
                                            {QStringLiteral("converted"), live.converted},
                                            {QStringLiteral("live"), figuresJson(live)},
                                            {QStringLiteral("model"), figuresJson(file)}})
                      .toJson();
    } else {
        writeBacktestText(io.out, live, file, options.windowWeeks);
    }
    return cli::Success;
}

} // namespace commands

} // namespace handoff
