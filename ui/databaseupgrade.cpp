#include "ui/databaseupgrade.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QProgressDialog>

#include "queues/backgroundtask.h"
#include "store/database.h"
#include "store/databaselocation.h"
#include "store/error.h"

namespace handoff {

QString DatabaseUpgrade::runIfNeeded(const QString &location, QWidget *parent)
{
    if (DatabaseLocation::looksLikeServer(location) || !QFileInfo(location).isFile())
        return {};
    int version = 0;
    try {
        version = Database::readSchemaVersion(location);
    } catch (const Error &) {
        return {}; // not a database: opening it says so
    }
    if (version <= 0 || version >= Database::SchemaVersion)
        return {};

    QProgressDialog progress(tr("Upgrading %1 to this version of Handoff. A copy of the file "
                                "as it was is kept beside it.")
                                 .arg(QFileInfo(location).fileName()),
                             QString(), 0, 0, parent);
    progress.setWindowTitle(tr("Upgrading the database"));
    progress.setWindowModality(Qt::ApplicationModal);
    progress.setMinimumDuration(300); // a small file is done before it would show
    progress.setObjectName(QStringLiteral("databaseUpgrade"));

    QEventLoop loop;
    background::Outcome<QString> result;
    bool done = false;
    QObject context;
    const background::Task task = background::run(
        &context,
        [location] {
            // This thread's own connection: the upgrade runs in its one transaction.
            const Database db(location, Database::Open::Existing);
            return db.backupPath();
        },
        [&](const background::Outcome<QString> &outcome) {
            result = outcome;
            done = true;
            loop.quit();
        });
    if (!done)
        loop.exec();
    if (!result.value)
        throw Error(result.error);
    return *result.value;
}

} // namespace handoff
