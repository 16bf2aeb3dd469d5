#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "cli/cli.h"
#include "scoring/modelversions.h"
#include "scoring/suggester.h"
#include "scoring/suggestionchanges.h"
#include "store/database.h"
#include "store/error.h"
#include "store/profile.h"

namespace handoff {

using namespace commandsupport;

namespace {

QString percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100.0, 0, 'f', 1);
}

QString signedNumber(double value)
{
    return value > 0 ? QStringLiteral("+%1").arg(value) : QString::number(value);
}

// An activity against the leads without it; a fit value on its own (its field's baseline,
// which it is counted against, heads the field).
QString evidenceText(const Suggestion &s)
{
    const SuggestionEvidence &e = s.evidence;
    const QString with = tr("%1 leads, %2 converted").arg(e.leadsWith).arg(percent(e.rateWith()));
    if (s.kind == Suggestion::Kind::Fit)
        return with;
    return tr("%1; the other %2, %3").arg(with).arg(e.leadsWithout).arg(percent(e.rateWithout()));
}

void writeText(QTextStream &out, const SuggestionResult &r)
{
    out << tr("Learned from %1 leads with a known outcome (%2 converted): fitted on %3, "
              "checked on %4 held out.\n")
               .arg(r.knownLeads)
               .arg(r.convertedLeads)
               .arg(r.trainLeads)
               .arg(r.holdoutLeads);
    if (r.undatedLeads > 0)
        out << tr("%1 of them are undated history (imported without dates): kept, their "
                  "activities counted whatever their order.\n")
                   .arg(r.undatedLeads);
    if (r.undatedActivities > 0)
        out << tr("%1 of the activities learnt from have no date: the console's scores count an "
                  "undated activity of a fading type as nothing, so their points score new, "
                  "dated activities.\n")
                   .arg(r.undatedActivities);
    out << tr("AUC of the suggested points on the held-out part: %1 (on the fitted part: %2; "
              "the fit before rounding: %3)%4\n")
               .arg(r.holdoutAuc ? QString::number(*r.holdoutAuc, 'f', 3) : tr("not measured"))
               .arg(r.trainAuc, 0, 'f', 3)
               .arg(r.fitHoldoutAuc ? QString::number(*r.fitHoldoutAuc, 'f', 3) : tr("n/a"))
               .arg(r.converged ? QString() : tr("; the fit did not fully converge"));
    out << tr("Scale: %1 points per unit of log-odds (%2 points double the odds): %3.\n")
               .arg(r.pointsPerLogOdds, 0, 'f', 2)
               .arg(r.pointsToDoubleOdds, 0, 'f', 1)
               .arg(r.scaleBasis);
    out << tr("A value needs %1 leads (%2% of these) to be suggested on its own; rarer ones are "
              "pooled. No suggestion gives or takes more than %3 points.\n")
               .arg(r.supportNeeded)
               .arg(r.supportShare * 100.0, 0, 'f', 1)
               .arg(r.maxPoints);
    if (!r.flagged.isEmpty()) {
        out << '\n' << tr("Fields that leak the answer") << '\n';
        for (const FlaggedField &f : r.flagged)
            out << QStringLiteral("  %1 [%2]: %3\n")
                       .arg(f.label, f.kept ? tr("used anyway") : tr("left out"), f.reason);
    }
    if (!r.leftOut.isEmpty()) {
        out << '\n' << tr("Fields not learned from") << '\n';
        for (const TrainingSet::LeftOutField &f : r.leftOut)
            out << QStringLiteral("  %1: %2\n").arg(f.label, f.reason);
    }
    const auto section = [&](Suggestion::Kind kind, const QString &title) {
        out << '\n' << title << '\n';
        QString field;
        for (const Suggestion &s : r.suggestions) {
            if (s.kind != kind)
                continue;
            if (kind == Suggestion::Kind::Fit && s.when.field != field) {
                field = s.when.field;
                for (const FieldBaseline &b : r.baselines) {
                    if (b.field == field)
                        out << tr("  %1, against leads with %2: %3 leads, %4 converted\n")
                                   .arg(b.fieldLabel, b.label)
                                   .arg(b.leads)
                                   .arg(percent(b.leads > 0 ? double(b.converted) / b.leads : 0.0));
                }
            }
            QString now =
                s.currentPoints ? tr("now %1").arg(signedNumber(*s.currentPoints)) : tr("now none");
            if (s.cap)
                now += tr(", cap %1").arg(*s.cap);
            out << QStringLiteral("  %1  %2 (%3)  %4\n")
                       .arg(signedNumber(s.points).rightJustified(5), s.label.leftJustified(36),
                            now, evidenceText(s));
            if (!s.note.isEmpty())
                out << QStringLiteral("         %1\n").arg(s.note);
        }
    };
    section(Suggestion::Kind::Activity,
            tr("Activities: suggested points each (current), leads with it against the rest"));
    section(Suggestion::Kind::Fit,
            tr("Fit: suggested points (current) against each field's baseline, and its leads"));
    out << '\n'
        << tr("Read the history in %1 s, fitted and checked in %2 s.\n")
               .arg(double(r.readMs) / 1000.0, 0, 'f', 1)
               .arg(double(r.fitMs) / 1000.0, 0, 'f', 1);
}

QJsonObject toJson(const SuggestionResult &r)
{
    QJsonArray flagged;
    for (const FlaggedField &f : r.flagged)
        flagged.append(QJsonObject{{QStringLiteral("field"), f.field},
                                   {QStringLiteral("label"), f.label},
                                   {QStringLiteral("reason"), f.reason},
                                   {QStringLiteral("kept"), f.kept}});
    QJsonArray suggestions;
    for (const Suggestion &s : r.suggestions) {
        const SuggestionEvidence &e = s.evidence;
        QJsonObject json{{QStringLiteral("kind"), s.kind == Suggestion::Kind::Activity
                                                      ? QStringLiteral("activity")
                                                      : QStringLiteral("fit")},
                         {QStringLiteral("label"), s.label},
                         {QStringLiteral("coefficient"), s.coefficient},
                         {QStringLiteral("points"), s.points},
                         {QStringLiteral("correction"), s.correction},
                         {QStringLiteral("note"), s.note},
                         {QStringLiteral("same_leads"), QJsonArray::fromStringList(s.sameLeads)},
                         {QStringLiteral("current_points"),
                          s.currentPoints ? QJsonValue(*s.currentPoints) : QJsonValue()},
                         {QStringLiteral("evidence"),
                          QJsonObject{{QStringLiteral("leads_with"), e.leadsWith},
                                      {QStringLiteral("converted_with"), e.convertedWith},
                                      {QStringLiteral("rate_with"), e.rateWith()},
                                      {QStringLiteral("leads_without"), e.leadsWithout},
                                      {QStringLiteral("converted_without"), e.convertedWithout},
                                      {QStringLiteral("rate_without"), e.rateWithout()}}}};
        if (s.kind == Suggestion::Kind::Activity) {
            json.insert(QStringLiteral("activity_type"), s.activityType);
            json.insert(QStringLiteral("cap"), s.cap ? QJsonValue(*s.cap) : QJsonValue());
        } else {
            json.insert(QStringLiteral("condition"), s.when.toJson());
        }
        suggestions.append(json);
    }
    QJsonArray baselines;
    for (const FieldBaseline &b : r.baselines)
        baselines.append(QJsonObject{{QStringLiteral("field"), b.field},
                                     {QStringLiteral("label"), b.label},
                                     {QStringLiteral("leads"), b.leads},
                                     {QStringLiteral("converted"), b.converted}});
    QJsonArray leftOut;
    for (const TrainingSet::LeftOutField &f : r.leftOut)
        leftOut.append(QJsonObject{{QStringLiteral("field"), f.field},
                                   {QStringLiteral("label"), f.label},
                                   {QStringLiteral("reason"), f.reason}});
    return {
        {QStringLiteral("known_leads"), r.knownLeads},
        {QStringLiteral("converted_leads"), r.convertedLeads},
        {QStringLiteral("train_leads"), r.trainLeads},
        {QStringLiteral("holdout_leads"), r.holdoutLeads},
        {QStringLiteral("train_auc"), r.trainAuc},
        {QStringLiteral("holdout_auc"), r.holdoutAuc ? QJsonValue(*r.holdoutAuc) : QJsonValue()},
        {QStringLiteral("converged"), r.converged},
        {QStringLiteral("points_per_log_odds"), r.pointsPerLogOdds},
        {QStringLiteral("points_to_double_odds"), r.pointsToDoubleOdds},
        {QStringLiteral("scale_basis"), r.scaleBasis},
        {QStringLiteral("flagged_fields"), flagged},
        {QStringLiteral("baselines"), baselines},
        {QStringLiteral("left_out_fields"), leftOut},
        {QStringLiteral("support_needed"), r.supportNeeded},
        {QStringLiteral("max_points"), r.maxPoints},
        {QStringLiteral("suggestions"), suggestions}};
}

// What --out wrote: the file, then each change from the live model, one a line.
void writeOutSummary(QTextStream &out, const QString &db, const QString &path,
                     const SuggestionResult &r, const QList<SuggestionChange> &changes)
{
    out << tr("Wrote the live model with all %1 suggestions applied (%2 changes) to %3\n")
               .arg(r.suggestions.size())
               .arg(changes.size())
               .arg(path);
    for (const SuggestionChange &c : changes)
        out << QStringLiteral("  %1: %2 -> %3\n").arg(c.item, c.before, c.after);
    out << tr("Try it on past leads with: handoff backtest --db %1 --model %2\n"
              "Make it a draft with: handoff model import --db %1 --as NAME %2\n")
               .arg(db, path);
}

} // namespace

namespace commands {

int suggest(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions(
        {{QStringLiteral("db"), tr("The database."), QStringLiteral("FILE")},
         {QStringLiteral("holdout"), tr("Share of the history held out to check the fit."),
          QStringLiteral("FRACTION"), QStringLiteral("0.25")},
         {QStringLiteral("seed"), tr("Random seed of the holdout split (default 1)."),
          QStringLiteral("S")},
         {QStringLiteral("format"), tr("text or json."), QStringLiteral("FORMAT"),
          QStringLiteral("text")},
         {QStringLiteral("include-field"), tr("Use a flagged field anyway (repeatable)."),
          QStringLiteral("NAME")},
         {QStringLiteral("out"),
          tr("Also write the live model with every suggestion applied to this scoring-model "
             "file, for backtest --model and model import."),
          QStringLiteral("FILE.json")},
         {QStringLiteral("force"), tr("Replace the --out file when it exists.")}});
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        throw UsageError(tr("--format must be text or json, not '%1'").arg(format));
    Suggester::Options options;
    bool ok = false;
    options.holdoutFraction = parser.value(QStringLiteral("holdout")).toDouble(&ok);
    if (!ok || options.holdoutFraction < 0.05 || options.holdoutFraction > 0.9)
        throw UsageError(tr("--holdout must be a fraction from 0.05 to 0.9, not '%1'")
                             .arg(parser.value(QStringLiteral("holdout"))));
    if (parser.isSet(QStringLiteral("seed"))) {
        options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            throw UsageError(tr("--seed must be a whole number, not '%1'")
                                 .arg(parser.value(QStringLiteral("seed"))));
    }
    options.includeFields = parser.values(QStringLiteral("include-field"));
    const QString outPath = parser.value(QStringLiteral("out"));
    if (parser.isSet(QStringLiteral("force")) && outPath.isEmpty())
        throw UsageError(tr("--force applies to --out FILE.json only"));
    const QString path = requiredDb(parser);

    Database db = openExisting(path);
    // The file is checked before the fit, which can take a while: a model file is work
    // someone may have edited by hand, so it is replaced only when asked, and whatever is
    // written appears whole or not at all (QSaveFile; a failed fit leaves nothing).
    QSaveFile outFile(outPath);
    if (!outPath.isEmpty()) {
        if (QFileInfo::exists(outPath) && !parser.isSet(QStringLiteral("force")))
            throw Error(tr("%1 exists; add --force to replace it").arg(outPath));
        if (QFileInfo(outPath).isDir() || !outFile.open(QIODevice::WriteOnly))
            throw Error(tr("%1: cannot be written: %2")
                            .arg(outPath, QFileInfo(outPath).isDir() ? tr("it is a folder")
                                                                     : outFile.errorString()));
    }
    options.training.now = QDateTime::currentSecsSinceEpoch();
    int reported = 0;
    const SuggestionResult result =
        Suggester::fromDatabase(db, options, [&](qint64 done, qint64 total) {
            const int tenth = total > 0 ? int(done * 10 / total) : 0;
            if (tenth > reported && total > 1'000'000) {
                reported = tenth;
                io.err << tr("read %1 of %2 rows\n").arg(done).arg(total) << Qt::flush;
            }
            return true;
        });
    if (format == QLatin1String("json"))
        io.out << QJsonDocument(toJson(result)).toJson();
    else
        writeText(io.out, result);
    if (outPath.isEmpty())
        return cli::Success;

    const ScoringModel live = ModelVersions(db, Profile{}).liveDefinition();
    const ScoringModel suggested = Suggester::applyAll(live, result.suggestions);
    if (outFile.write(suggested.toJson()) < 0 || !outFile.commit())
        throw Error(tr("%1: cannot be written: %2").arg(outPath, outFile.errorString()));
    // With --format json the standard output stays one JSON document.
    QTextStream &note = format == QLatin1String("json") ? io.err : io.out;
    if (&note == &io.out)
        note << '\n';
    writeOutSummary(note, path, outPath, result,
                    SuggestionChanges::describe(live, result.suggestions));
    return cli::Success;
}

} // namespace commands

} // namespace handoff
