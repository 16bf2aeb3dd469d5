#include "crashfixture.h"

#include <QDateTime>
#include <QFile>

#include "crashchecker.h"
#include "demo/demodatabase.h"
#include "io/leadimporter.h"
#include "store/database.h"
#include "store/error.h"
#include "store/handoffrepository.h"
#include "store/modelrepository.h"
#include "store/profile.h"

namespace handoff {

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) < 0)
        throw Error(QStringLiteral("%1: cannot be written").arg(path));
}

void copyFresh(const QString &from, const QString &to)
{
    QFile::remove(to);
    if (!QFile::copy(from, to))
        throw Error(QStringLiteral("cannot copy %1 to %2").arg(from, to));
}

} // namespace

CrashFixture::CrashFixture(const QString &directory, FixtureSizes sizes)
    : m_dir(directory)
    , m_sizes(sizes)
{}

void CrashFixture::makeBase()
{
    if (m_baseReady)
        return;
    QFile::remove(path(QStringLiteral("base.sqlite")));
    DemoOptions options;
    options.leads = m_sizes.baseLeads;
    options.seed = 11;
    DemoDatabase::create(path(QStringLiteral("base.sqlite")), options);
    Database db(path(QStringLiteral("base.sqlite")));
    ProfileRepository profiles(db.connection());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    profiles.add(crashnames::marketingProfile(), Profile::Role::Marketing, now);
    profiles.add(crashnames::salesProfile(), Profile::Role::Sales, now);
    profiles.add(crashnames::rep(), Profile::Role::Sales, now);
    m_baseReady = true;
}

void CrashFixture::writeImportFiles()
{
    if (m_filesReady)
        return;
    QByteArray leads = "Record ID,First Name,Last Name,Email,Job Title,Company Name\n";
    QByteArray activities = "Email,Activity,Date,Content\n";
    static const char *const types[] = {"page_view", "email_open", "webinar_attended",
                                        "whitepaper_download", "pricing_page_view"};
    m_activities = 0;
    const auto addActivities = [&](const QString &email, int n) {
        for (int a = 0; a < m_sizes.activitiesPerLead; ++a) {
            activities += QStringLiteral("%1,%2,2026-11-%3 %4:%5,Crash asset %6\n")
                              .arg(email, QString::fromLatin1(types[(n + a) % 5]))
                              .arg(1 + (n + a) % 28, 2, 10, QLatin1Char('0'))
                              .arg(8 + a % 10, 2, 10, QLatin1Char('0'))
                              .arg(n % 60, 2, 10, QLatin1Char('0'))
                              .arg(a)
                              .toUtf8();
            ++m_activities;
        }
    };
    for (int i = 1; i <= m_sizes.importLeads; ++i) {
        const QString email = QStringLiteral("crash%1@crash.example").arg(i);
        leads += QStringLiteral("CRASH-%1,Crash,Lead %2,%3,Engineer,Crash Co %4\n")
                     .arg(i, 6, 10, QLatin1Char('0'))
                     .arg(i)
                     .arg(email)
                     .arg(i % 50)
                     .toUtf8();
        addActivities(email, i);
    }
    const CrashChecker base(path(QStringLiteral("base.sqlite")));
    const auto keys = base.leadKeys(m_sizes.updatedLeads);
    if (keys.size() != m_sizes.updatedLeads)
        throw Error(QStringLiteral("the base database has too few leads to update"));
    int n = 0;
    for (const auto &[externalId, email] : keys) {
        leads += QStringLiteral("%1,,,%2,%3,\n")
                     .arg(externalId, email, crashnames::updatedTitle())
                     .toUtf8();
        addActivities(email, ++n);
    }
    writeFile(path(QStringLiteral("leads.csv")), leads);
    writeFile(path(QStringLiteral("activities.csv")), activities);
    m_filesReady = true;
}

Scenario CrashFixture::scenario(Operation operation)
{
    Scenario s;
    s.operation = operation;
    s.expect.newLeads = m_sizes.importLeads;
    s.expect.updatedLeads = m_sizes.updatedLeads;
    s.expect.demoLeads = m_sizes.demoLeads;
    s.expect.schemaVersion = Database::SchemaVersion;
    if (operation == Operation::Demo) {
        s.childArguments = {QStringLiteral("--leads"), QString::number(m_sizes.demoLeads)};
        return s;
    }
    if (operation == Operation::Create)
        return s;
    makeBase();
    s.base = path(QStringLiteral("base.sqlite"));
    switch (operation) {
    case Operation::Import:
    case Operation::UndoImport: {
        writeImportFiles();
        s.expect.activities = m_activities;
        s.childArguments = {QStringLiteral("--leads-file"), path(QStringLiteral("leads.csv")),
                            QStringLiteral("--activities-file"),
                            path(QStringLiteral("activities.csv"))};
        if (operation == Operation::Import)
            break;
        // The undo starts from a database holding the very import the import runs do.
        s.base = path(QStringLiteral("imported.sqlite"));
        copyFresh(path(QStringLiteral("base.sqlite")), s.base);
        Database db(s.base);
        LeadImporter importer(db, path(QStringLiteral("leads.csv")),
                              path(QStringLiteral("activities.csv")));
        importer.open({});
        const ImportSummary summary =
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("fixture"),
                         QDateTime::currentSecsSinceEpoch());
        if (!summary.batchId || summary.rejected > 0 || summary.created != s.expect.newLeads ||
            summary.updated != s.expect.updatedLeads || summary.activities != m_activities)
            throw Error(QStringLiteral("the fixture's import did not land whole: %1")
                            .arg(summary.countsText()));
        s.childArguments = {QStringLiteral("--batch"), QString::number(*summary.batchId)};
        break;
    }
    case Operation::GoLive: {
        Database db(s.base);
        ModelRepository models(db.connection());
        const auto live = models.live();
        if (!live)
            throw Error(QStringLiteral("the base database has no live model"));
        s.expect.previousLive = live->id;
        for (const ModelRecord &m : models.all())
            s.expect.baseMaxModel = std::max(s.expect.baseMaxModel, m.id);
        break;
    }
    case Operation::Claim: {
        Database db(s.base);
        for (const Handoff &h : HandoffRepository(db.connection()).openAll()) {
            if (h.claimedBy.isEmpty())
                s.expect.handoffs.append(h.id);
        }
        if (s.expect.handoffs.isEmpty())
            throw Error(QStringLiteral("the base database has no unclaimed handoff"));
        s.expect.rep = crashnames::rep();
        QStringList ids;
        for (const qint64 id : std::as_const(s.expect.handoffs))
            ids << QString::number(id);
        s.childArguments = {QStringLiteral("--handoffs"), ids.join(QLatin1Char(','))};
        break;
    }
    case Operation::Demo:
    case Operation::Create:
        break;
    }
    return s;
}

} // namespace handoff
