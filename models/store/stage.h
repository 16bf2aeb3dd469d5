#pragma once

// The lifecycle stages a lead moves through, with the spelling stored in the database.
// suspect -> mql -> sql -> opportunity -> won/lost, plus the side exits nurture (back to
// marketing), recycled (rejected by sales) and disqualified.

#include <optional>

#include <QString>

namespace handoff {

enum class Stage : quint8 {
    Suspect,
    Mql,
    Sql,
    Opportunity,
    Won,
    Lost,
    Nurture,
    Recycled,
    Disqualified,
};

namespace stage {

QString toString(Stage stage); // as stored: "mql"
QString label(Stage stage);    // as people read it: "MQL"
std::optional<Stage> fromString(const QString &text);
// Stages in which marketing still works the lead: the queues draw from these.
bool isOpen(Stage stage);

} // namespace stage

} // namespace handoff
