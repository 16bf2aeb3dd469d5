#include "ui/databaseupgrade.h"

#include <QCloseEvent>
#include <QEventLoop>
#include <QFileInfo>
#include <QKeyEvent>
#include <QProgressDialog>

#include "queues/backgroundtask.h"
#include "store/database.h"
#include "store/databaselocation.h"
#include "store/error.h"

namespace handoff {

namespace {

class UpgradeDialog : public QProgressDialog
{
public:
    UpgradeDialog(const QString &text, QWidget *parent)
        : QProgressDialog(text, QString(), 0, 0, parent)
    {
        setWindowTitle(DatabaseUpgrade::tr("Upgrading the database"));
        setWindowModality(Qt::ApplicationModal);
        setObjectName(QStringLiteral("databaseUpgrade"));
        setMinimumDuration(0);
        setValue(0);
    }

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if (event->key() != Qt::Key_Escape)
            QProgressDialog::keyPressEvent(event);
    }
    void closeEvent(QCloseEvent *event) override { event->ignore(); }
};

} // namespace

QString DatabaseUpgrade::runIfNeeded(const QString &location, QWidget *parent)
{
    const bool server = DatabaseLocation::looksLikeServer(location);
    if (!server && !QFileInfo(location).isFile())
        return {};
    int version = 0;
    try {
        version = server ? Database(location, Database::Open::ReadOnly).schemaVersion()
                         : Database::readSchemaVersion(location);
    } catch (const Error &) {
        return {}; // not a Handoff database, or not reachable: opening it says so
    }
    if (version <= 0 || version >= Database::SchemaVersion ||
        (!server && version >= Database::FileSchemaVersion)) // its number alone, on opening
        return {};

    // Shown at once and application-modal: while it runs no window takes input (opening the
    // same database again, closing the window that asked), and it cannot be dismissed, since
    // an upgrade half-way cannot be left.
    UpgradeDialog progress(
        server ? tr("Upgrading the team database %1 to this version of Handoff.")
                     .arg(DatabaseLocation::parse(location).displayText())
               : tr("Upgrading %1 to this version of Handoff. A copy of the file as it was is "
                    "kept beside it.")
                     .arg(QFileInfo(location).fileName()),
        parent);
    progress.show();
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
    while (!done) // a quit asked meanwhile ends the loop, not the upgrade
        loop.exec();
    if (!result.value)
        throw Error(result.error);
    return *result.value;
}

} // namespace handoff
