#include "scoring/startstate.h"

#include <cstdio>
#include <new>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include "scoring/scoringengine.h"
#include "scoring/statestream.h"
#include "store/database.h"
#include "store/error.h"

namespace handoff {

namespace {
constexpr quint32 Magic = 0x53544448; // "HDTS"
// Raised whenever what the file holds, or how, changes.
constexpr quint32 FormatVersion = 5; // 5: the activity index's rare blocks compact

void writeStamp(StateWriter &out, const HistoryStamp &s)
{
    out.text(s.databaseId);
    out.value(s.rewrites);
    out.value(s.lastActivityId);
    out.value(s.leadChangeSeq);
    out.value(s.lastActivityLead);
    out.value(qint32(s.lastActivityType));
    out.value(s.lastActivityAt);
}

HistoryStamp readStamp(StateReader &in)
{
    HistoryStamp s;
    s.databaseId = in.text();
    s.rewrites = in.value<qint64>();
    s.lastActivityId = in.value<qint64>();
    s.leadChangeSeq = in.value<qint64>();
    s.lastActivityLead = in.value<qint64>();
    s.lastActivityType = in.value<qint32>();
    s.lastActivityAt = in.value<qint64>();
    return s;
}
} // namespace

StartState::StartState(QString folder)
    : m_folder(std::move(folder))
{}

QString StartState::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
           QStringLiteral("/start-state");
}

QString StartState::filePathFor(const QString &databasePath) const
{
    const QByteArray key =
        QCryptographicHash::hash(QFileInfo(databasePath).absoluteFilePath().toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(32);
    return m_folder + QLatin1Char('/') + QString::fromLatin1(key) + QStringLiteral(".state");
}

void StartState::save(const ScoringEngine &engine, const HistoryStamp &stamp, Database &db) const
{
    if (!QDir().mkpath(m_folder))
        throw Error(tr("the folder cannot be made"), ErrorWhere::inFile(m_folder));
    const QString path = filePathFor(db.filePath());
    // Written beside and renamed over: POSIX rename replaces the file whole. No fsync: a file
    // cut short by a crash fails its hash and is made again.
    const QString temporary =
        path + QStringLiteral(".%1.tmp").arg(QCoreApplication::applicationPid());
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
        throw Error(file.errorString(), ErrorWhere::inFile(temporary));
    try {
        StateWriter out(file);
        out.value(Magic);
        out.value(FormatVersion);
        out.value(qint32(Database::SchemaVersion));
        out.text(db.filePath());
        writeStamp(out, stamp);
        engine.saveState(out);
        out.finish();
    } catch (const Error &e) {
        file.remove();
        throw Error(e.message(), ErrorWhere::inFile(temporary));
    }
    file.close();
    if (std::rename(QFile::encodeName(temporary).constData(),
                    QFile::encodeName(path).constData()) != 0) {
        QFile::remove(temporary);
        throw Error(tr("cannot be replaced"), ErrorWhere::inFile(path));
    }
}

StartState::Restored StartState::restore(ScoringEngine &engine, Database &db,
                                         const HistoryStamp &current, qint64 now,
                                         const std::function<bool()> &keepGoing) const
{
    const QString path = filePathFor(db.filePath());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return {std::nullopt, file.exists() ? file.errorString() : QString()};
    try {
        StateReader in(file, path, keepGoing);
        if (in.value<quint32>() != Magic || in.value<quint32>() != FormatVersion ||
            in.value<qint32>() != Database::SchemaVersion)
            in.refuse(tr("made by another version of Handoff"));
        if (in.text() != db.filePath())
            in.refuse(tr("made for another database"));
        const HistoryStamp stamp = readStamp(in);
        if (stamp.lastActivityId > current.lastActivityId ||
            stamp.leadChangeSeq > current.leadChangeSeq)
            in.refuse(tr("saved after the moment this console counts from"));
        if (!HistoryStampRepository(db.connection()).continues(stamp, current))
            in.refuse(tr("older than a change to the database's history"));
        engine.restoreState(in, db, now);
        return {stamp, QString()};
    } catch (const Error &e) {
        return {std::nullopt, e.message()};
    } catch (const std::bad_alloc &) {
        // A count no check caught, too large to hold: as damaged as any other.
        return {std::nullopt, tr("%1: too large to read").arg(path)};
    }
}

} // namespace handoff
