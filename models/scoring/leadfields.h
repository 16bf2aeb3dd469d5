#pragma once

// The lead fields that fit and disqualification rules may test, by their stable names
// ("title", "company_size", "email_domain", ...), with the label people see.

#include <QStringList>

struct Lead;

namespace leadfields {

QStringList names();
bool isKnown(const QString &name);
QString label(const QString &name);
// The field's value for one lead, as the text rules compare against.
QString value(const Lead &lead, const QString &name);

} // namespace leadfields
