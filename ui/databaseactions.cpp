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

DatabaseActions::DatabaseActions(QString databasePath, Prompter &prompter, QWidget *window)
    : QObject(window)
    , m_path(std::move(databasePath))
    , m_prompter(prompter)
    , m_window(window)
    , m_check(new QAction(tr("&Check the database…"), this))
    , m_backup(new QAction(tr("&Back up the database…"), this))
{
    m_check->setObjectName(QStringLiteral("checkDatabaseAction"));
    m_check->setToolTip(tr("Look for damage and broken records in the lead database"));
    m_backup->setObjectName(QStringLiteral("backupDatabaseAction"));
    m_backup->setToolTip(tr("Copy the lead database to a new file, checked, while everyone works"));
    connect(m_check, &QAction::triggered, this, &DatabaseActions::check);
    connect(m_backup, &QAction::triggered, this, &DatabaseActions::backUp);
}

void DatabaseActions::setBusy(bool busy)
{
    m_busy = busy;
    m_check->setEnabled(!busy);
    m_backup->setEnabled(!busy);
}

void DatabaseActions::check()
{
    setBusy(true);
    auto *progress = new QProgressDialog(tr("Checking %1…").arg(QFileInfo(m_path).fileName()),
                                         QString(), 0, 0, m_window);
    progress->setMinimumDuration(300);
    const QString path = m_path;
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
                passed ? tr("No problems found in %1.").arg(m_path)
                       : tr("%1 has problems. Keep a copy of the file and restore the latest "
                            "backup; the details say what was found.")
                             .arg(m_path),
                lines.join(QLatin1Char('\n')));
            emit done(passed ? tr("Database checked: no problems")
                             : tr("Database checked: problems found"));
        });
}

void DatabaseActions::backUp()
{
    const QFileInfo source(m_path);
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
    const QString path = m_path;
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
