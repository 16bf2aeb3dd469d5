// libFuzzer target for the importer end to end: a leads file and, after a line
// "--activities--", an activities file, imported into one reused database (in the scratch
// folder) that holds two known leads, so both the new-lead and the update paths run. Each
// input is checked, imported for real, undone, and the database is put back as it was.
// Besides what the sanitizers catch, it checks what a user relies on: the check ("Check the
// file") predicts the import's counts; an import never fails on a file's content (bad rows
// are rejected, the database does not refuse, once the check has accepted the files); and
// undoing the batch restores the leads, their activities, stages and custom fields exactly.

#include <cstdint>

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>

#include "fuzzsupport.h"
#include "io/leadimporter.h"
#include "store/database.h"
#include "store/error.h"
#include "store/leadrepository.h"

using namespace handoff;

using fuzzsupport::check;

namespace {

constexpr qint64 Now = 1'795'000'000;

Database &database()
{
    static Database db(fuzzsupport::scratch().filePath(QStringLiteral("fuzz.sqlite")));
    return db;
}

void exec(const QString &sql)
{
    QSqlQuery q(database().connection());
    if (!q.exec(sql))
        fuzzsupport::fail("harness SQL failed", sql);
}

// The rows an import may change and its undo must restore, without what every write moves
// on (the write's time and change sequence number: an undo is a write too).
QByteArray digest()
{
    static const QStringList tables = {
        QStringLiteral("leads"),         QStringLiteral("activities"),
        QStringLiteral("stage_history"), QStringLiteral("lead_custom_fields"),
        QStringLiteral("handoffs"),      QStringLiteral("lead_qualification")};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &table : tables) {
        QSqlQuery rows(database().connection());
        rows.setForwardOnly(true);
        if (!rows.exec(QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(table)))
            fuzzsupport::fail("harness SQL failed", table);
        hash.addData(table.toUtf8());
        while (rows.next()) {
            const QSqlRecord record = rows.record();
            for (int c = 0; c < record.count(); ++c) {
                const QString name = record.fieldName(c);
                if (name != QLatin1String("updated_at") && name != QLatin1String("change_seq"))
                    hash.addData(rows.value(c).toString().toUtf8() + '\x1f');
            }
        }
    }
    return hash.result();
}

QByteArray &baseline()
{
    static QByteArray digest;
    return digest;
}

void seedDatabase()
{
    // Commits need not reach the disk: the file is scratch.
    exec(QStringLiteral("PRAGMA synchronous = OFF"));
    LeadRepository leads(database().connection());
    Lead anna;
    anna.externalId = QStringLiteral("101");
    anna.email = QStringLiteral("anna.smith@acme.example");
    anna.firstName = QStringLiteral("Anna");
    anna.title = QStringLiteral("Manager");
    anna.createdAt = Now - 86'400;
    leads.insert(anna);
    Lead ben;
    ben.email = QStringLiteral("ben@beta.example");
    ben.company = QStringLiteral("Beta");
    ben.companySize = 40;
    ben.createdAt = Now - 86'400;
    leads.insert(ben);
    baseline() = digest();
}

// What an import leaves besides the leads' data, cleared so every input starts alike.
void forgetImports()
{
    exec(QStringLiteral("DELETE FROM import_lead_changes"));
    exec(QStringLiteral("DELETE FROM import_batches"));
    exec(QStringLiteral("DELETE FROM import_mappings"));
    exec(QStringLiteral("DELETE FROM audit_log"));
}

QString counts(const ImportSummary &s)
{
    return QStringLiteral("rows %1 created %2 updated %3 unchanged %4 rejected %5 skipped %6 "
                          "activity rows %7 activities %8 stage changes %9")
        .arg(s.rows)
        .arg(s.created)
        .arg(s.updated)
        .arg(s.unchanged)
        .arg(s.rejected)
        .arg(s.skipped)
        .arg(s.activityRows)
        .arg(s.activities)
        .arg(s.stageChanges);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzzsupport::start(argc, argv);
    seedDatabase();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    static const QByteArray separator("\n--activities--\n");
    const qsizetype split = input.indexOf(separator);
    const QString leadsFile = fuzzsupport::writeScratch(QStringLiteral("leads.csv"),
                                                        split < 0 ? input : input.first(split));
    const QString activitiesFile =
        split < 0 ? QString()
                  : fuzzsupport::writeScratch(QStringLiteral("activities.csv"),
                                              input.sliced(split + separator.size()));

    LeadImporter importer(database(), leadsFile, activitiesFile);
    try {
        importer.open({});
    } catch (const Error &e) {
        check(!e.message().isEmpty(), "a refused file comes with a message");
        return 0;
    }
    (void)importer.preview(5);
    if (!activitiesFile.isEmpty()) {
        try {
            (void)importer.previewActivities(5);
        } catch (const Error &) {
            // a refused activities file is an answer, not a crash
        }
    }

    // An activities file without the columns it needs is refused as a whole, like a leads
    // file without a header: the check says so and stops.
    ImportSummary dry;
    try {
        dry = importer.dryRun();
    } catch (const Error &e) {
        check(!e.message().isEmpty(), "a refused file comes with a message");
        check(digest() == baseline(), "a refused check changes nothing");
        return 0;
    }
    check(!dry.batchId, "a dry run writes nothing");
    check(digest() == baseline(), "a dry run changes nothing");
    ImportSummary real;
    try {
        real = importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("fuzz"), Now);
    } catch (const Error &e) {
        fuzzsupport::fail("the database refused an import", e.message());
    }
    check(dry.rows == real.rows && dry.created == real.created && dry.updated == real.updated &&
              dry.unchanged == real.unchanged && dry.rejected == real.rejected &&
              dry.skipped == real.skipped && dry.activityRows == real.activityRows &&
              dry.activities == real.activities && dry.stageChanges == real.stageChanges,
          "the check predicts the import", counts(dry) + QStringLiteral(" / ") + counts(real));

    if (real.batchId) {
        try {
            LeadImporter::undo(database(), *real.batchId, QStringLiteral("fuzz"), Now + 60);
        } catch (const Error &e) {
            fuzzsupport::fail("undoing a fresh import was refused", e.message());
        }
    }
    check(digest() == baseline(), "undo restores the leads as they were", counts(real));
    forgetImports();
    return 0;
}
