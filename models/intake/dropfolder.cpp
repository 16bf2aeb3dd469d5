#include "intake/dropfolder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include "io/leadimporter.h"
#include "store/database.h"
#include "store/error.h"

namespace handoff {

namespace {

const QString DoneFolder = QStringLiteral("done");
const QString FailedFolder = QStringLiteral("failed");

bool stillBeingWritten(const QString &name)
{
    return name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1String(".part")) ||
           name.endsWith(QLatin1String(".tmp"));
}

// `name` in `dir`, or, when that is taken, with the time and a number before its suffix.
QString freeName(const QDir &dir, const QString &name)
{
    if (!dir.exists(name))
        return dir.filePath(name);
    const QFileInfo info(name);
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    for (int n = 1;; ++n) {
        const QString candidate =
            QStringLiteral("%1-%2-%3%4")
                .arg(info.completeBaseName(), stamp)
                .arg(n)
                .arg(info.suffix().isEmpty() ? QString() : u'.' + info.suffix());
        if (!dir.exists(candidate))
            return dir.filePath(candidate);
    }
}

} // namespace

DropFolder::DropFolder(Database &db, const QString &folder, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_folder(folder)
{
    if (!m_folder.exists())
        throw Error(tr("%1: no such folder").arg(folder));
    for (const QString &sub : {DoneFolder, FailedFolder}) {
        if (!m_folder.exists(sub) && !m_folder.mkdir(sub))
            throw Error(tr("%1: cannot make the folder %2 in it").arg(folder, sub));
    }
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &DropFolder::look);
    connect(&m_timer, &QTimer::timeout, this, &DropFolder::look);
    m_settle.setSingleShot(true);
    m_settle.setInterval(int(SettleMs) + 100);
    connect(&m_settle, &QTimer::timeout, this, &DropFolder::look);
}

void DropFolder::start(int everyMs)
{
    m_watcher.addPath(m_folder.path());
    m_timer.start(everyMs);
    look();
}

int DropFolder::look()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int taken = 0;
    QHash<QString, Seen> stillThere;
    const QFileInfoList files = m_folder.entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QFileInfo &file : files) {
        if (stillBeingWritten(file.fileName()) || m_stuck.contains(file.fileName()))
            continue;
        Seen seen = m_seen.value(file.fileName());
        if (seen.size != file.size() || seen.modified != file.lastModified()) {
            seen = {file.size(), file.lastModified(), now};
            stillThere.insert(file.fileName(), seen);
            continue;
        }
        if (now - seen.sinceMs < SettleMs) {
            stillThere.insert(file.fileName(), seen);
            continue;
        }
        take(file.fileName());
        ++taken;
    }
    m_seen = stillThere;
    // A file seen for the first time is looked at again once it may have settled (one timer,
    // restarted: looks do not pile up while files keep arriving).
    if (!m_seen.isEmpty())
        m_settle.start();
    return taken;
}

std::pair<bool, QString> DropFolder::import(const QString &path)
{
    QString report;
    QTextStream out(&report);
    out << tr("%1, taken from the drop folder at %2 UTC\n")
               .arg(QFileInfo(path).fileName(), QDateTime::currentDateTimeUtc().toString(
                                                    QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    try {
        LeadImporter importer(m_db, path);
        importer.open({});
        const ImportSummary summary =
            importer.run(LeadImporter::Policy::GoodRows, QStringLiteral("drop folder"),
                         QDateTime::currentSecsSinceEpoch());
        if (!summary.readAs.isEmpty())
            out << summary.readAs << '\n';
        out << summary.countsText() << '\n';
        if (summary.batchId)
            out << tr("Imported as batch %1 (undo with: handoff undo-import --db %2 %1)\n")
                       .arg(*summary.batchId)
                       .arg(m_db.filePath());
        else if (!summary.everyRowRejected())
            out << tr("Nothing new: the database already holds everything in the file\n");
        for (const ImportProblem &problem : summary.problems)
            out << "  " << problem.describe() << '\n';
        if (summary.problemsOmitted > 0)
            out << tr("  ... and %1 more problems\n").arg(summary.problemsOmitted);
        if (summary.everyRowRejected()) {
            out << tr("Nothing was imported: every row was rejected (the problems above say "
                      "why)\n");
            return {false, report};
        }
        return {true, report};
    } catch (const Error &e) {
        out << tr("Nothing was imported: %1\n").arg(e.message());
        return {false, report};
    }
}

void DropFolder::take(const QString &fileName)
{
    const QString path = m_folder.filePath(fileName);
    const auto [imported, report] = import(path);
    const QDir target(m_folder.filePath(imported ? DoneFolder : FailedFolder));
    const QString movedTo = freeName(target, fileName);
    if (!QFile::rename(path, movedTo)) {
        // Left where it is (a folder it may not write to): not taken again while this service
        // runs, and the warning says why it stays.
        m_stuck.insert(fileName);
        qWarning("drop folder: %s could not be moved to %s", qUtf8Printable(path),
                 qUtf8Printable(movedTo));
    }
    const QString reportPath = movedTo + QStringLiteral(".report.txt");
    QFile file(reportPath);
    if (file.open(QIODevice::WriteOnly | QIODevice::Text))
        file.write(report.toUtf8());
    emit taken(fileName, imported, movedTo, reportPath);
}

} // namespace handoff
