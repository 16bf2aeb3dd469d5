#include "crashchild.h"

#include <unistd.h>

#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTextStream>

#include "crashoperation.h"
#include "demo/demodatabase.h"
#include "io/leadimporter.h"
#include "queues/handoffactions.h"
#include "scoring/modelversions.h"
#include "store/database.h"
#include "store/error.h"
#include "store/profile.h"

namespace handoff {

namespace {

QElapsedTimer readyClock;
qint64 committedMicros = 0;

// Straight to the pipe, unbuffered: the harness reads it while deciding when to kill.
void say(const QByteArray &line)
{
    if (line == "ready\n")
        readyClock.start();
    else if (line == "committed\n")
        committedMicros = readyClock.nsecsElapsed() / 1000;
    const ssize_t written = ::write(STDOUT_FILENO, line.constData(), size_t(line.size()));
    Q_UNUSED(written);
}

Profile profileNamed(Database &db, const QString &name)
{
    const auto profile = ProfileRepository(db.connection()).find(name);
    if (!profile)
        throw Error(QStringLiteral("no profile %1").arg(name));
    return *profile;
}

void importFiles(Database &db, const QCommandLineParser &p, qint64 now)
{
    LeadImporter importer(db, p.value(QStringLiteral("leads-file")),
                          p.value(QStringLiteral("activities-file")));
    importer.open({});
    say("ready\n");
    importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("crash"), now);
}

// The whole way to a new live version: draft, propose, both sign-offs, go live; each step
// is its own transaction, as in the tuning workspace.
void goLive(Database &db, qint64 now)
{
    ModelVersions marketing(db, profileNamed(db, crashnames::marketingProfile()));
    ModelVersions sales(db, profileNamed(db, crashnames::salesProfile()));
    say("ready\n");
    const ModelRecord draft = marketing.openDraft(now);
    ScoringModel model = marketing.definition(draft.id);
    model.mqlThreshold -= 5;
    marketing.saveDraft(draft.id, model);
    marketing.propose(draft.id, QStringLiteral("Crash"), QStringLiteral("A lower threshold"), now);
    marketing.signOff(draft.id, now);
    sales.signOff(draft.id, now);
    sales.goLive(draft.id, now);
}

void claimAll(Database &db, const QString &ids, qint64 now)
{
    HandoffActions actions(db, profileNamed(db, crashnames::rep()));
    say("ready\n");
    for (const QString &id : ids.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!actions.claim(id.toLongLong(), now).won)
            throw Error(QStringLiteral("handoff %1 was claimed already").arg(id));
    }
}

} // namespace

namespace crashchild {

int run(const QStringList &arguments)
{
    QCommandLineParser p;
    for (const char *name :
         {"child", "db", "leads-file", "activities-file", "batch", "handoffs", "leads"})
        p.addOption({QString::fromLatin1(name), QString(), QStringLiteral("VALUE")});
    QTextStream err(stderr);
    const auto operation =
        p.parse(arguments) ? operationFrom(p.value(QStringLiteral("child"))) : std::nullopt;
    if (!operation || p.value(QStringLiteral("db")).isEmpty()) {
        err << "child: " << p.errorText() << " needs --child OPERATION --db FILE\n";
        return 2;
    }
    const QString path = p.value(QStringLiteral("db"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    try {
        if (*operation == Operation::Demo) {
            DemoOptions options;
            options.leads = p.value(QStringLiteral("leads")).toInt();
            options.seed = 3;
            say("ready\n");
            DemoDatabase::create(path, options);
            say("committed\n");
        } else {
            if (*operation == Operation::Create)
                say("ready\n"); // a new database, as handoff init and the console make one
            Database db(path);
            switch (*operation) {
            case Operation::Import:
                importFiles(db, p, now);
                break;
            case Operation::UndoImport:
                say("ready\n");
                LeadImporter::undo(db, p.value(QStringLiteral("batch")).toLongLong(),
                                   QStringLiteral("crash"), now);
                break;
            case Operation::GoLive:
                goLive(db, now);
                break;
            case Operation::Claim:
                claimAll(db, p.value(QStringLiteral("handoffs")), now);
                break;
            case Operation::Create:
                break; // opening it made it
            case Operation::Demo:
                break;
            }
            say("committed\n");
        } // closing the database checkpoints its WAL: kills land here too
    } catch (const Error &e) {
        err << "child " << operationName(*operation) << ": " << e.message() << '\n';
        return 1;
    }
    // How long the operation took, and until its database was closed: the spans the harness
    // spreads its kills over (the process's exit after this holds nothing to interrupt).
    say(QByteArrayLiteral("done ") + QByteArray::number(committedMicros) + ' ' +
        QByteArray::number(readyClock.nsecsElapsed() / 1000) + '\n');
    return 0;
}

} // namespace crashchild

} // namespace handoff
