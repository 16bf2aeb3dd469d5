#include "cli/importmapping.h"
#include "cli/commandsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>

#include "cli/cli.h"
#include "cli/output.h"
#include "io/csvreader.h"
#include "io/leadimporter.h"
#include "io/mappingoverrides.h"
#include "io/targetnames.h"
#include "store/database.h"
#include "store/error.h"

namespace handoff {

using namespace commandsupport;

namespace importmapping {

namespace {

constexpr int SampleRows = 3;
constexpr int SampleWidth = 24;

// What --show-mapping starts from: the file's header and first rows, and the mapping an
// import would start from, chosen by the importer itself (a saved mapping first).
struct Start
{
    QStringList header;
    ColumnMapping mapping;
    QString origin; // how the mapping was chosen, one line
    std::optional<identity::Choice> identity;
    QList<QStringList> rows;
};

Start readStart(Database &db, const QString &leadsFile, const QString &preset)
{
    LeadImporter importer(db, leadsFile);
    importer.open(preset);
    Start start{importer.header(), importer.mapping(), {}, importer.identityChoice(), {}};
    if (importer.mappingWasSaved())
        start.origin =
            tr("Read with the mapping saved for this file's header in %1\n").arg(db.filePath());
    for (const auto &[line, fields] : importer.preview(SampleRows))
        start.rows.append(fields);
    return start;
}

QString sample(const QList<QStringList> &rows, int column)
{
    QStringList values;
    for (const QStringList &row : rows) {
        QString value = row.value(column).simplified();
        if (value.size() > SampleWidth)
            value = value.left(SampleWidth - 1) + QChar(0x2026);
        values.append(value);
    }
    return values.join(QStringLiteral(" \u00b7 "));
}

} // namespace

QList<QCommandLineOption> options()
{
    return {
        {QStringLiteral("map"),
         tr("Read one column as FIELD, over the saved or guessed mapping; repeatable. COLUMN is "
            "its header label (exact, else in any case) or #N. FIELD: %1; custom, count and "
            "reached are short for custom_field, activity_count and stage_reached_at.")
             .arg(TargetNames::summary()),
         QStringLiteral("COLUMN=FIELD")},
        {QStringLiteral("mapping"),
         tr("Read the columns as this mapping file says, matching its entries to the columns by "
            "label (the JSON --show-mapping --format json writes); --map goes on top."),
         QStringLiteral("FILE.json")},
        {QStringLiteral("show-mapping"),
         tr("Print how each column will be read, with its first values, and import nothing; "
            "--db is only read for a saved mapping, and never created.")},
        {QStringLiteral("format"),
         tr("With --show-mapping: text or json (the mapping file --mapping reads)."),
         QStringLiteral("FORMAT"), QStringLiteral("text")},
    };
}

bool given(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("map")) || parser.isSet(QStringLiteral("mapping"));
}

ColumnMapping apply(const QCommandLineParser &parser, const QString &leadsFile,
                    const QStringList &header, const ColumnMapping &base, QStringList *notes)
{
    const QString fileName = QFileInfo(leadsFile).fileName();
    ColumnMapping mapping = base;
    mapping.labels = header;
    if (parser.isSet(QStringLiteral("mapping"))) {
        const QString path = parser.value(QStringLiteral("mapping"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw Error(tr("cannot read the mapping file: %1").arg(file.errorString()),
                        ErrorWhere::inFile(path));
        MappingOverrides fromFile(fileName, header);
        fromFile.addMappingFile(file.readAll(), path);
        mapping = fromFile.applyTo(mapping, notes);
    }
    MappingOverrides specs(fileName, header);
    for (const QString &spec : parser.values(QStringLiteral("map"))) {
        try {
            specs.addSpec(spec);
        } catch (const Error &e) {
            throw UsageError(e.message()); // a bad --map is a mistake in the command line
        }
    }
    return specs.applyTo(mapping, notes);
}

void check(const QCommandLineParser &parser, const QString &leadsFile)
{
    CsvReader reader(leadsFile);
    reader.open();
    const QStringList header = reader.uniqueHeader();
    QStringList notes;
    apply(parser, leadsFile, header, ColumnMapping::guess(header), &notes);
}

QString presetVerdict(const QList<ColumnMapping::PresetMatch> &ranking)
{
    if (ranking.isEmpty() || ranking.first().columns < 3)
        return tr("Read by generic column names: no system's export recognised\n");
    const auto &best = ranking.first();
    const QString first = tr("%1 (%2 columns recognised, %3 by their exact label)")
                              .arg(best.name)
                              .arg(best.columns)
                              .arg(best.exact);
    if (ColumnMapping::isTie(ranking))
        return tr("Read as %1, but %2 fits equally well; pass --preset %1 or --preset %2 to "
                  "say which\n")
            .arg(first, ranking[1].name);
    if (ranking.size() < 2)
        return tr("Read as %1\n").arg(first);
    return tr("Read as %1; runner-up %2 (%3 columns, %4 exact)\n")
        .arg(first, ranking[1].name)
        .arg(ranking[1].columns)
        .arg(ranking[1].exact);
}

QString identityLine(const std::optional<identity::Choice> &choice, const ColumnMapping &mapping)
{
    const ColumnTarget externalId{ColumnTarget::Kind::LeadField, QStringLiteral("external_id")};
    if (!choice || mapping.columns.value(choice->column) != externalId)
        return {};
    QString line = tr("Leads are known by %1").arg(choice->reason);
    if (!choice->alsoUnique.isEmpty())
        line += tr(" (also unique: %1)").arg(choice->alsoUnique.join(QStringLiteral(", ")));
    return line + QLatin1Char('\n');
}

int show(const QCommandLineParser &parser, const QString &leadsFile, CommandIo io)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        throw UsageError(tr("--format must be text or json, not '%1'").arg(format));
    for (const char *option : {"dry-run", "all-or-nothing", "activities", "as"}) {
        if (parser.isSet(QLatin1String(option)))
            throw UsageError(
                tr("--show-mapping imports nothing; leave out --%1").arg(QLatin1String(option)));
    }
    const QString preset = parser.value(QStringLiteral("preset"));
    const QString dbPath = parser.value(QStringLiteral("db"));
    // Without a database there is nothing saved: the importer reads the file as a first
    // import would, against an empty database made aside and thrown away.
    std::optional<Start> begin;
    if (!dbPath.isEmpty() && QFileInfo::exists(dbPath)) {
        Database db(dbPath, Database::Open::ReadOnly);
        begin = readStart(db, leadsFile, preset);
    } else {
        QTemporaryDir aside;
        Database db(aside.filePath(QStringLiteral("empty.sqlite")));
        begin = readStart(db, leadsFile, preset);
    }
    QStringList notes;
    const std::optional<ColumnMapping> mapping =
        apply(parser, leadsFile, begin->header, begin->mapping, &notes);

    // JSON goes to stdout alone, to be saved and edited; what is said about it goes aside.
    const bool json = format == QLatin1String("json");
    QTextStream &said = json ? io.err : io.out;
    if (!begin->origin.isEmpty())
        said << begin->origin;
    else if (preset.isEmpty())
        said << presetVerdict(ColumnMapping::rankPresets(begin->header));
    said << identityLine(begin->identity, *mapping);
    for (const QString &note : std::as_const(notes))
        said << tr("Note: %1\n").arg(note);
    if (json) {
        io.out << QJsonDocument::fromJson(mapping->toJson()).toJson(QJsonDocument::Indented);
        return cli::Success;
    }
    OutputTable table;
    table.columns = {QStringLiteral("#"), QStringLiteral("column"), QStringLiteral("read_as"),
                     QStringLiteral("meaning"), QStringLiteral("first_values")};
    for (int c = 0; c < int(begin->header.size()); ++c) {
        const ColumnTarget &target = mapping->columns[c];
        table.rows.append({QStringLiteral("#%1").arg(c + 1), begin->header[c],
                           TargetNames::format(target), target.describe(), sample(begin->rows, c)});
    }
    writeTable(io.out, table, OutputFormat::Table);
    return cli::Success;
}

} // namespace importmapping

} // namespace handoff
