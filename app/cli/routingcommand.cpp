// `handoff routing`: how hand-raisers are handed out (off, round-robin or weighted), the claim
// timeout, and each rep's shift, weight and territory.

#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QDateTime>

#include "cli/cli.h"
#include "store/database.h"
#include "store/error.h"
#include "store/profile.h"
#include "store/routingrepository.h"
#include "store/transaction.h"

namespace handoff {

using namespace commandsupport;

namespace {

RoutingSettings::Mode modeFrom(const QString &text)
{
    QString stored = text;
    stored.replace(QLatin1Char('-'), QLatin1Char('_'));
    const auto mode = RoutingSettings::modeFrom(stored);
    if (!mode)
        throw UsageError(tr("--mode must be off, round-robin or weighted, not '%1'").arg(text));
    return *mode;
}

int wholeNumber(const QString &option, const QString &text, int from, int to)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < from || value > to)
        throw UsageError(tr("--%1 takes a whole number from %2 to %3, not '%4'")
                             .arg(option)
                             .arg(from)
                             .arg(to)
                             .arg(text));
    return value;
}

// "country=DE,AT": the field and its values.
std::pair<QString, QStringList> territoryFrom(const QString &text)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    if (equals <= 0)
        throw UsageError(
            tr("--territory takes FIELD=VALUE,VALUE such as country=DE,AT, not '%1'").arg(text));
    return {text.left(equals).trimmed().toLower(),
            text.mid(equals + 1).split(QLatin1Char(','), Qt::SkipEmptyParts)};
}

QString modeText(RoutingSettings::Mode mode)
{
    switch (mode) {
    case RoutingSettings::Mode::Off:
        return tr("off (reps claim hand-raisers themselves)");
    case RoutingSettings::Mode::RoundRobin:
        return tr("round-robin among reps on shift");
    case RoutingSettings::Mode::Weighted:
        return tr("weighted among reps on shift");
    }
    return {};
}

} // namespace

namespace commands {

int routing(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({
        {QStringLiteral("db"), tr("The database (a file or postgresql://...)."),
         QStringLiteral("FILE|URL")},
        {QStringLiteral("mode"),
         tr("How hand-raisers are handed out: off, round-robin or weighted."),
         QStringLiteral("MODE")},
        {QStringLiteral("claim-timeout"),
         tr("Minutes (on the SLA clock) a claim may go without a first contact before the lead "
            "goes back to the pool; 0: never."),
         QStringLiteral("MINUTES")},
        {QStringLiteral("rep"), tr("The sales profile the options below set."),
         QStringLiteral("NAME")},
        {QStringLiteral("available"), tr("The rep is on shift: routing may assign them leads.")},
        {QStringLiteral("away"), tr("The rep is away: routing assigns them none.")},
        {QStringLiteral("weight"), tr("The rep's share in weighted routing, 1 to 100."),
         QStringLiteral("N")},
        {QStringLiteral("territory"),
         tr("The leads the rep covers first: a field (country, industry, seniority, channel, "
            "segment) and its values, such as country=DE,AT."),
         QStringLiteral("FIELD=VALUES")},
        {QStringLiteral("no-territory"), tr("The rep takes any lead no territory covers.")},
        {QStringLiteral("as"), tr("Who makes the change, for the audit log (default: $USER)."),
         QStringLiteral("NAME")},
    });
    parse(parser, arguments);
    if (!parser.positionalArguments().isEmpty())
        throw UsageError(tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    const auto isSet = [&](const char *name) { return parser.isSet(QLatin1String(name)); };
    if (isSet("available") && isSet("away"))
        throw UsageError(tr("--available and --away cannot both be given"));
    if (isSet("territory") && isSet("no-territory"))
        throw UsageError(tr("--territory and --no-territory cannot both be given"));
    const bool repChange = isSet("available") || isSet("away") || isSet("weight") ||
                           isSet("territory") || isSet("no-territory");
    if (repChange && !isSet("rep"))
        throw UsageError(tr("--available, --away, --weight and --territory need --rep NAME"));

    const Database db = openExisting(requiredDb(parser));
    RoutingRepository repository(db.connection());
    const QString actor = isSet("as") ? parser.value(QStringLiteral("as"))
                                      : qEnvironmentVariable("USER", QStringLiteral("routing"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // Read, checked and saved in one transaction: a bad rep option leaves the settings as
    // they were, and nobody's change made meanwhile is written over.
    const bool changing = isSet("mode") || isSet("claim-timeout") || repChange;
    std::optional<Transaction> transaction;
    if (changing)
        transaction.emplace(db.connection(), Transaction::Kind::Handoffs);
    RoutingSettings settings = repository.settings();
    if (isSet("mode"))
        settings.mode = modeFrom(parser.value(QStringLiteral("mode")));
    if (isSet("claim-timeout"))
        settings.claimTimeoutMinutes =
            wholeNumber(QStringLiteral("claim-timeout"),
                        parser.value(QStringLiteral("claim-timeout")), 0, 10080);
    std::optional<RepRouting> rep;
    if (isSet("rep")) {
        const QString name = parser.value(QStringLiteral("rep"));
        const auto profile = ProfileRepository(db.connection()).find(name);
        if (!profile || !profile->isSales())
            throw UsageError(tr("--rep: there is no sales profile named '%1'").arg(name));
        rep = repository.rep(name).value_or(RepRouting{});
        rep->rep = name;
        if (isSet("available") || isSet("away"))
            rep->available = isSet("available");
        if (isSet("weight"))
            rep->weight = wholeNumber(QStringLiteral("weight"),
                                      parser.value(QStringLiteral("weight")), 1, 100);
        if (isSet("territory"))
            std::tie(rep->territoryField, rep->territoryValues) =
                territoryFrom(parser.value(QStringLiteral("territory")));
        if (isSet("no-territory")) {
            rep->territoryField.clear();
            rep->territoryValues.clear();
        }
    }
    if (changing) {
        if (isSet("mode") || isSet("claim-timeout"))
            repository.saveSettings(settings, actor, now);
        if (rep && repChange)
            repository.saveRep(*rep, actor, now);
        transaction->commit();
    }

    io.out << tr("Routing: %1").arg(modeText(settings.mode)) << '\n';
    io.out << (settings.claimTimeoutMinutes > 0
                   ? tr("Claim timeout: %1 min without a first contact")
                         .arg(settings.claimTimeoutMinutes)
                   : tr("Claim timeout: none"))
           << '\n';
    const QList<RepRouting> reps = repository.reps();
    if (reps.isEmpty())
        io.out << tr("No rep is set up; a rep goes on shift in the console (Profile > Take "
                     "routed leads) or with --rep NAME --available\n");
    for (const RepRouting &r : reps) {
        const QString territory =
            r.hasTerritory()
                ? tr("%1 in %2").arg(r.territoryField, r.territoryValues.join(QStringLiteral(", ")))
                : tr("any lead");
        io.out << "  " << r.rep.leftJustified(20) << ' '
               << (r.available ? tr("on shift") : tr("away")).leftJustified(9) << ' '
               << tr("weight %1").arg(r.weight).leftJustified(10) << ' ' << territory << '\n';
    }
    return cli::Success;
}

} // namespace commands

} // namespace handoff
