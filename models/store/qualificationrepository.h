#pragma once

// The qualification details sales receives with a lead: goals and challenges, authority,
// timeline, budget (BANT) and the answers to the fast-track questions.

#include <optional>

#include <QSqlDatabase>
#include <QString>

namespace handoff {

struct Qualification
{
    QString goals;
    QString authority;
    QString timeline;
    QString budget;
    QString signupReason; // fast track: why did they sign up?
    QString neededBy;     // fast track: how soon do they need it?
    qint64 updatedAt = 0;
    QString updatedBy;

    bool operator==(const Qualification &other) const
    {
        return goals == other.goals && authority == other.authority && timeline == other.timeline &&
               budget == other.budget && signupReason == other.signupReason &&
               neededBy == other.neededBy;
    }
};

class QualificationRepository
{
public:
    explicit QualificationRepository(QSqlDatabase db);

    // Empty details when nothing was recorded yet.
    Qualification find(qint64 leadId) const;
    void save(qint64 leadId, const Qualification &details);

private:
    QSqlDatabase m_db;
};

} // namespace handoff
