#include "cli/commands.h"
#include "cli/commandsupport.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>

#include "cli/cli.h"
#include "cli/importmapping.h"
#include "io/leadimporter.h"
#include "store/database.h"
#include "store/databaselocation.h"
#include "store/error.h"

namespace handoff {

using namespace commandsupport;

namespace {

// An import or its undo waits its turn behind another import rather than failing after the
// few seconds a person at a console is given.
constexpr int BatchBusyTimeoutMs = 10 * 60 * 1000;

void writeSummary(QTextStream &out, const ImportSummary &s, bool dryRun, const QString &db)
{
    out << (dryRun ? tr("Dry run, nothing written:\n") : QString()) << s.countsText();
    out << '\n';
    if (s.batchId)
        out << tr("Imported as batch %1 (undo with: handoff undo-import --db %2 %1)\n")
                   .arg(*s.batchId)
                   .arg(db);
    // The first problems say what is wrong; thousands more would say nothing new.
    constexpr int Shown = 200;
    for (qsizetype i = 0; i < s.problems.size() && i < Shown; ++i)
        out << "  " << s.problems[i].describe() << '\n';
    const qint64 more =
        s.problems.size() - std::min<qsizetype>(s.problems.size(), Shown) + s.problemsOmitted;
    if (more > 0)
        out << tr("  ... and %1 more problems\n").arg(more);
}

} // namespace

namespace commands {

int import(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions(
        {{QStringLiteral("db"), tr("The database."), QStringLiteral("FILE")},
         {QStringLiteral("activities"), tr("An activities file to import with the leads."),
          QStringLiteral("FILE")},
         {QStringLiteral("preset"),
          tr("Read the file as this system's export: %1.")
              .arg(ColumnMapping::presetNames().join(QStringLiteral(", "))),
          QStringLiteral("NAME")},
         {QStringLiteral("kind"),
          tr("What the file holds, when its header does not say: leads (or contacts), "
             "opportunities (deals: imported as outcomes of the leads they name) or activities "
             "(events of known leads)."),
          QStringLiteral("KIND")},
         {QStringLiteral("activity-type"),
          tr("The activity type of every row of an activities file without a type column "
             "(a type code such as email_open, or its label)."),
          QStringLiteral("TYPE")},
         {QStringLiteral("dry-run"), tr("Say what would happen; write nothing.")},
         {QStringLiteral("all-or-nothing"), tr("Import nothing when any row is rejected.")},
         {QStringLiteral("as"), tr("Who imports (recorded with the batch)."),
          QStringLiteral("NAME"), QStringLiteral("import")}});
    parser.addOptions(importmapping::options());
    parser.addPositionalArgument(QStringLiteral("LEADS.csv"), tr("The leads file."));
    parse(parser, arguments);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw UsageError(tr("name exactly one leads file"));
    if (parser.isSet(QStringLiteral("show-mapping")))
        return importmapping::show(parser, positional.first(), io);
    if (parser.isSet(QStringLiteral("format")))
        throw UsageError(tr("--format goes with --show-mapping"));
    // Importing into a file that is not there yet makes it: the first import of a new team.
    const QString path = requiredDb(parser);
    if (importmapping::given(parser))
        importmapping::check(parser, positional.first());
    // (A team server's database is made with 'handoff init'; nothing here is a file.)
    const bool file = !DatabaseLocation::looksLikeServer(path);
    const bool create =
        file && !QFileInfo::exists(path) && !parser.isSet(QStringLiteral("dry-run"));
    // A database made for an import that then wrote nothing is taken away again (after it is
    // closed: the guard outlives `db`), so a failed first import leaves no empty file behind.
    bool wrote = false;
    const auto removeUnused = qScopeGuard([&] {
        if (!create || wrote)
            return;
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
        io.err << tr("handoff import: %1 was not kept, since nothing was imported into it\n")
                      .arg(path);
    });
    // A dry run for a database not made yet checks against an empty one, made aside.
    const bool dryRunOnNothing =
        file && !QFileInfo::exists(path) && parser.isSet(QStringLiteral("dry-run"));
    QTemporaryDir aside;
    Database db = create            ? Database(path)
                  : dryRunOnNothing ? Database(aside.filePath(QStringLiteral("empty.sqlite")))
                                    : openExisting(path);
    if (create)
        io.out << tr("Created %1\n").arg(db.filePath());
    if (dryRunOnNothing)
        io.out << tr("%1 does not exist yet: checked as an import into a new, empty database\n")
                      .arg(QFileInfo(path).absoluteFilePath());
    std::optional<filekind::Kind> forcedKind;
    if (parser.isSet(QStringLiteral("kind"))) {
        forcedKind = filekind::fromOptionName(parser.value(QStringLiteral("kind")));
        if (!forcedKind || *forcedKind == filekind::Kind::Accounts)
            throw UsageError(tr("--kind takes %1, not '%2'")
                                 .arg(filekind::optionNames().join(QStringLiteral(", ")),
                                      parser.value(QStringLiteral("kind"))));
    }
    LeadImporter importer(db, positional.first(), parser.value(QStringLiteral("activities")));
    importer.open(parser.value(QStringLiteral("preset")));
    importer.setActivityType(parser.value(QStringLiteral("activity-type")));
    if (forcedKind)
        importer.setKind(*forcedKind);
    else if (importer.kind() != filekind::Kind::Leads)
        io.out << tr("The file looks like %1 (by its columns %2)\n")
                      .arg(filekind::describe(importer.kind()),
                           importer.verdict().evidence.join(QStringLiteral(", ")));
    if (importer.kind() != filekind::Kind::Leads) {
        // A leads file's mapping and identity say nothing about it.
    } else if (importer.mappingWasSaved())
        io.out << tr("Read with the mapping saved for this file's header\n");
    else if (parser.value(QStringLiteral("preset")).isEmpty())
        io.out << importmapping::presetVerdict(ColumnMapping::rankPresets(importer.header()));
    // The person's own mapping goes through the importer like the dialog's, and is saved
    // with the batch for the next file with this header.
    QStringList notes;
    const std::optional<ColumnMapping> mapping = importmapping::apply(
        parser, positional.first(), importer.header(), importer.mapping(), &notes);
    if (importer.kind() == filekind::Kind::Leads)
        io.out << importmapping::identityLine(importer.identityChoice(), *mapping);
    for (const QString &note : std::as_const(notes))
        io.out << tr("Note: %1\n").arg(note);
    importer.setMapping(*mapping);
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));
    if (!dryRun) {
        db.setBusyTimeout(BatchBusyTimeoutMs);
        db.requireIntact(); // nothing is added to a damaged file
    }
    const auto policy = parser.isSet(QStringLiteral("all-or-nothing"))
                            ? LeadImporter::Policy::AllOrNothing
                            : LeadImporter::Policy::GoodRows;
    const ImportSummary summary = dryRun ? importer.dryRun()
                                         : importer.run(policy, parser.value(QStringLiteral("as")),
                                                        QDateTime::currentSecsSinceEpoch());
    wrote = summary.batchId.has_value();
    if (!summary.readAs.isEmpty())
        io.out << summary.readAs << '\n';
    writeSummary(io.out, summary, dryRun, db.filePath());
    if (summary.everyRowRejected()) {
        io.err << "handoff import: "
               << QCoreApplication::translate("commands",
                                              "nothing was imported: every one of the %n rows "
                                              "was rejected (the problems above say why)\n",
                                              nullptr, int(summary.rows + summary.activityRows));
        return cli::Failure;
    }
    if (!dryRun && !summary.batchId && summary.rejected > 0 &&
        policy == LeadImporter::Policy::AllOrNothing) {
        io.err << "handoff import: "
               << tr("nothing was imported: %1 rows were rejected and --all-or-nothing was given\n")
                      .arg(summary.rejected);
        return cli::Failure;
    }
    if (summary.batchId && importmapping::given(parser))
        io.out << tr("The mapping is saved: the next file with this header is read the same "
                     "way without --map or --mapping\n");
    if (!dryRun && !summary.batchId)
        io.out << tr("Nothing to import: the file holds nothing the database does not have; "
                     "no batch was written\n");
    return cli::Success;
}

int undoImport(const QStringList &arguments, CommandIo io)
{
    CommandParser parser;
    parser.addOptions({{QStringLiteral("db"), tr("The database."), QStringLiteral("FILE")},
                       {QStringLiteral("as"), tr("Who undoes it."), QStringLiteral("NAME"),
                        QStringLiteral("import")}});
    parser.addPositionalArgument(QStringLiteral("BATCH"), tr("The import batch to undo."));
    parse(parser, arguments);
    bool ok = false;
    const qint64 batch = parser.positionalArguments().value(0).toLongLong(&ok);
    if (parser.positionalArguments().size() != 1 || !ok || batch < 1)
        throw UsageError(tr("name the import batch to undo by its number"));
    Database db = openExisting(requiredDb(parser));
    db.setBusyTimeout(BatchBusyTimeoutMs);
    db.requireIntact();
    LeadImporter::undo(db, batch, parser.value(QStringLiteral("as")),
                       QDateTime::currentSecsSinceEpoch());
    io.out << tr("Import batch %1 undone\n").arg(batch);
    return cli::Success;
}

} // namespace commands

} // namespace handoff
