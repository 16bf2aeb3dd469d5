#include "store/serverchanges.h"

#include <QRegularExpression>

namespace handoff {

namespace {
const QString Handoffs = QStringLiteral("handoffs");
} // namespace

void ServerChanges::note(const QString &payload)
{
    // Anyone allowed to connect may notify the channel: only a table name, with handoff ids
    // after it for handoffs, is taken as said; anything else makes the console read all.
    static const QRegularExpression table(QStringLiteral("^[a-z_]{1,63}$"));
    const qsizetype colon = payload.indexOf(QLatin1Char(':'));
    const QString name = colon < 0 ? payload : payload.left(colon);
    if (!table.match(name).hasMatch() || (colon >= 0 && name != Handoffs)) {
        noteEverything();
        return;
    }
    QList<qint64> ids;
    if (colon >= 0) {
        for (const QStringView id : QStringView(payload).mid(colon + 1).split(QLatin1Char(','))) {
            bool ok = false;
            const qint64 value = id.toLongLong(&ok);
            if (!ok || value <= 0) {
                noteEverything();
                return;
            }
            ids.append(value);
        }
    }
    m_tables.insert(name);
    if (name == Handoffs && ids.isEmpty())
        m_allHandoffs = true; // more rows than a payload names
    for (const qint64 id : std::as_const(ids))
        m_handoffIds.insert(id);
}

void ServerChanges::noteEverything()
{
    m_everything = true;
}

ServerChanges ServerChanges::takeNamedHandoffs()
{
    ServerChanges taken;
    if (!handoffsNamed() || !m_tables.remove(Handoffs))
        return taken;
    taken.m_tables.insert(Handoffs);
    taken.m_handoffIds = std::exchange(m_handoffIds, {});
    return taken;
}

bool ServerChanges::touches(const QString &table) const
{
    return m_everything || m_tables.contains(table);
}

} // namespace handoff
