#include "store/secondconnection.h"

#include <atomic>

#include <QObject>
#include <QSqlError>

#include "store/error.h"
#include "store/sqlquery.h"

namespace handoff {

QString nextConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("handoff-db-%1").arg(++counter);
}

void withSecondConnection(const QString &filePath, const QString &options,
                          const std::function<void(const QSqlDatabase &)> &work)
{
    const QString name = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(filePath);
        sql::nameForMessages(db, filePath);
        db.setConnectOptions(options);
        if (!db.open()) {
            const QString why = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw Error(QObject::tr("%1: cannot be opened: %2").arg(filePath, why));
        }
        try {
            work(db);
        } catch (...) {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace handoff
