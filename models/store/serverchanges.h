#pragma once

// What a team server said changed, gathered between two looks of a console. Every commit
// notifies the tables it wrote (the change triggers of postgresqlschema), and for handoffs
// the rows too: a claim at another desk then costs each console one handoff read, not a
// reread of every open handoff. Anything it cannot read, and a connection that was lost
// (notifications sent meanwhile are gone), counts as "everything changed".

#include <QSet>
#include <QString>

namespace handoff {

class ServerChanges
{
public:
    // One notification's payload: "table" or "handoffs:id,id,...".
    void note(const QString &payload);
    void noteEverything();

    bool isEmpty() const { return !m_everything && m_tables.isEmpty(); }
    bool everything() const { return m_everything; }
    // Whether the table may have changed.
    bool touches(const QString &table) const;
    // The handoffs that changed, when the notes named every one of them (else every open
    // handoff is read again).
    bool handoffsNamed() const { return !m_everything && !m_allHandoffs; }
    const QSet<qint64> &handoffIds() const { return m_handoffIds; }
    // Whether the notes say nothing but that `table` changed (or nothing at all).
    bool touchesOnly(const QString &table) const
    {
        return !m_everything &&
               (m_tables.isEmpty() || (m_tables.size() == 1 && m_tables.contains(table)));
    }
    // The notes of named handoffs, taken out (a desk standing by reads those at once and the
    // rest later); nothing when the handoffs that changed were not all named.
    ServerChanges takeNamedHandoffs();

private:
    bool m_everything = false;
    bool m_allHandoffs = false;
    QSet<QString> m_tables;
    QSet<qint64> m_handoffIds;
};

} // namespace handoff
