#pragma once

// The lead fields that fit and disqualification rules may test, by their stable names
// ("title", "company_size", "email_domain", ...), with the label people see, plus the custom
// fields imports kept ("custom:Lead Quality").

#include <QStringList>

struct Lead;

namespace leadfields {

QStringList names();
// A standard field, or "custom:NAME" for a field an import kept.
bool isKnown(const QString &name);
bool isCustom(const QString &name);
QString customName(const QString &name); // "custom:Lead Quality" -> "Lead Quality"
QString customField(const QString &customName);
QString label(const QString &name);
// The field's value for one lead, as the text rules compare against.
QString value(const Lead &lead, const QString &name);

} // namespace leadfields
