#include "ui/databaseactions.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>

#include "queues/backgroundtask.h"
#include "store/database.h"
#include "store/databasecheck.h"
#include "store/onlinebackup.h"
#include "ui/prompter.h"

namespace handoff {

DatabaseActions::DatabaseActions(const Database &db, Prompter &prompter, QWidget *window)
    : QObject(window)
    , m_location(db.location())
    , m_name(db.filePath())
    , m_server(db.isServer())
    , m_prompter(prompter)
    , m_window(window)
    , m_check(new QAction(tr("&Check the database…"), this))
    , m_backup(new QAction(tr("&Back up the database…"), this))
{
    m_check->setObjectName(QStringLiteral("checkDatabaseAction"));
    m_check->setToolTip(tr("Look for damage and broken records in the lead database"));
    m_backup->setObjectName(QStringLiteral("backupDatabaseAction"));
    m_backup->setToolTip(tr("Copy the lead database to a new file, checked, while everyone works"));
    if (m_server)
        m_backup->setToolTip(tr("A team server is backed up by whoever runs it (with pg_dump "
                                "or the server's own backups), not from a desk"));
    connect(m_check, &QAction::triggered, this, &DatabaseActions::check);
    connect(m_backup, &QAction::triggered, this, &DatabaseActions::backUp);
    enableActions(true);
}

void DatabaseActions::setBusy(bool busy)
{
    m_busy = busy;
    enableActions(!busy);
}

void DatabaseActions::enableActions(bool enabled)
{
    m_check->setEnabled(enabled);
    m_backup->setEnabled(enabled && !m_server);
}

void DatabaseActions::check()
{
    setBusy(true);
    auto *progress = new QProgressDialog(
        tr("Checking %1…").arg(m_server ? m_name : QFileInfo(m_name).fileName()), QString(), 0, 0,
        m_window);
    progress->setMinimumDuration(300);
    const QString path = m_location;
    m_task = background::run(
        this,
        [path] {
            // Read-only and on its own connection: the check never writes to the file.
            const Database db(path, Database::Open::ReadOnly);
            return DatabaseCheck(db.connection()).run();
        },
        [this, progress](const background::Outcome<QList<DatabaseCheck::Finding>> &outcome) {
            progress->deleteLater();
            setBusy(false);
            if (!outcome.value) {
                m_prompter.showError(m_window, outcome.error);
                return;
            }
            QStringList lines;
            for (const DatabaseCheck::Finding &f : *outcome.value) {
                lines.append(
                    (f.problems.isEmpty() ? tr("ok: %1") : tr("PROBLEM: %1")).arg(f.check));
                for (const QString &problem : f.problems)
                    lines.append(QStringLiteral("    ") + problem);
            }
            const bool passed = DatabaseCheck::passed(*outcome.value);
            m_prompter.showReport(
                m_window, tr("Check the database"),
                passed     ? tr("No problems found in %1.").arg(m_name)
                : m_server ? tr("%1 has problems: the details say what was found. Tell "
                                "whoever runs the server before anyone changes these records.")
                                 .arg(m_name)
                           : tr("%1 has problems. Keep a copy of the file and restore the "
                                "latest backup; the details say what was found.")
                                 .arg(m_name),
                lines.join(QLatin1Char('\n')));
            emit done(passed ? tr("Database checked: no problems")
                             : tr("Database checked: problems found"));
        });
}

void DatabaseActions::backUp()
{
    if (m_server)
        return; // the action is off; see the constructor
    const QFileInfo source(m_name);
    const QString suggested = source.absoluteDir().filePath(
        QStringLiteral("%1-backup-%2.sqlite")
            .arg(source.completeBaseName(),
                 QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    const auto target = m_prompter.askNewFile(m_window, tr("Back up the database"), suggested,
                                              tr("Handoff databases (*.sqlite)"));
    if (!target)
        return;
    setBusy(true);
    auto *progress =
        new QProgressDialog(tr("Backing up to %1…").arg(*target), QString(), 0, 0, m_window);
    progress->setMinimumDuration(300);
    const QString path = m_location;
    const QString to = *target;
    m_task = background::run(
        this,
        [path, to] {
            const Database db(path, Database::Open::ReadOnly);
            OnlineBackup::copy(db, to);
            return to;
        },
        [this, progress](const background::Outcome<QString> &outcome) {
            progress->deleteLater();
            setBusy(false);
            if (!outcome.value) {
                m_prompter.showError(m_window, outcome.error);
                return;
            }
            emit done(tr("Backed up to %1 and checked").arg(*outcome.value));
        });
}

} // namespace handoff
