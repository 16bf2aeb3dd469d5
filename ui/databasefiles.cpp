#include "ui/databasefiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QWidget>

#include "store/database.h"
#include "store/error.h"
#include "ui/prompter.h"

namespace handoff {

DatabaseFiles::DatabaseFiles(QString currentPath, Prompter &prompter, QWidget *window)
    : QObject(window)
    , m_path(std::move(currentPath))
    , m_prompter(prompter)
    , m_window(window)
    , m_new(new QAction(tr("&New database…"), this))
    , m_open(new QAction(tr("&Open database…"), this))
    , m_connect(new QAction(tr("&Connect to a team server…"), this))
{
    m_new->setObjectName(QStringLiteral("newDatabaseAction"));
    m_new->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_new->setToolTip(tr("Create an empty lead database in a new file and open it in a window "
                         "of its own"));
    m_open->setObjectName(QStringLiteral("openDatabaseAction"));
    m_open->setShortcut(QKeySequence::Open);
    m_open->setToolTip(tr("Open another lead database in a window of its own"));
    m_connect->setObjectName(QStringLiteral("connectServerAction"));
    m_connect->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_connect->setToolTip(tr("Open a lead database on a PostgreSQL team server in a window of "
                             "its own"));
    connect(m_connect, &QAction::triggered, this, &DatabaseFiles::serverWanted);
    connect(m_new, &QAction::triggered, this, [this] {
        if (const auto path =
                m_prompter.askNewFile(m_window, tr("New lead database"), suggestedNewPath(),
                                      tr("Handoff databases (*.sqlite)")))
            createDatabase(*path);
    });
    connect(m_open, &QAction::triggered, this, [this] {
        if (const auto path =
                m_prompter.askOpenFile(m_window, tr("Open lead database"),
                                       tr("Handoff databases (*.sqlite *.db);;All files (*)")))
            openDatabase(*path);
    });
}

QString DatabaseFiles::suggestedNewPath() const
{
    const QDir folder = QFileInfo(m_path).absoluteDir();
    QString path = folder.filePath(QStringLiteral("leads.sqlite"));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = folder.filePath(QStringLiteral("leads-%1.sqlite").arg(n));
    return path;
}

bool DatabaseFiles::createDatabase(const QString &chosenPath)
{
    QString path = chosenPath.trimmed();
    if (path.isEmpty()) {
        m_prompter.showError(m_window, tr("Name the file for the new database."));
        return false;
    }
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".sqlite");
    path = QFileInfo(path).absoluteFilePath();
    const auto refuseExisting = [&] {
        m_prompter.showError(m_window,
                             tr("%1: already exists, and a new database never replaces a file. "
                                "Choose another name, or open that file with File > Open "
                                "database.")
                                 .arg(path));
        return false;
    };
    if (QFileInfo::exists(path))
        return refuseExisting();
    try {
        // As `handoff init`: the schema is written in one transaction.
        const Database db(path, Database::Open::CreateIfMissing);
        if (!db.wasCreated()) // someone made the file in the meantime
            return refuseExisting();
    } catch (const Error &e) {
        m_prompter.showError(m_window, e.message());
        return false;
    }
    emit chosen(path, true);
    return true;
}

bool DatabaseFiles::openDatabase(const QString &chosenPath)
{
    const QFileInfo file(chosenPath.trimmed());
    if (chosenPath.trimmed().isEmpty() || !file.exists()) {
        m_prompter.showError(m_window,
                             tr("%1: no such file. To start a database there, use File > New "
                                "database.")
                                 .arg(file.absoluteFilePath()));
        return false;
    }
    if (file.isDir()) {
        m_prompter.showError(
            m_window, tr("%1: is a folder, not a lead database").arg(file.absoluteFilePath()));
        return false;
    }
    emit chosen(file.absoluteFilePath(), false);
    return true;
}

} // namespace handoff
