#include "store/lead.h"

namespace handoff {

QString Lead::displayName() const
{
    // A lead imported from a system that exports only ids is still found by what it has.
    const QString name = QStringLiteral("%1 %2").arg(firstName, lastName).trimmed();
    if (!name.isEmpty())
        return name;
    return email.isEmpty() ? externalId : email;
}

QString Lead::emailDomain() const
{
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : email.mid(at + 1).trimmed().toCaseFolded();
}

} // namespace handoff
