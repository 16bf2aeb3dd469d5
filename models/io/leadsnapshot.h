#pragma once

// A lead's fields and custom fields as compact JSON: what an import batch keeps of each lead
// it changed, so an undo can put the lead back as it was.

#include <QByteArray>
#include <QMap>
#include <QString>

#include "store/lead.h"

namespace handoff {

namespace leadsnapshot {

QByteArray toJson(const Lead &lead, const QMap<QString, QString> &custom);
// Reads what toJson() wrote; the lead's id is left as it is.
void fromJson(const QByteArray &json, Lead *lead, QMap<QString, QString> *custom);

} // namespace leadsnapshot

} // namespace handoff
